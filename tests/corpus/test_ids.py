"""Document ids from paths (issue 18, item 0): a document's id is its path relative to the corpus
without the extension, '/'-separated; a file at the top of the corpus keeps its stem.

The nested corpora are written here in tmp_path: a folder tree like a news archive's
(``YYYY/MM/DD/<category>_<n>.txt``) where the same file name appears on many days.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_corpus import NEWS, PLAN, fake_link, fake_parse, run

import aseandocs
from aseandocs.corpus.walk import document_id


@pytest.mark.parametrize("path, corpus, expected", [
    ("c/plan.txt", "c", "plan"),                                    # top level: the stem
    ("c/ASEAN Charter.html", "c", "ASEAN Charter"),                 # spaces kept
    ("c/2020/09/19/ด้านสังคม_1.txt", "c", "2020/09/19/ด้านสังคม_1"),   # Thai names, nested
    ("c/a/b.c.pdf", "c", "a/b.c"),                                  # only the last suffix goes
    ("c/x/ข่าว.HTML", "c", "x/ข่าว"),
    ("one.txt", "one.txt", "one"),                                  # a corpus that is one file
    ("/abs/c/sub/n.txt", "/abs/c", "sub/n"),
])
def test_document_id(path: str, corpus: str, expected: str) -> None:
    assert document_id(Path(path), Path(corpus)) == expected


def nested(root: Path) -> Path:
    """A corpus whose news files share names across days, with the plan at the top."""
    c = root / "news"
    for day in ("2020/09/19", "2020/09/20"):
        (c / day).mkdir(parents=True)
        for i in (1, 2):
            (c / day / f"ด้านสังคม_{i}.txt").write_text(NEWS.replace("ข่าว", f"ข่าว {day} {i}"),
                                                       encoding="utf-8")
    (c / "plan.txt").write_text(PLAN, encoding="utf-8")
    return c


def doc_files(out: Path) -> list[str]:
    return sorted(p.relative_to(out / "documents").as_posix() for p in (out / "documents").rglob("*.json"))


def test_a_folder_tree_builds_whole_and_documents_mirror_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    s = run(nested(tmp_path), out)
    assert s.errors == 0 and s.documents == 5                       # no "duplicate document id"
    assert doc_files(out) == ["2020/09/19/ด้านสังคม_1.json", "2020/09/19/ด้านสังคม_2.json",
                              "2020/09/20/ด้านสังคม_1.json", "2020/09/20/ด้านสังคม_2.json", "plan.json"]
    d = json.loads((out / "documents" / "2020/09/20/ด้านสังคม_2.json").read_text(encoding="utf-8"))
    assert d["document"]["id"] == "2020/09/20/ด้านสังคม_2"
    assert d["events"][0]["measures"][0]["measure"] == "plan#1.2"
    db = sqlite3.connect(out / "aseandocs.sqlite")
    assert "2020/09/19/ด้านสังคม_1" in {r[0] for r in db.execute("SELECT id FROM documents")}
    nodes = {n["id"] for n in json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]}
    assert "doc:2020/09/19/ด้านสังคม_1" in nodes and "event:2020/09/19/ด้านสังคม_1#1" in nodes
    assert "2020/09/19/ด้านสังคม_1" in (out / "index.html").read_text(encoding="utf-8")


def test_a_nested_plan_names_its_measures_by_its_path(tmp_path: Path) -> None:
    c = tmp_path / "c"
    (c / "plans").mkdir(parents=True)
    (c / "plans" / "vap.txt").write_text(PLAN, encoding="utf-8")
    (c / "n.txt").write_text(NEWS, encoding="utf-8")
    out = tmp_path / "out"
    run(c, out)
    plan = json.loads((out / "documents" / "plans" / "vap.json").read_text(encoding="utf-8"))
    assert {m["id"] for m in plan["measures"]} == {"plans/vap#1.1", "plans/vap#1.1.1", "plans/vap#1.2"}
    news = json.loads((out / "documents" / "n.json").read_text(encoding="utf-8"))
    assert news["events"][0]["measures"][0]["plan"] == "plans/vap"
    db = sqlite3.connect(out / "aseandocs.sqlite")
    assert {r[0] for r in db.execute("SELECT DISTINCT plan FROM measures")} == {"plans/vap"}


def test_files_that_differ_only_by_extension_collide(tmp_path: Path) -> None:
    c = nested(tmp_path)
    (c / "2020/09/19/ด้านสังคม_1.html").write_text(NEWS, encoding="utf-8")
    s = run(c, tmp_path / "out")
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert s.documents == 5 and [Path(e["path"]).name for e in errors] == ["ด้านสังคม_1.txt"]
    assert "duplicate document id '2020/09/19/ด้านสังคม_1'" in errors[0]["reason"]
    assert "ด้านสังคม_1.html" in errors[0]["reason"] and errors[0]["hint"]


def test_a_moved_file_leaves_no_stale_document_or_folder(tmp_path: Path) -> None:
    c, out = nested(tmp_path), tmp_path / "out"
    run(c, out)
    (c / "2020/10/01").mkdir(parents=True)
    for i in (1, 2):
        (c / "2020/09/20" / f"ด้านสังคม_{i}.txt").rename(c / "2020/10/01" / f"ด้านสังคม_{i}.txt")
    (c / "2020/09/20").rmdir()
    s = run(c, out)
    assert s.documents == 5 and s.errors == 0
    assert doc_files(out) == ["2020/09/19/ด้านสังคม_1.json", "2020/09/19/ด้านสังคม_2.json",
                              "2020/10/01/ด้านสังคม_1.json", "2020/10/01/ด้านสังคม_2.json", "plan.json"]
    assert not (out / "documents" / "2020" / "09" / "20").exists()   # the empty folder is gone


def test_the_same_file_under_another_root_gets_another_id(tmp_path: Path) -> None:
    c = nested(tmp_path)
    out = tmp_path / "out"
    run(c, out)
    s = run(c / "2020", out)              # the same files, from a root one folder down: new ids
    assert s.cached == 0 and s.documents == 4
    assert doc_files(out) == ["09/19/ด้านสังคม_1.json", "09/19/ด้านสังคม_2.json",
                              "09/20/ด้านสังคม_1.json", "09/20/ด้านสังคม_2.json"]
    d = json.loads((out / "documents" / "09/19/ด้านสังคม_1.json").read_text(encoding="utf-8"))
    assert d["document"]["id"] == "09/19/ด้านสังคม_1"


@pytest.mark.parametrize("workers", [1, 2])
def test_the_real_pipeline_gets_the_path_id(tmp_path: Path, workers: int) -> None:
    c = tmp_path / "c"
    (c / "th" / "plans").mkdir(parents=True)
    (c / "th" / "plans" / "แผน.txt").write_text(
        "แผนงานความร่วมมือ\n๑.๑ ส่งเสริมความร่วมมือด้านการศึกษา - จัดการประชุม\n"
        "๑.๒ เสริมสร้างความมั่นคงทางทะเล - จัดการฝึกอบรม\n", encoding="utf-8")
    (c / "top.txt").write_text("ASEAN ministers met in Jakarta on 5 March 2019.\n", encoding="utf-8")
    out = tmp_path / "out"
    s = aseandocs.build(c, out, workers=workers, progress=False)
    assert s.errors == 0 and s.documents == 2
    plan = json.loads((out / "documents" / "th" / "plans" / "แผน.json").read_text(encoding="utf-8"))
    assert plan["document"]["id"] == "th/plans/แผน"
    assert [m["id"] for m in plan["measures"]][:2] == ["th/plans/แผน#1.1", "th/plans/แผน#1.2"]
    assert json.loads((out / "documents" / "top.json").read_text(encoding="utf-8"))["document"]["id"] == "top"


def test_parse_of_one_file_keeps_its_stem(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    f = tmp_path / "a" / "b" / "ข่าว 2562.txt"
    f.write_text("ASEAN ministers met on 5 March 2019.", encoding="utf-8")
    assert aseandocs.parse(f).document.id == "ข่าว 2562"
    assert fake_parse(str(f)).document.id == "ข่าว 2562"
    s = run(f, tmp_path / "out", link_fn=fake_link)          # a corpus of one file: its stem
    assert s.documents == 1 and doc_files(tmp_path / "out") == ["ข่าว 2562.json"]
