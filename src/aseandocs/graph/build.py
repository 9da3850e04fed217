"""Building the MeasureGraph from parsed documents (the schema is in ``aseandocs.graph``).

One pass over the documents; links and references are resolved at the end because an event may
report on a measure of a plan that comes later in the corpus. Node attributes are records (titles,
labels, statement texts), never document texts, so the graph stays small as documents stream by.
Measure and activity nodes are a plan's (a document of kind ``plan``: the link targets); the
numbered points of news and reports (a cabinet summary's agenda items) are that document's
structure, kept in ``documents/<id>.json`` and the store, and counted on its node (``measures``)::

    >>> from aseandocs.model import Document, Measure, ParsedDocument
    >>> doc = Document.from_text("1.1 ส่งเสริมความร่วมมือ", id="vap")
    >>> m = Measure(id="vap#1.1", plan="vap", ref="1.1", parent=None, level=2,
    ...             title="ส่งเสริมความร่วมมือ", span=(0, 23))
    >>> g = build_graph([ParsedDocument(doc, kind="plan", measures=(m,))], registry=False)
    >>> sorted(g.nodes)
    ['doc:vap', 'measure:vap#1.1']
    >>> g.nodes["measure:vap#1.1"]["label"]
    '1.1 ส่งเสริมความร่วมมือ'
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Protocol

import networkx as nx

from .._version import __version__
from ..linking.search_terms import measure_search_terms, registry_search_names
from ..model import Measure, ParsedDocument

__all__ = ["build_graph", "display_title", "GraphContext", "Fragment", "fragment", "fragments", "graph_attrs",
           "measure_summary", "MeasureSummary"]

_LABEL = 90
_NAMES = 8
_EVENT_TEXT = 600    # characters of an event statement kept on its node


def _short(text: str | None, n: int = _LABEL) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _registry_names(body_ids: Iterable[str], registry: Any) -> dict[str, dict[str, Any]]:
    """{id: {"name_en", "name_th", "names"}} from the body registry; {} when it is unavailable.

    ``registry`` is a ``BodyRegistry`` (bodies with ``en``/``th`` name tuples and ``names``) or a
    dict of id -> {"name_en", "name_th", "aliases", "pillar"}. It is another stage's: any failure
    (missing module, partial data, another API) only loses the names, never the graph.
    """
    if registry is False:
        return {}
    try:
        if registry is None:
            from ..bodies import BodyRegistry
            registry = BodyRegistry.load()
    except Exception:  # noqa: BLE001 - a missing or broken registry only costs the names
        return {}
    out: dict[str, dict[str, Any]] = {}
    for bid in body_ids:
        try:
            getter = getattr(registry, "get", None)
            body = getter(bid) if callable(getter) else registry[bid]
        except Exception:  # noqa: BLE001
            body = None
        if body is None:
            continue
        rec: dict[str, Any] = {}
        for key, attrs in (("name_en", ("name_en", "en")), ("name_th", ("name_th", "th")),
                           ("names", ("aliases", "names")), ("pillar", ("pillar",))):
            for a in attrs:
                v = body.get(a) if isinstance(body, dict) else getattr(body, a, None)
                if isinstance(v, (list, tuple)) and key != "names":
                    v = next((x for x in v if isinstance(x, str) and x.strip()), None)
                elif isinstance(v, str) and key == "names":
                    v = [v]
                if v:
                    rec[key] = v.strip() if isinstance(v, str) else [str(x) for x in v][:_NAMES]
                    break
        out[bid] = rec
    return out


def display_title(pd: ParsedDocument) -> str:
    """What names a document where it is shown: its title; for a document without one that has
    numbered items, its first heading (the heading its first top-level item lies under, else that
    item: "1 Legal cooperation"); else its id.

    >>> from aseandocs.model import Document, Measure, ParsedDocument
    >>> m = Measure(id="wp#1", plan="wp", ref="1", parent=None, level=1, title="Legal cooperation", span=(0, 1))
    >>> display_title(ParsedDocument(Document.from_text("…", id="wp"), kind="plan", measures=(m,)))
    '1 Legal cooperation'
    """
    if pd.title:
        return pd.title
    top = next((m for m in pd.measures if m.parent is None), None)
    if top is not None:
        heading = top.scope or " ".join(f"{top.ref} {top.title}".split())
        if heading.strip():
            return heading
    return pd.id


def _top(measures: dict[str, Measure], m: Measure) -> Measure:
    """The top-most ancestor of ``m`` that the plan has (its section), cycle safe."""
    seen = {m.id}
    while m.parent is not None:
        parent = measures.get(f"{m.scope or ''}\x00{m.parent}")
        if parent is None or parent.id in seen:
            break
        seen.add(parent.id)
        m = parent
    return m


def _local(m: Measure) -> str:
    return m.id.split("#", 1)[1] if "#" in m.id else m.ref


class _Part:
    """One document's nodes and edges as ``nx.MultiDiGraph`` holds them (a node made on its first
    ``add_node`` or edge, attributes updated by later calls; edges listed by source node, then
    target, then key, each in first-seen order), without networkx's views: a corpus makes one per
    document, and the graph files are written from them."""

    __slots__ = ("nodes", "adj")

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.adj: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}

    def add_node(self, n: str, /, **attrs: Any) -> None:
        d = self.nodes.get(n)
        if d is None:
            self.nodes[n], self.adj[n] = attrs, {}
        else:
            d.update(attrs)

    def add_edge(self, u: str, v: str, /, key: str, **attrs: Any) -> None:
        for x in (u, v):
            if x not in self.nodes:
                self.nodes[x], self.adj[x] = {}, {}
        keys = self.adj[u].setdefault(v, {})
        d = keys.get(key)
        if d is None:
            keys[key] = attrs
        else:
            d.update(attrs)

    def edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        for u, nbrs in self.adj.items():
            for v, keys in nbrs.items():
                for k, d in keys.items():
                    yield u, v, k, d


def _add_measures(g: _Part, pd: ParsedDocument, plan_label: str,
                  skip: Callable[[str], bool] | None = None, terms: bool = True,
                  body_names: Callable[[str], tuple[str, ...]] | None = None) -> list[tuple[str, str, str]]:
    """Measure and activity nodes of one plan (none for a document of another kind: its numbered
    points are not in the graph); returns its pending references. ``skip``:
    measure nodes another document has already (a duplicate id: the first one wins); ``terms``:
    give each measure node its search terms (``linking.search_terms``, the bodies' names from
    ``body_names``, by default the registry)."""
    if pd.kind != "plan":
        return []
    doc_node = f"doc:{pd.id}"
    by_key: dict[str, Measure] = {}
    for m in pd.measures:
        by_key.setdefault(f"{m.scope or ''}\x00{m.ref}", m)
    pending: list[tuple[str, str, str]] = []
    for m in pd.measures:
        node = f"measure:{m.id}"
        # a duplicate id: the first one wins (a node made bare by an earlier child's part_of edge
        # is not a duplicate: the measure itself comes after its child in the document)
        if "type" in g.nodes.get(node, {}) or skip is not None and skip(node):
            continue
        top = _top(by_key, m)
        first = m.ref.split(".", 1)[0]
        pillar_head = by_key.get(f"{m.scope or ''}\x00{first}")
        pillar = _short(pillar_head.title, 40) if pillar_head else f"{plan_label} · {m.scope + ' ' if m.scope else ''}{first}"
        g.add_node(node, type="measure", label=_short(f"{m.ref} {m.title}"), plan=m.plan, ref=m.ref,
                   title=m.title, level=m.level, parent=m.parent, scope=m.scope, page=m.page,
                   bodies=list(m.bodies), references=list(m.references), section=_local(top),
                   pillar=pillar, fields=dict(m.fields), role=m.role,
                   terms=list(measure_search_terms(m, body_names)) if terms else [])
        parent = by_key.get(f"{m.scope or ''}\x00{m.parent}") if m.parent else None
        if parent is not None and parent.id != m.id:
            g.add_edge(node, f"measure:{parent.id}", key="part_of", type="part_of")
        else:
            g.add_edge(node, doc_node, key="part_of", type="part_of")
        for n, a in enumerate(m.activities, 1):
            anode = f"activity:{m.id}/{n}"
            g.add_node(anode, type="activity", label=_short(a.text), text=a.text, measure=m.id, n=n)
            g.add_edge(node, anode, key="has_activity", type="has_activity")
        for b in m.bodies:
            g.add_edge(node, f"body:{b}", key="mentions", type="mentions")
        for ref in m.references:
            target = by_key.get(f"{m.scope or ''}\x00{ref}") or next(
                (x for k, x in by_key.items() if k.endswith(f"\x00{ref}")), None)
            if target is not None and target.id != m.id:
                pending.append((node, f"measure:{target.id}", "references"))
    return pending


def _mention_names(pd: ParsedDocument) -> list[tuple[str, str, int]]:
    """(body, words as written, count) of a document's mentions, in first-seen order."""
    seen: Counter[tuple[str, str]] = Counter((m.body, " ".join(m.text.split())) for m in pd.mentions)
    return [(b, t, c) for (b, t), c in seen.items()]


