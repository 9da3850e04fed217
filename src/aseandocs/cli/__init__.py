"""The ``aseandocs`` command line: thin wrappers that parse arguments, call the library and print.

- ``main``: the console script's entry point and the parser of every subcommand;
- ``graph``: ``aseandocs graph …`` (queries and exports of a build);
- ``output``: how records are printed (JSON, shortened lines, tables).
"""
from __future__ import annotations

from .main import EXAMPLES, EXIT_CRASH, EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, build_parser, main

__all__ = ["main", "build_parser", "EXAMPLES", "EXIT_OK", "EXIT_FAILED", "EXIT_PARTIAL", "EXIT_CRASH"]
