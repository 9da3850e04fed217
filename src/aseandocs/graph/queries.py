"""MeasureGraph: plan measures, ASEAN bodies and reported progress as one networkx graph.

Node ids (docs/ARCHITECTURE.md, "Graph"): ``doc:<id>``, ``measure:<measure id>`` (``measure:<plan>#1.2.1``, or
``measure:<plan>#s2/1.1`` when a plan's numbering restarts), ``activity:<measure id>/<n>`` (n from 1),
``body:<ID>``, ``event:<doc>#<n>`` (n from 1, in document order). Every node has ``type``
(``document``, ``measure``, ``activity``, ``body``, ``event``) and ``label``. Edges (keyed by their
``type``): ``part_of`` (measure -> parent measure, top measure -> plan doc), ``has_activity``,
``mentions`` (measure/event/doc -> body; doc edges carry ``count``), ``reports_on`` (event ->
measure, ``score`` and ``evidence``), ``published_in`` (event -> doc), ``references``.
Nodes carry titles, labels and statement texts, never whole document texts.

    >>> g = MeasureGraph.load("out")                                   # doctest: +SKIP
    >>> g.measure("๑.๒.๑", plan="th_plan_annex_flat").bodies            # doctest: +SKIP
    ('ASEAN-SUMMIT',)
    >>> [(p.date, p.evidence) for p in g.progress("1.2.1", plan="th_plan_annex_flat")]  # doctest: +SKIP
    [('2008-12-15', ('กฎบัตรอาเซียน',))]
    >>> g.search("transnational crime")[0].ref                         # doctest: +SKIP
    '1.3.3'
"""
from __future__ import annotations

import html
import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

import networkx as nx

from ..errors import BuildError, NotFoundError
from ..model import ParsedDocument
from ..thai import thai_digits_to_ascii
from . import export as _graph_export
from .store_queries import search_fold as _fold
from .timeline import merge_happenings
from .records import (BodyRecord, CoverageRow, EventRecord, MeasureBrief, MeasureRecord, ProgressRecord,
                      Results, SearchHit, pick_measure)

if TYPE_CHECKING:  # pragma: no cover
    from .scorecard import Scorecard

__all__ = ["MeasureGraph", "NODE_TYPES", "EDGE_TYPES", "ref_sort_key"]

NODE_TYPES = ("document", "measure", "activity", "body", "event")
_PLURAL = {"document": "documents", "measure": "measures", "activity": "activities", "body": "bodies",
           "event": "events"}
EDGE_TYPES = ("part_of", "has_activity", "mentions", "reports_on", "published_in", "references")

# A ref as a user types it, after Thai digits became ASCII: "1.2.1." -> "1.2.1", "(4)" -> "4",
# "ข้อ 1.2" -> "1.2", "measure:vap#s2/1.1" -> "vap#s2/1.1", "A.1.1" -> "A.1.1". Only the wrapping
# goes: must not drop the dots inside "1.2.1" nor the letters of "A.1" or "1.a".
_REF_TRIM = re.compile(r"^(?:measure:)?(?:ข้อ\s*)?[(\s]*(?P<ref>.*?)[).\s]*$")
# One component of a ref for natural order: "1.10" -> 1, 10 (after "1.9"); "s2/1.a" -> "s", 2,
# 1, "a"; "A.1" -> "A", 1. re.ASCII so a Thai digit "๑" (already folded by then) is never a number.
_REF_PART = re.compile(r"(?P<num>\d+)|(?P<text>[^\d./]+)", re.ASCII)
# Everything but ASCII letters and digits, dropped when comparing body ids: "AHA Centre",
# "aha-centre" and "AHA-CENTRE" all become "AHACENTRE"; "SOMTC" stays "SOMTC".
_NOT_ID = re.compile(r"[^0-9A-Z]")


