"""Thai and English date expressions, with half-open spans, as ISO dates.

``find_dates`` returns every date expression of a text in order, non-overlapping, the longest
match winning. Buddhist-era years become Common Era (2562 -> 2019); Thai digits work (they are
translated one for one, so spans do not move)::

    >>> [(d.text, d.value) for d in find_dates("เมื่อวันที่ ๕ มีนาคม พ.ศ. ๒๕๖๒ ณ กรุงเทพฯ")]
    [('๕ มีนาคม พ.ศ. ๒๕๖๒', '2019-03-05')]
    >>> d = parse_date("The meeting was held on 13-14 November 2017 in Manila.")
    >>> (d.value, d.end, d.precision)
    ('2017-11-13', '2017-11-14', 'day')
    >>> d = parse_date("แผนปฏิบัติการ ปี 2559-2563")
    >>> (d.text, d.value, d.end, d.is_period)
    ('ปี 2559-2563', '2016', '2020', True)

Forms: day-month-year ("5 มีนาคม 2562", "1 ม.ค. 62", "20 June 2019"), month-day-year ("June 20,
2019", "มิถุนายน 20, 2019"), day ranges ("1-2 กรกฎาคม ค.ศ. 2014"), cross-month ranges ("30
November - 2 December 2017"), month-year ("เดือนธันวาคม 2551", "March 2019"), numeric
("2019-06-20", "20/06/2562"), a year after a cue ("ในปี 2550", "พ.ศ. 2540", "in 2019") and year
ranges ("พ.ศ. 2553 - 2558", "2016-2020", flagged ``is_period``). A bare number is never a year:
"11 สาขา", "1.2.5", "2,000 คน" give nothing. English ordinal days and legal forms count ("29th
November 2004", "November 29th, 2004", "the 1st of March 2009", "this 29th day of November in the
year 2004"); a count is no day ("ครั้งที่ 5 เดือนธันวาคม 2538" is December 1995). Given a
``reference`` day (a news item's own date), relative days ("today", "yesterday", "วันนี้",
"เมื่อวานนี้") are dates too.

Year rule: พ.ศ. marks Buddhist era, ค.ศ. Common Era; without one a four-digit year >= 2400 is
Buddhist and a smaller one Common Era; a two-digit year after a Thai month is Buddhist ("62" ->
2562 -> 2019). Every pattern is made of bounded pieces, so matching is linear in the text
length; patterns are compiled with ``re.ASCII`` (Thai digits are translated before matching,
other scripts' digits are no dates).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable

from aseandocs._fastre import max_width, near_finditer
from aseandocs.dates.data import relative_regex, tables
from aseandocs.dates.values import (_bare_range, _Candidate, _cross, _cued_year, _dmy, _iso, _mdy, _my,
                                    _numeric, _select)
from aseandocs.thai import thai_digits_to_ascii

__all__ = ["DateMatch", "find_dates", "parse_date", "PRECISIONS"]

#: The precisions a ``DateMatch`` can have, finest first.
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in a text.

    ``span`` is half-open into the text searched and ``text`` the characters it covers; ``value``
    is ISO at ``precision`` ("2019-03-05" day, "2008-12" month, "2007" year); ``end`` is the ISO
    end of a range, at the same precision, else None; ``is_period`` is True for a year range
    ("ปี 2559-2563", "2016-2020"), a period rather than a date.
    """

    span: tuple[int, int]
    text: str
    value: str
    precision: str
    end: str | None = None
    is_period: bool = False


# --- regex pieces (built once, from the data) -----------------------------------------------

def _alt(parts: Iterable[str]) -> str:
    """Alternatives longest first, so "มีนาคม" is tried before "มีนา"."""
    return "|".join(sorted(set(parts), key=lambda p: (-len(p), p)))


def _dotted(abbr: str, *, dots_optional: bool) -> str:
    """"ม.ค." -> a pattern for "ม.ค.", "ม.ค", "ม. ค." (and "มค" when ``dots_optional``)."""
    parts = [re.escape(p) for p in abbr.split(".") if p]
    inner = r"(?:\.[ ]?)?" if dots_optional else r"\.[ ]?"
    return inner.join(parts) + r"\.?"


def _cases(words: Iterable[str]) -> list[str]:
    """"June" -> "June", "JUNE"; "in" -> "in", "In"."""
    out: list[str] = []
    for w in words:
        out += [w, w[:1].upper() + w[1:], w.upper()]
    return out


