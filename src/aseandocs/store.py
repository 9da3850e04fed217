"""The embedded store: ``OUT/aseandocs.sqlite`` with the parsed, linked corpus as tables.

Tables (foreign keys ON, indexed): ``documents``, ``measures`` (-> documents), ``activities``
(-> measures), ``mentions`` (-> documents), ``events`` (-> documents), ``links`` (-> events, and
-> measures when the measure is in the corpus), ``measure_terms`` (-> measures: the bilingual search
terms of each measure, ``linking.search_terms.measure_search_terms``; ``measures.role`` is ``measure`` or
``section``). List-valued columns (``bodies``, ``instruments``,
``evidence``, ``cites``) hold JSON arrays, so SQLite's ``json_each`` opens them. The store holds
what was found, not the texts: ``documents.chars`` is a text's length, and the normalised text
that every ``span_start``/``span_end`` points into is ``document.text`` in
``OUT/documents/<id>.json`` (a copy here would double the store)::

    >>> cols, rows = query("out", "SELECT m.ref, m.title FROM measures m, json_each(m.bodies) b "
    ...                    "WHERE b.value = 'SOMTC'")                            # doctest: +SKIP
    >>> rows[0]                                                                  # doctest: +SKIP
    ('1.3.4', 'ส่งเสริมความร่วมมือเพื่อต่อต้านอาชญากรรมข้ามชาติ ...')
    >>> query("out", "SELECT date, type FROM events WHERE text LIKE '%ASEAN Charter%'")  # doctest: +SKIP
    (['date', 'type'], [('2007-11-20', 'signing')])
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ._atomic import atomic_path
from .errors import BuildError, QueryError
from .linking.search_terms import measure_search_terms, term_language
from .model import ParsedDocument

__all__ = ["write_store", "query", "char_mask", "char_bit", "export_parquet", "TABLES", "QUERY_TABLES", "STORE_NAME", "SCHEMA_VERSION",
           "QUERY_TIMEOUT"]

STORE_NAME = "aseandocs.sqlite"
TABLES = ("documents", "measures", "activities", "mentions", "events", "links", "measure_terms")

_SCHEMA = """
CREATE TABLE documents (
  id TEXT PRIMARY KEY, source TEXT, kind TEXT, title TEXT, date TEXT, language TEXT,
  format TEXT, encoding TEXT, pages INTEGER, chars INTEGER);
CREATE TABLE measures (
  id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), plan TEXT NOT NULL,
  ref TEXT NOT NULL, parent TEXT, level INTEGER, title TEXT, scope TEXT, page INTEGER,
  span_start INTEGER, span_end INTEGER, bodies TEXT, cites TEXT, fields TEXT, role TEXT);
CREATE TABLE activities (
  id INTEGER PRIMARY KEY, measure_id TEXT NOT NULL REFERENCES measures(id), n INTEGER,
  text TEXT, span_start INTEGER, span_end INTEGER);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), body TEXT NOT NULL,
  text TEXT, method TEXT, score REAL, span_start INTEGER, span_end INTEGER);
CREATE TABLE events (
  id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), n INTEGER, type TEXT,
  date TEXT, end_date TEXT, status TEXT, ordinal INTEGER, page INTEGER, text TEXT,
  span_start INTEGER, span_end INTEGER, bodies TEXT, instruments TEXT);
CREATE TABLE links (
  id INTEGER PRIMARY KEY, event_id TEXT NOT NULL REFERENCES events(id),
  measure_id TEXT REFERENCES measures(id), plan TEXT NOT NULL, ref TEXT NOT NULL, score REAL,
  evidence TEXT);
CREATE TABLE measure_terms (
  id INTEGER PRIMARY KEY, measure_id TEXT NOT NULL REFERENCES measures(id), term TEXT NOT NULL,
  language TEXT);
CREATE TABLE bodies (id TEXT PRIMARY KEY, label TEXT, names TEXT);
CREATE TABLE measure_bodies (measure_id TEXT NOT NULL REFERENCES measures(id), body TEXT NOT NULL);
CREATE TABLE event_bodies (event_id TEXT NOT NULL REFERENCES events(id), body TEXT NOT NULL);
CREATE TABLE search_index (kind INTEGER NOT NULL, source INTEGER NOT NULL, measure_id TEXT NOT NULL,
  folded TEXT NOT NULL, mask INTEGER NOT NULL);
