"""Clause segmentation and event assembly (private to ``aseandocs.news``).

Thai has no sentence punctuation, so a statement is cut out of a line at *clause cues* that follow a
space ("... ครั้งที่ 11 โดยที่ประชุมได้หารือ ...", "... ที่จังหวัดภูเก็ต และการประชุม ..."), at
numbered items inside a line ("... ต่อไป 5.1 การระดมทุน ...") and, for English, at sentence
punctuation. ``segment`` returns the clause spans::

    >>> t = "เมื่อวันที่ 5 มีนาคม 2562 อาเซียนจัดการประชุม ครั้งที่ 11 โดยที่ประชุมได้หารือ"
    >>> [t[c.start:c.end] for c in segment(t)]
    ['เมื่อวันที่ 5 มีนาคม 2562 อาเซียนจัดการประชุม ครั้งที่ 11', 'โดยที่ประชุมได้หารือ']
    >>> t = "ASEAN leaders met in Manila on 13 November 2017. They signed the ASEAN Consensus."
    >>> [t[c.start:c.end] for c in segment(t)]
    ['ASEAN leaders met in Manila on 13 November 2017.', 'They signed the ASEAN Consensus.']

``assemble`` turns clauses into events: a clause with an event cue starts an event; a following
clause of the same line without a cue continues it (a "โดย ..." or "และ ..." elaboration); a date at
the start of a clause ("เมื่อวันที่ 5 มีนาคม 2562 ...", "On 5 March 2019, ...") governs the later
clauses without a date of their own until the next such date or the next heading or numbered item.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from .._fastre import lead_finditer
from ..model import Document, Event, Mention
from .shortened import named_before as _named_before
from .cues import (Cue, Instrument, cue_data, find_cues, find_ordinal, future_before, main_cue,
                   scan_instruments)
from .dating import recalled, usable_dates
from .attendance import without_attendance_lists
from .outcomes import document_name, with_agreed_points, with_outcome_items

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import DateMatch

__all__ = ["Clause", "segment", "assemble"]

#: A statement longer than this is cut at ") " between list items.
_LONG = 500
#: ... into pieces of about this size.
_CHUNK = 300
#: A continuation clause joins the previous event only while the event stays this short.
_MAX_EVENT = 600
#: A date starting this close to its clause start (with no cue before it) governs later clauses.
_LEAD = 32


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause span of the text; ``line`` numbers the line it lies on; ``reset`` is True for a
    clause starting a heading or numbered item (a governing date stops there)."""

    start: int
    end: int
    line: int
    reset: bool = False
    joins: bool = False              # starts at a clause cue ("โดย", "และ"): may continue the last


# An English sentence end: "... 2017. They", "... Charter! The". The word before is checked in
# code against abbreviations ("Mr.", "Dr.", "No.") and item numbers ("5. กลไก"). Must not match
# "พ.ศ. 2562" (a Thai letter before the dot) or "U.S. Dialogue" (a capital before the dot).
# (The mark is matched before the look-behind so that ``re`` skips to each ".", "!", "?" in C.)
SENTENCE_END = re.compile(r"[.!?](?<=[a-z0-9)\]\"”’%][.!?])(?=\s+\S)")
_ABBREVIATIONS = frozenset("mr mrs ms dr no st prof gen vs etc jr sr inc ltd co eg ie al jan feb mar "
                           "apr jun jul aug sep sept oct nov dec h.e".split())

# A numbered item inside a line (one-line PDFs): "... ต่อไป 5.1 การระดมทุน", "... 5) เตรียมการ",
# "... (2) การเสริม", "... 1) การสร้าง", "... 5. กลไก". Must not match "ประกอบด้วย 15 สาขา"
# (no dot or parenthesis), "0.5 million" (lower-case after), "ปี 2553 - 2558" or a time of day
# ("เวลา 13.00 น. ศาสตราจารย์...", "เมื่อวันที่ 5 มี.ค. 64 08.30 น. ที่"): a time is no item.
ITEM_START = re.compile(
    r"(?<=\s)(?<!เวลา\s)(?P<item>\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}[.)]|\(\d{1,2}\))"
    r"(?!\s+น\.)(?=\s+[\u0e01-\u0e2e\u0e40-\u0e44A-Z(])", re.ASCII)
