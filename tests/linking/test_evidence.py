"""Evidence that decides a link (linking.evidence) and bilingual search terms (linking.search_terms)."""
from __future__ import annotations

import pytest

from aseandocs.linking import link_corpus
from aseandocs.linking.evidence import (broad_subjects, described_bodies, family, is_weak, regional_events,
                                        subjects,
                                        subjects_of_bodies)
from aseandocs.linking.search_terms import measure_search_terms
from aseandocs.model import Activity, Document, Event, Measure, Mention, ParsedDocument


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


def test_a_family_goes_up_only() -> None:
    # the officials work for the ministers; the ministers' meeting is no step of the officials' task
    assert family("ADMM") == {"ADMM"} and family("AMMTC") == {"AMMTC"}


@pytest.mark.parametrize("body, weak", [("ASEC", True), ("ASEAN-SUMMIT", True), ("ASEAN-SG", True),
                                        ("SOMTC", False), ("ARF", False)])
def test_weak_bodies(body: str, weak: bool) -> None:
    assert is_weak(body) is weak


@pytest.mark.parametrize("text, expected", [
    ("ความร่วมมือด้านการศึกษา", {"education"}),
    ("ปราบปรามการลักลอบค้ายาเสพติด", {"drug", "transnational crime"}),   # part_of
    ("the Declaration was adopted", set()),                                # a kind of instrument
    # the socio-cultural pillar's name is no word on culture
    ("การประชุมเจ้าหน้าที่อาวุโสสำหรับคณะมนตรีประชาคมสังคมและวัฒนธรรมอาเซียน", {"socio-cultural"}),
    ("Senior Officials Committee for the ASEAN Socio-Cultural Community", {"socio-cultural"}),
    ("ความร่วมมือด้านวัฒนธรรมและศิลปะ", {"culture"}),
    # the ASEAN Charter by its name, not any body's charter
    ("การใช้กฎบัตรคณะอนุกรรมการบริหารความเสี่ยง", set()),
    ("กฎบัตรอาเซียนมีผลใช้บังคับ", {"asean charter"}),
    # a good practice is no code of conduct; the South China Sea's is
    ("การแสดงแนวทางปฏิบัติที่ดีที่สุดของประเทศไทย", set()),
    ("การเจรจาจัดทำประมวลแนวทางปฏิบัติในทะเลจีนใต้", {"code of conduct", "south china sea"}),
    # the law of the sea and international law are not the members' legal systems
    ("อนุสัญญาสหประชาชาติว่าด้วยกฎหมายทะเล", {"law of the sea"}),
    ("ตามหลักการของกฎหมายระหว่างประเทศ", {"international law"}),
    ("ความเข้าใจระบบกฎหมายของประเทศสมาชิก", {"legal"}),
    # trafficking in persons and in drugs is no trade ("การค้า" inside their names)
    ("ปราบปรามการค้ามนุษย์", {"trafficking in persons", "transnational crime"}),
    ("เครือข่ายการค้ายาเสพติด", {"drug", "transnational crime"}),
    ("การค้าระหว่างประเทศและการค้ามนุษย์", {"trade", "trafficking in persons", "transnational crime"}),
])
def test_subjects(text: str, expected: set[str]) -> None:
    assert subjects(text) == expected


def test_broad_subjects_and_body_subjects() -> None:
    assert {"education", "defence", "culture"} <= broad_subjects()
    assert "extradition" not in broad_subjects() and "transnational crime" not in broad_subjects()
    assert "defence" in subjects_of_bodies(["ADMM"])
    assert subjects_of_bodies(["ASEC"]) == set()      # not a sectoral body
    # the socio-cultural pillar's officials cover every social sector, not culture and the arts
    assert subjects_of_bodies(["SOCA"]) == {"socio-cultural"}
    assert "culture" in subjects_of_bodies(["AMCA"])


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


#: A news item's headline naming ASEAN: the frame of the events the tests link.
ASEAN_HEADLINE = "ผลการประชุมอาเซียน"


