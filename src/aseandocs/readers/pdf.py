"""PDF page layout for ``aseandocs.readers``: lines from repaired characters, tables, running
headers and footers, and wrapped lines joined back into paragraphs.

A page goes through ``page_lines`` (characters repaired by ``thai.repair_pdf_chars``, grouped into
lines in reading order; ruled tables cut out and written row by row), then ``strip_running_lines``
over all pages of the document (a line that recurs at the top or bottom of most pages, digits
ignored, is a running header or footer: "แผนงานอาเซียน หน้า 3", "ASEAN Work Plan 2016-2025 | 3"),
then ``reflow`` (a line that fills the measure and runs on is joined to the next one: Thai to Thai
with nothing between, after a hyphen with nothing between ("ASEAN-" + "China", "2009-" + "2015";
Chromium and Word do not hyphenate words by default, so the hyphen is kept), anything else with a
space; a
larger gap than the line pitch starts a paragraph, "\\n\\n").
"""
from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from statistics import median
from typing import Any, Callable, Iterable

from ..errors import ReadError
from ..thai import repair_pdf_chars, repair_pdf_text, thai_digits_to_ascii
from ..thai.pdf_repair import is_thai_mark
from .columns import in_columns, rows as _rows
from .pdfium import open_document

__all__ = ["PdfTable", "Line", "open_pdf", "read_pages", "page_lines", "strip_running_lines", "reflow", "wraps", "text_bounds",
           "usable"]

X_TOLERANCE_RATIO = 0.125   # a gap wider than this share of the font size is a space (1.5 pt at 12 pt)
_RUNNING_ZONE = 2           # lines at the top and at the bottom of a page that may be running ones
_RUNNING_SHARE = 0.5        # a running line recurs on at least this share of the pages with text
_MARK_SHIFT = 0.1           # a mark sorts this share of the font size left of where it is placed

# Thai letters (U+0E01..U+0E4E) at the end of a line and the start of the next: joined without a space.
_THAI_CHAR = re.compile("[\u0e01-\u0e4e]")

# The start of a line that opens a new item: a bullet or a numbered ref.
#   matches: "- จัดประชุม", "• Convene", "1.2.5 ดำเนินการ", "(4) ", "A.1.1 Establish", "๑.๒ การเมือง"
#   must not match: "2562 ได้มีการ", "ASEAN Regional Forum", "-1" is matched only as a bullet "- "
ITEM_START = re.compile(r"\A(?:[-•▪◦·–—]\s|\(?(?:[0-9๐-๙]{1,2}|[A-Z])(?:\.[0-9๐-๙]{1,2})*[.)]\s"
                        r"|(?:[0-9๐-๙]{1,2}|[A-Z])(?:\.[0-9๐-๙a-z]{1,2})+\s)")

# Running header/footer signature: digits (Thai or ASCII) and white space folded.
#   "หน้า 3" and "หน้า ๑๒" -> "หน้า #"; "ASEAN Work Plan | 3/8" -> "asean work plan | #/#"
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_SPACES = re.compile(r"\s+")

# A CID glyph pdfminer could not map to Unicode: "(cid:123)".
CID_GLYPH = re.compile(r"\(cid:\d+\)", re.ASCII)


