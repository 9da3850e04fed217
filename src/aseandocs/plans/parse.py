"""Numbered measures of a plan, their hierarchy, scope and "- " activities (issue 3).

``parse_plan(document)`` reads ``document.text`` (normalised text; Thai digits are folded here too,
one for one, so raw text works and spans do not move) and returns the measures in document
order. Every layout real plans use is read: one item per line, or a whole annex flattened into
one line with refs glued to the word before ("…การก่อการร้าย1.2.6 ดำเนินการ…"); dotted refs
("1.2.5", "๑.๒.๕"), lettered ones ("A.1.1", "A.1.1.i"), list items ("4.", "(4)", "4)").

Thai, a flattened annex::

    >>> ms = parse_plan_text("ภาคผนวก 1 ความมั่นคง 1.1 การเมือง 1.1.1 ส่งเสริมสิทธิมนุษยชน "
    ...                      "- จัดทำแผนงาน และ - จัดการสัมมนา", "vap")
    >>> [(m.id, m.parent, m.title) for m in ms]
    [('vap#1.1', '1', 'การเมือง'), ('vap#1.1.1', '1.1', 'ส่งเสริมสิทธิมนุษยชน')]
    >>> [a.text for a in ms[1].activities]
    ['จัดทำแผนงาน', 'จัดการสัมมนา']

English, blueprint style::

    >>> ms = parse_plan_text("A.1.1. Promote understanding of political systems\\n"
    ...                      "- Convene two seminars a year\\n- Publish a yearly review", "apsc")
    >>> ms[0].ref, ms[0].level, len(ms[0].activities)
    ('A.1.1', 3, 2)

Not items: cross-references ("ตามที่ระบุในข้อ 1.1.1", "see 1.2.3": they become the measure's
``references``), decimals and amounts ("2.5 ล้าน"), counts ("11 สาขา"), years and ranges
("2553 - 2558"), dates ("29.11.2004"), versions ("4.0"). A ref that does not follow plausibly
from the one before (next sibling, first child, next sibling of an ancestor) is a false start,
unless it opens a new list. Numbering that restarts under a new heading ("ภาคผนวก 2",
"เสาหลักที่ 3", "Annex 2", "Part II", or a heading line before the list) is scoped by it:
``Measure.scope`` holds the heading, and refs met in several scopes get ids ``<plan>#s<k>/<ref>``.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from ..model import Activity, Document, Measure
from ..thai import thai_digits_to_ascii
from .body import split_body
from .cues import BULLET
from .furniture import Heading, find_furniture, find_headings
from .refs import ITEM_REF, Candidate, Item, scan, select_items
from .roles import assign_roles

__all__ = ["parse_plan", "parse_plan_text"]

_MAX_SCOPE_LABEL = 150


def parse_plan_text(text: str, plan_id: str = "plan") -> list[Measure]:
    """``parse_plan`` of a plain string.

        >>> [m.id for m in parse_plan_text("๑.๑ การเมือง\\n๑.๒ ความมั่นคง", "vap")]
        ['vap#1.1', 'vap#1.2']
        >>> [m.title for m in parse_plan_text("1.1 Political development\\n1.2 Shaping norms")]
        ['Political development', 'Shaping norms']
    """
    return parse_plan(Document.from_text(text, id=plan_id))


def parse_plan(document: Document) -> list[Measure]:
    """The numbered measures of ``document``, in document order (see the module docstring).

        >>> doc = Document.from_text("เสาหลักที่ 1 การเมือง\\n1. สนธิสัญญา\\n"
        ...                          "เสาหลักที่ 2 เศรษฐกิจ\\n1. เขตการค้าเสรี", id="r")
        >>> [(m.id, m.scope) for m in parse_plan(doc)]
        [('r#s1/1', 'เสาหลักที่ 1 การเมือง'), ('r#s2/1', 'เสาหลักที่ 2 เศรษฐกิจ')]
        >>> m = parse_plan(Document.from_text("2.1 Adopt rules, see 1.1.1\\n- Draft them", id="e"))[0]
        >>> m.references, [a.text for a in m.activities]
        (('1.1.1',), ['Draft them'])
    """
    text = thai_digits_to_ascii(document.text)
    headings = find_headings(text)
    furn = find_furniture(text, headings)
    found = scan(text, furn.spans, document.text)
    cands = found.candidates

    scopes, scope_of = _cue_scopes(headings, cands)
    labels: list[str | None] = [h.label if h else None for h in scopes]

    heading_lines: dict[int, int] = {}      # implicit scope -> where its heading line starts

    def new_scope(c: Candidate) -> int:
        label, at = _heading_line_before(text, c.start)
        labels.append(label)
        if label is not None:
            heading_lines[len(labels) - 1] = at
        return len(labels) - 1

    items = select_items(cands, scope_of, new_scope)
    if not items:
        return []

    heads = [h.start for h in scopes if h is not None]      # continuation pages excluded
    bodies = _bodies(items, len(text), heads, heading_lines)
    taken = {it.cand.start for it in items}
    cited = [(c.start, c.ref) for c in cands if c.cited and c.start not in taken]
    refs_at = _references_by_item(sorted(found.references + cited), bodies)
    for k, it in _first_of_scope(items).items():
        if labels[k] is None and it.cand.line_start:
            labels[k] = _heading_line_before(text, it.cand.start)[0]
    ids = _ids(document.id, items)

    out: list[Measure] = []
    for j, it in enumerate(items):
        (_, te), title, acts = split_body(text, *bodies[j], furn)
        end = max([te, it.cand.end] + [sp[1] for sp, _ in acts])
        span = (it.cand.start, end)
        out.append(Measure(
            id=ids[j], plan=document.id, ref=it.ref, parent=it.parent, level=it.level,
            title=title, span=span, activities=tuple(Activity(t, sp) for sp, t in acts),
            page=document.page_at(span[0]), scope=labels[it.scope],
            references=tuple(refs_at.get(j, ()))))
    return assign_roles(out)


def _bodies(items: list[Item], n: int, heads: list[int], heading_lines: dict[int, int]
            ) -> list[tuple[int, int]]:
    """Where each item's text lies: from its ref to the next item, scope heading or heading line."""
    out = []
    for j, it in enumerate(items):
        end = n
        if j + 1 < len(items):
            nxt = items[j + 1]
            end = nxt.cand.start
            if nxt.scope != it.scope:
                end = min(end, heading_lines.get(nxt.scope, end))
        k = bisect_right(heads, it.cand.end)
        if k < len(heads):
            end = min(end, heads[k])
        out.append((it.cand.end, max(it.cand.end, end)))
    return out


