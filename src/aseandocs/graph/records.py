"""The plain records ``MeasureGraph`` queries return, and ``Results``, a list with ``to_frame()``.

Records are frozen dataclasses holding only strings, numbers and tuples, so they print, compare
and serialise (``to_dict``) without the graph::

    >>> r = CoverageRow(plan="vap", section="1.2", title="ส่งเสริมความร่วมมือ", measures=4,
    ...                 reported=1, share=0.25)
    >>> Results([r]).to_frame().loc[0, "share"]          # doctest: +SKIP
    0.25
    >>> CoverageRow("vap", "1.3", "Security cooperation", 2, 0, 0.0).to_dict()["title"]
    'Security cooperation'
"""
from __future__ import annotations

import html
from dataclasses import asdict, dataclass, fields
from typing import Any, Callable, Generic, TypeVar

from ..errors import NotFoundError

__all__ = ["ProgressRecord", "MeasureRecord", "MeasureBrief", "EventRecord", "BodyRecord",
           "SearchHit", "CoverageRow", "Results", "pick_measure"]


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><th>{html.escape(f.name)}</th><td>{html.escape(_cell(getattr(self, f.name)))}"
                       "</td></tr>" for f in fields(self))  # type: ignore[arg-type]
        return f"<table>{rows}</table>"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, tuple):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, _Record):
        return ", ".join(f"{k}={_cell(x)}" for k, x in v.to_dict().items() if x not in (None, ()))
    return str(v)


@dataclass(frozen=True)
class ProgressRecord(_Record):
    """An event reporting on a measure: when, what, where it was reported, how sure and why."""

    event: str
    date: str | None
    end_date: str | None
    type: str
    status: str
    text: str
    document: str
    document_title: str | None
    measure: str
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class MeasureRecord(_Record):
    """A plan measure with its activities, bodies and the progress reported on it (by date)."""

    id: str
    plan: str
    ref: str
    title: str
    level: int
    parent: str | None
    section: str
    activities: tuple[str, ...]
    bodies: tuple[str, ...]
    references: tuple[str, ...]
    progress: tuple[ProgressRecord, ...]
    page: int | None = None


@dataclass(frozen=True)
class MeasureBrief(_Record):
    """A measure named in another record: its id, plan, ref and title."""

    id: str
    plan: str
    ref: str
    title: str


@dataclass(frozen=True)
class EventRecord(_Record):
    """A dated happening a document reports, with the bodies it names and measures it reports on."""

    id: str
    date: str | None
    end_date: str | None
    type: str
    status: str
    text: str
    document: str
    bodies: tuple[str, ...]
    measures: tuple[str, ...]


@dataclass(frozen=True)
class BodyRecord(_Record):
    """An ASEAN body: its names (registry and as written), measures, events over time, documents."""

    id: str
    label: str
    names: tuple[str, ...]
    measures: tuple[MeasureBrief, ...]
    events: tuple[EventRecord, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class SearchHit(_Record):
    """A measure matched by ``search``: ``field`` is ``title`` or ``activity``, ``method`` is
    ``substring`` (score 100) or ``fuzzy`` (rapidfuzz partial ratio, 0-100)."""

    measure: str
    plan: str
    ref: str
    title: str
    field: str
    matched: str
    method: str
    score: float


@dataclass(frozen=True)
class CoverageRow(_Record):
    """One top-level section of a plan: how many of its measures have reported progress."""

    plan: str
    section: str
    title: str
    measures: int
    reported: int
    share: float


R = TypeVar("R", bound=_Record)


class Results(list, Generic[R]):  # type: ignore[type-arg]
    """A list of records with ``to_frame()`` (pandas) and an HTML table for notebooks."""

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (one row per record, nested tuples kept as tuples)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - pandas is in the test extra
            raise ImportError("to_frame() needs pandas: pip install 'aseandocs[frames]'") from e
        if not self:
            return pd.DataFrame()
        cols = [f.name for f in fields(self[0])]
        return pd.DataFrame([{c: getattr(r, c) for c in cols} for r in self], columns=cols)

    def _repr_html_(self) -> str:
        if not self:
            return "<p>(no results)</p>"
        cols = [f.name for f in fields(self[0])]
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(getattr(r, c))[:300])}</td>"
                                        for c in cols) + "</tr>" for r in self)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def pick_measure(ref: str, plan: str | None, found: list[Any], *, plan_of: Callable[[Any], str],
                 scoped: Callable[[Any], bool], name_of: Callable[[Any], str], plans: Callable[[], list[str]]) -> Any:
    """The one measure of ``found`` (the candidates ``ref`` names, as graph nodes or store rows)
    that ``ref`` means: those of ``plan`` when given; within one plan the one outside a restarted
    numbering (no scope) when it is alone; else ``NotFoundError`` saying there is none (with the
    ``plans()``) or naming the ambiguous ones (``name_of``)."""
    if plan is not None:
        found = [f for f in found if plan_of(f) == plan]
    if len(found) > 1 and len({plan_of(f) for f in found}) == 1:
        unscoped = [f for f in found if not scoped(f)]
        found = unscoped if len(unscoped) == 1 else found
    if len(found) == 1:
        return found[0]
    where = f" in plan {plan!r}" if plan else ""
    if not found:
        known = plans()
        doc = ref.strip().split("#", 1)[0] if "#" in ref else None
        if doc and doc not in known:   # a report's numbered point: structure, not a plan's measure
            raise NotFoundError(f"no measure {ref!r}: {doc!r} is not a plan (plans: {', '.join(known) or 'none'}); "
                                f"the numbered points of news and reports are in documents/{doc}.json and "
                                "the store's measures table")
        raise NotFoundError(f"no measure {ref!r}{where} (plans: {', '.join(known) or 'none'}); "
                            "check the ref, or find it with search(text)")
    raise NotFoundError(f"measure {ref!r}{where} is ambiguous: {', '.join(name_of(f) for f in found)}; "
                        "pass plan=... or the full measure id")
