"""Incremental builds (issue 18, item 4): the statistics links are scored with (``corpus.relink``)
and an incremental build's outputs against a fresh ``--force`` build given the same statistics,
byte for byte, on the project's own corpus/ with the real pipeline: documents added, one changed,
one deleted, a plan changed."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import OWN_CORPUS, ROOT

from aseandocs.corpus import build
from aseandocs.corpus.relink import BASIS, STATE, TOLERANCE, merge_idf

sys.path.insert(0, str(ROOT / "benchmarks"))
from compare_builds import compare  # noqa: E402

# --- the tolerance, term by term ----------------------------------------------------------------

MERGES = [
    # live IDF, the basis, IDF scored with, terms that took their live value
    ({"asean": 1.02}, {"asean": 1.0}, {"asean": 1.0}, set()),                 # 2 %: kept
    ({"asean": 1.06}, {"asean": 1.0}, {"asean": 1.06}, {"asean"}),            # 6 %: moved
    ({"ทางทะเล": 4.0}, {"ทางทะเล": 4.19}, {"ทางทะเล": 4.19}, set()),           # just inside 5 %
    ({"ทางทะเล": 4.0}, {"ทางทะเล": 3.79}, {"ทางทะเล": 4.0}, {"ทางทะเล"}),      # just outside, below
    ({"ทางทะเล": 6.0, "somtc": 3.0}, {"somtc": 3.0}, {"ทางทะเล": 6.0, "somtc": 3.0}, {"ทางทะเล"}),  # new term
    ({"somtc": 3.0}, None, {"somtc": 3.0}, {"somtc"}),                        # no basis: exact
    ({"somtc": 3.0}, {"somtc": "3.0"}, {"somtc": 3.0}, {"somtc"}),            # a hand-edited basis
    ({}, {"gone": 2.0}, {}, set()),                                           # a term no plan has now
]


@pytest.mark.parametrize("live,frozen,used,moved", MERGES)
def test_merge_idf(live, frozen, used, moved):
    got, got_moved = merge_idf(live, frozen)
    assert got == pytest.approx(used) and got_moved == moved


# --- builds ---------------------------------------------------------------------------------------

NEWS_TH = """ข่าวกระทรวงการต่างประเทศ

ไทยร่วมประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ

กรุงเทพฯ 12 มีนาคม 2557 – ผู้แทนไทยเข้าร่วมการประชุมเจ้าหน้าที่อาวุโสอาเซียนว่าด้วยอาชญากรรมข้ามชาติ (SOMTC)
ครั้งที่ 14 เมื่อวันที่ 10 มีนาคม 2557 ที่ประชุมได้หารือเรื่องการป้องกันและปราบปรามการค้ามนุษย์ในภูมิภาค
และเห็นชอบให้จัดการฝึกอบรมเจ้าหน้าที่ตำรวจร่วมกันในปีหน้า
"""

NEWS_EN = """ASEAN Secretariat News

Jakarta, 4 June 2013 – Senior officials of the ASEAN Member States met on 3 June 2013 at the
ASEAN Senior Officials Meeting on Transnational Crime (SOMTC) and agreed on a work plan against
trafficking in persons, with joint training for police officers of the region in 2014.
"""

NO_EVENTS = """A note on reading this collection

The documents of this folder are samples written for the project's tests.
"""


def _corpus(tmp_path: Path) -> Path:
    src = tmp_path / "corpus"
    src.mkdir()
    for p in OWN_CORPUS.iterdir():
        if p.is_file() and p.suffix in (".txt", ".html"):
            shutil.copyfile(p, src / p.name)
    return src


def _same_as_fresh(src: Path, out: Path, tmp_path: Path, name: str) -> None:
    """A fresh --force build into a new OUT given OUT's statistics writes the same bytes."""
    fresh = tmp_path / name
    fresh.mkdir()
    if (out / BASIS).exists():
        shutil.copyfile(out / BASIS, fresh / BASIS)
    build(src, fresh, workers=1, force=True, progress=False)
    assert compare(fresh, out) == []


def _stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / "documents").glob("*.json")}


