"""The terms linking works with: Thai words (pythainlp's newmm, or nlpo3 when installed) and English
words, stop words dropped, light English stemming, and adjacent-word bigrams.

    >>> tokenize("ASEAN ministers discussed maritime security")
    ['asean', 'minister', 'discussed', 'maritime', 'security']
"""
from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache, partial
from typing import Callable, Sequence

__all__ = ["tokenize", "WORD", "THAI"]

# A run of Latin letters (with inner hyphens/apostrophes) — "counter-terrorism", "ASEAN's" — or a run of
# Thai letters and marks. Digits and punctuation are never terms: "2551", "1.2.5", "(".
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|[\u0e01-\u0e4e]+")
THAI = re.compile(r"[\u0e01-\u0e4e]")

_EN_STOP = frozenset("""a an the and or of in on at to for from by with as is are was were be been being
this that these those it its into under over between among within through which who whom whose will
shall would should may might can could has have had do does did not no nor but if than then there their
they them we our us he she his her also such other others all any each more most some further well
member states state countries country meeting meetings including include includes""".split())

# Thai words too common in plan and news text to be evidence, beyond pythainlp's stop words.
_TH_EXTRA_STOP = frozenset("""ประเทศ สมาชิก ประเทศสมาชิก ดำเนินการ ดำเนินงาน การประชุม ประชุม
ที่ประชุม ได้ มี เป็น จะ ให้ ต่างๆ ต่าง ๆ เรื่อง ด้าน ว่าด้วย เกี่ยวกับ ระหว่าง ร่วมกัน ซึ่ง โดย และ หรือ
ทั้ง นี้ นั้น ดังกล่าว รวมทั้ง รวมถึง ตลอดจน เช่น ปี พ.ศ. ค.ศ. วันที่ เดือน ครั้ง ครั้งที่
สำหรับ ที่จะ อาทิ ประกอบด้วย ดังนี้ นำไปสู่""".split())


# The head word of an instrument's name says what kind of instrument it is, not which one: a plan
# mentions "แผนปฏิบัติการ" (plan of action) and "ปฏิญญา" (declaration) everywhere. Only the rest of an
# instrument's name ("กฎบัตร|อาเซียน", "สหรัฐฯ") gets the instrument boost.
_INSTRUMENT_HEADS = frozenset("""ปฏิญญา ความตกลง ข้อตกลง อนุสัญญา กฎบัตร สนธิสัญญา แผนปฏิบัติการ แผนงาน
พิธีสาร บันทึกความเข้าใจ ฉันทามติ กรอบความตกลง แผน ปฏิบัติการ รายงาน รายงานการศึกษา declaration agreement
convention charter treaty plan action protocol memorandum understanding consensus blueprint framework
roadmap work programme program report""".split())


# Words of an instrument's name that say whose it is, not which: "สนธิสัญญา|อาเซียน" (an ASEAN
# treaty) names no particular treaty.
_NAME_WORDS = frozenset("""อาเซียน asean ว่าด้วย ภูมิภาค regional""".split())

