"""Incremental linking (issue 18): the statistics a build scores links with, and which documents
it links again.

A link's score weighs each term an event shares with a measure by the term's IDF over the plans'
measures and the corpus's events, so that words common in the news ("ความร่วมมือ", "meeting")
weigh less than words rare everywhere ("ทางทะเล"). Those statistics move with every article
added: exact statistics would change every score in its fourth decimal and rewrite every
document, and an article's links would depend on what else happens to be in the corpus. Measured
on ``../shared/thaigov`` (benchmarks/bench_incremental.py): scoring against the plans alone loses
link precision on the gold sets, and rounding the statistics to any grid still moves some common
term across a step with each handful of articles (more than half of the documents linked again).

So a build keeps the IDF it scored with in ``OUT/linking.json`` (the basis, one of the outputs)
and the next build scores with it again for each index term whose IDF over the corpus as it is
now lies within ``TOLERANCE`` (5 %) of it; a term that moved further takes its new IDF, and only
the documents whose events hold such a term are linked again (10 articles added to 1,446: 3
terms moved, 2 other documents linked again). Therefore:

- every score uses IDFs within 5 % of the corpus's own (each build restores it, term by term);
- a document's links depend only on its events, the plans and the IDF of its own terms: a
  document left as it is holds exactly the links this build would give it;
- a first build (or one without OUT/linking.json) scores with the exact statistics, as before;
  a build given the same basis (``--force`` keeps it; a new OUT can be given a copy) writes the
  same bytes as an incremental one (benchmarks/compare_builds.py);
- a change of the plans (another index) or of the linking code links every document again.

    >>> frozen, moved = merge_idf({"asean": 1.02, "ทางทะเล": 6.0}, {"asean": 1.0, "ทางทะเล": 5.0})
    >>> frozen, sorted(moved)
    ({'asean': 1.0, 'ทางทะเล': 6.0}, ['ทางทะเล'])

What a build records of its linking is in ``OUT/cache/relink-state.json``: each document's cache
key, link count and the size and time of the ``documents/<id>.json`` it wrote.
"""
from __future__ import annotations

import json
import os
from array import array
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from .._atomic import write_atomic

__all__ = ["TOLERANCE", "BASIS", "STATE", "merge_idf", "Relinker"]

#: How far (relative) the IDF a build scores a term with may be from the corpus's own.
TOLERANCE = 0.05

#: The output file holding the IDF the build's links were scored with.
BASIS = "linking.json"

#: The cache entry (``cache/<STATE>.json``) of what the last linking wrote.
STATE = "relink-state"


def merge_idf(live: dict[str, float], frozen: dict[str, float] | None,
              tolerance: float = TOLERANCE) -> tuple[dict[str, float], set[str]]:
    """The IDF to score with (``frozen``'s where it is within ``tolerance`` of ``live``, else
    ``live``'s) and the terms that took their live value."""
    out: dict[str, float] = {}
    moved: set[str] = set()
    for t, v in live.items():
        f = frozen.get(t) if frozen else None
        if isinstance(f, float) and abs(f - v) <= tolerance * abs(v):
            out[t] = f
        else:
            out[t] = v
            moved.add(t)
    return out, moved


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