_ITEM_LEAD = re.compile(r"[0-9(](?<=\s.)", re.ASCII)   # where it can start (``lead_finditer``)
# The number of a list item opening a statement ("5) ", "(2) ", "3. ", "1.2. "): no part of it.
_ITEM_NUMBER = re.compile(r"(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]|\(\d{1,2}\))[ \t]+(?=\S)", re.ASCII)

# A line that is a numbered item or a heading: "1. สนธิสัญญา...", "(1) การศึกษา", "1.1 เคารพ...",
# "เสาหลักที่ 2 ...", "Chapter 3", "Pillar II"; must not match "2562 ..." or "15 สาขา".
NUMBERED_LINE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)]?\s|\(\d{1,2}\)\s|[A-Z]\.\d|เสาหลักที่|ข้อ\s?\d|"
    r"(?:Chapter|Section|Part|Pillar|Article)\s)")

# A line of text: "1. สนธิสัญญา...", "ASEAN leaders met in Manila."; never "\n".
_LINE = re.compile(r"[^\n]+")
# A word, anything between white space: "Mr", "2017", "อาเซียน", "(ASEAN)"; never " ".
_WORD = re.compile(r"\S+")

# The ") " between items of a long list: "... (ASEAN Foundation) ศูนย์ปฏิบัติการ..."
LIST_GAP = re.compile(r"\)\s(?=\S)")


@lru_cache(maxsize=1)
def _clause_cue() -> re.Pattern[str]:
    """A space then a clause cue: " โดย", " ซึ่ง", " และ" (group ``joins``), " ทั้งนี้",
    " นอกจากนี้", " ต่อมา" (a new statement); never " ซึ่งกันและกัน"."""
    d = cue_data()
    joins = "|".join(map(re.escape, sorted(d["clause_cues"], key=len, reverse=True)))
    new = "|".join(map(re.escape, sorted(d["sentence_cues"], key=len, reverse=True)))
    exc = "|".join(map(re.escape, d["clause_cue_exceptions"]))
    return re.compile(rf"(?<=\s)(?!{exc})(?:(?P<new>(?={new}))|(?P<joins>(?={joins})))")


@lru_cache(maxsize=1)
def _clause_lead() -> re.Pattern[str]:
    """Where a ``_clause_cue`` match can be: the first character of a cue, after white space."""
    firsts = {re.escape(w[0]) for k in ("clause_cues", "sentence_cues") for w in cue_data()[k]}
    return re.compile(f"[{''.join(sorted(firsts))}]" r"(?<=\s.)")


@lru_cache(maxsize=1)
def _context_reset() -> re.Pattern[str]:
    """A statement about the present: "ปัจจุบัน ...", "Currently, ..."."""
    words = "|".join(map(re.escape, cue_data()["context_resets"]))
    return re.compile(rf"(?:{words})(?![A-Za-z])")


def segment(text: str) -> list[Clause]:
    """The clauses of ``text`` in order: spans trimmed of white space, never empty."""
    return _segment(text)[0]


