"""Schema and consistency checks of the project's own sample corpus (corpus/) and its gold (corpus/gold/).

The gold follows ../shared/gold/README.md exactly, so the same scorer runs on both sets. These tests
guard the hand-written gold against drifting from its documents: every title, activity and link
evidence must occur in the normalised document text, every link must point at a measure of a plan in
this corpus, and no document may carry text from the third-party corpus in ../shared/corpus.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import OWN_CORPUS, OWN_GOLD, SHARED_CORPUS

from aseandocs.model import KINDS
from aseandocs.thai import normalize

DOC_SUFFIXES = {".txt", ".html"}
KEYS = {"doc": str, "kind": str, "date": (str, type(None)), "title": str, "title_match": str,
        "measures": list, "optional_refs": list, "bodies": list, "optional_bodies": list,
        "event_dates": list, "links": list}
REQUIRED = set(KEYS) - {"title"}

# "1", "1.2.5", "A.1.1", "A.1.1.i"; not "1.2." or "(4)" or "๑.๒" (refs are ASCII, no trailing dot).
REF = re.compile(r"^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$", re.ASCII)
# "ASEC", "AHA-CENTRE", "ASEAN-SUMMIT"; not "aha centre" or "ASEAN Summit".
BODY_ID = re.compile(r"^[A-Z0-9-]+$", re.ASCII)
# "2019-03-05", "2009-03", "2008"; not "5 March 2019" or "2562-03-05" (Buddhist-era years become CE).
ISO_DATE = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$", re.ASCII)
# Text a parser must strip from titles and activities: a trailing list conjunction ("… และ", "… and",
# "… หรือ", "… or", "…;") and continuation markers ("(ยังมีต่อ)", "(continued)", "(ต่อ)").
TRAILING_CONJUNCTION = re.compile(r"(?:\s(?:และ|หรือ|and|or)|;)\s*$")
CONTINUATION = re.compile(r"\((?:ยังมีต่อ|ต่อ|continued)\)", re.IGNORECASE)


def _documents() -> list[Path]:
    return sorted(p for p in OWN_CORPUS.iterdir() if p.is_file() and p.suffix in DOC_SUFFIXES)


def _golds() -> list[Path]:
    return sorted(OWN_GOLD.glob("*.json"))


def _gold(doc: Path) -> dict:
    return json.loads((OWN_GOLD / f"{doc.stem}.json").read_text(encoding="utf-8"))


class _HtmlText(HTMLParser):
    """Visible text of an HTML page: entities decoded, <script>/<style> dropped, blocks on new lines."""

    _SKIP = {"script", "style"}
    _BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "li", "br", "title", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _raw_text(doc: Path) -> str:
    raw = doc.read_text(encoding="utf-8")
    if doc.suffix == ".html":
        parser = _HtmlText()
        parser.feed(raw)
        parser.close()
        raw = "".join(parser.parts)
    return raw


def _folded(text: str) -> str:
    """Normalised text with every whitespace run (line breaks too) folded to one space."""
    return " ".join(normalize(text).text.split())


def _phrase(text: str) -> str:
    """A gold phrase folded the same way (Thai digits to ASCII, whitespace runs to one space)."""
    return _folded(text)


# ------------------------------------------------------------------------------------------ pairing


def test_corpus_is_not_empty() -> None:
    assert len(_documents()) >= 5, "corpus/ should hold at least five sample documents"


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_every_document_has_gold(doc: Path) -> None:
    assert (OWN_GOLD / f"{doc.stem}.json").is_file(), f"{doc.name}: write corpus/gold/{doc.stem}.json"


@pytest.mark.parametrize("gold", _golds(), ids=lambda p: p.name)
def test_every_gold_has_a_document(gold: Path) -> None:
    data = json.loads(gold.read_text(encoding="utf-8"))
    doc = OWN_CORPUS / data["doc"]
    assert doc.is_file(), f"{gold.name}: its document {data['doc']} is not in corpus/"
    assert doc.stem == gold.stem, f"{gold.name}: names document {data['doc']}; stems must agree"


# ------------------------------------------------------------------------------------------- schema


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_gold_keys_and_types(doc: Path) -> None:
    gold = _gold(doc)
    assert REQUIRED <= set(gold), f"{doc.name}: gold lacks {sorted(REQUIRED - set(gold))}"
    assert set(gold) <= set(KEYS), f"{doc.name}: unknown gold keys {sorted(set(gold) - set(KEYS))}"
    for key, kind in KEYS.items():
        if key in gold:
            assert isinstance(gold[key], kind), f"{doc.name}: {key} has type {type(gold[key]).__name__}"
    assert gold["doc"] == doc.name
    assert gold["kind"] in KINDS
    assert gold["title_match"] == ("full" if gold["kind"] == "plan" else "prefix")
    for m in gold["measures"]:
        assert set(m) == {"ref", "title", "activities"}, f"{doc.name}: measure keys {sorted(m)}"
        assert isinstance(m["title"], str) and m["title"].strip(), f"{doc.name} {m['ref']}: empty title"
        assert all(isinstance(a, str) and a.strip() for a in m["activities"]), f"{doc.name} {m['ref']}"
    for link in gold["links"]:
        assert set(link) == {"evidence", "plan", "ref"}, f"{doc.name}: link keys {sorted(link)}"
    assert all(isinstance(x, str) for x in gold["optional_refs"] + gold["event_dates"])


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_plans_have_measures_and_the_rest_do_not(doc: Path) -> None:
    gold = _gold(doc)
    if gold["kind"] == "plan":
        assert 12 <= len(gold["measures"]) <= 25, f"{doc.name}: {len(gold['measures'])} measures"
        assert gold["date"], f"{doc.name}: a plan's date is its adoption or signing date"
    else:
        assert gold["measures"] == [], f"{doc.name}: only plans carry gold measures"


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_refs_are_well_formed(doc: Path) -> None:
    gold = _gold(doc)
    refs = [m["ref"] for m in gold["measures"]]
    for ref in refs + gold["optional_refs"]:
        assert REF.match(ref), f"{doc.name}: ref {ref!r} is not ASCII dotted (e.g. '1.2.5', 'A.1.1')"
    # A level-3+ measure's parent comes before it (level 1 and 2 may hang from a heading).
    for i, ref in enumerate(refs):
        parts = ref.split(".")
        if len(parts) >= 3:
            parent = ".".join(parts[:-1])
            assert parent in refs[:i], f"{doc.name}: {ref} appears before (or without) its parent {parent}"


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_dates_are_iso(doc: Path) -> None:
    gold = _gold(doc)
    dates = gold["event_dates"] + ([gold["date"]] if gold["date"] else [])
    for value in dates:
        m = ISO_DATE.match(value)
        assert m, f"{doc.name}: {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY"
        y, mo, d = int(m["y"]), int(m["m"] or 1), int(m["d"] or 1)
        dt.date(y, mo, d)  # raises on an impossible date
        assert 1967 <= y <= 2030, f"{doc.name}: {value} looks like an unconverted Buddhist-era year"
    assert len(set(gold["event_dates"])) == len(gold["event_dates"]), f"{doc.name}: repeated event date"


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_body_ids(doc: Path) -> None:
    gold = _gold(doc)
    for entry in gold["bodies"] + gold["optional_bodies"]:
        for body in entry.split("|"):
            assert BODY_ID.match(body), f"{doc.name}: body id {body!r} must match ^[A-Z0-9-]+$"
    assert not set(gold["bodies"]) & set(gold["optional_bodies"]), f"{doc.name}: body both required and optional"


# --------------------------------------------------------------------------- gold text is in the text


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_gold_text_occurs_in_document(doc: Path) -> None:
    gold = _gold(doc)
    text = _folded(_raw_text(doc))
    phrases = [("title", gold["title"])] if "title" in gold else []
    for m in gold["measures"]:
        phrases.append((f"measure {m['ref']} title", m["title"]))
        phrases.extend((f"measure {m['ref']} activity", a) for a in m["activities"])
    phrases.extend((f"link evidence ({link['ref']})", link["evidence"]) for link in gold["links"])
    missing = [(what, p) for what, p in phrases if _phrase(p) not in text]
    assert not missing, f"{doc.name}: gold text not found in the document: {missing}"


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_titles_and_activities_are_stripped(doc: Path) -> None:
    for m in _gold(doc)["measures"]:
        for what, text in [("title", m["title"])] + [("activity", a) for a in m["activities"]]:
            assert text == text.strip(), f"{doc.name} {m['ref']}: {what} has outer spaces"
            assert not TRAILING_CONJUNCTION.search(text), f"{doc.name} {m['ref']}: {what} ends in a conjunction"
            assert not CONTINUATION.search(text), f"{doc.name} {m['ref']}: {what} holds a continuation marker"
            assert not text.startswith(("-", "•")), f"{doc.name} {m['ref']}: {what} keeps its bullet"


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_links_point_at_plan_measures(doc: Path) -> None:
    for link in _gold(doc)["links"]:
        plan_gold = OWN_GOLD / f"{link['plan']}.json"
        assert plan_gold.is_file(), f"{doc.name}: link to unknown plan {link['plan']!r}"
        plan = json.loads(plan_gold.read_text(encoding="utf-8"))
        assert plan["kind"] == "plan", f"{doc.name}: link target {link['plan']} is a {plan['kind']}"
        assert link["ref"] in {m["ref"] for m in plan["measures"]}, f"{doc.name}: {link['plan']} has no {link['ref']}"


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("ปีละ 1 ครั้ง", "- ฝึกซ้อมร่วมกันปีละ ๑ ครั้ง", True),        # Thai digits fold to ASCII
        ("ยุติธรรม ของประชาชน", "กระบวนการยุติธรรม\nของประชาชน", True),  # a line break folds to a space
        ("ASEAN  Regional Forum", "the ASEAN Regional\tForum", True),
        ("ความร่วมมือด้านกฎหมาย", "ความร่วมมือด้านการเมือง", False),
    ],
)
def test_phrase_folding(phrase: str, text: str, found: bool) -> None:
    assert (_phrase(phrase) in _folded(text)) is found


def test_html_text_drops_script_and_decodes_entities() -> None:
    parser = _HtmlText()
    parser.feed("<p>Ministers&#39; Meeting &amp; CPR</p><script>var x = '<p>no</p>';</script><style>p{}</style>")
    parser.close()
    assert " ".join("".join(parser.parts).split()) == "Ministers' Meeting & CPR"


# ---------------------------------------------------------------------------- third-party text check


@functools.lru_cache(maxsize=1)
def _shared_windows() -> frozenset[str]:
    """The 40-character windows the project's copy check looks for: whitespace folded, one window every
    20 characters of each third-party document, keeping only windows with more than 30 letters."""
    grams: set[str] = set()
    for path in sorted(SHARED_CORPUS.glob("*.txt")):
        s = " ".join(path.read_text(encoding="utf-8", errors="ignore").split())
        grams.update(s[i:i + 40] for i in range(0, max(0, len(s) - 40), 20)
                     if sum(c.isalpha() for c in s[i:i + 40]) > 30)
    return frozenset(grams)


@pytest.mark.parametrize("doc", _documents() + _golds() + [OWN_CORPUS / "README.md"], ids=lambda p: p.name)
def test_no_text_from_the_shared_corpus(doc: Path, shared_corpus: Path) -> None:
    grams = _shared_windows()
    assert grams, "the shared corpus yielded no windows; the check would pass vacuously"
    text = " ".join(doc.read_text(encoding="utf-8").split())
    copied = sorted(g for g in grams if g in text)
    assert not copied, f"{doc.name} carries text of ../shared/corpus; rewrite these runs: {copied[:5]}"
