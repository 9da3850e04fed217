"""What the graph's views show: the explorer's pillar and section filters, the name of a plan
without a title, and a timeline that lists a happening once."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from aseandocs.graph.build import display_title
from aseandocs.explorer import explorer_data, render_explorer
from aseandocs.explorer._pillars import PILLARS, pillar_of_text
from aseandocs.graph import MeasureGraph
from aseandocs.model import Document, Event, Link, Measure, ParsedDocument

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.parametrize("text, pillar", [
    ("ASEAN Political-Security Community Blueprint", "APSC"),
    ("Part A: political and security cooperation", "APSC"),
    ("ภาคผนวก 2 ประชาคมการเมืองและความมั่นคงอาเซียน", "APSC"),
    ("ภาคผนวก 1 ประชาคมความมั่นคงอาเซียน", "APSC"),             # the ASEAN Security Community
    ("Towards the ASEAN Economic Community", "AEC"),
    ("ภาคผนวก 3 ประชาคมเศรษฐกิจอาเซียน", "AEC"),
    ("ASCC work plan", "ASCC"),
    ("Socio-Cultural Community Blueprint", "ASCC"),
    ("แผนงานประชาคมสังคมและวัฒนธรรมอาเซียน", "ASCC"),
    ("Maritime cooperation", None),
    ("ความร่วมมือด้านการศึกษา", None),
    ("Economic community and socio-cultural community", None),     # two pillars: none
    ("", None), (None, None),
])
def test_pillar_of_text(text, pillar):
    assert pillar_of_text(text) == pillar


def _m(plan: str, ref: str, title: str, scope: str | None = None, bodies: tuple[str, ...] = ()) -> Measure:
    parent = ref.rsplit(".", 1)[0] if "." in ref else None
    mid = f"{plan}#{scope}/{ref}" if scope else f"{plan}#{ref}"
    return Measure(id=mid, plan=plan, ref=ref, parent=parent, level=ref.count(".") + 1, title=title,
                   span=(0, 1), scope=scope, bodies=bodies)


def _docs() -> list[ParsedDocument]:
    blueprint = ParsedDocument(
        Document.from_text("…", id="bp", language="en"), kind="plan", title="A blueprint for three pillars",
        measures=(_m("bp", "1", "Political-security cooperation"), _m("bp", "1.1", "Hold a dialogue"),
                  _m("bp", "2", "Economic community building"), _m("bp", "2.1", "Lower tariffs"),
                  _m("bp", "3", "People and culture"), _m("bp", "3.1", "Train social workers", bodies=("SOMSWD",)),
                  _m("bp", "4", "Implementation"), _m("bp", "4.1", "Review the plan")))
    untitled = ParsedDocument(
        Document.from_text("…", id="0042_untitled_upload", language="th"), kind="plan",
        measures=(_m("0042_untitled_upload", "1", "ความร่วมมือด้านการศึกษา", scope="ภาคผนวก 3 ประชาคมสังคมและวัฒนธรรมอาเซียน"),
                  _m("0042_untitled_upload", "1.1", "แลกเปลี่ยนครู", scope="ภาคผนวก 3 ประชาคมสังคมและวัฒนธรรมอาเซียน")))
    news = ParsedDocument(
        Document.from_text("…", id="news", language="en"), kind="news", title="News",
        events=(Event("establishment", "The network was established on 2 May 2016.", (0, 10), date="2016-05-02",
                      instruments=("the network's charter",), measures=(Link("bp", "3.1", 0.5),)),
                Event("establishment", "Its founding members were five universities.", (11, 20), date="2016-05-02",
                      bodies=("SOMSWD",)),
                Event("establishment", "A second centre was established the same day.", (30, 40), date="2016-05-02",
                      bodies=("ACDM",), instruments=("another charter",)),
                Event("meeting", "Officials met on 3 May 2016.", (41, 50), date="2016-05-03"),
                Event("meeting", "The 5th forum met on 3 May 2016.", (51, 60), date="2016-05-03", ordinal=5),
                Event("meeting", "The 6th forum met on 3 May 2016.", (61, 70), date="2016-05-03", ordinal=6),
                Event("signing", "Ministers will sign it on 3 May 2016.", (71, 80), date="2016-05-03",
                      status="planned"),
                Event("signing", "They signed it on 3 May 2016.", (81, 90), date="2016-05-03")))
    return [blueprint, untitled, news]


@pytest.fixture(scope="module")
def graph() -> MeasureGraph:
    registry = {"SOMSWD": {"name_en": "Senior Officials Meeting on Social Welfare and Development",
                           "pillar": "ASCC"},
                "ACDM": {"name_en": "ASEAN Committee on Disaster Management", "pillar": "ASCC"}}
    return MeasureGraph.from_documents(_docs(), registry=registry)


def test_the_pillar_filter_lists_only_asean_pillars_and_headings_get_their_own(graph):
    data = explorer_data(graph)
    assert data["pillars"] == ["APSC", "AEC", "ASCC"]
    assert set(data["pillars"]) <= set(PILLARS)
    assert "Political-security cooperation" in data["sections"] and "Implementation" in data["sections"]
    nodes = {n["id"]: n for n in data["nodes"]}

    def pillars(node: str) -> list[str]:
        return [data["pillars"][i] for i in nodes[node].get("p", [])]

    def sections(node: str) -> list[str]:
        return [data["sections"][i] for i in nodes[node].get("s", [])]

    assert pillars("measure:bp#1.1") == ["APSC"] and sections("measure:bp#1.1") == ["Political-security cooperation"]
    assert pillars("measure:bp#2.1") == ["AEC"]
    assert pillars("measure:bp#3.1") == ["ASCC"]                     # from the body it names
    assert pillars("measure:bp#4.1") == [] and sections("measure:bp#4.1") == ["Implementation"]
    assert pillars("measure:0042_untitled_upload#ภาคผนวก 3 ประชาคมสังคมและวัฒนธรรมอาเซียน/1.1") == ["ASCC"]
    assert pillars("body:SOMSWD") == ["ASCC"] and sections("body:SOMSWD") == ["People and culture"]
    assert pillars("event:news#1") == ["ASCC"] and sections("event:news#1") == ["People and culture"]


def test_a_plan_without_a_title_shows_its_first_heading(graph):
    assert graph.graph.nodes["doc:0042_untitled_upload"]["label"] == "ภาคผนวก 3 ประชาคมสังคมและวัฒนธรรมอาเซียน"
    assert graph.graph.nodes["doc:0042_untitled_upload"].get("title") is None
    assert graph.graph.nodes["doc:bp"]["label"] == "A blueprint for three pillars"
    cover = {c["plan"]: c["title"] for c in explorer_data(graph)["coverage"]}
    assert cover["0042_untitled_upload"] == "ภาคผนวก 3 ประชาคมสังคมและวัฒนธรรมอาเซียน"
    assert all("0042_untitled_upload" not in s for s in explorer_data(graph)["sections"])


@pytest.mark.parametrize("measures, title, expected", [
    ((), "Own title", "Own title"),
    ((_m("wp", "1", "Legal cooperation"),), None, "1 Legal cooperation"),
    ((_m("wp", "1", "Legal cooperation", scope="Part II Security"),), None, "Part II Security"),
    ((), None, "wp"),
])
def test_display_title(measures, title, expected):
    pd = ParsedDocument(Document.from_text("…", id="wp"), kind="plan", title=title, measures=measures)
    assert display_title(pd) == expected


def test_timeline_lists_a_happening_told_twice_once(graph):
    events = [(e.id, e.type, e.bodies) for e in graph.timeline()]
    assert events == [
        # 1 and 2: one establishment told in two statements (bodies merged); 3 names another body
        # and another instrument: a second establishment.
        ("news#1", "establishment", ("SOMSWD",)),
        ("news#3", "establishment", ("ACDM",)),
        # 4 and 5 agree (4 has no ordinal); 6 is another ordinal; 7 is planned, 8 done.
        ("news#4", "meeting", ()),
        ("news#6", "meeting", ()),
        ("news#7", "signing", ()),
        ("news#8", "signing", ()),
    ]
    merged = graph.timeline()[0]
    assert merged.measures == ("bp#3.1",) and merged.text.startswith("The network was established")
    assert [e.id for e in graph.timeline(body="SOMSWD")] == ["news#2"]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary: `apt-get install chromium` (make test does)")
def test_the_page_offers_both_filters(graph, tmp_path):
    page = render_explorer(graph, tmp_path / "index.html")
    html = page.read_text(encoding="utf-8")
    drive = """<script>window.__errors=[];window.onerror=function(m){window.__errors.push(String(m));};</script>"""
    act = """<script>
    var s = document.getElementById("section"); s.value = "1"; s.dispatchEvent(new Event("change"));
    var p = document.getElementById("pillar"); p.value = "2"; p.dispatchEvent(new Event("change"));
    var out = document.createElement("pre"); out.id = "log";
    out.textContent = "errors:" + window.__errors.length + " " + window.__errors.join(" ");
    document.body.appendChild(out);</script>"""
    driven = tmp_path / "driven.html"
    head, tail = html.split('<script type="application/json"', 1)
    driven.write_text(head + drive + '<script type="application/json"' + tail.replace("</body>", act + "</body>"),
                      encoding="utf-8")
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
            "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=3000", "--dump-dom", driven.resolve().as_uri()]
    dom = subprocess.run(args, capture_output=True, text=True, timeout=180).stdout
    assert "errors:0" in dom.split('<pre id="log">', 1)[1]
    pillar = dom.split('id="pillar"', 1)[1].split("</select>", 1)[0]
    assert [o.split(">", 1)[1] for o in pillar.split("<option")[2:]] == ["APSC</option>", "AEC</option>", "ASCC</option>"]
    assert "Implementation</option>" in dom.split('id="section"', 1)[1].split("</select>", 1)[0]



@pytest.mark.parametrize("with_table", [True, False])
def test_the_stores_timeline_is_the_graphs(graph, tmp_path, with_table):
    """A build writes the merged timeline into the store (``graph.timeline.write_timeline``); a
    store without it (written by ``write_store`` alone) merges at query time: both as the graph."""
    import sqlite3

    from aseandocs.graph.build import GraphContext
    from aseandocs.graph.timeline import write_timeline
    from aseandocs.store import write_store
    docs = _docs()
    write_store(docs, tmp_path / "aseandocs.sqlite", body_attrs=GraphContext(docs, False).body,
                finish=write_timeline if with_table else None)
    with sqlite3.connect(tmp_path / "aseandocs.sqlite") as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert ("timeline" in tables) is with_table
        if with_table:   # one row per happening: news#2 and news#5 were merged into news#1 and news#4
            assert db.execute("SELECT count(*) FROM timeline").fetchone()[0] == 6
    store = MeasureGraph.load(tmp_path, store=True)
    assert list(store.timeline()) == list(graph.timeline())
    assert list(store.timeline(body="SOMSWD")) == list(graph.timeline(body="SOMSWD"))