_T = tables()
_THAI = "\u0e01-\u0e5b"          # Thai block letters, vowels, marks and digits (ก .. ๛)
# A gap between the parts of a date: nothing, or up to three spaces ("5มีนาคม2562", "5  March").
_G = r"[ \t\u00a0]{0,3}"
# The same, allowing one line break (a date wrapped in a PDF line): "5 มีนาคม\n2562".
_GN = r"[ \t\u00a0]{0,3}\n?[ \t\u00a0]{0,3}"
# A day cannot continue a number, a ref or a time: not after "1.", "10:", "3/", "2,"; nor be
# the count after "ครั้งที่" / "ฉบับที่" (one fixed-width look-behind per word, with and without
# the space): "ครั้งที่ 7 เดือนมิถุนายน 2541" holds no day.
_DAY_START = r"(?<![\d.,:/A-Za-z])" + "".join(
    rf"(?<!{re.escape(w)}{sp})" for w in _T.not_a_day_after for sp in ("", " "))
_ORD = r"(?:st|nd|rd|th)?"
# A year (or day) is not followed by more digits, a percent sign or a decimal part.
_NUM_END = r"(?![\d%]|[.,]\d)"
# Separators of a range of days: "13-14", "13 – 14", "13 ถึง 14", "13 to 14".
_SEP = r"(?:[-\u2013\u2014]|ถึง(?:วันที่)?|to|until|through)"

_THAI_ABBR = (rf"(?:(?<=เดือน)|(?<![{_THAI}.]))"
              rf"(?:{_alt(_dotted(a, dots_optional=True) for a in _T.thai_abbr)})"
              rf"(?!\.?[{_THAI}])")
_EN_MONTH = (r"(?<![A-Za-z])(?:"
             + _alt([re.escape(n) for n in _cases(_T.en_full)]
                    + [re.escape(n) + r"\.?" for n in _cases(_T.en_abbr)])
             + r")(?![A-Za-z])")
_ERA = ("(?:" + _alt([_dotted(e, dots_optional=False) if "." in e else re.escape(e)
                      for e in _T.era_names]) + ")")
# Not inside a Latin word ("BEAD") nor the tail of a Thai acronym ("ก.ค.ศ.", a commission).
_ERA = rf"(?<![A-Za-z])(?<![\u0e01-\u0e2e]\.){_ERA}(?![A-Za-z])"
_THAI_CUE = "(?:" + _alt(re.escape(c) for c in _T.thai_cues) + ")"
_EN_CUE = r"(?<![A-Za-z])(?:" + _alt(re.escape(c) for c in _cases(_T.en_cues)) + r")(?![A-Za-z])"


def _lead(*firsts: Iterable[str]) -> str:
    """A look-ahead for the characters a pattern can start with, put before its look-behinds so
    that ``re`` tries the pattern only where such a character stands (the matches are the same;
    most positions are then rejected by one character test). "" when a word is empty."""
    chars: set[str] = set()
    for words in firsts:
        for w in words:
            if not w:
                return ""
            chars.add(w[0])
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


# The first characters of a date: a digit; a month name ("มีนาคม", "มี.ค.", "March", "MAR"); a
# year cue or era ("ปี", "พ.ศ.", "in").
_LEAD_DIGIT = r"(?=\d)"
# Any ASCII digit: "5 มีนาคม 2562" has some, "หน้าแรก ข่าวสาร" none.
_DIGIT = re.compile(r"\d", re.ASCII)
_MONTH_FIRSTS = (_T.thai_full, _T.thai_abbr, _cases(_T.en_full), _cases(_T.en_abbr))
_LEAD_MONTH = _lead(*_MONTH_FIRSTS)
_LEAD_MY = _lead(*_MONTH_FIRSTS, ["เดือน"])
_LEAD_YEAR = _lead(_cases(_T.en_cues), _T.thai_cues, _T.era_names)


def _month(name: str) -> str:
    """A month name in group ``name``: "มีนาคม", "มี.ค.", "มีค", "March", "Mar.", "MAR"."""
    full = _alt(re.escape(n) for n in _T.thai_full)
    return rf"(?P<{name}>{full}|{_THAI_ABBR}|{_EN_MONTH})"


# The year after a month: "2562", "พ.ศ. 2562", "ปี 2551", "ค.ศ.2016", "62" (two digits), and the
# legal "in the year 2004" / "in the year of 2004" of signing clauses.
_YEAR_PART = (rf"(?:ปี{_G}|in{_G}the{_G}year{_G}(?:of{_G})?)?"
              rf"(?:(?P<era>{_ERA}){_G})?(?P<y>\d{{4}}|\d{{2}}){_NUM_END}")
