"""Finding item refs in plan text and choosing the ones that are measures.

Private to aseandocs.plans. ``find_candidates`` finds every number that could open an item and
drops the ones its context rules out (counts, years, decimals, cross-references);
``select_items`` walks them in order and keeps the ones that follow plausibly from the item before
(next sibling, first child, next sibling of an ancestor), scoping each list by its heading::

    >>> [c.ref for c in find_candidates("1.1 พัฒนาการทางการเมือง 1.1.1 ส่งเสริมความเข้าใจ", [])]
    ['1.1', '1.1.1']
    >>> [c.ref for c in find_candidates("A.1.1. Promote understanding of ASEAN", [])]
    ['A.1.1']
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Callable

from .._fastre import lead_finditer
from .cues import unit_re, word_sets

# An item ref, with its end punctuation. Digits are spelled [0-9] (never \d, which would also
# match Thai digits); quantifiers are possessive so a run like "1.1.1.1…" or "29.11.2004" fails in
# one pass instead of backtracking. Alternatives:
#   paren   "(4)", "(iv)", "(a)"                 — a list item (line start only)
#   num     "1", "1.2", "1.2.5", "10.4" + "." or ")" — "๑.๒.๕" after digit folding, "4.", "4)"
#   let     "A.1", "A.1.1", "A.1.1.i", "B.2."    — blueprint refs
#   alnum   "D2.2", "B1", "C3.1.2"               — alphanumeric refs (a letter glued to numbers)
#   letter  "A."                                 — a lettered heading (line start only)
#   sub     "i.", "iv)", "a."                    — a sub-item (line start only)
# Must not match inside "29.11.2004", "1234", "4.0", "1.05", "v1.2", "U.S.", "e.g.", "2.5%",
# "ASEAN-5" (the lookbehind and lookahead guard both ends).
ITEM_REF = re.compile(
    r"(?<![0-9A-Za-z.,/:\-–])"
    r"(?:\((?P<paren>[1-9][0-9]?|[ivx]{1,5}|[a-z])\)"
    r"|(?P<num>[1-9][0-9]{0,2}+(?:\.[1-9][0-9]{0,2}+){0,5}+)(?P<num_end>[.)])?+"
    r"|(?P<let>[A-Z](?:\.[1-9][0-9]?+){1,5}+(?:\.(?:[ivx]{1,5}|[a-z])(?![A-Za-z]))?+)\.?+"
    r"|(?P<alnum>[A-Z][1-9][0-9]?+(?:\.[1-9][0-9]?+){0,4}+)\.?+"
    r"|(?P<letter>[A-Z])\."
    r"|(?P<sub>[ivx]{1,5}|[a-z])[.)])"
    r"(?![0-9A-Za-z%]|[.,][0-9A-Za-z])"
)
# Where an ITEM_REF match can start: "(", a digit or a letter not after a letter, digit or one of
# ".,/:-–" (``_fastre.lead_finditer``: ``re`` skips the Thai text between them in C).
_ITEM_LEAD = re.compile(r"[(1-9A-Za-z](?<![0-9A-Za-z.,/:\-–].)")

# The word before a candidate: the run of non-space characters ending where it starts, across
# spaces and at most one line break. "ตามที่ระบุในข้อ 1.1.1" gives "ตามที่ระบุในข้อ", "see 1.2.3"
# gives "see", "as set out in\n1.1.1" gives "in". Must not reach over a blank line ("ข้อ\n\n1.").
PREV_WORD = re.compile(r"(?P<word>\S+)[ \t]*\n?[ \t]*\Z")

# Thai letters that can start a word (consonants and leading vowels เ แ โ ใ ไ), or a Latin letter,
# or an opening bracket/quote: what a title starts with. "ส่งเสริม", "Promote", "(ASEAN", "“".
# Must not match a digit ("2.5 3"), a dash ("1.1 - 1.3") or a Thai mark that cannot start a word.
TITLE_START = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44A-Za-z(\"“‘'\u0e2f]")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
          "x": 10, "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}
# Any Thai letter or mark (U+0E01 ก .. U+0E4E ๎): a ref right after one is glued to a Thai word.
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
# A number and a dash just before a candidate: "2553 - 2558", "1.1–1.3" (a range, not an item).
# Must not match "ASEAN - 1.2" (no number before the dash).
_RANGE_DASH = re.compile(r"[0-9][ \t]*[-–][ \t]*\Z")
# A line this long on both sides of an item is a flattened page: "(4)" and "4)" may open items
# inside it, as they do at a line start elsewhere.
_FLAT_REACH = 500


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible item: where its ref lies, the ref as written (ASCII) and its numeric key."""

    start: int
    end: int            # end of the ref and its punctuation
    ref: str
    key: tuple[int, ...]
    kind: str           # "n" numbered, "L" lettered, "sub" a/i sub-item
    form: str           # "dotted", "list", "paren", "let", "sub"
    line_start: bool
    label: str = ""     # the sub-item label ("i", "a") for kind "sub"
    after_furniture: bool = False   # right after a heading or table header ("Ref | Measures 1.1")
    cited: bool = False     # starts a line after a citing word that ends the line before


