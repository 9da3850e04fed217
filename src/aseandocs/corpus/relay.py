"""Objects handed from the build process to a worker while they are made (issue 8).

A parallel build makes each document's part of the graph (``graph.build.Fragment``) once, in
the build process, which writes graph.json and chooses the explorer's nodes from it; a worker
writes graph.graphml and graph.gexf from the same fragments at the same time. Making them again
in the worker (reading every ``documents/*.json`` back) cost it a third of its time.

The fragments travel through files, not a pipe: the writer never blocks on a slow or dead
reader, and a killed build leaves only a temporary folder (``.relay.<random>.tmp``, removed by
the next build like every other temporary file). The folder holds numbered part files of frames;
a frame is an 8-byte little-endian length and a pickled batch of objects, or one of three marks
(end, next part file, abort). The reader removes each part file once it is read, so the folder
stays small however large the corpus::

    >>> import tempfile
    >>> cache = Path(tempfile.mkdtemp())
    >>> relay = RelayWriter(cache)
    >>> for fragment in ("doc:a", "doc:b"): relay.add(fragment)     # a worker reads as they come
    >>> relay.close()
    >>> list(read_relay(relay.folder))
    ['doc:a', 'doc:b']
"""
from __future__ import annotations

import os
import pickle
import shutil
import struct
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from .._atomic import TEMP_SUFFIX
from ..errors import BuildError

__all__ = ["RelayWriter", "read_relay"]

_HEAD = struct.Struct("<Q")
_END = 0                     # no more frames (a batch is never empty: its pickle has bytes)
_NEXT = 2**64 - 2            # go on in the next part file
_ABORT = 2**64 - 1           # the writer failed: the reader stops with an error

#: Bytes written to a part file before the writer goes on in the next one.
PART_BYTES = 32 << 20
#: Objects per frame.
BATCH = 64


def _part(folder: str, k: int) -> str:
    return os.path.join(folder, f"{k:06d}.part")


class RelayWriter:
    """Frames of pickled objects in a new temporary folder of ``parent`` (``self.folder``), for
    one reader (``read_relay``), which removes the part files it has read."""

    def __init__(self, parent: Path, *, part_bytes: int = PART_BYTES, batch: int = BATCH) -> None:
        self.folder = tempfile.mkdtemp(dir=parent, prefix=".relay.", suffix=TEMP_SUFFIX)
        self._part_bytes, self._batch = part_bytes, batch
        self._k = 0
        self._f = open(_part(self.folder, 0), "wb")   # noqa: SIM115 - closed by close()/abort()
        self._buf: list[Any] = []
        self.closed = False

    def _write(self, data: bytes) -> None:
        self._f.write(data)
        self._f.flush()   # a frame is visible to the reader whole or not yet

    def add(self, obj: Any) -> None:
        self._buf.append(obj)
        if len(self._buf) >= self._batch:
            self._flush()

    def _mark(self, mark: int) -> None:
        self._write(_HEAD.pack(mark))

    def _close(self) -> None:
        self._f.close()
        self.closed = True

    def _flush(self) -> None:
        if not self._buf:
            return
        data = pickle.dumps(self._buf, protocol=pickle.HIGHEST_PROTOCOL)
        self._buf = []
        self._write(_HEAD.pack(len(data)) + data)
        if self._f.tell() >= self._part_bytes:
            nxt = open(_part(self.folder, self._k + 1), "wb")   # noqa: SIM115 - exists before the mark
            self._mark(_NEXT)
            self._f.close()
            self._f, self._k = nxt, self._k + 1

    def close(self) -> None:
        """The last frame and the end mark."""
        if not self.closed:
            self._flush()
            self._mark(_END)
            self._close()

    def abort(self) -> None:
        """Tell the reader the objects will not all come (it raises ``BuildError``)."""
        if not self.closed:
            self._buf = []
            try:
                self._mark(_ABORT)
            finally:
                self._close()

    def remove(self) -> None:
        """Remove the folder (after the reader is done, or gone)."""
        self.abort()
        shutil.rmtree(self.folder, ignore_errors=True)


def read_relay(folder: str, stop: Callable[[], bool] = lambda: False) -> Iterator[Any]:
    """The objects a ``RelayWriter`` writes into ``folder``, in order, as they come; waits for
    frames not written yet. Raises ``BuildError`` if the writer aborts, the folder vanishes, or
    ``stop()`` turns true while waiting (the build is gone)."""
    k = 0
    while True:
        path = _part(folder, k)
        try:
            f = open(path, "rb")   # noqa: SIM115 - closed below
        except FileNotFoundError:
            raise BuildError(f"{path}: the graph's fragments vanished during the build; build again") from None
        with f:
            while True:
                (n,) = _HEAD.unpack(_read(f, _HEAD.size, stop, path))
                if n == _END:
                    _unlink(path)
                    return
                if n == _NEXT:
                    break
                if n == _ABORT:
                    raise BuildError(f"{path}: the build stopped making the graph's fragments")
                yield from pickle.loads(_read(f, n, stop, path))   # noqa: S301 - this build's own
        _unlink(path)
        k += 1


def _read(f: Any, n: int, stop: Callable[[], bool], path: str) -> bytes:
    """Exactly ``n`` bytes of ``f``, waiting (at most 20 ms at a time) for those not written yet."""
    data = f.read(n)
    wait = 0.0005
    while len(data) < n:
        if stop():
            raise BuildError(f"{path}: the build is gone")
        if not os.path.exists(path):
            raise BuildError(f"{path}: the graph's fragments vanished during the build; build again")
        time.sleep(wait)
        wait = min(wait * 2, 0.02)
        more = f.read(n - len(data))
        if more:
            data += more
            wait = 0.0005
    return data


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
