"""Folding text for matching body names, with an offset array back to the text.

``fold`` lowercases Latin letters, unifies dashes and quotes, drops white space between two Thai
characters (a line wrap or a stray space inside a Thai name) and folds other white-space runs to
one space. ``offsets[i]`` is where folded character ``i`` came from, so a match ``(a, b)`` in the
folded text is ``(offsets[a], offsets[b - 1] + 1)`` in the original::

    >>> f, off = fold("เจ้าหน้าที่อาวุโสอาเซียน ว่าด้วยอาชญากรรม")
    >>> " " in f
    False
    >>> fold("ASEAN  Senior\\nOfficials")[0]
    'asean senior officials'

``fold_runs`` gives the same offsets as an ``Offsets`` object (runs, no list as long as the
text), which is what ``find_bodies`` uses. ``alias_key`` is the stricter key used to compare whole names: folded, without spaces and
punctuation ("ASEAN-U.S. Dialogue" and "ASEAN US Dialogue" share it).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

__all__ = ["fold", "fold_runs", "Offsets", "fold_name", "alias_key", "is_thai", "is_latin_alnum", "script_of"]

# Dashes U+2010..U+2015 and minus U+2212 fold to "-"; curly quotes to straight ones.
_CHAR_MAP = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
_CHAR_MAP.update({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\uff08": "(",
                  "\uff09": ")", "\uff1a": ":"})


def is_thai(c: str) -> bool:
    """A character of the Thai block U+0E00..U+0E7F ("ก", "่", "๑")."""
    return "\u0e00" <= c <= "\u0e7f"


def is_latin_alnum(c: str) -> bool:
    """An ASCII letter or digit, or a Latin letter with a diacritic."""
    return c.isascii() and c.isalnum() or ("\u00c0" <= c <= "\u024f")


# A run of white space: folded to one space, or dropped between two Thai characters.
# Matches " ", "\n\n", " \t "; not "\u200b" (normalisation removed those already).
WS_RUN_RE = re.compile(r"\s+")
# The white-space runs ``fold`` changes, each matched whole from its first character: a run that
# starts with a character other than a plain space, a run of two or more characters, one space
# between two Thai characters, one space at the very start or end. Every other run (one space
# between words: "ASEAN Senior", "อาเซียน ASEAN") stays as it is, so ``fold`` need not visit it.
# The pattern starts with ``\s``, so the regex engine skips ahead to white space cheaply.
# Matches the "\n" in "Senior\nOfficials", "  " in "a  b", " " in "อาเซียน ว่าด้วย";
# not " " in "ASEAN Senior" or in "ASEAN อาเซียน".
# Also one space between a Thai word and a hyphen joining it to another Thai word, which is dropped:
# "อาเซียน - อินเดีย" folds to "อาเซียน-อินเดีย" (the spaced hyphen of "ASEAN - India" in Thai).
WS_CHANGED_RE = re.compile(r"\s(?:(?<=[^ ])\s*|(?<= )(?:\s+|(?<=[\u0e00-\u0e7f] )(?=[\u0e00-\u0e7f])"
                           r"|(?<=[\u0e00-\u0e7f] )(?=-[ ]?[\u0e00-\u0e7f])"
                           r"|(?<=[\u0e00-\u0e7f]- )(?=[\u0e00-\u0e7f])|(?<=[\u0e00-\u0e7f] - )(?=[\u0e00-\u0e7f])"
                           r"|(?<=\A )|\Z))")
# The characters _CHAR_MAP replaces (str.translate is slow on long Thai text; a regex is not).
CHAR_MAP_RE = re.compile("[" + "".join(_CHAR_MAP) + "]")


class Offsets:
    """Where each folded character came from, kept as runs rather than one integer per character.

    ``offsets[i]`` is the offset in the text of folded character ``i``; inside a run it grows with
    ``i``, so a run is stored as its first folded index and the shift to add. Building a list as
    long as the text costs more than everything ``find_bodies`` asks of it::

        >>> fold_runs("ASEAN  Senior")[1][6], fold_runs("อาเซียน ว่าด้วย")[1][7]
        (7, 8)
    """

    __slots__ = ("starts", "shifts", "size")

    def __init__(self, starts: list[int], shifts: list[int], size: int) -> None:
        self.starts, self.shifts, self.size = starts, shifts, size

    def __getitem__(self, i: int) -> int:
        if not 0 <= i < self.size:
            raise IndexError(f"folded offset {i} is outside 0..{self.size - 1}")
        return i + self.shifts[bisect_right(self.starts, i) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text span of folded ``[start, end)``: ``(offsets[start], offsets[end - 1] + 1)``."""
        if not 0 <= start < end <= self.size:
            raise IndexError(f"folded span ({start}, {end}) is outside 0..{self.size}")
        k = bisect_right(self.starts, start) - 1
        if k + 1 == len(self.starts) or end <= self.starts[k + 1]:
            d = self.shifts[k]            # one run: both ends shift alike
            return start + d, end + d
        return start + self.shifts[k], self[end - 1] + 1

    def __len__(self) -> int:
        return self.size

    def tolist(self) -> list[int]:
        """One text offset per folded character."""
        ends = self.starts[1:] + [self.size]
        out: list[int] = []
        for a, b, d in zip(self.starts, ends, self.shifts):
            out.extend(range(a + d, b + d))
        return out


def fold_runs(text: str) -> tuple[str, Offsets]:
    """The folded text and where its characters came from (see ``fold`` and ``Offsets``)."""
    low = text.lower()
    if len(low) != len(text):       # "İ" lowercases to two characters: keep such ones as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if CHAR_MAP_RE.search(low):
        low = CHAR_MAP_RE.sub(lambda m: _CHAR_MAP[m.group()], low)
    n = len(low)
    pieces: list[str] = []
    starts, shifts = [0], [0]
    pos = size = 0
    for m in WS_CHANGED_RE.finditer(low):
        s, e = m.span()
        pieces.append(low[pos:s])
        size += s - pos
        hyphen = e - s == 1 and low[s] == " "     # one plain space beside "-" ("อาเซียน - จีน")
        if 0 < s and e < n and not (("\u0e00" <= low[s - 1] <= "\u0e7f"       # is_thai, inline
                                     or low[s - 1] == "-" and hyphen)
                                    and ("\u0e00" <= low[e] <= "\u0e7f"
                                         or low[e] == "-" and hyphen)):
            pieces.append(" ")      # the run becomes one space, where the run started
            size += 1
        pos = e
        starts.append(size)
        shifts.append(e - size)
    pieces.append(low[pos:])
    size += n - pos
    if starts[-1] == size and len(starts) > 1:   # a run that ends the text starts nothing
        starts.pop()
        shifts.pop()
    return "".join(pieces), Offsets(starts, shifts, size)


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, its offset in ``text``."""
    folded, offsets = fold_runs(text)
    return folded, offsets.tolist()


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """A registry name folded like the text it is looked for in."""
    return fold_runs(name.strip())[0]


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """"ASEAN-U.S. Dialogue" -> "aseanusdialogue"; "การประชุม สุดยอด" -> "การประชุมสุดยอด"."""
    f = fold_name(name)
    return "".join(c for c in f if c.isalnum() or is_thai(c))


def script_of(name: str) -> str:
    """"th" when the name holds a Thai character, else "en"."""
    return "th" if any(is_thai(c) for c in name) else "en"
