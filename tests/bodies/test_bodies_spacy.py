"""aseandocs.bodies.spacy_component: the "aseandocs_bodies" factory, BodyRecognizer, ThaiTokenizer."""
from __future__ import annotations

import pytest
from conftest import DATA

spacy = pytest.importorskip("spacy")

import aseandocs.bodies  # noqa: E402,F401  (registers the factory)
from aseandocs.bodies import BodyRecognizer, ThaiTokenizer, thai_nlp  # noqa: E402

SMALL = str(DATA / "bodies_small.yaml")


@pytest.fixture(scope="module")
def th():
    return thai_nlp(registry_path=SMALL)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_add_pipe_by_name(lang):
    nlp = spacy.blank(lang)
    nlp.add_pipe("aseandocs_bodies", config={"registry_path": SMALL, "label": "ASEAN_BODY"})
    doc = nlp("The ASEAN Regional Forum (ARF) met the ASEAN Centre for Energy.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("ASEAN Regional Forum (ARF)", "ASEAN_BODY", "ARF"),
        ("ASEAN Centre for Energy", "ASEAN_BODY", "ACE")]


@pytest.mark.parametrize("text, ents", [
    ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ จัดขึ้นที่ศูนย์พลังงานอาเซียน",
     [("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ", "SOMTC"), ("ศูนย์พลังงานอาเซียน", "ACE")]),
    # raw (unnormalised) text: spans map back through the normaliser's offsets
    ("เจ้าหน้าที่อาวุโสอาเซียน\u200b  ว่าด้วยอาชญากรรมข้ามชาติ",
     [("เจ้าหน้าที่อาวุโสอาเซียน\u200b  ว่าด้วยอาชญากรรมข้ามชาติ", "SOMTC")]),
    ("PEACE", []),
])
def test_thai_pipeline(th, text, ents):
    doc = th(text)
    assert doc.text == text
    assert [(e.text, e.kb_id_) for e in doc.ents] == ents
    assert all(e.label_ == "ORG" for e in doc.ents)


def test_expand_alignment_to_tokens():
    # the English tokenizer keeps unspaced Thai as one token: the entity expands to the whole
    # token rather than being dropped
    nlp = spacy.blank("en")
    nlp.add_pipe("aseandocs_bodies", config={"registry_path": SMALL})
    doc = nlp("ผู้แทนศูนย์พลังงานอาเซียนได้ไป")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("ผู้แทนศูนย์พลังงานอาเซียนได้ไป", "ACE")]


def test_keeps_other_entities_unless_overwrite():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Jakarta"}, {"label": "X", "pattern": "ASEAN"}])
    nlp.add_pipe("aseandocs_bodies", config={"registry_path": SMALL})
    doc = nlp("ASEAN Regional Forum in Jakarta")
    assert [(e.text, e.label_) for e in doc.ents] == [("ASEAN Regional Forum", "ORG"), ("Jakarta", "GPE")]
    rec = BodyRecognizer(registry_path=SMALL, overwrite=True)
    assert [e.text for e in rec(nlp.make_doc("ASEAN Regional Forum in Jakarta")).ents] == ["ASEAN Regional Forum"]


def test_config_is_keyword_only():
    with pytest.raises(TypeError):
        BodyRecognizer(SMALL)  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "  ", ",1.0 cm", " ก", "ก  \n ข", "\n\n", "ศูนย์ ACE\t\tx", "๑.๒ ข้อ"])
def test_tokenizer_never_crashes_and_keeps_text(text):
    # spacy-pythainlp issue #4: the tokenizer crashed on ",1.0 cm"
    tok = ThaiTokenizer(spacy.blank("th").vocab)
    doc = tok(text)
    assert doc.text == text
    assert all(t.text for t in doc)
    # a space after a word is that word's whitespace_, never a token (only leading white space,
    # with no word to hang on, is one)
    assert not any(t.text == " " for t in doc[1:])


def test_tokenizer_sets_space_flags():
    doc = ThaiTokenizer(spacy.blank("th").vocab)("ศูนย์พลังงานอาเซียน ASEAN Centre")
    assert [t.text for t in doc] == ["ศูนย์", "พลังงาน", "อาเซียน", "ASEAN", "Centre"]
    assert [t.whitespace_ for t in doc] == ["", "", " ", " ", ""]
