"""How gold and predictions are compared: text, refs, body ids, dates (../shared/gold/README.md).

    >>> fold_text("  ๑.๒ ท\u0e4d\u0e32  งาน. ")
    '1.2 ทำ งาน'
    >>> [fold_ref(r) for r in ("(4)", "1.2.5.", "1(a)", "1.a", "a", "A.1")]
    ['4', '1.2.5', 'a', 'a', 'a', 'A.1']
    >>> fold_id("AHA Centre") == fold_id("aha-centre")
    True
    >>> date_prefix("2008-12-15T00:00"), date_prefix("2009-03"), date_prefix(None)
    ('2008-12-15', '2009-03', None)
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

__all__ = ["fold_text", "fold_ref", "fold_id", "id_alternatives", "date_prefix", "similarity",
           "plan_key"]

_THAI_TO_ASCII = {ord("๐") + k: ord("0") + k for k in range(10)}
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_RUNS_OF_SPACE = re.compile(r"\s+")
_EDGE_CHARS = " \t\n-–—:;,."
# "1(a)" / "1 (iv)": a lettered or roman sub-item written in parentheses after its parent's number.
_PAREN_SUBITEM = re.compile(r"^(.+?)\s*\(([A-Za-z]+)\)$")
_NOT_ID_CHAR = re.compile(r"[^0-9A-Z]")
_ISO_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def fold_text(text: str | None) -> str:
    """NFC, Thai digits to ASCII, the split sara am (nikhahit + sara aa) joined, zero-width
    characters dropped, white space folded, and edge punctuation (" -–—:;,.") trimmed."""
    s = unicodedata.normalize("NFC", text or "").translate(_THAI_TO_ASCII)
    s = _ZERO_WIDTH.sub("", s.replace("\u0e4d\u0e32", "\u0e33"))
    return _RUNS_OF_SPACE.sub(" ", s).strip(_EDGE_CHARS)


def fold_ref(ref: str | None) -> str:
    """A ref's comparable form: no wrapping parentheses or trailing dot, and a lettered (or roman)
    sub-item reduced to its own label, whatever parent prefix a parser gave it."""
    r = fold_text(ref)
    m = _PAREN_SUBITEM.match(r)
    if m:
        r = f"{m.group(1)}.{m.group(2)}"
    r = r.strip("()").rstrip(".")
    last = r.rsplit(".", 1)
    if len(last) == 2 and last[1].isalpha():
        return last[1]
    return r


def fold_id(body_id: str | None) -> str:
    """A body id compared upper-case with only letters and digits kept."""
    return _NOT_ID_CHAR.sub("", (body_id or "").upper())


def id_alternatives(gold_id: str) -> list[str]:
    """``"A|B"`` accepts either; the alternatives folded, in the order gold writes them."""
    out: list[str] = []
    for alt in gold_id.split("|"):
        f = fold_id(alt)
        if f not in out:
            out.append(f)
    return out


def date_prefix(value: Any) -> str | None:
    """The ISO ``YYYY[-MM[-DD]]`` a value starts with, or None."""
    if not value:
        return None
    m = _ISO_PREFIX.match(str(value))
    return m.group(0) if m else None


def similarity(a: str, b: str) -> float:
    """difflib's ratio (no auto-junk heuristic: Thai text repeats its vowels a lot)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def plan_key(plan: str | None, known: frozenset[str] | set[str] = frozenset()) -> str:
    """The plan id a predicted link names, compared with gold's ``plan``: the document id without
    ``.txt``; a path-like id that gold does not know is reduced to its last segment (its stem).

    >>> plan_key("corpus/vap.txt"), plan_key("2020/vap", {"2020/vap"}), plan_key("2020/vap")
    ('vap', '2020/vap', 'vap')
    """
    s = (plan or "").removesuffix(".txt")
    if "/" in s and s in known:
        return s
    return s.split("/")[-1].removesuffix(".txt")