@dataclass(slots=True)
class Scan:
    """What find_candidates saw: candidates and cross-references (offset, ref)."""

    candidates: list[Candidate] = field(default_factory=list)
    references: list[tuple[int, str]] = field(default_factory=list)


def _line_start(text: str, start: int) -> tuple[bool, bool]:
    """(starts a line, preceded by a lone "ข้อ" that starts the line: "ข้อ 3 ...").

    Looks back over at most a few characters, so a long flattened line costs nothing.
    """
    j = start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] == "\n":
        return True, False
    if text.endswith("ข้อ", 0, j + 1):
        k = j - 3
        while k >= 0 and text[k] in " \t":
            k -= 1
        if k < 0 or text[k] == "\n":
            return True, True
    return False, False


def _prev_word(text: str, start: int) -> str:
    """``PREV_WORD.search(text, start - 60, start)``'s word ("" for none), found by walking back
    from ``start`` (the search tries every position of the 60 characters, each running to the end)::

        >>> _prev_word("ตามที่ระบุในข้อ  \\n 1.1", 19), _prev_word("a\\n\\n1.1", 3)
        ('ตามที่ระบุในข้อ', '')
    """
    lo = max(0, start - 60)
    j = start
    while j > lo and text[j - 1] in " \t":
        j -= 1
    if j > lo and text[j - 1] == "\n":
        j -= 1
        while j > lo and text[j - 1] in " \t":
            j -= 1
    if j <= lo or text[j - 1].isspace():
        return ""
    i = j - 1
    while i > lo and not text[i - 1].isspace():
        i -= 1
    return text[i:j]


def _is_reference(prev: str, glued: bool) -> bool:
    words = word_sets()["reference_cues"]
    p = prev.casefold().rstrip("(")
    if p.endswith("หัวข้อ"):
        return False        # "หัวข้อ" (topic) heads a list, it cites nothing
    if glued:
        return p.endswith("ข้อ")
    if p in words:
        return True
    return bool(_THAI_LETTER.match(p[-1:])) and (p.endswith("ข้อ") or p.endswith("ข้อที่"))


def _is_number_context(prev: str) -> bool:
    """Is ``prev`` a word after which a number counts or dates something ("ครั้งที่", "Figure")?

    Latin cues and short Thai ones ("ที่", "ปี") must be the whole word; longer Thai cues may end
    a longer word, since Thai writes no spaces ("ผลการประชุมครั้งที่ 2.1").
    """
    p = prev.casefold().rstrip("(")
    cues = word_sets()["number_cues"]
    if p in cues:
        return True
    return bool(_THAI_LETTER.match(p[-1:])) and any(
        len(w) >= 4 and p.endswith(w) for w in cues if _THAI_LETTER.match(w))


def _title_follows(text: str, end: int, line_start: bool, units: bool = True) -> bool:
    """Does a title start after the ref ending at ``end``? Not a unit word ("11 ราย", "5 ปี"),
    unless ``units`` is False (a parenthesised "(3) รายได้..." counts nothing)."""
    i = end
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i < n and text[i] == "\n" and line_start:
        i += 1
    if i >= n or not TITLE_START.match(text, i):
        return False
    return not units or not unit_re().match(text, i)


def _in_long_line(text: str, i: int, reach: int = _FLAT_REACH) -> bool:
    """Is offset ``i`` inside a flattened line (no line break within ``reach`` either side)?"""
    return (len(text) > 2 * reach and text.rfind("\n", max(0, i - reach), i) < 0
            and text.find("\n", i, i + reach) < 0)


