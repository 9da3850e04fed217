"""Faults that used to lose or mix data (issue 19). Each test says what happened before."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OWN_CORPUS, ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}


def _build(corpus: Path, out: Path, *args: str, umask: int | None = None, **kw) -> subprocess.CompletedProcess[str]:
    code = ("import os, sys; from aseandocs.cli import main; "
            + (f"os.umask({umask}); " if umask is not None else "")
            + "sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, "build", str(corpus), "-o", str(out), "--workers", "1",
                           "--no-progress", *args], capture_output=True, text=True, env=ENV, timeout=600, **kw)


def _small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("th_plan_annex_flat.txt", "th_news_ascco.txt"):
        (corpus / name).write_bytes((OWN_CORPUS / name).read_bytes())
    return corpus


# --- item 6: outputs get the umask's mode --------------------------------------------------------
# Before: every output was 0600 (mkstemp), so a web server or a shared folder could not read them.

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    out = tmp_path / "out"
    p = _build(_small_corpus(tmp_path), out, umask=umask)
    assert p.returncode == 0, p.stderr
    files = [out / n for n in ("index.html", "graph.json", "graph.graphml", "graph.gexf", "aseandocs.sqlite",
                               "errors.jsonl")] + sorted((out / "documents").glob("*.json"))
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == mode, (f.name, oct(f.stat().st_mode))


# --- item 3: cache entries are checked, never trusted blindly -------------------------------------
# Before: an entry replaced by another document's made a build succeed while deleting that
# document's output (one document counted twice); a well-formed but wrong entry failed a healthy
# file ("please report it") and deleted its output; {"error": "x"} crashed the build (exit 4).

def _entries(out: Path) -> dict[str, Path]:
    """source file name -> its cache entry."""
    import json
    found = {}
    for f in (out / "cache").glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        if isinstance(d, dict) and "parsed" in d:
            found[Path(d["parsed"]["document"]["source"]).name] = f
    return found


def _wrong_entries(a: Path, b: Path) -> list[tuple[str, bytes]]:
    """(what, bytes to write over b's entry) for each kind of wrong entry."""
    import json
    entry = json.loads(b.read_text(encoding="utf-8"))
    shapeless = dict(entry, parsed={**entry["parsed"], "measures": "not a list"})
    return [("another document's entry", a.read_bytes()),
            ("a well-formed entry of the wrong shape", json.dumps(shapeless).encode()),
            ("an error that is not a record", json.dumps({"key": entry["key"], "error": "x"}).encode()),
            ("no key", json.dumps({"error": {"path": "x", "error": "E", "reason": "r"}}).encode()),
            ("not JSON", b"{\"parsed\": ")]


@pytest.mark.parametrize("case", range(5))
def test_a_wrong_cache_entry_is_a_miss_and_the_document_is_parsed_again(tmp_path: Path, case: int) -> None:
    import json
    corpus = _small_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(corpus, out).returncode == 0
    before = {p.name: p.read_bytes() for p in (out / "documents").glob("*.json")}
    entries = _entries(out)
    what, data = _wrong_entries(entries["th_plan_annex_flat.txt"], entries["th_news_ascco.txt"])[case]
    entries["th_news_ascco.txt"].write_bytes(data)
    p = _build(corpus, out, "--json")
    assert p.returncode == 0, (what, p.stderr)
    summary = json.loads(p.stdout)
    assert summary["documents"] == 2 and summary["errors"] == 0, what
    assert summary["cached"] == 1, what                       # the other document still from cache
    after = {p.name: p.read_bytes() for p in (out / "documents").glob("*.json")}
    assert after == before, what
