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
document id is the file's path in the corpus without its extension ("2020/09/19/ด้านสังคม_1"; a
file at the top of the corpus keeps its stem, ``walk.document_id``), and ``documents/<id>.json``
mirrors the corpus's folders. What the cache holds (``aseandocs.corpus.cache``): each document's
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

import contextlib
import errno
import os
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from .._atomic import remove_stale_temps
from ..errors import BuildError
from . import cache, outputs
from .engines import ENGINES, ParseTask, WorkerDeaths, import_later_stages
from .formats import commit_names, files_of
from .jobs import Job, Limits, brief_record, error_record, unreadable
from .lock import BuildLock, Terminated, terminate_as_interrupt
from .plans import NO_PLAN, PlanChoice, count_plans, plan_version, with_named_plans
from .records import Brief, BriefRecord, DocRecord, briefs, compact, link_terms
from .relink import BASIS, STATE, Relinker
from .settings import BuildSettings, LinkFn
from .staging import OutputSet, disk_error, is_output_folder, verify
from .walk import SUFFIXES, discover, document_id, duplicate_id

__all__ = ["build", "BuildSummary", "BuildSettings", "SUFFIXES", "ENGINES", "Terminated"]


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
    index: Path | None          # None when the explorer was not written (``formats``)
    timings: dict[str, float] = field(default_factory=dict)
    failures: tuple[dict[str, Any], ...] = ()   # the records of OUT/errors.jsonl
    worker_deaths: int = 0                      # worker processes that died while parsing
    retried: tuple[str, ...] = ()               # the documents they held, parsed again alone
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
                 f"  explorer: {self.index or 'not written (formats)'}"]
        if self.worker_deaths:
            shown = ", ".join(self.retried[:self.SHOWN]) + (" ..." if len(self.retried) > self.SHOWN else "")
            lines.insert(-1, f"  a worker process died {self.worker_deaths} time(s) (out of memory?); "
                             f"{len(self.retried)} documents it held were parsed again alone: {shown}")
        if self.plans == 0 and self.documents:
            lines.insert(-1, f"  warning: {NO_PLAN}")
        for e in self.failures[:self.SHOWN]:
            hint = f" ({e['hint']})" if e.get("hint") else ""
            lines.insert(-1, f"    {e['path']}: {e['reason']}{hint}")
        if len(self.failures) > self.SHOWN:
            lines.insert(-1, f"    ... and {len(self.failures) - self.SHOWN} more in errors.jsonl")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["out"], d["index"] = str(self.out), str(self.index) if self.index else None
        return d


# --- the build -----------------------------------------------------------------------------------

def build(corpus: str | os.PathLike[str], out: str | os.PathLike[str], *,
          settings: BuildSettings | Mapping[str, Any] | None = None, **options: Any) -> BuildSummary:
    """Build ``corpus`` (a folder of txt/html/pdf, or one file) into ``out``.

    The options (``BuildSettings``) are given as keywords or as ``settings``, keywords winning:
    ``workers`` processes (default: the number of cores; 1 runs in this process) or, with
    ``engine="dask"``, a dask.distributed cluster at ``scheduler`` ("tcp://host:8786", a
    ``Client``; None starts a LocalCluster); ``force`` ignores the cache; ``progress`` shows
    progress bars; ``parse_fn`` (default ``aseandocs.pipeline.parse``) and ``link_fn`` (default
    ``aseandocs.linking``'s index) are the per-document and corpus-level stages; ``plans`` names
    the plan files (``corpus.plans``). Raises ``BuildError`` for a missing corpus or a ``plans``
    entry naming no file, and ``OutputLockedError`` when another build writes to ``out``;
    ValueError/TypeError for a bad or unknown option.
    """
    t0 = time.perf_counter()
    s = BuildSettings.resolve(settings, **options)
    src, dest = Path(corpus), Path(out)
    if not src.exists():
        raise BuildError(f"{src}: no such corpus folder or file; give a folder of txt, html or pdf files")
    if src.is_dir() and dest.exists() and src.resolve() == dest.resolve():
        raise BuildError(f"{src}: the corpus and the output folder are the same; the outputs would be read "
                         "as documents: give another -o")
    if src.is_dir() and is_output_folder(src):
        raise BuildError(f"{src}: this is the output folder of an earlier build, not a corpus; give the "
                         "folder of documents it was built from")
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"{dest}: cannot create the output folder ({e}); choose another -o") from e
    s, extra = with_named_plans(src, s)
    with terminate_as_interrupt(), BuildLock(dest) as lock:
        return _Build(src, dest, s, t0, lock.fileno(), extra).run()


