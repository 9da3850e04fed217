"""Timing shared by the benchmark scripts (each run as `python benchmarks/bench_<name>.py`)."""
from __future__ import annotations

import time
from typing import Any, Callable


def best_of(n: int, fn: Callable[..., Any], *args: Any) -> float:
    """The fastest of ``n`` runs of ``fn(*args)``, in seconds: the least disturbed by other jobs."""
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best
