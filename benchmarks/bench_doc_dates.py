"""Document dates on the real thaigov articles (issue 16, item 3).

Every article of ../shared/thaigov has its date line as line 4 ("วันพฤหัสบดีที่ 17 กันยายน 2563"). Each
file is parsed with ``aseandocs.parse`` (no build) and its ``date`` compared with that line's date;
the table prints the share that agrees, by detected kind, beside the target (>= 99.5%).

    python benchmarks/bench_doc_dates.py [DIR] [--show N]

``--show N`` lists up to N disagreeing files. Skips (exit 0) when ../shared/thaigov is absent.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import aseandocs  # noqa: E402
from aseandocs.dates import parse_date  # noqa: E402

TARGET = 0.995
DEFAULT = ROOT.parent / "shared" / "thaigov"


def expected_date(path: Path) -> str | None:
    """The date of the article's date line (line 4), None when it holds no day date."""
    lines = path.read_text("utf-8", errors="replace").splitlines()
    if len(lines) < 4:
        return None
    d = parse_date(lines[3])
    return d.value if d is not None and d.precision == "day" else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    folder = Path(args.dir)
    files = sorted(folder.glob("*.txt"))
    if not files:
        print(f"skipped: no articles in {folder}")
        return 0
    total, ok, by_kind, ok_kind, bad = 0, 0, Counter(), Counter(), []
    t0 = time.perf_counter()
    for f in files:
        want = expected_date(f)
        if want is None:
            continue
        p = aseandocs.parse(f)
        total += 1
        by_kind[p.kind] += 1
        if p.date == want:
            ok += 1
            ok_kind[p.kind] += 1
        else:
            bad.append((f.name, p.kind, want, p.date))
    secs = time.perf_counter() - t0
    share = ok / total if total else 0.0
    print(f"{'articles with a date line':<34}{total:>8}")
    for kind in sorted(by_kind, key=str):
        print(f"  {'kind ' + str(kind):<32}{ok_kind[kind]:>8} / {by_kind[kind]:<6}"
              f"{ok_kind[kind] / by_kind[kind]:>8.1%}")
    print(f"{'date = date line':<34}{ok:>8}{share:>16.2%}   target >= {TARGET:.1%}   "
          f"{'PASS' if share >= TARGET else 'FAIL'}")
    print(f"{'parse time':<34}{secs:>8.1f} s")
    for name, kind, want, got in bad[:args.show]:
        print(f"  {name}  kind={kind}  line 4={want}  date={got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
