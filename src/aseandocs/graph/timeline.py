"""The timeline: dated events in date order, a happening told in two consecutive statements once.

A document often tells one happening twice ("ASEAN was established by the Bangkok Declaration on
8 August 1967. Its five founders were ..."): the next event of the same document with the same
type, date, end date, status and ordinal, whose bodies and instruments agree (one's are among the
other's), is merged into the first (``merge_happenings``). ``MeasureGraph.timeline`` does this over
the graph's event nodes; a build also writes the merged timeline of the whole corpus into the store
(``write_timeline``, table ``timeline``), so that ``aseandocs graph timeline`` on a year of news
reads it in one indexed scan (``read_timeline``) instead of merging 10,000s of events per query.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any, Iterable, Iterator

from .build import _EVENT_TEXT, _short
from .records import EventRecord

__all__ = ["same_happening", "merge_happenings", "event_n", "write_timeline", "read_timeline"]


def event_n(event_id: str) -> int:
    """The statement number of an event id ("doc#12" -> 12)."""
    tail = event_id.rsplit("#", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _agree(a: Iterable[str], b: Iterable[str]) -> bool:
    sa, sb = set(a), set(b)
    return sa <= sb or sb <= sa


def same_happening(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two event nodes' attributes of one document that tell the same happening (module docstring)."""
    return (a.get("document") == b.get("document") and a.get("event_type") == b.get("event_type")
            and a.get("date") == b.get("date") and a.get("end_date") == b.get("end_date")
            and a.get("status", "done") == b.get("status", "done")
            and (a.get("ordinal") is None or b.get("ordinal") is None or a.get("ordinal") == b.get("ordinal"))
            and _agree(a.get("bodies") or (), b.get("bodies") or ())
            and _agree(a.get("instruments") or (), b.get("instruments") or ()))


def _merged(first: EventRecord, second: EventRecord) -> EventRecord:
    """``first`` with the bodies and measures ``second`` adds."""
    return replace(first, bodies=tuple(dict.fromkeys(first.bodies + second.bodies)),
                   measures=tuple(dict.fromkeys(first.measures + second.measures)))


def _heads(pairs: Iterable[tuple[dict[str, Any], EventRecord]]) -> Iterator[EventRecord]:
    """The happenings of ``pairs`` (attributes, record), given in document and statement order:
    each record with the ones merged into it, as soon as the next one starts another happening."""
    head: EventRecord | None = None
    last: tuple[dict[str, Any], int] | None = None
    for attrs, rec in pairs:
        n = event_n(rec.id)
        if head is not None and last is not None and n == last[1] + 1 and same_happening(last[0], attrs):
            head = _merged(head, rec)
        else:
            if head is not None:
                yield head
            head = rec
        last = (attrs, n)
    if head is not None:
        yield head


def merge_happenings(pairs: list[tuple[dict[str, Any], EventRecord]]) -> list[EventRecord]:
    """The timeline of ``pairs`` (attributes, record; any order): merged, then in date, document and
    statement order."""
    pairs = sorted(pairs, key=lambda p: (p[0].get("document", ""), event_n(p[1].id)))
    return sorted(_heads(pairs), key=lambda e: (e.date or "", e.document, event_n(e.id)))


def _json_list(text: str | None) -> list[Any]:
    """A JSON array column as a list (most events name no instrument: "[]" needs no decoding)."""
    return [] if not text or text == "[]" else json.loads(text)


_SCHEMA = """
CREATE TABLE timeline (event_id TEXT PRIMARY KEY REFERENCES events(id), date TEXT, document_id TEXT,
  n INTEGER, bodies TEXT, measures TEXT);
"""


def write_timeline(db: sqlite3.Connection) -> None:
    """Write the merged timeline of the store's dated events into table ``timeline`` (one row per
    happening: its first event's id, its date order, and the bodies and measures of all its events;
    the rest is that event's row of ``events``), streamed: one event and its links at a time."""
    db.executescript(_SCHEMA)
    links = db.cursor()

    def pairs() -> Iterator[tuple[dict[str, Any], EventRecord]]:
        for r in db.execute("SELECT id, date, end_date, type, status, text, document_id, bodies, ordinal, "
                            "instruments FROM events WHERE date IS NOT NULL AND date != '' "
                            "ORDER BY document_id, n"):
            measures = dict.fromkeys(m for (m,) in links.execute(
                "SELECT measure_id FROM links WHERE event_id = ? AND measure_id IS NOT NULL ORDER BY id",
                (r[0],)))
            rec = EventRecord(id=r[0], date=r[1], end_date=r[2], type=r[3] or "", status=r[4] or "done",
                              text=_short(r[5], _EVENT_TEXT), document=r[6] or "",
                              bodies=tuple(_json_list(r[7])), measures=tuple(measures))
            yield ({"document": r[6], "event_type": r[3] or "", "date": r[1], "end_date": r[2],
                    "status": r[4] or "done", "ordinal": r[8], "bodies": list(rec.bodies),
                    "instruments": _json_list(r[9])}, rec)

    rows = ((e.id, e.date, e.document, event_n(e.id),
             json.dumps(list(e.bodies), ensure_ascii=False), json.dumps(list(e.measures), ensure_ascii=False))
            for e in _heads(pairs()))
    db.executemany("INSERT INTO timeline VALUES (?,?,?,?,?,?)", rows)
    db.execute("CREATE INDEX timeline_order ON timeline(date, document_id, n)")


def read_timeline(db: sqlite3.Connection) -> list[EventRecord] | None:
    """The merged timeline ``write_timeline`` wrote, in order; None when the store has none (a store
    written without it)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'timeline'").fetchone() is None:
        return None
    return [EventRecord(id=r[0], date=r[1], end_date=r[2], type=r[3] or "", status=r[4] or "done",
                        text=_short(r[5], _EVENT_TEXT), document=r[6] or "", bodies=tuple(_json_list(r[7])),
                        measures=tuple(_json_list(r[8])))
            for r in db.execute("SELECT t.event_id, t.date, e.end_date, e.type, e.status, e.text, t.document_id, "
                                "t.bodies, t.measures FROM timeline t JOIN events e ON e.id = t.event_id "
                                "ORDER BY t.date, t.document_id, t.n")]
