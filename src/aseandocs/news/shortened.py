"""Names shortened with ไปยาลน้อย "ฯ" (private to ``aseandocs.news``): the body each stands for.

A Thai writer names a body in full once and then by its first words and "ฯ" ("คณะทำงานฯ",
"การประชุมฯ"); ``named_before`` finds, for the shortened names of a statement, the body mentions
they stand for, so the statement's event keeps its body.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from ..model import Mention

__all__ = ["named_before"]

#: A shortened name keeps at least this many letters of the full one ("คณะทำงาน", "การประชุม").
_SHORT_MIN = 5
#: ... and is read back at most this far before its "ฯ"; the full name is looked for among this many
#: mentions before the statement (both bounds keep the time linear on any text).
_RUN_MAX = 60
_LOOK_BACK = 200
#: ... and ends at most this many characters before the statement: a writer shortens a name within
#: the passage that named it (the gold documents: 453 at most), not 100,000 characters and forty
#: agenda items later in a cabinet meeting's summary, where "การประชุมฯ" is another meeting.
_REACH = 2000
_PAIYANNOI = "\u0e2f"


def _is_letter(c: str) -> bool:
    return "\u0e01" <= c <= "\u0e4e" and c != _PAIYANNOI


def named_before(text: str, s: int, e: int, ments: Sequence[Mention],
                  mstarts: Sequence[int]) -> list[str]:
    """The bodies that names shortened with "ฯ" in ``text[s:e]`` stand for: a Thai writer names a
    body in full once ("คณะทำงานการจัดทำสนธิสัญญาอาเซียนว่าด้วยการส่งผู้ร้ายข้ามแดน") and then by
    its first words and "ฯ" ("การประชุมคณะทำงานฯ ครั้งที่ 1"). Each such name is the latest body
    mention before ``s``, within ``_REACH`` characters, whose words begin with the end of the run
    before the "ฯ"::

        >>> from aseandocs.model import Mention
        >>> t = "คณะทำงานด้านกฎหมายของอาเซียน ประชุมแล้ว ต่อมา การประชุมคณะทำงานฯ ครั้งที่ 2"
        >>> m = [Mention("WG", "คณะทำงานด้านกฎหมายของอาเซียน", (0, 29))]
        >>> named_before(t, 41, len(t), m, [0])
        ['WG']
    """
    out: list[str] = []
    before = bisect_left(mstarts, s)
    pos = text.find(_PAIYANNOI, s, e)
    while pos != -1:
        a = pos
        while a > max(s, pos - _RUN_MAX) and _is_letter(text[a - 1]):
            a -= 1
        run = text[a:pos]
        pos = text.find(_PAIYANNOI, pos + 1, e)
        if len(run) < _SHORT_MIN:
            continue
        for k in range(before - 1, max(-1, before - 1 - _LOOK_BACK), -1):
            m = ments[k]
            if m.span[1] < s - _REACH:
                break                            # another passage: another meeting
            if m.span[1] > s or m.body in out:
                continue
            full = text[m.span[0]:m.span[1]]
            if any(full.startswith(run[j:]) for j in range(len(run) - _SHORT_MIN + 1)):
                out.append(m.body)
                break
    return out