CREATE VIEW plan_measures AS SELECT m.rowid AS rowid, m.* FROM measures m
  JOIN documents d ON d.id = m.document_id WHERE d.kind = 'plan';
"""

#: The indexes, made once the rows are in (a B-tree sorted once, not kept in order row by row).
_INDEXES = """
CREATE INDEX measures_document ON measures(document_id);
CREATE INDEX measure_terms_term ON measure_terms(term);
CREATE INDEX measure_terms_measure ON measure_terms(measure_id);
CREATE INDEX measures_plan_ref ON measures(plan, ref);
CREATE INDEX activities_measure ON activities(measure_id);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_body ON mentions(body);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_date ON events(date);
CREATE INDEX links_event ON links(event_id);
CREATE INDEX links_measure ON links(measure_id);
CREATE INDEX search_mask ON search_index(mask, length(folded));
CREATE INDEX measures_ref ON measures(ref);
CREATE INDEX measures_local ON measures(substr(id, instr(id, '#') + 1));
CREATE INDEX measure_bodies_body ON measure_bodies(body);
CREATE INDEX event_bodies_body ON event_bodies(body, event_id);
"""

#: Tables the graph's queries read besides ``TABLES`` (``graph.store_queries``): every body named
#: anywhere with its label and names, which measures and events name which body, and the search
#: form of every measure title (kind 0, source: the measure's rowid) and activity (kind 1, source:
#: the activity's id) of a plan, when the writer is given the folding (``write_store(fold=...)``),
#: with the ``char_mask`` of the folded text; in a build's store, ``timeline``: the corpus's dated
#: events with a happening told twice merged, in date order (``graph.timeline.write_timeline``);
#: and the view ``plan_measures``: the rows of ``measures`` that are a plan's (the graph's measure
#: nodes; ``measures`` also holds the numbered points of news and reports).
QUERY_TABLES = ("bodies", "measure_bodies", "event_bodies", "search_index", "timeline", "plan_measures")

#: What a store older than the graph's store queries lacks: ``bodies`` rows (1), the
#: ``plan_measures`` view and search rows for plans only (3).
SCHEMA_VERSION = 3


def char_bit(c: str) -> int:
    """The bit of a character in ``char_mask``: a-z 0-25, 0-9 26-35, any other 36 + its code
    point mod 26 (Thai letters share bits with one another, never with Latin letters or digits)."""
    o = ord(c)
    if 97 <= o <= 122:
        return o - 97
    if 48 <= o <= 57:
        return o - 22
    return 36 + o % 26


def char_mask(text: str) -> int:
    """The set of ``char_bit`` of the characters of ``text`` (62 bits): two texts that share a
    character share a bit, so a query can skip the rows that share too few of its characters::

        >>> char_mask("ab") == 0b11 and char_mask("aaa") == char_mask("a") and char_mask("") == 0
        True
        >>> char_mask("ก") & char_mask("abcdefghijklmnopqrstuvwxyz0123456789")
        0
    """
    bits = _BITS
    m = 0
    for c in set(text):
        b = bits.get(c)
        if b is None:
            b = bits[c] = 1 << char_bit(c)
        m |= b
    return m


#: Each character's ``1 << char_bit(c)``, filled as characters come (a few hundred in a corpus).
_BITS: dict[str, int] = {}


def _j(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


class _Ids:
    """The rowids the writer gives: measures (their rowid is what ``search_index.source`` names
    for a title), activities and measure terms are numbered 1, 2, ... as they go in (rows are
    only ever appended), so a document's rows go in a table at a time."""

    def __init__(self) -> None:
        self.measures: set[str] = set()
        self.measure = self.activity = self.term = 0


