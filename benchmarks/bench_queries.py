"""Queries from the store (issue 18, item 6): `graph show/body/search/timeline` on the build of
../shared/thaigov + the plan ../shared/corpus/000_c84986400c98ca88.txt, target <= 0.3 s each.

Each row times one query as the CLI runs it, in a fresh MeasureGraph each time: opening the build
and answering (best and median of 7, interleaved with the other queries so a burst of load from
other jobs on the machine hits every row alike), then the same query answered from graph.json
(`MeasureGraph.load(OUT, store=False)`: the way before the store, once per query, as it takes
seconds), and the whole `aseandocs graph ...` command (a new process: Python start and imports
included). The two answers are compared (equal or the row says DIFFERENT).

    python benchmarks/bench_queries.py [--out OUT]   # OUT: a build of that corpus to reuse

Without --out the corpus is built into $BENCH_QUERIES_OUT (default /tmp/aseandocs-bench-queries;
kept, so a second run only checks the cache). Skips with a message when ../shared/thaigov is absent.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
THAIGOV = SHARED / "thaigov"
PLAN = SHARED / "corpus" / "000_c84986400c98ca88.txt"
TARGET = 0.3
RUNS = 7


def corpus_folder() -> Path:
    """The thaigov articles and the plan in one folder (symbolic links, nothing copied)."""
    folder = Path(tempfile.gettempdir()) / "aseandocs-bench-queries-corpus"
    folder.mkdir(exist_ok=True)
    for src in [*sorted(THAIGOV.glob("*.txt")), PLAN]:
        link = folder / src.name
        if not link.exists():
            link.symlink_to(src.resolve())
    return folder


def ensure_build(out: Path) -> None:
    from aseandocs.corpus import build
    t0 = time.perf_counter()
    s = build(corpus_folder(), out, workers=2, progress=False)
    print(f"build: {s.documents} documents, {s.cached} from cache, {time.perf_counter() - t0:.1f} s -> {out}")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    if not THAIGOV.is_dir() or not PLAN.is_file():
        print(f"skipped: {THAIGOV} or {PLAN} is absent (the real-corpus rows need ../shared)")
        return 0
    out = a.out or Path(os.environ.get("BENCH_QUERIES_OUT", Path(tempfile.gettempdir()) / "aseandocs-bench-queries"))
    if a.out is None:
        ensure_build(out)
    from aseandocs.graph import MeasureGraph
    from aseandocs.store import query
    plan = PLAN.stem
    busiest = query(out, "SELECT body FROM event_bodies GROUP BY body ORDER BY count(*) DESC, body LIMIT 1")[1][0][0]
    cases: list[tuple[str, Callable[[MeasureGraph], Any], list[str]]] = [
        ("graph show 1.3.1", lambda g: g.measure("1.3.1", plan=plan), ["show", "1.3.1", "--plan", plan]),
        (f"graph body {busiest}", lambda g: g.body(busiest), ["body", busiest]),
        ("graph search ความมั่นคง", lambda g: list(g.search("ความมั่นคง")), ["search", "ความมั่นคง"]),
        ("graph search maritime", lambda g: list(g.search("maritime")), ["search", "maritime"]),
        ("graph timeline", lambda g: list(g.timeline()), ["timeline"]),
        (f"graph timeline --body {busiest}", lambda g: list(g.timeline(body=busiest)), ["timeline", "--body", busiest]),
    ]
    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    answers: dict[str, Any] = {}
    for _ in range(RUNS):                       # interleaved: one of each query per round
        for name, fn, _ in cases:
            t, answers[name] = timed(lambda: fn(MeasureGraph.load(out)))
            times[name].append(t)
    cli = [str(Path(sys.executable).with_name("aseandocs"))]
    rows = []
    for name, fn, args in cases:
        t_graph, from_graph = timed(lambda: fn(MeasureGraph.load(out, store=False)))
        t_cli = min(timed(lambda: subprocess.run([*cli, "graph", *args, "-o", str(out)], capture_output=True,
                                                 check=True))[0] for _ in range(3))
        best, median = min(times[name]), statistics.median(times[name])
        same = "equal" if from_graph == answers[name] else "DIFFERENT"
        rows.append((name, best, median, max(times[name]), t_graph, t_cli, same,
                     "PASS" if median <= TARGET and same == "equal" else "FAIL"))
    print(f"\nqueries on {out} (store {os.path.getsize(out / 'aseandocs.sqlite') / 1e6:.0f} MB, "
          f"graph.json {os.path.getsize(out / 'graph.json') / 1e6:.0f} MB); target <= {TARGET} s")
    print(f"{'query':<34} {'best':>7} {'median':>7} {'worst':>7} {'graph.json':>10} {'CLI':>6}  answers  target")
    for name, best, median, worst, t_graph, t_cli, same, ok in rows:
        print(f"{name:<34} {best:7.3f} {median:7.3f} {worst:7.3f} {t_graph:10.2f} {t_cli:6.2f}  {same:<8} {ok}")
    print("(seconds; best/median/worst of 7 interleaved store runs, each opening the build afresh; "
          "graph.json: the same query after loading graph.json; CLI: the whole command, best of 3)")
    return 0 if all(r[-1] == "PASS" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
