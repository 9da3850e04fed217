"""Lists of who attended a meeting are no meeting of their own (news/attendance.py).

Every sentence here is written for the test; none is taken from ../shared.
"""
from __future__ import annotations

import pytest

from aseandocs.model import Document
from aseandocs.news import extract_events

_HEAD = "ข่าวต่างประเทศ\n\nวันพุธที่ 12 มกราคม 2565\n"
_MEETING = ("เมื่อวันที่ 10 มกราคม 2565 ผู้แทนของประเทศสมาชิกอาเซียนได้เข้าร่วมการประชุมประสานงาน"
            "ประชาคมการเมืองและความมั่นคงอาเซียน ครั้งที่ 20 ณ กรุงจาการ์ตา\n")


def _events(text: str) -> list:
    return extract_events(Document.from_text(_HEAD + text))


@pytest.mark.parametrize("listing", [
    "หน่วยงานรายสาขาที่ส่งผู้แทนเข้าร่วม ประกอบด้วย ที่ประชุมเจ้าหน้าที่อาวุโสกลาโหมอาเซียน (ADSOM) "
    "และคณะกรรมาธิการระหว่างรัฐบาลอาเซียนว่าด้วยสิทธิมนุษยชน (AICHR)",
    "ผู้เข้าร่วมการประชุมครั้งนี้ได้แก่ ที่ประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านยาเสพติด (ASOD)",
    "Participants included the ASEAN Defence Senior Officials' Meeting and the ASEAN Senior Officials "
    "Meeting on Transnational Crime.",
])
def test_a_list_of_attendees_is_no_meeting(listing: str) -> None:
    events = _events(_MEETING + listing + "\n")
    assert [e.type for e in events] == ["meeting"] and events[0].text.startswith("เมื่อวันที่ 10")


@pytest.mark.parametrize("text", [
    # the meeting comes first, who attended it after: the meeting stays
    "The 20th ASEAN Political-Security Community Council Meeting on 10 January 2022 was attended by ADSOM.",
    # attending a body's own meeting is that meeting
    "เมื่อวันที่ 10 มกราคม 2565 ผู้แทนกระทรวงกลาโหมเข้าร่วมการประชุมเจ้าหน้าที่อาวุโสกลาโหมอาเซียน ครั้งที่ 18",
])
def test_a_meeting_told_with_who_attended_it_stays(text: str) -> None:
    assert [e.type for e in _events(text + "\n")] == ["meeting"]


def test_a_step_in_a_list_of_attendees_stays() -> None:
    listing = ("ผู้เข้าร่วมประชุมประกอบด้วย ผู้แทนที่ประชุมเจ้าหน้าที่อาวุโสอาเซียนว่าด้วยอาชญากรรมข้ามชาติ "
               "ซึ่งได้ลงนามในบันทึกความเข้าใจว่าด้วยความร่วมมือด้านการต่อต้านการค้ามนุษย์\n")
    assert "signing" in [e.type for e in _events(_MEETING + listing)]
