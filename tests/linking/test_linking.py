"""Event -> measure linking (linking.py)."""
from __future__ import annotations

import pytest

from aseandocs.linking import LinkConfig, MeasureIndex, link_corpus, tokenize
from aseandocs.model import Activity, Document, Event, Measure, ParsedDocument

TITLES = {
    "1.1.4": ("คุ้มครองและส่งเสริมสิทธิมนุษยชนในภูมิภาค", ["วางแผนเชื่อมโยงกลไกสิทธิมนุษยชนของประเทศสมาชิก"]),
    "1.2.1": ("ยกร่างและจัดทำกฎบัตรอาเซียนให้แล้วเสร็จ", ["ตั้งคณะทำงานเพื่อยกร่างกฎบัตรอาเซียน"]),
    "1.2.3": ("ผลักดันการปฏิบัติตามปฏิญญาเรื่องการปฏิบัติของภาคีในทะเลจีนใต้อย่างเคร่งครัด", []),
    "1.2.7": ("ยกระดับความร่วมมือด้านความมั่นคงทางทะเลของภูมิภาค", ["ศึกษากรอบความร่วมมือทางทะเล"]),
    "1.3.3": ("สนับสนุนบทบาทของเวทีหารือด้านความมั่นคงระดับภูมิภาค",
              ["ส่งเจ้าหน้าที่ไปช่วยงานของประธาน"]),
    "1.3.4": ("ร่วมกันปราบปรามอาชญากรรมข้ามชาติและการค้ามนุษย์", []),
    "2.1": ("เปิดตลาดสินค้าเกษตรระหว่างประเทศสมาชิก", []),
}
BODIES = {"1.3.3": ("ARF",), "1.3.4": ("SOMTC",)}


# A real plan has dozens of measures, so rarity (IDF) means something: pad the sample with measures on
# other topics.
FILLER = {f"3.{i}": (f"พัฒนาความร่วมมือด้านการท่องเที่ยวสาขาที่ {i} ของภูมิภาค", []) for i in range(1, 25)}


def plan(plan_id: str = "vap", date: str | None = "2004-11-29") -> ParsedDocument:
    ms = tuple(Measure(f"{plan_id}#{r}", plan_id, r, r.rsplit(".", 1)[0], r.count(".") + 1, t, (0, 1),
                       activities=tuple(Activity(a, (0, 1)) for a in acts), bodies=BODIES.get(r, ()))
               for r, (t, acts) in {**TITLES, **FILLER}.items())
    return ParsedDocument(Document.from_text("", id=plan_id), kind="plan", date=date, measures=ms)


def news(*events: Event, doc_id: str = "n", date: str | None = "2019-03-06",
         headline: str = "ข่าวความร่วมมืออาเซียน") -> ParsedDocument:
    """A news item of ``events`` under ``headline`` (naming ASEAN: the frame a subject needs)."""
    return ParsedDocument(Document.from_text(headline, id=doc_id), kind="news", date=date, events=events)


def ev(text: str, date: str | None = "2019-03-05", bodies=(), instruments=()) -> Event:
    return Event("meeting", text, (0, len(text)), date=date, bodies=tuple(bodies),
                 instruments=tuple(instruments))


@pytest.mark.parametrize("text,ref", [
    ("ที่ประชุมหารือแนวทางปราบปรามอาชญากรรมข้ามชาติ", "1.3.4"),
    ("ทั้งสองฝ่ายเน้นความร่วมมือทางทะเลและความมั่นคงทางทะเล", "1.2.7"),
    ("ASEAN and the US discussed maritime security cooperation", "1.2.7"),         # cross-language
    ("The meeting stressed cooperation against transnational crime", "1.3.4"),
    ("อาเซียนได้รับรองกฎบัตรอาเซียน", "1.2.1"),
])
def test_top_link(text: str, ref: str) -> None:
    linked = link_corpus([plan(), news(ev(text))])[1]
    assert linked.events[0].measures, "no link"
    assert linked.events[0].measures[0].ref == ref


