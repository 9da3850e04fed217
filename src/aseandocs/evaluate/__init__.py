"""Score a build against gold annotations (the format of ../shared/gold/README.md).

``evaluate(gold_dir, out_dir)`` reads one gold ``<id>.json`` per document and the build's
``OUT/documents/<id>.json``, and returns an ``Evaluation``: the metrics (measures, titles, roles,
activities, bodies, dates, kind, links) and, per document, what was missed and what was wrong::

    >>> ev = evaluate("corpus/gold", "out")                           # doctest: +SKIP
    >>> ev.metrics["measures_f1"], ev.metrics["links_r_at3"]           # doctest: +SKIP
    (1.0, 1.0)
    >>> print(ev.format())                                            # doctest: +SKIP
    >>> ev.to_json()                                                  # doctest: +SKIP

A document's id is its path relative to the gold folder without ``.json`` (``2020/09/x`` for a
nested gold tree, the stem for a flat one); its prediction is ``OUT/documents/<id>.json`` (or, when
the build's documents are flat, ``OUT/documents/<stem>.json``). A gold document with no prediction
scores zero. A metric with nothing to score is ``None``.
"""
from __future__ import annotations

import json
import os
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import AseandocsError
from ._score import Context, DocScore, Tally, score_document

__all__ = ["evaluate", "Evaluation", "DocScore", "METRICS"]

