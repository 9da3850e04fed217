"""Dictionary-aware repair of sara am (U+0E33 ำ) in Thai text out of PDFs.

Fonts that Word and Excel embed break sara am in three ways that a rule on characters alone
cannot mend, since the broken form is also a possible spelling:

- a ring and a gap: the nikhahit drawn apart from its sara aa, extracted as a consonant, a space
  and sara aa ("จ านวน" for จำนวน) or a space and sara am ("ต ำบล" where the font below
  writes sara aa as sara am);
- sara am followed by a stray sara aa ("สำาคัญ" for สำคัญ): no Thai word has "ำา";
- a font that writes sara aa as sara am ("บ้ำน" for บ้าน), recognised from the text: many words
  with sara am that are not in the dictionary but are once sara am becomes sara aa.

A word is changed only where pythainlp's dictionary prefers the repaired form (fewer letters
outside dictionary words when the text around it is segmented with newmm), so clean text stays as
it is::

    >>> repair_sara_am("จ านวน ที่ สำาคัญ")
    ('จำนวน ที่ สำคัญ', 2)
    >>> repair_sara_am("ทา นา")
    ('ทา นา', 0)
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations
from typing import Iterable

__all__ = ["repair_sara_am", "aa_written_as_am", "dictionary", "dictionary_score", "newmm_words"]

_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
# A consonant (and a tone mark), white space, then sara aa or sara am: a ring and a gap.
#   matches "จ านวน", "น้ าท่วม" (a tone mark before the gap) and "ต ำบล"
#   must not match "ทา นา" (the space follows sara aa), "ASEAN า"
_RING_GAP = re.compile("(?P<left>[\u0e01-\u0e4e]*[\u0e01-\u0e2e][\u0e48-\u0e4b]?)[ \t\u00a0]+"
                       "(?P<v>[\u0e32\u0e33])(?=(?P<right>[\u0e01-\u0e4e]*))")
_AM_AA = re.compile("\u0e33\u0e32")
# A Thai word with sara am: the candidates when the font writes sara aa as sara am.
_REAL_AM = "\ue033"     # stand-in for a sara am known to be real while the others are swapped
# ... with the real sara am kept in, so a word is judged whole ("อ\ue033นำจเจริญ" is อำนาจเจริญ)
_AM_WORD = re.compile(f"[\u0e01-\u0e4e{_REAL_AM}]*\u0e33[\u0e01-\u0e4e{_REAL_AM}]*")
_ALL_WAYS = 4           # a word with up to this many sara am is tried every way (2**4 readings)
_SWAP_SHARE = 0.3       # share of the words with sara am that a swap mends, over which the font swaps
_SWAP_MIN = 5           # ... and at least this many


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """pythainlp's Thai word list (loaded once, shared by the dictionary repairs of thai.typed
    and thai.glyphs)."""
    from pythainlp.corpus import thai_words
    return frozenset(thai_words())


class _WordList:
    """A word set as pythainlp's newmm asks its ``custom_dict``: ``prefixes(text, start)``, the
    words that start at ``start``, shortest first (what its trie gives), from the set and the
    lengths of the words beginning with each pair of letters; ``in``; ``len``. pythainlp's trie of
    the same words costs 76 MiB in every process that segments; the set is ``dictionary()``,
    already loaded, and the lengths a few KiB."""

    def __init__(self, words: frozenset[str]) -> None:
        self._words = words
        self._ones = frozenset(w for w in words if len(w) == 1)
        lengths: dict[str, set[int]] = {}
        for w in words:
            if len(w) > 1:
                lengths.setdefault(w[:2], set()).add(len(w))
        self._lengths = {c: tuple(sorted(ls)) for c, ls in lengths.items()}

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        n = len(text)
        if start >= n:
            return []
        out = [text[start]] if text[start] in self._ones else []
        for k in self._lengths.get(text[start:start + 2], ()):
            if start + k > n:
                break
            w = text[start:start + k]
            if w in self._words:
                out.append(w)
        return out

    def __contains__(self, key: object) -> bool:
        return key in self._words

    def __len__(self) -> int:
        return len(self._words)


@lru_cache(maxsize=1)
def newmm_dictionary() -> _WordList:
    """``dictionary()`` in the form pythainlp's newmm takes as ``custom_dict``: the same words, so
    the same segmentation as its default trie (tests/thai/test_repair.py), without the trie."""
    words = dictionary()
    if any(w != w.strip() or not w for w in words):   # pythainlp's trie strips each word
        words = frozenset(w.strip() for w in words if w.strip())
    return _WordList(words)


def newmm_words(s: str, keep_whitespace: bool = False) -> list[str]:
    """pythainlp's newmm segmentation of ``s`` with its own dictionary (``newmm_dictionary``)."""
    from pythainlp.tokenize import word_tokenize
    return word_tokenize(s, custom_dict=newmm_dictionary(), engine="newmm", keep_whitespace=keep_whitespace)


