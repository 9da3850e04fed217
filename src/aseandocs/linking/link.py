"""Linking reported progress to plan measures (corpus level).

Every measure (``role == "measure"``; sections are never targets) of every plan in the corpus goes
into one BM25 index whose terms are

- Thai words (pythainlp's newmm) and English words, stop words dropped, plus adjacent-word bigrams so
  a phrase ("อาชญากรรม|ข้ามชาติ", "maritime|security") counts for more than its words;
- the bodies the measure names (``body:ARF``), from the mentions inside its title and activities and
  by description ("ประชุมประจำปีของรัฐมนตรีกลาโหม" names the ADMM: ``linking.evidence``);
- its subjects (``subject:transnational crime``): the glossary entries its text holds;
- for English text, the Thai side of the bilingual glossary in ``models/glossary.yaml`` (and the English
  side for Thai text), so an English report can link to a Thai plan.

An event is a query: its words, its bodies (and their families: ADSOM for the ADMM), the subjects of
its text and of its sectoral bodies' names (the AMMD: drugs), and its instruments with a boost
("กฎบัตรอาเซียน (ASEAN Charter)" should find the measure on drafting the ASEAN Charter). Only the
postings of the query's terms are touched, so linking time grows with the number of events, never
with events × measures.

A link is decided on evidence, not on shared words: it needs an *anchor* — a body the measure names
(not a secretariat, summit or council), a specific subject (a broad field such as education or
defence only when it is the mandate of the event's own body, no measure of the plan names that
body, and the measure is in that field by its title or by the mandate of a body it names: ``measure_fields``),
or a named instrument the measure names too: a glossary name of it, or half the phrases of its name
(``_Query.names_instrument``; another nuclear treaty shares "อาวุธ|นิวเคลียร์" with the zone's).
An event with no anchor reports on nothing and gets no link; nor does a stated intention (an event of
type ``plan``) whose only anchor is a subject: "ASEAN stressed that trust-building matters" is a principle,
not a happening (a scheduled meeting names its body). A second or third link to the same plan
must hold an anchor its first link lacks (the event reports on two things, not one thing twice).

ASEAN's frame: a link anchored only by a subject or an instrument's words needs the event to be
ASEAN's — its words, or the part of its document it belongs to (a news item; one agenda item of a
cabinet meeting's summary), name ASEAN, Southeast Asia or an ASEAN body (``evidence.regional_events``).
A ministry's anti-corruption drive at home, a bilateral memorandum on trafficking or a UN
resolution on terrorism shares a measure's subject, not its plan. A body the measure names is
its own evidence.

Date plausibility: an event dated before a plan's adoption cannot report on it — unless the plan says
so, i.e. the measure names the same body or legal instrument the event is about (a 2004 plan measure on
supporting the ASEAN Regional Forum can cite the forum's first meeting in 1994 as its basis; a measure
on accession to the Treaty of Amity and Cooperation, the treaty's amendment in 1987). An undated event
takes its document's date.

Each event keeps at most ``max_links`` (3) measures scoring at least ``threshold``, each with its
``score`` in [0, 1] and ``evidence`` (the words, bodies and instruments that matched)::

    >>> from aseandocs.model import Document, Event, Measure, ParsedDocument
    >>> titles = {"1.2.1": "ยกร่างและจัดทำกฎบัตรอาเซียนให้แล้วเสร็จ",
    ...           "1.2.7": "ยกระดับความร่วมมือด้านความมั่นคงทางทะเลของภูมิภาค",
    ...           "1.3.4": "ร่วมกันปราบปรามอาชญากรรมข้ามชาติทุกรูปแบบ"}
    >>> plan = ParsedDocument(Document.from_text("", id="vap"), kind="plan", date="2004-11-29",
    ...     measures=tuple(Measure(f"vap#{r}", "vap", r, r[:3], 3, t, (0, 1)) for r, t in titles.items()))
    >>> news = ParsedDocument(Document.from_text("", id="n"), kind="news", events=(
    ...     Event("entry_into_force", "กฎบัตรอาเซียน (ASEAN Charter) มีผลบังคับใช้ตั้งแต่เดือนธันวาคม 2551",
    ...           (0, 1), date="2008-12", instruments=("กฎบัตรอาเซียน (ASEAN Charter)",)),
    ...     Event("meeting", "ASEAN's ministers discussed maritime security.", (0, 1), date="2019-03-01"),
    ...     Event("meeting", "The navy and the coast guard discussed maritime security.", (0, 1),
    ...           date="2019-03-02")))
    >>> linked = link_corpus([plan, news])[1]
    >>> [(l.ref, l.evidence[:2]) for l in linked.events[0].measures]
    [('1.2.1', ('asean charter', 'กฎบัตรอาเซียน'))]
    >>> [l.ref for l in linked.events[1].measures]
    ['1.2.7']
    >>> [l.ref for l in linked.events[2].measures]      # a national matter, no ASEAN in sight
    []
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from ..model import Event, Link, Measure, ParsedDocument
from .evidence import (anchors_of, broad_subjects, broad_terms, described_bodies, is_weak, names_asean,
                       named_wider, regional_events, speaks_of_a_step, subjects, subjects_of_bodies,
                       unshared_wider)
from .glossary import _glossary_terms
from .query import LinkConfig, _Query
from .terms import _LEGAL_HEADS, phrase_terms, tokenize

__all__ = ["link_corpus", "link_document", "event_frequencies", "measure_terms", "measure_fields",
           "MeasureIndex", "LinkConfig", "tokenize"]

# --- the index ---------------------------------------------------------------------------------

class _Target(NamedTuple):
    """What a link needs of its measure (the index keeps no measure texts)."""

    id: str
    plan: str
    ref: str


class _Entry(NamedTuple):   # a tuple: 10,000s of them pickle for the workers at C speed
    measure: _Target
    plan_date: str | None
    length: int
    bodies: frozenset[str]
    fields: frozenset[str] = frozenset()   # its broad fields ("subject:education"): ``measure_fields``


class _Flat(NamedTuple):
    """An index's postings as flat arrays: term i's postings are ``entries[offsets[i]:offsets[i+1]]``
    (entry indices, ascending) with ``tfs`` (term counts) at the same places."""

    terms: list[str]
    offsets: Any   # array("q")
    entries: Any   # array("i")
    tfs: Any       # array("i")

    @classmethod
    def of(cls, postings: dict[str, list[tuple[int, int]]]) -> "_Flat":
        from array import array
        offsets, entries, tfs = array("q", [0]), array("i"), array("i")
        for post in postings.values():
            e, c = zip(*post)
            entries.extend(e)
            tfs.extend(c)
            offsets.append(len(entries))
        return cls(list(postings), offsets, entries, tfs)

    def lists(self) -> dict[str, list[tuple[int, int]]]:
        off = self.offsets
        return {t: list(zip(self.entries[off[i]:off[i + 1]], self.tfs[off[i]:off[i + 1]]))
                for i, t in enumerate(self.terms)}


class MeasureIndex:
    """A BM25 index over the measures (titles and activities) of the plans in a corpus.

    It keeps of each measure only what a link needs (id, plan, ref). Pickled (a build sends it to
    its workers), an index drops its search arrays, and its postings travel as flat
    arrays (``_Flat``): loading it and making the arrays again is a few array copies, not a
    Python step per posting."""

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_flat"] = self._flat if self._flat is not None else _Flat.of(self._postings)
        state["_postings"] = None                                 # made again from _flat if needed
        state["_vectors"], state["_entry_norms"], state["_by_entry"] = None, {}, None   # likewise
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _posting_lists(self) -> dict[str, list[tuple[int, int]]]:
        if self._postings is None:
            self._postings = self._flat.lists()   # type: ignore[union-attr]
        return self._postings

    def __init__(self, plans: Iterable[ParsedDocument], config: LinkConfig | None = None,
                 background: Iterable[Iterable[str]] = (), *,
                 terms: Iterable[Sequence[Sequence[str]]] | None = None,
                 background_counts: "tuple[int, dict[str, int]] | None" = None,
                 fields: Iterable[Sequence[Sequence[str]]] | None = None) -> None:
        """``background``: the term sets of other texts (the corpus's events) that count towards
        document frequency, so words common in the news ("แผน", "ความร่วมมือ") weigh less than
        words rare everywhere ("ทางทะเล"); or ``background_counts``, the same as (number of
        texts, texts holding each term) — ``event_frequencies`` of the events, summed.
        ``terms``: each plan's ``measure_terms`` of its measures, when a worker made them already;
        ``fields`` the same for ``measure_fields`` (which need the body registry, loaded in the
        workers and not in the build process).
        """
        self.config = config or LinkConfig()
        self._entries: list[_Entry] = []
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        given = iter(terms) if terms is not None else None
        given_fields = iter(fields) if fields is not None else None
        for pd in plans:
            plan_terms = next(given) if given is not None else [measure_terms(m) for m in pd.measures]
            plan_fields = next(given_fields, None) if given_fields is not None else None
            if plan_fields is None or len(plan_fields) != len(pd.measures):
                plan_fields = [measure_fields(m) for m in pd.measures]
            for m, mt, mf in zip(pd.measures, plan_terms, plan_fields):
                if m.role == "section":          # a heading or prose section: never a target
                    continue
                counts = Counter(mt)
                idx = len(self._entries)
                self._entries.append(_Entry(_Target(m.id, m.plan, m.ref), pd.date, sum(counts.values()),
                                            frozenset(m.bodies), frozenset(mf)))
                for t, c in counts.items():
                    self._postings[t].append((idx, c))
        n = len(self._entries)
        self._avgdl = (sum(e.length for e in self._entries) / n) if n else 1.0
        df = {t: len(p) for t, p in self._postings.items()}
        for terms_ in background:
            n += 1
            for t in set(terms_):
                if t in df:
                    df[t] += 1
        if background_counts is not None:
            n += background_counts[0]
            for t, c in background_counts[1].items():
                if t in df:
                    df[t] += c
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._flat: _Flat | None = None
        self._vectors: "dict[str, tuple[Any, Any]] | None" = None
        self._entry_norms: dict[int, dict[str, float]] = {}
        self._by_entry: Any = None

    def _norm(self, tf: int, idx: int) -> float:
        """BM25's term-frequency part for ``tf`` occurrences in entry ``idx``."""
        cfg = self.config
        return tf * (cfg.k1 + 1) / (tf + cfg.k1 * (1 - cfg.b + cfg.b * self._entries[idx].length
                                                     / self._avgdl))

    def _build_vectors(self) -> dict[str, tuple[Any, Any]]:
        """Each term's postings as arrays (entry indices, BM25 norms), made from the flat postings
        in a few numpy operations: the norms are ``_norm``'s (the same operations in the same
        order on the same doubles, so the same values)."""
        import numpy as np
        if self._flat is None:
            self._flat = _Flat.of(self._posting_lists())
        f, cfg = self._flat, self.config
        idx = np.frombuffer(f.entries, dtype=np.int32).astype(np.int64)
        tf = np.frombuffer(f.tfs, dtype=np.int32).astype(np.float64)
        length = np.fromiter((e.length for e in self._entries), dtype=np.float64, count=len(self._entries))
        norms = tf * (cfg.k1 + 1) / (tf + cfg.k1 * (1 - cfg.b + cfg.b * length[idx] / self._avgdl))
        off = f.offsets
        vectors = {t: (idx[off[i]:off[i + 1]], norms[off[i]:off[i + 1]]) for i, t in enumerate(f.terms)}
        # each entry's postings, for the norms of the entries a query takes (``_norms_of``)
        term_of = np.repeat(np.arange(len(f.terms)), np.diff(np.frombuffer(off, dtype=np.int64)))
        order = np.argsort(idx, kind="stable")
        starts = np.searchsorted(idx[order], np.arange(len(self._entries) + 1))
        self._by_entry = (order, starts, term_of, norms)
        self._entry_norms = {}
        return vectors

    def _norms_of(self, idx: int) -> dict[str, float]:
        """Entry ``idx``'s norm for each of its terms (made for the entries a query takes)."""
        found = self._entry_norms.get(idx)
        if found is None:
            order, starts, term_of, norms = self._by_entry
            mine = order[starts[idx]:starts[idx + 1]]
            terms = self._flat.terms   # type: ignore[union-attr]
            found = self._entry_norms[idx] = dict(zip([terms[j] for j in term_of[mine].tolist()],
                                                      norms[mine].tolist()))
        return found

    def _ranked(self, weights: dict[str, float]) -> Iterator[tuple[float, int, list[tuple[float, str]]]]:
        """Entries that may pass the threshold, best first (score, then entry order): score in
        [0, 1], entry index, and the (contribution, term) pairs that made it, in query-term order.

        Whole posting lists are added at a time in numpy, and the pairs are made only for the
        entries a caller takes: the same sums (same operations, same order) as the plain loop of
        ``_ranked_reference``, so the same links, without touching each posting in Python.
        """
        cfg = self.config
        if cfg.threshold <= 0 or cfg.squash <= 0:
            yield from self._ranked_reference(weights)
            return
        import numpy as np
        if self._vectors is None:
            self._vectors = self._build_vectors()
        raw = np.zeros(len(self._entries), dtype=np.float64)
        for t, w in weights.items():
            vec = self._vectors.get(t)
            if vec is not None:
                raw[vec[0]] += (w * self._idf[t]) * vec[1]
        score = raw / (raw + cfg.squash)
        cand = np.flatnonzero(score >= cfg.threshold)
        for idx in cand[np.lexsort((cand, -score[cand]))].tolist():
            norms = self._norms_of(idx)
            yield float(score[idx]), idx, [(w * self._idf[t] * norms[t], t)
                                           for t, w in weights.items() if t in norms]

    def _ranked_reference(self, weights: dict[str, float]) -> Iterator[tuple[float, int, list[tuple[float, str]]]]:
        """Every entry sharing a term with the query, scored one posting at a time."""
        cfg = self.config
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, list[tuple[float, str]]] = defaultdict(list)
        for t, w in weights.items():
            idf = self._idf.get(t)
            for idx, tf in self._posting_lists().get(t) or ():
                contrib = w * idf * self._norm(tf, idx)
                scores[idx] += contrib
                matched[idx].append((contrib, t))
        ranked = sorted(((raw / (raw + cfg.squash), idx) for idx, raw in scores.items()),
                        key=lambda r: (-r[0], r[1]))
        for score, idx in ranked:
            yield score, idx, matched[idx]

    def __len__(self) -> int:
        return len(self._entries)

    def use_idf(self, table: dict[str, float]) -> dict[str, float]:
        """Score with ``table``'s IDF for the index terms it names; returns the IDF before it."""
        before, self._idf = self._idf, {**self._idf, **{t: v for t, v in table.items() if t in self._idf}}
        return before

    def query(self, event: Event, doc_date: str | None = None,
              terms: "_Query | None" = None, *, reference: bool = False,
              regional: bool | None = None) -> tuple[Link, ...]:
        """The measures ``event`` reports on, best first, at most ``max_links``. ``reference``
        scores one posting at a time (the plain loop the tests compare the fast path with).
        ``regional``: whether the event is in ASEAN's frame (``evidence.regional_events`` of its
        document; by default, from the event's own words and bodies)."""
        if not self._entries:
            return ()
        cfg = self.config
        q = terms or _Query.of(event, cfg)
        surface, instrument_terms = q.surface, q.instruments
        ev_date = event.date or (doc_date if event.status == "done" and not event.date else None)
        links: list[Link] = []
        best = None
        first_anchors: dict[str, set[str]] = {}     # plan -> the anchors of its best link
        if event.type == "stance" and not speaks_of_a_step(event.text):
            return ()      # a stated principle ("reaffirmed its adherence to ...") reports nothing
        naming = self._plans_naming(q.weights, reference)
        if regional is None:
            regional = names_asean(event)
        for score, idx, matched in (self._ranked_reference if reference else self._ranked)(q.weights):
            e = self._entries[idx]
            if ev_date and e.plan_date and ev_date[:len(e.plan_date)] < e.plan_date[:len(ev_date)]:
                says_so = bool(e.bodies & set(event.bodies)) or any(
                    t in instrument_terms or any(w in _LEGAL_HEADS for w in t.split("|"))
                    for _, t in matched)
                if not says_so:
                    continue
            if len(links) == cfg.max_links or score < cfg.threshold or (
                    best is not None and score < cfg.relative * best):
                break
            anchors = anchors_of(matched, instrument_terms, q.body_subjects & e.fields)
            if any(a.startswith("instrument:") for a in anchors):   # sharing a phrase of its name is not enough
                held = {t for _, t in matched}
                anchors = {a for a in anchors
                           if not a.startswith("instrument:") or q.names_instrument(a[11:], held, cfg.named)}
            anchors -= unshared_wider(anchors, event, e.fields)   # drugs and trafficking: not one matter
            if not anchors:
                continue
            if event.type == "plan" and all(a.startswith("subject:") for a in anchors):
                continue      # an intention or a principle on a subject is no happening to report
            if not regional and not any(a.startswith("body:") for a in anchors):
                continue      # a subject or an instrument outside ASEAN's frame is no step of its plans
            m = e.measure
            if m.plan in naming and anchors <= q.body_subjects and not anchors - broad_terms():
                continue      # the plan names the event's body: its broad mandate decides nothing
            if m.plan in naming and all(a.startswith("subject:") for a in anchors):
                continue      # ... nor does a subject alone: the body's own measure explains it
            taken = first_anchors.get(m.plan)
            if taken is not None and not anchors - taken:
                continue      # a second link to a plan must report on something its first does not
            if taken is None:
                first_anchors[m.plan] = anchors
            if best is None:
                best = score      # the best link, not the best measure sharing words without evidence
            links.append(Link(plan=m.plan, ref=m.ref, score=round(score, 4),
                              evidence=self._evidence(matched, surface, instrument_terms, anchors),
                              measure=m.id))
        return tuple(links)

    def _plans_naming(self, weights: dict[str, float], reference: bool) -> set[str]:
        """The plans one of whose measures names a body of the query (not a weak one)."""
        bodies = [t for t in weights if t.startswith("body:") and not is_weak(t[5:])]
        if not bodies:
            return set()
        if reference or self.config.threshold <= 0 or self.config.squash <= 0:
            lists = self._posting_lists()
            found = {i for t in bodies for i, _ in lists.get(t) or ()}
        else:
            if self._vectors is None:
                self._vectors = self._build_vectors()
            found = {int(i) for t in bodies if t in self._vectors for i in self._vectors[t][0]}
        return {self._entries[i].measure.plan for i in found}

    @staticmethod
    def _evidence(matched: list[tuple[float, str]], surface: dict[str, str],
                  instruments: dict[str, str], anchors: "set[str] | None" = None) -> tuple[str, ...]:
        """What decided the link, for a reader to check: the anchors first (bodies, named
        instruments' words, subjects), then the shared words, each by its weight."""
        anchors = anchors or set()

        def is_anchor(t: str) -> bool:
            return t in anchors or (t in instruments and "instrument:" + instruments[t] in anchors)

        out: list[str] = []
        for _, t in sorted(matched, key=lambda x: (not is_anchor(x[1]), -x[0])):
            if t.startswith("body:"):
                s = t[5:]
            elif t.startswith("subject:"):
                s = t[8:]
            else:
                s = surface.get(t, t)
            # a word already inside a longer piece of evidence adds nothing
            if any(s in o for o in out):
                continue
            out = [o for o in out if o not in s] + [s]
            if len(out) == 6:
                break
        return tuple(out)