def _insert_document(db: sqlite3.Connection, pd: ParsedDocument, ids: _Ids,
                     fold: Callable[[str], str] | None = None,
                     body_names: Callable[[str], Sequence[str]] | None = None) -> None:
    d = pd.document
    cur = db.execute("INSERT OR IGNORE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (d.id, d.source, pd.kind, pd.title, pd.date, d.language, d.format, d.encoding,
                      len(d.pages) or None, len(d.text)))
    if cur.rowcount == 0:   # a second document with the same id: the first one wins
        return
    measures, bodies, activities, terms, search = [], [], [], [], []
    # search rows and terms for a plan's measures (what the graph holds and links reach); a
    # report's numbered points are rows of measures and activities, found by SQL
    plan = pd.kind == "plan"
    fold = fold if plan else None
    for m in pd.measures:
        if m.id in ids.measures:
            continue
        ids.measures.add(m.id)
        ids.measure += 1
        measures.append((ids.measure, m.id, d.id, m.plan, m.ref, m.parent, m.level, m.title, m.scope, m.page,
                         m.span[0], m.span[1], _j(m.bodies), _j(m.references),
                         json.dumps(dict(m.fields), ensure_ascii=False), m.role))
        if fold is not None:
            f = fold(m.title or "")
            search.append((0, ids.measure, m.id, f, char_mask(f)))
        bodies.extend((m.id, b) for b in dict.fromkeys(m.bodies))
        for n, a in enumerate(m.activities, 1):
            ids.activity += 1
            activities.append((ids.activity, m.id, n, a.text, a.span[0], a.span[1]))
            if fold is not None:
                f = fold(a.text or "")
                search.append((1, ids.activity, m.id, f, char_mask(f)))
        for t in measure_search_terms(m, body_names) if plan else ():   # bilingual (linking.search_terms)
            ids.term += 1
            terms.append((ids.term, m.id, t, term_language(t)))
            if fold is not None:
                f = fold(t)
                search.append((2, ids.term, m.id, f, char_mask(f)))
    if measures:
        db.executemany("INSERT INTO measures (rowid, id, document_id, plan, ref, parent, level, title, scope, "
                       "page, span_start, span_end, bodies, cites, fields, role) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", measures)
        db.executemany("INSERT INTO measure_bodies VALUES (?,?)", bodies)
        db.executemany("INSERT INTO activities (id, measure_id, n, text, span_start, span_end) "
                       "VALUES (?,?,?,?,?,?)", activities)
        db.executemany("INSERT INTO measure_terms (id, measure_id, term, language) VALUES (?,?,?,?)", terms)
        db.executemany("INSERT INTO search_index VALUES (?,?,?,?,?)", search)
    db.executemany("INSERT INTO mentions (document_id, body, text, method, score, span_start, span_end) "
                   "VALUES (?,?,?,?,?,?,?)",
                   [(d.id, x.body, x.text, x.method, x.score, x.span[0], x.span[1]) for x in pd.mentions])
    events, event_bodies, links = [], [], []
    for n, e in enumerate(pd.events, 1):
        eid = f"{d.id}#{n}"
        events.append((eid, d.id, n, e.type, e.date, e.end_date, e.status, e.ordinal, e.page, e.text,
                       e.span[0], e.span[1], _j(e.bodies), _j(e.instruments)))
        event_bodies.extend((eid, b) for b in dict.fromkeys(e.bodies))
        links.extend((eid, link.measure or f"{link.plan}#{link.ref}", link.plan, link.ref, link.score,
                      _j(link.evidence)) for link in e.measures)
    if events:
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
        db.executemany("INSERT INTO event_bodies VALUES (?,?)", event_bodies)
        db.executemany("INSERT INTO links (event_id, measure_id, plan, ref, score, evidence) "
                       "VALUES (?,?,?,?,?,?)", links)


