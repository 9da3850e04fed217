"""Tests for Thai fonts whose glyphs map to the wrong text (issue 17): marks echoed after a split
glyph (a ToUnicode entry or an ActualText span holding the whole cluster), letters of one
PDFium-split span kept, marks anchored to the consonant under their ink, and the real Excel
budget file of ../shared/pdf read with PDFium and mended."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from aseandocs import read
from aseandocs.readers.pdf import assemble
from aseandocs.readers.pdfium import _Echoes
from aseandocs.thai import repair_pdf_chars

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _kept(stream: list[tuple[str, int]]) -> str:
    """The letters of ``stream`` ((text, origin) in content-stream order) that are no echo."""
    e = _Echoes()
    out = []
    for t, origin in stream:
        if not e.echo(t, origin):
            e.add(t, origin)
            out.append(t)
    return "".join(out)


@pytest.mark.parametrize("stream, kept", [
    # a consonant glyph mapped to its first cluster ("ศึ"), then the mark glyph: one "ึ"
    ([("ศ", 1), ("ึ", 1), ("ึ", 2), ("ก", 2), ("ษ", 3)], "ศึกษ"),
    # an ActualText span "ที่" over "ท", then its two mark glyphs, one mapped to "่", one unmapped
    ([("ท", 1), ("ี", 1), ("่", 1), ("่", 2), ("\ufffd", 2), ("ค", 3)], "ที่ค"),
    # a span "จำ", then the sara am glyph again
    ([("จ", 1), ("ำ", 1), ("ำ", 2), ("แ", 3)], "จำแ"),
    # only as many echoes as the span has marks: the second "ั" after it is kept
    ([("ว", 1), ("ั", 1), ("ั", 2), ("ั", 3)], "วัั"),
    # a span that ends with a consonant ("กก" over two glyphs) has no echo: the vowel after stays
    ([("ก", 1), ("ก", 1), ("า", 2), ("ร", 3)], "กการ"),
    # a ligature glyph "จำ" (Chromium) followed by a consonant: nothing left out
    ([("จ", 1), ("ำ", 1), ("น", 2), ("ว", 3)], "จำนว"),
    # marks that share an origin without a base (zero-advance glyphs): no split, nothing echoed
    ([("ก", 1), ("ี", 2), ("่", 2), ("\ufffd", 2), ("น", 3)], "กี่\ufffdน"),
    # a split that ends with a mark followed by a consonant: kept as it is
    ([("อ", 1), ("ุ", 1), ("ด", 2)], "อุด"),
])
def test_marks_echoed_after_a_split_glyph_are_left_out(stream, kept) -> None:
    assert _kept(stream) == kept


def _ch(t: str, x0: float, x1: float, top: float = 100.0, size: float = 14.0) -> dict:
    return {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size}


@pytest.mark.parametrize("chars, text", [
    # PDFium splits a span "กก" over two glyphs: the first letter 0 wide at the span's origin
    ([_ch("จ", 10, 17), _ch("า", 17, 21), _ch("ก", 21, 21), _ch("ก", 21, 33), _ch("า", 33, 37),
      _ch("ร", 37, 42)], "จากการ"),
    ([_ch("น", 10, 10), _ch("น", 10, 10), _ch("อ", 10, 10), _ch("ก", 10, 30)], "นนอก"),
    # the same glyph drawn twice, a hair apart (fake bold): once
    ([_ch("ก", 10, 17), _ch("ก", 10.3, 17.3), _ch("า", 17, 21)], "กา"),
])
def test_letters_of_a_split_span_are_kept_and_fake_bold_is_dropped(chars, text) -> None:
    assert [ln.text for ln in assemble(chars)] == [text]


@pytest.mark.parametrize("chars, text", [
    # "เป็น": the mark's ink box starts over "เ" but its centre lies over "ป"
    ([_ch("เ", 157.2, 159.7), _ch("ป", 159.7, 165.2), _ch("์", 123.7, 126.6),
      _ch("็", 160.4, 164.4), _ch("น", 165.2, 170.8)], "เป็น"),
    # "ด้าน": the tone mark's ink reaches over "า", but no mark sits on a vowel letter
    ([_ch("ด", 217.5, 223.1), _ch("า", 223.1, 226.6),
      _ch("น", 226.6, 232.3), _ch("้", 221.0, 224.7)], "ด้าน"),
])
def test_marks_drawn_out_of_stream_order_go_to_the_consonant_under_them(chars, text) -> None:
    fixed, _ = repair_pdf_chars(chars)
    got = "".join(ln.text for ln in assemble([c for c in fixed if c["x0"] > 150]))   # not "์"
    assert got == text


def _budget() -> Path:
    path = SHARED / "pdf" / "budget_v2_excel_p1-40.pdf"
    if not path.is_file():
        pytest.skip("../shared/pdf is absent")
    return path


@pytest.mark.shared
def test_the_excel_contents_font_is_read_from_its_spans() -> None:
    from aseandocs.readers.pdfium import open_document
    doc = open_document(_budget().read_bytes())
    page = doc.page(4)                       # a contents page in the Excel UPC font
    assert page.chars and page.echoes > page.ligatures
    page.close()
    doc.close()
    text = read(_budget(), ocr=False).text
    # the wrong ToUnicode entries ("ศ" as "ศึ", "น" as "น้") are gone, the words are whole
    assert "ศาสตร์" in text and "ศึาสตร์" not in text
    assert "นวัตกรรม" in text and "น้วัตกรรม" not in text
    assert "เงินนอกงบประมาณ" in text


@pytest.mark.shared
def test_the_budget_file_is_left_with_little_broken_thai() -> None:
    script = SHARED / "eval" / "thai_quality.py"
    if not script.is_file():
        pytest.skip("../shared/eval/thai_quality.py is absent")
    spec = importlib.util.spec_from_file_location("thai_quality", script)
    tq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tq)   # type: ignore[union-attr]
    q = tq.quality(read(_budget(), ocr=False).text)
    other = sum(q[k] for k in ("orphan_mark", "space_mark", "space_vowel", "pua", "split_am"))
    assert other < 0.01 * q["thai_tokens"]
