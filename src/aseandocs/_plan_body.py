"""Scope headings, repeated page furniture, and the title and "- " activities of each item.

Private to aseandocs.plans. Everything here works on offsets into the (digit-folded) text:

- ``find_headings``: "ภาคผนวก 1 ประชาคมความมั่นคงอาเซียน", "เสาหลักที่ 2 …", "Annex 2", "Part II";
- ``find_furniture``: what PDF conversion repeats between items and is never item text: table
  headers ("Ref | Measures"), continuation markers ("(ยังมีต่อ)", "(continued)"), running titles
  before a heading, lines repeated on every page, page numbers;
- ``split_body``: the title and activities of one item, e.g. "ส่งเสริมสิทธิมนุษยชน - จัดทำแผนงาน
  - ส่งเสริมการเรียนรู้" gives the title "ส่งเสริมสิทธิมนุษยชน" and two activities, and
  "Promote human rights\\n- Compile a list of mechanisms" one title and one activity.

A bullet is told from a hyphen inside a name by its spacing and its neighbours. A bullet starts a
line ("- ", "• ", "o ", "* ") or, inside a flattened line, stands alone between two spaces
(" - ") with a clause on its left and the start of a new clause on its right. A name hyphen
joins two name parts with at most one space ("อาเซียน-จีน", "เอเชีย -แปซิฟิก", "ASEAN-China"),
and a spaced range joins two numbers ("2553 - 2558"); " - " followed by a known name part
("อาเซียน - จีน", "ASEAN - Japan") is a name too.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ._plan_cues import (continuation_re, header_run_re, name_part_re, running_title_re,
                         scope_heading_re, word_sets)
from ._plan_refs import ITEM_REF, PREV_WORD

Span = tuple[int, int]

# A bullet marker. At a line start: "- ", "– ", "• ", "▪ ", "◦ ", "* ", "o " (the letter o then a
# space), or a hyphen glued to a Thai word ("-จัดตั้ง"). Inside a line: " - ", " – ", " • ", or a
# hyphen that PDF conversion glued to the Thai clause before it ("ในภูมิภาค- ระบุประเด็น").
# Matches "\n- จัดตั้งคณะทำงาน", "\n• Convene", "ปี - ให้มีเจตนารมณ์", "Convene meetings - Publish".
# Must not match "อาเซียน-จีน", "เอเชีย -แปซิฟิก", "ASEAN-China", "-ADMM)" nor "o" in "of".
BULLET = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<line>[-–•▪◦*](?=[ \t]|[\u0e01-\u0e4e])|o(?=[ \t]))[ \t]*"
    r"|(?<=[ \t])(?P<inline>[-–•▪◦])(?=[ \t])[ \t]*"
    r"|(?<=[\u0e01-\u0e4e])(?P<inline_glued>-)(?=[ \t][\u0e01-\u0e4e])[ \t]*"
)

# A line that is only a page number: "12", "- 12 -", "หน้า 12", "Page 3 of 40", "12/40".
# Must not match "12 ประเทศ" or "1.2 การยุติข้อพิพาท".
PAGE_NUMBER_LINE = re.compile(
    r"(?m)^[ \t]*(?:-[ \t]*)?(?:(?:หน้า|หน้าที่|page)[ \t]*)?[0-9]{1,4}"
    r"(?:[ \t]*(?:/|of|จาก)[ \t]*[0-9]{1,4})?(?:[ \t]*-)?[ \t]*$",
    re.IGNORECASE,
)

# A lone action label ending a title: "Actions:", "กิจกรรม :", "Activities". Only at the very end.
ACTION_LABEL_END = re.compile(r"(?:^|\s)(?P<label>[^\s:]+)[ \t]*:?[ \t]*\Z")

# Words before a cue that make it a citation, not a heading: "ตาม ภาคผนวก 4", "in Annex 2".
_CITING = frozenset({"ใน", "ตาม", "ที่", "ของ", "และ", "หรือ", "กับ", "in", "of", "see", "to",
                     "under", "and", "or", "with", "per", "the", "this", "its", "from", "by"})
# A Thai letter or mark, U+0E01 (ก) .. U+0E4E: "จัดตั้ง" after " – " makes it a Thai bullet.
THAI_CHAR = re.compile(r"[\u0e01-\u0e4e]")
# A line of text, and a run of ASCII digits (page numbers differ between repeated headers).
LINE = re.compile(r"[^\n]+")
DIGITS = re.compile(r"[0-9]+")
# Text that is only numbers and dashes: "12", "- 12 -" (a page number caught as an activity).
NUMBERS_ONLY = re.compile(r"[0-9\s\-–.]*")
# A word between spaces: "แผนปฏิบัติการทดสอบ", "Programme".
TOKEN = re.compile(r"\S+")
_TRAIL_PUNCT = ";,:|/"
_LEAD_PUNCT = ":;,.|/-–"


@dataclass(frozen=True, slots=True)
class Heading:
    """A scope heading: its span, its text ("ภาคผนวก 2 ประชาคมเศรษฐกิจอาเซียน") and its identity."""

    start: int
    end: int
    label: str
    key: str    # cue + number, folded: continuation pages repeat the same key


class Furniture:
    """Sorted, merged spans that are never item text."""

    def __init__(self, spans: list[Span]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if e <= s:
                continue
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.spans = [(s, e) for s, e in merged]
        self._starts = [s for s, _ in self.spans]

    def covering(self, i: int) -> Span | None:
        """The span holding offset ``i``, if any."""
        k = bisect_right(self._starts, i) - 1
        if k >= 0 and self.spans[k][0] <= i < self.spans[k][1]:
            return self.spans[k]
        return None

    def inside(self, s: int, e: int) -> list[Span]:
        k = max(0, bisect_right(self._starts, s) - 1)
        out = []
        while k < len(self.spans) and self.spans[k][0] < e:
            if self.spans[k][1] > s:
                out.append(self.spans[k])
            k += 1
        return out


def _line_bounds(text: str, i: int, width: int = 200) -> Span:
    """The line around offset ``i``, looking at most ``width`` characters each way."""
    lo = max(0, i - width)
    s = text.rfind("\n", lo, i) + 1 or lo
    e = text.find("\n", i, i + width)
    return s, (min(len(text), i + width) if e < 0 else e)


def find_headings(text: str) -> list[Heading]:
    """Scope headings: at a line start, or inside a flattened line after a space (not a citation)."""
    out: list[Heading] = []
    hdr = header_run_re()
    cont = continuation_re()
    for m in scope_heading_re().finditer(text):
        s = m.start()
        ls, le = _line_bounds(text, s)
        at_line_start = not text[ls:s].strip()
        if not at_line_start:
            if text[s - 1] not in " \t":
                continue        # glued to a word: "ปรากฏในภาคผนวก 4" cites an annex
            pw = PREV_WORD.search(text, max(0, s - 40), s)
            if pw and pw.group("word").casefold() in _CITING:
                continue
        cap = min(le, s + (150 if at_line_start else 120))
        end = cap
        for pat in (hdr, cont):
            h = pat.search(text, m.end(), cap)
            if h:
                end = min(end, h.start())
        r = ITEM_REF.search(text, m.end(), end)
        while r and not _opens_item(r):
            r = ITEM_REF.search(text, r.end(), end)
        if r:
            end = r.start()
        if at_line_start and end == le and not text[m.end():le].strip():
            end = _title_line_after(text, le, end)
        label = " ".join(text[s:end].split())
        key = f"{m.group('cue').casefold()} {m.group('num').upper()}"
        out.append(Heading(s, end, label, key))
    return out


def _opens_item(r: re.Match[str]) -> bool:
    """Is this ITEM_REF match a dotted ref or a numbered item ("1.1", "A.1", "4.") — not "3"?"""
    return bool(r.group("let") or r.group("num") and ("." in r.group("num") or r.group("num_end")))


def _title_line_after(text: str, le: int, end: int) -> int:
    """A heading that is only "ภาคผนวก 1" / "Annex 1" takes its title from the next short line."""
    if le >= len(text) or text.startswith("\n\n", le):
        return end
    ns, ne = _line_bounds(text, le + 1)
    line = text[ns:ne].strip()
    if (not line or len(line) > 100 or ITEM_REF.match(line) or BULLET.match(line)
            or header_run_re().match(line)):
        return end
    return ne


def _running_titles(text: str, headings: list[Heading]) -> list[Span]:
    """Running titles just before the headings (PDF page furniture), as spans."""
    tails: list[list[tuple[int, int, str]]] = []
    for h in headings:
        ls = text.rfind("\n\n", max(0, h.start - 200), h.start)
        lo = max(ls + 2 if ls >= 0 else 0, h.start - 200)
        toks = list(TOKEN.finditer(text[lo:h.start]))
        tails.append([_shift(t, lo) for t in toks[-8:]])
    common: list[str] = []
    with_tail = [t for t in tails if t]
    if len(with_tail) >= 2:
        for k in range(1, 9):
            words = {tuple(m[2] for m in t[-k:]) for t in with_tail if len(t) >= k}
            if len(words) != 1 or not all(len(t) >= k for t in with_tail):
                break
            w = next(iter(words))[0]
            if DIGITS.search(w) or BULLET.fullmatch(w) or ITEM_REF.match(w):
                break           # a running title has no numbers, bullets or refs
            common = list(next(iter(words)))
        if sum(len(w) for w in common) < 4:
            common = []
    spans: list[Span] = []
    rt = running_title_re()
    for t in tails:
        if not t:
            continue
        n = len(common) if common and tuple(m[2] for m in t[-len(common):]) == tuple(common) else 0
        if not n:
            for k in range(1, min(4, len(t)) + 1):
                if rt.match(t[-k][2]):
                    n = k
                    break
        if n:
            s = t[-n][0]
            if n < len(t) and t[-n - 1][2].isdigit():
                s = t[-n - 1][0]        # a page number printed with the running title
            spans.append((s, t[-1][1]))
    return spans


def _shift(m: re.Match[str], lo: int) -> tuple[int, int, str]:
    return (m.start() + lo, m.end() + lo, m.group())


def find_furniture(text: str, headings: list[Heading]) -> Furniture:
    """Spans that are never item text; see the module docstring."""
    spans: list[Span] = [m.span() for m in header_run_re().finditer(text)]
    spans += [m.span() for m in continuation_re().finditer(text)]
    spans += [(h.start, h.end) for h in headings]
    spans += _running_titles(text, headings)
    spans += [m.span() for m in PAGE_NUMBER_LINE.finditer(text)]
    spans += _repeated_lines(text)
    return Furniture(spans)


def _repeated_lines(text: str) -> list[Span]:
    """Short lines printed three times or more (running headers and footers of a PDF)."""
    lines = [(m.start(), m.end(), DIGITS.sub("#", " ".join(m.group().split())))
             for m in LINE.finditer(text)]
    counts = Counter(k for _, _, k in lines if 4 <= len(k) <= 120)
    spans = []
    for s, e, k in lines:
        if counts.get(k, 0) >= 3:
            body = text[s:e].lstrip()
            if not ITEM_REF.match(body) and not BULLET.match(body):
                spans.append((s, e))
    return spans


# --- title and activities -------------------------------------------------------------------


def _bullets(text: str, s: int, e: int) -> list[re.Match[str]]:
    """The bullet markers of [s, e), without the hyphens of names and ranges (module docstring)."""
    out = []
    np = name_part_re()
    for m in BULLET.finditer(text, s, e):
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
        out.append(m)
    return out


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
            e -= 1
            continue
        m = ACTION_LABEL_END.search(text, s, e)
        if m:
            w = m.group("label").casefold()
            if w in conj and m.start("label") > s:
                e = m.start("label")
                continue
            if w in labels and m.start("label") > s and (":" in m.group() or
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
    ts, te = trim(text, s, t_end, furn)
    title = clean(text, ts, te, furn)
    acts: list[tuple[Span, str]] = []
    for j, m in enumerate(marks):
        a_end = marks[j + 1].start() if j + 1 < len(marks) else body_end
        k = _next_break(text, m.end(), a_end)
        if k >= 0:
            a_end = k
        a_s, a_e = trim(text, m.end(), a_end, furn)
        txt = clean(text, a_s, a_e, furn)
        if txt and not NUMBERS_ONLY.fullmatch(txt):
            acts.append(((a_s, a_e), txt))
    return (ts, te), title, acts