def _candidate(m: re.Match[str], text: str, raw: str = "") -> Candidate | None:
    start, end = m.span()
    line_start, after_kho = _line_start(text, start)
    g = m.groupdict()
    if g["num"]:
        parts = g["num"].split(".")
        key = tuple(int(p) for p in parts)
        punct = g["num_end"]
        if len(parts) == 1:
            if punct is None and line_start and raw[start:start + 1] in _THAI_DIGITS \
                    and text[end:end + 1] in " \t":
                form = "list"       # "๑ ส่งเสริม...": a bare Thai digit opening a line
            elif punct == ")":
                if not line_start and not _in_long_line(text, start):
                    return None
                form = "paren" if line_start else "list"
            elif punct == "." or after_kho:
                form = "list"
            else:
                return None         # a bare number: a count ("11 สาขา") or a year
            if key[0] > 199:
                return None
        else:
            form = "dotted"
        return Candidate(start, end, g["num"], key, "n", form, line_start)
    if g["paren"]:
        lab = g["paren"]
        if lab.isdigit() and not line_start and _in_long_line(text, start):
            return Candidate(start, end, lab, (int(lab),), "n", "list", False)
        if not line_start:
            return None
        if lab.isdigit():
            return Candidate(start, end, lab, (int(lab),), "n", "paren", True)
        return Candidate(start, end, lab, (), "sub", "sub", True, label=lab)
    if g["let"]:
        parts = g["let"].split(".")
        key = [ord(parts[0]) - 64]
        for p in parts[1:]:
            key.append(int(p) if p.isdigit() else _ROMAN.get(p, ord(p[0]) - 96))
        return Candidate(start, end, g["let"], tuple(key), "L", "let", line_start)
    if g["alnum"]:
        # "D2.2": the letter and the first number make one level (D2 is the parent of D2.2)
        parts = g["alnum"][1:].split(".")
        key = ((ord(g["alnum"][0]) - 64) * 1000 + int(parts[0]),) + tuple(int(p) for p in parts[1:])
        return Candidate(start, end, g["alnum"], key, "L", "let", line_start)
    if g["letter"]:
        if not line_start:
            return None
        return Candidate(start, end, g["letter"], (ord(g["letter"]) - 64,), "L", "let", True)
    if g["sub"] and line_start:
        return Candidate(start, end, g["sub"], (), "sub", "sub", True, label=g["sub"])
    if g["sub"] and g["sub"] in _ROMAN and text[start - 1:start] in " \t":
        # roman sub-items run into their measure's line: "มาตรการ: i. ... ii. ... iii. ..."
        return Candidate(start, end, g["sub"], (), "sub", "sub", False, label=g["sub"])
    return None