def measure_fields(m: Measure) -> frozenset[str]:
    """The broad subjects a measure is about ("subject:education"), and the wider subjects its
    text names itself ("named:transnational crime": ``evidence.unshared_wider``). The broad ones:
    those of its title, and the mandates of the bodies it names. A sectoral body's mandate anchors only such a measure, not one
    whose activities merely touch the field: the human-rights measure names the commission on
    women's and children's rights, so the women ministers' work is a step of it; its activity on
    migrant workers makes no labour ministers' meeting one."""
    broad = broad_subjects()
    found = (subjects(m.title) | subjects_of_bodies(m.bodies)) & broad
    return frozenset(f"subject:{k}" for k in found) | named_wider(m)


def measure_terms(m: Measure) -> list[str]:
    """The index terms of a measure: its title's and activities' words and bigrams (each phrase's
    own, ``phrase_terms``: the title's last word and an activity's first, or two items of a list
    the plan writes with spaces, make no phrase), glossary terms of the other language, its
    bodies. An event's text keeps its bigrams across spaces: bounded there too, a drug ministers'
    agenda list ("ประเด็น แผนงาน โครงการ") lost its transnational-crime measure to another."""
    pieces = [m.title] + [a.text for a in m.activities]
    text = " ".join(pieces)
    bodies = list(dict.fromkeys((*m.bodies, *sorted(described_bodies(pieces)))))
    words = [t for p in pieces for t in phrase_terms(p)]
    return (words + _glossary_terms(text)[0] + [f"body:{b}" for b in bodies]
            + [f"subject:{k}" for k in sorted(subjects(text))])


