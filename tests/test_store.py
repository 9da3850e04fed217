"""Tests of aseandocs.store: the SQLite store, read-only queries and the Parquet export."""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from samples import sample_docs

from aseandocs.errors import BuildError, QueryError
from aseandocs.store import TABLES, export_parquet, query, write_store


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    write_store(sample_docs(), tmp_path / "aseandocs.sqlite")
    return tmp_path


@pytest.mark.parametrize("table, rows", [("documents", 3), ("measures", 9), ("activities", 3),
                                         ("mentions", 3), ("events", 3), ("links", 4)])
def test_row_counts(out: Path, table: str, rows: int) -> None:
    assert query(out, f"SELECT count(*) FROM {table}")[1] == [(rows,)]


def test_foreign_keys_and_indexes(out: Path) -> None:
    db = sqlite3.connect(out / "aseandocs.sqlite")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {t: {r[2] for r in db.execute(f"PRAGMA foreign_key_list({t})")} for t in TABLES}
    assert fks == {"documents": set(), "measures": {"documents"}, "activities": {"measures"},
                   "mentions": {"documents"}, "events": {"documents"}, "links": {"events", "measures"},
                   "measure_terms": {"measures"}}
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"mentions_body", "links_measure", "events_date", "measures_plan_ref"} <= indexes


@pytest.mark.parametrize("sql, expected", [
    ("SELECT ref FROM measures WHERE plan = 'vap' ORDER BY ref", [("1.1",), ("1.1.1",), ("1.1.2",), ("1.2",), ("1.2.1",)]),
    ("SELECT m.ref FROM measures m, json_each(m.bodies) b WHERE b.value = 'SOMTC'", [("1.1.2",)]),
    ("SELECT e.date, l.ref, l.score FROM links l JOIN events e ON e.id = l.event_id "
     "WHERE l.measure_id = 'vap#1.1.1' ORDER BY e.date", [("2007-11-20", "1.1.1", 0.8), ("2019-03-05", "1.1.1", 0.3)]),
    ("SELECT measure_id, plan, ref FROM links WHERE plan = 'gone'", [(None, "gone", "9.9")]),   # dangling
    ("SELECT a.text FROM activities a WHERE a.measure_id = 'vap#1.2.1' ORDER BY n", [("hold a workshop",), ("share data",)]),
    ("SELECT id, chars FROM documents WHERE id = 'vap'", [("vap", 1)]),   # the text is in documents/vap.json
    ("SELECT id FROM measures WHERE document_id = 'pillars' AND scope = 's2' ORDER BY id",
     [("pillars#s2/1",), ("pillars#s2/1.1",)]),
])
def test_queries(out: Path, sql: str, expected: list[tuple]) -> None:
    assert query(out, sql)[1] == expected


def test_query_returns_columns_and_is_read_only(out: Path) -> None:
    cols, _ = query(out, "SELECT id, title FROM documents")
    assert cols == ["id", "title"]
    with pytest.raises(QueryError, match="refused: only reads"):
        query(out, "DELETE FROM documents")
    assert query(out / "aseandocs.sqlite", "SELECT count(*) FROM documents")[1] == [(3,)]


def test_query_without_a_build(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no store here.*aseandocs build"):
        query(tmp_path, "SELECT 1")


def test_write_is_atomic(out: Path) -> None:
    def failing():
        yield from sample_docs()[:1]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_store(failing(), out / "aseandocs.sqlite")
    assert query(out, "SELECT count(*) FROM documents")[1] == [(3,)]     # the old store is intact
    assert not list(out.glob("*.tmp"))


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    docs = sample_docs()
    write_store(docs + docs[:1], tmp_path / "aseandocs.sqlite")
    assert query(tmp_path, "SELECT count(*) FROM measures")[1] == [(9,)]


def test_parquet(out: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    written = export_parquet(out, tmp_path / "pq")
    assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in TABLES)
    assert pq.read_table(tmp_path / "pq" / "measures.parquet").num_rows == 9
    assert pq.read_table(tmp_path / "pq" / "links.parquet").column("measure_id").to_pylist()[-1] is None


def test_parquet_in_batches_holds_every_row_typed_as_the_store(out: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export_parquet(out, tmp_path / "pq", batch=2)     # measures: 9 rows, so five batches
    db = sqlite3.connect(out / "aseandocs.sqlite")
    for table in TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert [tuple(r.values()) for r in t.to_pylist()] == db.execute(f"SELECT * FROM {table}").fetchall(), table
    types = {f.name: str(f.type) for f in pq.read_schema(tmp_path / "pq" / "measures.parquet")}
    assert types["level"] == "int64" and types["title"] == "string" and types["page"] == "int64"
    db.close()


def test_parquet_without_pyarrow(out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(BuildError, match=r"pip install 'aseandocs\[frames\]'"):
        export_parquet(out, tmp_path / "pq")


# --- queries a user writes (issue 19, item 5) ------------------------------------------------------
# Before: a mistake surfaced as a raw sqlite3 error (exit 4, "internal error" in the CLI),
# ATTACH/VACUUM INTO created files anywhere, and a recursive CTE ran forever.

@pytest.mark.parametrize("sql, says", [
    ("SELEC 1", "syntax error"),
    ("SELECT * FROM no_such_table", "no such table: no_such_table"),
    ("DELETE FROM links", "refused"),
    ("UPDATE documents SET title = 'x'", "refused"),
    ("CREATE TEMP TABLE t(x)", "refused"),
    ("PRAGMA journal_mode = DELETE", "refused"),
    ("UPDATE sqlite_master SET sql = ''", "refused|read-?only|not authorized|may not be modified"),
])
def test_a_users_mistake_is_a_query_error_naming_the_tables(out: Path, sql: str, says: str) -> None:
    with pytest.raises(QueryError, match=says) as e:
        query(out, sql)
    assert "tables: documents, measures, activities, mentions, events, links" in str(e.value)


@pytest.mark.parametrize("sql", ["ATTACH DATABASE '{p}' AS other", "VACUUM INTO '{p}'"])
def test_no_query_creates_a_file_outside_the_store(out: Path, tmp_path: Path, sql: str) -> None:
    target = tmp_path / "elsewhere" / "copy.db"
    target.parent.mkdir()
    with pytest.raises(QueryError, match="refused"):
        query(out, sql.format(p=target))
    assert not target.exists()


def test_reading_the_schema_is_allowed(out: Path) -> None:
    cols = [r[1] for r in query(out, "PRAGMA table_info(links)")[1]]
    assert cols[:3] == ["id", "event_id", "measure_id"]
    assert query(out, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5) "
                      "SELECT sum(x) FROM c")[1] == [(15,)]


def test_a_runaway_query_stops_at_its_time_limit(out: Path) -> None:
    import time
    t0 = time.monotonic()
    with pytest.raises(QueryError, match="time limit of 0.5 s"):
        query(out, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
              timeout=0.5)
    assert time.monotonic() - t0 < 20   # generous: the limit, not the machine's speed, is tested


def test_a_damaged_store_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "aseandocs.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(BuildError, match="not a readable aseandocs store.*--force"):
        query(tmp_path, "SELECT 1")
