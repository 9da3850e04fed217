"""Cue words for events, instruments and ordinals, loaded from ``data/event_cues.yaml``.

Private to ``aseandocs.news``. Everything here is built once from the data file and cached::

    >>> [(c.type, c.text) for c in find_cues("ที่ประชุมได้ให้การรับรองปฏิญญา")]
    [('meeting', 'ที่ประชุม'), ('adoption', 'ให้การรับรอง')]
    >>> [(c.type, c.text) for c in find_cues("The leaders signed the ASEAN Charter.")]
    [('signing', 'signed')]
    >>> find_instruments("ได้ลงนามในกฎบัตรอาเซียน (ASEAN Charter) เมื่อ")
    ['กฎบัตรอาเซียน (ASEAN Charter)']
    >>> find_instruments("Leaders adopted the ASEAN Declaration on Culture of Prevention.")
    ['ASEAN Declaration on Culture of Prevention']
    >>> find_ordinal("การประชุมสุดยอดอาเซียน ครั้งที่ 32"), find_ordinal("the 11th ASCCO meeting")
    (32, 11)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from .._data import load_data
from .._fastre import case_variants
from ..errors import ParseError
from ..model import EVENT_TYPES

__all__ = ["Cue", "Instrument", "cue_data", "find_cues", "find_instruments", "find_ordinal",
           "future_before", "main_cue", "scan_instruments", "word_alternation"]

_THAI = "\u0e01-\u0e5b"


@dataclass(frozen=True, slots=True)
class Cue:
    """An event cue found in a text: its event ``type``, the words and where they are."""

    type: str
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def cue_data() -> dict[str, Any]:
    """The parsed ``data/event_cues.yaml`` (raises ParseError naming the file when malformed)."""
    path = "data/event_cues.yaml"
    raw = load_data("event_cues.yaml", error=ParseError)
    missing = [t for t in EVENT_TYPES if t not in (raw.get("events") or {})]
    if missing:
        raise ParseError(f"aseandocs/{path}: no cues for event types {missing}; "
                         f"add them under 'events:' (valid types: {list(EVENT_TYPES)})")
    return raw


def _entry(item: Any) -> tuple[str, list[str], list[str]]:
    if isinstance(item, str):
        return item, [], []
    return str(item["cue"]), list(item.get("not_after", [])), list(item.get("not_before", []))


def _is_thai(word: str) -> bool:
    return re.search(f"[{_THAI}]", word) is not None


def _word_pattern(word: str) -> str:
    """A cue as a regex piece: Thai as a substring; English as whole words, spaces flexible."""
    if _is_thai(word):
        return re.escape(word).replace(r"\ ", " ?")
    return r"\b" + r"\s+".join(re.escape(w) for w in word.split()) + r"\b"


def word_alternation(words: "Sequence[str]") -> str:
    """``words`` as one regex alternation, longest first, each as a cue is matched
    (``_word_pattern``: Thai as a substring, English as whole words with flexible spaces)."""
    return "|".join(_word_pattern(w) for w in sorted(words, key=len, reverse=True))


def _cue_items() -> tuple[list[tuple[str, list[str], list[str]]], dict[str, str]]:
    """Every cue as (word, not_after, not_before), longest first, and its event type by key."""
    items: list[tuple[str, list[str], list[str]]] = []
    types: dict[str, str] = {}
    for etype, langs in cue_data()["events"].items():
        for lang in ("th", "en"):
            for item in langs.get(lang) or []:
                word, not_after, not_before = _entry(item)
                types[_key(word)] = etype
                items.append((word, not_after, not_before))
    items.sort(key=lambda a: -len(a[0]))
    return items, types


def _plain_alternation(items: list[tuple[str, list[str], list[str]]]) -> re.Pattern[str]:
    """The cues as one alternation in the given order, each with its guards (the reference form:
    a regex engine tries every alternative at every position)."""
    return re.compile("|".join("".join(f"(?<!{re.escape(w)})" for w in not_after)
                               + _word_pattern(word)
                               + "".join(f"(?!{re.escape(w)})" for w in not_before)
                               for word, not_after, not_before in items), re.IGNORECASE)


def _dispatch_alternation(items: list[tuple[str, list[str], list[str]]]) -> re.Pattern[str]:
    r"""The same matches as ``_plain_alternation(items)``, found about ten times faster.

    Each alternative starts with its first character as a plain literal (one branch per case
    variant of a Latin letter), grouped by that character in the original order; the rest is
    case-insensitive, and what looked before the first character now looks before it from after it
    (``(?<!ความ)ตกลง`` -> ``ต(?<!ความต)กลง``; ``\bmet`` -> ``m(?<!\w\w)et``, as the first letter
    is a word character). Two alternatives with different first characters never match at the same
    place, so the grouping keeps the leftmost-first choice; all branches opening with a literal
    lets ``re`` skip every position whose character starts no cue. Raises ValueError for a cue the
    rewrite does not cover (an English cue opening with a non-letter): callers fall back.
    """
    groups: dict[str, list[str]] = {}
    for word, not_after, not_before in items:
        c = word[0]
        ahead = "".join(f"(?!{re.escape(w)})" for w in not_before)
        guard = "".join(f"(?<!{re.escape(w + c)})" for w in not_after)
        if _is_thai(word):
            if case_variants(c) != c:
                raise ValueError(f"cue {word!r}: first character has case variants")
            rest = guard + re.escape(word[1:]).replace(r"\ ", " ?") + ahead
            firsts = c
        else:
            if not (c.isalnum() or c == "_"):
                raise ValueError(f"cue {word!r} does not open with a word character")
            tokens = word.split()
            rest = guard + r"(?<!\w\w)" + r"\s+".join(
                [re.escape(tokens[0][1:])] + [re.escape(w) for w in tokens[1:]]) + r"\b" + ahead
            firsts = case_variants(c)
        for v in firsts:
            groups.setdefault(v, []).append(f"(?i:{rest})")
    return re.compile("|".join(f"{re.escape(v)}(?:{'|'.join(alts)})" for v, alts in groups.items()))


@lru_cache(maxsize=1)
def _cue_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every cue, longest first, with its not_after / not_before guards.

    Matches e.g. "ให้การรับรอง", "ลงนาม", "entered into force"; "ตกลง" is guarded so it does not
    match inside "ความตกลง" (the noun Agreement).
    """
    items, types = _cue_items()
    try:
        return _dispatch_alternation(items), types
    except ValueError:
        return _plain_alternation(items), types


