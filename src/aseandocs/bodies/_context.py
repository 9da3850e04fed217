"""Telling apart the senses of a shared alias from the words around it.

"ASC" beside "Political-Security Community" / "ประชาคมการเมืองและความมั่นคง" is a pillar, not a
body; beside "Standing Committee" / "คณะกรรมการประจำ" it is the ASEAN Standing Committee. "ADF"
beside "Disability" / "คนพิการ" is the ASEAN Disability Forum; beside "Development Fund" /
"กองทุน" the ASEAN Development Fund. With no evidence, or a tie, nothing is chosen: never guess.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ._fold import alias_key, fold_name, fold_runs
from ._lexicon import lexicon

if TYPE_CHECKING:
    from .registry import BodyRegistry

__all__ = ["resolve_shared", "NOT_A_BODY"]

#: The sense "this is not a body" (a pillar, a treaty, ...).
NOT_A_BODY = "-"


def _cues(registry: "BodyRegistry", body_id: str) -> tuple[str, ...]:
    lex = lexicon()
    b = registry[body_id]
    cues = set(lex.context_cues.get(body_id, ()))
    for n in b.en:
        f = fold_name(n)
        f = f[6:] if f.startswith("asean ") else f
        if len(f) >= 6 and f not in lex.english_stopwords:
            cues.add(f)
    for n in b.th:
        f = fold_name(n)
        for p in lex.thai_prefixes:
            if f.startswith(p):
                f = f[len(p):]
        if len(f) >= 6:
            cues.add(f)
    return tuple(sorted(cues))


@lru_cache(maxsize=4096)
def _senses(registry: "BodyRegistry", key: str, bodies: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = [(b, _cues(registry, b)) for b in bodies]
    nb = lexicon().non_body_senses.get(key)
    if nb:
        out.append((NOT_A_BODY, nb))
    return tuple(out)


def resolve_shared(registry: "BodyRegistry", alias: str, bodies: tuple[str, ...], text: str,
                   span: tuple[int, int], extra: str = "") -> str | None:
    """The body a shared alias at ``span`` stands for, or None (not a body, or undecidable).

    ``extra`` is more context to weigh (the inside of the parenthesis the alias sits in).
    """
    w = lexicon().context_window
    s, e = span
    # the words around the alias, within its paragraph
    before = text[max(0, s - w):s].rsplit("\n\n", 1)[-1]
    window = before + " " + text[e:e + w].split("\n\n", 1)[0] + " " + extra
    folded = fold_runs(window)[0]
    scores = []
    for sense, cues in _senses(registry, alias_key(alias), bodies):
        scores.append((sum(1 for c in cues if c in folded), sense))
    scores.sort(reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    best = scores[0][1]
    return None if best == NOT_A_BODY else best
