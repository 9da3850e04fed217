"""Discovering candidate new bodies and aliases for the registry's curator.

``discover`` reads texts (or files) and lists, with counts and example contexts:

- "full name (ACRONYM)" patterns in both scripts: "ศูนย์พลังงานอาเซียน (ASEAN Centre for Energy: ACE)",
  "ASEAN Centre for Energy (ACE)";
- name-like phrases no registry name covers: "การประชุม…", "คณะกรรมการ…", "ศูนย์…", "… Meeting",
  "… Committee", "… Centre", "… Forum".

Each candidate says whether it resolves to a body already in the registry (then it is a new
alias of it). ``to_yaml`` turns candidates into registry-shaped stubs to review::

    >>> cands = discover(["การประชุมรัฐมนตรีอาเซียนด้านป่าไม้ (ASEAN Ministerial Meeting on Forestry: AMAF-X)"])
    >>> cands[0].acronym, cands[0].body
    ('AMAF-X', None)
    >>> print(to_yaml(cands[:1]).splitlines()[1])
    - id: AMAF-X
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from ..thai import normalize
from ._fold import alias_key, is_thai
from ._lexicon import lexicon
from ._patterns import ORDINAL_BEFORE_RE, PAREN_RE, split_parenthesis, thai_name_start
from .matcher import find_bodies
from ._rank import rank
from .registry import ID_RE, BodyRegistry

__all__ = ["Candidate", "discover", "to_yaml"]

_MAX_EXAMPLES = 3
_CONTEXT = 40
_THAI_CAP = 60

# An English name ending where the text reaches "(": Title-case words, with small joining words.
# Matches "ASEAN Centre for Energy " before "(ACE)"; not "the meeting " (no capital).
EN_NAME_BEFORE_RE = re.compile(
    r"(?P<name>(?:[A-Z][\w'’.\-]*\s+(?:(?:of|on|for|the|and|in|to)\s+)*)*[A-Z][\w'’.\-]*)\s*\Z")

# What may follow an English anchor word inside a name: "on Youth", "for the ASCC", "of Permanent
# Representatives"; not "on 5 May" (no capital) or "and the meeting".
EN_TAIL_RE = re.compile(
    r"\A(?P<tail>\s+(?:on|for|of)\s+(?:the\s+)?[A-Z][\w'’.\-]*(?:\s+(?:and\s+)?[A-Z][\w'’.\-]*)*)")

# A Title-case word right after a phrase: the name goes on. Matches " Meeting" after "Officials";
# not " met" or " (ACE)".
NEXT_TITLE_WORD_RE = re.compile(r"\s+[A-Z][a-z]")


@dataclass
class Candidate:
    """A possible body or alias: its names, how often and where it was seen, what it resolves to."""

    name: str                       # the main form seen (Thai if any, else English)
    kind: str                       # "pattern" (name + parenthesis), "phrase", "fuzzy" (variant)
    thai: str | None = None
    english: str | None = None
    acronym: str | None = None
    count: int = 0
    examples: list[str] = field(default_factory=list)
    body: str | None = None         # id of the registry body it resolves to
    score: float = 0.0

    @property
    def is_new_alias(self) -> bool:
        """Resolves to a known body under a name the registry does not list."""
        return self.body is not None


def _texts(texts_or_paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterable[str]:
    if isinstance(texts_or_paths, (str, os.PathLike)):
        texts_or_paths = [texts_or_paths]
    for t in texts_or_paths:
        if isinstance(t, os.PathLike):
            raw = Path(t).read_text(encoding="utf-8", errors="replace")
        else:
            raw = t
        yield normalize(raw).text


def _context(text: str, s: int, e: int) -> str:
    return " ".join(text[max(0, s - _CONTEXT):min(len(text), e + _CONTEXT)].split())


def _thai_phrase_end(text: str, start: int, anchor_len: int) -> int:
    """Where a Thai name starting at ``start`` ends: a clause cue, a space, punctuation, a cap."""
    lex = lexicon()
    i = start + anchor_len
    stop = min(len(text), start + _THAI_CAP)
    while i < stop:
        c = text[i]
        if not is_thai(c):
            break
        if i > start + anchor_len + 1 and any(text.startswith(w, i) for w in lex.thai_clause_cues):
            # "ที่" inside "เจ้าหน้าที่" / "หน้าที่" is a word, not a clause cue
            if not (text.startswith("ที่", i) and text[max(0, i - 4):i].endswith(("หน้า", "เจ้า"))):
                break
        i += 1
    return i


def _strip_leading(name: str) -> str:
    """"The Special ASEAN Ministerial Meeting" -> "Special ASEAN Ministerial Meeting"."""
    words = name.split()
    while words and words[0].lower() in lexicon().english_leading_words:
        words.pop(0)
    return " ".join(words)


def _anchor_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(a) for a in lexicon().thai_anchors))


class _Collector:
    def __init__(self, registry: BodyRegistry) -> None:
        self.registry = registry
        self.found: dict[tuple[str, str], Candidate] = {}

    def add(self, kind: str, text: str, span: tuple[int, int], thai: str | None,
            english: str | None, acronym: str | None) -> None:
        thai = thai.strip() if thai else None
        english = english.strip() if english else None
        main = thai or english or acronym
        if not main or alias_key(main) in lexicon().generic_keys:
            return
        key = (kind, alias_key(" ".join(x for x in (thai, english, acronym) if x)))
        c = self.found.get(key)
        if c is None:
            body, score = self._resolve(thai, english, acronym)
            c = self.found[key] = Candidate(main, kind, thai, english, acronym, body=body, score=score)
        c.count += 1
        if len(c.examples) < _MAX_EXAMPLES:
            c.examples.append(_context(text, *span))

    def _resolve(self, *names: str | None) -> tuple[str | None, float]:
        for n in names:
            if n:
                hit = self.registry.resolve(n)
                if hit:
                    return hit[0].id, hit[1]
        return None, 0.0


def _known(registry: BodyRegistry, *names: str | None) -> bool:
    """All given names are already exact registry aliases."""
    given = [n for n in names if n]
    return bool(given) and all(registry.owners(n) for n in given)


def discover(texts_or_paths: Iterable[str | os.PathLike] | str | os.PathLike,
             registry: BodyRegistry | None = None) -> list[Candidate]:
    """Candidate bodies and aliases in texts (``str``) or files (``Path``), one per body (forms
    sharing an acronym or a name merged), the strongest evidence first: a name that says ASEAN,
    given with its acronym in parentheses, of a meeting, committee or working group, seen often
    (see ``_rank``)."""
    registry = registry if registry is not None else BodyRegistry.load()
    lex = lexicon()
    col = _Collector(registry)
    anchors = _anchor_re()
    en_anchors = re.compile(r"(?<![A-Za-z])(?:" + "|".join(
        re.escape(a.capitalize()) for a in lex.english_anchors) + r")(?![A-Za-z])")
    for text in _texts(texts_or_paths):
        mentions = find_bodies(text, registry)
        covered = bytearray(len(text))
        for m in mentions:
            covered[m.span[0]:m.span[1]] = b"\x01" * (m.span[1] - m.span[0])
        # 0. spelling variants the fuzzy pass attributed: new aliases of known bodies
        for m in mentions:
            if m.method == "fuzzy":
                th = any(is_thai(c) for c in m.text)
                col.add("fuzzy", text, m.span, m.text if th else None, None if th else m.text, None)
        # 1. name (parenthesis) patterns
        for m in PAREN_RE.finditer(text):
            name, acr = split_parenthesis(m.group("inner"))
            before = ORDINAL_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
            q = before.start() if before else m.start()
            s = thai_name_start(text, q)
            thai = text[s:q] if s < q else None
            if thai is None and acr and not name:
                en = EN_NAME_BEFORE_RE.search(text, max(0, q - 120), q)
                if en:
                    name, s = en.group("name"), en.start("name")
            looks_like_body = (thai and any(thai.startswith(a) for a in lex.thai_anchors)) or any(
                w.lower() in lex.english_anchors for w in re.findall(r"[A-Za-z]+", name))
            if not looks_like_body or _known(registry, thai, name or None, acr or None):
                continue
            col.add("pattern", text, (s, m.end()), thai, _strip_leading(name) or None, acr or None)
            covered[s:m.end()] = b"\x01" * (m.end() - s)
        # 2. Thai name-like phrases outside mentions
        for m in anchors.finditer(text):
            s = m.start()
            if covered[s]:
                continue
            e = _thai_phrase_end(text, s, len(m.group()))
            if e - s >= len(m.group()) + 4 and not covered.find(1, s, e) != -1:
                col.add("phrase", text, (s, e), text[s:e], None, None)
        # 3. English name-like phrases outside mentions: "... Meeting", "... Committee on ..."
        for m in en_anchors.finditer(text):
            head = EN_NAME_BEFORE_RE.search(text, max(0, m.start() - 120), m.end())
            if head is None or head.start("name") == m.start():
                continue            # "Meeting" alone, "the Meeting": generic
            s = head.start("name")
            tail = EN_TAIL_RE.match(text[m.end():m.end() + 120])
            e = m.end() + (tail.end("tail") if tail else 0)
            if covered.find(1, s, e) != -1 or NEXT_TITLE_WORD_RE.match(text, e):
                continue        # inside a mention, or the name goes on ("Officials" + "Meeting")
            name = _strip_leading(text[s:e])
            if all(w.lower() in lex.english_anchors or w.lower() in lex.english_leading_words
                   for w in name.split()):
                continue        # "Meeting and the Committee": anchors only, generic
            col.add("phrase", text, (s, e), None, name, None)
    return rank(col.found.values())


_TYPE_CUES = (("summit", ("summit", "สุดยอด")), ("ministerial", ("minister", "รัฐมนตรี")),
              ("senior-officials", ("senior", "อาวุโส")), ("commission", ("commission", "คณะกรรมาธิการ")),
              ("committee", ("committee", "คณะกรรมการ")), ("centre", ("centre", "center", "ศูนย์")),
              ("forum", ("forum",)), ("network", ("network", "เครือข่าย")),
              ("secretariat", ("secretariat", "สำนักเลขาธิการ")), ("council", ("council", "สภา")),
              ("working-group", ("working group", "คณะทำงาน")))


def _guess_type(c: Candidate) -> str:
    words = " ".join(x for x in (c.english, c.thai) if x).lower()
    return next((t for t, cues in _TYPE_CUES if any(w in words for w in cues)), "entity")


def _slug(c: Candidate) -> str:
    if c.acronym and ID_RE.fullmatch(c.acronym.upper().replace(" ", "-")):
        return c.acronym.upper().replace(" ", "-")
    if c.english:
        s = re.sub(r"[^A-Za-z0-9]+", "-", c.english).strip("-").upper()
        if s:
            return s
    return "NEW-BODY"


def to_yaml(candidates: Iterable[Candidate]) -> str:
    """Registry-shaped YAML stubs: new bodies with guessed type, new aliases of known ones."""
    entries = []
    used: dict[str, int] = {}
    for c in candidates:
        bid = c.body or _slug(c)
        used[bid] = used.get(bid, 0) + 1
        if used[bid] > 1 and not c.body:
            bid = f"{bid}-{used[bid]}"
        e: dict = {"id": bid, "en": [c.english] if c.english else [],
                   "th": [c.thai] if c.thai else [], "acronyms": [c.acronym] if c.acronym else [],
                   "former": [], "type": _guess_type(c), "pillar": "cross-pillar", "parent": None}
        how = (f"new alias of {c.body} (score {c.score:.2f})" if c.body
               else "new body? type and pillar are guesses")
        e["note"] = f"discovered ({c.kind}, seen {c.count}x): {how}; e.g. {c.examples[0] if c.examples else ''}"
        entries.append(e)
    head = "# Candidates from aseandocs.bodies.discover: review each one before merging into models/bodies.yaml\n"
    return head + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
