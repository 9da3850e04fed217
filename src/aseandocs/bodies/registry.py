"""The curated registry of ASEAN bodies: loading, validation and name resolution.

The registry is a YAML list (``models/bodies.yaml``, packaged as ``aseandocs/data/bodies.yaml``);
each entry names one body in English and Thai with its acronyms::

    - id: SOMTC
      en: [ASEAN Senior Officials Meeting on Transnational Crime]
      th: [การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ]
      acronyms: [SOMTC]
      type: senior-officials
      pillar: APSC
      parent: AMMTC

    >>> reg = BodyRegistry.load()
    >>> reg.resolve("การประชุมเจ้าหน้าที่อาวุโสอาเซียนว่าด้วยอาชญากรรมข้ามชาติ")[0].id
    'SOMTC'
    >>> reg.resolve("ASEAN Defense Ministers' Meeting")[0].id      # fuzzy: Defense/Defence
    'ADMM'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from rapidfuzz import fuzz, process

from .._data import data_text
from .._data import load as _load_yaml
from ..errors import RegistryError
from ..model import Mention
from ._fold import alias_key, script_of
from ._variants import plausible_variant, thai_variants

__all__ = ["Body", "BodyRegistry", "RegistryFieldError", "TYPES", "PILLARS"]

#: Allowed ``type`` values.
TYPES = ("summit", "council", "ministerial", "senior-officials", "commission", "centre", "forum",
         "secretariat", "committee", "network", "entity", "working-group")
#: Allowed ``pillar`` values.
PILLARS = ("APSC", "AEC", "ASCC", "cross-pillar")
_FIELDS = ("id", "en", "th", "acronyms", "former", "type", "pillar", "parent", "years",
           "ambiguous", "note")

# A body id: upper-case letters and digits in parts joined by "-" or "_".
# Matches "SOMTC", "AHA-CENTRE", "ASEAN-US-JCC"; not "somtc", "AHA Centre", "-ADF", "ADF-".
ID_RE = re.compile(r"(?P<id>[A-Z0-9]+(?:[-_][A-Z0-9]+)*)", re.ASCII)

#: Fuzzy resolution threshold (rapidfuzz ratio, 0..100).
FUZZY_THRESHOLD = 90.0


class RegistryFieldError(RegistryError, ValueError):
    """A registry field holds a value outside its allowed set (the message lists the valid ones)."""


@dataclass(frozen=True, slots=True)
class Body:
    """One ASEAN body: ``Body(id="ACE", en=("ASEAN Centre for Energy",), th=("ศูนย์พลังงานอาเซียน",), ...)``."""

    id: str
    en: tuple[str, ...] = ()
    th: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    type: str = "entity"
    pillar: str = "cross-pillar"
    parent: str | None = None
    years: tuple[int | None, int | None] | None = None
    ambiguous: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every alias: English and Thai names, acronyms, former names, shared (ambiguous) ones."""
        seen: dict[str, None] = {}
        for n in (*self.en, *self.th, *self.acronyms, *self.former, *self.ambiguous):
            seen.setdefault(n, None)
        return tuple(seen)

    @property
    def label(self) -> str:
        """A human label: the first English name, else the first Thai one, else the id."""
        return (self.en or self.th or (self.id,))[0]


def _strings(entry: dict[str, Any], field: str, where: str) -> tuple[str, ...]:
    v = entry.get(field)
    if v is None:
        return ()
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, (str, int)) for x in v):
        raise RegistryError(f"{where}: field '{field}' must be a list of strings, got {v!r}")
    return tuple(str(x).strip() for x in v if str(x).strip())


def _choice(entry: dict[str, Any], field: str, valid: tuple[str, ...], where: str) -> str:
    v = entry.get(field)
    if v not in valid:
        raise RegistryFieldError(f"{where}: field '{field}' is {v!r}; valid values are: "
                                 f"{', '.join(valid)}")
    return str(v)