# Between a day and its month: "of" ("the 1st of March 2009") or the legal "day of" ("this
# 29th day of November 2004"); must not take "days of" ("5 days of March 2019" is no day).
_DAY_OF = rf"(?:(?:[Dd]ay{_G})?of{_G})?"

# Day [-day] month year.
# Matches "5 มีนาคม 2562", "๕ มีนาคม พ.ศ. ๒๕๖๒", "1 ม.ค. 62", "1-2 กรกฎาคม ค.ศ. 2014",
# "2 – 3 ตุลาคม ค.ศ. 2015", "06 Mar 2019", "5th of March, 2019", "13-14 November 2017",
# "this 29th day of November 2004", "29th day of November in the year 2004".
# Must not match "1.5 มีนาคม 2562" (a ref), "10:30 March 2019", "31 กุมภาพันธ์ 2562" as a day
# (it falls back to the month), "5 มีนาคม" (no year), "ครั้งที่ 5 เดือนธันวาคม 2538" as a day (5
# counts meetings: month precision).
_DMY_REST = (rf"{_ORD}(?:{_G}{_SEP}{_G}(?P<d2>[0-3]?\d){_ORD})?"
             rf"{_GN}{_DAY_OF}(?:เดือน{_G})?{_month('m')},?{_GN}{_YEAR_PART}")
DMY_RE = re.compile(rf"{_LEAD_DIGIT}{_DAY_START}(?P<d>[0-3]?\d){_DMY_REST}", re.ASCII)

# Day month [year] - day month year, a range across months (or years).
# Matches "30 November - 2 December 2017", "30 พฤศจิกายน - 2 ธันวาคม 2560",
# "30 Dec 2017 - 2 Jan 2018". Must not match "30 November - 2 December" (no year).
_CROSS_REST = (
    rf"{_ORD}{_GN}(?:เดือน{_G})?{_month('m')}"
    rf"(?:,?{_G}(?:(?P<era1>{_ERA}){_G})?(?P<y1>\d{{4}}))?"
    rf"{_G}{_SEP}{_G}(?P<d2>[0-3]?\d){_ORD}{_GN}(?:เดือน{_G})?{_month('m2')},?{_GN}{_YEAR_PART}")
CROSS_RE = re.compile(rf"{_LEAD_DIGIT}{_DAY_START}(?P<d>[0-3]?\d){_CROSS_REST}", re.ASCII)

# Month day [- [month] day], year.
# Matches "June 20, 2019", "Jun. 20, 2019", "มิถุนายน 20, 2019", "June 20-22, 2019",
# "November 30 - December 2, 2017". Must not match "March 2019" or "มีนาคม 25 คน".
MDY_RE = re.compile(
    rf"{_LEAD_MONTH}{_month('m')}{_G}(?P<d>[0-3]?\d){_ORD}"
    rf"(?:{_G}{_SEP}{_G}(?:{_month('m2')}{_G})?(?P<d2>[0-3]?\d){_ORD})?"
    rf"(?:,{_GN}|[ \t\u00a0]{{1,3}})(?:(?P<era>{_ERA}){_G})?(?P<y>\d{{4}}){_NUM_END}", re.ASCII)

# [เดือน] month year.
# Matches "เดือนธันวาคม 2551", "ธันวาคม 2551", "ธ.ค. 62", "March 2019", "มีนาคม พ.ศ. 2562".
# Must not match "มีนาคม 25 คน" (two digits need an abbreviated Thai month) or "May 20".
MY_RE = re.compile(rf"{_LEAD_MY}(?:เดือน{_G})?{_month('m')},?{_G}{_YEAR_PART}", re.ASCII)

# A year after a cue, maybe a range.
# Matches "ปี 2550", "ปีพ.ศ. 2535", "พ.ศ. 2540", "ปี ค.ศ. 1967", "ค.ศ. 2025", "2019" in
# "in 2019", "ปี 2559-2563", "พ.ศ. 2553 - 2558", "ปี ค.ศ. 2016-2025", "ปี 2562-63".
# Must not match "11 สาขา", "ปีละ 2000", "5 ปี 2,000 คน", "in 20 days".
YEAR_RE = re.compile(
    rf"{_LEAD_YEAR}(?:(?P<en>{_EN_CUE})[ \t\u00a0]{{1,3}}"
    rf"|(?P<th>{_THAI_CUE}){_G}(?:(?P<era>{_ERA}){_G})?"
    rf"|(?P<era0>{_ERA}){_G})"
    rf"(?P<y>\d{{4}})"
    rf"(?:{_G}(?:[-\u2013\u2014]|ถึง|to){_G}(?:(?P<era2>{_ERA}){_G})?(?P<y2>\d{{4}}|\d{{2}}))?"
    rf"(?![\d%]|[.,/\-\u2013\u2014]\d)", re.ASCII)

