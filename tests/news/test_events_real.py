"""Events and event dates on the forms real news items and reports use (issue 16, item 2).

Every sentence here is written for the test; none is taken from ../shared.
"""
from __future__ import annotations

import pytest

from aseandocs.dates import find_dates
from aseandocs.model import EVENT_TYPES, Document
from aseandocs.news import extract_events

_HEAD = "ข่าวทำเนียบรัฐบาล\n\nวันพุธที่ 12 มกราคม 2565\nพิมพ์\n"


def _events(text: str, kind: str | None = None) -> list[tuple[str, str | None]]:
    return [(e.type, e.date) for e in extract_events(Document.from_text(text), kind=kind)]


def _dates(text: str, kind: str | None = None) -> set[str]:
    return {d for _, d in _events(text, kind) if d}


def test_event_types_are_the_documented_strings() -> None:
    assert EVENT_TYPES == ("meeting", "adoption", "agreement", "signing", "ratification",
                           "accession", "entry_into_force", "launch", "establishment",
                           "approval", "noted", "stance", "plan")


# A time of day after the date is no numbered item: the date still governs the clause after it.
@pytest.mark.parametrize("lead, expected", [
    ("วันนี้ (12 มกราคม 2565) เวลา 10.30 น. ณ ทำเนียบรัฐบาล นายกรัฐมนตรีหารือกับเอกอัครราชทูต",
     "2022-01-12"),
    ("ในวันจันทร์ที่ ๑๐ มกราคม ๒๕๖๕ เวลา ๑๔.๐๐ น. ปลัดกระทรวงเป็นประธานการประชุมคณะทำงาน", "2022-01-10"),
    ("เมื่อวันที่ 9 ม.ค. 2565 เวลา 08.45 น. ที่กระทรวงยุติธรรม รัฐมนตรีร่วมการประชุมผ่านระบบทางไกล",
     "2022-01-09"),
])
def test_a_time_after_the_date_keeps_the_date(lead: str, expected: str) -> None:
    assert expected in _dates(_HEAD + lead)


# Seminars, webinars and openings are happenings too.
@pytest.mark.parametrize("text, expected", [
    ("ในวันอังคารที่ 11 มกราคม 2565 อธิบดีเป็นประธานในพิธีเปิดการสัมมนาออนไลน์ระหว่างประเทศ",
     ("meeting", "2022-01-11")),
    ("The minister opened a seminar on regional trade on 11 January 2022 in Bangkok.",
     ("meeting", "2022-01-11")),
    ("The bank opened its third representative office in Vientiane in March 2021.",
     ("launch", "2021-03")),
    ("ธนาคารเปิดทำการสำนักงานผู้แทนแห่งที่ 3 ในนครเวียงจันทน์ ตั้งแต่เดือนมีนาคม 2564",
     ("launch", "2021-03")),
])
def test_seminars_and_openings(text: str, expected: tuple[str, str]) -> None:
    assert expected in _events(_HEAD + text)


# The type follows the verb: taking note is no adoption, ratifying is no signing, a cabinet
# approving is an approval.
@pytest.mark.parametrize("text, etype", [
    ("เมื่อวันที่ 5 มกราคม 2565 ที่ประชุมรับทราบรายงานความก้าวหน้าของคณะทำงาน", "noted"),
    ("On 5 January 2022 the senior officials took note of the progress report.", "noted"),
    ("On 5 January 2022 the ministers noted the report of the task force.", "noted"),
    # a review or a progress account presented to a meeting is a report noted, not a meeting
    ("เมื่อวันที่ 5 มกราคม 2565 สำนักงานได้รายงานผลการทบทวนแผนงานด้านการศึกษาต่อคณะกรรมการ", "noted"),
    ("เมื่อวันที่ 5 มกราคม 2565 ไทยนำเสนอความคืบหน้าของโครงการความร่วมมือด้านยาเสพติด", "noted"),
    ("On 5 January 2022 the secretariat presented the mid-term review of the work plan.", "noted"),
    ("เมื่อวันที่ 5 มกราคม 2565 ไทยได้ให้สัตยาบันความตกลงอาเซียนว่าด้วยการค้าบริการ", "ratification"),
    ("Viet Nam ratified the ASEAN Agreement on Electronic Commerce on 5 January 2022.",
     "ratification"),
    ("เมื่อวันที่ 5 มกราคม 2565 คณะรัฐมนตรีมีมติอนุมัติร่างปฏิญญาอาเซียนว่าด้วยการพัฒนาชนบท", "approval"),
    ("On 5 January 2022 the Cabinet approved the draft ASEAN Declaration on Rural Development.",
     "approval"),
    ("เมื่อวันที่ 5 มกราคม 2565 ผู้นำได้ให้การรับรองปฏิญญาอาเซียนว่าด้วยการพัฒนาชนบท", "adoption"),
    ("On 5 January 2022 the leaders signed the ASEAN Declaration on Rural Development.", "signing"),
    ("เมื่อวันที่ 5 มกราคม 2535 การท่าเรือได้ทำสัญญากับบริษัทผู้รับสัมปทาน", "signing"),
])
def test_type_follows_the_verb(text: str, etype: str) -> None:
    types = [t for t, d in _events(_HEAD + text) if d and d.startswith(("2022-01-05",
                                                                          "1992-01-05"))]
    assert types and types[0] == etype, _events(_HEAD + text)


