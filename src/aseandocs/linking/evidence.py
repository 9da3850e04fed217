"""What identifies a measure and an event for linking: bodies, their families, and subjects (issue 15).

The linker (``linking.py``) decides on evidence, not on shared words alone. This module gives it
the pieces, all taken from what a body or a subject *is* (the body registry, the glossary), never
from the wording of one document:

- **Bodies a measure names by description.** A plan rarely writes a body's official name: "จัดการ
  ประชุมประจำปีของรัฐมนตรีกลาโหม" (hold an annual meeting of defence ministers) names the ADMM,
  whose registry name is "การประชุมรัฐมนตรีกลาโหมอาเซียน". A measure names a body when every
  content word of one of the body's names (without "ASEAN"/"อาเซียน" and stop words; at least two
  words) lies in one piece of it (its title or one activity)::

      >>> sorted(described_bodies(["หาลู่ทางในการจัดการประชุมประจำปีของรัฐมนตรีกลาโหม"]))
      ['ADMM']
      >>> described_bodies(["ส่งเสริมความโปร่งใสในนโยบายกลาโหม"])    # a subject, not the body
      set()

- **A body's family.** A senior officials' meeting, working group, committee or "Plus" forum works
  for its parent ministerial body (ADSOM for the ADMM, SOMTC for the AMMTC, ASLOM for the ALAWMM):
  an event of the child is evidence for a measure naming the parent. Not the other way: the
  ministers' meeting covers all their field, so it is no evidence of the one task a measure gives
  their officials (an AMM is no step of a measure on the SOM's work)::

      >>> sorted(family("ADSOM"))
      ['ADMM', 'ADSOM']

- **Weak bodies.** Secretariats, summits and councils take part in almost everything: naming one is
  no evidence of a particular measure (``is_weak("ASEC")``).

- **Subjects.** The glossary's entries (``data/glossary.yaml``) are subjects in both languages
  ("transnational crime" = "อาชญากรรมข้ามชาติ"). A text has the subjects whose terms it holds; an
  event also has the subjects of its sectoral bodies' names (the AMMD's name holds "ยาเสพติด",
  drugs; a ministerial, senior officials' or committee body's name states its mandate)::

      >>> sorted(subjects_of_bodies(["AMMD"]))      # drugs, a transnational crime
      ['drug', 'transnational crime']
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from ..model import Event, Measure, ParsedDocument

__all__ = ["described_bodies", "family", "partners_meeting_of", "is_weak", "is_general", "subjects", "subjects_of_bodies", "subject_key",
           "broad_subjects", "broad_terms", "anchors_of", "named_wider", "unshared_wider", "speaks_of_a_step", "regional_events", "names_asean",
           "WEAK_TYPES"]

#: Bodies of these types take part in nearly everything (the Secretariat, the Summit, the Councils).
WEAK_TYPES = frozenset({"secretariat", "summit", "council"})
# A child of these types works for its parent body; a parent of these types is one subject's body.
_CHILD_TYPES = frozenset({"senior-officials", "working-group", "committee", "forum"})
_PARENT_TYPES = frozenset({"ministerial", "forum", "senior-officials"})
# Words of a body's name that say what kind of body it is or whose, not what it is about.
_NAME_GENERIC = frozenset({"อาเซียน", "asean", "ประชุม", "การประชุม", "ที่ประชุม", "meeting"})
# Words of a body's name that say who sits in it; a description needs a word beyond them.
_ROLE_WORDS = frozenset("""เจ้าหน้าที่ อาวุโส รัฐมนตรี ผู้นำ คณะกรรมการ คณะกรรมาธิการ คณะทำงาน ผู้แทน
official senior minister leader committee commission working group representative""".split())
# Glossary entries that name a kind of instrument or act, not a subject.
_NOT_SUBJECTS = frozenset("""declaration convention protocol treaty agreement plan action
ratification ratify accession""".split())


@lru_cache(maxsize=1)
def _registry():   # noqa: ANN202 - the BodyRegistry, loaded once per process
    from ..bodies import BodyRegistry
    return BodyRegistry.load()


def is_weak(body: str) -> bool:
    """True for a body that is no evidence of one measure (a secretariat, summit or council).

    >>> is_weak("ASEC"), is_weak("SOMTC")
    (True, False)
    """
    b = _registry().get(body)
    return b is not None and b.type in WEAK_TYPES


@lru_cache(maxsize=None)
def family(body: str) -> frozenset[str]:
    """``body`` and the parent it works for (one level up)."""
    reg = _registry()
    b = reg.get(body)
    out = {body}
    if b is None:
        return frozenset(out)
    p = reg.get(b.parent) if b.parent else None
    if p is not None and b.type in _CHILD_TYPES and p.type in _PARENT_TYPES:
        out.add(p.id)
    return frozenset(out)


# Bodies below the ministers: their meetings with partners are the senior officials' or a working
# group's, not the ministers' own.
_BELOW_MINISTERS = frozenset({"senior-officials", "working-group", "committee"})


@lru_cache(maxsize=None)
def partners_meeting_of(body: str) -> str | None:
    """The body whose meeting with ASEAN's partners ``body`` is (the ADMM for the ADMM-Plus, the AEM
    for the AEM-China consultations): the same ministers, so an event of it is an event of that body.
    A working group or senior officials' meeting under a body is its family, not the body itself::

        >>> partners_meeting_of("ADMM-PLUS"), partners_meeting_of("ARF-SOM"), partners_meeting_of("ADMM")
        ('ADMM', None, None)
    """
    b = _registry().get(body)
    if b is None or not b.parent or not b.id.startswith(b.parent + "-") or b.type in _BELOW_MINISTERS:
        return None
    return b.parent


@lru_cache(maxsize=1)
def _name_words() -> tuple[dict[str, list[tuple[str, frozenset[str]]]], int]:
    """Each body's names as sets of content words, indexed by their rarest-looking (longest) word."""
    from .terms import tokenize
    owners: dict[frozenset[str], set[str]] = defaultdict(set)
    for b in _registry():
        if b.type in WEAK_TYPES:
            continue
        for name in (*b.en, *b.th):
            words = frozenset(w for w in tokenize(name) if w.lower() not in _NAME_GENERIC)
            if len(words) >= 2 and words - _ROLE_WORDS:
                owners[words].add(b.id)
    by_word: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    n = 0
    for words, ids in owners.items():
        if len(ids) > 1:        # "foreign ministers" describes the AMM and the APT FMM alike
            continue
        by_word[max(words, key=lambda w: (len(w), w))].append((next(iter(ids)), words))
        n += 1
    return dict(by_word), n


