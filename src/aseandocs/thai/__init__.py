"""Thai text: one-pass normalisation with an offset map back to the source, Thai digits, language
detection, and the repair of Thai that PDF fonts damaged.

- ``text``: ``normalize`` (``Normalized``, ``OffsetMap``), ``thai_digits_to_ascii``, ``detect_language``;
- ``pdf_repair``: private-use glyphs, reordered marks and other damage of extracted PDF text.
"""
from __future__ import annotations

from .text import (
    normalize,
    Normalized,
    OffsetMap,
    thai_digits_to_ascii,
    detect_language,
    thai_ratio,
    THAI_CHARS,
    THAI_CONSONANTS,
    THAI_COMBINING,
    THAI_TONES,
    repair_pdf_text,
    repair_pdf_chars,
    pua_table,
)

__all__ = [
    "normalize",
    "Normalized",
    "OffsetMap",
    "thai_digits_to_ascii",
    "detect_language",
    "thai_ratio",
    "THAI_CHARS",
    "THAI_CONSONANTS",
    "THAI_COMBINING",
    "THAI_TONES",
    "repair_pdf_text",
    "repair_pdf_chars",
    "pua_table",
]
