"""Peak memory of builds of a real corpus by size (issue 18, item 1: flat memory).

Builds of 10%, 30% and 100% of ``../shared/thaigov`` (1,455 Thai government news articles; subsets
by bytes of the sorted files shuffled with a fixed seed, each with the plan
``../shared/corpus/000_c84986400c98ca88.txt``), 2 workers, a fresh process and an empty output
folder each, every default format written. Prints MB, seconds and the peak PSS of the build's
process tree (``bench_perf.timed_build``: sampled every 0.2 s, pages shared with forked workers
counted once), and the slope of the peak against the input between the two largest builds beside
the target (under 2 MiB per MB).

With ``1gb-real`` in BENCH_SIZES (or ``--1gb``) it also builds a 1 GB corpus made from the same
articles (``synth.generate(templates=../shared/thaigov)``: every copy of an article varied — dates,
numbers, body names swapped for other bodies of the registry, a few words — so no cache serves one
copy from another), written to a temporary folder and removed after; its peak (target: under
3 GB) is kept in ``benchmarks/last_1gb_real_build.json`` with the date and the commit, and every
other run prints that last figure. It takes 30-60 minutes on 2 cores.

    .venv/bin/python benchmarks/bench_real_memory.py
    BENCH_SIZES=1gb-real .venv/bin/python benchmarks/bench_real_memory.py

Skipped with a message when ../shared/thaigov is absent.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_perf import machine, timed_build, verdict  # noqa: E402

THAIGOV = ROOT.parent / "shared" / "thaigov"
PLAN = ROOT.parent / "shared" / "corpus" / "000_c84986400c98ca88.txt"
FRACTIONS = (0.1, 0.3, 1.0)
SEED = 18
LAST = HERE / "last_1gb_real_build.json"
SLOPE_TARGET = 2.0          # MiB of peak per MB of input
GB_TARGET = 3 * 2**30       # bytes of peak for the 1 GB build


def subset(folder: Path, fraction: float) -> int:
    """Links in ``folder`` to the first ``fraction`` (by bytes) of the thaigov articles in the
    fixed shuffled order, and to the plan; returns the bytes linked (the plan included)."""
    files = sorted(THAIGOV.glob("*.txt"))
    total = sum(f.stat().st_size for f in files)
    order = files[:]
    random.Random(SEED).shuffle(order)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for f in order:
        if size >= fraction * total:
            break
        (folder / f.name).symlink_to(f)
        size += f.stat().st_size
    (folder / PLAN.name).symlink_to(PLAN)
    return size + PLAN.stat().st_size


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "src"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")


def build_1gb(tmp: Path) -> tuple[int, dict, int]:
    """The 1 GB corpus made from the thaigov articles (and the plan), built once: bytes, the
    build's summary, peak PSS."""
    import shutil

    import synth
    folder = tmp / "real1gb"
    g = synth.generate(folder, target_bytes=10**9 - PLAN.stat().st_size, templates=THAIGOV)
    shutil.copy(PLAN, folder / PLAN.name)
    summary, _, peak = timed_build(folder, 2)
    shutil.rmtree(folder, ignore_errors=True)
    return g.bytes + PLAN.stat().st_size, summary, peak


def main(argv: list[str]) -> int:
    if not THAIGOV.is_dir() or not PLAN.is_file():
        print("(../shared/thaigov or its plan absent: the real-corpus memory table is skipped)")
        return 0
    big = "--1gb" in argv or "1gb-real" in os.environ.get("BENCH_SIZES", "").split(",")
    print(f"## peak memory of real-corpus builds (issue 18, item 1)\n\nmachine: {machine()}\n")
    rows = []
    with tempfile.TemporaryDirectory(prefix="aseandocs-realmem-") as tmp_s:
        tmp = Path(tmp_s)
        for fr in FRACTIONS:
            size = subset(tmp / f"sub{int(fr * 100)}", fr)
            s, _, peak = timed_build(tmp / f"sub{int(fr * 100)}", 2)
            rows.append((f"{fr:.0%} of thaigov + plan", size, s, peak))
        if big:
            size, s, peak = build_1gb(tmp)
            rows.append(("1 GB from thaigov (synth variation)", size, s, peak))
            LAST.write_text(json.dumps({
                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": commit(),
                "machine": machine(), "bytes": size, "documents": s["documents"], "measures": s["measures"],
                "events": s["events"], "links": s["links"], "seconds": s["seconds"],
                "timings": s["timings"], "peak_bytes": peak}, indent=1) + "\n", encoding="utf-8")
    print("| corpus | MB | documents | build() s | peak PSS (tree) |\n|---|---:|---:|---:|---:|")
    for label, size, s, peak in rows:
        print(f"| {label} | {size / 1e6:,.1f} | {s['documents']:,} | {s['seconds']:,.1f} | {peak / 2**20:,.0f} MiB |")
    mib_mb = lambda a, b: (b[3] - a[3]) / 2**20 / max((b[1] - a[1]) / 1e6, 1e-9)   # noqa: E731
    slope = mib_mb(rows[1], rows[2])
    print("\n| target | measured | result |\n|---|---:|---|")
    print(f"| slope of the peak, 30% -> 100% of thaigov, < {SLOPE_TARGET:g} MiB per MB | {slope:.2f} MiB/MB | "
          f"{verdict(slope < SLOPE_TARGET, 'real-corpus memory slope')} |")
    print(f"| (10% -> 100%) | {mib_mb(rows[0], rows[2]):.2f} MiB/MB | |")
    if big:
        peak = rows[-1][3]
        print(f"| 1 GB of real articles builds under 3 GB | {peak / 2**30:.2f} GiB | "
              f"{verdict(peak < GB_TARGET, '1 GB real memory')} |")
    elif LAST.is_file():
        r = json.loads(LAST.read_text(encoding="utf-8"))
        print(f"| 1 GB of real articles builds under 3 GB: last measured {r['date']} at {r['commit']} "
              f"({r['bytes'] / 1e6:,.0f} MB, {r['documents']:,} documents, {r['seconds'] / 60:.0f} min; "
              f"benchmarks/{LAST.name}; BENCH_SIZES=1gb-real measures it again) | "
              f"{r['peak_bytes'] / 2**30:.2f} GiB | {verdict(r['peak_bytes'] < GB_TARGET, '1 GB real (last)')} |")
    else:
        est = rows[2][3] + slope * 2**20 * (1e9 - rows[2][1]) / 1e6
        print(f"| 1 GB of real articles builds under 3 GB: not measured (BENCH_SIZES=1gb-real; a line "
              f"through the two largest builds gives ~{est / 2**30:.1f} GiB, not a measurement) | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
