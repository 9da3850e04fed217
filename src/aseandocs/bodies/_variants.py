"""Thai name variants generated from each registry name.

A Thai body name is written with or without "การประชุม" / "ที่ประชุม" in front and with "ด้าน" or
"ว่าด้วย" inside; the registry lists one or two forms and the rest are generated here::

    >>> sorted(thai_variants("การประชุมเจ้าหน้าที่อาวุโสด้านกฎหมายอาเซียน"))[:2]
    ['การประชุมเจ้าหน้าที่อาวุโสด้านกฎหมายอาเซียน', 'การประชุมเจ้าหน้าที่อาวุโสว่าด้วยกฎหมายอาเซียน']

English names get no variants (fuzzy matching covers "Defense"/"Defence").
"""
from __future__ import annotations

import re
from itertools import product
from typing import Iterable

from rapidfuzz import fuzz

from ._fold import fold_name
from ._lexicon import lexicon

__all__ = ["thai_variants", "plausible_variant"]


def _alternations(name: str) -> set[str]:
    """Every way of writing ``name`` with each alternating word swapped or not (at most 8)."""
    out = {name}
    for a, b in lexicon().thai_alternations:
        nxt: set[str] = set()
        for n in out:
            # split on both words; each gap may take either word
            parts: list[str] = []
            seps = 0
            rest = n
            while True:
                ia, ib = rest.find(a), rest.find(b)
                cands = [(i, w) for i, w in ((ia, a), (ib, b)) if i >= 0]
                if not cands:
                    parts.append(rest)
                    break
                i, w = min(cands)
                parts.append(rest[:i])
                rest = rest[i + len(w):]
                seps += 1
            if seps == 0 or seps > 3:
                nxt.add(n)
                continue
            for choice in product((a, b), repeat=seps):
                s = parts[0]
                for w, p in zip(choice, parts[1:]):
                    s += w + p
                nxt.add(s)
        out = nxt
    return out


def thai_variants(name: str) -> set[str]:
    """The folded forms of a Thai registry name: itself, with/without prefixes, alternations."""
    lex = lexicon()
    base = fold_name(name)
    stripped = False
    for p in lex.thai_prefixes:
        if base.startswith(p):
            base = base[len(p):]
            stripped = True
            break
    # "เจ้าหน้าที่อาวุโสอาเซียน" alone is people; "เจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ" is the body
    topical = any(w in base for pair in lex.thai_alternations for w in pair)
    bare_ok = (len(base) >= lex.min_bare_thai_length
               and not (stripped and base.startswith(lex.thai_people_heads) and not topical))
    forms = {fold_name(name)}
    for b in _alternations(base):
        if bare_ok:
            forms.add(b)
        forms.update(p + b for p in lex.thai_prefixes)
    return forms


def plausible_variant(alias: str, found: str) -> bool:
    """Spelling variants differ in a letter or two ("defence"/"defense") or by an inserted word
    ("คณะกรรมการประจำของอาเซียน"); names of different bodies differ by a whole word put in
    place of another ("...ด้านป่าไม้" / "...ด้านแร่", "on Energy" / "on Health")."""
    p = 0
    while p < min(len(alias), len(found)) and alias[p] == found[p]:
        p += 1
    q = 0
    while q < min(len(alias), len(found)) - p and alias[-1 - q] == found[-1 - q]:
        q += 1
    a, b = alias[p:len(alias) - q], found[p:len(found) - q]
    return not (a and b and max(len(a), len(b)) >= 4 and fuzz.ratio(a, b) < 50)


_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
# Words no name is told apart by ("the ASEAN ...", "Ministers' Meeting" -> "s").
_FUNCTION_WORDS = frozenset("the of on and for in to a an at s".split())
# A word this short is an acronym or a name, not a misspelling: it must be one of the names' words
# ("SEA" is no spelling of "ASEAN", "UK" none of "EU").
_SHORT = 4


def words_fit(found: str, names: Iterable[str]) -> bool:
    """True when every word of an English ``found`` text is a word of the body's ``names`` or a
    spelling variant of one (ratio >= 70): a partner's, a country's or a sector's word put in
    place of another names another body ("ASEAN-UK Summit" is not the ASEAN-EU Summit)::

        >>> words_fit("ASEAN-UK Summit", ["ASEAN-EU Summit"])
        False
        >>> words_fit("ASEAN Defense Minister Meeting", ["ASEAN Defence Ministers' Meeting"])
        True
        >>> words_fit("SEA Regional Forum", ["ASEAN Regional Forum"])   # OECD's, not ASEAN's
        False
    """
    known = {w.lower() for n in names for w in _LATIN_WORD.findall(n)} | _FUNCTION_WORDS
    return all(w in known or (len(w) > _SHORT and any(fuzz.ratio(w, k) >= 70 for k in known))
               for w in (x.lower() for x in _LATIN_WORD.findall(found)))
