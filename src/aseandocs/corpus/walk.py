"""The walk over a corpus: which files are documents, in which order, which entries cannot be
read (a symbolic link loop, a dangling link, a folder that cannot be listed), and each document's
id: its path relative to the corpus without the extension, '/'-separated (``document_id``)."""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from .staging import MANIFEST, is_output_folder

__all__ = ["discover", "document_id", "duplicate_id", "SUFFIXES"]

#: File types a build reads; anything else is skipped and counted (a README.md, gold/*.json, ...).
SUFFIXES = frozenset({".txt", ".text", ".pdf", ".html", ".htm"})


def document_id(path: Path, corpus: Path) -> str:
    """The id of the document at ``path`` in the corpus ``corpus``: its path relative to the
    corpus, without the extension, with '/' between folders on every system. A file at the top of
    the corpus (or a corpus that is one file) keeps its stem, so a flat folder's ids are its stems::

        >>> document_id(Path("news/2020/09/19/ด้านสังคม_1.txt"), Path("news"))
        '2020/09/19/ด้านสังคม_1'
        >>> document_id(Path("corpus/ASEAN Charter.html"), Path("corpus"))
        'ASEAN Charter'
        >>> document_id(Path("plan.pdf"), Path("plan.pdf"))
        'plan'
    """
    try:
        rel = path.relative_to(corpus)
    except ValueError:
        rel = Path(path.name)
    if not rel.parts or rel == Path("."):
        rel = Path(path.name)
    return rel.with_name(rel.stem).as_posix() if rel.suffix else rel.as_posix()


def duplicate_id(given: str, doc_id: str, first: str) -> dict[str, Any]:
    """The error record of a document whose id another file of the corpus has already (``first``:
    two paths that differ only by the extension, "a/x.txt" and "a/x.html")."""
    return {"path": given, "error": "BuildError",
            "reason": f"duplicate document id {doc_id!r}: {first} has the same path without its extension",
            "hint": "rename one of the files; a document's id is its path in the corpus without the extension"}


def discover(corpus: Path, exclude: Path) -> tuple[list[Path], int, list[dict[str, Any]]]:
    """Documents under ``corpus`` in sorted order, the count of other files skipped, and an error
    record for each document-named entry that cannot be read (a symlink loop or a dangling link,
    a folder that cannot be listed).

    Hidden files and folders are ignored; symlinked folders are followed once (loops are safe);
    ``exclude`` (the output folder, when it lies inside the corpus) is not walked, nor is any
    other folder that holds a build's manifest (the output of another build).
    """
    if corpus.is_file():
        return ([corpus], 0, []) if corpus.suffix.lower() in SUFFIXES else ([], 1, [])
    found: list[Path] = []
    problems: list[dict[str, Any]] = []
    skipped = 0
    seen: set[tuple[int, int]] = set()
    exclude_real = os.path.realpath(exclude)

    def unlistable(e: OSError) -> None:
        problems.append({"path": e.filename or str(corpus), "error": "ReadError",
                         "reason": f"cannot list this folder ({e.strerror or e})",
                         "hint": "make it readable (chmod u+rx) or move it out of the corpus"})

    for dirpath, dirnames, filenames in os.walk(corpus, followlinks=True, onerror=unlistable):
        try:
            st = os.stat(dirpath)
        except OSError as e:
            unlistable(e)
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen or os.path.realpath(dirpath) == exclude_real \
                or (dirpath != str(corpus) and os.path.isfile(os.path.join(dirpath, MANIFEST))
                    and is_output_folder(Path(dirpath))):
            dirnames[:] = []     # another build's output folder is never read as documents
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.suffix.lower() not in SUFFIXES:
                skipped += 1
            elif p.is_file():
                found.append(p)
            elif p.is_symlink():
                problems.append(_link_problem(p))
            else:
                skipped += 1     # a folder, FIFO or socket named like a document: never opened
    return sorted(found), skipped, problems


def _link_problem(p: Path) -> dict[str, Any]:
    """The error record of a symbolic link that leads to no file."""
    try:
        p.resolve(strict=True)
        reason = "a symbolic link to something that is not a regular file"
    except RuntimeError:   # Python < 3.13 reports a loop this way
        reason = "a symbolic link loop"
    except OSError as e:
        reason = ("a symbolic link loop" if e.errno == errno.ELOOP
                  else "a dangling symbolic link (its target does not exist)")
    return {"path": str(p), "error": "ReadError", "reason": reason,
            "hint": "point the link at a document file, or remove it from the corpus"}