def _insert_bodies(db: sqlite3.Connection, body_attrs: Callable[[str], dict[str, Any]] | None) -> None:
    """A row of ``bodies`` for every body a mention, a measure or an event names, with the label
    and names ``body_attrs(id)`` gives (the graph's body node: ``graph.build.GraphContext.body``);
    without it, the label is the id and the names are the words the documents use, most used
    first."""
    ids = [r[0] for r in db.execute("SELECT body FROM mentions UNION SELECT body FROM measure_bodies "
                                    "UNION SELECT body FROM event_bodies ORDER BY 1")]
    rows = []
    for b in ids:
        if body_attrs is not None:
            a = body_attrs(b)
            rows.append((b, a.get("label") or b, _j(a.get("names") or ())))
        else:
            seen = [t for (t,) in db.execute("SELECT text FROM mentions WHERE body = ? GROUP BY text "
                                               "ORDER BY count(*) DESC, min(id)", (b,))]
            rows.append((b, b, _j(seen[:8])))
    db.executemany("INSERT INTO bodies VALUES (?,?,?)", rows)


def write_store(parsed_docs: Iterable[ParsedDocument], path: str | os.PathLike[str], *,
                body_attrs: Callable[[str], dict[str, Any]] | None = None,
                fold: Callable[[str], str] | None = None,
                finish: Callable[[sqlite3.Connection], None] | None = None,
                body_names: Callable[[str], Sequence[str]] | None = None) -> Path:
    """Write the documents (streamed, one pass) to a new SQLite file at ``path``, atomically.

    Links to a measure that is not in the corpus keep ``plan`` and ``ref`` with a NULL
    ``measure_id``. ``body_attrs`` (body id -> {"label", "names"}) names the bodies
    (``_insert_bodies``); ``fold`` (text -> its search form) fills ``search_index``; ``finish``
    (the open database) adds what is made from the whole store (a build: the merged timeline,
    ``graph.timeline.write_timeline``); ``body_names`` gives the names of the bodies a plan's
    measures are searched by (``linking.search_terms.measure_search_terms``). Returns ``path``.
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        db = sqlite3.connect(tmp)
        try:
            # Links go in as their documents come (a 1 GB corpus has millions: none is held in
            # memory), so a link may name a measure of a later plan: foreign keys are checked
            # once at the end, after the links to measures outside the corpus lose measure_id.
            db.execute("PRAGMA foreign_keys = OFF")
            db.execute("PRAGMA journal_mode = OFF")   # a fresh temp file, renamed only when complete
            db.execute("PRAGMA synchronous = OFF")    # atomic_path fsyncs it before the rename
            db.executescript(_SCHEMA)
            ids = _Ids()
            with db:
                for pd in parsed_docs:
                    _insert_document(db, pd, ids, fold, body_names)
                db.execute("UPDATE links SET measure_id = NULL WHERE measure_id IS NOT NULL AND "
                           "measure_id NOT IN (SELECT id FROM measures)")
                for statement in filter(str.strip, _INDEXES.split(";")):
                    db.execute(statement)
                _insert_bodies(db, body_attrs)
                if finish is not None:
                    finish(db)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            bad = db.execute("PRAGMA foreign_key_check").fetchmany(3)
            if bad:
                raise BuildError(f"{target}: the store would break its foreign keys ({bad}); please report it")
            db.execute("PRAGMA foreign_keys = ON")
        finally:
            db.close()
    return target


def _store_path(out: str | os.PathLike[str]) -> Path:
    p = Path(out)
    if p.is_dir():
        p = p / STORE_NAME
    if not p.is_file():
        raise BuildError(f"{p}: no store here; run `aseandocs build CORPUS -o {out}` first")
    return p


def _connect_ro(out: str | os.PathLike[str]) -> sqlite3.Connection:
    path = _store_path(out)
    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        db.execute("PRAGMA query_only = ON")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()   # a damaged file fails here
    except sqlite3.Error as e:
        raise BuildError(f"{path}: not a readable aseandocs store ({e}); rebuild it with "
                         f"`aseandocs build CORPUS -o {out} --force`") from e
    return db


#: What a query may do (sqlite3's authorizer action codes): read and compute, nothing else. ATTACH,
#: VACUUM INTO, writes, pragmas that set anything, temporary tables and triggers are all refused.
_READ_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
                           sqlite3.SQLITE_RECURSIVE})
#: Pragmas a query may read (they describe the schema).
_READ_PRAGMAS = frozenset({"table_info", "table_xinfo", "table_list", "index_list", "index_info",
                           "foreign_key_list"})
#: Checks of the time limit every this many SQLite virtual-machine steps.
_STEPS = 10_000
#: A query's default time limit in seconds.
QUERY_TIMEOUT = 30.0


def _authorize(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    if action in _READ_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and trigger is None:
        # SQLite's own bookkeeping when a table-valued function (json_each) is first used; a user's
        # write to the schema still fails: the store is opened read-only with query_only on
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in _READ_PRAGMAS:   # arg2: a table
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def query(out: str | os.PathLike[str], sql: str, params: tuple[Any, ...] = (), *,
          timeout: float | None = QUERY_TIMEOUT) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` on ``OUT/aseandocs.sqlite`` (or a .sqlite file), read-only; ``(columns, rows)``.

    The store is opened read-only and every statement is checked as SQLite prepares it: only
    reads are allowed, so a write, ``ATTACH DATABASE``, ``VACUUM INTO`` or a setting pragma is
    refused, and nothing outside the store is ever created. A query running longer than
    ``timeout`` seconds (None: no limit) is stopped. Every such case, and bad SQL or an unknown
    table, raises ``QueryError`` with SQLite's message and the store's tables::

        >>> query("out", "DELETE FROM links")                                   # doctest: +SKIP
        Traceback (most recent call last):
        aseandocs.errors.QueryError: the query was refused: ... (tables: documents, measures, ...)
    """
    db = _connect_ro(out)
    deadline = None if timeout is None else time.monotonic() + timeout
    timed_out = [False]

    def progress() -> int:
        if deadline is not None and time.monotonic() > deadline:
            timed_out[0] = True
            return 1     # non-zero: SQLite interrupts the statement
        return 0

    try:
        db.set_authorizer(_authorize)
        db.set_progress_handler(progress, _STEPS)
        cur = db.execute(sql, params)
        columns = [c[0] for c in cur.description or ()]
        return columns, cur.fetchall()
    except sqlite3.Error as e:
        tables = ", ".join(TABLES)
        if timed_out[0]:
            raise QueryError(f"the query ran past its time limit of {timeout:g} s and was stopped; "
                             "narrow it (a WHERE clause, LIMIT) or give a longer --timeout") from e
        if "authoriz" in str(e) or "prohibited" in str(e):
            raise QueryError(f"the query was refused: only reads of the store are allowed "
                             f"(SELECT, WITH; no writes, ATTACH, VACUUM or settings) ({e}; "
                             f"tables: {tables})") from e
        raise QueryError(f"{e} (tables: {tables}; columns: PRAGMA table_info(<table>))") from e
    finally:
        db.close()


