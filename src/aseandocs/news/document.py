"""Document kind, headline, document date and dated events of plan texts, news and reports.

All four work on the normalised text (``Document.text`` after ``aseandocs.thai.normalize``)::

    >>> from aseandocs.model import Document
    >>> doc = Document.from_text("home\\n\\nอาเซียนจัดประชุมรัฐมนตรีเศรษฐกิจ ครั้งที่ 51\\n\\n"
    ...     "ข่าวต่างประเทศ 06 Mar 2019\\n\\nเมื่อวันที่ 5 มีนาคม 2562 รัฐมนตรีเศรษฐกิจอาเซียน"
    ...     "ได้ลงนามในความตกลงอาเซียนว่าด้วยการค้าบริการ (ASEAN Trade in Services Agreement)")
    >>> kind = detect_kind(doc); kind, find_title(doc, kind), find_document_date(doc, kind)
    ('news', 'อาเซียนจัดประชุมรัฐมนตรีเศรษฐกิจ ครั้งที่ 51', '2019-03-06')
    >>> [(e.type, e.date) for e in extract_events(doc)], extract_events(doc)[0].instruments[0]
    ([('signing', '2019-03-05')], 'ความตกลงอาเซียนว่าด้วยการค้าบริการ (ASEAN Trade in Services Agreement)')
    >>> en = Document.from_text("ASEAN adopts disaster pact\\n\\nJakarta, 5 March 2019 - ASEAN "
    ...     "ministers adopted the ASEAN Declaration on Disaster Health Management on 4 March 2019. "
    ...     "They will meet again in Bangkok in June 2019.")
    >>> k = detect_kind(en); k, find_document_date(en, k)
    ('news', '2019-03-05')
    >>> [(e.type, e.date, e.status) for e in extract_events(en)]
    [('adoption', '2019-03-04', 'done'), ('meeting', '2019-06', 'planned')]

Event texts are statements: ``event.text == document.text[event.span[0]:event.span[1]]`` exactly,
the span trimmed of surrounding white space.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from ..model import Document, Event, Measure, Mention
from .cues import cue_data
from .events import assemble
from .header import _date_line, _dates, _Header, _header_dates, _kind_words, _markers, _today_lead

if TYPE_CHECKING:  # pragma: no cover
    from .header import DateScan

__all__ = ["detect_kind", "find_title", "find_document_date", "extract_events", "analyse"]

#: A header line longer than this is body text, not a headline or dateline.
_HEADER_LINE_MAX = 200

# A numbered measure of a plan: "1.2.5 ดำเนินการ...", "A.1.1 Establish ..."; must not match a date
# "2019-06-20" or "1.5 million" (a two-level number). re.ASCII: Thai digits are already ASCII.
MEASURE_REF = re.compile(
    r"(?<![\w.])(?:[A-Z]\.\d{1,2}|\d{1,2}\.\d{1,2})\.\d{1,2}(?:\.\d{1,2})?(?=[\s)])", re.ASCII)
# An activity bullet: " - จัดการประชุม", "\n- Hold a workshop"; must not match "2553 - 2558".
ACTIVITY = re.compile(r"(?:^|(?<=\s))-\s(?=[\u0e01-\u0e2e\u0e40-\u0e44A-Za-z])", re.MULTILINE)


def _count(text: str, words: Sequence[str]) -> int:
    return sum(text.count(w) for w in words)


def detect_kind(document: Document, measures: Sequence[Measure] = ()) -> str:
    """"plan", "news" or "report", from the text alone.

    Rules, in order:

    0. **report** — a report genre named near the top (a cabinet-meeting summary
       "สรุปข่าวการประชุมคณะรัฐมนตรี", an answer to parliament "กระทู้ถาม", a list of outcome
       documents "เอกสารรับรอง", a progress report) over at least three numbered items at line starts.
    1. **plan** — unless the header holds a publication date and the first line names no plan
       genre (a speech, statement or news item with numbered points): a signing clause ("ทำไว้ ณ", "Done at", "IN WITNESS WHEREOF") with plan structure
       (at least 5 numbered measures "1.2.5" or "- " activities, or 2 plan words such as
       แผนปฏิบัติการ, ภาคผนวก, Plan of Action, Annex, Blueprint); or, without one, at least 10
       measures with 5 activities and a plan word. ``measures`` (from ``plans.parse_plan``) count
       when given; otherwise three-level refs in the text are counted.
    2. **news** — a publication date in the header lines ("ข่าวต่างประเทศ 06 Mar 2019" or a short
       line "มิถุนายน 20, 2019"), a dateline ("Jakarta, 5 March 2019 - ..."), a news marker at
       the start of a header line ("(Reuters)", "Posted on"), or a dated lead ("เมื่อวันที่ 5
       มีนาคม 2562 ..." on one of the first lines) in a short text (< 8,000 characters) with
       reporting verbs (กล่าวว่า, said).
    3. **report** — anything else (explainers, progress reports).

    >>> detect_kind(Document.from_text("ข่าวต่างประเทศ 06 Mar 2019\\nอาเซียนจัดประชุม"))
    'news'
    >>> detect_kind(Document.from_text("History of ASEAN\\n\\nASEAN was founded in 1967."))
    'report'
    """
    return _detect_kind(document.text, measures, _Header(document.text))


def _detect_kind(text: str, measures: Sequence[Measure], h: _Header) -> str:
    words = _markers()
    plan_words = -1

    def plan_count() -> int:
        nonlocal plan_words
        if plan_words < 0:
            plan_words = _count(text, _kind_words()["plan_words"])
        return plan_words

    def n_measures() -> int:
        return max(len(measures), len(MEASURE_REF.findall(text)))

    def n_acts() -> int:
        return max(sum(len(m.activities) for m in measures), len(ACTIVITY.findall(text)))

    low = text.lower()
    if _is_report(low) and not _titled_plan(h):
        return "report"
    # a news item's publication date over a title that names no plan genre: a speech, a
    # statement, a news item or a cabinet item with numbered points, never the plan itself
    published = h.date() is not None and not _titled_plan(h)
    signing = not published and any(w in low for w in words["signing"])
    if signing and (n_measures() >= 5 or n_acts() >= 5 or plan_count() >= 2):
        return "plan"
    if not published and plan_count() >= 1 and n_measures() >= 10 and n_acts() >= 5:
        return "plan"
    if h.date() is not None:
        return "news"
    lowered = [line.lower() for _, line in h.lines]
    if any(ll.startswith(w) or p in line
           for ll, (_, line) in zip(lowered, h.lines) for w, p in words["paren"]):
        return "news"
    if any(ll.startswith(words["long"]) for ll in lowered if words["long"]):
        return "news"
    if len(text) < 8000 and _count(low, words["verbs"]):
        for i in range(min(4, len(h.lines))):
            if any(d.precision == "day" for d in h.dates(i, 60)):
                return "news"
    return "report"


#: How far from the top a report genre ("สรุปข่าวการประชุมคณะรัฐมนตรี") must be named.
_REPORT_HEAD_CHARS = 1500
# A numbered item at a line start: "1. ", "2.3 ", "(4) ", "๑) " (digits are ASCII by now).
_LINE_ITEM = re.compile(r"^[ \t]*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+)", re.MULTILINE)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _report_markers() -> tuple[str, ...]:
    return tuple(_SPACES.sub("", w.lower()) for w in _kind_words().get("report_markers", ()))


def _is_report(low: str) -> bool:
    """A report genre named near the top (a cabinet-meeting summary, an answer to parliament, a
    list of outcome documents, a progress report) over at least three numbered items at line
    starts: the items record outcomes, they are not measures to be done.

    >>> _is_report("สรุปข่าวการประชุมคณะรัฐมนตรี 18 กรกฎาคม 2565\\n1. เรื่อง ก\\n2. เรื่อง ข\\n3. เรื่อง ค")
    True
    >>> _is_report("แผนปฏิบัติการ\\n1. ส่งเสริม\\n2. จัดตั้ง\\n3. พัฒนา")
    False
    """
    head = _SPACES.sub("", low[:_REPORT_HEAD_CHARS])
    if not any(w in head for w in _report_markers()):
        return False
    return sum(1 for _ in zip(range(3), _LINE_ITEM.finditer(low))) >= 3


def _titled_plan(h: _Header) -> bool:
    """True when the first header line names a plan genre ("แผนงาน…", "… Plan of Action").

    >>> _titled_plan(_Header("แผนงานความร่วมมือด้านการเมือง\\nบทนำ"))
    True
    >>> _titled_plan(_Header("สรุปข่าวการประชุมคณะรัฐมนตรี 18 กรกฎาคม 2565"))
    False
    """
    if not h.lines:
        return False
    first = h.lines[0][1].lower()
    return any(w.lower() in first for w in _kind_words()["plan_words"])


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[frozenset[str], tuple[str, ...]]:
    b = cue_data()["boilerplate"]
    return frozenset(w.lower() for w in b["lines"]), tuple(w.lower() for w in b["prefixes"])


# Nothing but signs, digits and spaces: "8", "----", "06/03"; must not match "home" or "ข่าว".
_NO_LETTER = re.compile(r"[\W\d_]*")


def _is_boilerplate(h: _Header, i: int) -> bool:
    """True when header line ``i`` is no headline: a menu word, a credit, a date line."""
    line = h.lines[i][1]
    s = line.strip()
    low = s.lower()
    lines, prefixes = _boilerplate()
    if low in lines or low.startswith(prefixes) or _NO_LETTER.fullmatch(s):
        return True
    if len(s) < 8:                               # "8", "home", a lone word
        return True
    ds = h.dates(i) if s == line else _dates(s)
    if ds and sum(d.span[1] - d.span[0] for d in ds) >= 0.5 * len(s):
        return True                              # a date line: "มิถุนายน 20, 2019"
    return any(low.startswith(w) and len(s) <= n
               for w, n in _markers()["boiler"])   # "ข่าวต่างประเทศ 06 Mar 2019"


def find_title(document: Document, kind: str | None = None) -> str | None:
    """The headline: the first substantive header line, preferring one repeated later, then the
    one right above the publication-date line.

    Boilerplate lines ("BANNER", "home", "ภาพจาก: ...", date lines, menu words, lines under 8
    characters) are skipped; a line longer than 200 characters is body text, so a text that opens
    with one has no title (None). A plan gives None unless it opens with a short title line.

    >>> find_title(Document.from_text("BANNER\\n\\nASEAN explores deeper cooperation\\n\\n"
    ...                               "06 Mar 2019\\n\\nASEAN explores deeper cooperation\\nBody."))
    'ASEAN explores deeper cooperation'
    >>> find_title(Document.from_text("home\\n\\nอาเซียน-จีน กระชับความร่วมมือทางทะเล\\n\\n"
    ...                               "มิถุนายน 20, 2019"))
    'อาเซียน-จีน กระชับความร่วมมือทางทะเล'
    """
    return _find_title(document.text, _Header(document.text))


def _find_title(text: str, h: _Header) -> str | None:
    cands: list[str] = []
    before_date = None                            # the candidate right above the date line
    date = h.date()
    for i, (off, line) in enumerate(h.lines):
        s = line.strip()
        if date is not None and off <= date.span[0] < off + len(line):
            # the date line, maybe a dateline opening the first paragraph ("Jakarta, 5 March
            # 2019 – ASEAN ministers ..."): the candidate above it is the headline
            before_date = cands[-1] if cands else None
            if len(s) > _HEADER_LINE_MAX:
                break
            continue
        if len(s) > _HEADER_LINE_MAX:
            break                                 # body text reached
        if not _is_boilerplate(h, i):
            cands.append(s)
    if not cands:
        return None
    for c in cands[:3]:
        if len(c) >= 15 and text.count(c) >= 2:
            return c
    return before_date or cands[0]


def find_document_date(document: Document, kind: str | None = None) -> str | None:
    """The document's own date, ISO.

    news (and a report with such a header): the publication date of the header lines
    ("ข่าวต่างประเทศ 06 Mar 2019", "มิถุนายน 20, 2019", "Posted on 5 March 2019", a dateline);
    plan: the date of its signing clause ("ทำไว้ ณ เวียงจันทน์ ... เมื่อวันที่ 29 พฤศจิกายน 2547",
    "Done at Vientiane ... this 29th day of November 2004"), else of its own adoption statement
    outside the measures ("Adopted ... on 29 November 2004", "แผนงานนี้ได้รับการรับรองจาก...
    เมื่อวันที่ 27 มีนาคม 2556", "The Ministers endorsed this Work Plan on 5 March 2019"; see
    ``_adoption_date``); otherwise None.

    >>> find_document_date(Document.from_text("... ทำไว้ ณ เวียงจันทน์ สปป. ลาว เมื่อวันที่ 29 "
    ...                                        "พฤศจิกายน 2547 สำหรับบรูไน"), "plan")
    '2004-11-29'
    >>> find_document_date(Document.from_text("DONE at Vientiane, Lao PDR, this 29th day of "
    ...                                        "November in the year 2004."), "plan")
    '2004-11-29'
    >>> find_document_date(Document.from_text("1.1 จัดทำฐานข้อมูล\\n- จัดการประชุม\\nหมายเหตุ "
    ...     "แผนงานนี้ได้รับการรับรองจากคณะกรรมการ เมื่อวันที่ 27 มีนาคม 2556"), "plan")
    '2013-03-27'
    """
    h = _Header(document.text)
    return _find_document_date(document.text, kind or _detect_kind(document.text, (), h), h)


def _find_document_date(text: str, kind: str, h: _Header) -> str | None:
    if kind == "plan":
        line = _date_line(h)
        return line.value if line is not None else _signing_date(text) or _adoption_date(text)
    d = h.date() or _today_lead(h)
    return d.value if d is not None else None


# A signing clause that dates a plan wherever it stands: "ทำไว้ ณ เวียงจันทน์", "ลงนาม ณ",
# "รับรอง ณ", "DONE at Vientiane", "Signed in Bangkok"; must not match "signed at the meeting" (lower
# case: a sentence inside a measure) nor "ทำไว้ให้" (no "ณ").
SIGNING_CLAUSE = re.compile(r"ทำไว้ ณ|ทำ ณ|ลงนาม ณ|รับรอง ณ|\b(?:Done|DONE|Signed|SIGNED)\s+(?:at|in|AT|IN)\b")
# A line that is a measure, an activity or a numbered heading: "1.2.5 ...", "๑.๑ ..." (digits are
# ASCII after normalisation), "A.1.4 ...", "(3) ...", "- ...", "• ...", "ข้อ 3 ..."; must not match
# "Adopted at ...", "หมายเหตุ แผนงานนี้ ..." or "2556 ...".
ITEM_LINE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]?\s|\(\d{1,2}\)|[A-Z]\.\d|[-•·*▪]\s|ข้อ\s?\d)")


@lru_cache(maxsize=1)
def _plan_date_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The adoption verbs and the plan's references to itself of data/event_cues.yaml."""
    d = cue_data()["plan_date"]
    verbs = sorted(d["verbs"]["th"], key=len, reverse=True)
    en_verbs = sorted(d["verbs"]["en"], key=len, reverse=True)
    # "ได้รับการรับรอง", "ให้ความเห็นชอบ", "adopted", "Endorsed"; must not match "readopted".
    verb = re.compile("|".join([re.escape(v) for v in verbs]
                               + [rf"\b{re.escape(v)}\b" for v in en_verbs]), re.IGNORECASE)
    th_heads = "|".join(map(re.escape, sorted(d["self"]["th"], key=len, reverse=True)))
    en_heads = "|".join(re.escape(h).replace(r"\ ", r"\s+")
                        for h in sorted(d["self"]["en"], key=len, reverse=True))
    # "แผนงานนี้", "แผนปฏิบัติการฉบับนี้", "แผนงานเตรียมความพร้อมฉบับนี้", "this Blueprint", "the
    # present Work Plan", "This Plan of Action"; must not match "แผนงานนั้น", "this year".
    own = re.compile(rf"(?:{th_heads})[\u0e01-\u0e5b]{{0,30}}?(?:ฉบับ)?นี้"
                     rf"|\b(?:this|the\s+present)\s+(?:[A-Za-z-]+\s+){{0,4}}?(?:{en_heads})\b",
                     re.IGNORECASE)
    # What may open a line before the verb: "หมายเหตุ", "Note:", "(", "*".
    lead = re.compile(r"^[\s(*]*(?:หมายเหตุ:?|Note:?|NB:?)?\s*$", re.IGNORECASE)
    return verb, own, lead


def _signing_date(text: str) -> str | None:
    """The date of the last signing clause ("ทำไว้ ณ", "Done at") with a day or month date within
    300 characters after it."""
    found = None
    for m in SIGNING_CLAUSE.finditer(text):
        for d in _dates(text[m.end():m.end() + 300]):
            if not d.is_period and d.precision != "year":
                found = d.value
                break
    return found


def _adoption_date(text: str) -> str | None:
    """The date of the plan's own adoption statement, the last one found.

    An adoption verb (data/event_cues.yaml plan_date.verbs: ได้รับการรับรอง, ให้ความเห็นชอบ,
    อนุมัติ, adopted, endorsed, approved) outside the measures (not on a measure or activity line,
    nor after a three-level ref on its line, as in a plan flattened onto one line), in a statement
    about the plan itself: the verb opens its line ("Adopted by the ASEAN Ministers on 5 March
    2019", "รับรองเมื่อวันที่ 27 มีนาคม 2556") or the plan names itself within the sentence
    ("แผนงานนี้ได้รับการรับรองจาก... เมื่อวันที่ 27 มีนาคม 2556", "The Ministers endorsed this Work
    Plan on 5 March 2019"). Its date is the first day or month date after the verb within the line
    (250 characters), else the last one before it (150 characters). Every window is bounded, so
    the time is linear in the text length.
    """
    verb, own, lead = _plan_date_regexes()
    refs: list[int] | None = None
    found = None
    for m in verb.finditer(text):
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.start())
        le = len(text) if le < 0 else le
        if ITEM_LINE.match(text, ls) is not None:
            continue                                    # inside the measures
        if refs is None:
            refs = [r.start() for r in MEASURE_REF.finditer(text)]
        r = bisect_left(refs, m.start())
        if r and refs[r - 1] >= ls:
            continue                                    # after a measure ref on its line
        a, b = max(ls, m.start() - 150), min(le, m.end() + 250)
        cut = text.rfind(". ", a, m.start())            # an English sentence before it
        a = cut + 2 if cut >= 0 else a
        nxt = text.find(". ", m.end(), b)
        b = nxt + 1 if nxt >= 0 and not re.search(r"\b[A-Z]$", text[m.end():nxt]) else b
        opens = m.start() - ls <= 20 and lead.match(text[ls:m.start()]) is not None
        if not (opens or own.search(text, a, b)):
            continue
        after = [d for d in _dates(text[m.end():b]) if not d.is_period and d.precision != "year"]
        before = [d for d in _dates(text[a:m.start()]) if not d.is_period and d.precision != "year"]
        d = after[0] if after else before[-1] if before else None
        if d is not None:
            found = d.value
    return found


