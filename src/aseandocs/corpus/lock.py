"""The build lock: one build at a time writes to an output folder; and SIGTERM stopping a build as
Ctrl-C does, so that the lock goes with it.

``OUT/.lock`` holds the pid of the build writing there. On POSIX the file is also ``flock``-ed for
the whole build, so the kernel releases it when the build ends in any way (even ``kill -9``) and
two builds starting at the same moment cannot both take over a lock left by a crashed one::

    >>> with BuildLock(Path("out")):                      # doctest: +SKIP
    ...     BuildLock(Path("out")).__enter__()            # a second build of the same OUT
    Traceback (most recent call last):
    aseandocs.errors.OutputLockedError: out: another build (pid 4242) is writing to this output folder; ...

The same holds for a Thai output folder name ("ผลลัพธ์/.lock") and any other path.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path
from typing import Any, Iterator

from ..errors import BuildError, OutputLockedError

try:  # POSIX; elsewhere the pid file alone is the lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["BuildLock", "Terminated", "terminate_as_interrupt"]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _pid_in(text: str) -> int:
    try:
        return int(text.strip() or "0")
    except ValueError:
        return 0


def _locked(path: Path, pid: int) -> OutputLockedError:
    who = f"another build (pid {pid})" if pid > 0 else "another build"
    return OutputLockedError(
        f"{path.parent}: {who} is writing to this output folder; wait for it to finish or choose "
        f"another -o (if no build is running, delete {path})")


class BuildLock:
    """``OUT/.lock``: taken on enter, released (and removed) on exit; raises ``OutputLockedError``
    when a live build holds it. A lock left by a dead build is taken over."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".lock"
        self._fd: int | None = None

    def fileno(self) -> int | None:
        """The descriptor holding the flock (None before enter, or without flock). A worker process
        forked during the build closes its copy (``aseandocs.corpus.outputs.worker_init``), so a
        worker that outlives a killed build never keeps the lock."""
        return self._fd

    def __enter__(self) -> "BuildLock":
        if fcntl is None:  # pragma: no cover - Windows
            self._enter_exclusive()
        else:
            self._enter_flock()
        return self

    def _enter_flock(self) -> None:
        for _ in range(20):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise BuildError(f"{self.path}: cannot create the build lock ({e.strerror or e}); "
                                 "check that the output folder is writable, or choose another -o") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pid = _pid_in(os.pread(fd, 32, 0).decode("ascii", "replace"))
                os.close(fd)
                raise _locked(self.path, pid) from None
            try:   # the holder before us may have removed the file: then lock the new one
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            pid = _pid_in(os.pread(fd, 32, 0).decode("ascii", "replace"))
            if pid > 0 and pid != os.getpid() and _pid_alive(pid) or pid == os.getpid():
                # a live process wrote its pid without flock (an older aseandocs, another host
                # tool), or this very process is already building here
                os.close(fd)
                raise _locked(self.path, pid)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
            self._fd = fd
            return
        raise OutputLockedError(f"{self.path}: could not take the build lock; delete it and retry")

    def _enter_exclusive(self) -> None:  # pragma: no cover - Windows
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    pid = _pid_in(self.path.read_text())
                except OSError:
                    pid = 0
                if pid > 0 and _pid_alive(pid):
                    raise _locked(self.path, pid) from None
                self.path.unlink(missing_ok=True)   # stale: its owner is gone
                continue
            with os.fdopen(fd, "w") as f:
                f.write(str(os.getpid()))
            return
        raise OutputLockedError(f"{self.path}: could not take the build lock; delete it and retry")

    def __exit__(self, *exc: object) -> None:
        try:
            if self.path.read_text().strip() == str(os.getpid()):
                self.path.unlink()   # while still holding the flock: a waiter re-checks the inode
        except OSError:
            pass
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived during a build: it stops as on Ctrl-C (the lock and temporary files are
    removed, every finished output stays whole)."""


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While a build runs in the main thread, SIGTERM (a service manager stopping it, ``kill``)
    raises ``Terminated`` instead of ending the process on the spot, so the build cleans up as
    on SIGINT. Worker processes put the default back (``outputs.worker_init``)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise Terminated(f"stopped by signal {signum} (SIGTERM)")

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