class _Build:
    """One build as it goes: the documents found, their cache keys and compact records, the errors,
    what linking adds up (``relink.Relinker``) and the graph needs (``_Names``), and the time of each
    phase. ``run()`` goes through the phases in order: discover, parse, link and write the
    documents, write the other outputs."""

    def __init__(self, src: Path, dest: Path, settings: BuildSettings, t0: float,
                 lock_fd: int | None, extra: "list[Path] | None" = None) -> None:
        self.src, self.dest, self.settings, self.t0, self.extra = src, dest, settings, t0, extra or []
        self.workers = settings.worker_count
        self.cache_dir, self.docs_dir = dest / "cache", dest / "documents"
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()
        self.errors: list[dict[str, Any]] = []
        self.records: dict[str, DocRecord | Brief] = {}   # given path -> the document's compact record
        self.keys: dict[str, str] = {}                     # given path -> cache key
        self.ids: dict[str, str] = {}                      # given path -> document id
        self.position: dict[str, int] = {}                 # given path -> its place in the corpus order
        self.jobs: list[Job] = []
        self.cached = self.skipped = 0
        self.linking = settings.link_fn is None
        self.relink = Relinker(dest, self.cache_dir, fresh=settings.force)
        self.names_seen = _Names()
        self.pool = outputs.LazyPool(self.workers, lock_fd)
        self.names_key = cache.names_key()
        self.names: Any = None          # the registry's body names, as a worker's future
        self.tasks: Any = None          # the output tasks (``outputs.outputs_tasks``)
        self.staged: OutputSet | None = None    # where this build's outputs are written first
        self._links_to_record: tuple[str, list[str], dict[str, Any]] | None = None
        self.deaths = WorkerDeaths()            # worker processes that died while parsing
        self.counts: dict[str, int] = {}        # document id -> links, of the documents written

    def _free_stale_cache(self) -> None:
        """After a failed write, remove the cache entries of files no longer in the corpus (they
        would keep a small disk full for the next try); this build's own entries stay."""
        with contextlib.suppress(OSError):
            cache.prune(self.cache_dir, set(self.keys.values()) | {self.names_key})

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self._clock, 4)
        self._clock = now

    def run(self) -> BuildSummary:
        """Every phase in order. The outputs are staged and put in place together at the end
        (``staging.OutputSet``): a failure on the way leaves the previous outputs whole; a full,
        read-only or unwritable disk is a ``BuildError`` naming the file and what to do."""
        summary = None
        try:
            self.discover()
            self.parse()
            self.staged = OutputSet(self.dest)
            return (summary := self.write_outputs(*self.link_and_write_documents()))
        except OSError as e:
            err = disk_error(e, self.dest)
            if err is None:
                raise
            self._free_stale_cache()
            raise err from e
        except sqlite3.OperationalError as e:
            if "full" not in str(e):
                raise
            raise disk_error(OSError(errno.ENOSPC, str(e), str(self.dest / "aseandocs.sqlite")),
                             self.dest) from e
        finally:
            if self.staged is not None:
                self.staged.discard()
            self.pool.shutdown()
            if summary is None:   # an interrupt too: with the workers stopped, no temp file stays
                remove_stale_temps(self.dest, self.cache_dir, *outputs.document_folders(self.docs_dir))

    def keep(self, given: str, status: str, payload: Any, link: dict[str, Any] | None = None) -> None:
        """Record an outcome as its compact record, its events' terms in the corpus's ``Relinker``."""
        if status != "ok":
            self.errors.append(payload)
            return
        try:
            rec = self._record(payload, link)
        except (KeyError, TypeError, ValueError) as e:
            self.errors.append(error_record(given, e))
            return
        self._keep_record(given, rec)

    def _record(self, payload: Any, link: dict[str, Any] | None) -> DocRecord | BriefRecord:
        if isinstance(payload, (DocRecord, BriefRecord)):
            return payload
        if link is None and self.linking:
            link = link_terms(payload)   # an entry cached without them (an older build)
        return compact(payload, events=False, link=link, graph=True)

    def _keep_record(self, given: str, rec: DocRecord | BriefRecord) -> None:
        if isinstance(rec, BriefRecord):   # a worker's, its brief cached already
            self._keep_brief(given, *rec)
        elif rec.link_target:
            self._keep_brief(given, replace(rec, event_df=None, mention_names=()), rec.mention_names, rec.event_df)
        else:   # news, reports: only counts stay (a 1 GB corpus has 250,000 of them), cached apart
            self._keep_brief(given, *brief_record(self.cache_dir, self.keys[given], rec))

    def _keep_brief(self, given: str, rec: DocRecord | Brief, names: Any, event_df: Any) -> None:
        if event_df is not None:
            self.relink.add(rec.id, *event_df)
        self.names_seen.add(self.position.get(given, 0), names)
        self.records[given] = rec

    def _reuse(self, given: str, status: str, payload: Any, link: dict[str, Any] | None) -> bool:
        """Keep a cached outcome; False when it makes no record (parsed again, never failed)."""
        if status != "ok":
            self.errors.append(payload)
            return True
        try:
            rec = self._record(payload, link)
        except (KeyError, TypeError, ValueError):
            return False
        self._keep_record(given, rec)
        return True

    # --- phases ------------------------------------------------------------------------------------

    def discover(self) -> None:
        """Walk the corpus; reuse each unchanged document's cached parse, queue the others."""
        dest = self.dest
        paths, self.skipped, problems = discover(self.src, dest)
        paths = paths + [p for p in self.extra if p not in paths]
        self.errors.extend(problems)
        remove_stale_temps(dest, self.cache_dir, *outputs.document_folders(self.docs_dir))   # left by a killed build
        self.cache_dir.mkdir(exist_ok=True)
        self.docs_dir.mkdir(exist_ok=True)
        fn = self.settings.parse_fn   # named plans: the pipeline's version, a key per plan flag
        version = cache.version_key(None if isinstance(fn, PlanChoice) else fn, "aseandocs.pipeline.parse")
        ids: dict[str, str] = {}
        for p in paths:
            given = str(p)
            self.position[given] = len(self.position)
            doc_id = document_id(p, self.src)
            if doc_id in ids:
                self.errors.append(duplicate_id(given, doc_id, ids[doc_id]))
                continue
            ids[doc_id] = given
            self.ids[given] = doc_id
            try:
                self.keys[given] = key = cache.content_key(p, given, plan_version(fn, version, p), doc_id)
            except OSError as e:
                self.errors.append(unreadable(given, e))
                continue
            brief = None if self.settings.force or not self.linking else cache.read_brief(self.cache_dir, key, doc_id)
            if brief is not None:
                self._keep_brief(given, *brief)
                self.cached += 1
                continue
            hit = None if self.settings.force else cache.read_entry(self.cache_dir, key, document=given,
                                                                    with_link=True)
            if hit is not None and self._reuse(given, *hit):
                self.cached += 1
            else:
                self.jobs.append((given, str(p.resolve())))
        self.lap("discover")

    def parse(self) -> None:
        """Parse the queued documents on the engine; each result is cached and reduced to its
        record as it arrives."""
        from tqdm import tqdm
        s, jobs = self.settings, self.jobs
        bar = tqdm(total=len(jobs) + self.cached, initial=self.cached, unit="doc", desc="parsing",
                   disable=not s.progress or not sys.stderr.isatty())
        try:
            if jobs:
                local = s.engine == "local"
                here = local or s.scheduler is None     # a LocalCluster shares this file system
                limits = Limits(None if s.max_doc_mb is None else int(s.max_doc_mb * 1e6), s.doc_timeout)
                task = ParseTask(s.parse_fn, str(self.cache_dir) if here else None,
                                 self.keys if here else None, link=self.linking, limits=limits,
                                 ids=self.ids)
                extra = {"deaths": self.deaths} if local else {"lock_fd": self.pool.lock_fd}
                outcomes = ENGINES[s.engine](jobs, task, s, pool=self.pool if local else None,
                                             meanwhile=import_later_stages, **extra)
                for (given, _), (status, payload, cacheable) in outcomes:
                    link = payload.pop("_link", None) if isinstance(payload, dict) and status == "ok" else None
                    if cacheable:
                        cache.write_entry(self.cache_dir, self.keys[given], status, payload, link)
                    self.keep(given, status, payload, link)
                    bar.update(1)
        finally:
            bar.close()
        self.lap("parse")

    def link_and_write_documents(self) -> tuple[list[Brief], list[str], dict[str, Any], str, bool]:
        """Link the corpus (or reuse its links when no document changed) and write documents/*.json:
        the records in corpus order, their cache keys, the links' facts, the links' cache key
        and whether the links were reused."""
        from tqdm import tqdm
        s = self.settings
        # the registry's names for the graph, from a worker that has the registry loaded already
        # (loading it here would cost the build process half a second)
        self.names = (self.pool().submit(cache.body_names, self.cache_dir, self.names_key)
                      if self.jobs and self.pool() is not None else None)
        order = sorted(self.records, key=lambda g: Path(g))
        recs = [self.records.pop(g) for g in order]
        doc_keys = [self.keys[g] for g in order]
        ids = [r.id for r in recs]
        self.errors.sort(key=lambda e: Path(e["path"]))
        self.lap("load")

        link_key = cache.link_key(doc_keys, cache.version_key(s.link_fn, "link"))
        facts = None if s.force else cache.read_links(self.cache_dir, link_key, self.docs_dir, ids)
        reused = facts is not None
        self.tasks = outputs.outputs_tasks(self.pool() if len(recs) > 1 else None)
        if facts is None:
            items, index, ok = _link(recs, doc_keys, self.relink, s.link_fn, self.src, self.errors, self.cache_dir)
            recs = briefs(recs)             # in the index now: not kept here
            self.relink.release()
            self.lap("link")
            try:
                outputs.start_documents(self.tasks, self.cache_dir, self.staged.docs, items, self.workers, index)
                with tqdm(total=len(self.tasks.running), unit="slice", desc="linking, writing documents",
                          disable=not s.progress or not sys.stderr.isatty() or not self.tasks.running) as bar:
                    for part in self.tasks.wait(lambda: bar.update(1)):
                        self.counts.update(part)
                facts = {"links": sum(self.counts.values()) + self.relink.kept_links}
            finally:
                if index is not None:
                    Path(index).unlink(missing_ok=True)
            if ok:   # recorded once the documents are in place; a failed linking is tried again next time
                self._links_to_record = (link_key, ids, facts)
        self.lap("documents")
        outputs.write_errors(self.staged.root, self.errors)
        return briefs(recs), doc_keys, facts, link_key, reused

    def write_outputs(self, recs: list[Brief], doc_keys: list[str], facts: dict[str, Any],
                      link_key: str, reused_links: bool) -> BuildSummary:
        """The graph files, the store and the explorer (kept as they are when nothing changed),
        the cache pruned, and the summary."""
        dest, cache_dir, staged = self.dest, self.cache_dir, self.staged
        assert staged is not None
        ids = [r.id for r in recs]
        formats = self.settings.formats
        out_key = cache.outputs_key(link_key, self.names_key, formats)
        kept = cache.read_outputs(cache_dir, out_key, dest) if reused_links else None
        if kept is not None and not verify(dest, files_of(formats)):
            kept = None     # a file changed in place since (same size and time): write them again
        written = kept is None
        if written:
            names = self.names.result() if self.names else cache.body_names(cache_dir, self.names_key)
            kept = outputs.write_outputs(staged.root, staged.docs, [(r.id, r.summary) for r in recs if r.summary],
                                         ids, names, self.names_seen.counters(), self.tasks, self.lap,
                                         progress=self.settings.progress and sys.stderr.isatty(),
                                         formats=formats)
        else:
            self.lap("outputs kept")
        basis = (BASIS,) if self.relink.stage(staged.root) else ()
        staged.commit((*commit_names(dest, formats), "errors.jsonl", *basis), ids, {"links": facts["links"], **kept})
        outputs.remove_empty_folders(self.docs_dir)   # documents/ mirrors the corpus's folders
        self.staged = None
        self.lap("commit")
        if not reused_links:
            self.relink.record(ids, doc_keys, self.counts)
        if self._links_to_record is not None:
            cache.write_links(cache_dir, self._links_to_record[0], self.docs_dir, *self._links_to_record[1:])
        if written:
            cache.write_outputs(cache_dir, out_key, dest, files_of(formats), kept)
        cache.prune(cache_dir, set(self.keys.values()) | {link_key, self.names_key, out_key, STATE})
        return BuildSummary(
            documents=len(recs), skipped=self.skipped,
            measures=sum(r.measures for r in recs),
            bodies=kept["bodies"], mentions=sum(r.mentions for r in recs),
            events=sum(r.events for r in recs), links=facts["links"], errors=len(self.errors),
            cached=self.cached, seconds=round(time.perf_counter() - self.t0, 3), out=dest,
            index=dest / "index.html" if "html" in formats else None, timings=self.timings,
            failures=tuple(self.errors), worker_deaths=self.deaths.deaths, retried=tuple(self.deaths.retried),
            plans=count_plans(recs))


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


