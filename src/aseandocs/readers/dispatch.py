"""Reading files into ``Document``s: plain text, HTML and PDF (the first stage of the pipeline).

``read(path)`` and ``read_bytes(data, name=...)`` return a ``Document`` whose ``text`` is the decoded
raw text (only "\\r\\n" becomes "\\n"; the pipeline normalises later), with ``format``, ``encoding``,
``language``, ``pages`` (PDF) and ``warnings``::

    >>> doc = read_bytes("แผนงานอาเซียน\\r\\n".encode("tis-620"), name="แผน.txt")
    >>> doc.id, doc.text, doc.encoding, doc.language
    ('แผน', 'แผนงานอาเซียน\\n', 'tis-620', 'th')
    >>> read_bytes(b"<h1>ASEAN Work Plan</h1><p>1.1 Promote</p>", name="plan.html").text
    'ASEAN Work Plan\\n\\n1.1 Promote'

Format: by suffix (``SUPPORTED_SUFFIXES``), else by content (``%PDF-`` -> pdf, ``<!doctype html`` or
``<html`` -> html, decodable text -> txt). A recognised binary signature (PNG, JPEG, ZIP/DOCX, ...)
raises ``UnsupportedFormatError`` (a ``ReadError``) naming the file and the kind of content; other
binary content raises ``ReadError``. A PDF named ``.txt`` is read as a PDF, with a warning.

Text encodings, in this order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 LE/BE without a BOM, told by
its byte pattern (ASCII has a 0x00 and Thai a 0x0E as every second byte); for HTML, a declared
``<meta charset>`` / XML encoding that decodes cleanly; strict UTF-8; cp874 when the bytes decode to
plausible Thai (reported as ``tis-620`` when no byte is in 0x80-0xA0, the cp874 additions, else
``cp874``); else UTF-8 with U+FFFD for bad bytes and a warning "lossy decode: N invalid bytes (first
at byte offset K)". ``encoding`` is always a Python codec name that decodes the whole file (with
``errors="replace"`` after a lossy decode). Too many bad bytes (over 1%), or control characters
dominating (over 10%), raise ``ReadError("... binary content ...")``; NUL characters in otherwise
good text are stripped with a warning.

An empty or white-space-only file is not an error: it gives a ``Document`` with ``text == ""`` and
the warning "empty document" (a corpus may hold placeholders; a build should report, not stop).
The same holds for an HTML or PDF file with no visible text.

PDF: each page's characters through ``thai.repair_pdf_chars`` (PUA glyphs of shifted Thai marks
mapped back, every mark anchored to its consonant, so that "ป้า" is not read "ป ้า"), grouped into
lines (a gap wider than 1/8 of the font size is a space); ruled tables are written row by row
(``read_pdf_tables`` gives their cells); lines that recur at the top or bottom of most pages, digits
ignored, are running headers and footers and go; wrapped lines are joined (Thai to Thai without a
space) and ``thai.repair_pdf_text`` mends what is left. Pages are joined with "\\n\\n" ("\\n" where
a sentence runs on over the page break, so a measure is not cut in two), each recorded
as a ``Page`` with its span and ``repairs`` (also told per page in ``warnings``). A page without
text, or with only unmapped glyphs (a scan), is read with OCR when Tesseract and its Thai model
are installed (``readers.ocr``; ``read(..., ocr=False)`` turns it off): its lines go through the same
steps, with the warning "page N: text from OCR (tesseract tha+eng), mean word confidence 94%".
Without OCR, or when OCR finds no text, it is ``Page(needs_ocr=True)`` with the warning "page N
has no text layer (needs OCR)" (and, when Tesseract is missing, one saying how to install it).
Encrypted, truncated or corrupt PDFs raise ``ReadError``; a single unreadable page in an
otherwise good PDF is skipped with a warning.
"""
from __future__ import annotations

from dataclasses import replace

import errno
import os
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

from aseandocs.errors import ReadError, UnsupportedFormatError
from aseandocs.model import Document, Page
from aseandocs.readers.html import declared_charset, html_to_text
from aseandocs.readers.ocr import ocr_scanned
from aseandocs.readers.pdf import (Line, PdfTable, page_lines, read_pages, reflow, strip_running_lines,
                                   text_bounds, usable, wraps)
