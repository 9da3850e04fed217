"""Tests for PDF ingestion (issue 7): Thai PDF repair (aseandocs._thai_pdf, re-exported by thai),
page layout (aseandocs._pdf: lines, running headers/footers, wrapped lines), plan tables
(aseandocs._plan_tables) and the fixture PDFs under tests/data/pdf/ (made by make_fixtures.py
from the project's own corpus/). The acceptance test renders ../shared/corpus/000 to PDF in a
temporary folder and scores the measures parsed from it against ../shared/gold.
"""
from __future__ import annotations

import collections
import difflib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import DATA, OWN_GOLD, SHARED_CORPUS, SHARED_GOLD
from hypothesis import given, settings
from hypothesis import strategies as st

from aseandocs import read
from aseandocs.errors import ReadError
from aseandocs.pipeline import normalize_document, parse
from aseandocs.plans.tables import column_roles, measures_from_tables, merge_table_measures
from aseandocs.readers import PdfTable, read_pdf_tables
from aseandocs.readers import dispatch as readers
from aseandocs.readers import ocr as _ocr
from aseandocs.readers.ocr import ocr_lines, ocr_unavailable
from aseandocs.readers.pdf import Line, assemble, reflow, strip_running_lines, wraps
from aseandocs.thai import normalize, pua_table, repair_pdf_chars, repair_pdf_text

PDF_DIR = DATA / "pdf"
_spec = importlib.util.spec_from_file_location("make_fixtures", PDF_DIR / "make_fixtures.py")
make_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fixtures)   # type: ignore[union-attr]

MARK = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
BROKEN = re.compile(f"\u0e4d\u0e32|[ \t][{MARK}]|[\uf700-\uf71a]")


def _broken(text: str) -> list[str]:
    """The places that break the acceptance rule: nikhahit + sara aa, a space before a mark, PUA."""
    return BROKEN.findall(text)


# --- Thai text repair, one table per rule -----------------------------------------------------------
@pytest.mark.parametrize("raw, repaired, count", [
    # PUA glyphs of shifted marks back to the real characters
    ("ให\uf70b", "ให้", 1),                       # mai tho, low
    ("ป\uf713า", "ป่า", 1),                       # mai ek, left (over a tall consonant)
    ("ป\uf705", "ป่", 1),                         # mai ek, low-left
    ("ร\uf70e", "ร์", 1),                         # thanthakhat, low
    ("\uf700าน", "ฐาน", 1),                       # tho than without its descender
    ("ก\uf718", "กุ", 1),                         # sara u, low
    ("ป\uf701", "ปิ", 1),                         # sara i, left
])
def test_pua_glyphs_are_mapped_back(raw, repaired, count):
    assert repair_pdf_text(raw) == (repaired, count)


@pytest.mark.parametrize("raw, repaired, count", [
    # nikhahit + sara aa -> sara am, spaced or not, with a tone mark on either side
    ("ค ํา", "คำ", 2),
    ("คํา", "คำ", 1),
    ("นํ้า", "น้ำ", 1),
    ("น้ํา", "น้ำ", 1),
    ("คาํ", "คำ", 1),                             # the order an x-sort can give
    ("ดําเนินการ", "ดำเนินการ", 1),
    ("คำ", "คำ", 0),                              # already sara am
])
def test_sara_am_is_joined(raw, repaired, count):
    assert repair_pdf_text(raw) == (repaired, count)


@pytest.mark.parametrize("raw, repaired, count", [
    # spaces (and one line break) before marks and following vowels go
    ("ถ ึง", "ถึง", 1),
    ("กรณ ีที่", "กรณีที่", 1),
    ("เป้ าหมาย", "เป้าหมาย", 1),
    ("ท ั้ง", "ทั้ง", 1),
    ("ถ\nึง", "ถึง", 1),
    ("ความร่วมม ือ", "ความร่วมมือ", 1),
    # ... but spaces between words stay
    ("ที่ มา", "ที่ มา", 0),
    ("ต่าง ๆ", "ต่าง ๆ", 0),
    ("ASEAN า", "ASEAN า", 0),
    ("1.1 Promote cooperation", "1.1 Promote cooperation", 0),
])
def test_spaces_inside_clusters_are_removed(raw, repaired, count):
    assert repair_pdf_text(raw) == (repaired, count)


