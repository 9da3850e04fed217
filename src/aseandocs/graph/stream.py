"""The graph files of a build written one document at a time (issue 8): graph.json, GraphML and
GEXF from each document's ``Fragment`` (``graph.build``), never from a graph of the whole corpus.

The bytes are those of ``MeasureGraph.from_documents(...).to_json/to_graphml/to_gexf`` (networkx's
node-link JSON and pretty-printed GraphML/GEXF), which tests/corpus/test_corpus.py checks: nodes
and edges go to temporary part files as they come, and each file is put together at the end, when
its head (GraphML keys, GEXF attribute declarations, the graph's attributes) is known. A Thai
label ("กฎบัตรอาเซียน") and an English one ("ASEAN Charter & TAC") come out as in
``graph.xml``. Memory stays flat: a 1 GB corpus has over a million event nodes.

    >>> write_graph_files(lambda: fragments(records, ctx), Path("out"))   # doctest: +SKIP
    {'bodies': 52, 'dangling': 0}
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import networkx as nx

from .._atomic import atomic_path
from .build import Fragment, graph_attrs
from .export import _XML_BAD, _scalar
from .xml import _GEXF_EDGE_POPPED, _attr, _cdata, _gexf_value, _leaf, _parent, _tag

__all__ = ["write_graph_files"]

# An edge attribute's key (GraphML) or id (GEXF) is numbered only at the end (after every node
# attribute): the part files hold a placeholder, "\x00e3\x00" (never in XML text: flattening
# drops NUL), replaced as the file is put together.


class _Parts:
    """Temporary part files in ``folder`` (removed at the end)."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.dir = tempfile.mkdtemp(dir=folder, prefix=".graph-parts.", suffix=".tmp")
        self.files = {n: open(os.path.join(self.dir, n), "w", encoding="utf-8", newline="") for n in names}

    def close(self) -> None:
        for f in self.files.values():
            if not f.closed:
                f.close()

    def copy(self, name: str, out: Any, late: dict[str, str] | None = None) -> None:
        """Append part ``name`` to ``out`` (a text file), its placeholders replaced by ``late``
        (placeholder -> final text; a handful of them, so each chunk is one ``bytes.replace`` per
        placeholder). Copied as bytes: the part is UTF-8 already, decoding it only to encode it
        again was a fifth of the GraphML/GEXF writer's time."""
        self.files[name].close()
        out.flush()                 # what ``out`` holds goes first
        raw = out.buffer
        with open(os.path.join(self.dir, name), "rb") as f:
            if not late:
                shutil.copyfileobj(f, raw, 1 << 20)
                return
            subs = [(ph.encode(), final.encode()) for ph, final in late.items()]
            rest = b""
            while True:
                block = f.read(1 << 20)
                if not block:
                    break
                block = rest + block
                cut = block.rfind(b"\n") + 1        # placeholders never span a line break
                block, rest = block[:cut], block[cut:]
                for ph, final in subs:
                    if ph in block:
                        block = block.replace(ph, final)
                raw.write(block)
            for ph, final in subs:
                rest = rest.replace(ph, final)
            raw.write(rest)

    def remove(self) -> None:
        self.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _flat(attrs: dict[str, Any], conv: dict[str, type]) -> dict[str, Any]:
    """``graph.export.flatten`` of one node's or edge's attributes (``conv``: the keys whose
    values have mixed types in the graph, and the type they all become)."""
    out = {}
    for k, v in attrs.items():
        s = _scalar(v)
        if s is None:
            continue
        if k in conv:
            s = conv[k](s)
        out[k] = s
    return out


class _Types:
    """The types each attribute key takes, to find the keys ``flatten`` would unify."""

    def __init__(self) -> None:
        self.seen: dict[str, set[type]] = {}

    def add(self, d: dict[str, Any]) -> None:
        for k, v in d.items():
            ts = self.seen.get(k)
            if ts is None:
                self.seen[k] = {type(v)}
            elif type(v) not in ts:
                ts.add(type(v))

    def mixed(self) -> dict[str, type]:
        return {k: float if ts <= {int, float} else str for k, ts in self.seen.items() if len(ts) > 1}


