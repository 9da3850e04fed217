"""Batch build: a folder of documents -> per-document JSON, graph, store and explorer.

``build`` walks the corpus, parses each document in parallel processes (or on a Dask cluster),
reuses a content-hash cache, links events to plan measures across the corpus, and writes every
output of docs/ARCHITECTURE.md atomically. A document that fails is recorded in ``OUT/errors.jsonl`` and the
batch goes on::

    >>> s = build("corpus", "out", workers=2)           # doctest: +SKIP
    >>> print(s.format())                              # doctest: +SKIP
    built 5 documents in 4.1 s (0 from cache) -> out
      measures 97 · bodies 48 · mentions 212 · events 31 · links 12
    >>> build("corpus", "out").cached                  # an unchanged corpus: nothing re-parsed  # doctest: +SKIP
    5

Thai ("ข่าวการประชุม SOMTC.txt") and English ("ASEAN Charter.html") file names work alike; the
document id is the file stem. What the cache holds (``aseandocs.corpus.cache``): each document's
parse result; the corpus links, reused while no document changed (measured: re-linking costs as
much as parsing a small corpus); and a record of the graph, store and explorer files, which an
unchanged corpus keeps as they are (rewritten when anything changed, when one was touched, and
with ``force=True``).

Documents stream through (issue 8): each parse result is cached by the worker that made it and
kept only as a compact record without its text (``aseandocs.corpus.records``); linking and the graph
work on the records, and the per-document JSON and the store read each document back from the
cache one at a time (``aseandocs.corpus.outputs``). With ``workers`` > 1 the same process pool
writes the per-document JSON, the store and the GraphML/GEXF exports while this process builds the
graph and the explorer.

Bad input never stops a build: a file that cannot be read (binary, encrypted or corrupt PDF,
permission denied), a document without any text (empty, white space only, a PDF without a text
layer), a symbolic link loop or a dangling link each become one record ``{"path", "error",
"reason", "hint"}`` in ``OUT/errors.jsonl`` and in ``BuildSummary.failures`` (the CLI prints them
and exits 3). Every output is written atomically, so a build killed at any moment leaves each file
as the previous build wrote it or as this one would; the next build removes the temporary files
it left. ``OUT/.lock`` (``aseandocs.corpus.lock``) refuses a second build of the same OUT.
"""
from __future__ import annotations

import errno
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from . import cache
from . import outputs
from .._atomic import remove_stale_temps
from .lock import BuildLock
from .plans import PlanChoice
from .records import Brief, DocRecord, compact, link_terms
from ..errors import AseandocsError, BuildError, ParseError, ReadError
from ..model import ParsedDocument

__all__ = ["build", "BuildSummary", "SUFFIXES", "ENGINES"]

#: File types a build reads; anything else is skipped and counted (a README.md, gold/*.json, ...).
SUFFIXES = frozenset({".txt", ".text", ".pdf", ".html", ".htm"})

ParseFn = Callable[[str], ParsedDocument]
LinkFn = Callable[[list[ParsedDocument]], list[ParsedDocument]]
# (given path, absolute path) of a document, and what came back: ("ok", dict) / ("error", record)
Job = tuple[str, str]
Outcome = tuple[str, dict[str, Any], bool]   # status, payload, cacheable


@dataclass(frozen=True)
class BuildSummary:
    """What a build did; ``format()`` is the summary the CLI prints."""

    documents: int
    skipped: int
    measures: int
    bodies: int
    mentions: int
    events: int
    links: int
    errors: int
    cached: int
    seconds: float
    out: Path
    index: Path
    timings: dict[str, float] = field(default_factory=dict)
    failures: tuple[dict[str, Any], ...] = ()   # the records of OUT/errors.jsonl
    plans: int = -1   # documents of kind plan with measures (the link targets); -1: not counted

    #: How many failures ``format()`` lists (all of them are in errors.jsonl).
    SHOWN = 20

    def format(self) -> str:
        lines = [f"built {self.documents} documents in {self.seconds:.1f} s "
                 f"({self.cached} from cache) -> {self.out}",
                 f"  measures {self.measures} · bodies {self.bodies} · mentions {self.mentions} · "
                 f"events {self.events} · links {self.links}",
                 f"  skipped {self.skipped} other files · errors {self.errors}"
                 + (f" (see {self.out / 'errors.jsonl'})" if self.errors else ""),
                 f"  explorer: {self.index}"]
        if self.plans == 0 and self.documents:
            lines.insert(-1, "  warning: no plan among the documents, so no event is linked; "
                             "name the plan files with --plans GLOB_OR_PATH")
        for e in self.failures[:self.SHOWN]:
            hint = f" ({e['hint']})" if e.get("hint") else ""
            lines.insert(-1, f"    {e['path']}: {e['reason']}{hint}")
        if len(self.failures) > self.SHOWN:
            lines.insert(-1, f"    ... and {len(self.failures) - self.SHOWN} more in errors.jsonl")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["out"], d["index"] = str(self.out), str(self.index)
        return d


