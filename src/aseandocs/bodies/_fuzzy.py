"""Fuzzy recognition of spelling variants, within one script, over cheap candidate windows.

Windows start at a Thai anchor ("การประชุม", "คณะกรรมการ", "ศูนย์", ...) or surround an English
one ("Meeting", "Committee", "Forum", ...) not already inside a mention. Each candidate start in a
window (a row) meets the aliases of its script in three steps, each cheaper per pair than the next:
ONE rapidfuzz ``cdist`` of row heads against alias heads per script, ONE ``cpdist`` of the pairs
left at the alias length, and ``_refine`` on the few pairs still close. The processor is our own
``alias_key`` (casefold Latin, drop spaces and punctuation, keep every Thai character), never
rapidfuzz's ``default_process``, which strips Thai vowels and tone marks.

Finds "ASEAN Disabilities Forum" for "ASEAN Disability Forum", "ASEAN Defense Ministers' Meeting"
for "ASEAN Defence Ministers' Meeting", "คณะกรรมการประจำของอาเซียน" for "คณะกรรมการประจำอาเซียน".
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from ..model import Mention
from ._fold import is_latin_alnum, is_thai
from ._lexicon import lexicon
from ._variants import plausible_variant, words_fit

if TYPE_CHECKING:
    from ._automaton import Anchors
    from .registry import BodyRegistry

__all__ = ["fuzzy_mentions"]

# Where a Thai window ends: a bracket, a line break, clause punctuation or a Latin letter.
# In "ศูนย์พลังงานอาเซียน (ACE)" the window ends at "("; in "ศูนย์ ACE" at "a".
_WINDOW_END_RE = re.compile(r"[()\[\]{}\n:;\"a-z]")
# What an English window may hold: anything but brackets, line breaks, clause punctuation and
# Thai; before the anchor not a comma either ("..., asean disabilities forum" starts after it).
_BEFORE = r"[^()\[\]{}\n:;\",\u0e00-\u0e7f ]"
_AFTER = r"[^()\[\]{}\n:;\"\u0e00-\u0e7f ]"
# The vectorised pass compares the first _HEAD characters of windows and aliases (bit-parallel
# and cheap); pairs scoring _PREFILTER or more are refined on whole names.
_HEAD = 10
_PREFILTER = 70
# ``_refine`` drops a pair scoring under its cutoff - 8 at the alias length; the batched gate
# drops only pairs a point further off, so that float rounding can never drop one it would keep.
_GATE_SLACK = 9


@lru_cache(maxsize=1)
def _english_reach_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How far an English window reaches from its anchor: back (matched on the reversed text)
    over at most ``fuzzy_english_words_before`` spaces, on over ``fuzzy_english_words_after`` + 1.

    Back from "forum" in "the asean disabilities forum" it takes all three words (reversed:
    "seitilibasid naesa eht"); in "ประชุม asean disabilities forum" it stops at the Thai; on
    from "forum" in "forum (adf)" it stops at "(".
    """
    lex = lexicon()
    k, m = lex.fuzzy_english_words_before, lex.fuzzy_english_words_after + 1
    back = (rf"(?:{_BEFORE}* ){{{k}}}|(?:{_BEFORE}* ){{0,{k - 1}}}{_BEFORE}*" if k > 0 else "")
    on = rf"(?:{_AFTER}* ){{{m}}}|(?:{_AFTER}* ){{0,{m - 1}}}{_AFTER}*"
    return re.compile(back), re.compile(on)


@lru_cache(maxsize=1)
def _key_codes() -> np.ndarray:
    """For each code point up to U+0E7F, the code it has in a key, 0 when it is no key character
    (code points above the Thai block are none: look them up as U+0E80, the last entry).

    Letters, digits and Latin letters with diacritics keep their code. rapidfuzz compares
    one-byte strings about three times faster than Thai ones (a table lookup instead of a hash
    map), so each assigned Thai character ("ก", "ั", "่", "๑") gets a byte no key character can
    be: from U+0001 to U+00BF and not a letter or digit. The map is one to one on keys, so every
    score is unchanged.
    """
    table = np.zeros(0x0E81, dtype=np.uint32)
    for lo, hi in ((0x30, 0x39), (0x61, 0x7A), (0xC0, 0x24F), (0x0E00, 0x0E7F)):
        table[lo:hi + 1] = np.arange(lo, hi + 1)
    spare = [c for c in range(1, 0xC0) if not chr(c).isalnum()]
    assigned = [c for c in range(0x0E00, 0x0E80) if unicodedata.category(chr(c)) != "Cn"]
    table[assigned] = spare[:len(assigned)]
    return table