@pytest.mark.parametrize("raw, repaired, count", [
    # tone mark before the vowel above/below -> vowel first
    ("เพ่ือ", "เพื่อ", 1),
    ("ก่ิ", "กิ่", 1),
    ("ที่", "ที่", 0),
    # a mark stranded before its consonant goes after it
    ("่กา", "ก่า", 1),
    ("ข ่กา", "ข่กา", 1),                     # after a space: the space goes
    # a repeated mark is dropped
    ("ก้้", "ก้", 1),
])
def test_mark_order_is_fixed(raw, repaired, count):
    assert repair_pdf_text(raw) == (repaired, count)


def test_pua_table_covers_the_whole_block():
    table = pua_table()
    assert sorted(table) == list(range(0xF700, 0xF71B))
    assert all("\u0e01" <= c <= "\u0e4e" for c in table.values())


_PIECES = st.sampled_from(["ก", "ป", "ค", "น", "า", "ำ", "ํ", "่", "้", "ิ", "ี", "ุ", "ั", " ", "\n",
                           "A", "1", "\uf70a", "\uf70b", "\uf705", "\uf713", "\uf701", "\uf718"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_repaired_text_holds_no_broken_sequence(text):
    repaired, _ = repair_pdf_text(text)
    assert _broken(repaired) == []
    assert repair_pdf_text(repaired)[0] == repaired      # repairing twice changes nothing


# --- character-level repair (what pdfplumber gives for Chromium + TLWG fonts) -----------------------
def _char(text, x0, x1, top=100.0, size=12.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size,
            "upright": True, "doctop": top}


@pytest.mark.parametrize("chars, text, repairs", [
    # "ป้า": the tone mark (a PUA glyph) sits left of the consonant's right edge: an x-sort with
    # x_tolerance 1.5 puts a space between it and "า"
    ([_char("ป", 125.7, 133.4), _char("\uf70b", 131.0, 131.0), _char("า", 133.4, 138.6)],
     "ป้า", 2),
    # "เพื่อ": the tone mark is left of the vowel above -> x-sort gives the wrong order
    ([_char("เ", 63.0, 67.1), _char("พ", 67.1, 75.5), _char("ื", 75.5, 75.5),
      _char("่", 74.8, 74.8), _char("อ", 75.5, 82.3)], "เพื่อ", 1),
    # a mark drawn a little lower (own box): still on its consonant's line
    ([_char("ก", 10.0, 17.0), _char("ุ", 16.0, 16.0, top=104.0), _char("ม", 17.0, 24.0)], "กุม", 1),
    # English: nothing to do
    ([_char("A", 10, 18), _char("S", 18, 25), _char(" ", 25, 28), _char("1", 28, 34)], "AS 1", 0),
])
def test_chars_are_anchored_to_their_base(chars, text, repairs):
    fixed, n = repair_pdf_chars(chars)
    assert n == repairs
    assert [ln.text for ln in assemble(fixed)] == [text]
    # pdfplumber's own extraction of the repaired characters agrees
    assert pdfplumber.utils.extract_text(fixed, x_tolerance=1.5, y_tolerance=3) == text


@pytest.mark.parametrize("chars, text", [
    # "ทุก" and "ที่รับ" in Chromium's Garuda at 13 pt: the base's box ends 0.01 pt past the next
    # glyph's start, so a mark anchored inside the base's right edge sorted after the next glyph
    ([_char("ท", 281.97, 290.96, size=13), _char("ุ", 290.95, 290.95, size=13),
      _char("ก", 290.95, 299.09, size=13)], "ทุก"),
    ([_char("ท", 10.0, 19.01, size=13), _char("ี", 18.0, 18.0, size=13),
      _char("่", 18.2, 18.2, size=13), _char("ร", 19.0, 25.0, size=13),
      _char("ั", 24.0, 24.0, size=13), _char("บ", 25.0, 32.0, size=13)], "ที่รับ"),
])
def test_marks_stay_on_a_base_that_overlaps_the_next_glyph(chars, text):
    assert [ln.text for ln in assemble(repair_pdf_chars(chars)[0])] == [text]


def test_scan_fixture_text_page_reads_exactly():
    doc = read(PDF_DIR / "scan_thai.pdf", ocr=False)
    assert _squeezed(doc.text[slice(*doc.pages[0].span)]) == _squeezed(SCAN[0])


# --- lines, running headers and footers, wrapped lines ----------------------------------------------
def _line(text, top, x0=72.0, x1=520.0, size=12.0, first_word=30.0):
    return Line(text, x0, x1, top, top + size, size, first_word)


def _pages(bodies):
    return [[_line("แผนงานความร่วมมืออาเซียน", 30)] + [_line(t, 100 + 22 * i) for i, t in enumerate(b)]
            + [_line(f"หน้า {k + 1}", 800, x0=280, x1=310)] for k, b in enumerate(bodies)]


def test_running_headers_and_footers_are_removed():
    pages = _pages([["1.1 ส่งเสริม", "- จัดประชุม"], ["1.2 พัฒนา"], ["1.3 Promote", "- Hold"]])
    assert strip_running_lines(pages) == [2, 2, 2]
    assert [[ln.text for ln in p] for p in pages] == [
        ["1.1 ส่งเสริม", "- จัดประชุม"], ["1.2 พัฒนา"], ["1.3 Promote", "- Hold"]]


@pytest.mark.parametrize("bodies, removed", [
    ([["1.1 ส่งเสริม"]], [0]),                            # one page: nothing can recur
    ([["ก"], ["ข"], ["ค"], ["ง"]], [2, 2, 2, 2]),          # page numbers differ only by digits
])
def test_running_lines_need_two_pages(bodies, removed):
    assert strip_running_lines(_pages(bodies)) == removed


def test_recurring_line_inside_the_page_stays():
    # "ยุทธศาสตร์" recurs on every page, but in the middle: only the header "บทนำ #" goes
    words = ["การเมือง", "ความมั่นคง", "เศรษฐกิจ", "สังคม", "วัฒนธรรม", "ภัยพิบัติ", "การศึกษา",
             "สาธารณสุข", "แรงงาน", "สตรี", "เด็ก", "เยาวชน"]
    pages = [[_line(f"บทนำ {k}", 30), _line(words[4 * k], 100), _line(words[4 * k + 1], 122),
              _line("ยุทธศาสตร์", 144), _line(words[4 * k + 2], 166), _line(words[4 * k + 3], 188)]
             for k in range(3)]
    assert strip_running_lines(pages) == [1, 1, 1]
    assert [ln.text for ln in pages[1]] == words[4:6] + ["ยุทธศาสตร์"] + words[6:8]


@pytest.mark.parametrize("a, b, joined", [
    # a full Thai line runs on: no space
    (_line("ความร่วมมือระหว่างประเทศ", 100), _line("สมาชิกอาเซียน", 122), "ความร่วมมือระหว่างประเทศสมาชิกอาเซียน"),
    # English: a space
    (_line("Promote cooperation among", 100), _line("Member States", 122), "Promote cooperation among Member States"),
    # after a hyphen: nothing between
    (_line("the ASEAN-", 100), _line("China Joint Working Group", 122), "the ASEAN-China Joint Working Group"),
    (_line("period 2009-", 100), _line("2015 and", 122), "period 2009-2015 and"),
    # a short line ends a line; a bullet or a numbered ref starts a new one
    (_line("ส่งเสริมความร่วมมือ", 100, x1=200), _line("ต่อไป", 122), "ส่งเสริมความร่วมมือ\nต่อไป"),
    (_line("ส่งเสริมความร่วมมือ", 100), _line("- จัดประชุม", 122), "ส่งเสริมความร่วมมือ\n- จัดประชุม"),
    (_line("ส่งเสริมความร่วมมือ", 100), _line("1.2.6 ดำเนินการ", 122), "ส่งเสริมความร่วมมือ\n1.2.6 ดำเนินการ"),
    # a wider gap than the line pitch: a paragraph
    (_line("ส่งเสริมความร่วมมือ", 100), _line("ต่อไป", 160), "ส่งเสริมความร่วมมือ\n\nต่อไป"),
])
def test_reflow(a, b, joined):
    # a third line fixes the line pitch at 22 pt
    lines = [_line("บรรทัดแรก", 78, x1=150), a, b]
    text, _ = reflow(lines, 72.0, 520.0)
    assert text == "บรรทัดแรก\n" + joined


def test_wraps_needs_a_full_line():
    full, short = _line("x" * 40, 100), _line("x" * 10, 100, x1=150)
    assert wraps(full, _line("ต่อ", 122), 72, 520)
    assert not wraps(short, _line("ต่อ", 122), 72, 520)


# --- fixture PDFs (made by make_fixtures.py from corpus/) ------------------------------------------
def _ref_f1(measures, gold):
    """F1 of measure refs matched in order; unmatched optional refs are not false positives."""
    import difflib
    optional = set(gold.get("optional_refs", []))
    g = [m["ref"] for m in gold["measures"]]
    p = [m.ref for m in measures]
    matched = {blk.b + k for blk in difflib.SequenceMatcher(None, g, p, autojunk=False)
               .get_matching_blocks() for k in range(blk.size)}
    tp = len(matched)
    fp = sum(1 for j, r in enumerate(p) if j not in matched and r not in optional)
    fn = len(g) - tp
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.parametrize("name, pages", [
    ("th_plan_lines", 2), ("th_plan_annex_flat", 2), ("en_plan_blueprint", 2),
    ("th_plan_table", 2), ("en_plan_table", 3),
])
def test_fixture_pdf_reads_clean(name, pages):
    doc = read(PDF_DIR / f"{name}.pdf")
    assert len(doc.pages) == pages
    assert _broken(doc.text) == []
    # Chromium's running header (date, title) and footer (URL, "1/2") are gone
    assert "file://" not in doc.text and not re.search(r"\b\d+/\d+\b", doc.text, re.ASCII)
    assert all(p.repairs > 0 for p in doc.pages)
    assert len(doc.warnings) == pages and all(f"page {k + 1}: " in w for k, w in
                                               enumerate(doc.warnings))


@pytest.mark.parametrize("name", ["th_plan_lines", "th_plan_annex_flat", "en_plan_blueprint"])
def test_fixture_plan_measures(name):
    gold = json.loads((OWN_GOLD / f"{name}.json").read_text(encoding="utf-8"))
    pd = parse(PDF_DIR / f"{name}.pdf")
    assert _ref_f1(pd.measures, gold) >= 0.95
    txt = parse(Path(OWN_GOLD.parent / f"{name}.txt"))
    titles = {m.id: m.title.replace(" ", "") for m in txt.measures}
    same = sum(titles.get(m.id) == m.title.replace(" ", "") for m in pd.measures)
    assert same >= 0.9 * len(pd.measures)
    assert all(m.page in (1, 2) for m in pd.measures)


# --- scanned pages and OCR (aseandocs._ocr) ------------------------------------------------------
OCR_MISSING = ocr_unavailable()
needs_tesseract = pytest.mark.skipif(
    OCR_MISSING is not None,
    reason=f"OCR not available ({OCR_MISSING}): apt install tesseract-ocr tesseract-ocr-tha")
SCAN = json.loads((PDF_DIR / "scan_thai.json").read_text(encoding="utf-8"))["pages"]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text).text)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _squeezed(a), _squeezed(b), autojunk=False).ratio()


