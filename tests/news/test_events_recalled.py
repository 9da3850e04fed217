"""Past happenings recalled by a year, and start dates of terms (issue 16, events).

Every sentence here is written for the test; none is taken from ../shared.
"""
from __future__ import annotations

import pytest

from aseandocs.model import Document
from aseandocs.news import extract_events
from aseandocs.news.cues import scan_instruments

_TH = "ข่าวทำเนียบรัฐบาล\n\nวันพุธที่ 12 มกราคม 2565\nพิมพ์\n"
_EN = "ASEAN news\n\nJakarta, 12 January 2022 - "


def _events(text: str, kind: str | None = None, *,
            done: bool = False) -> list[tuple[str, str | None]]:
    doc = Document.from_text(text)
    evs = extract_events(doc, kind=kind)
    for e in evs:
        assert e.text == doc.text[e.span[0]:e.span[1]] and e.text == e.text.strip()
    return [(e.type, e.date) for e in evs if not done or e.status == "done"]


# A year before a happening's noun, or after its verb, is an event of its own, of the noun's or
# the verb's type, with year precision, whatever other dates the statement holds.
@pytest.mark.parametrize("text, expected", [
    (_EN + "The ministers reviewed the 1998 agreement on fisheries.", [("signing", "1998")]),
    (_EN + "Officials said its 2013 declaration still guides the youth programme.",
     [("adoption", "2013")]),
    (_EN + "Delegates praised the 2009 Bali Concord on water and the 2004 summit in Vientiane.",
     [("adoption", "2009"), ("meeting", "2004")]),
    (_EN + "The 1976 Treaty of Amity and Cooperation in Southeast Asia was praised by all.",
     [("signing", "1976")]),
    (_EN + "The officials met on 10 January 2022 and recalled the 2007 charter of the group.",
     [("meeting", "2022-01-10"), ("signing", "2007")]),
    (_EN + "The ministers met on 10 January 2022 and said the plan has guided them since its "
     "adoption in 2016.", [("meeting", "2022-01-10"), ("adoption", "2016")]),
    (_EN + "The network, established in 2011, met on 10 January 2022 in Hanoi.",
     [("establishment", "2011"), ("meeting", "2022-01-10")]),
    (_TH + "เมื่อวันที่ 10 มกราคม 2565 ที่ประชุมได้ทบทวนความร่วมมือตามบันทึกความเข้าใจที่ลงนามเมื่อปี 2540",
     [("meeting", "2022-01-10"), ("signing", "1997")]),
    (_TH + "แผนงานด้านเยาวชนได้เป็นแนวทางของโครงการระดับชาติ นับตั้งแต่มีการรับรองในปี 2556",
     [("adoption", "2013")]),
    (_TH + "ศูนย์ความร่วมมือด้านป่าไม้ซึ่งก่อตั้งขึ้นในปี 2549 ได้จัดการประชุมเมื่อวันที่ 10 มกราคม 2565",
     [("establishment", "2006"), ("meeting", "2022-01-10")]),
    (_TH + "ประเทศสมาชิกได้ให้สัตยาบันไว้เมื่อปี พ.ศ. 2553", [("ratification", "2010")]),
    # a name's possessive stands for the determiner
    (_EN + "ASEAN's 2008 Charter was discussed by the students.", [("signing", "2008")]),
    (_EN + "Speakers recalled Laos’ neighbour Cambodia’s 2012 summit in Phnom Penh.",
     [("meeting", "2012")]),
])
def test_a_recalled_year_is_an_event_of_its_own(text: str, expected: list) -> None:
    assert sorted(e for e in _events(text) if e[1] is not None) == sorted(expected)



# A verb with its object before the year ("ratified the protocol in 2017") recalls a happening of
# its own; the entry into force said after it is another happening, not a second ratification
# (the Thai name of the instrument stops before its entry-into-force verb).
@pytest.mark.parametrize("text, expected", [
    (_EN + "Malaysia ratified the protocol in 2017 and it entered into force on 1 March 2022.",
     [("ratification", "2017"), ("entry_into_force", "2022-03-01")]),
    (_EN + "The two sides signed a memorandum of understanding in Manila in 2018.",
     [("signing", "2018")]),
    (_TH + "มาเลเซียให้สัตยาบันพิธีสารเมื่อปี 2560 และพิธีสารมีผลใช้บังคับเมื่อวันที่ 1 มีนาคม 2565",
     [("ratification", "2017"), ("entry_into_force", "2022-03-01")]),
    (_TH + "เวียดนามให้สัตยาบันความตกลงเมื่อวันที่ 3 มีนาคม 2563 และความตกลงมีผลบังคับใช้เมื่อวันที่ "
     "1 มกราคม 2565", [("ratification", "2020-03-03"), ("entry_into_force", "2022-01-01")]),
])
def test_a_recalled_ratification_and_a_later_entry_into_force(text: str, expected: list) -> None:
    assert sorted(e for e in _events(text) if e[1] is not None) == sorted(expected)


