"""The header lines of a news item and the dates on them (private to ``aseandocs.news``).

The first non-empty lines of a text (at most 8, within 1,500 characters) hold a news item's
headline, publication date and dateline. ``_Header`` finds each line's dates at most once; given
the date scan of the whole text (``dates.scan_candidates``, sorted by start) it takes them from there
instead of searching each line again::

    >>> h = _Header("ข่าวต่างประเทศ 06 Mar 2019\\nJakarta, 5 March 2019 - ASEAN ministers met.")
    >>> [d.value for d in h.dates(0)], h.date().value, [d.value for d in _header_dates(h)]
    (['2019-03-06'], '2019-03-06', ['2019-03-06', '2019-03-05'])
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .cues import cue_data

if TYPE_CHECKING:  # pragma: no cover
    from ..dates import DateMatch

    #: ``dates.scan_candidates`` of a text: its candidates sorted by start, and its matches holding "\n".
    DateScan = tuple[list[tuple[int, int, str, str, str | None, bool]], list[tuple[int, int]]]

#: How many non-empty lines from the top count as the header of a news item.
_HEADER_LINES = 8
#: ... and how far into the text they may reach.
_HEADER_CHARS = 1500

# The place opening a dateline: "Jakarta, 5 March 2019 - ...", "กรุงเทพฯ 5 มี.ค. 62 - ..."; the
# date and the dash after it are checked in code. Must not match "ในปี 2562 อาเซียน" alone.
DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z .'-]{1,30}|[\u0e01-\u0e5b.ฯ]{2,20})(?:,\s?|\s)")
# What follows the date of a dateline: "- ", "– ", "(Reuters) - ", ": ".
_DATELINE_DASH = re.compile(r"\s*(?:\([^()\n]{1,20}\)\s*)?[-–—:]")



def _dates(text: str, reference: str | None = None) -> tuple["DateMatch", ...]:
    """``dates.find_dates`` as a tuple."""
    from ..dates import find_dates
    return tuple(find_dates(text, reference=reference))


@lru_cache(maxsize=1)
def _kind_words() -> dict[str, Any]:
    return cue_data()["kind"]


@lru_cache(maxsize=1)
def _markers() -> dict[str, tuple[Any, ...]]:
    """The kind words of data/event_cues.yaml lower-cased once, in the forms the rules test."""
    w = _kind_words()
    news = w["news_markers"]
    return {
        "signing": tuple(x.lower() for x in w["signing"]),
        "news": tuple(x.lower() for x in news),
        # "(Reuters)": at the start of a header line or anywhere in it
        "paren": tuple((x.lower(), f"({x.strip('()')})") for x in news if x.startswith("(")),
        # "Posted on", "ข่าวต่างประเทศ": at the start of a header line
        "long": tuple(x.lower() for x in news if len(x) > 4 and not x.startswith("(")),
        "boiler": tuple((x.lower(), len(x) + 25) for x in news),
        "verbs": tuple(x.lower() for x in w["reporting_verbs"]),
    }


# A line of text: "ข่าวต่างประเทศ 06 Mar 2019", "ASEAN adopts disaster pact"; never "\n".
_LINE = re.compile(r"[^\n]+")
# What is left of a header line once its date is taken out, letters only: "ข่าวต่างประเทศ" of
# "ข่าวต่างประเทศ 06 Mar 2019", "Postedon" of "Posted on 5 March 2019"; drops "06", " ", ",".
_NON_LETTERS = re.compile(r"[\W\d_]+")


def _header(text: str) -> list[tuple[int, str]]:
    """The first non-empty lines (offset, line) that lie within the header region."""
    out = []
    for m in _LINE.finditer(text, 0, min(len(text), _HEADER_CHARS)):
        line = m.group()
        if line.strip():
            out.append((m.start(), line))
        if len(out) >= _HEADER_LINES:
            break
    return out


class _Header:
    """The header lines of one text and their dates, each found at most once per call (the
    title, the date and the kind all read them)."""

    __slots__ = ("lines", "_dates", "_date", "_scan", "_starts")

    def __init__(self, text: str, scan: "DateScan | None" = None) -> None:
        self.lines = _header(text)
        self._dates: dict[tuple[int, int], tuple["DateMatch", ...]] = {}
        self._date: "list[DateMatch | None]" = []
        self._scan = scan
        self._starts: list[int] = []

    def dates(self, i: int, limit: int = 0) -> tuple["DateMatch", ...]:
        """The dates of header line ``i``, or of its first ``limit`` characters."""
        line = self.lines[i][1]
        if len(line) <= limit:
            limit = 0
        got = self._dates.get((i, limit))
        if got is None:
            got = None if limit else self._from_scan(i)
            if got is None:
                got = _dates(line[:limit] if limit else line)
            self._dates[(i, limit)] = got
        return got

    def _from_scan(self, i: int) -> tuple["DateMatch", ...] | None:
        """``_dates(line)`` of header line ``i`` taken from the scan of the whole text: the
        candidates lying inside the line, chosen as for the line alone; None (search the line)
        without a scan or when a match of the scan holding a line break touches the line."""
        if self._scan is None:
            return None
        from ..dates import resolve_matches
        cands, multiline = self._scan
        off, line = self.lines[i]
        end = off + len(line)
        if any(s < end and e > off for s, e in multiline):
            return None                     # "5 มีนาคม\n2562": the line alone differs
        if not self._starts:
            self._starts = [c[0] for c in cands]
        lo, hi = bisect_left(self._starts, off), bisect_left(self._starts, end)
        inside = [(c[0] - off, c[1] - off) + c[2:] for c in cands[lo:hi] if c[1] <= end]
        return tuple(resolve_matches(line, inside))

    def date(self) -> "DateMatch | None":
        """The publication date (``_header_date``)."""
        if not self._date:
            self._date.append(_header_date(self))
        return self._date[0]


def _dateline(h: _Header, i: int) -> "DateMatch | None":
    """The date of a dateline opening header line ``i`` ("Jakarta, 5 March 2019 - ASEAN ..."),
    else None."""
    line = h.lines[i][1]
    if DATELINE.match(line) is None:
        return None
    for d in h.dates(i, 80):
        if d.span[0] <= 40 and d.precision == "day" and _DATELINE_DASH.match(line, d.span[1]):
            return d
    return None


def _header_dates(h: _Header) -> list["DateMatch"]:
    """The publication date and the dateline dates of the header lines (they date no event)."""
    out = []
    first = h.date()
    if first is not None:
        out.append(first)
    for i, (off, _) in enumerate(h.lines):
        d = _dateline(h, i)
        if d is not None:
            out.append(_shift(d, off))
    return out


def _header_date(h: _Header) -> "DateMatch | None":
    """A publication date on a short header line or a dateline: "ข่าวต่างประเทศ 06 Mar 2019",
    "มิถุนายน 20, 2019", "Posted on 5 March 2019", "Jakarta, 5 March 2019 - ..."."""
    markers = _markers()["news"]
    for i, (off, line) in enumerate(h.lines):
        ds = [d for d in h.dates(i) if d.precision in ("day", "month") and not d.is_period]
        if not ds:
            continue
        d = ds[0]
        if len(line) <= 80:
            rest = _NON_LETTERS.sub("", line[:d.span[0]] + line[d.span[1]:])
            if len(rest) <= 20 or line.lower().startswith(markers):
                return _shift(d, off)           # "มิถุนายน 20, 2019", "Posted on 5 March 2019"
        dateline = _dateline(h, i)
        if dateline is not None:
            return _shift(dateline, off)
    return None


def _shift(d: "DateMatch", off: int) -> "DateMatch":
    return replace(d, span=(d.span[0] + off, d.span[1] + off))