def _references_by_item(refs: list[tuple[int, str]], bodies: list[tuple[int, int]]
                        ) -> dict[int, list[str]]:
    """The cross-references cited inside each item's text, by item index, without repeats."""
    out: dict[int, list[str]] = defaultdict(list)
    starts = [b[0] for b in bodies]
    for off, ref in refs:
        j = bisect_right(starts, off) - 1
        if j >= 0 and off < bodies[j][1] and ref not in out[j]:
            out[j].append(ref)
    return out


def _first_of_scope(items: list[Item]) -> dict[int, Item]:
    first: dict[int, Item] = {}
    for it in items:
        first.setdefault(it.scope, it)
    return first


def _ids(plan: str, items: list[Item]) -> list[str]:
    """``<plan>#<ref>``, or ``<plan>#s<k>/<ref>`` for a ref met in several scopes, where k counts
    the scopes holding measures in document order; a clash left over gets "~2", "~3"."""
    order = {scope: k for k, scope in enumerate(_first_of_scope(items), 1)}
    scopes_of_ref: dict[str, set[int]] = defaultdict(set)
    for it in items:
        scopes_of_ref[it.ref].add(it.scope)
    seen: dict[str, int] = {}
    out = []
    for it in items:
        mid = (f"{plan}#s{order[it.scope]}/{it.ref}" if len(scopes_of_ref[it.ref]) > 1
               else f"{plan}#{it.ref}")
        seen[mid] = seen.get(mid, 0) + 1
        out.append(mid if seen[mid] == 1 else f"{mid}~{seen[mid]}")
    return out


def _cue_scopes(headings: list[Heading], cands: list[Candidate]
                ) -> tuple[list[Heading | None], list[int]]:
    """Scopes opened by headings (a repeated heading continues its scope) and each candidate's."""
    scopes: list[Heading | None] = [None]
    starts = [0]
    for h in headings:
        cur = scopes[-1]
        if cur is not None and cur.key == h.key:
            continue            # "Annex 1 (continued)" on the next page
        scopes.append(h)
        starts.append(h.start)
    scope_of = [bisect_right(starts, c.start) - 1 for c in cands]
    return scopes, scope_of


def _heading_line_before(text: str, start: int) -> tuple[str | None, int]:
    """The short line just before a list that restarts its numbering (its scope), and its offset."""
    i = text.rfind("\n", 0, start)
    while i > 0:
        j = text.rfind("\n", 0, i)
        line = text[j + 1:i].strip()
        if line:
            if len(line) > _MAX_SCOPE_LABEL or ITEM_REF.match(line) or BULLET.match(line):
                return None, start
            return " ".join(line.split()), j + 1
        i = j
    return None, start