# The metrics in the order they are printed.
METRICS = ("docs", "missing_predictions", "measures_p", "measures_r", "measures_f1", "titles_acc",
           "roles_acc", "activity_count_acc", "activity_text_r", "bodies_p", "bodies_r", "bodies_f1",
           "doc_date_acc", "event_dates_p", "event_dates_r", "kind_acc", "links_r_at3", "links_doc_p",
           "links_doc_r", "links_per_event", "bodies_missed", "bodies_wrong")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; nothing predicted and nothing to find is perfect."""
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _share(n: int, d: int) -> float | None:
    return n / d if d else None


@dataclass
class Evaluation:
    """Metrics of a build against gold, and the per-document table of misses and errors."""

    gold_dir: str
    pred_dir: str
    metrics: dict[str, Any]
    documents: list[DocScore] = field(default_factory=list)

    def __getitem__(self, name: str) -> Any:
        return self.metrics[name]

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold_dir, "pred": self.pred_dir, "metrics": dict(self.metrics),
                "documents": [d.to_dict() for d in self.documents]}

    def to_json(self, **kw: Any) -> str:
        kw.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kw)

    def format_metrics(self) -> str:
        """The metrics, one per line, as ``name  value`` (``n/a`` when nothing was scored)."""
        lines = []
        for k in METRICS:
            v = self.metrics[k]
            if v is None:
                lines.append(f"{k:22s}    n/a")
            elif isinstance(v, float):
                lines.append(f"{k:22s} {v:6.3f}")
            elif isinstance(v, list):
                lines.append(f"{k:22s} {' '.join(v) if v else '-'}")
            else:
                lines.append(f"{k:22s} {v}")
        return "\n".join(lines)

    def format_documents(self, width: int = 100) -> str:
        """Per document: what was missed (``-``) and what was wrong (``+``, or gold -> predicted)."""
        out = []
        for d in self.documents:
            n = d.problems()
            out.append(f"{d.id}: " + ("ok" if n == 0 else f"{n} problem{'s' * (n != 1)}"))
            if not d.predicted:
                out.append("  no prediction (OUT/documents has no file for it)")
            if d.kind:
                out.append(f"  kind: {d.kind[0]} -> {d.kind[1]}")
            if d.date:
                out.append(f"  date: {d.date[0]} -> {d.date[1]}")
            for label, items in (("measures missed", d.measures_missed), ("measures wrong", d.measures_wrong),
                                 ("bodies missed", d.bodies_missed), ("bodies wrong", d.bodies_wrong),
                                 ("event dates missed", d.event_dates_missed),
                                 ("event dates wrong", d.event_dates_wrong),
                                 ("links missed", d.link_pairs_missed), ("links wrong", d.link_pairs_wrong)):
                if items:
                    out.append(_clip(f"  {label}: {', '.join(items)}", width))
            for t in d.titles_wrong:
                out.append(_clip(f"  title {t['ref']}: {t['gold']!r} -> {t['predicted']!r}", width))
            for r in d.roles_wrong:
                out.append(f"  role {r['ref']}: {r['gold']} -> {r['predicted']}")
            for c in d.activity_counts_wrong:
                out.append(f"  activities of {c['ref']}: {c['gold']} -> {c['predicted']}")
            for a in d.activities_missed:
                out.append(_clip(f"  activity missed under {a['ref']}: {a['gold']!r}", width))
            for link in d.links_missed:
                out.append(_clip(f"  link to {link['plan']}#{link['ref']} ({link['why']}): "
                                 f"{link['evidence']!r}", width))
        return "\n".join(out)

    def format(self) -> str:
        """The metrics table, then the per-document table."""
        return self.format_metrics() + "\n\n" + self.format_documents()

    def __str__(self) -> str:
        return self.format()


def _clip(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "…"


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise AseandocsError(f"{path}: not readable JSON ({e})") from e


def _gold_files(gold_dir: Path) -> list[tuple[str, Path]]:
    """(id, path) of every gold file: its path relative to the folder, without ``.json``."""
    found = []
    for p in gold_dir.rglob("*.json"):
        rel = p.relative_to(gold_dir)
        if p.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append((rel.with_suffix("").as_posix(), p))
    found.sort(key=lambda t: t[0].split("/"))
    return found


def _pred_dir(out_dir: Path) -> Path:
    return out_dir / "documents" if (out_dir / "documents").is_dir() else out_dir


def _pred_path(pred_dir: Path, doc_id: str, stems: dict[str, int]) -> Path | None:
    p = pred_dir / f"{doc_id}.json"
    if p.is_file():
        return p
    stem = doc_id.rsplit("/", 1)[-1]
    if stem != doc_id and stems.get(stem) == 1:  # a nested gold tree against a flat build
        q = pred_dir / f"{stem}.json"
        if q.is_file():
            return q
    return None


def evaluate(gold_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
             only: Iterable[str] | None = None) -> Evaluation:
    """Score the build in ``out_dir`` (a build folder, or its ``documents/``) against ``gold_dir``.

    ``only``: score just these document ids (the whole gold set still says which documents are
    plans and which plans gold links to).
    """
    gold_path, out_path = Path(gold_dir), Path(out_dir)
    for what, p in (("gold", gold_path), ("build", out_path)):
        if not p.is_dir():
            raise AseandocsError(f"{p}: no such {what} folder")
    pred_dir = _pred_dir(out_path)
    files = _gold_files(gold_path)
    if not files:
        raise AseandocsError(f"{gold_path}: no gold files (<id>.json) here")
    golds = {doc_id: _json(p) for doc_id, p in files}
    bad = [i for i, g in golds.items() if not isinstance(g, dict)]
    if bad:
        raise AseandocsError(f"{gold_path}: not a gold object: {', '.join(bad[:5])}")
    ctx = Context(kinds={i: g.get("kind") for i, g in golds.items()},
                  link_plans={l["plan"] for g in golds.values() for l in g.get("links", [])})
    stems: dict[str, int] = {}
    for doc_id in golds:
        s = doc_id.rsplit("/", 1)[-1]
        stems[s] = stems.get(s, 0) + 1
    wanted = set(only) if only is not None else None
    tally: Tally = Tally()
    docs = []
    for doc_id, gold in golds.items():
        if wanted is not None and doc_id not in wanted:
            continue
        pp = _pred_path(pred_dir, doc_id, stems)
        pred = _json(pp) if pp is not None else None
        if pred is not None and not isinstance(pred, dict):
            raise AseandocsError(f"{pp}: not a per-document JSON object")
        docs.append(score_document(doc_id, gold, pred, tally, ctx))
    t = tally
    mp, mr, mf = _prf(t["m_tp"], t["m_fp"], t["m_fn"])
    bp, br, bf = _prf(t["b_tp"], t["b_fp"], t["b_fn"])
    ep, er, _ = _prf(t["e_tp"], t["e_fp"], t["e_fn"])
    metrics = {
        "docs": t["docs"], "missing_predictions": t["missing"],
        "measures_p": mp, "measures_r": mr, "measures_f1": mf,
        "titles_acc": _share(t["t_ok"], t["t_n"]),
        "roles_acc": _share(t["r_ok"], t["r_n"]),
        "activity_count_acc": _share(t["a_count_ok"], t["a_count_n"]),
        "activity_text_r": _share(t["a_ok"], t["a_n"]),
        "bodies_p": bp, "bodies_r": br, "bodies_f1": bf,
        "doc_date_acc": _share(t["d_ok"], t["d_n"]),
        "event_dates_p": ep, "event_dates_r": er,
        "kind_acc": _share(t["k_ok"], t["k_n"]),
        "links_r_at3": _share(t["l_ok"], t["l_n"]),
        "links_doc_p": _share(t["ls_tp"], t["ls_tp"] + t["ls_fp"]),
        "links_doc_r": _share(t["ls_tp"], t["ls_tp"] + t["ls_fn"]),
        "links_per_event": _share(t["links_total"], t["events_total"]),
        "bodies_missed": [b for d in docs for b in d.bodies_missed],
        "bodies_wrong": [b for d in docs for b in d.bodies_wrong],
    }
    return Evaluation(gold_dir=str(gold_path), pred_dir=str(pred_dir), metrics=metrics, documents=docs)


class _CallableModule(types.ModuleType):
    """``aseandocs.evaluate`` is both this subpackage and the function: importing a submodule binds
    the package's name on its parent, so the package itself calls ``evaluate``."""

    def __call__(self, gold_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                 only: Iterable[str] | None = None) -> Evaluation:
        return evaluate(gold_dir, out_dir, only=only)


sys.modules[__name__].__class__ = _CallableModule