from aseandocs.readers.pdfium import blank_pages
from aseandocs.readers.text import decode
from aseandocs.thai.glyphs import resolve, unmapped_marks
from aseandocs.thai.repair import aa_written_as_am, repair_sara_am
from aseandocs.thai.typed import repair_typed
from aseandocs.thai import detect_language, repair_pdf_text

__all__ = ["read", "read_bytes", "read_pdf_tables", "PdfTable", "SUPPORTED_SUFFIXES", "FORMATS"]

#: The formats a Document can have.
FORMATS = ("txt", "html", "pdf")

#: File suffix (lower case) -> format. Files with other suffixes are sniffed by content.
SUPPORTED_SUFFIXES = MappingProxyType({
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
})

# Known signatures of content aseandocs does not read: (offset, magic bytes, what it is, kind).
# The kind picks the hint. A text file can start with none of these byte strings.
_SIGNATURES: tuple[tuple[int, bytes, str, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image", "image"),
    (0, b"\xff\xd8\xff", "JPEG image", "image"),
    (0, b"GIF87a", "GIF image", "image"),
    (0, b"GIF89a", "GIF image", "image"),
    (0, b"II*\x00", "TIFF image", "image"),
    (0, b"MM\x00*", "TIFF image", "image"),
    (0, b"RIFF", "RIFF media (WebP, WAV or AVI)", "media"),
    (0, b"PK\x03\x04", "ZIP archive", "archive"),
    (0, b"PK\x05\x06", "ZIP archive", "archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (DOC/XLS/PPT)", "document"),
    (0, b"{\\rtf", "RTF document", "document"),
    (0, b"\x1f\x8b", "gzip archive", "archive"),
    (0, b"BZh91AY&SY", "bzip2 archive", "archive"),
    (0, b"\xfd7zXZ\x00", "xz archive", "archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive", "archive"),
    (0, b"Rar!\x1a\x07", "RAR archive", "archive"),
    (0, b"\x7fELF", "ELF executable", "program"),
    (0, b"SQLite format 3\x00", "SQLite database", "program"),
    (4, b"ftyp", "MP4/QuickTime media", "media"),
    (0, b"OggS", "Ogg media", "media"),
)
_HINTS = {
    "image": "run OCR on it, or convert it to a PDF with a text layer",
    "document": "save it as PDF, HTML or plain text first",
    "archive": "extract the archive and read the files inside",
    "program": "it is not a document; leave it out of the corpus",
    "media": "it is not a document; leave it out of the corpus",
}
# Inside a ZIP archive, these first entry names tell which office format it is.
_ZIP_KINDS = ((b"word/", "Word document (DOCX)"), (b"xl/", "Excel workbook (XLSX)"),
              (b"ppt/", "PowerPoint file (PPTX)"), (b"mimetypeapplication/vnd.oasis",
                                                    "OpenDocument file (ODT/ODS)"),
              (b"mimetypeapplication/epub", "EPUB book"))

# The start of an HTML page, read as ASCII (NULs of UTF-16 removed, lower-cased): optional BOM,
# XML declaration and comments, then a doctype or <html>.
#   matches: "<!DOCTYPE html>", "<?xml version='1.0'?>\n<html xmlns=...>", "<!-- x --><html lang=th>"
#   must not match: "ASEAN <html> tags ...", "<p>a fragment</p>", "<!doctype svg>"
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"(?P<tag><!doctype\s+html|<html[\s>])",
    re.IGNORECASE | re.DOTALL)

# The header line a PDF starts with, in a file not named .pdf.
#   matches: "%PDF-1.4\n%\xe2\xe3", "%PDF-1.7\r\n"; must not match: "%PDF-1.4 is a version of ..."
_PDF_START = re.compile(rb"\A\s*%PDF-\d\.\d[ \t]*[\r\n]", re.ASCII)

_SNIFF = 4096              # bytes looked at to sniff format and UTF-16



