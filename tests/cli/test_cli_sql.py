"""``aseandocs sql`` through the real console script (issue 19, item 5). Before: a syntax error, an
unknown table or a write exited 4 ("internal error ... please report it"); ATTACH and VACUUM INTO
created files; a runaway query never stopped."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from samples import sample_docs

from aseandocs.store import write_store

SCRIPT = shutil.which("aseandocs", path=str(Path(sys.executable).parent)) or "aseandocs"


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    write_store(sample_docs(), tmp_path / "aseandocs.sqlite")
    return tmp_path


def sql(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, "sql", str(out), *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("query, says", [
    ("SELEC 1", "syntax error"),
    ("SELECT * FROM nope", "no such table: nope"),
    ("DELETE FROM links", "refused"),
])
def test_mistakes_exit_1_with_sqlites_message_and_the_tables(out: Path, query: str, says: str) -> None:
    p = sql(out, query)
    assert p.returncode == 1, p.stderr
    assert says in p.stderr and "tables: documents, measures" in p.stderr
    assert "internal error" not in p.stderr


def test_attach_creates_nothing(out: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    p = sql(out, f"ATTACH DATABASE '{target}' AS x")
    assert p.returncode == 1 and not target.exists()


def test_timeout_stops_a_runaway_query(out: Path) -> None:
    p = sql(out, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
            "--timeout", "1")
    assert p.returncode == 1 and "time limit of 1 s" in p.stderr


def test_a_good_query_still_prints_its_table(out: Path) -> None:
    p = sql(out, "SELECT count(*) AS n FROM documents")
    assert p.returncode == 0 and p.stdout.split()[:3] == ["n", "-", "3"]