@lru_cache(maxsize=65536)
def dictionary_score(s: str) -> tuple[int, int]:
    """Letters of ``s`` outside dictionary words when it is segmented with newmm, then the number
    of words (one dictionary word beats two: "จำนวน" beats "จาน" + "วน")."""
    words = dictionary()
    toks = [t for t in newmm_words(s) if _THAI_RUN.fullmatch(t)]
    return sum(len(t) for t in toks if t not in words), len(toks)


def _better(new: str, old: str) -> bool:
    return dictionary_score(new) < dictionary_score(old)


def aa_written_as_am(text: str) -> bool:
    """Does the text come from a font that writes sara aa as sara am? True when at least
    ``_SWAP_MIN`` words with sara am, and ``_SWAP_SHARE`` of them, read better with sara aa
    ("บ้ำน", "สมำชิก") than as they are."""
    found = _AM_WORD.findall(text)
    if len(found) < _SWAP_MIN:
        return False
    fixed = sum(1 for w in set(found) if _better(w.replace("\u0e33", "\u0e32"), w))
    return fixed >= _SWAP_MIN and fixed >= _SWAP_SHARE * len(set(found))


def repair_sara_am(text: str, *, aa_as_am: bool | None = None) -> tuple[str, int]:
    """``text`` with sara am repaired (see the module docstring), and the number of repairs.
    ``aa_as_am`` says whether the font writes sara aa as sara am (None: decided from ``text``)."""
    if "\u0e32" not in text and "\u0e33" not in text:
        return text, 0
    count = 0
    swap = aa_written_as_am(text) if aa_as_am is None else aa_as_am

    def ring_gap(m: re.Match[str]) -> str:
        nonlocal count
        left, v, right = m.group("left"), m.group("v"), m.group("right")
        old = m.group(0)
        if swap and v == "\u0e33":
            # the font's sara aa is U+0E33, so a ring and a gap before it is the real sara am:
            # kept apart (a private-use stand-in) from the sara am to be turned into sara aa
            count += 1
            return left + _REAL_AM
        if v == "\u0e33":
            count += 1
            return left + "\u0e33"       # nothing starts with sara am: the gap goes
        # No word starts with sara aa, so the gap is no word break: a ring drawn apart from its
        # sara aa (sara am), unless the dictionary prefers the sara aa ("จ านวน" -> "จำนวน",
        # "ท าตาม" -> "ทำตาม"; "ก าแพง"? "กำแพง" too; the space itself is left to repair_pdf_text)
        am = left + "\u0e33" + right
        if dictionary_score(am) <= dictionary_score(left + "\u0e32" + right):
            count += 1
            return left + "\u0e33"
        return old

    text = _RING_GAP.sub(ring_gap, text)
    text, n = _AM_AA.subn("\u0e33", text)
    count += n
    if swap:
        def swap_word(m: re.Match[str]) -> str:
            nonlocal count
            w, n = _swapped(m.group(0))
            count += n
            return w
        text = _AM_WORD.sub(swap_word, text).replace(_REAL_AM, "\u0e33")
    return text, count


def _swapped(w: str) -> tuple[str, int]:
    """``w`` (a word of a text whose font writes sara aa as sara am; its real sara am, drawn as a
    ring and a gap, already ``_REAL_AM``) with each sara am read as the dictionary prefers, and the
    number turned into sara aa. In such a font a sara am with no gap before it *is* its sara aa,
    so where the dictionary cannot tell (a place name outside it: "ไพศำลี", "ศรีสงครำม" inside a
    line) the sara aa wins. The word is judged whole, its real sara am in place, and every way of
    reading its sara am is tried (greedily, one after another, past ``_ALL_WAYS``)::

        >>> _swapped("อ" + _REAL_AM + "นำจเจริญ")
        ('อ\ue033นาจเจริญ', 1)
        >>> _swapped("ไพศำลี")
        ('ไพศาลี', 1)
        >>> _swapped("จำนวน")
        ('จำนวน', 0)
    """
    at = [i for i, c in enumerate(w) if c == "\u0e33"]

    def key(c: str) -> tuple[int, int, int]:
        return (*dictionary_score(c.replace(_REAL_AM, "\u0e33")), c.count("\u0e33"))

    def read(chosen: Iterable[int]) -> str:
        chars = list(w)
        for i in chosen:
            chars[i] = "\u0e32"
        return "".join(chars)

    if len(at) <= _ALL_WAYS:
        best = min((read(ks) for r in range(len(at) + 1) for ks in combinations(at, r)), key=key)
    else:
        best = w
        for k in at:                                   # each sara am in turn
            new = best[:k] + "\u0e32" + best[k + 1:]
            if key(new) <= key(best):
                best = new
    return best, sum(1 for a, b in zip(w, best) if a != b)
