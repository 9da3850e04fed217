"""The engines that run the parse jobs: ``local`` (this process, or a pool of worker processes fed
in batches through a bounded window) and ``dask`` (a dask.distributed cluster). Each maps the
jobs to (job, outcome) pairs as they finish, in any order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from ..errors import BuildError
from . import outputs
from .jobs import Job, Limits, Outcome, ParseFn, error_record, parse_cached, parse_one, parse_remote
from .settings import BuildSettings

__all__ = ["ENGINES", "ParseTask", "run_local", "run_dask", "import_later_stages"]


#: Jobs in flight per worker process (queued ahead so no worker waits for the next one).
_IN_FLIGHT = 64

#: Jobs per task sent to a worker, at most: a task per document costs the build process and the
#: worker a round trip each (a pickled call, a future, a wake-up), which a corpus of short news
#: articles pays hundreds of thousands of times.
_BATCH = 8


def _parse_batch(task: Callable[..., Outcome], jobs: list[tuple[Any, ...]]) -> list[Outcome]:
    """``task(*args)`` for each of ``jobs`` in one worker call (``run_local``)."""
    return [task(*args) for args in jobs]


def _batches(jobs: list[Job], workers: int) -> Iterator[list[Job]]:
    """``jobs`` in runs of up to ``_BATCH``, smaller when there are few jobs (every worker gets
    work, and the last tasks are short so the workers finish together)."""
    size = max(1, min(_BATCH, len(jobs) // (16 * workers)))
    for i in range(0, len(jobs), size):
        yield jobs[i:i + size]


@dataclass(frozen=True)
class ParseTask:
    """What a worker does with each job: parse it with ``parse_fn`` (default the pipeline's);
    with ``cache_dir`` and ``keys`` (given path -> cache key) it writes the cache entry itself and
    returns the compact record, with what linking needs of it when ``link``."""

    parse_fn: ParseFn | None = None
    cache_dir: str | None = None
    keys: Mapping[str, str] | None = None
    link: bool = True
    limits: Limits = Limits()

    def call(self, job: Job) -> tuple[Any, ...]:
        """(function, *arguments) that handle ``job`` in a worker."""
        if self.cache_dir is None or self.keys is None:
            return (parse_one, *job, self.parse_fn, self.limits)
        return (parse_cached, *job, self.parse_fn, self.cache_dir, self.keys[job[0]], self.link, self.limits)


def run_local(jobs: list[Job], task: ParseTask, settings: BuildSettings, *,
              pool: Callable[[], Any] | None = None,
              meanwhile: Callable[[], Any] | None = None) -> Iterator[tuple[Job, Outcome]]:
    """Parse in this process (``settings.workers`` 1) or in the process pool ``pool()`` (else one
    made here), a few jobs per task (``_batches``), each as ``task`` says. With a pool,
    ``meanwhile()`` runs here once the first tasks are sent (while the workers start)."""
    workers = settings.worker_count
    if workers <= 1:
        for job in jobs:
            fn, *args = task.call(job)
            yield job, fn(*args)
        return
    import queue
    from concurrent.futures.process import BrokenProcessPool

    broken: list[Job] = []
    own = None if pool is not None else outputs.new_pool(min(workers, len(jobs)), None)
    executor = own or pool()   # type: ignore[misc]
    fn = task.call(jobs[0])[0] if jobs else None
    try:
        # a bounded window of jobs in flight: a million queued futures would hold a million
        # results and call frames in this process. Finished futures arrive on a queue (one
        # callback each), not by waiting on every future in flight after each one.
        todo = _batches(jobs, workers)
        futures: dict[Any, list[Job]] = {}
        finished: queue.SimpleQueue[Any] = queue.SimpleQueue()
        in_flight = [0]

        def submit() -> None:
            while in_flight[0] < _IN_FLIGHT * workers:
                batch = next(todo, None)
                if batch is None:
                    return
                try:
                    fut = executor.submit(_parse_batch, fn, [task.call(job)[1:] for job in batch])
                except BrokenProcessPool:
                    broken.extend(batch)
                    continue
                futures[fut] = batch
                in_flight[0] += len(batch)
                fut.add_done_callback(finished.put)

        submit()
        if meanwhile is not None:
            meanwhile()
        while futures:
            fut = finished.get()
            batch = futures.pop(fut)
            in_flight[0] -= len(batch)
            try:
                outcomes = fut.result()
            except BrokenProcessPool:
                broken.extend(batch)
            else:
                yield from zip(batch, outcomes)
            submit()
    finally:
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)
    for job in broken:   # a worker died (a crash, out of memory): retry each alone to find the culprit
        with outputs.new_pool(1, getattr(pool, "lock_fd", None)) as alone:
            try:
                yield job, alone.submit(*task.call(job)).result()
            except BrokenProcessPool as e:
                yield job, ("error", {**error_record(job[0], e), "reason": "the worker process died "
                                      "parsing this file (crash or out of memory)"}, False)


def import_later_stages() -> None:
    """Import what this process needs after parsing (linking, the graph and the explorer: a
    tenth of a second, networkx mostly) while the workers parse, instead of after them."""
    from .. import explorer, linking  # noqa: F401
    from ..graph import build, stream  # noqa: F401


#: Seconds to wait for a dask scheduler named by its address before the build fails.
SCHEDULER_TIMEOUT = 5


def run_dask(jobs: list[Job], task: ParseTask, settings: BuildSettings, *,
             pool: Any = None, meanwhile: Any = None) -> Iterator[tuple[Job, Outcome]]:
    """Parse on a dask.distributed cluster (``settings.scheduler``, or a LocalCluster of
    ``settings.workers`` processes); each worker parses with ``task.parse_fn`` and returns the
    whole result with what linking needs of it. ``pool`` and ``meanwhile`` are the local
    engine's and not used."""
    workers, scheduler = settings.worker_count, settings.scheduler
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise BuildError("the dask engine needs dask.distributed: pip install 'aseandocs[dask]'") from e
    own: list[Any] = []
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
        own.append(cluster)
        client = Client(cluster)
        own.insert(0, client)
    elif isinstance(scheduler, str):
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise BuildError(f"cannot reach the dask scheduler at {scheduler} within {SCHEDULER_TIMEOUT} s "
                             f"({e}); check the address and that `dask scheduler` runs there") from e
        own.append(client)
    else:
        client = scheduler   # a Client the caller manages
    try:
        futures = client.map(parse_remote, [g for g, _ in jobs], [a for _, a in jobs],
                             parse_fn=task.parse_fn, limits=task.limits, pure=False)
        by_key = {f.key: job for f, job in zip(futures, jobs)}
        for fut in as_completed(futures):
            job = by_key[fut.key]
            try:
                yield job, fut.result()
            except Exception as e:   # noqa: BLE001 - a lost worker, a pickling failure
                yield job, ("error", error_record(job[0], e), False)
    finally:
        for o in own:
            o.close()


#: Engines by name (``settings.ENGINE_NAMES``): each maps (jobs, task, settings, pool=, meanwhile=) to
#: (job, outcome) pairs as the jobs finish.
ENGINES: dict[str, Callable[..., Iterator[tuple[Job, Outcome]]]] = {"local": run_local, "dask": run_dask}