# An English event on a day and month, the year from the document's own date.
@pytest.mark.parametrize("text, expected", [
    ("Jakarta, 9 October 2019 - ASEAN law ministers met today.\n"
     "On 8 October, the senior law officials took note of the working group's report.",
     "2019-10-08"),
    ("Jakarta, 9 October 2019 - ASEAN law ministers met today.\n"
     "The officials had signed the terms of reference on the 7th of October.", "2019-10-07"),
    ("Manila, 4 January 2020 - The ministers met today.\n"
     "On 30 December, the working group adopted its work plan.", "2019-12-30"),
    ("ข่าวต่างประเทศ\n\nวันพุธที่ 12 มกราคม 2565\nพิมพ์\n"
     "เมื่อวันที่ 10 ม.ค. ที่ผ่านมา ที่ประชุมเจ้าหน้าที่อาวุโสได้ให้การรับรองแผนงานฉบับใหม่", "2022-01-10"),
])
def test_day_and_month_take_the_year_of_the_dateline(text: str, expected: str) -> None:
    assert expected in _dates(text)


def test_yearless_day_needs_a_reference_and_a_cue() -> None:
    assert find_dates("On 8 October, the officials met.") == []
    assert find_dates("ประชุม 8 ตุลาคม", reference="2019-10-09") == []
    assert [d.value for d in find_dates("On 8 October 2018, they met.",
                                        reference="2019-10-09")] == ["2018-10-08"]


# Past happenings recalled in a report are events with their own dates.
@pytest.mark.parametrize("text, expected", [
    ("1. ตามที่คณะรัฐมนตรีมีมติ (3 มีนาคม 2558 และ 7 มิถุนายน 2561) เห็นชอบบันทึกความเข้าใจ"
     "ว่าด้วยความร่วมมือด้านการศึกษา", {"2015-03-03", "2018-06-07"}),
    ("2. การนิคมได้ทำสัญญากับบริษัทผู้ประกอบการเมื่อวันที่ 2 เมษายน 2539 เพื่อบริหารท่าเรือ",
     {"1996-04-02"}),
    ("3. The working group was established in 2017 and the ministers endorsed its terms of "
     "reference in 2018.", {"2017", "2018"}),
    ("4. Since its adoption in 2016, the ASEAN Work Plan on Youth has guided national programmes.",
     {"2016"}),
    ("5. The Treaty, signed in 1976, remains the code of conduct of the region.", {"1976"}),
    ("6. นับตั้งแต่การรับรองเมื่อปี 2559 แผนงานอาเซียนด้านเยาวชนได้เป็นแนวทางของโครงการระดับชาติ", {"2016"}),
])
def test_past_happenings_in_a_report(text: str, expected: set[str]) -> None:
    assert expected <= _dates(_HEAD + text, kind="report")


