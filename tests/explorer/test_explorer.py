"""Tests of aseandocs.explorer: the self-contained index.html, its layout, and the page in Chromium.

The browser tests run Debian's chromium headless (``make test`` installs it when missing); they
skip, saying why, only where no chromium binary exists.
"""
from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from samples import sample_docs

from aseandocs.explorer import _script_json, explorer_data, render_explorer
from aseandocs.explorer._layout import radial_layout
from aseandocs.graph import MeasureGraph
from aseandocs.model import Activity, Document, Event, Link, Measure, Mention, ParsedDocument

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
browser = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary: `apt-get install chromium` "
                             "(make test does) to run the explorer in a headless browser")


def synthetic_docs(plans: int = 5, sections: int = 8, measures: int = 16, news: int = 60) -> list[ParsedDocument]:
    """Plans of sections > measures > 2 sub-measures > 2 activities, and news reporting on them."""
    docs = []
    bodies = [f"BODY-{i}" for i in range(120)]
    for p in range(plans):
        pid = f"plan{p}"
        ms = []
        for s in range(1, sections + 1):
            ms.append(Measure(f"{pid}#{s}", pid, str(s), None, 1, f"หมวด {s} pillar {p}", (0, 1)))
            for m in range(1, measures + 1):
                ms.append(Measure(f"{pid}#{s}.{m}", pid, f"{s}.{m}", str(s), 2, f"มาตรการ measure {s}.{m}", (0, 1),
                                  bodies=(bodies[(s * m + p) % len(bodies)],)))
                for k in (1, 2):
                    ms.append(Measure(f"{pid}#{s}.{m}.{k}", pid, f"{s}.{m}.{k}", f"{s}.{m}", 3,
                                      f"กิจกรรมย่อย {s}.{m}.{k}", (0, 1),
                                      activities=(Activity("จัดประชุม workshop", (0, 1)), Activity("report", (0, 1)))))
        docs.append(ParsedDocument(Document.from_text("…", id=pid), kind="plan", title=f"Plan {p}", measures=tuple(ms)))
    for n in range(news):
        evs = tuple(Event("meeting", f"การประชุม {n}/{e}", (0, 1), date=f"20{10 + n % 10}-0{1 + e % 9}-1{e % 10}",
                          bodies=(bodies[(n + e) % len(bodies)],),
                          measures=(Link(f"plan{(n + e) % plans}", f"{1 + e % sections}.{1 + n % measures}", 0.7, ("ประชุม",)),))
                    for e in range(8))
        docs.append(ParsedDocument(Document.from_text("…", id=f"news{n}"), kind="news", title=f"ข่าว {n}",
                                   date=f"2019-01-{1 + n % 28:02d}", events=evs,
                                   mentions=(Mention(bodies[n % len(bodies)], "ชื่อ", (0, 1)),)))
    return docs


# --- the file itself ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a & b > c", "\u2028", "<img src=x>"])
def test_script_json_cannot_close_the_tag(text: str) -> None:
    s = _script_json({"t": text})
    assert not re.search("[<>&\u2028\u2029]", s) and json.loads(s) == {"t": text}


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "index.html"
    render_explorer(MeasureGraph.from_documents(sample_docs(), registry=False), path)
    return path


def test_one_self_contained_file(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)       # no CDN, nothing remote
    assert "<link" not in html and "__DATA__" not in html and "/*__JS__*/" not in html
    assert html.count("<script") == 2 and "<canvas" in html
    assert "<script>document.title" not in html and "<img src=x" not in html   # the document text is inert


def test_data_carries_nodes_edges_and_coverage(page: Path) -> None:
    data = explorer_data(MeasureGraph.from_documents(sample_docs(), registry=False))
    assert len(data["nodes"]) == 20 and len(data["edges"]) == 26
    assert all(0 <= n["x"] <= 1000 and 0 <= n["y"] <= 1000 for n in data["nodes"])
    assert [c["plan"] for c in data["coverage"]] == ["pillars", "vap"]      # the two plans
    evidence = [e[4] for e in data["edges"] if data["edgeTypes"][e[2]] == "reports_on"]
    assert ["กฎบัตรอาเซียน"] in evidence