def refs(text: str, bodies=(), instruments=(), headline: str = ASEAN_HEADLINE) -> list[str]:
    """The refs an event of ``text`` links to, in a news item under ``headline``."""
    full = f"{headline}\n{text}"
    e = Event("meeting", text, (len(full) - len(text), len(full)), date="2019-03-05", bodies=tuple(bodies),
              instruments=tuple(instruments))
    news = ParsedDocument(Document.from_text(full, id="n"), kind="news", date="2019-03-06", events=(e,))
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


def test_outside_aseans_frame_a_subject_decides_nothing_and_a_body_still_does() -> None:
    text = "คณะทำงานไทย-อินเดียหารือร่างสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน"
    assert refs(text) == ["1.5"]
    assert refs(text, headline="ข่าวกระทรวงยุติธรรม") == []    # two governments' treaty, not ASEAN's
    assert refs("ที่ประชุมเจ้าหน้าที่อาวุโสกลาโหมหารือ", ["ADSOM"], headline="ข่าวกระทรวงกลาโหม") == ["1.1"]


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
    full = f"{ASEAN_HEADLINE}\n{text}"
    e = Event("stance", text, (len(full) - len(text), len(full)), date="2019-03-05",
              instruments=tuple(instruments))
    news = ParsedDocument(Document.from_text(full, id="n"), kind="news", date="2019-03-06", events=(e,))
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


# --- ASEAN's frame (regional_events) --------------------------------------------------------

def _news(text: str, *sentences: str, kind: str = "news", measures=()) -> ParsedDocument:
    events = tuple(Event("meeting", s, (text.index(s), text.index(s) + len(s)), date="2019-03-05")
                   for s in sentences)
    return ParsedDocument(Document.from_text(text, id="n"), kind=kind, date="2019-03-06",
                          measures=measures, events=events)


def test_a_news_items_sentences_share_its_frame() -> None:
    text = ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านกฎหมาย ณ กรุงเทพฯ\n"
            "ที่ประชุมหารือร่างสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน")
    doc = _news(text, "ที่ประชุมหารือร่างสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน")
    assert regional_events(doc) == [True]
    assert [l.ref for l in link_corpus([plan(), doc])[1].events[0].measures] == ["1.5"]


def test_a_national_story_mentioning_asean_in_passing_is_not_aseans() -> None:
    """A news item is ASEAN's by its headline or lead: the drug squad's arrests are no step of the
    ASEAN plan because the eighth paragraph recalls an ASEAN meeting."""
    said = "ตำรวจปราบปรามยาเสพติดจับกุมเครือข่ายอาชญากรรมข้ามชาติได้ 12 ราย"
    filler = "\n".join(f"เจ้าหน้าที่ตรวจยึดของกลางได้เพิ่มเติมในพื้นที่ที่ {i} ของจังหวัด" for i in range(30))
    late = f"{said}\n{filler}\nทั้งนี้ ไทยเคยร่วมการประชุมรัฐมนตรีอาเซียนด้านยาเสพติดเมื่อปีที่แล้ว"
    assert late.index("อาเซียน") > 1000
    assert regional_events(_news(late, said)) == [False]
    early = f"ไทยร่วมมือกับอาเซียนปราบปรามยาเสพติด\n{said}\n{filler}"
    assert regional_events(_news(early, said)) == [True]


def test_a_national_news_item_reports_on_no_asean_plan() -> None:
    text = "กระทรวงยุติธรรมลงนามบันทึกความเข้าใจกับอินเดียเรื่องการส่งผู้ร้ายข้ามแดน"
    doc = _news(text, text)
    assert regional_events(doc) == [False]
    assert link_corpus([plan(), doc])[1].events[0].measures == ()


