"""The fast code paths of issue 8 (performance) give exactly what the plain ones give.

Each optimisation kept its plain form beside it (or the test rebuilds it): the cue alternation,
the date patterns' leading look-aheads, the body folder's white-space pass, the glossary
automata, numpy BM25 scoring, the short-text date cache and the optional nlpo3 tokenizer. The
texts are corpus/ (ours) and, when present, ../shared/corpus (read in place, never copied).
"""
from __future__ import annotations

import re

import pytest
from conftest import OWN_CORPUS, shared_docs

from aseandocs.bodies import _fold
from aseandocs.dates import scan as dates
from aseandocs.linking import glossary as linking_glossary
from aseandocs.linking import link as linking
from aseandocs.linking import terms as linking_terms
from aseandocs.news import document as news
from aseandocs.news.cues import _cue_items, _dispatch_alternation, _plain_alternation
from aseandocs.pipeline import normalize_document, parse
from aseandocs.readers import read
from aseandocs.thai import text as thai

OWN = sorted(p for p in OWN_CORPUS.iterdir() if p.suffix in (".txt", ".html"))
ALL = OWN + shared_docs()

# Strings written for these tests, each aimed at an edge of a rewrite.
EDGES = [
    "ความตกลงว่าด้วยการค้า ตกลง ข้อตกลง ได้ตกลงกัน",        # guarded Thai cue
    "SIGNED Signed ſigned met Metric _met ASEAN-met a-met",   # case variants, \b before a letter
    "ENTERED   INTO\nFORCE; took  effect; ทำไว้ ณ ทำไว้ณ",      # spaces inside cues
    "ครั้งที่ 7 เดือนมิถุนายน 2541 และ 5มีนาคม2562, June 20, 2019; in the year of 2004",
    "ปี 2559-2563 20/06/2562 2019-06-20 1 ม.ค. 62 ก.ค.ศ. 2560 MAR 2019 mar 2019 ๕ มีนาคม ๒๕๖๒",
    "  อาเซียน ว่าด้วย\tASEAN  Senior\nOfficials \u00a0 İstanbul  ",
    "The TAC, the contact group and counter-terrorism; กฎบัตรอาเซียน",
    "",
]


def _texts() -> list[str]:
    return [normalize_document(read(p)).text for p in ALL] + EDGES


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_cue_dispatch_matches_plain_alternation(texts):
    items, _ = _cue_items()
    fast, plain = _dispatch_alternation(items), _plain_alternation(items)
    for t in texts:
        assert [(m.span(), m.group()) for m in fast.finditer(t)] == \
               [(m.span(), m.group()) for m in plain.finditer(t)]


@pytest.mark.parametrize("name, lead", [
    ("DMY_RE", dates._LEAD_DIGIT), ("CROSS_RE", dates._LEAD_DIGIT), ("MDY_RE", dates._LEAD_MONTH),
    ("MY_RE", dates._LEAD_MY), ("YEAR_RE", dates._LEAD_YEAR), ("YEAR_RANGE_RE", dates._LEAD_DIGIT),
    ("ISO_RE", dates._LEAD_DIGIT), ("NUMERIC_RE", dates._LEAD_DIGIT)])
def test_date_lookaheads_change_no_match(texts, name, lead):
    fast = getattr(dates, name)
    assert lead and fast.pattern.startswith(lead)
    plain = re.compile(fast.pattern[len(lead):], fast.flags)
    for t in texts:
        t = thai.thai_digits_to_ascii(t)
        assert [m.groupdict() | {"": m.span()} for m in fast.finditer(t)] == \
               [m.groupdict() | {"": m.span()} for m in plain.finditer(t)]


def _spaced_hyphen(low: str, s: int, e: int) -> bool:
    """A single space beside a hyphen joining two Thai words ("อาเซียน - อินเดีย"): dropped."""
    th = _fold.is_thai
    if e - s != 1 or low[s] != " ":
        return False
    if th(low[s - 1]) and low[e] == "-":
        return e + 1 < len(low) and (th(low[e + 1]) or low[e + 1] == " " and e + 2 < len(low)
                                     and th(low[e + 2]))
    if low[s - 1] == "-" and th(low[e]) and s >= 2:
        return th(low[s - 2]) or low[s - 2] == " " and s >= 3 and th(low[s - 3])
    return False


