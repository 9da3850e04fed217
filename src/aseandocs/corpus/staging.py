"""One build's outputs as one set: written beside the current ones, put in place together.

Every file a build writes (``documents/<id>.json`` of the documents that changed, graph.json,
graph.graphml, graph.gexf, the store, index.html, errors.jsonl) goes first into a staging folder
inside OUT (``.staging.<random>.tmp``, on the same file system, so that putting a file in place is
a rename). Only when every one of them is written does ``commit()`` rename them over the current
files and write ``OUT/manifest.json`` last; a failure before that (a full disk, a permission
error, Ctrl-C, a bug) removes the staging folder and leaves the previous outputs as they were,
whole. The renames need no space, so a full disk cannot stop a commit half-way; a power cut
during it is told by the manifest, which still names the previous build::

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> staged = OutputSet(out)
    >>> _ = (staged.root / "graph.json").write_text("{}")
    >>> _ = (staged.docs.staged / "ข่าว.json").write_text("{}")
    >>> manifest = staged.commit(["graph.json"], ["ข่าว"])
    >>> sorted(p.name for p in out.iterdir()), manifest["documents"]
    (['documents', 'graph.json', 'manifest.json'], 1)
    >>> is_output_folder(out)
    True

The manifest records, for each corpus-level file, its size and SHA-256, so a later build can tell
a file that was changed in place (same size and time) from the one it wrote (``verify``).
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from .._atomic import TEMP_SUFFIX, write_atomic
from .._version import __version__
from ..errors import BuildError

__all__ = ["OutputSet", "DocDirs", "MANIFEST", "is_output_folder", "read_manifest", "verify",
           "disk_error"]

#: The file that marks a folder as the output of a build, written last by each build.
MANIFEST = "manifest.json"

#: The errors of writing that the user can fix, with what to do about each.
_FIXES = {errno.ENOSPC: "free some space on that disk (OUT/cache can be removed: it only saves time) "
                        "or choose another -o, and build again",
          errno.EDQUOT: "free some of your disk quota or choose another -o, and build again",
          errno.EACCES: "make the output folder writable by this user (chmod u+w) or choose another -o",
          errno.EPERM: "make the output folder writable by this user or choose another -o",
          errno.EROFS: "the disk is mounted read-only: choose another -o"}


class DocDirs(NamedTuple):
    """Where a build's documents are: ``staged`` holds those written by this build, ``current``
    (OUT/documents) those it left as they were."""
    staged: Path
    current: Path

    def path(self, doc_id: str) -> Path:
        """The file of document ``doc_id`` as this build sees it."""
        staged = self.staged / f"{doc_id}.json"
        return staged if staged.exists() else self.current / f"{doc_id}.json"

    def staged_path(self, doc_id: str) -> Path:
        """Where this build writes document ``doc_id``."""
        return self.staged / f"{doc_id}.json"


class OutputSet:
    """The staging folder of one build's outputs inside ``out`` (see the module docstring)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.build_id = uuid.uuid4().hex
        self.root = Path(tempfile.mkdtemp(dir=out, prefix=".staging.", suffix=TEMP_SUFFIX))
        self.docs = DocDirs(self.root / "documents", out / "documents")
        self.docs.staged.mkdir()

    def commit(self, names: Iterable[str], doc_ids: Iterable[str],
               facts: dict[str, Any] | None = None) -> dict[str, Any]:
        """Put the staged files in place: the staged documents into OUT/documents, documents no
        longer in the corpus (not in ``doc_ids``) removed, then each corpus-level file of ``names``
        that was staged, then the manifest; returns the manifest."""
        keep = set(doc_ids)
        current = self.docs.current
        current.mkdir(exist_ok=True)
        files: dict[str, dict[str, Any]] = {}
        before = (read_manifest(self.out) or {}).get("files") or {}
        for name in names:
            staged = self.root / name
            if staged.exists():
                files[name] = _fingerprint(staged)
            elif (self.out / name).exists():   # kept from the previous build (``verify`` checked it)
                files[name] = before.get(name) or _fingerprint(self.out / name)
        manifest = {"aseandocs": __version__, "build": self.build_id,
                    "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "documents": len(keep), "files": files, **({"facts": facts} if facts else {})}
        for f in sorted(self.docs.staged.rglob("*.json")):     # ids may be paths ("2020/09/x")
            target = current / f.relative_to(self.docs.staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(f, target)
        for old in current.rglob("*.json"):
            if old.relative_to(current).with_suffix("").as_posix() not in keep:
                old.unlink(missing_ok=True)
        for name in names:
            if (self.root / name).exists():
                os.replace(self.root / name, self.out / name)
        write_atomic(self.out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        self.discard()
        return manifest

    def discard(self) -> None:
        """Remove the staging folder and whatever is still in it."""
        shutil.rmtree(self.root, ignore_errors=True)


def _fingerprint(path: Path) -> dict[str, Any]:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return {"size": path.stat().st_size, "sha256": h.hexdigest()}


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of the build that last wrote ``out``, or None (no build, or an older one)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "build" in data and "aseandocs" in data else None


def is_output_folder(folder: Path) -> bool:
    """Is ``folder`` the output of an aseandocs build (it holds a build's manifest)?"""
    return read_manifest(folder) is not None


def verify(out: Path, names: Iterable[str]) -> bool:
    """Are the files ``names`` of ``out`` byte for byte those its manifest records?"""
    manifest = read_manifest(out)
    if manifest is None:
        return False
    files = manifest.get("files") or {}
    try:
        return all(name in files and _fingerprint(out / name) == files[name] for name in names)
    except OSError:
        return False


def disk_error(e: OSError, out: Path) -> BuildError | None:
    """A clear BuildError for an error of writing the user can fix (a full disk, no permission,
    a read-only disk), naming the file; None for any other error."""
    fix = _FIXES.get(e.errno or 0)
    if fix is None:
        return None
    where = e.filename or out
    return BuildError(f"{where}: {os.strerror(e.errno or 0).lower()} while writing the outputs; the previous "
                      f"outputs in {out} are unchanged ({fix})")
