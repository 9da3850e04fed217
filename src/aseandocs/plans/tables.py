"""Plan measures from the rows of plan tables (matrices) in PDFs.

Plans are often published as tables whose columns are "เลขที่อ้างอิง | ขอบเขตแผนงาน/ผลลัพธ์และ
กิจกรรม | หน่วยงานที่รับผิดชอบ | กรอบเวลา" or "Ref | Measures | Responsible body | Timeline". Each
row gives a ``Measure``: the ref, the title (the measure cell's lines before its first bullet), the
activities (its "- " / "• " lines), ``fields`` = (("responsible", "SOMTC, ASEANAPOL"),
("timeline", "2556 - 2557")) and ``bodies`` resolved through ``BodyRegistry.resolve``::

    >>> t = PdfTable(1, (0, 0, 1, 1), (("Ref", "Measures", "Responsible body", "Timeline"),
    ...     ("A.1.1", "Promote understanding\\n• Hold a seminar", "AICHR", "2009-2010")))
    >>> m = measures_from_tables([t], "apsc")[0]
    >>> m.id, m.title, [a.text for a in m.activities], m.bodies, dict(m.fields)["timeline"]
    ('apsc#A.1.1', 'Promote understanding', ['Hold a seminar'], ('AICHR',), '2009-2010')
    >>> t = PdfTable(2, (0, 0, 1, 1), (("เลขที่อ้างอิง", "ขอบเขตแผนงาน", "หน่วยงานที่รับผิดชอบ", "กรอบเวลา"),
    ...     ("๑.๒", "พัฒนาความร่วมมือ\\n- จัดประชุม", "SOMTC, ASEANAPOL", "2556")))
    >>> m = measures_from_tables([t], "vap")[0]
    >>> m.ref, m.parent, m.page, m.bodies
    ('1.2', '1', 2, ('SOMTC', 'ASEANAPOL'))

A table without a heading row continues the columns of the table before it (a matrix running
over several pages); a row with an empty ref cell continues the measure above it. Refs met again
after the numbering restarted get ids ``<plan>#s<k>/<ref>`` like ``plans.parse_plan``'s scopes.
"""
from __future__ import annotations

import os
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from .._data import load_data
from ..model import Activity, Measure
from ..readers.pdf import PdfTable
from ..thai import normalize, thai_digits_to_ascii

if TYPE_CHECKING:  # pragma: no cover
    from ..bodies import BodyRegistry

__all__ = ["measures_from_tables", "merge_table_measures", "column_roles", "ROLES"]

ROLES = ("ref", "measure", "responsible", "timeline")
_DATA_FILE = "plan_tables.yaml"

# A ref in a table cell, Thai digits already ASCII, trailing dot and parentheses stripped.
#   matches: "1", "1.2.5", "A.1.1", "A.1.1.i", "B.3"; must not match: "2556", "ASEAN", "1.2.3.4.5.6"
REF = re.compile(r"\A(?P<ref>(?:[0-9]{1,2}|[A-Z])(?:\.(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})){0,4})\Z",
                 re.ASCII)
# A ref at the start of a measure cell, when the table has no ref column.
#   matches: "1.2 ส่งเสริม…" (ref "1.2"), "A.1.1. Promote …"; must not match: "2556 ได้มีการ…"
LEADING_REF = re.compile(r"\A(?P<ref>(?:[0-9]{1,2}|[A-Z])(?:\.[0-9]{1,2})+)\.?\s+(?P<rest>\S.*)\Z",
                         re.ASCII | re.DOTALL)
_WS = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw: Any = load_data(_DATA_FILE)
    roles = raw["roles"]
    bad = set(roles) - set(ROLES)
    if bad:
        raise ValueError(f"{_DATA_FILE}: unknown roles {sorted(bad)}; valid: {', '.join(ROLES)}")
    return raw


def _key(text: str) -> str:
    return _WS.sub("", text).lower()


