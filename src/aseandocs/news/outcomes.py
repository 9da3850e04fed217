"""Lists of outcome documents: one event per document a statement adopts, approves or signs.

Meetings end with documents, and reports list them under the statement that adopts them::

    โฆษกได้สรุปเอกสารซึ่งผู้นำได้รับรองแล้วทั้งสิ้น 3 ฉบับ ดังนี้
    การประชุมสุดยอดอาเซียน
    1. ปฏิญญาอาเซียนว่าด้วยการพัฒนาเยาวชน (ASEAN Declaration on Youth Development)
    2. แผนงานความร่วมมือด้านการจัดการภัยพิบัติ
    3. ASEAN-China Joint Statement on Cooperation against Drug Trafficking

Each numbered line is an event of the statement's type and date, naming the document of the
line; the statement alone would be one event whose documents were lost. A list is:

- opened by a statement of an ``outcome_lists.types`` type (adoption, approval, signing, ...)
  whose line ends in one of ``outcome_lists.openers`` ("ดังนี้", "ได้แก่", "as follows", ":");
- numbered lines ("1.", "2)", "(3)", "๔.", "- ", "• ") each opening with the kind of document
  it names (``outcome_lists.heads``: ปฏิญญา, แผนงาน, ถ้อยแถลง, Declaration, Joint Statement,
  Terms of Reference, ...), so that a list of points agreed ("1. ให้ความสำคัญกับ...") is not
  taken for documents;
- short unnumbered lines between items are sub-headings (the summit each group came from) and
  the list goes on; any other line ends it.

    >>> text = ("ที่ประชุมได้ให้การรับรองเอกสาร ดังนี้\\n1. ปฏิญญาอาเซียนว่าด้วยเยาวชน\\n"
    ...         "การประชุมสุดยอดอาเซียน-จีน\\n2) ASEAN-China Joint Statement on Drugs\\nขอบคุณ ผู้แทนทุกท่านที่มาร่วมประชุมในครั้งนี้อย่างพร้อมเพรียงกัน")
    >>> list_openings(text, [0]) == {0: text.index("\\n")}
    True
    >>> [text[s:e] for s, e in outcome_items(text, text.index("\\n"))]
    ['ปฏิญญาอาเซียนว่าด้วยเยาวชน', 'ASEAN-China Joint Statement on Drugs']
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any, Callable, Sequence

from .cues import Cue, cue_data

__all__ = ["outcome_types", "list_openings", "outcome_items", "with_outcome_items", "document_name",
           "agreed_points", "with_agreed_points"]

#: The number or bullet of a list item: "1.", "12)", "(3)", "๔.", "- ", "• ", "– ".
_ITEM = re.compile(r"[ \t]*(?:(?:\d{1,3}|[๐-๙]{1,3})[.)](?!\d)|\((?:\d{1,3}|[๐-๙]{1,3})\)|[-•–])[ \t]*")
#: A sub-heading between items is at most this long (the meeting a group of documents came from).
_HEADING = 90
#: An English name gives its kind within this many characters ("ASEAN-Republic of Korea Joint Statement").
_EN_LEAD = 60
#: At most this many lines (sub-headings, blank lines) lie between two items, or after the opener.
_GAP = 3
#: The opener lies within this many characters of the end of its line ("the following:  ").
_OPENER_TAIL = 40
#: A list longer than this is no list of one statement's documents.
_MAX_ITEMS = 80


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    d = cue_data()["outcome_lists"]
    openers = sorted(d["openers"], key=len, reverse=True)
    opener = re.compile(r"(?:" + "|".join(map(re.escape, openers)) + r")\s*:?\s*$", re.IGNORECASE)
    th = sorted(d["heads"]["th"], key=len, reverse=True)
    en = sorted(d["heads"]["en"], key=len, reverse=True)
    head = re.compile(r"(?:" + "|".join(map(re.escape, th)) + r")|(?:(?:the|an?)\s+)?(?:"
                      + "|".join(map(re.escape, en)) + r")\b", re.IGNORECASE)
    return frozenset(d["types"]), opener, head


def outcome_types() -> frozenset[str]:
    """The event types whose statement may open a list of outcome documents."""
    return _data()[0]


def list_openings(text: str, starts: list[int]) -> dict[int, int]:
    """Of the statements starting at ``starts``, those that end their line with a list opener
    ("... ดังนี้", "... as follows:"), mapped to the end of the line. Each line is looked up once
    and only its last characters are searched, so a long line with many statements stays linear."""
    out: dict[int, int] = {}
    opener = _data()[1]
    end = -1
    for start in sorted(starts):
        if start > end:
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
        if opener.search(text, max(start, end - _OPENER_TAIL), end):
            out[start] = end
    return out


def outcome_items(text: str, line_end: int) -> list[tuple[int, int]]:
    """The spans of the outcome documents listed on the lines after ``line_end`` (module
    docstring); each span is the item's text without its number."""
    head = _data()[2]
    out: list[tuple[int, int]] = []
    pos = line_end + 1
    between = 0                     # lines since the last item (sub-headings, blank lines)
    while pos < len(text) and len(out) < _MAX_ITEMS and between <= _GAP:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        between += 1
        if line.strip():
            m = _ITEM.match(line)
            if m is not None and m.end() < len(line) and _names_a_document(line, m.end(), head):
                e = len(line.rstrip())
                while e > m.end() and line[e - 1] in ".;,":
                    e -= 1
                out.append((pos + m.end(), pos + e))
                between = 0
            elif m is not None or not _is_heading(line):
                break               # a point that is no document, or a sentence: the list ended
        pos = end + 1
    return out


