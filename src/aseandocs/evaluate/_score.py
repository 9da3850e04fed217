"""Scoring one document's prediction against its gold: counts for the metrics and what went wrong.

Each ``_score_*`` function reads the gold keys it is about (a missing key is not scored), adds
counts to ``tally`` and fills the document's ``DocScore`` with the misses and errors a person
would want to see. The definitions are those of ../shared/gold/README.md::

    >>> gold = {"kind": "plan", "measures": [{"ref": "1", "title": "Promote cooperation"},
    ...                                      {"ref": "2", "title": "Share information"}]}
    >>> pred = {"document": {"kind": "plan"},
    ...         "measures": [{"ref": "1", "title": "Promote cooperation"}, {"ref": "3", "title": "x"}]}
    >>> tally, ctx = Tally(), Context(kinds={}, link_plans=set())
    >>> doc = score_document("vap", gold, pred, tally, ctx)
    >>> tally["m_tp"], tally["m_fp"], tally["m_fn"], doc.measures_missed, doc.measures_wrong
    (1, 1, 1, ['2'], ['3'])
"""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ._norm import date_prefix, fold_id, fold_ref, fold_text, id_alternatives, plan_key, similarity

__all__ = ["Tally", "Context", "DocScore", "score_document"]

Tally = Counter


@dataclass
class Context:
    """What scoring one document needs from the whole gold set: each gold document's ``kind``
    (a link to a document gold calls news or a report is always wrong) and the plans gold links to."""

    kinds: dict[str, Any]
    link_plans: set[str]

    @property
    def known(self) -> set[str]:
        return set(self.kinds) | self.link_plans


@dataclass
class DocScore:
    """One document: what gold has that the prediction missed, and what the prediction got wrong."""

    id: str
    predicted: bool = True
    kind: tuple[str | None, str | None] | None = None          # (gold, predicted) when they differ
    date: tuple[str | None, str | None] | None = None          # (gold, predicted) when they differ
    measures_missed: list[str] = field(default_factory=list)   # gold refs with no predicted match
    measures_wrong: list[str] = field(default_factory=list)    # predicted refs gold does not have
    titles_wrong: list[dict[str, str]] = field(default_factory=list)      # ref, gold, predicted
    roles_wrong: list[dict[str, str]] = field(default_factory=list)       # ref, gold, predicted
    activities_missed: list[dict[str, str]] = field(default_factory=list)  # ref, gold text
    activity_counts_wrong: list[dict[str, Any]] = field(default_factory=list)  # ref, gold, predicted
    bodies_missed: list[str] = field(default_factory=list)
    bodies_wrong: list[str] = field(default_factory=list)
    event_dates_missed: list[str] = field(default_factory=list)
    event_dates_wrong: list[str] = field(default_factory=list)
    links_missed: list[dict[str, str]] = field(default_factory=list)  # evidence, plan, ref, why
    link_pairs_missed: list[str] = field(default_factory=list)        # "plan#ref"
    link_pairs_wrong: list[str] = field(default_factory=list)         # "plan#ref"

    def problems(self) -> int:
        """How many things went wrong in this document (0: it matches its gold)."""
        n = (not self.predicted) + (self.kind is not None) + (self.date is not None)
        for name in ("measures_missed", "measures_wrong", "titles_wrong", "roles_wrong",
                     "activities_missed", "activity_counts_wrong", "bodies_missed", "bodies_wrong",
                     "event_dates_missed", "event_dates_wrong", "links_missed", "link_pairs_missed",
                     "link_pairs_wrong"):
            n += len(getattr(self, name))
        return n

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "predicted": self.predicted}
        if self.kind is not None:
            out["kind"] = {"gold": self.kind[0], "predicted": self.kind[1]}
        if self.date is not None:
            out["date"] = {"gold": self.date[0], "predicted": self.date[1]}
        for k, v in self.__dict__.items():
            if isinstance(v, list):
                out[k] = list(v)
        return out