# Expiry, limit and as-of dates date no happening.
@pytest.mark.parametrize("text, not_expected", [
    ("เมื่อวันที่ 5 มกราคม 2565 คณะรัฐมนตรีอนุมัติโครงการ โดยสัญญาเดิมจะครบกำหนดในวันที่ 30 กันยายน 2565",
     "2022-09-30"),
    ("เมื่อวันที่ 5 มกราคม 2565 ที่ประชุมเห็นชอบให้ขยายความตกลงจนถึงวันที่ 31 มีนาคม 2567", "2024-03-31"),
    ("On 5 January 2022 the board met and reviewed the loans as of 30 November 2021.",
     "2021-11-30"),
])
def test_bounds_are_no_event_dates(text: str, not_expected: str) -> None:
    got = _dates(_HEAD + text)
    assert "2022-01-05" in got and not_expected not in got, got


# A new statement announcing a later happening does not take the date of the text before it.
def test_a_later_happening_does_not_inherit_the_date() -> None:
    text = (_HEAD + "เมื่อวันที่ 5 มกราคม 2565 ที่ประชุมรัฐมนตรีอาเซียนด้านกฎหมาย ครั้งที่ 11 ได้หารือ\n"
            "ทั้งนี้ ที่ประชุมรัฐมนตรีอาเซียนด้านกฎหมาย ครั้งที่ 12 จะจัดขึ้นที่ประเทศลาว")
    evs = extract_events(Document.from_text(text))
    # undated, and so kept only with a body mention (none passed here)
    assert all(e.date is None for e in evs if "ครั้งที่ 12" in e.text), evs
    import aseandocs
    parsed = aseandocs.parse(Document.from_text(text))
    later = [e for e in parsed.events if "ครั้งที่ 12" in e.text]
    assert later and all(e.date is None for e in later), parsed.events
    assert any(e.date == "2022-01-05" for e in evs)


# Instrument names neither cut nor overrun.
@pytest.mark.parametrize("text, names", [
    ("ASEAN Charter Enters Into Force Today", ["ASEAN Charter"]),
    ("ASEAN Leaders Adopt Declaration on Ocean Health", ["Declaration on Ocean Health"]),
    # a headline's verb no cue list knows ends the name after its head word
    ("Maritime Security Protocol Nears Final Approval", ["Maritime Security Protocol"]),
    ("Fisheries Agreement Awaits Two Ratifications", ["Fisheries Agreement"]),
    # ... but what links a head to its object or numbers it goes on
    ("Protocol Amending the Treaty of Amity Signed", ["Protocol Amending the Treaty of Amity"]),
    ("ASEAN Community Vision 2040 Unveiled", ["ASEAN Community Vision 2040"]),
    # a head that qualifies a place or a body names no instrument
    ("The forum met at the Harbour Convention Centre.", []),
    ("ASEAN Treaty Organization for Astronomy", []),
    ("Member states upheld the Charter’s principles.", []),
    ("The ministers recalled the ASEAN Charter's purposes.", ["ASEAN Charter"]),
    ("The leaders adopted the ASEAN Declaration on Ocean Health in 2023.",
     ["ASEAN Declaration on Ocean Health"]),
    ("ที่ประชุมได้รับรองแผนงานสามปีเสนอต่อที่ประชุมรัฐมนตรีครั้งที่ 17", ["แผนงานสามปี"]),
    ("ปฏิญญาอาเซียนว่าด้วยสุขภาพมหาสมุทรที่ประชุมได้ให้การรับรอง", ["ปฏิญญาอาเซียนว่าด้วยสุขภาพมหาสมุทร"]),
])
def test_instrument_names(text: str, names: list[str]) -> None:
    from aseandocs.news.cues import find_instruments
    assert find_instruments(text) == names


def test_a_repeated_headline_gives_no_undated_event() -> None:
    head = "การประชุมรัฐมนตรีกลาโหมอาเซียน ครั้งที่ 18 เสริมความร่วมมือด้านความมั่นคง"
    text = (f"ข่าวทำเนียบรัฐบาล-{head}\n\nวันพุธที่ 12 มกราคม 2565\nพิมพ์\n{head}\n"
            "เมื่อวันที่ 11 มกราคม 2565 รัฐมนตรีว่าการกระทรวงกลาโหมเข้าร่วมการประชุมรัฐมนตรีกลาโหมอาเซียน "
            "ครั้งที่ 18 ผ่านระบบการประชุมทางไกล\n")
    import aseandocs
    evs = aseandocs.parse(Document.from_text(text)).events
    assert [e.date for e in evs] == ["2022-01-11"], [(e.date, e.text[:40]) for e in evs]


