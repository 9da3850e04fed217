"""The graph's queries answered from the SQLite store (``OUT/aseandocs.sqlite``), not graph.json.

``MeasureGraph.load(OUT)`` answers ``measure``, ``progress``, ``body``, ``timeline``, ``search``,
``coverage`` and ``plans`` here when OUT holds a store written with the query tables
(``store.QUERY_TABLES``): each query reads only the rows it needs through the store's indexes
(measures by ref, links by measure, events by body, ...), so it takes milliseconds on a build
whose graph.json takes seconds to load. The results are the graph's, record for record: the same
first-wins measure ids, links only to measures in the corpus (one per event and measure, the last
written), statement texts shortened as on the graph's event nodes, bodies named as the graph's
body nodes, the same orders (tests/graph/test_store_queries.py compares both on every query)::

    >>> q = StoreQueries.open("out")                                      # doctest: +SKIP
    >>> [p.date for p in q.progress("1.2.1", plan="th_plan_annex_flat")]   # doctest: +SKIP
    ['2008-12-15']
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..errors import BuildError, NotFoundError
from ..store import SCHEMA_VERSION, STORE_NAME
from ..thai import thai_digits_to_ascii
from .build import _EVENT_TEXT, _short
from .timeline import _json_list, read_timeline
from .records import (BodyRecord, CoverageRow, EventRecord, MeasureBrief, MeasureRecord, ProgressRecord,
                      SearchHit, pick_measure)

__all__ = ["StoreQueries", "search_fold"]

# White space removed before matching in search: "กฎ บัตร" and "ASEAN  Charter" fold to
# "กฎบัตร" and "aseancharter"; Thai marks (ั ิ ่ ้) are letters here, never stripped.
_SPACES = re.compile(r"\s+")


def search_fold(text: str) -> str:
    """The form search matches on: ASCII digits, casefolded, no spaces (never rapidfuzz's
    default_process, which strips Thai vowel and tone marks as punctuation)::

        >>> search_fold("กฎ บัตร ASEAN  Charter ๒๕๕๑")
        'กฎบัตรaseancharter2551'
    """
    return _SPACES.sub("", thai_digits_to_ascii(text).casefold())

_MEASURE_COLS = "id, plan, ref, title, level, parent, scope, page, document_id"
_EVENT_COLS = "e.id, e.date, e.end_date, e.type, e.status, e.text, e.document_id, e.bodies"


def _local(mid: str, ref: str) -> str:
    return mid.split("#", 1)[1] if "#" in mid else ref


def _fuzzy_candidates(q: str) -> str:
    """An SQL condition on ``search_index`` that every row whose folded text has a partial ratio
    of at least 75 with ``q`` meets, and most others fail: such a text, when not shorter than
    ``q``, has a window w with 2·LCS(q, w)/(|q|+|w|) >= 0.75 and LCS <= |w|, so LCS >= 0.6·|q|:
    at least that many of q's characters (counted with repeats) occur in it, and so do their
    ``char_mask`` bits. A text shorter than ``q`` is always a candidate."""
    from collections import Counter
    from ..store import char_bit
    bits: Counter[int] = Counter(char_bit(c) for c in q)
    need = int(0.6 * len(q))
    hits = " + ".join(f"((mask >> {b}) & 1) * {n}" for b, n in sorted(bits.items()))
    return f"(length(folded) < {len(q)} OR {hits} >= {need})"


#: By ``search_index.kind``: the field a hit is in, and how its text is read (by ``source``).
_FIELDS = ("title", "activity", "term")
_RAW = ("SELECT coalesce(title, '') FROM measures WHERE rowid = ?",
        "SELECT coalesce(text, '') FROM activities WHERE id = ?",
        "SELECT term FROM measure_terms WHERE id = ?")


class StoreQueries:
    """Read-only queries on one store; ``open(out)`` returns None when ``out`` has no store with
    the query tables (an older build: the graph's queries load graph.json then)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db, self.path = db, path
        self._search_index: list[tuple[str, str, str, str]] | None = None

    @classmethod
    def open(cls, out: str | os.PathLike[str]) -> "StoreQueries | None":
        p = Path(out)
        path = p / STORE_NAME if p.is_dir() else p
        if not path.is_file() or path.suffix != ".sqlite":
            return None
        try:
            db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
            db.execute("PRAGMA query_only = ON")
            if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                db.close()
                return None
        except sqlite3.Error:
            return None
        return cls(db, path)

    def close(self) -> None:
        self.db.close()

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as e:
            raise BuildError(f"{self.path}: cannot read the store ({e}); rebuild the output folder") from e

    # --- measures ------------------------------------------------------------------------------------
    def plans(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT DISTINCT plan FROM plan_measures ORDER BY plan")]

    def resolve_measure(self, ref: str, plan: str | None, trim: Any) -> tuple[Any, ...]:
        """The measure row (``_MEASURE_COLS``) that ``ref`` names, as ``MeasureGraph._resolve_measure``."""
        m = trim.match(thai_digits_to_ascii(ref.strip()))
        key = m["ref"] if m else ref
        if plan is not None:
            plan = plan.removeprefix("doc:")
        if "#" in key:
            found = self._rows(f"SELECT {_MEASURE_COLS} FROM plan_measures WHERE id = ?", (key,))
        else:
            found = self._by_ref(key)
        return pick_measure(ref, plan, found, plan_of=lambda r: r[1], scoped=lambda r: bool(r[6]),
                            name_of=lambda r: r[0], plans=self.plans)

    def _by_ref(self, key: str) -> list[tuple[Any, ...]]:
        """Measures whose local id (after '#') is ``key``, or whose ref is ``key`` when it differs
        from their local id (as the graph's ``_by_ref`` lists them), in corpus order."""
        rows = self._rows(f"SELECT rowid, {_MEASURE_COLS} FROM plan_measures WHERE substr(id, instr(id, '#') + 1) = ? "
                          f"UNION SELECT rowid, {_MEASURE_COLS} FROM plan_measures WHERE ref = ? "
                          "AND substr(id, instr(id, '#') + 1) != ref", (key, key))
        return [r[1:] for r in sorted(rows)]

    def _plan_keys(self, document_id: str) -> dict[str, tuple[str, str, str | None, str | None]]:
        """(scope, ref) -> (id, ref, parent, scope) of a document's measures, the first of each."""
        by_key: dict[str, tuple[str, str, str | None, str | None]] = {}
        for m in self._rows("SELECT id, ref, parent, scope FROM measures WHERE document_id = ? ORDER BY rowid",
                            (document_id,)):
            by_key.setdefault(f"{m[3] or ''}\x00{m[1]}", m)
        return by_key

    @staticmethod
    def _section(row: tuple[Any, ...], by_key: dict[str, tuple[str, str, str | None, str | None]]) -> str:
        """The measure's section: its top-most ancestor's local id (``graph.build._top``)."""
        mid, ref, parent, scope = row[0], row[2], row[5], row[6]
        cur: tuple[str, str, str | None, str | None] = (mid, ref, parent, scope)
        seen = {mid}
        while cur[2] is not None:
            up = by_key.get(f"{cur[3] or ''}\x00{cur[2]}")
            if up is None or up[0] in seen:
                break
            seen.add(up[0])
            cur = up
        return _local(cur[0], cur[1])

    def _references(self, row: tuple[Any, ...], by_key: dict[str, tuple[str, str, str | None, str | None]]) -> tuple[str, ...]:
        """The measures the measure's cross-references lead to (``graph.build._add_measures``)."""
        mid, scope = row[0], row[6]
        cites = json.loads(self._rows("SELECT cites FROM measures WHERE id = ?", (mid,))[0][0] or "[]")
        refs: list[str] = []
        for c in cites:
            target = by_key.get(f"{scope or ''}\x00{c}") or next(
                (x for k, x in by_key.items() if k.endswith(f"\x00{c}")), None)
            if target is not None and target[0] != mid and target[0] not in refs:
                refs.append(target[0])
        return tuple(refs)

    def measure(self, row: tuple[Any, ...]) -> MeasureRecord:
        mid, plan, ref, title, level, parent, _scope, page, doc = row
        by_key = self._plan_keys(doc)
        section, refs = self._section(row, by_key), self._references(row, by_key)
        acts = [r[0] for r in self._rows("SELECT text FROM activities WHERE measure_id = ? ORDER BY n", (mid,))]
        bodies = [r[0] for r in self._rows("SELECT body FROM measure_bodies WHERE measure_id = ? ORDER BY rowid",
                                           (mid,))]
        return MeasureRecord(id=mid, plan=plan, ref=ref, title=title or "", level=level or 0, parent=parent,
                             section=section, activities=tuple(acts), bodies=tuple(bodies),
                             references=refs, progress=tuple(self.progress(mid)), page=page)

    def progress(self, mid: str) -> list[ProgressRecord]:
        rows = self._rows(
            "SELECT l.event_id, l.score, l.evidence, e.date, e.end_date, e.type, e.status, e.text, "
            "e.document_id, d.title FROM links l JOIN events e ON e.id = l.event_id "
            "LEFT JOIN documents d ON d.id = e.document_id WHERE l.measure_id = ? ORDER BY l.id", (mid,))
        last: dict[str, tuple[Any, ...]] = {}
        for r in rows:   # one edge per event and measure: the last link written
            last[r[0]] = r
        out = [ProgressRecord(event=r[0], date=r[3], end_date=r[4], type=r[5] or "", status=r[6] or "done",
                              text=_short(r[7], _EVENT_TEXT), document=r[8] or "", document_title=r[9],
                              measure=mid, score=round(float(r[1] or 0.0), 4),
                              evidence=tuple(json.loads(r[2] or "[]")))
               for r in last.values()]
        out.sort(key=lambda p: (p.date is None, p.date or "", -p.score, p.event))
        return out

    # --- events and bodies ---------------------------------------------------------------------------
    def _events(self, where: str, params: Iterable[Any], rows: list[tuple[Any, ...]] | None = None,
                every: bool = False) -> list[EventRecord]:
        """The events ``where`` selects (or the ``rows`` of ``_EVENT_COLS`` given) with their links;
        ``every``: most events are selected, so the links are read in one scan of the table
        rather than by the events' ids."""
        if rows is None:
            rows = self._rows(f"SELECT {_EVENT_COLS} FROM events e WHERE {where}", params)
        if not rows:
            return []
        links: dict[str, list[str]] = defaultdict(list)
        ids = [r[0] for r in rows]
        if every:
            wanted = set(ids)
            found = [(eid, mid) for eid, mid in self._rows(
                "SELECT event_id, measure_id FROM links WHERE measure_id IS NOT NULL ORDER BY id") if eid in wanted]
        else:
            found = []
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                found += self._rows("SELECT event_id, measure_id FROM links WHERE measure_id IS NOT NULL "
                                    f"AND event_id IN ({','.join('?' * len(part))}) ORDER BY id", part)
        for eid, mid in found:
            if mid not in links[eid]:
                links[eid].append(mid)
        return [EventRecord(id=r[0], date=r[1], end_date=r[2], type=r[3] or "", status=r[4] or "done",
                            text=_short(r[5], _EVENT_TEXT), document=r[6] or "",
                            bodies=tuple(_json_list(r[7])), measures=tuple(links.get(r[0], ())))
                for r in rows]

    def body_id(self, body_id: str, not_id: Any) -> str:
        want = not_id.sub("", body_id.removeprefix("body:").upper())
        known = [r[0] for r in self._rows("SELECT id FROM bodies ORDER BY id")]
        for b in known:
            if not_id.sub("", b.upper()) == want:
                return b
        raise NotFoundError(f"no body {body_id!r} in this graph ({len(known)} bodies, e.g. "
                            f"{', '.join(known[:8])}); ids are official acronyms such as SOMTC")

    def body(self, b: str, sort_key: Any) -> BodyRecord:
        label, names = self._rows("SELECT label, names FROM bodies WHERE id = ?", (b,))[0]
        measures = [MeasureBrief(*r) for r in self._rows(
            "SELECT m.id, m.plan, m.ref, coalesce(m.title, '') FROM measure_bodies x "
            "JOIN plan_measures m ON m.id = x.measure_id WHERE x.body = ? GROUP BY m.id", (b,))]
        measures.sort(key=lambda m: (m.plan, sort_key(m.id.split("#", 1)[1])))
        events = self._events("e.id IN (SELECT event_id FROM event_bodies WHERE body = ?)", (b,))
        events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
        docs = [r[0] for r in self._rows("SELECT DISTINCT document_id FROM mentions WHERE body = ? ORDER BY 1",
                                         (b,))]
        return BodyRecord(id=b, label=label or b, names=tuple(json.loads(names or "[]")),
                          measures=tuple(measures), events=tuple(events), documents=tuple(docs))

    def merged_timeline(self) -> list[EventRecord] | None:
        """The whole corpus's timeline as the build merged it (``graph.timeline``), or None."""
        try:
            return read_timeline(self.db)
        except sqlite3.DatabaseError as e:
            raise BuildError(f"{self.path}: cannot read the store ({e}); rebuild the output folder") from e

    def timeline(self, body: str | None) -> list[tuple[dict[str, Any], EventRecord]]:
        """The dated events (of ``body``), each with its attributes as on the graph's event node
        (for ``MeasureGraph.timeline``'s merging of one happening told twice), in any order."""
        where = "e.date IS NOT NULL AND e.date != ''"
        params: tuple[Any, ...] = ()
        if body is not None:
            where += " AND e.id IN (SELECT event_id FROM event_bodies WHERE body = ?)"
            params = (body,)
        # one scan of the events gives both the records and the attributes
        rows = self._rows(f"SELECT {_EVENT_COLS}, e.ordinal, e.instruments FROM events e WHERE {where}", params)
        n = _EVENT_COLS.count(",") + 1
        records = self._events(where, params, [r[:n] for r in rows], every=body is None)
        attrs = [{"document": r[6], "event_type": r[3] or "", "date": r[1], "end_date": r[2],
                  "status": r[4] or "done", "ordinal": r[n], "bodies": list(e.bodies),
                  "instruments": _json_list(r[n + 1])} for r, e in zip(rows, records)]
        return list(zip(attrs, records))

    # --- search and coverage -------------------------------------------------------------------------
    def _indexed(self) -> bool:
        """Whether the store holds ``search_index`` rows (it does when written with ``fold``)."""
        if not hasattr(self, "_has_index"):
            self._has_index = bool(self._rows("SELECT 1 FROM search_index LIMIT 1")) or not self._rows(
                "SELECT 1 FROM plan_measures LIMIT 1")
        return self._has_index

    def _unindexed(self, fold: Any) -> list[tuple[int, int, str, str]]:
        """(kind, source, measure id, folded text) of every title then every activity, folded here
        (a store written without ``fold``)."""
        rows = [(0, r, mid, fold(t or "")) for r, mid, t in
                self._rows("SELECT rowid, id, title FROM plan_measures ORDER BY rowid")]
        rows += [(1, r, mid, fold(t or "")) for r, mid, t in
                 self._rows("SELECT id, measure_id, text FROM activities WHERE measure_id IN "
                                 "(SELECT id FROM plan_measures) ORDER BY id")]
        return rows + [(2, r, mid, fold(t or "")) for r, mid, t in
                       self._rows("SELECT id, measure_id, term FROM measure_terms ORDER BY id")]

    def search(self, q: str, limit: int, fold: Any) -> list[SearchHit]:
        """``MeasureGraph.search`` over ``search_index``: the substring matches found by SQLite
        (titles first, then shorter texts first, then corpus order), then, when they are fewer
        than ``limit``, rapidfuzz's partial ratio over the texts that can reach its cutoff
        (``_fuzzy_candidates``), in the same order, so ties fall as in the graph."""
        from rapidfuzz import fuzz, process
        hits: dict[str, SearchHit] = {}
        heads: dict[str, tuple[str, str, str]] = {}

        def add(row: tuple[int, int, str, str], method: str, score: float) -> None:
            kind, source, mid, _ = row
            if mid in hits:
                return
            if mid not in heads:
                heads[mid] = self._rows("SELECT plan, ref, coalesce(title, '') FROM measures WHERE id = ?",
                                        (mid,))[0]
            raw = self._rows(_RAW[kind], (source,))[0][0]
            plan, ref, title = heads[mid]
            hits[mid] = SearchHit(measure=mid, plan=plan, ref=ref, title=title, field=_FIELDS[kind],
                                  matched=raw, method=method, score=round(score, 1))

        indexed = self._indexed()
        if indexed:
            like = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            # LIKE, not instr (a third of the time): both sides are casefolded, so its ASCII case
            # folding changes nothing; the query's % and _ are escaped
            subs = self._rows("SELECT kind, source, measure_id, length(folded) FROM search_index "
                              "WHERE folded LIKE ? ESCAPE '\\' ORDER BY kind, rowid", (f"%{like}%",))
            subs.sort(key=lambda r: (r[0], r[3]))
        else:
            everything = self._unindexed(fold)
            subs = sorted((r for r in everything if q in r[3]), key=lambda r: (r[0], len(r[3])))
        for row in subs:
            add(row, "substring", 100.0)
        if len(hits) < limit and len(q) >= 3:
            if indexed:
                # the condition is read from the (mask, length) index alone, then the rows fetched
                cands = self._rows("SELECT kind, source, measure_id, folded FROM search_index WHERE rowid IN "
                                   "(SELECT rowid FROM search_index INDEXED BY search_mask WHERE "
                                   + _fuzzy_candidates(q) + ") AND kind != 2 ORDER BY kind, rowid")
            else:
                cands = [r for r in everything if r[0] != 2]
            # terms match as substrings only: a fuzzy "maritime" would find "arts"
            for _, score, i in process.extract(q, [r[3] for r in cands], scorer=fuzz.partial_ratio,
                                               processor=None, limit=limit * 4, score_cutoff=75):
                add(cands[i], "fuzzy", score)
        return list(hits.values())[:limit]

    def coverage(self, plan: str, sort_key: Any) -> list[CoverageRow]:
        plan = plan.removeprefix("doc:")
        groups: dict[str, list[str]] = defaultdict(list)
        keys: dict[str, Any] = {}
        for row in self._rows(f"SELECT {_MEASURE_COLS} FROM plan_measures WHERE plan = ? ORDER BY rowid", (plan,)):
            if row[8] not in keys:
                keys[row[8]] = self._plan_keys(row[8])
            groups[self._section(row, keys[row[8]])].append(row[0])
        if not groups:
            raise NotFoundError(f"no measures for plan {plan!r} (plans: {', '.join(self.plans()) or 'none'})")
        reported = {r[0] for r in self._rows(
            "SELECT DISTINCT l.measure_id FROM links l JOIN plan_measures m ON m.id = l.measure_id WHERE m.plan = ?",
            (plan,))}
        rows = []
        for section in sorted(groups, key=sort_key):
            nodes = groups[section]
            n = sum(1 for x in nodes if x in reported)
            head = self._rows("SELECT coalesce(title, '') FROM measures WHERE id = ?", (f"{plan}#{section}",))
            rows.append(CoverageRow(plan=plan, section=section, title=head[0][0] if head else "",
                                    measures=len(nodes), reported=n, share=round(n / len(nodes), 4)))
        return rows
