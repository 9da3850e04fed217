"""Thai text: one-pass normalisation with an offset map back to the source, Thai digits, language
detection, and the repair of Thai that PDF fonts damaged.

- ``text``: ``normalize`` (``Normalized``, ``OffsetMap``), ``thai_digits_to_ascii``, ``detect_language``;
- ``pdf_repair``: private-use glyphs, reordered marks and other damage of extracted PDF text, and
  the placeholders of glyphs a font left without a Unicode mapping;
- ``glyphs``: ``unmapped_marks`` and ``resolve``, the Thai mark each unmapped glyph stands for,
  told with the dictionary once per document;
- ``repair``: sara am decided with the dictionary (ring and gap, a stray sara aa, fonts that write
  sara aa as sara am), for the PDF reader;
- ``typed``: ``repair_typed``, the dictionary repair of typed text and of .txt files whose Thai was
  copied out of a PDF (applied only where the text shows the signs of that damage).
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
from .typed import repair_typed, damage_signs, Repaired
from .glyphs import unmapped_marks, resolve as resolve_glyphs

__all__ = [
    "unmapped_marks",
    "resolve_glyphs",
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
    "repair_typed",
    "damage_signs",
    "Repaired",
]
