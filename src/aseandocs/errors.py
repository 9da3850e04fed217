"""The exceptions aseandocs raises.

Every message says what was wrong, where (file, page, offset) and, where it helps, what to do::

    >>> raise ReadError("corpus/scan.png", "binary content (PNG image), not text",
    ...                 hint="convert it to text or PDF first")
    Traceback (most recent call last):
    aseandocs.errors.ReadError: corpus/scan.png: binary content (PNG image), not text (convert it to text or PDF first)
"""
from __future__ import annotations

__all__ = ["AseandocsError", "ReadError", "UnsupportedFormatError", "ParseError", "NotFoundError",
           "RegistryError", "BuildError", "OutputLockedError"]


class AseandocsError(Exception):
    """Base class of every error aseandocs raises on purpose."""


class ReadError(AseandocsError):
    """A file could not be read as a document (missing, binary, undecodable, corrupt PDF, ...)."""

    def __init__(self, path: object, reason: str, *, hint: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        msg = f"{self.path}: {reason}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class UnsupportedFormatError(ReadError):
    """The file's type is not one aseandocs reads (txt, pdf, html)."""


class ParseError(AseandocsError):
    """A document was read but a parsing stage failed on it."""


class RegistryError(AseandocsError):
    """The body registry is malformed (duplicate id, unknown parent, shared alias, bad field)."""


class QueryError(AseandocsError):
    """A query a user wrote cannot run on the store: bad SQL, an unknown table, a statement that
    would write or reach another file, or one that ran past its time limit."""


class BuildError(AseandocsError):
    """A corpus build could not start or finish (bad corpus path, unwritable output, ...)."""


class OutputLockedError(BuildError):
    """Another build is writing to the same output folder."""


class NotFoundError(AseandocsError, KeyError):
    """A query named something the graph or registry does not hold (or holds more than once)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
