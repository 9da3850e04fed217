"""Tests of aseandocs.graph: the MeasureGraph schema, its queries and its exports."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from samples import sample_docs

from aseandocs.errors import BuildError
from aseandocs.graph import MeasureGraph, ref_sort_key
from aseandocs.graph.export import flatten, write_gexf, write_graphml
from aseandocs.model import Document, Mention, ParsedDocument


@pytest.fixture(scope="module")
def g() -> MeasureGraph:
    return MeasureGraph.from_documents(sample_docs(), registry=False)


# --- the schema ----------------------------------------------------------------------------------

@pytest.mark.parametrize("node, type_", [
    ("doc:vap", "document"), ("measure:vap#1.1.1", "measure"), ("activity:vap#1.1.1/1", "activity"),
    ("activity:vap#1.2.1/2", "activity"), ("body:SOMTC", "body"), ("event:news#1", "event"),
    ("event:news#3", "event"), ("measure:pillars#s2/1.1", "measure")])
def test_nodes(g: MeasureGraph, node: str, type_: str) -> None:
    assert g.graph.nodes[node]["type"] == type_ and g.graph.nodes[node]["label"]


@pytest.mark.parametrize("u, v, type_", [
    ("measure:vap#1.1.1", "measure:vap#1.1", "part_of"), ("measure:vap#1.1", "doc:vap", "part_of"),
    ("measure:pillars#s2/1.1", "measure:pillars#s2/1", "part_of"),
    ("measure:vap#1.1.1", "activity:vap#1.1.1/1", "has_activity"),
    ("measure:vap#1.1.2", "body:SOMTC", "mentions"), ("event:news#3", "body:SOMTC", "mentions"),
    ("doc:news", "body:SOMTC", "mentions"),
    ("event:news#2", "measure:vap#1.1.1", "reports_on"), ("event:news#1", "doc:news", "published_in"),
    ("measure:vap#1.1.2", "measure:vap#1.1.1", "references")])
def test_edges(g: MeasureGraph, u: str, v: str, type_: str) -> None:
    assert g.graph.has_edge(u, v, key=type_) and g.graph.edges[u, v, type_]["type"] == type_


def test_reports_on_carries_score_and_evidence_and_dangling_links_are_counted(g: MeasureGraph) -> None:
    e = g.graph.edges["event:news#3", "measure:vap#1.1.2", "reports_on"]
    assert e["score"] == 0.6 and e["evidence"] == ["อาชญากรรมข้ามชาติ"]
    assert g.graph.graph["dangling_links"] == 1


def test_nodes_hold_no_document_text() -> None:
    docs = sample_docs()
    big = ParsedDocument(Document.from_text("ข้อความยาว " * 5000, id="big"), kind="news")
    graph = MeasureGraph.from_documents(docs + [big], registry=False).graph
    assert all("ข้อความยาว ข้อความยาว ข้อความยาว" not in json.dumps(d, ensure_ascii=False)
               for _, d in graph.nodes(data=True))


def test_body_names_come_from_the_registry_when_given() -> None:
    class Reg:
        def get(self, bid: str) -> dict | None:
            return {"name_en": "ASEAN Senior Officials Meeting on Transnational Crime",
                    "name_th": "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ",
                    "aliases": ["SOMTC"]} if bid == "SOMTC" else None

    graph = MeasureGraph.from_documents(sample_docs(), registry=Reg())
    d = graph.graph.nodes["body:SOMTC"]
    assert d["label"] == "ASEAN Senior Officials Meeting on Transnational Crime"
    assert d["names"][:2] == ["ASEAN Senior Officials Meeting on Transnational Crime",
                              "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ"]


def test_a_broken_registry_only_loses_the_names() -> None:
    class Broken:
        def get(self, bid: str) -> None:
            raise RuntimeError("half-written registry")

    graph = MeasureGraph.from_documents(sample_docs(), registry=Broken())
    assert graph.graph.nodes["body:SOMTC"]["label"] == "SOMTC"


def test_measure_search_terms_from_the_builds_table_of_names_are_the_registrys(tmp_path: Path) -> None:
    """A build gives its graph and store the table of the registry's names (made once, by a
    worker: ``corpus.cache.body_names``) so the build process need not load the registry; a
    measure's search terms made from that table are those the registry gives, for every body."""
    from aseandocs.bodies import BodyRegistry
    from aseandocs.corpus.cache import body_names
    from aseandocs.graph.build import GraphContext
    from aseandocs.linking.search_terms import measure_search_terms
    from aseandocs.model import Measure
    table = body_names(tmp_path, "names-test")
    assert isinstance(table, dict) and (tmp_path / "names-test.json").is_file()
    ctx = GraphContext((), table)
    reg = BodyRegistry.load()
    ids = [b.id for b in reg]
    assert len(ids) > 100 and any(b.acronyms for b in reg)
    for i in range(0, len(ids), 7):
        m = Measure("p#1", "p", "1", None, 1, "ส่งเสริมความร่วมมือ", (0, 1), bodies=tuple(ids[i:i + 7]))
        assert measure_search_terms(m, ctx.search_names) == measure_search_terms(m), ids[i:i + 7]
    assert ctx.search_names("SOMTC") == ("SOMTC", "ASEAN Senior Officials Meeting on Transnational Crime",
                                         "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ")
    assert GraphContext((), None).search_names is None   # no table: the shipped registry's, as by default


