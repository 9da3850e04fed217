"""Which dates date which happenings (private to ``aseandocs.news``): past happenings recalled
by a year, and the start dates of terms that date none.

A report recalls earlier happenings by a year, with the happening's verb or noun right before or
after it: "signed in 1976", "since its adoption in 2015", "ลงนามเมื่อปี 2535", "นับตั้งแต่มีการ
รับรองในปี 2558", "the 1992 agreement", "its 2015 declaration". Each is an event of its own, of
the type the verb or noun names, dated with year precision, whatever other dates the statement
holds ("The ministers met on 5 March 2019 and recalled the 1992 agreement" is a meeting on the
5th and a signing in 1992)::

    >>> from aseandocs.dates import find_dates
    >>> t = "The ministers met on 5 March 2019 and reviewed the 1992 agreement on tariffs."
    >>> [(r.cue.type, r.date.value, t[r.start:r.end]) for r in recalled(t, [(0, len(t))], [[]],
    ...     find_dates(t), "2019-03-06")]
    [('signing', '1992', 'the 1992 agreement')]

A date that starts a term or a post ("แต่งตั้ง ... ให้ดำรงตำแหน่ง ... ตั้งแต่วันที่ 1 มกราคม 2565",
"appointed ... for a term starting 1 January 2022", "ตั้งแต่วันที่ 1 พฤษภาคม 2565 เป็นต้นไป") is not
the day of the decision reported: ``term_start`` tells it (data/event_cues.yaml ``term_starts``,
``term_words``, ``onward_words``)::

    >>> t = "The ministers appointed Mr Lee as envoy for a term starting 1 January 2022."
    >>> term_start(t, find_dates(t)[0].span)
    True
    >>> t = "The ministers appointed Ms Tan as envoy for a term until 31 December 2024."
    >>> term_start(t, find_dates(t)[0].span)
    True
    >>> t = "The summit will be held from 10 November 2022 in Phnom Penh."
    >>> term_start(t, find_dates(t)[0].span)
    False
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, Sequence

from .._fastre import case_variants, lead_finditer
from .cues import Cue, cue_data, find_cues, future_before

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import DateMatch

__all__ = ["Recalled", "recalled", "term_start", "dates_nothing", "usable_dates"]

#: How far before a date its term-start words and the term or appointment words may be.
_TERM_WINDOW = 200
#: How far before a year the head of the law it names may be.
_LAW_WINDOW = 150

# Between a verb and the year of a recalled happening: "ลงนาม|เมื่อ|ปี 2535", "รับรอง|ใน|ปี 2558",
# "ก่อตั้ง|ขึ้นใน|ปี 2510", "signed| in |1976", "ratified| it in |2010", "adoption| in |2015". Must
# not match a longer stretch ("ลงนามอนุสัญญา...ในปี 2550": the verb's own statement dates that).
# An English verb may have its object between ("ratified the agreement in 2019", "signed a
# memorandum of understanding in 2018": at most five words, none of a purpose or a deadline,
# "adopted a plan to be carried out in 2020" recalls nothing).
_GAP_TH = re.compile(r"\s*(?:(?:ไว้|ไป|แล้ว|ขึ้น|กัน|ครั้งแรก)\s*)*"
                     r"(?:(?:เมื่อ|ใน|ตั้งแต่|นับตั้งแต่|นับแต่|ช่วง)\s*)?")
_GAP_EN = re.compile(r"\s*,?\s*(?:(?:it|them|this|these)\s+|(?:the|a|an|its|their|this|that)"
                     r"(?:\s+(?!(?:to|be|by|will|would|until|for|that|which)\b)[A-Za-z'’-]+){1,5}?\s+)?"
                     r"(?:(?:back|first|originally|only)\s+)?"
                     r"(?:in|since|during)\s+(?:the\s+year\s+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Recalled:
    """A recalled happening: its statement ``[start, end)``, the ``cue`` naming it (a verb, or a
    noun as a cue of the noun's type) and its year ``date``."""

    start: int
    end: int
    cue: Cue
    date: "DateMatch"


@lru_cache(maxsize=1)
def _noun_regex() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], frozenset[str]]:
    """ "the|its|their|ASEAN's ... YEAR [up to three words] NOUN", the letter it can open with
    (``_fastre.lead_finditer``: the pattern opens with a look-behind and is case-insensitive, so
    ``re`` alone tries it at every character of a Thai text), the type of each noun, the target
    nouns (a name's possessive is a determiner: "ASEAN's 2007 Charter").
    Must not match "the 2016-2025 plan" (a period) or "the 1,992 members"."""
    d = cue_data()
    types = {n.lower(): t for t, nouns in d["recalled_nouns"].items() for n in nouns}
    nouns = "|".join(sorted(map(re.escape, types), key=len, reverse=True))
    rx = re.compile(
        r"(?<![\w-])(?:the|its|their|this|that|his|her|our|a|an|(?-i:[A-Z][A-Za-z]+)['’]s)\s+"
        r"(?P<y>1[89]\d\d|20\d\d)"
        r"(?![\d\-\u2013\u2014/.,]\d|\w|[-\u2013\u2014])\s+(?:[\w'’.-]+\s+){0,3}?"
        rf"(?P<noun>{nouns})(?![\w-])", re.IGNORECASE)
    letters = "".join(case_variants(c) for c in "abcdefghijklmnopqrstuvwxyz")
    lead = re.compile(rf"[{letters}](?<![\w-].)")
    return rx, lead, types, frozenset(n.lower() for n in d["recalled_target_nouns"])


