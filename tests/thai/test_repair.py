"""Dictionary-aware sara am repair (aseandocs.thai.repair) and the real Thai PDFs of ../shared/pdf."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from aseandocs.thai.repair import aa_written_as_am, repair_sara_am

SHARED_PDF = Path(__file__).resolve().parents[2].parent / "shared" / "pdf"
QUALITY = SHARED_PDF.parent / "eval" / "thai_quality.py"


@pytest.mark.parametrize("raw,expected,repairs", [
    # a ring and a gap: consonant, space, sara aa -> sara am where the dictionary agrees
    ("จ านวนผู้เข้าร่วม", "จำนวนผู้เข้าร่วม", 1),
    ("หน่วยงานที่ท าหน้าที่", "หน่วยงานที่ทำหน้าที่", 1),
    ("ระดับน้ าทะเล", "ระดับน้ำทะเล", 1),                     # a tone mark before the gap
    ("การบ ารุงรักษา", "การบำรุงรักษา", 1),
    ("น้ าท่วมท าลายบ้าน", "น้ำท่วมทำลายบ้าน", 2),      # two in one run of letters
    # the dictionary prefers sara aa: the gap is left for repair_pdf_text to close
    ("ค่ าเดินทาง", "ค่ าเดินทาง", 0),
    # a gap before sara am itself: nothing starts with sara am
    ("ต ำรวจ", "ตำรวจ", 1),
    # sara am and a stray sara aa
    ("การประชุมสำาคัญ", "การประชุมสำคัญ", 1),
    # clean text is left as it is
    ("ทำงาน นาข้าว ตำบล", "ทำงาน นาข้าว ตำบล", 0),
    ("ASEAN Regional Forum", "ASEAN Regional Forum", 0),
])
def test_repair_sara_am(raw, expected, repairs) -> None:
    assert repair_sara_am(raw, aa_as_am=False) == (expected, repairs)


# A font that writes sara aa as sara am: most words with "ำ" read better with "า".
SWAPPED = "บ้ำนเลขที่ สมำชิกสภำ อำเภอท่ำใหม่ จังหวัดจันทบุรี ประกำศ คณะกรรมกำร กำรเลือกตั้ง"


def test_aa_written_as_am_is_recognised_and_repaired() -> None:
    assert aa_written_as_am(SWAPPED)
    text, n = repair_sara_am(SWAPPED)
    assert "บ้านเลขที่" in text and "สมาชิก" in text and "การเลือกตั้ง" in text
    assert "อำเภอท่าใหม่" in text        # the real sara am of อำเภอ is kept
    assert text == ("บ้านเลขที่ สมาชิกสภา อำเภอท่าใหม่ จังหวัดจันทบุรี ประกาศ คณะกรรมการ "
                    "การเลือกตั้ง") and n == 7


def test_a_swapping_font_reads_names_outside_the_dictionary_with_sara_aa() -> None:
    """In a font that writes sara aa as sara am, a sara am with no ring and gap before it is its
    sara aa: names the dictionary cannot judge take sara aa too, a word is judged with its real
    sara am in place, and two rings and gaps in one run of letters are both seen."""
    text = SWAPPED + " อ ำเภอไพศำลี ต ำบลศรีสงครำมต ำบลหนองบัว อ ำนำจเจริญ และต ำบลแม่ค ำมี"
    fixed, _ = repair_sara_am(text)
    assert fixed.endswith(" อำเภอไพศาลี ตำบลศรีสงครามตำบลหนองบัว อำนาจเจริญ และตำบลแม่คำมี")


@pytest.mark.parametrize("text", [
    "ทำงานร่วมกับสำนักงานและกระทรวง ดำเนินการตามคำสั่ง จำนวนมาก ตำบลบ้านนา",
    "การประชุมระดับรัฐมนตรีอาเซียน",
])
def test_clean_text_is_not_taken_for_a_swapping_font(text) -> None:
    assert not aa_written_as_am(text)
    assert repair_sara_am(text)[0] == text


# --- the real PDFs (skipped when ../shared/pdf is absent) ---------------------------------------
def _quality():
    spec = importlib.util.spec_from_file_location("thai_quality", QUALITY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)   # type: ignore[union-attr]
    return mod


def _raw(path: Path) -> str:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


REAL = ["budget_v2_excel_p1-40.pdf", "royalgazette_ect_p1-40.pdf",
        "ghostscript_signlanguage_article.pdf", "wordltsc_saraban_scope.pdf",
        "word365_angsana_history.pdf"]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", REAL)
def test_real_pdf_damage_targets(name) -> None:
    path = SHARED_PDF / name
    if not path.exists() or not QUALITY.exists():
        pytest.skip("../shared/pdf is absent")
    from aseandocs import read
    tq = _quality()
    q, r = tq.quality(read(path, ocr=False).text), tq.quality(_raw(path))
    assert q["cid"] <= r["cid"]
    assert q["am_aa"] == 0
    assert q["aa_as_am"] <= max(0.05 * r["aa_as_am"], 0.002 * q["thai_tokens"])
    other = sum(q[k] for k in ("orphan_mark", "space_mark", "space_vowel", "pua", "split_am"))
    assert other < 0.01 * q["thai_tokens"]
    assert (q["unknown"] or 0.0) <= 0.04


def test_the_repairs_segment_as_newmm_does_without_its_trie() -> None:
    """``newmm_words`` (pythainlp's newmm over ``dictionary()`` as a set, without pythainlp's
    76 MiB trie) cuts every text as pythainlp's default newmm: own sentences, damaged words,
    mixed scripts, numbers and spaces, and random pieces of the own corpus and, when present,
    of ../shared/thaigov."""
    import random

    from conftest import OWN_CORPUS, SHARED
    from pythainlp.tokenize import word_tokenize

    from aseandocs.thai.repair import newmm_words
    texts = ["การประชุมรัฐมนตรีอาเซียนด้านอาชญากรรมข้ามชาติ ครั้งที่ 12 (AMMTC) ณ กรุงเทพฯ",
             "จ านวน สำาคัญ บ้ำน อนั ตราย มลพษิ", "ASEAN-Japan 2,500.75 ล้านบาท\r\n\tอว. กต.", "ก", "",
             "ๆ ฯลฯ ๑๒๓ https://www.example.org/ข่าว?id=1"]
    rnd = random.Random(17)
    files = sorted(OWN_CORPUS.glob("*.txt")) + sorted((SHARED / "thaigov").glob("*.txt"))[::50]
    for f in files:
        t = f.read_text(encoding="utf-8", errors="replace")
        texts.append(t[:3000])
        texts += [t[i:i + rnd.randrange(2, 90)] for i in (rnd.randrange(max(1, len(t))) for _ in range(20))]
    assert len(texts) > 100
    for s in texts:
        for keep in (True, False):
            assert newmm_words(s, keep) == word_tokenize(s, engine="newmm", keep_whitespace=keep), s
