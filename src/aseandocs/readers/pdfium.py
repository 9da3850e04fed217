"""PDF pages through pypdfium2 (PDFium): characters, their boxes and fonts, and the ruling lines
that tables are found from, for ``readers.pdf.page_lines``.

PDFium maps glyphs to Unicode more faithfully than pdfminer (the glyphs that pdfminer leaves as
"(cid:201)" in Thai fonts from Excel and Word come out as tone marks) and is much faster: its
character records cost about 5 microseconds each through ctypes, against pdfminer's layout
analysis of the whole page. A ``PdfiumPage`` offers what ``page_lines`` reads of a pdfplumber page:

- ``chars``: dicts with ``text``, ``x0``, ``x1``, ``top``, ``bottom`` (PDF points, y down from the
  top of the page; x from PDFium's loose box, top and bottom from the baseline and the font size,
  so every glyph of a line shares its top), ``size`` (font size as drawn) and ``fontname``; the spaces and line breaks that PDFium
  makes up itself are left out (``readers.pdf.assemble`` finds spaces from the gaps);
- ``rects``/``lines``: the axis-aligned path objects (rectangles and rules), and ``find_tables()``:
  pdfplumber's table finder run on the edges of those paths (pdfplumber's own lattice
  algorithm, without pdfminer's parse of the page).

    >>> from aseandocs.readers.pdfium import open_document      # doctest: +SKIP
    >>> doc = open_document(open("plan.pdf", "rb").read())  # doctest: +SKIP
    >>> page = doc.page(0); page.chars[0]["text"]           # doctest: +SKIP
    'แ'
"""
from __future__ import annotations

import ctypes
from functools import cached_property
from typing import Any, Iterator

from ..thai.pdf_repair import GLYPH_BASE, glyph_placeholder

__all__ = ["open_document", "PdfiumDocument", "PdfiumPage"]

# Thai combining marks: U+0E31, U+0E34..U+0E3A, U+0E47..U+0E4E.
_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49"
                   "\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e") | frozenset(map(chr, range(0xF700, 0xF71B)))
# (with the Private Use Area glyphs of shifted marks, U+F700-U+F71A, that Thai fonts draw)


def _over_a_letter(out: list[dict[str, Any]], left: float, right: float, window: int = 12) -> bool:
    """Does a glyph from ``left`` to ``right`` lie over one of the last letters of ``out`` (its
    centre within the letter's box)? Excel's fonts draw a word's marks after its letters."""
    mid = (left + right) / 2
    for ch in out[-1:-window - 1:-1]:
        if not _is_mark(ch["text"]) and ch["x0"] <= mid <= ch["x1"]:
            return True
    return False


def _is_mark(t: str) -> bool:
    """A Thai mark, or the placeholder of an unmapped glyph drawn over a Thai letter."""
    return t in _MARKS or len(t) == 1 and GLYPH_BASE <= ord(t) <= GLYPH_BASE + 0xFFFD


_RULE = 2.0          # a path thinner than this (points) is a rule (a line edge), not a box
_MAX_SIMPLE = 5      # a path of at most this many segments is taken by its bounds (a line or box)


def open_document(data: bytes) -> "PdfiumDocument":
    """``data`` opened with PDFium (raises ``pypdfium2.PdfiumError`` when it cannot)."""
    import pypdfium2 as pdfium
    return PdfiumDocument(pdfium.PdfDocument(data))


class PdfiumDocument:
    """An open PDF; ``pages()`` yields ``PdfiumPage``s, each closed by its ``close()``."""

    def __init__(self, pdf: Any) -> None:
        self._pdf = pdf

    def __len__(self) -> int:
        return len(self._pdf)

    def page(self, index: int) -> "PdfiumPage":
        return PdfiumPage(self._pdf[index], index + 1)

    def pages(self) -> Iterator["PdfiumPage"]:
        for k in range(len(self._pdf)):
            yield self.page(k)

    def close(self) -> None:
        self._pdf.close()