def _measure_zone(text: str, measures: Sequence[Measure]) -> list[tuple[int, int]]:
    """Where the plan's measures lie: their spans, or from the first three-level ref to the end."""
    if measures:
        return [m.span for m in measures]
    m = MEASURE_REF.search(text)
    if m is None:
        return []
    two = text.rfind(" 1.1 ", max(0, m.start() - 300), m.start())
    return [(two if two >= 0 else m.start(), len(text))]


def extract_events(document: Document, mentions: Sequence[Mention] = (), *,
                   kind: str | None = None, measures: Sequence[Measure] = ()) -> list[Event]:
    """Every reported happening of ``document`` as ``model.Event``, in text order.

    A statement (a clause or sentence; see ``aseandocs.news.events``) is an event when it holds an
    event cue (data/event_cues.yaml: ประชุม/meeting, รับรอง/adopted, ลงนาม/signed,
    จัดตั้ง/established, มีผลบังคับใช้/entered into force, ภาคยานุวัติ/acceded, เปิดตัว/launched,
    เห็นชอบ/agreed, มีแผนที่จะ/will). Its date is the finest date in it, else the date governing it
    (a date opening an earlier clause, until the next one or the next heading); a clause with
    several dates gives one event per date. Undated events are kept only when they name a body
    (one of ``mentions`` inside the span) or an instrument. ``status`` is "planned" for plan cues,
    a future marker before the cue ("จะ", "will") or a date after the document's own date.

    In a plan (``kind``, detected when not given) only dated statements and signing or adoption
    clauses outside the measures (``measures``, or the numbered list found in the text) count, plus
    the closing clause ("ทำไว้ ณ ...", "Done at ...").

    >>> doc = Document.from_text("ต่อมาในวันที่ 28 มีนาคม 2562 อาเซียนและสหรัฐฯ ได้จัดการประชุม"
    ...     " ASEAN-U.S. Dialogue ครั้งที่ 32 โดยมีแผนที่จะจัดตั้งศูนย์ความร่วมมือ (Centre)")
    >>> [(e.type, e.date, e.ordinal, e.status) for e in extract_events(doc)]
    [('meeting', '2019-03-28', 32, 'done'), ('establishment', '2019-03-28', None, 'planned')]
    """
    scan = _scan(document.text)
    h = _Header(document.text, scan)
    kind = kind or _detect_kind(document.text, measures, h)
    doc_date = _find_document_date(document.text, kind, h)
    return _extract_events(document, mentions, kind, measures, h, doc_date, scan)


