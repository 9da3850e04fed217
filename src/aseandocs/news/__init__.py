"""News and reports: the document's kind, headline and date, and its dated events.

- ``document``: ``detect_kind``, ``find_title``, ``find_document_date``, ``extract_events``;
- ``header``: the header lines (dateline, headline) and their dates;
- ``events``: statements, their dates and bodies, assembled into events;
- ``outcomes``: lists of outcome documents under the statement adopting them, one event each;
- ``dating``: happenings recalled by a year, and term start dates that date no event;
- ``cues``: event verbs, instruments and ordinals (data/event_cues.yaml).
"""
from __future__ import annotations

from .document import (
    detect_kind,
    find_title,
    find_document_date,
    extract_events,
    analyse,
)

__all__ = [
    "detect_kind",
    "find_title",
    "find_document_date",
    "extract_events",
    "analyse",
]
