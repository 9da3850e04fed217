"""A dead worker costs only the documents it held (issue 19, item 1).

Builds 480 documents (96 copies of each file of ../shared/corpus) with 2 workers, undisturbed and
with the busiest worker killed (SIGKILL, as the out-of-memory killer does) a third of the way in
(when a third of the documents have their cache entry), alternated over ROUNDS rounds of each; the
table keeps each kind's fastest and compares them with the target (at most 1.5x).

    .venv/bin/python benchmarks/bench_faults.py          # skips with a message without ../shared
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
COPIES = 96
ROUNDS = int(os.environ.get("BENCH_FAULT_ROUNDS", "2"))
TARGET = 1.5
CLI = [sys.executable, "-m", "aseandocs.cli"]


def make_corpus(folder: Path) -> int:
    folder.mkdir(parents=True)
    n = 0
    for src in sorted(SHARED.glob("*.txt")):
        data = src.read_bytes()
        for i in range(COPIES):
            (folder / f"{src.stem}_{i:03d}{src.suffix}").write_bytes(data)
            n += 1
    return n


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _cpu(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return -1


def run(corpus: Path, out: Path, n: int, kill: bool) -> tuple[float, dict]:
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([*CLI, "build", str(corpus), "-o", str(out), "--workers", "2", "--no-progress",
                             "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    killed = None
    while kill and killed is None and proc.poll() is None:
        done = len(list((out / "cache").glob("*.json"))) if (out / "cache").is_dir() else 0
        if done >= n // 3:
            workers = _children(proc.pid)
            if workers:
                killed = max(workers, key=_cpu)
                os.kill(killed, signal.SIGKILL)
        time.sleep(0.01)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 3):
        raise SystemExit(f"build failed ({proc.returncode}): {stderr}")
    summary = json.loads(stdout)
    return seconds, summary


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (this benchmark builds copies of ../shared/corpus)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = make_corpus(corpus)
        times: dict[bool, list[float]] = {False: [], True: []}
        summaries = {}
        for _ in range(ROUNDS):
            for kill in (False, True):
                seconds, summary = run(corpus, Path(tmp) / "out", n, kill)
                times[kill].append(seconds)
                summaries[kill] = summary
        calm, hit = min(times[False]), min(times[True])
        s = summaries[True]
        print(f"{n} documents, 2 workers, the busiest worker killed a third of the way in "
              f"(fastest of {ROUNDS} alternated rounds each)")
        print(f"| build | seconds | documents | errors | worker deaths | retried |")
        print(f"|---|---|---|---|---|---|")
        print(f"| undisturbed | {calm:.1f} | {summaries[False]['documents']} | {summaries[False]['errors']} | 0 | 0 |")
        print(f"| a worker killed | {hit:.1f} | {s['documents']} | {s['errors']} | {s['worker_deaths']} | "
              f"{len(s['retried'])} |")
        ratio = hit / calm
        verdict = "PASS" if ratio <= TARGET and s["documents"] == n else "FAIL"
        print(f"\nkilled / undisturbed: {ratio:.2f}x (target at most {TARGET}x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