def ref_sort_key(ref: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of refs: ``1.2 < 1.10 < 2``; ``s2/1.1`` sorts by scope then ref."""
    return tuple((0, int(m["num"])) if m["num"] else (1, m["text"]) for m in _REF_PART.finditer(ref))


#: Attributes every node of a type must have, with their types, for the queries to answer.
_NODE_NEEDS: dict[str, tuple[tuple[str, type], ...]] = {
    "measure": (("plan", str), ("ref", str)), "event": (("label", str),), "document": (("label", str),),
    "body": (("label", str),), "activity": (("label", str),)}


def _check_node_link(data: Any) -> None:
    """Raise ValueError naming the first thing in ``data`` that a node-link graph written by
    aseandocs never has: a node without a string id or a known type, a measure without its plan
    and ref, two nodes with one id, an edge of an unknown type or to a node that is not there
    (networkx would silently add it, and a query would list a ghost)."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ValueError("no 'nodes' and 'edges' lists")
    ids: set[str] = set()
    for i, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            raise ValueError(f"node {i} has no string id")
        kind = node.get("type")
        if kind not in NODE_TYPES:
            raise ValueError(f"node {node['id']!r} has type {kind!r}, not one of {', '.join(NODE_TYPES)}")
        for key, typ in _NODE_NEEDS[kind]:
            if not isinstance(node.get(key), typ):
                raise ValueError(f"{kind} node {node['id']!r} has no {key}")
        if node["id"] in ids:
            raise ValueError(f"node {node['id']!r} appears twice")
        ids.add(node["id"])
    for i, edge in enumerate(data["edges"]):
        if not isinstance(edge, dict) or edge.get("type") not in EDGE_TYPES:
            raise ValueError(f"edge {i} has no type among {', '.join(EDGE_TYPES)}")
        for end in ("source", "target"):
            if edge.get(end) not in ids:
                raise ValueError(f"edge {i} ({edge.get('type')}) leads to {edge.get(end)!r}, which is not a node")


class MeasureGraph:
    """The corpus graph and its queries; ``.graph`` is the ``networkx.MultiDiGraph`` itself.

    Loaded from a build (``load(OUT)``), the queries ``measure``, ``progress``, ``body``,
    ``timeline``, ``search``, ``coverage`` and ``plans`` answer from the SQLite store
    (``graph.store_queries``, the same results) and ``.graph`` reads graph.json only when used.
    """

    def __init__(self, graph: nx.MultiDiGraph | None = None, *, store: Any = None,
                 loader: Any = None) -> None:
        self._graph = graph
        self._store = store          # a store_queries.StoreQueries, or None
        self._loader = loader        # makes the graph when it is first needed
        self._by_ref: dict[str, list[str]] | None = None
        self._search_index: list[tuple[str, str, str, str]] | None = None

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            self._graph = self._loader()
        return self._graph

    @graph.setter
    def graph(self, value: nx.MultiDiGraph) -> None:
        self._graph = value

    # --- construction ----------------------------------------------------------------------------
    @classmethod
    def from_documents(cls, parsed_docs: Iterable[ParsedDocument], *,
                       registry: Any = None) -> "MeasureGraph":
        """Build the graph from parsed (and linked) documents; streams, keeping no document text.

        ``registry`` (a ``BodyRegistry``) names the body nodes; by default the shipped registry is
        loaded if it can be, else body nodes are named by the words the documents use.
        """
        from .build import build_graph
        return cls(build_graph(parsed_docs, registry=registry))

    @classmethod
    def load(cls, out: str | os.PathLike[str], *, store: bool | None = None) -> "MeasureGraph":
        """The graph of a build: ``OUT/graph.json`` (or a node-link JSON file given directly).

        With a build folder whose store has the query tables the queries answer from the store
        and graph.json is read only when ``.graph`` (or ``stats`` or an export) needs it;
        ``store=False`` reads graph.json at once and answers from it, ``store=True`` insists on
        the store (``BuildError`` without one)."""
        path = Path(out)
        if path.is_dir() and store is not False:
            from .store_queries import StoreQueries
            q = StoreQueries.open(path)
            if q is not None:
                return cls(store=q, loader=lambda: cls._read(path / "graph.json", out))
            if store:
                raise BuildError(f"{path}: no store with the query tables here; run "
                                 f"`aseandocs build CORPUS -o {out}` again")
        if path.is_dir():
            path = path / "graph.json"
        return cls(cls._read(path, out))

    @staticmethod
    def _read(path: Path, out: Any) -> nx.MultiDiGraph:
        if not path.is_file():
            raise BuildError(f"{path}: no graph.json here; run `aseandocs build CORPUS -o {out}` first")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            _check_node_link(data)
            g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
        except (ValueError, KeyError, TypeError) as e:
            raise BuildError(f"{path}: not a node-link graph written by aseandocs ({e}); "
                             f"rebuild it with `aseandocs build CORPUS -o {path.parent} --force`") from e
        return g

    # --- lookups ---------------------------------------------------------------------------------
    def _nodes(self, type_: str) -> Iterable[tuple[str, dict[str, Any]]]:
        return ((n, d) for n, d in self.graph.nodes(data=True) if d.get("type") == type_)

    def _out(self, node: str, type_: str) -> list[tuple[str, dict[str, Any]]]:
        return [(v, d) for _, v, d in self.graph.out_edges(node, data=True) if d.get("type") == type_]

    def _in(self, node: str, type_: str) -> list[tuple[str, dict[str, Any]]]:
        return [(u, d) for u, _, d in self.graph.in_edges(node, data=True) if d.get("type") == type_]

    def plans(self) -> list[str]:
        """Ids of the plans (documents of kind "plan") that hold measures, in order."""
        if self._store is not None:
            return self._store.plans()
        return sorted({d["plan"] for _, d in self._nodes("measure")})

    def _resolve_measure(self, ref: str, plan: str | None) -> str:
        if self._by_ref is None:
            self._by_ref = defaultdict(list)
            for n, d in self._nodes("measure"):
                local = n.split("#", 1)[1]
                self._by_ref[local].append(n)
                if local != d["ref"]:
                    self._by_ref[d["ref"]].append(n)
        m = _REF_TRIM.match(thai_digits_to_ascii(ref.strip()))
        key = m["ref"] if m else ref
        if plan is not None:
            plan = plan.removeprefix("doc:")
        if "#" in key:
            found = [f"measure:{key}"] if f"measure:{key}" in self.graph else []
        else:
            found = list(self._by_ref.get(key, ()))
        nodes = self.graph.nodes
        return pick_measure(ref, plan, found, plan_of=lambda n: nodes[n]["plan"],
                            scoped=lambda n: bool(nodes[n].get("scope")), name_of=lambda n: n[8:],
                            plans=self.plans)

    # --- queries ---------------------------------------------------------------------------------
    def measure(self, ref: str, plan: str | None = None) -> MeasureRecord:
        """The measure ``ref`` ("1.2.1", "๑.๒.๑", or a full id "plan#s2/1.1") with its activities,
        bodies and progress. Raises ``NotFoundError`` (a ``KeyError``) saying what exists when it is unknown or ambiguous."""
        if self._store is not None:
            return self._store.measure(self._store.resolve_measure(ref, plan, _REF_TRIM))
        node = self._resolve_measure(ref, plan)
        d = self.graph.nodes[node]
        acts = sorted(self._out(node, "has_activity"), key=lambda a: self.graph.nodes[a[0]].get("n", 0))
        return MeasureRecord(
            id=node[8:], plan=d["plan"], ref=d["ref"], title=d.get("title", ""), level=d.get("level", 0),
            parent=d.get("parent"), section=d.get("section", d["ref"]),
            activities=tuple(self.graph.nodes[a]["text"] for a, _ in acts),
            bodies=tuple(b[5:] for b, _ in self._out(node, "mentions")),
            references=tuple(v[8:] for v, _ in self._out(node, "references")),
            progress=tuple(self._progress(node)), page=d.get("page"))

    def _progress(self, node: str) -> list[ProgressRecord]:
        out = []
        for ev, e in self._in(node, "reports_on"):
            d = self.graph.nodes[ev]
            doc = d.get("document", "")
            out.append(ProgressRecord(
                event=ev[6:], date=d.get("date"), end_date=d.get("end_date"),
                type=d.get("event_type", ""), status=d.get("status", "done"), text=d.get("text", ""),
                document=doc, document_title=self.graph.nodes.get(f"doc:{doc}", {}).get("title"),
                measure=node[8:], score=float(e.get("score", 0.0)), evidence=tuple(e.get("evidence", ()))))
        out.sort(key=lambda p: (p.date is None, p.date or "", -p.score, p.event))
        return out

    def progress(self, ref: str, plan: str | None = None) -> Results[ProgressRecord]:
        """Events that report on the measure, by date (undated last), with score and evidence."""
        if self._store is not None:
            return Results(self._store.progress(self._store.resolve_measure(ref, plan, _REF_TRIM)[0]))
        return Results(self._progress(self._resolve_measure(ref, plan)))

    def _event(self, node: str) -> EventRecord:
        d = self.graph.nodes[node]
        return EventRecord(id=node[6:], date=d.get("date"), end_date=d.get("end_date"),
                           type=d.get("event_type", ""), status=d.get("status", "done"),
                           text=d.get("text", ""), document=d.get("document", ""),
                           bodies=tuple(d.get("bodies", ())),
                           measures=tuple(v[8:] for v, _ in self._out(node, "reports_on")))

    def _body_node(self, body_id: str) -> str:
        want = _NOT_ID.sub("", body_id.removeprefix("body:").upper())
        for n, d in self._nodes("body"):
            if _NOT_ID.sub("", n[5:].upper()) == want:
                return n
        known = sorted(n[5:] for n, _ in self._nodes("body"))
        raise NotFoundError(f"no body {body_id!r} in this graph ({len(known)} bodies, e.g. "
                       f"{', '.join(known[:8])}); ids are official acronyms such as SOMTC")

    def body(self, body_id: str) -> BodyRecord:
        """A body ("SOMTC", "aha centre") with its names, measures and events over time."""
        if self._store is not None:
            return self._store.body(self._store.body_id(body_id, _NOT_ID), ref_sort_key)
        node = self._body_node(body_id)
        d = self.graph.nodes[node]
        measures, events, docs = [], [], []
        for u, _ in self._in(node, "mentions"):
            ud = self.graph.nodes[u]
            if ud["type"] == "measure":
                measures.append(MeasureBrief(u[8:], ud["plan"], ud["ref"], ud.get("title", "")))
            elif ud["type"] == "event":
                events.append(self._event(u))
            elif ud["type"] == "document":
                docs.append(u[4:])
        measures.sort(key=lambda m: (m.plan, ref_sort_key(m.id.split("#", 1)[1])))
        events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
        return BodyRecord(id=node[5:], label=d.get("label", node[5:]), names=tuple(d.get("names", ())),
                          measures=tuple(measures), events=tuple(events), documents=tuple(sorted(docs)))

    def timeline(self, body: str | None = None) -> Results[EventRecord]:
        """Dated events in date order; with ``body``, only the events that name that body.

        A happening that a document tells in two consecutive statements ("ASEAN was established
        by the Bangkok Declaration on 8 August 1967. Its five founders were ...") is listed once:
        the next event of the same document with the same type, date, status and ordinal, whose
        bodies and instruments agree (one's are among the other's), is merged into the first
        (``graph.timeline``). A build's store holds the whole corpus's timeline already merged."""
        if self._store is not None:   # (the event's attributes as on its node, its record)
            if body is None:
                merged = self._store.merged_timeline()
                if merged is not None:
                    return Results(merged)
            pairs = self._store.timeline(None if body is None else self._store.body_id(body, _NOT_ID))
        else:
            if body is None:
                nodes = [n for n, d in self._nodes("event") if d.get("date")]
            else:
                bnode = self._body_node(body)
                nodes = [u for u, _ in self._in(bnode, "mentions")
                         if self.graph.nodes[u]["type"] == "event" and self.graph.nodes[u].get("date")]
            pairs = [(self.graph.nodes[n], self._event(n)) for n in nodes]
        return Results(merge_happenings(pairs))

    def search(self, text: str, limit: int = 20) -> Results[SearchHit]:
        """Measures whose title, activities or bilingual terms match ``text`` (Thai or English):
        substring matches first (score 100; a title, then an activity, then a term of the other
        language: "maritime" finds "ความมั่นคงทางทะเล"), then fuzzy ones (rapidfuzz partial ratio
        >= 75). One hit per measure."""
        from rapidfuzz import fuzz, process

        q = _fold(text)
        if not q:
            raise ValueError("search: empty query; give a few words of a measure title or activity")
        if self._store is not None:
            return Results(self._store.search(q, limit, _fold))
        if self._search_index is None:
            self._search_index = []
            for n, d in self._nodes("measure"):
                self._search_index.append((n, "title", d.get("title", ""), _fold(d.get("title", ""))))
            for n, d in self._nodes("activity"):
                self._search_index.append((f"measure:{d['measure']}", "activity", d.get("text", ""),
                                           _fold(d.get("text", ""))))
            for n, d in self._nodes("measure"):   # bilingual terms made at build time (linking.search_terms)
                for t in d.get("terms") or ():
                    self._search_index.append((n, "term", t, _fold(t)))
        hits: dict[str, SearchHit] = {}

        def add(i: int, method: str, score: float) -> None:
            node, field, raw, _ = self._search_index[i]  # type: ignore[index]
            if node in hits:
                return
            d = self.graph.nodes[node]
            hits[node] = SearchHit(measure=node[8:], plan=d["plan"], ref=d["ref"], title=d.get("title", ""),
                                   field=field, matched=raw, method=method, score=round(score, 1))

        subs = [i for i, row in enumerate(self._search_index) if q in row[3]]
        order = {"title": 0, "activity": 1, "term": 2}
        subs.sort(key=lambda i: (order.get(self._search_index[i][1], 3), len(self._search_index[i][3])))  # type: ignore[index]
        for i in subs:
            add(i, "substring", 100.0)
        if len(hits) < limit and len(q) >= 3:
            # terms match as substrings only: a fuzzy "maritime" would find "arts"
            rows = [i for i, row in enumerate(self._search_index) if row[1] != "term"]
            choices = [self._search_index[i][3] for i in rows]  # type: ignore[index]
            for _, score, j in process.extract(q, choices, scorer=fuzz.partial_ratio, processor=None,
                                               limit=limit * 4, score_cutoff=75):
                add(rows[j], "fuzzy", score)
        return Results(list(hits.values())[:limit])

    def coverage(self, plan: str) -> Results[CoverageRow]:
        """Per top-level section of ``plan``: its measures, how many have reported progress, share."""
        if self._store is not None:
            return Results(self._store.coverage(plan, ref_sort_key))
        plan = plan.removeprefix("doc:")
        groups: dict[str, list[str]] = defaultdict(list)
        for n, d in self._nodes("measure"):
            if d["plan"] == plan:
                groups[d.get("section", d["ref"])].append(n)
        if not groups:
            raise NotFoundError(f"no measures for plan {plan!r} (plans: {', '.join(self.plans()) or 'none'})")
        rows = []
        for section in sorted(groups, key=ref_sort_key):
            nodes = groups[section]
            reported = sum(1 for n in nodes if self._in(n, "reports_on"))
            head = self.graph.nodes.get(f"measure:{plan}#{section}", {})
            rows.append(CoverageRow(plan=plan, section=section, title=head.get("title", ""),
                                    measures=len(nodes), reported=reported,
                                    share=round(reported / len(nodes), 4)))
        return Results(rows)

    def scorecard(self, plan: str) -> "Scorecard":
        """One row per measure of ``plan``: bodies, status (none, activity, adopted, signed,
        in_force: the furthest its events reached), events, first and latest dates and the best
        evidence with its document; ``.to_frame()``, ``.to_csv()``, ``.to_markdown()``, ``.to_html()``."""
        from .scorecard import build_scorecard
        return build_scorecard(self, plan)

    def stats(self) -> dict[str, int]:
        """Counts: nodes and edges by type, plans, dated events, measures with reported progress."""
        g = self.graph
        nodes = Counter(d.get("type") for _, d in g.nodes(data=True))
        edges = Counter(d.get("type") for _, _, d in g.edges(data=True))
        out = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        out.update({_PLURAL[t]: nodes.get(t, 0) for t in NODE_TYPES})
        out.update({f"edges_{t}": edges.get(t, 0) for t in EDGE_TYPES})
        out["plans"] = len({d["plan"] for _, d in self._nodes("measure")})
        out["dated_events"] = sum(1 for _, d in self._nodes("event") if d.get("date"))
        out["measures_with_progress"] = sum(1 for n, _ in self._nodes("measure") if self._in(n, "reports_on"))
        return out

    # --- exports ---------------------------------------------------------------------------------
    def to_json(self, path: str | os.PathLike[str]) -> None:
        """Node-link JSON (``networkx.node_link_data(..., edges="edges")``), lists kept."""
        _graph_export.write_json(self.graph, path)

    def to_graphml(self, path: str | os.PathLike[str]) -> None:
        """GraphML with attributes flattened (lists "; "-joined, None omitted)."""
        _graph_export.write_graphml(self.graph, path)

    def to_gexf(self, path: str | os.PathLike[str]) -> None:
        """GEXF 1.2 with attributes flattened; the edge type is the ``relation`` attribute (GEXF
        reserves ``type`` for directed/undirected)."""
        _graph_export.write_gexf(self.graph, path)

    def to_csv(self, folder: str | os.PathLike[str]) -> None:
        """``nodes.csv`` (id, type, label, attributes) and ``edges.csv`` (source, target, type, ...)."""
        _graph_export.write_csv(self.graph, folder)

    def _repr_html_(self) -> str:
        s = self.stats()
        rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in s.items() if v)
        plans = ", ".join(html.escape(p) for p in sorted({d["plan"] for _, d in self._nodes("measure")})) or "none"
        return (f"<div><b>MeasureGraph</b>: {s['nodes']} nodes, {s['edges']} edges; plans: {plans}"
                f"<table>{rows}</table></div>")

    def __repr__(self) -> str:
        if self._graph is None:
            return f"MeasureGraph(store {self._store.path})"
        return f"MeasureGraph({self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges)"
