"""One document's work, as a worker process (or a Dask worker) does it: parse it, never raise, and
turn a failure into the error record of ``OUT/errors.jsonl``; a local worker also writes the cache
entry and returns the compact record (``corpus.records``) instead of the whole result."""
from __future__ import annotations

import contextlib
import ctypes
import os
import threading
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from ..errors import AseandocsError, ParseError, ReadError
from ..model import ParsedDocument
from . import cache
from .records import BriefRecord, DocRecord, compact, link_terms

__all__ = ["parse_one", "parse_cached", "brief_record", "parse_remote", "error_record", "unreadable", "Limits", "ParseFn", "Job", "Outcome"]

ParseFn = Callable[[str], ParsedDocument]
# (given path, absolute path) of a document, and what came back: ("ok", dict) / ("error", record)
Job = tuple[str, str]
Outcome = tuple[str, dict[str, Any], bool]   # status, payload, cacheable


#: What to do about an error whose exception carries no hint, by exception class.
_HINTS = {"ReadError": "check that the file opens and is a txt, html or pdf document",
          "UnsupportedFormatError": "convert it to txt, html or pdf, or remove it from the corpus",
          "ParseError": "a parsing stage failed on this document; please report it with the file",
          "AseandocsError": "see the reason; fix the file or the installation and build again"}


def error_record(path: str, e: BaseException) -> dict[str, Any]:
    if isinstance(e, AseandocsError):
        reason = getattr(e, "reason", None) or str(e)
        hint = getattr(e, "hint", None) or _HINTS.get(type(e).__name__, _HINTS["AseandocsError"])
    else:
        reason = f"{type(e).__name__}: {e}"
        hint = "an unexpected failure in aseandocs; please report it with this file"
    return {"path": path, "error": type(e).__name__, "reason": reason, "hint": hint}


def _empty(given: str, doc: dict[str, Any]) -> ReadError:
    """The error of a document without any text: nothing can be found in it, so it is reported
    rather than written as an empty record."""
    if doc.get("format") == "pdf" and any(p.get("needs_ocr") for p in doc.get("pages") or ()):
        return ReadError(given, "no text layer on any page (a scanned PDF?)",
                         hint="run OCR on it (e.g. ocrmypdf) and build again")
    if doc.get("format") == "pdf":
        return ReadError(given, "a PDF without any text",
                         hint="check that it opens in a viewer; run OCR if it is scanned")
    if doc.get("format") == "html":
        return ReadError(given, "an HTML page without any visible text",
                         hint="save the page with its content, or remove the file from the corpus")
    return ReadError(given, "an empty document (no text, or only white space)",
                     hint="add the text, or remove the file from the corpus")


class Limits(NamedTuple):
    """What one document may cost: its size in bytes and its parse time in seconds (None: no
    limit). A document over either fails with the reason; the build goes on."""
    max_bytes: int | None = None
    seconds: float | None = None


