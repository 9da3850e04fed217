"""Which part of a large graph the explorer page shows (issue 8), chosen in one pass over the
nodes in graph order, so a build can choose while it streams the documents by.

The page holds at most ``limit`` nodes. Every plan (a document of kind "plan" with measures),
its measures and every body are always shown — the plan structure and its coverage are what the
page is for — even if they alone exceed the budget. What is left of it goes, in graph (document)
order, to the events that report on a measure, each with its document; then the other events with
theirs; then the measures other documents list (a report's), with their documents; then the
activities of the measures shown; then the remaining documents. A 1 GB corpus has over a million events: the page says
"showing 4,210 of 1,612,344 events" instead of failing to load. Memory stays bounded: at most
``limit`` candidates of each kind are remembered.

    >>> s = Selection(limit=3)
    >>> s.add("doc:vap", {"type": "document", "kind": "plan", "measures": 1}, [])
    >>> s.add("measure:vap#1.1", {"type": "measure", "plan": "vap"}, [("measure:vap#1.1", "doc:vap", "part_of", {})])
    >>> g, note = s.result()
    >>> list(g.nodes), note
    (['doc:vap', 'measure:vap#1.1'], None)
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import networkx as nx

__all__ = ["Selection"]

Edge = tuple[str, str, str, dict[str, Any]]


class Selection:
    """Fed node by node (``add``) in graph order, with each node's out-edges; ``result()`` is the
    subgraph to show and the note of what was left out (None when everything fits)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.order: dict[str, int] = {}
        self.attrs: dict[str, dict[str, Any]] = {}
        self.edges: dict[str, list[Edge]] = {}
        self.always: list[str] = []
        self.plans: set[str] = set()
        # candidates of each kind, in graph order: (node, the node it needs shown with it)
        self.kinds: dict[str, list[tuple[str, str | None]]] = {
            "linked": [], "event": [], "measure": [], "activity": [], "document": []}
        self.total: Counter[str] = Counter()
        self.reported: set[str] = set()
        self.nodes = 0

    def add(self, node: str, attrs: dict[str, Any], out_edges: Iterable[Edge]) -> None:
        t = attrs.get("type", "document")
        self.total[t] += 1
        self.nodes += 1
        out = list(out_edges)
        kind: str | None = None
        with_: str | None = None
        if t == "document" and attrs.get("kind") == "plan" and attrs.get("measures"):
            self.plans.add(node)
        elif t == "measure" and f"doc:{attrs.get('plan')}" not in self.plans:
            kind, with_ = "measure", f"doc:{attrs.get('plan')}"   # a graph made elsewhere, with a report's measures
        elif t == "event":
            for _, v, k, _d in out:
                if k == "reports_on":
                    self.reported.add(v)
                elif k == "published_in":
                    with_ = v
            kind = "linked" if any(k == "reports_on" for _, _, k, _ in out) else "event"
        elif t == "activity":
            kind, with_ = "activity", f"measure:{attrs.get('measure')}"
        elif t == "document":
            kind = "document"
        if kind is None:
            self.always.append(node)
        else:
            if len(self.kinds[kind]) >= self.limit:
                return                      # never shown: the budget is full before it
            self.kinds[kind].append((node, with_))
        self.order[node] = len(self.order)
        self.attrs[node] = attrs
        if out:
            self.edges[node] = out

    def result(self) -> tuple[nx.MultiDiGraph, dict[str, Any] | None]:
        keep = set(self.always)
        over = self.nodes > self.limit
        if not over:
            keep = set(self.order)
        else:
            room = self.limit - len(keep)
            for kind in ("linked", "event", "measure", "activity", "document"):
                for node, with_ in self.kinds[kind]:
                    if room <= 0:
                        break
                    if kind == "activity":      # only under a measure that is shown
                        if with_ not in keep:
                            continue
                        need = 1
                    else:
                        need = 1 + (with_ is not None and with_ not in keep)
                    if need > room:
                        continue
                    keep.add(node)
                    if with_ is not None:
                        keep.add(with_)
                    room -= need
        g = nx.MultiDiGraph()
        for n in sorted(keep, key=self.order.__getitem__):
            g.add_node(n, **self.attrs[n])
        for n in sorted(keep, key=self.order.__getitem__):
            for u, v, k, d in self.edges.get(n, ()):
                if v in keep:
                    g.add_edge(u, v, key=k, **d)
        if not over:
            return g, None
        shown = Counter(d.get("type", "document") for _, d in g.nodes(data=True))
        note = {"nodes": g.number_of_nodes(), "of": self.nodes, "limit": self.limit,
                "events": [shown["event"], self.total["event"]],
                "activities": [shown["activity"], self.total["activity"]],
                "documents": [shown["document"], self.total["document"]]}
        return g, note