def described_bodies(pieces: Iterable[str]) -> set[str]:
    """The bodies named by description in any one of ``pieces`` (a measure's title, its activities)."""
    from .terms import tokenize
    by_word, _ = _name_words()
    out: set[str] = set()
    for piece in pieces:
        words = set(tokenize(piece))
        for w in words:
            for body, name in by_word.get(w, ()):
                if body not in out and name <= words:
                    out.add(body)
    return out


def subject_key(term: str) -> str:
    """The key of the glossary subject holding ``term`` (its first English term), or ``term``."""
    from .glossary import _glossary
    low = term.lower()
    for g in _glossary():
        if low in g.en or term in g.th:
            return (g.en or g.th)[0]
    return low


def subjects(text: str, *, wider: bool = True) -> set[str]:
    """The glossary subjects whose terms ``text`` holds (either language), by key, with the wider
    subject each is part of (``wider=False``: only those it names).

    >>> sorted(subjects("ความร่วมมือด้านความมั่นคงทางทะเลและ maritime security"))
    ['maritime', 'maritime security']
    >>> sorted(subjects("ปราบปรามยาเสพติด")), sorted(subjects("ปราบปรามยาเสพติด", wider=False))
    (['drug', 'transnational crime'], ['drug'])
    """
    from .glossary import _glossary, _glossary_entries, _glossary_present
    present = _glossary_present(text, text.lower())
    if present is None:
        return set()
    gloss, where = _glossary(), _glossary_entries()
    keys = {(gloss[i].en or gloss[i].th)[0] for t in (*present[0], *present[1]) for i in where.get(t, ())}
    if wider:
        up = _wider()
        keys |= {up[k] for k in keys if k in up}
    return {k for k in keys if not set(k.split()) <= _NOT_SUBJECTS}