def test_instrument_and_evidence() -> None:
    e = ev("กฎบัตรอาเซียน (ASEAN Charter) มีผลบังคับใช้ตั้งแต่เดือนธันวาคม 2551", date="2008-12",
           instruments=("กฎบัตรอาเซียน (ASEAN Charter)",))
    link = link_corpus([plan(), news(e)])[1].events[0].measures[0]
    assert (link.plan, link.ref, link.measure) == ("vap", "1.2.1", "vap#1.2.1")
    assert "กฎบัตรอาเซียน" in link.evidence
    assert 0 < link.score <= 1


def test_shared_body_links_and_is_evidence() -> None:
    e = ev("ARF จัดการประชุมนัดแรกที่กรุงเทพฯ", date="1994-07-25", bodies=("ARF",))
    link = link_corpus([plan(), news(e)])[1].events[0].measures[0]
    assert link.ref == "1.3.3" and "ARF" in link.evidence


def test_event_before_the_plan_is_not_progress_unless_the_plan_says_so() -> None:
    # same words, dated 1990, no shared body or instrument: cannot report on a 2004 plan
    early = ev("ที่ประชุมหารือแนวทางปราบปรามอาชญากรรมข้ามชาติ", date="1990-01-01")
    assert link_corpus([plan(), news(early)])[1].events[0].measures == ()
    # with the body the measure names, the plan "says so"
    named = ev("ที่ประชุมหารือแนวทางปราบปรามอาชญากรรมข้ามชาติ", date="1990-01-01",
               bodies=("SOMTC",))
    assert link_corpus([plan(), news(named)])[1].events[0].measures[0].ref == "1.3.4"


def test_at_most_three_links_above_threshold() -> None:
    text = " ".join(t for t, _ in TITLES.values())
    links = link_corpus([plan(), news(ev(text))])[1].events[0].measures
    assert 1 <= len(links) <= 3
    assert [l.score for l in links] == sorted((l.score for l in links), reverse=True)
    assert all(l.score >= LinkConfig().threshold for l in links)


def test_unrelated_event_gets_no_link() -> None:
    e = ev("นายกรัฐมนตรีเดินทางไปเยือนญี่ปุ่นเพื่อหารือเรื่องการท่องเที่ยว")
    assert link_corpus([plan(), news(e)])[1].events[0].measures == ()


def test_plan_does_not_link_to_itself_and_no_plans_means_no_links() -> None:
    p = plan()
    own = ParsedDocument(p.document, kind="plan", date=p.date, measures=p.measures,
                         events=(ev("ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเล"),))
    assert link_corpus([own])[0].events[0].measures == ()
    assert link_corpus([news(ev("ความมั่นคงทางทะเล"))])[0].events[0].measures == ()


def test_two_plans_each_can_be_linked() -> None:
    linked = link_corpus([plan("a"), plan("b"), news(ev("ความร่วมมือด้านความมั่นคงทางทะเล"))])
    plans = {l.plan for l in linked[2].events[0].measures}
    assert plans == {"a", "b"}


@pytest.mark.parametrize("text,expected", [
    ("ความร่วมมือเพื่อต่อต้านอาชญากรรมข้ามชาติ", ["ความร่วมมือ", "ต่อต้าน", "อาชญากรรม", "ข้ามชาติ"]),
    ("Meetings of the ASEAN Defence Ministers", ["asean", "defence", "minister"]),
    ("1.2.5 (2551)", []),
])
def test_tokenize(text, expected) -> None:
    assert tokenize(text) == expected


