"""The explorer's two filters: the ASEAN pillar of a node, and the plan section (heading) it is under.

ASEAN has three community pillars: APSC (Political-Security), AEC (Economic) and ASCC
(Socio-Cultural). A measure's pillar is read from the words of its section heading, its scope (the
annex or part it lies in) or its plan's title, where they name a pillar in English or Thai; else
it is the one pillar of the bodies it names, if they agree. A body's pillar is the registry's.
An event has the pillars of the measures it reports on and of the bodies it names. The section
filter lists the plans' section headings (the graph's ``pillar`` attribute of a measure, which
is its top heading; events and bodies carry the headings of the measures they touch)::

    >>> pillar_of_text("ภาคผนวก 1 ประชาคมความมั่นคงอาเซียน"), pillar_of_text("ASEAN Economic Community Blueprint")
    ('APSC', 'AEC')
    >>> pillar_of_text("แผนงานด้านสังคมและวัฒนธรรม"), pillar_of_text("Maritime cooperation")
    ('ASCC', None)
"""
from __future__ import annotations

import re
from typing import Any

import networkx as nx

__all__ = ["PILLARS", "pillar_of_text", "node_filters"]

PILLARS = ("APSC", "AEC", "ASCC")
# Names of the pillars as plans title their parts. Thai: ประชาคมการเมืองและความมั่นคง (APSC),
# ประชาคมความมั่นคง (its name before 2009, the ASEAN Security Community), ประชาคมเศรษฐกิจ (AEC),
# ประชาคมสังคมและวัฒนธรรม (ASCC); the word ประชาคม may be left out in a heading.
_CUES = (
    ("APSC", re.compile(r"political[\s-]*(?:and[\s-]*)?security|security\s+community|\bAPSC\b|\bASC\b|"
                        r"การเมืองและความมั่นคง|ประชาคมความมั่นคง|ประชาคมการเมือง", re.I)),
    ("AEC", re.compile(r"economic\s+community|\bAEC\b|ประชาคมเศรษฐกิจ", re.I)),
    ("ASCC", re.compile(r"socio[\s-]*cultural|social\s+and\s+cultural|\bASCC\b|สังคมและวัฒนธรรม|สังคม-วัฒนธรรม", re.I)),
)
_SECTION_PREFIX = "ASEAN pillar: "


def pillar_of_text(text: str | None) -> str | None:
    """The one ASEAN pillar a heading or title names, or None (none, or more than one)."""
    if not text:
        return None
    found = {p for p, rx in _CUES if rx.search(text)}
    return found.pop() if len(found) == 1 else None


def _body_pillar(d: dict[str, Any]) -> str | None:
    p = d.get("asean_pillar")
    return p if p in PILLARS else None


def node_filters(g: nx.MultiDiGraph) -> dict[str, tuple[list[str], list[str]]]:
    """node -> (its ASEAN pillars, its section headings), for measures, bodies and events."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    nodes = g.nodes
    for n, d in g.nodes(data=True):
        t = d.get("type")
        if t == "measure":
            plan_title = nodes.get(f"doc:{d.get('plan')}", {}).get("title")
            p = (pillar_of_text(d.get("pillar")) or pillar_of_text(d.get("scope"))
                 or pillar_of_text(plan_title))
            if p is None:
                named = {_body_pillar(nodes[v]) for _, v, k in g.out_edges(n, keys=True)
                         if k == "mentions" and v in nodes} - {None}
                p = named.pop() if len(named) == 1 else None
            out[n] = ([p] if p else [], [d["pillar"]] if d.get("pillar") else [])
        elif t == "body":
            p = _body_pillar(d)
            sections = [s for s in d.get("pillars") or [] if not s.startswith(_SECTION_PREFIX)]
            out[n] = ([p] if p else [], sections)
    for n, d in g.nodes(data=True):
        if d.get("type") != "event":
            continue
        ps: set[str] = set()
        for _, v, k in g.out_edges(n, keys=True):
            if k in ("reports_on", "mentions") and v in out:
                ps.update(out[v][0])
        out[n] = (sorted(ps), list(d.get("pillars") or []))
    return out
