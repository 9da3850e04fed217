"""The engines that run the parse jobs: ``local`` (this process, or a pool of worker processes fed
in batches through a bounded window) and ``dask`` (a dask.distributed cluster). Each maps the
jobs to (job, outcome) pairs as they finish, in any order."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from .._atomic import TEMP_SUFFIX
from ..errors import BuildError
from . import outputs
from .jobs import Job, Limits, Outcome, ParseFn, error_record, parse_cached, parse_one, parse_remote
from .settings import BuildSettings

__all__ = ["ENGINES", "ParseTask", "WorkerDeaths", "DIED", "run_local", "run_dask", "import_later_stages"]


#: Jobs in flight per worker process (queued ahead so no worker waits for the next one).
_IN_FLIGHT = 64

#: Jobs per task sent to a worker, at most: a task per document costs the build process and the
#: worker a round trip each (a pickled call, a future, a wake-up), which a corpus of short news
#: articles pays hundreds of thousands of times.
_BATCH = 8

#: Jobs per task on the build's own dask cluster, at most. A dask task costs more than a pool's
#: (the scheduler's transitions, a gather through it, the client's bookkeeping, all in the build
#: process, which shares the machine's cores with the workers): at 8 jobs a task, parsing thaigov
#: took about a tenth longer (fastest of 3 interleaved builds, 20.0 s against 18.7).
_DASK_BATCH = 32


def _parse_batch(task: Callable[..., Outcome], jobs: list[tuple[Any, ...]], batch: int = -1,
                 marks: str | None = None) -> list[Outcome]:
    """``task(*args)`` for each of ``jobs`` in one worker call (``run_local``). With ``marks`` (a
    folder), the worker first writes the number of the ``batch`` it starts into ``marks/<pid>``:
    when a worker dies, the build can tell the batches that were running from those only queued."""
    if marks is not None:
        with open(os.path.join(marks, str(os.getpid())), "w", encoding="ascii") as f:
            f.write(str(batch))
    return [task(*args) for args in jobs]


def _size(job: Job) -> int:
    try:
        return os.stat(job[1]).st_size
    except OSError:
        return 0


def largest_first(jobs: list[Job]) -> list[Job]:
    """``jobs`` by the size of their file, largest first (ties, and files that cannot be read, in
    their order). A worker that takes a long document last keeps the others waiting: a corpus in
    date order puts a year's longest cabinet summaries at its end. Largest first, the last tasks
    are the shortest and the workers finish together (longest processing time first)."""
    return sorted(jobs, key=_size, reverse=True)


#: Bytes of input per task on the build's own dask cluster, at most (a larger file is a task of
#: its own): a task of 32 documents is a second's work when they are news items and several when
#: they are a year's longest cabinet summaries, which left one worker parsing them alone at the
#: end. Tasks of about equal work, largest first, end together.
_DASK_TASK_BYTES = 1 << 20


def _packed(jobs: list[Job], workers: int, most: int, budget: int) -> Iterator[list[Job]]:
    """``jobs`` largest first, in runs of up to ``most`` jobs and about ``budget`` bytes of input
    (a run ends at the job that reaches it), fewer jobs a run when there are few (``_batches``)."""
    most = _run_size(len(jobs), workers, most)
    run: list[Job] = []
    held = 0
    for job, size in sorted(((j, _size(j)) for j in jobs), key=lambda js: js[1], reverse=True):
        run.append(job)
        held += size
        if len(run) >= most or held >= budget:
            yield run
            run, held = [], 0
    if run:
        yield run


def _run_size(jobs: int, workers: int, most: int) -> int:
    """Jobs a task: ``most``, fewer when there are few jobs (16 tasks a worker at least)."""
    return max(1, min(most, jobs // (16 * workers)))


def _batches(jobs: list[Job], workers: int, most: int = _BATCH) -> Iterator[list[Job]]:
    """``jobs`` in runs of up to ``most``, smaller when there are few jobs (every worker gets
    work, and the last tasks are short so the workers finish together)."""
    size = _run_size(len(jobs), workers, most)
    for i in range(0, len(jobs), size):
        yield jobs[i:i + size]


@dataclass(frozen=True)
class ParseTask:
    """What a worker does with each job: parse it with ``parse_fn`` (default the pipeline's);
    with ``cache_dir`` and ``keys`` (given path -> cache key) it writes the cache entry itself and
    returns the compact record, with what linking needs of it when ``link``. ``ids`` (given path
    -> document id, ``walk.document_id``) names each document by its path in the corpus; a path
    not in it keeps the reader's id (its file stem)."""

    parse_fn: ParseFn | None = None
    cache_dir: str | None = None
    keys: Mapping[str, str] | None = None
    link: bool = True
    limits: Limits = Limits()
    ids: Mapping[str, str] | None = None

    def doc_id(self, given: str) -> str | None:
        return self.ids.get(given) if self.ids is not None else None

    def call(self, job: Job) -> tuple[Any, ...]:
        """(function, *arguments) that handle ``job`` in a worker."""
        if self.cache_dir is None or self.keys is None:
            return (parse_one, *job, self.parse_fn, self.limits, self.doc_id(job[0]))
        return (parse_cached, *job, self.parse_fn, self.cache_dir, self.keys[job[0]], self.link, self.limits,
                self.doc_id(job[0]))


#: The reason a document fails with when it killed its worker process twice.
DIED = "the worker processing it died: out of memory?"


class WorkerDeaths:
    """What the local engine tells the build about worker processes that died: how many times a
    pool lost a worker, the documents that were running then (retried alone), and those that
    killed their worker again (failed)."""

    def __init__(self) -> None:
        self.deaths = 0
        self.retried: list[str] = []
        self.failed: list[str] = []


def run_local(jobs: list[Job], task: ParseTask, settings: BuildSettings, *,
              pool: Callable[[], Any] | None = None, meanwhile: Callable[[], Any] | None = None,
              deaths: WorkerDeaths | None = None) -> Iterator[tuple[Job, Outcome]]:
    """Parse in this process (``settings.workers`` 1) or in the process pool ``pool()`` (else one
    made here), a few jobs per task (``_batches``), each as ``task`` says. With a pool,
    ``meanwhile()`` runs here once the first tasks are sent (while the workers start).

    A worker that dies (the out-of-memory killer, a crash in a C extension) costs only the
    documents it held: the pool is replaced and parsing goes on at full width; the batches that
    were queued are sent again, and the documents of the batches that were running are each
    parsed again alone in a process of their own, where a second death names the culprit, which
    then fails with ``DIED``. ``deaths`` (a ``WorkerDeaths``) is told what happened."""
    workers = settings.worker_count
    if workers <= 1:
        for job in jobs:
            fn, *args = task.call(job)
            yield job, fn(*args)
        return
    yield from _Local(jobs, task, workers, pool, deaths or WorkerDeaths()).run(meanwhile)


class _Local:
    """The local engine with a pool: a bounded window of batches in flight, a replacement pool
    when a worker dies, and a one-process pool where suspects are parsed again alone."""

    def __init__(self, jobs: list[Job], task: ParseTask, workers: int, pool: Callable[[], Any] | None,
                 deaths: WorkerDeaths) -> None:
        import collections
        import queue
        self.task, self.workers, self.pool, self.deaths = task, workers, pool, deaths
        self.lock_fd = getattr(pool, "lock_fd", None)
        self.own = pool is None
        self.executor = outputs.new_pool(min(workers, len(jobs)), None) if self.own else pool()  # type: ignore[misc]
        self.alone: Any = None                 # the one-process pool of suspects
        self.todo = collections.deque(enumerate(_batches(largest_first(jobs), workers)))
        self.futures: dict[Any, tuple[int, list[Job], int]] = {}   # future -> (batch, jobs, generation)
        self.finished: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.in_flight = 0
        self.generation = 0                     # how many pools died so far
        self.started: dict[int, set[int]] = {}  # generation -> the batches running when its pool died
        self.marks = tempfile.mkdtemp(prefix=".running.", suffix=TEMP_SUFFIX, dir=task.cache_dir)
        self.fn = task.call(jobs[0])[0] if jobs else None

    def run(self, meanwhile: Callable[[], Any] | None) -> Iterator[tuple[Job, Outcome]]:
        from concurrent.futures.process import BrokenProcessPool
        try:
            self.submit()
            if meanwhile is not None:
                meanwhile()
            while self.futures:
                fut = self.finished.get()
                entry = self.futures.pop(fut, None)
                if entry is None:
                    continue                     # a suspect of a dead one-process pool, sent again
                batch, jobs, generation = entry
                alone = generation < 0
                if not alone:
                    self.in_flight -= len(jobs)
                try:
                    outcomes = fut.result()
                except BrokenProcessPool:
                    if alone:
                        yield from self.culprit(jobs[0])
                    else:
                        self.lost(batch, jobs, generation)
                else:
                    yield from zip(jobs, outcomes)
                self.submit()
        finally:
            if self.own:
                self.executor.shutdown(wait=True, cancel_futures=True)
            if self.alone is not None:
                self.alone.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(self.marks, ignore_errors=True)

    def submit(self) -> None:
        """Fill the window of batches in flight."""
        from concurrent.futures.process import BrokenProcessPool
        while self.todo and self.in_flight < _IN_FLIGHT * self.workers:
            batch, jobs = self.todo.popleft()
            try:
                fut = self.executor.submit(_parse_batch, self.fn, [self.task.call(j)[1:] for j in jobs],
                                           batch, self.marks)
            except (BrokenProcessPool, RuntimeError):
                self.todo.appendleft((batch, jobs))
                self.replace(self.generation)
                continue
            self.futures[fut] = (batch, jobs, self.generation)
            self.in_flight += len(jobs)
            fut.add_done_callback(self.finished.put)

    def replace(self, generation: int) -> None:
        """The pool of ``generation`` lost a worker: note which batches were running, start anew."""
        if generation != self.generation:
            return                               # replaced already
        self.started[generation] = self._running()
        self.deaths.deaths += 1
        self.generation += 1
        if self.own:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = outputs.new_pool(self.workers, None)
        else:
            self.executor = self.pool()          # LazyPool replaces a broken pool  # type: ignore[misc]

    def _running(self) -> set[int]:
        found = set()
        for name in os.listdir(self.marks):
            try:
                with open(os.path.join(self.marks, name), encoding="ascii") as f:
                    found.add(int(f.read() or -1))
            except (OSError, ValueError):
                pass
        return found

    def lost(self, batch: int, jobs: list[Job], generation: int) -> None:
        """A batch of a pool that died: sent again if it was only queued; if it was running, each
        of its documents is parsed again alone."""
        self.replace(generation)
        if batch not in self.started.get(generation, set()):
            self.todo.appendleft((batch, jobs))
            return
        for job in jobs:
            self.deaths.retried.append(job[0])
            self._alone(job)

    def _alone(self, job: Job) -> None:
        if self.alone is None:
            self.alone = outputs.new_pool(1, self.lock_fd)
        fut = self.alone.submit(_parse_batch, self.fn, [self.task.call(job)[1:]])
        self.futures[fut] = (-1, [job], -1)
        fut.add_done_callback(self.finished.put)

    def culprit(self, job: Job) -> Iterator[tuple[Job, Outcome]]:
        """``job`` killed its worker again, alone this time: it fails, and the other suspects go on
        in a new one-process pool."""
        self.deaths.deaths += 1
        self.deaths.failed.append(job[0])
        pending = [(f, j) for f, (_, j, g) in list(self.futures.items()) if g < 0]
        for f, _ in pending:
            del self.futures[f]
        self.alone.shutdown(wait=False, cancel_futures=True)
        self.alone = None
        for _, jobs in pending:                   # the suspects queued behind it, sent again
            self._alone(jobs[0])
        yield job, ("error", {**error_record(job[0], RuntimeError(DIED)), "error": "WorkerDied",
                              "reason": DIED, "hint": "the file may need more memory than this machine "
                              "has: split it, or build it alone with fewer workers"}, False)


def import_later_stages() -> None:
    """Import what this process needs after parsing (linking, the graph and the explorer: a
    tenth of a second, networkx mostly) while the workers parse, instead of after them."""
    from .. import explorer, linking  # noqa: F401
    from ..graph import build, stream  # noqa: F401


#: The build's own LocalCluster has no dashboard, so nothing reads what its processes measure for
#: one: the workers' stack sampling (every 10 ms), the event-loop ticks (every 20 ms), the system
#: and memory monitors. Measured on thaigov, they cost its workers 5% more CPU than the local
#: engine's. A cluster at ``settings.scheduler`` keeps its own configuration.
_QUIET = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
          "distributed.admin.system-monitor.interval": "5s",
          "distributed.worker.memory.monitor-interval": "1s"}


