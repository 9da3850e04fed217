"""aseandocs.bodies.matcher: exact, pattern, fuzzy and context recognition; traps; corpus score."""
from __future__ import annotations

import importlib.util
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import DATA, gold_for, shared_docs

from aseandocs.bodies import BodyRegistry, find_bodies
from aseandocs.bodies._fold import fold
from aseandocs.thai import normalize

SMALL = DATA / "bodies_small.yaml"
PACKAGED = files("aseandocs") / "data" / "bodies.yaml"


@pytest.fixture(scope="module")
def small() -> BodyRegistry:
    return BodyRegistry.load(SMALL)


def found(text: str, registry: BodyRegistry) -> list[tuple[str, str]]:
    return [(m.body, m.text) for m in find_bodies(normalize(text).text, registry)]


@pytest.mark.parametrize("text, offsets_of", [
    ("เจ้าหน้าที่อาวุโสอาเซียน ว่าด้วย", {0: 0, 24: 25}),
    ("ASEAN  Senior\nOfficials", {0: 0, 5: 5, 6: 7}),
])
def test_fold_offsets(text, offsets_of):
    f, off = fold(text)
    for i, j in offsets_of.items():
        assert off[i] == j, (f, i)


@pytest.mark.parametrize("text, expected", [
    # longest match wins: never ASEAN-SOM inside an SOMTC name
    ("SOM on Transnational Crime", [("SOMTC", "SOM on Transnational Crime")]),
    ("ASEAN Senior Officials Meeting on Transnational Crime",
     [("SOMTC", "ASEAN Senior Officials Meeting on Transnational Crime")]),
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ",
     [("SOMTC", "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ")]),
    # SOM vs SOMTC vs SOME: word boundaries for Latin acronyms
    ("SOMTC and SOME met; SOM too.", [("SOMTC", "SOMTC"), ("ASEAN-SOM", "SOM")]),
    ("SOMTCX", []),
    ("AMMTC-X, X-ACE", []),                     # an acronym inside a hyphenated code
    # ACE vs PEACE; acronyms keep their case
    ("PEACE and ACE, not ace", [("ACE", "ACE")]),
    ("ACEs", []),
    # line-wrap space and ด้าน/ว่าด้วย alternation inside a Thai name
    ("เจ้าหน้าที่อาวุโสอาเซียน ว่าด้วยอาชญากรรมข้ามชาติ",
     [("SOMTC", "เจ้าหน้าที่อาวุโสอาเซียน ว่าด้วยอาชญากรรมข้ามชาติ")]),
    ("การประชุมเจ้าหน้าที่อาวุโส\nด้านกฎหมายอาเซียน", [("ASLOM", "การประชุมเจ้าหน้าที่อาวุโส\nด้านกฎหมายอาเซียน")]),
    ("ที่ประชุมเจ้าหน้าที่อาวุโสว่าด้วยกฎหมายอาเซียน", [("ASLOM", "ที่ประชุมเจ้าหน้าที่อาวุโสว่าด้วยกฎหมายอาเซียน")]),
    # Thai names inside unspaced Thai text
    ("ผู้แทนศูนย์พลังงานอาเซียนได้เข้าร่วม", [("ACE", "ศูนย์พลังงานอาเซียน")]),
    # former names
    ("The AIPO became the AIPA.", [("AIPA", "AIPO"), ("AIPA", "AIPA")]),
    # generic words are not bodies
    ("ที่ประชุม ประเทศสมาชิก ผู้แทน the Meeting the Committee การประชุม อาเซียน ASEAN", []),
    # the head of a longer, unknown name is not a mention
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านสิ่งแวดล้อม", []),
    ("ASEAN Senior Officials Meeting on Environment", []),
    ("ASEAN Senior Officials Meeting on 5 May", [("ASEAN-SOM", "ASEAN Senior Officials Meeting")]),
    # a Thai name joined to a partner by a dash names another body
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียน-สหรัฐฯ", []),
    ("", []),
])
def test_exact(small, text, expected):
    assert found(text, small) == expected


