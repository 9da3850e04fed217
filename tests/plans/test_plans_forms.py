"""Plan and report forms seen in real documents (issue 16, item 1 and the bullets of item 2).

../shared has no real plan with these forms: every text here is written for the test.
"""
from __future__ import annotations

import pytest

from aseandocs.plans import parse_plan_text


def _rows(text: str) -> list[tuple[str, str, list[str]]]:
    return [(m.ref, m.title, [a.text for a in m.activities]) for m in parse_plan_text(text)]


FORMS = [
    # "- " bullets under numbered items of a report, one of them "-การ..." with no space
    ("report bullets",
     "1. ปรับมาตรการด้านสาธารณสุข\n- เพิ่มจุดตรวจคัดกรอง\n-การจัดหาเตียงสนาม\n- การฉีดวัคซีนเชิงรุก\n"
     "ส่งผลให้สถานการณ์ดีขึ้นอย่างต่อเนื่องตามที่ได้รายงานต่อที่ประชุมคณะรัฐมนตรีเมื่อสัปดาห์ที่ผ่านมาและมีแนวโน้มดีขึ้นต่อไป"
     "ทั้งในกรุงเทพมหานครและปริมณฑล\n"
     "2. ฟื้นฟูเศรษฐกิจ\n",
     [("1", "ปรับมาตรการด้านสาธารณสุข", ["เพิ่มจุดตรวจคัดกรอง", "การจัดหาเตียงสนาม", "การฉีดวัคซีนเชิงรุก"]),
      ("2", "ฟื้นฟูเศรษฐกิจ", [])]),
    # a bullet the layout wrapped onto the next line (a narrow layout: every line may wrap)
    ("wrapped bullet",
     "1) พัฒนาระบบขนส่ง\n"
     "- ก่อสร้างถนนเชื่อมโยงระหว่างประเทศสมาชิกอาเซียนทั้งทางบกและทางทะเลเพื่อการค้าและการท่องเที่ยว\n"
     "ในภูมิภาคให้สะดวกยิ่งขึ้น\n"
     "- ปรับปรุงท่าเรือ\n"
     "2) พัฒนาบุคลากร\n",
     [("1", "พัฒนาระบบขนส่ง",
       ["ก่อสร้างถนนเชื่อมโยงระหว่างประเทศสมาชิกอาเซียนทั้งทางบกและทางทะเลเพื่อการค้าและการท่องเที่ยว "
        "ในภูมิภาคให้สะดวกยิ่งขึ้น", "ปรับปรุงท่าเรือ"]),
      ("2", "พัฒนาบุคลากร", [])]),
    # on a web page (long unwrapped lines) a short bullet line is whole: the pointer after the
    # list is no part of it
    ("pointer after a web list",
     "1) พัฒนาระบบขนส่งทางบกและทางทะเลให้เชื่อมโยงกันทั่วทั้งภูมิภาค โดยให้ความสำคัญกับการลงทุนร่วมระหว่างภาครัฐ"
     "และภาคเอกชนของประเทศสมาชิก\n"
     "- ปรับปรุงท่าเรือ\n"
     "ดูรายละเอียดได้ที่เว็บไซต์ของกระทรวง\n",
     [("1", "พัฒนาระบบขนส่งทางบกและทางทะเลให้เชื่อมโยงกันทั่วทั้งภูมิภาค โดยให้ความสำคัญกับการลงทุนร่วมระหว่าง"
            "ภาครัฐและภาคเอกชนของประเทศสมาชิก", ["ปรับปรุงท่าเรือ"])]),
    # "1)" and "(๑)" items with "- ", "•" and "–" bullets
    ("paren items and bullet marks",
     "1) ส่งเสริมการท่องเที่ยว\n- จัดงานแสดงสินค้า\n• จัดทำแผนที่ท่องเที่ยว\n– พัฒนามัคคุเทศก์\n"
     "2) พัฒนาระบบขนส่ง\n- ปรับปรุงท่าเรือ\n",
     [("1", "ส่งเสริมการท่องเที่ยว", ["จัดงานแสดงสินค้า", "จัดทำแผนที่ท่องเที่ยว", "พัฒนามัคคุเทศก์"]),
      ("2", "พัฒนาระบบขนส่ง", ["ปรับปรุงท่าเรือ"])]),
    ("thai paren items",
     "(๑) ส่งเสริมการท่องเที่ยว\n- จัดงานแสดงสินค้า\n(๒) พัฒนาระบบขนส่ง\n- ปรับปรุงท่าเรือ\n",
     [("1", "ส่งเสริมการท่องเที่ยว", ["จัดงานแสดงสินค้า"]), ("2", "พัฒนาระบบขนส่ง", ["ปรับปรุงท่าเรือ"])]),
    # a ref repeating at a deeper level: "1." -> "1." of the summary -> "3.1" -> "1)"
    ("ref repeating deeper",
     "1. เรื่อง ร่างระเบียบว่าด้วยการขนส่ง\nสาระสำคัญของร่างระเบียบ\n1. กำหนดอายุใบอนุญาต\n"
     "2. ปรับปรุงแบบคำขอ ดังนี้\n2.1 เพิ่มช่องอีเมล\n2.2 ปรับขนาดป้าย ดังนี้\n1) บรรทัดแรกเป็นตัวเลข\n"
     "2) บรรทัดที่สองเป็นชื่อจังหวัด\n3. กำหนดบทเฉพาะกาล\n2. เรื่อง ขออนุมัติงบประมาณ\n",
     [("1", "เรื่อง ร่างระเบียบว่าด้วยการขนส่ง", []), ("1", "กำหนดอายุใบอนุญาต", []),
      ("2", "ปรับปรุงแบบคำขอ ดังนี้", []), ("2.1", "เพิ่มช่องอีเมล", []),
      ("2.2", "ปรับขนาดป้าย ดังนี้", []), ("1", "บรรทัดแรกเป็นตัวเลข", []),
      ("2", "บรรทัดที่สองเป็นชื่อจังหวัด", []), ("3", "กำหนดบทเฉพาะกาล", []),
      ("2", "เรื่อง ขออนุมัติงบประมาณ", [])]),
    # "(3) รายได้..." is an item, not a count of three
    ("paren item opening with a unit word",
     "ผลตอบแทน\n(1) ค่าเช่าพื้นที่\n(2) ค่าธรรมเนียมรายปี\n(3) รายได้จากค่าบริการ\n",
     [("1", "ค่าเช่าพื้นที่", []), ("2", "ค่าธรรมเนียมรายปี", []), ("3", "รายได้จากค่าบริการ", [])]),
    # bullets under table cells attach to the last numbered item above; the cells stay out
    ("bullets under table cells",
     "(1) ค่าเช่าพื้นที่หน้าท่าและพื้นที่หลังท่าตามอัตราที่คณะกรรมการนโยบายกำหนดในแต่ละปีงบประมาณ"
     "โดยปรับเพิ่มขึ้นทุกห้าปีตามอัตราเงินเฟ้อที่ธนาคารแห่งประเทศไทยประกาศ\n"
     "(2) ส่วนแบ่งรายได้จากการดำเนินกิจการร้อยละ 5\n"
     "ระยะเวลาโครงการ\n30 ปี\nผลตอบแทน\n- ผลตอบแทนด้านการเงิน 200 ล้านบาท\n- ผลตอบแทนด้านเศรษฐกิจ 300 ล้านบาท\n",
     [("1", "ค่าเช่าพื้นที่หน้าท่าและพื้นที่หลังท่าตามอัตราที่คณะกรรมการนโยบายกำหนดในแต่ละปีงบประมาณ"
            "โดยปรับเพิ่มขึ้นทุกห้าปีตามอัตราเงินเฟ้อที่ธนาคารแห่งประเทศไทยประกาศ", []),
      ("2", "ส่วนแบ่งรายได้จากการดำเนินกิจการร้อยละ 5",
       ["ผลตอบแทนด้านการเงิน 200 ล้านบาท", "ผลตอบแทนด้านเศรษฐกิจ 300 ล้านบาท"])]),
    # a scope word right after the ref is the item's title
    ("scope word in a title",
     "2. ยุทธศาสตร์และการดำเนินงาน\n2.1 ยุทธศาสตร์ที่ 1 พัฒนาบุคลากร\n- อบรมผู้ผลิต\n"
     "2.2 ยุทธศาสตร์ที่ 2 ขยายตลาด\n- จัดเทศกาลภาพยนตร์\n",
     [("2", "ยุทธศาสตร์และการดำเนินงาน", []), ("2.1", "ยุทธศาสตร์ที่ 1 พัฒนาบุคลากร", ["อบรมผู้ผลิต"]),
      ("2.2", "ยุทธศาสตร์ที่ 2 ขยายตลาด", ["จัดเทศกาลภาพยนตร์"])]),
    # alphanumeric refs with inline roman sub-items
    ("alphanumeric refs and inline sub-items",
     "D1 ความร่วมมือด้านกฎหมาย\nD2.1 ส่งเสริมการแลกเปลี่ยนข้อมูล\nD2.2 เสริมสร้างความร่วมมือทางกฎหมาย มาตรการ: "
     "i. จัดทำฐานข้อมูลกฎหมาย ii. จัดการฝึกอบรมเจ้าหน้าที่ iii. ศึกษากฎหมายของประเทศสมาชิก D3. การติดตามผล\n",
     [("D1", "ความร่วมมือด้านกฎหมาย", []), ("D2.1", "ส่งเสริมการแลกเปลี่ยนข้อมูล", []),
      ("D2.2", "เสริมสร้างความร่วมมือทางกฎหมาย", []), ("D2.2.i", "จัดทำฐานข้อมูลกฎหมาย", []),
      ("D2.2.ii", "จัดการฝึกอบรมเจ้าหน้าที่", []), ("D2.2.iii", "ศึกษากฎหมายของประเทศสมาชิก", []),
      ("D3", "การติดตามผล", [])]),
    # bare Thai digits at line start, the text wrapping over the next line
    ("bare thai digits",
     "แผนงานด้านการศึกษา\n"
     "๑ ส่งเสริมความร่วมมือด้านการศึกษาระหว่างประเทศสมาชิกอาเซียนให้เข้มแข็งและต่อเนื่องยิ่งขึ้นในอนาคต\n"
     "โดยเน้นการแลกเปลี่ยนนักเรียน\n"
     "๒ พัฒนาหลักสูตรร่วมด้านภาษา\n๓ จัดตั้งเครือข่ายครู\n",
     [("1", "ส่งเสริมความร่วมมือด้านการศึกษาระหว่างประเทศสมาชิกอาเซียนให้เข้มแข็งและต่อเนื่องยิ่งขึ้นในอนาคต "
            "โดยเน้นการแลกเปลี่ยนนักเรียน", []),
      ("2", "พัฒนาหลักสูตรร่วมด้านภาษา", []), ("3", "จัดตั้งเครือข่ายครู", [])]),
    # an English work programme with "Action Line:" paragraphs
    ("english action lines",
     "1. Work Programme on Disaster Management\n1.1. Strengthen regional early warning\n"
     "Action Line: Establish a regional network of early warning centres.\n"
     "1.2. Build capacity of national agencies\nAction Lines: Conduct annual training courses.\n"
     "2. Work Programme on Health\n",
     [("1", "Work Programme on Disaster Management", []),
      ("1.1", "Strengthen regional early warning",
       ["Establish a regional network of early warning centres."]),
      ("1.2", "Build capacity of national agencies", ["Conduct annual training courses."]),
      ("2", "Work Programme on Health", [])]),
    # a dash inside quotes joins quoted words: no bullets
    ("quoted dash",
     "1. มาตรการระดับบุคคล “เว้นระยะห่าง – ล้างมือ - สวมหน้ากาก” ช่วยลดการระบาด\n2. ฟื้นฟูเศรษฐกิจ\n",
     [("1", "มาตรการระดับบุคคล “เว้นระยะห่าง – ล้างมือ - สวมหน้ากาก” ช่วยลดการระบาด", []),
      ("2", "ฟื้นฟูเศรษฐกิจ", [])]),
]


@pytest.mark.parametrize("text, expected", [f[1:] for f in FORMS], ids=[f[0] for f in FORMS])
def test_plan_forms(text: str, expected: list[tuple[str, str, list[str]]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text", [
    "The G20 Summit and the B20 forum met in Rome.\nThe C3 committee was not convened.\n",
    "ทีม A1 ชนะ B2 ในรอบแรก\n",
])
def test_alphanumeric_words_are_no_items(text: str) -> None:
    assert parse_plan_text(text) == []


def test_bare_ascii_number_at_line_start_is_no_item() -> None:
    # only a Thai digit opens a bare-numbered item; "11 สาขา" or "2 ประเทศ" count things
    assert parse_plan_text("11 สาขาความร่วมมือ\n2 ประเทศสมาชิกใหม่\n") == []
