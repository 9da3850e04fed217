"""Shared fixtures. Tests over ../shared (the third-party corpus and its gold) skip when it is absent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
SHARED_GOLD = SHARED / "gold"
OWN_CORPUS = ROOT / "corpus"
OWN_GOLD = OWN_CORPUS / "gold"
DATA = Path(__file__).resolve().parent / "data"


def shared_docs() -> list[Path]:
    """The third-party documents, or [] when ../shared is absent (parametrised tests then skip)."""
    return sorted(SHARED_CORPUS.glob("*.txt")) if SHARED_CORPUS.is_dir() else []


def gold_for(path: Path) -> dict:
    gold_dir = SHARED_GOLD if path.is_relative_to(SHARED) else OWN_GOLD
    return json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent (the third-party corpus lives beside the repo)")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def shared_gold() -> Path:
    if not SHARED_GOLD.is_dir():
        pytest.skip("../shared/gold is absent (the gold annotations live beside the repo)")
    return SHARED_GOLD


@pytest.fixture(scope="session")
def score_script() -> Path:
    p = SHARED / "eval" / "score.py"
    if not p.is_file():
        pytest.skip("../shared/eval/score.py is absent")
    return p
