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
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ._version import __version__
from .model import Document, Measure, Mention, ParsedDocument
from .thai import detect_language, normalize
from .thai.typed import repair_typed

if TYPE_CHECKING:  # pragma: no cover
    from .bodies import BodyRegistry

__all__ = ["parse", "normalize_document", "cache_key"]


#: Normalisation removing more than this share of a document's characters is worth a warning: it
#: folds white space and drops repeated marks and invisible characters, which clean text has few of.
REMOVED_WARNING = 0.20


def normalize_document(document: Document) -> Document:
    """The document with its text normalised (``thai.normalize``), the Thai of a text that was not
    read from a PDF by us repaired where it shows PDF damage (``thai.typed.repair_typed``), and
    page spans moved to match.
    When normalisation removes more than ``REMOVED_WARNING`` of the characters (stacked combining
    marks, runs of zero-width characters), the document gets a warning saying how much."""
    norm = normalize(document.text)
    text, offsets = norm.text, norm.offsets
    warnings = document.warnings
    before, after = len(document.text), len(norm.text)
    if before and before - after > REMOVED_WARNING * before:
        warnings = (*warnings, f"normalisation removed {100 * (before - after) / before:.0f}% of the text "
                               f"({before - after:,} of {before:,} characters: repeated marks, invisible "
                               "characters or white space); check the source file")
    if document.format != "pdf":        # the PDF reader repairs its pages itself
        fixed = repair_typed(text)
        if fixed.repairs:
            text, offsets = fixed.text, offsets.then(fixed.offsets)
            warnings = (*warnings, f"{fixed.repairs} Thai words repaired with the dictionary ({fixed.signs} "
                                   "signs of Thai copied out of a PDF: sara am as a ring and a gap, marks "
                                   "on the wrong letter, words cut by a space)")
    pages = tuple(replace(p, span=offsets.span_to_norm(p.span)) for p in document.pages)
    return replace(document, text=text, pages=pages, warnings=warnings,
                   language=document.language or detect_language(text))


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
    from .news import analyse
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
    kind, title, date, events = analyse(document, mentions, measures, plan=plan)
    return ParsedDocument(document=document, kind=kind, title=title, date=date,
                          measures=tuple(measures), mentions=tuple(mentions), events=tuple(events))


def cache_key(root: "os.PathLike[str] | str | None" = None) -> str:
    """A key that changes whenever the code version, any module of any subpackage, or any shipped
    data file (registry, cue words) changes, so a build cache never serves results of an older
    pipeline. ``root`` is a package folder to hash instead of the installed ``aseandocs`` (whose
    key is computed once per process); files are taken in the order of their paths, with the paths
    hashed too, and byte-code caches are left out."""
    return _installed_key() if root is None else _key_of(Path(root))


@lru_cache(maxsize=1)
def _installed_key() -> str:
    return _key_of(Path(str(resources.files("aseandocs"))))


def _key_of(base: Path) -> str:
    h = hashlib.sha256(__version__.encode())
    for entry in sorted(base.rglob("*")):
        rel = entry.relative_to(base)
        if "__pycache__" in rel.parts or not entry.is_file():
            continue
        if entry.suffix == ".py" or rel.parts[0] == "data":
            h.update(rel.as_posix().encode() + b"\0")
            h.update(entry.read_bytes())
    return h.hexdigest()[:16]
