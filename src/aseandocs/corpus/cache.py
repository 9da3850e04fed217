"""The build cache under ``OUT/cache``: per-document parse results, the corpus links, body names.

- ``<sha256>.json``: one document's parse result (or its deterministic failure), keyed by the file's
  bytes, its path as given and the pipeline version (code and data files);
- ``<sha256>.brief.json``: all a build keeps of a document that is not a plan (its counts, body
  names, measure summary and event frequencies: ``records.Brief``), so an unchanged document is
  taken from a few hundred bytes instead of its whole parse result (issue 18: incremental builds);
- ``<sha256>.json`` also holds what linking needs of the document (each measure's index terms, its
  events' terms), made by the worker that parsed it, so the build process never tokenises;
- ``link-<sha256>.json``: which ``documents/<id>.json`` the last linking wrote (their sizes and
  times), keyed by every document key and the linker: an unchanged corpus is not re-linked, its
  documents are not rewritten (measured: linking tokenises every event again);
- ``names-<key>.json``: the body registry's names for the graph (loading the YAML registry costs
  half a second), keyed by the pipeline version;
- ``outputs-<sha256>.json``: what the last build wrote (graph, exports, store, explorer: their
  sizes and times) for a corpus whose links came from the cache; when nothing changed and the
  files are untouched, a re-run keeps them instead of writing the same bytes again.

Entries of files changed or gone are removed at the end of each build::

    >>> key = content_key(Path("corpus/ข่าว.txt"), "corpus/ข่าว.txt", "0.1.0:abc")   # doctest: +SKIP
    >>> len(key)                                                                   # doctest: +SKIP
    64
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Callable, Iterable

from .._atomic import write_atomic

__all__ = ["version_key", "content_key", "read_entry", "write_entry", "link_key", "read_links",
           "write_links", "names_key", "body_names", "outputs_key", "read_outputs", "write_outputs",
           "read_brief", "write_brief", "prune"]


def version_key(fn: Callable[..., Any] | None, default: str) -> str:
    """The code version a cached result depends on: the pipeline's ``cache_key()`` (a hash of
    aseandocs' code and data files) for the default stage ``default``, else the function's name."""
    from .._version import __version__
    if fn is None:
        from ..pipeline import cache_key
        return f"{__version__}:{default}:{cache_key()}"
    return f"{__version__}:{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"


def content_key(path: Path, given: str, version: str, doc_id: str | None = None) -> str:
    """The key of a document's cache entry: its bytes, the pipeline version, its path as given
    (the source) and its id (``walk.document_id``: the same path is another id in another corpus
    root, and the id is inside the parse result)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    h.update(b"\0" + version.encode() + b"\0" + given.encode())   # id and source come from the path
    if doc_id is not None:
        h.update(b"\0id\0" + doc_id.encode())
    return h.hexdigest()


def read_entry(cache: Path, key: str, *, document: str | None = None, doc_id: str | None = None,
               with_link: bool = False) -> Any:
    """(status, payload) of a cached document, or None on a miss; ``with_link`` adds a third item,
    what linking needs of it (``corpus.records.link_terms``) when the entry holds it, else None.

    An entry is checked before it is trusted: it must name its own ``key``, belong to the document
    asked for (``document``, the path as given; ``doc_id``, its id) and have the shape of a parse
    result or of an error record. Anything else (another document's entry copied over this one, a
    truncated or hand-edited file, ``{"error": "x"}``) is a miss, and the document is parsed again.
    """
    try:
        entry = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        if "error" in entry:
            payload = entry["error"]
            if not (isinstance(payload, dict) and isinstance(payload.get("path"), str)
                    and isinstance(payload.get("reason"), str) and isinstance(payload.get("error"), str)):
                return None
            if document is not None and payload["path"] != document:
                return None
            hit: tuple[str, Any] = ("error", payload)
        else:
            payload = entry["parsed"]
            doc = payload["document"]
            if not (isinstance(doc, dict) and isinstance(doc.get("id"), str) and isinstance(doc.get("text"), str)
                    and all(isinstance(payload.get(k), list) for k in ("measures", "mentions", "events"))):
                return None
            if (document is not None and doc.get("source") != document) or (doc_id is not None and doc["id"] != doc_id):
                return None
            hit = ("ok", payload)
        link = entry.get("link")
        if link is not None and not isinstance(link, dict):
            link = None
        return (*hit, link) if with_link else hit
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_entry(cache: Path, key: str, status: str, payload: dict[str, Any],
                link: dict[str, Any] | None = None) -> None:
    """Cache one document's outcome under ``key``; the entry names its key, and its payload the
    document (``source`` of a parse result, ``path`` of an error record)."""
    entry: dict[str, Any] = {"key": key}
    entry.update({"parsed": payload} if status == "ok" else {"error": payload})
    if link is not None and status == "ok":
        entry["link"] = link
    # not fsynced: an entry torn by a power cut fails to decode and the document is parsed again
    write_atomic(cache / f"{key}.json", json.dumps(entry, ensure_ascii=False), durable=False)