def test_layout_of_5000_nodes_is_fast_and_finite() -> None:
    graph = MeasureGraph.from_documents(synthetic_docs(), registry=False)
    assert graph.graph.number_of_nodes() >= 5000
    t = time.perf_counter()
    pos = radial_layout(graph.graph)
    assert time.perf_counter() - t < 5.0
    assert set(pos) == set(graph.graph) and all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert radial_layout(graph.graph) == pos                                # deterministic


# --- in the browser -----------------------------------------------------------------------------------

def chromium(tmp: Path, url: str, *extra: str) -> str:
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp}", "--virtual-time-budget=5000", *extra, url]
    run = subprocess.run(args, capture_output=True, text=True, timeout=180)   # type: ignore[arg-type]
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def _url(path: Path, fragment: str = "") -> str:
    return path.resolve().as_uri() + (f"#{fragment}" if fragment else "")


@browser
@pytest.mark.browser
def test_the_page_renders_and_document_text_stays_text(page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, _url(page, "node=" + quote("event:news#2", safe="")), "--dump-dom")
    assert 'id="status" data-nodes="20">ready: 20 nodes<' in dom
    assert "<title>aseandocs explorer</title>" in dom                   # document.title untouched
    assert "<pwned-marker" not in dom                                    # the onerror never ran
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;&lt;img src=x onerror=" in dom
    assert "กฎบัตรอาเซียน" in dom and "reported in" in dom                # the event's details panel


@browser
@pytest.mark.browser
@pytest.mark.parametrize("fragment, expected", [
    ("q=" + quote("กฎบัตร"), "1.1.1 ส่งเสริมการจัดทำกฎบัตรอาเซียน"),       # Thai search
    ("q=maritime", "1.2.1 Maritime security cooperation"),                 # English search
    ("node=" + quote("body:SOMTC", safe=""), "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ"),
    ("node=" + quote("measure:vap#1.1.1", safe=""), "Progress reported (2)"),
])
def test_search_and_details(page: Path, tmp_path: Path, fragment: str, expected: str) -> None:
    panel = chromium(tmp_path, _url(page, fragment), "--dump-dom").split('<aside id="panel">', 1)[1]
    assert expected in panel.split("</aside>", 1)[0]