def _segment(text: str) -> tuple[list[Clause], list[list[Cue]]]:
    """``segment(text)`` and the event cues of each clause, as ``find_cues`` finds them in the
    clause alone (offsets into ``text``).

    The cues are found once per line and shared out: a clause starts after white space and ends
    before it, and no cue guard holds white space, so a cue inside a clause is the one the clause
    alone gives; only where a cue runs across a clause boundary ("ลง นาม" cut at a clause cue)
    are the clauses it touches searched again on their own.
    """
    clauses: list[Clause] = []
    cues: list[list[Cue]] = []
    clause_cue, clause_lead, context_reset = _clause_cue(), _clause_lead(), _context_reset()
    for ln, lm in enumerate(_LINE.finditer(text)):
        ls = lm.start()
        line = lm.group()
        line_cues = find_cues(line)
        heading = NUMBERED_LINE.match(line) is not None or (len(line) <= 60 and not line_cues)
        cuts = {0}
        resets = {0} if heading else set()
        joins: set[int] = set()
        for m in lead_finditer(_ITEM_LEAD, ITEM_START, line):
            a, item = max(0, m.start() - 40), m.group("item")
            if item[-1] == ")" != item[0] and line.rfind("(", a, m.start()) > line.rfind(")", a, m.start()):
                continue                   # "(2 ก.ย. 64) เวลา": "64)" closes a parenthesis, no item
            cuts.add(m.start())
            resets.add(m.start())
        words: list[int] = []
        for m in SENTENCE_END.finditer(line):
            if not words:
                words = [w.start() for w in _WORD.finditer(line)]
            # the word before the punctuation ("Mr" of "Mr.", "2017" of "2017.")
            w = line[words[bisect_right(words, m.start() - 1) - 1]:m.start()].lower()
            if w in _ABBREVIATIONS or (w.isdigit() and len(w) <= 2) or len(w) == 1:
                continue
            cuts.add(m.end())
        for m in lead_finditer(clause_lead, clause_cue, line):
            cuts.add(m.start())
            if m.group("joins") is not None:
                joins.add(m.start())
        bounds = sorted(cuts) + [len(line)]
        first = len(clauses)
        spans: list[tuple[int, int]] = []
        for a, b in zip(bounds, bounds[1:]):
            for k, (s, e) in enumerate(_chunks(line, a, b)):
                while s < e and line[s].isspace():
                    s += 1
                while e > s and line[e - 1].isspace():
                    e -= 1
                if e > s:
                    reset = (a in resets and k == 0) or context_reset.match(line, s) is not None
                    clauses.append(Clause(ls + s, ls + e, ln, reset, a in joins and k == 0))
                    spans.append((s, e))
        cues.extend(_share_cues(line, ls, spans, line_cues))
        assert len(cues) == len(clauses) and len(clauses) - first == len(spans)
    return clauses, cues


def _share_cues(line: str, ls: int, spans: list[tuple[int, int]],
                line_cues: list[Cue]) -> list[list[Cue]]:
    """The cues of each clause span of ``line``, from the line's own cues (see ``_segment``)."""
    out: list[list[Cue]] = [[] for _ in spans]
    again: set[int] = set()
    starts = [s for s, _ in spans]
    for c in line_cues:
        k = bisect_right(starts, c.start) - 1
        if k >= 0 and c.end <= spans[k][1]:
            out[k].append(Cue(c.type, c.text, c.start + ls, c.end + ls))
            continue
        for j in range(max(k, 0), len(spans)):      # across a boundary: every clause it touches
            if spans[j][0] >= c.end:
                break
            if spans[j][1] > c.start:
                again.add(j)
    for j in again:
        s, e = spans[j]
        out[j] = [Cue(c.type, c.text, c.start + s + ls, c.end + s + ls)
                  for c in find_cues(line[s:e])]
    return out


def _chunks(line: str, a: int, b: int) -> list[tuple[int, int]]:
    """``line[a:b]`` cut into pieces of about _CHUNK characters when it is long: at list gaps
    ") " when there are some, else at spaces."""
    if b - a <= _LONG:
        return [(a, b)]
    gaps = [m.end() for m in LIST_GAP.finditer(line, a, b)]
    if not gaps:
        gaps = [m.end() for m in re.finditer(r" ", line[a:b])]
        gaps = [a + g for g in gaps]
    out, s = [], a
    for g in gaps:
        if g - s >= _CHUNK and b - g >= 40:
            out.append((s, g))
            s = g
    out.append((s, b))
    return out