def test_index_touches_only_query_postings() -> None:
    # a large unrelated plan must not change the result for a specific query
    big = ParsedDocument(Document.from_text("", id="big"), kind="plan", date="2004-01-01",
                         measures=tuple(Measure(f"big#{i}", "big", str(i), None, 1,
                                                f"พัฒนาการท่องเที่ยวสาขาที่ {i}", (0, 1))
                                        for i in range(1, 400)))
    idx = MeasureIndex([plan(), big])
    assert len(idx) == len(TITLES) + len(FILLER) + 399
    links = idx.query(ev("ความร่วมมือทางทะเลและความมั่นคงทางทะเล"), regional=True)
    assert links[0].ref == "1.2.7"


def test_a_pickled_index_links_as_the_original() -> None:
    """A build pickles the index for its workers, without measure texts or search arrays."""
    import pickle

    from aseandocs.linking import MeasureIndex, link_document
    from aseandocs.model import Document, Event, Measure, ParsedDocument
    titles = {"1.1": "ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเล", "1.2": "จัดทำกฎบัตรอาเซียน",
              "2.1": "Strengthen cooperation against transnational crime"}
    plan = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29",
                          measures=tuple(Measure(f"vap#{r}", "vap", r, None, 2, t, (0, 1)) for r, t in titles.items()))
    news = ParsedDocument(Document.from_text("ASEAN news", id="n"), kind="news", date="2010-01-05", events=(
        Event("meeting", "ที่ประชุมหารือความร่วมมือด้านความมั่นคงทางทะเล", (0, 1), date="2010-01-04"),
        Event("adoption", "Ministers agreed to fight transnational crime together", (0, 1), date="2010-01-04")))
    index = MeasureIndex([plan])
    copy = pickle.loads(pickle.dumps(index))
    assert copy._vectors is None and all(not hasattr(e.measure, "title") for e in copy._entries)
    assert copy._postings is None     # issue 8: the postings travel as flat arrays
    assert link_document(copy, news) == link_document(index, news) != {}
    # the plain loop (one posting at a time, made again from the flat arrays) agrees
    for e in news.events:
        assert copy.query(e, "2010-01-05", reference=True, regional=True) == \
            index.query(e, "2010-01-05", regional=True) != ()
    assert copy._posting_lists() == dict(index._postings)


@pytest.mark.parametrize("instrument, specific", [
    # who issues it and its kind say nothing of what it is about: no instrument boost, no anchor
    ("แถลงการณ์ร่วมอาเซียน-จีนว่าด้วยความร่วมมือ", set()),
    ("ASEAN-Japan Leaders' Joint Statement on Cooperation", set()),
    ("ขอบเขตอำนาจหน้าที่ของคณะทำงาน", set()),
    # nor what it does to its subject, nor what it is annexed to
    ("แผนงานอาเซียนว่าด้วยการต่อต้าน", set()),
    ("พิธีสารแนบท้ายความตกลง", set()),
    ("Protocol to Amend the Agreement", set()),
    # its subject does
    ("แถลงการณ์ร่วมอาเซียน-จีนว่าด้วยการต่อต้านยาเสพติด", {"ต่อต้าน|ยาเสพติด"}),
    ("ASEAN Convention on Counter Terrorism", {"counter|terrorism"}),
    # nor the other language's words for a broad field it names ("กฎหมาย": law, legal systems)
    ("แผนแม่บทตามกฎหมายผังเมือง", {"ตามกฎหมาย|ผังเมือง"}),
    ("ASEAN-Japan Joint Statement on Maritime Security", {"maritime|security"}),
])
def test_an_instruments_words_that_decide(instrument: str, specific: set[str]) -> None:
    from aseandocs.linking.link import _Query
    from aseandocs.linking.terms import generic_name_word
    q = _Query.of(Event("adoption", instrument, (0, len(instrument)), instruments=(instrument,)), LinkConfig())
    assert specific <= set(q.instruments)
    assert not {t for t in q.instruments if all(generic_name_word(w) for w in t.split("|"))}
    if not specific:
        assert not q.instruments
    from aseandocs.linking.glossary import broad_gloss_terms
    assert not set(q.instruments) & broad_gloss_terms()


