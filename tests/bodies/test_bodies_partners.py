"""ASEAN-plus-one summits and ministerial meetings, and the Charter's Annex 1 bodies (issue 16).

Every sentence here is written for the test; none is taken from ../shared.
"""
from __future__ import annotations

import pytest

from aseandocs.bodies import BodyRegistry


@pytest.fixture(scope="module")
def reg() -> BodyRegistry:
    return BodyRegistry.load()


# A meeting with a dialogue partner is its own body, not the ASEAN-only meeting its name starts
# with, in Thai and English, with any dash and spacing.
@pytest.mark.parametrize("text, body", [
    ("นายกรัฐมนตรีเข้าร่วมการประชุมสุดยอดอาเซียน-นิวซีแลนด์ ที่กรุงพนมเปญ", "ASEAN-NZ-SUMMIT"),
    ("Leaders attended the ASEAN-New Zealand Commemorative Summit in Phnom Penh.", "ASEAN-NZ-SUMMIT"),
    ("ผู้นำได้หารือในการประชุมสุดยอดอาเซียน – แคนาดา เรื่องการค้า", "ASEAN-CANADA-SUMMIT"),
    ("The ASEAN-Canada Commemorative Summit welcomed the new partnership.", "ASEAN-CANADA-SUMMIT"),
    ("รัฐมนตรีได้เข้าร่วมการประชุมรัฐมนตรีต่างประเทศอาเซียน-จีน ที่กรุงจาการ์ตา", "ASEAN-CHINA-FMM"),
    ("ในการประชุมรัฐมนตรีต่างประเทศอาเซียน - สหพันธรัฐรัสเซีย ที่ประชุมได้หารือ", "ASEAN-RUSSIA-FMM"),
    ("The ASEAN-India Foreign Ministers' Meeting reviewed the plan.", "ASEAN-INDIA-FMM"),
    ("The ASEAN-UK Foreign Ministers' Meeting was held in Phnom Penh.", "ASEAN-UK-FMM"),
    ("รัฐมนตรีต่างประเทศอาเซียน-สาธารณรัฐเกาหลี ได้ให้การรับรองแผนงาน", "ASEAN-ROK-FMM"),
    ("The ASEAN Post Ministerial Conference with Japan discussed maritime cooperation.",
     "ASEAN-JAPAN-FMM"),
    ("ที่ประชุมรัฐมนตรีเศรษฐกิจอาเซียน-แคนาดา ได้หารือการเจรจาการค้าเสรี", "AEM-CANADA"),
    ("Ministers met at the AEM-MOFCOM Consultations in Siem Reap.", "AEM-CHINA"),
    ("ในการประชุมรัฐมนตรีเศรษฐกิจอาเซียน-สาธารณรัฐเกาหลี ที่ประชุมได้หารือ", "AEM-ROK"),
    ("รัฐบาลผลักดันการจัดตั้งศูนย์นวัตกรรมอุตสาหกรรมอาเซียน-เกาหลีใต้ ในประเทศไทย", "AKIIC"),
    ("การประชุมรัฐมนตรีเศรษฐกิจอาเซียน – ญี่ปุ่น ได้ให้การรับรองแผนงาน", "AEM-JAPAN"),
    ("การประชุมรัฐมนตรีขนส่งอาเซียน - จีน ได้เห็นชอบแผนความร่วมมือ", "ATM-CHINA"),
    ("The ASEAN-ROK Transport Ministers Meeting adopted the work plan.", "ATM-ROK"),
    ("การประชุมรัฐมนตรีท่องเที่ยวอาเซียน-อินเดีย ได้หารือเรื่องการท่องเที่ยว", "M-ATM-INDIA"),
    ("ที่ประชุมรัฐมนตรีกีฬาอาเซียน – ญี่ปุ่น ได้รับรองแผนงานด้านกีฬา", "AMMS-JAPAN"),
    ("การประชุมรัฐมนตรีอาเซียนด้านความมั่นคงปลอดภัยไซเบอร์ ได้เห็นชอบกรอบความร่วมมือ", "AMCC"),
    ("The ASEAN Insurance Regulators' Meeting discussed capital rules.", "AIRM"),
    ("The ASEAN Network of Regulatory Bodies on Atomic Energy held a workshop.", "ASEANTOM"),
    ("The ASEAN Senior Officials on Forestry prepared the ministers' meeting.", "ASOF"),
    ("การประชุมเจ้าหน้าที่อาวุโสด้านป่าไม้อาเซียน ได้เตรียมการประชุมรัฐมนตรี", "ASOF"),
    ("นายกรัฐมนตรีกล่าวในการประชุมสุดยอดอาเซียน-เกาหลีใต้ ครั้งที่ 23", "ASEAN-ROK-SUMMIT"),
    ("Leaders gathered for the ASEAN-U.S. Special Summit in Washington.", "ASEAN-US-SUMMIT"),
])
def test_partner_meetings(reg: BodyRegistry, text: str, body: str) -> None:
    assert [m.body for m in reg.find(text)] == [body]