def test_each_agenda_item_of_a_report_has_its_own_frame() -> None:
    # a cabinet meeting's summary: item 1 is ASEAN's, item 2 a national matter on the same subject
    item1 = "1. เรื่อง ผลการประชุมรัฐมนตรีอาเซียนด้านกฎหมาย\nที่ประชุมหารือร่างสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน"
    item2 = "2. เรื่อง ร่างพระราชบัญญัติ\nคณะรัฐมนตรีเห็นชอบร่างกฎหมายว่าด้วยการส่งผู้ร้ายข้ามแดน"
    text = "สรุปข่าวการประชุมคณะรัฐมนตรี\n" + item1 + "\n" + item2
    ms = tuple(Measure(f"n#{r}", "n", r, None, 1, t, (text.index(t), text.index(t) + len(t)), role="section")
               for r, t in (("1", item1.split("\n")[0][3:]), ("2", item2.split("\n")[0][3:])))
    doc = _news(text, "ที่ประชุมหารือร่างสนธิสัญญาว่าด้วยการส่งผู้ร้ายข้ามแดน",
                "คณะรัฐมนตรีเห็นชอบร่างกฎหมายว่าด้วยการส่งผู้ร้ายข้ามแดน", kind="report", measures=ms)
    assert regional_events(doc) == [True, False]
    linked = link_corpus([plan(), doc])[1]
    assert [l.ref for l in linked.events[0].measures] == ["1.5"]
    assert linked.events[1].measures == ()


def test_an_agenda_item_is_aseans_by_its_heading_and_opening() -> None:
    """An agenda item on a UN council's session is not ASEAN's because its last paragraph recalls
    ASEAN; one headed by an ASEAN meeting is, to its end."""
    filler = "\n".join(f"ข้อพิจารณาที่ {i} ของกระทรวงการต่างประเทศต่อการประชุมดังกล่าว" for i in range(30))
    said = "ที่ประชุมหารือเรื่องสิทธิมนุษยชน"
    un = f"1. เรื่อง การประชุมคณะมนตรีสิทธิมนุษยชนแห่งสหประชาชาติ\n{filler}\n{said}\nทั้งนี้ ไทยเคยหารือในกรอบอาเซียน"
    ours = f"2. เรื่อง ผลการประชุมรัฐมนตรีอาเซียน\n{filler}\n{said}"
    text = "สรุปข่าวการประชุมคณะรัฐมนตรี\n" + un + "\n" + ours
    ms = tuple(Measure(f"n#{r}", "n", r, None, 1, t, (text.index(t), text.index(t) + 20), role="section")
               for r, t in (("1", un[3:30]), ("2", ours[3:30])))
    at = [text.index(said), text.rindex(said)]
    events = tuple(Event("meeting", said, (a, a + len(said)), date="2019-03-05") for a in at)
    doc = ParsedDocument(Document.from_text(text, id="n"), kind="report", date="2019-03-06",
                         measures=ms, events=events)
    assert regional_events(doc) == [False, True]


def test_an_agenda_heading_opens_an_item_the_plan_parser_did_not_take() -> None:
    """A cabinet summary numbers an item's own points as it numbers its items: the parser's
    top-level "measures" are the ASEAN item's points "1.", "2.", and the next item, "26. เรื่อง …"
    (a UN declaration), is no measure. Its heading still ends the ASEAN item."""
    said = "ที่ประชุมรับรองร่างปฏิญญาทางการเมืองเรื่องการปราบปรามการค้ามนุษย์"
    asean = "25. เรื่อง ผลการประชุมสุดยอดอาเซียน-รัสเซีย\n1. ที่ประชุมฯ ย้ำความเป็นแกนกลางของอาเซียน\n"
    un = "26. เรื่อง ร่างปฏิญญาทางการเมืองของสหประชาชาติ\nคณะรัฐมนตรีมีมติเห็นชอบ\n"
    text = "สรุปข่าวการประชุมคณะรัฐมนตรี\n" + asean + un + said
    point = asean.split("\n")[1]
    ms = tuple(Measure(f"n#{r}", "n", r, None, 1, t, (text.index(t), text.index(t) + len(t)))
               for r, t in (("25", asean.split("\n")[0][4:]), ("1", point[3:])))
    at = text.index(said)
    doc = ParsedDocument(Document.from_text(text, id="n"), kind="report", date="2021-11-23", measures=ms,
                         events=(Event("adoption", said, (at, at + len(said)), date="2021-11-23"),))
    assert regional_events(doc) == [False]
    inside = text.index(point) + 3     # an event of the ASEAN item's own point is still ASEAN's
    doc = ParsedDocument(doc.document, kind="report", date="2021-11-23", measures=ms,
                         events=(Event("meeting", point[3:], (inside, inside + 20), date="2021-11-23"),))
    assert regional_events(doc) == [True]


