"""aseandocs.bodies.registry: loading, validation, resolution (small test registry + the real one)."""
from __future__ import annotations

import copy
import re
from importlib.resources import files

import pytest
import yaml
from conftest import DATA, SHARED_GOLD

from aseandocs.bodies import Body, BodyRegistry, RegistryFieldError
from aseandocs.bodies.registry import PILLARS, TYPES
from aseandocs.errors import RegistryError

SMALL = DATA / "bodies_small.yaml"
PACKAGED = files("aseandocs") / "data" / "bodies.yaml"


@pytest.fixture(scope="module")
def small() -> BodyRegistry:
    return BodyRegistry.load(SMALL)


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return yaml.safe_load(SMALL.read_text(encoding="utf-8"))


def test_load_small(small):
    assert len(small) == 14
    assert "SOMTC" in small and "NOPE" not in small
    assert small.get("SOMTC").parent == "AMMTC"
    assert small["SOMTC"].years == (1997, None)
    assert small.get("NOPE") is None
    assert {b.id for b in small} >= {"SOMTC", "ASEAN-SOM", "ACE"}


def test_load_is_cached():
    assert BodyRegistry.load(SMALL) is BodyRegistry.load(str(SMALL))


def test_names_are_every_alias(small):
    aipa = small["AIPA"]
    assert aipa.names == ("ASEAN Inter-Parliamentary Assembly", "สมัชชารัฐสภาอาเซียน", "AIPA", "AIPO",
                          "ASEAN Inter-Parliamentary Organization")
    assert small["ADF"].names[-1] == "ADF"          # ambiguous aliases are names too


@pytest.mark.parametrize("pillar, type_, expected", [
    ("APSC", None, {"AMMTC", "SOMTC", "ASEAN-SOM", "ADMM", "ASLOM", "ARF"}),
    (None, "centre", {"ACE"}),
    ("AEC", "centre", {"ACE"}),
    ("ASCC", "senior-officials", set()),
])
def test_filter(small, pillar, type_, expected):
    assert {b.id for b in small.filter(pillar=pillar, type=type_)} == expected


@pytest.mark.parametrize("kwargs, valid", [({"pillar": "APSCC"}, PILLARS), ({"type": "club"}, TYPES)])
def test_filter_bad_value_lists_valid_ones(small, kwargs, valid):
    with pytest.raises(RegistryFieldError) as e:
        small.filter(**kwargs)
    assert isinstance(e.value, ValueError)
    assert all(v in str(e.value) for v in valid)


def _mutate(entries, index, **changes):
    es = copy.deepcopy(entries)
    for k, v in changes.items():
        if v is _DELETE:
            es[index].pop(k, None)
        else:
            es[index][k] = v
    return es


_DELETE = object()


@pytest.mark.parametrize("index, changes, words", [
    (1, {"id": "AMMTC"}, ["AMMTC", "unique"]),                   # duplicate id
    (1, {"id": "somtc"}, ["'somtc'", "id"]),                      # malformed id
    (1, {"id": "AHA Centre"}, ["id"]),
    (1, {"parent": "AMMTC-X"}, ["SOMTC", "parent", "AMMTC-X"]),   # unknown parent
    (1, {"parent": "SOMTC"}, ["SOMTC", "parent"]),               # own parent
    (1, {"years": [1997]}, ["years"]),
    (1, {"en": "x", "th": None, "acronyms": None, "ambiguous": None}, []),  # str -> list is fine
    (1, {"acronym": ["SOMTC"]}, ["acronym", "valid fields"]),     # unknown field (typo)
    (3, {"acronyms": ["SOMTC"]}, ["somtc", "SOMTC", "ACE", "ambiguous"]),   # alias shared, unmarked
    (1, {"en": None, "th": None, "acronyms": None}, ["no name"]),
])
def test_validation(entries, index, changes, words):
    es = _mutate(entries, index, **changes)
    if not words:
        assert len(BodyRegistry.from_entries(es)) == len(es)
        return
    with pytest.raises(RegistryError) as e:
        BodyRegistry.from_entries(es, source="reg.yaml")
    msg = str(e.value)
    assert msg.startswith("reg.yaml")
    for w in words:
        assert w in msg, msg


@pytest.mark.parametrize("field, value, valid", [("type", "club", TYPES), ("pillar", "APSCC", PILLARS),
                                                 ("type", None, TYPES)])
