"""Which part of a large graph the explorer page shows (issue 8), chosen in one pass over the
nodes in graph order, so a build can choose while it streams the documents by.

The page holds at most ``limit`` nodes. Every measure and body, and every plan (a document with
measures), is always shown — the plan structure and its coverage are what the page is for — even if
they alone exceed the budget. What is left of it goes, in graph (document) order, to the events
that report on a measure, each with its document; then the other events with theirs; then the
activities; then the remaining documents. A 1 GB corpus has over a million events: the page says
"showing 4,210 of 1,612,344 events" instead of failing to load. Memory stays bounded: at most
``limit`` candidates of each kind are remembered.

    >>> s = Selection(limit=3)
    >>> s.add("doc:vap", {"type": "document", "measures": 1}, [])
    >>> s.add("measure:vap#1.1", {"type": "measure"}, [("measure:vap#1.1", "doc:vap", "part_of", {})])
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
        self.kinds: dict[str, list[tuple[str, str | None]]] = {"linked": [], "event": [], "activity": [],
                                                              "document": []}
        self.total: Counter[str] = Counter()
        self.reported: set[str] = set()
        self.nodes = 0

    def add(self, node: str, attrs: dict[str, Any], out_edges: Iterable[Edge]) -> None:
        t = attrs.get("type", "document")
        self.total[t] += 1
        self.nodes += 1
        out = list(out_edges)
        doc = None
        if t in ("measure", "body") or t == "document" and attrs.get("measures"):
            kind = None
            self.always.append(node)
        elif t == "event":
            for _, v, k, _d in out:
                if k == "reports_on":
                    self.reported.add(v)
                elif k == "published_in":
                    doc = v
            kind = "linked" if any(k == "reports_on" for _, _, k, _ in out) else "event"
        elif t in ("activity", "document"):
            kind = t
        else:
            kind = None
            self.always.append(node)
        if kind is not None:
            if len(self.kinds[kind]) >= self.limit:
                return                      # never shown: the budget is full before it
            self.kinds[kind].append((node, doc))
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
            for kind in ("linked", "event", "activity", "document"):
                for node, doc in self.kinds[kind]:
                    need = 1 + (doc is not None and doc not in keep)
                    if need > room:
                        if room <= 0:
                            break
                        continue
                    keep.add(node)
                    if doc is not None:
                        keep.add(doc)
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