def recalled(text: str, clauses: Sequence[tuple[int, int]], clause_cues: Sequence[Sequence[Cue]],
             dates: Sequence["DateMatch"], doc_date: str | None,
             names: Sequence[tuple[int, int]] = ()) -> list[Recalled]:
    """The happenings of ``text`` recalled by a year, in text order.

    ``clauses`` are the statement spans with their event cues ``clause_cues``; ``dates`` the usable
    dates (sorted); ``names`` instrument-name spans a noun's statement extends over ("the 1976
    Treaty of Amity and Cooperation"). A year later than the document's own date recalls nothing.
    """
    year = int(doc_date[:4]) if doc_date else None
    out: list[Recalled] = []
    ys = [d for d in dates if d.precision == "year" and not d.is_period]
    k = 0
    for (cs, ce), cues in zip(clauses, clause_cues):
        while k < len(ys) and ys[k].span[0] < cs:
            k += 1
        j = k
        while j < len(ys) and ys[j].span[1] <= ce:
            d = ys[j]
            j += 1
            if year is not None and int(d.value[:4]) > year:
                continue
            before = [q for q in cues if q.end <= d.span[0]]
            if not before:
                continue
            q = before[-1]
            gap = _GAP_TH if re.search("[\u0e01-\u0e5b]", q.text) else _GAP_EN
            if q.type == "plan" or gap.fullmatch(text, q.end, d.span[0]) is None or \
                    future_before(text, q.start, window=min(40, q.start - cs)):
                continue
            marks = [c.end for c in cues if c.end <= q.start] + \
                [x.span[1] for x in dates if cs <= x.span[0] and x.span[1] <= q.start]
            after = [c.start for c in cues if c.start >= d.span[1]] + \
                [x.span[0] for x in dates if x.span[0] >= d.span[1] and x.span[1] <= ce]
            out.append(Recalled(_skip(text, max(marks, default=cs)), min(after, default=ce), q, d))
    out.extend(_noun_years(text, year, names))
    return sorted(out, key=lambda r: (r.start, r.date.span))


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t,;":
        i += 1
    return i


def _noun_years(text: str, year: int | None, names: Sequence[tuple[int, int]]) -> list[Recalled]:
    """ "the 1992 agreement", "its 2015 declaration": a year before a happening's noun."""
    from ..dates import DateMatch
    rx, lead, types, targets = _noun_regex()
    out = []
    for m in lead_finditer(lead, rx, text):
        y = int(m.group("y"))
        noun = m.group("noun").lower()
        if year is not None and y > year:
            continue
        if noun in targets and (year is None or y >= year):
            continue                    # "the 2025 Vision": a target, or a name
        if types[noun] == "meeting" and year is not None and y >= year:
            continue                    # "preparations for the 2022 summit": maybe still to come
        end = m.end()
        for a, b in names:
            if a <= m.start("noun") < b:
                end = max(end, b)
        out.append(Recalled(m.start(), end, Cue(types[noun], m.group("noun"), *m.span("noun")),
                            DateMatch(m.span("y"), m.group("y"), m.group("y"), "year")))
    return out