def event_frequencies(events: Iterable[Event], config: LinkConfig | None = None) -> Counter[str]:
    """How many of ``events`` hold each query term: one document's share of the corpus-wide
    document frequencies (``MeasureIndex(background_counts=...)``). A build's workers count it
    as they parse, so the build process never tokenises the events::

        >>> from aseandocs.model import Event
        >>> df = event_frequencies([Event("meeting", "SOMTC met on maritime security", (0, 1)),
        ...                         Event("meeting", "การประชุม SOMTC ว่าด้วยอาชญากรรมข้ามชาติ", (0, 1))])
        >>> df["somtc"], df["security"], df["อาชญากรรม|ข้ามชาติ"]
        (2, 1, 1)
    """
    cfg = config or LinkConfig()
    out: Counter[str] = Counter()
    for ev in events:
        out.update(_Query.of(ev, cfg).weights.keys())
    return out


def link_document(index: MeasureIndex, doc: ParsedDocument) -> dict[int, tuple[Link, ...]]:
    """The links of ``doc``'s events (event index -> links) in ``index``, never to ``doc`` itself
    (a plan does not report its own progress)."""
    cfg = index.config
    links: dict[int, tuple[Link, ...]] = {}
    framed = regional_events(doc)
    for i, ev in enumerate(doc.events):
        found = tuple(l for l in index.query(ev, doc.date, _Query.of(ev, cfg), regional=framed[i])
                      if l.plan != doc.id)
        if found:
            links[i] = found
    return links