class _Spans:
    """Sorted, non-overlapping spans (instrument names) with containment tests in O(log n)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def holding(self, a: int, b: int, *, slack: int = 0) -> bool:
        """True when one span holds ``[a, b)`` (its end widened by ``slack``)."""
        k = bisect_right(self.starts, a) - 1
        return k >= 0 and b <= self.spans[k][1] + slack


# --- dates ----------------------------------------------------------------------------------

_RANK = {"day": 0, "month": 1, "year": 2}


def _finest(dates: list["DateMatch"]) -> list["DateMatch"]:
    """The dates of the finest precision present, one per distinct value, in order."""
    for p in ("day", "month", "year"):
        ds = [d for d in dates if d.precision == p]
        if ds:
            seen: dict[str, "DateMatch"] = {}
            for d in ds:
                seen.setdefault(d.value, d)
            return list(seen.values())
    return []


# --- assembly -------------------------------------------------------------------------------

@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    line: int
    cue: Cue
    date: "DateMatch | None"
    own_date: bool
    clause: int                      # index of the last clause it covers
    cues: list[Cue] = field(default_factory=list)
    outcome: bool = False            # an outcome document listed under its adoption (outcomes.py)


def _later(a: str, b: str) -> bool:
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def assemble(document: Document, dates: Sequence["DateMatch"], mentions: Sequence[Mention] = (),
             *, doc_date: str | None = None, plan: bool = False,
             excluded: Sequence[tuple[int, int]] = (), keep_markers: Sequence[str] = (),
             skip_dates: Sequence[tuple[int, int]] = ()) -> list[Event]:
    """Events of ``document`` (see ``news.extract_events``).

    ``dates`` are the date matches of the whole text; ``doc_date`` (ISO) decides "planned" for
    later dates; with ``plan`` only dated statements and signing or adoption clauses outside
    ``excluded`` spans are kept, except a clause holding one of ``keep_markers`` ("ทำไว้ ณ").
    Dates at ``skip_dates`` spans (the publication date of a dateline) date no event.
    """
    text = document.text
    insts = scan_instruments(text)
    names = _Spans([(i.start, i.end) for i in insts if i.name is not None])
    good = usable_dates(text, sorted((d for d in dates if d.span not in skip_dates),
                                     key=lambda d: d.span), names)
    clauses, clause_cues = _segment(text)
    clause_cues = [[q for q in qs if not names.holding(q.start, q.end)] for qs in clause_cues]
    # past happenings recalled by a year ("signed in 1976", "the 1992 agreement") own their cue
    # and year: the statement around them is dated by its other dates (news/dating.py)
    past = [] if plan else recalled(text, [(c.start, c.end) for c in clauses], clause_cues, good,
                                    doc_date, names.spans)
    taken = {r.date.span for r in past} | {(r.cue.start, r.cue.end) for r in past}
    good = [d for d in good if d.span not in taken]
    drafts: list[_Draft] = []
    ctx: "DateMatch | None" = None       # the governing date: a date opening a clause
    last: "tuple[int, DateMatch] | None" = None   # the line and date of the last dated clause
    di = 0
    for ci, c in enumerate(clauses):
        if c.reset:
            ctx = last = None
        while di < len(good) and good[di].span[0] < c.start:
            di += 1
        own = []
        k = di
        while k < len(good) and good[k].span[1] <= c.end:
            own.append(good[k])
            k += 1
        cues = [q for q in clause_cues[ci] if (q.start, q.end) not in taken]
        if own and own[0].span[0] - c.start <= _LEAD and not any(
                q.start < own[0].span[0] for q in cues if q.type not in ("plan",)):
            ctx = own[0]
        # within a paragraph, the date of the last dated statement governs the undated ones after
        # it ("The 12th SOMTC, held on 5-6 June 2012, ... The officials also agreed ...") unless
        # it is coarser than the opening date ("ในปี 2562" does not undo "เมื่อวันที่ 5 มีนาคม 2562")
        gov = last[1] if last is not None and last[0] == c.line and (
            ctx is None or (last[1].span[0] > ctx.span[0]
                            and _RANK[last[1].precision] <= _RANK[ctx.precision])) else ctx
        if own:
            last = (c.line, own[0])
        mc = main_cue(cues)
        prev = drafts[-1] if drafts else None
        joinable = (c.joins and prev is not None and prev.clause == ci - 1
                    and prev.line == c.line and c.end - prev.start <= _MAX_EVENT)
        finest = _finest(own)
        if mc is None:
            if not joinable:
                continue
            assert prev is not None
            if finest and prev.own_date and prev.date is not None and \
                    finest[0].value != prev.date.value:
                # "X signed on A, และ Y on B": a new statement of the same kind
                drafts.extend(_split(text, c, ci, prev.cue, finest, []))
                continue
            prev.end, prev.clause = c.end, ci
            if finest and not prev.own_date:
                prev.date, prev.own_date = finest[0], True
            continue
        if finest:
            drafts.extend(_split(text, c, ci, mc, finest, cues))
        else:
            # a new statement announcing a happening for later ("ทั้งนี้ จะจัดการประชุมครั้ง
            # ต่อไป", "They will meet again") is on another day than the one governing the text
            # before it: no inherited date (an elaboration, "... โดยมีแผนที่จะ ...", keeps it)
            later = not c.joins and (
                mc.type == "plan" or future_before(text, mc.start,
                                                   window=min(40, mc.start - c.start))
                or (mc.type == "meeting" and any(q.type == "plan" for q in cues)))
            drafts.append(_Draft(c.start, c.end, c.line, mc, None if later else gov, False, ci,
                                 cues))
    drafts = with_outcome_items(text, drafts, lambda d, s, e, cue: _Draft(
        s, e, -1, cue, d.date, d.own_date, -1, [cue], outcome=True))
    drafts = with_agreed_points(text, drafts, lambda d, s, e, cue: _Draft(
        s, e, -1, cue, d.date, d.own_date, -1, [cue]))
    drafts = without_attendance_lists(text, drafts)
    drafts += [_Draft(r.start, r.end, -1, r.cue, r.date, True, -1, [r.cue]) for r in past]
    drafts.sort(key=lambda d: d.start)
    return _events(document, drafts, mentions, insts, doc_date=doc_date, plan=plan,
                   excluded=excluded, keep_markers=keep_markers)


def _split(text: str, c: Clause, ci: int, cue: Cue, finest: list["DateMatch"],
           cues: list[Cue]) -> list[_Draft]:
    """One draft per date of a clause holding several ("บรูไน (เป็นสมาชิกวันที่ 7 มกราคม 2527)
    เวียดนาม (เป็นสมาชิกวันที่ 28 กรกฎาคม 2538)"); a piece without a cue of its own takes the
    clause's."""
    if len(finest) == 1:
        return [_Draft(c.start, c.end, c.line, cue, finest[0], True, ci, cues)]
    out = []
    s = c.start
    for i, d in enumerate(finest):
        if i == len(finest) - 1:
            e = c.end
        else:
            e = d.span[1]
            while e < c.end and text[e] in ")]":
                e += 1
        piece = [q for q in cues if s <= q.start < e]
        mc = main_cue(piece) or cue
        out.append(_Draft(s, e, c.line, mc, d, True, ci, piece))
        s = e
        while s < c.end and text[s] in " ,;":
            s += 1
    return out


def _instruments(text: str, insts: Sequence[Instrument], starts: Sequence[int],
                 s: int, e: int, *, across_lines: bool = True) -> tuple[str, ...]:
    """Instruments named in ``[s, e)`` (``starts``: the instruments' starts, made once per text),
    with a reference by head word alone ("ให้ความเคารพสนธิสัญญา", "ปฏิญญาอาเซียนดังกล่าว") resolved
    to the last instrument named with that head in the 1,500 characters before it: "the treaty was
    amended in 1987" a paragraph after the TAC's principles is the TAC's amendment. Not
    ``across_lines`` (a plan, whose "แผนงานนี้" is the plan itself), only on the same line."""
    out: list[str] = []
    for k in range(bisect_left(starts, s), len(insts)):
        i = insts[k]
        if i.start >= e:
            break
        if i.start < s:
            continue
        name = i.name
        if name is None:
            for j in range(k - 1, -1, -1):
                p = insts[j]
                if p.start < i.start - 1500 or (not across_lines and "\n" in text[p.start:i.start]):
                    break
                if p.name is not None and p.head == i.head:
                    name = p.name
                    break
        if name is not None and name not in out:
            out.append(name)
    return tuple(out)


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted and merged into disjoint runs, so that whether a statement overlaps any
    of them is one bisection (a plan has hundreds of measures and a statement each date):

        >>> _merged([(50, 60), (0, 10), (5, 20), (60, 70)])
        [(0, 20), (50, 70)]
    """
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _events(document: Document, drafts: list[_Draft], mentions: Sequence[Mention],
            insts: Sequence[Instrument], *,
            doc_date: str | None, plan: bool, excluded: Sequence[tuple[int, int]],
            keep_markers: Sequence[str]) -> list[Event]:
    text = document.text
    ments = sorted(mentions, key=lambda m: m.span)
    mstarts = [m.span[0] for m in ments]
    istarts = [i.start for i in insts]
    zones = _merged(excluded)
    zstarts = [a for a, _ in zones]
    out: list[Event] = []
    for d in drafts:
        s, e = d.start, d.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if (num := _ITEM_NUMBER.match(text, s, e)) is not None:
            s = num.end()                        # "5) เตรียมการ...": the number is the list's
        if e <= s:
            continue
        stmt = text[s:e]
        marked = any(m in stmt for m in keep_markers)
        if plan and not marked:
            k = bisect_left(zstarts, e) - 1       # the last zone opening before the statement ends
            if k >= 0 and zones[k][1] > s:
                continue
            if d.date is None and d.cue.type not in ("signing", "adoption", "ratification"):
                continue
        bodies: list[str] = []
        for k in range(bisect_left(mstarts, s), len(ments)):
            m = ments[k]
            if m.span[0] >= e:
                break
            if m.span[1] <= e and m.body not in bodies:
                bodies.append(m.body)
        for body in _named_before(text, s, e, ments, mstarts):
            if body not in bodies:
                bodies.append(body)
        instruments = _instruments(text, insts, istarts, s, e, across_lines=not plan)
        k = bisect_left(istarts, s) if d.outcome else len(insts)
        if d.outcome and not (k < len(insts) and insts[k].name is not None and insts[k].start <= s + 1):
            named = document_name(stmt)          # the line names a document the scan did not see
            instruments = (named, *instruments) if named and named not in instruments else instruments
        if d.date is None and not bodies and not instruments and not d.outcome:
            continue   # an outcome item is an event even when its line describes its document
        future = d.cue.type == "plan" or future_before(text, d.cue.start,
                                                       window=min(40, d.cue.start - s))
        if d.date is not None and doc_date and _later(d.date.value, doc_date):
            future = True
        out.append(Event(type=d.cue.type, text=stmt, span=(s, e),
                         date=d.date.value if d.date else None,
                         end_date=d.date.end if d.date else None,
                         status="planned" if future else "done", ordinal=find_ordinal(stmt),
                         bodies=tuple(bodies), instruments=instruments,
                         page=document.page_at(s)))
    return out