@dataclass(slots=True)
class Line:
    """One line of a page: its text and box; ``hard`` lines (table rows) are never joined."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_word: float = 0.0     # width of the line's first word (for the wrap test)
    hard: bool = False


@dataclass(frozen=True, slots=True)
class PdfTable:
    """A ruled table on a PDF page: ``rows`` of cell texts (None for a cell merged into another)."""

    page: int
    bbox: tuple[float, float, float, float]
    rows: tuple[tuple[str | None, ...], ...] = field(default=())


def page_lines(page: Any, *, tables: bool = True) -> tuple[list[Line], int, list[PdfTable]]:
    """The lines of a pdfplumber page in reading order, the number of character repairs, and the
    ruled tables found (their cells are cut out of the flow and come back as one hard line per
    row, cells in column order)."""
    chars, repairs = repair_pdf_chars(page.chars)
    found: list[PdfTable] = []
    extra: list[Line] = []
    if tables and chars and len(page.rects) + len(page.lines) >= 4:
        for t in page.find_tables():
            box = x0, top, x1, bottom = t.bbox     # computed from the cells at each call
            inside = sorted(((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, k)
                            for k, c in enumerate(chars) if _within(c, box))
            if not inside:
                continue
            ys = [y for y, _, _ in inside]
            rows: list[tuple[str | None, ...]] = []
            for row in t.rows:
                in_row = inside[bisect_left(ys, row.bbox[1]):bisect_right(ys, row.bbox[3])]
                cells = tuple(None if box is None else
                              _cell_text([chars[k] for _, x, k in in_row
                                          if box[0] <= x <= box[2]], box)
                              for box in row.cells)
                rows.append(cells)
                text = _row_text(cells)
                if text:
                    top_r = row.bbox[1]
                    extra.append(Line(text, x0, x1, top_r, top_r + 1, 10.0, hard=True))
            found.append(PdfTable(page.page_number, (x0, top, x1, bottom), tuple(rows)))
            chars = [c for c in chars if not _within(c, box)]
    lines = in_columns(chars, assemble)
    if lines is None:
        lines = assemble(chars) + extra
        lines.sort(key=lambda ln: ln.top)
    else:
        lines += sorted(extra, key=lambda ln: ln.top)
    return lines, repairs, found


def _within(c: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _cell_text(chars: list[dict[str, Any]], box: tuple[float, float, float, float]) -> str:
    lines = assemble(chars)
    if not lines:
        return ""
    right = max(ln.x1 for ln in lines)     # the cell's text extent: its padding is not slack
    # a gap before sara aa or sara am is left for the page's sara am repair (readers.dispatch)
    return repair_pdf_text(reflow(lines, box[0], right, min_fill=0.0)[0], am_gaps=False)[0]


def _row_text(cells: tuple[str | None, ...]) -> str:
    """A table row as text: cells in column order, one per line; a short first cell (a ref such as
    "1.2" or "A.1") is followed by a space, so "1.2" + "ส่งเสริม…" reads "1.2 ส่งเสริม…"."""
    parts = [c.strip() for c in cells if c and c.strip()]
    if not parts:
        return ""
    if len(parts) > 1 and len(parts[0]) <= 12 and " " not in parts[0] and "\n" not in parts[0]:
        parts = [parts[0] + " " + parts[1]] + parts[2:]
    return "\n".join(parts)


def assemble(chars: Iterable[dict[str, Any]]) -> list[Line]:
    """Characters grouped into lines (tops within Y_TOLERANCE), each sorted by x; a space where
    the PDF has one or where the gap is wider than X_TOLERANCE_RATIO of the font size."""
    return [ln for g in _rows(chars) if (ln := _line(g)) is not None]


def _x_order(c: dict[str, Any]) -> float:
    """Sort key along a line. ``repair_pdf_chars`` puts a mark just inside its base's right edge,
    which may lie a hair past the next glyph's left edge (the next glyph's box overlaps by
    0.01 pt in Chromium's Garuda): a mark sorts a tenth of the font size further left, so that
    "ท" + "ุ" + "ก" stays "ทุก", not "ทกุ"."""
    return c["x0"] - (_MARK_SHIFT * (c.get("size") or 10.0) if is_thai_mark(c["text"]) else 0.0)


def _ligatures() -> dict[str, str]:
    """pdfplumber's ligature table ("ﬁ" -> "fi"), imported when a PDF is read (pdfplumber takes
    50 ms to import: every build worker would pay it for text and HTML corpora)."""
    from pdfplumber.utils.text import LIGATURES
    return LIGATURES


def _line(group: list[dict[str, Any]]) -> Line | None:
    ligatures = _ligatures()
    group.sort(key=_x_order)
    out: list[str] = []
    prev: dict[str, Any] | None = None
    space = False
    first_word = None
    x0 = None
    for c in group:
        t = c["text"]
        t = ligatures.get(t, t)         # "ﬁ" -> "fi", as pdfplumber's extract_text does
        if t.isspace():
            space = prev is not None
            continue
        if prev is not None:
            tol = 0.05 * (c.get("size") or 10)
            if t == prev["text"] and abs(c["x0"] - prev["x0"]) < tol \
                    and abs(c["x1"] - prev["x1"]) < tol and c["x1"] - c["x0"] > tol:
                continue        # the same glyph drawn twice (fake bold); not "ก" + "ก" or
                #   "น" + "น" of one span that PDFium split ("จากการ", "นนอก": all but the last
                #   letter of the span are 0 wide)
            if space or c["x0"] > prev["x1"] + X_TOLERANCE_RATIO * (prev.get("size") or 10):
                out.append(" ")
                if first_word is None:
                    first_word = prev["x1"] - x0
        else:
            x0 = c["x0"]
        space = False
        out.append(t)
        prev = c
    if prev is None or x0 is None:
        return None
    size = median(c.get("size") or 10.0 for c in group)
    return Line("".join(out), x0, max(c["x1"] for c in group), min(c["top"] for c in group),
                max(c["bottom"] for c in group), size,
                first_word if first_word is not None else prev["x1"] - x0)


def _signature(text: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", thai_digits_to_ascii(text))).strip().lower()


def strip_running_lines(pages: list[list[Line]]) -> list[int]:
    """Remove, in place, the running headers and footers: lines among the first or last
    ``_RUNNING_ZONE`` of a page whose signature (digits folded) recurs in that zone, at the same
    height (within two line heights of where it usually is), on at least half of the pages with
    text (and on two pages at least). A numbered or bulleted item with words ("1. จัดการข้อมูล")
    is body text, however often it recurs; a page number alone ("- 3 -") is not. The first copy
    of a running line that holds a date ("ราชกิจจานุเบกษา ๒๒ มีนาคม ๒๕๖๖") leaves its date where it
    was, on a line of its own ("๒๒ มีนาคม ๒๕๖๖"), so that it still dates the document as a header
    date. Returns the count removed per page."""
    removed = [0] * len(pages)
    with_text = [p for p in pages if p]
    if len(with_text) < 2:
        return removed
    need = max(2, -(-len(with_text) * _RUNNING_SHARE // 1))
    tops: dict[str, list[float]] = {}
    bottoms: dict[str, list[float]] = {}
    for p in with_text:
        body = [ln for ln in p if not ln.hard]
        for zone, seen in ((body[:_RUNNING_ZONE], tops), (body[-_RUNNING_ZONE:], bottoms)):
            for sig, ln in {_signature(ln.text): ln for ln in zone
                            if not _is_item(ln.text)}.items():
                seen.setdefault(sig, []).append(ln.top)
    running_top = _recurring(tops, need)
    running_bottom = _recurring(bottoms, need)
    if not running_top and not running_bottom:
        return removed
    kept: set[str] = set()
    for k, p in enumerate(pages):
        body = [ln for ln in p if not ln.hard]
        drop = set()
        for zone, running in ((body[:_RUNNING_ZONE], running_top),
                              (body[-_RUNNING_ZONE:], running_bottom)):
            for ln in zone:
                sig = _signature(ln.text)
                where = running.get(sig)
                if where is None or abs(ln.top - where) > 2 * ln.size or _is_item(ln.text):
                    continue
                if sig not in kept and (at := _dated(ln.text)) is not None:
                    kept.add(sig)           # the date of the first copy of a dated running
                    ln.text = ln.text[at[0]:at[1]]      # line stays, a header date line
                    continue
                drop.add(id(ln))
        if drop:
            p[:] = [ln for ln in p if id(ln) not in drop]
            removed[k] = len(drop)
    return removed


# A numbered or bulleted line with at least three letters after its ref: an item of the body.
_LETTERS3 = re.compile(r"(?:[^\W\d_].*){3}", re.S)


def _is_item(text: str) -> bool:
    m = ITEM_START.match(text)
    return bool(m) and bool(_LETTERS3.search(text[m.end():]))


def _recurring(seen: dict[str, list[float]], need: float) -> dict[str, float]:
    """Signature -> usual height, for the signatures seen at one height on ``need`` pages."""
    out: dict[str, float] = {}
    for sig, ys in seen.items():
        if len(ys) < need:
            continue
        at = median(ys)
        if sum(1 for y in ys if abs(y - at) <= 24.0) >= need:
            out[sig] = at
    return out


def _dated(text: str) -> tuple[int, int] | None:
    """The span of the first date to the day in ``text``, or None."""
    from ..dates import find_dates          # dates is not needed to read a PDF without one
    return next((m.span for m in find_dates(text) if m.precision == "day"), None)


def text_bounds(pages: list[list[Line]]) -> tuple[float, float]:
    """The left and right edges of the text block over all pages (table rows left out)."""
    xs0 = [ln.x0 for p in pages for ln in p if not ln.hard]
    xs1 = [ln.x1 for p in pages for ln in p if not ln.hard]
    if not xs0:
        return 0.0, 0.0
    return min(xs0), max(xs1)


def reflow(lines: list[Line], left: float, right: float, *,
           min_fill: float = 0.6) -> tuple[str, int]:
    """The text of a page's lines with wrapped lines joined (see the module docstring); also the
    number of joins that rejoined a word (Thai to Thai, or after a hyphen). A line
    shorter than ``min_fill`` of the measure is never joined (0 in table cells, which wrap
    narrow)."""
    if not lines:
        return "", 0
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])
               if not a.hard and not b.hard and b.top > a.top]
    pitch = median(pitches) if pitches else 0.0
    out = [lines[0].text]
    joins = 0
    for a, b in zip(lines, lines[1:]):
        step = b.top - a.top
        if pitch and step > 1.3 * pitch + 0.5:
            out.append("\n\n")
            out.append(b.text)
            continue
        if not wraps(a, b, left, right, min_fill=min_fill):
            out.append("\n")
            out.append(b.text)
            continue
        prev, nxt = a.text[-1:], b.text[:1]
        if _THAI_CHAR.match(prev) and _THAI_CHAR.match(nxt):
            joins += 1
            out.append(b.text)
        elif prev == "-" and a.text[-2:-1].isalnum() and nxt.isalnum():
            joins += 1          # "ASEAN-" + "China", "2009-" + "2015": the line broke after a hyphen
            out.append(b.text)
        else:
            out.append(" ")
            out.append(b.text)
    return "".join(out), joins


def wraps(a: Line, b: Line, left: float, right: float, *, min_fill: float = 0.6) -> bool:
    """Does line ``a`` run on into line ``b``? It does when ``a`` fills the measure (``b``'s first
    word would not have fitted after it), is not short, and ``b`` is neither indented nor a new
    item (a bullet or a numbered ref)."""
    width = max(right - left, 1.0)
    return (not a.hard and not b.hard
            and right - a.x1 < b.first_word + 0.6 * b.size
            and a.x1 - a.x0 >= min_fill * width
            and (b.x0 - left < 1.5 * b.size or not min_fill)   # cells may be centred
            and not ITEM_START.match(b.text))


def usable(lines: list[Line]) -> bool:
    """Is there text on the page that is not only unmapped CID glyphs?"""
    text = "".join(ln.text for ln in lines)
    if not text.strip():
        return False
    cids = CID_GLYPH.findall(text)
    rest = len(CID_GLYPH.sub("", text).replace(" ", ""))
    return not cids or rest > sum(map(len, cids)) // 3


def open_pdf(data: bytes, source: str) -> Any:
    """``data`` opened with pdfplumber; an encrypted, truncated or corrupt PDF raises ``ReadError``
    naming ``source`` ("plan.pdf: encrypted PDF: it needs a password to open (...)")."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages   # noqa: B018 - parses the page tree: a broken one fails here
        return pdf
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFEncryptionError):
            raise ReadError(source, "encrypted PDF: it needs a password to open",
                            hint="remove the password (e.g. qpdf --decrypt) or export the text")\
                from None
        raise ReadError(source, f"corrupt or truncated PDF ({type(cause).__name__}: {cause})",
                        hint="check that the file opens in a PDF viewer; download it again") from None
    except Exception as e:  # noqa: BLE001 - pdfminer's parser raises plain Python errors on junk
        raise ReadError(source, f"corrupt or truncated PDF ({type(e).__name__}: {e})",
                        hint="check that the file opens in a PDF viewer; download it again") from None