# A bare range of years, a period.
# Matches "2016-2020", "2559-2563", "2016 – 2025". Must not match "1.2016-2020", "0-2559-2563"
# (a phone number), "1234-5678" (not years), "2020-2016" (backwards).
_YEAR_RANGE_REST = (r"[ \t\u00a0]{0,3}[-\u2013\u2014][ \t\u00a0]{0,3}"
                    r"(?P<y2>\d{4})(?![\d%]|[.,/\-\u2013\u2014]\d)")
YEAR_RANGE_RE = re.compile(
    _LEAD_DIGIT + r"(?<![\d.,/\-\u2013\u2014])(?P<y>\d{4})" + _YEAR_RANGE_REST, re.ASCII)

# ISO year-month-day. Matches "2019-06-20"; must not match "2019-06-20-1" or "12019-06-20".
_ISO_REST = r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d]|-\d)"
ISO_RE = re.compile(_LEAD_DIGIT + r"(?<![\d.\-/])(?P<y>\d{4})" + _ISO_REST, re.ASCII)

# Day/month/year with "/" or "-", day first unless the month cannot be one.
# Matches "20/06/2019", "5/3/2562", "20-06-2019". Must not match "02-123-4567" (phone),
# "1/2562" (an issue number), "5/3/62" (two-digit year).
_NUMERIC_REST = r"(?P<sep>[/\-])(?P<m>[0-3]?\d)(?P=sep)(?P<y>\d{4})(?![\d]|[./\-]\d)"
NUMERIC_RE = re.compile(
    _LEAD_DIGIT + r"(?<![\d.\-/:])(?P<d>[0-3]?\d)" + _NUMERIC_REST, re.ASCII)


def _after_digit(lookbehinds: str) -> str:
    r"""Look-behinds moved from before a digit to after it: ``(?<![\d.])`` -> ``(?<![\d.]\d)``
    (at the position after a digit the same character is looked at)."""
    return re.sub(r"\(\?<!((?:[^()\\]|\\.)*)\)", lambda m: rf"(?<!{m.group(1)}\d)", lookbehinds)


# The digit-led patterns with their first digit consumed before the look-behinds, which look
# from after it (``(?<![\d.])(?P<y>\d{4})`` -> ``(?P<y>\d(?<![\d.]\d)\d{3})``; a day
# ``[0-3]?\d`` -> ``\d(?:(?<=[0-3])\d)?``, the same two tries in the same order): ``re`` then
# skips every position without a digit at C speed instead of testing a look-ahead there. The same
# matches as DMY_RE, CROSS_RE, YEAR_RANGE_RE, ISO_RE and NUMERIC_RE (tests/dates/test_dates.py): "5
# มีนาคม 2562", "30 November - 2 December 2017", "2016-2020", "2019-06-20", "20/06/2019"; not
# "1.5 มีนาคม 2562" or "02-123-4567".
_DAY_1 = rf"\d{_after_digit(_DAY_START)}(?:(?<=[0-3])\d)?"
_YEAR_1 = r"\d(?<![\d.,/\-\u2013\u2014]\d)\d{3}"
_DMY_FAST = re.compile(rf"(?P<d>{_DAY_1}){_DMY_REST}", re.ASCII)
_CROSS_FAST = re.compile(rf"(?P<d>{_DAY_1}){_CROSS_REST}", re.ASCII)
_YEAR_RANGE_FAST = re.compile(rf"(?P<y>{_YEAR_1}){_YEAR_RANGE_REST}", re.ASCII)
_ISO_FAST = re.compile(r"(?P<y>\d(?<![\d.\-/]\d)\d{3})" + _ISO_REST, re.ASCII)
_NUMERIC_FAST = re.compile(
    r"(?P<d>\d(?<![\d.\-/:]\d)(?:(?<=[0-3])\d)?)" + _NUMERIC_REST, re.ASCII)


