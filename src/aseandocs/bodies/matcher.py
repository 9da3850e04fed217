"""Recognising ASEAN bodies in normalised text (``aseandocs.thai.normalize(raw).text``).

Three passes, then one choice of non-overlapping mentions:

1. exact: every registry name, acronym and generated Thai variant in one Aho-Corasick pass over
   folded text (so a line wrap inside a Thai name does not matter); shared acronyms ("ASC", "ADF")
   are settled from the words around them or dropped;
2. pattern: "ชื่อไทย (English Name: ACR)" and its kin, one mention for name and parenthesis;
3. fuzzy: spelling variants in windows around anchors ("Defense"/"Defence"); the anchors
   ("การประชุม", "Meeting") come out of the same Aho-Corasick pass as the exact names.

Patterns beat exact matches, exact beat fuzzy; among equals the longest wins, so
"ASEAN Senior Officials Meeting on Transnational Crime" is SOMTC only, never also ASEAN-SOM::

    >>> [m.body for m in find_bodies("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ")]
    ['SOMTC']
    >>> [m.body for m in find_bodies("the ASEAN Centre for Energy (ACE) and PEACE")]
    ['ACE']
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from ._automaton import Hit, automaton_for
from ._context import resolve_shared
from ._fold import fold_name, fold_runs, is_thai
from ._fuzzy import fuzzy_mentions
from ._lexicon import lexicon
from ._patterns import pattern_mentions
from .registry import BodyRegistry

__all__ = ["find_bodies"]

_RANK = {"pattern": 0, "alias": 1, "acronym": 1, "fuzzy": 2}
_DASHES = "-–—"


def _select(cands: list[Mention], occupied: bytearray) -> list[Mention]:
    """Non-overlapping mentions: better method first, then surer, then longer, then earlier."""
    chosen = []
    for m in sorted(cands, key=lambda m: (_RANK.get(m.method, 3), -m.score, m.span[0] - m.span[1],
                                          m.span[0])):
        s, e = m.span
        if e <= s or occupied.find(1, s, e) != -1:
            continue
        occupied[s:e] = b"\x01" * (e - s)
        chosen.append(m)
    return chosen


def _continued(text: str, end: int, thai: bool) -> bool:
    """Whether a name ending at ``end`` is only the head of a longer name."""
    lex = lexicon()
    if thai:
        # "...อาเซียน-สหรัฐฯ" (a partner joined by a dash), "...อาเซียนด้านสิ่งแวดล้อม"
        if end + 1 < len(text) and text[end] in _DASHES and is_thai(text[end + 1]):
            return True
        return text.startswith(lex.exact_thai_continuations, end)
    words = text[end:end + 40].split(maxsplit=2)
    return (len(words) >= 2 and words[0].lower() in lex.exact_english_continuations
            and words[1][:1].isupper())


def _owned_by_another(text: str, alias: str, end: int) -> bool:
    """Whether a Thai name without ASEAN's own, ending at ``end``, is another organisation's or a
    country's: "เจ้าหน้าที่อาวุโสด้านการศึกษา" + "ของอาเซม" (ASEM's senior education officials)."""
    lex = lexicon()
    if "อาเซียน" in alias or not lex.thai_owner_words:
        return False
    rest = text[end:end + 40].lstrip(" ")
    for w in lex.thai_owner_words:
        if rest.startswith(w):
            owner = rest[len(w):].lstrip(" ")
            return bool(owner) and is_thai(owner[0]) and not owner.startswith(lex.thai_asean_owners)
    return False


#: After a level word, one item of a list of levels and its conjunction ("ระดับรัฐมนตรี และ").
_LEVEL_ITEM = re.compile(r"[\u0e00-\u0e7f]{1,25}[ ]*(?:,|และ|หรือ)[ ]*\Z")
_LEVEL_AFTER = re.compile(r"(?:'s?|s')?[ -]?level\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _says_who_sits(alias: str) -> bool:
    """Whether a name, ASEAN's aside, is only a ``level_roles`` word ("เจ้าหน้าที่อาวุโสอาเซียน")."""
    return fold_name(alias.replace("อาเซียน", "")).replace("asean", "").strip() in lexicon().level_roles


def _a_level(text: str, alias: str, start: int, end: int) -> bool:
    """Whether a name that says only who sits (``level_roles``: "เจ้าหน้าที่อาวุโสอาเซียน") names a
    level here: after "ระดับ" (or after another level of a list opened by it), or before "level"."""
    if not _says_who_sits(alias):
        return False
    lex = lexicon()
    if _LEVEL_AFTER.match(text, end):
        return True
    before = text[max(0, start - 40):start]
    at = before.rfind(lex.thai_level_word)
    if at < 0:
        return False
    gap = before[at + len(lex.thai_level_word):]
    return gap.strip() == "" or _LEVEL_ITEM.match(gap.lstrip()) is not None


def _exact(hits: list[Hit], text: str, registry: BodyRegistry) -> list[Mention]:
    out = []
    for h in hits:
        e = h.entry
        if e.method == "alias" and _continued(text, h.end, is_thai(e.pattern[-1])):
            continue
        if e.method == "alias" and is_thai(e.pattern[-1]) and _owned_by_another(text, e.pattern, h.end):
            continue
        if _a_level(text, text[h.start:h.end], h.start, h.end):
            continue
        if e.ambiguous or len(e.bodies) > 1:
            bid = resolve_shared(registry, e.pattern, e.bodies, text, (h.start, h.end))
            if bid is None:
                continue
        else:
            bid = e.bodies[0]
        out.append(Mention(bid, text[h.start:h.end], (h.start, h.end), e.method, 1.0))
    return out


def find_bodies(text: str, registry: BodyRegistry | None = None, *, fuzzy: bool = True) -> list[Mention]:
    """The body mentions in ``text``, sorted by span and non-overlapping.

    ``text`` is normalised text; spans index it. ``registry`` defaults to the packaged one.
    ``fuzzy=False`` skips the fuzzy pass (exact and pattern mentions only).

    >>> find_bodies("ศูนย์พลังงานอาเซียน (ASEAN Centre for Energy)")[0].method
    'pattern'
    """
    if registry is None:
        registry = BodyRegistry.load()
    if not text:
        return []
    folded, offsets = fold_runs(text)
    hits, anchors = automaton_for(registry).scan(text, folded, offsets)
    exact = _select(_exact(hits, text, registry), bytearray(len(text)))
    patterns = pattern_mentions(text, registry, {m.span[1]: m for m in exact})
    occupied = bytearray(len(text))
    chosen = _select(patterns + exact, occupied)
    if fuzzy:
        chosen += _select(fuzzy_mentions(text, folded, offsets, registry, occupied, anchors), occupied)
    return sorted(chosen, key=lambda m: m.span)