def _fold_reference(text: str) -> tuple[str, list[int]]:
    """bodies._fold.fold as it was: every white-space run visited."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if _fold.CHAR_MAP_RE.search(low):
        low = _fold.CHAR_MAP_RE.sub(lambda m: _fold._CHAR_MAP[m.group()], low)
    n, pieces, offsets, pos = len(low), [], [], 0
    for m in _fold.WS_RUN_RE.finditer(low):
        s, e = m.span()
        pieces.append(low[pos:s])
        offsets.extend(range(pos, s))
        if 0 < s and e < n and not (_fold.is_thai(low[s - 1]) and _fold.is_thai(low[e])
                                    or _spaced_hyphen(low, s, e)):
            pieces.append(" ")
            offsets.append(s)
        pos = e
    pieces.append(low[pos:])
    offsets.extend(range(pos, n))
    return "".join(pieces), offsets


@pytest.mark.parametrize("text", EDGES + [" ", "\n", "ก ก", "a ก", "ก\nก", " a", "a ", "a \n b", "\t"])
def test_fold_edges(text):
    assert _fold.fold(text) == _fold_reference(text)


def test_fold_corpus(texts):
    for t in texts:
        assert _fold.fold(t) == _fold_reference(t)


@pytest.mark.parametrize("text, expected", [("๑.๒.๕", "1.2.5"), ("1.2.5", "1.2.5"), ("พ.ศ. ๒๕๖๒", "พ.ศ. 2562"),
                                            ("", "")])
def test_thai_digits(text, expected):
    assert thai.thai_digits_to_ascii(text) == expected


def test_language_counts_by_run(texts):
    for t in texts:
        th = len(re.findall(f"[{thai.THAI_CHARS}]", t[:20000]))
        la = len(re.findall("[A-Za-z]", t[:20000]))
        assert thai.thai_ratio(t) == (th / (th + la) if th + la else 0.0)


def test_short_text_date_cache_is_find_dates(texts):
    for t in texts:
        for line in t.split("\n")[:40]:
            assert list(news._dates(line)) == dates.find_dates(line)
            assert list(news._dates(line, "2019-03-06")) == dates.find_dates(line, reference="2019-03-06")


def test_glossary_automata_match_regex_search(texts):
    for t in texts:
        for chunk in [t] + t.split("\n"):
            found = linking_glossary._glossary_occurrences(chunk, chunk.lower())
            present = ({t for *_, t in found[0]}, {t for *_, t in found[1]})
            low = chunk.lower()
            for g in linking_glossary._glossary():
                for term in g.en:
                    found = re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low) is not None
                    assert (term in present[0]) == found, (term, chunk[:60])
                for term in g.th:
                    assert (term in present[1]) == (term in chunk)


@pytest.fixture(scope="module")
def parsed():
    return [parse(p) for p in ALL]


def test_numpy_scoring_matches_plain_loop(parsed):
    cfg = linking.LinkConfig()
    plans = [d for d in parsed if d.kind == "plan" and d.measures]
    queries = [(d, ev, linking._Query.of(ev, cfg)) for d in parsed for ev in d.events]
    index = linking.MeasureIndex(plans, cfg, background=(q.weights for _, _, q in queries))
    linked = 0
    for d, ev, q in queries:
        fast = index.query(ev, d.date, q)
        assert fast == index.query(ev, d.date, q, reference=True)
        linked += bool(fast)
    assert linked >= 10      # the comparison covered real links, not only empty results


def test_numpy_scoring_with_loose_config(parsed):
    """A low threshold and a high relative share keep many candidates in play."""
    cfg = linking.LinkConfig(threshold=0.05, relative=0.1, max_links=10)
    plans = [d for d in parsed if d.kind == "plan" and d.measures]
    index = linking.MeasureIndex(plans, cfg)
    for d in parsed:
        for ev in d.events:
            assert index.query(ev, d.date) == index.query(ev, d.date, reference=True)


def test_tokenizer_engines_agree(texts):
    """With nlpo3 installed (extra ``fast``) linking tokenises with it; results equal newmm's."""
    pytest.importorskip("nlpo3")
    from pythainlp.tokenize import word_tokenize
    for t in texts:
        for chunk in linking_terms.WORD.findall(t):
            if linking_terms.THAI.match(chunk):
                assert linking_terms._segmenter()(chunk) == word_tokenize(chunk, engine="newmm",
                                                                          keep_whitespace=False)


@pytest.mark.parametrize("name", ["bodies.yaml", "glossary.yaml", "months.yaml", "event_cues.yaml",
                                  "plan_headings.yaml", "plan_tables.yaml", "thai_pua.yaml"])
def test_the_c_yaml_loader_reads_the_data_as_safe_load_does(name: str) -> None:
    from importlib import resources

    import yaml

    from aseandocs._data import load
    text = (resources.files("aseandocs") / "data" / name).read_text(encoding="utf-8")
    assert load(text) == yaml.safe_load(text)
