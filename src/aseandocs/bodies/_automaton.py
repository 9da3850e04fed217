"""The Aho-Corasick automaton over every folded alias of a registry (built once, cached).

One pass over the folded text yields every exact alias occurrence; ``scan`` keeps those with
Latin word boundaries ("SOM" not inside "SOMTC", "ACE" not inside "PEACE") and acronyms written in
their own case ("ACE", not "ace"). The same pass finds the anchors the fuzzy pass starts from
("การประชุม", "คณะกรรมการ", "meeting", "forum"), so no other scan of the text is needed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from ._fold import alias_key, fold_name, is_latin_alnum, is_thai
from ._lexicon import lexicon
from ._variants import thai_variants

if TYPE_CHECKING:
    from .registry import BodyRegistry

__all__ = ["Entry", "Hit", "Anchors", "Automaton", "automaton_for"]

# The characters ``is_latin_alnum`` accepts, as a set: a word boundary test per hit, no call.
_LATIN_ALNUM = frozenset(chr(c) for c in range(0x250) if is_latin_alnum(chr(c)))
# What may not follow an English anchor: "forum" in "asean disabilities forum" and
# "asean regionalforum" is one; in "forums" or "forumlike" it is not.
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

#: Anchor spans in the folded text, by script ("th", "en"): the leftmost-longest, non-overlapping
#: occurrences, as ``re.finditer`` over an alternation of the anchors would give them.
Anchors = dict[str, list[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class Entry:
    """A folded alias: the bodies it names (several when shared), how, and its case-exact form."""

    pattern: str
    bodies: tuple[str, ...]
    method: str                 # "alias" | "acronym"
    priority: int               # 0 registry name, 1 generated Thai variant
    ambiguous: bool
    exact_case: str | None      # acronyms must be written like this ("ACE")


class Hit(NamedTuple):
    """An exact alias occurrence: folded span, original span, its entry (a named tuple: one is
    made per occurrence, and a tuple is made three times faster than a frozen dataclass)."""

    fstart: int
    fend: int
    start: int
    end: int
    entry: Entry


def _is_acronym(name: str) -> bool:
    """"SOMTC", "ASEAN-IPR", "AHA" are acronyms; "AHA Centre" and "Troika" are not."""
    letters = [c for c in name if c.isalpha()]
    return (" " not in name and len(name) <= 14 and sum(c.isupper() for c in letters) >= 2
            and all(c.isupper() or not c.isalpha() for c in name[:2]))


class Automaton:
    """Every alias of a registry in one Aho-Corasick automaton."""

    def __init__(self, registry: "BodyRegistry") -> None:
        lex = lexicon()
        table: dict[str, Entry] = {}
        dropped: set[str] = set()

        def add(name: str, pattern: str, body: str, priority: int, ambiguous: bool) -> None:
            if not pattern or alias_key(pattern) in lex.generic_keys or pattern in dropped:
                return
            acr = _is_acronym(name) and not any(is_thai(c) for c in name)
            new = Entry(pattern, (body,), "acronym" if acr else "alias", priority, ambiguous,
                        name.strip() if acr else None)
            old = table.get(pattern)
            if old is None:
                table[pattern] = new
            elif body in old.bodies:
                if priority < old.priority:
                    table[pattern] = Entry(pattern, old.bodies, old.method, priority, old.ambiguous,
                                           old.exact_case)
            elif old.ambiguous and ambiguous:
                table[pattern] = Entry(pattern, old.bodies + (body,), old.method,
                                       min(priority, old.priority), True, old.exact_case)
            elif priority < old.priority:
                table[pattern] = new
            elif priority == old.priority == 1:
                # a generated variant two bodies share: unusable
                del table[pattern]
                dropped.add(pattern)

        for b in registry:
            amb = {alias_key(a) for a in b.ambiguous}
            for name in b.names:
                add(name, fold_name(name), b.id, 0, alias_key(name) in amb)
            for name in b.th:
                if alias_key(name) in amb:
                    continue
                for v in thai_variants(name):
                    add(name, v, b.id, 1, False)
        self.entries = table
        # pattern -> (entry or None, starts with a Latin letter or digit, ends with one, the
        # letters of an acronym's written case, anchor script or None, length): what the checks
        # of ``scan`` need, worked out once
        values: dict[str, tuple] = {}
        for p, e in table.items():
            case = [c for c in e.exact_case if c.isalnum()] if e.exact_case is not None else None
            values[p] = (e, is_latin_alnum(p[0]), is_latin_alnum(p[-1]), case, None, len(p))
        for script, anchors in (("th", lex.thai_anchors), ("en", lex.english_anchors)):
            for a in anchors:
                e, first, last, case, _, _ = values.get(a, (None, False, False, None, None, 0))
                values[a] = (e, first, last, case, script, len(a))
        self._ac = ahocorasick.Automaton()
        for p, v in values.items():
            self._ac.add_word(p, v)
        self._built = bool(values)
        if self._built:
            self._ac.make_automaton()

    def scan(self, text: str, folded: str, offsets) -> tuple[list[Hit], Anchors]:
        """Every alias occurrence that respects word boundaries and acronym case, and the anchors."""
        out: list[Hit] = []
        found: Anchors = {"th": [], "en": []}
        if not self._built:
            return out, found
        n = len(folded)
        latin = _LATIN_ALNUM
        for fend, (e, latin_first, latin_last, case, anchor, size) in self._ac.iter(folded):
            fend += 1
            fstart = fend - size
            if anchor is not None and (anchor == "th" or fend == n or folded[fend] not in _ASCII_WORD):
                found[anchor].append((fstart, fend))
            if e is None:
                continue
            if latin_first and fstart > 0 and (
                    folded[fstart - 1] in latin
                    or (case is not None and folded[fstart - 1] == "-" and fstart > 1
                        and folded[fstart - 2] in latin)):
                continue        # "SOM" in "SOMTC"; an acronym in "X-AMAF"
            if latin_last and fend < n and (
                    folded[fend] in latin
                    or (case is not None and folded[fend] == "-" and fend + 1 < n
                        and folded[fend + 1] in latin)):
                continue        # "ACE" in "PEACE"; an acronym in "AMAF-X"
            start, end = offsets.span(fstart, fend)
            if case is not None and [c for c in text[start:end] if c.isalnum()] != case:
                continue        # "ace" is not the acronym "ACE"
            out.append(Hit(fstart, fend, start, end, e))
        return out, {script: _leftmost_longest(spans) for script, spans in found.items()}


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """From every occurrence, the ones a left-to-right regex search keeps: at the leftmost start
    the longest, then on from its end ("คณะกรรมาธิการ", never the "คณะกรรม..." inside it)."""
    out = []
    pos = 0
    for s, e in sorted(spans, key=lambda sp: (sp[0], -sp[1])):
        if s >= pos:
            out.append((s, e))
            pos = e
    return out


def automaton_for(registry: "BodyRegistry") -> Automaton:
    """The registry's automaton, built on first use and kept on the registry."""
    a = registry._matcher
    if a is None:
        a = registry._matcher = Automaton(registry)
    return a