def find_candidates(text: str, blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Every plausible item ref of ``text`` (ASCII digits) outside the ``blocked`` spans."""
    return scan(text, blocked).candidates


def _covered(spans: list[tuple[int, int]], starts: list[int], i: int) -> bool:
    k = bisect_right(starts, i) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _word_before(text: str, start: int, blocked: list[tuple[int, int]], bstarts: list[int]
                 ) -> tuple[str, bool]:
    """The word before a candidate, and whether the candidate is glued to it.

    Glued to a Thai word ("การก่อการร้าย1.2.6"): that word, which only counts if it ends in
    "ข้อ" ("ตามข้อ1.1"). Otherwise the previous word across spaces and one line break, or ""
    when that word is page furniture ("Ref | Measures 1.1": "Measures" cites nothing).
    """
    if start > 0 and _THAI_LETTER.match(text[start - 1]):
        lo = max(0, start - 60)
        ls = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), lo - 1) + 1
        return text[ls:start], True
    prev = _prev_word(text, start)
    if prev:
        j = start - 1
        while j > 0 and text[j].isspace():
            j -= 1
        if _covered(blocked, bstarts, j):
            return "", False
    return prev, False


_THAI_DIGITS = frozenset("๐๑๒๓๔๕๖๗๘๙")


def scan(text: str, blocked: list[tuple[int, int]], raw: str = "") -> Scan:
    """Candidates and cross-references of ``text``; see find_candidates.

    ``blocked`` spans (sorted, disjoint: page furniture) hold no candidate, and a word in them is
    not the word before a candidate ("Ref | Measures 1.1 …": "Measures" cites nothing).
    ``raw`` is the text before digit folding (same offsets): a bare Thai digit opening a line
    ("๑ ส่งเสริม...") is an item there.
    """
    out = Scan()
    bi = 0
    blocked = sorted(blocked)
    bstarts = [b[0] for b in blocked]
    last_ref_end = -100
    for m in lead_finditer(_ITEM_LEAD, ITEM_REF, text):
        start = m.start()
        while bi < len(blocked) and blocked[bi][1] <= start:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= start:
            continue
        c = _candidate(m, text, raw)
        if c is None:
            continue
        prev, glued = _word_before(text, start, blocked, bstarts)
        if not prev and not glued and not c.line_start:
            c = replace(c, after_furniture=True)
        numbered_clause = c.line_start and prev == "ข้อ" and not glued
        if c.form in ("dotted", "list", "let") and prev and not numbered_clause:
            p = prev.casefold()
            chained = start - last_ref_end < 12 and (
                p in {"and", "or", "และ", "หรือ", "ถึง", "to", "-", "–"} or p.endswith(","))
            if _is_reference(prev, glued) or chained:
                last_ref_end = m.end()
                if c.line_start and _title_follows(text, c.end, True):
                    # The citing word ends the line before: "…confidence building measures\n
                    # B.1.1 Strengthen…" is an item after a title, "…as set out in\n1.1.1 to
                    # raise…" a wrapped citation. select_items decides by the numbering.
                    out.candidates.append(replace(c, cited=True))
                else:
                    out.references.append((start, c.ref))
                continue
        if not c.line_start and prev and not glued:
            if _is_number_context(prev) or _RANGE_DASH.search(text, max(0, start - 8), start):
                continue
        if not _title_follows(text, c.end, c.line_start, units=c.form != "paren"):
            continue
        out.candidates.append(c)
    return out


# --- choosing the items ---------------------------------------------------------------------


def plausible(prev: tuple[int, ...], cur: tuple[int, ...]) -> bool:
    """Does ``cur`` follow ``prev``: next sibling, first child, or next sibling of an ancestor?

    Small skips are allowed (a sibling up to 3 on, a first child numbered 1 or 2, at most two
    new levels opened at once, the first numbered 1 or 2 and the next 1): (1,1,6) -> (1,2),
    (1,5,3) -> (2,1) and (1,1,2) -> (2,2) are plausible; (1,2,5) -> (1,1,1) and (7,) -> (1,)
    are not.
    """
    for k in range(len(prev) + 1):
        if cur[:k] != prev[:k] or len(cur) <= k:
            return False
        if k < len(prev):
            ok = 1 <= cur[k] - prev[k] <= 3
        else:
            ok = 1 <= cur[k] <= 2
        rest = cur[k + 1:]
        if ok and len(rest) <= 2 and all(x == 1 for x in rest[1:]) and (not rest or rest[0] <= 2):
            return True
    return False


def start_like(key: tuple[int, ...]) -> bool:
    """Can ``key`` open a list: "1.", "2.1", "A.1", "1.1.1" (every level after the first is 1)."""
    if len(key) == 1:
        return key[0] <= 2
    return all(x == 1 for x in key[1:])


@dataclass(frozen=True, slots=True)
class Item:
    """An accepted item: its candidate, the scope it belongs to, its final ref and parent."""

    cand: Candidate
    scope: int          # index into the scope list given to select_items (or a new implicit one)
    ref: str
    parent: str | None
    level: int


def _sub_value(label: str, sub_prev: tuple[str, int] | None) -> tuple[str, int] | None:
    """The (numbering, value) of a sub-item label following ``sub_prev``, or None if it does not.

    "i" opens a roman list and "a" a lettered one; "ii" follows roman "i", "b" follows "a",
    and "i" after "h" is the letter i.
    """
    readings = []
    if label in _ROMAN:
        readings.append(("roman", _ROMAN[label]))
    if len(label) == 1:
        readings.append(("alpha", ord(label) - 96))
    for kind, value in readings:
        if sub_prev is None and value == 1:
            return kind, value
        if sub_prev is not None and kind == sub_prev[0] and 1 <= value - sub_prev[1] <= 2:
            return kind, value
    return None


def select_items(cands: list[Candidate], scope_of: list[int],
                 new_scope: Callable[[Candidate], int]) -> list[Item]:
    """Keep the candidates that form plausible numbered lists; see the module docstring.

    ``scope_of[i]`` is the heading scope of ``cands[i]``; ``new_scope(c)`` opens an implicit scope
    (numbering restarts at ``c`` without a heading cue) and returns its index. Sub-items ("i.",
    "a.") hang under the last numbered item (the anchor) and get its ref as a prefix.
    """
    items: list[Item] = []
    prev: dict[str, tuple[int, ...]] = {}      # last key accepted, per kind ("n", "L")
    anchor: Item | None = None
    sub_prev: tuple[str, int] | None = None
    multi_in_scope = False
    main: Item | None = None                   # the last numbered item (paren lists hang under it)
    paren_prev: tuple[int, ...] | None = None  # the last line-start "1)" / "(1)" under ``main``
    cur_scope = cue_scope = -1
    for i, c in enumerate(cands):
        if scope_of[i] != cue_scope:
            prev, anchor, sub_prev, multi_in_scope = {}, None, None, False
            main, paren_prev = None, None
            cur_scope = cue_scope = scope_of[i]
        if c.kind == "sub":
            v = _sub_value(c.label, sub_prev) if anchor is not None else None
            if anchor is not None and v is not None:
                sub_prev = v
                items.append(Item(c, cur_scope, f"{anchor.ref}.{c.label}", anchor.ref,
                                  anchor.level + 1))
            continue
        if c.form == "paren" and multi_in_scope:
            # "(1)" inside a dotted plan is text of its measure, unless a list of them opens at
            # line starts under a numbered item ("3.3 ... ดังนี้\n1) ...\n2) ..."): a deeper level
            if c.line_start and main is not None and len(c.key) == 1 and (
                    c.key == (1,) if paren_prev is None else plausible(paren_prev, c.key)):
                paren_prev = c.key
                items.append(Item(c, cur_scope, c.ref, main.ref, main.level + 1))
            continue
        p = prev.get(c.kind)
        strong = c.line_start or len(c.key) > 1
        accept = False
        if c.cited:         # a possible citation: an item only where the numbering goes on
            accept = p is not None and plausible(p, c.key)
        elif p is None:       # the first item of a list: a line start, or followed by its list
            if _supported(cands, scope_of, i, c):
                accept = strong or c.form == "list"
            else:
                accept = (c.line_start or c.after_furniture) and (
                    len(c.key) > 1 or start_like(c.key))
        elif plausible(p, c.key):
            accept = True
        elif c.line_start and start_like(c.key) and (
                c.key != p[:len(c.key)] or c.key == p and _supported(cands, scope_of, i, c)):
            # numbering restarts under a heading line, or a ref repeats at line start and its
            # list goes on ("1. เรื่อง ...\nสาระสำคัญ\n1. กำหนด...\n2. ..."): a deeper list
            cur_scope = new_scope(c)
            prev, anchor, sub_prev, multi_in_scope = {}, None, None, False
            accept = True
        elif strong and _resyncs(cands, scope_of, i, c, p):
            accept = True
        if not accept:
            continue
        prev[c.kind] = c.key
        multi_in_scope = multi_in_scope or len(c.key) > 1
        parent = c.ref.rsplit(".", 1)[0] if "." in c.ref else None
        item = Item(c, cur_scope, c.ref, parent, len(c.key))
        items.append(item)
        anchor, sub_prev = item, None
        main, paren_prev = item, None
    return items


def _next_main(cands: list[Candidate], scope_of: list[int], i: int, n: int = 3):
    out = []
    for j in range(i + 1, len(cands)):
        if scope_of[j] != scope_of[i]:
            break
        if cands[j].kind != "sub":
            out.append(cands[j])
            if len(out) == n:
                break
    return out


def _supported(cands: list[Candidate], scope_of: list[int], i: int, c: Candidate) -> bool:
    """Does one of the next few candidates follow plausibly from ``c``?"""
    return any(d.kind == c.kind and plausible(c.key, d.key)
               for d in _next_main(cands, scope_of, i))


def _resyncs(cands: list[Candidate], scope_of: list[int], i: int, c: Candidate,
             prev: tuple[int, ...]) -> bool:
    """Does the list go on from ``c`` rather than from ``prev``? (The next candidate follows ``c``
    and not ``prev``: "1.2" then "1.2.5", "1.2.6" is an excerpt that starts mid-list.)"""
    nxt = _next_main(cands, scope_of, i, 1)
    if not nxt:     # the last item: a dotted line in the same family ("1.2" then "1.2.5")
        return c.line_start and len(c.key) > 1 and c.key[:-1] == prev[:len(c.key) - 1]
    return nxt[0].kind == c.kind and plausible(c.key, nxt[0].key) and \
        not plausible(prev, nxt[0].key)
