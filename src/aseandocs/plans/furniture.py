"""Scope headings and the page furniture PDF conversion repeats between the items of a plan.

Private to aseandocs.plans. Everything here works on offsets into the (digit-folded) text:

- ``find_headings``: "ภาคผนวก 1 ประชาคมความมั่นคงอาเซียน", "เสาหลักที่ 2 …", "Annex 2", "Part II";
- ``find_furniture``: what is never item text: table headers ("Ref | Measures", "เลขที่อ้างอิง
  มาตรการ/ผลลัพธ์ที่คาดหวังและกิจกรรม"), continuation markers ("(ยังมีต่อ)", "(continued)"),
  running titles, page numbers, and lines repeated on every page.

A running title is found without knowing its words: it is the run of tokens that ends where a
heading or a table header starts ("แผนงานทดสอบ พ.ศ. 2553 - 2558 ภาคผนวก 1 เลขที่อ้างอิง …") and
that recurs before several of them. A running header or footer on a line of its own is a line
repeated three times or more, or twice when it ends in a page number that changes ("Test Plan
2009-2015 page 3" … "page 4", "แผนงานทดสอบ หน้า 2" … "หน้า 3").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from .cues import BULLET, continuation_re, header_run_re, running_title_re, scope_heading_re
from .refs import ITEM_REF, PREV_WORD

Span = tuple[int, int]

# A line that is only a page number: "12", "- 12 -", "หน้า 12", "Page 3 of 40", "12/40".
# Must not match "12 ประเทศ" or "1.2 การยุติข้อพิพาท".
PAGE_NUMBER_LINE = re.compile(
    r"(?m)^[ \t]*(?:-[ \t]*)?(?:(?:หน้า|หน้าที่|page)[ \t]*)?[0-9]{1,4}"
    r"(?:[ \t]*(?:/|of|จาก)[ \t]*[0-9]{1,4})?(?:[ \t]*-)?[ \t]*$",
    re.IGNORECASE,
)

# A page number ending a running header or footer line: "… page 3", "… หน้า 2", "… Page 3 of 40",
# "… หน้า 2/10". Must not match "… 2 ครั้ง" or "… page three" (no page cue or no number).
PAGE_TAIL = re.compile(
    r"(?:^|\s)(?:หน้าที่|หน้า|page|p\.)[ \t]*[0-9]{1,4}(?:[ \t]*(?:/|of|จาก)[ \t]*[0-9]{1,4})?"
    r"[ \t]*\Z",
    re.IGNORECASE,
)

# Words before a cue that make it a citation, not a heading: "ตาม ภาคผนวก 4", "in Annex 2".
_CITING = frozenset({"ใน", "ตาม", "ที่", "ของ", "และ", "หรือ", "กับ", "in", "of", "see", "to",
                     "under", "and", "or", "with", "per", "the", "this", "its", "from", "by"})
# A token that is a bullet marker on its own: "-", "–", "•".
_BULLET_TOKENS = frozenset("-–•▪◦*")
# A line of text, and a run of ASCII digits (page numbers differ between repeated headers).
LINE = re.compile(r"[^\n]+")
DIGITS = re.compile(r"[0-9]+")
# A word between spaces: "แผนปฏิบัติการทดสอบ", "Programme", "2553".
TOKEN = re.compile(r"\S+")
# A trailing number of a line: "3" in "Test Plan 2009-2015 page 3".
_LAST_NUMBER = re.compile(r"([0-9]{1,4})[ \t]*\Z")
# How far before a heading or table header a running title is looked for, in characters and
# tokens; the shortest running title kept (shorter common tails are chance).
_TAIL_CHARS = 240
_TAIL_TOKENS = 12
_MIN_TITLE_CHARS = 4
# A flattened line is at least this long; a phrase recurring in it is a running header when it
# has at least _PHRASE_TOKENS tokens and _PHRASE_CHARS characters and recurs _PHRASE_TIMES times.
_FLAT_LINE = 1000
_PHRASE_TOKENS = 4
_PHRASE_CHARS = 25
_PHRASE_TIMES = 3
_MAX_PHRASE_TOKENS = 30     # how far a phrase is grown each way (bounds the cost)
_TITLE_LEAD = 5             # capitalised words a Latin running title may hold before its cue
# A tail shared by only some of the headers must be this long to count (three tokens and this many
# characters): "แผนงานทดสอบ พ.ศ. 2553 - 2558" is, "ประเทศสมาชิก" is not.
_MIN_PARTIAL_CHARS = 20


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


def _is_bullet(token: str) -> bool:
    return token in _BULLET_TOKENS


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


def find_furniture(text: str, headings: list[Heading]) -> Furniture:
    """Spans that are never item text; see the module docstring."""
    header_runs = [m.span() for m in header_run_re().finditer(text)]
    spans: list[Span] = list(header_runs)
    spans += [m.span() for m in continuation_re().finditer(text)]
    spans += [(h.start, h.end) for h in headings]
    spans += _running_titles(text, _anchors(text, headings, header_runs))
    spans += [m.span() for m in PAGE_NUMBER_LINE.finditer(text)]
    spans += _repeated_lines(text)
    spans += _recurring_phrases(text, Furniture(spans))
    return Furniture(spans)


def _anchors(text: str, headings: list[Heading], header_runs: list[Span]) -> list[int]:
    """Where each block of page furniture starts: a heading, a table header, or a heading and the
    table header right after it ("ภาคผนวก 1 ความมั่นคง เลขที่อ้างอิง มาตรการ" is one block)."""
    spans = sorted([(h.start, h.end) for h in headings] + header_runs)
    out: list[int] = []
    last_end = -1
    for s, e in spans:
        if not out or text[last_end:s].strip():
            out.append(s)
        last_end = max(last_end, e)
    return out


def _tokens_before(text: str, at: int) -> list[tuple[int, int, str]]:
    """The last tokens before ``at`` on the same page region (not across a blank line)."""
    ls = text.rfind("\n\n", max(0, at - _TAIL_CHARS), at)
    lo = max(ls + 2 if ls >= 0 else 0, at - _TAIL_CHARS)
    toks = list(TOKEN.finditer(text, lo, at))
    if toks and toks[0].start() == lo and lo > 0 and not text[lo - 1].isspace():
        toks = toks[1:]         # a word cut by the window
    return [(t.start(), t.end(), t.group()) for t in toks[-_TAIL_TOKENS:]]


def _title_token(toks: list[tuple[int, int, str]], k: int) -> bool:
    """Can the k-th token from the end belong to a running title? Not a bullet or an item ref;
    a dash only between two numbers ("2553 - 2558")."""
    w = toks[-k][2]
    if ITEM_REF.match(w) and not w.isdigit():
        return False
    if _is_bullet(w):
        return (k < len(toks) and k > 1 and toks[-k - 1][2][-1:].isdigit()
                and toks[-k + 1][2][:1].isdigit())
    return True


def _common_tail(tails: list[list[tuple[int, int, str]]]) -> tuple[str, ...]:
    """The last tokens every tail shares (none when fewer than two tails, or too short)."""
    with_tail = [t for t in tails if t]
    if len(with_tail) < 2:
        return ()
    first = with_tail[0]
    n = 0
    for k in range(1, min(len(t) for t in with_tail) + 1):
        if len({t[-k][2] for t in with_tail}) != 1 or not _title_token(first, k):
            break
        n = k
    n = _trim_start(first, n)
    if not n or sum(len(m[2]) for m in first[-n:]) < _MIN_TITLE_CHARS:
        return ()
    return tuple(m[2] for m in first[-n:])


def _trim_start(t: list[tuple[int, int, str]], n: int) -> int:
    """Drop numbers and dashes from the start of a tail of n tokens: a title starts with a word."""
    while n and (t[-n][2].isdigit() or _is_bullet(t[-n][2])):
        n -= 1
    return n


def _shared_tail(t: list[tuple[int, int, str]], others: list[list[tuple[int, int, str]]]) -> int:
    """The longest tail of ``t`` that another tail also ends with, if long enough to be a title."""
    best = 0
    for o in others:
        k = 0
        while (k < min(len(t), len(o)) and t[-k - 1][2] == o[-k - 1][2]
               and _title_token(t, k + 1)):
            k += 1
        best = max(best, k)
    best = _trim_start(t, best)
    if best < 3 or sum(len(m[2]) for m in t[-best:]) < _MIN_PARTIAL_CHARS:
        return 0
    return best


def _running_titles(text: str, anchors: list[int]) -> list[Span]:
    """Running titles just before the blocks of furniture (PDF page furniture), as spans.

    A tail of tokens every block shares (numbers allowed when they are the same everywhere:
    "พ.ศ. 2553 - 2558"), or a longer one shared by at least two blocks, or a token starting with a
    running-title cue ("แผนปฏิบัติการเวียงจันทน์"). A page number just before it goes with it.
    """
    tails = [_tokens_before(text, a) for a in anchors]
    common = _common_tail(tails)
    rt = running_title_re()
    spans: list[Span] = []
    for i, t in enumerate(tails):
        if not t:
            continue
        n = len(common) if common and tuple(m[2] for m in t[-len(common):]) == common else 0
        if not n:
            n = _shared_tail(t, [o for j, o in enumerate(tails) if j != i and o])
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


def _repeated_lines(text: str) -> list[Span]:
    """Running headers and footers on lines of their own: a short line printed three times or
    more, or twice when it ends in a page number that changes ("Plan 2009-2015 page 3")."""
    lines = [(m.start(), m.end(), DIGITS.sub("#", " ".join(m.group().split())))
             for m in LINE.finditer(text)]
    counts = Counter(k for _, _, k in lines if 4 <= len(k) <= 120)
    numbers: dict[str, list[int]] = defaultdict(list)
    for s, e, k in lines:
        if counts.get(k, 0) == 2:
            m = _LAST_NUMBER.search(text, s, e)
            if m:
                numbers[k].append(int(m.group(1)))
    spans = []
    for s, e, k in lines:
        n = counts.get(k, 0)
        if n < 2:
            continue
        body = text[s:e].strip()
        if ITEM_REF.match(body) or BULLET.match(body):
            continue
        if n == 2 and not _paged(body, numbers[k]):
            continue
        spans.append((s, e))
    return spans


def _paged(line: str, numbers: list[int]) -> bool:
    """Is a line printed twice a running header: it ends in a page number ("… หน้า 2") or in a
    number that grows from one copy to the next, and it is not a scope heading ("ภาคผนวก 2")?"""
    if scope_heading_re().match(line):
        return False
    if PAGE_TAIL.search(line):
        return True
    return (len(TOKEN.findall(line)) >= 3 and len(numbers) == 2 and numbers[0] < numbers[1])


def _recurring_phrases(text: str, furn: Furniture) -> list[Span]:
    """Running headers inside a flattened line that no heading or table header announces.

    A run of words (four at least) that recurs three times or more in one long line, names a plan
    (see _title_part: it starts at a running-title cue, "แผนงาน…", "Blueprint", "Work Plan"),
    holds no bullet or item ref, and each time ends where an item, a bullet, other furniture or
    the line ends: "… - จัดประชุม แผนงานทดสอบ พ.ศ. 2553 - 2558 - จัดสัมมนา …". Words of
    activities repeated word for word ("… ร่วมกับสำนักเลขาธิการอาเซียน ทุกปี", "… with the ASEAN
    Secretariat every year") name no plan and are left alone.
    """
    out: list[Span] = []
    for line in LINE.finditer(text):
        if line.end() - line.start() < _FLAT_LINE:
            continue
        toks = [(t.start(), t.end(), t.group()) for t in TOKEN.finditer(text, *line.span())]
        grams: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i in range(len(toks) - _PHRASE_TOKENS + 1):
            g = tuple(t[2] for t in toks[i:i + _PHRASE_TOKENS])
            at = grams[g]
            if not at or i - at[-1] >= _PHRASE_TOKENS:
                at.append(i)
        done: set[int] = set()
        for at in grams.values():
            if len(at) < _PHRASE_TIMES or at[0] in done:
                continue
            lo, hi = _grow(toks, at)
            cut = _title_part([t[2] for t in toks[at[0] - lo:at[0] + hi]])
            if cut is None:
                continue
            a, b = cut[0] - lo, cut[1] - lo         # token offsets from each occurrence
            if all(_ends_block(text, toks[i + b - 1][1], line.end(), furn) for i in at):
                for i in at:
                    done.update(range(i + a, i + b))
                    out.append((toks[i + a][0], toks[i + b - 1][1]))
    return out


def _title_part(words: list[str]) -> tuple[int, int] | None:
    """The running title inside a recurring run of words, as (first, end) word offsets, or None.

    It starts at a running-title cue ("แผนปฏิบัติการทดสอบ …"), or at up to
    _TITLE_LEAD capitalised words before one ("ASEAN Test Community Blueprint 2009-2015"), and
    stops before a bullet or an item ref: activity words shared by the copies
    ("- จัดทำรายงานประจำปี แผนปฏิบัติการ…") stay out of it. It holds a number, as the running
    titles of plans do ("พ.ศ. 2553 - 2558", "2009-2015"): an activity that names a plan and is
    repeated word for word ("- Implement the ASEAN Work Plan on Youth") is not one.
    """
    rt = running_title_re()
    phrase = " ".join(words)
    starts = [0]
    for w in words[:-1]:
        starts.append(starts[-1] + len(w) + 1)
    cue = next((j for j, k in enumerate(starts) if rt.match(phrase, k)), None)
    if cue is None:
        return None
    end = next((j for j in range(cue, len(words)) if _breaks_title(words, j)), len(words))
    first = cue
    while (first > 0 and cue - first < _TITLE_LEAD and words[first - 1][:1].isupper()
           and not _breaks_title(words, first - 1)):
        first -= 1
    if (end - first < _PHRASE_TOKENS or len(" ".join(words[first:end])) < _PHRASE_CHARS
            or not any(DIGITS.search(w) for w in words[first:end])):
        return None
    return first, end


def _breaks_title(words: list[str], j: int) -> bool:
    """Is ``words[j]`` a bullet (not a range dash) or an item ref, which no running title holds?"""
    w = words[j]
    if _is_bullet(w):
        return not _ranged(words, j)
    return bool(ITEM_REF.match(w)) and not w.isdigit()


def _grow(toks: list[tuple[int, int, str]], at: list[int]) -> tuple[int, int]:
    """How far (tokens before, tokens from the start) the phrase at every ``at`` stays the same."""
    lo = 0
    while (lo < _MAX_PHRASE_TOKENS and at[0] - lo - 1 >= 0
           and len({toks[i - lo - 1][2] for i in at}) == 1):
        lo += 1
    hi = _PHRASE_TOKENS
    while (hi < _MAX_PHRASE_TOKENS and at[-1] + hi < len(toks)
           and len({toks[i + hi][2] for i in at}) == 1
           and all(i + hi < j for i, j in zip(at, at[1:]))):
        hi += 1
    return lo, hi


def _ranged(words: list[str], j: int) -> bool:
    """Is the dash ``words[j]`` a range between two numbers ("2553 - 2558")?"""
    return 0 < j < len(words) - 1 and words[j - 1][-1:].isdigit() and words[j + 1][:1].isdigit()


def _ends_block(text: str, end: int, line_end: int, furn: Furniture) -> bool:
    """Does an item, a bullet, furniture or the line end follow ``end``?"""
    i = end
    while i < line_end and text[i] in " \t":
        i += 1
    if i >= line_end or furn.covering(i):
        return True
    return bool(ITEM_REF.match(text, i) or BULLET.match(text, i))