class PdfiumPage:
    """One page (see the module docstring); ``page_number`` counts from 1."""

    def __init__(self, page: Any, number: int) -> None:
        self._page = page
        self.page_number = number
        w, h = page.get_size()
        self.width, self.height = float(w), float(h)
        self.bbox = (0.0, 0.0, self.width, self.height)
        self._textpage: Any = None
        #: glyphs that PDFium split into several letters sharing one origin and one box ("fi",
        #: a Thai consonant and a sara am drawn as one glyph): their boxes are not where the
        #: letters are (known once ``chars`` is read)
        self.ligatures = 0
        #: split glyphs whose marks the next glyphs draw again (a ToUnicode or ActualText that
        #: holds the whole cluster: see ``_Echoes``); their echoes are left out
        self.echoes = 0

    # --- characters -------------------------------------------------------------------------
    @cached_property
    def chars(self) -> list[dict[str, Any]]:
        import pypdfium2.raw as r
        self._textpage = self._page.get_textpage()
        tp = self._textpage.raw
        n = r.FPDFText_CountChars(tp)
        out: list[dict[str, Any]] = []
        rect, nxt = r.FS_RECTF(), r.FS_RECTF()
        get_u, gen, box, fsize = (r.FPDFText_GetUnicode, r.FPDFText_IsGenerated,
                                  r.FPDFText_GetLooseCharBox, r.FPDFText_GetFontSize)
        h = self.height
        fonts: dict[int, tuple[str, float]] = {}
        m = r.FS_MATRIX()
        origin = r.FPDFText_GetCharOrigin
        ox, oy = ctypes.c_double(), ctypes.c_double()
        last: dict[str, Any] | None = None
        prev_at: tuple[float, float, float, float] | None = None
        prev_t = ""
        self.ligatures = self.echoes = 0
        echoes = _Echoes()
        text_obj, cast, c_void_p = r.FPDFText_GetTextObject, ctypes.cast, ctypes.c_void_p
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        # all the page's characters in one call (UTF-16, one unit a character when the page has
        # no character outside the BMP; else one call a character)
        units = ctypes.create_string_buffer(2 * (n + 1))
        got = r.FPDFText_GetText(tp, 0, n, ctypes.cast(units, ctypes.POINTER(ctypes.c_ushort)))
        whole = units.raw[:2 * max(got - 1, 0)].decode("utf-16-le", "replace")
        codes = [ord(c) for c in whole] if len(whole) == n else None
        for i in range(n):
            u = codes[i] if codes is not None else get_u(tp, i)
            if u == 0xFFFE:
                u = get_u(tp, i)        # GetText's stand-in for PDFium's own marker (U+0002)
            if u == 0 or u in (10, 13) or (u in (32, 0xA0, 0xFFFE) and gen(tp, i) == 1):
                prev_at = None
                continue
            if not box(tp, i, rect):
                continue
            key = cast(text_obj(tp, i), c_void_p).value or 0
            font = fonts.get(key)
            if font is None:
                # the font's name, and its size as drawn: the size set in the content stream
                # times the vertical scale of the character's matrix (what pdfminer reports)
                k = r.FPDFText_GetFontInfo(tp, i, buf, len(buf), flags)
                scale = 1.0
                if r.FPDFText_GetMatrix(tp, i, m):
                    scale = (m.b * m.b + m.d * m.d) ** 0.5 or 1.0
                font = fonts[key] = (buf.raw[:max(k - 1, 0)].decode("utf-8", "replace"),
                                     fsize(tp, i) * scale)     # one font and size an object
            left, right = rect.left, rect.right
            size = font[1] or (rect.top - rect.bottom) or 10.0
            # the line box from the baseline: PDFium falls back to the glyph's tight box for
            # the parts of a ligature ("ร" + "ี" drawn as one glyph), which would put them on a
            # line of their own
            base = h - (oy.value if origin(tp, i, ox, oy) else rect.bottom)
            t = chr(u) if u < 0x110000 else "\ufffd"
            at = (ox.value, oy.value, left, right)
            if echoes.echo(t, at[:2]):
                # a mark drawn again after its split glyph: one copy; a sara am drawn again
                # holds the place where it is drawn (no gap opens after the split)
                if t == "\u0e33" and out and right > out[-1]["x1"]:
                    out[-1]["x1"] = right
                continue
            lig = (prev_at is not None and at[:2] == prev_at[:2] and abs(prev_at[3] - at[2]) < 0.01
                   and prev_at[3] - prev_at[2] > 0.01 and at[3] - at[2] > 0.01
                   and _LIG_FIRST(prev_t) and (t == "\u0e33" or t.isalpha()))
            self.ligatures += lig
            echoes.add(t, at[:2], lig)
            prev_at, prev_t = at, t
            if (("\x80" <= t <= "\xff" or t == "\ufffd") and last is not None
                    and font[0] == last["fontname"] and "\u0e01" <= last["text"] <= "\u0e4e"):
                # a glyph without a Unicode mapping on a Thai letter: a placeholder for
                # thai.glyphs to tell (a mark when its ink lies over the letter)
                # (a glyph that ends where the next one starts takes room on the line: the
                # ring of a sara am drawn apart, "จ" + ring + "า")
                abut = i + 1 < n and box(tp, i + 1, nxt) and abs(nxt.left - right) < 0.01 * size
                mark = right - left <= 0.1 * size or (not abut and _over_a_letter(out, left, right))
                t = glyph_placeholder(t, spacing=not mark) or t     # (always a placeholder)
            x0 = left if _is_mark(t) else min(at[0], left) if at[0] <= right else left
            ch = {"text": t, "x0": x0, "x1": right, "top": base - 0.8 * size,
                  "bottom": base + 0.2 * size, "size": size, "fontname": font[0]}
            if _is_mark(t):
                # a mark drawn past the right edge of its base: the two are one glyph cut in
                # two (a ligature), and the base reaches as far, so no gap opens after it
                if last is not None and right > last["x1"] >= left - 0.05 * size:
                    last["x1"] = right
            else:
                last = ch
            out.append(ch)
        self.ligatures -= echoes.echoed_ligatures
        self.echoes = echoes.echoed
        _clamp_overhangs(out)
        return out

    # --- ruling lines and tables --------------------------------------------------------------
    @cached_property
    def _paths(self) -> list[tuple[float, float, float, float]]:
        """Boxes (x0, top, x1, bottom) of the axis-aligned line segments and boxes drawn."""
        import pypdfium2.raw as r
        out: list[tuple[float, float, float, float]] = []
        self._walk(r, self._page.raw, r.FPDFPage_CountObjects, r.FPDFPage_GetObject, None, out)
        return out

    def _walk(self, r: Any, parent: Any, count: Any, get: Any, matrix: Any,
              out: list[tuple[float, float, float, float]]) -> None:
        h = self.height
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        for k in range(count(parent)):
            obj = get(parent, k)
            kind = r.FPDFPageObj_GetType(obj)
            if kind == r.FPDF_PAGEOBJ_FORM:
                self._walk(r, obj, r.FPDFFormObj_CountObjects, r.FPDFFormObj_GetObject,
                           None, out)
                continue
            if kind != r.FPDF_PAGEOBJ_PATH:
                continue
            nseg = r.FPDFPath_CountSegments(obj)
            if nseg <= 1:
                continue
            if nseg <= _MAX_SIMPLE and not any(
                    r.FPDFPathSegment_GetType(r.FPDFPath_GetPathSegment(obj, s))
                    == r.FPDF_SEGMENT_BEZIERTO for s in range(nseg)):
                if not r.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                    continue
                x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
                if nseg == 2 and x1 - x0 > _RULE and y1 - y0 > _RULE:
                    continue        # a slanted line
                out.append((x0, h - y1, x1, h - y0))
                continue
            self._segments(r, obj, out)

    def _segments(self, r: Any, obj: Any, out: list[tuple[float, float, float, float]]) -> None:
        """The axis-aligned straight segments of a long path (a grid drawn as one path)."""
        m = r.FS_MATRIX()
        if not r.FPDFPageObj_GetMatrix(obj, m):
            return
        h = self.height
        x, y = ctypes.c_float(), ctypes.c_float()
        prev = start = None
        for s in range(r.FPDFPath_CountSegments(obj)):
            seg = r.FPDFPath_GetPathSegment(obj, s)
            if not r.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            px = m.a * x.value + m.c * y.value + m.e
            py = m.b * x.value + m.d * y.value + m.f
            kind = r.FPDFPathSegment_GetType(seg)
            if kind == r.FPDF_SEGMENT_MOVETO:
                prev = start = (px, py)
                continue
            if kind == r.FPDF_SEGMENT_LINETO and prev is not None:
                _add_segment(prev, (px, py), h, out)
            prev = (px, py)
            if r.FPDFPathSegment_GetClose(seg) and start is not None:
                _add_segment(prev, start, h, out)
                prev = start

    @property
    def rects(self) -> list[tuple[float, float, float, float]]:
        return [p for p in self._paths if p[2] - p[0] > _RULE and p[3] - p[1] > _RULE]

    @property
    def lines(self) -> list[tuple[float, float, float, float]]:
        return [p for p in self._paths if not (p[2] - p[0] > _RULE and p[3] - p[1] > _RULE)]

    @property
    def edges(self) -> list[dict[str, Any]]:
        """pdfplumber edge dicts of the paths: a box gives its four sides, a rule its centre line."""
        out: list[dict[str, Any]] = []
        for x0, top, x1, bottom in self._paths:
            w, hgt = x1 - x0, bottom - top
            if w <= _RULE and hgt <= _RULE:
                continue
            if hgt <= _RULE:
                y = (top + bottom) / 2
                out.append(_edge("h", x0, x1, y, y))
            elif w <= _RULE:
                x = (x0 + x1) / 2
                out.append(_edge("v", x, x, top, bottom))
            else:
                out += [_edge("h", x0, x1, top, top), _edge("h", x0, x1, bottom, bottom),
                        _edge("v", x0, x0, top, bottom), _edge("v", x1, x1, top, bottom)]
        return out

    def find_tables(self) -> list[Any]:
        """pdfplumber's lattice tables (``Table`` with ``bbox`` and ``rows``) from the edges."""
        from pdfplumber.table import TableFinder
        return TableFinder(self).tables   # type: ignore[arg-type]

    def close(self) -> None:
        if self._textpage is not None:
            self._textpage.close()
            self._textpage = None
        self._page.close()


