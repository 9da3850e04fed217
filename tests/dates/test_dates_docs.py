"""Document dates on real page forms (issue 16, item 3). Sentences written for the test."""
from __future__ import annotations

import pytest

from aseandocs.model import Document
from aseandocs.news import find_document_date

_ITEMS = ("1. เรื่อง ร่างแผนงานด้านการศึกษา\n1.1 จัดทำฐานข้อมูลนักเรียน\n- จัดการประชุมเชิงปฏิบัติการ\n"
          "2. เรื่อง ขออนุมัติงบประมาณ\n2.1 จัดอบรมครู\n- จัดสัมมนาระดับภูมิภาค\n")


@pytest.mark.parametrize("text, kind, expected", [
    # the page's date line above a cabinet summary, whatever kind the list makes of it
    ("สรุปข่าวการประชุมคณะรัฐมนตรี 18 กรกฎาคม 2565\n\nวันจันทร์ที่ 18 กรกฎาคม 2565\nพิมพ์\n" + _ITEMS,
     "plan", "2022-07-18"),
    ("สรุปข่าวการประชุมคณะรัฐมนตรี\n\nวันพฤหัสที่ ๓ ก.ย. ๒๕๖๓\nพิมพ์\n" + _ITEMS, "plan", "2020-09-03"),
    ("Cabinet summary\nThursday, 5 March 2020\n" + _ITEMS, "plan", "2020-03-05"),
    # a metadata line
    ("Progress report of the working group\n date 2024-10-09\n" + _ITEMS, "plan", "2024-10-09"),
    ("Progress report of the working group\n date 2024-10-09\n" + _ITEMS, None, "2024-10-09"),
    # a lead naming its day: "วันนี้ (17 ต.ค.65)"
    ("ข่าวกระทรวงยุติธรรม\nวันนี้ (17 ต.ค.65) เวลา 10.00 น. ณ กระทรวงยุติธรรม รัฐมนตรีว่าการกระทรวง"
     "ยุติธรรมเป็นประธานการประชุมเตรียมการสำหรับการประชุมรัฐมนตรีอาเซียนด้านกฎหมาย ครั้งที่ 12", None,
     "2022-10-17"),
    ("ข่าวกระทรวงการต่างประเทศ\nวันนี้ (วันที่ 3 มีนาคม 2566) เวลา 14.00 น. ณ กรุงเทพฯ รัฐมนตรีว่าการ"
     "กระทรวงการต่างประเทศหารือกับเลขาธิการอาเซียนเรื่องการเตรียมการประชุมสุดยอดอาเซียน", None,
     "2023-03-03"),
    # an English date on a Thai page
    ("ข่าวต่างประเทศ\n5 March 2020\nที่ประชุมเจ้าหน้าที่อาวุโสอาเซียนได้หารือเรื่องความร่วมมือด้านกฎหมาย", None,
     "2020-03-05"),
    # a signing clause still dates a plan without a date line
    ("แผนงานด้านน้ำ\n" + _ITEMS + "ทำไว้ ณ กรุงเทพฯ เมื่อวันที่ 9 มกราคม 2563", "plan", "2020-01-09"),
])
def test_document_date(text: str, kind: str | None, expected: str) -> None:
    assert find_document_date(Document.from_text(text), kind) == expected


@pytest.mark.parametrize("text, kind", [
    # a line with a weekday but two dates, or a long sentence, is no date line
    ("แผนงาน\nวันจันทร์ที่ 5 และวันอังคารที่ 6 มีนาคม 2563 จะมีการประชุม\n" + _ITEMS, "plan"),
    ("แผนงาน\nในวันจันทร์ที่ 5 มีนาคม 2563 ที่ประชุมคณะกรรมการได้พิจารณาร่างแผนงานด้านการศึกษาอย่างละเอียด\n"
     + _ITEMS, "plan"),
])
def test_no_date_line(text: str, kind: str) -> None:
    assert find_document_date(Document.from_text(text), kind) is None
