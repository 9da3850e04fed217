"""The shipped data files: every one loads through the one loader, none is unlisted, and the
reviewed copies under models/ are the ones the package ships (dateparser's data-integrity tests
are the model)."""
from __future__ import annotations

from importlib import resources

import pytest

from aseandocs._data import DATA_FILES, data_text, load_data
from aseandocs.errors import AseandocsError, ParseError
from conftest import ROOT

PACKAGED = resources.files("aseandocs") / "data"


def test_every_shipped_file_is_listed_and_every_listed_file_is_shipped() -> None:
    shipped = sorted(p.name for p in PACKAGED.iterdir() if p.name.endswith(".yaml"))
    assert shipped == sorted(DATA_FILES)


@pytest.mark.parametrize("name", DATA_FILES)
def test_each_file_loads_once_and_is_not_empty(name: str) -> None:
    data = load_data(name)
    assert data, name
    assert load_data(name) is data          # parsed once per process


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "models").glob("*.yaml")))
def test_models_folder_and_packaged_data_agree(name: str) -> None:
    """models/ holds the reviewed registry and glossary with their cards; the wheel ships the same
    bytes under aseandocs/data/ (a symlink in the source tree, a copy in an installed wheel)."""
    assert (ROOT / "models" / name).read_bytes() == (PACKAGED / name).read_bytes()
    assert name in DATA_FILES


def test_registry_and_glossary_have_their_shape() -> None:
    bodies = load_data("bodies.yaml")
    ids = [b["id"] for b in bodies]
    assert len(ids) == len(set(ids)), "duplicate body ids"
    assert all(b.get("en") and b.get("th") for b in bodies), "every body has English and Thai names"
    glossary = load_data("glossary.yaml")
    assert all(e.get("en") and e.get("th") for e in glossary), "every glossary entry is bilingual"


def test_a_missing_file_is_a_clear_error_of_the_callers_kind() -> None:
    with pytest.raises(ParseError, match=r"aseandocs/data/absent\.yaml: cannot read it .*reinstall"):
        data_text("absent.yaml", error=ParseError)
    with pytest.raises(AseandocsError, match="absent.yaml"):
        load_data("absent.yaml")