def _names_a_document(line: str, start: int, head: re.Pattern[str]) -> bool:
    """The item at ``start`` opens with a document's kind: a Thai name with it ("ปฏิญญา..."),
    an English one within its first words ("ASEAN Leaders' Declaration on ...")."""
    if head.match(line, start):
        return True
    if not line[start:start + 1].isascii():
        return False
    m = head.search(line, start, start + _EN_LEAD)
    return m is not None and line[start:m.start()].isascii()


#: A document's name is no longer than this; an item longer after ``document_name``'s cut
#: describes a document rather than naming it.
_NAME_MAX = 300
#: Words that open a clause after a document's name, at a space outside any parenthesis: the item
#: goes on to say what the document is or does ("ร่างแนวทางฯ เป็นเอกสาร...", "..., which ...").
_CLAUSE = re.compile(r"\s+(?:เป็น|ซึ่ง|โดย|มีสาระ|มีวัตถุประสงค์|เพื่อให้|ทั้งนี้|ได้แก่|คือ|"
                     r"(?:which|is|are|was|were|will|aims?|sets? out)\b)")


def document_name(item: str) -> str | None:
    """The name of the document an outcome item names: the item up to the end of its name's
    parentheses ("ชื่อไทย (English Name)") or the first clause after it, whichever comes first;
    None when even that is longer than a name (a paragraph about a document)::

        >>> document_name("ร่างปฏิญญาอาเซียนว่าด้วยเยาวชน (ASEAN Declaration on Youth) มีสาระสำคัญ ดังนี้")
        'ร่างปฏิญญาอาเซียนว่าด้วยเยาวชน (ASEAN Declaration on Youth)'
        >>> document_name("ร่างแนวทางฯ เป็นเอกสารแนวทางสำหรับการป้องกันโรค")
        'ร่างแนวทางฯ'
        >>> document_name("แผนปฏิบัติการ (ค.ศ. 2021 – 2025) (Plan of Action 2021-2025)")
        'แผนปฏิบัติการ (ค.ศ. 2021 – 2025) (Plan of Action 2021-2025)'
    """
    depth, end = 0, len(item)
    clauses = {m.start() for m in _CLAUSE.finditer(item)}
    for i, c in enumerate(item):
        if depth == 0 and i in clauses:
            end = i
            break
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0 and not item[i + 1:].lstrip().startswith("("):
                end = i + 1
                break
    name = item[:end].rstrip(" ,;:")
    return name if name and len(name) <= _NAME_MAX else None


def _is_heading(line: str) -> bool:
    """A short line that is neither a sentence nor a list item: a sub-heading of the list."""
    s = line.strip()
    return 0 < len(s) <= _HEADING and not s.endswith((".", "ดังนี้"))


def with_outcome_items(text: str, drafts: Sequence[Any],
                       make: Callable[[Any, int, int, Cue], Any]) -> list[Any]:
    """``drafts`` (the statements of ``news.events``, with ``start``, ``end`` and ``cue``, in text
    order) with a draft per document listed under a statement adopting them, made by
    ``make(statement, start, end, cue)`` (the statement's type and date); the drafts a cue inside
    a listed name made on those lines ("...สำหรับการประชุม...": no meeting) give way."""
    kinds = outcome_types()
    opened = list_openings(text, [d.start for d in drafts if d.cue.type in kinds])
    items: list[Any] = []
    for d in drafts:
        line_end = opened.get(d.start) if d.cue.type in kinds else None
        if line_end is None or (items and d.start < items[-1].end):
            continue
        for s, e in outcome_items(text, line_end):
            items.append(make(d, s, e, Cue(d.cue.type, d.cue.text, s, s)))
    if not items:
        return list(drafts)
    lines: list[tuple[int, int]] = []            # the items' lines, merged
    for i in items:
        a = text.rfind("\n", 0, i.start) + 1
        if lines and a <= lines[-1][1]:
            lines[-1] = (lines[-1][0], max(lines[-1][1], i.end))
        else:
            lines.append((a, i.end))
    starts = [a for a, _ in lines]
    kept = [d for d in drafts if not (0 <= (k := bisect_right(starts, d.start) - 1) and d.start < lines[k][1])]
    return sorted(kept + items, key=lambda d: d.start)


