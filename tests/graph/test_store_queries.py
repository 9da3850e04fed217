"""The graph's queries from the SQLite store (issue 18, item 6) give the graph's results.

Every query is asked of both: ``MeasureGraph`` over the networkx graph (graph.json) and over the
store (``graph.store_queries``), on the hand-made sample documents, on a build of corpus/ and on a
build of ../shared/corpus; the records must be equal, errors included.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import OWN_CORPUS
from samples import sample_docs

from aseandocs.errors import NotFoundError
from aseandocs.graph import MeasureGraph
from aseandocs.graph.build import GraphContext
from aseandocs.graph.store_queries import StoreQueries
from aseandocs.store import write_store

QUERIES = ("ASEAN", "ประชุม", "กฎบัตร", "cooperation", "ความร่วมมือ", "maritime", "ยาเสพติด", "workshop",
           "transnational crime", "zzzz-nothing", "50%", "a_b", "%", "_", "ประชุมม", "aaaa", "AS", "๑.๒",
           "กฎ บัตร", "crimes transnational", "เสพ")


def both_agree(graph: MeasureGraph, store: MeasureGraph) -> int:
    """Ask every query of both; returns how many answers were compared."""
    g = graph.graph
    asked = 0
    assert store.plans() == graph.plans()
    measures = [n[8:] for n, d in g.nodes(data=True) if d.get("type") == "measure"]
    for mid in measures:
        assert store.measure(mid) == graph.measure(mid), mid
        assert list(store.progress(mid)) == list(graph.progress(mid)), mid
        asked += 2
    refs = {d["ref"] for _, d in g.nodes(data=True) if d.get("type") == "measure"}
    for ref in sorted(refs)[:40]:              # bare refs: found, or the same NotFoundError
        for plan in [None, *graph.plans()[:3]]:
            try:
                want = graph.measure(ref, plan=plan)
            except NotFoundError as e:
                with pytest.raises(NotFoundError) as got:
                    store.measure(ref, plan=plan)
                assert str(got.value) == str(e)
            else:
                assert store.measure(ref, plan=plan) == want
            asked += 1
    bodies = [n[5:] for n, d in g.nodes(data=True) if d.get("type") == "body"]
    for b in bodies:
        assert store.body(b) == graph.body(b), b
        assert list(store.timeline(body=b)) == list(graph.timeline(body=b)), b
        asked += 2
    assert list(store.timeline()) == list(graph.timeline())
    for q in QUERIES:
        assert list(store.search(q)) == list(graph.search(q)), q
        assert list(store.search(q, limit=3)) == list(graph.search(q, limit=3)), q
    for plan in graph.plans():
        assert list(store.coverage(plan)) == list(graph.coverage(plan)), plan
    for call in (lambda m: m.body("NO-SUCH-BODY"), lambda m: m.measure("9.9.9.9"),
                 lambda m: m.coverage("no-such-plan")):
        with pytest.raises(NotFoundError) as a:
            call(graph)
        with pytest.raises(NotFoundError) as b:
            call(store)
        assert str(a.value) == str(b.value)
    return asked + len(QUERIES) * 2


def test_the_store_answers_as_the_graph_on_the_samples(tmp_path: Path) -> None:
    docs = sample_docs()
    graph = MeasureGraph.from_documents(docs)
    write_store(docs, tmp_path / "aseandocs.sqlite", body_attrs=GraphContext(docs).body)
    store = MeasureGraph.load(tmp_path, store=True)
    assert store._graph is None                        # no graph.json was read (there is none)
    assert both_agree(graph, store) > 20


def test_a_parent_after_its_child_is_a_measure_node(tmp_path: Path) -> None:
    """A plan whose item 2.1 comes before item 2 (a table read column by column): the child's
    part_of edge must not make measure 2 a bare node that the graph then skips as a duplicate."""
    from aseandocs.model import Document, Event, Link, Measure, ParsedDocument
    text = "2.1 จัดการประชุม\n2 ความร่วมมือด้านการเกษตร\n"
    plan = ParsedDocument(Document.from_text(text, id="p"), kind="plan", measures=(
        Measure(id="p#2.1", plan="p", ref="2.1", parent="2", level=2, title="จัดการประชุม", span=(0, 16)),
        Measure(id="p#2", plan="p", ref="2", parent=None, level=1, title="ความร่วมมือด้านการเกษตร", span=(17, 42))))
    news = ParsedDocument(Document.from_text("ประชุมเกษตร", id="n"), kind="news", events=(
        Event("meeting", "ประชุมเกษตร", (0, 11), date="2021-02-03",
              measures=(Link("p", "2", 0.7, ("เกษตร",), measure="p#2"),)),))
    docs = [plan, news]
    graph = MeasureGraph.from_documents(docs, registry=False)
    assert graph.graph.nodes["measure:p#2"]["title"] == "ความร่วมมือด้านการเกษตร"
    assert [p.event for p in graph.progress("2", plan="p")] == ["n#1"]
    write_store(docs, tmp_path / "aseandocs.sqlite", body_attrs=GraphContext(docs, False).body)
    assert both_agree(graph, MeasureGraph.load(tmp_path, store=True)) > 4


def test_a_reports_numbered_points_are_rows_of_the_store_not_measures_of_the_graph(tmp_path: Path) -> None:
    """A cabinet summary's agenda items are its structure (documents/<id>.json, the store's
    ``measures`` rows), not a plan's measures: no graph node, no search hit, no coverage, and
    the store's queries agree with the graph's."""
    from aseandocs.model import Document, Measure, ParsedDocument
    from aseandocs.graph.store_queries import search_fold
    docs = sample_docs()
    agenda = ParsedDocument(Document.from_text("1. เรื่อง กฎบัตรอาเซียน", id="cabinet"), kind="report", measures=(
        Measure(id="cabinet#1", plan="cabinet", ref="1", parent=None, level=1, title="เรื่อง กฎบัตรอาเซียน",
                span=(0, 23), bodies=("SOMTC",)),))
    docs.append(agenda)
    graph = MeasureGraph.from_documents(docs, registry=False)
    assert "measure:cabinet#1" not in graph.graph and graph.graph.nodes["doc:cabinet"]["measures"] == 1
    write_store(docs, tmp_path / "aseandocs.sqlite", body_attrs=GraphContext(docs, False).body, fold=search_fold)
    db = sqlite3.connect(tmp_path / "aseandocs.sqlite")
    assert db.execute("SELECT title FROM measures WHERE id = 'cabinet#1'").fetchall() == [("เรื่อง กฎบัตรอาเซียน",)]
    assert db.execute("SELECT count(*) FROM plan_measures WHERE document_id = 'cabinet'").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM search_index WHERE measure_id = 'cabinet#1'").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM plan_measures").fetchone() == (9,)   # vap's 5, pillars' 4
    db.close()
    store = MeasureGraph.load(tmp_path, store=True)
    assert "cabinet" not in store.plans()
    assert all(h.measure != "cabinet#1" for h in store.search("กฎบัตร", limit=20))
    assert [m.id for m in store.body("SOMTC").measures] == ["vap#1.1.2"]
    for g in (store, graph):
        with pytest.raises(NotFoundError, match=r"'cabinet' is not a plan .* documents/cabinet.json"):
            g.measure("cabinet#1")
    assert both_agree(graph, store) > 20


def test_fuzzy_search_never_loses_a_hit(tmp_path: Path) -> None:
    """The store's fuzzy search reads only the rows that can reach the cutoff
    (``_fuzzy_candidates``): queries cut from the samples' own titles and activities, with a
    letter changed, dropped or doubled, find what the graph finds."""
    import random
    docs = sample_docs()
    graph = MeasureGraph.from_documents(docs)
    write_store(docs, tmp_path / "aseandocs.sqlite", body_attrs=GraphContext(docs).body,
                fold=__import__("aseandocs.graph.store_queries", fromlist=["x"]).search_fold)
    store = MeasureGraph.load(tmp_path, store=True)
    texts = [d.get("title") or d.get("text") or "" for _, d in graph.graph.nodes(data=True)
             if d.get("type") in ("measure", "activity")]
    rnd = random.Random(18)
    asked = 0
    for _ in range(300):
        t = rnd.choice(texts)
        if len(t) < 4:
            continue
        i = rnd.randrange(len(t) - 3)
        q = list(t[i:i + rnd.randint(3, 14)])
        j = rnd.randrange(len(q))
        op = rnd.choice(("change", "drop", "double", "keep"))
        if op == "change":
            q[j] = rnd.choice("aeiouกขคงมนx ")
        elif op == "drop" and len(q) > 3:
            del q[j]
        elif op == "double":
            q.insert(j, q[j])
        query = "".join(q)
        if not query.strip():
            continue
        assert list(store.search(query, limit=5)) == list(graph.search(query, limit=5)), query
        asked += 1
    assert asked > 200


def test_an_older_store_falls_back_to_graph_json(tmp_path: Path) -> None:
    docs = sample_docs()
    write_store(docs, tmp_path / "aseandocs.sqlite")
    MeasureGraph.from_documents(docs).to_json(tmp_path / "graph.json")
    db = sqlite3.connect(tmp_path / "aseandocs.sqlite")
    db.execute("PRAGMA user_version = 0")             # as a build before the query tables wrote it
    db.commit()
    db.close()
    assert StoreQueries.open(tmp_path) is None
    g = MeasureGraph.load(tmp_path)
    assert g._store is None and g.measure("1.1.1", plan="vap").ref == "1.1.1"


def test_without_body_attrs_bodies_are_named_by_their_words(tmp_path: Path) -> None:
    docs = sample_docs()
    write_store(docs, tmp_path / "aseandocs.sqlite")
    q = StoreQueries.open(tmp_path)
    assert q is not None
    rows = dict(q.db.execute("SELECT id, label FROM bodies"))
    assert rows and all(label == bid for bid, label in rows.items())


def _build_and_compare(corpus: Path, out: Path) -> int:
    from aseandocs.corpus import build
    build(corpus, out, workers=2, progress=False)
    return both_agree(MeasureGraph.load(out, store=False), MeasureGraph.load(out, store=True))


@pytest.mark.slow
def test_the_store_answers_as_the_graph_on_the_own_corpus(tmp_path: Path) -> None:
    assert _build_and_compare(OWN_CORPUS, tmp_path / "out") > 50


@pytest.mark.shared
@pytest.mark.slow
def test_the_store_answers_as_the_graph_on_the_shared_corpus(shared_corpus: Path, tmp_path: Path) -> None:
    assert _build_and_compare(shared_corpus, tmp_path / "out") > 50


def test_every_search_row_names_its_own_text_and_the_indexes_are_made(tmp_path: Path) -> None:
    """The writer numbers measures, activities and measure terms itself (their rows go in a table
    at a time): each search row's ``source`` is the row its folded text came from, and every index
    of the schema exists once the rows are in."""
    from aseandocs.graph.store_queries import search_fold
    from aseandocs.store import _INDEXES, char_mask
    path = write_store(sample_docs(), tmp_path / "s.sqlite", fold=search_fold)
    db = sqlite3.connect(path)
    sources = {0: "SELECT title, id FROM measures WHERE rowid = ?",
               1: "SELECT text, measure_id FROM activities WHERE id = ?",
               2: "SELECT term, measure_id FROM measure_terms WHERE id = ?"}
    rows = db.execute("SELECT kind, source, measure_id, folded, mask FROM search_index").fetchall()
    assert {k for k, *_ in rows} == {0, 1, 2}
    for kind, source, measure, folded, mask in rows:
        text, owner = db.execute(sources[kind], (source,)).fetchone()
        assert (search_fold(text or ""), owner, char_mask(folded)) == (folded, measure, mask)
    for table in ("measures", "activities", "measure_terms"):
        ids = [r[0] for r in db.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
        assert ids == list(range(1, len(ids) + 1))
    made = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    wanted = {s.split()[2] for s in _INDEXES.split(";") if s.strip()}
    assert wanted and wanted <= made
