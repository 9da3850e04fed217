"""Lists of who attended: no meeting of their own.

A report of a meeting often lists who took part, and the names of the bodies listed hold meeting
words ("ที่ประชุม", "Meeting")::

    องค์กรรายสาขาอื่นที่ส่งผู้แทนเข้าร่วม ประกอบด้วย ที่ประชุมเจ้าหน้าที่อาวุโสกลาโหมอาเซียน (ADSOM)
    และคณะกรรมาธิการระหว่างรัฐบาลอาเซียนว่าด้วยสิทธิมนุษยชน (AICHR)
    Participants included the ASEAN Senior Officials on Drug Matters and the ASEAN Secretariat.

Such a statement is no meeting: it says who attended the one told of before it, and what its
bodies were named for (defence, human rights) is no step of their measures. A ``meeting`` draft
whose cues all lie in the list after an attendance opener (``attendance_lists`` in
data/event_cues.yaml: an opener, then a list word within ``_GAP`` characters on its line; or a
``direct`` opener, "attended by"), or in an opener that names no meeting but this one
("ผู้เข้าร่วมการประชุมครั้งนี้ได้แก่"), is dropped; a draft of any other type (a signing listed among
the attendees' deeds) is kept. The bodies stay mentions of the document.

    >>> text = ("ผู้แทนของประเทศสมาชิกได้เข้าร่วมการประชุมประสานงาน\\n"
    ...         "องค์กรที่ส่งผู้แทนเข้าร่วม ประกอบด้วย ที่ประชุมเจ้าหน้าที่อาวุโสกลาโหมอาเซียน")
    >>> list_start(text, text.index("องค์กร"), len(text)) == text.index("ประกอบด้วย") + len("ประกอบด้วย")
    True
    >>> list_start(text, 0, text.index("\\n")) is None     # attending a meeting: no list
    True
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Sequence

from .cues import cue_data, word_alternation

__all__ = ["list_start", "without_attendance_lists"]

#: The list word follows its opener within this many characters, on the same line.
_GAP = 60


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    d = cue_data()["attendance_lists"]
    alt = word_alternation
    return re.compile(rf"(?:(?:{alt(d['openers'])})(?P<gap>[^\n.]{{0,{_GAP}}}?)(?:{alt(d['list_words'])})"
                      rf"|(?:{alt(d['direct'])}))(?:\s*:)?", re.IGNORECASE)


#: What may stand between an opener and its list word and still say only "this meeting's"
#: ("ผู้เข้าร่วมการประชุมครั้งนี้ได้แก่"): a meeting word there is the opener's, not a meeting.
_BARE_GAP = re.compile(r"\s*(?:การประชุม|ประชุม|the meeting|(?:ใน)?ครั้งนี้|ดังกล่าว|ฯ|\s)*\s*", re.IGNORECASE)


def list_start(text: str, start: int, end: int) -> int | None:
    """Where the list of attendees opened in ``text[start:end]`` begins (after its opener and
    list word), or None when that span opens no such list."""
    found = _opening(text, start, end)
    return None if found is None else found[1]


def _opening(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(where a meeting draft's cues may begin and it still be this list, where the list begins),
    or None: the opener itself when its gap to the list word says only "this meeting"
    ("ผู้เข้าร่วมการประชุมครั้งนี้ได้แก่"), else only what follows the list word."""
    m = _pattern().search(text, start, end)
    if m is None:
        return None
    gap = m.group("gap")
    bare = gap is None or _BARE_GAP.fullmatch(gap) is not None
    return (m.start() if bare else m.end()), m.end()


def without_attendance_lists(text: str, drafts: Sequence[Any]) -> list[Any]:
    """``drafts`` (``events._Draft``: ``start``, ``end``, ``cue``, ``cues``) without the meetings
    that are lists of who attended: every cue of the draft lies after the list's opening."""
    out = []
    for d in drafts:
        if d.cue.type == "meeting":
            found = _opening(text, d.start, d.end)
            if found is not None and all(q.start >= found[0] for q in (d.cue, *d.cues)):
                continue
        out.append(d)
    return out