_ECHOED = _MARKS | {"\u0e33"}     # what a split glyph may end with that the next glyphs draw again


class _Echoes:
    """Marks drawn twice: once inside a split glyph, once by their own glyphs.

    PDFium splits the text of one glyph (its ToUnicode entry) or of a marked span (its
    ActualText) into letters that share the glyph's origin. Excel and Distiller write the text of
    the whole cluster there: a consonant glyph mapped to "ศึ" (the cluster where the font first
    drew it) or a span " วิ" over the glyphs of " ว"; the mark glyphs that follow draw "ึ" and
    "ิ" again, sometimes mapped to another mark or to U+FFFD. The letters after such a split,
    as many as the marks (and sara am) it ends with, that are marks, U+FFFD or that sara am again,
    are echoes: ``echo`` says to leave them out. A split that ends with a consonant ("กก" over
    two glyphs) or a lone mark has no echo, and neither has a ligature glyph such as Chromium's
    "จำ", after which no mark can follow.

        >>> e = _Echoes()
        >>> [t for t, o in [("ศ", 1), ("ึ", 1), ("ึ", 2), ("ก", 2)] if not e.echo(t, o) and not e.add(t, o)]
        ['ศ', 'ึ', 'ก']
    """

    __slots__ = ("group", "origin", "ligs", "pending", "last", "run_ligs", "in_echo", "echoed",
                 "echoed_ligatures")

    def __init__(self) -> None:
        self.group: list[str] = []          # the letters of the run sharing one origin
        self.origin: object = None
        self.ligs = 0                       # ligatures counted in that run
        self.pending = 0                    # echoes still expected
        self.last = ""                      # the letter the run ended with
        self.run_ligs = 0                   # ligatures of the run whose echoes are expected
        self.in_echo = False                # inside the echoes of one run
        self.echoed = self.echoed_ligatures = 0

    def echo(self, t: str, origin: object) -> bool:
        """Is ``t`` (at ``origin``) an echo of the split glyph before it?"""
        if origin != self.origin and self.group:
            g = self.group
            self.group, self.origin = [], None
            if len(g) >= 2 and g[0] not in _ECHOED and g[-1] in _ECHOED:
                self.pending = len(g) - len(("".join(g)).rstrip("".join(_ECHOED)))
                self.last = g[-1]
                self.run_ligs = self.ligs
            else:
                self.pending = 0
        if self.pending and (t in _MARKS or t == "\ufffd" or t == "\u0e33" == self.last):
            self.pending -= 1
            if not self.in_echo:
                self.echoed += 1
                self.echoed_ligatures += self.run_ligs
                self.in_echo = True
            return True
        self.pending = 0
        self.in_echo = False
        return False

    def add(self, t: str, origin: object, lig: bool = False) -> None:
        """Record ``t`` (not an echo) drawn at ``origin``."""
        if origin != self.origin:
            self.group, self.origin, self.ligs = [], origin, 0
        self.group.append(t)
        self.ligs += lig


