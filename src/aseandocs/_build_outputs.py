"""The output phase of a build: per-document JSON, the SQLite store, the graph and its exports, the
explorer — written from compact records, never from every document in memory (issue 8).

The build keeps one ``DocRecord`` per document (no text) and the links of each document's events.
What needs the whole document reads it back from the cache one at a time:

- ``documents/<id>.json``: the cached parse with its links attached (``ParsedDocument.with_links``),
  written in the worker processes, a slice of the documents each;
- ``aseandocs.sqlite``: streamed from the cache, one document at a time, in a worker;
- ``graph.json`` and ``index.html``: the graph is built from the records in the build's own
  process; ``graph.graphml`` and ``graph.gexf`` (streamed, ``_graph_xml``) by a worker from a
  pickle of it (a temporary file in ``cache/``).

With one worker everything runs in the build's process, in that order. Every file is written
atomically, and a worker whose build was killed stops before its next file (``worker_init``)::

    >>> items = [DocItem("ข่าว_SOMTC", "3f2a…", {0: ()}), DocItem("ASEAN Charter", "9c41…", None)]   # doctest: +SKIP
    >>> write_documents(Path("out/cache"), Path("out/documents"), items)                      # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
import pickle
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from . import _build_cache as cache
from ._atomic import write_atomic
from ._doc_record import DocRecord
from .errors import BuildError
from .model import Link, ParsedDocument

__all__ = ["DocItem", "worker_init", "new_pool", "LazyPool", "write_documents", "write_outputs", "OUTPUTS"]

#: The corpus-level outputs, rewritten whenever the corpus, its links or the code changed.
OUTPUTS = ("graph.json", "graph.graphml", "graph.gexf", "aseandocs.sqlite", "index.html")

#: The build process a worker serves (0 in the build's own process): a worker whose build is gone
#: (killed) exits instead of writing on.
_PARENT = 0


class DocItem(NamedTuple):
    """One document of the output phase: its id, cache key, and the links of its events (event
    index -> links), or None to write it as parsed (linking failed)."""

    id: str
    key: str
    links: dict[int, tuple[Link, ...]] | None


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:
            os._exit(1)   # the build was killed: never write another file for it
        time.sleep(0.1)


def worker_init(lock_fd: int | None, parent: int) -> None:
    """Run in each worker process as it starts: close the worker's copy of the build lock (the
    lock is the build's, and is released when the build ends in any way) and exit when the build
    process dies."""
    global _PARENT
    if lock_fd is not None:
        try:
            os.close(lock_fd)
        except OSError:
            pass
    _PARENT = parent
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def new_pool(workers: int, lock_fd: int | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=worker_init,
                               initargs=(lock_fd, os.getpid()))


class LazyPool:
    """The build's worker processes (``workers`` > 1), started on first use, used for parsing
    (local engine) and then for writing the outputs; a pool broken by a dead worker is replaced.
    Each worker closes its copy of the build lock and exits if the build dies
    (``worker_init``)."""

    def __init__(self, workers: int, lock_fd: int | None) -> None:
        self.workers, self.lock_fd, self._pool = workers, lock_fd, None

    def __call__(self) -> Any:
        if self.workers <= 1:
            return None
        if self._pool is None or getattr(self._pool, "_broken", False):
            self.shutdown()
            self._pool = new_pool(self.workers, self.lock_fd)
        return self._pool

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _orphaned() -> bool:
    return _PARENT != 0 and os.getppid() != _PARENT


def _full(cache_dir: Path, item: DocItem) -> ParsedDocument:
    """The whole parsed document of ``item`` from the cache, with its links."""
    hit = cache.read_entry(cache_dir, item.key)
    if hit is None or hit[0] != "ok":
        raise BuildError(f"{cache_dir / (item.key + '.json')}: the cached parse of {item.id!r} "
                         "vanished during the build; build again (with --force if it persists)")
    pd = ParsedDocument.from_dict(hit[1])
    return pd if item.links is None else pd.with_links(item.links)


def write_documents(cache_dir: Path, docs_dir: Path, items: list[DocItem]) -> None:
    """``documents/<id>.json`` of each item, from the cache with its links; a file whose bytes
    would not change is left alone."""
    for item in items:
        if _orphaned():
            return
        path = docs_dir / f"{item.id}.json"
        data = json.dumps(_full(cache_dir, item).to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        write_atomic(path, data)


def _write_store(cache_dir: Path, path: Path, items: list[DocItem]) -> None:
    from .store import write_store

    def docs() -> Iterator[ParsedDocument]:
        for item in items:
            if _orphaned():
                raise BuildError("the build process is gone")   # the temporary file is removed
            yield _full(cache_dir, item)
    write_store(docs(), path)


def _write_exports(dest: Path, pickled: str | None) -> None:
    """``graph.graphml`` and ``graph.gexf`` of the graph pickled in the file ``pickled`` (removed
    here), or of ``graph.json`` when None (the retry after a worker died)."""
    from .graph import MeasureGraph
    if _orphaned():
        return
    if pickled is None:
        graph = MeasureGraph.load(dest / "graph.json")
    else:
        try:
            with open(pickled, "rb") as f:
                graph = MeasureGraph(pickle.load(f))   # noqa: S301 - our own graph, from this build
        finally:
            Path(pickled).unlink(missing_ok=True)
    graph.to_graphml(dest / "graph.graphml")
    if not _orphaned():
        graph.to_gexf(dest / "graph.gexf")


def _pickle_graph(graph: Any, folder: Path) -> str:
    """The graph pickled into a temporary file of ``folder`` (named like the atomic writers'
    temporary files, so a killed build's is removed by the next one); returns its path. A file,
    not an argument: the pool keeps a task's arguments in this process until the task is done."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".graph.", suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(graph, f, protocol=pickle.HIGHEST_PROTOCOL)
    return name


def _chunks(items: list[DocItem], n: int) -> list[list[DocItem]]:
    size = max(1, -(-len(items) // n))
    return [items[i:i + size] for i in range(0, len(items), size)]


class _Tasks:
    """Output tasks run in a process pool when there is one, else at once in this process; a
    task whose worker died (a broken pool) is run again here (its ``retry``, else the same call)."""

    def __init__(self, pool: ProcessPoolExecutor | None) -> None:
        self.pool = pool
        self.running: list[tuple[Future[Any], Callable[[], Any]]] = []

    def run(self, fn: Callable[..., Any], *args: Any, retry: Callable[[], Any] | None = None) -> None:
        again = retry or (lambda: fn(*args))
        if self.pool is None:
            again()
            return
        try:
            self.running.append((self.pool.submit(fn, *args), again))
        except (BrokenProcessPool, RuntimeError):
            again()

    def wait(self) -> None:
        for fut, again in self.running:
            try:
                fut.result()
            except BrokenProcessPool:
                again()
        self.running.clear()


def start_documents(tasks: _Tasks, cache_dir: Path, docs_dir: Path, items: list[DocItem],
                    workers: int) -> None:
    """Write the per-document JSON (in ``workers`` slices when there is a pool) and remove the
    files of documents no longer in the corpus."""
    keep = {f"{i.id}.json" for i in items}
    for old in docs_dir.glob("*.json"):
        if old.name not in keep:
            old.unlink(missing_ok=True)
    for part in _chunks(items, workers if tasks.pool is not None else 1):
        tasks.run(write_documents, cache_dir, docs_dir, part)


def write_outputs(dest: Path, records: list[DocRecord], items: list[DocItem], names: Any,
                  tasks: _Tasks, lap: Callable[[str], None]) -> dict[str, Any]:
    """The graph and everything made from it, and the store; returns the facts the summary needs.
    With a pool the store and the GraphML/GEXF exports are written by workers (one each) while
    this process builds the graph, writes graph.json and renders the explorer."""
    from .explorer import render_explorer
    from .graph import MeasureGraph
    cache_dir = dest / "cache"
    parallel = tasks.pool is not None
    if parallel:
        tasks.run(_write_store, cache_dir, dest / "aseandocs.sqlite", items)
    graph = MeasureGraph.from_documents(records, registry=names)
    lap("graph")
    if parallel:
        pickled = _pickle_graph(graph.graph, cache_dir)
        # a retry (the worker died) uses the pickle if it is still there, else graph.json
        tasks.run(_write_exports, dest, pickled,
                  retry=lambda: _write_exports(dest, pickled if os.path.exists(pickled) else None))
    graph.to_json(dest / "graph.json")
    if not parallel:
        graph.to_graphml(dest / "graph.graphml")
        graph.to_gexf(dest / "graph.gexf")
    lap("exports")
    if not parallel:
        _write_store(cache_dir, dest / "aseandocs.sqlite", items)
        lap("store")
    render_explorer(graph, dest / "index.html")
    lap("explorer")
    facts = {"bodies": graph.stats()["bodies"]}
    del graph
    tasks.wait()
    if parallel:
        lap("store")   # waiting for the workers: the store, the exports, the documents
    return facts


def outputs_tasks(pool: ProcessPoolExecutor | None) -> _Tasks:
    return _Tasks(pool)


def write_errors(dest: Path, errors: list[dict[str, Any]]) -> None:
    write_atomic(dest / "errors.jsonl", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))
