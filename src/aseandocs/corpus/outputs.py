"""The output phase of a build: per-document JSON, the SQLite store, the graph files, the explorer
— each written one document at a time, never from every document in memory (issue 8).

- ``documents/<id>.json``: the cached parse, linked by the worker that writes it (the linking
  index is pickled once for the workers) or with links given (``DocItem.links``), a slice of the
  documents per task;
- ``aseandocs.sqlite``: streamed from ``documents/``, in a worker;
- ``graph.json`` and the explorer's choice of nodes: in the build's own process, in one pass over
  ``documents/`` that makes each document's part of the graph (``graph.build.fragments``, with
  what it needs from the rest: ``GraphContext``); ``graph.graphml`` and ``graph.gexf``: in a
  worker, from the same fragments, handed over as they are made (``corpus.relay``; ``graph.stream``
  writes all three files).

With one worker everything runs in the build's process, in that order. Every file is written
atomically, and a worker whose build was killed stops before its next file (``worker_init``)::

    >>> items = [DocItem("ข่าว_SOMTC", "3f2a…", {0: ()}), DocItem("ASEAN Charter", "9c41…", None)]   # doctest: +SKIP
    >>> write_documents(Path("out/cache"), DocDirs(Path("out/.staging.x.tmp/documents"), Path("out/documents")), items)  # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
import pickle
import signal
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from .._atomic import AtomicBatch, write_atomic
from ..errors import BuildError
from ..model import Link, ParsedDocument
from . import cache
from .staging import DocDirs

__all__ = ["DocItem", "worker_init", "watch_parent", "new_pool", "LazyPool", "write_documents", "write_outputs",
           "OUTPUTS", "document_folders", "remove_empty_folders"]

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


def _gone(parent: int) -> bool:
    """Whether the build process ``parent`` is gone. A worker forked or spawned by it is
    re-parented when it dies; one forked by a fork server (Python 3.14's default start method
    on Linux, or a dask cluster configured so) never had it as its parent, and asks whether it
    still runs."""
    if os.getppid() == parent:
        return False
    try:
        os.kill(parent, 0)   # no signal: whether it runs (PermissionError: it does, as another user)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass
    return False


def _watch_parent(parent: int) -> None:
    while True:
        if _gone(parent):
            os._exit(1)   # the build was killed: never write another file for it
        time.sleep(0.1)


def worker_init(lock_fd: int | None, parent: int) -> None:
    """Run in each worker process as it starts: close the worker's copy of the build lock (the
    lock is the build's, and is released when the build ends in any way) and exit when the build
    process dies."""
    global _PARENT
    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # the build's own handler is for the build process
    if lock_fd is not None:
        try:
            os.close(lock_fd)
        except OSError:
            pass
    watch_parent(parent)


def watch_parent(parent: int) -> None:
    """Make this worker process exit when ``parent``, the build process, dies (also run on the
    workers of the build's own dask cluster, ``engines.run_dask``)."""
    global _PARENT
    _PARENT = parent
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def new_pool(workers: int, lock_fd: int | None, method: str | None = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started by ``method`` (default: the platform's). Only a
    forked worker has a copy of the build lock to close: a spawned one or one forked by a fork
    server has none, and the same number may be another file there."""
    import multiprocessing
    context = multiprocessing.get_context(method)
    inherited = lock_fd if context.get_start_method() == "fork" else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=worker_init,
                               initargs=(inherited, os.getpid()))


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
    return _PARENT != 0 and _gone(_PARENT)


def _full(cache_dir: Path, item: DocItem) -> ParsedDocument:
    """The whole parsed document of ``item`` from the cache, with its links (if given)."""
    hit = cache.read_entry(cache_dir, item.key, doc_id=item.id)
    if hit is None or hit[0] != "ok":
        raise BuildError(f"{cache_dir / (item.key + '.json')}: the cached parse of {item.id!r} "
                         "vanished during the build; build again (with --force if it persists)")
    pd = ParsedDocument.from_dict(hit[1])
    return pd if item.links is None else pd.with_links(item.links)


#: The linking index a worker loaded last: (path, index).
_INDEX: list[Any] = [None, None]


def _index(path: str) -> Any:
    if _INDEX[0] != path:
        with open(path, "rb") as f:
            _INDEX[1] = pickle.load(f)   # noqa: S301 - our own index, from this build
        _INDEX[0] = path
    return _INDEX[1]


def write_documents(cache_dir: Path, docs: DocDirs, items: list[DocItem],
                    index: str | None = None) -> dict[str, int]:
    """``<id>.json`` of each item in ``docs.staged``, from the cache with its links: ``item.links``,
    or found here in the linking index pickled at ``index`` (``linking.link_document``); a document
    whose bytes would not change is left as it is in ``docs.current``. Returns each document's
    number of links. The files are flushed to disk a batch at a time (``AtomicBatch``), and never once the
    build is gone."""
    from ..linking import link_document
    found = _index(index) if index is not None else None
    links: dict[str, int] = {}
    with AtomicBatch() as batch:
        for item in items:
            if _orphaned():
                batch.discard()
                return links
            pd = _full(cache_dir, item)
            if found is not None and item.links is None:
                pd = pd.with_links(link_document(found, pd))
            links[item.id] = sum(len(e.measures) for e in pd.events)
            if "/" in item.id:   # documents/ mirrors the corpus's folders
                docs.staged_path(item.id).parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps(pd.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            try:
                if (docs.current / f"{item.id}.json").read_bytes() == data:
                    continue
            except OSError:
                pass
            batch.write(docs.staged_path(item.id), data)
        if _orphaned():
            batch.discard()
    return links


def _documents(docs: DocDirs, ids: list[str]) -> Iterator[ParsedDocument]:
    """The written documents (with their links), one at a time; stops if the build is gone."""
    for i in ids:
        if _orphaned():
            raise BuildError("the build process is gone")   # the temporary files are removed
        try:
            yield ParsedDocument.from_dict(json.loads(docs.path(i).read_text(encoding="utf-8")))
        except (OSError, ValueError) as e:
            raise BuildError(f"{docs.path(i)}: cannot read it back ({e}); build again") from e


def _write_store(docs: DocDirs, path: Path, ids: list[str], names: Any = None, names_seen: Any = None) -> None:
    """The store, with the bodies named as the graph names them (``graph.build.GraphContext``)."""
    from ..graph.build import GraphContext
    from ..graph.store_queries import search_fold
    from ..graph.timeline import write_timeline
    from ..store import write_store
    ctx = GraphContext((), names, names_seen=names_seen)
    write_store(_documents(docs, ids), path, body_attrs=ctx.body, fold=search_fold, finish=write_timeline,
                body_names=ctx.search_names)


class _GraphFiles(NamedTuple):
    """Which graph files to write into ``dest``, of which documents (``ids`` in ``docs``), in
    which context."""
    dest: Path
    docs: DocDirs
    ids: list[str]
    ctx: Any                  # a graph.build.GraphContext
    json_file: bool           # graph.json
    xml_files: bool           # graph.graphml and/or graph.gexf (those in ``xml_formats``)
    xml_formats: tuple[str, ...] = ("graphml", "gexf")


def _write_graph(files: _GraphFiles, *, selection: Any = None, tick: Callable[[], Any] | None = None,
                 relay: Any = None, relayed: str | None = None) -> dict[str, Any]:
    """graph.json and/or graph.graphml and graph.gexf, streamed from ``documents/`` (``graph.stream``);
    ``selection`` (an explorer ``Selection``) sees every node on the way, and ``relay`` (a
    ``corpus.relay.RelayWriter``) gets every fragment for a worker. With ``relayed`` (a relay's folder)
    the fragments come from that relay instead (made by the build process; a second pass, for
    attributes of mixed types, makes them again from ``documents/``)."""
    from ..graph.build import fragments
    from ..graph.stream import write_graph_files
    dest, docs, ids, ctx, json_file, xml_files, xml_formats = files
    if _orphaned():
        return {}
    passes = [0]

    def make() -> Iterator[Any]:
        passes[0] += 1
        if relayed is not None and passes[0] == 1:
            from .relay import read_relay
            return read_relay(relayed, _orphaned)
        return fragments(_documents(docs, ids), ctx)

    def visit(f: Any) -> None:
        if relay is not None:
            relay.add(f)
        if selection is not None:
            by_source: dict[str, list[Any]] = {}
            for e in f.edges:
                by_source.setdefault(e[0], []).append(e)
            for n, d in f.nodes:
                selection.add(n, d, by_source.get(n, ()))
        if tick is not None:
            tick()

    return write_graph_files(make, dest, json_file=json_file, xml_files=xml_files, xml_formats=xml_formats,
                             visit=visit if selection is not None or relay is not None or tick else None)


def pickle_to(obj: Any, folder: Path, prefix: str) -> str:
    """``obj`` pickled into a temporary file of ``folder`` (named like the atomic writers'
    temporary files, so a killed build's is removed by the next one); returns its path. A file,
    not an argument: the pool keeps a task's arguments in this process until the task is done."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
    return name


def _dealt(items: list[DocItem], n: int) -> list[list[DocItem]]:
    """``items`` dealt into ``n`` slices (or fewer: never an empty one) like cards: item i goes to
    slice i mod n. Neighbours in corpus order are alike (a folder of plans, one of short news),
    so dealt slices cost about the same and no worker is left with the heavy tail."""
    n = max(1, min(n, len(items)))
    return [items[i::n] for i in range(n)]


class _Tasks:
    """Output tasks run in a process pool when there is one, else at once in this process; a
    task whose worker died (a broken pool) is run again here (its ``retry``, else the same call)."""

    def __init__(self, pool: ProcessPoolExecutor | None) -> None:
        self.pool = pool
        self.running: list[tuple[Future[Any], Callable[[], Any]]] = []
        self.done: list[Any] = []

    def run(self, fn: Callable[..., Any], *args: Any, retry: Callable[[], Any] | None = None) -> None:
        """Start ``fn(*args)``; its result comes with ``wait()``."""
        again = retry or (lambda: fn(*args))
        if self.pool is None:
            self.done.append(again())
            return
        try:
            self.running.append((self.pool.submit(fn, *args), again))
        except (BrokenProcessPool, RuntimeError):
            self.done.append(again())

    def wait(self, progress: Callable[[], Any] | None = None) -> list[Any]:
        """The tasks' results, in the order they were run (a retried task's from its retry);
        ``progress()`` is called as each is done."""
        results, self.done = self.done, []
        for fut, again in self.running:
            try:
                results.append(fut.result())
            except BrokenProcessPool:
                results.append(again())
            if progress is not None:
                progress()
        self.running.clear()
        return results


def start_documents(tasks: _Tasks, cache_dir: Path, docs: DocDirs, items: list[DocItem],
                    workers: int, index: str | None = None) -> None:
    """Write the per-document JSON into ``docs.staged``, linked here or by the index pickled at
    ``index`` (in ``workers`` slices when there is a pool: ``tasks.wait()`` gives each slice's link
    counts, by document). The files of documents no longer in the corpus go when the output set is committed."""
    if tasks.pool is None:
        tasks.run(write_documents, cache_dir, docs, items, index)
        return
    # slices of at most _SLICE documents, at least 8 per worker (a progress bar moves, workers
    # share the tail evenly)
    for part in _dealt(items, max(8 * workers, -(-len(items) // _SLICE))):
        tasks.run(write_documents, cache_dir, docs, part, index)


def document_folders(docs_dir: Path) -> list[Path]:
    """``docs_dir`` and every folder under it (documents/ mirrors the corpus's folders)."""
    return [docs_dir, *sorted(p for p in docs_dir.rglob("*") if p.is_dir() and not p.is_symlink())]


def remove_empty_folders(docs_dir: Path) -> None:
    """Remove the folders under ``docs_dir`` that the last commit left empty (every document of
    a folder of the corpus moved or gone)."""
    for folder in reversed(document_folders(docs_dir)[1:]):
        try:
            folder.rmdir()   # only when empty
        except OSError:
            pass


#: Documents per task of the per-document JSON.
_SLICE = 256


def write_outputs(dest: Path, docs: DocDirs, summaries: list[tuple[str, Any]], ids: list[str], names: Any,
                  names_seen: Any, tasks: _Tasks, lap: Callable[[str], None],
                  progress: bool = False, formats: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The graph files, the explorer and the store in ``dest`` (the build's staging folder),
    streamed from the documents (``docs``); returns the
    facts the summary needs. With a pool the store and the GraphML/GEXF files are written by
    workers (one each) while this process writes graph.json and chooses and renders what the
    explorer shows. The ``measure_summary`` of each document with measures (``summaries``, in
    corpus order) and the body names used in every document (``names_seen``) give what each
    document's part of the graph needs from the rest (``GraphContext``). ``formats`` (default
    ``settings.DEFAULT_FORMATS``) says which to write (the build removes the files of the others
    from OUT as it commits: ``corpus.formats``). The one pass over the fragments runs whatever is written (it counts
    the bodies)."""
    from ..explorer import MAX_NODES
    from ..explorer.plans import ExplorerChoice
    from ..graph.build import GraphContext
    from .formats import write_parquet
    from .settings import DEFAULT_FORMATS
    formats = DEFAULT_FORMATS if formats is None else formats
    store, html = "sqlite" in formats, "html" in formats
    xml_formats = tuple(f for f in ("graphml", "gexf") if f in formats)
    parallel = tasks.pool is not None
    ctx = GraphContext((), names, names_seen=names_seen, summaries=summaries)
    lap("graph")
    relay = None
    if parallel and store:
        tasks.run(_write_store, docs, dest / "aseandocs.sqlite", ids, names, names_seen)
    if parallel and xml_formats:
        from .relay import RelayWriter
        # this process makes the fragments once: for graph.json and the explorer here, and for
        # the worker writing the GraphML and GEXF files (``corpus.relay``); a worker that cannot take
        # the task (a broken pool) is replaced by this process, making them again from documents/
        relay = RelayWriter(dest / "cache" if (dest / "cache").is_dir() else dest)
        xml = _GraphFiles(dest, docs, ids, ctx, json_file=False, xml_files=True, xml_formats=xml_formats)
        tasks.run(partial(_write_graph, xml, relayed=relay.folder), retry=lambda: _write_graph(xml))
    try:
        selection = ExplorerChoice(MAX_NODES) if html else None   # the whole graph, or the plans page
        from tqdm import tqdm
        with tqdm(total=len(ids), unit="doc", desc="graph files, store, explorer", disable=not progress) as bar:
            facts = _write_graph(_GraphFiles(dest, docs, ids, ctx, json_file="graph-json" in formats,
                                             xml_files=bool(xml_formats) and not parallel,
                                             xml_formats=xml_formats),
                                 selection=selection, tick=bar.update, relay=relay)
        if relay is not None:
            relay.close()
        lap("exports")
        if not parallel and store:
            _write_store(docs, dest / "aseandocs.sqlite", ids, names, names_seen)
            lap("store")
        if selection is not None:
            selection.render(dest / "index.html")
            lap("explorer")
        tasks.wait()
    finally:
        if relay is not None:
            relay.remove()   # aborts the relay first if this process failed before its end
    if parallel:
        lap("store")   # waiting for the workers: the store and the GraphML/GEXF files
    if "parquet" in formats:
        write_parquet(dest)
        lap("parquet")
    return {"bodies": facts.get("bodies", 0)}


def outputs_tasks(pool: ProcessPoolExecutor | None) -> _Tasks:
    return _Tasks(pool)


def write_errors(dest: Path, errors: list[dict[str, Any]]) -> None:
    write_atomic(dest / "errors.jsonl", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))
