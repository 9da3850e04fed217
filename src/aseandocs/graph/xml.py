"""GraphML and GEXF written as a stream: the same bytes as networkx's writers, without building
an XML tree of the whole graph in memory (issue 8: that tree, not the graph, was the peak of a
large build — about 1 KB per attribute value).

Each writer takes a graph whose attributes are scalars already (``graph.export.flatten``) and
reproduces networkx 3's pretty-printed output (``GraphMLWriter``/``GEXFWriter`` with
``xml.etree.ElementTree``): the same keys and attribute declarations in the same order, the same
escaping, the same indentation; tests/graph/test_graph.py compares the bytes with networkx's. A Thai
label ("กฎบัตรอาเซียน") and an English one ("ASEAN Charter & TAC") come out as::

    <data key="d3">ASEAN Charter &amp; TAC</data>                      (GraphML)
    <node id="measure:vap#1.1" label="กฎบัตรอาเซียน">                   (GEXF)
"""
from __future__ import annotations

import time
from typing import Any, Callable, TextIO

import networkx as nx

__all__ = ["write_graphml_stream", "write_gexf_stream"]


def _cdata(text: str) -> str:
    """Element text as ElementTree escapes it: "&", "<", ">" only."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attr(text: str) -> str:
    """An attribute value as ElementTree escapes it (quotes, CR, LF and tab too)."""
    text = _cdata(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def _tag(tag: str, attrs: list[tuple[str, str]]) -> str:
    return tag + "".join(f' {k}="{_attr(v)}"' for k, v in attrs)


def _leaf(out: Callable[[str], Any], pad: str, tag: str, attrs: list[tuple[str, str]],
          text: str | None = None) -> None:
    """A childless element on its own line: ``<tag a="v" />`` or ``<tag a="v">text</tag>``."""
    if text:
        out(f"{pad}<{_tag(tag, attrs)}>{_cdata(text)}</{tag}>\n")
    else:
        out(f"{pad}<{_tag(tag, attrs)} />\n")


def _parent(out: Callable[[str], Any], pad: str, tag: str, attrs: list[tuple[str, str]],
            children: list[tuple[str, list[tuple[str, str]], str | None]]) -> None:
    """An element with leaf children one level deeper (or a leaf when it has none)."""
    if not children:
        _leaf(out, pad, tag, attrs)
        return
    out(f"{pad}<{_tag(tag, attrs)}>\n")
    inner = pad + "  "
    for ctag, cattrs, ctext in children:
        _leaf(out, inner, ctag, cattrs, ctext)
    out(f"{pad}</{tag}>\n")


# --- GraphML -------------------------------------------------------------------------------------

def write_graphml_stream(g: nx.MultiDiGraph, fh: TextIO) -> None:
    """``nx.write_graphml(g, path)`` (ElementTree writer, pretty-printed) for a flat ``g``."""
    from networkx.readwrite.graphml import GraphMLWriter
    w = GraphMLWriter()
    xml_type = w.xml_type
    keys: dict[tuple[str, str, str], str] = {}

    def key(name: str, value: Any, scope: str) -> str:
        k = (name, xml_type[type(value)], scope)
        kid = keys.get(k)
        if kid is None:
            kid = keys[k] = f"d{len(keys)}"
        return kid

    graph_data = {k: v for k, v in g.graph.items() if k not in ("node_default", "edge_default")}
    graph_id = graph_data.pop("id", None)
    for k, v in graph_data.items():          # keys are numbered in the order networkx meets them
        key(str(k), v, "graph")
    for _, d in g.nodes(data=True):
        for k, v in d.items():
            key(str(k), v, "node")
    for _, _, d in g.edges(data=True):
        for k, v in d.items():
            key(str(k), v, "edge")
    out = fh.write
    out("<?xml version='1.0' encoding='utf-8'?>\n")
    root = [("xmlns", w.NS_GRAPHML), ("xmlns:xsi", w.NS_XSI), ("xsi:schemaLocation", w.SCHEMALOCATION)]
    out(f"<{_tag('graphml', root)}>\n")
    for (name, typ, scope), kid in reversed(keys.items()):
        _leaf(out, "  ", "key", [("id", kid), ("for", scope), ("attr.name", name), ("attr.type", typ)])
    gattrs = [("edgedefault", "directed" if g.is_directed() else "undirected")]
    if graph_id is not None:
        gattrs.append(("id", str(graph_id)))
    if not (g.number_of_nodes() or g.number_of_edges() or graph_data):
        _leaf(out, "  ", "graph", gattrs)
    else:
        out(f"  <{_tag('graph', gattrs)}>\n")
        for n, d in g.nodes(data=True):
            _parent(out, "    ", "node", [("id", str(n))],
                    [("data", [("key", key(str(k), v, "node"))], str(v)) for k, v in d.items()])
        for u, v, k, d in g.edges(keys=True, data=True):
            _parent(out, "    ", "edge", [("source", str(u)), ("target", str(v)), ("id", str(k))],
                    [("data", [("key", key(str(a), x, "edge"))], str(x)) for a, x in d.items()])
        for k, v in graph_data.items():
            _leaf(out, "    ", "data", [("key", key(str(k), v, "graph"))], str(v))
        out("  </graph>\n")
    out("</graphml>\n")


# --- GEXF ----------------------------------------------------------------------------------------

def _gexf_value(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    s = str(v)
    if isinstance(v, float):
        s = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(s, s)
    return s


#: Node attributes networkx's GEXF writer takes out of the attvalues (besides ``label``); a flat
#: aseandocs graph has none of them, and the stream writer refuses them rather than differ.
_GEXF_NODE_RESERVED = frozenset({"id", "pid", "start", "end", "parents", "spells", "viz"})


#: Edge attributes networkx's GEXF writer takes out of the attvalues.
_GEXF_EDGE_POPPED = frozenset({"id", "label", "weight", "type", "start", "end", "spells", "viz"})


def write_gexf_stream(g: nx.MultiDiGraph, fh: TextIO) -> None:
    """``nx.write_gexf(g, path)`` (GEXF 1.2draft, pretty-printed) for a flat ``g`` whose nodes and
    edges carry no GEXF-reserved attributes (``_GEXF_NODE_RESERVED``; edge ``id``, ``label``,
    ``weight``)."""
    from networkx.readwrite.gexf import GEXFWriter
    w = GEXFWriter()
    xml_type = w.xml_type
    for _, d in g.nodes(data=True):
        if _GEXF_NODE_RESERVED & d.keys():
            raise ValueError(f"a node attribute GEXF reserves: {sorted(_GEXF_NODE_RESERVED & d.keys())}")
    attrs: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    classes: list[str] = []   # in the order their <attributes> were created
    count = [0]

    def attr_id(cls: str, title: str, value: Any) -> str:
        found = attrs[cls].get(title)
        if found is None:
            found = attrs[cls][title] = (str(count[0]), xml_type[type(value)])
            count[0] += 1
            if cls not in classes:
                classes.append(cls)
        return found[0]

    def node_values(d: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]], None]]:
        return [("attvalue", [("for", attr_id("node", str(k), v)), ("value", _gexf_value(v))], None)
                for k, v in d.items() if k != "label"]

    def edge_values(key: Any, d: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]], None]]:
        items = [(k, v) for k, v in d.items() if k not in _GEXF_EDGE_POPPED] + [("networkx_key", key)]
        return [("attvalue", [("for", attr_id("edge", str(k), v)), ("value", _gexf_value(v))], None)
                for k, v in items]

    for _, d in g.nodes(data=True):          # declare in networkx's order: nodes, then edges
        node_values(d)
    for _, _, k, d in g.edges(keys=True, data=True):
        if d.get("id") is not None or "weight" in d or "label" in d:
            raise ValueError("an edge attribute GEXF reserves (id, label, weight)")
        edge_values(k, d)
    out = fh.write
    out("<?xml version='1.0' encoding='utf-8'?>\n")
    root = [("xmlns", w.NS_GEXF), ("xmlns:xsi", w.NS_XSI), ("xsi:schemaLocation", w.SCHEMALOCATION),
            ("version", w.VERSION)]
    out(f"<{_tag('gexf', root)}>\n")
    out(f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n')
    out(f"    <creator>{_cdata(f'NetworkX {nx.__version__}')}</creator>\n")
    out("  </meta>\n")
    mode = "dynamic" if g.graph.get("mode") == "dynamic" else "static"
    head = [("defaultedgetype", "directed" if g.is_directed() else "undirected"), ("mode", mode),
            ("name", str(g.graph.get("name", "")))]
    out(f"  <{_tag('graph', head)}>\n")
    for cls in reversed(classes):
        _parent(out, "    ", "attributes", [("mode", "static"), ("class", cls)],
                [("attribute", [("id", i), ("title", t), ("type", typ)], None)
                 for t, (i, typ) in attrs[cls].items()])
    out("    <nodes>\n") if g.number_of_nodes() else out("    <nodes />\n")
    for n, d in g.nodes(data=True):
        head = [("id", str(n)), ("label", str(d.get("label", n)))]
        values = node_values(d)
        if values:
            out(f"      <{_tag('node', head)}>\n")
            _parent(out, "        ", "attvalues", [], values)
            out("      </node>\n")
        else:
            _leaf(out, "      ", "node", head)
    if g.number_of_nodes():
        out("    </nodes>\n")
    out("    <edges>\n") if g.number_of_edges() else out("    <edges />\n")
    for eid, (u, v, k, d) in enumerate(g.edges(keys=True, data=True)):
        head = [("source", str(u)), ("target", str(v)), ("id", str(eid))]
        if "type" in d:
            head.append(("type", str(d["type"])))
        out(f"      <{_tag('edge', head)}>\n")
        _parent(out, "        ", "attvalues", [], edge_values(k, d))
        out("      </edge>\n")
    if g.number_of_edges():
        out("    </edges>\n")
    out("  </graph>\n")
    out("</gexf>\n")
