"""``aseandocs evaluate GOLD OUT`` and ``aseandocs report OUT --plan PLAN``: a build scored against
gold files, and a plan's progress scorecard written as CSV, Markdown or HTML."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import AseandocsError
from .output import dump

__all__ = ["add_parsers", "cmd_evaluate", "cmd_report"]

_EXT = {"csv": "csv", "md": "md", "html": "html"}


def cmd_evaluate(a: argparse.Namespace) -> int:
    from ..evaluate import evaluate
    out = a.out_flag or a.out
    if out is None:
        raise AseandocsError("evaluate: give the build folder, as OUT or -o OUT")
    ev = evaluate(a.gold, out, only=a.only or None)
    if a.json:
        dump(ev.to_dict())
        return 0
    print(ev.format_metrics())
    if not a.metrics_only:
        print()
        print(ev.format_documents())
    return 0


def _formats(value: str) -> list[str]:
    got = [f.strip().lower() for f in value.split(",") if f.strip()]
    got = ["md" if f == "markdown" else f for f in got]
    bad = [f for f in got if f not in _EXT]
    if bad or not got:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(bad) or value!r}: use csv, md, html "
                                         "or several joined by commas (csv,md,html)")
    return list(dict.fromkeys(got))


def _plan(g: Any, plan: str | None) -> str:
    plans = g.plans()
    if plan:
        return plan
    if len(plans) == 1:
        return plans[0]
    raise AseandocsError(f"report: name the plan with --plan (plans in this build: {', '.join(plans) or 'none'})")


def cmd_report(a: argparse.Namespace) -> int:
    from ..graph import MeasureGraph
    g = MeasureGraph.load(a.out)
    plan = _plan(g, a.plan)
    card = g.scorecard(plan)
    if a.json:
        dump({"plan": plan, "counts": card.counts(), "measures": list(card)})
        return 0
    formats = a.format or ["md"]
    if a.output is None:
        if len(formats) > 1:
            raise AseandocsError("report: several formats need -o DIR (one file each)")
        text = {"csv": card.to_csv, "md": card.to_markdown, "html": card.to_html}[formats[0]]()
        sys.stdout.write(text)
        return 0
    dest = Path(a.output)
    single_file = len(formats) == 1 and not dest.is_dir() and dest.suffix != ""
    written = []
    for fmt in formats:
        path = dest if single_file else dest / f"scorecard-{plan.replace('/', '_')}.{_EXT[fmt]}"
        written.append(card.write(fmt, path))
    for p in written:
        print(p)
    counts = ", ".join(f"{k} {v}" for k, v in card.counts().items())
    print(f"{len(card)} measures of {plan}: {counts}", file=sys.stderr)
    return 0


def add_parsers(sub: Any, with_json: Any) -> None:
    """Add ``evaluate`` and ``report`` to the top-level subparsers."""
    sp = with_json(sub.add_parser("evaluate", help="score a build against gold files (../shared/gold format)"))
    sp.add_argument("gold", metavar="GOLD", help="folder of gold <id>.json files (may be nested)")
    sp.add_argument("out", metavar="OUT", nargs="?", default=None,
                    help="the build folder (or its documents/ folder); or give it as -o OUT")
    sp.add_argument("-o", "--out", dest="out_flag", metavar="OUT", help="the build folder (same as OUT)")
    sp.add_argument("--only", nargs="+", metavar="ID", help="score only these document ids")
    sp.add_argument("--metrics-only", action="store_true", help="print the metrics without the per-document table")
    sp.set_defaults(func=cmd_evaluate)

    sp = with_json(sub.add_parser("report", help="a plan's progress scorecard (CSV, Markdown, HTML)"))
    sp.add_argument("out", metavar="OUT", help="the build folder (written by aseandocs build)")
    sp.add_argument("--plan", help="the plan document id (optional when the build has one plan)")
    sp.add_argument("--format", type=_formats, metavar="FORMATS",
                    help="csv, md or html, or several joined by commas (default md)")
    sp.add_argument("-o", "--output", metavar="FILE/DIR",
                    help="where to write: a file for one format, a folder for several "
                         "(scorecard-<plan>.<ext>); default: print to standard output")
    sp.set_defaults(func=cmd_report)
