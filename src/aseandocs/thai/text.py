"""Thai text normalisation with an offset map between raw and normalised text.

``normalize`` applies, in one pass:

- zero-width characters removed (ZWSP, ZWNJ, ZWJ, BOM, word joiner, soft hyphen);
- nikhahit + sara aa to sara am: "ค\u0e4d\u0e32" -> "คำ", with a tone mark in between moved before it
  ("น\u0e4d\u0e49\u0e32" -> "น้ำ");
- repeated combining marks dropped and misordered ones put in canonical order (vowel above/below,
  then tone mark): "ก\u0e48\u0e34" -> "ก\u0e34\u0e48"; of two tone marks the last typed wins
  ("ก่้" -> "ก้"); a tone mark typed after a following vowel put before it ("หญา้" -> "หญ้า",
  "กะ่" -> "ก่ะ"); a following vowel typed twice kept once ("กาา", "กา า" -> "กา"); white space
  typed before a mark removed ("พ ุ่ม" -> "พุ่ม");
- two sara e typed for sara ae ("เเละ" -> "และ"); lakkhangyao typed for sara aa ("นๅคา" -> "นาคา",
  "ฤๅษี" kept);
- whitespace folded: tabs, NBSP and runs of spaces become one space, CR/CRLF become LF, spaces at
  line ends go, and blank lines fold to one paragraph break (line and paragraph breaks are kept:
  the parsers need them);
- Thai digits to ASCII ("๒๕๖๒" -> "2562"), one for one.

Text out of PDFs needs more first: ``repair_pdf_text`` (PUA glyphs of shifted marks mapped back,
spaces inside clusters removed, marks reordered, "ค ํา" -> "คำ") and, on pdfplumber characters,
``repair_pdf_chars``; both live in ``aseandocs.thai.pdf_repair`` and are re-exported here.

The returned ``Normalized`` keeps an ``OffsetMap`` so a span found in the normalised text can be
reported in the raw one, like eyecite's SpanUpdater::

    >>> n = normalize("ค\u0e4d\u0e32  ว่า ๒๕๖๒")
    >>> n.text
    'คำ ว่า 2562'
    >>> n.offsets.span_to_raw((3, 6))
    (5, 8)
    >>> normalize("ASEAN  Regional\\tForum").text
    'ASEAN Regional Forum'
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterator

from .pdf_repair import pua_table, repair_pdf_chars, repair_pdf_text

__all__ = ["normalize", "Normalized", "OffsetMap", "thai_digits_to_ascii", "detect_language",
           "thai_ratio", "THAI_CHARS", "THAI_CONSONANTS", "THAI_COMBINING", "THAI_TONES",
           "repair_pdf_text", "repair_pdf_chars", "pua_table"]

# --- character classes (code points named so a reader need not look them up) -----------------
#: Thai block letters, vowels, marks and digits: U+0E01 (ก) .. U+0E5B (๛).
THAI_CHARS = "\u0e01-\u0e5b"
#: Consonants: U+0E01 (ก) .. U+0E2E (ฮ).
THAI_CONSONANTS = "\u0e01-\u0e2e"
#: Vowels written above or below a consonant: U+0E31 (ั), U+0E34..U+0E3A (ิ ี ึ ื ุ ู ฺ), U+0E47 (็).
THAI_ABOVE_BELOW_VOWELS = "\u0e31\u0e34-\u0e3a\u0e47"
#: Tone marks: U+0E48..U+0E4B (่ ้ ๊ ๋).
THAI_TONES = "\u0e48-\u0e4b"
#: Other combining signs: U+0E4C (์ thanthakhat), U+0E4D (ํ nikhahit), U+0E4E (๎ yamakkan).
THAI_OTHER_MARKS = "\u0e4c-\u0e4e"
#: Every Thai combining mark.
THAI_COMBINING = THAI_ABOVE_BELOW_VOWELS + THAI_TONES + THAI_OTHER_MARKS

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Horizontal white space other than the plain space: tab, VT, FF, NBSP, the U+2000 spaces,
# narrow NBSP, medium math space, ideographic space.
_HWS_OTHER = "\t\x0b\x0c\u00a0\u2000-\u200a\u202f\u205f\u3000"
_HWS = " " + _HWS_OTHER
# Zero-width characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen.
_ZW = "\u200b-\u200d\u2060\ufeff\u00ad"

# Following vowels that sit after their consonant on the line: U+0E30 (ะ), U+0E32 (า), U+0E33 (ำ),
# U+0E45 (ๅ, lakkhangyao: after ฤ/ฦ only; elsewhere a mistyped sara aa).
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"

# A mark cluster after a letter: combining marks and zero-width characters (A), following vowels
# (V), white space after a Thai letter before a mark, perhaps past following vowels and spaces
# (a stray space: "พ ุ่ม", "ก  ้า", also counted as A), and, once a following vowel is in, white space
# before another following vowel (SV: "กา า"). White space before a following vowel right after a
# consonant ("จ านวน") is left: it may be a sara am drawn as a ring and a gap (``_thai_repair``).
_A = (rf"(?:[{THAI_COMBINING}]|[{_ZW}](?=[{_HWS}{_ZW}{THAI_COMBINING}{_FOLLOW}])"
      rf"|(?=[{_HWS}])(?<=[\u0e01-\u0e4e{_ZW}])[{_HWS}][{_HWS}{_ZW}]*(?=[{_FOLLOW}{_ZW}{_HWS}]*[{THAI_COMBINING}]))")
_V = f"[{_FOLLOW}]"
_SV = rf"[{_HWS}][{_HWS}{_ZW}]*(?={_V})"
_CLUSTER = rf"{_A}*{_V}(?:{_A}|{_V}|{_SV})+|{_A}+{_V}|{_A}{{2,}}"


_MARK_ORDER = {c: 0 for c in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"}
_MARK_ORDER.update({c: 1 for c in "\u0e48\u0e49\u0e4a\u0e4b"})
_MARK_ORDER.update({c: 2 for c in "\u0e4c\u0e4d\u0e4e"})


def _mark_cluster(raw: str, after: str = "") -> str:
    """A cluster (see ``_CLUSTER``) in canonical form: white space and zero-width characters dropped;
    the combining marks first, one per class in canonical order (vowel above/below, tone, other;
    the last tone mark typed wins, as in PyThaiNLP: "ก่้" -> "ก้"); then the following vowels, a
    vowel typed twice in a row once ("กาา" -> "กา", "กาาะา" -> "กาะา"); nikhahit and a sara aa
    make sara am ("ก่ํา" -> "ก่ำ"); lakkhangyao is sara aa unless ``after`` (the letter before the
    cluster) is ฤ or ฦ.

        >>> _mark_cluster("\u0e32\u0e48") == "\u0e48\u0e32"      # "กา่" -> "ก่า"
        True
    """
    marks: dict[int, str] = {}
    vowels: list[str] = []
    for c in raw:
        k = _MARK_ORDER.get(c)
        if k is not None:
            if k == 0 or k == 2:
                marks.setdefault(k if c != "\u0e4d" else 3, c)
            else:
                marks[k] = c
        elif c in _FOLLOW:
            if c == "\u0e45" and after not in ("\u0e24", "\u0e26"):
                c = "\u0e32"
            if not vowels or vowels[-1] != c:
                vowels.append(c)
    if 3 in marks:                      # nikhahit: with a sara aa it is sara am
        if vowels and vowels[0] == "\u0e32":
            del marks[3]
            vowels[0] = "\u0e33"
            if vowels[1:2] == ["\u0e33"]:
                del vowels[0]
        else:
            marks.setdefault(2, marks.pop(3))
            marks.pop(3, None)
    return "".join(marks[k] for k in sorted(marks)) + "".join(vowels)


#: What the "nl" and "marks" rules match most and leave as it is: a lone line break, and pairs
#: of marks and following vowels already in canonical form ("ี่" of "ที่", "้า" of "ห้า").
_KEPT = frozenset(["\n"] + [a + b for a in list(_MARK_ORDER) + list(_FOLLOW)
                            for b in list(_MARK_ORDER) + list(_FOLLOW)
                            if _mark_cluster(a + b) == a + b])


# One pass, one alternative per rule; each named group is a rule.
_RULES = re.compile(
    # white space (and zero-width characters) at the very start or end of the text: dropped.
    rf"(?P<edge>\A[\s{_ZW}]+|[\s{_ZW}]+\Z)"
    # two sara e typed for sara ae (the keyboard has both): "เเละ" -> "และ". No word has "เเ".
    rf"|(?P<ee>\u0e40[{_ZW}]*\u0e40)"
    # a cluster after a letter that needs work (see ``_CLUSTER``): combining marks and following
    # vowels, two or more in a row, with stray white space before a mark ("พ ุ่ม", "ก  ้า") or
    # between two following vowels ("กา า"). "ค\u0e4d\u0e32" -> "คำ"; "ก\u0e48\u0e34" -> "กิ่";
    # "ก\u0e49\u0e49" -> "ก้"; "กา\u0e48" -> "ก่า"; "กาา" -> "กา". Canonical pairs ("ี่", "้า") are
    # matched and kept (``_KEPT``); a single mark or vowel is never matched.
    rf"|(?=[{THAI_COMBINING}{_FOLLOW}{_ZW}{_HWS}])(?P<marks>{_CLUSTER})"
    # lakkhangyao typed for sara aa after a consonant other than ฤ/ฦ: "นๅคา" -> "นาคา" ("ฤๅษี" kept).
    rf"|(?P<lak>(?<=[\u0e01-\u0e23\u0e25\u0e27-\u0e2e])\u0e45)"
    # white space holding a line break: "  \r\n  \n " -> "\n\n"; keeps one or two breaks.
    rf"|(?P<nl>[{_HWS}{_ZW}]*(?:\r\n?|\n)[{_HWS}{_ZW}\r\n]*)"
    # a run of horizontal white space that is not already one plain space: "a  b", "a\tb".
    rf"|(?P<ws>[{_HWS}][{_HWS}{_ZW}]*[{_HWS}]|[{_HWS_OTHER}][{_ZW}]*)"
    # zero-width: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen. "อา\u200bเซียน" -> "อาเซียน"
    rf"|(?P<zw>[{_ZW}]+)"
)


# What a _RULES match can consume: white space, zero-width characters, sara e, combining marks and
# following vowels. Every match is a piece of one run of these (never of a letter or a digit).
_RUN_CHARS = rf"\s{_ZW}\u0e40{THAI_COMBINING}{_FOLLOW}{_HWS_OTHER}"
_RUN = re.compile(rf"[{_RUN_CHARS}]+")
_RUN_CHAR = re.compile(rf"[{_RUN_CHARS}]")
_CF = THAI_COMBINING + _FOLLOW


def _suspect_source() -> str:
    """A piece of every _RULES match that changes the text, as one pattern opening with a
    character class (``re`` skips in C to the next mark, vowel or white space and checks the
    character before it): a zero-width or unusual space, CR, lakkhangyao; "เ" twice; white space
    right before a mark or vowel, or twice (every piece one or two characters long, so a long
    run of spaces costs linear time); white space around a line break, or two breaks; three marks
    and vowels in a row; two that are not in canonical order (every pair not in ``_KEPT``)."""
    chars = sorted({c for c in map(chr, range(0x0E30, 0x0E4F)) if re.match(f"[{_CF}]", c)})
    pairs: dict[str, list[str]] = {}
    for a in chars:
        for b in chars:
            if a + b not in _KEPT:
                pairs.setdefault(a, []).append(b)
    pair_alts = "|".join(f"(?<={re.escape(a)})(?=[{''.join(map(re.escape, bs))}])" for a, bs in pairs.items())
    # the mark and vowel rules last, behind one gate: the character is one and so is the next
    # (a tenth of the marks pass it), then three in a row or a pair not in _KEPT, looked at
    # ahead without consuming (a spot inside a run stands for the whole run)
    return (rf"[{_ZW}{_HWS}{_CF}\r\n\u0e40]"
            rf"(?:(?<=[{_ZW}{_HWS_OTHER}\r\u0e45])|(?<=\u0e40)\u0e40"
            rf"|(?<=[{_HWS}{_ZW}][{_CF}])|(?<=[{_HWS}])[{_HWS}{_ZW}]"
            rf"|(?<=[{_HWS}{_ZW}])\n|(?<=\n)[{_HWS}{_ZW}\r\n]"
            rf"|(?<=[{_CF}])(?=[{_CF}])(?:(?=.[{_CF}])|{pair_alts}))")


_SUSPECT = re.compile(_suspect_source())


def _rule_matches(text: str) -> Iterator[re.Match[str]]:
    """``_RULES.finditer(text)`` less matches that change nothing (canonical pairs such as "ี่",
    lone line breaks), found without trying the regex at every letter: only the runs of
    ``_RUN`` chars holding a ``_SUSPECT`` piece (or touching an end of the text) are searched,
    each from its first character as finditer reaches it, and up to the letter after it (which
    stops every rule as the rest of the text would)."""
    n = len(text)
    spots = [m.start() for m in _SUSPECT.finditer(text)]
    if n and _RUN_CHAR.match(text, 0):
        spots.insert(0, 0)
    if n and _RUN_CHAR.match(text, n - 1):
        spots.append(n - 1)
    covered = 0
    for p in spots:
        if p < covered:
            continue
        s = p
        while s > 0 and _RUN_CHAR.match(text, s - 1):
            s -= 1
        e = _RUN.match(text, p).end()    # type: ignore[union-attr]
        yield from _RULES.finditer(text, s, min(e + 1, n))
        covered = e


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets between normalised and raw text.

    ``edits`` are ``(norm_start, norm_end, raw_start, raw_end)`` for each place normalisation
    changed, in order; between edits the two texts run in step.
    """

    edits: tuple[tuple[int, int, int, int], ...] = ()
    _norm_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _raw_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_edits(cls, edits: list[tuple[int, int, int, int]]) -> "OffsetMap":
        return cls(tuple(edits), tuple(e[0] for e in edits), tuple(e[2] for e in edits))

    def to_raw(self, i: int, *, end: bool = False) -> int:
        """The raw offset of normalised offset ``i`` (``end=True`` for the end of a span)."""
        k = bisect_right(self._norm_starts, i) - 1
        if k < 0:
            return i
        ns, ne, rs, re_ = self.edits[k]
        if i < ne or (end and i == ne and ns < ne):
            if end and i > ns:
                return re_ if i >= ne else min(rs + (i - ns), re_)
            return min(rs + (i - ns), re_)
        return re_ + (i - ne)

    def to_norm(self, j: int, *, end: bool = False) -> int:
        """The normalised offset of raw offset ``j``."""
        k = bisect_right(self._raw_starts, j) - 1
        if k < 0:
            return j
        ns, ne, rs, re_ = self.edits[k]
        if j < re_:
            if end and j > rs:
                return ne
            return min(ns + (j - rs), ne)
        return ne + (j - re_)

    def then(self, later: "OffsetMap") -> "OffsetMap":
        """The map from this map's raw text to the normalised text of ``later``, a map whose raw
        text is this map's normalised text (normalisation, then a repair of its output). Edits that
        overlap or touch in the text between become one edit."""
        if not later.edits:
            return self
        if not self.edits:
            return later
        spans = sorted([(e[0], e[1], 0, e) for e in self.edits] + [(e[2], e[3], 1, e) for e in later.edits],
                       key=lambda x: (x[0], x[1]))
        out: list[tuple[int, int, int, int]] = []
        group: list[tuple[int, int, int, tuple[int, int, int, int]]] = []
        end = -1

        def close() -> None:
            a, b = group[0][0], max(g[1] for g in group)
            mine = [g[3] for g in group if g[2] == 0]
            theirs = [g[3] for g in group if g[2] == 1]
            raw_s = mine[0][2] if mine and mine[0][0] == a else self.to_raw(a)
            raw_e = mine[-1][3] if mine and mine[-1][1] == b else self.to_raw(b)
            new_s = theirs[0][0] if theirs and theirs[0][2] == a else later.to_norm(a)
            new_e = theirs[-1][1] if theirs and theirs[-1][3] == b else later.to_norm(b)
            out.append((new_s, new_e, raw_s, raw_e))

        for sp in spans:
            if group and sp[0] > end:
                close()
                group = []
            group.append(sp)
            end = max(end, sp[1]) if len(group) > 1 else sp[1]
        close()
        return OffsetMap.from_edits(out)

    def span_to_raw(self, span: tuple[int, int]) -> tuple[int, int]:
        return (self.to_raw(span[0]), self.to_raw(span[1], end=True))

    def span_to_norm(self, span: tuple[int, int]) -> tuple[int, int]:
        return (self.to_norm(span[0]), self.to_norm(span[1], end=True))


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text and the map back to the raw text it came from."""

    text: str
    offsets: OffsetMap


def normalize(text: str) -> Normalized:
    """Normalise Thai/English text (see the module docstring) and keep the offset map."""
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = 0      # raw position copied up to
    npos = 0     # length of the normalised text so far
    for m in _rule_matches(text):
        kind = m.lastgroup
        raw = m.group()
        if raw in _KEPT and kind in ("nl", "marks"):
            continue                            # "\n", "ี่": nothing to change
        s, e = m.span()
        if kind in ("zw", "edge"):
            rep = ""
        elif kind == "marks":
            rep = _mark_cluster(raw, text[s - 1] if s else "")
        elif kind == "ee":
            rep = "\u0e41"                     # sara ae
        elif kind == "lak":
            rep = "\u0e32"                     # sara aa
        elif kind == "nl":
            breaks = raw.count("\n") + raw.count("\r") - raw.count("\r\n")
            rep = "\n" if breaks == 1 else "\n\n"
        elif kind == "ws":
            rep = " "
        else:
            rep = raw
        if rep == raw:
            continue
        if s > pos:
            out.append(text[pos:s])
            npos += s - pos
        out.append(rep)
        edits.append((npos, npos + len(rep), s, e))
        npos += len(rep)
        pos = e
    out.append(text[pos:])
    joined = "".join(out)
    return Normalized(thai_digits_to_ascii(joined), OffsetMap.from_edits(edits))


# A Thai digit: ๐ (U+0E50) .. ๙ (U+0E59). "๒๕๖๒" holds four; "2562" and "พ.ศ." none.
_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")


def thai_digits_to_ascii(text: str) -> str:
    """"๑.๒.๕" -> "1.2.5" (one character for one, so offsets do not move). A text without Thai
    digits (normalised text never has any) comes back as it is, without the slow translate."""
    return text.translate(_THAI_DIGITS) if _THAI_DIGIT.search(text) else text


# Runs of Thai characters ("อาเซียน") and of Latin letters ("ASEAN"): counted by run, not one
# character at a time.
_THAI_RUN = re.compile(f"[{THAI_CHARS}]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")


def _count(run: re.Pattern[str], text: str) -> int:
    return sum(map(len, run.findall(text)))


def thai_ratio(text: str, sample: int = 20000) -> float:
    """Share of Thai among Thai and Latin letters in (a sample of) ``text``."""
    t = text[:sample]
    th = _count(_THAI_RUN, t)
    la = _count(_LATIN_RUN, t)
    return th / (th + la) if th + la else 0.0


def detect_language(text: str) -> str | None:
    """"th" when Thai letters dominate, "en" when Latin ones do, None for text with neither."""
    t = text[:20000]
    th = _count(_THAI_RUN, t)
    la = _count(_LATIN_RUN, t)
    if th + la == 0:
        return None
    return "th" if th >= 0.3 * (th + la) else "en"