class CompactDocument(Protocol):
    """A parsed document kept without its text and mentions (a build's ``corpus.records.DocRecord``):
    ``parsed`` and the (body, words as written, count) of its mentions."""
    parsed: ParsedDocument
    mention_names: tuple[tuple[str, str, int], ...]


def _unpack(item: "ParsedDocument | CompactDocument") -> tuple[ParsedDocument, Any]:
    if isinstance(item, ParsedDocument):
        return item, _mention_names(item)
    return item.parsed, item.mention_names


Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]


#: (measure node, its pillar, the bodies it names) of each measure of a document.
MeasureSummary = tuple[tuple[str, str, tuple[str, ...]], ...]


def measure_summary(pd: ParsedDocument) -> MeasureSummary:
    """What the rest of the graph needs of a plan's measures (``GraphContext``), e.g.
    ``(("measure:vap#1.2.5", "ความร่วมมือด้านการเมืองและความมั่นคง", ("SOMTC",)), ...)``; empty for
    a document that is not a plan (its numbered points are not in the graph)."""
    g = _Part()
    _add_measures(g, pd, _short(display_title(pd), 30), terms=False)   # the summary needs no search terms
    return tuple((n, d["pillar"], tuple(d["bodies"])) for n, d in g.nodes.items()
                 if d.get("type") == "measure")