@lru_cache(maxsize=1)
def _narrower() -> dict[str, frozenset[str]]:
    """Each wider subject's narrower ones (transnational crime: drugs, terrorism, trafficking in
    persons, ...), by key."""
    out: dict[str, set[str]] = defaultdict(set)
    for k, up in _wider().items():
        out[up].add(k)
    return {k: frozenset(v) for k, v in out.items()}


def named_wider(measure: Measure) -> frozenset[str]:
    """The wider subjects (those with narrower ones) the text of ``measure`` names itself, as
    ``named:…`` terms: "ยกระดับความร่วมมือในการป้องกันและปราบปรามอาชญากรรมข้ามชาติ" names
    transnational crime; a measure on drugs alone does not."""
    narrower = _narrower()
    text = " ".join([measure.title, *(a.text for a in measure.activities)])
    return frozenset(f"named:{k}" for k in subjects(text, wider=False) if k in narrower)


def unshared_wider(anchors: set[str], event: Event, fields: frozenset[str]) -> set[str]:
    """The wider subjects among ``anchors`` that ``event`` and a measure (its ``fields``:
    ``link.measure_fields``, with the wider subjects it names, ``named_wider``) share only through
    different narrower ones: a drug officials' report and a centre for victims of trafficking in
    persons are both about transnational crime, but not about the same matter. A wider subject
    stays evidence when either side names it ("combating transnational crime"), or, as it always
    did, beside a narrower one they share."""
    narrower = _narrower()
    held = [a for a in anchors if a.startswith("subject:") and a[8:] in narrower
            and f"named:{a[8:]}" not in fields
            and not any(f"subject:{k}" in anchors for k in narrower[a[8:]])]
    if not held:
        return set()
    named = subjects(event.text, wider=False)
    for name in (*event.instruments, *(n for b in event.bodies if (r := _registry().get(b)) is not None
                                        and r.type in _SECTORAL_TYPES for n in (*r.en, *r.th))):
        named |= subjects(name, wider=False)
    return {a for a in held if a[8:] not in named}


@lru_cache(maxsize=1)
def _wider() -> dict[str, str]:
    """Each subject's wider subject (``part_of`` in the glossary), by key."""
    from .glossary import _glossary_raw
    out = {}
    for e in _glossary_raw():
        if e.get("part_of"):
            key = str((e.get("en") or e.get("th"))[0])
            out[key.lower() if e.get("en") else key] = str(e["part_of"]).lower()
    return out


@lru_cache(maxsize=1)
def broad_subjects() -> frozenset[str]:
    """The keys of the glossary's broad fields (``broad: true``): weight, never a decision.

    >>> "education" in broad_subjects(), "extradition" in broad_subjects()
    (True, False)
    """
    from .glossary import _glossary_raw
    return frozenset(str((e.get("en") or e.get("th"))[0]).lower() if e.get("en") else str(e["th"][0])
                     for e in _glossary_raw() if e.get("broad"))


# Sectoral bodies: their name says their mandate ("ASEAN Law Ministers Meeting": law). A centre, a
# network or a forum is named for its activity or place, not for a mandate over a field.
_SECTORAL_TYPES = frozenset({"ministerial", "senior-officials", "working-group", "committee", "commission"})


@lru_cache(maxsize=None)
def _body_subjects(body: str) -> frozenset[str]:
    b = _registry().get(body)
    if b is None or b.type not in _SECTORAL_TYPES:
        return frozenset()
    out: set[str] = set()
    for name in (*b.en, *b.th):
        out |= subjects(name)
    return frozenset(out)


def subjects_of_bodies(bodies: Sequence[str]) -> set[str]:
    """The subjects the names of ``bodies`` hold (the AMMD's: drugs; the AICHR's: human rights)."""
    out: set[str] = set()
    for b in bodies:
        out |= _body_subjects(b)
    return out


@lru_cache(maxsize=1)
def broad_terms() -> frozenset[str]:
    """The index terms (``subject:…``) of the glossary's broad fields."""
    return frozenset(f"subject:{k}" for k in broad_subjects())