# A day named relative to the document date (data: relative_days), resolved only against a
# reference day. Matches "วันนี้", "เมื่อวานนี้", "พรุ่งนี้", "today", "Yesterday", "the day before
# yesterday"; must not match "todays" or "yesterdays" (inside a Latin word); "ทุกวันนี้" and
# "until today" are refused in code (relative_not_after). Built in ``dates.data.relative_regex``
# (every alternative opening with a plain literal); ``_plain_relative`` is its reference form.
RELATIVE_RE = relative_regex()


# The last digit of a number of two digits or more: "2562" of "5 มีนาคม 2562", "19" of "2019".
# MDY_RE, MY_RE and YEAR_RE end at one (their year is followed by no digit), so they are
# searched only near one (``_fastre.near_finditer``, the same matches as finditer); a single
# digit ("5 คน", "1.2") anchors nothing.
_YEAR_DIGITS = re.compile(r"\d{2,}", re.ASCII)

# Each pattern, its candidate builder and, for the month- and cue-led ones, their widest match
# (None: searched with finditer).
_MATCHERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Candidate | None],
                       int | None], ...] = (
    (_CROSS_FAST, _cross, None), (_DMY_FAST, _dmy, None), (MDY_RE, _mdy, max_width(MDY_RE)),
    (MY_RE, _my, max_width(MY_RE)), (YEAR_RE, _cued_year, max_width(YEAR_RE)),
    (_YEAR_RANGE_FAST, _bare_range, None), (_ISO_FAST, _iso, None), (_NUMERIC_FAST, _numeric, None),
)


def reference_day(reference: str | None) -> date | None:
    """The day ``reference`` names ("2008-12-15"), None for None or a coarser ISO value ("2008-12",
    "2008": relative words then stay unresolved); anything else raises ValueError."""
    if reference is None:
        return None
    if not isinstance(reference, str) or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?",
                                                          reference, re.ASCII):
        raise ValueError(f"find_dates: reference must be an ISO date 'YYYY-MM-DD' (or 'YYYY-MM', "
                         f"'YYYY', which resolve no relative word), got {reference!r}")
    if len(reference) < 10:
        return None
    try:
        return date.fromisoformat(reference)
    except ValueError as exc:
        raise ValueError(f"find_dates: reference {reference!r} is not a calendar day "
                         f"({exc})") from exc


def relative_candidates(text: str, ref: date) -> list[_Candidate]:
    """"today", "เมื่อวานนี้", ... in ``text`` as days counted from ``ref``."""
    out: list[_Candidate] = []
    for m in RELATIVE_RE.finditer(text):
        before = text[max(0, m.start() - 12):m.start()].rstrip().lower()
        if before.endswith(_T.relative_not_after):
            continue
        offset = _T.relative[re.sub(r"\s+", " ", m.group().lower())]
        value = date.fromordinal(ref.toordinal() + offset).isoformat()
        out.append((m.start(), m.end(), value, "day", None, False))
    return out


# A day and month without a year after "on" or "วันที่": "On 8 October, ...", "on the 8th of
# October", "on October 8", "เมื่อวันที่ 8 ต.ค. ที่ผ่านมา". Must not match "8 October 2019" (a year
# follows: the full date wins anyway) nor "8 October" without the cue ("ประชุม 8 ตุลาคม" stays no
# date: a count could precede a month).
YEARLESS_RE = re.compile(
    rf"(?:[Oo](?<![A-Za-z].)n[ \t\u00a0]{{1,3}}(?:the[ \t\u00a0]{{1,3}})?|วันที่{_G})"
    rf"(?:(?P<d>[0-3]?\d){_ORD}{_G}(?:of{_G})?(?:เดือน{_G})?{_month('m')}"
    rf"|{_month('m2')}{_G}(?P<d2>[0-3]?\d){_ORD}(?![\d:.]))"
    rf"(?!,?{_G}(?:{_ERA}{_G})?\d)", re.ASCII)


def yearless_candidates(text: str, ref: date) -> list[_Candidate]:
    """"On 8 October", "วันที่ 8 ต.ค." in ``text`` as days of the year of ``ref`` (a news item's
    own date): the latest such day not more than a month after ``ref`` (a dateline of 5 January
    2020 reads "On 28 December" as 2019)."""
    from .values import _month_of
    out: list[_Candidate] = []
    for m in YEARLESS_RE.finditer(thai_digits_to_ascii(text)):
        day = int(m["d"] or m["d2"])
        month = _month_of(m["m"] or m["m2"])
        start = m.start("d") if m["d"] else m.start("m2")
        for year in (ref.year + 1, ref.year, ref.year - 1):
            try:
                got = date(year, month, day)
            except ValueError:
                continue
            if got.toordinal() - ref.toordinal() <= 31:
                out.append((start, m.end(), got.isoformat(), "day", None, False))
                break
    return out