@pytest.mark.parametrize("text, name", [
    ("ความตกลงการค้าสินค้าอาเซียนมีผลใช้บังคับแล้ว", "ความตกลงการค้าสินค้าอาเซียน"),
    ("พิธีสารฉบับที่สองเริ่มมีผลในปีนี้", "พิธีสารฉบับที่สอง"),
    ("อนุสัญญาว่าด้วยการต่อต้านการก่อการร้ายมีผลบังคับใช้ตั้งแต่ปีก่อน", "อนุสัญญาว่าด้วยการต่อต้านการก่อการร้าย"),
])
def test_a_thai_name_stops_before_its_entry_into_force(text: str, name: str) -> None:
    assert [i.name for i in scan_instruments(text)] == [name]

# A period, a title, a target or a later year recalls nothing (a later year may date a
# planned happening, never a done one).
@pytest.mark.parametrize("text", [
    _EN + "The ministers reviewed the 2016-2025 plan on tourism.",
    _EN + "The ministers reviewed the 2016 – 2025 plan on tourism.",
    _EN + "The ministers discussed the ASEAN Community Vision 2025 at length.",
    _EN + "The ministers discussed the 2025 vision of the community at length.",
    _EN + "The ministers discussed the 2030 Agenda for Sustainable Development.",
    _EN + "The ministers prepared the 2023 summit in Jakarta.",
    _EN + "The ministers prepared the 2022 summit in Jakarta.",
    _EN + "Indonesia's 2023 summit will be held in Jakarta.",
    _EN + "ASEAN's 2025 Vision guides the community.",
    _EN + "The 1,998 delegates reviewed the agreement on fisheries.",
    _EN + "The leaders will sign the agreement in 2023.",
    _TH + "ที่ประชุมได้หารือแผนปฏิบัติการอาเซียน พ.ศ. 2559-2568 ด้านการท่องเที่ยว",
    _TH + "ผู้นำจะลงนามในความตกลงในปี 2566",
])
def test_no_year_is_recalled(text: str) -> None:
    got = _events(text, done=True)
    assert not [d for _, d in got if d is not None and len(d) == 4], got


def test_a_plan_recalls_nothing() -> None:
    text = ("1.1 Recalling the 1976 Treaty of Amity and Cooperation, promote cooperation\n"
            "- Hold a workshop\n1.1.1 Promote the 2007 charter of the region\n- Hold a seminar\n")
    assert not [d for _, d in _events(text, kind="plan") if d is not None]


# The start date of a term, a post or a validity is not the date of the decision reported.
@pytest.mark.parametrize("text, decision, start", [
    (_TH + "เมื่อวันที่ 10 มกราคม 2565 คณะรัฐมนตรีมีมติแต่งตั้งนายสมชาย ใจดี เป็นผู้แทนไทยในคณะกรรมการ "
     "ตั้งแต่วันที่ 1 กุมภาพันธ์ 2565", "2022-01-10", "2022-02-01"),
    (_TH + "เมื่อวันที่ 10 มกราคม 2565 คณะรัฐมนตรีอนุมัติให้นางสาวสมศรี ดีมาก ดำรงตำแหน่งที่ปรึกษา "
     "ตั้งแต่วันที่ 3 มกราคม 2565 ซึ่งเป็นวันที่มีคุณสมบัติครบถ้วน", "2022-01-10", "2022-01-03"),
    (_TH + "เมื่อวันที่ 10 มกราคม 2565 ที่ประชุมเห็นชอบให้ใช้ระเบียบใหม่ ตั้งแต่วันที่ 1 มีนาคม 2565 "
     "เป็นต้นไป", "2022-01-10", "2022-03-01"),
    (_EN + "On 10 January 2022 the ministers approved the appointment of Ms Tan as envoy for a "
     "term starting 1 March 2022.", "2022-01-10", "2022-03-01"),
    (_EN + "On 10 January 2022 the council approved Mr Lim to serve as chair for two years from "
     "1 July 2022.", "2022-01-10", "2022-07-01"),
    (_EN + "On 10 January 2022 the ministers appointed Mr Lee as envoy with effect from "
     "1 February 2022.", "2022-01-10", "2022-02-01"),
    (_EN + "On 10 January 2022 the ministers approved the new rules, to apply from 1 April 2022 "
     "onwards.", "2022-01-10", "2022-04-01"),
])
def test_a_term_start_dates_no_event(text: str, decision: str, start: str) -> None:
    dates = {d for _, d in _events(text)}
    assert decision in dates and start not in dates, dates