# --- queries ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("ref, plan, expected", [
    ("1.1.1", None, "vap#1.1.1"), ("๑.๑.๑", None, "vap#1.1.1"), ("1.1.1.", "vap", "vap#1.1.1"),
    ("ข้อ 1.2", None, "vap#1.2"), ("vap#1.2.1", None, "vap#1.2.1"), ("1.1", "doc:vap", "vap#1.1"),
    ("s2/1.1", None, "pillars#s2/1.1"), ("pillars#s1/1", None, "pillars#s1/1")])
def test_measure_lookup(g: MeasureGraph, ref: str, plan: str | None, expected: str) -> None:
    assert g.measure(ref, plan=plan).id == expected


@pytest.mark.parametrize("ref, plan, message", [
    ("9.9", None, "no measure '9.9'"), ("1.1", None, "ambiguous"), ("1.1.1", "pillars", "in plan 'pillars'")])
def test_measure_lookup_errors(g: MeasureGraph, ref: str, plan: str | None, message: str) -> None:
    with pytest.raises(KeyError, match=message):
        g.measure(ref, plan=plan)


def test_measure_record(g: MeasureGraph) -> None:
    m = g.measure("1.1.1")
    assert (m.title, m.activities, m.bodies, m.section) == (
        "ส่งเสริมการจัดทำกฎบัตรอาเซียน", ("จัดตั้งคณะผู้ทรงคุณวุฒิ",), ("ASEAN-SUMMIT",), "1.1")
    assert [p.date for p in m.progress] == ["2007-11-20", "2019-03-05"]
    assert g.measure("1.1.2").references == ("vap#1.1.1",)


def test_progress_by_date_with_evidence(g: MeasureGraph) -> None:
    p = g.progress("1.1.1", plan="vap")
    assert [(x.date, x.score, x.evidence, x.document) for x in p] == [
        ("2007-11-20", 0.8, ("กฎบัตรอาเซียน",), "news"), ("2019-03-05", 0.3, ("กฎบัตร",), "news")]
    assert p[0].document_title.startswith("ข่าว")


@pytest.mark.parametrize("query", ["SOMTC", "somtc", "body:SOMTC"])
def test_body(g: MeasureGraph, query: str) -> None:
    b = g.body(query)
    assert b.id == "SOMTC" and b.documents == ("news", "vap")
    assert [m.id for m in b.measures] == ["vap#1.1.2"] and [e.date for e in b.events] == ["2019-03-05"]
    assert "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ" in b.names


def test_unknown_body(g: MeasureGraph) -> None:
    with pytest.raises(KeyError, match="no body 'XYZ'.*SOMTC"):
        g.body("XYZ")


