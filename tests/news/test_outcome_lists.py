"""Lists of outcome documents under the statement that adopts them (news/outcomes.py).

Every sentence here is written for the test; none is taken from ../shared.
"""
from __future__ import annotations

import pytest

from aseandocs.model import Document
from aseandocs.news import extract_events
from aseandocs.news.outcomes import outcome_items

_HEAD = "ข่าวทำเนียบรัฐบาล\n\nวันพุธที่ 12 มกราคม 2565\nพิมพ์\n"


def _events(text: str) -> list:
    return extract_events(Document.from_text(_HEAD + text))


THAI_LIST = ("เมื่อวันที่ 10 มกราคม 2565 ผู้นำอาเซียนได้ให้การรับรองเอกสารผลลัพธ์ทั้งสิ้น 3 ฉบับ ดังนี้\n"
             "การประชุมสุดยอดอาเซียน ครั้งที่ 40\n"
             "1. ปฏิญญาอาเซียนว่าด้วยการพัฒนาทักษะของเยาวชน (ASEAN Declaration on Youth Skills)\n"
             "2. ถ้อยแถลงร่วมอาเซียนว่าด้วยการลดภัยพิบัติสำหรับการประชุมรัฐภาคีครั้งที่ 5\n"
             "การประชุมสุดยอดอาเซียน-ญี่ปุ่น\n"
             "3. แผนงานความร่วมมืออาเซียน-ญี่ปุ่นด้านการต่อต้านการค้ายาเสพติด\n"
             "นายกรัฐมนตรีกล่าวขอบคุณประเทศสมาชิกทุกประเทศที่ให้ความร่วมมือตลอดการประชุมครั้งนี้ และหวังว่าจะได้พบกันอีกในปีหน้า\n")


def test_each_listed_document_is_an_adoption_of_the_statements_date() -> None:
    items = [e for e in _events(THAI_LIST) if e.text.startswith(("ปฏิญญา", "ถ้อยแถลง", "แผนงาน"))]
    assert [e.text[:12] for e in items] == ["ปฏิญญาอาเซีย", "ถ้อยแถลงร่วม", "แผนงานความร่"]
    assert {e.type for e in items} == {"adoption"} and {e.date for e in items} == {"2022-01-10"}
    assert all(e.status == "done" for e in items)
    # the document of the line is among the event's instruments, even where the name scan
    # does not see it ("แผนงานความร่วมมือ...")
    assert all(any(i.startswith(e.text[:6]) for i in e.instruments) for e in items)


def test_a_listed_documents_instrument_is_its_name_not_its_description() -> None:
    text = ("เมื่อวันที่ 10 มกราคม 2565 รัฐมนตรีแรงงานอาเซียนได้ให้การรับรองเอกสาร ดังนี้\n"
            "1. แนวทางอาเซียนว่าด้วยความปลอดภัยในการทำงาน (ASEAN Guidelines on Workplace Safety) "
            "เป็นเอกสารแนวทางสำหรับประเทศสมาชิกในการป้องกันอุบัติเหตุจากการทำงานในโรงงานและสถานประกอบการ\n"
            "2. แผนงานอาเซียนด้านแรงงาน เป็นเอกสารที่กำหนดกิจกรรมความร่วมมือด้านแรงงานระหว่างปี 2564-2568\n")
    items = [e for e in _events(text) if e.text.startswith(("แนวทาง", "แผนงาน"))]
    assert [e.type for e in items] == ["adoption", "adoption"]
    assert "แนวทางอาเซียนว่าด้วยความปลอดภัยในการทำงาน (ASEAN Guidelines on Workplace Safety)" in items[0].instruments
    assert "แผนงานอาเซียนด้านแรงงาน" in items[1].instruments
    assert all(len(i) <= 120 for e in items for i in e.instruments)


def test_a_meeting_named_inside_a_document_is_no_meeting() -> None:
    """"...สำหรับการประชุมรัฐภาคี..." names the meeting a statement is for; the line is the
    statement's adoption, not a meeting."""
    line = [e for e in _events(THAI_LIST) if "การประชุมรัฐภาคี" in e.text]
    assert [e.type for e in line] == ["adoption"]


ENGLISH_LIST = ("On 10 January 2022 the ASEAN Leaders adopted the following documents:\n"
                "1) ASEAN Leaders' Declaration on the Blue Economy\n"
                "2) Joint Statement on Cooperation against Drug Trafficking\n"
                "(3) Terms of Reference of the High-Level Task Force on Community Building\n")


def test_an_english_list() -> None:
    items = [e for e in _events(ENGLISH_LIST) if not e.text.startswith("On 10")]
    assert [e.text.split()[0] for e in items] == ["ASEAN", "Joint", "Terms"]
    assert {(e.type, e.date) for e in items} == {("adoption", "2022-01-10")}


