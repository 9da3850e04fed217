"""Stances (a body welcomed, reaffirmed, stressed something), shortened names ("คณะทำงานฯ") and the
instrument forms issue 15 found missing on real news. Every sentence is written for the test."""
from __future__ import annotations

import pytest

from aseandocs.model import Document, Mention
from aseandocs.news import extract_events
from aseandocs.news.cues import find_instruments

_HEAD = "ข่าวทำเนียบรัฐบาล\n\nวันพุธที่ 12 มกราคม 2565\nพิมพ์\n"


def _types(text: str) -> list[str]:
    return [e.type for e in extract_events(Document.from_text(_HEAD + text))]


@pytest.mark.parametrize("text, types", [
    # a stance on its own line is an event (it names an instrument or a body)
    ("ไทยยินดีที่การเจรจาจัดทำความตกลงอาเซียนว่าด้วยการค้าบริการมีความคืบหน้า", ["stance"]),
    ("อาเซียนยืนยันความสำคัญของการดำเนินการตามกฎบัตรอาเซียน", ["stance"]),
    ("The ministers welcomed the progress of the ASEAN Agreement on Customs.", ["stance"]),
    # a meeting that welcomed something is a meeting
    ("On 5 January 2022 the 9th SOMTC met and welcomed the ASEAN Work Plan on Terrorism.",
     ["meeting"]),
    ("ที่ประชุมเจ้าหน้าที่อาวุโสอาเซียนยินดีต่อการรับรองปฏิญญาอาเซียนว่าด้วยเยาวชน", ["adoption"]),
    # welcoming a guest and the noun "support" are no stance
    ("นายกรัฐมนตรียินดีต้อนรับเลขาธิการอาเซียน", []),
    ("โครงการได้รับการสนับสนุนจากสำนักเลขาธิการอาเซียน", []),
])
def test_stance_events(text: str, types: list[str]) -> None:
    assert _types(text) == types


@pytest.mark.parametrize("text, names", [
    # a bare head with an acronym after it names the instrument
    ("ยินดีที่การเจรจาจัดทำระเบียบปฏิบัติ (Code of Conduct : COC) มีความคืบหน้า",
     ["ระเบียบปฏิบัติ (Code of Conduct : COC)"]),
    ("ให้ความเคารพกฎบัตร (Charter) เสมอ", []),                    # no acronym: no name
    # "ซึ่งกันและกัน" (mutual) is part of the name, not the clause cue "ซึ่ง"
    ("หารือร่างสนธิสัญญาว่าด้วยความช่วยเหลือซึ่งกันและกันในเรื่องทางอาญา ต่อไป",
     ["สนธิสัญญาว่าด้วยความช่วยเหลือซึ่งกันและกันในเรื่องทางอาญา"]),
    ("ประเทศสมาชิกลงนามความตกลงซึ่งมีผลในปีหน้า", []),               # "ซึ่ง" still stops a name
])
def test_instrument_names(text: str, names: list[str]) -> None:
    assert find_instruments(text) == names


def test_a_name_shortened_with_paiyannoi_stands_for_the_body_named_before() -> None:
    full = "คณะทำงานด้านความร่วมมือทางกฎหมายของอาเซียน"
    text = (f"{full} ได้จัดตั้งขึ้นเมื่อปี 2563\n"
            "การประชุมคณะทำงานฯ ครั้งที่ 1 ได้จัดขึ้นระหว่างวันที่ 6 – 7 เมษายน 2564 ผ่านระบบทางไกล\n"
            "การประชุมของกรุงเทพฯ ครั้งที่ 2 จัดขึ้นเมื่อวันที่ 9 พฤษภาคม 2564\n")
    doc = Document.from_text(text)
    m = Mention("LAW-WG", full, (0, len(full)))
    evs = extract_events(doc, mentions=[m])
    by_date = {e.date: e.bodies for e in evs}
    assert by_date["2021-04-06"] == ("LAW-WG",)
    assert by_date["2021-05-09"] == ()            # "กรุงเทพฯ" shortens no body named before


def test_a_shortened_name_stands_for_a_body_of_its_own_passage_only() -> None:
    """In a cabinet meeting's summary the ministers' meeting of one agenda item is no "การประชุมฯ"
    of another, thousands of characters and a dozen items later (the Thai-UK trade committee's
    meeting was read as the ADMM-Plus's)."""
    full = "การประชุมรัฐมนตรีกลาโหมอาเซียน"
    filler = "\n".join(f"{i}. เรื่อง การจัดซื้อครุภัณฑ์ของกระทรวงที่ {i} คณะรัฐมนตรีอนุมัติตามที่เสนอ" * 3
                       for i in range(2, 40))
    later = "40. เรื่อง ผลการประชุมคณะกรรมการร่วมด้านการค้า\nการประชุมฯ ได้จัดขึ้นเมื่อวันที่ 9 พฤษภาคม 2564"
    text = f"1. เรื่อง {full} ครั้งที่ 14\nการประชุมฯ จัดขึ้นเมื่อวันที่ 6 เมษายน 2564\n{filler}\n{later}\n"
    assert text.index(later) > 2000
    s = text.index(full)
    evs = extract_events(Document.from_text(text), mentions=[Mention("ADMM", full, (s, s + len(full)))])
    by_text = {e.text[:14]: e.bodies for e in evs}
    assert by_text["การประชุมฯ จัด"] == ("ADMM",)          # in its own item
    assert by_text["การประชุมฯ ได้"] == ()                 # 40 items later: another meeting