@pytest.mark.parametrize("name, first", [("scan_page.pdf", "หน้าแรกมีข้อความ"),
                                         ("scan_thai.pdf", "แผนงานเตรียมความพร้อม")])
def test_scanned_page_needs_ocr_when_ocr_is_off(name, first):
    doc = read(PDF_DIR / name, ocr=False)
    assert [p.needs_ocr for p in doc.pages] == [False, True]
    assert "page 2 has no text layer (needs OCR)" in doc.warnings
    assert doc.text.startswith(first)
    assert doc.pages[1].span[0] == doc.pages[1].span[1]


def test_missing_tesseract_is_reported_with_the_fix(monkeypatch):
    monkeypatch.setattr(_ocr, "ocr_unavailable", lambda: "the tesseract program is not on PATH")
    doc = read(PDF_DIR / "scan_thai.pdf")
    assert [p.needs_ocr for p in doc.pages] == [False, True]
    assert "page 2 has no text layer (needs OCR)" in doc.warnings
    assert ("OCR not available (the tesseract program is not on PATH): page 2 left without text; "
            "to read scanned pages, apt install tesseract-ocr tesseract-ocr-tha") in doc.warnings
    with pytest.raises(ReadError, match=r"scan_thai\.pdf: page 2 needs OCR, which is not available"):
        read(PDF_DIR / "scan_thai.pdf", ocr=True)
    assert read(PDF_DIR / "th_plan_lines.pdf", ocr=True).pages   # no scanned page: no error