def anchors_of(matched: Iterable[tuple[float, str]], instruments: dict[str, str],
               body_subjects: frozenset[str] = frozenset()) -> set[str]:
    """The evidence of what a measure is about among the ``(weight, term)`` pairs an event matched:
    the bodies it names (not weak ones), the subjects it shares (a broad one only when it is the
    mandate of the event's body: the ADMM's defence, the ASLOM's law, in ``body_subjects``), the
    named instruments whose words it holds (``instruments``: term -> instrument). A link needs one;
    shared words alone are not enough::

        >>> sorted(anchors_of([(1.0, "subject:extradition"), (1.0, "subject:education"),
        ...                    (1.0, "body:ASEC"), (1.0, "body:SOMTC"), (1.0, "ความร่วมมือ")], {}))
        ['body:SOMTC', 'subject:extradition']
    """
    broad = broad_subjects()
    out: set[str] = set()
    for _, t in matched:
        if t.startswith("subject:") and (t[8:] not in broad or t in body_subjects):
            out.add(t)
        elif t in instruments:
            out.add("instrument:" + instruments[t])
        elif t.startswith("body:") and not is_weak(t[5:]):
            out.add(t)
    if out and all(a.startswith("body:") and is_general(a[5:]) for a in out):
        return set()     # the foreign ministers met: on which of their pillar's measures, it does not say
    return out


#: The types of a pillar's own ministers and officials (the AMM and the ASEAN SOM, the economic
#: ministers and SEOM): with no sector in their name they take up every matter of their pillar.
_GENERAL_TYPES = frozenset({"ministerial", "senior-officials"})


def is_general(body: str) -> bool:
    """True for a pillar's ministers or senior officials with no sector of their own (the AMM, the
    ASEAN SOM): a measure that gives them a task is no more reported by their meeting than any other
    measure of their pillar, so their name anchors a link only beside a subject or an instrument the
    event shares with the measure. A sectoral body (the ADMM: defence, the SOMTC: transnational
    crime) is its own evidence::

        >>> is_general("AMM"), is_general("ASEAN-SOM"), is_general("SOMTC"), is_general("ARF")
        (True, True, False, False)
    """
    b = _registry().get(body)
    return b is not None and b.type in _GENERAL_TYPES and not _body_subjects(body)


# A stance ("welcomed", "reaffirmed", "ยินดี", "ยืนยัน") reports progress only when it speaks of a
# step: a progress account, a negotiation, an implementation, a conclusion, an expansion of
# cooperation, an instrument's adoption, signing, ratification or accession, a body's setting-up.
# "Thailand reaffirmed its adherence to the ASEAN Charter" states a principle: no step, no link.
_STEP_WORDS_TH = ("ความคืบหน้า", "ความก้าวหน้า", "การเจรจา", "การดำเนินการตาม", "การปฏิบัติตาม",
                  "การนำไปปฏิบัติ", "ข้อสรุป", "ขยายความร่วมมือ", "การรับรอง", "การลงนาม",
                  "การให้สัตยาบัน", "การเข้าเป็นภาคี", "การภาคยานุวัติ", "การจัดตั้ง", "การจัดทำ",
                  "ผลสำเร็จ", "ความสำเร็จ")
_STEP_WORDS_EN = re.compile(
    r"\b(?:progress|negotiations?|implementation|implementing|conclusion|concluded|"
    r"expan(?:d|ded|ding|sion)\b[^.]{0,40}\bcooperation|adoption|signing|ratification|accession|"
    r"entry into force|establishment|achievements?|outcomes?)\b", re.IGNORECASE)


def speaks_of_a_step(text: str) -> bool:
    """True when a stance's ``text`` speaks of a step taken, not only of a principle::

        >>> speaks_of_a_step("ที่ประชุมยินดีที่การเจรจาจัดทำความตกลงมีความคืบหน้า")
        True
        >>> speaks_of_a_step("ไทยย้ำว่ายึดมั่นในกฎบัตรอาเซียน")
        False
        >>> speaks_of_a_step("The ministers welcomed the progress of the negotiations.")
        True
        >>> speaks_of_a_step("Thailand reaffirmed its commitment to the ASEAN Charter.")
        False
    """
    return any(w in text for w in _STEP_WORDS_TH) or _STEP_WORDS_EN.search(text) is not None