class _OutOfTime(BaseException):
    """Raised in the parsing thread when its document ran past ``Limits.seconds``. A
    BaseException, so that no ``except Exception`` inside a stage can swallow it."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``_OutOfTime`` in this thread once ``seconds`` have passed (between two Python
    steps: a single long call into C finishes first). Works in any thread, so in a worker
    process, in the build's own process and in a Dask worker's task thread alike."""
    if seconds is None:
        yield
        return
    target, lock, state = threading.get_ident(), threading.Lock(), {"done": False}

    def fire() -> None:
        if finished.wait(seconds):
            return
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(_OutOfTime))

    finished = threading.Event()
    watchdog = threading.Thread(target=fire, name="aseandocs-time-limit", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        finished.set()


def _too_large(given: str, target: str, limits: Limits) -> ReadError | None:
    if limits.max_bytes is None:
        return None
    size = os.stat(target).st_size
    if size <= limits.max_bytes:
        return None
    return ReadError(given, f"the file is {size / 1e6:.1f} MB, over the limit of "
                            f"{limits.max_bytes / 1e6:g} MB per document",
                     hint="split it into smaller documents, or raise the limit (--max-doc-mb)")


def _parsed(target: str, parse_fn: ParseFn | None, doc_id: str | None) -> dict[str, Any]:
    """``target`` parsed into its JSON contract, with the document id ``doc_id`` (its path in
    the corpus, ``walk.document_id``) in place of the reader's file stem. The pipeline's own parse
    gets the id before it parses (measure ids are ``<id>#<ref>``); a ``parse_fn`` given by the
    caller gets the path, and its result's document and measure ids are renamed after."""
    if parse_fn is None:
        from ..pipeline import parse
        if doc_id is None:
            return parse(target).to_dict()
        from dataclasses import replace as _replace
        from ..readers import read
        return parse(_replace(read(target), id=doc_id)).to_dict()
    d = parse_fn(target).to_dict()
    old = d["document"]["id"]
    if doc_id is not None and old != doc_id:
        d["document"]["id"] = doc_id
        for m in d.get("measures") or ():
            if isinstance(m.get("id"), str) and m["id"].startswith(old + "#"):
                m["id"] = doc_id + m["id"][len(old):]
            if m.get("plan") == old:
                m["plan"] = doc_id
    return d


def parse_one(given: str, absolute: str, parse_fn: ParseFn | None, limits: Limits = Limits(),
              doc_id: str | None = None) -> Outcome:
    """Parse one file; never raises. The result's ``source`` is the path as given, its id
    ``doc_id`` (the reader's file stem when None). A file over ``limits`` is an error outcome
    that is not cached (the limits are the build's, not the file's)."""
    try:
        target = given if os.path.exists(given) else absolute   # a Dask worker's cwd may differ
        big = _too_large(given, target, limits)
        if big is not None:
            return "error", error_record(given, big), False
        try:
            with _time_limit(limits.seconds):
                d = _parsed(target, parse_fn, doc_id)
        except _OutOfTime:
            late = ReadError(given, f"parsing took longer than the limit of {limits.seconds:g} s per document",
                             hint="look for a very long or repetitive text in it, or raise the limit "
                                  "(--doc-timeout)")
            return "error", error_record(given, late), False
        if target != given:
            d["document"]["source"] = given
        if not d["document"]["text"]:
            raise _empty(given, d["document"])
        return "ok", d, True
    except AseandocsError as e:
        # a ReadError/ParseError is the document's own (the same bytes fail the same way): cached;
        # anything else (a broken registry, ...) is the installation's: retried next build
        return "error", error_record(given, e), isinstance(e, (ReadError, ParseError))
    except Exception as e:           # noqa: BLE001 - the batch goes on; not cached (may be transient)
        return "error", error_record(given, e), False


def _with_link_terms(given: str, outcome: Outcome) -> tuple[Outcome, dict[str, Any] | None]:
    """What linking needs of a parse result (``corpus.records.link_terms``), made where it was parsed."""
    status, payload, cacheable = outcome
    if status != "ok":
        return outcome, None
    try:
        return outcome, link_terms(payload)
    except (KeyError, TypeError, ValueError) as e:
        return ("error", error_record(given, e), False), None


def parse_cached(given: str, absolute: str, parse_fn: ParseFn | None, cache_dir: str,
                 key: str, link: bool = True, limits: Limits = Limits(),
                 doc_id: str | None = None) -> Outcome:
    """Parse one file in a local worker, write its cache entry there (with what linking needs of
    it, when ``link``) and return the compact record instead of the whole result (the build
    process keeps records, never texts or events): a plan's ``DocRecord``, or for any other
    document a ``BriefRecord``, its brief cached here too. The outcome is not ``cacheable`` again:
    it is cached already."""
    status, payload, cacheable = parse_one(given, absolute, parse_fn, limits, doc_id)
    if status != "ok":
        if cacheable:
            cache.write_entry(Path(cache_dir), key, status, payload)
        return status, payload, False
    try:   # the record and what linking needs, from one decoding of the result
        rec = compact(payload, events=False, link=link or None, graph=True)
    except (KeyError, TypeError, ValueError) as e:
        return "error", error_record(given, e), False
    if cacheable:
        cache.write_entry(Path(cache_dir), key, status, payload, rec.link_json())
    return "ok", rec if rec.link_target else brief_record(Path(cache_dir), key, rec), False   # type: ignore[return-value]


def brief_record(cache_dir: Path, key: str, rec: DocRecord) -> BriefRecord:
    """The ``BriefRecord`` of ``rec`` (not a plan with measures), its brief cached beside the
    document's entry under ``key`` (nothing is cached without the entry)."""
    brief = rec.brief()
    cache.write_brief(cache_dir, key, brief, rec.mention_names, rec.event_df)
    return BriefRecord(brief, rec.mention_names, rec.event_df)


def parse_remote(given: str, absolute: str, doc_id: str | None = None, parse_fn: ParseFn | None = None,
                 limits: Limits = Limits()) -> Outcome:
    """``parse_one`` on a Dask worker, with what linking needs of the result in its ``_link``."""
    outcome, terms = _with_link_terms(given, parse_one(given, absolute, parse_fn, limits, doc_id))
    if terms is not None:
        outcome[1]["_link"] = terms
    return outcome


def unreadable(given: str, e: OSError) -> dict[str, Any]:
    """The error record of a file whose bytes cannot be read for its cache key."""
    denied = isinstance(e, PermissionError)
    return {"path": given, "error": "ReadError",
            "reason": "permission denied" if denied else f"cannot read the file ({e.strerror or e})",
            "hint": "make the file readable by this user (chmod u+r) or remove it from the corpus"
            if denied else "check that it exists and is readable"}