# --- the walk ------------------------------------------------------------------------------------

def _discover(corpus: Path, exclude: Path) -> tuple[list[Path], int, list[dict[str, Any]]]:
    """Documents under ``corpus`` in sorted order, the count of other files skipped, and an error
    record for each document-named entry that cannot be read (a symlink loop or a dangling link,
    a folder that cannot be listed).

    Hidden files and folders are ignored; symlinked folders are followed once (loops are safe);
    ``exclude`` (the output folder, when it lies inside the corpus) is not walked.
    """
    if corpus.is_file():
        return ([corpus], 0, []) if corpus.suffix.lower() in SUFFIXES else ([], 1, [])
    found: list[Path] = []
    problems: list[dict[str, Any]] = []
    skipped = 0
    seen: set[tuple[int, int]] = set()
    exclude_real = os.path.realpath(exclude)

    def unlistable(e: OSError) -> None:
        problems.append({"path": e.filename or str(corpus), "error": "ReadError",
                         "reason": f"cannot list this folder ({e.strerror or e})",
                         "hint": "make it readable (chmod u+rx) or move it out of the corpus"})

    for dirpath, dirnames, filenames in os.walk(corpus, followlinks=True, onerror=unlistable):
        try:
            st = os.stat(dirpath)
        except OSError as e:
            unlistable(e)
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen or os.path.realpath(dirpath) == exclude_real:
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.suffix.lower() not in SUFFIXES:
                skipped += 1
            elif p.is_file():
                found.append(p)
            elif p.is_symlink():
                problems.append(_link_problem(p))
            else:
                skipped += 1     # a folder, FIFO or socket named like a document: never opened
    return sorted(found), skipped, problems


def _link_problem(p: Path) -> dict[str, Any]:
    """The error record of a symbolic link that leads to no file."""
    try:
        p.resolve(strict=True)
        reason = "a symbolic link to something that is not a regular file"
    except RuntimeError:   # Python < 3.13 reports a loop this way
        reason = "a symbolic link loop"
    except OSError as e:
        reason = ("a symbolic link loop" if e.errno == errno.ELOOP
                  else "a dangling symbolic link (its target does not exist)")
    return {"path": str(p), "error": "ReadError", "reason": reason,
            "hint": "point the link at a document file, or remove it from the corpus"}


# --- one document (runs in a worker) --------------------------------------------------------------

#: What to do about an error whose exception carries no hint, by exception class.
_HINTS = {"ReadError": "check that the file opens and is a txt, html or pdf document",
          "UnsupportedFormatError": "convert it to txt, html or pdf, or remove it from the corpus",
          "ParseError": "a parsing stage failed on this document; please report it with the file",
          "AseandocsError": "see the reason; fix the file or the installation and build again"}


def _error_record(path: str, e: BaseException) -> dict[str, Any]:
    if isinstance(e, AseandocsError):
        reason = getattr(e, "reason", None) or str(e)
        hint = getattr(e, "hint", None) or _HINTS.get(type(e).__name__, _HINTS["AseandocsError"])
    else:
        reason = f"{type(e).__name__}: {e}"
        hint = "an unexpected failure in aseandocs; please report it with this file"
    return {"path": path, "error": type(e).__name__, "reason": reason, "hint": hint}


def _empty(given: str, doc: dict[str, Any]) -> ReadError:
    """The error of a document without any text: nothing can be found in it, so it is reported
    rather than written as an empty record."""
    if doc.get("format") == "pdf" and any(p.get("needs_ocr") for p in doc.get("pages") or ()):
        return ReadError(given, "no text layer on any page (a scanned PDF?)",
                         hint="run OCR on it (e.g. ocrmypdf) and build again")
    if doc.get("format") == "pdf":
        return ReadError(given, "a PDF without any text",
                         hint="check that it opens in a viewer; run OCR if it is scanned")
    if doc.get("format") == "html":
        return ReadError(given, "an HTML page without any visible text",
                         hint="save the page with its content, or remove the file from the corpus")
    return ReadError(given, "an empty document (no text, or only white space)",
                     hint="add the text, or remove the file from the corpus")


