"""``--formats`` (issue 18, item 5): which corpus-level outputs a build writes; documents/ always,
and a format left out has its file from an earlier build removed, never left stale."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_corpus import make_corpus, run

from aseandocs.corpus.formats import files_of, remove_skipped
from aseandocs.corpus.settings import DEFAULT_FORMATS, FORMATS, BuildSettings, parse_formats

ALL_FILES = {"graph.json", "graph.graphml", "graph.gexf", "aseandocs.sqlite", "index.html"}


def written(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if p.name in ALL_FILES or p.name == "parquet"}


@pytest.mark.parametrize("value, expected", [
    (None, DEFAULT_FORMATS),
    ("sqlite", ("sqlite",)),
    ("html, graph-json", ("graph-json", "html")),                 # FORMATS order, spaces ignored
    (["gexf", "graphml", "gexf"], ("graphml", "gexf")),           # repeats once
    ("sqlite,parquet", ("sqlite", "parquet")),
    ("", ()),                                                     # documents/ only
])
def test_parse_formats(value, expected) -> None:
    assert parse_formats(value) == expected
    assert BuildSettings.resolve(formats=value).formats == expected


@pytest.mark.parametrize("value, message", [("graph-jsn", "unknown format 'graph-jsn'"),
                                            ("parquet", "add sqlite"), (["json"], "valid formats: graph-json")])
def test_bad_formats(value, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BuildSettings.resolve(formats=value)


@pytest.mark.parametrize("formats, files", [
    ("graph-json", {"graph.json"}),
    ("graphml", {"graph.graphml"}),
    ("gexf", {"graph.gexf"}),
    ("sqlite", {"aseandocs.sqlite"}),
    ("html", {"index.html"}),
    ("graphml,gexf,html", {"graph.graphml", "graph.gexf", "index.html"}),
    ("", set()),
])
@pytest.mark.parametrize("workers", [1, 2])
def test_only_the_formats_asked_for_are_written_and_the_rest_removed(tmp_path: Path, formats: str,
                                                                     files: set[str], workers: int) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    run(c, out, workers=workers)                                   # every default format first
    assert written(out) == ALL_FILES
    s = run(c, out, workers=workers, formats=formats)
    assert written(out) == files                                   # the others are gone
    assert sorted(p.name for p in (out / "documents").rglob("*.json")) == ["news0.json", "news1.json", "plan.json"]
    assert s.documents == 3 and s.bodies == 2                      # the summary is whole
    assert (s.index is not None) == ("html" in formats)
    assert not list(out.rglob("*.tmp"))
    s = run(c, out, workers=workers)                               # and back: all written again
    assert written(out) == ALL_FILES and s.index == out / "index.html"


def test_parquet_tables_are_written_beside_the_store(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    c, out = make_corpus(tmp_path), tmp_path / "out"
    run(c, out, formats="sqlite,parquet")
    assert written(out) == {"aseandocs.sqlite", "parquet"}
    assert pq.read_table(out / "parquet" / "documents.parquet").num_rows == 3
    assert sorted(p.name for p in (out / "parquet").iterdir()) == sorted(Path(f).name for f in files_of(("parquet",)))
    run(c, out, formats="sqlite")
    assert not (out / "parquet").exists()


def test_a_folder_the_user_keeps_in_parquet_is_not_deleted(tmp_path: Path) -> None:
    (tmp_path / "parquet").mkdir()
    (tmp_path / "parquet" / "documents.parquet").write_bytes(b"old")
    (tmp_path / "parquet" / "notes.txt").write_text("mine", encoding="utf-8")
    assert remove_skipped(tmp_path, ("sqlite",)) == ["parquet"]
    assert [p.name for p in (tmp_path / "parquet").iterdir()] == ["notes.txt"]


def test_an_unchanged_build_with_other_formats_rewrites(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    run(c, out, formats="sqlite")
    s = run(c, out, formats="sqlite,html")        # nothing changed but the formats
    assert "outputs kept" not in s.timings and (out / "index.html").is_file()
    s = run(c, out, formats="sqlite,html")
    assert "outputs kept" in s.timings


def test_documents_are_compact_json(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    run(c, out, formats="")
    raw = (out / "documents" / "plan.json").read_text(encoding="utf-8")
    assert "\n" not in raw and ": " not in raw and json.loads(raw)["document"]["id"] == "plan"


def test_the_cli_takes_formats(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    cli = [sys.executable, "-m", "aseandocs.cli", "build", str(c), "-o", str(out), "--no-progress", "--workers", "1"]
    bad = subprocess.run([*cli, "--formats", "sqlite,xml"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "unknown format 'xml'" in bad.stderr
    ok = subprocess.run([*cli, "--formats", "sqlite"], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert written(out) == {"aseandocs.sqlite"} and "explorer: not written" in ok.stdout
    assert set(FORMATS) >= {"graph-json", "graphml", "gexf", "sqlite", "html", "parquet"}