def test_southeast_asia_and_a_body_mention_are_asean_frames() -> None:
    text = "บาห์เรนภาคยานุวัติสนธิสัญญาไมตรีและความร่วมมือในเอเชียตะวันออกเฉียงใต้"
    assert regional_events(_news(text, text)) == [True]
    text = "The SOMTC met in Hanoi.\nThe officials discussed extradition."
    doc = _news(text, "The officials discussed extradition.")
    doc = ParsedDocument(doc.document, kind="news", events=doc.events,
                         mentions=(Mention("SOMTC", "SOMTC", (4, 9)),))
    assert regional_events(doc) == [True]


@pytest.mark.parametrize("act", [
    "และการลงนามบันทึกความเข้าใจระหว่างไทยกับลาวว่าด้วยการส่งผู้ร้ายข้ามแดน",
    "โดยไทยและออสเตรเลียจะร่วมลงนามในบันทึกความเข้าใจว่าด้วยการส่งผู้ร้ายข้ามแดน",
    "ความร่วมมือระหว่างราชอาณาจักรไทยกับญี่ปุ่นในการส่งผู้ร้ายข้ามแดน",
    "The memorandum between Thailand and Japan covers extradition.",
])
def test_thailand_and_one_other_country_act_on_their_own(act: str) -> None:
    text = "นายกรัฐมนตรีเข้าร่วมการประชุมสุดยอดอาเซียน\n" + act
    assert regional_events(_news(text, "การประชุมสุดยอดอาเซียน", act)) == [True, False]
    # ... where Thailand and ASEAN are ASEAN's
    ours = "ความร่วมมือระหว่างไทยกับอาเซียนในการส่งผู้ร้ายข้ามแดน"
    assert regional_events(_news("ข่าว\n" + ours, ours)) == [True]


def test_bilateral_talks_on_an_asean_meetings_sidelines_are_not_aseans() -> None:
    talks = ("ในระหว่างการประชุมรัฐมนตรีอาเซียนด้านยาเสพติด รัฐมนตรีได้หารือทวิภาคีกับเมียนมา"
             "เรื่องการส่งผู้ร้ายข้ามแดน")
    both = "ไทยพร้อมขยายความร่วมมืออาเซียนทั้งทวิภาคีและพหุภาคีเรื่องการส่งผู้ร้ายข้ามแดน"
    assert regional_events(_news(f"{talks}\n{both}", talks, both)) == [False, True]


def test_two_governments_act_takes_no_frame_from_its_document() -> None:
    text = ("นายกรัฐมนตรีเข้าร่วมการประชุมสุดยอดอาเซียน\n"
            "และพิธีลงนามบันทึกความเข้าใจระหว่างรัฐบาลไทยและรัฐบาลอินเดียว่าด้วยการส่งผู้ร้ายข้ามแดน")
    doc = _news(text, "การประชุมสุดยอดอาเซียน",
                "และพิธีลงนามบันทึกความเข้าใจระหว่างรัฐบาลไทยและรัฐบาลอินเดียว่าด้วยการส่งผู้ร้ายข้ามแดน")
    assert regional_events(doc) == [True, False]