def column_roles(row: Sequence[str | None]) -> dict[str, int]:
    """role -> column index for a heading row, or {} when ``row`` is not one.

        >>> column_roles(("Ref", "Measures", "Responsible body", "Timeline"))
        {'ref': 0, 'measure': 1, 'responsible': 2, 'timeline': 3}
        >>> column_roles(("เลขที่อ้างอิง", "ขอบเขตแผนงาน/ผลลัพธ์และกิจกรรม", "หน่วยงานที่รับผิดชอบ", "กรอบเวลา"))
        {'ref': 0, 'measure': 1, 'responsible': 2, 'timeline': 3}
        >>> column_roles(("1.1", "Promote cooperation", "AICHR", "2009"))
        {}
    """
    roles: dict[str, int] = {}
    for i, cell in enumerate(row):
        k = _key(cell or "")
        if not k or len(k) > 60:
            continue
        best, best_len = None, 0
        for role, cues in _data()["roles"].items():
            for cue in cues.get("contains", []):
                c = _key(str(cue))
                if c in k and len(c) > best_len:
                    best, best_len = role, len(c)
            for cue in cues.get("exact", []):
                c = _key(str(cue))
                if c == k and len(c) >= best_len:
                    best, best_len = role, len(c) + 100
        if best is not None and best not in roles:
            roles[best] = i
    return roles if "measure" in roles and len(roles) >= 2 else {}


def _split_cell(text: str) -> tuple[str, list[str]]:
    """A measure cell -> (title, activities): lines before the first bullet, then bullet lines."""
    bullets = tuple(f"{b} " for b in _data()["bullets"])
    title: list[str] = []
    acts: list[str] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if line.startswith(bullets):
            acts.append(line[2:].strip())
        elif acts:
            acts[-1] += " " + line
        else:
            title.append(line)
    return " ".join(title), acts


def _bodies(responsible: str, registry: "BodyRegistry") -> tuple[str, ...]:
    """Body ids named in a "responsible" cell: each part between separators, resolved."""
    parts = [responsible]
    for sep in _data()["body_separators"]:
        parts = [q for p in parts for q in p.split(sep)]
    ids: list[str] = []
    for name in parts:
        name = name.strip(" .()")
        hit = registry.resolve(name) if name else None
        if hit and hit[0].id not in ids:
            ids.append(hit[0].id)
    return tuple(ids)


def _tables(source: "str | os.PathLike[str] | bytes | Iterable[PdfTable]") -> list[PdfTable]:
    if isinstance(source, (str, bytes, bytearray, os.PathLike)):
        from ..readers import read_pdf_tables
        return read_pdf_tables(source)  # type: ignore[arg-type]
    return list(source)


def measures_from_tables(source: "str | os.PathLike[str] | bytes | Iterable[PdfTable]",
                         plan_id: str, *, text: str | None = None,
                         registry: "BodyRegistry | None" = None) -> list[Measure]:
    """The measures in the plan tables of a PDF (a path, its bytes, or ``read_pdf_tables``'s
    result), in order (see the module docstring).

    With ``text`` (the document's normalised text, where ``aseandocs.read`` wrote the rows) each
    measure and activity gets its span in it; without, spans are (0, 0).
    """
    if registry is None:
        from ..bodies import BodyRegistry
        registry = BodyRegistry.load()
    rows: list[tuple[int, dict[str, str]]] = []     # (page, role -> cell text)
    columns: dict[str, int] = {}
    width = 0
    for table in _tables(source):
        for k, row in enumerate(table.rows):
            roles = column_roles(row)
            if roles:
                columns, width = roles, len(row)
                continue
            if not columns or (k == 0 and len(row) != width):
                if k == 0 and len(row) != width:
                    columns = {}
                continue
            cells = {role: (row[i] or "").strip() for role, i in columns.items() if i < len(row)}
            rows.append((table.page, cells))
    measures: list[dict[str, Any]] = []
    for page, cells in rows:
        ref = thai_digits_to_ascii(cells.get("ref", "")).strip().strip("()").rstrip(".)").strip()
        body = cells.get("measure", "")
        if "ref" not in cells and (m := LEADING_REF.match(thai_digits_to_ascii(body))):
            ref, body = m["ref"], body[m.start("rest"):]
        if not REF.match(ref):
            if not ref and measures and body:      # a row split over two pages continues
                last = measures[-1]
                title, acts = _split_cell(body)
                if title and last["activities"]:
                    last["activities"][-1] += " " + title
                elif title:
                    last["title"] += " " + title
                last["activities"].extend(acts)
            continue
        title, acts = _split_cell(body)
        fields = tuple((role, _WS.sub(" ", cells[role]).strip()) for role in
                       ("responsible", "timeline") if cells.get(role, "").strip())
        measures.append({"ref": ref, "title": title, "activities": acts, "page": page,
                         "fields": fields, "row": cells})
    return _build(measures, plan_id, text, registry)


