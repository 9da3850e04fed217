"""``aseandocs graph …``: queries and exports of a build's MeasureGraph, printed for people or as JSON."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..graph import MeasureGraph
from .output import dump, short


def _print_progress(progress: Any, indent: str = "  ") -> None:
    if not progress:
        print(f"{indent}no reported progress")
        return
    for p in progress:
        date = p.date or "undated"
        print(f"{indent}{date:<11} {p.type:<16} score {p.score:.2f}  in {p.document}")
        print(f"{indent}    {short(p.text, 110)}")
        if p.evidence:
            print(f"{indent}    evidence: {', '.join(p.evidence)}")


def _show(g: MeasureGraph, a: argparse.Namespace) -> int:
    m = g.measure(a.ref, plan=a.plan)
    if a.json:
        dump(m)
        return 0
    print(f"{m.ref}  {m.title}")
    print(f"  plan {m.plan}  section {m.section}  level {m.level}"
          + (f"  parent {m.parent}" if m.parent else "") + (f"  page {m.page}" if m.page else ""))
    for act in m.activities:
        print(f"  - {short(act, 110)}")
    if m.bodies:
        print(f"  bodies: {', '.join(m.bodies)}")
    if m.references:
        print(f"  references: {', '.join(m.references)}")
    print("  progress:")
    _print_progress(m.progress, "    ")
    return 0


def _body(g: MeasureGraph, a: argparse.Namespace) -> int:
    b = g.body(a.id)
    if a.json:
        dump(b)
        return 0
    print(f"{b.id}  {b.label}")
    for n in b.names[:6]:
        print(f"  name: {n}")
    print(f"  measures ({len(b.measures)}):")
    for m in b.measures:
        print(f"    {m.plan} {m.ref}  {short(m.title, 90)}")
    print(f"  events ({len(b.events)}):")
    for e in b.events:
        print(f"    {e.date or 'undated':<11} {e.type:<16} {e.document}  {short(e.text, 70)}")
    return 0


def _search(g: MeasureGraph, a: argparse.Namespace) -> int:
    hits = g.search(a.text, limit=a.limit)
    if a.json:
        dump(list(hits))
        return 0
    for h in hits:
        print(f"{h.score:5.1f}  {h.plan} {h.ref}  {short(h.title, 70)}")
        if h.field != "title":
            print(f"       {h.field}: {short(h.matched, 90)}")
    if not hits:
        print(f"no measure matches {a.text!r}", file=sys.stderr)
    return 0


def _stats(g: MeasureGraph, a: argparse.Namespace) -> int:
    stats = g.stats()
    cover = {p: list(g.coverage(p)) for p in g.plans()}
    if a.json:
        dump({"stats": stats, "coverage": cover})
        return 0
    for k, v in stats.items():
        print(f"{k:<24} {v}")
    for plan, rows in cover.items():
        total = sum(r.measures for r in rows)
        done = sum(r.reported for r in rows)
        print(f"coverage {plan}: {done}/{total} measures with reported progress")
    return 0


def _coverage(g: MeasureGraph, a: argparse.Namespace) -> int:
    rows = g.coverage(a.plan)
    if a.json:
        dump(list(rows))
        return 0
    for r in rows:
        bar = "#" * round(20 * r.share)
        print(f"{r.section:<8} {bar:<20} {r.reported:>3}/{r.measures:<3} {short(r.title, 60)}")
    return 0


def _timeline(g: MeasureGraph, a: argparse.Namespace) -> int:
    events = g.timeline(body=a.body)
    if a.json:
        dump(list(events))
        return 0
    for e in events:
        print(f"{e.date or 'undated':<11} {e.type:<16} {','.join(e.bodies):<20} {short(e.text, 70)}")
    return 0


def _export(g: MeasureGraph, a: argparse.Namespace) -> int:
    out = Path(a.out)
    if a.format == "parquet":
        from ..store import export_parquet
        written = [Path(p) for p in export_parquet(out, Path(a.dest) if a.dest else out / "parquet")]
    elif a.format == "csv":
        dest = Path(a.dest) if a.dest else out / "csv"
        g.to_csv(dest)
        written = [dest / "nodes.csv", dest / "edges.csv"]
    else:
        dest = Path(a.dest) if a.dest else out / f"graph.{a.format}"
        {"graphml": g.to_graphml, "gexf": g.to_gexf, "json": g.to_json}[a.format](dest)
        written = [dest]
    if a.json:
        dump({"format": a.format, "written": [str(p) for p in written]})
    else:
        # As before: the files parquet wrote, the folder of csv, the one graph file otherwise.
        print("\n".join(str(p) for p in written) if a.format == "parquet" else dest)
    return 0


_ACTIONS = {"show": _show, "body": _body, "search": _search, "stats": _stats,
            "coverage": _coverage, "timeline": _timeline, "export": _export}


def run(a: argparse.Namespace) -> int:
    """Run ``aseandocs graph <action>`` on the build in ``a.out``."""
    return _ACTIONS[a.graph_cmd](MeasureGraph.load(a.out), a)
