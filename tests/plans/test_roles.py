"""Roles of a plan's numbered items (measure / section) and document kinds of real-corpus genres."""
from __future__ import annotations

import pytest

from aseandocs.plans.roles import assign_roles, is_prose_section
from aseandocs.model import Document, Measure, ParsedDocument
from aseandocs.news import detect_kind
from aseandocs.plans import parse_plan, parse_plan_text


@pytest.mark.parametrize("title, section", [
    ("การระดมทุน ประเทศสมาชิกจะแสวงหางบประมาณจากคู่เจรจา", True),
    ("การติดตามและประเมินผล สำนักเลขาธิการจะจัดทำรายงานทุกปี", True),
    ("แนวทางในการดำเนินการ แผนนี้จะดำเนินการโดยองค์กรรายสาขา", True),
    ("บทนำ", True),
    ("Resource Mobilisation. Member States will seek partners", True),
    ("Monitoring and Evaluation", True),
    ("Implementation: the sectoral bodies shall carry out", True),
    ("Review and monitoring of this work plan", True),
    ("ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเล", False),
    ("จัดตั้งกลไกการติดตามและประเมินผลการค้ามนุษย์", False),   # a measure that sets one up
    ("Promote the monitoring of migrant workers' rights", False),
    ("Reporting mechanisms for trafficking victims", False),
    ("Funding cooperation projects with dialogue partners", False),
])
def test_prose_section_titles(title: str, section: bool) -> None:
    assert is_prose_section(title) is section


@pytest.mark.parametrize("text, roles", [
    # a heading over numbered items is a section; the items under it are measures
    ("2.1 ความร่วมมือทางกฎหมาย\n2.1.1 จัดทำสนธิสัญญาส่งผู้ร้ายข้ามแดน\n2.1.2 จัดฝึกอบรมผู้พิพากษา",
     ["section", "measure", "measure"]),
    # a leaf under a level-2 sibling heading stays a measure (a measure with no activities)
    ("3.1 การค้าสินค้า\n3.2 การลงทุน\n3.2.1 เปิดเสรีการลงทุน",
     ["measure", "section", "measure"]),
    # a top-level narrative paragraph beside a deep hierarchy, and a prose section under a heading
    ("1. ความมั่นคง\n1.1 การเมือง\n1.1.1 ส่งเสริมประชาธิปไตย\n2. บทบาทของภาคประชาสังคมในภูมิภาค\n"
     "4. กลไก\n4.1 การระดมทรัพยากร ประเทศสมาชิกจะแสวงหาทุน",
     ["section", "section", "measure", "section", "section", "section"]),
    # English: lettered headings over actions
    ("A. A rules-based community\nA.1 Political development\nA.1.1 Promote human rights education\n"
     "A.1.2 Hold an annual seminar on good governance",
     ["section", "section", "measure", "measure"]),
    # a flat list of actions: all measures
    ("1. Convene a workshop on cyber crime\n2. Publish a yearly defence outlook\n3. Train border officials",
     ["measure", "measure", "measure"]),
])
def test_roles_of_parsed_plans(text: str, roles: list[str]) -> None:
    assert [m.role for m in parse_plan_text(text, "p")] == roles


def test_roles_in_json_and_default() -> None:
    m = Measure("p#1", "p", "1", None, 1, "บทนำ", (0, 4), role="section")
    assert m.to_dict()["role"] == "section"
    assert Measure.from_dict(m.to_dict()).role == "section"
    legacy = {k: v for k, v in m.to_dict().items() if k != "role"}
    assert Measure.from_dict(legacy).role == "measure"          # older JSON without a role
    with pytest.raises(ValueError):
        Measure("p#1", "p", "1", None, 1, "x", (0, 1), role="chapter")
    pd = ParsedDocument(Document.from_text("", id="p"), kind="plan", measures=(m,))
    assert ParsedDocument.from_dict(pd.to_dict()).measures[0].role == "section"


def test_assign_roles_scopes_apart() -> None:
    # the same ref under two scopes: children of one scope do not make the other a section
    a = Measure("p#s1/1", "p", "1", None, 1, "ส่งเสริมการค้า", (0, 1), scope="ภาคผนวก 1")
    b = Measure("p#s2/1", "p", "1", None, 1, "พัฒนาการ", (2, 3), scope="ภาคผนวก 2")
    c = Measure("p#s2/1.1", "p", "1.1", "1", 2, "จัดอบรม", (4, 5), scope="ภาคผนวก 2")
    assert [m.role for m in assign_roles([a, b, c])] == ["measure", "section", "measure"]


