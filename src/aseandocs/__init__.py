"""aseandocs: structured, linked data from ASEAN plan texts and news in Thai and English.

Four verbs and the records they produce::

    >>> import aseandocs
    >>> doc = aseandocs.parse("corpus/th_news_ascco.txt")          # read + every per-document stage
    >>> [m.body for m in doc.mentions][:3]                          # doctest: +SKIP
    ['ASCCO', 'ASEC', 'ASOD']
    >>> summary = aseandocs.build("corpus", "out")                  # doctest: +SKIP
    >>> g = aseandocs.MeasureGraph.load("out")                      # doctest: +SKIP
    >>> g.progress("1.2.1")                                         # doctest: +SKIP

Names are imported lazily (PEP 562), so ``import aseandocs`` stays cheap and a worker process loads
only the stages it runs.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "read": "aseandocs.readers",
    "parse": "aseandocs.pipeline",
    "build": "aseandocs.corpus",
    "evaluate": "aseandocs.evaluate",
    "Evaluation": "aseandocs.evaluate",
    "BuildSummary": "aseandocs.corpus",
    "BuildSettings": "aseandocs.corpus",
    "BodyRegistry": "aseandocs.bodies",
    "MeasureGraph": "aseandocs.graph",
    "find_dates": "aseandocs.dates",
    "normalize": "aseandocs.thai",
    "Document": "aseandocs.model",
    "Page": "aseandocs.model",
    "Measure": "aseandocs.model",
    "Activity": "aseandocs.model",
    "Mention": "aseandocs.model",
    "Event": "aseandocs.model",
    "Link": "aseandocs.model",
    "ParsedDocument": "aseandocs.model",
    "AseandocsError": "aseandocs.errors",
    "ReadError": "aseandocs.errors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aseandocs' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .bodies import BodyRegistry
    from .corpus import BuildSettings, BuildSummary, build
    from .dates import find_dates
    from .errors import AseandocsError, ReadError
    from .evaluate import Evaluation, evaluate
    from .graph import MeasureGraph
    from .model import (Activity, Document, Event, Link, Measure, Mention, Page,
                        ParsedDocument)
    from .pipeline import parse
    from .readers import read
    from .thai import normalize
