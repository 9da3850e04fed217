"""The records every stage produces: frozen dataclasses with half-open ``(start, end)`` spans.

``ParsedDocument.to_dict()`` produces exactly the per-document JSON contract of docs/ARCHITECTURE.md and
``ParsedDocument.from_dict()`` reads it back, so ``from_dict(to_dict(x)) == x``::

    >>> doc = Document.from_text("1.2.5 ดำเนินการเตรียมการ", id="plan")
    >>> m = Measure(id="plan#1.2.5", plan="plan", ref="1.2.5", parent="1.2", level=3,
    ...             title="ดำเนินการเตรียมการ", span=(0, 24))
    >>> ParsedDocument.from_dict(ParsedDocument(doc, kind="plan", measures=(m,)).to_dict()).measures[0].ref
    '1.2.5'

Spans index ``Document.text``; after ``aseandocs.parse`` that is the normalised text, which the JSON
carries as ``document.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable

__all__ = ["Span", "Page", "Document", "Activity", "Measure", "Mention", "Link", "Event",
           "ParsedDocument", "KINDS", "ROLES", "EVENT_TYPES"]

Span = tuple[int, int]

#: Document kinds (see news.detect_kind for the rules).
KINDS = ("plan", "news", "report")

#: Roles of a plan's numbered items (see plans.parse_plan): a ``measure`` is something to be done
#: and a link target; a ``section`` is a heading with numbered items under it or a prose section
#: (preamble, implementation, resource mobilisation, monitoring), never a link target.
ROLES = ("measure", "section")

#: Event types (see news.extract_events).
EVENT_TYPES = ("meeting", "adoption", "agreement", "signing", "ratification", "accession",
               "entry_into_force", "launch", "establishment", "approval", "noted", "stance", "plan")


def _span(v: Iterable[int] | None) -> Span | None:
    if v is None:
        return None
    a, b = v
    return (int(a), int(b))


def _check_span(span: Span | None, owner: str) -> None:
    if span is not None and not (0 <= span[0] <= span[1]):
        raise ValueError(f"{owner}: span {span} is not a half-open (start, end) with 0 <= start <= end")


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a PDF: its 1-based number and where its text lies in ``Document.text``."""

    number: int
    span: Span
    needs_ocr: bool = False
    repairs: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "span": list(self.span), "needs_ocr": self.needs_ocr,
                "repairs": self.repairs}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Page":
        return cls(number=int(d["number"]), span=_span(d["span"]),  # type: ignore[arg-type]
                   needs_ocr=bool(d.get("needs_ocr", False)), repairs=int(d.get("repairs", 0)))


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read: its id (the file stem), where it came from, and its text.

    ``format`` is ``txt``, ``html`` or ``pdf``; ``encoding`` is the detected text encoding (txt,
    html); ``warnings`` holds what a reader had to tell (a lossy decode, a page needing OCR).
    """

    id: str
    source: str
    text: str
    format: str = "txt"
    encoding: str | None = None
    language: str | None = None
    pages: tuple[Page, ...] = ()
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_text(cls, text: str, *, id: str = "text", source: str | None = None,
                  language: str | None = None) -> "Document":
        """A document made from a string (tests, notebooks): ``Document.from_text("...", id="x")``."""
        return cls(id=id, source=source or f"<{id}>", text=text, format="txt",
                   encoding=None, language=language)

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding character ``offset``, or None for a document without pages."""
        for p in self.pages:
            if p.span[0] <= offset < p.span[1]:
                return p.number
        if self.pages and offset == len(self.text):
            return self.pages[-1].number
        return None


@dataclass(frozen=True, slots=True)
class Activity:
    """An activity ("- " bullet) under a measure."""

    text: str
    span: Span

    def __post_init__(self) -> None:
        _check_span(self.span, "Activity")

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Activity":
        return cls(text=d["text"], span=_span(d["span"]))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Measure:
    """A numbered item of a plan: "1.2.5 ดำเนินการเตรียมการเพื่อจัดทำ…" or "A.1.1 Establish …".

    ``id`` is ``<plan id>#<ref>``, or ``<plan id>#<scope>/<ref>`` when numbering restarts under
    several headings of one document (the scope tells them apart); ``ref`` is ASCII with no trailing
    dot or parentheses; ``parent`` is the parent's ref (None at the top); ``references`` are the refs
    the measure cites ("ตามที่ระบุในข้อ 1.1.1").
    """

    id: str
    plan: str
    ref: str
    parent: str | None
    level: int
    title: str
    span: Span
    activities: tuple[Activity, ...] = ()
    bodies: tuple[str, ...] = ()
    page: int | None = None
    scope: str | None = None
    references: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()   # extra columns of a plan table: responsible body, timeline
    role: str = "measure"   # "measure" (something to be done, a link target) or "section" (ROLES)

    def __post_init__(self) -> None:
        _check_span(self.span, f"Measure {self.id}")
        if self.role not in ROLES:
            raise ValueError(f"Measure {self.id}: role {self.role!r} is not one of {ROLES}")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ref": self.ref, "parent": self.parent, "level": self.level,
                "title": self.title, "activities": [a.to_dict() for a in self.activities],
                "bodies": list(self.bodies), "span": list(self.span), "page": self.page,
                "plan": self.plan, "scope": self.scope, "references": list(self.references),
                "fields": dict(self.fields), "role": self.role}

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, plan: str | None = None) -> "Measure":
        mid = d["id"]
        return cls(id=mid, plan=d.get("plan") or (mid.split("#", 1)[0] if "#" in mid else plan) or "",
                   ref=d["ref"],
                   parent=d.get("parent"), level=int(d["level"]), title=d["title"],
                   span=_span(d["span"]),  # type: ignore[arg-type]
                   activities=tuple(Activity.from_dict(a) for a in d.get("activities", [])),
                   bodies=tuple(d.get("bodies", [])), page=d.get("page"), scope=d.get("scope"),
                   references=tuple(d.get("references", [])),
                   fields=tuple((str(k), str(v)) for k, v in (d.get("fields") or {}).items()),
                   role=d.get("role") or "measure")