def write_brief(cache: Path, key: str, brief: Any, names: Any, event_df: Any) -> None:
    """Cache ``brief`` (a ``records.Brief``), the document's mention names and event frequencies,
    beside the document's entry (its size and time: an entry replaced since is read instead)."""
    try:
        stamp = _stamp(cache / f"{key}.json")
    except OSError:
        return
    entry = {"key": key, "entry": stamp, "brief": list(brief), "names": names, "df": event_df}
    write_atomic(cache / f"{key}.brief.json", json.dumps(entry, ensure_ascii=False), durable=False)


def read_brief(cache: Path, key: str, doc_id: str) -> tuple[Any, Any, Any] | None:
    """(brief, mention names, event frequencies or None) of document ``doc_id`` cached under
    ``key`` while its whole parse result is there as it was written; else None (read the entry)."""
    from .records import Brief
    try:
        entry = json.loads((cache / f"{key}.brief.json").read_text(encoding="utf-8"))
        if entry.get("key") != key or entry.get("entry") != _stamp(cache / f"{key}.json"):
            return None
        i, mentions, events, measures, summary, *plan = entry["brief"]   # no plan flag: older
        if i != doc_id or len(plan) > 1:
            return None
        brief = Brief(i, int(mentions), int(events), int(measures),
                      tuple((n, p, tuple(b)) for n, p, b in summary), bool(plan and plan[0]))
        names = tuple((b, w, int(c)) for b, w, c in entry["names"])
        df = entry["df"]
        return brief, names, None if df is None else (int(df[0]), dict(df[1]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def link_key(doc_keys: Iterable[str], version: str) -> str:
    h = hashlib.sha256(version.encode())
    for k in doc_keys:
        h.update(b"\0" + k.encode())
    return f"link-{h.hexdigest()}"


def read_links(cache: Path, key: str, docs_dir: Path, ids: list[str]) -> dict[str, Any] | None:
    """The facts of the last linking (``{"links": n}``) if it was this same linking (``key``) of
    the same documents and every ``documents/<id>.json`` it wrote is still as written (their
    sizes and times); else None."""
    try:
        entry = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
        if entry["ids"] != ids:
            return None
        stamps = entry["files"]
        if any(_stamp(docs_dir / f"{i}.json") != s for i, s in zip(ids, stamps)):
            return None
        return entry["facts"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_links(cache: Path, key: str, docs_dir: Path, ids: list[str], facts: dict[str, Any]) -> None:
    """Record that ``documents/<id>.json`` of ``ids`` hold the links of linking ``key``."""
    entry = {"ids": ids, "files": [_stamp(docs_dir / f"{i}.json") for i in ids], "facts": facts}
    write_atomic(cache / f"{key}.json", json.dumps(entry, ensure_ascii=False))


#: The form of the table ``body_names`` caches (2: with each body's acronyms): a table cached in
#: another form is made again.
_NAMES_FORMAT = 2


def names_key() -> str:
    try:
        return "names-" + hashlib.sha256(f"{_NAMES_FORMAT}:{version_key(None, 'registry')}".encode()).hexdigest()[:32]
    except Exception:  # noqa: BLE001 - no pipeline: nothing to key the registry on
        return "names-none"


def body_names(cache: Path, key: str) -> dict[str, dict[str, Any]] | bool:
    """{id: {"name_en", "name_th", "aliases", "acronyms", "pillar"}} of the shipped registry (cached under
    ``key``); False when the registry cannot be loaded (bodies are then named by the words the
    documents use)."""
    try:
        path = cache / f"{key}.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
        from ..bodies import BodyRegistry
        table = {}
        for b in BodyRegistry.load():
            table[b.id] = {"name_en": (b.en or (None,))[0], "name_th": (b.th or (None,))[0],
                           "aliases": list(b.names), "acronyms": list(b.acronyms), "pillar": b.pillar}
        write_atomic(path, json.dumps(table, ensure_ascii=False))
        return table
    except Exception:  # noqa: BLE001 - a missing or broken registry only costs the names
        return False


def outputs_key(link_key: str, names: str, formats: Iterable[str] = ()) -> str:
    """Keyed by the corpus links, the registry names, the formats written and the explorer's own
    files (its template, script and style are not Python modules, so the pipeline's key does not
    see them)."""
    from importlib import resources
    h = hashlib.sha256(f"{link_key}\0{names}\0{','.join(formats)}".encode())
    folder = resources.files("aseandocs") / "explorer"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_file():
            h.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return f"outputs-{h.hexdigest()}"


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def read_outputs(cache: Path, key: str, out: Path) -> dict[str, Any] | None:
    """The facts recorded with the outputs, if every recorded file is still as written."""
    try:
        entry = json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))
        if all(_stamp(out / name) == stamp for name, stamp in entry["files"].items()):
            return entry["facts"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def write_outputs(cache: Path, key: str, out: Path, names: Iterable[str], facts: dict[str, Any]) -> None:
    entry = {"files": {n: _stamp(out / n) for n in names}, "facts": facts}
    write_atomic(cache / f"{key}.json", json.dumps(entry))


def prune(cache: Path, live: set[str]) -> None:
    """Remove the cache entries not used by this build (files changed or gone, old links)."""
    for entry in cache.glob("*.json"):
        stem = entry.stem[:-len(".brief")] if entry.stem.endswith(".brief") else entry.stem
        if stem not in live:
            entry.unlink(missing_ok=True)