def _scan(text: str) -> "DateScan":
    """``dates.scan_candidates(text)``, its candidates sorted by start (the order of equal starts kept)."""
    from ..dates import scan_candidates as scan_dates
    cands, multiline = scan_dates(text)
    return sorted(cands, key=lambda c: c[0]), multiline


def analyse(document: Document, mentions: Sequence[Mention] = (),
            measures: Sequence[Measure] = (), *,
            plan: bool | None = None) -> tuple[str, str | None, str | None, list[Event]]:
    """``(kind, title, date, events)`` of ``document``: the four public functions in one pass,
    the header lines and the document date found once (``pipeline.parse``). ``plan``: the user
    named it a plan (True) or named other files as the plans (False: never a plan, a report)."""
    text = document.text
    scan = _scan(text)
    h = _Header(text, scan)
    kind = "plan" if plan else _detect_kind(text, measures, h)
    if plan is False and kind == "plan":
        kind = "report"
    doc_date = _find_document_date(text, kind, h)
    events = _extract_events(document, mentions, kind, measures, h, doc_date, scan)
    return kind, _find_title(text, h), doc_date, events


def _extract_events(document: Document, mentions: Sequence[Mention], kind: str,
                    measures: Sequence[Measure], h: _Header, doc_date: str | None,
                    scan: "DateScan") -> list[Event]:
    from ..dates import reference_day, relative_candidates, resolve_matches, yearless_candidates
    text = document.text
    plan = kind == "plan"
    # "today", "เมื่อวานนี้": days counted from a news item's (or dated report's) own date; the
    # other dates are those of the scan the header lines were dated from (find_dates(text, ...))
    ref = None if plan else reference_day(doc_date)
    dates = resolve_matches(text, scan[0] + relative_candidates(text, ref)
                            + yearless_candidates(text, ref) if ref is not None else scan[0])
    excluded = _measure_zone(text, measures) if plan else []
    header = [] if plan else [d.span for d in _header_dates(h)]
    events = assemble(document, dates, mentions, doc_date=doc_date, plan=plan, excluded=excluded,
                      keep_markers=tuple(_kind_words()["signing"]) if plan else (),
                      skip_dates=header)
    return events if plan else _without_repeated_headlines(text, h, events)


