"""Exact fast forms of regex scans (private; issue 8, performance).

Python's ``re`` skips ahead at C speed only when a pattern opens with a plain literal or a plain
character class; a pattern opening with a look-around or a case-insensitive letter is tried at
every position. The helpers here give the same matches as the plain forms, found faster; each is
tested against its plain form (tests/dates/test_dates.py, tests/plans/test_plans.py)::

    >>> import re
    >>> rx = re.compile(r"(?<![A-Za-z])(?:March|May)\\s\\d{4}(?!\\d)")
    >>> text = "ประชุมเมื่อ March 2019 และ May 2020; Mayor 2021"
    >>> anchors = [m.end() - 1 for m in re.finditer(r"\\d+", text)]
    >>> [m.group() for m in near_finditer(rx, text, anchors, max_width(rx))]
    ['March 2019', 'May 2020']
    >>> rx = dispatch_words(["ภาคผนวก", "Annex", "Part"], lambda w: re.escape(w[1:]))
    >>> [m.group() for m in rx.finditer("ภาคผนวก 1, ANNEX 2, part III, Apart")]
    ['ภาคผนวก', 'ANNEX', 'part', 'part']
    >>> rx = re.compile(r"(?<=\\s)\\d+")               # tried at every position
    >>> lead = re.compile(r"\\d(?<=\\s.)")              # opens with a class: re skips ahead
    >>> [m.group() for m in lead_finditer(lead, rx, "ปี 2562 ข้อ5 และ 12")]
    ['2562', '12']
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator, Sequence

__all__ = ["near_finditer", "max_width", "dispatch_words", "dispatch_source", "case_variants", "lead_finditer"]

#: How far past a match a look-ahead of the patterns given to ``near_finditer`` may read.
LOOK_AHEAD = 8
#: Windows of ``near_finditer`` closer than this are searched as one (fewer calls).
_MERGE_GAP = 64


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The widest match ``pattern`` can give (``re``'s own parser: every piece bounded), or None
    when some piece is unbounded ("\\d+") or the parser cannot tell."""
    try:   # re's own parser (private): its width is what sre itself uses
        from re import _parser
        hi = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
        return None if hi >= _parser.MAXREPEAT else int(hi)
    except Exception:  # noqa: BLE001 - another Python's re: None means "search the whole text"
        return None


def near_finditer(pattern: re.Pattern[str], text: str, anchors: Sequence[int],
                  width: int) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match is at most ``width`` characters
    long, never empty, and ends right after one of ``anchors`` (sorted offsets; e.g. the last digit
    of each number when the pattern ends with a number not followed by a digit), with no
    look-ahead reading more than LOOK_AHEAD characters past it.

    Only the windows ``[a + 1 - width, a + 1)`` can hold a match start, so only they are searched;
    each search is cut ``width + LOOK_AHEAD`` characters after its window, which no attempt
    starting in the window reads (look-behinds still see the whole text), so every attempt there
    ends as it does in the whole text, and the matches and their order are finditer's.
    """
    pos = 0
    i = 0
    n = len(anchors)
    while i < n:
        a = anchors[i]
        ws = max(pos, a + 1 - width)
        we = a + 1
        i += 1
        while i < n and anchors[i] + 1 - width <= we + _MERGE_GAP:
            we = anchors[i] + 1
            i += 1
        end = we + width + LOOK_AHEAD
        while ws < we:
            m = pattern.search(text, ws, end)
            if m is None or m.start() >= we:
                break
            yield m
            pos = ws = m.end()


def lead_finditer(lead: re.Pattern[str], pattern: re.Pattern[str], text: str, pos: int = 0,
                  endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for a pattern whose matches are never empty, or
    always empty, and each start where ``lead`` matches: ``lead`` opens with a plain character
    class (the characters a match can open with) and checks what it can with look-behinds after
    that character, so ``re`` skips in C to the few places worth trying; ``pattern`` is then
    tried there alone. Look-behinds of both see the whole text, as finditer's do.
    """
    end = len(text) if endpos is None else endpos
    while pos <= end:
        h = lead.search(text, pos, end)
        if h is None:
            return
        p = h.start()
        m = pattern.match(text, p, end)
        if m is None:
            pos = p + 1
            continue
        yield m
        pos = m.end() if m.end() > p else p + 1


@lru_cache(maxsize=1)
def _cased_letters() -> str:
    """Every BMP character that some ASCII letter matches case-insensitively in ``re`` (the ASCII
    letters, "ſ" U+017F, "K" U+212A, ...)."""
    return "".join(sorted(set(re.findall("(?i)[a-z]", "".join(map(chr, range(0x10000)))))))


def case_variants(c: str) -> str:
    """Every character that ``c`` matches case-insensitively in ``re`` ("s" -> "Ssſ"; "ก" -> "ก")."""
    if not ("a" <= c.lower() <= "z"):
        pool = "".join(map(chr, range(0x10000))) if c.lower() != c.upper() else c
    else:
        pool = _cased_letters()
    return "".join(x for x in pool if re.fullmatch(f"(?i){re.escape(c)}", x))


def dispatch_words(words: Sequence[str], rest: Callable[[str], str], *,
                   before: str = "", flags: int = 0) -> re.Pattern[str]:
    """``dispatch_source`` compiled (with ``flags``, never re.IGNORECASE)."""
    return re.compile(dispatch_source(words, rest, before=before), flags)


def dispatch_source(words: Sequence[str], rest: Callable[[str], str], *, before: str = "") -> str:
    r"""The case-insensitive alternation ``(?i:{before}(?:rest(w1)|rest(w2)|...))`` with every
    alternative opening with its first character as a plain literal (one branch per case variant,
    grouped by that character in the original order; the rest case-insensitive; the look-behind
    ``before`` moved after the first character, ``(?<![A-Za-z])`` -> ``(?<![A-Za-z].)``), so that
    ``re`` skips every position whose character opens no word. Two branches with different first
    characters never match at one place, so the leftmost-first choice is kept. ``rest(w)`` is the
    pattern of word ``w`` after its first character ("nnex" of "Annex"); ``before`` is empty or
    negative look-behinds of one character each. Raises ValueError for a word opening with a
    character that is not a letter, digit or Thai character (callers keep the plain form)."""
    groups: dict[str, list[str]] = {}
    moved = re.sub(r"\(\?<!((?:[^()\\]|\\.)*)\)", r"(?<!\1.)", before)
    for w in words:
        c = w[0]
        if not (c.isalnum() or "\u0e01" <= c <= "\u0e5b"):
            raise ValueError(f"word {w!r} does not open with a letter or digit")
        for v in case_variants(c):
            groups.setdefault(v, []).append(rest(w))
    alts = [f"{re.escape(v)}(?i:{moved}(?:{'|'.join(rs)}))" for v, rs in groups.items()]
    return "|".join(alts) if alts else "(?!)"