@pytest.mark.parametrize("query, first, method", [
    ("กฎบัตร", "vap#1.1.1", "substring"),                        # Thai substring of a title
    ("กฎ บัตร", "vap#1.1.1", "substring"),                       # spaces ignored
    ("คณะผู้ทรงคุณวุฒิ", "vap#1.1.1", "substring"),                 # an activity
    ("MARITIME", "vap#1.2.1", "substring"),                     # case folded
    ("maritme securty", "vap#1.2.1", "fuzzy"),                  # English typo
    ("อาชญากรรมข้ามชาต", "vap#1.1.2", "substring"),
    ("ความร่วมมือต่อต้านอาชญากรรม", "vap#1.1.2", "fuzzy"),        # Thai, words missing
])
def test_search(g: MeasureGraph, query: str, first: str, method: str) -> None:
    hits = g.search(query)
    assert hits[0].measure == first and hits[0].method == method


def test_search_keeps_thai_marks(g: MeasureGraph) -> None:
    # default_process would strip the marks and make "กฎบตร" equal to "กฎบัตร"; ours must not
    assert all(h.method == "fuzzy" for h in g.search("กฎบตร"))
    with pytest.raises(ValueError, match="empty query"):
        g.search("  ")


def test_coverage(g: MeasureGraph) -> None:
    rows = g.coverage("vap")
    assert [(r.section, r.measures, r.reported, r.share) for r in rows] == [("1.1", 3, 2, 0.6667), ("1.2", 2, 0, 0.0)]
    assert rows[0].title == "การพัฒนาทางการเมือง"
    assert [r.section for r in g.coverage("pillars")] == ["s1/1", "s2/1"]
    with pytest.raises(KeyError, match="no measures for plan 'nope'"):
        g.coverage("nope")


def test_timeline(g: MeasureGraph) -> None:
    assert [e.date for e in g.timeline()] == ["2007-11-20", "2019-03-05"]
    assert [e.id for e in g.timeline(body="ASEAN-SUMMIT")] == ["news#2"]


def test_stats(g: MeasureGraph) -> None:
    s = g.stats()
    assert (s["documents"], s["measures"], s["activities"], s["bodies"], s["events"]) == (3, 9, 3, 2, 3)
    assert (s["plans"], s["edges_reports_on"], s["measures_with_progress"], s["dated_events"]) == (2, 3, 2, 2)


def test_frames_and_notebook_html(g: MeasureGraph) -> None:
    pytest.importorskip("pandas")
    df = g.progress("1.1.1").to_frame()
    assert list(df["date"]) == ["2007-11-20", "2019-03-05"] and "evidence" in df.columns
    assert g.search("zzzzzz").to_frame().empty
    page = g._repr_html_() + g.timeline()._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("refs, ordered", [(["1.10", "1.9", "2", "1"], ["1", "1.9", "1.10", "2"]),
                                           (["s2/1.1", "s1/1.2", "A.2", "A.1"], ["A.1", "A.2", "s1/1.2", "s2/1.1"])])
def test_ref_sort_key(refs: list[str], ordered: list[str]) -> None:
    assert sorted(refs, key=ref_sort_key) == ordered


# --- exports ----------------------------------------------------------------------------------------

def test_json_round_trip(g: MeasureGraph, tmp_path: Path) -> None:
    g.to_json(tmp_path / "graph.json")
    back = MeasureGraph.load(tmp_path)
    assert nx.utils.graphs_equal(g.graph, back.graph)
    assert back.measure("1.1.1") == g.measure("1.1.1") and back.body("SOMTC") == g.body("SOMTC")


@pytest.mark.parametrize("content, message", [(None, "no graph.json"), ("{oops", "not a node-link graph")])
def test_load_errors(tmp_path: Path, content: str | None, message: str) -> None:
    if content is not None:
        (tmp_path / "graph.json").write_text(content, encoding="utf-8")
    with pytest.raises(BuildError, match=message):
        MeasureGraph.load(tmp_path)


