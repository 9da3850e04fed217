"""The command line: it parses arguments, calls the library, prints."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import OWN_CORPUS

from aseandocs import __version__
from aseandocs.cli import EXIT_FAILED, EXIT_OK, main

FLAT = str(OWN_CORPUS / "th_plan_annex_flat.txt")
NEWS = str(OWN_CORPUS / "th_news_ascco.txt")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help() -> None:
    p = subprocess.run([sys.executable, "-m", "aseandocs.cli", "--version"], capture_output=True, text=True)
    assert p.stdout.strip() == f"aseandocs {__version__}"
    p = subprocess.run([sys.executable, "-m", "aseandocs.cli", "--help"], capture_output=True, text=True)
    assert "examples:" in p.stdout and "aseandocs build" in p.stdout


def test_parse_json_is_the_contract(capsys) -> None:
    code, out, _ = run(capsys, "parse", NEWS, "--json")
    assert code == EXIT_OK
    d = json.loads(out)
    assert set(d) >= {"document", "measures", "mentions", "events"}
    assert d["document"]["id"] == "th_news_ascco" and d["document"]["kind"] == "news"
    assert all(e["measures"] == [] for e in d["events"])       # parse cannot see the plans


def test_parse_summary(capsys) -> None:
    code, out, _ = run(capsys, "parse", NEWS)
    assert code == EXIT_OK and "kind=news" in out and "bodies:" in out


def test_measures_outline(capsys) -> None:
    code, out, _ = run(capsys, "measures", FLAT)
    lines = out.splitlines()
    assert code == EXIT_OK
    assert any(l.startswith("1.1  ") for l in lines)
    assert any(l.startswith("  1.1.1  ") and "activities)" in l for l in lines)   # indented child
    assert lines[0].startswith("[")                                               # the scope heading


def test_measures_json(capsys) -> None:
    code, out, _ = run(capsys, "measures", FLAT, "--json")
    ms = json.loads(out)
    assert ms[0]["id"].startswith("th_plan_annex_flat#") and all("activities" in m for m in ms)


def test_events(capsys) -> None:
    code, out, _ = run(capsys, "events", NEWS)
    assert code == EXIT_OK and "meeting" in out and "2019-11-11" in out


@pytest.mark.parametrize("text,expected", [
    ("เมื่อวันที่ ๒๙ พฤศจิกายน ๒๕๔๗", "2004-11-29"),
    ("13-14 November 2017", "2017-11-13 .. 2017-11-14"),
])
def test_dates(capsys, text, expected) -> None:
    code, out, _ = run(capsys, "dates", text)
    assert code == EXIT_OK and expected in out


@pytest.mark.parametrize("name,body", [
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ", "SOMTC"),
    ("ASEAN Regional Forum", "ARF"),
    ("AICHR", "AICHR"),
])
def test_bodies_resolve(capsys, name, body) -> None:
    code, out, _ = run(capsys, "bodies", "resolve", name)
    assert code == EXIT_OK and out.split()[0] == body


def test_bodies_resolve_unknown(capsys) -> None:
    code, _, err = run(capsys, "bodies", "resolve", "Ministry of Silly Walks")
    assert code == EXIT_FAILED and "no body matches" in err


def test_bodies_list_show(capsys) -> None:
    code, out, _ = run(capsys, "bodies", "list", "--pillar", "APSC", "--type", "senior-officials")
    assert code == EXIT_OK and "SOMTC" in out and "AEM " not in out
    code, out, _ = run(capsys, "bodies", "show", "SOMTC")
    assert "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ" in out and "parent=AMMTC" in out
    code, _, err = run(capsys, "bodies", "show", "NOPE")
    assert code == EXIT_FAILED and "unknown body id" in err


def test_bodies_discover(capsys) -> None:
    code, out, _ = run(capsys, "bodies", "discover", str(OWN_CORPUS), "--json")
    assert code == EXIT_OK and isinstance(json.loads(out), list)


def test_missing_file_is_a_clear_error(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "parse", str(tmp_path / "nope.txt"))
    assert code == EXIT_FAILED and "nope.txt" in err


def test_binary_file_is_a_clear_error(capsys, tmp_path) -> None:
    p = tmp_path / "scan.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, _, err = run(capsys, "parse", str(p))
    assert code == EXIT_FAILED and "scan.txt" in err and "binary" in err


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("cli") / "out"
    assert main(["build", str(OWN_CORPUS), "-o", str(out), "--workers", "1", "--no-progress"]) == EXIT_OK
    return str(out)


def test_build_prints_summary_and_index(capsys, tmp_path) -> None:
    out = tmp_path / "o"
    code, text, _ = run(capsys, "build", str(OWN_CORPUS), "-o", str(out), "--workers", "1", "--no-progress")
    assert code == EXIT_OK and "index.html" in text and "measures" in text
    assert (out / "index.html").is_file() and (out / "documents" / "th_news_ascco.json").is_file()


def test_build_with_a_bad_document_exits_3(capsys, tmp_path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("1.1 ส่งเสริมความร่วมมือ - จัดการประชุม\n", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, text, _ = run(capsys, "build", str(corpus), "-o", str(tmp_path / "o"), "--workers", "1",
                        "--no-progress")
    assert code == 3 and "errors 1" in text
    err = json.loads((tmp_path / "o" / "errors.jsonl").read_text().splitlines()[0])
    assert err["path"].endswith("bad.txt") and "binary" in err["reason"]


@pytest.mark.parametrize("argv,expect", [
    (["graph", "show", "1.2.2", "--plan", "th_plan_annex_flat"], "progress:"),
    (["graph", "body", "SOMTC"], "measures ("),
    (["graph", "search", "ทะเลจีนใต้"], "1.2.3"),
    (["graph", "stats"], "coverage th_plan_annex_flat"),
    (["graph", "coverage", "th_plan_annex_flat"], "1.1"),
    (["graph", "timeline"], "meeting"),
])
def test_graph_commands(capsys, built, argv, expect) -> None:
    code, out, err = run(capsys, *argv, "-o", built)
    assert code == EXIT_OK, err
    assert expect in out


def test_graph_json(capsys, built) -> None:
    code, out, _ = run(capsys, "graph", "show", "1.2.2", "--plan", "th_plan_annex_flat", "--json", "-o", built)
    d = json.loads(out)
    assert d["ref"] == "1.2.2" and d["plan"] == "th_plan_annex_flat" and "progress" in d


@pytest.mark.parametrize("fmt,name", [("graphml", "x.graphml"), ("gexf", "x.gexf"), ("json", "x.json"),
                                      ("csv", "csvdir")])
def test_graph_export(capsys, built, tmp_path, fmt, name) -> None:
    dest = tmp_path / name
    code, out, _ = run(capsys, "graph", "export", "--format", fmt, "--dest", str(dest), "-o", built)
    assert code == EXIT_OK and dest.exists()


def test_graph_unknown_measure_is_a_clear_error(capsys, built) -> None:
    code, _, err = run(capsys, "graph", "show", "9.9.9", "-o", built)
    assert code == EXIT_FAILED and "no measure '9.9.9'" in err


def test_graph_without_build_is_a_clear_error(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "graph", "stats", "-o", str(tmp_path))
    assert code == EXIT_FAILED and "aseandocs build" in err


def test_sql(capsys, built) -> None:
    code, out, _ = run(capsys, "sql", built, "SELECT count(*) AS n FROM measures")
    assert code == EXIT_OK and out.splitlines()[0].strip() == "n"
    code, out, _ = run(capsys, "sql", built, "SELECT id FROM documents ORDER BY id", "--json")
    assert {"id": "th_news_ascco"} in json.loads(out)


def test_internal_error_has_its_own_exit_code(capsys, monkeypatch) -> None:
    import aseandocs.pipeline

    def boom(*a, **k):
        raise RuntimeError("simulated bug")
    monkeypatch.setattr(aseandocs.pipeline, "parse", boom)
    code, _, err = run(capsys, "parse", NEWS)
    assert code == 4 and "internal error" in err and "simulated bug" in err