def _build(items: list[dict[str, Any]], plan_id: str, text: str | None,
           registry: "BodyRegistry") -> list[Measure]:
    scope = 1
    seen: set[str] = set()
    scoped: list[int] = []
    for it in items:
        if it["ref"] in seen:
            scope += 1
            seen = set()
        seen.add(it["ref"])
        scoped.append(scope)
    several = scope > 1
    out: list[Measure] = []
    cursor = 0
    norm = (lambda s: normalize(s).text) if text is not None else (lambda s: s)
    for it, k in zip(items, scoped):
        ref = it["ref"]
        parent = ref.rsplit(".", 1)[0] if "." in ref else None
        span, acts, cursor = _locate(text, cursor, it, norm) if text is not None else \
            ((0, 0), [Activity(a, (0, 0)) for a in it["activities"]], 0)
        responsible = dict(it["fields"]).get("responsible", "")
        out.append(Measure(
            id=f"{plan_id}#s{k}/{ref}" if several else f"{plan_id}#{ref}", plan=plan_id, ref=ref,
            parent=parent, level=ref.count(".") + 1, title=norm(it["title"]), span=span,
            activities=tuple(acts), bodies=_bodies(responsible, registry) if responsible else (),
            page=it["page"], scope=f"s{k}" if several else None, fields=it["fields"]))
    return out


def _find(text: str, needle: str, start: int, limit: int | None = None) -> int:
    if not needle:
        return -1
    i = text.find(needle, start, None if limit is None else start + limit)
    return i


def _locate(text: str, cursor: int, it: dict[str, Any], norm: Any) \
        -> tuple[tuple[int, int], list[Activity], int]:
    """Where a row lies in ``text`` (as ``readers`` wrote it: "ref title", bullets, other cells)."""
    head = norm(f"{it['ref']} {it['title']}")[:40]
    s = _find(text, head, cursor)
    if s < 0:
        return (0, 0), [Activity(norm(a), (0, 0)) for a in it["activities"]], cursor
    end = s + len(norm(f"{it['ref']} {it['title']}"))
    acts: list[Activity] = []
    for a in it["activities"]:
        a = norm(a)
        i = _find(text, a[:30], end, 2000)
        if i < 0:
            acts.append(Activity(a, (0, 0)))
            continue
        acts.append(Activity(a, (i, i + len(a))))
        end = i + len(a)
    for role in ("responsible", "timeline"):
        cell = norm(it["row"].get(role, "")).split("\n")[0][:30]
        i = _find(text, cell, end, 400)
        if i >= 0:
            end = i + len(cell)
    end = min(max(end, s), len(text))
    return (s, end), acts, end


def merge_table_measures(parsed: Sequence[Measure], tables: Sequence[Measure]) -> list[Measure]:
    """``parse_plan``'s measures with those read from tables put in: a parsed measure whose span
    starts inside a table measure's span (or, without spans, with the same ref) takes the table's
    title, activities, fields, bodies and page; table measures with no parsed twin are added.

        >>> from aseandocs.model import Measure
        >>> p = Measure("p#1.1", "p", "1.1", "1", 2, "Promote AICHR 2009", (0, 30))
        >>> t = Measure("p#1.1", "p", "1.1", "1", 2, "Promote", (0, 30), bodies=("AICHR",),
        ...             fields=(("timeline", "2009"),), page=1)
        >>> m = merge_table_measures([p], [t])[0]
        >>> m.title, m.bodies, m.page
        ('Promote', ('AICHR',), 1)
    """
    out = list(parsed)
    used: set[int] = set()
    extra: list[Measure] = []
    for t in tables:
        hit = next((i for i, m in enumerate(out) if i not in used and m.ref == t.ref and (
            t.span == (0, 0) or t.span[0] <= m.span[0] < max(t.span[1], t.span[0] + 1))), None)
        if hit is None:
            extra.append(t)
            continue
        used.add(hit)
        m = out[hit]
        bodies = tuple(dict.fromkeys(t.bodies + m.bodies))
        out[hit] = replace(m, title=t.title or m.title, activities=t.activities or m.activities,
                           fields=t.fields, bodies=bodies, page=t.page or m.page)
    return sorted(out + extra, key=lambda m: m.span[0]) if extra else out