def test_an_undated_headline_of_another_story_stays() -> None:
    # the headline names a body no dated event names: it is kept (undated, with its body)
    text = ("ข่าวทำเนียบรัฐบาล-การประชุมคณะกรรมการประจำอาเซียน ครั้งที่ 30 หารือวาระสำคัญของภูมิภาค\n\n"
            "วันพุธที่ 12 มกราคม 2565\nพิมพ์\nการประชุมคณะกรรมการประจำอาเซียน ครั้งที่ 30 หารือวาระสำคัญของภูมิภาค\n"
            "เมื่อวันที่ 11 มกราคม 2565 รัฐมนตรีว่าการกระทรวงกลาโหมเข้าร่วมการประชุมรัฐมนตรีกลาโหมอาเซียน\n")
    import aseandocs
    evs = aseandocs.parse(Document.from_text(text)).events
    assert any(e.date is None for e in evs) and any(e.date == "2022-01-11" for e in evs)


@pytest.mark.parametrize("text", [
    _HEAD + "เมื่อวันที่ 11 มกราคม 2565 ที่ประชุมรัฐมนตรีกลาโหมอาเซียนได้หารือ\n"
            "ก่อนหน้านี้ ที่ประชุมได้ให้การรับรองปฏิญญาอาเซียนว่าด้วยความมั่นคงทางทะเล",
    "Jakarta, 9 October 2019 - ASEAN law ministers met today.\n"
    "Previously, the senior officials adopted the ASEAN Declaration on Legal Aid.",
])
def test_a_statement_on_another_time_inherits_no_date(text: str) -> None:
    evs = extract_events(Document.from_text(text))
    other = [e for e in evs if e.text.startswith(("ก่อนหน้านี้", "Previously"))]
    assert other and all(e.date is None for e in other), evs


# A numbered item inside a line starts a statement whatever letter its first word opens with: a
# consonant ("จัดทำ") or a leading vowel ("เตรียม", "แลกเปลี่ยน", "โครงการ", "ให้", "ไทย").
@pytest.mark.parametrize("word", ["จัดทำรายงาน", "เตรียมการประชุม", "แลกเปลี่ยนข้อมูล", "โครงการอบรม",
                                  "ให้การรับรอง", "ไทยเสนอแผนงาน"])
def test_an_inline_item_starts_a_clause_whatever_its_first_letter(word: str) -> None:
    from aseandocs.news.events import segment
    t = f"ผลการประชุมที่สำคัญ ได้แก่ 1) เห็นชอบร่างเอกสาร และ 2) {word}ของคณะทำงาน"
    assert f"2) {word}ของคณะทำงาน" in [t[c.start:c.end] for c in segment(t)]


# "(5 มี.ค. 65) เวลา": "65)" closes a parenthesis; it is no item, and the date keeps its clause.
@pytest.mark.parametrize("lead", ["วันนี้ (5 มี.ค. 65) เวลา 09.30 น. ณ ทำเนียบรัฐบาล นายกรัฐมนตรีประชุมร่วมกับผู้แทนอาเซียน",
                                  "เมื่อวันที่ (๕ มีนาคม ๖๕) เวลา 14.00 น. รัฐมนตรีเป็นประธานการประชุมคณะทำงาน"])
def test_a_closing_parenthesis_after_a_year_is_no_item(lead: str) -> None:
    from aseandocs.news.events import segment
    assert len(segment(lead)) == 1
    assert "2022-03-05" in _dates(_HEAD + lead)


def test_an_events_text_leaves_out_its_list_number() -> None:
    text = (_HEAD + "เมื่อวันที่ 10 มกราคม 2565 ที่ประชุม ADSOM มีผลการประชุมที่สำคัญ ได้แก่ "
            "1) เห็นชอบร่างแผนงานของคณะทำงาน และ 2) เตรียมการจัดการประชุม ADMM ครั้งที่ 16")
    from aseandocs.bodies import find_bodies
    doc = Document.from_text(text)
    texts = [e.text for e in extract_events(doc, find_bodies(doc.text))]
    assert "เตรียมการจัดการประชุม ADMM ครั้งที่ 16" in texts
    assert not any(t.startswith(("1)", "2)")) for t in texts)
