"""Outputs and explorer of a real corpus (issue 18, items 5 and 7), on the build of ../shared/thaigov
+ the plan ../shared/corpus/000_c84986400c98ca88.txt with every format written:

- the size of each output beside the input (target: all of them, cache/ aside, <= 5x the input);
- the explorer: index.html <= 10 MB, ready in headless Chromium in <= 3 s, using <= 500 MB (the
  sum of the resident memory of Chromium's processes, sampled every 20 ms; "ready" is the page's
  own clock, from the start of navigation to the moment its plans and first outline are shown,
  and the wall time of the whole headless run is printed beside it), best of 3 runs.

    python benchmarks/bench_real_outputs.py [--out OUT]

Without --out the corpus is built (every format) into $BENCH_OUTPUTS_OUT (default
/tmp/aseandocs-bench-outputs; kept). Skips with a message when ../shared/thaigov is absent.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_queries import PLAN, THAIGOV, corpus_folder  # noqa: E402

FORMATS = "graph-json,graphml,gexf,sqlite,html,parquet"


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def chromium_run(page: Path) -> tuple[float, float, float]:
    """(ready ms by the page's clock, wall seconds of the headless run, peak MB of the process tree)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    profile = tempfile.mkdtemp(prefix="aseandocs-chromium-")
    args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
            "--virtual-time-budget=3000", "--dump-dom", page.resolve().as_uri()]
    dump = Path(profile) / "dom.html"     # a file, not a pipe: the dump is larger than a pipe's buffer
    t0 = time.perf_counter()
    with open(dump, "w") as sink:
        proc = subprocess.Popen(args, stdout=sink, stderr=subprocess.DEVNULL)
        peak = _watch(proc)
    dom = dump.read_text(encoding="utf-8", errors="replace")
    wall = time.perf_counter() - t0
    shutil.rmtree(profile, ignore_errors=True)
    m = re.search(r'data-ready="([\d.]+)"', dom) or re.search(r'data-ms="([\d.]+)"', dom)
    return (float(m.group(1)) if m else float("nan")), wall, peak / 2**20


def _pss(p: "psutil.Process") -> int:  # noqa: F821
    """A process's proportional set size (its share of memory shared with the others: summing
    RSS would count Chromium's shared libraries once per process); RSS where PSS is unknown."""
    try:
        return p.memory_full_info().pss
    except Exception:  # noqa: BLE001 - a process gone, or no /proc/<pid>/smaps access
        try:
            return p.memory_info().rss
        except Exception:  # noqa: BLE001
            return 0


def _watch(proc: subprocess.Popen) -> int:
    """The peak of the resident memory of ``proc`` and its children until it exits, in bytes."""
    import psutil
    peak = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(_pss(p) for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.02)
    return peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    if not THAIGOV.is_dir() or not PLAN.is_file():
        print(f"skipped: {THAIGOV} or {PLAN} is absent (the real-corpus rows need ../shared)")
        return 0
    out = a.out or Path(os.environ.get("BENCH_OUTPUTS_OUT", Path(tempfile.gettempdir()) / "aseandocs-bench-outputs"))
    if a.out is None:
        from aseandocs.corpus import build
        t0 = time.perf_counter()
        s = build(corpus_folder(), out, workers=2, progress=False, formats=FORMATS)
        print(f"build: {s.documents} documents, {s.cached} from cache, {time.perf_counter() - t0:.1f} s -> {out}")
    source = sum(p.stat().st_size for p in THAIGOV.glob("*.txt")) + PLAN.stat().st_size
    names = ["documents", "graph.json", "graph.graphml", "graph.gexf", "aseandocs.sqlite", "index.html", "parquet"]
    total = 0
    print(f"\noutputs of {out} beside the input ({source / 1e6:.1f} MB); target: all but cache/ <= 5x")
    print(f"{'output':<18} {'MB':>8} {'x input':>8}")
    for n in names:
        b = size(out / n)
        total += b
        print(f"{n:<18} {b / 1e6:8.1f} {b / source:8.2f}")
    print(f"{'all (cache aside)':<18} {total / 1e6:8.1f} {total / source:8.2f}  {'PASS' if total <= 5 * source else 'FAIL'}")
    print(f"{'cache/':<18} {size(out / 'cache') / 1e6:8.1f} {size(out / 'cache') / source:8.2f}")
    page = out / "index.html"
    mb = size(page) / 1e6
    print(f"\nexplorer {page}: {mb:.1f} MB (target <= 10 MB) {'PASS' if mb <= 10 else 'FAIL'}")
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("skipped: no chromium binary for the load rows (apt-get install chromium)")
        return 0
    try:
        import psutil  # noqa: F401
    except ImportError:
        print("skipped: psutil is needed to sample Chromium's memory")
        return 0
    blank = Path(tempfile.mkdtemp()) / "blank.html"
    blank.write_text("<!doctype html><title>blank</title><p id=status>ready", encoding="utf-8")
    runs, blanks = [], []
    for _ in range(3):            # interleaved with an empty page: Chromium's own share
        runs.append(chromium_run(page))
        blanks.append(chromium_run(blank))
    ready = min(r[0] for r in runs) / 1000
    wall = min(r[1] for r in runs)
    peak = min(r[2] for r in runs)
    print(f"{'ready (page clock)':<22} {ready:7.2f} s   target <= 3 s    {'PASS' if ready <= 3 else 'FAIL'}")
    print(f"{'headless run (wall)':<22} {wall:7.2f} s   (Chromium start and exit included)")
    print(f"{'memory (process tree)':<22} {peak:7.0f} MB  target <= 500 MB {'PASS' if peak <= 500 else 'FAIL'}"
          f"   (an empty page: {min(b[2] for b in blanks):.0f} MB)")
    print("(best of 3 runs; every run: " + ", ".join(f"{r[0] / 1000:.2f} s/{r[1]:.1f} s/{r[2]:.0f} MB" for r in runs) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