@needs_tesseract
def test_ocr_reads_a_scanned_thai_page():
    doc = read(PDF_DIR / "scan_thai.pdf")
    assert [p.needs_ocr for p in doc.pages] == [False, False]
    assert any(w.startswith("page 2: text from OCR (tesseract tha+eng), mean word confidence ")
               for w in doc.warnings)
    page1, page2 = (doc.text[slice(*p.span)] for p in doc.pages)
    assert page1 == read(PDF_DIR / "scan_thai.pdf", ocr=False).text.rstrip("\n")  # text layer kept
    assert _similarity(SCAN[1], page2) >= 0.9
    for words in ("ประชาคมการเมือง", "สิทธิมนุษยชน", "กระบวนการยุติธรรม", "AICHR", "SOMTC",
                  "ภาษาอังกฤษ", "เจ้าหน้าที่อาวุโสอาเซียน"):
        assert words in page2
    assert _broken(page2) == []                         # "ํา" from Tesseract repaired to "ำ"
    assert "สิทธิมนุษยชน (AICHR)" in page2               # the wrapped line is joined again


@needs_tesseract
def test_ocr_page_gives_measures():
    refs = {m.ref for m in parse(PDF_DIR / "scan_thai.pdf").measures}
    # page 2 holds 1, 1.1, 1.2, 2, 2.1, 2.1.1, 2.2; Thai digits are where OCR errs most
    assert len(refs & {"1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.2"}) >= 5


