"""Evidence that decides a link (linking.evidence) and bilingual search terms (linking.search_terms)."""
from __future__ import annotations

import pytest

from aseandocs.linking import link_corpus
from aseandocs.linking.evidence import (broad_subjects, described_bodies, family, is_weak, subjects,
                                        subjects_of_bodies)
from aseandocs.linking.search_terms import measure_search_terms
from aseandocs.model import Activity, Document, Event, Measure, ParsedDocument


@pytest.mark.parametrize("piece, bodies", [
    ("จัดการประชุมประจำปีของรัฐมนตรีกลาโหมเพื่อแลกเปลี่ยนข้อมูล", {"ADMM"}),
    ("Convene a yearly meeting of the ASEAN Law Ministers on legal aid", {"ALAWMM"}),
    ("ส่งเสริมความโปร่งใสของนโยบายกลาโหม", set()),             # the subject, not the body
    ("ให้เจ้าหน้าที่อาวุโสหารือกันทุกปี", set()),                 # who sits, not which body
])
def test_bodies_named_by_description(piece: str, bodies: set[str]) -> None:
    assert described_bodies([piece]) == bodies


@pytest.mark.parametrize("body, members", [
    ("ADSOM", {"ADSOM", "ADMM"}), ("SOMTC", {"SOMTC", "AMMTC"}), ("ASOD", {"ASOD", "AMMD"}),
    ("AICHR", {"AICHR"}),                                      # a commission does not speak for the AMM
])
def test_families(body: str, members: set[str]) -> None:
    assert members <= family(body) and (body != "AICHR" or family(body) == {"AICHR"})


@pytest.mark.parametrize("body, weak", [("ASEC", True), ("ASEAN-SUMMIT", True), ("ASEAN-SG", True),
                                        ("SOMTC", False), ("ARF", False)])
def test_weak_bodies(body: str, weak: bool) -> None:
    assert is_weak(body) is weak


@pytest.mark.parametrize("text, expected", [
    ("ความร่วมมือด้านการศึกษา", {"education"}),
    ("ปราบปรามการลักลอบค้ายาเสพติด", {"drug", "transnational crime"}),   # part_of
    ("the Declaration was adopted", set()),                                # a kind of instrument
])
def test_subjects(text: str, expected: set[str]) -> None:
    assert subjects(text) == expected


def test_broad_subjects_and_body_subjects() -> None:
    assert {"education", "defence", "culture"} <= broad_subjects()
    assert "extradition" not in broad_subjects() and "transnational crime" not in broad_subjects()
    assert "defence" in subjects_of_bodies(["ADMM"])
    assert subjects_of_bodies(["ASEC"]) == set()      # not a sectoral body


MEASURES = {
    "1.1": ("ส่งเสริมการแลกเปลี่ยนทางทหาร", ["จัดการประชุมประจำปีของรัฐมนตรีกลาโหม"]),
    "1.2": ("ส่งเสริมความโปร่งใสของนโยบายกลาโหม", ["จัดพิมพ์รายงานประจำปี"]),
    "1.3": ("ร่วมกันปราบปรามอาชญากรรมข้ามชาติ", ["จัดตั้งกลไกประสานงาน"]),
    "1.4": ("ส่งเสริมความร่วมมือด้านการศึกษาของภูมิภาค", ["แลกเปลี่ยนนักเรียน"]),
    "1.5": ("จัดทำสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน", ["ตั้งคณะทำงานยกร่าง"]),
}
FILLER = {f"3.{i}": (f"พัฒนาการท่องเที่ยวสาขาที่ {i} ของภูมิภาค", []) for i in range(1, 25)}


def plan() -> ParsedDocument:
    ms = tuple(Measure(f"p#{r}", "p", r, r.rsplit(".", 1)[0], 2, t, (0, 1),
                       activities=tuple(Activity(a, (0, 1)) for a in acts))
               for r, (t, acts) in {**MEASURES, **FILLER}.items())
    return ParsedDocument(Document.from_text("", id="p"), kind="plan", date="2010-01-01", measures=ms)


def refs(text: str, bodies=(), instruments=()) -> list[str]:
    e = Event("meeting", text, (0, len(text)), date="2019-03-05", bodies=tuple(bodies),
              instruments=tuple(instruments))
    news = ParsedDocument(Document.from_text("", id="n"), kind="news", date="2019-03-06", events=(e,))
    return [l.ref for l in link_corpus([plan(), news])[1].events[0].measures]