def _compact(key: str) -> str:
    """A registry key in the compared alphabet (see ``_key_codes``)."""
    table = _key_codes()
    return "".join(chr(table[ord(c)]) if is_thai(c) else c for c in key)


@lru_cache(maxsize=1)
def _compact_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """The Thai prefixes and the generic keys, in the compared alphabet."""
    lex = lexicon()
    return (tuple(_compact(p) for p in lex.thai_prefixes),
            frozenset(_compact(k) for k in lex.generic_keys))


# Per head: the indices of the alias keys having it, those keys, slices to their lengths + 2.
_Members = list[tuple[list[int], list[str], list[slice]]]


@lru_cache(maxsize=16)
def _aliases(registry: "BodyRegistry") -> dict[str, tuple[list[str], list[str], list[str], _Members]]:
    """Per script: alias keys (Thai ones without "การประชุม"/"ที่ประชุม") in the compared alphabet,
    their body ids, the distinct heads of the keys and, per head, the indices of the keys having
    it, those keys and slices to their lengths plus two (where ``_refine`` gates)."""
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
        ks = [_compact(k) for k in bare]
        heads: dict[str, list[int]] = {}
        for i, k in enumerate(ks):
            heads.setdefault(k[:_HEAD], []).append(i)
        members = [(js, [ks[j] for j in js], [slice(len(ks[j]) + 2) for j in js])
                   for js in heads.values()]
        out[script] = (ks, list(bare.values()), list(heads), members)
    return out


class _Keyed:
    """The alias key of the whole folded text (letters, digits, Thai; in the compared alphabet)
    and where each key character sits in the folded text; a window's key is a slice of it."""

    def __init__(self, folded: str) -> None:
        codes = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
        mapped = _key_codes().take(np.minimum(codes, 0x0E80))
        keep = mapped != 0
        self.idx = np.flatnonzero(keep)
        self.key = mapped[keep].tobytes().decode("utf-32-le")

    def key_starts(self, positions: list[int]) -> list[int]:
        """For each folded position, the index of the first key character at or after it."""
        return np.searchsorted(self.idx, positions).tolist()