def _body(entry: Any, index: int, source: str) -> Body:
    if not isinstance(entry, dict):
        raise RegistryError(f"{source}: entry #{index} is not a mapping (got {type(entry).__name__})")
    bid = entry.get("id")
    where = f"{source}: entry #{index} (id {bid!r})"
    if not isinstance(bid, str) or not ID_RE.fullmatch(bid):
        raise RegistryError(f"{where}: field 'id' must be upper-case letters/digits joined by '-' "
                            f"(like 'SOMTC' or 'AHA-CENTRE')")
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise RegistryFieldError(f"{where}: unknown field(s) {', '.join(unknown)}; valid fields are: "
                                 f"{', '.join(_FIELDS)}")
    years = entry.get("years")
    if years is not None:
        if (not isinstance(years, list) or len(years) != 2
                or not all(y is None or isinstance(y, int) for y in years)):
            raise RegistryError(f"{where}: field 'years' must be [start, end] (integers or null), "
                                f"got {years!r}")
        years = (years[0], years[1])
    parent = entry.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise RegistryError(f"{where}: field 'parent' must be a body id or null, got {parent!r}")
    note = entry.get("note")
    body = Body(id=bid, en=_strings(entry, "en", where), th=_strings(entry, "th", where),
                acronyms=_strings(entry, "acronyms", where), former=_strings(entry, "former", where),
                type=_choice(entry, "type", TYPES, where), pillar=_choice(entry, "pillar", PILLARS, where),
                parent=parent, years=years, ambiguous=_strings(entry, "ambiguous", where),
                note=None if note is None else str(note))
    if not body.names:
        raise RegistryError(f"{where}: the body has no name; give at least one of en, th, acronyms")
    return body


_NOT_ID = re.compile(r"[^0-9A-Z]")


def _fold_id(body_id: str) -> str:
    """An id as compared: upper-case letters and digits ("aha centre" -> "AHACENTRE")."""
    return _NOT_ID.sub("", body_id.upper())


