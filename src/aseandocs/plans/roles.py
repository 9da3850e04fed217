"""The role of each numbered item of a plan: a ``measure`` or a ``section`` (issue 15).

A **measure** is something to be done ("1.2.7 ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเล",
"A.1.1 Promote understanding of political systems"): a link target. A **section** is

- a heading with numbered items under it ("1.2 การกำหนดและการใช้บรรทัดฐานร่วมกัน" over 1.2.1–1.2.7,
  "A. A rules-based community" over A.1), whatever its wording;
- a prose section of the plan: its title starts with the name of a part of a plan
  (data/plan_roles.yaml: preamble, objectives, implementation, resource mobilisation, monitoring
  and evaluation; "5.3 การติดตามและประเมินผล แผนปฏิบัติการ...จำเป็นต้องมีกลไก...");
- a top-level item without sub-items in a plan whose measures sit deeper (the narrative "3. …"
  beside "1." and "2.", whose measures are "1.1.1" and "2.2.1"): the numbered paragraphs around
  the plan's hierarchy.

Sections keep their place in the hierarchy and the graph; they are never link targets::

    >>> from aseandocs.plans import parse_plan_text
    >>> ms = parse_plan_text("1.1 การเมือง\\n1.1.1 ส่งเสริมสิทธิมนุษยชน\\n1.1.2 ต่อต้านการทุจริต\\n"
    ...                      "1.2 การติดตามและประเมินผล ประเทศสมาชิกจะรายงานทุกปี", "p")
    >>> [(m.ref, m.role) for m in ms]
    [('1.1', 'section'), ('1.1.1', 'measure'), ('1.1.2', 'measure'), ('1.2', 'section')]
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from .._data import load_data
from ..model import Measure

__all__ = ["assign_roles", "is_prose_section"]

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _section_titles() -> tuple[str, ...]:
    raw = load_data("plan_roles.yaml")
    # longest first, so that "review and monitoring" is tried before "review"
    return tuple(sorted({_SPACES.sub("", str(w)).lower() for w in raw["section_titles"]},
                        key=len, reverse=True))


def is_prose_section(title: str) -> bool:
    """True when ``title`` opens with the name of a part of a plan (not a thing to be done).

    >>> is_prose_section("การระดมทุน อาเซียนกำลังก้าวเข้าสู่ช่วง")
    True
    >>> is_prose_section("Monitoring and Evaluation. The Secretariat shall report")
    True
    >>> is_prose_section("ส่งเสริมความร่วมมือด้านการติดตามและประเมินผล")   # a measure about it
    False
    >>> is_prose_section("Reporting mechanisms for trafficking victims")     # a word, then more
    False
    """
    t = title.strip().lower()
    head = _SPACES.sub("", t[:80])
    for w in _section_titles():
        if head.startswith(w):
            if not w[-1].isascii():
                return True
            # an English name must end at a word boundary and be the whole heading: followed by
            # nothing, a sentence end, "and …" of another part name, or the prose after a stop
            rest = _rest_after(t, w)
            if rest is not None:
                return True
    return False


def _rest_after(title: str, name: str) -> str | None:
    """What follows ``name`` at the start of ``title`` when it ends a heading there, else None."""
    m = re.match(r"\s*".join(re.escape(c) for c in name), title)
    if m is None:
        return None
    rest = title[m.end():]
    if not rest.strip() or rest[:1] in ".:;–—-\n" or rest.lstrip()[:1] in ".:;–—-":
        return rest
    tail = rest.strip()
    if tail.startswith(("of the plan", "of this ", "of the work")):    # "Review of this Work Plan"
        return rest
    if tail.startswith(("and ", "& ")):
        nxt = _SPACES.sub("", tail.split(" ", 1)[1]).lower()
        if any(nxt.startswith(w) for w in _section_titles() if w[-1].isascii()):
            return rest
    return None


def assign_roles(measures: Sequence[Measure]) -> list[Measure]:
    """``measures`` with ``role`` set (see the module docstring); order and everything else kept."""
    if not measures:
        return []
    with_children = {(m.scope, m.parent) for m in measures if m.parent is not None}
    deepest = max(m.level for m in measures)
    out = []
    for m in measures:
        section = ((m.scope, m.ref) in with_children
                   or is_prose_section(m.title)
                   or (m.level == 1 and deepest >= 3 and not m.activities))
        role = "section" if section else "measure"
        out.append(m if m.role == role else replace(m, role=role))
    return out
