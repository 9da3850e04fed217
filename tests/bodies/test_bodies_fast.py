"""The fast paths of body recognition (issue 8) give exactly what their plain forms give.

Each test rebuilds the plain form next to the fast one: the anchor alternations next to the anchors
the Aho-Corasick pass finds, the character walk of English windows next to its regexes, the
ordinal regex next to ``_name_end``, the offset list next to its runs, every (row, alias) pair
through ``_refine`` next to the batched gate, Thai keys next to their one-byte form. The texts are
corpus/ (read in place) and strings generated here from registry names with typos.
"""
from __future__ import annotations

import random
import re

import numpy as np
import pytest
from conftest import OWN_CORPUS
from rapidfuzz import fuzz, process

from aseandocs.bodies import BodyRegistry
from aseandocs.bodies import _fuzzy as F
from aseandocs.bodies import _patterns as P
from aseandocs.bodies._automaton import automaton_for
from aseandocs.bodies._fold import fold, fold_runs, is_thai
from aseandocs.bodies._lexicon import lexicon
from aseandocs.bodies._variants import words_fit
from aseandocs.pipeline import normalize_document
from aseandocs.readers import read

_STOPS = frozenset("()[]{}\n:;\"")
_PIECES = [" ", ", ", " (", ") ", "\n", ": ", " - ", "the ", "of the ", "meeting ", "forum ",
           "การประชุม", "ครั้งที่ 5 ", "ศูนย์", "คณะกรรมการ", "ได้จัด", "ที่ ", "ว่าด้วย"]


@pytest.fixture(scope="module")
def reg() -> BodyRegistry:
    return BodyRegistry.load()


@pytest.fixture(scope="module")
def texts(reg) -> list[str]:
    """corpus/ and 300 generated strings: registry names, some with a typo, between joining words."""
    own = [normalize_document(read(p)).text for p in sorted(OWN_CORPUS.iterdir())
           if p.suffix in (".txt", ".html")]
    rnd = random.Random(8)
    names = sorted(n for b in reg for n in b.names)

    def typo(s: str) -> str:
        chars = list(s)
        for _ in range(rnd.randint(0, 2)):
            i = rnd.randrange(len(chars))
            chars[i:i + 1] = rnd.choice(([], [chars[i], rnd.choice("aeisnrtาีเ่ ")], [rnd.choice("aeoสน")]))
        return "".join(chars)

    made = ["".join(typo(rnd.choice(names)) if rnd.random() < 0.6 else rnd.choice(_PIECES)
                    for _ in range(rnd.randint(1, 12))) for _ in range(300)]
    return own + made


def _plain_anchors(folded: str) -> dict[str, list[tuple[int, int]]]:
    lex = lexicon()
    th = re.compile("|".join(re.escape(a) for a in lex.thai_anchors))
    en = re.compile("(?:" + "|".join(re.escape(a) for a in sorted(lex.english_anchors, key=len, reverse=True))
                    + ")(?![a-z0-9])")
    return {"th": [m.span() for m in th.finditer(folded)], "en": [m.span() for m in en.finditer(folded)]}


def _plain_english_window(folded: str, s: int, e: int) -> tuple[int, int]:
    lex = lexicon()
    a, words = s, 0
    while a > 0 and words < lex.fuzzy_english_words_before:
        c = folded[a - 1]
        if c in _STOPS or c == "," or is_thai(c):
            break
        a -= 1
        words += c == " "
    b, words = e, 0
    while b < len(folded) and words <= lex.fuzzy_english_words_after:
        c = folded[b]
        if c in _STOPS or is_thai(c):
            break
        words += c == " "
        b += 1
    return a, b


def test_anchors_and_windows_match_the_plain_forms(reg, texts):
    for t in texts:
        folded, offsets = fold_runs(t)
        anchors = automaton_for(reg).scan(t, folded, offsets)[1]
        assert anchors == _plain_anchors(folded)
        free = bytearray(len(t))
        assert F._english_windows(folded, offsets, free, anchors["en"]) == \
            [_plain_english_window(folded, s, e) for s, e in anchors["en"]]


def test_offset_runs_are_the_offset_list(texts):
    for t in texts:
        folded, runs = fold_runs(t)
        plain = fold(t)[1]
        assert len(runs) == len(plain) and [runs[i] for i in range(len(plain))] == plain
        for a in range(0, len(plain), 7):
            b = min(len(plain), a + 1 + a % 23)
            assert runs.span(a, b) == (plain[a], plain[b - 1] + 1)