def _clamp_overhangs(chars: list[dict[str, Any]]) -> None:
    """A glyph's ink may reach past the next glyph's origin (an overhang): its right edge is put
    back at that origin, so that sorting by x keeps the marks anchored at its edge before the next
    letter ("จั" + "ด", not "จด" + "ั")."""
    prev: dict[str, Any] | None = None
    for c in chars:
        t = c["text"]
        if t in _MARKS:
            continue
        if (prev is not None and prev["x0"] <= c["x0"] < prev["x1"]
                and abs(prev["top"] - c["top"]) < 0.5):
            prev["x1"] = c["x0"]
        prev = None if t.isspace() else c


def _LIG_FIRST(t: str) -> bool:
    """A letter that starts a ligature glyph: a Thai consonant or an ASCII letter."""
    return "\u0e01" <= t <= "\u0e2e" or (t.isascii() and t.isalpha())


def _add_segment(a: tuple[float, float], b: tuple[float, float], h: float,
                 out: list[tuple[float, float, float, float]]) -> None:
    (ax, ay), (bx, by) = a, b
    if abs(ax - bx) < 0.5 or abs(ay - by) < 0.5:
        out.append((min(ax, bx), h - max(ay, by), max(ax, bx), h - min(ay, by)))


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {"object_type": "line", "orientation": orientation, "x0": x0, "x1": x1,
            "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top}


def blank_pages(data: bytes, numbers: list[int]) -> set[int]:
    """The pages among ``numbers`` (counted from 1) that draw nothing at all: no text, image,
    path or shading, at any depth of form XObjects. Such a page is blank, not a scan that needs
    OCR. A file PDFium cannot open gives the empty set (the pages then count as needing OCR)."""
    if not numbers:
        return set()
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as r
        pdf = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - PDFium refused the file: nothing is known to be blank
        return set()

    def draws(parent: Any, count: Any, get: Any) -> bool:
        for k in range(count(parent)):
            obj = get(parent, k)
            if r.FPDFPageObj_GetType(obj) != r.FPDF_PAGEOBJ_FORM:
                return True
            if draws(obj, r.FPDFFormObj_CountObjects, r.FPDFFormObj_GetObject):
                return True
        return False

    out: set[int] = set()
    try:
        for n in numbers:
            if not 1 <= n <= len(pdf):
                continue
            page = pdf[n - 1]
            try:
                if not draws(page.raw, r.FPDFPage_CountObjects, r.FPDFPage_GetObject):
                    out.add(n)
            finally:
                page.close()
    finally:
        pdf.close()
    return out
