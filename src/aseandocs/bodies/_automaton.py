"""The Aho-Corasick automaton over every folded alias of a registry (built once, cached).

One pass over the folded text yields every exact alias occurrence; ``exact_hits`` keeps those with
Latin word boundaries ("SOM" not inside "SOMTC", "ACE" not inside "PEACE") and acronyms written in
their own case ("ACE", not "ace").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from ._fold import alias_key, fold_name, is_latin_alnum, is_thai
from ._lexicon import lexicon
from ._variants import thai_variants

if TYPE_CHECKING:
    from .registry import BodyRegistry

__all__ = ["Entry", "Hit", "Automaton", "automaton_for"]


@dataclass(frozen=True, slots=True)
class Entry:
    """A folded alias: the bodies it names (several when shared), how, and its case-exact form."""

    pattern: str
    bodies: tuple[str, ...]
    method: str                 # "alias" | "acronym"
    priority: int               # 0 registry name, 1 generated Thai variant
    ambiguous: bool
    exact_case: str | None      # acronyms must be written like this ("ACE")


@dataclass(frozen=True, slots=True)
class Hit:
    """An exact alias occurrence: folded span, original span, its entry."""

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
        self._ac = ahocorasick.Automaton()
        for p, e in table.items():
            self._ac.add_word(p, e)
        if table:
            self._ac.make_automaton()

    def exact_hits(self, text: str, folded: str, offsets) -> list[Hit]:
        """Every alias occurrence that respects word boundaries and acronym case."""
        if not self.entries:
            return []
        out: list[Hit] = []
        n = len(folded)
        for fend, e in self._ac.iter(folded):
            fend += 1
            fstart = fend - len(e.pattern)
            p = e.pattern
            if is_latin_alnum(p[0]) and fstart > 0 and (
                    is_latin_alnum(folded[fstart - 1])
                    or (e.exact_case and folded[fstart - 1] == "-" and fstart > 1
                        and is_latin_alnum(folded[fstart - 2]))):
                continue        # "SOM" in "SOMTC"; an acronym in "X-AMAF"
            if is_latin_alnum(p[-1]) and fend < n and (
                    is_latin_alnum(folded[fend])
                    or (e.exact_case and folded[fend] == "-" and fend + 1 < n
                        and is_latin_alnum(folded[fend + 1]))):
                continue        # "ACE" in "PEACE"; an acronym in "AMAF-X"
            start, end = offsets[fstart], offsets[fend - 1] + 1
            if e.exact_case is not None:
                written = [c for c in text[start:end] if c.isalnum()]
                if written != [c for c in e.exact_case if c.isalnum()]:
                    continue
            out.append(Hit(fstart, fend, start, end, e))
        return out


def automaton_for(registry: "BodyRegistry") -> Automaton:
    """The registry's automaton, built on first use and kept on the registry."""
    a = registry._matcher
    if a is None:
        a = registry._matcher = Automaton(registry)
    return a