#: The number of a point agreed: "(3)", "3)" or "3." after a space or at a line's start.
_POINT = re.compile(r"(?:(?<=\s)|^)(?:\((\d{1,2})\)|(\d{1,2})[.)](?!\d))[ \t]*(?=\S)", re.MULTILINE)
#: Event types a point agreed keeps: a point with a cue of another type ("จะ", "หารือ", "ยินดี")
#: is what was agreed, not a plan, meeting or stance of its own.
_POINT_KEEPS = frozenset({"adoption", "approval", "signing", "ratification", "accession", "launch",
                          "entry_into_force", "establishment"})


#: The count of points a statement agrees on ("5 ประการ", "3 ข้อ", "five points" is not read).
_COUNT = re.compile(r"(\d{1,2})\s*(?:ประการ|ข้อ|points?|elements?|areas?)(?![a-z])", re.IGNORECASE)


def _number(m: re.Match[str]) -> int:
    return int(m.group(1) or m.group(2))


def agreed_points(text: str, opener_end: int) -> list[tuple[int, int]]:
    """The points of a numbered list right after ``opener_end``, the end of a statement that
    agrees on them ("... ที่อาเซียนเห็นชอบร่วมกัน 5 ประการ ได้แก่ (1) ... (2) ..."): inline on its
    line or one per line below, numbered 1, 2, 3 ... in order (anything else is no list); each
    span is the point without its number. A single point is no list::

        >>> t = "ผู้นำเห็นชอบร่วมกัน 3 ประการ ได้แก่ (1) ยุติความรุนแรง (2) หารือ (3) ส่งผู้แทนพิเศษ\\nขอบคุณ"
        >>> [t[s:e] for s, e in agreed_points(t, t.index("ได้แก่") + 6)]
        ['ยุติความรุนแรง ', 'หารือ ', 'ส่งผู้แทนพิเศษ']
        >>> agreed_points("agreed as follows: 2) later", 18)
        []
    """
    items: list[tuple[int, int]] = []
    pos, n = opener_end, 1
    while len(items) < _MAX_ITEMS:
        gap = text[pos:pos + 200]
        lead = len(gap) - len(gap.lstrip())
        if gap[:lead].count("\n") > _GAP:
            break
        m = _POINT.match(text, pos + lead)
        if m is None or _number(m) != n:
            break
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        nxt = next((k.start() for k in _POINT.finditer(text, m.end(), line_end) if _number(k) == n + 1),
                   line_end)
        items.append((m.end(), nxt))
        pos, n = nxt, n + 1
    return items if len(items) > 1 else []


def with_agreed_points(text: str, drafts: Sequence[Any],
                       make: Callable[[Any, int, int, Cue], Any]) -> list[Any]:
    """``drafts`` with each point of a list an agreement opens (``agreed_points``) made a
    statement of that agreement, its type and date, by ``make(agreement, start, end, cue)``: the
    drafts a point's own cues made ("(4) อาเซียนจะให้ความช่วยเหลือ...": a plan) give way, except a
    point whose cue is a step of its own (a signing, an adoption), which stays as it is. The
    agreement says how many points it lists ("เห็นชอบร่วมกัน 5 ประการ ได้แก่ (1) ..."), and the list
    holds that many: a decision "ดังนี้" over numbered paragraphs of all kinds is not one."""
    opener = _data()[1]
    out = list(drafts)
    for d in drafts:
        if d.cue.type != "agreement" or not opener.search(text, max(d.start, d.end - _OPENER_TAIL), d.end):
            continue
        count = _COUNT.search(text, d.start, d.end)
        points = agreed_points(text, d.end) if count is not None else []
        if not points or int(count.group(1)) != len(points):
            continue
        since = d.end                     # a point's drafts start at its number, after the last
        for s, e in points:
            inside = [x for x in out if since <= x.start < e]
            since = e
            if any(x.cue.type in _POINT_KEEPS for x in inside):
                continue
            gone = {id(x) for x in inside}
            out = [x for x in out if id(x) not in gone]
            out.append(make(d, s, e, Cue(d.cue.type, d.cue.text, s, s)))
    return sorted(out, key=lambda x: x.start)