def _key(word: str) -> str:
    return re.sub(r"\s+", "", word.lower())


def find_cues(text: str) -> list[Cue]:
    """Every event cue in ``text``, in order (positions relative to ``text``)."""
    rx, types = _cue_regex()
    out = []
    for m in rx.finditer(text):
        etype = types.get(_key(m.group()))
        if etype is not None:
            out.append(Cue(etype, m.group(), m.start(), m.end()))
    return out


def main_cue(cues: list[Cue]) -> Cue | None:
    """The cue naming the statement's event: the first strong cue, else meeting, else plan.

    "ที่ประชุม ... ได้ให้การรับรอง ..." is an adoption (at a meeting), not a meeting.
    """
    weak = cue_data().get("weak_types") or []
    strong = [c for c in cues if c.type not in weak]
    if strong:
        return strong[0]
    for t in weak:
        for c in cues:
            if c.type == t:
                return c
    return None


@lru_cache(maxsize=1)
def _future_regex() -> re.Pattern[str]:
    # "มีแผนที่จะ", "จะ" (not in "ไม่ว่าจะ"), "will", "plans to"
    fm = cue_data()["future_markers"]
    guard = "".join(f"(?<!{re.escape(w[:-len('จะ')])})" for w in fm.get("th_not", [])
                    if w.endswith("จะ"))
    alts = [guard + _word_pattern(w) if w == "จะ" else _word_pattern(w) for w in fm["th"]]
    alts += [_word_pattern(w) for w in fm["en"]]
    return re.compile("|".join(sorted(alts, key=len, reverse=True)), re.IGNORECASE)


def future_before(text: str, pos: int, *, window: int = 40) -> bool:
    """True when a future marker ("จะ", "มีแผนที่จะ", "will") comes shortly before ``pos``."""
    return _future_regex().search(text, max(0, pos - window), pos) is not None


