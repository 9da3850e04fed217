"""The scans of issue 18 (item 3, speed) give exactly what their plain forms give.

Each pattern that Python's ``re`` tried at every position (it opened with a look-behind) is now
searched from a "lead" pattern opening with a character class (``_fastre.lead_finditer``), or was
rewritten to open with the character it consumes; the plain forms are kept here and compared on
sentences written for these tests, on corpus/ and, when present, on ../shared (read in place).
"""
from __future__ import annotations

import random
import re

import pytest
from conftest import OWN_CORPUS, shared_docs

from aseandocs._fastre import lead_finditer
from aseandocs.news import events
from aseandocs.pipeline import normalize_document
from aseandocs.plans import body, refs
from aseandocs.plans.cues import BULLET
from aseandocs.readers import read

#: SENTENCE_END as it was: the look-behind first.
PLAIN_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]\"”’%])[.!?](?=\s+\S)")

EDGES = [
    "ที่ประชุมหารือ ครั้งที่ 11 โดยที่ประชุมได้หารือ และกัน ซึ่งกันและกัน ต่อมา ทั้งนี้ ได้ลงนาม",
    "เมื่อวันที่ 5 มี.ค. 64 08.30 น. ที่ทำเนียบ 1.1 ส่งเสริม (2) การเสริม 3) การสร้าง 5. กลไก",
    "Mr. Smith met Dr. Lee on 5 May 2019. They signed it! Why? (ASEAN) agreed.” Then 10%. ok",
    "- ข้อหนึ่ง\n• ข้อสอง\n  – ข้อสาม\no item\nAction Lines: hold a meeting\nกิจกรรม: จัดประชุม",
    "เอเชีย- แปซิฟิก 2553 - 2558 อาเซียน - จีน “กันป่วย - กันตาย” A - b",
    "ตามข้อ1.1 ตามที่ระบุในข้อ 1.2.3 และ 1.2.4 see 2.1, A.1.2 B3.1 (iv) a) ii. x.1 ASEAN-1.2 3/4.5",
    "ข้อ\n\n1.1 ส่งเสริม\n 1.2\t\tจัดทำ  \n  1.3 พัฒนา",
    "-\n•",
    "",
]


def _texts() -> list[str]:
    paths = sorted(p for p in OWN_CORPUS.iterdir() if p.suffix in (".txt", ".html")) + shared_docs()
    rnd = random.Random(18)
    alphabet = list("ab Z1(2).-–•\n\t ก่าเข้อ:,/o%") + ["Action Lines", "กิจกรรม", "โดย", "และ",
                                                     "ซึ่งกันและกัน", " 1.1 ", "เวลา 13.00 น.", "Mr. "]
    noise = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 60))) for _ in range(400)]
    return [normalize_document(read(p)).text for p in paths] + EDGES + noise


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.lastgroup, m.groups()) for m in matches]


def test_lead_finditer_examples():
    rx = re.compile(r"(?<=\s)\d+")
    lead = re.compile(r"\d(?<=\s.)")
    text = "ปี 2562 ข้อ5 และ 12 3"
    assert _spans(lead_finditer(lead, rx, text)) == _spans(rx.finditer(text))
    assert _spans(lead_finditer(lead, rx, text, 4, 20)) == _spans(rx.finditer(text, 4, 20))
    empty = re.compile(r"(?<=\s)(?=และ|โดย)")           # every match empty: each place once
    assert [m.start() for m in lead_finditer(re.compile(r"[แโ](?<=\s.)"), empty, "ก และ โดยและ ข")] == \
           [m.start() for m in empty.finditer("ก และ โดยและ ข")] == [2, 6]


def test_clause_scans_match_plain_forms(texts):
    cue, lead = events._clause_cue(), events._clause_lead()
    for t in texts:
        for line in events._LINE.finditer(t):
            s = line.group()
            assert _spans(lead_finditer(events._ITEM_LEAD, events.ITEM_START, s)) == \
                   _spans(events.ITEM_START.finditer(s)), s
            assert _spans(events.SENTENCE_END.finditer(s)) == _spans(PLAIN_SENTENCE_END.finditer(s)), s
            assert _spans(lead_finditer(lead, cue, s)) == _spans(cue.finditer(s)), s