class Relinker:
    """One build's incremental linking: the corpus's event frequencies added up as documents
    arrive (``add``), the documents to link again (``select``), the basis to write (``stage``)
    and the record of what was written (``record``).

    ``fresh`` (``--force``) links every document again, still with the basis of OUT (the
    statistics are an output of the builds before, not a cache)."""

    def __init__(self, out: Path, cache_dir: Path, *, fresh: bool = False) -> None:
        self.out, self.cache_dir, self.docs_dir = out, cache_dir, out / "documents"
        self.events = 0
        self.terms: Counter[str] = Counter()
        basis = _read(out / BASIS)
        idf = basis.get("idf") if basis else None
        self.frozen: dict[str, float] | None = idf if isinstance(idf, dict) else None
        self.state = None if fresh or self.frozen is None else _read(cache_dir / f"{STATE}.json")
        self._ids = {t: i for i, t in enumerate(sorted(self.frozen))} if self.state else {}
        self._uses: dict[str, array[int]] = {}   # document id -> the basis terms its events hold
        self.basis: dict[str, Any] | None = None
        self.index_key: str | None = None
        self.kept: dict[str, list[Any]] = {}     # documents left as they are -> their state

    def add(self, doc_id: str, events: int, terms: dict[str, int]) -> None:
        """One document's share of the corpus's event frequencies (``records.link_terms``)."""
        self.events += events
        self.terms.update(terms)
        if self._ids:
            ids = self._ids
            self._uses[doc_id] = array("I", sorted(ids[t] for t in terms if t in ids))

    def select(self, index: Any, index_key: str, ids: list[str], keys: list[str]) -> set[str]:
        """Score ``index`` (a ``linking.MeasureIndex`` made with this corpus's frequencies) with
        the basis, and return the documents of ``ids`` (cache ``keys``) to link again: those
        new or changed, whose file was touched, or whose events hold a term that moved."""
        merged, moved = merge_idf(index.use_idf({}), self.frozen)
        index.use_idf(merged)
        self.basis, self.index_key = {"tolerance": TOLERANCE, "idf": merged}, index_key
        st = self.state
        self.kept = {}
        if st is None or st.get("index") != index_key or not isinstance(st.get("docs"), dict) \
                or any(t not in self._ids for t in moved):
            return set(ids)
        moved_ids = {self._ids[t] for t in moved}
        todo = set()
        for doc_id, key in zip(ids, keys):
            rec = st["docs"].get(doc_id)
            uses = self._uses.get(doc_id)
            if (not isinstance(rec, list) or len(rec) != 4 or rec[0] != key or uses is None
                    or _stamp(self.docs_dir / f"{doc_id}.json") != rec[2:]
                    or (moved_ids and not moved_ids.isdisjoint(uses))):
                todo.add(doc_id)
            else:
                self.kept[doc_id] = rec
        return todo

    def release(self) -> None:
        """After ``select``: the corpus's term counts and each document's terms are in the index
        and the selection now, so they are not kept through the writing phases (flat memory)."""
        self.terms = Counter()
        self._uses = {}

    @property
    def kept_links(self) -> int:
        return sum(int(r[1]) for r in self.kept.values())

    def stage(self, root: Path) -> bool:
        """Write the basis into the staging folder ``root``; False when there is none (no plans,
        another linker, or linking failed), and OUT's is removed as the outputs are committed."""
        if self.basis is None:
            return False
        write_atomic(root / BASIS, json.dumps(self.basis, ensure_ascii=False, sort_keys=True, indent=0))
        return True

    def record(self, ids: Iterable[str], keys: Iterable[str], links: dict[str, int]) -> None:
        """After the commit: what each document's file holds, for the next build's ``select``
        (``links``: the link counts of the documents this build wrote)."""
        path = self.cache_dir / f"{STATE}.json"
        if self.basis is None:
            path.unlink(missing_ok=True)
            (self.out / BASIS).unlink(missing_ok=True)
            return
        docs: dict[str, list[Any]] = {}
        for doc_id, key in zip(ids, keys):
            kept = self.kept.get(doc_id)
            stamp = _stamp(self.docs_dir / f"{doc_id}.json")
            if kept is not None and kept[2:] == stamp:
                docs[doc_id] = kept
            elif doc_id in links and stamp is not None:
                docs[doc_id] = [key, links[doc_id], *stamp]
        write_atomic(path, json.dumps({"index": self.index_key, "docs": docs}, ensure_ascii=False),
                     durable=False)

    def forget(self) -> None:
        """Linking failed: no basis, no record (the next build links everything again)."""
        self.basis = None
        try:
            os.unlink(self.cache_dir / f"{STATE}.json")
        except OSError:
            pass
