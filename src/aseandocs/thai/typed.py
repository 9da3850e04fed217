"""Dictionary repair of Thai text that never went through our PDF reader: typed text and .txt files
whose Thai was copied out of a PDF viewer.

Such text keeps the damage the PDF's fonts did, which ``thai.normalize`` (rules on characters
alone) cannot mend because the damaged form is a possible spelling:

- sara am drawn as a ring and a gap ("ส าคัญ", "ด าเนิน" for สำคัญ, ดำเนิน) and sara am followed by a
  stray sara aa ("สำาคัญ");
- a vowel or tone mark placed on the consonant after its own ("มลพษิ" for มลพิษ, "ขอ้มูล" for
  ข้อมูล) or on no letter at all ("เิงน" for เงิน);
- a word split by a space ("ครั้ งที่", "อนั ตราย" for อันตราย: a mark moved and a space);
- sara aa written as sara am by a font ("บ้ำน").

``repair_typed`` first counts the signs of that damage that clean Thai never has (``damage_signs``:
a consonant, a gap and sara aa or sara am, since no word starts with either; sara am and sara aa
together; mai han-akat closing a syllable). Below ``MIN_SIGNS`` the text is left exactly as it is.
Above it, the text is segmented with newmm, and around each word outside pythainlp's dictionary
the repairs above are tried; one is kept only when the dictionary prefers it: fewer letters outside
dictionary words, and the words where the text changed all in the dictionary. Every change is an
edit of an ``OffsetMap``, so spans found in the repaired text map back to the text given::

    >>> r = repair_typed("ความ ส าคัญ ของการ ด าเนินงาน ที่จ าเป็น")
    >>> r.text, r.repairs
    ('ความ สำคัญ ของการ ดำเนินงาน ที่จำเป็น', 3)
    >>> r.offsets.span_to_raw((5, 10))
    (5, 11)
    >>> repair_typed("ความสำคัญของการดำเนินงาน").repairs
    0
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .repair import dictionary, newmm_words
from .text import OffsetMap

__all__ = ["repair_typed", "damage_signs", "Repaired", "MIN_SIGNS"]

#: Signs of damage (``damage_signs``) a text needs before it is repaired at all; two, so that one
#: typing slip in a clean article does not open it to the dictionary.
MIN_SIGNS = 2
_CONTEXT = 2         # words of context on each side of a word outside the dictionary
_COMMON = 100       # Thai National Corpus count from which a repaired word is an everyday word
_PIECE = 300        # characters of a chunk repaired at a time (``_pieces``)
_ROUNDS = 3          # repairs tried one after the other in one place ("อนั ตราย": a mark, a gap)

_CONS = "\u0e01-\u0e2e"
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_TONES = "\u0e48-\u0e4b"
# Signs of damage clean Thai never has:
#   a consonant (and a tone mark), a gap, sara aa or sara am: "ส าคัญ", "น้ าท่วม" (no word starts
#   with sara aa or sara am); sara am followed by sara aa: "สำาคัญ"; mai han-akat (and a tone mark)
#   closing a syllable, which it never does: "อนั ตราย", "ครั้ ง"
#   must not match "ทา นา", "ASEAN า", "สำคัญ", "ครั้ง", "สัญญา"
_SIGNS = re.compile(rf"[{_CONS}][{_TONES}]?[ \t\u00a0]+[\u0e32\u0e33]|\u0e33\u0e32"
                    rf"|\u0e31[{_TONES}]?(?![{_CONS}{_TONES}])")
# Thai words joined by single spaces: where repairs are looked for (a repair never crosses a line,
# a digit, a Latin letter or punctuation).
#   a run followed by a full stop is an abbreviation ("พ.ศ.", "กนอ.") and no part of a chunk
_RUN = r"[\u0e01-\u0e4e]+(?![\u0e01-\u0e4e.])"
_CHUNK = re.compile(rf"{_RUN}(?: {_RUN})*")
_THAI_WORD = re.compile("[\u0e01-\u0e4e]+")
_RING_GAP = re.compile(rf"(?<=[{_CONS}])([{_TONES}]?) ([\u0e32\u0e33])")
_MARK_CLASS = {c: 0 for c in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"}
_MARK_CLASS.update({c: 1 for c in "\u0e48\u0e49\u0e4a\u0e4b"})
_MARK_CLASS.update({c: 2 for c in "\u0e4c\u0e4d\u0e4e"})


@dataclass(frozen=True, slots=True)
class Repaired:
    """The repaired text, the map back to the text given, the number of repairs, and the number of
    damage signs found (``damage_signs``)."""

    text: str
    offsets: OffsetMap
    repairs: int
    signs: int


def damage_signs(text: str) -> int:
    """How many signs of PDF damage ``text`` holds (see the module docstring): 0 for clean Thai.

        >>> damage_signs("ส าคัญ สำาคัญ อนั ตราย"), damage_signs("สำคัญ ครั้งที่ อันตราย")
        (3, 0)
    """
    return len(_SIGNS.findall(text))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The words met ``_COMMON`` times or more in the Thai National Corpus: 11,000 of its 106,000
    (kept as a set, not the counts: 1 MiB where the whole table took 30 in every worker)."""
    from importlib.resources import files
    common: set[str] = set()
    try:   # read line by line: pythainlp's get_corpus would keep every line of the file cached
        with files("pythainlp.corpus").joinpath("tnc_freq.txt").open(encoding="utf-8-sig") as f:
            for line in f:
                p = line.rstrip("\r\n").split("\t")
                if len(p) >= 2 and p[0] and int(p[1]) >= _COMMON:
                    common.add(p[0])
    except OSError:
        from pythainlp.corpus import tnc
        common = {w for w, c in tnc.word_freqs() if c >= _COMMON}
    return frozenset(common)