def _parse_one(given: str, absolute: str, parse_fn: ParseFn | None) -> Outcome:
    """Parse one file; never raises. The result's ``source`` is the path as given."""
    try:
        if parse_fn is None:
            from ..pipeline import parse as parse_fn
        target = given if os.path.exists(given) else absolute   # a Dask worker's cwd may differ
        d = parse_fn(target).to_dict()
        if target != given:
            d["document"]["source"] = given
        if not d["document"]["text"]:
            raise _empty(given, d["document"])
        return "ok", d, True
    except AseandocsError as e:
        # a ReadError/ParseError is the document's own (the same bytes fail the same way): cached;
        # anything else (a broken registry, ...) is the installation's: retried next build
        return "error", _error_record(given, e), isinstance(e, (ReadError, ParseError))
    except Exception as e:           # noqa: BLE001 - the batch goes on; not cached (may be transient)
        return "error", _error_record(given, e), False


def _with_link_terms(given: str, outcome: Outcome) -> tuple[Outcome, dict[str, Any] | None]:
    """What linking needs of a parse result (``corpus.records.link_terms``), made where it was parsed."""
    status, payload, cacheable = outcome
    if status != "ok":
        return outcome, None
    try:
        return outcome, link_terms(payload)
    except (KeyError, TypeError, ValueError) as e:
        return ("error", _error_record(given, e), False), None


def _parse_cached(given: str, absolute: str, parse_fn: ParseFn | None, cache_dir: str,
                  key: str, link: bool = True) -> Outcome:
    """Parse one file in a local worker, write its cache entry there (with what linking needs of
    it, when ``link``) and return the compact record instead of the whole result (the build
    process keeps records, never texts or events). The outcome is not ``cacheable`` again: it is
    cached already."""
    status, payload, cacheable = _parse_one(given, absolute, parse_fn)
    if status != "ok":
        if cacheable:
            cache.write_entry(Path(cache_dir), key, status, payload)
        return status, payload, False
    try:   # the record and what linking needs, from one decoding of the result
        rec = compact(payload, events=False, link=link or None, graph=True)
    except (KeyError, TypeError, ValueError) as e:
        return "error", _error_record(given, e), False
    if cacheable:
        cache.write_entry(Path(cache_dir), key, status, payload, rec.link_json())
    return "ok", rec, False   # type: ignore[return-value]


def _parse_remote(given: str, absolute: str, parse_fn: ParseFn | None) -> Outcome:
    """``_parse_one`` on a Dask worker, with what linking needs of the result in its ``_link``."""
    outcome, terms = _with_link_terms(given, _parse_one(given, absolute, parse_fn))
    if terms is not None:
        outcome[1]["_link"] = terms
    return outcome


# --- engines ---------------------------------------------------------------------------------------

#: Jobs in flight per worker process (queued ahead so no worker waits for the next one).
_IN_FLIGHT = 64

#: Jobs per task sent to a worker, at most: a task per document costs the build process and the
#: worker a round trip each (a pickled call, a future, a wake-up), which a corpus of short news
#: articles pays hundreds of thousands of times.
_BATCH = 8


def _parse_batch(task: Callable[..., Outcome], jobs: list[tuple[Any, ...]]) -> list[Outcome]:
    """``task(*args)`` for each of ``jobs`` in one worker call (``_run_local``)."""
    return [task(*args) for args in jobs]


