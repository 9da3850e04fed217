"""Bilingual search terms of a measure, computed once at build time (issue 15).

A Thai measure "ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเลของอาเซียน" should be found by a search for
"maritime", and "ส่งเสริมสิทธิมนุษยชน" by "human rights". The explorer is an offline page and cannot
run an encoder, so each measure carries, beside its own words, the terms of both languages for

- every glossary subject (``data/glossary.yaml``) whose terms its title or activities hold, and
- every body it names (``Measure.bodies``): the body's acronyms and its first English and Thai
  names.

Only a pass of the glossary's automaton and registry look-ups: no word segmentation, so the terms of
the numbered items of every report in a large corpus cost little.

They go to the graph (node attribute ``terms``), the store (table ``measure_terms``) and the
explorer's search box::

    >>> from aseandocs.model import Measure
    >>> m = Measure("p#1.2.7", "p", "1.2.7", "1.2", 3, "ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเลของอาเซียน", (0, 1))
    >>> "maritime" in measure_search_terms(m), "maritime security" in measure_search_terms(m)
    (True, True)
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from ..model import Measure

if TYPE_CHECKING:
    from ..bodies import Body

__all__ = ["measure_search_terms", "registry_search_names", "term_language"]


def term_language(term: str) -> str:
    """"th" for a term with Thai letters, else "en"."""
    return "th" if any("\u0e01" <= c <= "\u0e5b" for c in term) else "en"


def registry_search_names(body: "Body | None") -> tuple[str, ...]:
    """The names a body of the registry (None: not in it) is searched by, beside its id: its
    acronyms and its first English and Thai names."""
    return () if body is None else (*body.acronyms, *body.en[:1], *body.th[:1])


def measure_search_terms(m: Measure, body_names: Callable[[str], Sequence[str]] | None = None) -> tuple[str, ...]:
    """The search terms of ``m`` in both languages (see the module docstring), without repeats and
    without the words its own title already holds. ``body_names`` (body id -> the names it is
    searched by, as ``registry_search_names`` gives them) is for a caller that has them already
    (a build's graph and store, ``graph.build.GraphContext.search_names``); by default they come
    from the shipped registry, loaded once."""
    from .glossary import _glossary, _glossary_entries, _glossary_present
    pieces = [m.title] + [a.text for a in m.activities]
    text = " ".join(pieces)
    out: dict[str, None] = {}
    present = _glossary_present(text, text.lower())
    if present is not None:
        gloss, where = _glossary(), _glossary_entries()
        for i in sorted({i for t in (*present[0], *present[1]) for i in where.get(t, ())}):
            for t in (*gloss[i].en, *gloss[i].th):
                out.setdefault(t, None)
    if body_names is None and m.bodies:
        from .evidence import _registry
        reg = _registry()

        def body_names(bid: str) -> Sequence[str]:
            return registry_search_names(reg.get(bid))
    for bid in dict.fromkeys(m.bodies):
        for t in (bid, *body_names(bid)):   # type: ignore[misc]
            out.setdefault(t, None)
    low = m.title.lower()
    return tuple(t for t in out if t.lower() not in low)