@dataclass(frozen=True, slots=True)
class Mention:
    """A body named in the text: ``body`` is the canonical id (``SOMTC``), ``text`` the words used.

    ``method`` tells how it was found: ``alias`` (an exact registry name), ``acronym``,
    ``pattern`` ("ชื่อไทย (English Name: ACR)"), ``fuzzy``.
    """

    body: str
    text: str
    span: Span
    method: str = "alias"
    score: float = 1.0

    def __post_init__(self) -> None:
        _check_span(self.span, "Mention")

    def to_dict(self) -> dict[str, Any]:
        return {"body": self.body, "text": self.text, "span": list(self.span),
                "method": self.method, "score": round(float(self.score), 4)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Mention":
        return cls(body=d["body"], text=d["text"], span=_span(d["span"]),  # type: ignore[arg-type]
                   method=d.get("method", "alias"), score=float(d.get("score", 1.0)))


@dataclass(frozen=True, slots=True)
class Link:
    """An event reports on a plan measure: ``plan`` and ``ref`` name it, ``evidence`` says why."""

    plan: str
    ref: str
    score: float
    evidence: tuple[str, ...] = ()
    measure: str | None = None   # the measure id (differs from plan#ref when the plan has scopes)

    def __post_init__(self) -> None:
        if self.measure is None:
            object.__setattr__(self, "measure", f"{self.plan}#{self.ref}")

    def to_dict(self) -> dict[str, Any]:
        return {"plan": self.plan, "ref": self.ref, "score": round(float(self.score), 4),
                "evidence": list(self.evidence), "measure": self.measure}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Link":
        return cls(plan=d["plan"], ref=d["ref"], score=float(d["score"]),
                   evidence=tuple(d.get("evidence", [])), measure=d.get("measure"))


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening a document reports: a meeting, an adoption, a signing, ...

    ``status`` is ``done`` or ``planned``; ``date``/``end_date`` are ISO (``YYYY-MM-DD``, ``YYYY-MM``
    or ``YYYY``) or None; ``text`` is the statement itself and ``span`` where it lies.
    """

    type: str
    text: str
    span: Span
    date: str | None = None
    end_date: str | None = None
    status: str = "done"
    ordinal: int | None = None
    bodies: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    measures: tuple[Link, ...] = ()
    page: int | None = None

    def __post_init__(self) -> None:
        _check_span(self.span, "Event")

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "date": self.date, "end_date": self.end_date, "text": self.text,
                "span": list(self.span), "bodies": list(self.bodies),
                "instruments": list(self.instruments),
                "measures": [m.to_dict() for m in self.measures], "status": self.status,
                "ordinal": self.ordinal, "page": self.page}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(type=d["type"], text=d["text"], span=_span(d["span"]),  # type: ignore[arg-type]
                   date=d.get("date"), end_date=d.get("end_date"), status=d.get("status", "done"),
                   ordinal=d.get("ordinal"), bodies=tuple(d.get("bodies", [])),
                   instruments=tuple(d.get("instruments", [])),
                   measures=tuple(Link.from_dict(m) for m in d.get("measures", [])),
                   page=d.get("page"))


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """Everything the per-document stages found in one document."""

    document: Document
    kind: str | None = None
    title: str | None = None
    date: str | None = None
    measures: tuple[Measure, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def id(self) -> str:
        return self.document.id

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "document": {"id": d.id, "source": d.source, "kind": self.kind, "title": self.title,
                         "date": self.date, "language": d.language, "text": d.text,
                         "format": d.format, "encoding": d.encoding,
                         "pages": [p.to_dict() for p in d.pages], "warnings": list(d.warnings)},
            "measures": [m.to_dict() for m in self.measures],
            "mentions": [m.to_dict() for m in self.mentions],
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ParsedDocument":
        dd = d["document"]
        doc = Document(id=dd["id"], source=dd["source"], text=dd["text"],
                       format=dd.get("format", "txt"), encoding=dd.get("encoding"),
                       language=dd.get("language"),
                       pages=tuple(Page.from_dict(p) for p in dd.get("pages", [])),
                       warnings=tuple(dd.get("warnings", [])))
        return cls(document=doc, kind=dd.get("kind"), title=dd.get("title"), date=dd.get("date"),
                   measures=tuple(Measure.from_dict(m, plan=doc.id) for m in d.get("measures", [])),
                   mentions=tuple(Mention.from_dict(m) for m in d.get("mentions", [])),
                   events=tuple(Event.from_dict(e) for e in d.get("events", [])))

    def with_links(self, links: dict[int, tuple[Link, ...]]) -> "ParsedDocument":
        """A copy whose event ``i`` reports on ``links[i]`` (the corpus-level linking step's result)."""
        events = tuple(replace(e, measures=links.get(i, ())) for i, e in enumerate(self.events))
        return replace(self, events=events)

