"""Thai marks that a PDF's font left without a Unicode mapping, told from the dictionary.

Fonts that Excel and Word embed often draw the shifted forms of tone marks (a tone mark raised
above an upper vowel: the "่" of "ที่") with glyphs that the font's ToUnicode map does not cover.
pdfminer gives them as "(cid:201)", PDFium as the Latin-1 character of the glyph's code ("ทีÉ",
"พÊนื"), and a lost nikhahit of sara am may come out as U+FFFD ("ประจ�าปี"). The reader puts a
placeholder in their place (``thai.pdf_repair.glyph_placeholder``: U+F0000 + the glyph's code).
Each such glyph stands for one mark throughout a document's font, so the mark is decided once per
glyph, by vote: at up
to ``_SAMPLE`` places where the glyph follows Thai, each candidate mark is put in its place and the
Thai around it segmented with newmm; the mark that leaves the fewest letters outside pythainlp's
dictionary wins, if it leaves fewer than dropping the glyph does. ``resolve`` puts the marks in
and gives a glyph the dictionary could not tell back its own text (the Latin-1 character PDFium
shows, or "(cid:N)")::

    >>> g = glyph_placeholder("É")
    >>> marks = unmapped_marks(f"ที{g}นี ที{g}ผ่านมา เพื{g}อการ ท้องถิ{g}น")
    >>> marks == {0xC9: "\u0e48"}
    True
    >>> resolve(f"ที{g}ผ่านมา", marks)
    ('ที่ผ่านมา', 1)
    >>> resolve(f"ที{g}ผ่านมา", {})
    ('ทีÉผ่านมา', 0)
"""
from __future__ import annotations

import re
from collections import defaultdict

from .pdf_repair import GLYPHS, glyph_code, glyph_placeholder
from .repair import dictionary_score

__all__ = ["unmapped_marks", "resolve", "glyph_placeholder"]

# The placeholder of an unmapped glyph (the reader only makes them on Thai letters).
_GLYPH = re.compile(f"[{GLYPHS}]")
# Candidate marks: tone marks, thanthakhat, the upper and lower vowels, nikhahit (with a sara aa
# after it, sara am).
_CANDIDATES = ("\u0e48", "\u0e49", "\u0e4a", "\u0e4b", "\u0e4c", "\u0e31", "\u0e34", "\u0e35",
               "\u0e36", "\u0e37", "\u0e47", "\u0e38", "\u0e39", "\u0e4d")
_SAMPLE = 40          # places per glyph looked at
_REACH = 12           # Thai letters on each side of the glyph segmented with it


def _outside(s: str) -> tuple[int, int]:
    """``thai.repair.dictionary_score`` of ``s`` with sara am made whole first (one word beats two:
    "ประจำปี" beats "ประจ่า" + "ปี")."""
    return dictionary_score(s.replace("\u0e4d\u0e32", "\u0e33"))


def _context(text: str, start: int, end: int, told: dict[str, str]) -> tuple[str, str]:
    """The Thai before and after the glyph at ``[start, end)``: up to ``_REACH`` letters of its
    word on each side, the glyphs already told put in, the others left out."""
    def fill(s: str) -> str:
        return _GLYPH.sub(lambda m: told.get(glyph_code(m.group()), ""), s)
    left = fill(text[max(0, start - 4 * _REACH):start])
    right = fill(text[end:end + 4 * _REACH])
    lm = re.search("[\u0e01-\u0e4e]*$", left)
    rm = re.match("[\u0e01-\u0e4e]*", right)
    return (lm.group()[-_REACH:] if lm else ""), (rm.group()[:_REACH] if rm else "")


def unmapped_marks(text: str) -> dict[int, str]:
    """The Thai mark each unmapped glyph of ``text`` stands for, by glyph code (see the module
    docstring; a glyph drawn over its letter or taking room on the line is the same glyph); glyphs
    the dictionary cannot tell are left out. The most frequent glyph is told first, and the marks
    told are put into the places of the next: "ที\U000f00c9ได้" reads "ที่ได้" beside another glyph.
    At each place every candidate mark is tried; the marks that leave the fewest letters outside
    the dictionary, fewer than no mark does, share the place's vote; a glyph takes the mark with the
    most votes when it has two or more and twice the next mark's (most places of a glyph may say
    nothing: its word reads the same without it, or the letters around it are out of order)."""
    places: dict[int, list[tuple[int, int]]] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for m in _GLYPH.finditer(text):
        code = glyph_code(m.group())
        counts[code] += 1
        got = places[code]
        if len(got) < _SAMPLE:
            got.append(m.span())
    told: dict[int, str] = {}
    for glyph in sorted(places, key=lambda g: (-counts[g], g)):
        votes: dict[str, float] = defaultdict(float)
        for start, end in places[glyph]:
            a, b = _context(text, start, end, told)
            dropped = _outside(a + b)
            scores = {mark: _outside(a + mark + b) for mark in _CANDIDATES}
            low = min(scores.values())
            if low < dropped:
                best = [mark for mark, sc in scores.items() if sc == low]
                for mark in best:
                    votes[mark] += 1 / len(best)
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            told[glyph] = ranked[0][0]
    return told


def resolve(text: str, marks: dict[int, str]) -> tuple[str, int]:
    """``text`` with each placeholder replaced by its mark in ``marks``, or given back its own
    text (a Latin-1 character, U+FFFD, or "(cid:N)"), and the number of marks put in."""
    if not _GLYPH.search(text):
        return text, 0
    count = 0

    def put(m: re.Match[str]) -> str:
        nonlocal count
        code = glyph_code(m.group())
        mark = marks.get(code)
        if mark is not None:
            count += 1
            return mark
        return chr(code) if 0x80 <= code <= 0xFF or code == 0xFFFD else f"(cid:{code})"

    return _GLYPH.sub(put, text), count
