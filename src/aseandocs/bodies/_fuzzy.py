"""Fuzzy recognition of spelling variants, within one script, over cheap candidate windows.

Windows start at a Thai anchor ("การประชุม", "คณะกรรมการ", "ศูนย์", ...) or surround an English
one ("Meeting", "Committee", "Forum", ...) not already inside a mention; every window is scored
against every alias of its script in ONE rapidfuzz ``cdist`` call per script. The processor is our
own ``alias_key`` (casefold Latin, drop spaces and punctuation, keep every Thai character), never
rapidfuzz's ``default_process``, which strips Thai vowels and tone marks.

Finds "ASEAN Disabilities Forum" for "ASEAN Disability Forum", "ASEAN Defense Ministers' Meeting"
for "ASEAN Defence Ministers' Meeting", "คณะกรรมการประจำของอาเซียน" for "คณะกรรมการประจำอาเซียน".
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from ..model import Mention
from ._fold import alias_key, is_latin_alnum, is_thai
from ._lexicon import lexicon
from ._variants import plausible_variant

if TYPE_CHECKING:
    from .registry import BodyRegistry

__all__ = ["fuzzy_mentions"]

# Characters a window never crosses: brackets, line breaks, clause punctuation.
_WINDOW_STOPS = frozenset("()[]{}\n:;\"")
# Where a Thai window ends: a bracket, a line break, clause punctuation or a Latin letter.
# In "ศูนย์พลังงานอาเซียน (ACE)" the window ends at "("; in "ศูนย์ ACE" at "a".
_WINDOW_END_RE = re.compile(r"[()\[\]{}\n:;\"a-z]")
# The vectorised pass compares the first _HEAD characters of windows and aliases (bit-parallel
# and cheap); pairs scoring _PREFILTER or more are refined on whole names.
_HEAD = 10
_PREFILTER = 70


@lru_cache(maxsize=1)
def _thai_anchor_re() -> re.Pattern[str]:
    # e.g. "การประชุม" in "การประชุมเจ้าหน้าที่อาวุโส", "ศูนย์" in "ศูนย์พลังงานอาเซียน"
    return re.compile("|".join(re.escape(a) for a in lexicon().thai_anchors))


@lru_cache(maxsize=1)
def _english_anchor_re() -> re.Pattern[str]:
    # e.g. "forum" in "asean disabilities forum" and "asean regionalforum"; not "forums" or
    # "forumlike" (a word must end there)
    words = "|".join(re.escape(a) for a in sorted(lexicon().english_anchors, key=len, reverse=True))
    return re.compile(rf"(?:{words})(?![a-z0-9])")


@lru_cache(maxsize=16)
def _aliases(registry: "BodyRegistry") -> dict[str, tuple[list[str], list[str], list[str], list[list[int]]]]:
    """Per script: alias keys (Thai ones without "การประชุม"/"ที่ประชุม"), their body ids, the
    distinct heads of the keys and, per head, the indices of the keys having it."""
    lex = lexicon()
    out = {}
    for script, (keys, bids) in registry._index().items():
        bare: dict[str, str] = {}
        for k, b in zip(keys, bids):
            for p in lex.thai_prefixes:
                if k.startswith(p):
                    k = k[len(p):]
                    break
            if len(k) >= lex.fuzzy_min_alias_length and bare.get(k, b) == b:
                bare[k] = b
        ks = list(bare)
        heads: dict[str, list[int]] = {}
        for i, k in enumerate(ks):
            heads.setdefault(k[:_HEAD], []).append(i)
        out[script] = (ks, [bare[k] for k in ks], list(heads), list(heads.values()))
    return out


class _Keyed:
    """The alias key of the whole folded text (letters, digits, Thai) and where each key
    character sits in the folded text; a window's key is a slice of it."""

    def __init__(self, folded: str) -> None:
        codes = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
        keep = (((codes >= 0x61) & (codes <= 0x7A)) | ((codes >= 0x30) & (codes <= 0x39))
                | ((codes >= 0x0E00) & (codes <= 0x0E7F)) | ((codes >= 0xC0) & (codes <= 0x24F)))
        self.idx = np.flatnonzero(keep)
        self.key = codes[keep].tobytes().decode("utf-32-le")
        self._starts = self.idx.tolist()      # bisect on a list: no numpy call per window

    def window(self, a: int, b: int) -> tuple[str, np.ndarray]:
        i, j = bisect_left(self._starts, a), bisect_left(self._starts, b)
        return self.key[i:j], self.idx[i:j]


def _thai_windows(folded: str, offsets, occupied: bytearray) -> list[tuple[int, int]]:
    cap = lexicon().fuzzy_thai_window
    out = []
    for m in _thai_anchor_re().finditer(folded):
        p = m.start()
        if occupied[offsets[p]]:
            continue
        stop = _WINDOW_END_RE.search(folded, p, min(len(folded), p + cap))
        e = stop.start() if stop else min(len(folded), p + cap)
        out.append((p, e))
    return out


