"""The per-document pipeline: read, normalise, parse plans, recognise bodies, extract events.

This is the composition of the per-document stages in the order docs/ARCHITECTURE.md draws them; it never
needs the rest of the corpus, so ``corpus.build`` can run it in parallel processes or on a Dask
cluster. Linking (corpus-level) fills ``events[].measures`` afterwards.

    >>> from aseandocs import parse, Document
    >>> pd = parse(Document.from_text("๑.๑ ส่งเสริมความร่วมมือ - จัดการประชุม", id="plan"))
    >>> [(m.ref, m.title, len(m.activities)) for m in pd.measures]
    [('1.1', 'ส่งเสริมความร่วมมือ', 1)]
    >>> parse(Document.from_text("1.1 Promote cooperation - hold a workshop", id="p")).measures[0].title
    'Promote cooperation'
"""
from __future__ import annotations

import hashlib
import os
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Sequence

from ._version import __version__
from .model import Document, Measure, Mention, ParsedDocument
from .thai import detect_language, normalize

if TYPE_CHECKING:  # pragma: no cover
    from .bodies import BodyRegistry

__all__ = ["parse", "normalize_document", "cache_key"]


def normalize_document(document: Document) -> Document:
    """The document with its text normalised (``thai.normalize``) and page spans moved to match."""
    norm = normalize(document.text)
    pages = tuple(replace(p, span=norm.offsets.span_to_norm(p.span)) for p in document.pages)
    return replace(document, text=norm.text, pages=pages,
                   language=document.language or detect_language(norm.text))


def _measure_bodies(measures: Sequence[Measure], mentions: Sequence[Mention]) -> list[Measure]:
    """Each measure gets the bodies mentioned inside its own span (title and activities)."""
    if not mentions:
        return list(measures)
    starts = [m.span[0] for m in mentions]
    out = []
    for m in measures:
        i = bisect_left(starts, m.span[0])
        ids: list[str] = []
        while i < len(mentions) and mentions[i].span[0] < m.span[1]:
            if mentions[i].span[1] <= m.span[1] and mentions[i].body not in ids:
                ids.append(mentions[i].body)
            i += 1
        out.append(replace(m, bodies=tuple(dict.fromkeys(m.bodies + tuple(ids)))) if ids else m)
    return out


def parse(source: "str | os.PathLike[str] | Document", *,
          registry: "BodyRegistry | None" = None, ocr: bool | None = None,
          plan: bool | None = None) -> ParsedDocument:
    """Run every per-document stage on a file path or a ``Document``.

    A path is read with ``aseandocs.read`` (txt in any common Thai encoding, html, pdf); the text is
    normalised; then plans, bodies and events are found. ``events[].measures`` stays empty: linking
    needs the whole corpus (``aseandocs.build``). Raises ``aseandocs.errors.ReadError`` for a file
    that cannot be read. ``ocr``: read scanned PDF pages with Tesseract when it is installed (None),
    always (True: an error when it is missing) or never (False). ``plan``: the caller knows the
    document is a plan (True: its kind is ``plan``) or is not (False: a document detected as a plan
    is a ``report``); None detects the kind.
    """
    from .bodies import BodyRegistry
    from .news.document import _analyse
    from .plans import parse_plan
    from .readers import read

    document = source if isinstance(source, Document) else read(source, ocr=ocr)
    document = normalize_document(document)
    reg = registry if registry is not None else BodyRegistry.load()
    measures = parse_plan(document)
    if document.format == "pdf" and os.path.isfile(document.source):
        # plan matrices ("Ref | Measures | Responsible body | Timeline") give fields and bodies
        from .plans.tables import measures_from_tables, merge_table_measures
        tables = measures_from_tables(document.source, document.id, text=document.text, registry=reg)
        if tables:
            measures = merge_table_measures(measures, tables)
    mentions = reg.find(document.text)
    measures = _measure_bodies(measures, mentions)
    kind, title, date, events = _analyse(document, mentions, measures, plan=plan)
    return ParsedDocument(document=document, kind=kind, title=title, date=date,
                          measures=tuple(measures), mentions=tuple(mentions), events=tuple(events))


@lru_cache(maxsize=1)
def cache_key() -> str:
    """A key that changes whenever the code version or any shipped data file (registry, cue words)
    changes, so a build cache never serves results of an older pipeline."""
    h = hashlib.sha256(__version__.encode())
    root = resources.files("aseandocs")
    for folder in (root, root / "data", root / "bodies"):
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.is_file() and (entry.name.endswith(".py") or folder.name == "data"):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
    return h.hexdigest()[:16]