def test_a_partners_joint_statement_links_by_its_subject_only() -> None:
    """A summit adopts many documents at once; "อาเซียน-จีน" and "ความร่วมมือ" in their names are
    no evidence of the South China Sea measure or of any cooperation measure."""
    generic = Event("adoption", "แถลงการณ์ร่วมอาเซียน-จีนว่าด้วยความร่วมมือด้านการพัฒนาที่ยั่งยืน", (0, 60),
                    date="2021-10-26", instruments=("แถลงการณ์ร่วมอาเซียน-จีนว่าด้วยความร่วมมือด้านการพัฒนาที่ยั่งยืน",))
    crime = Event("adoption", "แถลงการณ์ร่วมอาเซียน-จีนว่าด้วยการปราบปรามอาชญากรรมข้ามชาติ", (0, 60),
                  date="2021-10-26", instruments=("แถลงการณ์ร่วมอาเซียน-จีนว่าด้วยการปราบปรามอาชญากรรมข้ามชาติ",))
    linked = link_corpus([plan(), news(generic, crime)])[1]
    assert linked.events[0].measures == ()
    assert [l.ref for l in linked.events[1].measures][:1] == ["1.3.4"]


def test_instruments_sharing_only_their_frame_are_not_the_same() -> None:
    """Two instruments whose names share only their frame ("ASEAN ... on combating ...", "a protocol
    annexed to ...") are about different things: a plan on marine plastic is no step of the
    counter-terrorism convention, the services agreement's protocols none of the nuclear-weapon-free
    zone's protocol; the convention itself is."""
    titles = {"1.1": "เร่งจัดทำอนุสัญญาอาเซียนว่าด้วยการต่อต้านการก่อการร้ายให้แล้วเสร็จ",
              "1.2": "ผลักดันให้รัฐอาวุธนิวเคลียร์ลงนามพิธีสารแนบท้ายสนธิสัญญาเขตปลอดอาวุธนิวเคลียร์",
              **{r: t for r, (t, _) in FILLER.items()}}
    vap = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29",
                         measures=tuple(Measure(f"vap#{r}", "vap", r, None, r.count(".") + 1, t, (0, 1))
                                        for r, t in titles.items()))

    def adoption(name: str, text: str) -> Event:
        return Event("adoption", text, (0, len(text)), date="2019-03-05", instruments=(name,))

    debris = "แผนปฏิบัติการอาเซียนว่าด้วยการต่อต้านขยะพลาสติกในทะเล"
    services = "พิธีสารแนบท้ายความตกลงว่าด้วยการค้าบริการของอาเซียน"
    terror = "อนุสัญญาอาเซียนว่าด้วยการต่อต้านการก่อการร้าย"
    linked = link_corpus([vap, news(adoption(debris, f"ที่ประชุมรับรอง{debris}"),
                                    adoption(services, f"ไทยให้สัตยาบัน{services}"),
                                    adoption(terror, f"ไทยให้สัตยาบัน{terror}"))])[1]
    assert [[l.ref for l in e.measures] for e in linked.events] == [[], [], ["1.1"]]