class BodyRegistry:
    """The bodies of a registry, by id, with their aliases indexed for resolution and matching."""

    def __init__(self, bodies: Iterable[Body], *, source: str = "<entries>") -> None:
        self.source = source
        self._bodies: dict[str, Body] = {}
        for b in bodies:
            if b.id in self._bodies:
                raise RegistryError(f"{source}: id {b.id!r} is used by two entries; ids must be unique")
            self._bodies[b.id] = b
        for b in self._bodies.values():
            if b.parent is not None and b.parent not in self._bodies:
                raise RegistryError(f"{source}: entry {b.id}: field 'parent' names {b.parent!r}, "
                                    f"which is not in the registry; add it or set parent: null")
            if b.parent == b.id:
                raise RegistryError(f"{source}: entry {b.id}: field 'parent' names the body itself")
        # alias key -> ids of the bodies carrying it
        self._by_key: dict[str, tuple[str, ...]] = {}
        owners: dict[str, list[str]] = {}
        for b in self._bodies.values():
            for n in b.names:
                k = alias_key(n)
                if k and b.id not in owners.setdefault(k, []):
                    owners[k].append(b.id)
        for k, ids in owners.items():
            if len(ids) > 1:
                unmarked = [i for i in ids
                            if k not in {alias_key(a) for a in self._bodies[i].ambiguous}]
                if unmarked:
                    raise RegistryError(
                        f"{source}: alias {k!r} is shared by {', '.join(ids)} but not marked in "
                        f"'ambiguous' of {', '.join(unmarked)}; list it there in every entry that "
                        f"shares it, or remove it from all but one")
            self._by_key[k] = tuple(ids)
        self._resolve_index: dict[str, tuple[list[str], list[str]]] | None = None
        self._matcher: Any = None
        self._folded: dict[str, Body] | None = None     # folded id -> body, made on a first miss

    # --- construction ----------------------------------------------------------------------
    @classmethod
    def from_entries(cls, entries: Iterable[dict[str, Any]], *, source: str = "<entries>") -> "BodyRegistry":
        """A registry from registry-shaped dicts (raises RegistryError naming the entry and field)."""
        if isinstance(entries, dict) or isinstance(entries, str):
            raise RegistryError(f"{source}: the registry must be a list of entries")
        return cls((_body(e, i, source) for i, e in enumerate(entries)), source=source)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "BodyRegistry":
        """The registry at ``path`` (default: the packaged ``aseandocs/data/bodies.yaml``), cached."""
        return _load(str(path) if path is not None else None)

    # --- container -------------------------------------------------------------------------
    def get(self, id: str) -> Body | None:
        """The body with this id, or None. Ids are case-insensitive and compared on their letters
        and digits: ``get("aichr")`` and ``get("AHA Centre")`` find AICHR and AHA-CENTRE."""
        body = self._bodies.get(id)
        if body is None and isinstance(id, str):
            folded = self._folded
            if folded is None:
                folded = self._folded = {}
                for k, b in self._bodies.items():
                    folded.setdefault(_fold_id(k), b)
            body = folded.get(_fold_id(id))
        return body

    def __getitem__(self, id: str) -> Body:
        try:
            return self._bodies[id]
        except KeyError:
            raise KeyError(f"no body {id!r} in {self.source}") from None

    def __iter__(self) -> Iterator[Body]:
        return iter(self._bodies.values())

    def __len__(self) -> int:
        return len(self._bodies)

    def __contains__(self, id: object) -> bool:
        return id in self._bodies

    def __repr__(self) -> str:
        return f"BodyRegistry({len(self)} bodies from {self.source})"

    def filter(self, pillar: str | None = None, type: str | None = None) -> list[Body]:
        """The bodies of one pillar and/or type: ``reg.filter(pillar="APSC", type="ministerial")``."""
        if pillar is not None and pillar not in PILLARS:
            raise RegistryFieldError(f"filter: pillar {pillar!r} is not valid; valid values are: "
                                     f"{', '.join(PILLARS)}")
        if type is not None and type not in TYPES:
            raise RegistryFieldError(f"filter: type {type!r} is not valid; valid values are: "
                                     f"{', '.join(TYPES)}")
        return [b for b in self if (pillar is None or b.pillar == pillar)
                and (type is None or b.type == type)]

    # --- names -----------------------------------------------------------------------------
    def owners(self, name: str) -> tuple[str, ...]:
        """Ids of the bodies that carry ``name`` as an alias (exactly, after normalisation)."""
        return self._by_key.get(alias_key(name), ())

    def is_ambiguous(self, name: str) -> bool:
        """Whether ``name`` is marked ambiguous by a body carrying it."""
        k = alias_key(name)
        return any(k in {alias_key(a) for a in self._bodies[i].ambiguous} for i in self._by_key.get(k, ()))

    def _index(self) -> dict[str, tuple[list[str], list[str]]]:
        """Per script: unambiguous alias keys (Thai variants included) and their body ids."""
        if self._resolve_index is None:
            idx: dict[str, dict[str, str | None]] = {"th": {}, "en": {}}
            for b in self:
                amb = {alias_key(a) for a in b.ambiguous}
                forms = {(n, alias_key(n)) for n in b.names}
                forms |= {(v, alias_key(v)) for n in b.th for v in thai_variants(n)}
                for n, k in forms:
                    if not k or k in amb:
                        continue
                    d = idx[script_of(n)]
                    d[k] = b.id if d.get(k, b.id) == b.id else None   # None: shared, unusable
            self._resolve_index = {s: ([k for k, v in d.items() if v], [v for v in d.values() if v])
                                   for s, d in idx.items()}
        return self._resolve_index

    def resolve(self, name: str, *, threshold: float = FUZZY_THRESHOLD) -> tuple[Body, float] | None:
        """The body a name stands for and how sure (1.0 exact), or None.

        Exact alias after normalisation -> 1.0; else the closest alias of the same script when its
        rapidfuzz ratio is at least ``threshold`` -> ratio / 100; an ambiguous alias -> None.
        """
        k = alias_key(name)
        if not k:
            return None
        ids = self._by_key.get(k)
        if ids:
            if len(ids) > 1 or self.is_ambiguous(name):
                return None         # shared: only context can tell (see the matcher)
            return self._bodies[ids[0]], 1.0
        keys, bids = self._index()[script_of(name)]
        if k in keys:
            return self._bodies[bids[keys.index(k)]], 1.0
        if len(k) < 6:      # acronyms and very short names: exact only
            return None
        hit = process.extractOne(k, keys, scorer=fuzz.ratio, score_cutoff=threshold)
        if hit is None or not plausible_variant(hit[0], k):
            return None             # "...on Forestry" is not "...on Sports", however close
        return self._bodies[bids[hit[2]]], hit[1] / 100.0

    def find(self, text: str) -> list[Mention]:
        """The body mentions in normalised text (see ``aseandocs.bodies.matcher.find_bodies``)."""
        from .matcher import find_bodies
        return find_bodies(text, self)


@lru_cache(maxsize=8)
def _load(path: str | None) -> BodyRegistry:
    if path is None:
        where = "aseandocs/data/bodies.yaml"
        raw = data_text("bodies.yaml", error=RegistryError)
    else:
        where = path
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise RegistryError(f"{where}: cannot read the body registry ({e.strerror or e}; "
                                "check the path)") from e
    try:
        entries = _load_yaml(raw)
    except yaml.YAMLError as e:
        raise RegistryError(f"{where}: not valid YAML ({e}); fix the file") from e
    if not isinstance(entries, list):
        raise RegistryError(f"{where}: the registry must be a YAML list of entries")
    return BodyRegistry.from_entries(entries, source=where)