# A commemorative or special summit with a dialogue partner (an anniversary of the relations) is
# the partner's summit, in English and in Thai, never the partner's cooperation committee.
@pytest.mark.parametrize("text, body", [
    ("Leaders met at the ASEAN-Japan Commemorative Summit to mark fifty years of ties.",
     "ASEAN-JAPAN-SUMMIT"),
    ("The ASEAN-Australia Special Summit opened in Melbourne on Monday.", "ASEAN-AUSTRALIA-SUMMIT"),
    ("Seoul hosted the ASEAN-Korea Commemorative Summit in Busan.", "ASEAN-ROK-SUMMIT"),
    ("The ASEAN-China Special Summit was held online.", "ASEAN-CHINA-SUMMIT"),
    ("The ASEAN-Russian Federation Commemorative Summit adopted a declaration.", "ASEAN-RUSSIA-SUMMIT"),
    ("นายกรัฐมนตรีกล่าวถ้อยแถลงในการประชุมสุดยอดสมัยพิเศษอาเซียน-อินเดีย ผ่านระบบการประชุมทางไกล",
     "ASEAN-INDIA-SUMMIT"),
    ("ผู้นำเข้าร่วมการประชุมสุดยอดสมัยพิเศษอาเซียน-ออสเตรเลีย ที่นครเมลเบิร์น", "ASEAN-AUSTRALIA-SUMMIT"),
    ("ผู้นำเข้าร่วมการประชุมสุดยอดอาเซียน-ญี่ปุ่น สมัยพิเศษ ที่กรุงโตเกียว", "ASEAN-JAPAN-SUMMIT"),
])
def test_commemorative_and_special_summits(reg: BodyRegistry, text: str, body: str) -> None:
    assert [m.body for m in reg.find(text)] == [body]

# Spaced and "+" forms of the Plus meetings, and abbreviated Thai forms officials write.
@pytest.mark.parametrize("text, body", [
    ("The ADMM Plus experts' working group met in Bangkok.", "ADMM-PLUS"),
    ("The ADSOM Plus prepared the ministers' meeting.", "ADSOM-PLUS"),
    ("ปลัดกระทรวงเข้าร่วมการประชุม รมว.คลังอาเซียน ครั้งที่ 26", "AFMM"),
    ("ที่ประชุม รมว.คลังและผู้ว่าการธนาคารกลางอาเซียน ได้หารือเรื่องเศรษฐกิจ", "AFMGM"),
])
def test_spaced_plus_and_abbreviated_forms(reg: BodyRegistry, text: str, body: str) -> None:
    assert [m.body for m in reg.find(text)] == [body]


# ... and the ASEAN-only meetings keep their own ids.
@pytest.mark.parametrize("text, body", [
    ("การประชุมรัฐมนตรีต่างประเทศอาเซียน ครั้งที่ 55 ได้ออกแถลงการณ์ร่วม", "AMM"),
    ("การประชุมรัฐมนตรีเศรษฐกิจอาเซียน ครั้งที่ 54 ได้หารือ", "AEM"),
    ("การประชุมรัฐมนตรีขนส่งอาเซียน ครั้งที่ 28 ได้เห็นชอบแผน", "ATM"),
    ("การประชุมรัฐมนตรีกีฬาอาเซียน ครั้งที่ 6 ได้รับรองแผนงาน", "AMMS"),
])
def test_asean_only_meetings(reg: BodyRegistry, text: str, body: str) -> None:
    assert [m.body for m in reg.find(text)] == [body]


# A spelling variant is still found by fuzzy matching; another partner's name is another body.
@pytest.mark.parametrize("text, body", [
    ("The ASEAN Defense Minister Meeting was held in Hanoi.", "ADMM"),
    ("The ASEAN-UK Summit is not a meeting ASEAN has held.", None),
    ("The ASEAN-GCC Summit met in Riyadh.", None),
])
def test_fuzzy_keeps_the_partner(reg: BodyRegistry, text: str, body: str | None) -> None:
    assert [m.body for m in reg.find(text)] == ([body] if body else [])


# The ASEAN Charter's Annex 1: every sectoral ministerial body and its senior officials.
ANNEX_1 = """AMM ASEAN-SOM ASEAN-STANDING-COMMITTEE SOMDP SEANWFZ-COMMISSION SEANWFZ-EXECUTIVE-COMMITTEE
ADMM ADSOM ALAWMM ASLOM AMMTC SOMTC ASOD DGICM ARF ARF-SOM AMMD
AEC-COUNCIL AFTA-COUNCIL AIA-COUNCIL AEM HLTF-EI SEOM AFMM AFDM ASEAN-DG-CUSTOMS AMAF SOM-AMAF ASOF
AMEM SOME AMMIN ASOMM AMMST COSTI ADGMIN ADGSOM ATRC ATM STOM M-ATM ASEAN-NTOS AMBDC ACE AJC
ASCC-COUNCIL AMRI SOMRI AMCA SOMCA ASED SOM-ED AMMDM ACDM AMME ASOEN COP-AATHP COM-AATHP AHMM SOMHD
ALMM SLOM ACMW AMRDPE SOMRDPE AMMSWD SOMSWD AMMW ACW AMMY SOMY ACCSM AMMS SOMS""".split()


def test_every_annex_1_body_is_registered(reg: BodyRegistry) -> None:
    assert [i for i in ANNEX_1 if reg.get(i) is None] == []


NEW = """ASEAN-NZ-SUMMIT ASEAN-CANADA-SUMMIT AMCC AEM-CANADA AEM-CHINA AEM-JAPAN AEM-ROK AKIIC ATM-CHINA ATM-JAPAN ATM-ROK
M-ATM-INDIA M-ATM-RUSSIA AIRM ASOF ASEANTOM AMMS-JAPAN""".split() + [
    f"ASEAN-{p}-FMM" for p in "CHINA JAPAN ROK INDIA AUSTRALIA NZ US RUSSIA CANADA UK".split()]


@pytest.mark.parametrize("bid", NEW)
def test_new_entries_say_where_their_names_were_seen(reg: BodyRegistry, bid: str) -> None:
    b = reg.get(bid)
    assert b is not None and b.en and b.th and b.note
    assert "../shared/thaigov" in b.note or "Annex 1" in b.note
    assert b.parent is None or reg.get(b.parent) is not None
    for name in b.en + b.th:                 # each of its names resolves to it
        got = reg.resolve(name)
        assert got is not None and got[0].id == bid, (name, got)