@needs_tesseract
def test_ocr_finds_no_text_in_a_drawing():
    doc = read(PDF_DIR / "scan_page.pdf")
    assert [p.needs_ocr for p in doc.pages] == [False, True]
    assert ("page 2 has no text layer (needs OCR); OCR (tesseract tha+eng) found no text on it"
            in doc.warnings)
    assert doc.text.rstrip() == read(PDF_DIR / "scan_page.pdf", ocr=False).text.rstrip()


@needs_tesseract
def test_ocr_replaces_unmapped_glyphs(monkeypatch):
    def lines(page):
        if page.page_number == 2:      # a font without a ToUnicode map: only "(cid:N)" glyphs
            return [Line("(cid:3)(cid:17)(cid:42)(cid:8)", 72, 300, 80, 92, 12)], 0, []
        return readers.page_lines(page)
    monkeypatch.setattr(readers, "_pdf_page_lines", lines)
    doc = read(PDF_DIR / "scan_thai.pdf")
    assert [p.needs_ocr for p in doc.pages] == [False, False]
    assert "(cid:" not in doc.text and "AICHR" in doc.text[slice(*doc.pages[1].span)]


def _tsv(lines: list[tuple[int, int, int, int, list[tuple[str, int, int, float]]]]) -> str:
    """Tesseract TSV for lines (left, top, width, height, words (text, left, width, conf))."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
            "\tconf\ttext", "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    for n, (left, top, width, height, words) in enumerate(lines, 1):
        rows.append(f"4\t1\t1\t1\t{n}\t0\t{left}\t{top}\t{width}\t{height}\t-1\t")
        rows += [f"5\t1\t1\t1\t{n}\t{k}\t{x}\t{top}\t{w}\t{height}\t{c}\t{t}"
                 for k, (t, x, w, c) in enumerate(words, 1)]
    return "\n".join(rows) + "\n"


_GOOD1 = (300, 300, 900, 66, [("แผ", 300, 52, 97.0), ("น", 358, 21, 96.0),
                              ("ASEAN", 440, 180, 95.0)])
_GOOD2 = (300, 400, 600, 64, [("ก", 300, 30, 93.0), ("ข", 400, 30, 91.0)])
_GHOST = (320, 470, 900, 14, [("๑", 320, 14, 80.0)])                 # marks above the next line
_NOISE = (320, 490, 900, 69, [("oe", 320, 40, 40.0), ("&", 500, 20, 28.0)])   # low confidence


@pytest.mark.parametrize("text, lines, expected", [
    ("แผน ASEAN\n\nกข\n", [_GOOD1, _GOOD2], ["แผน ASEAN", "กข"]),
    ("แผน ASEAN\n๑\noe &\nกข\n", [_GOOD1, _GHOST, _NOISE, _GOOD2], ["แผน ASEAN", "กข"]),
    # the plain text and the TSV disagree: text from the TSV words, a space at a wide gap
    ("แผน ASEAN\n", [_GOOD1, _GOOD2], ["แผน ASEAN", "ก ข"]),
    ("", [], []),
])
def test_ocr_lines(text, lines, expected):
    got, confidence = ocr_lines(text, _tsv(lines))
    assert [ln.text for ln in got] == expected
    if got:
        first = got[0]
        assert (first.x0, first.top, first.x1) == (72.0, 72.0, 288.0)    # 300 px at 300 dpi = 72 pt
        assert first.first_word == pytest.approx((379 - 300) * 72 / 300)  # "แผน" ends at 379 px
        assert 90 < confidence < 98
    else:
        assert confidence == 0.0


# --- plan tables -------------------------------------------------------------------------------------
@pytest.mark.parametrize("row, roles", [
    (("เลขที่อ้างอิง", "ขอบเขตแผนงาน/ผลลัพธ์และกิจกรรม", "หน่วยงานที่รับผิดชอบ", "กรอบเวลา"),
     {"ref": 0, "measure": 1, "responsible": 2, "timeline": 3}),
    (("Ref", "Measures", "Responsible body", "Timeline"),
     {"ref": 0, "measure": 1, "responsible": 2, "timeline": 3}),
    (("ลำดับ", "มาตรการ", "ระยะเวลา"), {"ref": 0, "measure": 1, "timeline": 2}),
    (("No.", "Action Lines", "Lead agency"), {"ref": 0, "measure": 1, "responsible": 2}),
    (("1.1", "ส่งเสริมความร่วมมือ", "SOMTC", "2556"), {}),
    (("Measures",), {}),
])
def test_column_roles(row, roles):
    assert column_roles(row) == roles


def _squash(s):
    return normalize(s).text.replace(" ", "")


@pytest.mark.parametrize("name, plan_id", [("th_plan_table", "tl"), ("en_plan_table", "apsc")])
def test_measures_from_tables(name, plan_id):
    expected = json.loads((PDF_DIR / f"{name}.json").read_text(encoding="utf-8"))
    path = PDF_DIR / f"{name}.pdf"
    doc = normalize_document(read(path))
    got = measures_from_tables(path, plan_id, text=doc.text)
    assert [m.ref for m in got] == [e["ref"] for e in expected]
    for m, e in zip(got, expected):
        assert _squash(m.title) == _squash(e["title"])
        assert [_squash(a.text) for a in m.activities] == [_squash(a) for a in e["activities"]]
        assert dict(m.fields) == {"responsible": e["responsible"], "timeline": e["timeline"]}
        assert m.bodies, m.ref
        assert doc.text[m.span[0]:].startswith(f"{m.ref} ")
        assert doc.page_at(m.span[0]) == m.page
        assert all(" ".join(doc.text[slice(*a.span)].split()) == a.text for a in m.activities)


def test_table_bodies_and_scopes():
    got = measures_from_tables(PDF_DIR / "th_plan_table.pdf", "tl")
    by_ref = {}
    for m in got:
        by_ref.setdefault(m.ref, m)
    assert by_ref["1.1"].bodies == ("AICHR",)
    assert by_ref["1.2"].bodies == ("ASEC",)
    assert by_ref["2.1"].bodies == ("SOMTC", "ASEANAPOL")
    # numbering restarts under the second pillar: ids are scoped
    assert [m.id for m in got if m.ref == "1.1"] == ["tl#s1/1.1", "tl#s2/1.1"]


def test_tables_without_a_heading_continue_the_columns_before():
    head = ("Ref", "Measures", "Responsible body", "Timeline")
    t1 = PdfTable(1, (0, 0, 1, 1), (head, ("A.1", "Promote\n• Hold a seminar", "AICHR", "2009")))
    t2 = PdfTable(2, (0, 0, 1, 1), ((None, "a second line\n• Publish a review", "", ""),
                                    ("A.2", "Shape norms", "ARF", "2010")))
    got = measures_from_tables([t1, t2], "p")
    assert [(m.ref, m.page) for m in got] == [("A.1", 1), ("A.2", 2)]
    assert [a.text for a in got[0].activities] == ["Hold a seminar a second line", "Publish a review"]


def test_merge_puts_table_fields_on_parsed_measures():
    path = PDF_DIR / "en_plan_table.pdf"
    pd = parse(path)
    tables = measures_from_tables(path, pd.id, text=pd.document.text)
    merged = merge_table_measures(pd.measures, tables)
    table_refs = {m.ref for m in tables}
    assert table_refs <= {m.ref for m in merged}
    for m in merged:
        if m.ref in table_refs:
            assert dict(m.fields)["timeline"] and m.bodies


def test_read_pdf_tables_reads_cells():
    tables = read_pdf_tables(PDF_DIR / "th_plan_table.pdf")
    assert [t.page for t in tables] == [1, 2]
    assert tables[0].rows[0] == ("เลขที่อ้างอิง", "ขอบเขตแผนงาน/ผลลัพธ์และกิจกรรม",
                                 "หน่วยงานที่รับผิดชอบ", "กรอบเวลา")
    assert all(not _broken(c or "") for t in tables for r in t.rows for c in r)


# --- acceptance: ../shared/corpus/000 rendered to PDF in the test ----------------------------------
ACCEPTANCE_DOC = "000_c84986400c98ca88"


@pytest.fixture(scope="module")
def rendered_000(tmp_path_factory):
    src = SHARED_CORPUS / f"{ACCEPTANCE_DOC}.txt"
    if not src.is_file() or not (SHARED_GOLD / f"{ACCEPTANCE_DOC}.json").is_file():
        pytest.skip("../shared/corpus/000 or its gold is absent")
    if make_fixtures.chromium() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    if not make_fixtures.fonts_available():
        pytest.skip("the TLWG Thai fonts are not installed (apt-get install fonts-thai-tlwg)")
    html = make_fixtures.text_page(src.read_text(encoding="utf-8"), title="Vientiane Action Programme",
                                   font="Garuda", lines=False)
    out = tmp_path_factory.mktemp("pdf") / f"{ACCEPTANCE_DOC}.pdf"
    try:
        return make_fixtures.render_pdf(html, out)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        pytest.skip(f"chromium could not print the page: {e}")


def test_acceptance_shared_000_as_pdf(rendered_000, score_script):
    spec = importlib.util.spec_from_file_location("shared_score", score_script)
    score = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("shared_score", score)
    spec.loader.exec_module(score)   # type: ignore[union-attr]
    doc = read(rendered_000)
    assert len(doc.pages) > 1 and _broken(doc.text) == []
    pd = parse(doc)
    gold = json.loads((SHARED_GOLD / f"{ACCEPTANCE_DOC}.json").read_text(encoding="utf-8"))
    acc = collections.defaultdict(int)  # the scorer adds counters of its own (roles)
    score.score_measures(gold, pd.to_dict(), acc)
    _, _, f1 = score.prf(acc["m_tp"], acc["m_fp"], acc["m_fn"])
    assert f1 >= 0.95, acc
    assert acc["t_ok"] >= 0.95 * acc["t_n"], acc
    assert all(m.page is not None for m in pd.measures)


# --- two columns, real PDFs ------------------------------------------------------------------------
def _chars(words: list[tuple[str, float, float]], size: float = 12.0) -> list[dict]:
    """Characters of words (text, x, top), 6 pt a letter."""
    out = []
    for text, x, top in words:
        for k, ch in enumerate(text):
            out.append({"text": ch, "x0": x + 6 * k, "x1": x + 6 * k + 6, "top": top,
                        "bottom": top + size, "size": size})
    return out


def test_two_columns_are_read_column_by_column() -> None:
    from aseandocs.readers.columns import in_columns
    from aseandocs.readers.pdf import assemble
    left = [f"left column line {k:02} text" for k in range(12)]
    right = [f"right column line {k:02} txt" for k in range(12)]
    words = [("A heading over both columns of the page here", 72, 60)]
    for k in range(12):
        words += [(left[k], 72, 90 + 15 * k), (right[k], 300, 90 + 15 * k)]
    lines = in_columns(_chars(words), assemble)
    assert lines is not None
    assert [ln.text for ln in lines] == ["A heading over both columns of the page here"] + left + right


def test_a_table_of_figures_is_not_taken_for_columns() -> None:
    from aseandocs.readers.columns import in_columns
    from aseandocs.readers.pdf import assemble
    words = []
    for k in range(8):
        words += [(f"budget item number {k} here", 72, 90 + 15 * k),
                  (f"{k}1.52 {k}4.5 3{k}.25 1.{k}", 300, 90 + 15 * k)]
    assert in_columns(_chars(words), assemble) is None


def test_one_column_is_not_split() -> None:
    from aseandocs.readers.columns import in_columns
    from aseandocs.readers.pdf import assemble
    words = [(f"a single column of running text, line {k} of it", 72, 90 + 15 * k) for k in range(8)]
    assert in_columns(_chars(words), assemble) is None


SHARED_PDF = Path(__file__).resolve().parents[2].parent / "shared" / "pdf"


def _shared_pdf(name: str) -> Path:
    path = SHARED_PDF / name
    if not path.exists():
        pytest.skip("../shared/pdf is absent")
    return path


@pytest.mark.shared
def test_word_scope_file_keeps_its_numbered_lines() -> None:
    import pypdfium2 as pdfium
    path = _shared_pdf("wordltsc_saraban_scope.pdf")
    doc = read(path, ocr=False)
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page, raw in zip(doc.pages, pdf):
            want = re.findall(r"(?m)^\s*(\d+)\. ", raw.get_textpage().get_text_range())
            got = re.findall(r"(?m)^(\d+)\. ", doc.text[slice(*page.span)])
            assert not page.needs_ocr and want and got == want
    finally:
        pdf.close()


@pytest.mark.shared
def test_gazette_is_dated_by_its_running_header() -> None:
    assert parse(_shared_pdf("royalgazette_ect_p1-40.pdf")).date == "2023-03-22"


@pytest.mark.shared
def test_two_column_page_of_a_real_article() -> None:
    doc = read(_shared_pdf("ghostscript_signlanguage_article.pdf"), ocr=False)
    page3 = doc.text[slice(*doc.pages[2].span)]
    lines = page3.splitlines()
    # the left column's lines follow one another; no line holds text of both columns
    assert max(len(ln) for ln in lines) < 80


@pytest.mark.shared
def test_blank_pages_of_a_real_pdf_are_blank() -> None:
    doc = read(_shared_pdf("budget_v2_excel_p1-40.pdf"), ocr=False)
    assert not any(p.needs_ocr for p in doc.pages)
    assert read(_shared_pdf("imageonly_screenshot_print.pdf"), ocr=False).pages[0].needs_ocr


# --- PDFium as the character source ---------------------------------------------------------------
@pytest.mark.parametrize("name", ["th_plan_table", "en_plan_table"])
def test_pdfium_ruling_lines_give_pdfplumbers_tables(name) -> None:
    from aseandocs.readers.pdfium import open_document
    path = PDF_DIR / f"{name}.pdf"
    doc = open_document(path.read_bytes())
    with pdfplumber.open(path) as pl:
        for k, page in enumerate(doc.pages()):
            mine = [tuple(round(v) for v in t.bbox) for t in page.find_tables()]
            theirs = [tuple(round(v) for v in t.bbox) for t in pl.pages[k].find_tables()]
            assert mine == theirs
            assert [len(t.rows) for t in page.find_tables()] == \
                   [len(t.rows) for t in pl.pages[k].find_tables()]
            page.close()
    doc.close()


def test_pdfium_pages_fall_back_to_pdfplumber_where_glyphs_are_ligatures() -> None:
    from aseandocs.readers.pdfium import open_document
    doc = open_document((PDF_DIR / "th_plan_lines.pdf").read_bytes())
    page = doc.page(0)
    assert page.chars and page.ligatures > 0      # Chromium draws "จำ" as one glyph
    page.close()
    doc.close()


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_both_character_sources_read_the_fixtures_alike(engine) -> None:
    from aseandocs.readers.pdf import read_pages
    data = (PDF_DIR / "th_plan_table.pdf").read_bytes()
    pages = read_pages(data, "th_plan_table.pdf", [], engine=engine)
    text = "\n".join(ln.text for _, lines, _, _ in pages for ln in lines or [])
    assert "เลขที่อ้างอิง" in text and "(cid:" not in text


@pytest.mark.shared
def test_pdfium_maps_the_glyphs_pdfminer_leaves_as_cid() -> None:
    doc = read(_shared_pdf("budget_v2_excel_p1-40.pdf"), ocr=False)
    # pdfminer left 416, pypdfium2's own text 51: the raised tone marks and the nikhahit of
    # sara am that the font does not map are told from the dictionary (thai.glyphs)
    assert doc.text.count("(cid:") + doc.text.count("\ufffd") <= 5
    assert "ที่" in doc.text and "ทีÉ" not in doc.text


@pytest.mark.shared
@pytest.mark.parametrize("name", ["budget_v2_excel_p1-40.pdf", "royalgazette_ect_p1-40.pdf"])
def test_no_glyph_placeholder_leaves_the_reader(name) -> None:
    doc = read(_shared_pdf(name), ocr=False)
    assert not re.search("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]", doc.text)
