"""Building a corpus: ``build(corpus, out)`` reads every document, parses it (in worker processes or
on a Dask cluster), links the events and writes every output.

- ``builder``: ``build``, ``BuildSummary``, the phases of a build; ``settings``: ``BuildSettings``;
- ``walk``: which files are documents; ``engines``: local processes or Dask; ``jobs``: one document
  in a worker;
- ``records``: the compact record of a parsed document that the later stages need;
- ``cache``: parse results keyed on the file and the code; ``lock``: one build per OUT;
- ``outputs``: documents/, graph files, the store and the explorer; ``relay``: fragments handed to
  the worker that writes GraphML/GEXF.
"""
from __future__ import annotations

from .builder import (
    build,
    BuildSummary,
    SUFFIXES,
    ENGINES,
    BuildSettings,
)

__all__ = [
    "build",
    "BuildSummary",
    "SUFFIXES",
    "ENGINES",
    "BuildSettings",
]
