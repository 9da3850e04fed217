"""Cue words of plan texts (data/plan_headings.yaml), loaded once, and the patterns built from them.

Private to aseandocs.plans. The word lists live in the data file; this module only turns them into
compiled patterns, each cached with functools.lru_cache::

    >>> bool(scope_heading_re().match("ภาคผนวก 2 ประชาคมเศรษฐกิจอาเซียน"))
    True
    >>> bool(scope_heading_re().match("Annex 2 ASEAN Economic Community"))
    True
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .._data import load_data
from .._fastre import dispatch_source
from ..errors import ParseError

_DATA_FILE = "plan_headings.yaml"
# A cue written in Latin letters ("million", "Annex"), matched case-insensitively at word ends;
# not "ล้าน" or "%".
_LATIN = re.compile(r"[A-Za-z]")
_LISTS = ("scope_cues", "continuation_markers", "table_ref_columns", "table_columns",
          "action_labels", "running_title_cues", "trailing_conjunctions", "reference_cues",
          "number_cues", "unit_words", "name_parts")


# A bullet marker. At a line start: "- ", "– ", "• ", "▪ ", "◦ ", "* ", "o " (the letter o then a
# space), or a hyphen glued to a Thai word ("-จัดตั้ง"). Inside a line: " - ", " – ", " • ", or a
# hyphen that PDF conversion glued to the Thai clause before it ("ในภูมิภาค- ระบุประเด็น").
# Matches "\n- จัดตั้งคณะทำงาน", "\n• Convene", "ปี - ให้มีเจตนารมณ์", "Convene meetings - Publish".
# Must not match "อาเซียน-จีน", "เอเชีย -แปซิฟิก", "ASEAN-China", "-ADMM)" nor "o" in "of".
BULLET = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<line>[-–•▪◦*](?=[ \t]|[\u0e01-\u0e4e])|o(?=[ \t]))[ \t]*"
    r"|(?<=[ \t])(?P<inline>[-–•▪◦])(?=[ \t])[ \t]*"
    r"|(?<=[\u0e01-\u0e4e])(?P<inline_glued>-)(?=[ \t][\u0e01-\u0e4e])[ \t]*"
)


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    """Every cue list of the data file, as tuples of strings (longest first)."""
    raw: Any = load_data(_DATA_FILE, error=ParseError)
    out: dict[str, tuple[str, ...]] = {}
    for name in _LISTS:
        items = raw.get(name) if isinstance(raw, dict) else None
        if not isinstance(items, list) or not all(isinstance(x, str) and x for x in items):
            raise ParseError(f"aseandocs/data/{_DATA_FILE}: '{name}' must be a list of non-empty "
                             f"strings (fix the data file; valid keys: {', '.join(_LISTS)})")
        out[name] = tuple(sorted(set(items), key=len, reverse=True))
    return out


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


def _tail(word: str) -> str:
    """A word after its first character, spaces flexible: "lan of Action" -> "lan\\s+of\\s+Action"."""
    return re.escape(word[1:]).replace(r"\ ", r"\s+")


def _lead(words: tuple[str, ...], before: str = "", after: str = "") -> str | None:
    """``(?i:{before}(?:_alt(words)){after})`` with every word opening with a plain literal
    (``_fastre.dispatch_source``): ``re`` then tries only the positions whose character opens a
    word. None when a word opens with something else (the caller keeps the plain form)."""
    try:
        return dispatch_source(words, lambda w: _tail(w) + after, before=before)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def scope_heading_re() -> re.Pattern[str]:
    """A scope heading: a cue, then a number, a roman numeral or one capital letter.

    Matches "ภาคผนวก 1", "ภาคผนวก 2 ประชาคม…" (the cue and number only), "เสาหลักที่ 2",
    "หมวดที่ 3", "Annex 2", "Part II", "PILLAR 1". Must not match "ภาคผนวก 1.2" (a cited section),
    "Annexes", "Partnership 2", "Part of" or "pillars" (the number is case-sensitive).
    """
    lead = _lead(cues()["scope_cues"])
    return _plain_scope_heading() if lead is None else re.compile(rf"(?P<cue>{lead}){_SCOPE_NUM}")


# After a scope cue: the number, roman numeral or capital ("1", "II", "B"), case-sensitive; not
# "1.2" or "Annexes".
_SCOPE_NUM = r"[ \t]*(?P<num>[0-9]{1,3}|[IVXLC]{1,6}|[A-Z])(?![0-9A-Za-z]|\.[0-9A-Za-z])"


def _plain_scope_heading() -> re.Pattern[str]:
    """scope_heading_re in its reference form, the cues one case-insensitive alternation."""
    return re.compile(rf"(?P<cue>(?i:{_alt(cues()['scope_cues'])})){_SCOPE_NUM}")


@lru_cache(maxsize=2)
def header_run_re(plain: bool = False) -> re.Pattern[str]:
    """A table header repeated by PDF conversion: a ref column and at least one other column.

    Matches "เลขที่อ้างอิง ขอบเขตแผนงาน/ผลลัพธ์และกิจกรรม" (a Thai header written here by hand),
    "เลขที่อ้างอิง มาตรการ/ผลลัพธ์ที่คาดหวังและกิจกรรม" (a column name with a glued qualifier, up
    to the last column), "Ref | Measures", "No. Actions Timeline" (``plain``: the reference form of
    tests, the ref columns one case-insensitive alternation; the same matches). Must not match
    "ผลลัพธ์และกิจกรรม" alone (no ref column: could be words of a title) or "Ref 1.2", and stops
    at "ผลลัพธ์" in "เลขที่อ้างอิง ผลลัพธ์ ส่งเสริมความร่วมมือ" (no column after the qualifier).
    """
    c = cues()
    sep = r"(?:[ \t|/&]*(?:และ|and)?[ \t|/&]*)"
    col = f"(?:{_alt(c['table_columns'])})"
    # A short Thai qualifier glued to a column name, kept when another column name follows:
    # "ที่คาดหวัง" in "ผลลัพธ์ที่คาดหวังและกิจกรรม". Never crosses a space, so it cannot reach
    # into the row after the header ("ผลลัพธ์ 1.1 การเมือง" stops at "ผลลัพธ์").
    qual = rf"(?:[\u0e01-\u0e4e]{{1,20}}?(?={sep}{col}))?"
    # ... or ending the header, when the row that follows starts with a ref or a bullet:
    # "ผลลัพธ์ที่คาดหวัง 1.1 การเมือง", "ผลลัพธ์ที่คาดหวัง - จัดประชุม".
    last = (r"(?:[\u0e01-\u0e4e]{1,20}+"
            r"(?=[ \t]+(?:[0-9\u0e50-\u0e59]|[-–•▪◦*][ \t])|[ \t]*(?:\n|\Z)))?")
    rest = rf"{sep}{col}{qual}(?:{sep}{col}{qual})*{last}"
    if plain or (lead := _lead(c["table_ref_columns"])) is None:
        return re.compile(rf"(?P<ref>{_alt(c['table_ref_columns'])}){rest}", re.IGNORECASE)
    # the ref column opening with a plain literal; the rest case-insensitive as before
    return re.compile(rf"(?P<ref>{lead})(?i:{rest})")


@lru_cache(maxsize=2)
def continuation_re(plain: bool = False) -> re.Pattern[str]:
    """A continuation marker: "(ยังมีต่อ)", "(ต่อ)", "(continued)", "(cont'd)" (``plain``: the
    reference form of tests, with groups ``paren`` and ``bare``; the same matches).

    Must not match "ต่อ" inside a word ("ต่อต้าน") nor "(ต่อปี)".
    """
    c = cues()["continuation_markers"]
    paren = tuple(w for w in c if w.startswith("("))
    bare = tuple(w for w in c if not w.startswith("("))
    lead = _lead(bare, before=r"(?<![A-Za-z])", after=r"(?![A-Za-z])")
    if plain or lead is None or not paren:
        return re.compile(rf"(?P<paren>{_alt(paren)})|(?<![A-Za-z])(?P<bare>{_alt(bare)})"
                          r"(?![A-Za-z])", re.IGNORECASE)
    # every alternative opening with a plain literal ("(" or a case variant of a letter); no
    # groups (a group would hide the literal from re); the marker alone is used
    return re.compile(rf"\((?i:{'|'.join(_tail(w) for w in paren)})|{lead}")


@lru_cache(maxsize=1)
def unit_re() -> re.Pattern[str]:
    """A unit or count word right after a number: "ล้าน", "million", "%", "ประเทศ".

    Matches the start of "ล้านบาท", "million", "% of", "ประเทศ". Must not match "Promote",
    "ส่งเสริม", "millionaire" or "percentage" (Latin units end at a word boundary).
    """
    words = cues()["unit_words"]
    latin = tuple(w for w in words if _LATIN.match(w))
    other = tuple(w for w in words if w not in latin)
    return re.compile(rf"(?:{_alt(other)})|(?:{_alt(latin)})(?![A-Za-z])", re.IGNORECASE)


@lru_cache(maxsize=1)
def name_part_re() -> re.Pattern[str]:
    """The start of a name part after a spaced hyphen: "จีน" in "อาเซียน - จีน", "Japan"."""
    words = cues()["name_parts"]
    latin = tuple(w for w in words if _LATIN.match(w))
    other = tuple(w for w in words if w not in latin)
    return re.compile(rf"(?:{_alt(other)})|(?:{_alt(latin)})(?![a-z])")


@lru_cache(maxsize=2)
def running_title_re(plain: bool = False) -> re.Pattern[str]:
    """A running title token: "แผนปฏิบัติการ…" glued to its name, or "Vientiane Action Programme"
    (``plain``: the reference form of tests; the same matches). Must not match "แผน" alone."""
    words = cues()["running_title_cues"]
    lead = None if plain else _lead(words)
    return re.compile(rf"(?:{_alt(words)})", re.IGNORECASE) if lead is None else re.compile(lead)


@lru_cache(maxsize=1)
def word_sets() -> dict[str, frozenset[str]]:
    """Cue lists compared as whole, case-folded words."""
    c = cues()
    return {k: frozenset(w.casefold() for w in c[k])
            for k in ("reference_cues", "number_cues", "trailing_conjunctions", "action_labels")}
