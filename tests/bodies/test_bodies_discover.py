"""aseandocs.bodies.discover: candidate bodies and aliases, and registry-shaped YAML stubs."""
from __future__ import annotations

import pytest
import yaml
from conftest import DATA, shared_docs

from aseandocs.bodies import BodyRegistry, Candidate, discover, to_yaml

SMALL = DATA / "bodies_small.yaml"


@pytest.fixture(scope="module")
def small() -> BodyRegistry:
    return BodyRegistry.load(SMALL)


def _by_name(cands: list[Candidate]) -> dict[str, Candidate]:
    return {c.name: c for c in cands}


@pytest.mark.parametrize("text, name, thai, english, acronym, body", [
    # a new body: Thai name (English name: ACR)
    ("การประชุมรัฐมนตรีอาเซียนด้านป่าไม้ (ASEAN Ministerial Meeting on Forestry: AMAF) จัดขึ้น",
     "การประชุมรัฐมนตรีอาเซียนด้านป่าไม้", "การประชุมรัฐมนตรีอาเซียนด้านป่าไม้",
     "ASEAN Ministerial Meeting on Forestry", "AMAF", None),
    # English name (ACR)
    ("The Special ASEAN Ministerial Meeting on Climate Action (SAMCA) was held.",
     "Special ASEAN Ministerial Meeting on Climate Action", None,
     "Special ASEAN Ministerial Meeting on Climate Action", "SAMCA", None),
    # an unknown Thai name with a known acronym: a new alias of the known body
    ("ได้จัดตั้งศูนย์ความร่วมมือด้านพลังงาน (ACE) ขึ้น", "ศูนย์ความร่วมมือด้านพลังงาน",
     "ศูนย์ความร่วมมือด้านพลังงาน", None, "ACE", "ACE"),
    # unmatched Thai phrase, cut at a clause cue ("โดย"), "ที่" of "เจ้าหน้าที่" is no cue
    ("ในการประชุมเจ้าหน้าที่อาวุโสด้านเยาวชนโดยมีผู้แทน", "การประชุมเจ้าหน้าที่อาวุโสด้านเยาวชน",
     "การประชุมเจ้าหน้าที่อาวุโสด้านเยาวชน", None, None, None),
    # unmatched English phrase with its "on ..." tail
    ("delegates of the ASEAN Senior Officials Meeting on Youth agreed", "ASEAN Senior Officials Meeting on Youth",
     None, "ASEAN Senior Officials Meeting on Youth", None, None),
    # a web address in the parenthesis is neither an English name nor an acronym
    ("ศูนย์เยาวชนอาเซียน (https://www.youth-centre.example/th/) เปิดรับสมัคร", "ศูนย์เยาวชนอาเซียน",
     "ศูนย์เยาวชนอาเซียน", None, None, None),
    ("ติดต่อศูนย์เยาวชนอาเซียน (www.youth-centre.example) ได้", "ศูนย์เยาวชนอาเซียน",
     "ศูนย์เยาวชนอาเซียน", None, None, None),
    # a spelling variant: new alias of a known body
    ("คณะกรรมการประจำของอาเซียน ได้ประชุม", "คณะกรรมการประจำของอาเซียน", "คณะกรรมการประจำของอาเซียน",
     None, None, "ASEAN-STANDING-COMMITTEE"),
])
def test_discover_finds(small, text, name, thai, english, acronym, body):
    got = _by_name(discover([text], small))
    assert name in got, list(got)
    c = got[name]
    assert (c.thai, c.english, c.acronym, c.body) == (thai, english, acronym, body)
    assert c.count == 1 and c.examples and name.split()[0] in c.examples[0]
    assert c.is_new_alias is (body is not None)


@pytest.mark.parametrize("text", [
    "ศูนย์พลังงานอาเซียน (ASEAN Centre for Energy: ACE)",       # fully known already
    "the Meeting and the Committee agreed",                       # generic
    "ข้อริเริ่มการรวมตัวอาเซียน (Initiative for ASEAN Integration: IAI)",  # not a body
    "",
])
def test_discover_ignores(small, text):
    assert discover([text], small) == []


def test_counts_and_paths(small, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("การประชุมรัฐมนตรีอาเซียนด้านป่าไม้ ครั้งที่ 1\n\nการประชุมรัฐมนตรีอาเซียนด้านป่าไม้ ครั้งที่ 2",
                 encoding="utf-8")
    cands = discover([p, "และการประชุมรัฐมนตรีอาเซียนด้านป่าไม้ ซึ่ง"], small)
    assert [(c.name, c.count) for c in cands] == [("การประชุมรัฐมนตรีอาเซียนด้านป่าไม้", 3)]
    assert len(cands[0].examples) == 3


def test_to_yaml_is_registry_shaped(small):
    text = ("การประชุมรัฐมนตรีอาเซียนด้านป่าไม้ (ASEAN Ministerial Meeting on Forestry: AMAF) และ"
            "ศูนย์ความร่วมมือด้านพลังงาน (ACE) และการประชุมเจ้าหน้าที่อาวุโสด้านเยาวชน และการประชุมเจ้าหน้าที่อาวุโสด้านแรงงาน")
    cands = discover([text], small)
    out = to_yaml(cands)
    assert out.startswith("#")
    stubs = yaml.safe_load(out)
    assert len(stubs) == len(cands) == 4
    assert len({s["id"] for s in stubs if s["id"] != "ACE"}) == 3          # ids unique
    amaf = next(s for s in stubs if s["id"] == "AMAF")
    assert amaf["type"] == "ministerial" and amaf["acronyms"] == ["AMAF"]
    ace = next(s for s in stubs if s["id"] == "ACE")
    assert "new alias of ACE" in ace["note"]
    # the new-body stubs validate as a registry
    BodyRegistry.from_entries([s for s in stubs if s["id"] != "ACE"])


def test_discover_on_shared_corpus(shared_corpus):
    docs = shared_docs()
    cands = discover(docs, BodyRegistry.load(SMALL))
    assert len(cands) > 20
    assert all(c.count >= 1 and c.examples for c in cands)
    # bodies the small registry lacks show up as candidates, e.g. the ASEAN Secretariat
    assert any(c.english == "ASEAN Secretariat" for c in cands)
