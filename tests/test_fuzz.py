"""Property tests (issue 9): readers, normalisation, dates, plans and bodies on generated input.

"No exception but the documented ones": ``read_bytes`` returns a Document or raises ReadError
(UnsupportedFormatError is one); the text stages never raise on a str. Every span is half-open and
inside the text it indexes; normalisation is idempotent; dates are valid ISO; refs are well formed;
body ids are in the registry. Inputs mix arbitrary text with the tokens the parsers look for (Thai
and English words, numbers, refs, bullets, month names, body names), so the generated strings
reach deep into each parser instead of being rejected at the first character.
"""
from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aseandocs.bodies import BodyRegistry
from aseandocs.dates import PRECISIONS, find_dates
from aseandocs.errors import ReadError
from aseandocs.model import Document
from aseandocs.plans import parse_plan
from aseandocs.readers import read_bytes
from aseandocs.thai import normalize

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Tokens the parsers react to: refs, bullets, Thai and English dates, cues, body names, marks.
TOKENS = [
    "1.", "1.1", "1.2.3", "๑.๒", "A.1", "(ก)", "ข้อ", "- ", "• ", "\n", "\n\n", " ", "\t", "\r\n",
    "5", "๒๕๖๒", "2562", "2019", "พ.ศ.", "ค.ศ.", "มีนาคม", "ม.ค.", "March", "5 March 2019",
    "วันที่", "ครั้งที่", "ระหว่างวันที่", "20-21", "–", "/", "(", ")", ":", ",",
    "การประชุม", "อาเซียน", "ASEAN", "SOMTC", "ARF", "AMMTC", "Ministers", "Meeting",
    "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ", "ASEAN Regional Forum",
    "ลงนาม", "รับรอง", "signed", "adopted", "แผนงาน", "Work Plan", "กิจกรรม",
    "\u0e48", "\u0e49", "\u0e4d\u0e32", "\u0e33", "\u200b", "\ufeff", "\u00a0", "\u2028",
    "<script>", "&amp;", "\x00", "\ufffd",
]
# Characters: Thai block, ASCII, some Latin-1 and general punctuation, controls, surrogates excluded.
CHARS = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(CHARS, max_size=4)), max_size=60).map("".join)
BYTES_HEADS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4\n", b"<html>", b"<!doctype html>",
               b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x00\x00\xfe\xff"]

_REGISTRY: BodyRegistry | None = None


def registry() -> BodyRegistry:
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = BodyRegistry.load()
    return _REGISTRY


def in_bounds(span: tuple[int, int], n: int) -> bool:
    return 0 <= span[0] <= span[1] <= n


# --- readers ---------------------------------------------------------------------------------------

@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    head = draw(st.sampled_from(BYTES_HEADS))
    body = draw(st.one_of(
        st.binary(max_size=400),
        TEXT.map(lambda t: t.encode("utf-8")),
        TEXT.map(lambda t: t.encode("utf-16-le", "replace")),
        TEXT.map(lambda t: t.encode("cp874", "replace")),
    ))
    return head + body


@FUZZ
@given(data=file_bytes(), name=st.sampled_from(["x.txt", "x.html", "x.pdf", "x", "ข่าว 1.htm", "a.md"]))
@example(data=b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF",
         name="x.pdf")
@example(data=b"\xff\xfe" + b"\x00" * 7, name="x.txt")
def test_read_bytes_returns_a_document_or_a_read_error(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name=name)
    except ReadError as e:
        assert str(e).startswith(f"{name}: ") and e.reason
        return
    assert isinstance(doc, Document) and isinstance(doc.text, str)
    assert doc.format in ("txt", "html", "pdf")
    assert all(in_bounds(p.span, len(doc.text)) for p in doc.pages)
    assert "\x00" not in doc.text


# --- normalisation ---------------------------------------------------------------------------------

@FUZZ
@given(TEXT)
@example("ก\u0e4d\u0e32 \u200b\n\n\n ๑.๒")
def test_normalize_is_idempotent_and_maps_offsets_in_bounds(raw: str) -> None:
    norm = normalize(raw)
    text = norm.text
    assert normalize(text).text == text
    assert not re.search("[๐-๙]", text)                           # Thai digits are ASCII now
    for j in range(len(text) + 1):
        assert 0 <= norm.offsets.to_raw(j) <= len(raw)
    for i in range(len(raw) + 1):
        assert 0 <= norm.offsets.to_norm(i) <= len(text)
    span = norm.offsets.span_to_norm((0, len(raw)))
    assert in_bounds(span, len(text))


# --- dates -----------------------------------------------------------------------------------------

def valid_iso(value: str, precision: str) -> bool:
    parts = value.split("-")
    if precision == "day":
        return len(parts) == 3 and date.fromisoformat(value) is not None
    if precision == "month":
        return len(parts) == 2 and len(parts[0]) == 4 and 1 <= int(parts[1]) <= 12 and len(parts[1]) == 2
    return len(parts) == 1 and len(value) == 4 and value.isdigit()


@FUZZ
@given(TEXT)
@example("ระหว่างวันที่ 20-21 พฤศจิกายน 2546 และ 31 February 2019")
def test_dates_are_in_bounds_ordered_and_valid_iso(text: str) -> None:
    found = find_dates(text)
    end = 0
    for d in found:
        assert in_bounds(d.span, len(text)) and d.span[0] >= end, (d, found)
        end = d.span[1]
        assert d.text == text[d.span[0]:d.span[1]]
        assert d.precision in PRECISIONS and valid_iso(d.value, d.precision), d
        if d.end is not None:
            assert valid_iso(d.end, d.precision) and d.end >= d.value, d


# --- plans -----------------------------------------------------------------------------------------

# A ref as the JSON contract has it: ASCII, dot-separated parts, no trailing dot, no parentheses.
REF = re.compile(r"^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$", re.ASCII)


@FUZZ
@given(TEXT)
@example("๑.๑ การเมือง\n- จัดประชุม\n๑.๒ ความมั่นคง\n1.1.1.1.1.1.1.1.1.1.1.1.1.1 ลึก")
def test_plans_spans_in_bounds_ordered_and_refs_well_formed(raw: str) -> None:
    text = normalize(raw).text
    measures = parse_plan(Document.from_text(text, id="fuzz"))
    starts = [m.span[0] for m in measures]
    assert starts == sorted(starts)
    ids = [m.id for m in measures]
    assert len(ids) == len(set(ids))
    for m in measures:
        assert in_bounds(m.span, len(text)) and m.level >= 1
        ref = m.ref.rsplit("/", 1)[-1]
        assert REF.match(ref), m.ref
        assert m.parent is None or REF.match(m.parent.rsplit("/", 1)[-1]), m.parent
        for a in m.activities:
            assert in_bounds(a.span, len(text)) and m.span[0] <= a.span[0] and a.span[1] <= m.span[1], (m, a)


# --- bodies ----------------------------------------------------------------------------------------

@FUZZ
@given(TEXT)
@example("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ (SOMTC) และ ASEAN Regional Forum")
def test_body_mentions_in_bounds_and_in_the_registry(raw: str) -> None:
    text = normalize(raw).text
    reg = registry()
    ids = {b.id for b in reg}
    for m in reg.find(text):
        assert in_bounds(m.span, len(text)) and m.span[0] < m.span[1], m
        assert m.body in ids, m
        assert 0.0 <= m.score <= 1.0


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u200b", "\ufeff"])
def test_blank_text_gives_nothing(text: str) -> None:
    norm = normalize(text).text
    assert find_dates(norm) == [] and parse_plan(Document.from_text(norm, id="b")) == []
    assert registry().find(norm) == []