@pytest.mark.parametrize("headline, bilateral", [
    ("นายกฯ หารือเอกอัครราชทูตออสเตรเลีย พร้อมสานต่อความร่วมมือด้านการค้ามนุษย์", True),
    ("นายกฯ ไทย – แคนาดา หารือทวิภาคี พร้อมขยายความร่วมมือระหว่างกัน", True),
    ("The Minister received a courtesy call from the Ambassador of Japan", True),
    ("นายกฯ หารือประธานคณะมนตรียุโรป ส่งเสริมความร่วมมือด้านความมั่นคง", True),
    ("รัฐมนตรีว่าการกระทรวงยุติธรรม หารือ ผบ.ตร.เมียนมา ถกความร่วมมือปราบยาเสพติด", True),
    ("รองนายกฯ รับ ออท.ออสเตรเลีย ย้ำความร่วมมือต่อต้านการค้ามนุษย์", True),
    ("รมว.กห.เกาหลี เยี่ยมคำนับ นรม. ย้ำความสัมพันธ์และความร่วมมือด้านความมั่นคง", True),   # a courtesy call
    ("นายกรัฐมนตรีหารือผู้นำอาเซียนเรื่องเมียนมา", False),            # ASEAN's leaders
    ("เอกอัครราชทูตผู้แทนถาวรไทยประจำอาเซียนร่วมการประชุม", False),   # ASEAN's own ambassador
    ("การประชุมรัฐมนตรีอาเซียนด้านกฎหมาย", False),
])
def test_a_news_item_that_is_two_governments_meeting_frames_nothing(headline: str, bilateral: bool) -> None:
    """What two governments discussed (trafficking, human rights) is ASEAN's only by the event's own
    words, whatever else the item says of ASEAN."""
    said = "ทั้งสองฝ่ายหารือความร่วมมือเรื่องการส่งผู้ร้ายข้ามแดน"
    text = f"{headline}\n{said}\nทั้งนี้ ไทยจะเป็นประธานอาเซียนในปีหน้า"
    doc = ParsedDocument(Document.from_text(text, id="n"), kind="news", title=headline, date="2019-03-06",
                         events=(Event("meeting", said, (text.index(said), text.index(said) + len(said)),
                                       date="2019-03-05"),))
    assert regional_events(doc) == [not bilateral]
    assert bool(link_corpus([plan(), doc])[1].events[0].measures) is not bilateral


def test_nuclear_weapons_as_such_are_not_the_zones_subject() -> None:
    assert "nuclear weapon-free zone" in subjects("สนธิสัญญาว่าด้วยเขตปลอดอาวุธนิวเคลียร์ในภูมิภาคเอเชียตะวันออกเฉียงใต้")
    assert "nuclear weapon-free zone" not in subjects("ทำให้คาบสมุทรเกาหลีปลอดอาวุธนิวเคลียร์")


def test_the_digital_ministers_field_is_not_information_and_media() -> None:
    # "information technology" and "การสื่อสาร" (communication) hold "information" and "สื่อ" (media)
    assert subjects_of_bodies(["ADGMIN"]) == {"information technology"}
    assert subjects_of_bodies(["AMRI"]) == {"information"}
    assert subjects("สื่อมวลชนและข้อมูลข่าวสาร") == {"information"}
    # an entry that does not cover keeps the shorter subjects inside its terms
    assert {"maritime", "maritime security"} <= subjects("maritime security")
    assert {"legal", "rule of law"} <= subjects("Strengthen the rule of law")


def test_accession_is_an_act_not_a_subject() -> None:
    # acceding to the Paris Agreement or a tax agreement is no step of the TAC measure
    assert "accession" not in subjects("ประเทศไทยเข้าเป็นภาคีความตกลงปารีส")
    # the treaty named decides: both Thai spellings of the TAC
    assert "treaty of amity and cooperation" in subjects("บาห์เรนภาคยานุวัติสนธิสัญญาไมตรีและความร่วมมือในเอเชียตะวันออกเฉียงใต้")
    assert "treaty of amity and cooperation" in subjects("การภาคยานุวัติสนธิสัญญามิตรภาพและความร่วมมือในเอเชียตะวันออกเฉียงใต้")


