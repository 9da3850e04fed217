"""The records and the per-document JSON contract (DESIGN.md)."""
from __future__ import annotations

import json

import pytest

from aseandocs.model import Activity, Document, Event, Link, Measure, Mention, Page, ParsedDocument

TEXT = "1.2.5 ดำเนินการเตรียมการ - จัดการประชุม SOMTC เมื่อวันที่ 5 มีนาคม 2562"


def _sample() -> ParsedDocument:
    doc = Document(id="000_plan", source="corpus/000_plan.txt", text=TEXT, format="pdf",
                   encoding=None, language="th", pages=(Page(1, (0, len(TEXT))),),
                   warnings=("lossy decode: 1 invalid byte",))
    m = Measure(id="000_plan#1.2.5", plan="000_plan", ref="1.2.5", parent="1.2", level=3,
                title="ดำเนินการเตรียมการ", span=(0, 40),
                activities=(Activity("จัดการประชุม SOMTC", (24, 42)),), bodies=("SOMTC",), page=1,
                scope="ภาคผนวก 1", references=("1.1.1",), fields=(("timeline", "2005"),))
    men = Mention(body="SOMTC", text="SOMTC", span=(37, 42), method="acronym", score=1.0)
    ev = Event(type="meeting", text=TEXT[24:], span=(24, len(TEXT)), date="2019-03-05",
               bodies=("SOMTC",), instruments=("ASEAN Charter",), ordinal=11,
               measures=(Link("000_plan", "1.2.5", 0.71, ("อาชญากรรมข้ามชาติ",)),))
    return ParsedDocument(doc, kind="plan", title=None, date="2004-11-29", measures=(m,),
                          mentions=(men,), events=(ev,))


def test_round_trip_through_json() -> None:
    pd = _sample()
    d = json.loads(json.dumps(pd.to_dict(), ensure_ascii=False))
    assert ParsedDocument.from_dict(d) == pd


def test_contract_keys() -> None:
    d = _sample().to_dict()
    assert set(d) == {"document", "measures", "mentions", "events"}
    assert {"id", "source", "kind", "title", "date", "language", "text"} <= set(d["document"])
    assert {"id", "ref", "parent", "level", "title", "activities", "bodies", "span", "page"} <= set(d["measures"][0])
    assert d["measures"][0]["activities"][0] == {"text": "จัดการประชุม SOMTC", "span": [24, 42]}
    assert set(d["mentions"][0]) >= {"body", "text", "span", "method", "score"}
    ev = d["events"][0]
    assert {"type", "date", "end_date", "text", "span", "bodies", "instruments", "measures"} <= set(ev)
    assert ev["measures"][0] == {"plan": "000_plan", "ref": "1.2.5", "score": 0.71,
                                 "evidence": ["อาชญากรรมข้ามชาติ"], "measure": "000_plan#1.2.5"}


def test_reads_minimal_contract_json() -> None:
    # the example object of DESIGN.md, with only the fixed keys
    d = {"document": {"id": "001", "source": "a.txt", "kind": "news", "title": "t",
                      "date": "2019-03-06", "language": "th", "text": "abc"},
         "measures": [{"id": "000#1.2.5", "ref": "1.2.5", "parent": "1.2", "level": 3, "title": "x",
                       "activities": [{"text": "y", "span": [1, 2]}], "bodies": ["SOMTC"],
                       "span": [0, 3], "page": None}],
         "mentions": [{"body": "SOMTC", "text": "x", "span": [0, 1], "method": "alias", "score": 1.0}],
         "events": [{"type": "meeting", "date": "2019-03-05", "end_date": None, "text": "x",
                     "span": [0, 1], "bodies": [], "instruments": [], "measures": []}]}
    pd = ParsedDocument.from_dict(d)
    assert pd.measures[0].plan == "000"
    assert pd.events[0].status == "done"


@pytest.mark.parametrize("span", [(-1, 2), (5, 3)])
def test_bad_spans_are_refused(span) -> None:
    with pytest.raises(ValueError, match="span"):
        Activity("x", span)


def test_frozen() -> None:
    with pytest.raises(AttributeError):
        _sample().kind = "news"  # type: ignore[misc]


@pytest.mark.parametrize("offset,page", [(0, 1), (9, 1), (10, 2), (19, 2), (20, 2), (25, None)])
def test_page_at(offset, page) -> None:
    doc = Document("d", "d.pdf", "x" * 20, pages=(Page(1, (0, 10)), Page(2, (10, 20))))
    assert doc.page_at(offset) == page


def test_with_links() -> None:
    pd = _sample()
    link = Link("p", "1.1", 0.5, ("x",))
    assert pd.with_links({0: (link,)}).events[0].measures == (link,)
    assert pd.with_links({}).events[0].measures == ()
