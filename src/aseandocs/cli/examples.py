"""The examples every subcommand's ``--help`` ends with, and the checks on numbers given to options.

``attach(parser)`` walks the subcommands of the ``aseandocs`` parser and gives each its examples
(``EXAMPLES[path]``, the path being the words after ``aseandocs``: "graph show")::

    >>> import argparse
    >>> p = argparse.ArgumentParser(prog="aseandocs")
    >>> sub = p.add_subparsers()
    >>> _ = sub.add_parser("dates")
    >>> attach(p)
    >>> sub.choices["dates"].epilog.splitlines()[0]
    'examples:'
    >>> positive_int("2"), positive_int("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 0 is not a positive whole number (give 1 or more)
"""
from __future__ import annotations

import argparse

__all__ = ["EXAMPLES", "attach", "positive_int", "subcommands"]

EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "parse": [("aseandocs parse corpus/th_news_ascco.txt", "kind, date, title, counts"),
              ("aseandocs parse corpus/en_news_charter.html --json", "the per-document JSON contract")],
    "measures": [("aseandocs measures corpus/th_plan_annex_flat.txt", "the plan as an indented outline"),
                 ("aseandocs measures corpus/en_plan_blueprint.txt --json", "measures with activities, as JSON")],
    "events": [("aseandocs events corpus/en_news_charter.html", "dated events with their bodies"),
               ("aseandocs events corpus/th_news_ascco.txt --json", "as JSON")],
    "dates": [('aseandocs dates "เมื่อวันที่ ๕ มีนาคม พ.ศ. ๒๕๖๒"', "2019-03-05 (day)"),
              ('aseandocs dates "13-14 November 2017"', "a range")],
    "bodies": [('aseandocs bodies resolve "ASEAN Regional Forum"', "ARF"),
               ("aseandocs bodies show aichr", "one body with all its names (ids in any case)"),
               ("aseandocs bodies list --pillar APSC", "the registry, filtered"),
               ("aseandocs bodies discover corpus --yaml --limit 20", "candidate new bodies to review")],
    "bodies resolve": [('aseandocs bodies resolve "ASEAN Regional Forum"', "ARF"),
                       ('aseandocs bodies resolve "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ"', "SOMTC"),
                       ('aseandocs bodies resolve "ASEAN Defence Minister Meeting" --json', "fuzzy, with its score")],
    "bodies list": [("aseandocs bodies list", "every body"),
                    ("aseandocs bodies list --pillar APSC --type ministerial", "filtered"),
                    ("aseandocs bodies list --pillar ASCC --json", "as JSON")],
    "bodies show": [("aseandocs bodies show AICHR", "names in English and Thai, acronyms, parent"),
                    ("aseandocs bodies show aha-centre --json", "ids are case-insensitive")],
    "bodies discover": [("aseandocs bodies discover corpus", "the 50 most frequent candidates"),
                        ("aseandocs bodies discover ../shared/corpus --yaml --limit 20", "YAML stubs of the top 20"),
                        ("aseandocs bodies discover corpus --json --limit 5", "as JSON")],
    "build": [("aseandocs build corpus -o out --workers 2", "JSON, graph, store and explorer in out/"),
              ("aseandocs build corpus -o out --force", "redo every document (ignore the cache)"),
              ("aseandocs build corpus -o out --engine dask --scheduler tcp://127.0.0.1:8786", "on a dask cluster")],
    "sql": [('aseandocs sql out "SELECT body, count(*) FROM mentions GROUP BY body ORDER BY 2 DESC"', "OUT first"),
            ('aseandocs sql -o out "SELECT type, count(*) FROM events GROUP BY type" --json', "or -o OUT")],
    "evaluate": [("aseandocs evaluate corpus/gold out", "metrics, then what each document missed or got wrong"),
                 ("aseandocs evaluate ../shared/gold -o out --metrics-only", "the metrics alone"),
                 ("aseandocs evaluate corpus/gold out --json", "everything as JSON")],
    "report": [("aseandocs report out --plan th_plan_annex_flat", "the scorecard as Markdown"),
               ("aseandocs report out --plan th_plan_annex_flat --format html -o card.html", "one HTML page"),
               ("aseandocs report out --plan th_plan_annex_flat --format csv,md,html -o reports/", "all three")],
    "graph": [("aseandocs graph show 1.2.2 --plan th_plan_annex_flat -o out", "a measure and its progress"),
              ("aseandocs graph timeline -o out", "dated events in order"),
              ("aseandocs graph export --format graphml -o out", "write the graph")],
    "graph show": [("aseandocs graph show 1.2.2 --plan th_plan_annex_flat -o out", "a measure and its progress"),
                   ("aseandocs graph show ๑.๒.๒ -o out --json", "Thai digits work too")],
    "graph body": [("aseandocs graph body SOMTC -o out", "a body's measures and events"),
                   ("aseandocs graph body somtc -o out --json", "ids are case-insensitive")],
    "graph search": [('aseandocs graph search "กฎบัตร" -o out', "Thai or English"),
                     ('aseandocs graph search "maritime" --limit 5 -o out', "the best five")],
    "graph stats": [("aseandocs graph stats -o out", "counts and coverage by plan"),
                    ("aseandocs graph stats -o out --json", "as JSON")],
    "graph export": [("aseandocs graph export --format graphml -o out", "out/graph.graphml"),
                     ("aseandocs graph export --format csv --dest tables/ -o out", "nodes.csv and edges.csv"),
                     ("aseandocs graph export --format parquet -o out --json", "what was written, as JSON")],
    "graph timeline": [("aseandocs graph timeline -o out", "every dated event"),
                       ("aseandocs graph timeline --body ADMM -o out", "one body's events")],
    "graph coverage": [("aseandocs graph coverage th_plan_annex_flat -o out", "share of measures with progress"),
                       ("aseandocs graph coverage th_plan_annex_flat -o out --json", "as JSON")],
}


def _epilog(path: str) -> str:
    rows = EXAMPLES[path]
    width = max(len(c) for c, _ in rows)
    lines = ["examples:"]
    for cmd, what in rows:
        lines.append(f"  {cmd}" + (f"{' ' * (width - len(cmd))}   {what}" if len(cmd) <= 70 else f"\n      {what}"))
    return "\n".join(lines)


def subcommands(parser: argparse.ArgumentParser, path: str = "") -> list[tuple[str, argparse.ArgumentParser]]:
    """(path, parser) of every subcommand under ``parser``, depth first."""
    out = []
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for name, sp in action.choices.items():
                p = f"{path} {name}".strip()
                out.append((p, sp))
                out.extend(subcommands(sp, p))
    return out


def attach(parser: argparse.ArgumentParser) -> None:
    """End every subcommand's help with its examples (a generic line for one not listed), and
    give each list of sub-actions a help line naming them."""
    for sp in [parser] + [q for _, q in subcommands(parser)]:
        for action in sp._actions:  # noqa: SLF001
            if isinstance(action, argparse._SubParsersAction) and action.help is None:  # noqa: SLF001
                action.help = "one of: " + ", ".join(action.choices)
    for path, sp in subcommands(parser):
        sp.formatter_class = argparse.RawDescriptionHelpFormatter
        sp.epilog = _epilog(path) if path in EXAMPLES else f"examples:\n  aseandocs {path} --help"


def positive_int(value: str) -> int:
    """A whole number of 1 or more (``--workers``, ``--limit``); anything else is a usage error."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n} is not a positive whole number (give 1 or more)")
    return n
