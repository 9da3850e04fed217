"""Speed on a real corpus (issue 18, item 3): the per-document pipeline beside pythainlp's newmm, the
build's MB/s with 1 and 2 workers, and Dask on one machine beside the local engine.

    python benchmarks/bench_real_speed.py

1. Stages on the ../shared/thaigov articles: newmm chars/s on the normalised text (the reference),
   then each stage (read, normalise, plan parsing, body recognition, events) and the whole
   per-document pipeline (``aseandocs.parse``: read to events, no linking), their chars/s and
   their ratio to newmm (target: the pipeline >= 2.5x). Interleaved rounds, every stage once per
   round, newmm first; the best of BENCH_REAL_ROUNDS rounds (default 2).
2. Builds of ../shared/thaigov + the plan ../shared/corpus/000_c84986400c98ca88.txt (every
   default stage and format on), each in a fresh process into an empty folder, in
   BENCH_REAL_BUILD_ROUNDS rounds (default 2) of: 1 worker, 2 workers, and 2 workers on a Dask
   LocalCluster (``--engine dask``; skipped with a message when dask.distributed is missing),
   local and Dask taking turns to run first.
   Targets: >= 2 MB/s with 2 workers; 2 workers >= 1.8x one; Dask no slower than local and at
   most 1.3x its peak memory (PSS of the whole process tree, sampled every 0.2 s).

BENCH_REAL_DOCS=N takes N articles (a fixed-seed sample) for a quick stage table. Skips with a
message when ../shared is absent.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_perf import _tree_rss, machine  # noqa: E402
from bench_queries import PLAN, THAIGOV, corpus_folder  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_REAL_ROUNDS", "2"))
BUILD_ROUNDS = int(os.environ.get("BENCH_REAL_BUILD_ROUNDS", "2"))
DOCS = int(os.environ.get("BENCH_REAL_DOCS", "0"))
PIPELINE_TARGET = 2.5
MBS_TARGET = 2.0
SPEEDUP_TARGET = 1.8
DASK_MEMORY_TARGET = 1.3
FAILED: list[str] = []


def verdict(ok: bool, what: str) -> str:
    if not ok:
        FAILED.append(what)
    return "PASS" if ok else "FAIL"


def articles() -> list[Path]:
    paths = sorted(THAIGOV.glob("*.txt"))
    if DOCS:
        paths = random.Random(18).sample(paths, min(DOCS, len(paths)))
    return paths


def stage_table(paths: list[Path]) -> None:
    from pythainlp.tokenize import word_tokenize

    from aseandocs.bodies import BodyRegistry
    from aseandocs.news import analyse
    from aseandocs.pipeline import normalize_document, parse
    from aseandocs.plans import parse_plan
    from aseandocs.readers import read

    reg = BodyRegistry.load()
    raw = [read(p) for p in paths]
    docs = [normalize_document(d) for d in raw]
    del raw
    chars = sum(len(d.text) for d in docs)
    measures = [parse_plan(d) for d in docs]
    mentions = [reg.find(d.text) for d in docs]

    def events() -> None:
        for d, ms, mn in zip(docs, measures, mentions):
            analyse(d, mn, ms)

    stages: dict[str, Callable[[], object]] = {
        "newmm tokenisation (reference)": lambda: [word_tokenize(d.text, engine="newmm") for d in docs],
        "read": lambda: [read(p) for p in paths],
        "normalise": lambda: [normalize_document(read(p)) for p in paths],
        "plan parsing": lambda: [parse_plan(d) for d in docs],
        "body recognition": lambda: [reg.find(d.text) for d in docs],
        "events (kind, title, date, events)": events,
        "whole per-document pipeline": lambda: [parse(p, registry=reg) for p in paths],
    }
    times = {k: [] for k in stages}
    for _ in range(ROUNDS):             # interleaved: a burst of load slows a round, not a stage
        for k, fn in stages.items():
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    best = {k: min(v) for k, v in times.items()}
    # "normalise" was timed with its read: the read's own time is taken off
    best["normalise"] = max(best["normalise"] - best["read"], 1e-9)
    newmm = best["newmm tokenisation (reference)"]
    print(f"\n### per-document stages on ../shared/thaigov: {len(paths)} articles, {chars:,} characters "
          f"(normalised), best of {ROUNDS} interleaved rounds\n")
    print("| stage | seconds (best) | spread of rounds | characters/s | x newmm | target | result |\n"
          "|---|---:|---:|---:|---:|---:|---|")
    for k, t in best.items():
        ratio = newmm / t
        spread = f"{max(times[k]) / min(times[k]):.2f}x" if k != "normalise" else "(a difference)"
        tgt = PIPELINE_TARGET if k == "whole per-document pipeline" else None
        res = verdict(ratio >= tgt, "pipeline >= 2.5x newmm") if tgt else ""
        print(f"| {k} | {t:.2f} | {spread} | {chars / t:,.0f} | {ratio:.2f} | "
              f"{f'>= {tgt}x' if tgt else ''} | {res} |")
    print("\n(normalise: read + normalise minus read; the stages after it run on the normalised text; "
          "spread: slowest round / fastest, the machine's noise)")


_RUN = ("import json, sys; from aseandocs.corpus import build; "
        "s = build(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]), engine=sys.argv[4], progress=False); "
        "print(json.dumps(s.to_dict()))")


def timed_build(corpus: Path, workers: int, engine: str) -> tuple[dict, float, int]:
    """One build in a fresh process into an empty folder: summary, wall seconds, peak PSS (bytes)."""
    with tempfile.TemporaryDirectory(prefix="aseandocs-bench-speed-") as tmp:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _RUN, str(corpus), str(Path(tmp) / "out"), str(workers), engine],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak = [0]

        def sample() -> None:
            while proc.poll() is None:
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                time.sleep(0.2)
        th = threading.Thread(target=sample, daemon=True)
        th.start()
        out, err = proc.communicate()
        wall = time.perf_counter() - t0
        th.join()
    if proc.returncode != 0:
        raise RuntimeError(f"build failed: {err[-2000:]}")
    return json.loads(out.strip().splitlines()[-1]), wall, peak[0]


def build_tables() -> None:
    corpus = corpus_folder()
    size = sum(p.stat().st_size for p in corpus.iterdir())
    try:
        import distributed  # noqa: F401
        kinds = [(1, "local"), (2, "local"), (2, "dask")]
    except ImportError:
        print("\n(dask.distributed is not installed: the Dask rows are skipped; pip install 'aseandocs[dask]')")
        kinds = [(1, "local"), (2, "local")]
    runs: dict[tuple[int, str], list[tuple[dict, float, int]]] = {k: [] for k in kinds}
    for r in range(BUILD_ROUNDS):
        # the two compared (2 workers, local and Dask) take turns to run first, so whatever the
        # build before leaves the next to pay (a folder of outputs to delete and write back, on
        # a machine that slows under long load) falls on each in turn
        for k in kinds if r % 2 == 0 else kinds[:1] + kinds[1:][::-1]:
            runs[k].append(timed_build(corpus, *k))
    print(f"\n### builds of ../shared/thaigov + the plan: {size / 1e6:.1f} MB, every default stage, "
          f"{BUILD_ROUNDS} rounds alternated\n")
    print("| workers | engine | build() s, each round | MB/s (fastest) | parse | documents | exports | store | "
          "commit | peak PSS (highest) |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    fastest = {}
    for k, rs in runs.items():
        s, _, _ = min(rs, key=lambda r: r[0]["seconds"])
        peak = max(r[2] for r in rs)
        fastest[k] = (s["seconds"], peak)
        tm = s["timings"]
        each = ", ".join(f"{r[0]['seconds']:.1f}" for r in rs)
        print(f"| {k[0]} | {k[1]} | {each} | {size / 1e6 / s['seconds']:.2f} | "
              + " | ".join(f"{tm.get(p, 0):.1f}" for p in ("parse", "documents", "exports", "store", "commit"))
              + f" | {peak / 2**20:,.0f} MiB |")
    one, two = fastest[(1, "local")], fastest[(2, "local")]
    rounds = [a[0]["seconds"] / b[0]["seconds"] for a, b in zip(runs[(1, "local")], runs[(2, "local")])]
    print("\n| target | measured | result |\n|---|---:|---|")
    print(f"| build with 2 workers >= {MBS_TARGET} MB/s | {size / 1e6 / two[0]:.2f} MB/s | "
          f"{verdict(size / 1e6 / two[0] >= MBS_TARGET, 'build MB/s')} |")
    print(f"| 2 workers >= {SPEEDUP_TARGET}x one (fastest against fastest; each round: "
          f"{', '.join(f'{r:.2f}' for r in rounds)}) | {one[0] / two[0]:.2f}x | "
          f"{verdict(one[0] / two[0] >= SPEEDUP_TARGET, '2 workers speed-up')} |")
    if (2, "dask") in fastest:
        dk = fastest[(2, "dask")]
        med = statistics.median(r[0]["seconds"] for r in runs[(2, "dask")]) / statistics.median(
            r[0]["seconds"] for r in runs[(2, "local")])
        print(f"| Dask (2 workers) no slower than local (median ratio {med:.2f}) | {dk[0] / two[0]:.2f}x the time | "
              f"{verdict(dk[0] <= two[0] * 1.0, 'dask time')} |")
        print(f"| Dask peak memory <= {DASK_MEMORY_TARGET}x local's | {dk[1] / max(two[1], 1):.2f}x | "
              f"{verdict(dk[1] <= DASK_MEMORY_TARGET * two[1], 'dask memory')} |")


def main() -> int:
    if not THAIGOV.is_dir() or not PLAN.is_file():
        print(f"skipped: {THAIGOV} or {PLAN} is absent (the real-corpus speed tables need ../shared)")
        return 0
    print(f"## speed on a real corpus (issue 18, item 3)\n\nmachine: {machine()}")
    stage_table(articles())
    if os.environ.get("BENCH_REAL_BUILDS", "1") != "0":
        build_tables()
    print(f"\n{'all targets met' if not FAILED else 'targets missed: ' + '; '.join(FAILED)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