def _thai_windows(folded: str, offsets, occupied: bytearray,
                  anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """From each free Thai anchor to the first window end, at most ``fuzzy_thai_window`` on."""
    cap = lexicon().fuzzy_thai_window
    out = []
    for p, _ in anchors:
        if occupied[offsets[p]]:
            continue
        stop = _WINDOW_END_RE.search(folded, p, min(len(folded), p + cap))
        e = stop.start() if stop else min(len(folded), p + cap)
        out.append((p, e))
    return out


def _english_windows(folded: str, offsets, occupied: bytearray,
                     anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Around each free English anchor, as far as ``_english_reach_res`` lets it reach."""
    anchors = [(s, e) for s, e in anchors if not occupied[offsets[s]]]
    if not anchors:
        return []
    back, on = _english_reach_res()
    n = len(folded)
    rev = folded[::-1]          # rev[n - s:] is the text before s, read backwards
    return [(s - (back.match(rev, n - s).end() - (n - s)), on.match(folded, e).end())
            for s, e in anchors]


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
          windows: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Candidate starts in the windows: (key from the start, where that key starts in the whole
    key, mention start in the folded text)."""
    lex = lexicon()
    windows = list(dict.fromkeys(windows))
    if script == "th":
        spans = windows
    else:                                   # every word start up to the anchor
        spans = []
        for a, b in windows:
            spans.append((a, b))
            i = folded.find(" ", a, b - 1)
            while i >= 0:
                spans.append((i + 1, b))
                i = folded.find(" ", i + 1, b - 1)
    if not spans:
        return []
    firsts = keyed.key_starts([s for s, _ in spans])
    lasts = keyed.key_starts([e for _, e in spans])
    # where each row's first key character sits in the folded text (past the end: never used)
    at = keyed.idx.take(firsts, mode="clip").tolist()
    key = keyed.key
    prefixes = _compact_words()[0]
    rows = []
    for i, j, start in zip(firsts, lasts, at):
        if i >= j:
            continue
        k = key[i:j]
        if script == "th":
            rows.append((k, i, start))
            for p in prefixes:              # also without its prefix, against bare aliases
                if k.startswith(p) and len(k) > len(p):
                    rows.append((k[len(p):], i + len(p), start))
                    break
        elif len(k) >= lex.fuzzy_min_alias_length:
            rows.append((k, i, start))
    return [r for r in rows if len(r[0]) >= lex.fuzzy_min_alias_length - 2]


def _pairs(rows: list[tuple[str, int, int]], heads: list[str], members: _Members,
           cutoff: float) -> list[tuple[int, int]]:
    """The (row, alias) pairs worth refining, in row order, then head order, then alias order.

    One ``cdist`` of every row head against every alias head; then one ``cpdist`` of each pair
    left, the row cut at the alias length plus two as ``_refine`` gates it; ``_refine`` stays
    the judge of the few pairs that pass.
    """
    # only whether a score reached the cutoff counts (rapidfuzz gives 0 below it), and float32
    # scores are computed faster than uint8 ones; flatnonzero of a bool array is the fast path
    scores = process.cdist([r[0][:_HEAD] for r in rows], heads, scorer=fuzz.ratio,
                           score_cutoff=_PREFILTER, workers=1)
    hit_rows, hit_heads = divmod(np.flatnonzero(scores != 0), len(heads))
    groups = list(zip(hit_rows.tolist(), hit_heads.tolist()))
    firsts: list[int] = []              # where each (row, head) group starts among the pairs
    keys: list[str] = []
    cut: list[str] = []
    for ri, hi in groups:
        _, ks, ends = members[hi]
        firsts.append(len(keys))
        keys += ks
        cut += map(rows[ri][0].__getitem__, ends)       # the row cut at each alias length + 2
    if not keys:
        return []
    gate = process.cpdist(keys, cut, scorer=fuzz.ratio, score_cutoff=cutoff - _GATE_SLACK,
                          workers=1)
    out = []
    for i in np.flatnonzero(gate != 0).tolist():
        g = bisect_right(firsts, i) - 1
        ri, hi = groups[g]
        out.append((ri, members[hi][0][i - firsts[g]]))
    return out


def fuzzy_mentions(text: str, folded: str, offsets, registry: "BodyRegistry",
                   occupied: bytearray, anchors: "Anchors") -> list[Mention]:
    """Fuzzy mentions in windows not already ``occupied`` (a 0/1 mask over ``text``), from the
    ``anchors`` the exact pass found (``Automaton.scan``)."""
    thr = lexicon().fuzzy_threshold
    generic = _compact_words()[1]
    out: list[Mention] = []
    windows = {"th": _thai_windows(folded, offsets, occupied, anchors["th"]),
               "en": _english_windows(folded, offsets, occupied, anchors["en"])}
    if not any(windows.values()):
        return out
    aliases = _aliases(registry)
    keyed = _Keyed(folded)
    for script in ("th", "en"):
        keys, bids, heads, members = aliases[script]
        rows = _rows(script, folded, keyed, windows[script]) if keys else []
        if not rows:
            continue
        for ri, j in _pairs(rows, heads, members, thr):
            wkey, kstart, mstart = rows[ri]
            score, end = _refine(keys[j], wkey, thr)
            if score < thr or wkey[:end] in generic or not plausible_variant(keys[j], wkey[:end]):
                continue
            s, e = offsets[mstart], offsets[int(keyed.idx[kstart + end - 1])] + 1
            if script == "en":
                span = _accept_latin(text, s, e)
                body = registry.get(bids[j])
                if span is None or (body is not None and not words_fit(
                        text[span[0]:span[1]], body.en + body.acronyms + body.former)):
                    continue
                s, e = span
            elif not _accept_thai(text, e):
                continue
            out.append(Mention(bids[j], text[s:e], (s, e), "fuzzy", round(score / 100.0, 4)))
    # the best-scoring reading of a place first; the caller keeps non-overlapping ones
    out.sort(key=lambda m: -m.score)
    return out
