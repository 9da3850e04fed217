"""How links are scored (``LinkConfig``) and an event as a linking query: its weighted terms, their
surface forms, the instruments they came from (``linking.link`` scores measures with it)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Event
from .evidence import broad_subjects, family, is_weak, partners_meeting_of, subjects, subjects_of_bodies
from .glossary import _glossary_terms, broad_gloss_terms
from .terms import THAI, _terms, generic_name_word, tokenize

__all__ = ["LinkConfig", "_Query"]


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """How links are scored and kept. ``threshold`` applies to the score in [0, 1]."""

    max_links: int = 3
    threshold: float = 0.4       # chosen by benchmarks/bench_links.py (leave-one-document-out)
    k1: float = 1.2
    b: float = 0.75
    body_boost: float = 3.0        # a shared body weighs this many times its IDF
    instrument_boost: float = 2.5  # so do the words of a named instrument
    family_boost: float = 2.0      # a body of the same family (ADSOM for a measure naming the ADMM)
    subject_boost: float = 3.0     # a shared subject of the glossary ("transnational crime")
    relative: float = 0.7          # a second or third link scores at least this share of the first (best) link
    squash: float = 8.0            # score = bm25 / (bm25 + squash)
    named: float = 0.5             # a measure names an instrument when it holds this share of its name's phrases


@dataclass(frozen=True, slots=True)
class _Query:
    """An event as a query: weighted terms, their surface forms, the instrument each came from."""

    weights: dict[str, float]
    surface: dict[str, str]
    instruments: dict[str, str]
    body_subjects: frozenset[str] = frozenset()   # "subject:…" terms that come from the event's bodies
    #: instrument -> the phrases of its own name (not the glossary's), see ``names_instrument``
    phrases: dict[str, frozenset[str]] = field(default_factory=dict)

    def names_instrument(self, instrument: str, matched: "set[str]", share: float = 0.5) -> bool:
        """Whether a measure whose matched terms are ``matched`` names ``instrument``, not only
        shares a phrase of its name: it holds a glossary name of it (a whole name, in either
        language), or at least ``share`` of the phrases of its name (``LinkConfig.named``). The
        Treaty on the Prohibition of Nuclear Weapons ("สนธิสัญญา|ห้าม", "ห้าม|อาวุธ",
        "อาวุธ|นิวเคลียร์") shares one of its three phrases with the measure on the Southeast Asia
        Nuclear Weapon-Free Zone treaty: it is another treaty. The cost: a name whose subject is
        one phrase of several ("… on Humanitarian Assistance and Disaster Relief") no longer
        anchors a measure on that subject by that phrase alone."""
        held = {t for t in matched if self.instruments.get(t) == instrument}
        own = self.phrases.get(instrument, frozenset())
        return bool(held - own) or len(held & own) >= share * len(own) - 1e-9

    @classmethod
    def of(cls, event: Event, cfg: LinkConfig) -> "_Query":
        weights: dict[str, float] = {}
        surface: dict[str, str] = {}
        for t in _terms(tokenize(event.text)):
            weights[t] = 1.0
            surface.setdefault(t, t.replace("|", "" if THAI.match(t) else " "))
        for t in _glossary_terms(event.text)[0]:
            weights.setdefault(t, 0.8)
            surface.setdefault(t, t.replace("|", "" if THAI.match(t) else " "))
        instruments: dict[str, str] = {}
        phrases: dict[str, frozenset[str]] = {}
        broad = broad_gloss_terms() if event.instruments else frozenset()
        for ins in event.instruments:
            for part in re.split(r"[()]", ins):
                part = part.strip()
                if not part:
                    continue
                words = tokenize(part)
                # the instrument's name counts as a phrase: its bigrams (or a one-word name) get
                # the boost, never a bare head word ("แผน", "Declaration"), nor the other language's
                # words for a broad field it names ("กฎหมาย" -> "legal|system": its field, not its name)
                own = _terms(words)
                for t in own + [g for g in _glossary_terms(part)[0] if g not in broad]:
                    phrase = "|" in t or len(words) == 1
                    generic = all(generic_name_word(w) for w in t.split("|"))
                    boost = cfg.instrument_boost if phrase and not generic else 1.0
                    weights[t] = max(weights.get(t, 0.0), boost)
                    surface.setdefault(t, t.replace("|", "" if THAI.match(t) else " "))
                    if boost > 1.0:
                        instruments.setdefault(t, part)
                        if t in own and instruments[t] == part:
                            phrases[part] = phrases.get(part, frozenset()) | {t}
        for b in event.bodies:
            if is_weak(b):       # the Secretariat, a Summit: present everywhere, no evidence
                weights.setdefault(f"body:{b}", 0.5)
                continue
            weights[f"body:{b}"] = cfg.body_boost
            same = partners_meeting_of(b)      # the ADMM-Plus is the ADMM's ministers meeting
            if same is not None:
                weights[f"body:{same}"] = cfg.body_boost
            for f in family(b):
                if f != b:
                    weights.setdefault(f"body:{f}", cfg.family_boost)
        of_bodies = subjects_of_bodies(event.bodies)
        # the specific subjects of the instruments it names, a reference resolved ("The Charter was
        # signed" names the ASEAN Charter); a broad field of a name is no subject of the event
        of_instruments = {k for ins in event.instruments for k in subjects(ins)} - broad_subjects()
        for k in sorted(subjects(event.text) | of_bodies | of_instruments):
            weights[f"subject:{k}"] = cfg.subject_boost
            surface.setdefault(f"subject:{k}", k)
        return cls(weights, surface, instruments, frozenset(f"subject:{k}" for k in of_bodies), phrases)