def test_graphml_and_gexf_read_back(g: MeasureGraph, tmp_path: Path) -> None:
    g.to_graphml(tmp_path / "g.graphml")
    g.to_gexf(tmp_path / "g.gexf")
    gm = nx.read_graphml(tmp_path / "g.graphml")
    gx = nx.read_gexf(tmp_path / "g.gexf")
    for h in (gm, gx):
        assert h.number_of_nodes() == g.graph.number_of_nodes()
        assert h.number_of_edges() == g.graph.number_of_edges()
    assert gm.nodes["body:SOMTC"]["names"].startswith("การประชุมเจ้าหน้าที่อาวุโส")
    assert gm.nodes["measure:vap#1.1.2"]["references"] == "1.1.1"
    assert "parent" not in gm.nodes["measure:pillars#s1/1"]                     # None omitted
    assert {d["relation"] for _, _, d in gx.edges(data=True)} == {
        "part_of", "has_activity", "mentions", "reports_on", "published_in", "references"}


def test_csv(g: MeasureGraph, tmp_path: Path) -> None:
    g.to_csv(tmp_path / "csv")
    with open(tmp_path / "csv" / "nodes.csv", encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "csv" / "edges.csv", encoding="utf-8", newline="") as f:
        edges = list(csv.DictReader(f))
    assert len(nodes) == g.graph.number_of_nodes() and len(edges) == g.graph.number_of_edges()
    assert list(nodes[0])[:3] == ["id", "type", "label"] and list(edges[0])[:3] == ["source", "target", "type"]
    row = next(r for r in edges if r["type"] == "reports_on" and r["target"] == "measure:vap#1.1.2")
    assert row["evidence"] == "อาชญากรรมข้ามชาติ" and row["score"] == "0.6"


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                   st.text(max_size=12), st.lists(st.one_of(st.none(), st.text(max_size=5), st.integers()), max_size=3),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "names", "x y"]), VALUES, max_size=4),
                min_size=1, max_size=5))
def test_writers_never_fail_on_any_attributes(tmp_path_factory: pytest.TempPathFactory, attrs: list[dict]) -> None:
    graph = nx.MultiDiGraph()
    for i, a in enumerate(attrs):
        graph.add_node(f"n{i}\x0c", type="measure", label=f"ข้อ {i}", **a)
        graph.add_edge(f"n{i}\x0c", "n0\x0c", key="part_of", type="part_of", **a)
    d = tmp_path_factory.mktemp("w")
    write_graphml(graph, d / "g.graphml")
    write_gexf(graph, d / "g.gexf")
    assert nx.read_graphml(d / "g.graphml").number_of_nodes() == len(attrs)
    assert nx.read_gexf(d / "g.gexf").number_of_nodes() == len(attrs)
    assert all(not isinstance(v, (list, dict, type(None))) for _, dd in flatten(graph).nodes(data=True) for v in dd.values())


# --- the acceptance on ../shared/corpus ---------------------------------------------------------------

@pytest.mark.shared
@pytest.mark.slow
def test_charter_progress_on_the_shared_corpus(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    from aseandocs.corpus import build
    out = tmp_path_factory.mktemp("shared_out")
    build(shared_corpus, out, workers=2, progress=False)
    graph = MeasureGraph.load(out)
    progress = graph.progress("1.2.1", plan="000_c84986400c98ca88")
    from_002 = [p for p in progress if p.document == "002_1e19fb3f20c890f6"]
    assert from_002 and from_002[0].evidence, [(p.document, p.evidence) for p in progress]
    assert any(p.date for p in from_002)
    somtc = graph.body("SOMTC")
    assert somtc.measures or somtc.events


# --- the graph from compact records (issue 8: the build keeps records, not texts) -------------------

def _graph_data(g: nx.MultiDiGraph) -> tuple[list, list, dict]:
    return list(g.nodes(data=True)), list(g.edges(keys=True, data=True)), dict(g.graph)


@pytest.mark.parametrize("extra_mentions", [0, 3])
def test_the_graph_of_records_equals_the_graph_of_documents(extra_mentions: int) -> None:
    from dataclasses import replace

    from aseandocs.corpus.records import compact
    docs = sample_docs()
    # repeated mentions, with white space as written: counted, folded, first-seen order kept
    more = tuple(Mention("SOMTC", "SOMTC  ", (0, 1)) for _ in range(extra_mentions))
    docs[-1] = replace(docs[-1], mentions=docs[-1].mentions + more)
    records = [compact(d.to_dict()) for d in docs]
    assert all(r.parsed.document.text == "" and r.parsed.mentions == () for r in records)
    assert [r.mentions for r in records] == [len(d.mentions) for d in docs]
    assert _graph_data(MeasureGraph.from_documents(records, registry=False).graph) == \
        _graph_data(MeasureGraph.from_documents(docs, registry=False).graph)


@pytest.mark.parametrize("payload, error", [
    ({"document": {"id": "x", "source": "x", "text": "t"}, "mentions": [{"body": "A", "text": "a"}]}, KeyError),
    ({"document": {"id": "x", "source": "x", "text": "t"}, "mentions": [{"body": "A", "text": "a", "span": [5, 1]}]},
     ValueError),
    ({"measures": []}, KeyError),
])
def test_compact_rejects_what_from_dict_rejects(payload: dict, error: type) -> None:
    from aseandocs.corpus.records import compact
    with pytest.raises(error):
        compact(payload)


# --- streamed GraphML/GEXF: networkx's bytes (issue 8) ----------------------------------------------

def _nx_bytes(flat: nx.MultiDiGraph, fmt: str, path: Path) -> bytes:
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, path, encoding="utf-8")
    return path.read_bytes()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "names", "x y", "label"]), VALUES, max_size=4),
                max_size=5),
       st.sampled_from(["graphml", "gexf"]))
