"""The researchers' explorer: one self-contained, offline ``index.html`` for a MeasureGraph.

The page holds its CSS, its script and the graph (layout computed here, in Python) inline: no CDN,
no server. It draws on a <canvas> (pan by dragging, zoom with the wheel), searches Thai and English
labels ("กฎบัตร", "Charter"), filters by node type, ASEAN pillar (APSC, AEC, ASCC: ``_pillars``),
plan section and body, shows a node's details in a
side panel and a coverage view per plan section. The data sits in a
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc., and the
script builds the DOM with ``textContent`` only, so a document's text can never become markup.
The page reads its URL hash: ``#node=measure:<plan>#1.2.1`` selects a node, ``#q=SOMTC`` searches,
``#view=coverage`` opens the coverage view::

    >>> from aseandocs.graph import MeasureGraph
    >>> g = MeasureGraph.load("out")                        # doctest: +SKIP
    >>> render_explorer(g, "out/index.html")                # doctest: +SKIP
    PosixPath('out/index.html')
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from .._atomic import write_atomic
from ..graph import EDGE_TYPES as _EDGE_TYPES
from ..graph import NODE_TYPES as _TYPES
from ._layout import radial_layout
from ._pillars import PILLARS, node_filters
from ._select import Selection

__all__ = ["render_explorer", "render_selection", "explorer_data", "selection_data", "Selection", "MAX_NODES"]

# Node attributes the page shows, by node type (the rest stays in graph.json).
_KEEP = {
    "document": ("title", "kind", "date", "source", "language"),
    "measure": ("ref", "plan", "title", "section", "level", "role", "terms"),
    "activity": ("text",),
    "body": ("name_en", "name_th", "names", "asean_pillar"),
    "event": ("text", "date", "end_date", "event_type", "status", "document"),
}
_MARKERS = ("/*__CSS__*/", "/*__JS__*/", "__DATA__")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON safe inside <script>: no "<", ">" or "&" (so "</script>" or "<!--" can never occur)
    and no U+2028/U+2029 line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


#: The node budget of the page: a graph larger than this is shown in part (``_select.Selection``).
MAX_NODES = 8000


def _select(g: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, dict[str, Any] | None]:
    """The part of ``g`` the page shows, and what was left out (None when all of it is shown)."""
    if g.number_of_nodes() <= limit:
        return g, None
    s = Selection(limit)
    for n, d in g.nodes(data=True):
        s.add(n, d, g.out_edges(n, keys=True, data=True))
    return s.result()


def _coverage(g: nx.MultiDiGraph, reported: set[str] | None = None) -> list[dict[str, Any]]:
    """``MeasureGraph.coverage`` of every plan (a document of kind "plan"; the same rows), in one
    pass over the graph;
    ``reported``: the measures some event reports on, when ``g`` does not hold every event."""
    from ..graph import ref_sort_key
    groups: dict[str, dict[str, list[str]]] = {}
    for n, d in g.nodes(data=True):
        if d.get("type") == "measure" and g.nodes.get(f"doc:{d['plan']}", {}).get("kind") == "plan":
            groups.setdefault(d["plan"], {}).setdefault(d.get("section", d["ref"]), []).append(n)
    out = []
    for plan in sorted(groups):
        rows = []
        for section in sorted(groups[plan], key=ref_sort_key):
            members = groups[plan][section]
            reported_n = sum(1 for n in members if n in reported) if reported is not None else sum(
                1 for n in members if any(e.get("type") == "reports_on" for _, _, e in g.in_edges(n, data=True)))
            head = g.nodes.get(f"measure:{plan}#{section}", {})
            rows.append({"plan": plan, "section": section, "title": head.get("title", ""),
                         "measures": len(members), "reported": reported_n,
                         "share": round(reported_n / len(members), 4)})
        out.append({"plan": plan, "title": _doc_title(g, plan), "rows": rows})
    return out


def _doc_title(g: nx.MultiDiGraph, doc: str) -> str:
    """A document's title, or for one without (a plan that has none) its label: its first heading."""
    d = g.nodes.get(f"doc:{doc}", {})
    return d.get("title") or d.get("label") or doc