@pytest.mark.parametrize("text, expected", [
    # "ชื่อไทย (English Name: ACR)"
    ("เครือข่ายมหาวิทยาลัยอาเซียน (ASEAN University Network: AUN)",
     [("AUN", "เครือข่ายมหาวิทยาลัยอาเซียน (ASEAN University Network: AUN)")]),
    # "(English Name หรือ ACR)" with an unknown Thai name
    ("ได้จัดตั้งเครือข่ายอุดมศึกษาภูมิภาค (University Network หรือ AUN) ขึ้น",
     [("AUN", "เครือข่ายอุดมศึกษาภูมิภาค (University Network หรือ AUN)")]),
    # "(… -ACR)": the Thai name is not in the registry, the acronym is
    ("4. เวทีหารือด้านกลาโหม (ASEAN Defense Ministers Meeting -ADMM)",
     [("ADMM", "เวทีหารือด้านกลาโหม (ASEAN Defense Ministers Meeting -ADMM)")]),
    # "(ACR)" alone
    ("และกรอบการประชุมรัฐมนตรีด้านความมั่นคง (AMMTC)",
     [("AMMTC", "การประชุมรัฐมนตรีด้านความมั่นคง (AMMTC)")]),
    # ordinal between name and parenthesis, ordinal inside
    ("การประชุมสุดยอดเอเชียตะวันออก ครั้งที่ 14 (14th East Asia Summit : 14th EAS)",
     [("EAS", "การประชุมสุดยอดเอเชียตะวันออก ครั้งที่ 14 (14th East Asia Summit : 14th EAS)")]),
    # only the English name resolves (fuzzy: Disabilities/Disability)
    ("และสภาอาเซียนเพื่อผู้พิการ (ASEAN Disabilities Forum)",
     [("ADF", "สภาอาเซียนเพื่อผู้พิการ (ASEAN Disabilities Forum)")]),
    # English name (ACR)
    ("the ASEAN Centre for Energy (ACE) said", [("ACE", "ASEAN Centre for Energy (ACE)")]),
    # nothing resolves: no mention (discovery lists it)
    ("ข้อริเริ่มการรวมตัวอาเซียน (Initiative for ASEAN Integration: IAI)", []),
])
def test_patterns(small, text, expected):
    ms = find_bodies(normalize(text).text, small)
    assert [(m.body, m.text) for m in ms] == expected
    assert all(m.method == "pattern" for m in ms)


@pytest.mark.parametrize("text, expected", [
    # ASC: the pillar, not the committee
    ("เสาประชาคมการเมืองและความมั่นคงของอาเซียน (ASEAN Political-Security Community: ASC)", []),
    ("ASC, the ASEAN Security Community", []),
    # ASC near "Standing Committee"
    ("The ASC, which is the Standing Committee of ASEAN, met.", ["ASEAN-STANDING-COMMITTEE"]),
    # ADF near "Disability" / "คนพิการ" vs near "Development Fund" / "กองทุน"
    ("ADF members discussed disability rights", ["ADF"]),
    ("สภาอาเซียนเพื่อคนพิการ (ADF)", ["ADF"]),
    ("ADF, a development fund for member states", ["ASEAN-DEVELOPMENT-FUND"]),
    ("การจัดตั้งกองทุน ADF", ["ASEAN-DEVELOPMENT-FUND"]),
    # no evidence or a tie: never guess
    ("ADF met on Monday.", []),
    ("ASC met on Monday.", []),
    ("ADF: disability and development fund", []),
    # the Development Fund in Thai is not the Disability Forum
    ("เพื่อสมทบกองทุนเพื่อการพัฒนาของอาเซียนต่อไป", ["ASEAN-DEVELOPMENT-FUND"]),
])
def test_ambiguous_acronyms(small, text, expected):
    assert [m.body for m in find_bodies(normalize(text).text, small)] == expected