def _batches(jobs: list[Job], workers: int) -> Iterator[list[Job]]:
    """``jobs`` in runs of up to ``_BATCH``, smaller when there are few jobs (every worker gets
    work, and the last tasks are short so the workers finish together)."""
    size = max(1, min(_BATCH, len(jobs) // (16 * workers)))
    for i in range(0, len(jobs), size):
        yield jobs[i:i + size]


def _run_local(jobs: list[Job], parse_fn: ParseFn | None, workers: int, scheduler: Any, *,
               cache_dir: Path | None = None, keys: dict[str, str] | None = None,
               pool: Callable[[], Any] | None = None, link: bool = True,
               meanwhile: Callable[[], Any] | None = None) -> Iterator[tuple[Job, Outcome]]:
    """Parse in this process (``workers`` 1) or in the process pool ``pool()`` (else one made
    here), a few jobs per task (``_batches``); with ``cache_dir`` each worker writes its cache
    entry and returns the compact record (with what linking needs, when ``link``). With a pool,
    ``meanwhile()`` runs here once the first tasks are sent (while the workers start)."""
    def task(job: Job) -> tuple[Any, ...]:
        if cache_dir is None or keys is None:
            return (_parse_one, *job, parse_fn)
        return (_parse_cached, *job, parse_fn, str(cache_dir), keys[job[0]], link)

    if workers <= 1:
        for job in jobs:
            fn, *args = task(job)
            yield job, fn(*args)
        return
    import queue
    from concurrent.futures.process import BrokenProcessPool

    broken: list[Job] = []
    own = None if pool is not None else outputs.new_pool(min(workers, len(jobs)), None)
    executor = own or pool()   # type: ignore[misc]
    fn = task(jobs[0])[0] if jobs else None
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
                    fut = executor.submit(_parse_batch, fn, [task(job)[1:] for job in batch])
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
                yield job, alone.submit(*task(job)).result()
            except BrokenProcessPool as e:
                yield job, ("error", {**_error_record(job[0], e), "reason": "the worker process died "
                                      "parsing this file (crash or out of memory)"}, False)


def _import_later_stages() -> None:
    """Import what this process needs after parsing (linking, the graph and the explorer: a
    tenth of a second, networkx mostly) while the workers parse, instead of after them."""
    from ..graph import build as _graph_build
    from ..graph import stream as _graph_stream
    from .. import explorer
    from .. import linking  # noqa: F401


def _run_dask(jobs: list[Job], parse_fn: ParseFn | None, workers: int,
              scheduler: Any, **_: Any) -> Iterator[tuple[Job, Outcome]]:
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
        client = Client(scheduler)
        own.append(client)
    else:
        client = scheduler   # a Client the caller manages
    try:
        futures = client.map(_parse_remote, [g for g, _ in jobs], [a for _, a in jobs],
                             parse_fn=parse_fn, pure=False)
        by_key = {f.key: job for f, job in zip(futures, jobs)}
        for fut in as_completed(futures):
            job = by_key[fut.key]
            try:
                yield job, fut.result()
            except Exception as e:   # noqa: BLE001 - a lost worker, a pickling failure
                yield job, ("error", _error_record(job[0], e), False)
    finally:
        for o in own:
            o.close()


#: Engines by name: each maps (jobs, parse_fn, workers, scheduler, **options) to (job, outcome)
#: pairs; the local engine takes ``cache_dir``, ``keys`` and ``pool`` (see ``_run_local``).
ENGINES: dict[str, Callable[..., Iterator[tuple[Job, Outcome]]]] = {"local": _run_local, "dask": _run_dask}


# --- the build -----------------------------------------------------------------------------------

def build(corpus: str | os.PathLike[str], out: str | os.PathLike[str], *, workers: int | None = None,
          engine: str = "local", scheduler: Any = None, force: bool = False, progress: bool = True,
          parse_fn: ParseFn | None = None, link_fn: LinkFn | None = None,
          plans: "str | Sequence[str] | None" = None) -> BuildSummary:
    """Build ``corpus`` (a folder of txt/html/pdf, or one file) into ``out``.

    ``workers`` processes (default: the number of cores; 1 runs in this process) or, with
    ``engine="dask"``, a dask.distributed cluster at ``scheduler`` ("tcp://host:8786", a
    ``Client``; None starts a LocalCluster). ``force`` ignores the cache. ``parse_fn`` (default
    ``aseandocs.pipeline.parse``) and ``link_fn`` (default ``aseandocs.linking.link_corpus``) are
    the per-document and corpus-level stages. ``plans``: globs relative to ``corpus`` or paths
    of the plan files (a file outside ``corpus`` is added to the build); when given, only those
    files are plans (``corpus.plans``). Raises ``BuildError`` for a missing corpus or a ``plans``
    entry that names no file, and ``OutputLockedError`` when another build writes to ``out``.
    """
    t0 = time.perf_counter()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; valid engines: {', '.join(sorted(ENGINES))}")
    src, dest = Path(corpus), Path(out)
    if not src.exists():
        raise BuildError(f"{src}: no such corpus folder or file; give a folder of txt, html or pdf files")
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"{dest}: cannot create the output folder ({e}); choose another -o") from e
    extra: list[Path] = []
    if plans is not None:
        from .plans import resolve_plans
        if parse_fn is not None:
            raise ValueError("build: give plans= or parse_fn=, not both")
        named, extra = resolve_plans(src, [plans] if isinstance(plans, str) else list(plans))
        parse_fn = PlanChoice(named)
    with BuildLock(dest) as lock:
        return _build_locked(src, dest, t0, workers=workers or os.cpu_count() or 1, engine=engine,
                             scheduler=scheduler, force=force, progress=progress,
                             parse_fn=parse_fn, link_fn=link_fn, lock_fd=lock.fileno(), extra=extra)


def _build_locked(src: Path, dest: Path, t0: float, *, workers: int, engine: str, scheduler: Any,
                  force: bool, progress: bool, parse_fn: ParseFn | None,
                  link_fn: LinkFn | None, lock_fd: int | None = None,
                  extra: Sequence[Path] = ()) -> BuildSummary:
    timings: dict[str, float] = {}
    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        timings[name] = round(now - clock[0], 4)
        clock[0] = now

    paths, skipped, problems = _discover(src, dest)
    paths = paths + [p for p in extra if p not in paths]    # named plans outside the corpus
    remove_stale_temps(dest, dest / "documents", dest / "cache")   # left by a killed build
    cache_dir = dest / "cache"
    cache_dir.mkdir(exist_ok=True)
    (dest / "documents").mkdir(exist_ok=True)
    choice = parse_fn if isinstance(parse_fn, PlanChoice) else None
    # named plans: the pipeline's own version, and each file's key says whether it is a plan
    version = cache.version_key(None if choice else parse_fn, "aseandocs.pipeline.parse")
    errors: list[dict[str, Any]] = list(problems)
    records: dict[str, DocRecord | Brief] = {}   # given path -> the document's compact record
    keys: dict[str, str] = {}
    ids: dict[str, str] = {}
    jobs: list[Job] = []
    cached = 0
    linking = link_fn is None
    df = _Frequencies()
    names_seen = _Names()
    position: dict[str, int] = {}   # given path -> its place in the corpus order

    def keep(given: str, status: str, payload: Any, link: dict[str, Any] | None = None) -> None:
        """Record an outcome: a parse result becomes its compact record at once; the terms of
        its events are added to the corpus's document frequencies (``_Frequencies``)."""
        if status != "ok":
            errors.append(payload)
            return
        try:
            if isinstance(payload, DocRecord):
                rec = payload
            else:
                if link is None and linking:
                    link = link_terms(payload)   # an entry cached without them (an older build)
                rec = compact(payload, events=False, link=link, graph=True)
        except (KeyError, TypeError, ValueError) as e:
            errors.append(_error_record(given, e))
            return
        if rec.event_df is not None:
            df.add(*rec.event_df)
        names_seen.add(position.get(given, 0), rec.mention_names)
        if rec.parsed.kind == "plan" and rec.parsed.measures:   # the linking index needs them
            records[given] = replace(rec, event_df=None, mention_names=())
        else:   # news, reports: only counts stay (a 1 GB corpus has 250,000 of them)
            records[given] = Brief(rec.id, rec.mentions, rec.events, len(rec.parsed.measures), rec.summary)

    for p in paths:
        position[str(p)] = len(position)
        given = str(p)
        if p.stem in ids:
            errors.append({"path": given, "error": "BuildError",
                           "reason": f"duplicate document id {p.stem!r}: {ids[p.stem]} has the same file stem",
                           "hint": "rename one of the files; a document's id is its file stem"})
            continue
        ids[p.stem] = given
        try:
            keys[given] = key = cache.content_key(
                p, given, version if choice is None else f"{version}:plan={choice.is_plan(p)}")
        except OSError as e:
            denied = isinstance(e, PermissionError)
            errors.append({"path": given, "error": "ReadError",
                           "reason": "permission denied" if denied else f"cannot read the file ({e.strerror or e})",
                           "hint": "make the file readable by this user (chmod u+r) or remove it from the corpus"
                           if denied else "check that it exists and is readable"})
            continue
        hit = None if force else cache.read_entry(cache_dir, key, with_link=True)
        if hit is not None:
            keep(given, *hit)
            cached += 1
        else:
            jobs.append((given, str(p.resolve())))
    lap("discover")

    pool = outputs.LazyPool(workers, lock_fd)
    try:
        del paths
        return _parse_and_write(src, dest, t0, jobs, records, errors, keys, keep, cached, skipped,
                                timings, lap, pool, df, names_seen, workers=workers, engine=engine, scheduler=scheduler,
                                force=force, progress=progress, parse_fn=parse_fn, link_fn=link_fn)
    finally:
        pool.shutdown()


class _Names:
    """The words each body is named by across the corpus, and how often, added up as documents
    arrive (in any order) but ordered as in corpus order: a count's ties go to the words met first
    in the sorted documents, as when the graph is built from the documents in order."""

    def __init__(self) -> None:
        self._seen: dict[str, dict[str, list[Any]]] = defaultdict(dict)   # body -> words -> [count, first]

    def add(self, position: int, mention_names: tuple[tuple[str, str, int], ...]) -> None:
        for i, (body, words, c) in enumerate(mention_names):
            entry = self._seen[body].get(words)
            if entry is None:
                self._seen[body][words] = [c, (position, i)]
            else:
                entry[0] += c
                entry[1] = min(entry[1], (position, i))

    def counters(self) -> dict[str, Counter[str]]:
        out: dict[str, Counter[str]] = {}
        for body, table in self._seen.items():
            out[body] = Counter({w: e[0] for w, e in sorted(table.items(), key=lambda kv: kv[1][1])})
        return out


class _Frequencies:
    """The corpus's events as linking's background: how many there are and how many hold each
    term (added up from each document's ``link_terms`` as the documents arrive)."""

    def __init__(self) -> None:
        self.events = 0
        self.terms: Counter[str] = Counter()

    def add(self, events: int, terms: dict[str, int]) -> None:
        self.events += events
        self.terms.update(terms)


def _parse_and_write(src: Path, dest: Path, t0: float, jobs: list[Job], records: dict[str, DocRecord | Brief],
                     errors: list[dict[str, Any]], keys: dict[str, str],
                     keep: Callable[..., None], cached: int, skipped: int,
                     timings: dict[str, float], lap: Callable[[str], None],
                     pool: outputs.LazyPool, df: _Frequencies,
                     names_seen: "_Names", *,
                     workers: int, engine: str, scheduler: Any, force: bool, progress: bool,
                     parse_fn: ParseFn | None, link_fn: LinkFn | None) -> BuildSummary:
    """Parse the jobs (each result cached and reduced to its record as it arrives), link and
    write the documents, write every other output (``corpus.outputs``)."""
    cache_dir, docs_dir = dest / "cache", dest / "documents"
    from tqdm import tqdm
    names_key = cache.names_key()
    bar = tqdm(total=len(jobs) + cached, initial=cached, unit="doc", desc="parsing",
               disable=not progress or not sys.stderr.isatty())
    try:
        if jobs:
            options = ({"cache_dir": cache_dir, "keys": keys, "pool": pool, "link": link_fn is None,
                        "meanwhile": _import_later_stages} if engine == "local" else {})
            for (given, _), (status, payload, cacheable) in ENGINES[engine](jobs, parse_fn, workers,
                                                                            scheduler, **options):
                link = payload.pop("_link", None) if isinstance(payload, dict) and status == "ok" else None
                if cacheable:
                    cache.write_entry(cache_dir, keys[given], status, payload, link)
                keep(given, status, payload, link)
                bar.update(1)
    finally:
        bar.close()
    lap("parse")
    # the registry's names for the graph, from a worker that has the registry loaded already
    # (loading it here would cost the build process half a second)
    names = pool().submit(cache.body_names, cache_dir, names_key) if jobs and pool() is not None else None

    order = sorted(records, key=lambda g: Path(g))
    recs = [records.pop(g) for g in order]
    doc_keys = [keys[g] for g in order]
    ids = [r.id for r in recs]
    errors.sort(key=lambda e: Path(e["path"]))
    lap("load")

    link_key = cache.link_key(doc_keys, cache.version_key(link_fn, "link"))
    facts = None if force else cache.read_links(cache_dir, link_key, docs_dir, ids)
    reused_links = facts is not None
    tasks = outputs.outputs_tasks(pool() if len(recs) > 1 else None)
    if facts is None:
        items, index, ok = _link(recs, doc_keys, df, link_fn, src, errors, cache_dir)
        lap("link")
        try:
            outputs.start_documents(tasks, cache_dir, docs_dir, items, workers, index)
            with tqdm(total=len(tasks.running), unit="slice", desc="linking, writing documents",
                      disable=not progress or not sys.stderr.isatty() or not tasks.running) as bar:
                facts = {"links": sum(tasks.wait(lambda: bar.update(1)))}
        finally:
            if index is not None:
                Path(index).unlink(missing_ok=True)
        if ok:   # a failed linking is tried again next time
            cache.write_links(cache_dir, link_key, docs_dir, ids, facts)
    lap("documents")
    outputs.write_errors(dest, errors)
    recs = [r.without_link_terms() if isinstance(r, DocRecord) else r for r in recs]

    out_key = cache.outputs_key(link_key, names_key)
    kept = cache.read_outputs(cache_dir, out_key, dest) if reused_links else None
    if kept is None:
        kept = outputs.write_outputs(dest, [(r.id, r.summary) for r in recs if r.summary], ids,
                                     names.result() if names else cache.body_names(cache_dir, names_key),
                                     names_seen.counters(), tasks, lap,
                                     progress=progress and sys.stderr.isatty())
        cache.write_outputs(cache_dir, out_key, dest, outputs.OUTPUTS, kept)
    else:
        lap("outputs kept")
    cache.prune(cache_dir, set(keys.values()) | {link_key, names_key, out_key})
    index_html = dest / "index.html"
    return BuildSummary(
        documents=len(recs), skipped=skipped,
        measures=sum(len(r.parsed.measures) if isinstance(r, DocRecord) else r.measures for r in recs),
        bodies=kept["bodies"], mentions=sum(r.mentions for r in recs),
        events=sum(r.events for r in recs), links=facts["links"], errors=len(errors),
        cached=cached, seconds=round(time.perf_counter() - t0, 3), out=dest, index=index_html,
        timings=timings, failures=tuple(errors),
        plans=sum(1 for r in recs if isinstance(r, DocRecord) and r.parsed.kind == "plan"
                  and r.parsed.measures))


def _link(recs: list[DocRecord | Brief], doc_keys: list[str], df: _Frequencies, link_fn: LinkFn | None,
          src: Path, errors: list[dict[str, Any]],
          cache_dir: Path) -> tuple[list[outputs.DocItem], str | None, bool]:
    """The corpus-level linking step: the documents to write, the linking index pickled in
    ``cache_dir`` for the workers that write them (``linking.link_document``) or None when the
    links are in the items already (``link_fn``) or there are none, and whether it worked. On
    failure the documents are written unlinked (their ``links`` None, no index) and the failure
    is an error record."""
    plain = [outputs.DocItem(r.id, k, None) for r, k in zip(recs, doc_keys)]
    try:
        if link_fn is not None:
            return _link_with(link_fn, recs, doc_keys, cache_dir), None, True
        from ..linking import MeasureIndex
        plans = [r for r in recs if isinstance(r, DocRecord) and r.parsed.kind == "plan" and r.parsed.measures]
        if not plans:
            return [outputs.DocItem(r.id, k, {}) for r, k in zip(recs, doc_keys)], None, True
        index = MeasureIndex([r.parsed for r in plans], terms=[r.terms or () for r in plans],
                             background_counts=(df.events, df.terms))
        # each worker makes the search arrays itself (at once, side by side): a smaller pickle,
        # and no numpy work in this process, which the workers would wait for
        return plain, outputs.pickle_to(index, cache_dir, ".index."), True
    except Exception as e:   # noqa: BLE001 - a corpus-level failure: keep the documents, unlinked
        errors.append({**_error_record(str(src), e),
                       "hint": "linking failed: the documents were written without event-measure links"})
        return plain, None, False


def _link_with(link_fn: LinkFn, recs: list[DocRecord | Brief], doc_keys: list[str],
               cache_dir: Path) -> list[outputs.DocItem]:
    """Links made by a caller's ``link_fn`` over every document's record with its events (read
    back from the cache; no texts)."""
    full = []
    for r, k in zip(recs, doc_keys):
        hit = cache.read_entry(cache_dir, k)
        if hit is None or hit[0] != "ok":
            raise BuildError(f"{cache_dir / (k + '.json')}: the cached parse of {r.id!r} vanished "
                             "during the build; build again")
        full.append(compact(hit[1]).parsed)
    linked = list(link_fn(full))
    return [outputs.DocItem(r.id, k, {i: e.measures for i, e in enumerate(d.events) if e.measures})
            for r, k, d in zip(recs, doc_keys, linked)]


