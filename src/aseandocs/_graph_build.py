"""Building the MeasureGraph from parsed documents (the schema is in ``aseandocs.graph``).

One pass over the documents; links and references are resolved at the end because an event may
report on a measure of a plan that comes later in the corpus. Node attributes are records (titles,
labels, statement texts), never document texts, so the graph stays small as documents stream by::

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
from typing import Any, Iterable

import networkx as nx

from . import __version__
from ._doc_record import DocRecord
from .model import Measure, ParsedDocument

__all__ = ["build_graph"]

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
            from .bodies import BodyRegistry
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


def _add_measures(g: nx.MultiDiGraph, pd: ParsedDocument, plan_label: str) -> list[tuple[str, str, str]]:
    """Measure and activity nodes of one document; returns its pending references."""
    doc_node = f"doc:{pd.id}"
    by_key: dict[str, Measure] = {}
    for m in pd.measures:
        by_key.setdefault(f"{m.scope or ''}\x00{m.ref}", m)
    pending: list[tuple[str, str, str]] = []
    for m in pd.measures:
        node = f"measure:{m.id}"
        if node in g:  # a duplicate id: the first one wins (as in the store)
            continue
        top = _top(by_key, m)
        first = m.ref.split(".", 1)[0]
        pillar_head = by_key.get(f"{m.scope or ''}\x00{first}")
        pillar = _short(pillar_head.title, 40) if pillar_head else f"{plan_label} · {m.scope + ' ' if m.scope else ''}{first}"
        g.add_node(node, type="measure", label=_short(f"{m.ref} {m.title}"), plan=m.plan, ref=m.ref,
                   title=m.title, level=m.level, parent=m.parent, scope=m.scope, page=m.page,
                   bodies=list(m.bodies), references=list(m.references), section=_local(top),
                   pillar=pillar, fields=dict(m.fields))
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


def build_graph(parsed_docs: Iterable[ParsedDocument | DocRecord], *,
                registry: Any = None) -> nx.MultiDiGraph:
    """The MultiDiGraph of ``parsed_docs``: parsed documents or the compact records a build keeps
    (``aseandocs._doc_record.DocRecord``, the same graph without the texts); ``registry=False``
    skips body names."""
    g = nx.MultiDiGraph(name="aseandocs", aseandocs_version=__version__, schema=1)
    pending: list[tuple[str, str, str]] = []
    reports: list[tuple[str, str, float, list[str]]] = []
    names_seen: dict[str, Counter[str]] = defaultdict(Counter)
    for item in parsed_docs:
        if isinstance(item, DocRecord):
            pd, mention_names = item.parsed, item.mention_names
        else:
            pd, mention_names = item, _mention_names(item)
        doc_node = f"doc:{pd.id}"
        d = pd.document
        g.add_node(doc_node, type="document", label=_short(pd.title or pd.id), title=pd.title,
                   kind=pd.kind, date=pd.date, language=d.language, source=d.source, format=d.format,
                   measures=len(pd.measures), events=len(pd.events))
        pending += _add_measures(g, pd, _short(pd.title or pd.id, 30))
        counts: Counter[str] = Counter()
        for body, words, c in mention_names:
            counts[body] += c
            names_seen[body][words] += c
        for body, c in sorted(counts.items()):
            g.add_edge(doc_node, f"body:{body}", key="mentions", type="mentions", count=c)
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
    for enode, mnode, score, evidence in reports:
        if g.nodes.get(mnode, {}).get("type") != "measure":
            dangling += 1
            continue
        g.add_edge(enode, mnode, key="reports_on", type="reports_on", score=round(score, 4),
                   evidence=evidence)
    g.graph["dangling_links"] = dangling
    _finish_bodies(g, names_seen, registry)
    _spread_pillars(g)
    return g


def _finish_bodies(g: nx.MultiDiGraph, names_seen: dict[str, Counter[str]], registry: Any) -> None:
    bodies = sorted(n[5:] for n, d in g.nodes(data=True) if n.startswith("body:") and "type" not in d)
    reg = _registry_names(bodies, registry)
    for b in bodies:
        r = reg.get(b, {})
        seen = [t for t, _ in names_seen.get(b, Counter()).most_common() if t]
        names: list[str] = []
        for n in [r.get("name_en"), r.get("name_th"), *r.get("names", []), *seen]:
            if n and n not in names:
                names.append(n)
        g.add_node(f"body:{b}", type="body", label=_short(r.get("name_en") or b, 60), acronym=b,
                   asean_pillar=r.get("pillar"),
                   name_en=r.get("name_en"), name_th=r.get("name_th") or next(
                       (t for t in seen if any("\u0e01" <= c <= "\u0e5b" for c in t)), None),
                   names=names[:_NAMES])


def _spread_pillars(g: nx.MultiDiGraph) -> None:
    """Events and bodies get the pillars of the measures they touch (for the explorer's filter)."""
    for n, d in g.nodes(data=True):
        if d.get("type") == "event":
            d["pillars"] = sorted({g.nodes[v]["pillar"] for _, v, t in g.out_edges(n, keys=True)
                                   if t == "reports_on"})
        elif d.get("type") == "body":
            own = {f"ASEAN pillar: {d['asean_pillar']}"} if d.get("asean_pillar") else set()
            d["pillars"] = sorted(own | {g.nodes[u].get("pillar") for u, _, t in g.in_edges(n, keys=True)
                                         if t == "mentions" and g.nodes[u].get("type") == "measure"})