@pytest.mark.parametrize("text", ["อาเซียน ครั้งที่ 11 (", "ASEAN (", "ARF 2019  (", "ครั้งที่๑๑(",
                                  "   (", "(", "ศูนย์ ครั้งที่ 1 1 ("])
def test_name_end_is_the_ordinal_regex(text):
    paren = text.index("(")
    assert P._name_end(text, paren) == P.ORDINAL_BEFORE_RE.search(text, max(0, paren - 40), paren).start()


def test_name_end_on_every_parenthesis(texts):
    for t in texts:
        for m in P.PAREN_RE.finditer(t):
            want = P.ORDINAL_BEFORE_RE.search(t, max(0, m.start() - 40), m.start()).start()
            assert P._name_end(t, m.start()) == want


@pytest.mark.parametrize("a, b", [("คณะกรรมการประจำอาเซียน", "คณะกรรมการประจำของอาเซียน"),
                                  ("การประชุมรัฐมนตรีอาเซียน", "aseanministers"),
                                  ("aseandefenceministersmeeting", "aseandefenseministersmeeting"),
                                  ("ศูนย์๑๒", "ศูนย์12")])
def test_one_byte_keys_keep_every_score(a, b):
    ca, cb = F._compact(a), F._compact(b)
    assert all(ord(c) < 0x100 for c in ca + cb)      # one byte a character: the fast kind
    assert fuzz.ratio(ca, cb) == fuzz.ratio(a, b)
    assert [x == y for x in a for y in b] == [x == y for x in ca for y in cb]


def test_one_byte_map_is_one_to_one():
    table = F._key_codes()
    kept = [c for c in range(len(table) - 1) if table[c]]
    assert len({int(table[c]) for c in kept}) == len(kept)


def _plain_fuzzy(text, folded, offsets, registry, occupied, anchors):
    """fuzzy_mentions as it was: every pair over the uint8 head filter through ``_refine``."""
    lex = lexicon()
    thr, generic = lex.fuzzy_threshold, F._compact_words()[1]
    windows = {"th": F._thai_windows(folded, offsets, occupied, anchors["th"]),
               "en": F._english_windows(folded, offsets, occupied, anchors["en"])}
    keyed, out = F._Keyed(folded), []
    for script in ("th", "en"):
        keys, bids, heads, members = F._aliases(registry)[script]
        rows = F._rows(script, folded, keyed, windows[script])
        if not rows:
            continue
        scores = process.cdist([r[0][:F._HEAD] for r in rows], heads, scorer=fuzz.ratio,
                               score_cutoff=F._PREFILTER, dtype=np.uint8, workers=1)
        for ri, hi in zip(*np.nonzero(scores)):
            wkey, kstart, mstart = rows[ri]
            for j in members[hi][0]:
                score, end = F._refine(keys[j], wkey, thr)
                if score < thr or wkey[:end] in generic or not F.plausible_variant(keys[j], wkey[:end]):
                    continue
                s, e = offsets[mstart], offsets[int(keyed.idx[kstart + end - 1])] + 1
                if script == "en":
                    span = F._accept_latin(text, s, e)
                    body = registry.get(bids[j])
                    if span is None or not words_fit(text[span[0]:span[1]],
                                                     body.en + body.acronyms + body.former):
                        continue
                    s, e = span
                elif not F._accept_thai(text, e):
                    continue
                out.append((bids[j], text[s:e], (s, e), round(score / 100.0, 4)))
    out.sort(key=lambda m: -m[3])
    return out


def test_batched_gate_keeps_every_fuzzy_mention(reg, texts):
    n = 0
    for t in texts:
        folded, offsets = fold_runs(t)
        anchors = automaton_for(reg).scan(t, folded, offsets)[1]
        free = bytearray(len(t))        # nothing occupied: every anchor opens a window
        got = [(m.body, m.text, m.span, m.score)
               for m in F.fuzzy_mentions(t, folded, offsets, reg, free, anchors)]
        assert got == _plain_fuzzy(t, folded, offsets, reg, free, anchors)
        n += len(got)
    assert n > 50                       # the generated typos do reach the fuzzy pass