def _pdfium_or_pdfplumber(doc: Any, pdf: Any) -> Iterable[Any]:
    """Each page from PDFium, or from pdfplumber where PDFium split ligature glyphs (their letters'
    boxes are made up: Chromium draws "จำ" and "fi" as one glyph, and pdfminer places them) --
    unless more split glyphs are echoed than not (``PdfiumPage.echoes``): then the producer wrote
    whole clusters into the glyphs' ToUnicode entries and ActualText spans (Excel through
    Distiller), which pdfminer, reading the ToUnicode map alone, gets wrong ("ศึ" for the "ศ" of
    "ศาสตร์"), while PDFium reads the spans."""
    try:
        for k, page in enumerate(doc.pages()):
            try:
                page.chars  # noqa: B018 - reads the characters, counting ligatures
            except Exception:  # noqa: BLE001 - let pdfplumber try (and report) this page
                page.close()
                yield pdf.pages[k]
                continue
            if page.ligatures > page.echoes:
                page.close()
                yield pdf.pages[k]
            else:
                yield page
    finally:
        doc.close()


def read_pages(data: bytes, source: str, warnings: list[str],
               page_fn: Callable[[Any], Any] = page_lines, *, engine: str = "pdfium") \
        -> list[tuple[int, list[Line] | None, int, list[PdfTable]]]:
    """(page number, lines or None when unreadable, character repairs, tables) for each page,
    each page through ``page_fn``; a page that fails is reported in ``warnings`` and skipped.

    Pages come from PDFium (``_pdfium.PdfiumPage``: faithful glyph maps, fast) unless ``engine``
    is "pdfplumber" or PDFium cannot open a file that pdfminer can; the file is always checked
    with pdfminer first, so an encrypted, truncated or corrupt PDF is reported the same way."""
    out: list[tuple[int, list[Line] | None, int, list[PdfTable]]] = []
    pdf = open_pdf(data, source)        # pdfminer's parse of the page tree: the errors we report
    pages: Iterable[Any] = pdf.pages
    if engine == "pdfium":
        try:
            doc = open_document(data)
        except Exception:  # noqa: BLE001 - PDFium refused what pdfminer read: pdfplumber's pages
            pass
        else:
            if len(doc) == len(pdf.pages):
                pages = _pdfium_or_pdfplumber(doc, pdf)
            else:
                doc.close()
    try:
        for page in pages:
            number = page.page_number
            try:
                lines, repairs, tables = page_fn(page)
            except Exception as e:  # noqa: BLE001 - pdfminer raises anything on broken pages
                warnings.append(f"page {number} could not be read ({type(e).__name__}: {e}); "
                                f"skipped")
                out.append((number, None, 0, []))
                continue
            finally:
                page.close()
            out.append((number, lines, repairs, tables))
    except ReadError:
        raise
    except Exception as e:  # noqa: BLE001 - a broken page tree fails while iterating
        raise ReadError(source, f"corrupt or truncated PDF ({type(e).__name__}: {e})",
                        hint="check that the file opens in a PDF viewer; download it again") from None
    finally:
        pdf.close()
    return out