def _link(recs: list[DocRecord | Brief], doc_keys: list[str], rl: Relinker, link_fn: LinkFn | None,
          src: Path, errors: list[dict[str, Any]],
          cache_dir: Path) -> tuple[list[outputs.DocItem], str | None, bool]:
    """The corpus-level linking step: the documents to write (those ``rl`` links again), the
    linking index pickled in ``cache_dir`` for the workers that write them
    (``linking.link_document``) or None when the links are in the items already (``link_fn``) or
    there are none, and whether it worked. On failure every document is written unlinked (its
    ``links`` None, no index) and the failure is an error record."""
    plain = [outputs.DocItem(r.id, k, None) for r, k in zip(recs, doc_keys)]
    try:
        if link_fn is not None:
            return _link_with(link_fn, recs, doc_keys, cache_dir), None, True
        from ..linking import MeasureIndex
        plans = [(r, k) for r, k in zip(recs, doc_keys)
                 if isinstance(r, DocRecord) and r.link_target]
        if not plans:
            return [outputs.DocItem(r.id, k, {}) for r, k in zip(recs, doc_keys)], None, True
        index = MeasureIndex([r.parsed for r, _ in plans], terms=[r.terms or () for r, _ in plans],
                             background_counts=(rl.events, rl.terms), fields=[r.fields for r, _ in plans])
        todo = rl.select(index, cache.link_key([k for _, k in plans], cache.version_key(None, "link")),
                         [r.id for r in recs], doc_keys)
        # each worker makes the search arrays itself (at once, side by side): a smaller pickle,
        # and no numpy work in this process, which the workers would wait for
        return [i for i in plain if i.id in todo], outputs.pickle_to(index, cache_dir, ".index."), True
    except Exception as e:   # noqa: BLE001 - a corpus-level failure: keep the documents, unlinked
        rl.forget()
        errors.append({**error_record(str(src), e),
                       "hint": "linking failed: the documents were written without event-measure links"})
        return plain, None, False


def _link_with(link_fn: LinkFn, recs: list[DocRecord | Brief], doc_keys: list[str],
               cache_dir: Path) -> list[outputs.DocItem]:
    """Links made by a caller's ``link_fn`` over every document's record with its events (read
    back from the cache; no texts)."""
    full = []
    for r, k in zip(recs, doc_keys):
        hit = cache.read_entry(cache_dir, k, doc_id=r.id)
        if hit is None or hit[0] != "ok":
            raise BuildError(f"{cache_dir / (k + '.json')}: the cached parse of {r.id!r} vanished "
                             "during the build; build again")
        full.append(compact(hit[1]).parsed)
    linked = list(link_fn(full))
    return [outputs.DocItem(r.id, k, {i: e.measures for i, e in enumerate(d.events) if e.measures})
            for r, k, d in zip(recs, doc_keys, linked)]


