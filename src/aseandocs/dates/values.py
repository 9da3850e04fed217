"""Date matches turned into values (private to ``aseandocs.dates``): the Common-Era year, the ISO
day, one candidate ``(start, end, value, precision, end value, is_period)`` per match, and the
choice among overlapping candidates::

    >>> _year("2562", None), _year("62", None, thai_month=True), _year("2019", "ค.ศ.")
    (2019, 2019, 2019)
    >>> _select([(0, 12, "2019-03-05", "day", None, False), (2, 12, "2019-03", "month", None, False)])
    [(0, 12, '2019-03-05', 'day', None, False)]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from aseandocs.dates.data import fold, tables

_T = tables()

#: Plausible Common-Era years: "ค.ศ. 2562" (a Buddhist year under the wrong era) is no date.
_MIN_CE, _MAX_CE = 1000, 2199

# start, end, value, precision, end value, is_period
_Candidate = tuple[int, int, str, str, "str | None", bool]


def _month_of(text: str) -> int:
    return _T.months[fold(text)]


def _year(raw: str, era: str | None, *, thai_month: bool = False, cued: bool = True) -> int | None:
    """The Common-Era year of ``raw`` ("2562", "62", "2019") under ``era`` text, or None.

    ``thai_month``: the year follows a Thai month name (a two-digit year is then Buddhist).
    ``cued=False``: no month backs it (a year after a cue), so it must be a plausible modern year.
    """
    kind = _T.eras.get(fold(era)) if era else None
    n = int(raw)
    if len(raw) == 2:
        if not thai_month or kind == "ce":
            return None
        n += 2500
        kind = "be"
    if kind is None:
        kind = "be" if n >= 2400 else "ce"
    ce = n - 543 if kind == "be" else n
    if era is None and not cued and not 1800 <= ce <= 2199:
        return None
    return ce if _MIN_CE <= ce <= _MAX_CE else None


def _iso_day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _dmy(m: re.Match[str]) -> _Candidate | None:
    month_text = m["m"]
    key = fold(month_text)
    if len(m["y"]) == 2 and key not in _T.thai_keys:
        return None
    y = _year(m["y"], m["era"], thai_month=key in _T.thai_keys)
    if y is None:
        return None
    month = _month_of(month_text)
    first = _iso_day(y, month, int(m["d"]))
    if first is None:
        return None
    last = None
    if m["d2"] is not None:
        last = _iso_day(y, month, int(m["d2"]))
        if last is None or last <= first:
            return None
    return (m.start(), m.end(), first, "day", last, False)


def _cross(m: re.Match[str]) -> _Candidate | None:
    k1, k2 = fold(m["m"]), fold(m["m2"])
    if len(m["y"]) == 2 and k2 not in _T.thai_keys:
        return None
    y2 = _year(m["y"], m["era"], thai_month=k2 in _T.thai_keys)
    if y2 is None:
        return None
    y1 = _year(m["y1"], m["era1"], thai_month=k1 in _T.thai_keys) if m["y1"] else y2
    if y1 is None:
        return None
    first = _iso_day(y1, _month_of(m["m"]), int(m["d"]))
    last = _iso_day(y2, _month_of(m["m2"]), int(m["d2"]))
    if first is None or last is None or last <= first:
        return None
    return (m.start(), m.end(), first, "day", last, False)


def _mdy(m: re.Match[str]) -> _Candidate | None:
    y = _year(m["y"], m["era"])
    if y is None:
        return None
    month = _month_of(m["m"])
    first = _iso_day(y, month, int(m["d"]))
    if first is None:
        return None
    last = None
    if m["d2"] is not None:
        last = _iso_day(y, _month_of(m["m2"]) if m["m2"] else month, int(m["d2"]))
        if last is None or last <= first:
            return None
    return (m.start(), m.end(), first, "day", last, False)


def _my(m: re.Match[str]) -> _Candidate | None:
    key = fold(m["m"])
    if len(m["y"]) == 2 and key not in _T.abbr_keys:
        return None
    y = _year(m["y"], m["era"], thai_month=key in _T.thai_keys)
    if y is None:
        return None
    return (m.start(), m.end(), f"{y:04d}-{_month_of(m['m']):02d}", "month", None, False)


def _cued_year(m: re.Match[str]) -> _Candidate | None:
    era = m["era"] or m["era0"]
    y = _year(m["y"], era, cued=False)
    if y is None:
        return None
    start = m.start("y") if m["en"] else m.start()
    if m["y2"] is None:
        return (start, m.end("y"), f"{y:04d}", "year", None, False)
    raw2 = m["y2"]
    if len(raw2) == 2:
        raw2 = m["y"][:2] + raw2
    y2 = _year(raw2, m["era2"] or era, cued=False)
    if y2 is None or not y < y2 <= y + 100:
        return (start, m.end("y"), f"{y:04d}", "year", None, False)
    return (start, m.end(), f"{y:04d}", "year", f"{y2:04d}", True)


def _bare_range(m: re.Match[str]) -> _Candidate | None:
    y, y2 = _year(m["y"], None, cued=False), _year(m["y2"], None, cued=False)
    if y is None or y2 is None or not y < y2 <= y + 100:
        return None
    return (m.start(), m.end(), f"{y:04d}", "year", f"{y2:04d}", True)


def _iso(m: re.Match[str]) -> _Candidate | None:
    value = _iso_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if value is None or not _MIN_CE <= int(m["y"]) <= _MAX_CE:
        return None
    return (m.start(), m.end(), value, "day", None, False)


def _numeric(m: re.Match[str]) -> _Candidate | None:
    y = _year(m["y"], None, cued=False)
    d, mo = int(m["d"]), int(m["m"])
    if y is None:
        return None
    if mo > 12 >= d:            # "06/20/2019": month first
        d, mo = mo, d
    value = _iso_day(y, mo, d)
    return None if value is None else (m.start(), m.end(), value, "day", None, False)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first (ties: the earlier), returned in text order."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        s, e = c[0], c[1]
        i = bisect_left(starts, e)          # chosen spans starting before e are [0, i)
        if i and ends[i - 1] > s:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.insert(i, c)
    return chosen