def explorer_data(graph: Any, *, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """The JSON the page embeds: nodes with positions, edges as index lists, pillars, coverage
    (of the whole graph), and ``shown`` when the graph is larger than ``max_nodes`` (``_select``)."""
    mg = graph if hasattr(graph, "graph") and isinstance(graph.graph, nx.Graph) else None
    full: nx.MultiDiGraph = mg.graph if mg is not None else graph
    g, shown = _select(full, max_nodes)
    return _page_data(g, shown, _coverage(full) if mg is not None else [])


def selection_data(selection: Selection) -> dict[str, Any]:
    """The page's JSON for what a build chose while streaming (``Selection``); the coverage counts
    every event of the corpus, shown or not."""
    g, shown = selection.result()
    return _page_data(g, shown, _coverage(g, selection.reported))


def _page_data(g: nx.MultiDiGraph, shown: dict[str, Any] | None, coverage: list[dict[str, Any]]) -> dict[str, Any]:
    pos = radial_layout(g)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    x0, y0 = min(xs), min(ys)
    span = max(max(xs) - x0, max(ys) - y0, 1e-9)
    index = {n: i for i, n in enumerate(g.nodes)}
    filters = node_filters(g)
    present = {p for ps, _ in filters.values() for p in ps}
    pillars = [p for p in PILLARS if p in present]
    sections = sorted({s for _, ss in filters.values() for s in ss})
    pidx = {p: i for i, p in enumerate(pillars)}
    sidx = {s: i for i, s in enumerate(sections)}
    nodes = []
    for n, d in g.nodes(data=True):
        t = d.get("type", "document")
        x, y = pos.get(n, (0.0, 0.0))
        rec: dict[str, Any] = {"id": n, "t": _TYPES.index(t) if t in _TYPES else 0,
                               "l": d.get("label") or n,
                               "x": round((x - x0) / span * 1000, 2),
                               "y": round((y - y0) / span * 1000, 2)}
        own, under = filters.get(n, ((), ()))
        if own:
            rec["p"] = [pidx[p] for p in own]
        if under:
            rec["s"] = [sidx[s] for s in under]
        for k in _KEEP.get(t, ()):
            if d.get(k) not in (None, "", []):
                rec[k] = d[k]
        nodes.append(rec)
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        e: list[Any] = [index[u], index[v], _EDGE_TYPES.index(k) if k in _EDGE_TYPES else 0]
        if k == "reports_on":
            e += [d.get("score", 0.0), list(d.get("evidence") or [])]
        edges.append(e)
    data = {"types": list(_TYPES), "edgeTypes": list(_EDGE_TYPES), "pillars": pillars, "sections": sections,
            "nodes": nodes, "edges": edges, "coverage": coverage}
    if shown is not None:
        data["shown"] = shown
    return data


def render_explorer(graph: Any, path: str | os.PathLike[str], *, max_nodes: int = MAX_NODES) -> Path:
    """Write the explorer for ``graph`` (a MeasureGraph, or its networkx graph) to ``path``; a
    graph over ``max_nodes`` nodes is shown in part (``_select.Selection``), with a note in the page."""
    return _write_page(explorer_data(graph, max_nodes=max_nodes), path)


def render_selection(selection: Selection, path: str | os.PathLike[str]) -> Path:
    """Write the explorer of what a build chose while streaming the graph (``Selection``)."""
    return _write_page(selection_data(selection), path)


def _write_page(data: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    css, js, template = _asset("explorer.css"), _asset("explorer.js"), _asset("template.html")
    if any(m in css or m in js for m in _MARKERS):
        raise ValueError("explorer assets must not contain the template markers")
    page = (template.replace(_MARKERS[0], css, 1).replace(_MARKERS[1], js, 1)
            .replace(_MARKERS[2], _script_json(data), 1))
    target = Path(path)
    write_atomic(target, page)
    return target
