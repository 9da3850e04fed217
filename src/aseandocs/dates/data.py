"""Month names, eras and cue words of ``data/months.yaml`` (private to ``aseandocs.dates``).

``tables()`` parses and checks the file once (cached); ``fold`` is the key a month or era name is
looked up by::

    >>> fold("ม. ค."), fold("Jun."), tables().months[fold("มี.ค.")], tables().relative["yesterday"]
    ('มค', 'jun', 3, -1)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from aseandocs.errors import AseandocsError

from .._data import load_data

__all__ = ["Tables", "fold", "tables"]


# --- data: month names, eras, cue words (src/aseandocs/data/months.yaml) --------------------

@dataclass(frozen=True, slots=True)
class Tables:
    """The parsed data file: lookup keys, the names to build patterns from, cue words."""

    months: dict[str, int]          # folded name ("มค", "jun", "มีนาคม") -> month number
    thai_keys: frozenset[str]       # folded Thai names and abbreviations
    abbr_keys: frozenset[str]       # folded Thai abbreviations ("มค", "ธค")
    thai_full: tuple[str, ...]
    thai_abbr: tuple[str, ...]
    en_full: tuple[str, ...]
    en_abbr: tuple[str, ...]
    eras: dict[str, str]            # folded era ("พศ", "be") -> "be" | "ce"
    era_names: tuple[str, ...]
    thai_cues: tuple[str, ...]
    en_cues: tuple[str, ...]
    not_a_day_after: tuple[str, ...]
    relative: dict[str, int]        # lower-cased word ("today", "เมื่อวานนี้") -> offset in days
    relative_not_after: tuple[str, ...]


def fold(name: str) -> str:
    """"ม. ค." -> "มค"; "Jun." -> "jun": the key a month or era name is looked up by."""
    return re.sub(r"[.\s]", "", name).lower()


@lru_cache(maxsize=1)
def tables() -> Tables:
    path = "aseandocs/data/months.yaml"
    raw: Any = load_data("months.yaml")
    try:
        months_raw = raw["months"]
        eras_raw = raw["eras"]
        cues_raw = raw["year_cues"]
    except (TypeError, KeyError) as exc:
        raise AseandocsError(f"{path}: missing section {exc} "
                             "(expected months, eras, year_cues)") from exc
    if sorted(months_raw) != list(range(1, 13)):
        raise AseandocsError(f"{path}: months must be numbered 1..12 once each, "
                             f"got {sorted(months_raw)}")
    months: dict[str, int] = {}
    thai_keys: set[str] = set()
    abbr_keys: set[str] = set()
    lists: dict[str, list[str]] = {"th": [], "th_abbr": [], "en": [], "en_abbr": []}
    for number, names in months_raw.items():
        for kind, out in lists.items():
            for name in names.get(kind) or ():
                key = fold(name)
                if months.get(key, number) != number:
                    raise AseandocsError(f"{path}: month name {name!r} is given to months "
                                         f"{months[key]} and {number}; keep it under one")
                months[key] = number
                out.append(name)
                if kind.startswith("th"):
                    thai_keys.add(key)
                if kind == "th_abbr":
                    abbr_keys.add(key)
    eras: dict[str, str] = {}
    for kind in ("be", "ce"):
        for name in eras_raw.get(kind) or ():
            eras[fold(name)] = kind
    relative: dict[str, int] = {}
    for lang, words in (raw.get("relative_days") or {}).items():
        for word, offset in (words or {}).items():
            if not isinstance(offset, int) or isinstance(offset, bool):
                raise AseandocsError(f"{path}: relative_days.{lang}.{word} must be a whole "
                                     f"number of days, got {offset!r}")
            relative[str(word).lower()] = offset
    return Tables(months=months, thai_keys=frozenset(thai_keys), abbr_keys=frozenset(abbr_keys),
                   thai_full=tuple(lists["th"]), thai_abbr=tuple(lists["th_abbr"]),
                   en_full=tuple(lists["en"]), en_abbr=tuple(lists["en_abbr"]),
                   eras=eras,
                   era_names=tuple(n for k in ("be", "ce") for n in eras_raw.get(k) or ()),
                   thai_cues=tuple(cues_raw["th"]), en_cues=tuple(cues_raw["en"]),
                   not_a_day_after=tuple(raw.get("not_a_day_after") or ()),
                   relative=relative,
                   relative_not_after=tuple(w.lower() for w in raw.get("relative_not_after") or ()))


# --- relative days ("today", "เมื่อวานนี้") ------------------------------------------------------

_THAI = "\u0e01-\u0e5b"
#: Characters beyond a letter's two cases that ``re`` matches case-insensitively with it.
_FOLDS = {"k": "\u212a", "s": "\u017f", "i": "\u0130\u0131"}


def _relative_alternatives() -> list[tuple[str, str]]:
    """(word, pattern) of each relative word, longest pattern first: Thai as is, English as a
    whole Latin word, spaces flexible."""
    alts = [(w, re.escape(w).replace(r"\ ", r"[ \t]{1,3}") if re.search(f"[{_THAI}]", w)
             else r"(?<![A-Za-z])" + re.escape(w).replace(r"\ ", r"[ \t]{1,3}") + r"(?![A-Za-z])")
            for w in tables().relative]
    return sorted(alts, key=lambda a: len(a[1]), reverse=True)


def plain_relative() -> re.Pattern[str]:
    """``dates.RELATIVE_RE`` in its reference form, one case-insensitive alternation (for tests):
    matches "วันนี้", "เมื่อวานนี้", "today", "Yesterday"; not "todays"."""
    alts = _relative_alternatives()
    return re.compile("|".join(a for _, a in alts), re.IGNORECASE) if alts else re.compile("(?!)")


def relative_regex() -> re.Pattern[str]:
    r"""The matches of ``plain_relative()`` with every alternative opening with a plain literal
    (one per case variant of a Latin first letter; the rest case-insensitive, the look-behind
    moved after it: ``(?<![A-Za-z])today`` -> ``t(?i:(?<![A-Za-z]t)oday)``), so that ``re`` only
    tries positions whose character can start a word ("เมื่อวานนี้", "Today"; not "todays"). The
    reference form when a word opens with something else than a letter."""
    alts = _relative_alternatives()
    out = []
    for word, _ in alts:
        c, rest = word[0], re.escape(word[1:]).replace(r"\ ", r"[ \t]{1,3}")
        variants = [x for x in {c, c.lower(), c.upper(), *_FOLDS.get(c.lower(), "")}
                    if len(x) == 1 and re.fullmatch(f"(?i){re.escape(c)}", x)]
        if re.search(f"[{_THAI}]", word):
            if variants != [c] or c == " ":
                return plain_relative()
            out += [re.escape(c) + f"(?i:{rest})"]
        elif "a" <= c.lower() <= "z":
            out += [re.escape(v) + rf"(?i:(?<![A-Za-z]{re.escape(c)}){rest}(?![A-Za-z]))"
                    for v in sorted(variants)]
        else:
            return plain_relative()
    return re.compile("|".join(out)) if out else re.compile("(?!)")
