"""Repair of Thai text as it comes out of PDFs (re-exported by ``aseandocs.thai``).

Thai out of a PDF is broken in well-known ways; each rule below fixes one and counts its repairs:

- Private Use Area glyphs (U+F700-U+F71A) that Thai fonts use for shifted marks are mapped back to
  the real characters (table: data/thai_pua.yaml): "ให\\uf70b" -> "ให้";
- spaces and line breaks before a mark or a following vowel are removed: "ถ ึง" -> "ถึง",
  "กรณ ีที่" -> "กรณีที่", "เป้ าหมาย" -> "เป้าหมาย", "ถ\\nึง" -> "ถึง";
- a mark stranded before its consonant is put after it: "\\u0e48กา" -> "ก่า";
- marks are put in canonical order, repeated ones dropped, and nikhahit + sara aa joined into sara am
  with a tone mark before it: "เพ\\u0e48\\u0e37อ" -> "เพื่อ", "ค ํา" / "ค\\u0e4d\\u0e32" -> "คำ",
  "น\\u0e4d\\u0e49\\u0e32" -> "น้ำ".

English text passes through untouched: ``repair_pdf_text("ASEAN Work Plan") == ("ASEAN Work Plan", 0)``.

``repair_pdf_chars`` does the character-level part on pdfplumber ``chars`` (dicts with ``text``,
``x0``, ``x1``, ``top``, ``bottom``, ``size``): PUA mapped, and every combining mark anchored to
its base consonant (same line box, placed at the base's right edge, marks in canonical order), so
that any extractor that sorts characters by x keeps marks in place and inserts no false spaces.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from .._data import load_data

__all__ = ["repair_pdf_text", "repair_pdf_chars", "pua_table", "is_thai_mark", "glyph_placeholder",
           "glyph_code", "GLYPHS"]

_DATA_FILE = "thai_pua.yaml"

# Combining marks: U+0E31 (ั), U+0E34..U+0E3A (ิ ี ึ ื ุ ู ฺ), U+0E47..U+0E4E (็ ่ ้ ๊ ๋ ์ ํ ๎).
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
# Following vowels no word starts with: U+0E30 (ะ), U+0E32 (า), U+0E33 (ำ), U+0E45 (ๅ).
_FOLLOWING = "\u0e30\u0e32\u0e33\u0e45"
# Thai consonants U+0E01 (ก) .. U+0E2E (ฮ) and the whole Thai letter block up to U+0E4E.
_CONSONANTS = "\u0e01-\u0e2e"
_THAI = "\u0e01-\u0e4e"

# Canonical class of each mark: vowel above/below (and maitaikhu) 0, tone 1, other signs 2.
_MARK_CLASS = {c: 0 for c in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"}
_MARK_CLASS.update({c: 1 for c in "\u0e48\u0e49\u0e4a\u0e4b"})
_MARK_CLASS.update({c: 2 for c in "\u0e4c\u0e4d\u0e4e"})

# A glyph the font left without a Unicode mapping, drawn on a Thai letter in the same font (the
# raised tone marks of Excel's and Word's Thai fonts: PDFium gives the glyph's code as a Latin-1
# character, "ทีÉ"; pdfminer "(cid:201)"; a lost nikhahit may be U+FFFD) stands in the text as
# U+F0000 + its code (Supplementary Private Use Area-A: no font draws there) until
# ``thai.glyphs`` decides, for the whole document, which mark it is; a glyph that takes room on
# the line (the ring of a sara am drawn apart) as U+100000 + its code (Area-B). The first kind is a
# mark (of the tone class until then) for the anchoring below; the second keeps its place.
GLYPH_BASE = 0xF0000
SPACING_BASE = 0x100000
#: The placeholders of unmapped glyphs, as a character class for regular expressions.
GLYPHS = "\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_CID = re.compile(r"\(cid:(\d+)\)", re.ASCII)
_NARROW = 0.15       # a glyph at most this share of the font size wide is drawn over its letter


def _drawn_over(base: dict[str, Any], ch: dict[str, Any]) -> bool:
    """Is the glyph ``ch`` drawn over ``base`` (its centre within the base's box) or so narrow
    that it takes no room on the line?"""
    size = ch.get("size") or 10.0
    return (ch["x1"] - ch["x0"] <= _NARROW * size
            or base["x0"] - 0.05 * size <= (ch["x0"] + ch["x1"]) / 2 <= base["x1"] + 0.05 * size)


def glyph_placeholder(text: str, *, spacing: bool = False) -> str | None:
    """The placeholder of an unmapped glyph's text ("É" -> U+F00C9, "(cid:201)" -> U+F00C9,
    U+FFFD -> U+FFFFD; ``spacing``: from U+100000), or None for any other text."""
    base = SPACING_BASE if spacing else GLYPH_BASE
    if len(text) == 1 and ("\x80" <= text <= "\xff" or text == "\ufffd"):
        return chr(base + ord(text))
    m = _CID.fullmatch(text)
    if m and int(m.group(1)) <= 0xFFFD:
        return chr(base + int(m.group(1)))
    return None


def glyph_code(ch: str) -> int:
    """The glyph code a placeholder stands for."""
    return ord(ch) - (SPACING_BASE if ord(ch) >= SPACING_BASE else GLYPH_BASE)


def _cls(ch: str) -> int | None:
    """A mark's canonical class; 1 for the placeholder of an unmapped glyph drawn over its letter;
    None for no mark."""
    k = _MARK_CLASS.get(ch)
    if k is None and len(ch) == 1 and GLYPH_BASE <= ord(ch) <= GLYPH_BASE + 0xFFFD:
        return 1
    return k

# White space (one line break too) before a mark, or between a Thai letter and a following vowel.
#   matches: the space in "ถ ึง", "กรณ ีที่", "เป้ าหมาย", "ค ํา", "A ่", " ่"; the "\n" in "ถ\nึง"
#   must not match: the space in "ที่ มา", "ASEAN า" (no Thai letter before า), "ต่าง ๆ", "a\n\nึ"
#   (a paragraph break is left alone)
SPACE_BEFORE_MARK = re.compile(
    f"(?:(?<=[{_THAI}])(?P<gap>[ \t\u00a0]*\n?[ \t\u00a0]*)(?=[{_MARKS}{_FOLLOWING}])"
    f"|(?:(?<=\\S)|(?<![\\s\\S]))(?P<gap2>[ \t\u00a0]*\n?[ \t\u00a0]*)(?=[{_MARKS}])"
    f"|(?<=\n)(?P<gap3>[ \t\u00a0]+)(?=[{_MARKS}]))")

# The same, but a gap before sara aa or sara am is left (it may be a sara am drawn as a ring and a
# gap, "จ านวน", which ``thai.repair.repair_sara_am`` decides with the dictionary).
SPACE_BEFORE_MARK_KEEP_AM = re.compile(
    f"(?:(?<=[{_THAI}])(?P<gap>[ \t\u00a0]*\n?[ \t\u00a0]*)(?=[{_MARKS}\u0e30\u0e45])"
    f"|(?:(?<=\\S)|(?<![\\s\\S]))(?P<gap2>[ \t\u00a0]*\n?[ \t\u00a0]*)(?=[{_MARKS}])"
    f"|(?<=\n)(?P<gap3>[ \t\u00a0]+)(?=[{_MARKS}]))")

# Marks stranded before their consonant (after a space, a line start or a non-Thai character).
#   matches: "\u0e48ก" in " \u0e48กา" (-> " ก\u0e48า"), "\u0e34\u0e48ก" at a line start
#   must not match: "ก\u0e48" (mark after its consonant), "คำ"
STRANDED_MARKS = re.compile(f"(?<![{_THAI}])(?P<marks>[{_MARKS}]+)(?P<base>[{_CONSONANTS}])")

# A cluster of marks that needs work: two or more marks (order, duplicates), nikhahit + sara aa,
# or sara aa + nikhahit (the order an x-sort can give). "ก\u0e48\u0e34" -> "กิ่";
# "ค\u0e4d\u0e32" -> "คำ"; "น\u0e49\u0e4d\u0e32" -> "น้ำ"; "ค\u0e32\u0e4d" -> "คำ";
# "น\u0e49\u0e49\u0e32\u0e4d" -> "น้ำ".
#   must not match: a single mark ("ก\u0e48"), "คำ" already written with U+0E33, "กา"
MARK_CLUSTER = re.compile(f"(?P<marks>[{_MARKS}]{{2,}}(?:\u0e32\u0e4d?)?|\u0e4d\u0e32|\u0e32\u0e4d)")


@lru_cache(maxsize=1)
def pua_table() -> dict[int, str]:
    """PUA code point -> real Thai character, for ``str.translate`` (from data/thai_pua.yaml).

        >>> "ให\\uf70b".translate(pua_table())
        'ให้'
    """
    raw: Any = load_data(_DATA_FILE)
    table: dict[int, str] = {}
    for code, (char, _glyph) in raw["pua"].items():
        cp = int(str(code), 16)
        if not (0xF700 <= cp <= 0xF71A and len(char) == 1 and "\u0e01" <= char <= "\u0e4e"):
            raise ValueError(f"{_DATA_FILE}: bad entry {code!r}: {char!r} (PUA U+F700-U+F71A "
                             f"to one Thai character expected)")
        table[cp] = char
    return table


@lru_cache(maxsize=1)
def _pua_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(chr(c) for c in sorted(pua_table())) + "]")


def is_thai_mark(ch: str) -> bool:
    """A Thai combining mark (vowel above/below, tone mark, other sign) or the placeholder of an
    unmapped glyph drawn on Thai: "่" yes, "า" and "ก" no."""
    return _cls(ch) is not None


def _canonical(cluster: str) -> str:
    """A run of marks, maybe with sara aa, in canonical form (see MARK_CLUSTER)."""
    aa = "\u0e32" in cluster
    marks = cluster.replace("\u0e32", "")
    am = aa and "\u0e4d" in marks
    if am:
        marks = marks.replace("\u0e4d", "")
    by_class: dict[int, str] = {}
    for c in marks:
        by_class.setdefault(_MARK_CLASS[c], c)
    out = "".join(by_class[k] for k in sorted(by_class))
    return out + ("\u0e33" if am else "\u0e32" if aa else "")


def repair_pdf_text(text: str, *, am_gaps: bool = True) -> tuple[str, int]:
    """``text`` with the Thai PDF breakage repaired (see the module docstring), and the number of
    repairs made. ``am_gaps=False`` leaves a gap before sara aa or sara am (for the sara am
    repair to decide: ``thai.repair``).

        >>> repair_pdf_text("ถ ึง กรณ ีที่ ค ํา เป\\uf70b าหมาย")
        ('ถึง กรณีที่ คำ เป้าหมาย', 6)
        >>> repair_pdf_text("1.1 Promote cooperation")
        ('1.1 Promote cooperation', 0)
    """
    count = 0
    pua = _pua_pattern()
    if pua.search(text):
        text, n = pua.subn(lambda m: pua_table()[ord(m.group(0))], text)
        count += n

    def gap(m: re.Match[str]) -> str:
        nonlocal count
        if m.group(0):
            count += 1
        return ""

    text = (SPACE_BEFORE_MARK if am_gaps else SPACE_BEFORE_MARK_KEEP_AM).sub(gap, text)

    def stranded(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return m.group("base") + m.group("marks")

    text = STRANDED_MARKS.sub(stranded, text)

    def cluster(m: re.Match[str]) -> str:
        nonlocal count
        rep = _canonical(m.group(0))
        if rep != m.group(0):
            count += 1
        return rep

    text = MARK_CLUSTER.sub(cluster, text)
    return text, count


def repair_pdf_chars(chars: Iterable[dict[str, Any]], *,
                     x_tolerance: float = 1.5) -> tuple[list[dict[str, Any]], int]:
    """pdfplumber ``chars`` (in content-stream order) with PUA glyphs mapped and every Thai mark
    anchored to its base character; returns new dicts and the number of repairs.

    A mark is anchored to the character before it in the stream when it lies over that one (the
    order every common producer writes: Chromium, LibreOffice, Word), else to the nearest base on
    its line whose box holds it. An anchored mark gets its base's ``top``/``bottom`` and sits at the
    base's right edge (zero width, marks in canonical order), so "ป" + "\\uf70b" + "า" read "ป้า"
    and not "ป้ า". A repair is counted for each PUA glyph and each mark that an x-sort with
    ``x_tolerance`` would have misplaced or set off with a space.
    """
    table = pua_table()
    out: list[dict[str, Any]] = []
    repairs = 0
    base_i = -1          # index in ``out`` of the last base character
    cluster: list[int] = []   # indices in ``out`` of the marks on that base
    for ch in chars:
        t = ch.get("text", "")
        if len(t) == 1 and ord(t) in table:
            ch = dict(ch, text=table[ord(t)])
            t = ch["text"]
            repairs += 1
        elif (("\x80" <= t <= "\xff" or t == "\ufffd" or t[:5] == "(cid:") and base_i >= 0
              and "\u0e01" <= out[base_i].get("text", "")[:1] <= "\u0e4e"
              and ch.get("fontname") == out[base_i].get("fontname")
              and (p := glyph_placeholder(t, spacing=not _drawn_over(out[base_i], ch))) is not None):
            ch = dict(ch, text=p)        # an unmapped glyph on a Thai letter: a mark to be told
            t = p
        if _cls(t) is None:
            out.append(ch)
            base_i, cluster = len(out) - 1, []
            continue
        bi = base_i if base_i >= 0 and _over(out[base_i], ch) else _nearest_base(out, ch)
        if bi < 0:
            out.append(ch)      # an orphan mark: leave it where it is
            continue
        base = out[bi]
        if bi != base_i:
            base_i, cluster = bi, [k for k in range(bi + 1, len(out)) if out[k].get("_anchor") == bi]
        prev_x0 = out[cluster[-1]]["_x0"] if cluster else base["x0"]
        if (ch["x0"] < prev_x0 or ch["x0"] > base["x1"] + x_tolerance
                or base["x1"] - ch["x1"] > x_tolerance or abs(ch["top"] - base["top"]) > 1e-3):
            repairs += 1
        mark = dict(ch, top=base["top"], bottom=base["bottom"], _anchor=bi, _x0=ch["x0"])
        if "doctop" in base:
            mark["doctop"] = base["doctop"]
        out.append(mark)
        cluster.append(len(out) - 1)
        # canonical order within the cluster, placed just inside the base's right edge
        ordered = sorted(cluster, key=lambda k: _cls(out[k]["text"]) or 0)
        n = len(ordered)
        for rank, k in enumerate(ordered):
            x = base["x1"] - (n - rank) * 1e-3
            out[k]["x0"] = out[k]["x1"] = x
    for ch in out:
        ch.pop("_anchor", None)
        ch.pop("_x0", None)
    return out, repairs


def _holds(base: dict[str, Any], mark: dict[str, Any]) -> bool:
    """Does ``mark`` lie over ``base`` (same line, horizontally within reach)?"""
    size = base.get("size") or (base["bottom"] - base["top"]) or 10.0
    return (t := base.get("text", "")) != "" and not t.isspace() \
        and abs(mark["top"] - base["top"]) <= 0.6 * size \
        and base["x0"] - 0.5 * size <= mark["x0"] <= base["x1"] + 0.3 * size


def _over(base: dict[str, Any], mark: dict[str, Any]) -> bool:
    """Does ``mark`` lie over ``base``: held by it, its centre within the base's box give or take
    a twentieth of the font size? (A mark drawn with its ink, as PDFium gives it,
    may come after the next consonant in the stream: "จ" "ด" "ั" is "จัด" when the mark's ink lies
    over "จ".)"""
    if not _holds(base, mark):
        return False
    size = base.get("size") or 10.0
    return base["x0"] - 0.05 * size <= (mark["x0"] + mark["x1"]) / 2 <= base["x1"] + 0.05 * size


def _nearest_base(out: list[dict[str, Any]], mark: dict[str, Any], window: int = 12) -> int:
    """The base near the end of ``out`` whose box holds ``mark`` best, or -1: a Thai consonant
    before any other letter (no mark sits on a vowel letter: the "้" of "ด้าน" drawn with its
    ink over the edge of "า" is "ด"'s), then the one whose centre is nearest the mark's centre (a
    mark's ink box, as PDFium gives it, may start over the letter before its base: the "็" of
    "เป็น" drawn from the right edge of "เ" over "ป")."""
    best, best_d = -1, (True, float("inf"))
    mid = (mark["x0"] + mark["x1"]) / 2
    for k in range(len(out) - 1, max(-1, len(out) - 1 - window), -1):
        b = out[k]
        if _cls(b.get("text", "")) is not None or not _holds(b, mark):
            continue
        centre = (b["x0"] + b["x1"]) / 2
        t = b.get("text", "")
        d = (not ("\u0e01" <= t <= "\u0e2e"), abs(mid - centre))
        if d < best_d:
            best, best_d = k, d
    return best