def _english_windows(folded: str, offsets, occupied: bytearray) -> list[tuple[int, int]]:
    lex = lexicon()
    out = []
    n = len(folded)
    for m in _english_anchor_re().finditer(folded):
        if occupied[offsets[m.start()]]:
            continue
        a, words = m.start(), 0
        while a > 0 and words < lex.fuzzy_english_words_before:
            c = folded[a - 1]
            if c in _WINDOW_STOPS or c == "," or is_thai(c):
                break
            a -= 1
            if c == " ":
                words += 1
        b, words = m.end(), 0
        while b < n and words <= lex.fuzzy_english_words_after:
            c = folded[b]
            if c in _WINDOW_STOPS or is_thai(c):
                break
            if c == " ":
                words += 1
            b += 1
        out.append((a, b))
    return out


def _accept_latin(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s > 0 and is_latin_alnum(text[s - 1]):
        s -= 1
    while e < len(text) and is_latin_alnum(text[e]):
        e += 1
    nxt = text[e:e + 12].split(maxsplit=1)
    if nxt and nxt[0].lower() in lexicon().english_name_continuations:
        return None
    return s, e


def _accept_thai(text: str, e: int) -> bool:
    """A Thai match must end where a word does: before non-Thai text or a clause cue."""
    if e + 1 < len(text) and text[e] in "-–—" and is_thai(text[e + 1]):
        return False    # "...อาเซียน-สหรัฐฯ": a partner's name follows; another body
    if e >= len(text) or not is_thai(text[e]):
        return True
    lex = lexicon()
    if any(text.startswith(c, e) for c in lex.thai_name_continuations):
        return False
    return any(text.startswith(c, e) for c in lex.thai_clause_cues)


def _refine(alias: str, wkey: str, cutoff: float) -> tuple[float, int]:
    """The best (ratio, end) of ``alias`` against ``wkey[:end]`` for ends near the alias length."""
    n = len(alias)
    if not fuzz.ratio(alias, wkey[:n + 2], score_cutoff=cutoff - 8):
        return (0.0, 0)             # cheap gate: far off at the alias length
    best = (0.0, 0)
    for end in range(max(1, n - 4), min(n + 7, len(wkey)) + 1):
        r = fuzz.ratio(alias, wkey[:end], score_cutoff=cutoff)
        if r > best[0]:
            best = (r, end)
    return best


def _rows(script: str, folded: str, keyed: _Keyed,
          windows: list[tuple[int, int]]) -> list[tuple[str, np.ndarray, int]]:
    """Candidate starts in the windows: (key from the start, key -> folded index, mention start)."""
    lex = lexicon()
    rows = []
    for a, b in dict.fromkeys(windows):
        key, idx = keyed.window(a, b)
        if not key:
            continue
        if script == "th":
            rows.append((key, idx, int(idx[0])))
            for p in lex.thai_prefixes:     # also without its prefix, against bare aliases
                if key.startswith(p) and len(key) > len(p):
                    rows.append((key[len(p):], idx[len(p):], int(idx[0])))
                    break
        else:                               # every word start up to the anchor
            for i in range(a, b):
                if i == a or folded[i - 1] == " ":
                    k, ix = keyed.window(i, b)
                    if len(k) >= lex.fuzzy_min_alias_length:
                        rows.append((k, ix, int(ix[0])))
    return [r for r in rows if len(r[0]) >= lex.fuzzy_min_alias_length - 2]


def fuzzy_mentions(text: str, folded: str, offsets, registry: "BodyRegistry",
                   occupied: bytearray) -> list[Mention]:
    """Fuzzy mentions in windows not already ``occupied`` (a 0/1 mask over ``text``)."""
    lex = lexicon()
    thr = lex.fuzzy_threshold
    out: list[Mention] = []
    aliases = _aliases(registry)
    keyed = _Keyed(folded)
    for script, windows in (("th", _thai_windows(folded, offsets, occupied)),
                            ("en", _english_windows(folded, offsets, occupied))):
        keys, bids, heads, members = aliases[script]
        rows = _rows(script, folded, keyed, windows) if windows and keys else []
        if not rows:
            continue
        # ONE vectorised call per script: every window head against every alias head
        scores = process.cdist([r[0][:_HEAD] for r in rows], heads, scorer=fuzz.ratio,
                               score_cutoff=_PREFILTER, dtype=np.uint8, workers=1)
        for ri, hi in zip(*np.nonzero(scores)):
            wkey, idx, mstart = rows[ri]
            for j in members[hi]:
                score, end = _refine(keys[j], wkey, thr)
                if (score < thr or wkey[:end] in lex.generic_keys
                        or not plausible_variant(keys[j], wkey[:end])):
                    continue
                s, e = offsets[mstart], offsets[int(idx[end - 1])] + 1
                if script == "en":
                    span = _accept_latin(text, s, e)
                    if span is None:
                        continue
                    s, e = span
                elif not _accept_thai(text, e):
                    continue
                out.append(Mention(bids[j], text[s:e], (s, e), "fuzzy", round(score / 100.0, 4)))
    # the best-scoring reading of a place first; the caller keeps non-overlapping ones
    out.sort(key=lambda m: -m.score)
    return out