class GraphContext:
    """What a document's part of the graph needs from the rest of the corpus: which measure nodes
    exist (a link to any other is dangling) and their pillars, and the bodies' attributes (names
    from the registry and from every document, pillars of the measures naming them).

    It is made from the records a build keeps (plans' measures and each document's body names;
    events are not needed), so the graph can be written one document at a time.
    """

    def __init__(self, items: Iterable["ParsedDocument | CompactDocument"], registry: Any = None, *,
                 names_seen: dict[str, Counter[str]] | None = None,
                 summaries: Iterable[tuple[str, "MeasureSummary"]] = ()) -> None:
        """``names_seen``: body -> words used -> count over the whole corpus, when the caller
        added them up already (then ``items`` need only be the documents with measures);
        ``summaries``: (document id, ``measure_summary``) of documents given that way instead
        of in ``items`` (a build keeps no more of a report's measures), in corpus order after them."""
        self.measures: dict[str, tuple[str, str]] = {}    # measure node -> (its document, pillar)
        self._names_seen: dict[str, Counter[str]] = names_seen if names_seen is not None else defaultdict(Counter)
        self._body_pillars: dict[str, set[str]] = defaultdict(set)
        for item in items:
            pd, mention_names = _unpack(item)
            if names_seen is None:
                for body, words, c in mention_names:
                    self._names_seen[body][words] += c
            if pd.measures:
                self._add(pd.id, measure_summary(pd))
        for doc_id, summary in summaries:
            self._add(doc_id, summary)
        self._registry = registry
        self._bodies: dict[str, dict[str, Any]] = {}

    def _add(self, doc_id: str, summary: "MeasureSummary") -> None:
        for node, pillar, bodies in summary:
            if node not in self.measures:
                self.measures[node] = (doc_id, pillar)
                for b in bodies:
                    self._body_pillars[b].add(pillar)

    def _names(self) -> Any:
        """The registry or the build's table of its names; the shipped registry, loaded once, when
        none was given (False if it cannot be loaded)."""
        if self._registry is None:
            try:
                from ..bodies import BodyRegistry
                self._registry = BodyRegistry.load()
            except Exception:  # noqa: BLE001 - a missing or broken registry only costs the names
                self._registry = False
        return self._registry

    @property
    def search_names(self) -> Callable[[str], tuple[str, ...]] | None:
        """body id -> the names it is searched by beside its id (``linking.search_terms``), from
        the registry or the build's table of its names (``corpus.cache.body_names``: the
        registry need not be loaded in this process) given to this context; None when none was
        (``measure_search_terms`` then uses the shipped registry)."""
        return self._search_names if self._registry is not None and self._registry is not False else None

    def _search_names(self, b: str) -> tuple[str, ...]:
        try:   # another stage's data: a failure only loses the names (as ``_registry_names``)
            get = getattr(self._names(), "get", None)
            entry = get(b) if callable(get) else None
            if not isinstance(entry, dict):
                return registry_search_names(entry)
            names = (*entry.get("acronyms", ()), entry.get("name_en"), entry.get("name_th"))
            return tuple(n for n in names if isinstance(n, str) and n)
        except Exception:  # noqa: BLE001
            return ()

    def body(self, b: str) -> dict[str, Any]:
        """The attributes of node ``body:<b>`` (made once)."""
        attrs = self._bodies.get(b)
        if attrs is not None:
            return attrs
        r = _registry_names((b,), self._names()).get(b, {})
        seen = [t for t, _ in self._names_seen.get(b, Counter()).most_common() if t]
        names: list[str] = []
        for n in [r.get("name_en"), r.get("name_th"), *r.get("names", []), *seen]:
            if n and n not in names:
                names.append(n)
        own = {f"ASEAN pillar: {r['pillar']}"} if r.get("pillar") else set()
        attrs = {"type": "body", "label": _short(r.get("name_en") or b, 60), "acronym": b,
                 "asean_pillar": r.get("pillar"), "name_en": r.get("name_en"),
                 "name_th": r.get("name_th") or next(
                     (t for t in seen if any("\u0e01" <= c <= "\u0e5b" for c in t)), None),
                 "names": names[:_NAMES], "pillars": sorted(own | self._body_pillars.get(b, set()))}
        self._bodies[b] = attrs
        return attrs


