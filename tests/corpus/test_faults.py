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