def test_a_link_is_measured_against_the_best_link_not_the_best_match() -> None:
    """A measure sharing the most words but no evidence (a seminar with experts) is no link, and so
    no bar a link must reach: the event still links to the measure its subject anchors."""
    titles = {"1.1": "จัดการสัมมนาและการแลกเปลี่ยนประสบการณ์ของผู้เชี่ยวชาญและวิทยากรในหัวข้อต่างๆ",
              "1.2": "ส่งเสริมสิทธิมนุษยชน", **{r: t for r, (t, _) in FILLER.items()}}
    acts = {"1.1": ["จัดการสัมมนาแลกเปลี่ยนประสบการณ์ระหว่างผู้เชี่ยวชาญ",
                    "เชิญวิทยากรผู้เชี่ยวชาญร่วมการสัมมนาในหัวข้อต่างๆ"],
            "1.2": ["จัดทำรายงานประจำปีของคณะกรรมาธิการและเผยแพร่แก่สาธารณชนในภูมิภาค",
                    "ศึกษาแนวทางการจัดตั้งกลไกระดับภูมิภาคตามกฎบัตร",
                    "สนับสนุนการฝึกอบรมเจ้าหน้าที่ของรัฐในประเทศสมาชิก",
                    "ส่งเสริมการวิจัยและเผยแพร่ข้อมูลแก่หน่วยงานที่เกี่ยวข้อง"]}
    vap = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29", measures=tuple(
        Measure(f"vap#{r}", "vap", r, None, r.count(".") + 1, t, (0, 1),
                activities=tuple(Activity(a, (0, 1)) for a in acts.get(r, ()))) for r, t in titles.items()))
    text = "วิทยากรผู้เชี่ยวชาญร่วมการสัมมนาแลกเปลี่ยนประสบการณ์ในหัวข้อสิทธิมนุษยชนของพลเมืองอาเซียน"
    event = Event("meeting", text, (0, len(text)), date="2019-03-05")
    index = MeasureIndex([vap])
    from aseandocs.linking.link import _Query
    ranked = [(score, index._entries[i].measure.ref) for score, i, _ in index._ranked(_Query.of(event, LinkConfig()).weights)]
    assert ranked[0][1] == "1.1" and ranked[1][1] == "1.2"
    assert ranked[1][0] < LinkConfig().relative * ranked[0][0]     # the case: below 0.7 of the top match
    assert [l.ref for l in index.query(event, regional=True)] == ["1.2"]
    assert [l.ref for l in index.query(event, regional=True, reference=True)] == ["1.2"]


def test_an_instruments_head_is_one_word_however_newmm_cuts_it() -> None:
    """newmm cuts "แผนงานการรวมกลุ่ม" as "แผน|งานการ|รวมกลุ่ม" (an equal choice): "แผนงานการ" would be the
    name's own words, shared by every roadmap "แผนงานการ…" whatever it is about."""
    assert tokenize("แผนงานการรวมกลุ่มด้านการเงิน")[:2] == ["แผนงาน", "รวมกลุ่ม"]
    assert tokenize("ฉันทามติอาเซียน") == ["ฉันทามติ", "อาเซียน"]
    assert tokenize("ห้องปฏิบัติการ")[:1] == ["ห้องปฏิบัติการ"]   # a word holding a head is left alone
    titles = {"1.1": "จัดทำแผนงานการส่งเสริมหลักนิติธรรมในภูมิภาค", **{r: t for r, (t, _) in FILLER.items()}}
    vap = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29", measures=tuple(
        Measure(f"vap#{r}", "vap", r, None, r.count(".") + 1, t, (0, 1)) for r, t in titles.items()))
    name = "แผนงานการรวมกลุ่มด้านการเงินของอาเซียน"
    event = Event("meeting", f"ที่ประชุมติดตามความคืบหน้าของ{name}", (0, 40), date="2019-03-05",
                  instruments=(name,))
    assert link_corpus([vap, news(event)])[1].events[0].measures == ()


@pytest.mark.parametrize("text, words", [
    ("แผนงานสำหรับความร่วมมือด้านการขนส่ง", ["แผนงาน", "ความร่วมมือ", "การขนส่ง"]),   # "for"
    ("ประเด็นสำคัญ อาทิ การค้ามนุษย์", ["ประเด็นสำคัญ", "การค้า", "มนุษย์"]),           # "such as"
    ("ไทยยินดีที่จะร่วมรับรอง", ["ไทย", "ยินดี"]),                                     # "to (will)"
])
def test_function_words_are_no_evidence(text: str, words: list[str]) -> None:
    """Thai function words pythainlp's list lacks ("สำหรับ", "อาทิ", "ที่จะ") are no words of a name:
    "แผนงาน|สำหรับ" made every work plan "for" something share an instrument's words."""
    assert tokenize(text) == words