def read(path: str | os.PathLike[str], *, ocr: bool | None = None) -> Document:
    """Read the file at ``path`` (txt, html or pdf) into a ``Document``; id is the file stem.

    ``read("corpus/ข่าว 2562.txt").id == "ข่าว 2562"``; ``read("plans/work-plan.pdf").pages[0].number
    == 1``. Raises ``ReadError`` for a missing file, a directory, an unreadable file or content that
    is not a document, with the reason and a hint; a document's text given in place of its path
    is a ``ReadError`` saying so (read text with ``Document.from_text``).

    ``ocr`` is for PDF pages without a text layer (scans): None reads them with Tesseract when it
    is installed, True insists (``ReadError`` when a page needs OCR and it is not installed),
    False never runs it (the page is ``needs_ocr``).
    """
    source = os.fspath(path)
    p = Path(source)
    if "\0" in str(source):
        raise ReadError(repr(source)[:60], "a file path cannot hold a NUL character",
                        hint="check where the path came from") from None
    try:
        with open(p, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        if _is_text(source):
            raise _text_error(source) from None
        raise ReadError(source, "no such file", hint="check the path") from None
    except IsADirectoryError:
        raise ReadError(source, "is a directory, not a file",
                        hint="pass a file; build a whole folder with `aseandocs build`") from None
    except PermissionError:
        raise ReadError(source, "permission denied",
                        hint="make the file readable by this user (chmod u+r)") from None
    except OSError as e:
        if _is_text(source) or e.errno == errno.ENAMETOOLONG:
            raise _text_error(source, e.errno == errno.ENAMETOOLONG and not _is_text(source)) from None
        if os.path.isdir(p):
            raise ReadError(source, "is a directory, not a file",
                            hint="pass a file; build a whole folder with `aseandocs build`") from None
        raise ReadError(source, f"cannot read the file: {e.strerror or e}") from None
    return _document(data, source=source, id=p.stem, suffix=p.suffix, format=None, ocr=ocr)


def _is_text(source: str | bytes) -> bool:
    """Whether a "path" that names no file is a document's text given in its place (it has a
    line break: file names in a corpus do not)."""
    return "\n" in (source if isinstance(source, str) else source.decode("utf-8", "replace"))


def _text_error(source: str | bytes, too_long: bool = False) -> ReadError:
    """The error for text passed where a path is expected (or a path too long for the file
    system, ``too_long``), naming its start, not all of it."""
    text = source if isinstance(source, str) else source.decode("utf-8", "replace")
    start = " ".join(text.split())[:40]
    reason = ("too long for a file path (if it is a document's text, not a path: see the hint)"
              if too_long else "this is text, not a file path")
    return ReadError(f"{start}… ({len(text):,} characters)", reason,
                     hint="read text with aseandocs.Document.from_text(text, id=...), e.g. "
                          "aseandocs.parse(aseandocs.Document.from_text(text))")


def read_bytes(data: bytes, *, name: str, format: str | None = None,
               ocr: bool | None = None) -> Document:
    """Read in-memory ``data`` as if it were the file ``name`` (whose stem becomes the id).

    ``format`` ("txt", "html", "pdf") overrides detection from the suffix of ``name`` and the
    content: ``read_bytes(b"ASEAN", name="upload", format="txt").text == "ASEAN"``;
    ``read_bytes("ข่าว".encode("utf-16"), name="ข่าว.txt").encoding == "utf-16"``; ``ocr`` as
    for ``read``.
    """
    if format is not None and format not in FORMATS:
        raise UnsupportedFormatError(name, f"unknown format {format!r}",
                                     hint=f"use one of {', '.join(FORMATS)}, or None to detect it")
    p = Path(name)
    return _document(bytes(data), source=name, id=p.stem or name, suffix=p.suffix, format=format,
                     ocr=ocr)


# --- dispatch -------------------------------------------------------------------------------------
def _document(data: bytes, *, source: str, id: str, suffix: str, format: str | None,
              ocr: bool | None = None) -> Document:
    warnings: list[str] = []
    fmt = format or SUPPORTED_SUFFIXES.get(suffix.lower())
    head = data[:_SNIFF]
    if not data.strip():
        return _finish(id, source, "", fmt or "txt", None if fmt == "pdf" else "utf-8", (), warnings)
    if _is_pdf(head, anywhere=fmt == "pdf"):
        if fmt not in (None, "pdf"):
            warnings.append(f"content is PDF although the name ends in {suffix!r}; read as PDF")
        fmt = "pdf"
    else:
        _reject_signature(head, source)
    if fmt == "pdf":
        if not _is_pdf(head, anywhere=True):
            raise ReadError(source, "not a PDF: no %PDF- header in the first bytes",
                            hint="the file may be corrupt or misnamed; check it opens in a viewer")
        text, pages = _read_pdf(data, source, warnings, ocr=ocr)
        return _finish(id, source, text, "pdf", None, pages, warnings)
    if fmt is None:
        fmt = "html" if _HTML_START.match(head.replace(b"\x00", b"")) else "txt"
    declared = declared_charset(head) if fmt == "html" else None
    text, encoding = decode(data, source, warnings, declared=declared)
    if fmt == "html":
        text, html_warnings = html_to_text(text)
        warnings.extend(html_warnings)
    return _finish(id, source, text.replace("\r\n", "\n"), fmt, encoding, (), warnings)


def _finish(id: str, source: str, text: str, fmt: str, encoding: str | None,
            pages: tuple[Page, ...], warnings: list[str]) -> Document:
    if not text.strip():
        text = ""
        warnings.append("empty document")
    return Document(id=id, source=source, text=text, format=fmt, encoding=encoding,
                    language=detect_language(text), pages=pages, warnings=tuple(warnings))


def _is_pdf(head: bytes, *, anywhere: bool) -> bool:
    # In a file named .pdf, "%PDF-" may follow some junk (viewers look in the first 1 KB); any other
    # file must start with it, so a text that merely mentions "%PDF-1.4" stays text.
    return b"%PDF-" in head[:1024] if anywhere else bool(_PDF_START.match(head))


def _reject_signature(head: bytes, source: str) -> None:
    for offset, magic, what, kind in _SIGNATURES:
        if head[offset:offset + len(magic)] == magic:
            if what == "ZIP archive":
                what, kind = next(((w, "document") for m, w in _ZIP_KINDS if m in head[:200]),
                                  (what, kind))
            raise UnsupportedFormatError(source, f"binary content ({what}), not text",
                                         hint=_HINTS[kind])


# --- PDF ------------------------------------------------------------------------------------------
def _pdf_page_lines(page: Any) -> tuple[list[Line], int, list[PdfTable]]:
    """The lines of one pdfplumber page, its character repairs and its tables (the seam tests and
    other layouts replace): Thai marks anchored, PUA glyphs mapped, tables written row by row."""
    return page_lines(page)


def _read_pdf(data: bytes, source: str, warnings: list[str], *,
              ocr: bool | None = None) -> tuple[str, tuple[Page, ...]]:
    read = read_pages(data, source, warnings, _pdf_page_lines)
    if not read or all(lines is None for _, lines, _, _ in read):
        raise ReadError(source, "corrupt or truncated PDF: no readable page",
                        hint="check that the file opens in a PDF viewer; download it again")
    if b"%%EOF" not in data[-2048:]:
        warnings.append("no %%EOF marker at the end (truncated file?); the text may be incomplete")
    all_lines = [lines or [] for _, lines, _, _ in read]
    # a page without a character that draws nothing either is blank, not a scan
    blank = blank_pages(data, [number for number, lines, _, _ in read if lines == []])
    ocred = ocr_scanned(data, source, [(number, body) for (number, lines, _, _), body
                                       in zip(read, all_lines)
                                       if lines is not None and number not in blank],
                        warnings, ocr=ocr)
    running = strip_running_lines(all_lines)
    # OCR lines are measured on the page image, text lines on the page: separate text blocks.
    bounds = {kind: text_bounds([p for (n, _, _, _), p in zip(read, all_lines)
                                 if (n in ocred) == kind]) for kind in (False, True)}
    # Each page's lines joined, and whether the document's font writes sara aa as sara am (decided
    # on the whole text: one page may have too few words to tell).
    flowed = {number: reflow(body, *bounds[number in ocred])
              for (number, lines, _, _), body in zip(read, all_lines)
              if lines is not None and usable(body)}
    # The marks the font's unmapped glyphs stand for, decided on the whole text too.
    glyph_marks = unmapped_marks("\n".join(t for t, _ in flowed.values()))
    told = {number: resolve(t, glyph_marks) for number, (t, _) in flowed.items()}
    swap = aa_written_as_am("\n".join(t for t, _ in told.values()))
    texts: list[tuple[int, str, bool, int]] = []
    for (number, lines, char_fixes, _), body, headers in zip(read, all_lines, running):
        if lines is None:
            texts.append((number, "", False, 0))
            continue
        if number in ocred:
            warnings.append(ocred[number][1])
        if number in blank:
            texts.append((number, "", False, 0))
            continue
        if not usable(body):
            if number not in ocred:
                warnings.append(f"page {number} has no text layer (needs OCR)" if not lines else
                                f"page {number} has no usable text (only running headers/footers "
                                f"or glyphs without a Unicode mapping; needs OCR)")
            texts.append((number, "", not ocred.get(number, (False,))[0], 0))
            continue
        joins = flowed[number][1]
        text, glyph_fixes = told[number]
        text, am_fixes = repair_sara_am(text, aa_as_am=swap)
        text, fixes = repair_pdf_text(text)
        fixes += am_fixes + glyph_fixes
        repairs = char_fixes + fixes + joins + headers
        if repairs:
            warnings.append(f"page {number}: {char_fixes + fixes} Thai text repairs, {joins} words "
                            f"rejoined across lines, {headers} running header/footer lines removed")
        texts.append((number, text, False, repairs))
    # Pages are joined by "\n\n", or by "\n" where a page's last line runs on into the next page.
    seps = ["\n" if a and b and wraps(a[-1], b[0], *bounds[read[k][0] in ocred]) else "\n\n"
            for k, (a, b) in enumerate(zip(all_lines, all_lines[1:]))] + [""]
    pages: list[Page] = []
    parts: list[str] = []
    pos = 0
    for (number, t, needs_ocr, repairs), sep in zip(texts, seps):
        pages.append(Page(number=number, span=(pos, pos + len(t)), needs_ocr=needs_ocr,
                          repairs=repairs))
        parts += [t, sep]
        pos += len(t) + len(sep)
    return _repaired_with_dictionary("".join(parts), tuple(pages), warnings)


def _repaired_with_dictionary(text: str, pages: tuple[Page, ...],
                              warnings: list[str]) -> tuple[str, tuple[Page, ...]]:
    """The PDF's text through ``thai.typed.repair_typed`` (a text showing signs of damage the
    font did that the characters could not tell: marks on the next letter, words cut by a
    space), the page spans moved and each page's repairs counted."""
    fixed = repair_typed(text)
    if not fixed.repairs:
        return text, pages
    out = []
    for p in pages:
        n = sum(1 for _, _, rs, re_ in fixed.offsets.edits if p.span[0] <= rs and re_ <= p.span[1])
        out.append(replace(p, span=fixed.offsets.span_to_norm(p.span), repairs=p.repairs + n))
        if n:
            warnings.append(f"page {p.number}: {n} Thai words repaired with the dictionary")
    return fixed.text, tuple(out)


def read_pdf_tables(path: str | os.PathLike[str] | bytes) -> list[PdfTable]:
    """The ruled tables of a PDF file (or its bytes), page by page, cell text repaired like the
    page text: ``read_pdf_tables("plan.pdf")[0].rows[0]`` might be
    ``("เลขที่อ้างอิง", "ขอบเขตแผนงาน/ผลลัพธ์และกิจกรรม", "หน่วยงานที่รับผิดชอบ", "กรอบเวลา")`` or
    ``("Ref", "Measures", "Responsible body", "Timeline")``. Raises ``ReadError`` like ``read``."""
    if isinstance(path, (bytes, bytearray)):
        data, source = bytes(path), "<bytes>"
    else:
        source = os.fspath(path)
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise ReadError(source, f"cannot read the file: {e.strerror or e}") from None
    if not _is_pdf(data[:_SNIFF], anywhere=True):
        raise ReadError(source, "not a PDF: no %PDF- header in the first bytes",
                        hint="read_pdf_tables reads PDF files only")
    found: list[PdfTable] = []
    for _, _, _, tables in read_pages(data, source, [], _pdf_page_lines):
        found.extend(tables)
    # cell text as the page text is mended: unmapped glyphs told, sara am with the dictionary,
    # then the gaps left
    cells = "\n".join(c for t in found for row in t.rows for c in row if c)
    glyph_marks = unmapped_marks(cells)
    swap = aa_written_as_am(resolve(cells, glyph_marks)[0])

    def mend(cell: str | None) -> str | None:
        return None if cell is None else \
            repair_pdf_text(repair_sara_am(resolve(cell, glyph_marks)[0], aa_as_am=swap)[0])[0]
    return [replace(t, rows=tuple(tuple(mend(c) for c in row) for row in t.rows)) for t in found]
