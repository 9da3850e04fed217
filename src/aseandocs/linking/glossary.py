"""The bilingual glossary (``models/glossary.yaml``): English and Thai terms of the same subject, so
that an English event finds a Thai measure and a Thai event an English one."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from .._data import load_data
from .terms import _terms, tokenize

__all__: list[str] = []

@dataclass(frozen=True, slots=True)
class _Gloss:
    en: tuple[str, ...]
    th: tuple[str, ...]


@lru_cache(maxsize=1)
def _glossary_raw() -> tuple[dict[str, Any], ...]:
    """The glossary's entries as written (with ``broad`` and ``part_of``: ``linking.evidence``)."""
    return tuple(load_data("glossary.yaml") or ())


@lru_cache(maxsize=1)
def _glossary() -> tuple[_Gloss, ...]:
    return tuple(_Gloss(tuple(str(x).lower() for x in e.get("en", [])),
                        tuple(str(x) for x in e.get("th", []))) for e in _glossary_raw())


@lru_cache(maxsize=1)
def _glossary_automata() -> "tuple[Any, Any] | None":
    """Aho-Corasick automata over the glossary's English and Thai terms (one pass over a text
    finds every term, overlapping ones included), or None when a term is empty."""
    import ahocorasick
    autos = []
    for side in ("en", "th"):
        a = ahocorasick.Automaton()
        for g in _glossary():
            for t in getattr(g, side):
                if not t:
                    return None
                a.add_word(t, t)
        a.make_automaton()
        autos.append(a)
    return autos[0], autos[1]


def _glossary_present(text: str, low: str) -> "tuple[set[str], set[str]] | None":
    """The English terms that occur in ``low`` as whole words (no ASCII letter right before or
    after: "tac" in "the TAC" but not in "contact") and the Thai terms in ``text``, less those
    found only inside a term of an entry that ``covers`` shorter ones (``_outermost``)."""
    found = _glossary_occurrences(text, low)
    return None if found is None else (_outermost(found[0]), _outermost(found[1]))


def _glossary_occurrences(text: str, low: str) -> "tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]] | None":
    """Every occurrence (start, end, term) of an English term in ``low`` as a whole word and of a
    Thai term in ``text``; None when the automata cannot be made."""
    autos = _glossary_automata()
    if autos is None:
        return None
    en: list[tuple[int, int, str]] = []
    for end, t in autos[0].iter(low):
        start = end - len(t) + 1
        if (start == 0 or not "a" <= low[start - 1] <= "z") and \
                (end + 1 == len(low) or not "a" <= low[end + 1] <= "z"):
            en.append((start, end + 1, t))
    return en, [(end - len(t) + 1, end + 1, t) for end, t in autos[1].iter(text)]


def _outermost(found: list[tuple[int, int, str]]) -> set[str]:
    """The terms of ``found`` with an occurrence that no longer term of a ``covers: true`` entry
    holds: the ICT entry's "information technology" and "การสื่อสาร" (communication) are not the
    "information" and "สื่อ" (media) inside them. Other entries' terms keep the shorter ones
    ("maritime" in "maritime security")."""
    covering = _covering_entries()
    if len(found) < 2 or not covering:
        return {t for _, _, t in found}
    where = _glossary_entries()
    found.sort()
    starts = [f[0] for f in found]
    reach = _longest_term()
    out: set[str] = set()
    for s, e, t in found:
        if t in out:
            continue
        mine = set(where.get(t, ()))
        # a cover starts at most one term's length before s (a bounded window per occurrence)
        lo, hi = bisect_left(starts, s - reach), bisect_right(starts, s)
        if not any(e <= e2 and e2 - s2 > e - s and not mine & set(where.get(t2, ()))
                   and covering & set(where.get(t2, ())) for s2, e2, t2 in found[lo:hi]):
            out.add(t)
    return out


@lru_cache(maxsize=1)
def _covering_entries() -> frozenset[int]:
    """The entries (by index) marked ``covers: true``."""
    return frozenset(i for i, e in enumerate(_glossary_raw()) if e.get("covers"))


@lru_cache(maxsize=1)
def _longest_term() -> int:
    return max((len(t) for g in _glossary() for t in (*g.en, *g.th)), default=0)


@lru_cache(maxsize=None)
def _gloss_expansion(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The query terms of a glossary side: its terms' words and bigrams, in order."""
    out: list[str] = []
    for t in terms:
        out.extend(_terms(tokenize(t)))
    return tuple(out)


@lru_cache(maxsize=1)
def broad_gloss_terms() -> frozenset[str]:
    """The query terms of the glossary's broad fields, both sides ("legal|system", "กฎหมาย"): in an
    instrument's name they say its field, not which instrument it is (a town-planning law's master
    plan is no step of a measure on legal systems)."""
    out: set[str] = set()
    for g, e in zip(_glossary(), _glossary_raw()):
        if e.get("broad"):
            out.update(_gloss_expansion(g.en))
            out.update(_gloss_expansion(g.th))
    return frozenset(out)


@lru_cache(maxsize=1)
def _glossary_entries() -> dict[str, tuple[int, ...]]:
    """The glossary entries (by index) that hold each term, English and Thai."""
    by_term: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(_glossary()):
        for t in (*g.en, *g.th):
            if not by_term[t] or by_term[t][-1] != i:
                by_term[t].append(i)
    return {t: tuple(ix) for t, ix in by_term.items()}


def _glossary_terms(text: str) -> tuple[list[str], list[str]]:
    """Words of the other language for glossary terms found in ``text``, and the terms found."""
    low = text.lower()
    extra: list[str] = []
    found: list[str] = []
    present = _glossary_present(text, low)
    entries: Iterable[_Gloss] = _glossary()
    if present is not None:   # only the entries some present term belongs to, in glossary order
        gloss, where = _glossary(), _glossary_entries()
        entries = [gloss[i] for i in sorted({i for t in (*present[0], *present[1]) for i in where.get(t, ())})]
    for g in entries:
        if present is None:
            en_hit = next((t for t in g.en if re.search(rf"(?<![a-z]){re.escape(t)}(?![a-z])", low)),
                          None)
            th_hit = next((t for t in g.th if t in text), None)
        else:
            en_hit = next((t for t in g.en if t in present[0]), None)
            th_hit = next((t for t in g.th if t in present[1]), None)
        if en_hit and not th_hit:
            extra.extend(_gloss_expansion(g.th))
            found.append(en_hit)
        elif th_hit and not en_hit:
            extra.extend(_gloss_expansion(g.en))
            found.append(th_hit)
    return extra, found