def test_an_instrument_referred_to_brings_its_subject() -> None:
    """"The Charter was signed in 2007": the reference resolved to the ASEAN Charter makes the
    Charter the event's subject, as its name would."""
    from aseandocs.linking.link import _Query
    text = "The Charter was signed by the Leaders in 2007."
    q = _Query.of(Event("signing", text, (0, len(text)), instruments=("ASEAN Charter",)), LinkConfig())
    assert "subject:asean charter" in q.weights
    bare = _Query.of(Event("signing", text, (0, len(text))), LinkConfig())
    assert "subject:asean charter" not in bare.weights
    # a broad field in an instrument's name is no subject of the event
    law = "แผนแม่บทตามกฎหมายผังเมือง"
    q = _Query.of(Event("approval", "อนุมัติแผนแม่บท", (0, 15), instruments=(law,)), LinkConfig())
    assert "subject:legal" not in q.weights


def test_an_index_takes_the_fields_its_plans_workers_made(monkeypatch: pytest.MonkeyPatch) -> None:
    # a measure's fields need the body registry (the mandates of the bodies it names): the workers
    # that parse the plans have it loaded, the build process does not load it for them
    from aseandocs.corpus.records import link_terms
    from aseandocs.linking import link as link_module
    from aseandocs.linking import measure_fields
    p = plan()
    made = link_terms(p)
    assert made["fields"] == [sorted(measure_fields(m)) for m in p.measures]
    assert "subject:maritime" in made["fields"][list(TITLES).index("1.2.7")]
    plain = MeasureIndex([p])

    def unloaded(m: Measure) -> frozenset[str]:
        raise AssertionError("measure_fields called in the build process")
    monkeypatch.setattr(link_module, "measure_fields", unloaded)
    given = MeasureIndex([p], terms=[made["terms"]], fields=[made["fields"]])
    assert [e.fields for e in given._entries] == [e.fields for e in plain._entries]
    with pytest.raises(AssertionError):   # a plan cached without them: made here
        MeasureIndex([p], terms=[made["terms"]], fields=[None])


@pytest.mark.parametrize("instrument, specific", [
    ("ร่างรายงานการศึกษาความเป็นไปได้ร่วมกันในการยกระดับความตกลงการค้าเสรีอาเซียน–จีน",
     {"ความตกลง|การค้า", "การค้า|เสรี", "เสรี|อาเซียน"}),
    ("Joint Feasibility Study Report on Tourism Cooperation", {"report|tourism", "tourism|cooperation"}),
    ("รายงานการศึกษาความเป็นไปได้ด้านการท่องเที่ยว", {"ความเป็นไปได้|การท่องเที่ยว"}),
    # nor do the parties' number nor "assistance" name one: legal aid and disaster relief differ
    ("ความตกลงทวิภาคีในเรื่องเขตการค้นหาและช่วยเหลือ", {"ทวิภาคี|เขต", "เขต|ค้นหา", "ค้นหา|ช่วยเหลือ"}),
    ("ระเบียบปฏิบัติของอาเซียนด้านการให้ความช่วยเหลือด้านมนุษยธรรม", {"ระเบียบปฏิบัติ|อาเซียน",
                                                                   "ความช่วยเหลือ|มนุษยธรรม"}),
    ("ความตกลงอาเซียนว่าด้วยความช่วยเหลือ", set()),
])
def test_a_documents_kind_parties_and_aid_name_no_instrument(instrument: str, specific: set[str]) -> None:
    """A study report ("รายงานการศึกษา", one head however newmm cuts it) and a feasibility study
    are kinds of document, a bilateral agreement says how many parties it has, "assistance" what
    every such document gives: only what they are about names them. A think tank's study reports
    are no step of a free trade area's feasibility study."""
    from aseandocs.linking.link import _Query
    q = _Query.of(Event("adoption", instrument, (0, len(instrument)), instruments=(instrument,)), LinkConfig())
    assert set(q.instruments) == specific
    titles = {"1.1": "ให้สถาบันวิชาการเสนอรายงานการศึกษาหรือผลงานทางวิชาการต่ออาเซียน",
              **{r: t for r, (t, _) in FILLER.items()}}
    vap = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29", measures=tuple(
        Measure(f"vap#{r}", "vap", r, None, r.count(".") + 1, t, (0, 1)) for r, t in titles.items()))
    event = Event("adoption", f"ที่ประชุมรับรอง{instrument}", (0, 80), date="2019-03-05", instruments=(instrument,))
    assert link_corpus([vap, news(event)])[1].events[0].measures == ()


