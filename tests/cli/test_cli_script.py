"""The promises of the command line, kept by the real console script (``.venv/bin/aseandocs``):
help with examples everywhere, usage errors, ids in any case, JSON where asked, ``-o OUT`` for
every command that reads a build, ``evaluate`` and ``report``."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aseandocs.cli import build_parser
from aseandocs.cli.examples import EXAMPLES, subcommands
from conftest import OWN_CORPUS, OWN_GOLD

SCRIPT = Path(sys.executable).with_name("aseandocs")
if not SCRIPT.exists():  # pragma: no cover - an install without the console script
    SCRIPT = Path(shutil.which("aseandocs") or "aseandocs")


def cli(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *argv], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("cli") / "out"
    r = cli("build", str(OWN_CORPUS), "-o", str(dest), "--workers", "1", "--no-progress")
    assert r.returncode == 0, r.stderr
    return dest


PATHS = [p for p, _ in subcommands(build_parser())]


def test_every_subcommand_is_listed_with_examples():
    assert set(PATHS) <= set(EXAMPLES), sorted(set(PATHS) - set(EXAMPLES))
    assert {"evaluate", "report", "graph export", "bodies discover", "sql"} <= set(PATHS)


@pytest.mark.parametrize("path", PATHS)
def test_help_ends_with_examples_and_every_positional_says_what_it_is(path):
    r = cli(*path.split(), "--help")
    assert r.returncode == 0, r.stderr
    tail = r.stdout.rstrip().rsplit("examples:", 1)
    assert len(tail) == 2, r.stdout
    assert tail[1].strip().startswith("aseandocs ")
    assert "options:" not in tail[1] and "positional arguments:" not in tail[1]
    parser = dict(subcommands(build_parser()))[path]
    for action in parser._actions:
        if not action.option_strings and action.help is None:
            pytest.fail(f"aseandocs {path}: positional {action.dest} has no help text")


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_workers_must_be_positive(value, tmp_path):
    r = cli("build", str(OWN_CORPUS), "-o", str(tmp_path / "o"), "--workers", value)
    assert r.returncode == 2 and "--workers" in r.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("body_id", ["aichr", "AICHR", "Aichr"])
def test_bodies_show_any_case(body_id):
    r = cli("bodies", "show", body_id)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("AICHR ")


def test_bodies_show_unknown_is_a_failure():
    r = cli("bodies", "show", "no-such-body")
    assert r.returncode == 1 and "unknown body id" in r.stderr


def test_discover_limit_applies_to_yaml_and_json():
    r = cli("bodies", "discover", str(OWN_CORPUS), "--json", "--limit", "2")
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)) == 2
    r = cli("bodies", "discover", str(OWN_CORPUS), "--yaml", "--limit", "1")
    assert r.returncode == 0 and r.stdout.count("- id: ") + r.stdout.count("\nid: ") <= 1
    assert r.stdout.count("note:") == 1
    full = cli("bodies", "discover", str(OWN_CORPUS), "--json")
    assert len(json.loads(full.stdout)) > 2
    assert cli("bodies", "discover", str(OWN_CORPUS), "--limit", "0").returncode == 2


def test_graph_export_json_prints_json(out, tmp_path):
    for fmt, dest in (("graphml", tmp_path / "g.graphml"), ("csv", tmp_path / "csv")):
        r = cli("graph", "export", "--format", fmt, "--dest", str(dest), "-o", str(out), "--json")
        assert r.returncode == 0, r.stderr
        data = json.loads(r.stdout)
        assert data["format"] == fmt and all(Path(p).exists() for p in data["written"])
    r = cli("graph", "export", "--format", "gexf", "-o", str(out))
    assert r.stdout.strip() == str(out / "graph.gexf")           # without --json: the path, as before


@pytest.mark.parametrize("argv", [
    ["graph", "stats"], ["graph", "timeline"], ["graph", "coverage", "th_plan_annex_flat"],
    ["graph", "body", "somtc"], ["graph", "search", "SOMTC"], ["graph", "show", "1.2.2", "--plan", "th_plan_annex_flat"],
    ["sql", "SELECT count(*) AS n FROM documents"],
])
def test_every_command_that_reads_a_build_takes_dash_o(out, argv):
    for flag in ("-o", "--out"):
        r = cli(*argv, flag, str(out), "--json")
        assert r.returncode == 0, (argv, r.stderr)
        json.loads(r.stdout)


def test_sql_keeps_its_positional_out(out):
    r = cli("sql", str(out), "SELECT count(*) AS n FROM documents", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == [{"n": 7}]
    r = cli("sql", str(out), "SELECT 1", "-o", "/elsewhere")
    assert r.returncode == 1 and "two build folders" in r.stderr


def test_unreachable_scheduler_fails_fast_naming_the_address(tmp_path):
    pytest.importorskip("distributed")
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()                                   # a port nobody listens on
    address = f"tcp://127.0.0.1:{port}"
    t = time.monotonic()
    r = cli("build", str(OWN_CORPUS), "-o", str(tmp_path / "o"), "--engine", "dask", "--scheduler", address,
            "--no-progress", timeout=60)
    assert time.monotonic() - t < 10.0
    assert r.returncode == 1 and address in r.stderr, r.stderr


# --- evaluate --------------------------------------------------------------------------------------

def test_evaluate_prints_metrics_and_the_document_table(out):
    r = cli("evaluate", str(OWN_GOLD), str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("docs                   7\n")
    assert "th_plan_annex_flat: " in r.stdout and "links_per_event" in r.stdout
    only = cli("evaluate", str(OWN_GOLD), "-o", str(out), "--metrics-only")
    assert only.returncode == 0 and "th_plan_annex_flat:" not in only.stdout
    assert cli("evaluate", str(OWN_GOLD)).returncode == 1                  # no build named
    assert cli("evaluate", str(OWN_GOLD), "/no/such/out").returncode == 1


def test_evaluate_equals_the_shared_scorer(out, score_script):
    r = cli("evaluate", str(OWN_GOLD), str(out), "--json")
    ours = json.loads(r.stdout)["metrics"]
    ref = subprocess.run([sys.executable, str(score_script), "--gold", str(OWN_GOLD), "--pred", str(out / "documents"),
                          "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(ref.stdout.strip().splitlines()[-1])
    assert {k: ours[k] for k in theirs} == theirs


@pytest.mark.shared
def test_evaluate_on_the_shared_gold_equals_the_shared_scorer(shared_corpus, shared_gold, score_script, tmp_path):
    dest = tmp_path / "out"
    assert cli("build", str(shared_corpus), "-o", str(dest), "--workers", "2", "--no-progress").returncode == 0
    ours = cli("evaluate", str(shared_gold), str(dest), "--metrics-only")
    ref = subprocess.run([sys.executable, str(score_script), "--gold", str(shared_gold), "--pred", str(dest / "documents")],
                         capture_output=True, text=True, check=True)
    # The printed tables are the same, line for line (bodies_missed aside: an "A|B" body is
    # named by one alternative, which the shared scorer picks by set order).
    def lines(text: str) -> list[str]:
        return [ln for ln in text.splitlines() if not ln.startswith("bodies_missed")]
    assert lines(ours.stdout) == lines(ref.stdout)
    # the scorecard: 1.2.1 has the Charter's entry into force (December 2008) as its evidence
    r = cli("report", str(dest), "--plan", "000_c84986400c98ca88", "--json")
    row = next(m for m in json.loads(r.stdout)["measures"] if m["ref"] == "1.2.1")
    assert row["status"] == "in_force" and row["evidence_type"] == "entry_into_force"
    assert row["evidence_date"].startswith("2008-12") and "กฎบัตรอาเซียน" in row["evidence"]


# --- report ----------------------------------------------------------------------------------------

def test_report_to_stdout_file_and_folder(out, tmp_path):
    r = cli("report", str(out), "--plan", "th_plan_annex_flat")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Scorecard: th_plan_annex_flat") and "| 1.2.2 |" in r.stdout
    r = cli("report", str(out), "--plan", "th_plan_annex_flat", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 19 and {row["status"] for row in rows} <= {"none", "activity", "adopted", "signed", "in_force"}
    page = tmp_path / "card.html"
    r = cli("report", str(out), "--plan", "th_plan_annex_flat", "--format", "html", "-o", str(page))
    assert r.returncode == 0 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    folder = tmp_path / "reports"
    r = cli("report", str(out), "--plan", "th_plan_annex_flat", "--format", "csv,md,html", "-o", str(folder))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "scorecard-th_plan_annex_flat.csv", "scorecard-th_plan_annex_flat.html", "scorecard-th_plan_annex_flat.md"]
    assert r.stdout.split() == [str(folder / f"scorecard-th_plan_annex_flat.{x}") for x in ("csv", "md", "html")]


def test_report_json_and_errors(out):
    r = cli("report", str(out), "--plan", "th_plan_lines", "--json")
    data = json.loads(r.stdout)
    assert data["plan"] == "th_plan_lines" and sum(data["counts"].values()) == len(data["measures"])
    bad = cli("report", str(out), "--plan", "th_plan_lines", "--format", "pdf")
    assert bad.returncode == 2 and "csv, md, html" in bad.stderr
    several = cli("report", str(out))                                       # three plans in this build
    assert several.returncode == 1 and "th_plan_annex_flat" in several.stderr
    assert cli("report", str(out), "--plan", "nope").returncode == 1
    assert cli("report", str(out), "--plan", "th_plan_lines", "--format", "csv,md").returncode == 1