class Fragment(NamedTuple):
    """One document's part of the graph: its nodes and the edges leaving them, in the order of
    the whole graph (``build_graph``); ``bodies`` are the body nodes it refers to (first-seen
    order), which the whole graph holds once; ``dangling`` counts links to measures that are not
    in the corpus (left out)."""

    nodes: list[Node]
    edges: list[Edge]
    bodies: list[str]
    dangling: int


def fragment(item: "ParsedDocument | CompactDocument", ctx: GraphContext) -> Fragment:
    """The graph's part for one document (see ``Fragment``)."""
    pd, mention_names = _unpack(item)
    g = _Part()
    doc_node = f"doc:{pd.id}"
    d = pd.document
    g.add_node(doc_node, type="document", label=_short(display_title(pd)), title=pd.title,
               kind=pd.kind, date=pd.date, language=d.language, source=d.source, format=d.format,
               measures=len(pd.measures), events=len(pd.events))
    pending = _add_measures(g, pd, _short(display_title(pd), 30),
                            skip=lambda node: ctx.measures.get(node, (pd.id,))[0] != pd.id,
                            body_names=ctx.search_names)
    counts: Counter[str] = Counter()
    for body, _words, c in mention_names:
        counts[body] += c
    for body, c in sorted(counts.items()):
        g.add_edge(doc_node, f"body:{body}", key="mentions", type="mentions", count=c)
    reports: list[tuple[str, str, float, list[str]]] = []
    for n, e in enumerate(pd.events, 1):
        enode = f"event:{pd.id}#{n}"
        g.add_node(enode, type="event", label=_short(f"{e.date or '?'} {e.type}: {e.text}", 70),
                   event_type=e.type, date=e.date, end_date=e.end_date, status=e.status,
                   text=_short(e.text, _EVENT_TEXT), document=pd.id, bodies=list(e.bodies),
                   instruments=list(e.instruments), ordinal=e.ordinal, page=e.page)
        g.add_edge(enode, doc_node, key="published_in", type="published_in")
        for b in e.bodies:
            g.add_edge(enode, f"body:{b}", key="mentions", type="mentions")
        for link in e.measures:
            reports.append((enode, f"measure:{link.measure or f'{link.plan}#{link.ref}'}",
                            float(link.score), list(link.evidence)))
    for u, v, t in pending:
        g.add_edge(u, v, key=t, type=t)
    dangling = 0
    pillars: dict[str, set[str]] = defaultdict(set)
    for enode, mnode, score, evidence in reports:
        target = ctx.measures.get(mnode)
        if target is None:
            dangling += 1
            continue
        g.add_edge(enode, mnode, key="reports_on", type="reports_on", score=round(score, 4),
                   evidence=evidence)
        pillars[enode].add(target[1])
    nodes: list[Node] = []
    bodies: list[str] = []
    for n, attrs in g.nodes.items():
        if "type" in attrs:
            if attrs["type"] == "event":
                attrs["pillars"] = sorted(pillars.get(n, ()))
            nodes.append((n, attrs))
        elif n.startswith("body:"):
            bodies.append(n)
            nodes.append((n, ctx.body(n[5:])))
    edges: list[Edge] = list(g.edges())
    return Fragment(nodes, edges, bodies, dangling)