def link_corpus(documents: Sequence[ParsedDocument], *,
                config: LinkConfig | None = None) -> list[ParsedDocument]:
    """Fill ``events[].measures`` of every document from the plans among ``documents``.

    Plans are the documents of kind ``plan`` that have measures. Events of a plan never link to
    that same plan's measures (a plan does not report its own progress). Only ``kind``, ``date``,
    ``measures`` and ``events`` of a document are read (never its text). A build does the same in
    pieces (``event_frequencies`` as it parses, ``link_document`` in its workers), with the same
    links.
    """
    cfg = config or LinkConfig()
    plans = [d for d in documents if d.kind == "plan" and d.measures]
    if not plans:
        return [d.with_links({}) if any(e.measures for e in d.events) else d for d in documents]
    queries = {(k, i): _Query.of(ev, cfg) for k, d in enumerate(documents)
               for i, ev in enumerate(d.events)}
    index = MeasureIndex(plans, cfg, background=(q.weights for q in queries.values()))
    out = []
    for k, d in enumerate(documents):
        links: dict[int, tuple[Link, ...]] = {}
        framed = regional_events(d)
        for i, ev in enumerate(d.events):
            found = tuple(l for l in index.query(ev, d.date, queries[(k, i)], regional=framed[i])
                          if l.plan != d.id)
            if found:
                links[i] = found
        out.append(d.with_links(links))
    return out
