"""Names shortened with ไปยาลน้อย "ฯ" (private to ``aseandocs.news``): the body each stands for.

A Thai writer names a body in full once and then by its first words and "ฯ" ("คณะทำงานฯ",
"การประชุมฯ"); ``named_before`` finds, for the shortened names of a statement, the body mentions
they stand for, so the statement's event keeps its body.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Sequence

from ..model import Mention

__all__ = ["named_before"]

# A Thai name cut short by ไปยาลน้อย "ฯ" ("คณะทำงานฯ", "การประชุมฯ"): the name said in full before.
_SHORTENED = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e4e]{4,}(?=\u0e2f)")
#: A shortened name keeps at least this many letters of the full one ("คณะทำงาน", "การประชุม").
_SHORT_MIN = 5


def named_before(text: str, s: int, e: int, ments: Sequence[Mention],
                  mstarts: Sequence[int]) -> list[str]:
    """The bodies that names shortened with "ฯ" in ``text[s:e]`` stand for: a Thai writer names a
    body in full once ("คณะทำงานการจัดทำสนธิสัญญาอาเซียนว่าด้วยการส่งผู้ร้ายข้ามแดน") and then by
    its first words and "ฯ" ("การประชุมคณะทำงานฯ ครั้งที่ 1"). Each such name is the latest body
    mention before ``s`` whose words begin with the end of the run before the "ฯ"::

        >>> from aseandocs.model import Mention
        >>> t = "คณะทำงานด้านกฎหมายของอาเซียน ประชุมแล้ว ต่อมา การประชุมคณะทำงานฯ ครั้งที่ 2"
        >>> m = [Mention("WG", "คณะทำงานด้านกฎหมายของอาเซียน", (0, 29))]
        >>> named_before(t, 41, len(t), m, [0])
        ['WG']
    """
    out: list[str] = []
    before = bisect_left(mstarts, s)
    for hit in _SHORTENED.finditer(text, s, e):
        run = hit.group()
        for k in range(before - 1, -1, -1):
            m = ments[k]
            if m.span[1] > s or m.body in out:
                continue
            full = text[m.span[0]:m.span[1]]
            if any(full.startswith(run[j:]) for j in range(len(run) - _SHORT_MIN + 1)):
                out.append(m.body)
                break
    return out