def test_a_body_mandate_anchors_a_measure_in_its_field_only() -> None:
    """A sectoral body's broad mandate (labour, women) anchors a measure whose title is in that field
    or which names a body with that mandate, never one whose activities merely touch the field: the
    human-rights measure naming the commission on women's and children's rights is a step for the
    women ministers, its activity on migrant workers' rights none for the labour ministers."""
    rights = Measure("vap#1.1", "vap", "1.1", None, 2, "ส่งเสริมสิทธิมนุษยชน", (0, 1), bodies=("ACWC",),
                     activities=(Activity("พัฒนากลไกคุ้มครองสิทธิของแรงงานอพยพ", (0, 1)),
                                 Activity("จัดตั้งคณะกรรมาธิการเพื่อส่งเสริมสิทธิสตรีและเด็ก", (0, 1))))
    labour = Measure("vap#1.2", "vap", "1.2", None, 2, "ยกระดับทักษะแรงงานของภูมิภาค", (0, 1))
    filler = tuple(Measure(f"vap#{r}", "vap", r, None, 2, t, (0, 1)) for r, (t, _) in FILLER.items())

    def refs_in(measures: tuple[Measure, ...], text: str, body: str) -> list[str]:
        vap = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29",
                             measures=measures + filler)
        e = Event("meeting", text, (0, len(text)), date="2019-03-05", bodies=(body,))
        news = ParsedDocument(Document.from_text(text, id="n"), kind="news", date="2019-03-06", events=(e,))
        return [l.ref for l in link_corpus([vap, news])[1].events[0].measures]

    almm = "การประชุมรัฐมนตรีแรงงานอาเซียนหารือการส่งเสริมสิทธิแรงงาน"
    ammw = "การประชุมรัฐมนตรีอาเซียนด้านสตรีหารือการส่งเสริมสิทธิสตรี"
    assert refs_in((rights,), almm, "ALMM") == []
    assert refs_in((rights, labour), almm, "ALMM") == ["1.2"]
    assert refs_in((rights,), ammw, "AMMW") == ["1.1"]


def test_a_pillars_own_ministers_are_no_evidence_on_their_own() -> None:
    """A measure gives the foreign ministers (the AMM, a pillar's ministers with no sector of their
    own) a task; their yearly meeting is no more a step of it than of any other measure of their
    pillar. With the measure's subject beside them it is, and a sectoral body is its own evidence."""
    from aseandocs.linking.evidence import is_general
    assert is_general("AMM") and is_general("ASEAN-SOM") and not is_general("SOMTC")
    settle = Measure("vap#1.1", "vap", "1.1", None, 2, "ใช้วิธีการระงับข้อพิพาทโดยสันติ", (0, 1), bodies=("AMM",),
                     activities=(Activity("ให้รัฐมนตรีต่างประเทศอาเซียนจัดทำขอบเขตอำนาจหน้าที่ของคณะผู้เชี่ยวชาญ", (0, 1)),
                                 Activity("ใช้คณะอัครมนตรีของสนธิสัญญาไมตรีและความร่วมมือในการระงับข้อพิพาท", (0, 1))))
    crime = Measure("vap#1.2", "vap", "1.2", None, 2, "ร่วมกันปราบปรามอาชญากรรมข้ามชาติ", (0, 1), bodies=("SOMTC",))
    filler = tuple(Measure(f"vap#{r}", "vap", r, None, 2, t, (0, 1)) for r, (t, _) in FILLER.items())
    vap = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29",
                         measures=(settle, crime) + filler)

    def refs_of(text: str, body: str) -> list[str]:
        e = Event("meeting", text, (0, len(text)), date="2019-03-05", bodies=(body,))
        news = ParsedDocument(Document.from_text(text, id="n"), kind="news", date="2019-03-06", events=(e,))
        return [l.ref for l in link_corpus([vap, news])[1].events[0].measures]

    assert refs_of("คณะรัฐมนตรีรับทราบผลการประชุมรัฐมนตรีต่างประเทศอาเซียน ครั้งที่ 54", "AMM") == []
    assert refs_of("รัฐมนตรีต่างประเทศอาเซียนเห็นชอบให้ยูเครนเข้าเป็นอัครภาคีสนธิสัญญาไมตรีและความร่วมมือ",
                   "AMM") == ["1.1"]
    assert refs_of("คณะรัฐมนตรีรับทราบผลการประชุม SOMTC ครั้งที่ 21", "SOMTC") == ["1.2"]


