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

``alias_key`` is the stricter key used to compare whole names: folded, without spaces and
punctuation ("ASEAN-U.S. Dialogue" and "ASEAN US Dialogue" share it).
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["fold", "fold_name", "alias_key", "is_thai", "is_latin_alnum", "script_of"]

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
# The white-space runs ``fold`` changes: at the very start or end, two or more characters, one
# character other than a plain space, or one space between two Thai characters. Every other run
# (one space between words: "ASEAN Senior", "อาเซียน ASEAN") stays as it is, so ``fold`` need not
# visit it. Matches the "\n" in "Senior\nOfficials", "  " in "a  b", " " in "อาเซียน ว่าด้วย";
# not " " in "ASEAN Senior".
WS_CHANGED_RE = re.compile(r"\A\s+|\s+\Z|\s{2,}|[^\S ]|(?<=[\u0e00-\u0e7f]) (?=[\u0e00-\u0e7f])")
# The characters _CHAR_MAP replaces (str.translate is slow on long Thai text; a regex is not).
CHAR_MAP_RE = re.compile("[" + "".join(_CHAR_MAP) + "]")


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, its offset in ``text``."""
    low = text.lower()
    if len(low) != len(text):       # "İ" lowercases to two characters: keep such ones as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if CHAR_MAP_RE.search(low):
        low = CHAR_MAP_RE.sub(lambda m: _CHAR_MAP[m.group()], low)
    n = len(low)
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in WS_CHANGED_RE.finditer(low):
        s, e = m.span()
        pieces.append(low[pos:s])
        offsets.extend(range(pos, s))
        if 0 < s and e < n and not (is_thai(low[s - 1]) and is_thai(low[e])):
            pieces.append(" ")
            offsets.append(s)
        pos = e
    pieces.append(low[pos:])
    offsets.extend(range(pos, n))
    return "".join(pieces), offsets


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """A registry name folded like the text it is looked for in."""
    return fold(name.strip())[0]


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """"ASEAN-U.S. Dialogue" -> "aseanusdialogue"; "การประชุม สุดยอด" -> "การประชุมสุดยอด"."""
    f = fold_name(name)
    return "".join(c for c in f if c.isalnum() or is_thai(c))


def script_of(name: str) -> str:
    """"th" when the name holds a Thai character, else "en"."""
    return "th" if any(is_thai(c) for c in name) else "en"