def test_incremental_builds_equal_fresh_builds(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    first = build(src, out, workers=1, progress=False)
    assert first.links > 0 and (out / BASIS).exists() and (out / "cache" / f"{STATE}.json").exists()
    assert BASIS in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]

    (src / "th_news_somtc_added.txt").write_text(NEWS_TH, encoding="utf-8")   # documents added
    (src / "en_news_somtc_added.txt").write_text(NEWS_EN, encoding="utf-8")
    s = build(src, out, workers=1, progress=False)
    assert s.cached == first.documents and s.documents == first.documents + 2
    _same_as_fresh(src, out, tmp_path, "fresh-added")

    changed = src / "th_news_ascco.txt"                                      # one changed
    changed.write_text(changed.read_text(encoding="utf-8") + "\n" + NEWS_TH.split("\n", 4)[-1], encoding="utf-8")
    build(src, out, workers=1, progress=False)
    _same_as_fresh(src, out, tmp_path, "fresh-changed")

    (src / "en_report_progress.txt").unlink()                                # one deleted
    build(src, out, workers=1, progress=False)
    assert not (out / "documents" / "en_report_progress.json").exists()
    _same_as_fresh(src, out, tmp_path, "fresh-deleted")

    plan = src / "th_plan_lines.txt"                                         # a plan changed
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "๒.๑ ป้องกันและปราบปรามการค้ามนุษย์", "๒.๑ ป้องกันและปราบปรามการค้ามนุษย์และการลักลอบขนยาเสพติด"),
        encoding="utf-8")
    before = _stamps(out)
    build(src, out, workers=1, progress=False)
    _same_as_fresh(src, out, tmp_path, "fresh-plan")
    # another index: every document linked again (the files whose bytes changed are rewritten)
    assert _stamps(out)["th_plan_lines.json"] != before["th_plan_lines.json"]


def test_a_document_without_events_rewrites_only_itself(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    build(src, out, workers=1, progress=False)
    before = _stamps(out)
    (src / "en_note.txt").write_text(NO_EVENTS, encoding="utf-8")
    s = build(src, out, workers=1, progress=False)
    after = _stamps(out)
    assert {k for k, t in after.items() if before.get(k) != t} == {"en_note.json"}
    assert s.links == sum(len(l) for p in (out / "documents").glob("*.json")
                          for e in json.loads(p.read_text(encoding="utf-8"))["events"] for l in [e["measures"]])
    _same_as_fresh(src, out, tmp_path, "fresh")


def test_force_keeps_the_statistics_and_a_first_build_is_exact(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    build(src, out, workers=1, progress=False)
    exact = json.loads((out / BASIS).read_text(encoding="utf-8"))["idf"]
    (src / "th_news_somtc_added.txt").write_text(NEWS_TH, encoding="utf-8")
    build(src, out, workers=1, progress=False)
    kept = (out / BASIS).read_bytes()
    build(src, out, workers=1, force=True, progress=False)
    assert (out / BASIS).read_bytes() == kept            # --force re-parses, the basis stays
    other = tmp_path / "other"                           # a first build: the corpus's own statistics
    build(src, other, workers=1, progress=False)
    live = json.loads((other / BASIS).read_text(encoding="utf-8"))["idf"]
    used = json.loads(kept)["idf"]
    assert set(used) == set(live) and set(exact) == set(live)
    assert all(abs(used[t] - live[t]) <= TOLERANCE * live[t] for t in live)


def test_a_touched_document_is_written_again(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    build(src, out, workers=1, progress=False)
    doc = out / "documents" / "th_news_ascco.json"
    good = doc.read_bytes()
    doc.write_bytes(good.replace(b'"events"', b'"events" ', 1))   # edited in place
    (src / "en_note.txt").write_text(NO_EVENTS, encoding="utf-8")   # something changed: not the fast path
    build(src, out, workers=1, progress=False)
    assert doc.read_bytes() == good


def test_no_plans_no_statistics(tmp_path):
    src, out = _corpus(tmp_path), tmp_path / "out"
    build(src, out, workers=1, progress=False)
    for p in src.glob("*_plan_*"):
        p.unlink()
    build(src, out, workers=1, progress=False)
    assert not (out / BASIS).exists() and not (out / "cache" / f"{STATE}.json").exists()
    _same_as_fresh(src, out, tmp_path, "fresh")