@pytest.mark.parametrize("text, bodies, expected", [
    # the body the measure names by description decides; its broad subject adds no second link
    ("การประชุมรัฐมนตรีกลาโหมอาเซียนครั้งที่ 14 หารือความร่วมมือ", ["ADMM"], ["1.1"]),
    # a body of the same family (ADSOM works for the ADMM)
    ("ที่ประชุมเจ้าหน้าที่อาวุโสกลาโหมอาเซียนเตรียมการประชุมรัฐมนตรี", ["ADSOM"], ["1.1"]),
    # a sectoral body's mandate: drugs are a transnational crime
    ("การประชุมรัฐมนตรีอาเซียนด้านยาเสพติดครั้งที่ 7", ["AMMD"], ["1.3"]),
    # a specific subject in the text alone
    ("คณะทำงานหารือร่างสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน", [], ["1.5"]),
    # a broad subject alone decides nothing
    ("รัฐมนตรีหารือความร่วมมือด้านการศึกษาของภูมิภาค", [], []),
    # the Secretariat takes part in everything: no evidence
    ("สำนักเลขาธิการอาเซียนจัดการประชุมความร่วมมือของภูมิภาค", ["ASEC"], []),
    # trade and tourism report on nothing here
    ("นายกรัฐมนตรีหารือการค้าและการท่องเที่ยวกับญี่ปุ่น", [], []),
])
def test_links_decide_on_evidence(text: str, bodies: list[str], expected: list[str]) -> None:
    assert refs(text, bodies) == expected


def test_an_intention_on_a_subject_is_no_happening() -> None:
    e = Event("plan", "อาเซียนจะส่งเสริมการปราบปรามอาชญากรรมข้ามชาติต่อไป", (0, 1), date="2019-03-05")
    news = ParsedDocument(Document.from_text("", id="n"), kind="news", events=(e,))
    assert link_corpus([plan(), news])[1].events[0].measures == ()
    # the same words as a reported meeting link
    assert refs("ที่ประชุมหารือการปราบปรามอาชญากรรมข้ามชาติ") == ["1.3"]


def test_a_second_link_needs_its_own_anchor() -> None:
    got = refs("ที่ประชุมหารือการปราบปรามอาชญากรรมข้ามชาติและสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน")
    assert sorted(got) == ["1.3", "1.5"]


def test_evidence_names_what_decided() -> None:
    e = Event("meeting", "การประชุมรัฐมนตรีกลาโหมอาเซียน", (0, 1), date="2019-03-05", bodies=("ADMM",))
    news = ParsedDocument(Document.from_text("", id="n"), kind="news", events=(e,))
    link = link_corpus([plan(), news])[1].events[0].measures[0]
    assert link.evidence[0] == "ADMM"


@pytest.mark.parametrize("title, term", [
    ("ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเลของอาเซียน", "maritime"),
    ("ส่งเสริมสิทธิมนุษยชน", "human rights"),
    ("Strengthen cooperation against transnational crime", "อาชญากรรมข้ามชาติ"),
    ("ส่งเสริมบทบาทของ ARF", "ASEAN Regional Forum"),
])
def test_search_terms(title: str, term: str) -> None:
    m = Measure("p#1", "p", "1", None, 1, title, (0, 1), bodies=("ARF",) if "ARF" in title else ())
    assert term in measure_search_terms(m)


def test_graph_search_finds_thai_measures_in_english() -> None:
    from aseandocs.graph import MeasureGraph
    ms = (Measure("p#1.2.7", "p", "1.2.7", None, 3, "ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเลของอาเซียน", (0, 1)),
          Measure("p#1.1.4", "p", "1.1.4", None, 3, "ส่งเสริมสิทธิมนุษยชน", (2, 3)))
    g = MeasureGraph.from_documents([ParsedDocument(Document.from_text("", id="p"), kind="plan",
                                                    measures=ms)], registry=False)
    assert [h.ref for h in g.search("maritime")] == ["1.2.7"]
    assert [h.ref for h in g.search("human rights")] == ["1.1.4"]


