"""ASEAN bodies: the curated registry, recognition in Thai and English text, alias discovery.

    >>> from aseandocs.bodies import find_bodies
    >>> [m.body for m in find_bodies("ที่ประชุมรัฐมนตรีต่างประเทศอาเซียน")]
    ['AMM']
    >>> [(m.body, m.method) for m in find_bodies("the ASEAN Regional Forum (ARF) met")]
    [('ARF', 'pattern')]

The spaCy component (``BodyRecognizer``, ``thai_nlp``, the "aseandocs_bodies" factory) lives in
``aseandocs.bodies.spacy_component``; spaCy finds the factory through the package's entry point,
and it is registered here too when spaCy is already imported.
"""
from __future__ import annotations

import sys
from typing import Any

from .discover import Candidate, discover, to_yaml
from .matcher import find_bodies
from .registry import Body, BodyRegistry, RegistryFieldError

__all__ = ["Body", "BodyRegistry", "RegistryFieldError", "find_bodies", "discover", "to_yaml",
           "Candidate", "BodyRecognizer", "ThaiTokenizer", "thai_nlp"]

_SPACY_NAMES = ("BodyRecognizer", "ThaiTokenizer", "thai_nlp", "make_body_component")

if "spacy" in sys.modules:      # register the factory now; otherwise spaCy loads it by entry point
    from . import spacy_component as _spacy_component  # noqa: F401


def __getattr__(name: str) -> Any:
    # the spaCy side is imported on first use: importing spaCy costs a second
    if name in _SPACY_NAMES:
        from . import spacy_component
        return getattr(spacy_component, name)
    raise AttributeError(f"module 'aseandocs.bodies' has no attribute {name!r}")
