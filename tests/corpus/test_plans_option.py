"""``build(..., plans=...)`` / ``aseandocs build --plans``: the user names the plan files (issue 15)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import OWN_CORPUS

from aseandocs.corpus import build
from aseandocs.errors import BuildError

PLAN = OWN_CORPUS / "th_plan_annex_flat.txt"
NEWS = OWN_CORPUS / "th_news_ascco.txt"
REPORT = OWN_CORPUS / "en_report_progress.txt"


def kinds(out: Path) -> dict[str, str]:
    """document id (its path in the corpus without the extension) -> kind."""
    return {d["document"]["id"]: d["document"]["kind"]
            for d in (json.loads(p.read_text(encoding="utf-8")) for p in (out / "documents").rglob("*.json"))}


def linked_plans(out: Path) -> set[str]:
    return {l["plan"] for p in (out / "documents").rglob("*.json")
            for e in json.loads(p.read_text(encoding="utf-8"))["events"] for l in e["measures"]}


@pytest.fixture
def news_only(tmp_path: Path) -> Path:
    c = tmp_path / "news"
    c.mkdir()
    shutil.copy(NEWS, c)
    shutil.copy(REPORT, c)
    return c


def test_no_plan_warns_and_links_nothing(news_only: Path, tmp_path: Path) -> None:
    s = build(news_only, tmp_path / "out", workers=1, progress=False)
    assert s.plans == 0 and s.links == 0
    assert "warning: no plan" in s.format()


def test_a_plan_outside_the_corpus_is_added(news_only: Path, tmp_path: Path) -> None:
    s = build(news_only, tmp_path / "out", workers=1, progress=False, plans=[str(PLAN)])
    assert s.documents == 3 and s.plans == 1 and s.links > 0
    assert "warning" not in s.format()
    assert kinds(tmp_path / "out")[PLAN.stem] == "plan"
    assert linked_plans(tmp_path / "out") == {PLAN.stem}


def test_a_glob_names_the_plans_and_only_those(tmp_path: Path) -> None:
    c = tmp_path / "c"
    (c / "plans").mkdir(parents=True)
    shutil.copy(PLAN, c / "plans")
    shutil.copy(OWN_CORPUS / "en_plan_blueprint.txt", c)      # detected as a plan, not named
    shutil.copy(NEWS, c)
    s = build(c, tmp_path / "out", workers=1, progress=False, plans="plans/*.txt")
    k = kinds(tmp_path / "out")
    assert k[f"plans/{PLAN.stem}"] == "plan" and k["en_plan_blueprint"] == "report"
    assert s.plans == 1 and linked_plans(tmp_path / "out") <= {f"plans/{PLAN.stem}"}
    # the same files without --plans: the blueprint is a plan again (the cache keys differ)
    build(c, tmp_path / "out", workers=1, progress=False)
    assert kinds(tmp_path / "out")["en_plan_blueprint"] == "plan"


def test_a_named_file_is_a_plan_whatever_its_detected_kind(news_only: Path, tmp_path: Path) -> None:
    build(news_only, tmp_path / "out", workers=1, progress=False, plans=[REPORT.name])
    assert kinds(tmp_path / "out")[REPORT.stem] == "plan"


@pytest.mark.parametrize("spec", ["missing/*.txt", "no_such_plan.txt"])
def test_a_spec_that_names_nothing_is_an_error(news_only: Path, tmp_path: Path, spec: str) -> None:
    with pytest.raises(BuildError, match="--plans"):
        build(news_only, tmp_path / "out", workers=1, progress=False, plans=[spec])


def test_cli_plans_option(news_only: Path, tmp_path: Path, capsys) -> None:
    from aseandocs.cli.main import main
    out = tmp_path / "out"
    assert main(["build", str(news_only), "-o", str(out), "--workers", "1", "--no-progress",
                 "--plans", str(PLAN)]) == 0
    assert "links" in capsys.readouterr().out
    assert kinds(out)[PLAN.stem] == "plan"
