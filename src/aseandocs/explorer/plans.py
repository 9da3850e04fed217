"""The explorer of a real corpus (issue 18, item 7): a page that opens on the plans.

A build whose graph is over the page's node budget (``MAX_NODES``) gets this page instead of the
whole-graph view: the plans (documents of kind "plan" with measures: the graph's only measure
nodes) listed by how much progress is reported on them, each plan's outline of
sections and measures, every measure shaded by how many events report on it and showing the latest
date of one reported done (an event told as planned, "will be held in 2025", is listed but is no
progress yet), and, for the measure you open, its events with date, type, statement, document, score and
evidence. It is one offline file: the outline and the progress sit in two compact JSON blocks, the
progress parsed only when a measure is first opened. Titles and statements are shortened
(``TITLE``, ``TEXT`` characters; the store and graph.json keep them whole), and at most ``EVENTS``
events are kept per measure (the latest; the panel says how many there are).

The page is fed node by node, in graph order, as ``Selection`` is (``PlanCollector.add``)::

    >>> c = PlanCollector()
    >>> c.add("doc:vap", {"type": "document", "kind": "plan", "title": "Vientiane", "measures": 1}, [])
    >>> c.add("measure:vap#1.1", {"type": "measure", "plan": "vap", "ref": "1.1", "title": "Charter",
    ...                           "level": 2}, [])
    >>> c.add("event:n#1", {"type": "event", "date": "2019-03-05", "event_type": "meeting",
    ...                     "text": "met", "document": "n"},
    ...       [("event:n#1", "measure:vap#1.1", "reports_on", {"score": 0.8, "evidence": ["Charter"]})])
    >>> d = c.data()
    >>> d["outline"]["plans"][0]["m"], d["progress"]["events"]
    ([['1.1', 'Charter', 2, 1, '2019-03-05']], [['2019-03-05', 'meeting', 'met', 0]])
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

__all__ = ["PlanCollector", "ExplorerChoice", "render_plans", "TITLE", "TEXT", "EVENTS"]

TITLE = 40      # characters of a measure title in the outline and the panel (the store has it whole)
TEXT = 160      # characters of an event statement in the panel
EVENTS = 30     # events kept per measure (the latest)

Edge = tuple[str, str, str, dict[str, Any]]


def _short(text: Any, n: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


class PlanCollector:
    """What the plans page shows, gathered node by node (``add``) in graph order."""

    def __init__(self) -> None:
        self.docs: dict[str, dict[str, Any]] = {}            # document id -> kind, title, date
        self.measures: dict[str, list[dict[str, Any]]] = {}  # plan -> its measures in order
        self.where: dict[str, tuple[str, int]] = {}          # measure node -> (plan, index)
        self.events: list[list[Any]] = []                     # [date, type, text, document index]
        self.planned: set[int] = set()                        # events told as planned (no progress yet)
        self.doc_index: dict[str, int] = {}
        self.doc_rows: list[list[str]] = []
        self.links: dict[str, list[tuple[int, float, list[str]]]] = {}   # measure node -> links
        self.total = 0

    def add(self, node: str, attrs: dict[str, Any], out_edges: Iterable[Edge]) -> None:
        self.total += 1
        t = attrs.get("type")
        if t == "document":
            if attrs.get("measures"):
                self.docs[node[4:]] = {"kind": attrs.get("kind"), "title": attrs.get("title") or node[4:],
                                       "date": attrs.get("date")}
            self._last_doc = (node[4:], attrs.get("title") or "")
        elif t == "measure":
            plan = attrs.get("plan", "")
            rows = self.measures.setdefault(plan, [])
            self.where[node] = (plan, len(rows))
            rows.append({"ref": attrs.get("ref", ""), "title": _short(attrs.get("title"), TITLE),
                         "level": attrs.get("level") or 1})
        elif t == "event":
            reports = [(v, d) for _, v, k, d in out_edges if k == "reports_on"]
            if not reports:
                return
            doc = attrs.get("document", "")
            if doc not in self.doc_index:
                title = self._last_doc[1] if getattr(self, "_last_doc", ("",))[0] == doc else ""
                self.doc_index[doc] = len(self.doc_rows)
                self.doc_rows.append([doc, _short(title, 90)])
            k = len(self.events)
            if attrs.get("status") == "planned":
                self.planned.add(k)
            self.events.append([attrs.get("date"), attrs.get("event_type", ""), _short(attrs.get("text"), TEXT),
                                self.doc_index[doc]])
            for v, d in reports:
                self.links.setdefault(v, []).append((k, float(d.get("score", 0.0)), list(d.get("evidence") or [])))

    def _plans(self) -> list[str]:
        """The plans to list (documents of kind "plan" with measures), the most reported first."""
        plans = [p for p in self.measures if self.docs.get(p, {}).get("kind") == "plan"]
        reported = {p: sum(1 for i in range(len(self.measures[p])) if f"measure:{self._mid(p, i)}" in self.links)
                    for p in plans}
        return sorted(plans, key=lambda p: (-reported[p], p))

    def _mid(self, plan: str, i: int) -> str:
        return self._ids[plan][i]

    def data(self) -> dict[str, Any]:
        """{"outline": the plans with their measures, "progress": events, documents, evidence
        words and the links of each measure (plan index -> measure index -> [[event, score,
        [evidence word index, ...]], ...]), "counts": what the corpus holds}."""
        self._ids = {p: [None] * len(rows) for p, rows in self.measures.items()}   # type: ignore[misc]
        for node, (p, i) in self.where.items():
            self._ids[p][i] = node[8:]
        words: dict[str, int] = {}
        plans_out, links_out = [], {}
        dated = lambda k: self.events[k][0] or ""   # noqa: E731
        done = lambda k: "" if k in self.planned else dated(k)   # noqa: E731 - a plan is no progress
        for pi, plan in enumerate(self._plans()):
            rows, per = [], {}
            for i, m in enumerate(self.measures[plan]):
                links = self.links.get(f"measure:{self._ids[plan][i]}", [])
                last = max((done(k) for k, _, _ in links), default="") or None
                rows.append([m["ref"], m["title"], m["level"], len(links), last])
                if links:
                    kept = sorted(links, key=lambda x: (dated(x[0]), x[1]), reverse=True)[:EVENTS]
                    per[i] = [[k, round(s, 3), [words.setdefault(w, len(words)) for w in ev]] for k, s, ev in kept]
            doc = self.docs.get(plan, {})
            plans_out.append({"id": plan, "title": _short(doc.get("title") or plan, 120), "date": doc.get("date"),
                              "m": rows, "r": sum(1 for r in rows if r[3]),
                              "last": max((r[4] for r in rows if r[4]), default=None)})
            if per:
                links_out[pi] = per
        counts = {"plans": len(plans_out), "measures": sum(len(p["m"]) for p in plans_out),
                  "events": len(self.events), "nodes": self.total}
        return {"outline": {"plans": plans_out, "counts": counts},
                "progress": {"events": self.events, "docs": self.doc_rows, "words": list(words),
                             "links": links_out, "cap": EVENTS}}


_PLAN_MARKERS = ("/*__CSS__*/", "/*__JS__*/", "__OUTLINE__", "__PROGRESS__")


def render_plans(collector: PlanCollector, path: str | os.PathLike[str]) -> Path:
    """Write the plans page of ``collector`` to ``path`` (one offline file)."""
    from .._atomic import write_atomic
    from . import _asset, _script_json
    css, js, template = _asset("plans.css"), _asset("plans.js"), _asset("plans.html")
    if any(m in css or m in js for m in _PLAN_MARKERS):
        raise ValueError("explorer assets must not contain the template markers")
    data = collector.data()
    page = (template.replace(_PLAN_MARKERS[0], css, 1).replace(_PLAN_MARKERS[1], js, 1)
            .replace(_PLAN_MARKERS[2], _script_json(data["outline"]), 1)
            .replace(_PLAN_MARKERS[3], _script_json(data["progress"]), 1))
    target = Path(path)
    write_atomic(target, page)
    return target


class ExplorerChoice:
    """What a build's explorer shows, chosen while the graph streams by (``add`` as
    ``Selection.add``): the whole-graph page while the graph fits ``limit`` nodes, the plans page
    (``PlanCollector``) over it. ``render(path)`` writes the page chosen."""

    def __init__(self, limit: int) -> None:
        from ._select import Selection
        self.limit = limit
        self.selection: Any = Selection(limit)
        self.plans = PlanCollector()

    def add(self, node: str, attrs: dict[str, Any], out_edges: Iterable[Edge]) -> None:
        edges = list(out_edges)
        self.plans.add(node, attrs, edges)
        if self.selection is None:
            return
        if self.plans.total > self.limit:
            # over the budget the plans page is rendered: the whole-graph choice, which keeps
            # every plan, measure and body with its attributes, is dropped as soon as that is known
            self.selection = None
            return
        self.selection.add(node, attrs, edges)

    @property
    def large(self) -> bool:
        return self.plans.total > self.limit

    def render(self, path: str | os.PathLike[str]) -> Path:
        if self.large:
            return render_plans(self.plans, path)
        from . import render_selection
        return render_selection(self.selection, path)