@pytest.mark.parametrize("instrument, linked", [
    ("สนธิสัญญาเขตปลอดอาวุธนิวเคลียร์ในเอเชียตะวันออกเฉียงใต้", True),     # the measure's own treaty
    ("สนธิสัญญาห้ามอาวุธนิวเคลียร์", False),                              # the TPNW: one phrase of three
    ("Treaty on the Non-Proliferation of Nuclear Weapons", False),          # the NPT: likewise
])
def test_an_instrument_is_named_by_its_name_not_by_a_phrase_it_shares(instrument: str, linked: bool) -> None:
    """A measure names an instrument when it holds a glossary name of it or half the phrases of
    its name: another treaty on nuclear weapons shares "อาวุธ|นิวเคลียร์" with the measure on the
    nuclear weapon-free zone and is no step of it."""
    titles = {"1.1": "ส่งเสริมให้สนธิสัญญาเขตปลอดอาวุธนิวเคลียร์ในเอเชียตะวันออกเฉียงใต้มีผลบังคับใช้อย่างสมบูรณ์",
              **{r: t for r, (t, _) in FILLER.items()}}
    vap = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29", measures=tuple(
        Measure(f"vap#{r}", "vap", r, None, r.count(".") + 1, t, (0, 1)) for r, t in titles.items()))
    event = Event("ratification", f"ประเทศสมาชิกอาเซียนให้สัตยาบัน{instrument}ครบทุกประเทศ", (0, 90),
                  date="2021-10-27", instruments=(instrument,))
    got = [m.ref for m in link_corpus([vap, news(event)])[1].events[0].measures]
    assert got == (["1.1"] if linked else [])


def test_a_measures_bigrams_stay_inside_its_title_and_each_activity() -> None:
    # the title's last word and the first activity's first word are no phrase of the measure
    from aseandocs.linking import measure_terms
    m = Measure("vap#1.1", "vap", "1.1", None, 2, "ส่งเสริมความร่วมมือทางทะเล", (0, 1),
                activities=(Activity("แลกเปลี่ยนผู้เชี่ยวชาญ", (0, 1)), Activity("ศึกษากฎหมาย", (0, 1))))
    terms = set(measure_terms(m))
    assert {"ความร่วมมือ|ทางทะเล", "แลกเปลี่ยน|ผู้เชี่ยวชาญ", "ศึกษา|กฎหมาย"} <= terms
    assert not {"ทางทะเล|แลกเปลี่ยน", "ผู้เชี่ยวชาญ|ศึกษา"} & terms
    # nor do two items of a list the plan writes with a space, except after "ๆ" by convention
    m = Measure("vap#1.2", "vap", "1.2", None, 2, "ให้องค์การรัฐสภาอาเซียน สมัชชาประชาชนของอาเซียนมีส่วนร่วม", (0, 1),
                activities=(Activity("ทบทวนประเด็นต่างๆ ภายใต้แผนงาน", (0, 1)),))
    terms = set(measure_terms(m))
    assert "อาเซียน|สมัชชา" not in terms and {"สมัชชา|ประชาชน", "ประเด็น|แผนงาน"} <= terms