@browser
@pytest.mark.browser
@pytest.mark.slow
def test_5000_nodes_load_and_screenshot(tmp_path: Path) -> None:
    graph = MeasureGraph.from_documents(synthetic_docs(), registry=False)
    path = tmp_path / "index.html"
    t = time.perf_counter()
    render_explorer(graph, path)
    assert time.perf_counter() - t < 10.0
    n = graph.graph.number_of_nodes()
    dom = chromium(tmp_path / "profile", _url(path), "--dump-dom")
    assert f"ready: {n} nodes" in dom
    load_ms = float(re.search(r'id="load-ms" data-ms="([\d.]+)"', dom).group(1))
    assert load_ms < 10000
    chromium(tmp_path / "profile", _url(path), f"--screenshot={tmp_path / 'shot.png'}", "--window-size=1280,800")
    png = (tmp_path / "shot.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20000


# A script the test adds around the page's own: it records errors, then drives the controls.
_CATCH = "<script>window.__errors=[];window.onerror=function(m){window.__errors.push(String(m));};</script>"
_DRIVE = """<script>
(function () {
  function change(el, value) { if (value !== undefined) el.value = value; el.dispatchEvent(new Event("change")); }
  var log = [];
  var act = document.querySelector('#types input[data-type="activity"]'); act.checked = false; change(act);
  change(document.getElementById("pillar"), "0");
  var body = document.getElementById("body"), somtc = [].find.call(body.options, function (o) { return /SOMTC/.test(o.textContent); });
  change(body, somtc.value);
  log.push("panel:" + document.querySelector("#panel h2").textContent);
  var c = document.getElementById("canvas");
  c.dispatchEvent(new WheelEvent("wheel", { deltaY: -300, clientX: 100, clientY: 100, bubbles: true, cancelable: true }));
  c.dispatchEvent(new PointerEvent("pointerdown", { clientX: 50, clientY: 50, pointerId: 1 }));
  c.dispatchEvent(new PointerEvent("pointermove", { clientX: 90, clientY: 80, pointerId: 1 }));
  c.dispatchEvent(new PointerEvent("pointerup", { clientX: 90, clientY: 80, pointerId: 1 }));
  document.getElementById("view-coverage").click();
  log.push("coverage-hidden:" + document.getElementById("coverage").hidden);
  log.push("bars:" + document.querySelectorAll(".cov-row").length);
  var s = document.getElementById("search"); s.value = "SOMTC"; s.dispatchEvent(new Event("input"));
  setTimeout(function () {
    log.push("search:" + document.querySelector("#panel h2").textContent);
    var out = document.createElement("pre"); out.id = "drive-log";
    out.textContent = log.concat(["errors:" + window.__errors.length], window.__errors).join("\\n");
    document.body.appendChild(out);
  }, 400);
})();
</script>"""


@browser
@pytest.mark.browser
def test_controls_work_without_errors(page: Path, tmp_path: Path) -> None:
    html = page.read_text(encoding="utf-8")
    driven = tmp_path / "driven.html"
    head, tail = html.split('<script type="application/json"', 1)
    driven.write_text(head + _CATCH + '<script type="application/json"' + tail.replace("</body>", _DRIVE + "</body>"),
                      encoding="utf-8")
    dom = chromium(tmp_path / "profile", _url(driven), "--dump-dom")
    log = dom.split('<pre id="drive-log">', 1)[1].split("</pre>", 1)[0]
    assert "errors:0" in log, log
    assert "panel:SOMTC" in log and "coverage-hidden:false" in log and "bars:4" in log   # the two sections of each plan
    assert re.search(r"search:\d+ match", log), log


# --- a graph over the page's node budget (issue 8) -------------------------------------------------

@pytest.mark.parametrize("limit", [1, 700, 2000, 3000])
def test_a_large_graph_is_shown_in_part_with_a_note(limit: int) -> None:
    graph = MeasureGraph.from_documents(synthetic_docs(plans=2, news=200), registry=False)
    g = graph.graph
    total = g.number_of_nodes()
    data = explorer_data(graph, max_nodes=limit)
    shown = {n["id"] for n in data["nodes"]}
    kind = {n: d["type"] for n, d in g.nodes(data=True)}
    must = {n for n, d in g.nodes(data=True) if d["type"] in ("measure", "body")
            or d["type"] == "document" and d["measures"]}
    linked = [n for n in g if kind[n] == "event" and any(k == "reports_on" for _, _, k in g.out_edges(n, keys=True))]
    assert must <= shown                                   # always kept, even over the budget
    assert max(limit, len(must)) - 1 <= len(shown) <= max(limit, len(must)) < total   # fills the budget
    for n in shown:                                        # an event comes with its document
        if kind[n] == "event":
            assert f"doc:{g.nodes[n]['document']}" in shown
    others = [n for n in shown if kind[n] in ("event", "activity") and n not in linked]
    if others:                                             # events reporting on a measure come first
        assert set(linked) <= shown
    if 0 < len(linked) and limit >= len(must) + 2:
        assert any(n in shown for n in linked)
    note = data["shown"]
    events = sum(1 for _, d in g.nodes(data=True) if d["type"] == "event")
    docs = sum(1 for _, d in g.nodes(data=True) if d["type"] == "document")
    assert note["nodes"] == len(shown) and note["of"] == total and note["events"][1] == events
    assert note["events"][0] == sum(1 for n in shown if n.startswith("event:"))
    assert note["documents"] == [sum(1 for n in shown if n.startswith("doc:")), docs]
    assert all(0 <= e[0] < len(shown) and 0 <= e[1] < len(shown) for e in data["edges"])
    assert data["coverage"] == explorer_data(graph, max_nodes=10**9)["coverage"]   # of the whole graph


def test_the_build_chooses_what_the_page_shows_as_it_streams() -> None:
    """The build's streamed choice (``Selection`` fed fragment by fragment) is the in-memory one."""
    from aseandocs.explorer import Selection, selection_data
    from aseandocs.graph.build import GraphContext, fragments
    docs = synthetic_docs(plans=2, news=200)
    graph = MeasureGraph.from_documents(docs, registry=False)
    for limit in (1, 900, 10**6):
        s = Selection(limit)
        for f in fragments(docs, GraphContext(docs, False)):
            for n, d in f.nodes:
                s.add(n, d, [e for e in f.edges if e[0] == n])
        assert selection_data(s) == explorer_data(graph, max_nodes=limit)


def test_a_graph_within_the_budget_is_shown_whole() -> None:
    graph = MeasureGraph.from_documents(synthetic_docs(plans=1, news=5), registry=False)
    data = explorer_data(graph)
    assert "shown" not in data and len(data["nodes"]) == graph.graph.number_of_nodes()
