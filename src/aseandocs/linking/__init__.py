"""Linking: each event to the plan measures it reports progress on, over an index of the measures
(never all pairs), with a score and the evidence.

- ``link``: ``link_corpus``, ``link_document``, ``MeasureIndex``, ``LinkConfig``, the terms of events
  and measures.
- ``evidence``: what identifies a measure and an event: the bodies a measure names by description,
  body families, weak bodies, glossary subjects (specific or broad).
- ``search_terms``: the bilingual search terms of each measure (graph, store, explorer).
"""
from __future__ import annotations

from .link import (
    link_corpus,
    link_document,
    event_frequencies,
    measure_terms,
    measure_fields,
    MeasureIndex,
    LinkConfig,
    tokenize,
)

__all__ = [
    "link_corpus",
    "link_document",
    "event_frequencies",
    "measure_terms",
    "measure_fields",
    "MeasureIndex",
    "LinkConfig",
    "tokenize",
]
