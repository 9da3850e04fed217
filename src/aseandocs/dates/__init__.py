"""Thai and English dates with their spans: Buddhist-era years, Thai digits, abbreviated months,
ranges, relative days.

- ``scan``: ``find_dates``, ``parse_date`` and the scan API that ``news`` builds on;
- ``values``: turning a matched pattern into an ISO value; ``data``: month names and patterns.
"""
from __future__ import annotations

from .scan import (
    DateMatch,
    find_dates,
    parse_date,
    PRECISIONS,
    reference_day,
    relative_candidates,
    resolve_matches,
    scan_candidates,
)

__all__ = [
    "DateMatch",
    "find_dates",
    "parse_date",
    "PRECISIONS",
    "reference_day",
    "relative_candidates",
    "resolve_matches",
    "scan_candidates",
]