def _common(token: str) -> bool:
    """Is ``token`` a word of everyday Thai: in the dictionary, and met ``_COMMON`` times or more in
    the Thai National Corpus (pythainlp's ``tnc_freq.txt``) or made of such words ("ผู้นำประเทศ")?
    The dictionary alone holds rare words that damage makes by chance ("อนัม", "ตรำ", "มาณพ")."""
    return token in dictionary() and _everyday(token)


@lru_cache(maxsize=65536)
def _everyday(s: str) -> bool:
    common = _common_words()
    return s in common or any(s[:i] in common and _everyday(s[i:])
                                    for i in range(2, len(s) - 1))


@lru_cache(maxsize=65536)
def _tokens(s: str) -> tuple[str, ...]:
    return tuple(newmm_words(s, keep_whitespace=True))


def _unknown(token: str) -> bool:
    return bool(_THAI_WORD.fullmatch(token)) and token not in dictionary() and token not in ("ๆ", "ฯ")


@lru_cache(maxsize=65536)
def _outside(s: str) -> int:
    """Letters of ``s`` in words outside the dictionary (newmm's segmentation)."""
    return sum(len(t) for t in _tokens(s) if _unknown(t))


def _token_spans(s: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for t in _tokens(s):
        out.append((pos, pos + len(t), t))
        pos += len(t)
    return out


def _changed_known(new: str, old: str) -> bool:
    """Is ``new`` (``old`` with one repair) in dictionary words where it changed? The words over
    the change are all everyday words (``_common``) and no more than ``old`` had there (a name cut into short
    words by a moved mark is no repair); a gap removed is inside one word of two letters or more."""
    p = 0
    while p < min(len(new), len(old)) and new[p] == old[p]:
        p += 1
    q = 0
    while q < min(len(new), len(old)) - p and new[-1 - q] == old[-1 - q]:
        q += 1
    lo, hi = p, len(new) - q
    if hi <= lo:                    # a gap removed
        return _joins(new, old, lo)
    over = [t for a, b, t in _token_spans(new) if a < hi and b > lo]
    old_over = [t for a, b, t in _token_spans(old) if a < len(old) - q and b > p]
    return (len(over) <= len(old_over)
            and all(not t.strip() or (_common(t) and len(t) >= 2) for t in over))


def _joins(new: str, old: str, at: int) -> bool:
    """Does removing the gap at ``at`` make one dictionary word of what the gap cut? The word of
    ``new`` over the gap is made of whole words of ``old`` (the gap's side), one of them outside the
    dictionary, and neither side of the gap is a single letter ("ถนนสาย ก", "โครงการ ณ เดือน")."""
    left = old[:at].rsplit(" ", 1)[-1]
    right = old[at + 1:].split(" ", 1)[0]
    if len(left) < 2 or len(right) < 2:
        return False
    old_spans = _token_spans(old)
    starts = {a for a, _, _ in old_spans}
    ends = {b for _, b, _ in old_spans}
    for a, b, t in _token_spans(new):
        if a < at < b:
            return (_common(t) and a in starts and b + 1 in ends
                    and any(_unknown(u) for x, y, u in old_spans if x >= a and y <= b + 1))
    return False


def _clusters(w: str) -> list[tuple[int, int]]:
    """(start, end) of each consonant and the combining marks after it."""
    out = []
    i = 0
    while i < len(w):
        if "\u0e01" <= w[i] <= "\u0e2e":
            j = i + 1
            while j < len(w) and w[j] in _MARK_CLASS:
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


def _with_mark(cluster: str, mark: str) -> str | None:
    """``cluster`` (a consonant and its marks) with ``mark`` added in canonical order, or None when
    it already has a mark of that class."""
    marks = cluster[1:]
    if any(_MARK_CLASS[m] == _MARK_CLASS[mark] for m in marks):
        return None
    return cluster[0] + "".join(sorted(marks + mark, key=_MARK_CLASS.__getitem__))


_SPACING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e40\u0e41\u0e42\u0e43\u0e44")   # ะ า ำ, the vowels written first


def _back_to_consonant(w: str, i: int) -> str | None:
    """``w`` with the mark at ``i`` (on no letter) moved back over one or two spacing vowels to
    the consonant they follow, as a font that draws a mark after the vowel gives it ("นา้" is
    "น้า", "ตรแ์ละ" is "ตร์และ"; a nikhahit before sara aa makes sara am: "จาแํนก" is "จำแนก")::

        >>> _back_to_consonant("หนา้ที่", 3), _back_to_consonant("จาแํนก", 3)
        ('หน้าที่', 'จำแนก')
    """
    k = i - 1
    while k >= 0 and i - k <= 2 and w[k] in _SPACING_VOWELS:
        k -= 1
    if k == i - 1 or k < 0:
        return None
    c0 = k
    while c0 > 0 and w[c0] in _MARK_CLASS:
        c0 -= 1
    if not "\u0e01" <= w[c0] <= "\u0e2e":
        return None
    moved = _with_mark(w[c0:k + 1], w[i])
    if moved is None:
        return None
    between = w[k + 1:i]
    if w[i] == "\u0e4d" and between.startswith("\u0e32"):   # nikhahit + sara aa: sara am
        moved, between = moved.replace("\u0e4d", ""), "\u0e33" + between[1:]
    return w[:c0] + moved + between + w[i + 1:]


def _candidates(w: str, swapped: bool) -> set[str]:
    """``w`` with one repair made: a ring and a gap closed, a gap removed, a mark moved to the
    consonant before the one it is on (a mark on no letter: to the consonant after it, or back
    over the vowels before it: ``_back_to_consonant``), and
    (``swapped``: the text's font writes sara aa as sara am) a sara am read as sara aa."""
    out = {m.string[:m.start()] + m.group(1) + "\u0e33" + m.string[m.end():]
           for m in _RING_GAP.finditer(w)}
    out.update(w[:i] + w[i + 1:] for i, c in enumerate(w)
               if c == " " and 0 < i < len(w) - 1 and w[i + 1] not in "\u0e32\u0e33")
    cl = _clusters(w)
    for k, (s, e) in enumerate(cl):
        for mi in range(s + 1, e):
            mark = w[mi]
            rest = w[s:mi] + w[mi + 1:e]
            for n in (k - 1,):           # a mark drawn right of its consonant goes back
                if not 0 <= n < len(cl):
                    continue
                ns, ne = cl[n]
                if (ns, ne) != ((e, cl[n][1]) if n > k else (cl[n][0], s)):
                    continue            # only the consonant right beside it
                moved = _with_mark(w[ns:ne], mark)
                if moved is None:
                    continue
                out.add(w[:ns] + moved + rest + w[e:] if n < k else w[:s] + rest + moved + w[ne:])
    for i, c in enumerate(w):            # a mark on no letter goes to the consonant after it
        if c in _MARK_CLASS and (i == 0 or not ("\u0e01" <= w[i - 1] <= "\u0e2e"
                                              or w[i - 1] in _MARK_CLASS)):
            j = next((k for k in range(i + 1, min(len(w), i + 3))
                      if "\u0e01" <= w[k] <= "\u0e2e"), None)
            if j is not None:
                out.add(w[:i] + w[i + 1:j + 1] + c + w[j + 1:])
            back = _back_to_consonant(w, i)
            if back is not None:
                out.add(back)
    if swapped:
        out.update(w[:i] + "\u0e32" + w[i + 1:] for i, c in enumerate(w) if c == "\u0e33")
    out.discard(w)
    return out


def _words_in(s: str) -> int:
    return sum(1 for t in _tokens(s) if t.strip())


def _repair_window(w: str, swapped: bool) -> tuple[str, int]:
    """The best repair of ``w`` the dictionary prefers, up to ``_ROUNDS`` repairs in a row: fewer
    letters outside dictionary words and no more words (a repair joins what damage cut)."""
    count = 0
    for _ in range(_ROUNDS):
        here = _outside(w), _words_in(w)
        if here[0] == 0:
            break
        best = None
        for c in _candidates(w, swapped):
            score = (_outside(c), _words_in(c))
            if (score[0] < here[0] and score[1] <= here[1] and (best is None or score < best[0])
                    and _changed_known(c, w)):
                best = (score, c)
        if best is None:
            break
        w = best[1]
        count += 1
    return w, count


def _next_word(toks: tuple[str, ...], k: int, step: int) -> int:
    """The index of the next token from ``k`` (``step`` -1: before it) that is not white space."""
    j = k + step
    while 0 <= j < len(toks) and not toks[j].strip():
        j += step
    return j


def _repair_chunk(chunk: str, swapped: bool) -> tuple[str, OffsetMap, int]:
    """``chunk`` repaired, its map back, and the number of repairs: each word outside the
    dictionary is tried with ``_CONTEXT`` words on each side (and the spaces between them); after a
    repair the chunk is segmented again, since damage can glue a letter to the word before it
    ("การด าเนิน" segments as "กา" + "รด" + " " + "า" + "เนิน")."""
    offsets = OffsetMap()
    repairs = 0
    cursor = 0                   # no word starting before this is tried again
    for _ in range(4 * len(chunk) + 4):      # each round moves the cursor or repairs
        toks = _tokens(chunk)
        starts = []
        pos = 0
        for t in toks:
            starts.append(pos)
            pos += len(t)
        i = next((k for k, t in enumerate(toks) if starts[k] >= cursor and _unknown(t)), None)
        if i is None:
            break
        lo = hi = i
        for _ in range(_CONTEXT):
            j = _next_word(toks, lo, -1)
            if j < 0:
                break
            lo = j
        for _ in range(_CONTEXT):
            j = _next_word(toks, hi, 1)
            if j >= len(toks):
                break
            hi = j
        a, b = starts[lo], starts[hi] + len(toks[hi])
        old = chunk[a:b]
        new, n = _repair_window(old, swapped)
        if not n:
            cursor = starts[i] + len(toks[i])
            continue
        p, q = _common_ends(new, old)
        offsets = offsets.then(OffsetMap.from_edits([(a + p, a + len(new) - q, a + p, b - q)]))
        chunk = chunk[:a] + new + chunk[b:]
        repairs += n
        cursor = a + p           # the words before the repair were tried already
    return chunk, offsets, repairs


def _common_ends(new: str, old: str) -> tuple[int, int]:
    """The lengths of the common prefix and (after it) the common suffix of ``new`` and ``old``."""
    p = 0
    while p < min(len(new), len(old)) and new[p] == old[p]:
        p += 1
    q = 0
    while q < min(len(new), len(old)) - p and new[-1 - q] == old[-1 - q]:
        q += 1
    return p, q


def _pieces(text: str):
    """(start, end) of the chunks of ``text`` (``_CHUNK``), a long one cut at a space into pieces
    of at most ``_PIECE`` characters (a repair segments its piece again: the cost of a piece is
    bounded, so the repair stays linear in the text)."""
    for m in _CHUNK.finditer(text):
        a, end = m.span()
        while end - a > _PIECE:
            cut = a + _PIECE
            for k in range(a + _PIECE - 1, a + _PIECE // 2, -1):     # a space no sign of damage holds
                if text[k] == " " and text[k + 1] not in "\u0e32\u0e33" and text[k - 1] != "\u0e31":
                    cut = k
                    break
            yield a, cut
            a = cut
        yield a, end


def repair_typed(text: str, *, min_signs: int = MIN_SIGNS) -> Repaired:
    """``text`` with the PDF damage of typed or copied Thai repaired (see the module docstring).
    A text with fewer than ``min_signs`` signs of damage comes back unchanged (0 repairs); sara am
    followed by a stray sara aa is always mended in a text that is repaired."""
    signs = damage_signs(text)
    if signs < min_signs:
        return Repaired(text, OffsetMap(), 0, signs)
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = npos = 0
    repairs = 0

    from .repair import aa_written_as_am
    swapped = aa_written_as_am(text)
    for c0, c1 in _pieces(text):
        fixed, offsets, n = _repair_chunk(text[c0:c1], swapped)
        if not n:
            continue
        out.append(text[pos:c0])
        npos += c0 - pos
        for ns, ne, rs, re_ in offsets.edits:
            edits.append((npos + ns, npos + ne, c0 + rs, c0 + re_))
        npos += len(fixed)
        out.append(fixed)
        pos = c1
        repairs += n
    out.append(text[pos:])
    fixed = "".join(out)
    if "\u0e33\u0e32" in fixed:        # no Thai word has sara am then sara aa
        second = OffsetMap.from_edits([(i - k, i - k + 1, i, i + 2) for k, i in
                                       enumerate(m.start() for m in re.finditer("\u0e33\u0e32", fixed))])
        repairs += len(second.edits)
        fixed = fixed.replace("\u0e33\u0e32", "\u0e33")
        return Repaired(fixed, OffsetMap.from_edits(edits).then(second), repairs, signs)
    return Repaired(fixed, OffsetMap.from_edits(edits), repairs, signs)
