"""The word lists of body recognition, read once from ``aseandocs/data/bodies_lexicon.yaml``.

Thai anchors ("การประชุม", "คณะกรรมการ", "ศูนย์") and English ones ("Meeting", "Committee",
"Centre") mark where a body name may be; generic words ("ที่ประชุม", "the Meeting") are never
bodies; context cues tell apart the senses of a shared acronym ("ADF" near "คนพิการ" or
"Disability" is the ASEAN Disability Forum).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .._data import load_data
from ..errors import RegistryError
from ._fold import alias_key, fold_name

__all__ = ["Lexicon", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    thai_prefixes: tuple[str, ...]
    thai_alternations: tuple[tuple[str, str], ...]
    min_bare_thai_length: int
    thai_people_heads: tuple[str, ...]
    thai_anchors: tuple[str, ...]
    english_anchors: tuple[str, ...]
    generic_keys: frozenset[str]
    thai_clause_cues: tuple[str, ...]
    english_leading_words: frozenset[str]
    english_stopwords: frozenset[str]
    context_cues: dict[str, tuple[str, ...]]
    non_body_senses: dict[str, tuple[str, ...]]
    context_window: int
    thai_name_continuations: tuple[str, ...]
    english_name_continuations: frozenset[str]
    fuzzy_threshold: float
    fuzzy_min_alias_length: int
    fuzzy_thai_window: int
    fuzzy_english_words_before: int
    fuzzy_english_words_after: int
    exact_thai_continuations: tuple[str, ...]
    exact_english_continuations: frozenset[str]
    thai_owner_words: tuple[str, ...] = ()
    thai_asean_owners: tuple[str, ...] = ()
    level_roles: frozenset[str] = frozenset()
    thai_level_word: str = "ระดับ"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon (cached)."""
    d = load_data("bodies_lexicon.yaml", error=RegistryError)
    lower = lambda xs: tuple(fold_name(str(x)) for x in xs or ())  # noqa: E731
    return Lexicon(
        thai_prefixes=tuple(d["thai_prefixes"]),
        thai_alternations=tuple((a, b) for a, b in d["thai_alternations"]),
        min_bare_thai_length=int(d["min_bare_thai_length"]),
        thai_people_heads=tuple(d["thai_people_heads"]),
        # longest first, so "คณะกรรมาธิการ" is tried before "คณะกรรมการ"
        thai_anchors=tuple(sorted(d["thai_anchors"], key=len, reverse=True)),
        english_anchors=lower(d["english_anchors"]),
        generic_keys=frozenset(alias_key(str(x)) for x in d["generic"]),
        thai_clause_cues=tuple(sorted(d["thai_clause_cues"], key=len, reverse=True)),
        english_leading_words=frozenset(lower(d["english_leading_words"])),
        english_stopwords=frozenset(lower(d["english_stopwords"])),
        context_cues={str(k): lower(v) for k, v in (d.get("context_cues") or {}).items()},
        non_body_senses={alias_key(str(k)): lower(v)
                         for k, v in (d.get("non_body_senses") or {}).items()},
        context_window=int(d["context_window"]),
        thai_name_continuations=tuple(d["thai_name_continuations"]),
        english_name_continuations=frozenset(lower(d["english_name_continuations"])),
        fuzzy_threshold=float(d["fuzzy_threshold"]),
        fuzzy_min_alias_length=int(d["fuzzy_min_alias_length"]),
        fuzzy_thai_window=int(d["fuzzy_thai_window"]),
        fuzzy_english_words_before=int(d["fuzzy_english_words_before"]),
        fuzzy_english_words_after=int(d["fuzzy_english_words_after"]),
        exact_thai_continuations=tuple(d["exact_thai_continuations"]),
        exact_english_continuations=frozenset(lower(d["exact_english_continuations"])),
        thai_owner_words=tuple(d.get("thai_owner_words") or ()),
        thai_asean_owners=tuple(d.get("thai_asean_owners") or ()),
        level_roles=frozenset(lower(d.get("level_roles"))),
        thai_level_word=str(d.get("thai_level_word") or "ระดับ"),
    )
