"""Ranking the candidates of ``bodies.discover``: one per body, strongest evidence first.

The same body is seen under several forms ("คณะกรรมการอาเซียนด้านสตรี (ACW)", "คณะกรรมการอาเซียนด้าน
สตรี (ASEAN Committee on Women: ACW)", "ASEAN Committee on Women"); ``merge`` joins candidates
that share an acronym, a Thai name or an English name (the Thai name without its leading
"การประชุม" / "ที่ประชุม"), adding up their counts. ``weight`` scores a merged candidate by its
evidence, so a committee named with its acronym ten times outranks a generic phrase seen a
thousand times::

    >>> from aseandocs.bodies.discover import Candidate
    >>> a = Candidate("คณะกรรมการอาเซียนด้านสตรี", "pattern", thai="คณะกรรมการอาเซียนด้านสตรี",
    ...               acronym="ACW", count=3)
    >>> b = Candidate("คณะกรรมการอาเซียนด้านสตรี", "phrase", thai="คณะกรรมการอาเซียนด้านสตรี", count=2)
    >>> c = Candidate("ASEAN Committee on Women", "pattern", english="ASEAN Committee on Women",
    ...               acronym="ACW", count=1)
    >>> [(m.name, m.count, m.english, m.acronym) for m in merge([a, b, c])]
    [('คณะกรรมการอาเซียนด้านสตรี', 6, 'ASEAN Committee on Women', 'ACW')]
    >>> g = Candidate("หน่วยงานที่เกี่ยวข้อง", "phrase", thai="หน่วยงานที่เกี่ยวข้อง", count=1000)
    >>> weight(merge([a, b, c])[0]) > weight(g)
    True

Evidence (each a factor): the name says ASEAN ("อาเซียน", "ASEAN"; a national agency rarely
does), the body was named with an acronym in parentheses, the name is that of a meeting, a
committee, a working group, a council or a centre; the count enters as its cube root (a phrase
seen a thousand times is common, not important).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Iterable

from ._fold import alias_key

if TYPE_CHECKING:  # pragma: no cover
    from .discover import Candidate

__all__ = ["merge", "weight", "rank"]

#: Words that make a name a body of ASEAN (lower case; Thai as written).
_ASEAN = ("อาเซียน", "asean")
#: Words of a structural body name: a meeting, committee, working group, council, centre.
_STRUCTURE = ("การประชุม", "ที่ประชุม", "คณะกรรมการ", "คณะทำงาน", "คณะกรรมาธิการ", "เจ้าหน้าที่อาวุโส",
              "รัฐมนตรี", "ศูนย์", "meeting", "committee", "working group", "council",
              "commission", "centre", "center", "forum", "task force", "senior officials")
#: What a Thai name may open with that does not tell bodies apart.
_LEAD_TH = re.compile(r"^(?:การประชุม|ที่ประชุม)(?:ระดับ)?")
#: "SOMSWD+3", "SOMSWD Plus Three": the acronym of the body the "+3" meeting extends.
_PLUS = re.compile(r"(?:\s*\+\s*\d|\s+plus\s+\w+)$", re.IGNORECASE)

_FACTOR_ASEAN = 8.0
_FACTOR_ACRONYM = 3.0           # ... of a name that says ASEAN; 1.5 for any other ("(VTC)", "(BOI)")
_FACTOR_OTHER_ACRONYM = 1.5
_FACTOR_STRUCTURE = 1.5


def _keys(c: "Candidate") -> list[str]:
    """What ties ``c`` to other forms of the same body: its acronym, and its Thai or English name
    when that names ASEAN (a generic name, "การประชุมที่เกี่ยวข้อง", "the Meeting", ties nothing)."""
    out = []
    if c.acronym:
        out.append("a:" + alias_key(_PLUS.sub("", c.acronym)))
    if c.thai and "อาเซียน" in c.thai:
        out.append("t:" + alias_key(_LEAD_TH.sub("", c.thai)))
    if c.english and "asean" in c.english.lower():
        out.append("e:" + alias_key(c.english))
    return [k for k in out if len(k) > 3]


def merge(cands: Iterable["Candidate"]) -> list["Candidate"]:
    """Candidates sharing an acronym, a Thai or an English name joined into one (first seen
    first): the most frequent of each name, the counts added, the examples kept up to three."""
    from .discover import _MAX_EXAMPLES, Candidate
    cands = list(cands)
    parent = list(range(len(cands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, c in enumerate(cands):
        for k in _keys(c):
            j = owner.setdefault(k, i)
            if j != i:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Candidate]] = {}
    for i, c in enumerate(cands):
        groups.setdefault(find(i), []).append(c)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        base = max(members, key=lambda m: m.count)

        def most(attr: str) -> str | None:
            seen = Counter(getattr(m, attr) for m in members for _ in range(m.count)
                           if getattr(m, attr))
            return seen.most_common(1)[0][0] if seen else None

        examples = [x for m in members for x in m.examples][:_MAX_EXAMPLES]
        kinds = {m.kind for m in members}
        kind = "pattern" if "pattern" in kinds else base.kind
        body = most("body")
        score = max((m.score for m in members if m.body == body), default=0.0)
        out.append(Candidate(base.name, kind, most("thai"), most("english"), most("acronym"),
                             count=sum(m.count for m in members), examples=examples,
                             body=body, score=score))
    return out


def weight(c: "Candidate") -> float:
    """How strongly ``c`` looks like a body of ASEAN (module docstring)."""
    words = " ".join(x for x in (c.thai, c.english) if x).lower()
    w = max(c.count, 1) ** (1 / 3)
    asean = any(a in words for a in _ASEAN) or bool(c.acronym and "asean" in c.acronym.lower())
    if asean:
        w *= _FACTOR_ASEAN
    if c.acronym and c.kind == "pattern":
        w *= _FACTOR_ACRONYM if asean else _FACTOR_OTHER_ACRONYM
    if any(s in words for s in _STRUCTURE):
        w *= _FACTOR_STRUCTURE
    return w


def rank(cands: Iterable["Candidate"]) -> list["Candidate"]:
    """``merge`` then sort by ``weight`` (heaviest first; ties by count, kind, name)."""
    merged = merge(cands)
    return sorted(merged, key=lambda c: (-weight(c), -c.count, c.kind, c.name))
