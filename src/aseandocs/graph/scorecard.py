"""The progress scorecard of a plan: one row per measure with the furthest status its events reached.

ASEAN's own monitoring (the Community Progress Monitoring System, the AEC scorecard) is a matrix of
measures and their status filled in by hand; ``MeasureGraph.scorecard(plan)`` fills it from the links.
A measure's status is the furthest its reporting events reached::

    none      no event reports on it
    activity  meeting, launch, establishment, approval, noted, plan (and any other type)
    adopted   adoption, agreement
    signed    signing
    in_force  ratification, accession, entry_into_force

A planned event (``status`` ``planned``: "will sign next year") has not reached its step yet and
counts as activity. The best evidence is the event of the furthest status, then the highest
score, then the latest date. Writers: CSV, Markdown and one self-contained, sortable HTML page::

    >>> status_of("entry_into_force"), status_of("signing"), status_of("noted"), status_of("something")
    ('in_force', 'signed', 'activity', 'activity')
    >>> status_of("signing", planned=True)
    'activity'
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Iterable

from .records import Results, _Record

__all__ = ["STATUSES", "EVENT_STATUS", "ScorecardRow", "Scorecard", "status_of", "build_scorecard",
           "FORMATS"]

STATUSES = ("none", "activity", "adopted", "signed", "in_force")
_RANK = {s: i for i, s in enumerate(STATUSES)}
EVENT_STATUS = {
    "meeting": "activity", "launch": "activity", "establishment": "activity", "approval": "activity",
    "noted": "activity", "plan": "activity",
    "adoption": "adopted", "agreement": "adopted",
    "signing": "signed",
    "ratification": "in_force", "accession": "in_force", "entry_into_force": "in_force",
}
FORMATS = ("csv", "md", "html")
_QUOTE = 300          # characters of an event's statement quoted as evidence


def status_of(event_type: str | None, planned: bool = False) -> str:
    """The scorecard status an event of this type shows (unknown types are activity)."""
    if planned:
        return "activity"
    return EVENT_STATUS.get((event_type or "").strip().lower(), "activity")


@dataclass(frozen=True)
class ScorecardRow(_Record):
    """One measure of a plan on the scorecard."""

    plan: str
    measure: str                 # the measure id ("plan#1.2.1", "plan#s2/1.1")
    ref: str
    title: str
    section: str                 # the ref of its top-level section
    section_title: str
    bodies: tuple[str, ...]
    status: str                  # none | activity | adopted | signed | in_force
    events: int                  # events that report on it
    first_date: str | None
    latest_date: str | None
    evidence: str | None         # the best evidence: its event's statement, quoted
    evidence_type: str | None
    evidence_date: str | None
    evidence_terms: tuple[str, ...]
    evidence_document: str | None
    evidence_document_title: str | None


_COLUMNS = [f.name for f in fields(ScorecardRow)]


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, tuple):
        return "; ".join(str(x) for x in v)
    return str(v)


def _short(text: str, n: int = _QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Scorecard(Results):  # type: ignore[type-arg]
    """The rows of a plan's scorecard (a ``Results``) with CSV, Markdown and HTML writers."""

    plan: str = ""

    def counts(self) -> dict[str, int]:
        """How many measures are at each status, in status order."""
        out = {s: 0 for s in STATUSES}
        for r in self:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str:
        """The rows as CSV (lists ``; ``-joined); written to ``path`` when given. Returns the text."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(_COLUMNS)
        for r in self:
            w.writerow([_cell(getattr(r, c)) for c in _COLUMNS])
        return _save(buf.getvalue(), path)

    def to_markdown(self, path: str | os.PathLike[str] | None = None) -> str:
        """A Markdown table: ref, title, bodies, status, events, dates, evidence and its source."""
        def esc(s: str) -> str:
            return " ".join(s.split()).replace("\\", "\\\\").replace("|", "\\|")
        counts = ", ".join(f"{k} {v}" for k, v in self.counts().items())
        lines = [f"# Scorecard: {esc(self.plan)}", "", f"{len(self)} measures: {counts}", "",
                 "| ref | measure | section | bodies | status | events | first | latest | evidence | source |",
                 "|---|---|---|---|---|---:|---|---|---|---|"]
        for r in self:
            ev = f"“{esc(_short(r.evidence, 160))}”" if r.evidence else ""
            src = esc(r.evidence_document or "")
            lines.append("| " + " | ".join([
                esc(r.ref), esc(r.title), esc(r.section), esc(", ".join(r.bodies)), r.status, str(r.events),
                r.first_date or "", r.latest_date or "", ev, src]) + " |")
        return _save("\n".join(lines) + "\n", path)

    def to_html(self, path: str | os.PathLike[str] | None = None, *, title: str | None = None) -> str:
        """One self-contained HTML page (no external resources): the table sorts by a click on a
        column head; every text from the documents is escaped."""
        return _save(_html_page(self, title or f"Scorecard: {self.plan}"), path)

    def write(self, fmt: str, path: str | os.PathLike[str]) -> Path:
        """Write in ``fmt`` (csv, md or html) to ``path``."""
        writer = {"csv": self.to_csv, "md": self.to_markdown, "markdown": self.to_markdown,
                  "html": self.to_html}.get(fmt)
        if writer is None:
            raise ValueError(f"unknown scorecard format {fmt!r}; use one of {', '.join(FORMATS)}")
        writer(path)
        return Path(path)


def _save(text: str, path: str | os.PathLike[str] | None) -> str:
    if path is not None:
        from .._atomic import write_atomic
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    return text


_CSS = """body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0;cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" ▲"}
th[aria-sort=descending]::after{content:" ▼"}td.n{text-align:right}blockquote{margin:0;font-style:italic}
.s{font-weight:600;white-space:nowrap;padding:1px 6px;border-radius:3px}.s-none{background:#eee;color:#777}
.s-activity{background:#fff3c4}.s-adopted{background:#cfe6ff}.s-signed{background:#d9d2ff}.s-in_force{background:#c8f0c8}
small{color:#666}td:nth-child(9){min-width:22em}td:nth-child(3){max-width:14em}"""

# Sorting: numbers by value, statuses by rank (data-sort), everything else as text; Thai-aware.
_JS = """(function(){var t=document.getElementById("scorecard"),b=t.tBodies[0];
function key(td){var s=td.getAttribute("data-sort");return s!==null?s:td.textContent.trim();}
[].forEach.call(t.tHead.rows[0].cells,function(th,i){th.addEventListener("click",function(){
var asc=th.getAttribute("aria-sort")!=="ascending";[].forEach.call(t.tHead.rows[0].cells,function(h){h.removeAttribute("aria-sort");});
th.setAttribute("aria-sort",asc?"ascending":"descending");var num=th.hasAttribute("data-num");
var rows=[].slice.call(b.rows);rows.sort(function(x,y){var a=key(x.cells[i]),c=key(y.cells[i]);
var r=num?(parseFloat(a)||0)-(parseFloat(c)||0):a.localeCompare(c,["th","en"],{numeric:true});return asc?r:-r;});
rows.forEach(function(r){b.appendChild(r);});});});
document.getElementById("status-line").setAttribute("data-ready","1");})();"""


def _html_page(card: Scorecard, title: str) -> str:
    e = html.escape
    heads = [("ref", False), ("measure", False), ("section", False), ("bodies", False), ("status", True),
             ("events", True), ("first", False), ("latest", False), ("evidence", False), ("source", False)]
    head = "".join(f"<th{' data-num' if num else ''}>{e(h)}</th>" for h, num in heads)
    rows = []
    for i, r in enumerate(card):
        if r.evidence:
            terms = f"<br><small>matched: {e(', '.join(r.evidence_terms))}</small>" if r.evidence_terms else ""
            ev = (f"<blockquote>“{e(_short(r.evidence))}”</blockquote>"
                  f"<small>{e(r.evidence_type or '')} {e(r.evidence_date or '')}</small>{terms}")
        else:
            ev = ""
        src = e(r.evidence_document or "")
        if r.evidence_document_title:
            src += f"<br><small>{e(_short(r.evidence_document_title, 120))}</small>"
        sec = e(r.section) + (f"<br><small>{e(_short(r.section_title, 80))}</small>"
                              if r.section_title and r.section != r.ref else "")
        rows.append(
            f"<tr><td data-sort=\"{i:06d}\">{e(r.ref)}</td><td>{e(r.title)}</td><td>{sec}</td>"
            f"<td>{e(', '.join(r.bodies))}</td>"
            f"<td data-sort=\"{_RANK.get(r.status, 1)}\"><span class=\"s s-{e(r.status)}\">{e(r.status)}</span></td>"
            f"<td class=\"n\">{r.events}</td><td>{e(r.first_date or '')}</td><td>{e(r.latest_date or '')}</td>"
            f"<td>{ev}</td><td>{src}</td></tr>")
    counts = " · ".join(f"{e(k)} {v}" for k, v in card.counts().items())
    data = json.dumps({"plan": card.plan, "measures": len(card), "counts": card.counts()})
    return ("<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{e(title)}</h1><p id=\"status-line\" data-counts=\"{e(data)}\">{len(card)} measures: {counts}. "
            "Click a column head to sort.</p>"
            f"<table id=\"scorecard\"><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "<p><small>Made by aseandocs from the links of events to measures; a status is the furthest "
            "step a reporting event reached (activity &lt; adopted &lt; signed &lt; in_force).</small></p>"
            f"<script>{_JS}</script></body></html>\n")


def _best(progress: Iterable[Any]) -> Any:
    best, best_key = None, None
    for p in progress:
        k = (_RANK[status_of(p.type, p.status == "planned")], p.score, p.date or "")
        if best_key is None or k > best_key:
            best, best_key = p, k
    return best


def build_scorecard(graph: Any, plan: str) -> Scorecard:
    """The scorecard of ``plan`` from a ``MeasureGraph`` (its measures in plan order)."""
    from ..errors import NotFoundError

    plan = plan.removeprefix("doc:")
    nodes = [(n, d) for n, d in graph._nodes("measure") if d.get("plan") == plan]
    if not nodes:
        raise NotFoundError(f"no measures for plan {plan!r} (plans: {', '.join(graph.plans()) or 'none'})")
    # Measures keep the order of the plan: the graph adds them, and graph.json keeps them, in
    # document order.
    card = Scorecard()
    card.plan = plan
    for node, d in nodes:
        progress = graph._progress(node)
        statuses = [status_of(p.type, p.status == "planned") for p in progress]
        status = max(statuses, key=_RANK.__getitem__) if statuses else "none"
        dates = sorted(p.date for p in progress if p.date)
        best = _best(progress)
        section = d.get("section", d["ref"])
        head = graph.graph.nodes.get(f"measure:{plan}#{section}", {})
        card.append(ScorecardRow(
            plan=plan, measure=node[8:], ref=d["ref"], title=d.get("title", ""), section=section,
            section_title=head.get("title", ""),
            bodies=tuple(sorted(b[5:] for b, _ in graph._out(node, "mentions"))),
            status=status, events=len(progress),
            first_date=dates[0] if dates else None, latest_date=dates[-1] if dates else None,
            evidence=best.text if best else None, evidence_type=best.type if best else None,
            evidence_date=best.date if best else None,
            evidence_terms=tuple(best.evidence) if best else (),
            evidence_document=best.document if best else None,
            evidence_document_title=best.document_title if best else None))
    return card
