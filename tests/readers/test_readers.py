"""Tests for aseandocs.readers (issue 2, part 3): txt encodings, HTML, PDF, errors.

Every fixture is generated here (the PDFs are built by hand, object table and xref included), so
nothing is copied from the third-party corpus; the shared corpus is only read where it exists.
"""
from __future__ import annotations

import os
import random

import pytest
from conftest import shared_docs
from hypothesis import given, settings
from hypothesis import strategies as st

from aseandocs import parse
from aseandocs.errors import ReadError, UnsupportedFormatError
from aseandocs.model import Page
from aseandocs.readers import SUPPORTED_SUFFIXES, read, read_bytes
from aseandocs.readers import dispatch as readers
from aseandocs.readers import ocr as _ocr
from aseandocs.readers.ocr import OcrPage
from aseandocs.readers.pdf import Line

# Text written for these tests: Thai and ASCII only, so TIS-620 can hold it.
THAI = "แผนงานอาเซียนด้านความร่วมมือ\n1.1 ส่งเสริมการแลกเปลี่ยนข้อมูล (SOMTC) ปี 2562\n"
# The same with characters only cp874 has: smart quotes, en dash, ellipsis, euro sign.
THAI_CP874 = "“แผนงาน” – การประชุมอาเซียน… งบประมาณ 5 €\n"
ENGLISH = "ASEAN Work Plan\n1.1 Promote cooperation on transnational crime\n"


