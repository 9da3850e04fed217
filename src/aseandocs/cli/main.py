"""The ``aseandocs`` command. It only parses arguments, calls the library and prints.

Exit codes: 0 success; 1 the command failed (an error message says why); 2 bad usage;
3 a build completed but some documents failed (see OUT/errors.jsonl); 4 an internal error (a bug:
please report it with the file that caused it).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from .._version import __version__
from ..errors import AseandocsError
from . import report
from .examples import attach, positive_int
from .output import dump, print_table, short

EXIT_OK, EXIT_FAILED, EXIT_PARTIAL, EXIT_CRASH = 0, 1, 3, 4  # 2, bad usage, is argparse's own

EXAMPLES = """\
examples:
  aseandocs parse corpus/th_news_ascco.txt --json      one document, the JSON contract
  aseandocs measures corpus/th_plan_annex_flat.txt     a plan's measures as an outline
  aseandocs events corpus/en_news_charter.html         a document's dated events
  aseandocs dates "เมื่อวันที่ ๕ มีนาคม พ.ศ. ๒๕๖๒"          dates found in a text
  aseandocs bodies resolve "ASEAN Regional Forum"      a name to its body id
  aseandocs bodies resolve "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ"
  aseandocs bodies list --pillar APSC --type ministerial
  aseandocs bodies discover ../shared/corpus           candidate new bodies and aliases
  aseandocs build corpus -o out --workers 2            the whole corpus: JSON, graph, store, explorer
  aseandocs build news/ -o out --plans ../plans/vap.txt   name the plan files (globs or paths)
  aseandocs build corpus -o out --engine dask --scheduler tcp://10.0.0.5:8786
  aseandocs graph show 1.2.1 --plan 000_c84986400c98ca88 -o out
  aseandocs graph body SOMTC -o out
  aseandocs graph search "กฎบัตร" -o out
  aseandocs graph export --format graphml -o out
  aseandocs sql out "SELECT body, count(*) FROM mentions GROUP BY body ORDER BY 2 DESC"
  aseandocs evaluate corpus/gold out                   the build scored against gold files
  aseandocs report out --plan th_plan_annex_flat --format html -o card.html
