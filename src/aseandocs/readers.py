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
are installed (``_ocr``; ``read(..., ocr=False)`` turns it off): its lines go through the same
steps, with the warning "page N: text from OCR (tesseract tha+eng), mean word confidence 94%".
Without OCR, or when OCR finds no text, it is ``Page(needs_ocr=True)`` with the warning "page N
has no text layer (needs OCR)" (and, when Tesseract is missing, one saying how to install it).
Encrypted, truncated or corrupt PDFs raise ``ReadError``; a single unreadable page in an
otherwise good PDF is skipped with a warning.
"""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

from aseandocs._html import declared_charset, html_to_text
from aseandocs._ocr import ocr_scanned
from aseandocs._pdf import (Line, PdfTable, page_lines, read_pages, reflow, strip_running_lines,
                            text_bounds, usable, wraps)
from aseandocs.errors import ReadError, UnsupportedFormatError
from aseandocs.model import Document, Page
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

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

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

# cp874 / TIS-620 plausibility: a Thai combining mark (U+0E31, U+0E34-U+0E3A, U+0E47-U+0E4E) must
# follow a Thai consonant (U+0E01-U+0E2E) or another mark.
#   matches the "ิ" in "aิ" (a Latin-1 "é" read as cp874 turns into a tone mark after a Latin letter)
#   must not match anything in "กิจกรรม" or "น้ำ" (marks after consonants)
_ORPHAN_MARK = re.compile("(?:^|(?<=[^\u0e01-\u0e2e\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]))"
                          "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# Any Thai letter or mark: U+0E01 (ก) .. U+0E5B (๛).
_THAI = re.compile("[\u0e01-\u0e5b]")
# Control characters that never occur in text: C0 except tab, LF, VT, FF, CR; DEL; C1; U+FFFD.
#   matches "\x00", "\x07", "\x85", "\ufffd"; must not match "\t", "\n", "\x0c", "ก", "A"
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# Bytes a surrogateescape decode could not map: U+DC80..U+DCFF, one per bad byte.
_ESCAPED = re.compile("[\udc80-\udcff]")

# Where 8-bit text starts to differ from ASCII: the first byte >= 0x80 / the first non-ASCII character.
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")

_MAX_BAD_SHARE = 0.01      # more invalid bytes than this share (and _MAX_BAD_FLOOR) -> not text
_MAX_BAD_FLOOR = 4
_MAX_CONTROL_SHARE = 0.10  # more control characters than this share -> binary
_SNIFF = 4096              # bytes looked at to sniff format and UTF-16
_SAMPLE = 65536            # bytes (characters) looked at to choose between UTF-8 and cp874


def read(path: str | os.PathLike[str], *, ocr: bool | None = None) -> Document:
    """Read the file at ``path`` (txt, html or pdf) into a ``Document``; id is the file stem.

    ``read("corpus/ข่าว 2562.txt").id == "ข่าว 2562"``; ``read("plans/work-plan.pdf").pages[0].number
    == 1``. Raises ``ReadError`` for a missing file, a directory, an unreadable file or content that
    is not a document, with the reason and a hint.

    ``ocr`` is for PDF pages without a text layer (scans): None reads them with Tesseract when it
    is installed, True insists (``ReadError`` when a page needs OCR and it is not installed),
    False never runs it (the page is ``needs_ocr``).
    """
    source = os.fspath(path)
    p = Path(source)
    try:
        with open(p, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise ReadError(source, "no such file", hint="check the path") from None
    except IsADirectoryError:
        raise ReadError(source, "is a directory, not a file",
                        hint="pass a file; build a whole folder with `aseandocs build`") from None
    except PermissionError:
        raise ReadError(source, "permission denied",
                        hint="make the file readable by this user (chmod u+r)") from None
    except OSError as e:
        if p.is_dir():
            raise ReadError(source, "is a directory, not a file",
                            hint="pass a file; build a whole folder with `aseandocs build`") from None
        raise ReadError(source, f"cannot read the file: {e.strerror or e}") from None
    return _document(data, source=source, id=p.stem, suffix=p.suffix, format=None, ocr=ocr)


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
    text, encoding = _decode(data, source, warnings, declared=declared)
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


# --- text decoding --------------------------------------------------------------------------------
def _decode(data: bytes, source: str, warnings: list[str], *,
            declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` (see the module docstring for the order); returns (text, codec name)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _checked(data, codec, source, warnings), codec
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, utf16, source, warnings), utf16
    if declared:
        codec = _declared_codec(declared)
        if codec is None:
            warnings.append(f"unknown declared charset {declared!r}; detected the encoding instead")
        else:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                warnings.append(f"declared charset {declared!r} does not fit the content (byte offset "
                                f"{e.start}); detected the encoding instead")
            else:
                if codec == "cp874":
                    codec = _thai_codec_name(data)
                elif codec == "cp1252" and _is_clean_thai(data):
                    codec = _thai_codec_name(data)
                    warnings.append(f"declared charset {declared!r} but the content is Thai; "
                                    f"read as {codec}")
                    text = data.decode("cp874")
                return _checked(data, codec, source, warnings, text=text), codec
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(data, "utf-8", source, warnings, text=text), "utf-8"
    try:
        thai = data.decode("cp874")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_thai(thai):
            codec = _thai_codec_name(data)
            return _checked(data, codec, source, warnings, text=thai), codec
    # Neither decodes cleanly (so bad > 0 below): judge on a sample from the first non-ASCII byte
    # which has fewer bad bytes, then decode the whole file with that one.
    high = _HIGH_BYTE.search(data)
    sample = data[high.start() if high else 0:][:_SAMPLE]
    thai, thai_bad, _ = _escaped_decode(sample, "cp874")
    codec = "utf-8"
    if _plausible_thai(thai) and thai_bad < _escaped_decode(sample, "utf-8")[1]:
        codec = "cp874"
    text, bad, first = _escaped_decode(data, codec)
    if bad > _bad_limit(data):
        raise ReadError(source, f"binary content or an unknown encoding: {bad} of {len(data)} "
                                f"bytes are not valid UTF-8, UTF-16 or TIS-620/cp874",
                        hint="if it is text, convert it to UTF-8 (e.g. iconv -t UTF-8)")
    warnings.append(f"lossy decode: {bad} invalid bytes (first at byte offset {first}); "
                    f"replaced with U+FFFD")
    return _checked(data, codec, source, warnings, text=text), codec


def _checked(data: bytes, codec: str, source: str, warnings: list[str], *,
             text: str | None = None) -> str:
    """Decode (if not yet) with ``codec``, warn about bad bytes and NULs, refuse binary content."""
    if text is None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            text = data.decode(codec, errors="replace")
            bad = text.count("\ufffd")
            if bad > _bad_limit(data):
                raise ReadError(source, f"binary content or a broken {codec} file: {bad} invalid "
                                        f"sequences in {len(data)} bytes",
                                hint="if it is text, convert it to UTF-8") from None
            warnings.append(f"lossy decode: {bad} invalid bytes (first at byte offset {e.start}); "
                            f"replaced with U+FFFD")
    if text.startswith("\ufeff"):
        text = text[1:]
    body = text.rstrip("\x00")          # NUL padding at the end is common and harmless
    controls = len(_CONTROL.findall(body))
    if body and controls > _MAX_CONTROL_SHARE * len(body):
        raise ReadError(source, f"binary content ({100 * controls // len(body)}% control "
                                f"characters), not text",
                        hint="check that the file is a text, HTML or PDF document")
    nuls = text.count("\x00")
    if nuls:
        warnings.append(f"stripped {nuls} NUL characters")
        text = text.replace("\x00", "")
    return text


def _bad_limit(data: bytes) -> float:
    return max(_MAX_BAD_SHARE * len(data), _MAX_BAD_FLOOR)


def _escaped_decode(data: bytes, codec: str) -> tuple[str, int, int]:
    """Decode with U+FFFD for bad bytes; also the number of bad bytes and the offset of the first."""
    raw = data.decode(codec, errors="surrogateescape")   # each bad byte -> one U+DC80..U+DCFF
    m = _ESCAPED.search(raw)
    if not m:
        return raw, 0, -1
    first = len(raw[:m.start()].encode(codec, errors="surrogateescape"))
    text, bad = _ESCAPED.subn("\ufffd", raw)
    return text, bad, first


def _plausible_thai(text: str) -> bool:
    """Does cp874-decoded ``text`` look like Thai (or ASCII), not Latin-1 read as Thai?"""
    high = _NON_ASCII.search(text)
    text = text[high.start() if high else 0:][:_SAMPLE]
    thai = len(_THAI.findall(text))
    return thai > 0 and len(_ORPHAN_MARK.findall(text)) <= 0.05 * thai


def _is_clean_thai(data: bytes) -> bool:
    try:
        return _plausible_thai(data.decode("cp874"))
    except UnicodeDecodeError:
        return False


def _thai_codec_name(data: bytes) -> str:
    # TIS-620 proper has nothing in 0x80-0xA0; cp874 adds "€", "…", smart quotes, dashes and NBSP.
    return "cp874" if re.search(rb"[\x80-\xa0]", data) else "tis-620"


def _declared_codec(label: str) -> str | None:
    """The Python codec for a declared charset label, following the WHATWG label table for Thai."""
    if label in ("tis-620", "tis620", "iso-8859-11", "windows-874", "x-windows-874", "dos-874",
                 "cp874"):
        return "cp874"
    if label in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


#: Byte -> 1 for the high bytes of ASCII and Thai UTF-16 units (0x00, 0x0E), 0 for any other.
_HIGH_FLAGS = bytes(1 if b in (0x00, 0x0E) else 0 for b in range(256))
#: Byte -> 1 for any byte but 0x00.
_NONZERO_FLAGS = bytes(1 if b else 0 for b in range(256))


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when the byte pattern says so, else None.

    In UTF-16 text the high byte of most code units is 0x00 (ASCII) or 0x0E (Thai), and the low
    byte rarely is; 8-bit text has no such pattern. "ASEAN" in UTF-16 LE is b"A\x00S\x00...",
    "อา" is b"\x2d\x0e\x32\x0e". The whole file must then decode (a last odd byte aside).
    """
    sample = data[:_SNIFF - _SNIFF % 2] if len(data) >= 2 else b""
    n = len(sample) // 2
    if n == 0:
        return None
    evens, odds = sample[0::2], sample[1::2]
    for codec, highs, lows in (("utf-16-le", odds, evens), ("utf-16-be", evens, odds)):
        # units whose high byte is 0x00 or 0x0E and low byte not 0x00: one bit per unit each,
        # counted on the bits set in both (the bytes are turned into 0/1 flags first)
        high_ok = int.from_bytes(highs.translate(_HIGH_FLAGS), "big")
        low_ok = int.from_bytes(lows.translate(_NONZERO_FLAGS), "big")
        fits = (high_ok & low_ok).bit_count()
        misfits = lows.count(0) + lows.count(0x0E)
        if fits >= 0.6 * n and misfits <= 0.1 * n:
            try:
                data[:len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


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
    ocred = ocr_scanned(data, source, [(number, body) for (number, lines, _, _), body
                                       in zip(read, all_lines) if lines is not None],
                        warnings, ocr=ocr)
    running = strip_running_lines(all_lines)
    # OCR lines are measured on the page image, text lines on the page: separate text blocks.
    bounds = {kind: text_bounds([p for (n, _, _, _), p in zip(read, all_lines)
                                 if (n in ocred) == kind]) for kind in (False, True)}
    texts: list[tuple[int, str, bool, int]] = []
    for (number, lines, char_fixes, _), body, headers in zip(read, all_lines, running):
        if lines is None:
            texts.append((number, "", False, 0))
            continue
        if number in ocred:
            warnings.append(ocred[number][1])
        if not usable(body):
            if number not in ocred:
                warnings.append(f"page {number} has no text layer (needs OCR)" if not lines else
                                f"page {number} has no usable text (only running headers/footers "
                                f"or glyphs without a Unicode mapping; needs OCR)")
            texts.append((number, "", not ocred.get(number, (False,))[0], 0))
            continue
        text, joins = reflow(body, *bounds[number in ocred])
        text, fixes = repair_pdf_text(text)
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
    return "".join(parts), tuple(pages)


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
    return found
