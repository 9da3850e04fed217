"""Which corpus-level outputs a build writes (``BuildSettings.formats``, ``--formats``) and the
files each one is: a format left out has its file from an earlier build removed, so OUT never
holds a graph, store or explorer older than its documents::

    >>> files_of(("graph-json", "sqlite"))
    ['graph.json', 'aseandocs.sqlite']
    >>> files_of(("sqlite", "parquet"))[1:3]
    ['parquet/documents.parquet', 'parquet/measures.parquet']
"""
from __future__ import annotations

from pathlib import Path

from ..store import TABLES
from .settings import FORMATS

__all__ = ["FILES", "files_of", "remove_skipped", "commit_names", "write_parquet"]

#: The file (or folder) of each format, relative to OUT.
FILES = {"graph-json": "graph.json", "graphml": "graph.graphml", "gexf": "graph.gexf",
         "sqlite": "aseandocs.sqlite", "html": "index.html", "parquet": "parquet"}


def files_of(formats: tuple[str, ...]) -> list[str]:
    """The files the formats write, relative to OUT (Parquet: one per table of the store)."""
    out: list[str] = []
    for f in FORMATS:
        if f in formats:
            out += [f"parquet/{t}.parquet" for t in TABLES] if f == "parquet" else [FILES[f]]
    return out


def remove_skipped(dest: Path, formats: tuple[str, ...]) -> list[str]:
    """Remove the files of the formats not in ``formats`` that an earlier build left in ``dest``;
    returns the names removed."""
    removed = []
    for f in FORMATS:
        if f in formats:
            continue
        path = dest / FILES[f]
        if path.is_dir() and not path.is_symlink():
            for t in TABLES:                       # only the files a build wrote there
                (path / f"{t}.parquet").unlink(missing_ok=True)
            try:
                path.rmdir()
            except OSError:
                pass
            removed.append(FILES[f])
        elif path.exists() or path.is_symlink():
            path.unlink()
            removed.append(FILES[f])
    return removed


def commit_names(out: Path, formats: tuple[str, ...]) -> list[str]:
    """Ready OUT for a build's commit of ``formats``: the files of the formats left out removed
    (``remove_skipped``), the parquet folder made; returns the files to commit (``files_of``)."""
    remove_skipped(out, formats)
    if "parquet" in formats:
        (out / FILES["parquet"]).mkdir(exist_ok=True)
    return files_of(formats)


def write_parquet(dest: Path) -> None:
    """``dest/parquet/<table>.parquet`` from the store just written (``store.export_parquet``;
    needs pyarrow, else a BuildError naming the extra)."""
    from ..store import export_parquet
    export_parquet(dest, dest / FILES["parquet"])