def fragments(items: Iterable["ParsedDocument | CompactDocument"], ctx: GraphContext) -> Iterator[Fragment]:
    """Each document's ``Fragment``, with each body node only where the graph first meets it."""
    seen: set[str] = set()
    for item in items:
        f = fragment(item, ctx)
        if any(b in seen for b in f.bodies):
            f = f._replace(nodes=[(n, a) for n, a in f.nodes if not (n.startswith("body:") and n in seen)])
        seen.update(f.bodies)
        yield f


def graph_attrs(dangling: int) -> dict[str, Any]:
    return {"name": "aseandocs", "aseandocs_version": __version__, "schema": 1, "dangling_links": dangling}


def build_graph(parsed_docs: Iterable["ParsedDocument | CompactDocument"], *,
                registry: Any = None) -> nx.MultiDiGraph:
    """The MultiDiGraph of ``parsed_docs``: parsed documents or the compact records a build keeps
    (``aseandocs.corpus.records.DocRecord``, the same graph without the texts); ``registry=False``
    skips body names. The graph is the documents' ``fragment``s put together, in order."""
    items = list(parsed_docs)
    ctx = GraphContext(items, registry)
    g = nx.MultiDiGraph()
    dangling = 0
    edges: list[Edge] = []
    for f in fragments(items, ctx):   # every node first: an event may report on a later plan
        g.add_nodes_from(f.nodes)
        edges += f.edges
        dangling += f.dangling
    g.add_edges_from(edges)
    g.graph.update(graph_attrs(dangling))
    return g