@lru_cache(maxsize=1)
def _term_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a term's start or end ending right before a date, a term or appointment word, an onward
    word)."""
    d = cue_data()

    def alts(words: Sequence[str]) -> str:
        out = []
        for w in sorted(words, key=len, reverse=True):
            if re.search("[\u0e01-\u0e5b]", w):
                out.append(re.escape(w))
            else:
                out.append(r"(?<![\w-])" + r"\s+".join(map(re.escape, w.split())) + r"(?![\w-])")
        return "|".join(out)

    starts = d["term_starts"]["th"] + d["term_starts"]["en"]
    ends = d["term_ends"]["th"] + d["term_ends"]["en"]
    words = d["term_words"]["th"] + d["term_words"]["en"]
    onward = d["onward_words"]["th"] + d["onward_words"]["en"]
    # a start, an end, or the dash of a range a start opened ("ตั้งแต่ ... – <date>")
    return (re.compile(rf"(?:(?:{alts(starts)}|{alts(ends)})\s*(?:the\s+)?|(?:{alts(starts)})[^\n]{{0,60}}[–-]\s*)$",
                       re.IGNORECASE),
            re.compile(alts(words), re.IGNORECASE),
            re.compile(rf"\s*(?:{alts(onward)})", re.IGNORECASE))


def term_start(text: str, span: tuple[int, int]) -> bool:
    """True when the date at ``span`` starts or ends a term, a post or a validity (see the module;
    "มีวาระการดำรงตำแหน่ง 3 ปี (นับตั้งแต่วันที่คณะรัฐมนตรีมีมติ – 6 ตุลาคม 2566)": its end)."""
    s, e = span
    start_rx, word_rx, onward_rx = _term_regexes()
    if onward_rx.match(text, e) is not None:
        return True
    lead = text[max(0, s - _TERM_WINDOW):s]
    lead = lead[lead.rfind("\n") + 1:]
    m = start_rx.search(lead[-100:])
    return m is not None and word_rx.search(lead) is not None


def dates_nothing(text: str, d: "DateMatch") -> bool:
    """True when the date ``d`` starts a term (``term_start``), or is the year of a Thai law's
    title or a fiscal year (data/event_cues.yaml ``law_heads``, ``fiscal_years``)::

        >>> from aseandocs.dates import find_dates
        >>> t = "ตามพระราชบัญญัติการร่วมลงทุนระหว่างรัฐและเอกชน พ.ศ. 2562 และงบประมาณ ประจำปีงบประมาณ พ.ศ. 2566"
        >>> [dates_nothing(t, d) for d in find_dates(t)]
        [True, True]
        >>> t = "พระราชบัญญัติฉบับนี้ประกาศใช้เมื่อ พ.ศ. 2562"
        >>> [dates_nothing(t, d) for d in find_dates(t)]
        [False]
    """
    if term_start(text, d.span):
        return True
    if d.precision != "year":
        return False
    s = d.span[0]
    heads, fiscal = _law_regexes()
    if fiscal.search(text[max(0, s - 20):s] + d.text[:12]) is not None:
        return True
    lead = text[max(0, s - _LAW_WINDOW):s]
    lead = lead[lead.rfind("\n") + 1:]
    m = None
    for m in heads.finditer(lead):
        pass
    return (m is not None and "พ.ศ." in d.text and not find_cues(lead[m.end():])
            and not _YEAR_CUE_END.search(lead))


# "... เมื่อ พ.ศ. 2562", "... ใน พ.ศ. 2562": a year said of a happening, not of a title.
_YEAR_CUE_END = re.compile(r"(?:เมื่อ|ใน|ตั้งแต่|ช่วง)\s*$")


@lru_cache(maxsize=1)
def _law_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = cue_data()
    heads = "|".join(sorted(map(re.escape, d["law_heads"]), key=len, reverse=True))
    fiscal = "|".join(r"\s+".join(map(re.escape, w.split())) for w in
                      sorted(d["fiscal_years"], key=len, reverse=True))
    return re.compile(heads), re.compile(rf"(?<![A-Za-z])(?:{fiscal})(?![A-Za-z])", re.IGNORECASE)


# --- which dates can date an event ----------------------------------------------------------

class _Holding(Protocol):
    """What ``usable_dates`` asks of the names' spans (``events._Spans``)."""

    def holding(self, a: int, b: int, *, slack: int = 0) -> bool: ...


# An English target before a year: "by 2025", "before the end of 2020"; must not match "in 2019".
_EN_TARGET = re.compile(r"\b(?:by|before|until|through|towards|beyond)\s+(?:the\s+end\s+of\s+)?$",
                        re.IGNORECASE)


def usable_dates(text: str, dates: Sequence["DateMatch"],
                 names: _Holding | None = None) -> list["DateMatch"]:
    """The dates that can date an event: no periods ("ปี 2559-2563"), no targets ("ภายในปี 2568",
    "by 2025"), no years inside an English parenthetical or an instrument name (``names`` spans,
    "แผนแม่บทอาเซียน พ.ศ. 2568"). (A count before a month, "ครั้งที่ 5 เดือนธันวาคม 2538", is no
    day: ``dates.find_dates`` already reads it as December 1995.)"""
    targets = cue_data()["target_prefixes"]["th"]
    bound = _bound_prefix()
    out = []
    for d in dates:
        s = d.span[0]
        if d.is_period:
            continue
        lead = text[max(0, s - 40):s]
        if bound.search(lead[lead.rfind("\n") + 1:]) or dates_nothing(text, d):
            continue                        # "as of ...", a term's start, a law's title year
        if d.precision == "year":
            before = text[max(0, s - 14):s] + d.text[:3]
            if any(t in before for t in targets) or _EN_TARGET.search(text[max(0, s - 30):s]):
                continue
            if names is not None and names.holding(s, s, slack=1):
                continue                    # "แผนแม่บทอาเซียน พ.ศ. 2568": part of the name
            opened = text.rfind("(", max(0, s - 200), s)
            if opened > text.rfind(")", max(0, s - 200), s) and re.search(
                    r"[A-Za-z]", text[opened:s]):
                continue                    # "(... Vision 2025)": part of a name
        out.append(d)
    return out


@lru_cache(maxsize=1)
def _bound_prefix() -> re.Pattern[str]:
    """An expiry, limit or as-of word (data/event_cues.yaml ``bound_prefixes``): "ครบกำหนด",
    "จนถึง", "as of", "until"; English as whole words."""
    d = cue_data()["bound_prefixes"]
    alts = [re.escape(w) for w in d["th"]]
    alts += [r"\b" + r"\s+".join(map(re.escape, w.split())) + r"\b" for w in d["en"]]
    return re.compile("|".join(alts), re.IGNORECASE)