class _Json:
    def __init__(self, parts: _Parts) -> None:
        self.nodes, self.edges = parts.files["json-nodes"], parts.files["json-edges"]
        self.n = self.e = 0

    def node(self, n: str, d: dict[str, Any]) -> None:
        self.nodes.write(("," if self.n else "") + json.dumps({**d, "id": n}, ensure_ascii=False,
                                                             separators=(",", ":")))
        self.n += 1

    def edge(self, u: str, v: str, k: str, d: dict[str, Any]) -> None:
        self.edges.write(("," if self.e else "") + json.dumps({**d, "source": u, "target": v, "key": k},
                                                             ensure_ascii=False, separators=(",", ":")))
        self.e += 1

    def finish(self, parts: _Parts, path: Path, graph: dict[str, Any]) -> None:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
            head = {"directed": True, "multigraph": True, "graph": graph}
            out.write(json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"nodes":[')
            parts.copy("json-nodes", out)
            out.write('],"edges":[')
            parts.copy("json-edges", out)
            out.write("]}")


class _GraphML:
    """``graph.xml.write_graphml_stream`` of the flattened graph, one node or edge at a time."""

    def __init__(self, parts: _Parts) -> None:
        from networkx.readwrite.graphml import GraphMLWriter
        self.w = GraphMLWriter()
        self.nodes, self.edges = parts.files["graphml-nodes"], parts.files["graphml-edges"]
        self.node_types, self.edge_types = _Types(), _Types()
        self.base_n = len(graph_attrs(0))   # the graph's own keys come first (always these)
        self.node_keys: dict[tuple[str, str, str], int] = {}
        self.edge_keys: dict[tuple[str, str, str], int] = {}

    def _key(self, table: dict[tuple[str, str, str], int], name: str, value: Any, scope: str) -> int:
        k = (name, self.w.xml_type[type(value)], scope)
        i = table.get(k)
        if i is None:
            i = table[k] = len(table)
        return i

    def node(self, n: str, f: dict[str, Any]) -> None:
        """Node ``n`` with its flattened attributes ``f`` (the text ``graph.xml._parent`` makes)."""
        self.node_types.add(f)
        head = f'    <node id="{_attr(_XML_BAD.sub("", str(n)))}"'
        if not f:
            self.nodes.write(head + " />\n")
            return
        parts = [head, ">\n"]
        for k, v in f.items():
            kid = self.base_n + self._key(self.node_keys, str(k), v, "node")
            text = str(v)
            parts.append(f'      <data key="d{kid}">{_cdata(text)}</data>\n' if text else f'      <data key="d{kid}" />\n')
        parts.append("    </node>\n")
        self.nodes.write("".join(parts))

    def edge(self, u: str, v: str, k: str, f: dict[str, Any]) -> None:
        self.edge_types.add(f)
        head = (f'    <edge source="{_attr(_XML_BAD.sub("", str(u)))}" target="{_attr(_XML_BAD.sub("", str(v)))}"'
                f' id="{_attr(str(k))}"')
        if not f:
            self.edges.write(head + " />\n")
            return
        parts = [head, ">\n"]
        for a, x in f.items():
            kid = self._key(self.edge_keys, str(a), x, "edge")
            text = str(x)
            parts.append(f'      <data key="\x00e{kid}\x00">{_cdata(text)}</data>\n' if text
                         else f'      <data key="\x00e{kid}\x00" />\n')
        parts.append("    </edge>\n")
        self.edges.write("".join(parts))

    def mixed(self) -> tuple[dict[str, type], dict[str, type]]:
        return self.node_types.mixed(), self.edge_types.mixed()

    def finish(self, parts: _Parts, path: Path, graph: dict[str, Any]) -> None:
        w = self.w
        gdata = {k: s for k, v in graph.items() if (s := _scalar(v)) is not None}
        keys: list[tuple[tuple[str, str, str], str]] = []
        for k, v in gdata.items():
            keys.append(((str(k), w.xml_type[type(v)], "graph"), f"d{len(keys)}"))
        base_n = len(keys)
        if base_n != self.base_n:
            raise AssertionError("the graph's attributes changed while its nodes were written")
        keys += [(k, f"d{base_n + i}") for k, i in self.node_keys.items()]
        base_e = len(keys)
        keys += [(k, f"d{base_e + i}") for k, i in self.edge_keys.items()]
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
            out.write("<?xml version='1.0' encoding='utf-8'?>\n")
            root = [("xmlns", w.NS_GRAPHML), ("xmlns:xsi", w.NS_XSI), ("xsi:schemaLocation", w.SCHEMALOCATION)]
            out.write(f"<{_tag('graphml', root)}>\n")
            for (name, typ, scope), kid in reversed(keys):
                out.write(f'  <{_tag("key", [("id", kid), ("for", scope), ("attr.name", name), ("attr.type", typ)])} />\n')
            out.write(f"  <{_tag('graph', [('edgedefault', 'directed')])}>\n")
            parts.copy("graphml-nodes", out)
            parts.copy("graphml-edges", out, {f"\x00e{i}\x00": f"d{base_e + i}" for i in self.edge_keys.values()})
            for i, (k, v) in enumerate(gdata.items()):
                _leaf(out.write, "    ", "data", [("key", f"d{i}")], str(v))
            out.write("  </graph>\n</graphml>\n")


class _Gexf:
    """``graph.xml.write_gexf_stream`` of the flattened graph (edge ``type`` as ``relation``)."""

    def __init__(self, parts: _Parts) -> None:
        from networkx.readwrite.gexf import GEXFWriter
        self.w = GEXFWriter()
        self.nodes, self.edges = parts.files["gexf-nodes"], parts.files["gexf-edges"]
        self.node_attrs: dict[str, tuple[int, str]] = {}
        self.edge_attrs: dict[str, tuple[int, str]] = {}
        self.eid = 0

    def _attr(self, table: dict[str, tuple[int, str]], title: str, value: Any) -> int:
        found = table.get(title)
        if found is None:
            found = table[title] = (len(table), self.w.xml_type[type(value)])
        return found[0]

    def node(self, n: str, f: dict[str, Any]) -> None:
        """Node ``n`` with its flattened attributes ``f`` (the text ``graph.xml`` makes)."""
        head = f'      <node id="{_attr(_XML_BAD.sub("", str(n)))}" label="{_attr(str(f.get("label", n)))}"'
        values = [f'          <attvalue for="{self._attr(self.node_attrs, str(k), v)}" value="{_attr(_gexf_value(v))}" />\n'
                  for k, v in f.items() if k != "label"]
        if values:
            self.nodes.write("".join([head, ">\n        <attvalues>\n", *values,
                                      "        </attvalues>\n      </node>\n"]))
        else:
            self.nodes.write(head + " />\n")

    def edge(self, u: str, v: str, k: str, f: dict[str, Any]) -> None:
        """Edge (u, v, k) with its flattened attributes ``f`` (``type`` not yet renamed)."""
        if "type" in f:
            f = dict(f)
            f["relation"] = f.pop("type")   # last, as flatten(edge_type_as="relation") puts it
        if f.get("id") is not None or "weight" in f or "label" in f:
            raise ValueError("an edge attribute GEXF reserves (id, label, weight)")
        items = [(a, x) for a, x in f.items() if a not in _GEXF_EDGE_POPPED] + [("networkx_key", str(k))]
        head = (f'      <edge source="{_attr(_XML_BAD.sub("", str(u)))}" target="{_attr(_XML_BAD.sub("", str(v)))}"'
                f' id="{self.eid}">\n        <attvalues>\n')
        self.eid += 1
        values = [f'          <attvalue for="\x00e{self._attr(self.edge_attrs, str(a), x)}\x00" value="{_attr(_gexf_value(x))}" />\n'
                  for a, x in items]
        self.edges.write("".join([head, *values, "        </attvalues>\n      </edge>\n"]))

    def finish(self, parts: _Parts, path: Path, graph: dict[str, Any], nodes: int) -> None:
        w = self.w
        base_e = len(self.node_attrs)
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
            out.write("<?xml version='1.0' encoding='utf-8'?>\n")
            root = [("xmlns", w.NS_GEXF), ("xmlns:xsi", w.NS_XSI), ("xsi:schemaLocation", w.SCHEMALOCATION),
                    ("version", w.VERSION)]
            out.write(f"<{_tag('gexf', root)}>\n")
            out.write(f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n')
            out.write(f"    <creator>{_cdata(f'NetworkX {nx.__version__}')}</creator>\n")
            out.write("  </meta>\n")
            head = [("defaultedgetype", "directed"), ("mode", "static"), ("name", str(graph.get("name", "")))]
            out.write(f"  <{_tag('graph', head)}>\n")
            classes = [("edge", self.edge_attrs, base_e)] if self.edge_attrs else []
            classes += [("node", self.node_attrs, 0)] if self.node_attrs else []
            for cls, table, base in classes:
                _parent(out.write, "    ", "attributes", [("mode", "static"), ("class", cls)],
                        [("attribute", [("id", str(base + i)), ("title", t), ("type", typ)], None)
                         for t, (i, typ) in table.items()])
            out.write("    <nodes>\n" if nodes else "    <nodes />\n")
            parts.copy("gexf-nodes", out)
            if nodes:
                out.write("    </nodes>\n")
            out.write("    <edges>\n" if self.eid else "    <edges />\n")
            parts.copy("gexf-edges", out, {f"\x00e{i}\x00": str(base_e + i) for i, _ in self.edge_attrs.values()})
            if self.eid:
                out.write("    </edges>\n")
            out.write("  </graph>\n</gexf>\n")


def write_graph_files(make: Callable[[], Iterator[Fragment]], dest: Path, *,
                      json_file: bool = True, xml_files: bool = True,
                      visit: Callable[[Fragment], None] | None = None,
                      xml_formats: tuple[str, ...] = ("graphml", "gexf")) -> dict[str, Any]:
    """graph.json (``json_file``) and graph.graphml and graph.gexf (``xml_files``; of the two only
    those in ``xml_formats``) in ``dest`` from the fragments ``make()`` yields (called again, once,
    if an attribute turns out to hold values of mixed types, which GraphML and GEXF cannot declare);
    ``visit`` sees each fragment of the first pass (the explorer's selection). Returns {"bodies":
    body nodes, "dangling": links left out}."""
    conv: tuple[dict[str, type], dict[str, type]] = ({}, {})
    for attempt in (0, 1):
        names = (["json-nodes", "json-edges"] if json_file and attempt == 0 else []) + \
                (["graphml-nodes", "graphml-edges", "gexf-nodes", "gexf-edges"] if xml_files else [])
        parts = _Parts(dest / "cache", names) if (dest / "cache").is_dir() else _Parts(dest, names)
        try:
            js = _Json(parts) if "json-nodes" in names else None
            gm = _GraphML(parts) if xml_files else None
            gx = _Gexf(parts) if xml_files else None
            bodies = dangling = nodes = 0
            for f in make():
                if visit is not None and attempt == 0:
                    visit(f)
                dangling += f.dangling
                for n, d in f.nodes:
                    nodes += 1
                    bodies += d.get("type") == "body"
                    if js:
                        js.node(n, d)
                    if gm and gx:
                        flat = _flat(d, conv[0])
                        gm.node(n, flat)
                        gx.node(n, flat)
                for u, v, k, d in f.edges:
                    if js:
                        js.edge(u, v, k, d)
                    if gm and gx:
                        flat = _flat(d, conv[1])
                        gm.edge(u, v, k, flat)
                        gx.edge(u, v, k, flat)
            graph = graph_attrs(dangling)
            if js:
                js.finish(parts, dest / "graph.json", graph)
            if gm and gx:
                mixed = gm.mixed()
                if (mixed[0] or mixed[1]) and attempt == 0:
                    conv = mixed
                    json_file = False
                    continue
                if "graphml" in xml_formats:
                    gm.finish(parts, dest / "graph.graphml", graph)
                if "gexf" in xml_formats:
                    gx.finish(parts, dest / "graph.gexf", graph, nodes)
            return {"bodies": bodies, "dangling": dangling}
        finally:
            parts.remove()
    raise AssertionError("unreachable")