# ... nor do the words of a document's kind beyond the legal heads (a statement, a framework,
# terms of reference, a strategy, a feasibility study), of who issues it (leaders, ASEAN's
# partners: "แถลงการณ์ร่วมอาเซียน-จีน", the ASEAN-China joint statement, names no subject; how many
# parties: a bilateral agreement) and of the verbs every outcome document opens with (promoting,
# strengthening cooperation on ..., assistance: "ความช่วยเหลือ" is legal aid in one, disaster relief
# in the next), of what a document
# does to its subject (combating, preventing, amending; a protocol "annexed to" an agreement): a
# meeting adopts ten documents at once, and their names say what each is about only in their
# other words ("ต่อต้าน|ขยะ" is marine debris, "ต่อต้าน|การก่อการร้าย" terrorism; "อาเซียน|ต่อต้าน" neither).
_DOCUMENT_WORDS = frozenset("""แถลงการณ์ แถลงการณ์ร่วม ถ้อยแถลง ถ้อยแถลงร่วม คำแถลง ร่วม ผู้นำ กรอบ ขอบเขต อำนาจหน้าที่ อำนาจ หน้าที่
ยุทธศาสตร์ นโยบาย แนวทาง แนวปฏิบัติ ข้อริเริ่ม เอกสาร ร่าง ความร่วมมือ ส่งเสริม การส่งเสริม เสริมสร้าง
การเสริมสร้าง ยกระดับ การยกระดับ พัฒนา การพัฒนา สนับสนุน การสนับสนุน บวกสาม
จีน ญี่ปุ่น เกาหลี สาธารณรัฐเกาหลี อินเดีย รัสเซีย สหพันธรัฐรัสเซีย สหรัฐฯ สหรัฐ สหรัฐอเมริกา ออสเตรเลีย
นิวซีแลนด์ แคนาดา สหภาพยุโรป สหราชอาณาจักร เอเชียตะวันออก
statement joint leader chairman term reference strategy strategic guideline initiative document
draft cooperation promote promoting strengthen strengthening enhance enhancing development
support plus three china chinese japan korea republic india russia russian federation united
state u.s usa america australia zealand canada european union kingdom east asia summit
คณะทำงาน คณะกรรมการ ระดับสูง working group committee task force high-level
ต่อต้าน ป้องกัน ปราบปราม ขจัด แนบท้าย ภาคผนวก แก้ไข อนุวัติ จัดตั้ง combat combating counter
countering prevent preventing prevention suppress suppressing suppression eliminate eliminating
elimination annex annexed amend amending amendment implement implementing establish establishing
ความเป็นไปได้ feasibility study ความช่วยเหลือ การช่วยเหลือ assistance ทวิภาคี พหุภาคี bilateral multilateral
establishment""".split())


def generic_name_word(w: str) -> bool:
    """True for a word of an instrument's name that does not say what it is about (its kind, its
    issuers, ASEAN's partners, a verb every such name opens with); "asean-japan" is two of them."""
    if w in _GENERIC_NAME_WORDS:
        return True
    return "-" in w and all(p in _GENERIC_NAME_WORDS for p in w.split("-") if p)


_GENERIC_NAME_WORDS = _INSTRUMENT_HEADS | _NAME_WORDS | _DOCUMENT_WORDS


# Legal instruments: an earlier event and a later plan that both name one ("สนธิสัญญา", "Treaty")
# are about the same standing commitment, so the date rule lets the event through.
_LEGAL_HEADS = frozenset("""สนธิสัญญา อนุสัญญา ปฏิญญา กฎบัตร ความตกลง พิธีสาร treaty convention
declaration charter agreement protocol""".split())


@lru_cache(maxsize=1)
def _thai_stop() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords
    return frozenset(thai_stopwords()) | _TH_EXTRA_STOP


@lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    """Thai word segmentation by newmm: nlpo3's (Rust, several times faster; the extra ``fast``)
    when it is installed, loaded with pythainlp's own newmm dictionary so that it cuts the same
    words (tests/test_perf_equivalence.py), else pythainlp's. ASEANDOCS_NLPO3=0 turns nlpo3 off."""
    from pythainlp.tokenize import word_tokenize
    plain = partial(word_tokenize, engine="newmm", keep_whitespace=False)
    if os.environ.get("ASEANDOCS_NLPO3", "1") == "0":
        return plain
    try:
        import nlpo3
    except ImportError:
        return plain
    from pythainlp.corpus.common import thai_words
    fd, path = tempfile.mkstemp(prefix="aseandocs-newmm-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(thai_words())))
        ok = nlpo3.load_dict(path, "aseandocs-newmm")
    except Exception:   # noqa: BLE001 - a broken nlpo3 install: newmm from pythainlp still works
        ok = False
    finally:
        os.unlink(path)
    if not (isinstance(ok, tuple) and ok[-1] is True or ok is True):
        return plain
    return partial(nlpo3.segment, dict_name="aseandocs-newmm")


def _segment(chunk: str) -> list[str]:
    """The newmm words of a run of Thai letters ("ความร่วมมือทางทะเล" -> ["ความร่วมมือ", "ทาง", "ทะเล"]),
    an instrument's head kept whole (``_whole_heads``)."""
    return _whole_heads(_segmenter()(chunk))


@lru_cache(maxsize=1)
def _thai_heads() -> tuple[frozenset[str], int]:
    heads = frozenset(h for h in _INSTRUMENT_HEADS | _LEGAL_HEADS if THAI.match(h))
    return heads, max(map(len, heads))


def _whole_heads(words: list[str]) -> list[str]:
    """``words`` with each instrument head one word, however newmm cut it: "ฉันทา|มติ" is
    "ฉันทามติ", "บันทึก|ความเข้าใจ" "บันทึกความเข้าใจ", and "แผน|งานการ|บูรณาการ" (newmm's equal
    choice of "งานการ", work) "แผนงาน|การ|บูรณาการ". Otherwise a head's pieces make a bigram of their
    own that is no generic word ("ฉันทา|มติ") or glue the head to the next word ("แผน|งานการ"), and
    two instruments sharing only their kind look alike::

        >>> _whole_heads(["แผน", "งานการ", "บูรณาการ"])
        ['แผนงาน', 'การ', 'บูรณาการ']
        >>> _whole_heads(["ฉันทา", "มติ", "อาเซียน"])
        ['ฉันทามติ', 'อาเซียน']
    """
    heads, longest = _thai_heads()
    if len(words) < 2:
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        # two or three pieces that make a head (the longest first)
        for n in (3, 2):
            if i + n <= len(words):
                joined = "".join(words[i:i + n])
                if len(joined) <= longest and joined in heads:
                    out.append(joined)
                    i += n
                    break
        else:
            # a head's end glued to the next word: "แผน" + "งาน|การ"
            nxt = words[i + 1] if i + 1 < len(words) else ""
            for k in range(1, len(nxt)):
                if w + nxt[:k] in heads and nxt[k:] in _BOUND_STARTS:
                    out += [w + nxt[:k], nxt[k:]]
                    i += 2
                    break
            else:
                out.append(w)
                i += 1
    return out


# What a noun phrase after a head starts with ("แผนงาน" + "การบูรณาการ", "ความตกลง" + "ว่าด้วย").
_BOUND_STARTS = frozenset("การ ความ ว่าด้วย ด้าน".split())


def _stem(w: str) -> str:
    """A light English stemmer: "meetings" -> "meeting", "activities" -> "activity"."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def tokenize(text: str) -> list[str]:
    """Content words of Thai/English text, in order: Thai by newmm, English lower-cased and stemmed.

    >>> tokenize("ความร่วมมือเพื่อต่อต้านอาชญากรรมข้ามชาติ")
    ['ความร่วมมือ', 'ต่อต้าน', 'อาชญากรรม', 'ข้ามชาติ']
    >>> tokenize("Maritime Security cooperation of ASEAN")
    ['maritime', 'security', 'cooperation', 'asean']
    """
    stop = _thai_stop()
    out: list[str] = []
    for chunk in WORD.findall(text):
        if THAI.match(chunk):
            for w in _segment(chunk):
                if len(w) > 1 and w not in stop and THAI.match(w):
                    out.append(w)
        else:
            w = chunk.lower()
            if len(w) > 2 and w not in _EN_STOP:
                out.append(_stem(w))
    return out


def _terms(words: Sequence[str]) -> list[str]:
    """Words and their adjacent bigrams ("อาชญากรรม|ข้ามชาติ")."""
    return list(words) + [f"{a}|{b}" for a, b in zip(words, words[1:])]


# A space between Thai words ends a phrase: Thai writes its words together and separates clauses
# and the items of a list with a space ("องค์การรัฐสภาอาเซียน สมัชชาประชาชนของอาเซียน"). Not the
# space written after "ๆ" (the repetition mark) by convention: "ประเด็นต่างๆ ภายใต้แผนงาน".
_THAI_SPACE = re.compile(r"(?<=[\u0e01-\u0e45\u0e47-\u0e4e])\s+(?=[\u0e01-\u0e4e])")


def phrase_terms(text: str) -> list[str]:
    """``_terms`` of ``text`` with its bigrams inside its phrases: no bigram across a space between
    Thai words (the last word of one list item and the first of the next are no phrase)::

        >>> phrase_terms("รัฐสภาอาเซียน สมัชชาประชาชน")
        ['รัฐสภา', 'อาเซียน', 'สมัชชา', 'ประชาชน', 'รัฐสภา|อาเซียน', 'สมัชชา|ประชาชน']
        >>> phrase_terms("maritime security")
        ['maritime', 'security', 'maritime|security']
    """
    each = [tokenize(p) for p in _THAI_SPACE.split(text)]
    return [w for ws in each for w in ws] + [f"{a}|{b}" for ws in each for a, b in zip(ws, ws[1:])]