# ASEAN, or Southeast Asia (whose treaties, the TAC and the SEANWFZ, name no ASEAN), named in a
# text; a document's body mentions name the rest of ASEAN's frame.
_ASEAN = re.compile(r"อาเซียน|เอเชียตะวันออกเฉียงใต้|(?<![A-Za-z])(?:ASEAN|South[- ]?East Asia)", re.IGNORECASE)


# Two governments' own act: "บันทึกความเข้าใจระหว่างรัฐบาลไทยและรัฐบาลออสเตรเลีย", "between the
# Government of Thailand and the Government of ...". Such an event is ASEAN's only by its own words.
_BILATERAL = re.compile(r"ระหว่างรัฐบาล[^\n]{0,80}?(?:และ|กับ)รัฐบาล|"
                        # "bilateral", not "both bilateral and multilateral"
                        r"(?<!พหุภาคีและ)(?<!พหุภาคี และ)ทวิภาคี(?!\s*(?:และ|หรือ|,)?\s*(?:ใน)?(?:ระดับ|กรอบ)?พหุภาคี)|"
                        # "between Thailand and Laos", "ไทยและออสเตรเลียจะร่วมลงนาม" (not ASEAN: "ไทยกับอาเซียน")
                        r"ระหว่าง(?:ประเทศ|ราชอาณาจักร|รัฐบาล)?ไทย\s*(?:และ|กับ|[-–])\s*(?!อาเซียน)|"
                        r"ไทย(?:และ|กับ)(?!อาเซียน)\S{2,30}?(?:จะ)?(?:ร่วม)?ลงนาม|"
                        r"\bbetween the Governments? of\b|\bbetween Thailand and (?!ASEAN)|\bbilateral\b",
                        re.IGNORECASE)


# A news item that is two governments' meeting by its headline: a bilateral talk, a courtesy call,
# an ambassador received ("นายกฯ หารือเอกอัครราชทูตออสเตรเลีย"). What they discussed (trafficking, human
# rights) is ASEAN's only by the event's own words, whatever else the item says of ASEAN.
# Talks with one office holder ("นายกฯ หารือประธานคณะมนตรียุโรป", "หารือ ผบ.ตร.เมียนมา") are two
# governments' too, unless ASEAN's own ("หารือเลขาธิการอาเซียน", "หารือผู้นำอาเซียน").
_BILATERAL_HEADLINE = re.compile(
    _BILATERAL.pattern + r"|เยี่ยม(?:คารวะ|คำนับ)|(?:เอกอัครราชทูต|ออท\.)(?![^\n]{0,40}?อาเซียน)|"
    r"หารือ\s*(?:กับ|ร่วมกับ)?\s*(?:นายก|ประธาน|รอง|รัฐมนตรี|รมว|รมต|ผบ|เลขาธิการ|ผู้แทน|ผู้นำ|อัครราชทูต)"
    r"(?![^\n]{0,60}?อาเซียน)|"
    r"\bcourtesy call\b|\b(?:ambassador|holds? talks with)\b(?![^\n]{0,60}?\bASEAN\b)", re.IGNORECASE)


#: The heading of an agenda item in a Thai official summary: its number and "เรื่อง" (subject:
#: "26. เรื่อง ร่างปฏิญญาทางการเมือง…"). An item's own numbered points ("1. ที่ประชุมฯ …") are no
#: items, and the plan parser may not take every item for a measure (a summary lists its items
#: first, then numbers each again with its points).
_AGENDA_HEADING = re.compile(r"^[ \t]*\d{1,3}\.[ \t]*เรื่อง", re.MULTILINE)


#: A news item is ASEAN's when its headline or its lead (its first this many characters: the
#: headline, the dateline and the opening paragraph) names ASEAN or an ASEAN body; a national story
#: that mentions ASEAN in passing further down is not.
_LEAD = 1000


