"""Atomic file output: a reader sees the old file or the new one, never half of either.

Every output of ``aseandocs build`` is written this way (a temporary file in the same folder,
``fsync``, then ``os.replace``), so an interrupted build never leaves a truncated JSON, SQLite or
HTML file behind::

    >>> from pathlib import Path; import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> write_atomic(d / "ข่าว.json", '{"title": "การประชุม SOMTC"}')
    >>> (d / "ข่าว.json").read_text(encoding="utf-8")
    '{"title": "การประชุม SOMTC"}'
    >>> with atomic_path(d / "graph.graphml") as tmp:     # for writers that want a path
    ...     _ = tmp.write_text("<graphml/>", encoding="utf-8")
    >>> (d / "graph.graphml").read_text(encoding="utf-8")
    '<graphml/>'
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

__all__ = ["write_atomic", "atomic_path", "remove_stale_temps"]


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_TEMP_SUFFIX = ".tmp"


def _temp_beside(path: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    os.close(fd)
    return Path(name)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success fsync it and rename it over ``path``.

    On an exception the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    try:
        yield tmp
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (str as UTF-8, or bytes) to ``path`` atomically."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as tmp:
        tmp.write_bytes(payload)   # atomic_path fsyncs it before the rename


def remove_stale_temps(*folders: str | os.PathLike[str]) -> int:
    """Remove the temporary files a killed writer left in ``folders`` (``.<name>.<random>.tmp``);
    returns how many. Call it only while no other writer uses the folders (under the build lock)."""
    removed = 0
    for folder in folders:
        for tmp in Path(folder).glob(f".*{_TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if tmp.is_dir() and not tmp.is_symlink():   # a streamed graph's part files
                    shutil.rmtree(tmp)
                else:
                    tmp.unlink()
                removed += 1
    return removed
