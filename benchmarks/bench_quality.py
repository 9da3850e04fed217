"""The README's quality table, regenerated: build ../shared/corpus and score it with aseandocs.evaluate.

    .venv/bin/python benchmarks/bench_quality.py            # print the table, rewrite it in README.md
    .venv/bin/python benchmarks/bench_quality.py --print    # print it only

`make bench` runs it. The table sits in README.md between the markers ``<!-- quality-table -->`` and
``<!-- /quality-table -->``; the scores are the ones ../shared/eval/score.py prints (evaluate
computes the same numbers). Without ../shared it says so and changes nothing.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
README = ROOT / "README.md"
START, END = "<!-- quality-table -->", "<!-- /quality-table -->"


def _f(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def table(m: dict) -> str:
    left = [("measures_f1", _f(m["measures_f1"])), ("titles_acc", _f(m["titles_acc"])),
            ("activity_count_acc", _f(m["activity_count_acc"])), ("activity_text_r", _f(m["activity_text_r"]))]
    right = [("bodies_f1", _f(m["bodies_f1"])), ("doc_date_acc", _f(m["doc_date_acc"])),
             ("event_dates_p / r", f"{_f(m['event_dates_p'])} / {_f(m['event_dates_r'])}"),
             ("links_r_at3", f"{_f(m['links_r_at3'])} ({m['links_per_event']:.2f} links per event)"
              if m["links_per_event"] is not None else _f(m["links_r_at3"]))]
    rows = ["| metric | score | | metric | score |", "|---|---|---|---|---|"]
    rows += [f"| {a} | {x} | | {b} | {y} |" for (a, x), (b, y) in zip(left, right)]
    return "\n".join(rows)


def replace_table(text: str, new: str) -> str:
    """``text`` with what lies between the markers replaced by ``new``."""
    i, j = text.index(START) + len(START), text.index(END)
    return text[:i] + "\n" + new + "\n" + text[j:]


def main(argv: list[str]) -> int:
    if not (SHARED / "corpus").is_dir() or not (SHARED / "gold").is_dir():
        print("../shared/corpus or ../shared/gold is absent: the quality table is left as it is")
        return 0
    import aseandocs
    with tempfile.TemporaryDirectory() as tmp:
        aseandocs.build(SHARED / "corpus", Path(tmp) / "out", workers=2, progress=False)
        ev = aseandocs.evaluate(SHARED / "gold", Path(tmp) / "out")
    new = table(ev.metrics)
    print(new)
    if "--print" not in argv:
        text = README.read_text(encoding="utf-8")
        if START in text and END in text:
            README.write_text(replace_table(text, new), encoding="utf-8")
            print(f"{README.name}: quality table rewritten")
        else:
            print(f"{README.name}: no {START} markers; table not written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