# --- instruments ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _instrument_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    d = cue_data()
    th_heads = sorted(d["instruments"]["th"], key=len, reverse=True)
    en_heads = sorted(d["instruments"]["en"], key=len, reverse=True)
    conn = "|".join(re.escape(w) for w in d["instrument_connectors"])
    # Thai head word, the Thai name glued to it, and an optional parenthetical (one level of
    # nesting): "กฎบัตรอาเซียน (ASEAN Charter)", "ความตกลงอาเซียนว่าด้วย... (ASEAN Agreement on
    # ...: ADDMER)". Must not take the text after a space that is not a parenthesis.
    thai = re.compile(
        rf"(?P<head>{'|'.join(map(re.escape, th_heads))})(?P<name>[^\s()]{{0,200}})"
        r"(?:\s?(?P<paren>\([^()\n]{0,300}(?:\([^()\n]{0,100}\)[^()\n]{0,300})?\)))?")
    # A run of capitalised words (and connectors between them, and numbers right after a word):
    # "ASEAN Declaration on Ending all Forms of Malnutrition", "Treaty of Amity and Cooperation in
    # Southeast Asia", "ASEAN Community Vision 2025". Must not take a lower-case word that is not
    # a connector ("the leaders adopted"), a month ("... Charter in December 2008") or a number
    # after a connector ("... Agreement on 11 August").
    months = ("January|February|March|April|May|June|July|August|September|October|November|"
              "December")
    cap = rf"(?!(?:{months})\b)[A-Z](?:[\w’'\-&+]|\.(?=\w))*"
    english = re.compile(rf"{cap}(?:[ ](?:(?:{conn})[ ])*{cap}|[ ]\d[\w\-]*)*")
    heads = re.compile(r"\b(?:" + "|".join(_word_pattern(h)[2:-2] for h in en_heads) + r")\b")
    return thai, english, heads


@lru_cache(maxsize=1)
def _stops() -> tuple[re.Pattern[str], re.Pattern[str]]:
    alts = []
    for item in cue_data()["instrument_stops"]:
        word, not_after, not_before = _entry(item)
        alts.append("".join(f"(?<!{re.escape(w)})" for w in not_after) + re.escape(word)
                    + "".join(f"(?!{re.escape(w)})" for w in not_before))
    d = cue_data()
    anaphors = "|".join(map(re.escape, d["instrument_anaphors"]))
    prefixes = "|".join(map(re.escape, d["instrument_ref_prefixes"]))
    return re.compile("|".join(alts)), re.compile(f"{anaphors}|^(?:{prefixes})")


_LATIN = re.compile(r"[A-Za-z]")
# An acronym in a parenthetical: "(... : COC)", "(ASEAN Charter - AC)"; not "(Charter)".
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_TRAILING_CONNECTOR = re.compile(r"(?:[ ](?:of|on|the|and|for|to|in|by|a|an|at|with|from))+$")


@dataclass(frozen=True, slots=True)
class Instrument:
    """An instrument in a text: ``name`` is None for a reference by head word alone
    ("ให้ความเคารพสนธิสัญญา", "ปฏิญญาอาเซียนดังกล่าว", "the Declaration"), which a caller may
    resolve to the last instrument named with the same ``head``."""

    start: int
    end: int
    head: str
    name: str | None