@pytest.mark.parametrize("text, expected", [
    # "ABAC" is also APEC's Business Advisory Council: APEC's name beside it is not ASEAN's body
    ("การหารือระหว่างผู้นำเขตเศรษฐกิจเอเปคกับสภาที่ปรึกษาทางธุรกิจเอเปค (APEC Business Advisory Council – ABAC)", []),
    ("APEC ministers met the APEC Business Advisory Council (ABAC).", []),
    ("ผู้นำอาเซียนหารือกับสภาที่ปรึกษาธุรกิจอาเซียน (ASEAN Business Advisory Council: ABAC)", ["ASEAN-BAC"]),
    # a name one short word away from ASEAN's: "SEA" is no misspelling of "ASEAN"
    ("ไทยจะเป็นเจ้าภาพการประชุม OECD SEA Regional Forum ในปีหน้า", []),
    ("the ASEAN Regionl Forum met in Hanoi", ["ARF"]),
    # a name without ASEAN's own, owned by another organisation: ASEM's senior education officials
    ("การประชุมระดับเจ้าหน้าที่อาวุโสด้านการศึกษาของอาเซม ครั้งที่ 1", []),
    ("การประชุมเจ้าหน้าที่อาวุโสด้านการศึกษา ครั้งที่ 10", ["SOM-ED"]),
    ("การประชุมเจ้าหน้าที่อาวุโสด้านการศึกษาของอาเซียน", ["SOM-ED"]),
    ("การประชุมเจ้าหน้าที่อาวุโสด้านการศึกษาของประเทศสมาชิกอาเซียน", ["SOM-ED"]),
])
def test_another_organisations_body_is_not_aseans(text, expected):
    found = find_bodies(normalize(text).text, BodyRegistry.load())
    assert [m.body for m in found if m.body != "ASEAN-LEADERS"] == expected


@pytest.mark.parametrize("text, expected", [
    # a level of meeting, not the ASEAN SOM: after "ระดับ", the last of a list of levels, before "level"
    ("กระทรวงร่วมประชุมออนไลน์ระดับเจ้าหน้าที่อาวุโสอาเซียน เพื่อผลักดันความร่วมมือ", []),
    ("เป็นผลจากการหารือในระดับผู้นำ ระดับรัฐมนตรี และเจ้าหน้าที่อาวุโสอาเซียน ตลอดปี", []),
    ("The proposal was discussed at the ASEAN Senior Officials level in May.", []),
    # the body itself, and a name that says what it is about after "ระดับ"
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียน ครั้งที่ 5", ["ASEAN-SOM"]),
    ("The ASEAN Senior Officials Meeting met in Jakarta.", ["ASEAN-SOM"]),
    ("ความร่วมมือระดับภูมิภาคโดยเจ้าหน้าที่อาวุโสอาเซียน", ["ASEAN-SOM"]),
    ("การประชุมระดับเจ้าหน้าที่อาวุโสด้านการศึกษา ครั้งที่ 10", ["SOM-ED"]),
])
def test_a_name_of_who_sits_after_a_level_word_is_a_level(text, expected):
    found = find_bodies(normalize(text).text, BodyRegistry.load())
    assert [m.body for m in found if m.body != "ASEAN-LEADERS"] == expected


@pytest.mark.parametrize("text, body, words", [
    ("ASEAN Defense Ministers' Meeting", "ADMM", "ASEAN Defense Ministers' Meeting"),
    ("the ASEAN Disabilities Forum met", "ADF", "ASEAN Disabilities Forum"),
    ("คณะกรรมการประจำของอาเซียน", "ASEAN-STANDING-COMMITTEE", "คณะกรรมการประจำของอาเซียน"),
    ("ASEAN Centre for Energies", "ACE", "ASEAN Centre for Energies"),
    ("ASEAN Regional  Forum", "ARF", "ASEAN Regional Forum"),     # missing/extra space
    ("ASEAN RegionalForum", "ARF", "ASEAN RegionalForum"),
])
def test_fuzzy(small, text, body, words):
    ms = find_bodies(normalize(text).text, small)
    assert [(m.body, m.text) for m in ms] == [(body, normalize(words).text)]
    assert 0.9 <= ms[0].score <= 1.0