CRIMES = {
    "2.1": ("จัดตั้งศูนย์ช่วยเหลือผู้เสียหายจากการค้ามนุษย์ตามแนวชายแดน", ["ฝึกอบรมเจ้าหน้าที่ด่านตรวจคนเข้าเมือง"]),
    "2.2": ("ลดการแพร่ระบาดของยาเสพติดในกลุ่มเยาวชน", ["รณรงค์ในสถานศึกษา"]),
    "2.3": ("ร่วมกันปราบปรามอาชญากรรมข้ามชาติ", ["จัดตั้งกลไกประสานงาน"]),
}


def crime_plan(plan_id: str, refs: list[str]) -> ParsedDocument:
    ms = tuple(Measure(f"{plan_id}#{r}", plan_id, r, r.rsplit(".", 1)[0], 2, t, (0, 1),
                       activities=tuple(Activity(a, (0, 1)) for a in acts))
               for r, (t, acts) in {**{r: CRIMES[r] for r in refs}, **FILLER}.items())
    return ParsedDocument(Document.from_text("", id=plan_id), kind="plan", date="2010-01-01", measures=ms)


def crime_links(text: str, bodies=(), *plans: tuple[str, list[str]]) -> list[str]:
    """The measures (plan#ref) an event of ``text`` links to, beside ``plans`` (id, refs of CRIMES)."""
    full = f"{ASEAN_HEADLINE}\n{text}"
    e = Event("meeting", text, (len(full) - len(text), len(full)), date="2019-03-05", bodies=tuple(bodies))
    news = ParsedDocument(Document.from_text(full, id="n"), kind="news", date="2019-03-06", events=(e,))
    linked = link_corpus([*(crime_plan(*p) for p in plans), news])[-1]
    return sorted(l.measure for l in linked.events[0].measures)


DRUG_REPORT = ("ที่ประชุมรับทราบรายงานของการประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านยาเสพติด "
               "เรื่องการสกัดกั้นการลักลอบขนยาเสพติดตามแนวชายแดน")


def test_two_crimes_are_not_one_matter_for_being_both_transnational() -> None:
    """Drugs and trafficking in persons are both transnational crimes (the glossary's
    ``part_of``): a drug officials' report shares that wider subject with another plan's
    trafficking measure, and the words "along the border", but it is no step of it. A measure
    that names transnational crime itself still is one, and a report on trafficking links the
    trafficking measure."""
    assert crime_links(DRUG_REPORT, ["ASOD"], ("drugs", ["2.2"]), ("persons", ["2.1"])) == ["drugs#2.2"]
    from aseandocs.linking import measure_fields
    from aseandocs.linking.evidence import unshared_wider
    event = Event("meeting", DRUG_REPORT, (0, 1), bodies=("ASOD",))
    wider = {"subject:transnational crime"}
    names_it, persons = (crime_plan("c", [r]).measures[0] for r in ("2.3", "2.1"))
    assert "named:transnational crime" in measure_fields(names_it)
    assert unshared_wider(wider, event, measure_fields(names_it)) == set()
    assert unshared_wider(wider, event, measure_fields(persons)) == wider
    assert unshared_wider(wider | {"subject:drug"}, event, measure_fields(persons)) == set()   # a shared narrower one
    assert crime_links("ที่ประชุมหารือการช่วยเหลือผู้เสียหายจากการค้ามนุษย์", (),
                       ("drugs", ["2.2"]), ("persons", ["2.1"])) == ["persons#2.1"]