def scan_instruments(text: str) -> list[Instrument]:
    """Instruments named or referred to in ``text``, in order.

    Thai: the head word and the name glued to it, cut at a clause cue, with an English
    parenthetical kept ("ฉันทามติอาเซียนว่าด้วย... (ASEAN Consensus on ...)"). English: the run of
    capitalised words holding a head word ("ASEAN Agreement on Disaster Management and Emergency
    Response").
    """
    thai, english, heads = _instrument_regexes()
    stops, anaphors = _stops()
    found: list[Instrument] = []
    covered: list[tuple[int, int]] = []
    for m in thai.finditer(text):
        head, name, paren = m.group("head"), m.group("name"), m.group("paren")
        stop = stops.search(name)
        if anaphors.search(name[:stop.start()] if stop else name):
            found.append(Instrument(m.start(), m.start() + len(head), head, None))
            continue                        # "ปฏิญญาอาเซียนดังกล่าว": a reference, not a name
        if stop:
            name, paren = name[:stop.start()], None
        if (len(name) < 2 or not re.search(f"[{_THAI}A-Za-z]", name)) and not (
                not name and paren and _ACRONYM.search(paren)):
            # a bare head is no name, unless an acronym follows it: "ระเบียบปฏิบัติ (Code of
            # Conduct : COC)" names the COC
            found.append(Instrument(m.start(), m.start() + len(head), head, None))
            continue
        out = head + name
        end = m.start() + len(out)
        if paren and _LATIN.search(paren):
            out += " " + paren
            end = m.end()
        covered.append((m.start(), end))
        found.append(Instrument(m.start(), end, head, out))
    starts = [a for a, _ in covered]
    for m in english.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < covered[k][1]:
            continue
        h = heads.search(m.group())
        if h is None:
            continue
        for off, part in _split_verbs(m.group(), heads):
            a = m.start() + off
            part = _after_head(part, heads)
            if part is None:
                continue                    # "Convention Center", "Code of Conduct Group"
            part = _POSSESSIVE.sub("", part)
            name = _TRAILING_CONNECTOR.sub("", part).strip(" .,;:")
            if name.split()[0].lower() in ("the", "a", "an"):
                name = name.split(" ", 1)[1] if " " in name else ""
            hp = heads.search(part)
            head = hp.group() if hp else h.group()
            if not name or heads.fullmatch(name):
                found.append(Instrument(a, a + len(part), head, None))
                continue                    # "the Declaration" alone is not a name
            found.append(Instrument(a, a + len(part), head, name))
    return sorted(found, key=lambda i: i.start)


# What a head word may be followed by inside a name: a connector ("Treaty of ..."), another
# head ("Framework Agreement", "Vision Statement"), an acronym, a number or a roman numeral
# ("Concord II", "Vision 2025"), or a word that links it to its object ("Agreement Establishing
# ...", "Protocol Amending ...", "Treaty Related Measures"). Another capitalised word after the
# last head is no part of the name: a headline's verb ("Convention Nears Full Ratification"), or
# a noun the head qualifies, which makes the whole no instrument (``_NOT_INSTRUMENTS``).
_NAME_GOES_ON = re.compile(r"(?:[A-Z0-9][A-Z0-9\-]+|\d\S*|[IVX]+|\w+ing|Related|Statement|Framework)\Z")
_NOT_INSTRUMENTS = frozenset({"center", "centre", "hall", "organization", "organisation", "group",
                              "committee", "council", "office", "secretariat", "unit", "team"})


@lru_cache(maxsize=1)
def _connectors() -> frozenset[str]:
    return frozenset(cue_data()["instrument_connectors"])


def _after_head(part: str, heads: re.Pattern[str]) -> str | None:
    """``part`` cut after its last head word where the next word cannot go on the name, or None
    when that word is a body or a place the head only qualifies::

        >>> rx = _instrument_regexes()[2]
        >>> _after_head("Counter-Terrorism Convention Nears Full", rx)
        'Counter-Terrorism Convention'
        >>> _after_head("Agreement Establishing the ASEAN Promotion Centre", rx)
        'Agreement Establishing the ASEAN Promotion Centre'
        >>> _after_head("Queen Sirikit National Convention Center", rx) is None
        True
    """
    conns = _connectors()
    last = None
    for h in heads.finditer(part):
        last = h
    if last is None:
        return part
    rest = part[last.end():]
    nxt = re.match(r" (\S+)", rest)
    if nxt is None:
        return part
    word = nxt.group(1).strip(",;:()")
    if word.lower() in conns or not word[:1].isupper() or _NAME_GOES_ON.match(word):
        return part
    if word.lower() in _NOT_INSTRUMENTS:
        return None
    return part[:last.end()]


# A possessive ending a name: "Charter’s", "Treaty's" (the name is the word without it).
_POSSESSIVE = re.compile(r"['’]s\Z")


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    """English event cue words, lower case ("enters", "adopt", "signed"): in a headline's run of
    capitalised words ("ASEAN Charter Enters Into Force") a verb ends the instrument's name."""
    out = set()
    for langs in cue_data()["events"].values():
        for item in langs.get("en") or []:
            word = _entry(item)[0]
            if " " not in word:
                out.add(word.lower())
    out.update(("enters", "adopt", "adopts", "sign", "signs", "endorse", "endorses"))
    return frozenset(out)


