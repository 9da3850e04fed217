"""Thai normalisation and its offset map."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aseandocs.thai import detect_language, normalize, thai_digits_to_ascii

NIKHAHIT, SARA_AA, SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
MAI_EK, MAI_THO, SARA_I = "\u0e48", "\u0e49", "\u0e34"


@pytest.mark.parametrize("raw,expected", [
    ("๑.๒.๕", "1.2.5"),                                         # Thai digits
    ("พ.ศ. ๒๕๖๒", "พ.ศ. 2562"),
    ("อา\u200bเซียน", "อาเซียน"),                                # zero-width space
    ("\ufeffASEAN", "ASEAN"),                                   # BOM left in text
    ("soft\u00adhyphen", "softhyphen"),
    ("ค" + NIKHAHIT + SARA_AA, "ค" + SARA_AM),                   # nikhahit + sara aa
    ("น" + NIKHAHIT + MAI_THO + SARA_AA, "น" + MAI_THO + SARA_AM),  # tone between
    ("น" + MAI_THO + NIKHAHIT + SARA_AA, "น" + MAI_THO + SARA_AM),  # tone before
    ("คำ", "คำ"),                                                # already sara am
    ("ก" + MAI_EK + SARA_I, "ก" + SARA_I + MAI_EK),              # tone before vowel: reordered
    ("ก" + MAI_THO + MAI_THO, "ก" + MAI_THO),                    # repeated mark
    ("ASEAN  Regional\tForum", "ASEAN Regional Forum"),          # spaces folded
    ("a\u00a0b", "a b"),                                         # NBSP
    ("line one  \r\nline two", "line one\nline two"),            # CRLF, trailing spaces
    ("para\n\n\n\n  next", "para\n\nnext"),                      # blank lines -> one break
    ("  \n  text  \n ", "text"),                                 # edges stripped
    ("", ""),
])
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw,norm_span,raw_span", [
    ("ค" + NIKHAHIT + SARA_AA + "  ว่า", (3, 6), (5, 8)),         # after a shrink and a space fold
    ("a\u200bb c", (0, 2), (0, 3)),                              # span over a removed character
    ("  abc", (0, 3), (2, 5)),                                   # leading white space
    ("x  \n\n\n y", (3, 4), (7, 8)),
])
def test_span_to_raw(raw, norm_span, raw_span) -> None:
    n = normalize(raw)
    assert n.offsets.span_to_raw(norm_span) == raw_span
    assert n.offsets.span_to_norm(raw_span) == norm_span


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab กข\n\r\t\u200b\u00a0๑1") +
                                        [NIKHAHIT, SARA_AA, MAI_EK, MAI_THO, SARA_I, SARA_AM]),
               max_size=40))
def test_normalize_properties(raw: str) -> None:
    n = normalize(raw)
    assert normalize(n.text).text == n.text                      # idempotent
    assert NIKHAHIT + SARA_AA not in n.text
    assert "  " not in n.text and "\r" not in n.text and "\n\n\n" not in n.text
    for i, ch in enumerate(n.text):                              # letters map back to themselves
        if ch in "abกข":
            assert raw[n.offsets.to_raw(i)] == ch
    for j, ch in enumerate(raw):
        if ch in "abกข":
            assert n.text[n.offsets.to_norm(j)] == ch
    for i in range(len(n.text) + 1):
        assert 0 <= n.offsets.to_raw(i) <= len(raw)


def test_digits_one_for_one() -> None:
    assert thai_digits_to_ascii("ครั้งที่ ๑๑") == "ครั้งที่ 11"


@pytest.mark.parametrize("text,lang", [
    ("การประชุมสุดยอดอาเซียน ครั้งที่ 11", "th"),
    ("The ASEAN Regional Forum met in Bangkok.", "en"),
    ("ที่ประชุม ASEAN Regional Forum (ARF) ได้หารือ", "th"),
    ("12345 ...", None),
])
def test_detect_language(text, lang) -> None:
    assert detect_language(text) == lang


# Typing damage in text that never went through a PDF, one class a row (PyThaiNLP's normalize
# cases, each class written with our own words).
@pytest.mark.parametrize("raw,expected", [
    # two sara e typed for sara ae
    ("เเละ", "และ"), ("เเข็งเเรง", "แข็งแรง"), ("เเปลง", "แปลง"),
    # nikhahit + sara aa for sara am, a tone mark before or between
    ("ทํา", "ทำ"), ("ค่ํา", "ค่ำ"), ("น้ํา", "น้ำ"), ("นํ้า", "น้ำ"),
    # tone mark typed after the following vowel
    ("จะ่", "จ่ะ"), ("ขา้ว", "ข้าว"), ("หนา้ที่", "หน้าที่"), ("ทำ่", "ท่ำ"),
    # lakkhangyao for sara aa after an ordinary consonant; kept after ฤ
    ("มๅก", "มาก"), ("ฤๅ", "ฤๅ"),
    # a following vowel typed twice, with or without spaces between
    ("มาา", "มา"), ("มา า  า", "มา"), ("มา าาะ", "มาะ"),
    # repeated and competing tone marks: the last one typed wins
    ("ไม่่", "ไม่"), ("ก่้", "ก้"), ("ก่้่้", "ก้"), ("เข้้้า", "เข้า"),
    # white space typed before a mark
    ("ส ุ่ม", "สุ่ม"), ("ท ี่", "ที่"), ("ก  ้าว", "ก้าว"),
    # a whole sentence with several of them
    ("บา้นเเละสนามหญา้", "บ้านและสนามหญ้า"),
    # clean text is left as it is
    ("ที่ว่าการอำเภอ", "ที่ว่าการอำเภอ"), ("น้ำท่วม", "น้ำท่วม"), ("ฤๅษี", "ฤๅษี"),
    ("กระทรวงการต่างประเทศ", "กระทรวงการต่างประเทศ"), ("ต่าง ๆ", "ต่าง ๆ"),
    # a gap before a following vowel after a consonant may be a lost sara am: left for the repair
    ("จ านวน", "จ านวน"),
])
def test_normalize_typing_damage(raw: str, expected: str) -> None:
    n = normalize(raw)
    assert n.text == expected
    assert normalize(n.text).text == n.text


@pytest.mark.parametrize("raw,norm_span,raw_span", [
    ("เเละ ครู", (4, 7), (5, 8)),          # "เเ" -> "แ" shrinks by one
    ("หญา้ ดี", (5, 7), (5, 7)),            # a reorder keeps the length
    ("ส ุ่ม ดี", (5, 7), (6, 8)),           # a space before a mark removed
])
def test_typing_damage_offsets(raw, norm_span, raw_span) -> None:
    n = normalize(raw)
    assert n.offsets.span_to_raw(norm_span) == raw_span
    assert raw[slice(*raw_span)] == n.text[slice(*norm_span)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กขเฤ \u200b\tะาำๅ\u0e4d\u0e48\u0e49\u0e34\u0e38\u0e4c")),
               max_size=30))
def test_normalize_typing_properties(raw: str) -> None:
    n = normalize(raw)
    assert normalize(n.text).text == n.text
    assert "เเ" not in n.text and "  " not in n.text
    for i, ch in enumerate(n.text):
        if ch in "กขฤ":
            assert raw[n.offsets.to_raw(i)] == ch
