"""The compact record of a parsed document that a build keeps in memory (issue 8).

A build streams documents through: each parse result is written to the cache and reduced at once to
a ``DocRecord`` for linking and the graph. The record keeps the document's id, kind, title, date,
source and language, its measures (titles and activities: the linking index needs them) and its
events (short statements), and counts its body mentions by (body, words used); it drops the
document text and the mentions themselves (their spans), which the per-document JSON and the store
read back from the cache one document at a time. A worker of a parallel build sends back a plan's
``DocRecord`` and, for any other document, only a ``BriefRecord`` (the build process keeps nothing
of a news item's measures but their count)::

    >>> payload = {"document": {"id": "ข่าว", "source": "corpus/ข่าว.txt", "kind": "news",
    ...            "title": "การประชุม SOMTC", "date": "2019-03-06", "language": "th",
    ...            "text": "การประชุม SOMTC ... (the whole text)"},
    ...            "mentions": [{"body": "SOMTC", "text": "SOMTC", "span": [10, 15]},
    ...                         {"body": "SOMTC", "text": "SOMTC", "span": [40, 45]}]}
    >>> r = compact(payload)
    >>> (r.parsed.document.text, r.mentions, r.mention_names)
    ('', 2, (('SOMTC', 'SOMTC', 2),))

English documents alike: "ASEAN Regional Forum" mentioned three times in a report becomes one
(body, words, count) triple ``("ARF", "ASEAN Regional Forum", 3)``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from ..model import Mention, ParsedDocument

__all__ = ["DocRecord", "Brief", "BriefRecord", "briefs", "compact", "link_terms"]


@dataclass(frozen=True, slots=True)
class DocRecord:
    """A parsed document without its text: ``parsed`` has ``document.text == ""`` and no
    mentions; ``mention_names`` holds (body, words as written with white space folded, count)
    in first-seen order; ``mentions`` is how many mentions the document has.

    A build's records are leaner still (``compact(..., events=False, link_terms=True)``): no
    events (``events`` counts them), and what linking needs instead, made by the worker that
    parsed the document: ``terms``, the index terms of each measure (``linking.measure_terms``
    as a {term: count} map) and ``fields``, their broad fields (``linking.measure_fields``, which
    needs the body registry: the build process does not load it), and ``event_df``, (number of
    events, events holding each term) (``linking.event_frequencies``), which the build adds up
    and drops.
    """

    parsed: ParsedDocument
    mention_names: tuple[tuple[str, str, int], ...] = ()
    mentions: int = 0
    events: int = 0
    terms: tuple[dict[str, int], ...] | None = None
    event_df: tuple[int, dict[str, int]] | None = None
    summary: tuple[tuple[str, str, tuple[str, ...]], ...] = ()   # _graph_build.measure_summary
    fields: tuple[tuple[str, ...], ...] | None = None   # linking.measure_fields of each measure

    @property
    def id(self) -> str:
        return self.parsed.id

    def link_json(self) -> dict[str, Any] | None:
        """``terms`` and ``event_df`` as ``link_terms`` gives them (for the cache), or None."""
        if self.event_df is None:
            return None
        return {"terms": list(self.terms or ()), "fields": [list(f) for f in self.fields or ()],
                "df": [self.event_df[0], self.event_df[1]]}

    def without_link_terms(self) -> "DocRecord":
        return replace(self, terms=None, fields=None, event_df=None) if self.terms or self.event_df else self

    @property
    def link_target(self) -> bool:
        """A plan with measures: the linking index needs its measures, so it is kept whole."""
        return self.parsed.kind == "plan" and bool(self.parsed.measures)

    def brief(self) -> "Brief":
        """What the build keeps once the linking index is made: the counts, the measure
        summary and whether the document is a plan with measures (a link target); the
        measures themselves (titles, activities: tens of MB for a real corpus's plans) go."""
        return Brief(self.id, self.mentions, self.events, len(self.parsed.measures), self.summary,
                     self.link_target)


class Brief(NamedTuple):
    """All a build keeps of a document that is not a plan (news, reports: most of a large
    corpus): its id, counts, and the ``measure_summary`` of the measures a report may list. Its
    body names are added up at once, its events are linked and written by the workers."""

    id: str
    mentions: int
    events: int
    measures: int = 0
    summary: tuple[tuple[str, str, tuple[str, ...]], ...] = ()   # _graph_build.measure_summary
    plan: bool = False   # a plan with measures (``DocRecord.brief``; news and reports never are)


class BriefRecord(NamedTuple):
    """What a worker sends back of a document that is not a plan with measures
    (``jobs.parse_cached``): its ``Brief``, which the worker has cached beside the document's
    entry, its body names and its events' term frequencies. The measures a news item or report
    lists (tens of KB each on thaigov) stay in the cache instead of crossing to the build
    process, which would only count them."""

    brief: Brief
    mention_names: tuple[tuple[str, str, int], ...]
    event_df: tuple[int, dict[str, int]] | None


def briefs(records: list["DocRecord | Brief"]) -> list[Brief]:
    """Every record as the ``Brief`` the phases after linking need (``DocRecord.brief``)."""
    return [r.brief() if isinstance(r, DocRecord) else r for r in records]


def link_terms(payload: dict[str, Any] | ParsedDocument) -> dict[str, Any]:
    """What linking needs of one parse result (or parsed document), as JSON: {"terms": [{term:
    count} per measure], "fields": [[broad field, ...] per measure], "df": [events, {term: events
    holding it}]} (see ``DocRecord``)."""
    from ..linking import event_frequencies, measure_fields, measure_terms
    pd = payload if isinstance(payload, ParsedDocument) else \
        ParsedDocument.from_dict({**payload, "mentions": []})
    plan = pd.kind == "plan"
    return {"terms": [dict(Counter(measure_terms(m))) for m in pd.measures] if plan else [],
            "fields": [sorted(measure_fields(m)) for m in pd.measures] if plan else [],
            "df": [len(pd.events), dict(event_frequencies(pd.events))]}


def compact(payload: dict[str, Any], *, events: bool = True,
            link: dict[str, Any] | bool | None = None, graph: bool = False) -> DocRecord:
    """The record of one parse result (a ``ParsedDocument.to_dict()``); raises ``KeyError``,
    ``TypeError`` or ``ValueError`` on a malformed one, as ``ParsedDocument.from_dict`` does.
    ``events=False`` leaves the events out (counted); ``link`` is the document's ``link_terms``
    (True: made here, from the one decoded document); ``graph`` adds the ``measure_summary`` of
    its measures."""
    dd = payload["document"]
    parsed = ParsedDocument.from_dict({**payload, "document": {**dd, "text": ""}, "mentions": []})
    if link is True:
        link = link_terms(parsed)   # the text is not needed: measures and events hold theirs
    n_events = len(parsed.events)
    if not events:
        parsed = replace(parsed, events=())
    names: Counter[tuple[str, str]] = Counter()
    raw = payload.get("mentions", [])
    for m in raw:
        x = Mention.from_dict(m)   # validated as the full document would be
        names[(x.body, " ".join(x.text.split()))] += 1
    terms = df = fields = None
    if link is not None:
        terms = tuple(link["terms"])
        df = (int(link["df"][0]), link["df"][1])
        if "fields" in link:   # an entry cached before they were made there has none
            fields = tuple(tuple(f) for f in link["fields"])
    summary = ()
    if graph and parsed.measures:
        from ..graph.build import measure_summary
        summary = measure_summary(parsed)
    return DocRecord(parsed, tuple((b, t, c) for (b, t), c in names.items()), len(raw), n_events,
                     terms, df, summary, fields)