_ITEMS = "\n".join(f"{i}. เรื่องที่ {i} คณะรัฐมนตรีเห็นชอบแผนงานความร่วมมือด้านที่ {i}\n- ดำเนินการ {i}"
                   for i in range(1, 13))


@pytest.mark.parametrize("text, kind", [
    # a cabinet-meeting summary with numbered items and plan words in them: a report
    (f"สรุปข่าวการประชุมคณะรัฐมนตรี 3 มีนาคม 2564\nวันนี้คณะรัฐมนตรีมีมติดังนี้\n{_ITEMS}", "report"),
    # an answer to a parliamentary question
    ("กระทู้ถามของสภาผู้แทนราษฎร เรื่อง การส่งเสริมการท่องเที่ยว\nถาม นโยบายมีหรือไม่\n"
     "ตอบ\n1. รัฐบาลมีนโยบาย\n2. กระทรวงได้จัดทำแผน\n3. จะรายงานผลต่อไป", "report"),
    # a list of outcome documents
    ("ผู้นำอาเซียนรับรองเอกสารรับรองจำนวน 5 ฉบับ\n1. ปฏิญญาว่าด้วยเยาวชน\n2. แถลงการณ์ว่าด้วยสตรี\n"
     "3. ปฏิญญาว่าด้วยดิจิทัล\n4. แถลงการณ์ร่วม\n5. ปฏิญญาว่าด้วยทะเล", "report"),
    # a speech published as news, numbered points and plan words: not a plan
    (f"ข่าวทำเนียบรัฐบาล\nวันพุธที่ 5 มกราคม 2565\nนายกรัฐมนตรีกล่าวถ้อยแถลงแผนปฏิบัติการ\n{_ITEMS}",
     "news"),
    # a plan whose title names it, even with a reporting sentence near the top
    (f"แผนงานความร่วมมือด้านความมั่นคง พ.ศ. 2564\nบทนำ หน่วยงานจะรายงานผลการดำเนินงานทุกหกเดือน\n{_ITEMS}",
     "plan"),
])
def test_kinds_of_real_genres(text: str, kind: str) -> None:
    doc = Document.from_text(text, id="k")
    assert detect_kind(doc, parse_plan(doc)) == kind        # as the pipeline calls it


def _plan_and_news() -> list[ParsedDocument]:
    from aseandocs.model import Event
    filler = "".join(f"2.{i} พัฒนาการท่องเที่ยวสาขาที่ {i}\n" for i in range(1, 20))
    text = ("1.1 ความมั่นคงทางทะเล\n1.1.1 ส่งเสริมความร่วมมือด้านความมั่นคงทางทะเลของอาเซียน\n"
            "1.2 การติดตามและประเมินผล ความร่วมมือด้านความมั่นคงทางทะเลจะมีการติดตามทุกปี\n"
            "2. การท่องเที่ยว\n" + filler)
    plan = ParsedDocument(Document.from_text(text, id="plan"), kind="plan", date="2010-01-01",
                          measures=tuple(parse_plan_text(text, "plan")))
    news = ParsedDocument(Document.from_text("", id="news"), kind="news", events=(
        Event("meeting", "ที่ประชุมหารือความร่วมมือด้านความมั่นคงทางทะเลของอาเซียนและการติดตามทุกปี", (0, 1),
              date="2019-03-01"),))
    return [plan, news]


def test_sections_are_never_link_targets() -> None:
    from aseandocs.linking import link_corpus
    linked = link_corpus(_plan_and_news())
    refs = [l.ref for e in linked[1].events for l in e.measures]
    assert refs == ["1.1.1"]
    from aseandocs.linking import MeasureIndex
    plan = _plan_and_news()[0]
    assert len(MeasureIndex([plan])) == sum(m.role == "measure" for m in plan.measures) < len(plan.measures)


def test_role_in_store_and_graph(tmp_path) -> None:
    from aseandocs.graph import MeasureGraph
    from aseandocs.store import query, write_store
    docs = _plan_and_news()
    write_store(docs, tmp_path / "aseandocs.sqlite")
    _, rows = query(tmp_path, "SELECT ref, role FROM measures ORDER BY ref")
    assert rows[:3] == [("1.1", "section"), ("1.1.1", "measure"), ("1.2", "section")]
    g = MeasureGraph.from_documents(docs, registry=False).graph
    assert g.nodes["measure:plan#1.2"]["role"] == "section"
    assert g.nodes["measure:plan#1.1.1"]["role"] == "measure"
