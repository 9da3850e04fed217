"""The title and "- " activities of one plan item.

Private to aseandocs.plans. Everything here works on offsets into the (digit-folded) text.
``split_body`` gives the title and activities of one item, e.g. "ส่งเสริมสิทธิมนุษยชน - จัดทำแผนงาน
- ส่งเสริมการเรียนรู้" gives the title "ส่งเสริมสิทธิมนุษยชน" and two activities, and
"Promote human rights\\n- Compile a list of mechanisms" one title and one activity; the page
furniture (aseandocs.plans.furniture) inside them is left out.

A bullet is told from a hyphen inside a name by its spacing and its neighbours. A bullet starts a
line ("- ", "• ", "o ", "* ") or, inside a flattened line, stands alone between two spaces
(" - ") with a clause on its left and the start of a new clause on its right. A name hyphen
joins two name parts with at most one space ("อาเซียน-จีน", "เอเชีย -แปซิฟิก", "ASEAN-China"),
and a spaced range joins two numbers ("2553 - 2558"); " - " followed by a known name part
("อาเซียน - จีน", "ASEAN - Japan") is a name too.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .._fastre import lead_finditer
from .cues import BULLET, name_part_re, word_sets

if TYPE_CHECKING:
    from .furniture import Furniture

Span = tuple[int, int]

# A lone action label ending a title: "Actions:", "กิจกรรม :", "Activities". Only at the very end.
ACTION_LABEL_END = re.compile(r"(?:^|\s)(?P<label>[^\s:]+)[ \t]*:?[ \t]*\Z")

# A Thai letter or mark, U+0E01 (ก) .. U+0E4E: "จัดตั้ง" after " – " makes it a Thai bullet.
THAI_CHAR = re.compile(r"[\u0e01-\u0e4e]")
# Text that is only numbers and dashes: "12", "- 12 -" (a page number caught as an activity).
NUMBERS_ONLY = re.compile(r"[0-9\s\-–.]*")
# A title line this short followed by a line this long (and twice as long) is a heading over a
# narrative paragraph, not a wrapped title (see _heading_line_end).
_HEADING_LINE = 50
_NARRATIVE_LINE = 120
_TRAIL_PUNCT = ";,:|/"
_LEAD_PUNCT = ":;,.|/-–"



# Where a BULLET match can start: a marker, "o", "A"(ction), "ก"(ิจกรรม) or white space opening a
# line, a marker after white space, a hyphen after a Thai letter (``_fastre.lead_finditer``).
_BULLET_LEAD = re.compile("[ \t\\-–•▪◦*oAก](?:(?<=\n.)|(?<=[ \t][-–•▪◦])|(?<=[\u0e01-\u0e4e]-))")


def _bullet_matches(text: str, s: int, e: int) -> Iterator[re.Match[str]]:
    """``BULLET.finditer(text, s, e)``, skipping in C to the places a marker can be."""
    if s == 0:                                  # "^": the text's own start, which no look-behind sees
        m = BULLET.match(text, 0, e)
        if m is not None:
            yield m
            s = m.end()
    yield from lead_finditer(_BULLET_LEAD, BULLET, text, s, e)


def _bullets(text: str, s: int, e: int) -> list[re.Match[str]]:
    """The bullet markers of [s, e), without the hyphens of names and ranges (module docstring)."""
    out = []
    np = name_part_re()
    for m in _bullet_matches(text, s, e):
        if m.group("inline_glued") and np.match(text, m.end()):
            continue            # "เอเชีย- แปซิฟิก": a name broken after its hyphen
        if m.group("inline"):
            before = text[max(0, m.start() - 3):m.start()].strip()
            after = text[m.end():m.end() + 40]
            if not after or after[0] in "-–":
                continue
            if before[-1:].isdigit() and after[:1].isdigit():
                continue        # "2553 - 2558": a range
            if np.match(after):
                continue        # "อาเซียน - จีน": a name
            if m.group("inline") == "–" and not THAI_CHAR.match(after):
                continue        # " – " in Latin text is a dash, not a bullet
            if _in_quote(text, m.start()):
                continue        # "“เว้นระยะห่าง – ล้างมือ - สวมหน้ากาก”": a quoted slogan
        out.append(m)
    return out


def _in_quote(text: str, i: int) -> bool:
    """True when ``i`` lies inside curly double quotes opened shortly before it on its line
    ("“กันป่วย - กันตาย”"): a dash there joins quoted words and is no bullet. (Only the 200
    characters before ``i`` are looked at, so a long flattened line costs no more per bullet.)"""
    lo = max(text.rfind("\n", max(0, i - 200), i) + 1, i - 200)
    return text.rfind("“", lo, i) > text.rfind("”", lo, i)


def trim(text: str, s: int, e: int, furn: Furniture) -> Span:
    """Shrink [s, e) past white space, furniture, separators and a trailing conjunction."""
    conj = word_sets()["trailing_conjunctions"]
    labels = word_sets()["action_labels"]
    while True:
        while s < e and (text[s].isspace() or text[s] in _LEAD_PUNCT):
            s += 1
        f = furn.covering(s) if s < e else None
        if f is None:
            break
        s = f[1]
    colon = False           # a ":" was cut off the end ("... มาตรการ:" before inline sub-items)
    while e > s:
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            break
        f = furn.covering(e - 1)
        if f is not None:
            e = max(s, f[0])
            continue
        if text[e - 1] in _TRAIL_PUNCT:
            colon = colon or text[e - 1] == ":"
            e -= 1
            continue
        m = ACTION_LABEL_END.search(text, s, e)
        if m:
            w = m.group("label").casefold()
            if w in conj and m.start("label") > s:
                e = m.start("label")
                continue
            if w in labels and m.start("label") > s and (":" in m.group() or colon or
                                                          "\n" in text[m.start():e]):
                e = m.start("label")
                continue
        break
    return s, max(s, e)


def clean(text: str, s: int, e: int, furn: Furniture) -> str:
    """The text of [s, e) without furniture, white space folded to single spaces."""
    parts = []
    pos = s
    for fs, fe in furn.inside(s, e):
        if fs > pos:
            parts.append(text[pos:fs])
        pos = max(pos, fe)
    if pos < e:
        parts.append(text[pos:e])
    return " ".join(" ".join(parts).split())


# A line break that ends a block even without a blank line: after a sentence-final stop, before a
# capitalised Latin word ("…each year.\nThe Ministers will…"). Thai has no such signal, so Thai
# lines separated by one "\n" are treated as one wrapped paragraph.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[ \t]*\n(?=[ \t]*[A-Z])")


def _next_break(text: str, s: int, e: int) -> int:
    """Offset of the next paragraph break in [s, e): a blank line or a sentence break; -1 if none."""
    k = text.find("\n\n", s, e)
    m = SENTENCE_BREAK.search(text, s, e if k < 0 else k)
    if m:
        return m.start()
    return k


def _heading_line_end(text: str, s: int, e: int) -> int:
    """Where a title that is a short heading line ends, when a long paragraph follows it.

    A title wrapped by the layout fills its first line and goes on in a shorter one
    ("…และส่งเสริมการเข้าถึงกระบวนการยุติธรรม\\nของประชาชนในภูมิภาค"): kept whole. A short line
    followed by a much longer one is a heading over its narrative ("1. ด้านสาธารณสุข\\nที่ประชุม
    รัฐมนตรี…ได้กำหนดวาระ…", "2. Health\\nThe ministers agreed…"): the title is the line alone.
    """
    nl = text.find("\n", s, e)
    if nl < 0:
        return e
    first = text[s:nl].strip()
    nxt = text.find("\n", nl + 1, e)
    second = text[nl + 1:e if nxt < 0 else nxt].strip()
    if first and len(first) <= _HEADING_LINE and len(second) >= max(_NARRATIVE_LINE,
                                                                     2 * len(first)):
        return nl
    return e


#: A line this much of the body's longest line (or longer) is full: the layout wrapped it, and the
#: next line goes on with its text.
_FULL_LINE = 0.8
#: How far before an item the lines that set the width are looked at.
_WIDTH_REACH = 2000


def _unwrapped_end(text: str, s: int, e: int, width: int) -> int:
    """Where the text starting at ``s`` ends within [s, e): at the end of the first line that is
    not full (shorter than ``_FULL_LINE`` of ``width``, the longest line of the item's body).

    A bullet or title the layout wrapped fills its line and goes on in the next one ("- จัดการ
    ประชุมเชิงปฏิบัติการเพื่อแลกเปลี่ยนประสบการณ์ด้าน\nการบริหารจัดการน้ำ"); a line that stops short is
    whole, and the line after it is other text: a table cell ("ระยะเวลาโครงการฯ"), a remark after
    the list ("ส่งผลให้ ..."), a pointer to the source. Only where lines run long (``width`` at
    least ``_NARRATIVE_LINE``: a web page's paragraphs, not a narrow layout where every line may
    be a wrapped one) does a short line end the text.
    """
    if width < _NARRATIVE_LINE:
        return e
    pos = s
    while True:
        nl = text.find("\n", pos, e)
        if nl < 0:
            return e
        ls = text.rfind("\n", 0, pos) + 1
        if nl - ls < _FULL_LINE * width or not text[nl + 1:e].strip():
            return nl
        pos = nl + 1


def _longest_line(text: str, s: int, e: int) -> int:
    return max((len(x) for x in text[s:e].split("\n")), default=0)


def split_body(text: str, s: int, e: int, furn: Furniture
               ) -> tuple[Span, str, list[tuple[Span, str]]]:
    """Title span and text, and (span, text) of each activity, of the item body [s, e).

    The title runs to the first bullet or paragraph break; then each paragraph that starts with
    a bullet adds activities; the first other paragraph (narrative after the list) ends the item.
    """
    paras: list[Span] = []
    pos = s
    while pos < e:
        k = _next_break(text, pos, e)
        pe = e if k < 0 else k
        paras.append((pos, pe))
        pos = pe + 1 if k >= 0 else e
    body_end = paras[0][1] if paras else e
    title_only_para = True
    for i, (ps, pe) in enumerate(paras[1:], 1):
        ts, te = trim(text, ps, pe, furn)
        if ts >= te:
            continue            # furniture only (a page number, a running header)
        ls = text.rfind("\n", 0, ts) + 1
        while ls < ts and (text[ls].isspace() or furn.covering(ls)):
            ls += 1
        bm = BULLET.match(text, ls, te)
        if bm and bm.group("line"):
            body_end = pe
            title_only_para = False
            continue
        w = ACTION_LABEL_END.fullmatch(text[ts:te])
        if w and w.group("label").casefold() in word_sets()["action_labels"]:
            body_end = pe
            continue
        if title_only_para and i == 1 and not clean(text, s, paras[0][1], furn):
            body_end = pe       # the ref stood alone; its title is the next paragraph
            continue
        break
    marks = _bullets(text, s, body_end)
    t_end = marks[0].start() if marks else body_end
    k = _next_break(text, s, t_end)
    if k >= 0 and clean(text, s, k, furn):
        t_end = k
    t_end = _heading_line_end(text, s, t_end)
    # the width lines reach here: the longest line of the body and of the text just before it
    # (a list's first items set it for its last one)
    width = _longest_line(text, max(0, s - _WIDTH_REACH), body_end)
    t_end = _unwrapped_end(text, s, t_end, width)
    ts, te = trim(text, s, t_end, furn)
    title = clean(text, ts, te, furn)
    acts: list[tuple[Span, str]] = []
    for j, m in enumerate(marks):
        a_end = marks[j + 1].start() if j + 1 < len(marks) else body_end
        k = _next_break(text, m.end(), a_end)
        if k >= 0:
            a_end = k
        if m.group("line"):
            a_end = _unwrapped_end(text, m.end(), a_end, width)
        a_s, a_e = trim(text, m.end(), a_end, furn)
        txt = clean(text, a_s, a_e, furn)
        if txt and not NUMBERS_ONLY.fullmatch(txt):
            acts.append(((a_s, a_e), txt))
    return (ts, te), title, acts