@pytest.mark.parametrize("text", [
    "ASEAN Senior Officials Meeting on Youth",          # a different meeting
    "ASEAN Economic Community",
    "ASEAN Regional Forums of thought",
    "การประชุมรัฐมนตรีอาเซียนด้านสาธารณสุข",
    "การประชุมรัฐมนตรีอาเซียนว่าด้วยอาชญากรรมไซเบอร์",  # another topic word, not a spelling variant
    "ASEAN Ministerial Meeting on Transnational Trade",
])
def test_fuzzy_no_false_positive(small, text):
    assert find_bodies(normalize(text).text, small) == []


def test_mentions_sorted_non_overlapping_with_spans(small):
    text = normalize("ศูนย์พลังงานอาเซียน (ASEAN Centre for Energy) และ SOMTC กับ ASEAN Regional Forum (ARF)").text
    ms = find_bodies(text, small)
    assert [m.body for m in ms] == ["ACE", "SOMTC", "ARF"]
    for a, b in zip(ms, ms[1:]):
        assert a.span[1] <= b.span[0]
    for m in ms:
        assert text[m.span[0]:m.span[1]] == m.text


def test_fuzzy_off(small):
    assert find_bodies("ASEAN Disabilities Forum", small, fuzzy=False) == []


# --- the shared corpus, scored like ../shared/eval/score.py score_bodies ---------------------

def _score_module(path: Path):
    spec = importlib.util.spec_from_file_location("aseandocs_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shared_corpus_bodies_f1(shared_corpus, shared_gold, score_script):
    if not PACKAGED.is_file():
        pytest.skip("models/bodies.yaml is not there yet")
    sc = _score_module(score_script)
    reg = BodyRegistry.load()
    acc = {"b_tp": 0, "b_fp": 0, "b_fn": 0, "b_missed": [], "b_wrong": []}
    for path in shared_docs():
        text = normalize(path.read_text(encoding="utf-8")).text
        pred = {"mentions": [m.to_dict() for m in find_bodies(text, reg)]}
        sc.score_bodies(gold_for(path), pred, acc)
    p, r, f = sc.prf(acc["b_tp"], acc["b_fp"], acc["b_fn"])
    assert f >= 0.95, f"bodies f1 {f:.3f} (p {p:.3f} r {r:.3f}); missed {acc['b_missed']}, wrong {acc['b_wrong']}"


# the traps of ../shared/gold/BODIES.md: (document stem prefix, banned body id, and the words of
# the mention that would make it a trap; "" = any mention of that body there)
TRAPS = [
    ("002_", "ASEAN-STANDING-COMMITTEE", "ASC"),     # "ASC" there is the pillar, not the committee
    ("000_", "ADF", ""),                             # the Development Fund is not the Disability Forum
    ("000_", "AICHR", ""),                           # the women and children body (ACWC) is not AICHR
    ("", "SEANWFZ", ""),                             # a (misspelt) treaty, not a body
    ("", "SEAN-FZ", ""),
]


@pytest.mark.parametrize("prefix, banned, words", TRAPS)
def test_shared_corpus_traps(shared_corpus, prefix, banned, words):
    if not PACKAGED.is_file():
        pytest.skip("models/bodies.yaml is not there yet")
    reg = BodyRegistry.load()
    docs = [p for p in shared_docs() if p.name.startswith(prefix)]
    assert docs
    for path in docs:
        text = normalize(path.read_text(encoding="utf-8")).text
        bad = [m for m in find_bodies(text, reg) if m.body == banned and words in m.text]
        assert not bad, (path.name, bad)