def _split_verbs(run: str, heads: re.Pattern[str]) -> list[tuple[int, str]]:
    """``_split_and`` of the pieces of ``run`` between capitalised verbs, keeping those that hold
    an instrument head: "ASEAN Leaders Adopt Declaration on Culture" -> "Declaration on Culture";
    "ASEAN Charter Enters Into Force" -> "ASEAN Charter"."""
    verbs = _verb_words()
    out: list[tuple[int, str]] = []
    start = 0
    pieces = []
    for w in re.finditer(r"\S+", run):
        if w.group().lower() in verbs and not heads.fullmatch(w.group()):
            pieces.append((start, run[start:w.start()].rstrip()))
            start = w.end() + 1
    pieces.append((start, run[start:]))
    for off, piece in pieces:
        if piece and heads.search(piece):
            out.extend((off + o, p) for o, p in _split_and(piece, heads))
    return out or _split_and(run, heads)


_AND = re.compile(r" and (?:the |an? )?")


def _split_and(run: str, heads: re.Pattern[str]) -> list[tuple[int, str]]:
    """A run of capitalised words cut at " and " between two instrument names ("MOU on Health
    and the ASEAN Work Plan" -> two); "Treaty of Amity and Cooperation" stays whole."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _AND.finditer(run):
        left, right_end = run[start:m.start()], _AND.search(run, m.end())
        right = run[m.end():right_end.start() if right_end else len(run)]
        if heads.search(left) and heads.search(right):
            out.append((start, left))
            start = m.end()
    out.append((start, run[start:]))
    return out


def find_instruments(text: str) -> list[str]:
    """Names of legal and policy instruments in ``text``, deduplicated in order (references by
    head word alone left out; see ``scan_instruments``)."""
    out: list[str] = []
    for i in scan_instruments(text):
        if i.name is not None and i.name not in out:
            out.append(i.name)
    return out


# --- ordinals -------------------------------------------------------------------------------

# "ครั้งที่ 11", "ครั้งที่ 28-29" (-> 28); must not match "ครั้งนี้" or a bare "ครั้ง".
THAI_ORDINAL = re.compile(r"ครั้งที่ ?(?P<n>\d{1,3})(?!\d)", re.ASCII)
# "11th", "32nd", "1st", "23rd"; must not match "2019" or "4.5".
EN_ORDINAL = re.compile(r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)\b", re.ASCII | re.IGNORECASE)
# The meeting nouns an ordinal belongs to: "การประชุม", "ที่ประชุม", "meeting", "summit", ...
MEETING_NOUN = re.compile(r"ประชุม|\b(?:meeting|summit|conference|session|forum|dialogue|"
                          r"talks)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _ordinal_words() -> tuple[re.Pattern[str], dict[str, int]]:
    words = {str(k).lower(): int(v) for k, v in cue_data()["ordinal_words"].items()}
    alts = sorted(words, key=len, reverse=True)
    rx = re.compile("|".join(_word_pattern(w) for w in alts), re.IGNORECASE)
    return rx, words


def find_ordinal(text: str) -> int | None:
    """The ordinal of the meeting in ``text``: "ครั้งที่ 11" -> 11, "32nd" -> 32, "ครั้งแรก" -> 1.

    A Thai ordinal counts when it follows a meeting noun ("การประชุม ... ครั้งที่ 11"); an English
    one when a meeting noun follows it closely ("the 32nd ASEAN Summit"). "การปฏิวัติอุตสาหกรรม
    ครั้งที่ 4" (no meeting) gives None.
    """
    nouns = [m.start() for m in MEETING_NOUN.finditer(text)]
    if not nouns:
        return None
    rx_words, words = _ordinal_words()
    cands: list[tuple[int, int]] = []
    for m in THAI_ORDINAL.finditer(text):
        if any(0 <= m.start() - n <= 150 for n in nouns):
            cands.append((m.start(), int(m.group("n"))))
    for m in rx_words.finditer(text):
        w = m.group().lower()
        if _is_thai(w):
            if any(0 <= m.start() - n <= 150 for n in nouns):
                cands.append((m.start(), words[w]))
        elif any(0 < n - m.end() <= 60 for n in nouns):
            cands.append((m.start(), words[w]))
    for m in EN_ORDINAL.finditer(text):
        if any(0 < n - m.end() <= 80 for n in nouns):
            cands.append((m.start(), int(m.group("n"))))
    return min(cands)[1] if cands else None