def _measures(gold: dict, pred: dict, tally: Tally, doc: DocScore) -> None:
    if "measures" not in gold:
        return
    g = gold["measures"]
    p = [m for m in pred.get("measures", []) if m.get("ref") is not None]
    optional = {fold_ref(r) for r in gold.get("optional_refs", [])}
    g_refs = [fold_ref(m["ref"]) for m in g]
    p_refs = [fold_ref(m["ref"]) for m in p]
    # Gold and prediction are aligned in document order on their refs: a ref that repeats (a
    # numbering restarting under each heading) pairs with the occurrence at the same place.
    pairs = [(blk.a + k, blk.b + k)
             for blk in difflib.SequenceMatcher(None, g_refs, p_refs, autojunk=False).get_matching_blocks()
             for k in range(blk.size)]
    got_g = {a for a, _ in pairs}
    got_p = {b for _, b in pairs}
    missed = [g_refs[i] for i in range(len(g)) if i not in got_g]
    wrong = [r for j, r in enumerate(p_refs) if j not in got_p and r not in optional]
    tally["m_tp"] += len(pairs)
    tally["m_fn"] += len(missed)
    tally["m_fp"] += len(wrong)
    doc.measures_missed += missed
    doc.measures_wrong += wrong
    full = gold.get("title_match", "prefix") == "full"
    for a, b in pairs:
        gm, pm = g[a], p[b]
        # Spaces are ignored: repairing PDF text may drop or move them.
        gt = fold_text(gm.get("title")).replace(" ", "")
        pt = fold_text(pm.get("title")).replace(" ", "")
        if full:
            ok = similarity(gt, pt) >= 0.9
        else:
            n = min(30, len(gt))
            ok = similarity(gt[:n], pt[:n]) >= 0.85
        tally["t_n"] += 1
        tally["t_ok"] += ok
        if not ok:
            doc.titles_wrong.append({"ref": g_refs[a], "gold": gm.get("title") or "",
                                     "predicted": pm.get("title") or ""})
        if gm.get("role"):
            p_role = pm.get("role", "measure")
            tally["r_n"] += 1
            tally["r_ok"] += p_role == gm["role"]
            if p_role != gm["role"]:
                doc.roles_wrong.append({"ref": g_refs[a], "gold": gm["role"], "predicted": p_role})
        g_acts = [fold_text(x) for x in gm.get("activities", [])]
        p_acts = [fold_text(x if isinstance(x, str) else x.get("text")) for x in pm.get("activities", [])]
        tally["a_count_n"] += 1
        tally["a_count_ok"] += len(g_acts) == len(p_acts)
        if len(g_acts) != len(p_acts):
            doc.activity_counts_wrong.append({"ref": g_refs[a], "gold": len(g_acts), "predicted": len(p_acts)})
        for x in g_acts:
            found = any(similarity(x, y) >= 0.9 for y in p_acts)
            tally["a_n"] += 1
            tally["a_ok"] += found
            if not found:
                doc.activities_missed.append({"ref": g_refs[a], "gold": x})


def _bodies(gold: dict, pred: dict, tally: Tally, doc: DocScore) -> None:
    if "bodies" not in gold:
        return
    got = {fold_id(m.get("body")) for m in pred.get("mentions", [])} - {""}
    required = [id_alternatives(b) for b in gold["bodies"]]
    allowed = {a for alts in required for a in alts}
    for b in gold.get("optional_bodies") or []:
        allowed.update(id_alternatives(b))
    missed = sorted(alts[0] for alts in required if not got.intersection(alts))
    wrong = sorted(got - allowed)
    tally["b_tp"] += len(required) - len(missed)
    tally["b_fn"] += len(missed)
    tally["b_fp"] += len(wrong)
    doc.bodies_missed += missed
    doc.bodies_wrong += wrong