def test_a_body_mandate_decides_only_when_no_measure_names_the_body() -> None:
    text = "การประชุมรัฐมนตรีกลาโหมอาเซียนหารือความโปร่งใสของนโยบายกลาโหม"
    assert refs(text, ["ADMM"]) == ["1.1"]          # 1.1 names the ADMM: defence alone adds nothing
    without = plan()
    without = ParsedDocument(without.document, kind="plan", date=without.date,
                             measures=tuple(m for m in without.measures if m.ref != "1.1"))
    e = Event("meeting", text, (0, 1), date="2019-03-05", bodies=("ADMM",))
    news = ParsedDocument(Document.from_text("", id="n"), kind="news", events=(e,))
    assert [l.ref for l in link_corpus([without, news])[1].events[0].measures] == ["1.2"]


def _stance_refs(text: str, instruments=()) -> list[str]:
    e = Event("stance", text, (0, len(text)), date="2019-03-05", instruments=tuple(instruments))
    news = ParsedDocument(Document.from_text("", id="n"), kind="news", date="2019-03-06", events=(e,))
    return [l.ref for l in link_corpus([plan(), news])[1].events[0].measures]


@pytest.mark.parametrize("text, instruments, expected", [
    # a stance on a step (a negotiation's progress) reports on the measure
    ("อาเซียนยินดีที่การเจรจาสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดนมีความคืบหน้า",
     ["สนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน"], ["1.5"]),
    ("The ministers welcomed the progress of negotiations on an extradition treaty.", [], ["1.5"]),
    # the same instrument as a principle reports nothing
    ("ไทยย้ำว่ายึดมั่นในสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน",
     ["สนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน"], []),
    ("Thailand reaffirmed its commitment to fighting transnational crime.", [], []),
])
def test_a_stance_links_only_when_it_speaks_of_a_step(text, instruments, expected) -> None:
    assert _stance_refs(text, instruments) == expected


@pytest.mark.parametrize("text", ["คุ้มครองสิทธิของแรงงานอพยพ", "คุ้มครองสิทธิของแรงงานข้ามชาติ",
                                  "protect the rights of migrant workers"])
def test_three_thai_spellings_of_migrant_workers_are_one_subject(text: str) -> None:
    assert "migrant workers" in subjects(text)


def test_mutual_assistance_in_criminal_matters_with_or_without_nai_rueang() -> None:
    for text in ("ความช่วยเหลือซึ่งกันและกันทางอาญา", "ความช่วยเหลือซึ่งกันและกันในเรื่องอาญา",
                 "ความช่วยเหลือซึ่งกันและกันในเรื่องทางอาญา"):
        assert "mutual legal assistance" in subjects(text)


def test_when_a_measure_names_the_events_body_a_subject_alone_adds_no_other_measure() -> None:
    text = "การประชุมรัฐมนตรีกลาโหมอาเซียนหารือการต่อต้านอาชญากรรมข้ามชาติ"
    assert refs(text, ["ADMM"]) == ["1.1"]
    # without a body that a measure names, the subject decides
    assert refs(text, ["ASEC"]) == ["1.3"]


@pytest.mark.parametrize("body, same", [
    ("ADMM-PLUS", "ADMM"),          # the ADMM's ministers with their eight partners
    ("AEM-CHINA", "AEM"),           # the economic ministers' consultations with China
    ("ARF-SOM", None),              # the forum's senior officials: its family, not the forum itself
    ("ASLOM-WG-AET", None),         # a working group under the senior law officials
    ("ADMM", None),
])
def test_a_partners_meeting_is_the_body_meeting(body: str, same: str | None) -> None:
    from aseandocs.linking.evidence import partners_meeting_of
    assert partners_meeting_of(body) == same


def test_an_admm_plus_meeting_reports_on_the_admm_measure_as_the_admm_would() -> None:
    """An ADMM-Plus event weighs for a measure naming the ADMM as an ADMM event does, not as the
    lighter family evidence of its senior officials."""
    plus = refs("การประชุม ADMM-Plus จะจัดขึ้นเป็นประจำทุกปี", ["ADMM-PLUS"])
    admm = refs("การประชุม ADMM จะจัดขึ้นเป็นประจำทุกปี", ["ADMM"])
    assert plus == admm == ["1.1"]
    from aseandocs.linking.link import LinkConfig, _Query
    q = _Query.of(Event("meeting", "ADMM-Plus", (0, 9), bodies=("ADMM-PLUS",)), LinkConfig())
    assert q.weights["body:ADMM"] == LinkConfig().body_boost
