"""Events: cue data, clause segmentation, event types, dates, status, ordinals, instruments, bodies.

Every text here is written for these tests (no corpus text). Event texts are checked to be exactly
``document.text[span]`` (the span trimmed of white space; see aseandocs.news).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aseandocs.model import EVENT_TYPES, Document, Mention
from aseandocs.news import extract_events
from aseandocs.news.cues import Cue, _key, cue_data, find_cues, find_instruments, find_ordinal, main_cue
from aseandocs.news.events import _segment, segment
from aseandocs.thai import normalize


def events(text: str, mentions=(), **kw):
    doc = Document.from_text(normalize(text).text)
    return doc, extract_events(doc, mentions, **kw)


# --- the data file ------------------------------------------------------------------------

def test_every_event_type_has_thai_and_english_cues():
    ev = cue_data()["events"]
    assert set(ev) == set(EVENT_TYPES)
    for etype, langs in ev.items():
        for lang in ("th", "en"):
            words = [w if isinstance(w, str) else w["cue"] for w in langs[lang]]
            assert words and all(isinstance(w, str) and w.strip() for w in words), (etype, lang)


def test_cue_words_are_unique_across_types():
    seen: dict[str, str] = {}
    for etype, langs in cue_data()["events"].items():
        for lang in ("th", "en"):
            for w in langs[lang]:
                word = _key(w if isinstance(w, str) else w["cue"])
                assert seen.setdefault(word, etype) == etype, f"{word!r} in {seen[word]} and {etype}"


def test_english_lists_hold_no_yaml_booleans():
    d = cue_data()
    for key in ("instrument_connectors", "clause_cues", "sentence_cues", "context_resets"):
        assert all(isinstance(w, str) for w in d[key]), key


# --- cues ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,etype", [
    ("รัฐมนตรีอาเซียนจัดการประชุมที่กรุงเทพฯ", "meeting"),
    ("ASEAN foreign ministers met in Singapore.", "meeting"),
    ("ที่ประชุมได้ให้การรับรองปฏิญญาว่าด้วยเยาวชน", "adoption"),
    ("The leaders adopted a declaration on youth.", "adoption"),
    ("Ministers endorsed the work plan.", "adoption"),
    ("ผู้แทนทั้งสองฝ่ายได้ลงนามบันทึกความเข้าใจ", "signing"),
    ("The two sides signed a memorandum.", "signing"),
    ("อาเซียนได้จัดตั้งศูนย์ประสานงานแห่งใหม่", "establishment"),
    ("ASEAN established a new centre.", "establishment"),
    ("The network was set up by member states.", "establishment"),
    ("ความตกลงฉบับนี้มีผลบังคับใช้แล้ว", "entry_into_force"),
    ("The treaty entered into force last year.", "entry_into_force"),
    ("ติมอร์-เลสเตได้ภาคยานุวัติสนธิสัญญา", "accession"),
    ("ประเทศใหม่เข้าเป็นภาคีของอนุสัญญา", "accession"),
    ("Brazil acceded to the treaty.", "accession"),
    ("สำนักเลขาธิการเปิดตัวเว็บไซต์ใหม่", "launch"),
    ("The Secretariat launched a new portal.", "launch"),
    ("ผู้นำเห็นชอบให้ขยายความร่วมมือ", "agreement"),
    ("The ministers agreed to expand cooperation.", "agreement"),
    ("ไทยมีแผนที่จะขยายความร่วมมือ", "plan"),
    ("Thailand plans to expand cooperation.", "plan"),
    ("ASEAN will expand cooperation.", "plan"),
])
def test_main_cue_type(text, etype):
    cue = main_cue(find_cues(text))
    assert cue is not None and cue.type == etype


@pytest.mark.parametrize("text", [
    "ความตกลงว่าด้วยการค้าบริการ",          # the noun Agreement, not "agreed"
    "การรับรองคุณวุฒิวิชาชีพ",                  # recognition of qualifications
    "ไม่ว่าจะเป็นเรื่องใด",                    # "whether", not a plan
    "The willow tree and the signpost.",     # no whole-word cue
])
def test_no_cue(text):
    assert main_cue(find_cues(text)) is None


def test_strong_cue_wins_over_meeting():
    assert main_cue(find_cues("ที่ประชุมสุดยอดได้ลงนามในความตกลง")).type == "signing"
    assert main_cue(find_cues("At the summit the leaders signed it.")).type == "signing"


# --- ordinals -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("การประชุมรัฐมนตรีอาเซียน ครั้งที่ 11", 11),
    ("ที่ประชุมสุดยอดอาเซียน ครั้งที่ 28-29", 28),
    ("การประชุมระดับรัฐมนตรีครั้งแรก", 1),
    ("the 32nd ASEAN Summit", 32),
    ("the 1st Ministerial Meeting", 1),
    ("the first ministerial meeting", 1),
    ("the 53rd AEM Meeting", 53),
    ("การปฏิวัติอุตสาหกรรม ครั้งที่ 4", None),     # no meeting
    ("the 4th Industrial Revolution", None),
    ("การประชุมครั้งนี้", None),
])
def test_ordinal(text, expected):
    assert find_ordinal(text) == expected


# --- clause segmentation ------------------------------------------------------------------

@pytest.mark.parametrize("text,clauses", [
    ("อาเซียนจัดการประชุม ครั้งที่ 5 โดยที่ประชุมหารือเรื่องน้ำ และรับรองแผนงาน",
     ["อาเซียนจัดการประชุม ครั้งที่ 5", "โดยที่ประชุมหารือเรื่องน้ำ", "และรับรองแผนงาน"]),
    ("ประเทศสมาชิกช่วยเหลือซึ่งกันและกัน นอกจากนี้ยังลงนามความตกลง",
     ["ประเทศสมาชิกช่วยเหลือซึ่งกันและกัน", "นอกจากนี้ยังลงนามความตกลง"]),
    ("ลงนามโดยรัฐมนตรีและเลขาธิการ", ["ลงนามโดยรัฐมนตรีและเลขาธิการ"]),   # no space: no cut
    ("The ministers met on 5 May 2019. Mr. Tan chaired it. They adopted a plan.",
     ["The ministers met on 5 May 2019.", "Mr. Tan chaired it.", "They adopted a plan."]),
    ("ดำเนินการต่อไป 5.1 การระดมทุน อาเซียนจะจัดตั้งกองทุน",
     ["ดำเนินการต่อไป", "5.1 การระดมทุน อาเซียนจะจัดตั้งกองทุน"]),
    ("ปีนี้มีการประชุม\n\nต่อมาในวันที่ 2 มีนาคม 2562 มีการลงนาม",
     ["ปีนี้มีการประชุม", "ต่อมาในวันที่ 2 มีนาคม 2562 มีการลงนาม"]),
    ("เมื่อ พ.ศ. 2562 ได้มีการประชุม ณ สปป.ลาว", ["เมื่อ พ.ศ. 2562 ได้มีการประชุม ณ สปป.ลาว"]),
])
def test_segment(text, clauses):
    assert [text[c.start:c.end] for c in segment(text)] == clauses


def test_long_list_is_cut_into_pieces():
    item = "หน่วยงานด้านความร่วมมือของภูมิภาค (Regional Cooperation Unit) "
    text = "ผู้เข้าร่วมการประชุม ได้แก่ " + item * 20
    pieces = segment(text)
    assert len(pieces) > 1 and all(c.end - c.start <= 520 for c in pieces)


# --- events: types, dates, status ---------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # a date opening the paragraph governs the clauses after it
    ("เมื่อวันที่ 5 มีนาคม 2562 รัฐมนตรีอาเซียนได้จัดการประชุม ครั้งที่ 9 ณ กรุงเทพฯ "
     "โดยที่ประชุมได้ให้การรับรองแผนงานอาเซียนว่าด้วยการท่องเที่ยว",
     [("meeting", "2019-03-05", 9), ("adoption", "2019-03-05", None)]),
    ("On 4 March 2019, ASEAN ministers met in Bangkok. They adopted the ASEAN Work Plan on Tourism.",
     [("meeting", "2019-03-04", None), ("adoption", "2019-03-04", None)]),
    # a date inside the statement wins; a day range gives an end date
    ("ผู้นำอาเซียนได้ลงนามในปฏิญญาอาเซียนว่าด้วยเยาวชน ระหว่างวันที่ 13-14 พฤศจิกายน 2560",
     [("signing", "2017-11-13", None)]),
    ("The ASEAN Charter entered into force on 15 December 2008.",
     [("entry_into_force", "2008-12-15", None)]),
    # one event per date when a clause holds several
    ("ประเทศใหม่เข้าเป็นสมาชิก ได้แก่ ประเทศเอ (เป็นสมาชิกวันที่ 7 มกราคม 2527) "
     "ประเทศบี (เป็นสมาชิกวันที่ 28 กรกฎาคม 2538)",
     [("accession", "1984-01-07", None), ("accession", "1995-07-28", None)]),
    # month and year precision
    ("กฎบัตรอาเซียน (ASEAN Charter) มีผลบังคับใช้ตั้งแต่เดือนธันวาคม 2551",
     [("entry_into_force", "2008-12", None)]),
    ("ผู้นำอาเซียนร่วมกันลงนามอนุสัญญาต่อต้านการก่อการร้ายของอาเซียนในปี 2550",
     [("signing", "2007", None)]),
    # "ครั้งที่ 5 เดือนธันวาคม 2538": 5 is the ordinal, not the day
    ("ที่ประชุมสุดยอดอาเซียน ครั้งที่ 5 เดือนธันวาคม 2538 ได้ลงนามในกรอบความตกลงว่าด้วยบริการ",
     [("signing", "1995-12", 5)]),
    # a target year is no event date
    ("ผู้นำอาเซียนได้เห็นชอบแผนงานประชาคมอาเซียนภายในปี 2568", [("agreement", None, None)]),
    ("The leaders endorsed the ASEAN Vision to be achieved by 2025.", [("adoption", None, None)]),
])
def test_event_types_and_dates(text, expected):
    doc, evs = events(text)
    assert [(e.type, e.date, e.ordinal) for e in evs] == expected
    for e in evs:
        assert e.text == doc.text[e.span[0]:e.span[1]] and e.text == e.text.strip()


@pytest.mark.parametrize("text,expected", [
    # relative days count from the publication date (issue: "entered into force today" undated)
    ("New era for ASEAN\n\nJakarta, 15 December 2008 – The ASEAN Charter entered into force "
     "today.", [("entry_into_force", "2008-12-15", "done")]),
    ("ASEAN water news today\n\nPosted on 6 March 2019\n\nASEAN ministers signed the ASEAN "
     "Agreement on Water yesterday. They will meet again tomorrow.",
     [("signing", "2019-03-05", "done"), ("meeting", "2019-03-07", "planned")]),
    ("ข่าวความร่วมมือด้านน้ำของอาเซียน\n\nข่าวต่างประเทศ 06 Mar 2019\n\nเมื่อวานนี้ รัฐมนตรีอาเซียน"
     "ได้ลงนามในความตกลงอาเซียนว่าด้วยน้ำ", [("signing", "2019-03-05", "done")]),
    ("ความร่วมมือด้านน้ำของอาเซียน\n\nมิถุนายน 20, 2019\nวันนี้ ที่ประชุมรัฐมนตรีอาเซียนได้ให้การรับรอง"
     "ปฏิญญาว่าด้วยน้ำ", [("adoption", "2019-06-20", "done")]),
    # no document date: a relative day dates nothing
    ("History of water cooperation\n\nThe ASEAN Agreement on Water entered into force today "
     "after a long wait, officials said in a statement that has no date of its own.",
     [("entry_into_force", None, "done")]),
])
def test_relative_days_count_from_the_document_date(text, expected):
    _, evs = events(text)
    assert [(e.type, e.date, e.status) for e in evs] == expected


def test_the_last_dated_statement_of_a_paragraph_governs_the_next():
    """An undated statement takes the date of the dated one before it in its paragraph, not the
    opening date of an earlier paragraph; a coarser date does not replace a day."""
    text = ("On 3 March 2019, ASEAN ministers signed the ASEAN Agreement on Water.\n\n"
            "The 5th ASEAN Water Forum, held in Hue on 5-6 June 2019, reviewed the work plan. "
            "The officials also agreed to set up the ASEAN Water Centre.\n\n"
            "On 9 July 2019 ASEAN ministers met in Manila. ASEAN also launched the ASEAN Water "
            "Portal in 2019. The ministers agreed on the ASEAN Water Charter.")
    _, evs = events(text)
    assert [(e.type, e.date) for e in evs] == [
        ("signing", "2019-03-03"), ("meeting", "2019-06-05"), ("agreement", "2019-06-05"),
        ("meeting", "2019-07-09"), ("launch", "2019"), ("agreement", "2019-07-09")]


def test_end_date_of_a_range():
    _, evs = events("The summit was held on 13-14 November 2017 in Manila.")
    assert [(e.date, e.end_date) for e in evs] == [("2017-11-13", "2017-11-14")]


@pytest.mark.parametrize("text,status", [
    ("ไทยมีแผนที่จะจัดตั้งศูนย์อาเซียนด้านผู้สูงอายุ (ASEAN Centre) ในปี 2562", "planned"),
    ("ไทยจะเป็นเจ้าภาพจัดการประชุมรัฐมนตรีอาเซียนในปี 2562", "planned"),
    ("ASEAN will launch the ASEAN Single Window in 2020.", "planned"),
    ("ASEAN launched the ASEAN Single Window in 2020.", "done"),
    ("ผู้นำอาเซียนได้ตกลงกันจะสร้างประชาคมอาเซียนในปี 2558", "done"),   # agreed (then) to build
])
def test_status(text, status):
    _, evs = events(text)
    assert [e.status for e in evs] == [status]


def test_a_date_after_the_document_date_is_planned():
    text = ("ASEAN holds talks\n\nPosted on 5 March 2019\n\nThe ministers met on 4 March 2019. "
            "The ASEAN Summit meets in Bangkok on 22 June 2019.")
    _, evs = events(text)
    assert [(e.date, e.status) for e in evs] == [("2019-03-04", "done"), ("2019-06-22", "planned")]


def test_publication_and_dateline_dates_date_no_event():
    text = ("ASEAN ministers sign pact\n\nPosted on 12 August 2021\n\nJakarta, 12 August 2021 - "
            "ASEAN ministers signed the ASEAN Agreement on Electronic Commerce on 11 August 2021.")
    _, evs = events(text)
    assert [e.date for e in evs] == ["2021-08-11"]


def test_undated_events_need_a_body_or_an_instrument():
    text = "ที่ประชุมได้หารือแนวทางความร่วมมือ และได้รับรองแผนปฏิบัติการอาเซียนว่าด้วยน้ำ"
    _, evs = events(text)
    assert [(e.type, e.instruments) for e in evs] == [
        ("adoption", ("แผนปฏิบัติการอาเซียนว่าด้วยน้ำ",))]
    doc = Document.from_text("The SOMTC discussed cooperation.")
    got = extract_events(doc, [Mention("SOMTC", "SOMTC", (4, 9))])
    assert [(e.type, e.bodies) for e in got] == [("meeting", ("SOMTC",))]


def test_bodies_inside_the_span_deduplicated_in_order():
    text = "On 2 May 2019 AMM and SOMTC met; AMM chaired. Later ACCSM met on 3 May 2019."
    doc = Document.from_text(text)
    ms = [Mention("AMM", "AMM", (14, 17)), Mention("SOMTC", "SOMTC", (22, 27)),
          Mention("AMM", "AMM", (33, 36)), Mention("ACCSM", "ACCSM", (52, 57))]
    evs = extract_events(doc, ms)
    assert [e.bodies for e in evs] == [("AMM", "SOMTC"), ("ACCSM",)]


def test_a_plan_keeps_only_its_signing_and_dated_statements():
    text = ("อาเซียนจะส่งเสริมความร่วมมือด้านน้ำ ทำไว้ ณ กรุงเทพฯ เมื่อวันที่ 8 สิงหาคม 2510 "
            "ภาคผนวก 1 แผนปฏิบัติการ 1.1 การเมือง 1.1.1 ส่งเสริมการหารือ - จัดการประชุมรัฐมนตรี "
            "ในปี 2511 - ลงนามในความตกลงอาเซียนว่าด้วยน้ำ 1.1.2 จัดตั้งศูนย์อาเซียน - จัดการประชุม")
    _, evs = events(text, kind="plan")
    assert [(e.type, e.date) for e in evs] == [("signing", "1967-08-08")]


# --- instruments --------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("ได้ลงนามในกฎบัตรอาเซียน (ASEAN Charter) เมื่อปี 2550", ["กฎบัตรอาเซียน (ASEAN Charter)"]),
    ("รับรองปฏิญญาอาเซียนว่าด้วยเยาวชนซึ่งเสนอโดยไทย", ["ปฏิญญาอาเซียนว่าด้วยเยาวชน"]),
    ("ลงนามบันทึกความเข้าใจว่าด้วยการศึกษา และฉันทามติอาเซียนว่าด้วยแรงงาน",
     ["บันทึกความเข้าใจว่าด้วยการศึกษา", "ฉันทามติอาเซียนว่าด้วยแรงงาน"]),
    ("ความตกลงว่าด้วยบริการขนส่งผู้โดยสาร (Agreement on Passenger Services)",
     ["ความตกลงว่าด้วยบริการขนส่งผู้โดยสาร (Agreement on Passenger Services)"]),
    ("ให้ความเคารพปฏิญญาดังกล่าว", []),                         # a reference, not a name
    ("เช่น ปฏิญญา (Declaration) และอนุสัญญา (Convention)", []),  # bare head words
    ("The leaders signed the ASEAN Convention on Counter Terrorism in 2007.",
     ["ASEAN Convention on Counter Terrorism"]),
    ("It adopted the Treaty of Amity and Cooperation in Southeast Asia on 24 February 1976.",
     ["Treaty of Amity and Cooperation in Southeast Asia"]),
    ("Both sides signed an MOU on Health Cooperation and the ASEAN-China Work Plan 2021-2025.",
     ["MOU on Health Cooperation", "ASEAN-China Work Plan 2021-2025"]),
    ("The Declaration was adopted.", []),
    # a kind of document, not a name: "(the draft) is not a treaty under international law"
    ("จึงไม่เป็นสนธิสัญญาตามกฎหมายระหว่างประเทศ", []),
    ("ความตกลงภายใต้กรอบความร่วมมือ", []),
])
def test_find_instruments(text, expected):
    assert find_instruments(text) == expected


def test_a_bare_reference_takes_the_instrument_named_before_it():
    text = ("อาเซียนได้ลงนามในสนธิสัญญาว่าด้วยเขตปลอดอาวุธ (Treaty on a Free Zone) เมื่อวันที่ "
            "15 ธันวาคม 2538 และประเทศมหาอำนาจได้ยอมรับสนธิสัญญาในภายหลัง")
    _, evs = events(text)
    assert [e.instruments for e in evs] == [
        ("สนธิสัญญาว่าด้วยเขตปลอดอาวุธ (Treaty on a Free Zone)",)] * 2


def test_a_cue_inside_an_instrument_name_does_not_count():
    _, evs = events("ได้มีการจัดทำปฏิญญาอาเซียนว่าด้วยการรับรองดัชนีเยาวชน ในปี 2560")
    assert evs == []


# --- robustness ---------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("กขคงจดตนบปมยรลวสหอะาิีึืุูเแโใไ่้็์ัำ ()-.,:\n0123456789")
                            + ["การประชุม", "ครั้งที่ ", "ลงนาม", " โดย", " และ", "เมื่อวันที่ ",
                               " มีนาคม ", "2562", "ปฏิญญา", "ASEAN ", "Declaration ", "signed ",
                               "on 5 May 2019. ", "will ", " ทำไว้ ณ ", "1.1.1 ", "- "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=120).map("".join),
       st.sampled_from([None, "plan", "news", "report"]))
def test_extract_events_never_raises_and_spans_hold(raw, kind):
    doc = Document.from_text(normalize(raw).text)
    for e in extract_events(doc, kind=kind):
        a, b = e.span
        assert 0 <= a < b <= len(doc.text)
        assert e.text == doc.text[a:b] == e.text.strip()
        assert e.type in EVENT_TYPES and e.status in ("done", "planned")


# --- issue 8: cues found once per line -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "ที่ประชุมได้หารือ โดยที่ประชุมได้ลงนามในความตกลง และได้ให้การรับรองปฏิญญา",
    "The ministers met. They signed the ASEAN Charter and it entered into force in 2008.",
    "entered\ninto force. ลง นาม ทำไว้ ณ ที่ประชุม ครั้งที่ 5 1.1 การประชุม (2) ตกลง",
    "set up. Up ทั้งนี้ ประชุม ซึ่งกันและกัน ตกลงว่าด้วย ความตกลง",
])
def test_clause_cues_are_those_of_the_clause_alone(text):
    clauses, cues = _segment(text)
    assert clauses == segment(text)
    for c, found in zip(clauses, cues):
        alone = [Cue(q.type, q.text, q.start + c.start, q.end + c.start)
                 for q in find_cues(text[c.start:c.end])]
        assert found == alone


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET | st.sampled_from(["set up ", "entered into force", " ลง นาม",
                                             "agreed.", "Up ", "ตกลงว่าด้วย"]),
                max_size=80).map("".join))
def test_clause_cues_property(raw):
    text = normalize(raw).text
    clauses, cues = _segment(text)
    for c, found in zip(clauses, cues):
        assert found == [Cue(q.type, q.text, q.start + c.start, q.end + c.start)
                         for q in find_cues(text[c.start:c.end])]


def test_the_treaty_a_paragraph_later_is_the_treaty_named_before() -> None:
    text = ("สนธิสัญญาไมตรีและความร่วมมือในเอเชียตะวันออกเฉียงใต้ จัดทำขึ้นเมื่อปี 2519 "
            "มีหลักการสำคัญ ดังนี้\n\n1.1 การไม่แทรกแซงกิจการภายใน\n\n1.2 การแก้ไขข้อพิพาทโดยสันติวิธี\n\n"
            "ต่อมาในเดือนธันวาคม 2530 ได้มีการแก้ไขสนธิสัญญาเพื่อเปิดทางให้ประเทศนอกภูมิภาคเข้าเป็นภาคี")
    amended = [e for e in extract_events(Document.from_text("ข่าวทำเนียบรัฐบาล\n\n" + text)) if e.text.startswith("ต่อมา")]
    assert amended and "สนธิสัญญาไมตรีและความร่วมมือในเอเชียตะวันออกเฉียงใต้" in amended[0].instruments