@pytest.mark.parametrize("text", [
    # points agreed, not documents: each line opens with a verb, not with a document's kind
    "ที่ประชุมได้ให้ความเห็นชอบในประเด็นต่างๆ ดังนี้\n1. ให้ความสำคัญกับการฟื้นฟูเศรษฐกิจหลังโควิด\n"
    "2. เร่งรัดการเจรจาความตกลงการค้าให้แล้วเสร็จ\n",
    # an agenda: a meeting's statement opens no list of outcome documents
    "การประชุมครั้งนี้มีวาระการหารือ ดังนี้\n1. แผนงานด้านการท่องเที่ยว\n2. แผนงานด้านการศึกษา\n",
    # an adoption that opens no list: the numbered lines after it are the report's own points
    "ที่ประชุมได้รับรองปฏิญญาว่าด้วยเยาวชนแล้ว\n1. แผนงานการประชุมครั้งต่อไปจะหารือในเดือนมีนาคม\n",
])
def test_lines_that_are_no_outcome_documents(text: str) -> None:
    lines = text.split("\n")[1:]
    for e in _events(text):
        assert not any(line and e.text == line.split(" ", 1)[1] and e.type in ("approval", "adoption", "agreement")
                       for line in lines), e


def test_a_long_sentence_ends_the_list() -> None:
    text = ("ผู้นำรับรองเอกสาร ดังนี้\n1. ปฏิญญาว่าด้วยเยาวชน\n"
            "หลังจากนั้นนายกรัฐมนตรีได้เดินทางไปเยี่ยมชมนิทรรศการและพบปะกับผู้แทนภาคเอกชนของไทยที่เดินทางไปร่วมงานเป็นจำนวนมาก\n"
            "2. แผนงานด้านการท่องเที่ยวของจังหวัด\n")
    assert [text[s:e] for s, e in outcome_items(text, text.index("\n"))] == ["ปฏิญญาว่าด้วยเยาวชน"]



# --- points agreed (news/outcomes.py: agreed_points, with_agreed_points) ------------------------

POINTS = ("เมื่อวันที่ 10 มกราคม 2565 ผู้นำอาเซียนได้หารือเรื่องสถานการณ์ในภูมิภาค "
          "โดยที่ประชุมเห็นชอบร่วมกัน 3 ประการ ได้แก่ (1) การยุติการสู้รบในพื้นที่ชายแดน "
          "(2) อาเซียนจะส่งความช่วยเหลือด้านมนุษยธรรมผ่านศูนย์ประสานงานอาเซียน "
          "(3) ผู้แทนพิเศษจะหารือกับทุกฝ่าย\n"
          "นายกรัฐมนตรีกล่าวขอบคุณประเทศสมาชิกทุกประเทศที่ให้ความร่วมมือตลอดการประชุมครั้งนี้\n")


def test_each_point_agreed_is_the_agreement_of_its_date_not_a_plan_or_a_meeting() -> None:
    """A point agreed with "จะ" (will) or "หารือ" (talk) in it is what was agreed, on the day it was
    agreed: not a plan or a meeting for later, undated; a point with no cue is an agreement too."""
    points = [e for e in _events(POINTS) if e.text.startswith(("การยุติ", "อาเซียนจะ", "ผู้แทนพิเศษ"))]
    assert [e.text[:8] for e in points] == ["การยุติก", "อาเซียนจ", "ผู้แทนพิ"]
    assert {(e.type, e.status, e.date) for e in points} == {("agreement", "done", "2022-01-10")}


def test_english_points_agreed() -> None:
    text = ("On 10 January 2022 the ASEAN Leaders agreed on 2 points: (1) ASEAN will deliver "
            "humanitarian assistance through the AHA Centre (2) the Special Envoy will meet all parties\n")
    points = [e for e in _events(text) if e.text.startswith(("ASEAN will", "the Special"))]
    assert [(e.type, e.date) for e in points] == [("agreement", "2022-01-10")] * 2


@pytest.mark.parametrize("text", [
    # no count of points: a decision over numbered paragraphs of all kinds (a cabinet's "ดังนี้")
    "เมื่อวันที่ 10 มกราคม 2565 คณะรัฐมนตรีมีมติเห็นชอบ ดังนี้ 1. ให้กระทรวงการต่างประเทศจะจัดการประชุม 2. ให้สำนักงบประมาณจะจัดสรรงบ\n",
    # a count the list does not hold: the numbering is something else
    "เมื่อวันที่ 10 มกราคม 2565 ที่ประชุมเห็นชอบร่วมกัน 4 ประการ ได้แก่ (1) อาเซียนจะจัดการประชุม (2) ไทยจะเป็นเจ้าภาพ\n",
])
def test_a_list_that_does_not_say_it_holds_the_points_agreed_keeps_its_plans(text: str) -> None:
    assert "agreement" not in {e.type for e in _events(text) if e.text.startswith(("ให้", "อาเซียนจะ", "ไทยจะ"))}


def test_a_point_that_is_a_step_of_its_own_stays_that_step() -> None:
    text = ("เมื่อวันที่ 10 มกราคม 2565 รัฐมนตรีเห็นชอบร่วมกัน 2 ประการ ได้แก่ (1) การลงนามในบันทึกความเข้าใจว่าด้วยความร่วมมือด้านแรงงาน "
            "(2) การจัดตั้งคณะทำงานร่วม\n")
    types = {e.text[:8]: e.type for e in _events(text)}
    assert types.get("การลงนาม") == "signing"