def names_asean(event: "Event") -> bool:
    """Whether ``event``'s own words name ASEAN or Southeast Asia, or it has an ASEAN body."""
    return bool(event.bodies) or _ASEAN.search(event.text) is not None


def regional_events(doc: "ParsedDocument") -> list[bool]:
    """For each event of ``doc``, whether it happens in ASEAN's frame: its own words, or the part of
    the document it belongs to, name ASEAN, Southeast Asia or an ASEAN body. That part is a news item
    whose headline or lead (``_LEAD`` characters) names them (the sentence after "ASEAN's ministers
    met in Hanoi" is still about their meeting; a national story recalling an ASEAN meeting in its
    eighth paragraph is not ASEAN's); in a
    document of separate items (a report, a cabinet meeting's summary of 40 agenda items) it is the
    top-level item that holds the event, from its number (or an agenda heading, "26. เรื่อง …") to
    the next one, by its heading and opening (``_LEAD`` characters, as a news item's lead). Two governments' own act
    (a memorandum "between the Government of Thailand and the Government of Australia", a bilateral
    meeting) takes no frame from its document: only its own words can name ASEAN; nor does any event
    of a news item whose headline is two governments' meeting (a bilateral talk, a courtesy call, an
    ambassador received).

    A subject alone ("human rights", "anti-corruption") links an event to a measure only then: a
    national agency's work at home or a bilateral memorandum on the same subject is not a step of
    an ASEAN plan, however close its words::

        >>> from aseandocs.model import Document, Event, ParsedDocument
        >>> text = "การประชุมรัฐมนตรีอาเซียนด้านสิทธิมนุษยชน ที่ประชุมหารือเรื่องสิทธิมนุษยชน"
        >>> ev = Event("meeting", "ที่ประชุมหารือเรื่องสิทธิมนุษยชน", (41, 72))
        >>> regional_events(ParsedDocument(Document.from_text(text, id="n"), kind="news", events=(ev,)))
        [True]
        >>> home = "กรมการปกครองลงนามบันทึกข้อตกลงกับคณะกรรมการสิทธิมนุษยชนแห่งชาติ"
        >>> regional_events(ParsedDocument(Document.from_text(home, id="m"), kind="news",
        ...                                events=(Event("signing", home, (0, len(home))),)))
        [False]
    """
    from bisect import bisect_right
    # two governments' own act is not ASEAN's even when it names ASEAN ("หารือทวิภาคีกับเมียนมา
    # ในระหว่างการประชุมรัฐมนตรีอาเซียน", bilateral talks on the sidelines of an ASEAN meeting)
    bilateral = [_BILATERAL.search(e.text) is not None for e in doc.events]
    flags = [names_asean(e) and not b for e, b in zip(doc.events, bilateral)]
    if all(flags):
        return flags
    own = [f or b for f, b in zip(flags, bilateral)]
    text = doc.document.text or ""
    mentions = sorted(m.span[0] for m in doc.mentions)
    if doc.kind == "news" or not doc.measures:
        two_governments = doc.kind == "news" and _BILATERAL_HEADLINE.search(doc.title or "") is not None
        lead = _LEAD if doc.kind == "news" else len(text)
        whole = not two_governments and ((bool(mentions) and mentions[0] < lead)
                                         or _ASEAN.search(text, 0, lead) is not None
                                         or _ASEAN.search(doc.title or "") is not None)
        return [f or (whole and not o) for f, o in zip(flags, own)]
    top = min(m.level for m in doc.measures)
    starts = sorted({m.span[0] for m in doc.measures if m.level == top}
                    | {h.start() for h in _AGENDA_HEADING.finditer(text)})
    seen: dict[int, bool] = {}
    for k, e in enumerate(doc.events):
        if own[k]:
            continue
        i = bisect_right(starts, e.span[0])
        if i not in seen:
            lo = starts[i - 1] if i else 0
            hi = starts[i] if i < len(starts) else len(text)
            j = bisect_right(mentions, lo - 1)
            end = min(hi, lo + _LEAD)      # its heading and opening, as a news item's lead
            seen[i] = (j < len(mentions) and mentions[j] < end) or _ASEAN.search(text, lo, end) is not None
        flags[k] = seen[i]
    return flags
