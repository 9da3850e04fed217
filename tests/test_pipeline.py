"""The per-document pipeline (pipeline.parse): every stage, wired in DESIGN.md's order."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, OWN_CORPUS

from aseandocs.model import Document
from aseandocs.pipeline import cache_key, normalize_document, parse


def test_parse_a_document_object() -> None:
    pd = parse(Document.from_text("๑.๑ ส่งเสริมความร่วมมือกับการประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ"
                                  " - จัดการประชุมประจำปี", id="p"))
    assert pd.document.text.startswith("1.1 ")                 # normalised: Thai digits to ASCII
    m = pd.measures[0]
    assert (m.id, m.ref, m.level) == ("p#1.1", "1.1", 2)
    assert m.bodies == ("SOMTC",)                                # a mention inside the measure
    assert [a.text for a in m.activities] == ["จัดการประชุมประจำปี"]


def test_parse_a_path_fills_every_stage() -> None:
    pd = parse(OWN_CORPUS / "th_news_ascco.txt")
    assert pd.kind == "news" and pd.date and pd.title
    assert pd.mentions and pd.events and not pd.measures
    text = pd.document.text
    for m in pd.mentions:
        assert 0 <= m.span[0] < m.span[1] <= len(text)
    for e in pd.events:
        assert text[e.span[0]:e.span[1]] == e.text and e.measures == ()


def test_normalize_document_moves_page_spans() -> None:
    from aseandocs.model import Page
    raw = "หน้า  ๑\n\n\n\nหน้า  ๒"
    doc = Document("d", "d.pdf", raw, format="pdf",
                   pages=(Page(1, (0, 7)), Page(2, (11, len(raw)))))
    norm = normalize_document(doc)
    assert norm.text == "หน้า 1\n\nหน้า 2"
    assert [norm.text[p.span[0]:p.span[1]] for p in norm.pages] == ["หน้า 1", "หน้า 2"]
    assert norm.language == "th"


@pytest.mark.parametrize("name,first", [("th_plan_table.pdf", "1.1"), ("en_plan_table.pdf", "A.1")])
def test_pdf_plan_tables_give_fields_and_bodies(name: str, first: str) -> None:
    pdf = DATA / "pdf" / name
    if not pdf.is_file():
        pytest.skip(f"{pdf} fixture missing")
    pd = parse(pdf)
    m = pd.measures[0]
    assert m.ref == first and m.page == 1
    assert dict(m.fields).keys() >= {"responsible", "timeline"}
    assert m.bodies, "the responsible body is resolved through the registry"


def test_cache_key_is_stable() -> None:
    assert cache_key() == cache_key() and len(cache_key()) == 16


def test_cache_key_changes_with_any_module_of_any_subpackage(tmp_path: Path) -> None:
    """An edit anywhere in the code or the shipped data invalidates the build cache."""
    import shutil

    import aseandocs
    package = tmp_path / "aseandocs"
    shutil.copytree(Path(aseandocs.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_key(package)
    assert before == cache_key(package)
    folders = sorted({p.parent for p in package.rglob("*.py")})
    assert {f.name for f in folders} >= {"thai", "readers", "dates", "plans", "news", "bodies", "linking",
                                         "graph", "corpus", "cli", "explorer", "aseandocs"}
    keys = {before}
    for folder in folders:
        module = sorted(folder.glob("*.py"))[-1]
        module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        key = cache_key(package)
        assert key not in keys, f"editing {module.relative_to(tmp_path)} did not change the key"
        keys.add(key)
    data = sorted((package / "data").glob("*.yaml"))[0]
    data.write_text(data.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache_key(package) not in keys


# --- issue 8: fast paths of the reader and the normaliser -----------------------------------

def test_utf16_sniffing_counts_like_the_plain_loop() -> None:
    import random

    from aseandocs.readers import text as readers_text
    rnd = random.Random(8)
    for _ in range(500):
        n = rnd.randint(0, 40)
        highs = bytes(rnd.choice([0, 0x0E, 1, 0x41, 0xFF]) for _ in range(n))
        lows = bytes(rnd.choice([0, 0x0E, 1, 0x41, 0xFF]) for _ in range(n))
        plain = sum(1 for h, l in zip(highs, lows) if h in (0x00, 0x0E) and l)
        fast = (int.from_bytes(highs.translate(readers_text._HIGH_FLAGS), "big")
                & int.from_bytes(lows.translate(readers_text._NONZERO_FLAGS), "big")).bit_count()
        assert fast == plain
    text = "อาเซียน ASEAN ประชุม"
    for codec in ("utf-16-le", "utf-16-be"):
        assert readers_text._utf16_without_bom(text.encode(codec)) == codec


def test_marks_kept_by_the_normaliser_are_canonical() -> None:
    from aseandocs.thai import text as thai
    for kept in thai._KEPT - {"\n"}:
        assert thai._mark_cluster(kept) == kept
        assert thai.normalize("ก" + kept + "ก").text == "ก" + kept + "ก"
    assert thai.normalize("a\nb").text == "a\nb"


@pytest.mark.parametrize("text, warned", [
    ("ก" + "\u0e48" * 5000 + " ASEAN", True),                     # a tone mark stacked 5,000 times
    ("ASEAN" + "\u200b" * 400 + " SOMTC", True),                  # a run of zero-width spaces
    ("ความร่วมมือ  อาเซียน\n\n\nASEAN   SOMTC", False),           # ordinary white space to fold
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียน", False),
])
def test_normalisation_that_removes_most_of_a_document_warns(text: str, warned: bool) -> None:
    """Issue 19, item 10. Before: megabytes of stacked combining marks became a few characters
    without a word."""
    doc = normalize_document(Document.from_text(text, id="x"))
    assert any("normalisation removed" in w for w in doc.warnings) is warned, doc.warnings
