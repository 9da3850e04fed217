"""The explorer of a real corpus (issue 18, item 7): over the node budget the page opens on the
plans, each plan's outline shaded by reported progress, and loads a measure's events when opened.
Tested in headless Chromium like tests/explorer/test_explorer.py."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from test_explorer import CHROMIUM, _url, browser, chromium, synthetic_docs

from aseandocs.explorer.plans import EVENTS, TEXT, ExplorerChoice, PlanCollector
from aseandocs.graph import MeasureGraph
from aseandocs.model import Document, Event, Link, Measure, ParsedDocument

EVIL = "</script><script>document.title='PWNED'</script><img src=x onerror=document.body.append('pwned')>"


def docs_with_evil() -> list[ParsedDocument]:
    docs = synthetic_docs(plans=3, sections=3, measures=4, news=12)
    evil = ParsedDocument(Document.from_text("…", id="evil"), kind="news", title=EVIL, events=(
        Event("meeting", EVIL, (0, 1), date="2021-05-06",
              measures=(Link("plan0", "1.1", 0.9, (EVIL,)),)),))
    return docs + [evil]


def choose(docs: list[ParsedDocument], limit: int) -> ExplorerChoice:
    g = MeasureGraph.from_documents(docs, registry=False).graph
    c = ExplorerChoice(limit)
    for n, d in g.nodes(data=True):
        c.add(n, d, g.out_edges(n, keys=True, data=True))
    return c


@pytest.fixture(scope="module")
def plans_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "index.html"
    c = choose(docs_with_evil(), limit=100)
    assert c.large
    c.render(path)
    return path


def blocks(path: Path) -> tuple[dict, dict]:
    html = path.read_text(encoding="utf-8")
    get = lambda name: json.loads(html.split(f'id="{name}">', 1)[1].split("</script>", 1)[0])  # noqa: E731
    return get("outline-data"), get("progress-data")


def test_small_graphs_keep_the_whole_graph_view(tmp_path: Path) -> None:
    c = choose(synthetic_docs(plans=1, sections=2, measures=2, news=3), limit=8000)
    assert not c.large
    c.render(tmp_path / "index.html")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<canvas id="canvas"' in html and "outline-data" not in html


def test_the_plans_page_is_one_offline_file_with_the_outline_and_progress(plans_page: Path) -> None:
    html = plans_page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)     # nothing fetched
    assert "<script>document.title" not in html                          # the text stays data
    outline, progress = blocks(plans_page)
    plans = outline["plans"]
    assert [p["id"] for p in plans] == ["plan0", "plan1", "plan2"] and outline["counts"]["plans"] == 3
    p0 = plans[0]
    row = next(m for m in p0["m"] if m[0] == "1.1")
    assert row[3] >= 1 and row[4] == max(progress["events"][k][0] for k, _, _ in
                                         progress["links"]["0"][str(p0["m"].index(row))])
    assert all(len(e[2]) <= TEXT for e in progress["events"])
    assert progress["cap"] == EVENTS and progress["docs"][0][0].startswith("news")


def test_the_plans_are_ordered_by_reported_measures_and_events_capped() -> None:
    c = PlanCollector()
    for p, reported in (("quiet", 0), ("busy", 2)):
        c.add(f"doc:{p}", {"type": "document", "kind": "plan", "measures": 2, "title": p}, [])
        for r in ("1", "2"):
            c.add(f"measure:{p}#{r}", {"type": "measure", "plan": p, "ref": r, "title": r, "level": 1}, [])
    c.add("doc:n", {"type": "document", "kind": "news", "title": "ข่าว"}, [])
    for k in range(EVENTS + 5):
        c.add(f"event:n#{k + 1}", {"type": "event", "date": f"2020-01-{1 + k % 28:02d}", "event_type": "meeting",
                                   "text": "x", "document": "n"},
              [(f"event:n#{k + 1}", "measure:busy#1", "reports_on", {"score": 0.5, "evidence": ["w"]}),
               (f"event:n#{k + 1}", "measure:busy#2", "reports_on", {"score": 0.4, "evidence": []})])
    d = c.data()
    plans = d["outline"]["plans"]
    assert [p["id"] for p in plans] == ["busy", "quiet"] and plans[0]["r"] == 2 and plans[1]["r"] == 0
    assert plans[0]["m"][0][3] == EVENTS + 5                               # the count is whole
    kept = d["progress"]["links"][0][0]
    assert len(kept) == EVENTS and d["progress"]["events"][kept[0][0]][0] == "2020-01-28"   # latest first
    assert d["progress"]["docs"] == [["n", "ข่าว"]] and d["progress"]["words"] == ["w"]


def test_the_latest_date_is_of_progress_reported_not_planned() -> None:
    c = PlanCollector()
    c.add("doc:p", {"type": "document", "kind": "plan", "measures": 1, "title": "p"}, [])
    c.add("measure:p#1", {"type": "measure", "plan": "p", "ref": "1", "title": "1", "level": 1}, [])
    c.add("doc:n", {"type": "document", "kind": "news", "title": "ข่าว"}, [])
    for k, (date, status) in enumerate((("2021-03-01", "done"), ("2025", "planned"), ("2020-05-01", "done")), 1):
        c.add(f"event:n#{k}", {"type": "event", "date": date, "event_type": "meeting", "text": "x",
                               "document": "n", "status": status},
              [(f"event:n#{k}", "measure:p#1", "reports_on", {"score": 0.5, "evidence": []})])
    d = c.data()
    plan = d["outline"]["plans"][0]
    assert plan["m"][0][3] == 3 and plan["m"][0][4] == "2021-03-01" and plan["last"] == "2021-03-01"
    assert [d["progress"]["events"][k][0] for k, _, _ in d["progress"]["links"][0][0]][0] == "2025"   # still listed


@browser
@pytest.mark.browser
def test_the_page_opens_on_the_first_plan_shaded(plans_page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, _url(plans_page), "--dump-dom")
    assert 'data-plans="3">ready: 3 plans<' in dom
    assert "<title>aseandocs explorer</title>" in dom and "pwned" not in dom.split("<body", 1)[1].split(
        '<script type="application/json"', 1)[0]
    outline = dom.split('<section id="outline"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<div class="m lvl\d" data-i="\d+"[^>]*>', outline)
    assert len(rows) == 3 * (1 + 4 * 3)                                    # every measure of plan0
    assert re.search(r"background: rgba\(5, 150, 105, 0\.\d+\)", outline)  # shaded by progress
    ready = float(re.search(r'data-ready="([\d.]+)"', dom).group(1))
    assert ready > 0


@browser
@pytest.mark.browser
def test_opening_a_measure_loads_its_events_and_evidence(plans_page: Path, tmp_path: Path) -> None:
    dom = chromium(tmp_path, _url(plans_page, "plan=plan0&measure=" + quote("1.1")), "--dump-dom")
    panel = dom.split('<aside id="panel">', 1)[1].split("</aside>", 1)[0]
    assert "Progress reported (" in panel and "evidence: ประชุม" in panel
    assert "&lt;/script&gt;&lt;script&gt;document.title" in panel         # the evil event, as text
    assert "reported in evil" in panel and "<img" not in panel


_DRIVE = """<script>
(function () {
  window.__errors = window.__errors || [];
  var log = [];
  var f = document.getElementById("plan-filter"); f.value = "Plan 2"; f.dispatchEvent(new Event("input"));
  log.push("listed:" + document.querySelectorAll("#plans .plan").length);
  document.querySelector("#plans .plan").click();
  log.push("outline:" + document.querySelector("#outline h2").textContent);
  var only = document.getElementById("only-reported"); only.checked = true; only.dispatchEvent(new Event("change"));
  var rows = document.querySelectorAll("#outline .m");
  log.push("reported-rows:" + rows.length);
  rows[0].click();
  log.push("panel:" + /Progress reported/.test(document.getElementById("panel").textContent));
  var out = document.createElement("pre"); out.id = "drive-log";
  out.textContent = log.concat(["errors:" + window.__errors.length], window.__errors).join("\\n");
  document.body.appendChild(out);
})();
</script>"""


@browser
@pytest.mark.browser
def test_controls_work_without_errors(plans_page: Path, tmp_path: Path) -> None:
    html = plans_page.read_text(encoding="utf-8")
    head, tail = html.split('<script type="application/json"', 1)
    driven = tmp_path / "driven.html"
    driven.write_text(head + "<script>window.__errors=[];window.onerror=function(m){window.__errors.push(String(m));};"
                      "</script>" + '<script type="application/json"' + tail.replace("</body>", _DRIVE + "</body>"),
                      encoding="utf-8")
    dom = chromium(tmp_path / "profile", _url(driven), "--dump-dom")
    log = dom.split('<pre id="drive-log">', 1)[1].split("</pre>", 1)[0]
    assert "errors:0" in log and "listed:1" in log and "outline:Plan 2" in log and "panel:true" in log, log
    n = int(re.search(r"reported-rows:(\d+)", log).group(1))
    assert 0 < n < 1 + 4 * 3 * 3


@browser
@pytest.mark.browser
def test_a_build_over_the_budget_writes_the_plans_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import OWN_CORPUS

    import aseandocs.explorer as explorer
    from aseandocs.corpus import build
    monkeypatch.setattr(explorer, "MAX_NODES", 5)
    out = tmp_path / "out"
    build(OWN_CORPUS, out, workers=1, progress=False, formats="html")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "outline-data" in html and not (out / "graph.json").exists()
    outline, _ = blocks(out / "index.html")
    dom = chromium(tmp_path / "profile", _url(out / "index.html"), "--dump-dom")
    assert f"ready: {outline['counts']['plans']} plans" in dom and CHROMIUM


@pytest.mark.parametrize("limit, dropped", [(8000, False), (100, True), (5, True)])
def test_the_whole_graph_choice_is_dropped_once_over_the_budget(limit: int, dropped: bool) -> None:
    # a build over the budget renders the plans page: the whole-graph choice (every plan, measure
    # and body with its attributes) is not kept in memory for nothing
    c = choose(synthetic_docs(plans=1, sections=2, measures=2, news=3) if not dropped else docs_with_evil(),
               limit)
    assert (c.selection is None) is dropped
    assert c.large is dropped