# ... nor is the date a term ends: "until", "ถึงวันที่", or the second date of a range a term
# start opens.
@pytest.mark.parametrize("text, decision, end", [
    (_TH + "เมื่อวันที่ 10 มกราคม 2565 คณะรัฐมนตรีเห็นชอบให้นางสาวสมศรี ดีมาก เป็นผู้แทนไทย "
     "โดยมีวาระการดำรงตำแหน่ง 3 ปี (นับตั้งแต่วันที่คณะรัฐมนตรีมีมติ – 6 ตุลาคม 2568)", "2022-01-10", "2025-10-06"),
    (_TH + "เมื่อวันที่ 10 มกราคม 2565 คณะรัฐมนตรีอนุมัติการแต่งตั้งนายสมชาย ใจดี ให้ดำรงตำแหน่ง "
     "ถึงวันที่ 30 กันยายน 2568", "2022-01-10", "2025-09-30"),
    (_TH + "เมื่อวันที่ 10 มกราคม 2565 ที่ประชุมเห็นชอบการแต่งตั้งนายสมชาย ใจดี อีกสมัย "
     "ตั้งแต่เดือนตุลาคม 2565 – กันยายน 2569", "2022-01-10", "2026-09"),
    (_EN + "On 10 January 2022 the ministers appointed Ms Tan as envoy for a term until "
     "31 December 2024.", "2022-01-10", "2024-12-31"),
])
def test_a_term_end_dates_no_event(text: str, decision: str, end: str) -> None:
    dates = {d for _, d in _events(text)}
    assert decision in dates and end not in dates, dates


def test_a_meeting_put_off_to_a_date_is_dated_by_it() -> None:
    dates = {d for _, d in _events(_EN + "The ministers' meeting was postponed to 6 October 2022.")}
    assert "2022-10-06" in dates


# A happening that starts on a date is still dated by it when no term is named.
@pytest.mark.parametrize("text, expected", [
    (_TH + "การประชุมรัฐมนตรีอาเซียนจัดขึ้นตั้งแต่วันที่ 15 - 17 มกราคม 2565 ที่กรุงเทพฯ", "2022-01-15"),
    (_EN + "The ministers will meet from 15 to 17 February 2022 in Bangkok.", "2022-02-15"),
    (_EN + "The ministers appointed Mr Lee as envoy on 10 January 2022.", "2022-01-10"),
])
def test_a_start_without_a_term_dates_the_event(text: str, expected: str) -> None:
    assert expected in {d for _, d in _events(text)}


def test_an_english_appointment_is_an_approval() -> None:
    got = _events(_EN + "On 10 January 2022 the ASEAN foreign ministers appointed Mr Lee as "
                  "Special Envoy for a term starting 1 March 2022.")
    assert got == [("approval", "2022-01-10")]


# The year of a Thai law's title and a fiscal year date no happening; a law's enactment does.
@pytest.mark.parametrize("text, expected", [
    (_TH + "คณะรัฐมนตรีอนุมัติให้ดำเนินโครงการตามพระราชบัญญัติการร่วมลงทุนระหว่างรัฐและเอกชน พ.ศ. 2562",
     set()),
    (_TH + "คณะรัฐมนตรีอนุมัติให้องค์การกู้เงิน ประจำปีงบประมาณ พ.ศ. 2566 วงเงิน 500 ล้านบาท", set()),
    (_TH + "สัญญาทำขึ้นก่อนพระราชบัญญัติฯ พ.ศ. 2535 และ พ.ศ. 2556 ซึ่งได้ลงนามแล้ว", set()),
    (_TH + "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการบริหารงาน พ.ศ. 2564 ได้รับการอนุมัติ", set()),
    (_EN + "The board approved the loans in fiscal year 2021.", set()),
    (_TH + "พระราชบัญญัติว่าด้วยการท่องเที่ยวได้ประกาศใช้เมื่อ พ.ศ. 2551", {"2008"}),
])
def test_title_and_fiscal_years_date_nothing(text: str, expected: set) -> None:
    got = {d for _, d in _events(text, done=True) if d is not None and len(d) == 4}
    assert got == expected