def _dates(gold: dict, pred: dict, tally: Tally, doc: DocScore) -> None:
    if "date" in gold:
        got = date_prefix((pred.get("document") or {}).get("date"))
        tally["d_n"] += 1
        tally["d_ok"] += got == gold["date"]
        if got != gold["date"]:
            doc.date = (gold["date"], got)
    if "event_dates" in gold:
        got_dates = set()
        for e in pred.get("events", []):
            d = e.get("date")
            d = date_prefix(d.get("start") if isinstance(d, dict) else d)
            if d:
                got_dates.add(d)
        want = set(gold["event_dates"])
        # Only day-precise predictions can be wrong: a month or a year is a coarser truth. The
        # document's own date is never wrong as an event date.
        wrong = {d for d in got_dates if len(d) == 10} - want - {gold.get("date")}
        tally["e_tp"] += len(want & got_dates)
        tally["e_fn"] += len(want - got_dates)
        tally["e_fp"] += len(wrong)
        doc.event_dates_missed += sorted(want - got_dates)
        doc.event_dates_wrong += sorted(wrong)


def _carries(evidence: str, text: str) -> bool:
    """An event carries a gold evidence phrase when its text contains it, or (a text of 15
    characters or more) lies inside it."""
    return bool(text) and (evidence in text or (len(text) >= 15 and text in evidence))


def _links_at3(gold: dict, pred: dict, tally: Tally, doc: DocScore, ctx: Context) -> None:
    events = pred.get("events", [])
    known = ctx.known
    for link in gold.get("links", []):
        evidence = fold_text(link["evidence"])
        want_ref = fold_ref(link["ref"])
        carried = False
        ok = False
        for e in events:
            if not _carries(evidence, fold_text(e.get("text"))):
                continue
            carried = True
            top3 = sorted(e.get("measures", []), key=lambda m: -(m.get("score") or 0))[:3]
            if any(fold_ref(c.get("ref")) == want_ref and plan_key(c.get("plan"), known) == link["plan"]
                   for c in top3):
                ok = True
                break
        tally["l_n"] += 1
        tally["l_ok"] += ok
        if not ok:
            doc.links_missed.append({
                "evidence": link["evidence"], "plan": link["plan"], "ref": link["ref"],
                "why": "not in the top 3 of its event" if carried else "no event carries the evidence"})
    tally["links_total"] += sum(len(e.get("measures", [])) for e in events)
    tally["events_total"] += len(events)


def _link_pairs(gold: dict, pred: dict, tally: Tally, doc: DocScore, ctx: Context) -> None:
    """The set of (plan, ref) a document's events link to, against gold's, where gold's ``links``
    is complete. A predicted pair is judged when its plan is one gold links to somewhere (its refs
    are annotated) or a document gold says is not a plan (never a link target)."""
    if "links" not in gold or gold.get("links_complete") is False:
        return
    known = ctx.known
    want = {(l["plan"], fold_ref(l["ref"])) for l in gold["links"]}
    got = set()
    for e in pred.get("events", []):
        for m in e.get("measures", []):
            pl = plan_key(m.get("plan"), known)
            if pl in ctx.link_plans or ctx.kinds.get(pl, "plan") != "plan":
                got.add((pl, fold_ref(m.get("ref"))))
    tally["ls_tp"] += len(want & got)
    tally["ls_fp"] += len(got - want)
    tally["ls_fn"] += len(want - got)
    doc.link_pairs_missed += sorted(f"{p}#{r}" for p, r in want - got)
    doc.link_pairs_wrong += sorted(f"{p}#{r}" for p, r in got - want)


def score_document(doc_id: str, gold: dict, pred: dict | None, tally: Tally, ctx: Context) -> DocScore:
    """Score one document (``pred`` None: no prediction, which scores zero) into ``tally``."""
    doc = DocScore(id=doc_id, predicted=pred is not None)
    tally["docs"] += 1
    if pred is None:
        tally["missing"] += 1
        pred = {}
    _measures(gold, pred, tally, doc)
    _bodies(gold, pred, tally, doc)
    _dates(gold, pred, tally, doc)
    _links_at3(gold, pred, tally, doc, ctx)
    _link_pairs(gold, pred, tally, doc, ctx)
    if gold.get("kind") and pred:
        got = (pred.get("document") or {}).get("kind")
        tally["k_n"] += 1
        tally["k_ok"] += got == gold["kind"]
        if got != gold["kind"]:
            doc.kind = (gold["kind"], got)
    return doc