def _pdf(pages: list[list[str] | None], *, encrypted: bool = False) -> bytes:
    """A minimal valid PDF: Helvetica text, one list of lines per page ([] = a page with no text
    layer that draws a box, as a scan draws its image; None = a blank page, drawing nothing)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "72 720 Td"]
        for j, line in enumerate(lines or ()):
            if j:
                ops.append("0 -16 Td")
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj")
        stream = ("\n".join(ops + ["ET"]).encode("latin-1") if lines
                  else b"" if lines is None else b"0 g 72 400 300 300 re f")
        kids.append(len(objs) + 1)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objs) + 2))
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    extra = b""
    if encrypted:   # a standard security handler whose user password is not the empty one
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32
                    + b"> /P -4 >>")
        extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objs), b"01" * 16, b"01" * 16)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, extra, xref)
    return bytes(out)


PAGE1 = ["Annex 1 ASEAN Work Plan", "1.1 Promote cooperation (information sharing)"]
PAGE2 = ["1.2 Strengthen capacity of law enforcement"]


# --- plain text encodings -------------------------------------------------------------------------
@pytest.mark.parametrize("codec, text, expected", [
    ("utf-8", THAI, "utf-8"),
    ("utf-8-sig", THAI, "utf-8-sig"),
    ("utf-16", THAI, "utf-16"),
    ("utf-16-le", THAI, "utf-16-le"),
    ("utf-16-be", THAI, "utf-16-be"),
    ("tis-620", THAI, "tis-620"),
    ("cp874", THAI, "tis-620"),          # nothing in 0x80-0xA0: it is TIS-620 proper
    ("cp874", THAI_CP874, "cp874"),
    ("utf-8", THAI_CP874, "utf-8"),
    ("utf-16-le", THAI_CP874, "utf-16-le"),
    ("utf-32", THAI, "utf-32"),
    ("utf-8", ENGLISH, "utf-8"),
    ("utf-16-be", ENGLISH, "utf-16-be"),
    ("tis-620", ENGLISH * 2000 + THAI, "tis-620"),     # Thai only after a long English part
])
def test_each_encoding_decodes_to_the_same_string(codec, text, expected):
    data = text.encode(codec)
    doc = read_bytes(data, name="plan.txt")
    assert doc.text == text
    assert doc.encoding == expected
    assert data.decode(doc.encoding) == text      # the reported codec decodes the whole file
    assert doc.warnings == ()
    assert doc.format == "txt" and doc.pages == ()


@pytest.mark.parametrize("data, text, encoding", [
    (b"\xef\xbb\xbfASEAN", "ASEAN", "utf-8-sig"),
    (b"\xff\xfeA\x00S\x00", "AS", "utf-16"),
    (b"\xfe\xff\x00A\x00S", "AS", "utf-16"),
    (b"\xff\xfe\x00\x00A\x00\x00\x00", "A", "utf-32"),
    ("\ufeffอาเซียน".encode("utf-8"), "อาเซียน", "utf-8-sig"),
])
def test_bom_is_used_and_not_kept(data, text, encoding):
    doc = read_bytes(data, name="x.txt")
    assert (doc.text, doc.encoding) == (text, encoding)


@pytest.mark.parametrize("text, codec", [
    ("อาเซียนความร่วมมือ", "utf-16-le"),     # Thai only: 0x0E as every second byte
    ("อาเซียนความร่วมมือ", "utf-16-be"),
    ("ASEAN Work Plan", "utf-16-le"),        # ASCII only: 0x00 as every second byte
    ("ASEAN Work Plan", "utf-16-be"),
    ("ข้อ 1.1 SOMTC\n", "utf-16-le"),
])
def test_utf16_without_bom_is_detected(text, codec):
    doc = read_bytes(text.encode(codec), name="x.txt")
    assert (doc.text, doc.encoding) == (text, codec)


_WORDS = ["ความร่วมมือ", "อาเซียน", "แผนงาน", "ประชุม", "ส่งเสริม", "ASEAN", "Work", "Plan",
          "2562", "๒๕๖๒", "(SOMTC)", "1.1"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30),
       st.sampled_from(["\n", " ", ""]),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "tis-620"]))
def test_any_thai_english_text_round_trips(words, sep, codec):
    text = sep.join(words)
    doc = read_bytes(text.encode(codec), name="x.txt")
    assert doc.text == text
    assert doc.warnings == ()


def test_crlf_becomes_lf_and_nothing_else_changes():
    doc = read_bytes("ข้อ 1.1\r\n\r\nASEAN\rPlan\t  x".encode("utf-8"), name="x.txt")
    assert doc.text == "ข้อ 1.1\n\nASEAN\rPlan\t  x"


@pytest.mark.parametrize("text, language", [(THAI, "th"), (ENGLISH, "en"), ("2562 1.1", None)])
def test_language_is_detected(text, language):
    assert read_bytes(text.encode(), name="x.txt").language == language


# --- lossy, binary, NUL and empty input -----------------------------------------------------------
@pytest.mark.parametrize("data, bad, first", [
    ("ASEAN plan ".encode() * 40 + b"\xff" + "อาเซียน".encode() * 20, 1, 440),
    (b"\x80" + ENGLISH.encode() * 10, 1, 0),
    (THAI.encode() * 10 + b"\xe0\xb8", 2, len(THAI.encode()) * 10),     # truncated last char
    ("café".encode("latin-1") + b" ASEAN Work Plan" * 20, 1, 3),         # Latin-1, not Thai
])
def test_invalid_utf8_gives_a_lossy_decode_warning(data, bad, first):
    doc = read_bytes(data, name="news.txt")
    assert doc.encoding == "utf-8"
    assert doc.text.count("\ufffd") == bad
    assert doc.warnings == (f"lossy decode: {bad} invalid bytes (first at byte offset {first}); "
                            f"replaced with U+FFFD",)


def test_cp874_with_a_stray_undefined_byte_stays_thai_and_warns():
    data = THAI.encode("cp874") * 20 + b"\xfc"
    doc = read_bytes(data, name="x.txt")
    assert doc.encoding == "cp874"
    assert doc.text == THAI * 20 + "\ufffd"
    assert doc.warnings[0].startswith("lossy decode: 1 invalid bytes (first at byte offset")


@pytest.mark.parametrize("data, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG image"),
    (b"GIF89a" + bytes(50), "GIF image"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(22) + b"word/document.xml", "Word document (DOCX)"),
    (b"PK\x03\x04" + bytes(40), "ZIP archive"),
    (b"\x1f\x8b\x08\x00" + bytes(20), "gzip archive"),
    (b"\x7fELF\x02\x01\x01" + bytes(60), "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(60), "legacy Office document"),
])
@pytest.mark.parametrize("name", ["scan.txt", "ภาพ สแกน", "scan.html", "scan.bin"])
def test_known_binary_signature_is_refused(data, what, name):
    with pytest.raises(UnsupportedFormatError) as e:
        read_bytes(data, name=name)
    msg = str(e.value)
    assert msg.startswith(f"{name}: binary content ({what}")
    assert "not text" in msg and e.value.hint
    assert isinstance(e.value, ReadError)


@pytest.mark.parametrize("data", [
    random.Random(0).randbytes(4096),
    random.Random(1).randbytes(64),
    bytes(2000) + b"ASEAN",                       # NULs dominate
    bytes(range(1, 9)) * 200,                     # control characters dominate
    "ASEAN".encode("utf-16-le") + bytes(range(1, 31)) * 40,
])
def test_other_binary_content_is_refused(data, tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read(path)
    assert str(path) in str(e.value)
    assert "binary" in str(e.value)


@pytest.mark.parametrize("data, text, warning", [
    (b"ASEAN\x00 Work Plan", "ASEAN Work Plan", "stripped 1 NUL characters"),
    (ENGLISH.encode() + bytes(3000), ENGLISH, "stripped 3000 NUL characters"),   # NUL padding
    ("อาเซียน\x00\x00".encode(), "อาเซียน", "stripped 2 NUL characters"),
])
def test_nul_bytes_in_text_are_stripped_with_a_warning(data, text, warning):
    doc = read_bytes(data, name="x.txt")
    assert doc.text == text
    assert doc.warnings == (warning,)


@pytest.mark.parametrize("data, name, fmt", [
    (b"", "empty.txt", "txt"),
    (b"  \n\t\r\n ", "blank.txt", "txt"),
    (b"\xff\xfe", "bom.txt", "txt"),
    (" \n".encode("utf-16-le"), "wide.txt", "txt"),
    (b"", "empty.pdf", "pdf"),
    (b"<html><head><title></title><script>x()</script></head><body> </body></html>",
     "blank.html", "html"),
    (_pdf([[]]), "scan.pdf", "pdf"),
])
def test_empty_input_is_a_document_with_a_warning(data, name, fmt):
    doc = read_bytes(data, name=name)
    assert doc.text == ""
    assert doc.format == fmt
    assert "empty document" in doc.warnings
    assert doc.language is None


# --- HTML -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("markup, text", [
    ("<p>ASEAN &amp; partners</p><p>Second&nbsp;part</p>", "ASEAN & partners\n\nSecond\xa0part"),
    ("<p>&#3585;&#x0E02; &lt;b&gt;</p>", "กข <b>"),
    ("<p>ความ<b>ร่วม</b>มือ</p>", "ความร่วมมือ"),                  # no space between inline runs
    ("<p>ASEAN\n   <b>Work</b>\tPlan</p>", "ASEAN Work Plan"),
    ("<script>var a = '<p>x</p>';</script><style>p {}</style><p>text</p>", "text"),
    ("<noscript>enable JS</noscript><template><p>tpl</p></template><!-- note --><p>ok</p>", "ok"),
    ("<head><meta charset='utf-8'><link rel=x><title>ข่าว</title></head><body><p>เนื้อหา</p></body>",
     "ข่าว\n\nเนื้อหา"),
    ("<title>ASEAN News</title><h1>ASEAN \n news</h1><p>body</p>", "ASEAN news\n\nbody"),
    ("<title>ASEAN News</title><h1>Other</h1><p>body</p>", "ASEAN News\n\nOther\n\nbody"),
    ("<ul><li>one</li><li>two</li></ul><p>after</p>", "one\ntwo\n\nafter"),
    ("<p>a<br>b<br/>c</p>", "a\nb\nc"),
    ("<div><p>a</p><br><br><p>b</p></div>", "a\n\nb"),
    ("<div>a<div>b</div>c</div>", "a\nb\nc"),
    ("<table><tr><th>ข้อ</th><th>กิจกรรม</th></tr>\n<tr><td>1.1</td>\n<td>ส่งเสริม</td></tr></table>",
     "ข้อ\tกิจกรรม\n1.1\tส่งเสริม"),
    ("<pre>1.1  a\n1.2  b</pre><p>x</p>", "1.1  a\n1.2  b\n\nx"),
    ("<h2>Annex 1</h2><section><article><blockquote>quote</blockquote></article></section>",
     "Annex 1\n\nquote"),
    ("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body><p>x</p></body></html>",
     "x"),
])
def test_html_text_extraction(markup, text):
    doc = read_bytes(markup.encode("utf-8"), name="news.html")
    assert doc.text == text
    assert doc.format == "html"


@pytest.mark.parametrize("markup, words", [
    ("<p <b>broken</p></div></span>", ["broken"]),
    ("<p>unclosed <b>bold <i>italic", ["unclosed bold italic"]),
    ("<p>x &#99999999; &bogus; &amp &lt;</p>", ["x", "&bogus;", "& <"]),
    ("<table><td>cell<tr>row</table></table></p>", ["cell", "row"]),
    ("<<>><p>ok</p><!-->", ["ok"]),
    ("<p>ASEAN</p><![CDATA[ x ]]><p>Plan</p><scr", ["ASEAN", "Plan"]),
])
def test_malformed_html_does_not_raise(markup, words):
    doc = read_bytes(markup.encode(), name="bad.html")
    for w in words:
        assert w in doc.text


@pytest.mark.parametrize("head, body_codec, encoding, warned", [
    ('<meta charset="tis-620">', "cp874", "tis-620", False),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-874">', "cp874",
     "tis-620", False),
    ('<meta charset="utf-8">', "utf-8", "utf-8", False),
    ('<meta charset="utf-8">', "cp874", "tis-620", True),          # declaration is wrong
    ('<meta charset="iso-8859-1">', "cp874", "tis-620", True),     # Thai page labelled Latin-1
    ('<meta charset="no-such-charset">', "utf-8", "utf-8", True),
])
def test_html_declared_charset(head, body_codec, encoding, warned):
    data = (f"<html><head>{head}</head><body>".encode("ascii") + "<p>แผนงานอาเซียน</p>".encode(body_codec)
            + b"</body></html>")
    doc = read_bytes(data, name="page.htm")
    assert doc.text == "แผนงานอาเซียน"
    assert doc.encoding == encoding
    assert bool(doc.warnings) == warned


def test_xml_encoding_declaration_is_honoured():
    data = b"<?xml version='1.0' encoding='windows-874'?><html><body><p>" + \
        "ข่าว".encode("cp874") + b"</p></body></html>"
    doc = read_bytes(data, name="page.xhtml")
    assert (doc.text, doc.encoding, doc.format) == ("ข่าว", "tis-620", "html")


# --- PDF ------------------------------------------------------------------------------------------
def test_pdf_pages_and_spans(tmp_path):
    path = tmp_path / "work plan.pdf"
    path.write_bytes(_pdf([PAGE1, PAGE2]))
    doc = read(path)
    assert (doc.id, doc.format, doc.encoding, doc.language) == ("work plan", "pdf", None, "en")
    assert [p.number for p in doc.pages] == [1, 2]
    assert [doc.text[slice(*p.span)] for p in doc.pages] == ["\n".join(PAGE1), "\n".join(PAGE2)]
    assert doc.text == "\n".join(PAGE1) + "\n\n" + "\n".join(PAGE2)
    assert doc.page_at(doc.text.index("1.2 Strengthen")) == 2
    assert doc.warnings == ()


def test_pdf_page_without_text_needs_ocr():
    doc = read_bytes(_pdf([PAGE1, [], PAGE2]), name="scan.pdf", ocr=False)
    assert [p.needs_ocr for p in doc.pages] == [False, True, False]
    assert doc.pages[1].span[0] == doc.pages[1].span[1]
    assert doc.text[slice(*doc.pages[2].span)] == PAGE2[0]
    assert doc.warnings == ("page 2 has no text layer (needs OCR)",)


@pytest.mark.parametrize("ocr", [None, False])
def test_blank_pdf_page_is_blank_not_a_scan(monkeypatch, ocr):
    calls: list[list[int]] = []
    monkeypatch.setattr(_ocr, "ocr_unavailable", lambda: None)
    monkeypatch.setattr(_ocr, "ocr_pages", _fake_ocr({}, calls))
    doc = read_bytes(_pdf([PAGE1, None, [], PAGE2]), name="scan.pdf", ocr=ocr)
    assert [p.needs_ocr for p in doc.pages] == [False, False, True, False]   # blank, drawing
    assert doc.pages[1].span[0] == doc.pages[1].span[1]
    assert calls == ([] if ocr is False else [[3]])          # the blank page is not OCRed
    assert not any("page 2" in w for w in doc.warnings)


def _fake_ocr(found: dict[int, tuple[Line, ...]], calls: list[list[int]]):
    def ocr_pages(data, numbers):
        calls.append(list(numbers))
        return {n: OcrPage(n, found.get(n, ()), 91.6 if found.get(n) else 0.0) for n in numbers}
    return ocr_pages


@pytest.mark.parametrize("ocr, found, needs_ocr, warning", [
    (None, {2: (Line("ASEAN Work Plan scanned", 72, 400, 72, 84, 12),)}, False,
     "page 2: text from OCR (tesseract tha+eng), mean word confidence 92%"),
    (True, {2: (Line("ASEAN Work Plan scanned", 72, 400, 72, 84, 12),)}, False,
     "page 2: text from OCR (tesseract tha+eng), mean word confidence 92%"),
    (None, {}, True,
     "page 2 has no text layer (needs OCR); OCR (tesseract tha+eng) found no text on it"),
    (False, {2: (Line("never asked for", 72, 400, 72, 84, 12),)}, True,
     "page 2 has no text layer (needs OCR)"),
])
def test_pdf_page_without_text_goes_to_ocr(monkeypatch, ocr, found, needs_ocr, warning):
    calls: list[list[int]] = []
    monkeypatch.setattr(_ocr, "ocr_unavailable", lambda: None)
    monkeypatch.setattr(_ocr, "ocr_pages", _fake_ocr(found, calls))
    doc = read_bytes(_pdf([PAGE1, [], PAGE2]), name="scan.pdf", ocr=ocr)
    assert calls == ([] if ocr is False else [[2]])          # only the page without text
    assert [p.needs_ocr for p in doc.pages] == [False, needs_ocr, False]
    assert doc.warnings == (warning,)
    page2 = doc.text[slice(*doc.pages[1].span)]
    assert page2 == ("" if needs_ocr else "ASEAN Work Plan scanned")
    assert doc.text[slice(*doc.pages[2].span)] == PAGE2[0]


def test_pdf_without_tesseract_says_how_to_install(monkeypatch):
    monkeypatch.setattr(_ocr, "ocr_unavailable", lambda: "Tesseract has no 'tha' model")
    doc = read_bytes(_pdf([PAGE1, [], [], PAGE2]), name="scan.pdf")
    assert doc.warnings == ("OCR not available (Tesseract has no 'tha' model): pages 2, 3 left "
                            "without text; to read scanned pages, apt install tesseract-ocr "
                            "tesseract-ocr-tha",
                            "page 2 has no text layer (needs OCR)",
                            "page 3 has no text layer (needs OCR)")
    with pytest.raises(ReadError, match=r"scan\.pdf: pages 2, 3 need OCR, which is not available: "
                                        r"Tesseract has no 'tha' model \(install Tesseract"):
        read_bytes(_pdf([PAGE1, [], [], PAGE2]), name="scan.pdf", ocr=True)


def test_pdf_page_lines_is_a_seam(monkeypatch):
    def lines(page):
        n = page.page_number
        return [Line("ภาคผนวก" if n == 1 else "ข้อ", 72, 100 * n, 72, 84, 12)], n, []
    monkeypatch.setattr(readers, "_pdf_page_lines", lines)
    doc = read_bytes(_pdf([PAGE1, PAGE2]), name="x.pdf")
    assert doc.text == "ภาคผนวก\n\nข้อ"
    assert doc.pages == (Page(1, (0, 7), repairs=1), Page(2, (9, 12), repairs=2))
    assert doc.warnings == (
        "page 1: 1 Thai text repairs, 0 words rejoined across lines, "
        "0 running header/footer lines removed",
        "page 2: 2 Thai text repairs, 0 words rejoined across lines, "
        "0 running header/footer lines removed")


@pytest.mark.parametrize("cut", [10, 100, 0.5, 0.8, "trailer"])
def test_truncated_pdf_is_a_read_error(cut):
    data = _pdf([PAGE1, PAGE2])
    n = data.index(b"trailer") if cut == "trailer" else int(cut * len(data)) if cut < 1 else cut
    with pytest.raises(ReadError) as e:
        read_bytes(data[:n], name="plan.pdf")
    assert str(e.value).startswith("plan.pdf: corrupt or truncated PDF")


def test_pdf_missing_only_its_end_marker_is_read_with_a_warning():
    data = _pdf([PAGE1])
    doc = read_bytes(data[:data.rindex(b"%%EOF")], name="plan.pdf")
    assert doc.text == "\n".join(PAGE1)
    assert any("%%EOF" in w for w in doc.warnings)


@pytest.mark.parametrize("data, reason", [
    (_pdf([PAGE1], encrypted=True), "encrypted PDF"),
    (b"%PDF-1.4\n" + random.Random(2).randbytes(300), "corrupt or truncated PDF"),
    (ENGLISH.encode(), "not a PDF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), "binary content (PNG image)"),
])
def test_bad_pdf_is_a_read_error(data, reason):
    with pytest.raises(ReadError) as e:
        read_bytes(data, name="ผิด.pdf")
    assert str(e.value).startswith(f"ผิด.pdf: {reason}")


# --- dispatch -------------------------------------------------------------------------------------
@pytest.mark.parametrize("data, name, fmt", [
    (_pdf([PAGE1]), "download", "pdf"),
    (_pdf([PAGE1]), "download.bin", "pdf"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page", "html"),
    (b"\n<!-- saved --><HTML lang=th><p>x</p></HTML>", "page.asp", "html"),
    ("<html><p>ข่าว</p></html>".encode("utf-16"), "page", "html"),
    (b"ASEAN <html> tags are described here", "notes", "txt"),
    (b"a,b\n1,2\n", "table.csv", "txt"),
    (b"%PDF-1.4 is a version of the format", "about.txt", "txt"),
    (b"%PDF-1.4 is a version of the format", "about", "txt"),
    (b"<p>x</p>", "frag.HTM", "html"),
    (b"# ASEAN", "README.md", "txt"),
])
def test_format_by_suffix_then_content(data, name, fmt):
    assert read_bytes(data, name=name).format == fmt


def test_pdf_named_txt_is_read_as_pdf_with_a_warning():
    doc = read_bytes(_pdf([PAGE1]), name="plan.txt")
    assert doc.format == "pdf"
    assert doc.warnings == ("content is PDF although the name ends in '.txt'; read as PDF",)


@pytest.mark.parametrize("fmt, text", [("txt", "<p>x</p>"), ("html", "x")])
def test_read_bytes_format_overrides_detection(fmt, text):
    assert read_bytes(b"<p>x</p>", name="upload.txt", format=fmt).text == text


def test_read_bytes_unknown_format():
    with pytest.raises(UnsupportedFormatError, match="unknown format 'docx'.*txt, html, pdf"):
        read_bytes(b"x", name="a.docx", format="docx")


def test_supported_suffixes():
    assert dict(SUPPORTED_SUFFIXES) == {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html",
                                        ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}


# --- files ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["plan.txt", "แผนงาน อาเซียน 2562.txt", "a b.c.txt", "ข่าว"])
def test_file_names_with_spaces_and_thai(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(THAI.encode("cp874"))
    doc = read(path)
    assert doc.id == path.stem
    assert doc.source == str(path)
    assert doc.text == THAI
    assert read(str(path)).source == str(path)


def test_source_is_the_path_as_given(tmp_path, monkeypatch):
    (tmp_path / "news.txt").write_text(ENGLISH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert read("./news.txt").source == "./news.txt"


@pytest.mark.parametrize("make, reason", [
    (lambda p: p, "no such file"),
    (lambda p: (p.mkdir(), p)[1], "is a directory"),
])
def test_missing_file_and_directory(tmp_path, make, reason):
    path = make(tmp_path / "ข่าว.txt")
    with pytest.raises(ReadError) as e:
        read(path)
    assert str(e.value).startswith(f"{path}: {reason}")


@pytest.mark.parametrize("given, reason", [
    ("ข่าวทำเนียบรัฐบาล\nวันพฤหัสบดีที่ 17 กันยายน 2563 ...", "this is text, not a file path"),
    ("ข่าวทำเนียบรัฐบาล " * 40, "too long for a file path"),        # one line, longer than a name can be
])
def test_text_given_for_a_path_is_told_so_with_how_to_read_text(given, reason):
    """``aseandocs.parse(text)`` (a document's text where its path goes) raised the OS's "file
    name too long" from a second failed call; it is named by its start, with what to call."""
    with pytest.raises(ReadError) as e:
        parse(given)
    assert e.value.reason.startswith(reason) and "Document.from_text" in e.value.hint
    assert e.value.path.startswith("ข่าวทำเนียบรัฐบาล") and len(e.value.path) < 80


def test_a_path_with_a_nul_character_is_a_read_error():
    with pytest.raises(ReadError, match="NUL"):
        read("corpus/a\0b.txt")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        with pytest.raises(ReadError, match="permission denied"):
            read(path)
    finally:
        path.chmod(0o644)


def test_permission_error_is_a_read_error(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(readers, "open", denied, raising=False)
    with pytest.raises(ReadError) as e:
        read(tmp_path / "secret.txt")
    assert "permission denied" in str(e.value) and "secret.txt" in str(e.value)


@pytest.mark.parametrize("path", shared_docs(), ids=lambda p: p.name)
def test_shared_corpus_reads_cleanly(path):
    doc = read(path)
    assert (doc.format, doc.encoding, doc.language, doc.warnings) == ("txt", "utf-8", "th", ())
    assert doc.text == path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert doc.id == path.stem
