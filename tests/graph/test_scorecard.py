"""MeasureGraph.scorecard(plan): one row per measure with the furthest status its events reached."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from aseandocs.graph.scorecard import EVENT_STATUS, STATUSES, Scorecard, status_of
from aseandocs.errors import NotFoundError
from aseandocs.graph import MeasureGraph
from aseandocs.model import Activity, Document, Event, Link, Measure, ParsedDocument

XSS = '<img src=x onerror="document.body.appendChild(document.createElement(\'pwned-marker\'))">'
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _m(ref: str, title: str, bodies: tuple[str, ...] = ()) -> Measure:
    parent = ref.rsplit(".", 1)[0] if "." in ref else None
    return Measure(id=f"wp#{ref}", plan="wp", ref=ref, parent=parent, level=ref.count(".") + 1,
                   title=title, span=(0, 1), bodies=bodies, activities=(Activity("hold a meeting", (0, 1)),))


def _docs() -> list[ParsedDocument]:
    plan = ParsedDocument(
        Document.from_text("…", id="wp", language="en"), kind="plan", title="Work plan on cooperation",
        measures=(_m("1", "Legal cooperation"),
                  _m("1.1", "Conclude a treaty on mutual legal assistance", bodies=("ASLOM",)),
                  _m("1.2", "Draft a handbook on extradition | a pipe"),
                  _m("1.3", "Hold a yearly dialogue " + XSS),
                  _m("2", "Maritime cooperation"),
                  _m("2.1", "Agree a code of conduct at sea")))

    def ev(type_: str, date: str | None, text: str, ref: str, score: float, status: str = "done") -> Event:
        return Event(type_, text, (0, 1), date=date, status=status, measures=(Link("wp", ref, score, ("treaty",)),))

    news = ParsedDocument(
        Document.from_text("…", id="news1", language="en"), kind="news", title="Ministers meet",
        events=(ev("meeting", "2019-05-02", "Ministers discussed the draft treaty.", "1.1", 0.9),
                ev("signing", "2020-01-15", "The treaty was signed in Hanoi.", "1.1", 0.4),
                ev("ratification", "2021-06", "The last member ratified the treaty.", "1.1", 0.3),
                ev("signing", "2025-09", "Ministers will sign the code next year.", "2.1", 0.8, status="planned"),
                ev("noted", None, "The council noted the handbook " + XSS, "1.3", 0.5),
                ev("adoption", "2018-03-01", "The handbook was adopted.", "1.2", 0.2),
                ev("agreement", "2018-02-01", "Officials agreed on the handbook outline.", "1.2", 0.7)))
    return [plan, news]


@pytest.fixture(scope="module")
def card() -> Scorecard:
    return MeasureGraph.from_documents(_docs(), registry=False).scorecard("wp")


@pytest.mark.parametrize("type_, status", [
    ("meeting", "activity"), ("launch", "activity"), ("establishment", "activity"), ("approval", "activity"),
    ("noted", "activity"), ("plan", "activity"), ("adoption", "adopted"), ("agreement", "adopted"),
    ("signing", "signed"), ("ratification", "in_force"), ("accession", "in_force"),
    ("entry_into_force", "in_force"), ("a_type_not_yet_known", "activity"), ("", "activity"), (None, "activity"),
])
def test_event_types_map_to_statuses(type_, status):
    assert status_of(type_) == status


def test_every_mapped_status_is_a_scorecard_status():
    assert set(EVENT_STATUS.values()) <= set(STATUSES) and STATUSES[0] == "none"


def test_one_row_per_measure_in_plan_order_with_the_furthest_status(card):
    assert [r.ref for r in card] == ["1", "1.1", "1.2", "1.3", "2", "2.1"]
    by = {r.ref: r for r in card}
    assert by["1"].status == "none" and by["1"].events == 0 and by["1"].evidence is None
    one = by["1.1"]
    assert (one.status, one.events, one.first_date, one.latest_date) == ("in_force", 3, "2019-05-02", "2021-06")
    # The best evidence is the furthest step, even with a lower score than the meeting's.
    assert one.evidence == "The last member ratified the treaty." and one.evidence_type == "ratification"
    assert one.evidence_document == "news1" and one.evidence_document_title == "Ministers meet"
    assert one.evidence_terms == ("treaty",) and one.bodies == ("ASLOM",)
    assert (one.section, one.section_title) == ("1", "Legal cooperation")
    # adoption and agreement are the same step: the higher score wins.
    assert by["1.2"].status == "adopted" and by["1.2"].evidence_type == "agreement"
    assert by["1.3"].status == "activity" and by["1.3"].first_date is None
    # A planned signing has not happened: activity.
    assert by["2.1"].status == "activity" and by["2.1"].evidence_date == "2025-09"
    assert card.counts() == {"none": 2, "activity": 2, "adopted": 1, "signed": 0, "in_force": 1}


def test_frame_and_notebook_html(card):
    df = card.to_frame()
    assert list(df["status"]) == ["none", "in_force", "adopted", "activity", "none", "activity"]
    assert "<table>" in card._repr_html_()


def test_unknown_plan_names_the_plans():
    g = MeasureGraph.from_documents(_docs(), registry=False)
    with pytest.raises(NotFoundError, match="plans: wp"):
        g.scorecard("nope")


def test_csv(card, tmp_path):
    text = card.to_csv(tmp_path / "sub" / "card.csv")
    assert (tmp_path / "sub" / "card.csv").read_text(encoding="utf-8") == text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6 and rows[1]["status"] == "in_force" and rows[1]["bodies"] == "ASLOM"
    assert rows[0]["first_date"] == "" and rows[3]["title"].endswith(XSS)


def test_markdown_escapes_pipes(card):
    md = card.to_markdown()
    lines = md.splitlines()
    assert lines[0] == "# Scorecard: wp" and "6 measures: none 2, activity 2" in md
    row = next(line for line in lines if line.startswith("| 1.2 |"))
    assert "extradition \\| a pipe" in row and row.count(" | ") == 9
    assert "“The last member ratified the treaty.”" in md


def test_html_is_self_contained_and_escaped(card, tmp_path):
    page = card.to_html(tmp_path / "card.html")
    assert page.startswith("<!DOCTYPE html>") and "<script>" in page
    assert "src=\"http" not in page and "href=" not in page and "@import" not in page
    assert XSS not in page and html_escaped(XSS) in page
    assert "“The last member ratified the treaty.”" in page
    with pytest.raises(ValueError, match="csv, md, html"):
        card.write("pdf", tmp_path / "x.pdf")
    assert card.write("md", tmp_path / "x.md").read_text(encoding="utf-8").startswith("# Scorecard")


def html_escaped(s: str) -> str:
    import html
    return html.escape(s)


def _chromium(tmp: Path, url: str) -> str:
    args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp / 'profile'}", "--virtual-time-budget=3000", "--dump-dom", url]
    run = subprocess.run(args, capture_output=True, text=True, timeout=180)  # type: ignore[arg-type]
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


_DRIVE = """<script>window.__errors=[];window.onerror=function(m){window.__errors.push(String(m));};</script>"""
_CLICK = """<script>
var th = document.querySelectorAll("#scorecard th"), log = [];
th[4].click(); th[4].click();                 // status, descending: in_force first
log.push("first:" + document.querySelector("#scorecard tbody tr td").textContent);
th[5].click();                                // events, ascending
log.push("last:" + [].slice.call(document.querySelectorAll("#scorecard tbody tr")).pop().cells[0].textContent);
th[0].click();                                // back to plan order
log.push("order:" + [].map.call(document.querySelectorAll("#scorecard tbody tr"), function (r) { return r.cells[0].textContent; }).join(","));
var out = document.createElement("pre"); out.id = "log";
out.textContent = log.concat(["errors:" + window.__errors.length], window.__errors).join("\\n");
document.body.appendChild(out);
</script>"""


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary: `apt-get install chromium` (make test does)")
def test_html_sorts_in_chromium_without_script_errors(card, tmp_path):
    page = card.to_html()
    driven = tmp_path / "driven.html"
    driven.write_text(page.replace("<style>", _DRIVE + "<style>", 1).replace("</body>", _CLICK + "</body>"),
                      encoding="utf-8")
    dom = _chromium(tmp_path, driven.resolve().as_uri())
    log = dom.split('<pre id="log">', 1)[1].split("</pre>", 1)[0]
    assert "errors:0" in log, log
    assert "first:1.1" in log and "last:1.1" in log and "order:1,1.1,1.2,1.3,2,2.1" in log, log
    assert 'data-ready="1"' in dom and "<pwned-marker" not in dom


@pytest.mark.shared
def test_charter_entry_into_force_is_the_evidence_of_1_2_1(shared_corpus, tmp_path_factory):
    import aseandocs
    out = tmp_path_factory.mktemp("card") / "out"
    aseandocs.build(shared_corpus, out, workers=1, progress=False)
    card = MeasureGraph.load(out).scorecard("000_c84986400c98ca88")
    row = next(r for r in card if r.ref == "1.2.1")
    assert row.status == "in_force" and row.evidence_type == "entry_into_force"
    assert (row.evidence_date or "").startswith("2008-12") and "กฎบัตรอาเซียน" in (row.evidence or "")
    assert row.evidence_document
    if CHROMIUM:
        path = out / "card.html"
        card.to_html(path)
        html = path.read_text(encoding="utf-8")
        driven = out / "driven.html"
        driven.write_text(html.replace("<style>", _DRIVE + "<style>", 1).replace("</body>", _CLICK + "</body>"),
                          encoding="utf-8")
        dom = _chromium(out.parent, driven.resolve().as_uri())
        assert "errors:0" in dom.split('<pre id="log">', 1)[1]

