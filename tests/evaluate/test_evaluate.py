"""aseandocs.evaluate: a build scored against gold files (the format of ../shared/gold/README.md).

Unit tests write a small gold and prediction of their own; the shared tests build ../shared/corpus
(and the thaigov set) and require every metric to equal what ../shared/eval/score.py prints.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import aseandocs
from aseandocs.errors import AseandocsError
from aseandocs.evaluate import METRICS, evaluate
from aseandocs.evaluate._norm import date_prefix, fold_id, fold_ref, fold_text, plan_key

from conftest import SHARED


def _write(folder: Path, doc_id: str, obj: dict) -> None:
    p = folder / f"{doc_id}.json"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def _setup(tmp_path: Path, golds: dict[str, dict], preds: dict[str, dict]) -> tuple[Path, Path]:
    gold, out = tmp_path / "gold", tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    gold.mkdir()
    for k, v in golds.items():
        _write(gold, k, v)
    for k, v in preds.items():
        _write(out / "documents", k, v)
    return gold, out


@pytest.mark.parametrize("raw, want", [
    ("  ส่งเสริม   ความร่วมมือ. ", "ส่งเสริม ความร่วมมือ"),
    ("ข้อ ๑.๒", "ข้อ 1.2"),
    ("ทํา", "ทำ"),                       # nikhahit + sara aa is sara am
    ("AS\u200bEAN", "ASEAN"),
    ("— Promote cooperation:", "Promote cooperation"),
    (None, ""),
])
def test_fold_text(raw, want):
    assert fold_text(raw) == want


@pytest.mark.parametrize("raw, want", [
    ("(4)", "4"), ("4.", "4"), ("1.2.5.", "1.2.5"), ("๑.๒", "1.2"), ("1(a)", "a"), ("1.a", "a"),
    ("a", "a"), ("(iv)", "iv"), ("2 (iv)", "iv"), ("A.1", "A.1"), ("A", "A"), ("1.2.a", "a"),
])
def test_fold_ref(raw, want):
    assert fold_ref(raw) == want


def test_ids_dates_and_plan_keys():
    assert fold_id("AHA Centre") == fold_id("AHA-CENTRE") == "AHACENTRE"
    assert fold_id(None) == ""
    assert date_prefix("2012-11-18") == "2012-11-18"
    assert date_prefix("2012-11") == "2012-11"
    assert date_prefix("around 2012") is None
    assert plan_key("plans/vap.txt") == "vap"
    assert plan_key("2019/plans/vap", {"2019/plans/vap"}) == "2019/plans/vap"


PLAN_GOLD = {
    "doc": "wp.txt", "kind": "plan", "date": "2013-03-27", "title_match": "prefix",
    "measures": [
        {"ref": "1", "role": "section", "title": "Political cooperation"},
        {"ref": "1.1", "role": "measure", "title": "Hold a yearly workshop on maritime security",
         "activities": ["Invite coast guard officers", "Publish a summary"]},
        {"ref": "1.2", "role": "measure", "title": "Draft a handbook on extradition requests"},
    ],
    "optional_refs": ["2"],
    "bodies": ["ARF", "AHA Centre|ASEAN-AHA"], "optional_bodies": ["ASEC"],
}
PLAN_PRED = {
    "document": {"id": "wp", "kind": "plan", "date": "2013-03-27"},
    "measures": [
        {"ref": "1", "role": "section", "title": "Political cooperation"},
        {"ref": "1.1", "title": "Hold a yearly workshop on maritime security",
         "activities": [{"text": "Invite coast guard officers"}]},
        {"ref": "2", "title": "an optional numbered paragraph"},
        {"ref": "3", "title": "a numbered line that is no measure"},
        {"ref": None, "title": "ignored: no ref"},
    ],
    "mentions": [{"body": "ARF"}, {"body": "aha-centre"}, {"body": "ASEC"}, {"body": "SOMTC"},
                 {"body": ""}],
    "events": [],
}


def test_measures_titles_roles_activities_and_bodies(tmp_path):
    gold, out = _setup(tmp_path, {"wp": PLAN_GOLD}, {"wp": PLAN_PRED})
    ev = evaluate(gold, out)
    m = ev.metrics
    assert (m["measures_p"], m["measures_r"]) == (2 / 3, 2 / 3)      # "3" wrong, "1.2" missed
    assert m["titles_acc"] == 1.0
    assert m["roles_acc"] == 1.0                                    # 1.1 defaults to measure
    assert m["activity_count_acc"] == 0.5                           # 1: 0 = 0; 1.1: 2 != 1
    assert m["activity_text_r"] == 0.5
    assert (m["bodies_p"], m["bodies_r"]) == (2 / 3, 1.0)           # SOMTC is wrong, ASEC optional
    assert m["bodies_wrong"] == ["SOMTC"] and m["bodies_missed"] == []
    assert m["doc_date_acc"] == 1.0 and m["kind_acc"] == 1.0
    assert m["links_r_at3"] is None and m["links_doc_p"] is None and m["links_per_event"] is None
    d = ev.documents[0]
    assert d.measures_missed == ["1.2"] and d.measures_wrong == ["3"]
    assert d.roles_wrong == []
    assert d.activity_counts_wrong == [{"ref": "1.1", "gold": 2, "predicted": 1}]
    assert d.activities_missed == [{"ref": "1.1", "gold": "Publish a summary"}]


def test_roles_compared_only_where_gold_gives_them(tmp_path):
    g = {"measures": [{"ref": "1", "role": "section", "title": "Heading"},
                      {"ref": "1.1", "title": "A measure with no role in gold"}]}
    p = {"measures": [{"ref": "1", "title": "Heading"}, {"ref": "1.1", "role": "section",
                                                          "title": "A measure with no role in gold"}]}
    ev = evaluate(*_setup(tmp_path, {"x": g}, {"x": p}))
    assert ev["roles_acc"] == 0.0
    assert ev.documents[0].roles_wrong == [{"ref": "1", "gold": "section", "predicted": "measure"}]


@pytest.mark.parametrize("mode, pred_title, ok", [
    ("prefix", "Hold a yearly workshop on maritime security and more words after", True),
    ("prefix", "Hold a yearly workshop", False),
    ("full", "Hold a yearly workshop on maritime security and more words after", False),
    ("full", "Hold a yearly work shop on maritime security", True),     # spaces ignored
    ("prefix", "Something else entirely", False),
])
def test_title_match_modes(tmp_path, mode, pred_title, ok):
    g = {"title_match": mode, "measures": [{"ref": "1", "title": "Hold a yearly workshop on maritime security"}]}
    p = {"measures": [{"ref": "1", "title": pred_title}]}
    ev = evaluate(*_setup(tmp_path, {"x": g}, {"x": p}))
    assert ev["titles_acc"] == (1.0 if ok else 0.0)
    assert bool(ev.documents[0].titles_wrong) is not ok


def test_repeated_refs_align_in_document_order(tmp_path):
    g = {"measures": [{"ref": r, "title": t} for r, t in
                      [("1", "a"), ("2", "b"), ("1", "c"), ("2", "d"), ("3", "e")]]}
    p = {"measures": [{"ref": r, "title": t} for r, t in [("1", "a"), ("2", "b"), ("1", "c"), ("3", "e")]]}
    ev = evaluate(*_setup(tmp_path, {"x": g}, {"x": p}))
    assert ev["measures_p"] == 1.0 and ev["measures_r"] == 0.8
    assert ev.documents[0].measures_missed == ["2"]


def test_dates_and_event_dates(tmp_path):
    g = {"date": "2012-11-28", "event_dates": ["2012-11-14", "2012-06-05", "2013-05"]}
    p = {"document": {"date": "2012-11-28"},
         "events": [{"date": "2012-11-14"}, {"date": {"start": "2013-05"}}, {"date": "2012-11-28"},
                    {"date": "2011-01-02"}, {"date": "2014"}, {"date": None}]}
    ev = evaluate(*_setup(tmp_path, {"x": g}, {"x": p}))
    # 2012-11-28 is the document's own date, 2014 is not day-precise: neither is wrong.
    assert (ev["event_dates_p"], ev["event_dates_r"]) == (2 / 3, 2 / 3)
    d = ev.documents[0]
    assert d.event_dates_missed == ["2012-06-05"] and d.event_dates_wrong == ["2011-01-02"]
    assert ev["doc_date_acc"] == 1.0 and d.date is None


def test_null_gold_date_wants_no_date(tmp_path):
    golds = {"a": {"date": None}, "b": {"date": None}}
    preds = {"a": {"document": {}}, "b": {"document": {"date": "2020-01-01"}}}
    ev = evaluate(*_setup(tmp_path, golds, preds))
    assert ev["doc_date_acc"] == 0.5
    assert ev.documents[1].date == (None, "2020-01-01")


def _news(events):
    return {"document": {"kind": "news"}, "events": events}


def test_links_top3_and_link_sets(tmp_path):
    golds = {
        "wp": {"kind": "plan", "measures": []},
        "rep": {"kind": "report"},
        "n1": {"kind": "news", "links": [
            {"evidence": "the ministers adopted the maritime handbook", "plan": "wp", "ref": "1.2"},
            {"evidence": "workshop on coast guards was held", "plan": "wp", "ref": "1.1"}]},
        "n2": {"kind": "news", "links": [], "links_complete": True},
        "n3": {"kind": "news", "links": [
            {"evidence": "leaders signed the charter", "plan": "wp", "ref": "1"}], "links_complete": False},
    }
    preds = {
        "n1": _news([
            {"text": "In Jakarta the ministers adopted the maritime handbook on Monday.",
             "measures": [{"plan": "wp", "ref": "1.1", "score": 0.9}, {"plan": "x", "ref": "9", "score": 0.8},
                          {"plan": "y", "ref": "9", "score": 0.7}, {"plan": "wp", "ref": "1.2", "score": 0.1}]},
            {"text": "A workshop on coast guards was held",
             "measures": [{"plan": "corpus/wp.txt", "ref": "1.1.", "score": 0.5}]},
        ]),
        "n2": _news([{"text": "A meeting with no link", "measures": [
            {"plan": "wp", "ref": "1.1", "score": 0.4}, {"plan": "rep", "ref": "2", "score": 0.3},
            {"plan": "unannotated", "ref": "5", "score": 0.3}]}]),
        "n3": _news([{"text": "leaders signed the charter", "measures": [{"plan": "wp", "ref": "(1)"}]}]),
    }
    ev = evaluate(*_setup(tmp_path, golds, preds))
    # n1: 1.2 is fourth of its event (missed), 1.1 found; n3's partial links count for r@3.
    assert ev["links_r_at3"] == 2 / 3
    # Sets (n1 and n2 only): n1 predicts wp#1.1 (right) and wp#1.2 (right); x and y are plans gold
    # does not link to. n2 predicts wp#1.1 and rep#2 (a report is never a target): both wrong.
    assert ev["links_doc_p"] == 2 / 4 and ev["links_doc_r"] == 1.0
    assert ev["links_per_event"] == (4 + 1 + 3 + 1) / 4
    n1 = next(d for d in ev.documents if d.id == "n1")
    assert n1.links_missed == [{"evidence": "the ministers adopted the maritime handbook", "plan": "wp",
                                "ref": "1.2", "why": "not in the top 3 of its event"}]
    n2 = next(d for d in ev.documents if d.id == "n2")
    assert n2.link_pairs_wrong == ["rep#2", "wp#1.1"]


def test_missing_prediction_scores_zero(tmp_path):
    g = {"kind": "news", "bodies": ["ARF"], "measures": [{"ref": "1", "title": "x"}], "event_dates": ["2020-01-01"]}
    ev = evaluate(*_setup(tmp_path, {"a": g}, {}))
    assert ev["docs"] == 1 and ev["missing_predictions"] == 1
    assert ev["measures_r"] == 0.0 and ev["bodies_r"] == 0.0 and ev["event_dates_r"] == 0.0
    assert ev["kind_acc"] is None                     # kind is scored only with a prediction
    assert not ev.documents[0].predicted and ev.documents[0].bodies_missed == ["ARF"]


def test_nested_ids_match_on_relative_paths(tmp_path):
    golds = {"2020/09/19/talk": {"kind": "news", "bodies": ["ARF"]},
             "2021/01/02/talk": {"kind": "news", "bodies": ["ADMM"]},
             "flat": {"kind": "report"}}
    preds = {"2020/09/19/talk": {"document": {"kind": "news"}, "mentions": [{"body": "ARF"}]},
             "2021/01/02/talk": {"document": {"kind": "report"}, "mentions": [{"body": "ADMM"}]},
             "flat": {"document": {"kind": "report"}}}
    ev = evaluate(*_setup(tmp_path, golds, preds))
    assert [d.id for d in ev.documents] == ["2020/09/19/talk", "2021/01/02/talk", "flat"]
    assert ev["bodies_r"] == 1.0 and ev["kind_acc"] == 2 / 3
    assert ev.documents[1].kind == ("news", "report")


def test_nested_gold_against_a_flat_build(tmp_path):
    golds = {"2020/a": {"kind": "news"}, "2021/b": {"kind": "news"}, "2022/b": {"kind": "news"}}
    preds = {"a": {"document": {"kind": "news"}}, "b": {"document": {"kind": "news"}}}
    ev = evaluate(*_setup(tmp_path, golds, preds))
    # "a" is one stem: found; "b" is two gold documents' stem: ambiguous, so neither is matched.
    assert ev["missing_predictions"] == 2 and ev.documents[0].predicted


def test_only_and_the_documents_folder_given_directly(tmp_path):
    gold, out = _setup(tmp_path, {"a": {"kind": "news"}, "b": {"kind": "plan"}},
                       {"a": {"document": {"kind": "plan"}}, "b": {"document": {"kind": "plan"}}})
    assert evaluate(gold, out / "documents", only=["b"])["kind_acc"] == 1.0
    assert evaluate(gold, out)["kind_acc"] == 0.5


def test_result_renders_as_text_and_json(tmp_path):
    ev = evaluate(*_setup(tmp_path, {"wp": PLAN_GOLD}, {"wp": PLAN_PRED}))
    text = ev.format()
    for k in METRICS:
        assert k in text
    assert "wp: " in text and "measures missed: 1.2" in text and "bodies wrong: SOMTC" in text
    assert "activities of 1.1: 2 -> 1" in text
    data = json.loads(ev.to_json())
    assert data["metrics"]["measures_f1"] == pytest.approx(2 / 3)
    assert data["documents"][0]["measures_wrong"] == ["3"]


def test_unusable_folders_are_errors(tmp_path):
    with pytest.raises(AseandocsError, match="no such gold folder"):
        evaluate(tmp_path / "nope", tmp_path)
    (tmp_path / "g").mkdir()
    with pytest.raises(AseandocsError, match="no gold files"):
        evaluate(tmp_path / "g", tmp_path)
    (tmp_path / "g" / "x.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(AseandocsError, match="not readable JSON"):
        evaluate(tmp_path / "g", tmp_path)


@pytest.mark.parametrize("first", ["import aseandocs", "import aseandocs.evaluate._score",
                                   "from aseandocs.evaluate import evaluate"])
def test_exported_lazily_and_callable_whatever_was_imported_first(tmp_path, first):
    gold, out = _setup(tmp_path, {"a": {"kind": "news"}}, {"a": {"document": {"kind": "news"}}})
    code = (f"{first}\nimport sys, aseandocs\n"
            f"assert {first == 'import aseandocs'} is ('aseandocs.evaluate' not in sys.modules)\n"
            f"ev = aseandocs.evaluate({str(gold)!r}, {str(out)!r})\n"
            "print(type(ev).__name__, ev.metrics['kind_acc'])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["Evaluation", "1.0"]
    assert "evaluate" in dir(aseandocs) and "Evaluation" in dir(aseandocs)


# --- against the shared scorer ---------------------------------------------------------------------

def _scorer(gold: Path, pred: Path) -> dict:
    script = SHARED / "eval" / "score.py"
    r = subprocess.run([sys.executable, str(script), "--gold", str(gold), "--pred", str(pred), "--json"],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def _same_as_scorer(gold: Path, out: Path) -> None:
    want = _scorer(gold, out / "documents")
    got = evaluate(gold, out).metrics
    assert set(want) == set(got)
    for k, v in want.items():
        if isinstance(v, float):
            assert f"{got[k]:6.3f}" == f"{v:6.3f}", k
            assert got[k] == pytest.approx(v), k
        elif k == "bodies_missed":
            # An "A|B" gold body missed is named by one of its alternatives.
            assert len(got[k]) == len(v)
        else:
            assert got[k] == v, k


@pytest.fixture(scope="module")
def shared_build(tmp_path_factory, shared_corpus, score_script):
    out = tmp_path_factory.mktemp("shared") / "out"
    aseandocs.build(shared_corpus, out, workers=1, progress=False)
    return out


@pytest.mark.shared
def test_equals_the_shared_scorer_on_the_sample_set(shared_build, shared_gold):
    _same_as_scorer(shared_gold, shared_build)


@pytest.mark.shared
def test_equals_the_shared_scorer_on_the_thaigov_set(tmp_path, shared_corpus, score_script):
    docs, gold = SHARED / "gold-thaigov" / "docs", SHARED / "gold-thaigov" / "gold"
    if not docs.is_dir() or not gold.is_dir():
        pytest.skip("../shared/gold-thaigov is absent")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in docs.glob("*.txt"):
        shutil.copy(p, corpus / p.name)
    shutil.copy(shared_corpus / "000_c84986400c98ca88.txt", corpus)
    aseandocs.build(corpus, tmp_path / "out", workers=2, progress=False)
    _same_as_scorer(gold, tmp_path / "out")


def test_equals_the_shared_scorer_on_the_own_corpus(tmp_path, score_script):
    from conftest import OWN_CORPUS, OWN_GOLD
    aseandocs.build(OWN_CORPUS, tmp_path / "out", workers=1, progress=False)
    _same_as_scorer(OWN_GOLD, tmp_path / "out")

