"""Incremental builds (issue 18, item 4): adding 10 articles to a built ../shared/thaigov (+ the plan
../shared/corpus/000_c84986400c98ca88.txt) takes under 25% of a full build.

The 10 articles are held out of the first build (chosen with a fixed seed, so they are real
articles the parse cache has never seen, not copies under new names). Rows:

1. the full build of the other articles and the plan (a new OUT, 2 workers);
2. the incremental build after the 10 are added (same OUT), its phases, and how many
   documents/<id>.json it rewrote;
3. the equality check: a fresh ``--force`` build of the same corpus into a new OUT given the
   same link statistics (OUT/linking.json copied, ``aseandocs.corpus.relink``) must write the
   same bytes (benchmarks/compare_builds.py, cache/ and manifest.json aside).

    python benchmarks/bench_incremental.py [--workers 2] [--keep DIR]

Skips with a message when ../shared/thaigov is absent. Ratios come from one run on this machine:
other jobs on the two cores move both builds alike.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
THAIGOV = SHARED / "thaigov"
PLAN = SHARED / "corpus" / "000_c84986400c98ca88.txt"
TARGET = 0.25
ADDED = 10
SEED = 18

sys.path.insert(0, str(ROOT / "benchmarks"))


def _build(corpus: Path, out: Path, workers: int, force: bool = False) -> tuple[float, object]:
    from aseandocs.corpus import build
    t0 = time.perf_counter()
    s = build(corpus, out, workers=workers, progress=False, force=force)
    return time.perf_counter() - t0, s


def _stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in (out / "documents").rglob("*.json")}


def run(work: Path, workers: int) -> int:
    from compare_builds import compare
    from aseandocs.corpus.relink import BASIS
    articles = sorted(THAIGOV.glob("*.txt"))
    held = set(random.Random(SEED).sample([p.name for p in articles], ADDED))
    corpus, out, fresh = work / "corpus", work / "out", work / "fresh"
    corpus.mkdir()
    for p in [*articles, PLAN]:
        if p.name not in held:
            shutil.copyfile(p, corpus / p.name)
    full_s, full = _build(corpus, out, workers)
    before = _stamps(out)
    for p in articles:
        if p.name in held:
            shutil.copyfile(p, corpus / p.name)
    inc_s, inc = _build(corpus, out, workers)
    after = _stamps(out)
    rewritten = sum(1 for k, t in after.items() if before.get(k) != t)
    fresh.mkdir()
    if (out / BASIS).exists():
        shutil.copyfile(out / BASIS, fresh / BASIS)
    _build(corpus, fresh, workers, force=True)
    problems = compare(fresh, out)
    ratio = inc_s / full_s
    print(f"../shared/thaigov + plan, {workers} workers; {ADDED} articles held out of the first build (seed {SEED})")
    print(f"{'row':<44} {'value':>10}  target")
    print(f"{'full build (' + str(full.documents) + ' documents), s':<44} {full_s:>10.2f}")
    print(f"{'incremental (+' + str(ADDED) + ' articles), s':<44} {inc_s:>10.2f}")
    print(f"{'ratio':<44} {ratio:>10.1%}  < {TARGET:.0%} {'PASS' if ratio < TARGET else 'FAIL'}")
    print(f"{'documents/*.json rewritten':<44} {rewritten:>10}  ({len(after)} in all)")
    print(f"{'equal to a fresh --force build (same basis)':<44} {'yes' if not problems else 'NO':>10}  "
          f"{'PASS' if not problems else 'FAIL'}")
    for p in problems[:20]:
        print("   ", p)
    print("incremental phases, s: " + ", ".join(f"{k} {v:.2f}" for k, v in inc.timings.items()))
    print("full build phases, s:  " + ", ".join(f"{k} {v:.2f}" for k, v in full.timings.items()))
    return 0 if not problems else 1


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    a = ap.parse_args(argv)
    if not THAIGOV.is_dir() or not PLAN.is_file():
        print(f"skipped: {THAIGOV} or {PLAN} is absent (the incremental benchmark needs ../shared)")
        return 0
    if a.keep is not None:
        a.keep.mkdir(parents=True)
        return run(a.keep, a.workers)
    with tempfile.TemporaryDirectory(prefix="aseandocs-bench-incremental.") as tmp:
        return run(Path(tmp), a.workers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