def _without_repeated_headlines(text: str, h: _Header, events: list[Event]) -> list[Event]:
    """``events`` without the undated ones a repeated headline gives beside the dated event it
    announces: a header line met more than once in the text (a page title, then the headline, then
    the lead repeating it) that tells of the same body, meeting number or instrument as a dated
    event ("การประชุมรัฐมนตรีกลาโหมอาเซียน ครั้งที่ 14" above "เมื่อ 9 ธ.ค.63 ... การประชุม ... ครั้งที่ 14")."""
    dated = [e for e in events if e.date is not None]
    if not dated:
        return events
    repeated = []
    for off, line in h.lines:
        core = line.strip()
        others = [o.strip() for _, o in h.lines if o.strip() != core and len(o.strip()) >= 20]
        if len(core) >= 20 and (text.count(core) >= 2 or any(core in o or o in core
                                                              for o in others)):
            repeated.append((off, off + len(line)))

    def same_story(e: Event) -> bool:
        return any(set(e.bodies) & set(d.bodies) or (e.ordinal is not None and e.ordinal == d.ordinal)
                   or set(e.instruments) & set(d.instruments) for d in dated)

    return [e for e in events if e.date is not None or not any(
        a <= e.span[0] and e.span[1] <= b for a, b in repeated) or not same_story(e)]