def find_dates(text: str, *, reference: str | None = None) -> list[DateMatch]:
    """Every date expression in ``text``, in order, non-overlapping, the longest match winning.

    ``text`` is normally ``aseandocs.thai.normalize(raw).text``; Thai digits work as well::

        >>> [d.value for d in find_dates("ประชุมเมื่อวันที่ 20-21 พฤศจิกายน 2546 และ 1 ม.ค. 62")]
        ['2003-11-20', '2019-01-01']
        >>> [(d.text, d.value) for d in find_dates("Tuesday, 5 March 2019; adopted in 2016.")]
        [('5 March 2019', '2019-03-05'), ('2016', '2016')]
        >>> find_dates("ข้อ 1.2.5 มี 11 สาขา 2,000 คน ครั้งที่ 11")
        []

    With a ``reference`` day (ISO, the document's own date) the words of ``relative_days`` in
    data/months.yaml become day dates; without one, or with a month or year, they are no dates::

        >>> [d.value for d in find_dates("The Charter entered into force today.",
        ...                              reference="2008-12-15")]
        ['2008-12-15']
        >>> [(d.text, d.value) for d in find_dates("ที่ประชุมได้ลงนามเมื่อวานนี้",
        ...                                        reference="2019-03-06")]
        [('เมื่อวานนี้', '2019-03-05')]
        >>> find_dates("ทุกวันนี้อาเซียนมีสมาชิก 10 ประเทศ", reference="2019-03-06")
        []

    ... and a day and month after "on" / "วันที่" with no year take the reference's year::

        >>> [d.value for d in find_dates("On 8 October, the officials met.",
        ...                              reference="2019-10-09")]
        ['2019-10-08']
    """
    if not isinstance(text, str):
        raise TypeError(f"find_dates expects a str, got {type(text).__name__}")
    ref = reference_day(reference)
    candidates = scan_candidates(text)[0]
    if ref is not None:
        candidates = candidates + relative_candidates(text, ref) + yearless_candidates(text, ref)
    return resolve_matches(text, candidates)


def scan_candidates(text: str) -> tuple[list[_Candidate], list[tuple[int, int]]]:
    """The candidates of every pattern in ``text`` (relative days left out), and the spans of the
    patterns' matches that hold a line break (kept or not): a line no such span touches gets,
    alone, exactly the candidates lying inside it (no look-around of the patterns tells a line
    break from the edge of the text; ``news`` dates its header lines so)."""
    ascii_text = thai_digits_to_ascii(text)
    candidates: list[_Candidate] = []
    multiline: list[tuple[int, int]] = []
    # every pattern needs a digit: a text without one (a menu line, a heading) skips them all
    if _DIGIT.search(ascii_text) is None:
        return candidates, multiline
    anchors: list[int] | None = None
    for pattern, build, width in _MATCHERS:
        if width is None:
            found: Iterable[re.Match[str]] = pattern.finditer(ascii_text)
        else:
            if anchors is None:
                anchors = [m.end() - 1 for m in _YEAR_DIGITS.finditer(ascii_text)]
            found = near_finditer(pattern, ascii_text, anchors, width)
        for m in found:
            s, e = m.span()
            if ascii_text.find("\n", s, e) >= 0:
                multiline.append((s, e))
            c = build(m)
            if c is not None:
                candidates.append(c)
    return candidates, multiline


def resolve_matches(text: str, candidates: list[_Candidate]) -> list[DateMatch]:
    """The chosen candidates (``_select``) as DateMatch of ``text``."""
    return [DateMatch(span=(s, e), text=text[s:e], value=v, precision=p, end=end, is_period=per)
            for s, e, v, p, end, per in _select(candidates)]


def parse_date(text: str) -> DateMatch | None:
    """The first date in a short string, or None when it holds none.

        >>> parse_date("มิถุนายน 20, 2019").value
        '2019-06-20'
        >>> parse_date("ข่าว 09 Apr 2020").value
        '2020-04-09'
        >>> parse_date("ไม่มีวันที่") is None
        True
    """
    found = find_dates(text)
    return found[0] if found else None