def export_parquet(out: str | os.PathLike[str], dest: str | os.PathLike[str], *,
                   batch: int = 50_000) -> list[Path]:
    """Write each table of the store as ``<dest>/<table>.parquet``; needs pyarrow.

    Rows are read and written ``batch`` at a time (a 1 GB corpus has millions of events), with
    each column typed as the store declares it and compressed with zstd (Thai text shrinks to
    about a fifth). Raises ``BuildError`` naming the extra to install when pyarrow is missing.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise BuildError("Parquet export needs pyarrow: pip install 'aseandocs[frames]'") from e
    types = {"INTEGER": pa.int64(), "REAL": pa.float64()}
    folder = Path(dest)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    db = _connect_ro(out)
    try:
        for table in TABLES:
            declared = [(r[1], r[2].upper()) for r in db.execute(f"PRAGMA table_info({table})")]
            schema = pa.schema([(c, types.get(t, pa.string())) for c, t in declared])
            cur = db.execute(f"SELECT * FROM {table}")   # noqa: S608 - names from TABLES only
            target = folder / f"{table}.parquet"
            with atomic_path(target) as tmp:
                with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
                    while rows := cur.fetchmany(batch):   # an empty table: the schema, no rows
                        writer.write_table(pa.table([pa.array([r[i] for r in rows], type=f.type)
                                                     for i, f in enumerate(schema)], schema=schema))
            written.append(target)
    finally:
        db.close()
    return written