def test_bad_choice_is_value_error_listing_valid(entries, field, value, valid):
    with pytest.raises(RegistryFieldError) as e:
        BodyRegistry.from_entries(_mutate(entries, 1, **{field: value}))
    assert isinstance(e.value, ValueError) and isinstance(e.value, RegistryError)
    assert "SOMTC" in str(e.value) and field in str(e.value)
    assert all(v in str(e.value) for v in valid)


def test_shared_alias_marked_ambiguous_by_both_is_allowed(small):
    assert small.owners("ADF") == ("ADF", "ASEAN-DEVELOPMENT-FUND")
    assert small.is_ambiguous("ADF") and not small.is_ambiguous("ACE")


def test_shared_alias_marked_by_one_only_fails(entries):
    es = copy.deepcopy(entries)
    for e in es:
        if e["id"] == "ASEAN-DEVELOPMENT-FUND":
            e["ambiguous"] = []
            e["acronyms"] = ["ADF"]
    with pytest.raises(RegistryError, match="ASEAN-DEVELOPMENT-FUND"):
        BodyRegistry.from_entries(es)


@pytest.mark.parametrize("bad", [{"id": "X"}, "just text", {"SOMTC": {}}])
def test_not_a_list_or_bad_entry(bad):
    with pytest.raises(RegistryError):
        BodyRegistry.from_entries(bad if isinstance(bad, (str, dict)) and "id" not in bad else [bad])


def test_load_missing_file_says_where(tmp_path):
    with pytest.raises(RegistryError, match="nothere.yaml"):
        BodyRegistry.load(tmp_path / "nothere.yaml")


def test_load_bad_yaml(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="YAML"):
        BodyRegistry.load(p)


@pytest.mark.parametrize("name, body, exact", [
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ", "SOMTC", True),
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนว่าด้วยอาชญากรรมข้ามชาติ", "SOMTC", True),     # ด้าน/ว่าด้วย variant
    ("ที่ประชุมเจ้าหน้าที่อาวุโสอาเซียน ด้านอาชญากรรมข้ามชาติ", "SOMTC", True),         # prefix + space
    ("asean senior officials meeting on transnational crime", "SOMTC", True),
    ("SOMTC", "SOMTC", True),
    ("AIPO", "AIPA", True),                                                     # former name
    ("ASEAN Defense Ministers' Meeting", "ADMM", False),                        # Defense/Defence
    ("ASEAN Disabilities Forum", "ADF", False),
    ("ศูนย์พลังงานแห่งอาเซียน", "ACE", False),
    ("ASEAN-U.S. Joint Cooperation Committee", "ASEAN-US-JCC", True),
])
def test_resolve(small, name, body, exact):
    b, score = small.resolve(name)
    assert b.id == body
    assert (score == 1.0) is exact and 0.9 <= score <= 1.0


@pytest.mark.parametrize("name", [
    "ADF", "ASC",                               # ambiguous: no context, no answer
    "ASEAN Economic Community", "ประชาคมเศรษฐกิจอาเซียน", "SOMT", "AC", "", "ที่ประชุม",
    "ASEAN Ministerial Meeting on Forestry",
])
def test_resolve_none(small, name):
    assert small.resolve(name) is None


def test_find_delegates_to_matcher(small):
    assert [m.body for m in small.find("ศูนย์พลังงานอาเซียน และ SOMTC")] == ["ACE", "SOMTC"]


# --- the real registry (models/bodies.yaml, packaged as aseandocs/data/bodies.yaml) ----------

def _real() -> BodyRegistry:
    if not PACKAGED.is_file():
        pytest.skip("models/bodies.yaml is not there yet")
    return BodyRegistry.load()


def test_real_registry_loads_and_is_big():
    reg = _real()
    assert len(reg) >= 200
    assert all(isinstance(b, Body) and b.names for b in reg)


def test_real_registry_has_every_gold_id():
    reg = _real()
    if not (SHARED_GOLD / "BODIES.md").is_file():
        pytest.skip("../shared/gold is absent")
    ids = re.findall(r"^\| ([A-Z][A-Z0-9-]+) \|", (SHARED_GOLD / "BODIES.md").read_text(encoding="utf-8"), re.M)
    assert ids
    missing = [i for i in ids if i not in reg]
    assert not missing, f"missing from models/bodies.yaml: {missing}"


def test_real_registry_parents_form_no_cycle():
    reg = _real()
    for b in reg:
        seen, cur = set(), b
        while cur.parent is not None:
            assert cur.id not in seen, f"parent cycle through {cur.id}"
            seen.add(cur.id)
            cur = reg[cur.parent]
