"""Writing a MeasureGraph: node-link JSON, GraphML, GEXF and CSV, each file atomically.

GraphML and GEXF hold only scalars, so attributes are flattened first: lists become "; "-joined
strings, dicts JSON, None and empty lists and dicts are omitted, characters XML cannot hold are dropped, and a key whose
values have mixed types becomes a string everywhere — networkx's writers then never fail::

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("body:SOMTC", type="body", names=["SOMTC", "เจ้าหน้าที่อาวุโส"], name_en=None, pillars=[])
    >>> flatten(g).nodes["body:SOMTC"]
    {'type': 'body', 'names': 'SOMTC; เจ้าหน้าที่อาวุโส'}
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import networkx as nx

from .._atomic import atomic_path, write_atomic
from .xml import write_gexf_stream, write_graphml_stream

__all__ = ["flatten", "write_json", "write_graphml", "write_gexf", "write_csv", "node_link"]

# Characters XML 1.0 cannot hold: C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/F.
# Matches "\x0c" (a PDF form feed) and "\x00"; must not match "\t", "\n", Thai "ก" or "é".
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _scalar(v: Any) -> Any:
    """One attribute value as a GraphML/GEXF scalar, or None to omit it."""
    if v is None:
        return None
    if isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, (list, tuple, set, frozenset)):
        if not v:    # an empty list is omitted, as None and an empty dict are
            return None
        v = "; ".join(str(_scalar(x)) for x in v if x is not None)
    elif isinstance(v, dict):
        if not v:
            return None
        v = json.dumps(v, ensure_ascii=False, sort_keys=True)
    return _XML_BAD.sub("", str(v))


def _unify(items: list[dict[str, Any]]) -> None:
    """Make each key's values one type: int+float -> float, anything else mixed -> str."""
    types: dict[str, set[type]] = {}
    for d in items:
        for k, v in d.items():
            types.setdefault(k, set()).add(type(v))
    for k, ts in types.items():
        if len(ts) < 2:
            continue
        conv = float if ts <= {int, float} else str
        for d in items:
            if k in d:
                d[k] = conv(d[k])


def flatten(graph: nx.MultiDiGraph, *, edge_type_as: str = "type") -> nx.MultiDiGraph:
    """A copy of ``graph`` whose node, edge and graph attributes are all scalars.

    ``edge_type_as`` renames the edges' ``type`` attribute (GEXF reserves ``type``).
    """
    flat = nx.MultiDiGraph()
    flat.graph.update({k: s for k, v in graph.graph.items() if (s := _scalar(v)) is not None})
    nodes = [{k: s for k, v in d.items() if (s := _scalar(v)) is not None} for _, d in graph.nodes(data=True)]
    edges = []
    for _, _, d in graph.edges(data=True):
        e = {k: s for k, v in d.items() if (s := _scalar(v)) is not None}
        if edge_type_as != "type" and "type" in e:
            e[edge_type_as] = e.pop("type")
        edges.append(e)
    _unify(nodes)
    _unify(edges)
    for n, d in zip(graph.nodes, nodes):
        flat.add_node(_XML_BAD.sub("", str(n)), **d)
    for (u, v, k), d in zip(graph.edges(keys=True), edges):
        flat.add_edge(_XML_BAD.sub("", str(u)), _XML_BAD.sub("", str(v)), key=str(k), **d)
    return flat


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    return nx.node_link_data(graph, edges="edges")


def write_json(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    write_atomic(path, json.dumps(node_link(graph), ensure_ascii=False, separators=(",", ":")))


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """GraphML, streamed (``graph.xml``): networkx's bytes without its in-memory XML tree."""
    flat = flatten(graph)
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        write_graphml_stream(flat, fh)


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """GEXF 1.2, streamed (``graph.xml``) like GraphML."""
    flat = flatten(graph, edge_type_as="relation")
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        write_gexf_stream(flat, fh)


def _csv(rows: list[dict[str, Any]], first: list[str]) -> str:
    cols = first + sorted({k for r in rows for k in r} - set(first))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def write_csv(graph: nx.MultiDiGraph, folder: str | os.PathLike[str]) -> None:
    """``nodes.csv`` and ``edges.csv`` in ``folder`` (UTF-8, lists "; "-joined)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    flat = flatten(graph)
    nodes = [{"id": n, **d} for n, d in flat.nodes(data=True)]
    edges = [{"source": u, "target": v, **d} for u, v, d in flat.edges(data=True)]
    write_atomic(out / "nodes.csv", _csv(nodes, ["id", "type", "label"]))
    write_atomic(out / "edges.csv", _csv(edges, ["source", "target", "type"]))