def test_streamed_xml_equals_networkx(tmp_path_factory: pytest.TempPathFactory, attrs: list[dict], fmt: str) -> None:
    import io

    from aseandocs.graph.xml import write_gexf_stream, write_graphml_stream
    graph = nx.MultiDiGraph(name="aseandocs", schema=1)
    for i, a in enumerate(attrs):
        graph.add_node(f"n{i}&<\"", type="measure", **a)
        if i % 2:
            graph.add_edge(f"n{i}&<\"", "n0&<\"", key="part_of", type="part_of", **{k: v for k, v in a.items() if k != "label"})
    flat = flatten(graph) if fmt == "graphml" else flatten(graph, edge_type_as="relation")
    buf = io.StringIO()
    (write_graphml_stream if fmt == "graphml" else write_gexf_stream)(flat, buf)
    assert buf.getvalue().encode("utf-8") == _nx_bytes(flat, fmt, tmp_path_factory.mktemp("x") / f"g.{fmt}")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_streamed_xml_of_the_sample_graph_equals_networkx(tmp_path: Path, fmt: str) -> None:
    graph = MeasureGraph.from_documents(sample_docs(), registry=False)
    (graph.to_graphml if fmt == "graphml" else graph.to_gexf)(tmp_path / f"ours.{fmt}")
    flat = flatten(graph.graph) if fmt == "graphml" else flatten(graph.graph, edge_type_as="relation")
    assert (tmp_path / f"ours.{fmt}").read_bytes() == _nx_bytes(flat, fmt, tmp_path / f"nx.{fmt}")


@pytest.mark.parametrize("seed", range(20))
def test_a_documents_part_holds_what_a_multidigraph_would(seed: int) -> None:
    """``graph.build._Part`` (one document's nodes and edges, without networkx) gives the nodes,
    attributes and edge order ``nx.MultiDiGraph`` gives for the same calls: nodes made by an edge
    first and given attributes later, an edge added twice with the same key, parallel keys."""
    import random

    from aseandocs.graph.build import _Part
    rnd = random.Random(seed)
    g, p = nx.MultiDiGraph(), _Part()
    names = [f"n{i}" for i in range(8)]
    for _ in range(60):
        if rnd.random() < 0.4:
            n, attrs = rnd.choice(names), {rnd.choice("abc"): rnd.randrange(5), "n": rnd.randrange(3)}
            g.add_node(n, **attrs)
            p.add_node(n, **attrs)
        else:
            u, v, k = rnd.choice(names), rnd.choice(names), rnd.choice(("part_of", "mentions", "x"))
            attrs = {rnd.choice("de"): rnd.randrange(5)}
            g.add_edge(u, v, key=k, **attrs)
            p.add_edge(u, v, key=k, **attrs)
    assert list(p.nodes.items()) == list(g.nodes(data=True))
    assert list(p.edges()) == list(g.edges(keys=True, data=True))