@contextlib.contextmanager
def _own_cluster(local_cluster: Any, workers: int) -> Iterator[tuple[Any, bool]]:
    """The build's own LocalCluster of ``workers`` processes, quiet (``_QUIET``), and whether its
    workers are forked (dask starts them by ``distributed.worker.multiprocessing-method``, spawn
    unless the caller's configuration says otherwise); closed on exit. The configuration stays
    set while the cluster lives, since a nanny reads it again when it starts a worker that died,
    and the caller's is put back on exit."""
    import dask
    with dask.config.set(_QUIET):
        forked = dask.config.get("distributed.worker.multiprocessing-method") == "fork"
        with local_cluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster:
            yield cluster, forked


def _build_watch(lock_fd: int | None, parent: int) -> Any:
    """A worker plugin running ``outputs.worker_init(lock_fd, parent)`` on each worker of the
    build's own cluster as it starts: the first ones, and any its nanny starts again after one
    died (a forked one has a copy of the lock and the build's SIGTERM handler to drop)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class WatchTheBuild(WorkerPlugin):
        name = "aseandocs-watch-the-build"

        def setup(self, worker: Any) -> None:
            outputs.worker_init(lock_fd, parent)

    return WatchTheBuild()


#: Seconds to wait for a dask scheduler named by its address before the build fails.
SCHEDULER_TIMEOUT = 5


def run_dask(jobs: list[Job], task: ParseTask, settings: BuildSettings, *,
             pool: Any = None, meanwhile: Any = None,
             lock_fd: int | None = None) -> Iterator[tuple[Job, Outcome]]:
    """Parse on a dask.distributed cluster (``settings.scheduler``, or a LocalCluster of
    ``settings.workers`` processes); each worker parses with ``task.parse_fn`` and returns the
    whole result with what linking needs of it, or, when ``task`` has a cache folder (the build
    gives one for its own LocalCluster, on this machine), parses batches as the local engine does,
    of about equal work, largest first (``_packed``). A bounded window of tasks is in flight
    (``_windowed``), as in the local engine, and ``meanwhile()`` runs here once the first are
    sent. Each worker of the build's own LocalCluster (``_own_cluster``), a worker started again
    after one died included, exits when the build process dies and, when forked, closes its copy
    of the build lock ``lock_fd`` (``_build_watch``). ``pool`` is the local engine's and not
    used."""
    workers, scheduler = settings.worker_count, settings.scheduler
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise BuildError("the dask engine needs dask.distributed: pip install 'aseandocs[dask]'") from e
    with contextlib.ExitStack() as own:
        if scheduler is None:
            cluster, forked = own.enter_context(_own_cluster(LocalCluster, workers))
            client = own.enter_context(Client(cluster))
            # each worker closes its copy of the lock and exits when the build is killed
            client.register_plugin(_build_watch(lock_fd if forked else None, os.getpid()))
        elif isinstance(scheduler, str):
            try:
                client = own.enter_context(Client(scheduler, timeout=SCHEDULER_TIMEOUT))
            except (OSError, TimeoutError) as e:
                raise BuildError(f"cannot reach the dask scheduler at {scheduler} within {SCHEDULER_TIMEOUT} s "
                                 f"({e}); check the address and that `dask scheduler` runs there") from e
        else:
            client = scheduler   # a Client the caller manages
        yield from _on_cluster(client, jobs, task, workers, meanwhile)


def _on_cluster(client: Any, jobs: list[Job], task: ParseTask, workers: int,
                meanwhile: Callable[[], Any] | None) -> Iterator[tuple[Job, Outcome]]:
    """``run_dask``'s parsing on the cluster of ``client``."""
    width = max(workers, len(client.scheduler_info().get("workers", ())))
    if task.cache_dir is not None:
        # workers on this machine (the build's own LocalCluster): as the local engine, each
        # writes its cache entries and sends back compact records, in batches
        batches = list(_packed(jobs, width, _DASK_BATCH, _DASK_TASK_BYTES))
        calls = ((b, (_parse_batch, task.call(b[0])[0], [task.call(j)[1:] for j in b])) for b in batches)
        window = max(2, _IN_FLIGHT // _DASK_BATCH) * width
        for batch, outcomes in _windowed(client, calls, window, meanwhile):
            if isinstance(outcomes, Exception):
                outcomes = [("error", error_record(job[0], outcomes), False) for job in batch]
            yield from zip(batch, outcomes)
        return
    calls = ((job, (parse_remote, job[0], job[1], task.doc_id(job[0]), task.parse_fn, task.limits))
             for job in jobs)
    for job, outcome in _windowed(client, calls, _IN_FLIGHT * width, meanwhile):
        if isinstance(outcome, Exception):
            outcome = ("error", error_record(job[0], outcome), False)
        yield job, outcome


def _windowed(client: Any, calls: Iterator[tuple[Any, tuple[Any, ...]]], window: int,
              meanwhile: Callable[[], Any] | None = None) -> Iterator[tuple[Any, Any]]:
    """(item, result) for each (item, (function, *arguments)) of ``calls``, run on ``client``'s
    cluster as they finish, at most ``window`` at a time; the result is the exception when the
    task failed (a lost worker, a pickling failure). Each result is released on the cluster once
    read: a worker keeps what a task returned while its future lives, and futures kept for the
    whole corpus held every record in the workers' memory until the end. ``meanwhile()`` runs
    here once the first window is sent."""
    from distributed import as_completed
    running: dict[str, Any] = {}
    done = as_completed()

    def send() -> bool:
        for item, (fn, *args) in calls:
            fut = client.submit(fn, *args, pure=False)
            running[fut.key] = item
            done.add(fut)
            return True
        return False

    while len(running) < window and send():
        pass
    if meanwhile is not None:
        meanwhile()
    for fut in done:
        item = running.pop(fut.key)
        try:
            result = fut.result()
        except Exception as e:   # noqa: BLE001 - a lost worker, a pickling failure
            result = e
        fut.release()
        del fut
        send()
        yield item, result


#: Engines by name (``settings.ENGINE_NAMES``): each maps (jobs, task, settings, pool=, meanwhile=) to
#: (job, outcome) pairs as the jobs finish.
ENGINES: dict[str, Callable[..., Iterator[tuple[Job, Outcome]]]] = {"local": run_local, "dask": run_dask}
