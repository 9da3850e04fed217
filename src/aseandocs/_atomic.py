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
import secrets
import shutil
from pathlib import Path
from typing import Iterator

__all__ = ["write_atomic", "atomic_path", "AtomicBatch", "remove_stale_temps", "TEMP_SUFFIX"]


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


TEMP_SUFFIX = ".tmp"


def _temp_name(path: Path) -> Path:
    """A fresh temporary name beside ``path`` (``.<name>.<random>.tmp``); nothing is created yet,
    so that the caller creates it inside the block that removes it on any exception, a signal
    (SIGINT, SIGTERM) included: between a ``mkstemp`` and the ``try`` after it there is no place
    where an interrupt would leave the file behind."""
    return path.parent / f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"


def _create(tmp: Path) -> None:
    """Create ``tmp`` (exclusive, so never someone else's file) with the mode a new file gets
    under the umask: ``os.open`` applies it, so there is no chmod to do after."""
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666))


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success fsync it and rename it over ``path``.

    On an exception the temporary file is removed and ``path`` is left as it was. ``durable=False``
    skips the fsync: the rename is still atomic for every other process, but after a power cut the
    file may be empty or torn. Only for files that check themselves when read (the build's cache:
    an entry that does not decode is parsed again), where the fsync is not worth its cost (each one
    waits for the disk; two workers' fsyncs wait for each other).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target)
    try:
        _create(tmp)
        yield tmp
        if durable:
            _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, durable: bool = True) -> None:
    """Write ``data`` (str as UTF-8, or bytes) to ``path`` atomically (``atomic_path``)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path, durable=durable) as tmp:
        tmp.write_bytes(payload)   # atomic_path fsyncs it before the rename


class AtomicBatch:
    """Many files written atomically with one flush to disk per ``size`` of them: each goes to its
    temporary file, and ``commit()`` flushes them all at once (``os.sync``) before renaming each
    over its target. The same guarantee as ``write_atomic`` for each file (after a crash or a power
    cut every target is its old file or its new one, whole) without an fsync per file: a build
    writes a ``documents/<id>.json`` per document, and two workers' fsyncs wait for each other.

        >>> from pathlib import Path; import tempfile
        >>> d = Path(tempfile.mkdtemp())
        >>> with AtomicBatch() as batch:
        ...     batch.write(d / "ข่าว_SOMTC.json", '{"title": "การประชุม SOMTC"}')
        ...     batch.write(d / "ASEAN Charter.json", b'{"title": "ASEAN Charter"}')
        >>> sorted(p.name for p in d.iterdir())
        ['ASEAN Charter.json', 'ข่าว_SOMTC.json']

    On an exception inside the ``with`` the files not committed yet are left as they were (their
    temporary files removed).
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._pending: list[tuple[Path, Path]] = []

    def write(self, path: str | os.PathLike[str], data: str | bytes) -> None:
        target = Path(path)
        tmp = _temp_name(target)
        try:
            _create(tmp)
            tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        self._pending.append((tmp, target))
        if len(self._pending) >= self.size:
            self.commit()

    def commit(self) -> None:
        """Flush the files written so far to disk and put each in place."""
        if not self._pending:
            return
        os.sync()
        pending, self._pending = self._pending, []
        for i, (tmp, target) in enumerate(pending):
            try:
                os.replace(tmp, target)
            except BaseException:
                self._pending = pending[i:]
                self.discard()
                raise

    def discard(self) -> None:
        """Forget the files not committed yet (their targets stay as they were)."""
        for tmp, _ in self._pending:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._pending = []

    def __enter__(self) -> "AtomicBatch":
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def remove_stale_temps(*folders: str | os.PathLike[str]) -> int:
    """Remove the temporary files a killed writer left in ``folders`` (``.<name>.<random>.tmp``);
    returns how many. Call it only while no other writer uses the folders (under the build lock)."""
    removed = 0
    for folder in folders:
        for tmp in Path(folder).glob(f".*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if tmp.is_dir() and not tmp.is_symlink():   # a streamed graph's part files
                    shutil.rmtree(tmp)
                else:
                    tmp.unlink()
                removed += 1
    return removed
