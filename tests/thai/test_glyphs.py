"""Unmapped PDF glyphs (aseandocs.thai.glyphs and the placeholders of thai.pdf_repair): a glyph a
font left without a Unicode mapping stands in the text as a placeholder until the dictionary tells,
for the whole document, which Thai mark it is; what the dictionary cannot tell gets its own text
back, and no placeholder ever leaves the reader."""
from __future__ import annotations

import re

import pytest

from aseandocs.thai import repair_pdf_text
from aseandocs.thai.glyphs import resolve, unmapped_marks
from aseandocs.thai.pdf_repair import (GLYPH_BASE, SPACING_BASE, glyph_code, glyph_placeholder,
                                       is_thai_mark, repair_pdf_chars)

E_ACUTE = glyph_placeholder("É")              # PDFium's Latin-1 text of glyph 201
CID_202 = glyph_placeholder("(cid:202)")      # pdfminer's text of glyph 202
FFFD = glyph_placeholder("\ufffd")             # a glyph mapped to the replacement character
PLACEHOLDER = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


@pytest.mark.parametrize("text,spacing,code", [
    ("É", False, 0xC9), ("(cid:201)", False, 201), ("\ufffd", False, 0xFFFD),
    ("\x80", False, 0x80), ("ÿ", True, 0xFF), ("(cid:7)", True, 7),
])
def test_placeholders_keep_the_glyph_code(text: str, spacing: bool, code: int) -> None:
    p = glyph_placeholder(text, spacing=spacing)
    assert p is not None and glyph_code(p) == code
    assert ord(p) == (SPACING_BASE if spacing else GLYPH_BASE) + code
    # only a glyph drawn over its letter is a mark for the anchoring of marks
    assert is_thai_mark(p) is (not spacing)


@pytest.mark.parametrize("text", ["a", "ก", "่", "ab", "(cid:70000)", "(cid:x)", ""])
def test_other_text_has_no_placeholder(text: str) -> None:
    assert glyph_placeholder(text) is None


def test_a_raised_tone_mark_is_told_by_the_words_it_makes() -> None:
    text = f"ที{E_ACUTE}ผ่านมา เพื{E_ACUTE}อการพัฒนา ข้อมูลที{E_ACUTE}ได้รับ ท้องถิ{E_ACUTE}น"
    marks = unmapped_marks(text)
    assert marks == {0xC9: "\u0e48"}
    assert resolve(text, marks) == ("ที่ผ่านมา เพื่อการพัฒนา ข้อมูลที่ได้รับ ท้องถิ่น", 4)


def test_a_lost_nikhahit_makes_sara_am_again() -> None:
    text = f"จ{FFFD}านวนผู้เข้าร่วม ประจ{FFFD}าปีงบประมาณ ส{FFFD}าคัญมาก การด{FFFD}าเนินงาน"
    marks = unmapped_marks(text)
    assert marks == {0xFFFD: "\u0e4d"}
    fixed, n = resolve(text, marks)
    assert n == 4
    assert repair_pdf_text(fixed)[0] == "จำนวนผู้เข้าร่วม ประจำปีงบประมาณ สำคัญมาก การดำเนินงาน"


def test_glyphs_are_told_one_after_the_other() -> None:
    # two glyphs in one word: the more frequent is told first and helps to tell the other
    text = (f"ที{E_ACUTE}ผ่านมา เพื{E_ACUTE}อการ ที{E_ACUTE}ได้ ท้องถิ{E_ACUTE}น "
            f"ที{E_ACUTE}ส{CID_202}าคัญ ผู้น{CID_202}าประเทศ การด{CID_202}าเนินงาน")
    marks = unmapped_marks(text)
    assert marks[0xC9] == "\u0e48" and marks[202] == "\u0e4d"
    assert repair_pdf_text(resolve(text, marks)[0])[0] == \
        "ที่ผ่านมา เพื่อการ ที่ได้ ท้องถิ่น ที่สำคัญ ผู้นำประเทศ การดำเนินงาน"


def test_a_glyph_the_dictionary_cannot_tell_keeps_its_own_text() -> None:
    # one place is no vote; the glyph goes back to what the PDF said
    text = f"ที{glyph_placeholder('(cid:300)')}ผ่านมา กับ ASEAN É"
    assert unmapped_marks(text) == {}
    assert resolve(text, {}) == ("ที(cid:300)ผ่านมา กับ ASEAN É", 0)
    # a code of one byte comes back as PDFium shows it, the Latin-1 character
    assert resolve(f"ที{CID_202}ผ่านมา", {}) == ("ทีÊผ่านมา", 0)
    assert resolve(f"ประจ{FFFD}าปี", {}) == ("ประจ\ufffdาปี", 0)
    assert resolve(f"จ{glyph_placeholder('é', spacing=True)}า", {}) == ("จéา", 0)


def test_text_without_placeholders_is_untouched() -> None:
    text = "ASEAN café, Ébauche — ราคา 100 บาท"
    assert unmapped_marks(text) == {}
    assert resolve(text, {0xE9: "\u0e48", 0xC9: "\u0e49"}) == (text, 0)


def _char(t: str, x0: float, x1: float, font: str = "THSarabun") -> dict:
    return {"text": t, "x0": x0, "x1": x1, "top": 0.0, "bottom": 10.0, "size": 10.0,
            "fontname": font}


def test_pdf_characters_an_unmapped_glyph_on_a_thai_letter_becomes_a_mark() -> None:
    chars = [_char("ท", 10, 16), _char("ี", 12, 16), _char("(cid:201)", 13, 15), _char("น", 16, 22)]
    out, _ = repair_pdf_chars(chars)
    assert [c["text"] for c in out] == ["ท", "ี", glyph_placeholder("(cid:201)"), "น"]
    # anchored to its letter like any mark: inside the letter's box, after the vowel
    assert 10 < out[1]["x0"] < out[2]["x0"] < 16


@pytest.mark.parametrize("chars", [
    [_char("ท", 10, 16), _char("(cid:201)", 13, 15, font="Arial"), _char("น", 16, 22)],
    [_char("A", 10, 16), _char("(cid:201)", 13, 15), _char("น", 16, 22)],
    [_char("(cid:201)", 13, 15), _char("น", 16, 22)],
])
def test_pdf_characters_other_unmapped_glyphs_are_left(chars) -> None:
    # in another font, after a Latin letter, or on no letter: not a Thai mark
    out, _ = repair_pdf_chars(chars)
    assert "(cid:201)" in [c["text"] for c in out]
    assert not any(PLACEHOLDER.search(c["text"]) for c in out)


def test_pdf_characters_a_glyph_taking_room_keeps_its_place() -> None:
    # the ring of a sara am drawn apart from its letter: it stands between "จ" and "า"
    out, _ = repair_pdf_chars([_char("จ", 10, 16), _char("\ufffd", 16, 20), _char("า", 20, 25)])
    assert [c["text"] for c in out] == ["จ", glyph_placeholder("\ufffd", spacing=True), "า"]
    assert out[1]["x0"] == 16