def test_item_refs_match_plain_finditer(texts):
    for t in texts:
        assert _spans(lead_finditer(refs._ITEM_LEAD, refs.ITEM_REF, t)) == _spans(refs.ITEM_REF.finditer(t))


def test_prev_word_matches_the_search(texts):
    rnd = random.Random(3)
    for t in texts:
        places = {m.start() for m in refs.ITEM_REF.finditer(t)} | {rnd.randint(0, len(t)) for _ in range(10)}
        for i in places:
            m = refs.PREV_WORD.search(t, max(0, i - 60), i)
            plain = "" if not m or "\n\n" in t[m.start():i] else m.group("word")
            assert refs._prev_word(t, i) == plain, (t[max(0, i - 60):i], i)


def test_bullets_match_plain_finditer(texts):
    rnd = random.Random(4)
    for t in texts:
        for s, e in [(0, len(t)), (0, rnd.randint(0, len(t)))] + [
                sorted((rnd.randint(0, len(t)), rnd.randint(0, len(t)))) for _ in range(3)]:
            assert _spans(body._bullet_matches(t, s, e)) == _spans(BULLET.finditer(t, s, e)), (s, e, t[s:s + 60])


def test_normalize_rule_matches_equal_plain_finditer(texts):
    """``thai.text._rule_matches`` gives every ``_RULES`` match that changes the text, as the
    plain finditer over the whole text does (Thai marks, vowels, spaces and breaks mixed at random
    too: misordered, doubled, with stray spaces and zero-width characters)."""
    from aseandocs.thai import text as thai
    rnd = random.Random(7)
    alphabet = list(" \t\n\r\u00a0\u200b\u00adกขเาะำๅ่้ั ีุํฤaZ1๒")
    noise = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(3000)]

    def changing(matches) -> list[tuple]:
        return [(m.span(), m.lastgroup) for m in matches
                if not (m.group() in thai._KEPT and m.lastgroup in ("nl", "marks"))]
    for t in texts + noise + ["เเละ", " ก ", "\n", "\u200b", "ก\u0e4d\u0e32  ว่า ๒๕๖๒", "หญา้ กะ่ พ ุ่ม กา า"]:
        assert changing(thai._rule_matches(t)) == changing(thai._RULES.finditer(t)), t[:80]


#: YEARLESS_RE's opening as it was: the look-behind first, so tried at every position.
PLAIN_YEARLESS_OPENING = r"(?:(?<![A-Za-z])[Oo]n[ \t\u00a0]{1,3}"


def test_yearless_dates_match_the_plain_form(texts):
    from aseandocs.dates import scan
    opening = r"(?:[Oo](?<![A-Za-z].)n[ \t\u00a0]{1,3}"
    assert scan.YEARLESS_RE.pattern.startswith(opening)
    plain = re.compile(PLAIN_YEARLESS_OPENING + scan.YEARLESS_RE.pattern[len(opening):], scan.YEARLESS_RE.flags)
    extra = ["On 8 October they met; Upon 9 May; (on the 3rd of June) xon 4 July, วันที่ 8 ต.ค. on 5 June 2020"]
    for t in texts + extra:
        assert _spans(scan.YEARLESS_RE.finditer(t)) == _spans(plain.finditer(t)), t[:80]
    assert [m.group() for m in scan.YEARLESS_RE.finditer(extra[0])][:2] == ["On 8 October", "on the 3rd of June"]


def test_noun_years_lead_matches_plain_finditer(texts):
    """``news.dating._noun_years`` searches its case-insensitive pattern from the letters a
    determiner can open with: the same matches as the plain finditer."""
    from aseandocs.news import dating
    rx, lead, _, _ = dating._noun_regex()
    extra = ["the 1992 agreement, its 2015 declaration; ASEAN's 2007 Charter and THE 2003 Bali Concord",
             "xthe 1992 agreement -the 2001 summit ſ'the 2004 meeting The 2016-2025 plan ประชุมthe 2019 Summit"]
    for t in texts + extra:
        assert _spans(lead_finditer(lead, rx, t)) == _spans(rx.finditer(t)), t[:80]
    assert len(list(rx.finditer(extra[0]))) >= 3