"""


# --- per-document commands -----------------------------------------------------------------------

def _cmd_parse(a: argparse.Namespace) -> int:
    from ..pipeline import parse
    pd = parse(a.file)
    if a.json:
        dump(pd.to_dict())
        return EXIT_OK
    d = pd.document
    print(f"{d.id}  kind={pd.kind}  language={d.language}  date={pd.date or '-'}  "
          f"format={d.format}  encoding={d.encoding or '-'}")
    if pd.title:
        print(f"title: {pd.title}")
    for w in d.warnings:
        print(f"warning: {w}")
    print(f"{len(pd.measures)} measures, {len(pd.mentions)} body mentions "
          f"({len({m.body for m in pd.mentions})} bodies), {len(pd.events)} events")
    bodies = sorted({m.body for m in pd.mentions})
    if bodies:
        print("bodies: " + ", ".join(bodies))
    return EXIT_OK


def _cmd_measures(a: argparse.Namespace) -> int:
    from ..pipeline import parse
    pd = parse(a.file)
    if a.json:
        dump([m.to_dict() for m in pd.measures])
        return EXIT_OK
    scope = object()
    base = min((m.level for m in pd.measures), default=1)
    for m in pd.measures:
        if m.scope != scope:
            scope = m.scope
            if scope:
                print(f"[{scope}]")
        indent = "  " * (m.level - base)
        n = len(m.activities)
        acts = f"  ({n} {'activity' if n == 1 else 'activities'})" if n else ""
        page = f"  p.{m.page}" if m.page else ""
        print(f"{indent}{m.ref}  {short(m.title, 100 - len(indent))}{acts}{page}")
    if not pd.measures:
        print("no measures found", file=sys.stderr)
    return EXIT_OK


def _cmd_events(a: argparse.Namespace) -> int:
    from ..pipeline import parse
    pd = parse(a.file)
    if a.json:
        dump([e.to_dict() for e in pd.events])
        return EXIT_OK
    for e in pd.events:
        date = e.date or "-"
        if e.end_date:
            date += f"..{e.end_date}"
        extra = []
        if e.ordinal:
            extra.append(f"#{e.ordinal}")
        if e.status != "done":
            extra.append(e.status)
        if e.bodies:
            extra.append(",".join(e.bodies))
        print(f"{date:<22} {e.type:<16} {' '.join(extra)}")
        print(f"    {short(e.text, 110)}")
        for ins in e.instruments:
            print(f"    instrument: {ins}")
    if not pd.events:
        print("no events found", file=sys.stderr)
    return EXIT_OK


def _cmd_dates(a: argparse.Namespace) -> int:
    from ..dates import find_dates
    from ..thai import normalize
    found = find_dates(normalize(a.text).text)
    if a.json:
        dump(found)
        return EXIT_OK
    for d in found:
        end = f" .. {d.end}" if d.end else ""
        kind = "period" if d.is_period else d.precision
        print(f"{d.value}{end}  ({kind})  {d.text!r}")
    return EXIT_OK


# --- bodies --------------------------------------------------------------------------------------

def _body_line(b: Any) -> str:
    th = b.th[0] if b.th else ""
    en = b.en[0] if b.en else ""
    return f"{b.id:<26} {b.type:<17} {b.pillar:<12} {short(en, 60)}  {th}"


def _cmd_bodies(a: argparse.Namespace) -> int:
    from ..bodies import BodyRegistry
    reg = BodyRegistry.load()
    if a.bodies_cmd == "resolve":
        hit = reg.resolve(a.text)
        if a.json:
            dump(None if hit is None else {"id": hit[0].id, "score": hit[1], "body": hit[0]})
            return EXIT_OK if hit else EXIT_FAILED
        if hit is None:
            print(f"no body matches {a.text!r}", file=sys.stderr)
            return EXIT_FAILED
        body, score = hit
        print(f"{body.id}  (score {score:.2f})  {body.en[0] if body.en else ''}")
        return EXIT_OK
    if a.bodies_cmd == "list":
        bodies = list(reg.filter(pillar=a.pillar, type=a.type))
        if a.json:
            dump(bodies)
        else:
            for b in bodies:
                print(_body_line(b))
            print(f"{len(bodies)} bodies", file=sys.stderr)
        return EXIT_OK
    if a.bodies_cmd == "show":
        body = reg.get(a.id)
        if body is None:
            print(f"unknown body id {a.id!r} (see `aseandocs bodies list`)", file=sys.stderr)
            return EXIT_FAILED
        if a.json:
            dump(body)
            return EXIT_OK
        print(f"{body.id}  type={body.type}  pillar={body.pillar}  parent={body.parent or '-'}")
        for label, names in (("English", body.en), ("Thai", body.th), ("acronyms", body.acronyms),
                             ("former", body.former)):
            for n in names:
                print(f"  {label:<9} {n}")
        return EXIT_OK
    if a.bodies_cmd == "discover":
        from ..bodies import discover
        from ..bodies.discover import to_yaml
        paths = _walk_texts(a.corpus)
        cands = discover(paths, registry=reg)
        if a.limit is not None:   # the most frequent first: --limit keeps the top N in every format
            cands = cands[: a.limit]
        if a.yaml:
            print(to_yaml(cands))
        elif a.json:
            dump(cands)
        else:
            for c in cands[:50] if a.limit is None else cands:
                known = f" -> {c.resolves_to}" if getattr(c, "resolves_to", None) else ""
                print(f"{c.count:>4}  {c.name}{known}")
                for ex in list(c.examples)[:1]:
                    print(f"        …{short(ex, 100)}…")
        return EXIT_OK
    raise AssertionError(a.bodies_cmd)


def _walk_texts(corpus: str) -> list[Path]:
    p = Path(corpus)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise AseandocsError(f"{corpus}: no such file or folder")
    return sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in
                  {".txt", ".text", ".html", ".htm", ".pdf"} and not q.name.startswith("."))


# --- corpus ----------------------------------------------------------------------------------------

def _formats_arg(value: str) -> tuple[str, ...]:
    from ..corpus.settings import parse_formats
    try:
        return parse_formats(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _cmd_build(a: argparse.Namespace) -> int:
    from ..corpus import build
    summary = build(a.corpus, a.out, workers=a.workers, engine=a.engine, scheduler=a.scheduler,
                    force=a.force, progress=not a.no_progress, max_doc_mb=a.max_doc_mb or None,
                    doc_timeout=a.doc_timeout or None, plans=a.plans, formats=a.formats)
    if a.json:
        dump(summary)
    else:
        print(summary.format())
    return EXIT_PARTIAL if summary.errors else EXIT_OK


def _cmd_sql(a: argparse.Namespace) -> int:
    from ..store import query
    if a.query is None:                       # aseandocs sql [-o OUT] QUERY
        out, sql = a.out_flag or "out", a.first
    elif a.out_flag is not None and a.out_flag != a.first:
        raise AseandocsError(f"sql: two build folders given ({a.first} and -o {a.out_flag}); give one")
    else:                                     # aseandocs sql OUT QUERY
        out, sql = a.first, a.query
    columns, rows = query(out, sql, timeout=a.timeout or None)
    if a.json:
        dump([dict(zip(columns, r)) for r in rows])
        return EXIT_OK
    print_table(columns, rows)
    return EXIT_OK


def _cmd_graph(a: argparse.Namespace) -> int:
    from . import graph as _cli_graph
    return _cli_graph.run(a)


# --- argument parsing -------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="aseandocs", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Structured, linked data from ASEAN plan texts and news in Thai and English.",
        epilog=EXAMPLES)
    p.add_argument("--version", action="version", version=f"aseandocs {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    def with_json(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--json", action="store_true", help="print JSON for machines")
        return sp

    sp = with_json(sub.add_parser("parse", help="parse one document (read, normalise, measures, bodies, events)"))
    sp.add_argument("file", help="a txt, html or pdf document")
    sp.set_defaults(func=_cmd_parse)
    sp = with_json(sub.add_parser("measures", help="a plan's measures as an indented outline"))
    sp.add_argument("file", help="a plan: txt, html or pdf")
    sp.set_defaults(func=_cmd_measures)
    sp = with_json(sub.add_parser("events", help="a document's dated events"))
    sp.add_argument("file", help="a news item or report: txt, html or pdf")
    sp.set_defaults(func=_cmd_events)
    sp = with_json(sub.add_parser("dates", help="the dates found in a text (Thai or English)"))
    sp.add_argument("text", help="Thai or English text (quote it)")
    sp.set_defaults(func=_cmd_dates)

    sp = sub.add_parser("bodies", help="the ASEAN body registry: resolve, list, show, discover")
    bsub = sp.add_subparsers(dest="bodies_cmd", required=True, metavar="ACTION")
    r = with_json(bsub.add_parser("resolve", help="a name (Thai, English or acronym) to its body"))
    r.add_argument("text", help="the name as written (quote it)")
    r = with_json(bsub.add_parser("list", help="the bodies in the registry"))
    r.add_argument("--pillar", help="APSC, AEC, ASCC or cross-pillar")
    r.add_argument("--type", help="summit, council, ministerial, senior-officials, ...")
    r = with_json(bsub.add_parser("show", help="one body with all its names"))
    r.add_argument("id", help="a body id such as AICHR (any case)")
    r = with_json(bsub.add_parser("discover", help="candidate new bodies and aliases in a corpus"))
    r.add_argument("corpus", help="a folder of txt/html/pdf documents, or one file")
    r.add_argument("--yaml", action="store_true", help="registry-shaped YAML stubs to review")
    r.add_argument("--limit", type=positive_int, default=None,
                   help="keep the N most frequent candidates (default: 50 printed, all with --yaml/--json)")
    sp.set_defaults(func=_cmd_bodies)

    sp = with_json(sub.add_parser("build", help="build a corpus folder: JSON, graph, store, explorer"))
    sp.add_argument("corpus", nargs="?", default="corpus", help="folder of txt/html/pdf (default: corpus)")
    sp.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    sp.add_argument("--workers", type=positive_int, default=None, help="parallel processes, 1 or more (default: cores)")
    sp.add_argument("--engine", choices=("local", "dask"), default="local")
    sp.add_argument("--scheduler", help="dask.distributed scheduler address (with --engine dask)")
    sp.add_argument("--force", action="store_true", help="ignore the cache and redo every document")
    sp.add_argument("--plans", action="append", metavar="GLOB_OR_PATH",
                    help="the plan files: a glob relative to CORPUS or a path (a file outside CORPUS "
                         "is added); repeatable; when given, only these files are plans")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar")
    sp.add_argument("--max-doc-mb", type=float, default=50.0, metavar="MB",
                    help="a document file larger than this fails (default: 50; 0: no limit)")
    sp.add_argument("--doc-timeout", type=float, default=120.0, metavar="SECONDS",
                    help="a document whose parse takes longer fails (default: 120; 0: no limit)")
    sp.add_argument("--formats", type=_formats_arg, default=None, metavar="LIST",
                    help="outputs to write besides documents/, comma-separated, of graph-json, graphml, "
                         "gexf, sqlite, html, parquet (default: all but parquet); the files of the others "
                         "are removed")
    sp.set_defaults(func=_cmd_build)

    sp = with_json(sub.add_parser("sql", help="run a read-only SQL query on OUT/aseandocs.sqlite"))
    sp.add_argument("first", metavar="OUT", help="the build folder, then the query (or give -o OUT and the query alone)")
    sp.add_argument("query", nargs="?", metavar="QUERY", help="a SELECT statement (quote it)")
    sp.add_argument("-o", "--out", dest="out_flag", metavar="OUT", help="the build folder")
    sp.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                    help="stop a query that runs longer than this (default: 30; 0: no limit)")
    sp.set_defaults(func=_cmd_sql)
    report.add_parsers(sub, with_json)

    sp = sub.add_parser("graph", help="query and export the measure graph of a build")
    gsub = sp.add_subparsers(dest="graph_cmd", required=True, metavar="ACTION")

    def graph_cmd(name: str, help: str) -> argparse.ArgumentParser:
        g = with_json(gsub.add_parser(name, help=help))
        g.add_argument("-o", "--out", default="out", help="the build folder (default: out)")
        return g

    g = graph_cmd("show", "a measure, its activities, bodies and reported progress")
    g.add_argument("ref", help="a measure ref (1.2.1, ๑.๒.๑) or a full id plan#1.2.1")
    g.add_argument("--plan", help="the plan document id, when several plans share the ref")
    g = graph_cmd("body", "a body's measures and events over time")
    g.add_argument("id", help="a body id such as SOMTC (any case)")
    g = graph_cmd("search", "measures whose title or activities match (Thai or English)")
    g.add_argument("text", help="words of a measure title or activity, Thai or English")
    g.add_argument("--limit", type=positive_int, default=20, help="at most this many hits (default 20)")
    graph_cmd("stats", "counts of nodes and edges by type, coverage by plan")
    g = graph_cmd("export", "write the graph as graphml, gexf, json or csv")
    g.add_argument("--format", choices=("graphml", "gexf", "json", "csv", "parquet"), required=True)
    g.add_argument("--dest", help="file (or folder for csv/parquet) to write; default inside OUT")
    g = graph_cmd("timeline", "dated events in order, optionally of one body")
    g.add_argument("--body", help="only the events that name this body")
    g = graph_cmd("coverage", "share of a plan's measures with reported progress, by section")
    g.add_argument("plan", help="the plan document id")
    sp.set_defaults(func=_cmd_graph)
    attach(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    try:
        return a.func(a)
    except AseandocsError as e:
        print(f"aseandocs: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as e:
        from ..corpus.lock import Terminated
        if isinstance(e, Terminated):
            print("aseandocs: terminated (SIGTERM); the outputs written so far are whole", file=sys.stderr)
            return 143
        print("aseandocs: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `aseandocs ... | head`
        return EXIT_OK
    except Exception as e:  # a bug: say so plainly, keep the traceback for --debug-style reports
        import traceback
        print(f"aseandocs: internal error: {type(e).__name__}: {e} (please report it, with the "
              "command and the file it ran on)", file=sys.stderr)
        if os.environ.get("ASEANDOCS_DEBUG"):
            traceback.print_exc()
        return EXIT_CRASH
