"""Reading documents: ``read(path)`` gives a ``Document`` from a text file in any Thai encoding, an HTML
page or a PDF (with its pages, tables and, for scanned pages, OCR).

- ``dispatch``: ``read``/``read_bytes`` sniff the format and hand the bytes to a reader;
- ``text``: encodings (UTF-8/16/32 with or without a BOM, TIS-620, cp874);
- ``html``: HTML to text; ``pdf``: PDF pages, lines, running headers, tables; ``ocr``: Tesseract.
"""
from __future__ import annotations

from .dispatch import (
    read,
    read_bytes,
    read_pdf_tables,
    PdfTable,
    SUPPORTED_SUFFIXES,
    FORMATS,
)

__all__ = [
    "read",
    "read_bytes",
    "read_pdf_tables",
    "PdfTable",
    "SUPPORTED_SUFFIXES",
    "FORMATS",
]
