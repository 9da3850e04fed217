"""Cost per character by document length (issue 18, item 2): no stage may be quadratic in a
document's measures, dates or lines, so a long cabinet-meeting summary must cost no more per
character than a short news item.

Parses documents of ../shared/thaigov (BENCH_LENGTH_DOCS of them, default all, a fixed random
sample otherwise) with the per-document pipeline (read to events, no linking), one process, each
document timed alone, and prints characters per second by length bucket, beside the target:
every bucket at least 0.8x the speed of the shortest one ("no more per character", less the noise
of timing documents one by one; a quadratic stage makes a 100 KB document tens of times slower per
character than a 5 KB one).

    .venv/bin/python benchmarks/bench_lengths.py
    BENCH_LENGTH_DOCS=300 .venv/bin/python benchmarks/bench_lengths.py
"""
from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THAIGOV = ROOT.parent / "shared" / "thaigov"
BUCKETS = ((0, 5_000), (5_000, 20_000), (20_000, 80_000), (80_000, 10**9))
TARGET = 0.8


def main() -> int:
    if not THAIGOV.is_dir():
        print(f"skipped: {THAIGOV} is absent (this benchmark parses the real thaigov articles)")
        return 0
    from aseandocs.bodies import BodyRegistry
    from aseandocs.pipeline import parse
    paths = sorted(THAIGOV.glob("*.txt"))
    n = int(os.environ.get("BENCH_LENGTH_DOCS", "0") or 0)
    if n and n < len(paths):
        paths = sorted(random.Random(0).sample(paths, n))
    registry = BodyRegistry.load()
    parse(paths[0], registry=registry)                       # warm: imports, automata, dictionaries
    rows = {b: [0, 0, 0.0] for b in BUCKETS}                 # documents, characters, seconds
    for p in paths:
        t0 = time.perf_counter()
        pd = parse(p, registry=registry)
        dt = time.perf_counter() - t0
        chars = len(pd.document.text)
        for b in BUCKETS:
            if b[0] <= chars < b[1]:
                rows[b][0] += 1
                rows[b][1] += chars
                rows[b][2] += dt
    print(f"{len(paths)} documents of {THAIGOV}, the per-document pipeline, one process")
    print("| length (characters) | documents | characters | seconds | chars/s | vs shortest | target |")
    print("|---|---|---|---|---|---|---|")
    base = None
    worst = float("inf")
    for (lo, hi), (docs, chars, secs) in rows.items():
        if not docs:
            continue
        speed = chars / secs
        base = base or speed
        worst = min(worst, speed / base)
        label = f"{lo:,}–{hi:,}" if hi < 10**9 else f"{lo:,}+"
        print(f"| {label} | {docs} | {chars:,} | {secs:.1f} | {speed:,.0f} | {speed / base:.2f}x | ≥ {TARGET}x |")
    print(f"\nslowest bucket per character: {worst:.2f}x the shortest (target ≥ {TARGET}x): "
          + ("PASS" if worst >= TARGET else "FAIL"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
