"""Small parsed documents that several test modules build graphs, stores and explorers from."""
from __future__ import annotations

from aseandocs.model import Activity, Document, Event, Link, Measure, Mention, ParsedDocument

XSS = "<script>document.title='PWNED'</script><img src=x onerror=\"document.body.appendChild(document.createElement('pwned-marker'))\">"


def _m(plan: str, ref: str, title: str, *, scope: str | None = None, acts: tuple[str, ...] = (),
       bodies: tuple[str, ...] = (), refs: tuple[str, ...] = ()) -> Measure:
    parent = ref.rsplit(".", 1)[0] if "." in ref else None
    mid = f"{plan}#{scope}/{ref}" if scope else f"{plan}#{ref}"
    return Measure(id=mid, plan=plan, ref=ref, parent=parent, level=ref.count(".") + 1, title=title,
                   span=(0, 1), scope=scope, bodies=bodies, references=refs,
                   activities=tuple(Activity(a, (0, 1)) for a in acts))


def sample_docs() -> list[ParsedDocument]:
    """A plan (Thai and English titles), a second plan with restarted numbering, and a news item."""
    vap = ParsedDocument(
        Document.from_text("…", id="vap", source="corpus/vap.txt", language="th"), kind="plan",
        title="Vientiane Action Programme", date="2004-11-29",
        measures=(_m("vap", "1.1", "การพัฒนาทางการเมือง"),
                  _m("vap", "1.1.1", "ส่งเสริมการจัดทำกฎบัตรอาเซียน", acts=("จัดตั้งคณะผู้ทรงคุณวุฒิ",),
                     bodies=("ASEAN-SUMMIT",)),
                  _m("vap", "1.1.2", "ความร่วมมือเพื่อต่อต้านอาชญากรรมข้ามชาติ", bodies=("SOMTC",),
                     refs=("1.1.1",)),
                  _m("vap", "1.2", "Conflict prevention"),
                  _m("vap", "1.2.1", "Maritime security cooperation", acts=("hold a workshop", "share data"))),
        mentions=(Mention("SOMTC", "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ", (0, 1)),))
    pillars = ParsedDocument(
        Document.from_text("…", id="pillars", language="th"), kind="plan", title="สามเสาหลัก",
        measures=(_m("pillars", "1", "Political-security", scope="s1"),
                  _m("pillars", "1.1", "ความมั่นคง", scope="s1"),
                  _m("pillars", "1", "Economic", scope="s2"),
                  _m("pillars", "1.1", "การค้า", scope="s2")))
    news = ParsedDocument(
        Document.from_text("…", id="news", source="corpus/news.txt", language="th"), kind="news",
        title="ข่าว " + XSS, date="2019-03-06",
        mentions=(Mention("SOMTC", "SOMTC", (0, 1), "acronym"),
                  Mention("ASEAN-SUMMIT", "ที่ประชุมสุดยอดอาเซียน", (0, 1))),
        events=(Event("meeting", "undated meeting", (0, 1)),
                Event("signing", "ลงนามกฎบัตรอาเซียน " + XSS, (0, 1), date="2007-11-20",
                      bodies=("ASEAN-SUMMIT",), measures=(Link("vap", "1.1.1", 0.8, ("กฎบัตรอาเซียน",)),)),
                Event("meeting", "SOMTC met", (0, 1), date="2019-03-05", bodies=("SOMTC",),
                      measures=(Link("vap", "1.1.2", 0.6, ("อาชญากรรมข้ามชาติ",)),
                                Link("vap", "1.1.1", 0.3, ("กฎบัตร",)),
                                Link("gone", "9.9", 0.5, ()))),))
    return [vap, pillars, news]
