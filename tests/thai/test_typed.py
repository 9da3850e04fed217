"""The dictionary repair of typed Thai and of .txt files copied out of PDFs (aseandocs.thai.typed):
one row per class of damage, the gate that keeps clean text as it is, and the offset map."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from aseandocs import Document, parse
from aseandocs.thai import OffsetMap, damage_signs, normalize, repair_typed

# Two signs of damage put in front of a sentence open it to the repair (repair_typed's gate).
OPEN = "งานส าคัญ การด าเนินงาน "


@pytest.mark.parametrize("damaged,expected", [
    # sara am drawn as a ring and a gap: no Thai word starts with sara aa
    ("ความส าคัญของงาน", "ความสำคัญของงาน"),
    ("ผู้น าประเทศ", "ผู้นำประเทศ"),
    ("ระดับน้ าทะเล", "ระดับน้ำทะเล"),                 # a tone mark before the gap
    # sara am followed by a stray sara aa
    ("จำานวนผู้เข้าร่วม", "จำนวนผู้เข้าร่วม"),
    # a vowel or a tone mark on the letter after its own
    ("ปัญหามลพษิในเมือง", "ปัญหามลพิษในเมือง"),
    ("ขอ้มูลของกรม", "ข้อมูลของกรม"),
    # a mark on no letter (after a leading vowel): it belongs to the consonant after it
    ("งบประมาณเิงนอุดหนุน", "งบประมาณเงินอุดหนุน"),
    # a mark on no letter after a spacing vowel: it belongs to the consonant before the vowel
    ("ทำหนา้ที่ประธาน", "ทำหน้าที่ประธาน"),
    ("ตารางจาแํนกตามหมวด", "ตารางจำแนกตามหมวด"),     # nikhahit and sara aa: sara am
    # a word cut by a space, with a mark moved too
    ("การประชุมครั้ งแรก", "การประชุมครั้งแรก"),
    ("เป็นอนั ตรายต่อสุขภาพ", "เป็นอันตรายต่อสุขภาพ"),
])
def test_each_class_of_damage_is_repaired(damaged: str, expected: str) -> None:
    r = repair_typed(OPEN + damaged)
    assert r.text == "งานสำคัญ การดำเนินงาน " + expected
    assert r.repairs >= 3


@pytest.mark.parametrize("text", [
    # clean text: no sign of damage, so nothing is even looked up
    "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ ครั้งที่ 18 ณ กรุงเทพมหานคร",
    "นายกรัฐมนตรีกล่าวว่า ความร่วมมือเป็นสิ่งสำคัญ และจำเป็นต่อการดำเนินงาน",
    # one slip is no damaged text (the gate asks for two signs)
    "รายงานส าคัญฉบับหนึ่ง ของสำนักงาน",
    "ASEAN Regional Forum",
    "",
])
def test_clean_text_is_left_as_it_is(text: str) -> None:
    r = repair_typed(text)
    assert r.text == text and r.repairs == 0 and not r.offsets.edits


@pytest.mark.parametrize("context", [
    "ตาม พ.ร.บ. ฉบับนี้",                      # an abbreviation after a space is no cut word
    "ถนนสาย ก ถึงถนนสาย ข",                   # a lone letter is a label
    "พิธีที่ วัดในตำบล",                          # two words that a space rightly parts
    "นายประยุทธ์ จันทร์โอชา",                    # names stay as written
])
def test_what_damaged_text_still_keeps(context: str) -> None:
    r = repair_typed(OPEN + context)
    assert r.text == "งานสำคัญ การดำเนินงาน " + context


def test_rare_dictionary_words_made_by_chance_are_no_repair() -> None:
    # "สมควรอนมัติ" (a letter missing from อนุมัติ) reads as two rare dictionary words once the
    # mark moves ("อนัม" + "ติ"); the repair asks for everyday words and leaves it.
    assert repair_typed(OPEN + "สมควรอนมัติ").text.endswith("สมควรอนมัติ")


def test_a_font_writing_sara_aa_as_sara_am_is_repaired_in_typed_text() -> None:
    text = OPEN + ("บ้ำนของสมำชิก ประกำศของคณะกรรมกำร กำรเลือกตั้ง ผู้แทนรำษฎร กำรประชุม "
                   "ของสมำคม ตำมที่กำหนด")
    r = repair_typed(text)
    assert r.text == ("งานสำคัญ การดำเนินงาน บ้านของสมาชิก ประกาศของคณะกรรมการ การเลือกตั้ง "
                      "ผู้แทนราษฎร การประชุม ของสมาคม ตามที่กำหนด")


def test_damage_signs() -> None:
    assert damage_signs("ส าคัญ") == 1 and damage_signs("สำาคัญ") == 1 and damage_signs("อนั ตราย") == 1
    assert damage_signs("สำคัญ อันตราย ทา นา ASEAN า สัญญา ครั้งที่") == 0


def test_offsets_map_repaired_words_back_to_the_text_given() -> None:
    raw = "ร้อยละ 5 ของ จ านวนทั้งหมด และ มลพษิ ที่เป็นอนั ตราย"
    r = repair_typed(raw, min_signs=1)
    assert r.text == "ร้อยละ 5 ของ จำนวนทั้งหมด และ มลพิษ ที่เป็นอันตราย"
    for word, damaged in (("จำนวน", "จ านวน"), ("มลพิษ", "มลพษิ"), ("อันตราย", "อนั ตราย"),
                          ("ร้อยละ", "ร้อยละ"), ("และ", "และ")):
        s = r.text.index(word)
        a, b = r.offsets.span_to_raw((s, s + len(word)))
        assert raw[a:b] == damaged


def _edit_map(text: str, rng: random.Random) -> tuple[str, OffsetMap]:
    """``text`` with random replacements, deletions and insertions, and its map."""
    out, edits, pos, npos = [], [], 0, 0
    for s in sorted(rng.sample(range(len(text) + 1), min(4, len(text) + 1))):
        if s < pos:
            continue
        e = min(len(text), s + rng.randint(0, 2))
        rep = "x" * rng.randint(0, 2)
        out.append(text[pos:s])
        npos += s - pos
        out.append(rep)
        edits.append((npos, npos + len(rep), s, e))
        npos += len(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out), OffsetMap.from_edits(edits)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdef", min_size=0, max_size=30), st.integers(0, 10 ** 6))
def test_composed_maps_agree_with_the_two_maps_outside_their_edits(text: str, seed: int) -> None:
    rng = random.Random(seed)
    mid, first = _edit_map(text, rng)
    final, second = _edit_map(mid, rng)
    both = first.then(second)
    # a character of the final text that no edit touched is the same character of the first text
    touched = [False] * len(final)
    for ns, ne, _, _ in both.edits:
        for i in range(ns, ne):
            touched[i] = True
    for i, ch in enumerate(final):
        if touched[i] or ch == "x":
            continue
        j = both.to_raw(i)
        assert j == first.to_raw(second.to_raw(i))
        assert text[j] == ch


def test_normalisation_then_repair_keeps_one_map() -> None:
    raw = "งานส าคัญ  การด าเนินงาน\tเเละ ขอ้มูล"
    n = normalize(raw)
    r = repair_typed(n.text)
    both = n.offsets.then(r.offsets)
    assert r.text == "งานสำคัญ การดำเนินงาน และ ข้อมูล"
    s = r.text.index("ข้อมูล")
    a, b = both.span_to_raw((s, s + len("ข้อมูล")))
    assert raw[a:b] == "ขอ้มูล"
    s = r.text.index("การดำเนินงาน")
    a, b = both.span_to_raw((s, s + len("การดำเนินงาน")))
    assert raw[a:b] == "การด าเนินงาน"


def test_the_pipeline_repairs_a_damaged_text_file(tmp_path) -> None:
    path = tmp_path / "copied.txt"
    path.write_text("1.1 ส่งเสริมความร่วมมือในการลดมลพษิทางอากาศ\n"
                    "- จัดการประชุมครั้ งแรกของคณะท างาน\n"
                    "1.2 พัฒนาขอ้มูลที่จ าเป็นต่อการด าเนินงาน\n", encoding="utf-8")
    pd = parse(path, plan=True)
    assert [m.title for m in pd.measures] == ["ส่งเสริมความร่วมมือในการลดมลพิษทางอากาศ",
                                              "พัฒนาข้อมูลที่จำเป็นต่อการดำเนินงาน"]
    assert pd.measures[0].activities[0].text == "จัดการประชุมครั้งแรกของคณะทำงาน"
    assert any("repaired with the dictionary" in w for w in pd.document.warnings)
    # a clean document is not touched and gets no warning
    clean = parse(Document.from_text("1.1 ส่งเสริมความร่วมมือ\n- จัดการประชุม", id="p"), plan=True)
    assert not any("repaired" in w for w in clean.document.warnings)
