"""Bilingual patterns: a Thai name followed by its English name and/or acronym in parentheses.

"ชื่อไทย (English Name: ACR)", "ชื่อไทย (English Name หรือ ACR)", "ชื่อไทย (English Name -ACR)",
"ชื่อไทย (ACR)", "ชื่อไทย ครั้งที่ 11 (11th English Name: 11th ACR)": when any part resolves to a
body, the Thai name and the parenthesis are one mention of it (method "pattern"), even when the
Thai name itself is not in the registry.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Mention
from ._context import resolve_shared
from ._lexicon import lexicon

if TYPE_CHECKING:
    from .registry import BodyRegistry

__all__ = ["pattern_mentions", "split_parenthesis", "thai_name_start", "PAREN_RE"]

# A parenthesis on one line holding at least one Latin letter.
# Matches "(ASEAN Centre for Energy)", "(Committee of Permanent Representatives: CPR)", "(AMCA)";
# not "(รัฐมนตรีต่างประเทศ)" (no Latin), "(1)" or a parenthesis spanning two lines.
PAREN_RE = re.compile(r"\((?P<inner>[^()\n]*[A-Za-z][^()\n]*)\)", re.ASCII)

# "หรือ" between an English name and its acronym: "(Association of Southeast Asian Nations หรือ ASEAN)";
# not "หรือ" inside a Thai word run without spaces around it.
OR_SPLIT_RE = re.compile(r"\s+หรือ\s+")

# The last colon: "(ASEAN Regional Forum : ARF)", "(ASEAN University Network: AUN)"; not "(ASEAN Summit)".
COLON_SPLIT_RE = re.compile(r"\s*[:：]\s*(?=[^:：]*\Z)")

# A dash before a trailing acronym: "(ASEAN Defence Ministers Meeting -ADMM)",
# "(ASEAN Summit – ASEAN)"; not the hyphen inside "Political-Security" or "ASEAN-US".
DASH_SPLIT_RE = re.compile(r"\s+[-–—]\s*(?=[A-Z][A-Za-z0-9.\- ]{1,20}\Z)")

# Each split and what its separator holds, to skip it cheaply when that is absent.
_SPLITS = ((OR_SPLIT_RE, ("หรือ",)), (COLON_SPLIT_RE, (":", "：")), (DASH_SPLIT_RE, ("-", "–", "—")))

# An ordinal or article at the start of a part: "11th ASCCO", "the ASCC"; not "ASEAN", "11".
LEADING_RE = re.compile(r"\A(?:(?P<ordinal>\d+(?:st|nd|rd|th))\s+|(?P<article>the)\s+)+", re.IGNORECASE)

# What may stand between a Thai name and its parenthesis: spaces and an ordinal.
# Matches " ครั้งที่ 11 " and " " before "(", not "ประจำปี 2562 ".
ORDINAL_BEFORE_RE = re.compile(r"(?:\s*ครั้งที่\s*\d+)?\s*\Z")

# A word bodies' English names are made of ("Meeting", "Forum", "Centre", ...); matches
# "ASEAN Disabilities Forum", not "ASEAN Political-Security Community" or "ASEAN Charter".
_ENGLISH_ANCHOR_RE = re.compile(
    r"(?i)\b(?:" + "|".join(re.escape(a) for a in lexicon().english_anchors) + r")\b")

# Characters that end the search for a Thai name backwards from a parenthesis.
_STOPS = "\n()[]:;\"“”"
_NAME_CAP = 120

# An ASCII letter, looked for in reversed text (the last one before a parenthesis): in
# "ASEAN ศูนย์พลังงาน" reversed, the "N" of "ASEAN"; nothing in "ศูนย์พลังงานอาเซียน".
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
# A Thai character: "ศ" in "ศูนย์ 2562"; nothing in "ASEAN 2019".
_THAI_RE = re.compile(r"[\u0e00-\u0e7f]")


#: A web or e-mail address inside a parenthesis.
_WEB_RE = re.compile(r"(?:https?:|ftp:|//|www\.|@)[\w.-]", re.ASCII | re.IGNORECASE)


def split_parenthesis(inner: str) -> tuple[str, str]:
    """"ASEAN University Network: AUN" -> ("ASEAN University Network", "AUN"); "AMCA" -> ("", "AMCA")."""
    inner = inner.strip()
    if _WEB_RE.search(inner):
        return "", ""               # "(https://…)", "(www.…)", "(info@…)": an address, not a name
    for rx, marks in _SPLITS:
        if not any(c in inner for c in marks):
            continue                # no "หรือ", colon or dash: the split cannot apply
        parts = rx.split(inner, maxsplit=1) if rx is not COLON_SPLIT_RE else rx.split(inner)
        if len(parts) == 2 and parts[0].strip() and parts[1].strip():
            return _clean(parts[0]), _clean(parts[1])
    if " " not in inner and sum(1 for c in inner if c.isalpha() and c.isupper()) >= 2:
        return "", _clean(inner)
    return _clean(inner), ""


def _clean(part: str) -> str:
    return LEADING_RE.sub("", part.strip()).strip(" .,;-–")


def thai_name_start(text: str, end: int) -> int:
    """Where the Thai name that ends at ``end`` starts (``end`` when there is none).

    Backwards from ``end``: the nearest anchor ("การประชุม", "คณะกรรมการ", "ศูนย์", ...), with a
    "การประชุม"/"ที่ประชุม" just before it; else the last run of Thai without spaces.
    """
    lex = lexicon()
    lo = max(0, end - _NAME_CAP)
    seg = text[lo:end]
    cut = max((seg.rfind(c) for c in _STOPS), default=-1)
    last = _ASCII_LETTER_RE.search(seg[::-1])         # the last ASCII letter, if after the stop
    if last and len(seg) - 1 - last.start() > cut:
        cut = len(seg) - 1 - last.start()
    lo += cut + 1
    seg = text[lo:end]
    if not _THAI_RE.search(seg):
        return end
    best = -1
    for a in lex.thai_anchors:
        i = seg.rfind(a)
        if i > best:
            best = i
    if best >= 0:
        for p in lex.thai_prefixes:
            if seg[:best].endswith(p):
                best -= len(p)
                break
        return lo + best
    run = seg.rstrip()
    i = run.rfind(" ") + 1
    start = lo + i
    word = run[i:]
    for c in lex.thai_clause_cues:
        if word.startswith(c) and len(word) - len(c) >= 4:
            return start + len(c)
    return start


def _name_end(text: str, paren: int) -> int:
    """Where the spaces and ordinal between a name and its parenthesis at ``paren`` start, as
    ``ORDINAL_BEFORE_RE`` finds it (" ครั้งที่ 11 " and " " before "("), looking back 40 characters.

    Only a digit before the spaces can start an ordinal; else the spaces alone are the answer.
    """
    lo = max(0, paren - 40)
    spaces = lo + len(text[lo:paren].rstrip())
    if spaces == lo or not text[spaces - 1].isdecimal():
        return spaces
    return ORDINAL_BEFORE_RE.search(text, lo, paren).start()


def _resolve_part(registry: "BodyRegistry", part: str, text: str, span: tuple[int, int],
                  context: str, fuzzy: bool) -> tuple[str, float] | None:
    if not part:
        return None
    owners = registry.owners(part)
    if owners and (len(owners) > 1 or registry.is_ambiguous(part)):
        bid = resolve_shared(registry, part, owners, text, span, extra=context)
        return (bid, 1.0) if bid else None
    if owners:
        return owners[0], 1.0
    if not fuzzy or not _ENGLISH_ANCHOR_RE.search(part):
        return None                 # only names that look like a body's are worth a fuzzy look
    hit = registry.resolve(part)
    return (hit[0].id, hit[1]) if hit else None


def pattern_mentions(text: str, registry: "BodyRegistry",
                     exact_by_end: dict[int, Mention]) -> list[Mention]:
    """Mentions made of a name and its parenthesis; ``exact_by_end`` maps an exact mention's end to it."""
    out: list[Mention] = []
    for m in PAREN_RE.finditer(text):
        inner = m.group("inner")
        name, acr = split_parenthesis(inner)
        q = _name_end(text, m.start())
        thai = exact_by_end.get(q)
        start = thai.span[0] if thai else thai_name_start(text, q)
        context = text[start:q] + " " + inner
        by_acr = _resolve_part(registry, acr, text, m.span(), context, fuzzy=False)
        by_name = _resolve_part(registry, name, text, m.span(), context, fuzzy=True)
        if by_acr:
            bid, score = by_acr
        elif thai:
            bid, score = thai.body, thai.score
        elif by_name:
            bid, score = by_name
        else:
            continue
        if thai and thai.body != bid:
            # the acronym names another body than the Thai name before it: the parenthesis alone
            start = m.start()
        out.append(Mention(bid, text[start:m.end()], (start, m.end()), "pattern", score))
    return out
