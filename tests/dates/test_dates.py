"""Tests for aseandocs.dates: the forms table, negatives, spans, the data file, the shared corpus,
linear-time matching and a property test."""
from __future__ import annotations

import json
import re
import time
from datetime import date
from importlib import resources

import pytest
import yaml
from conftest import gold_for, shared_docs
from hypothesis import given, settings
from hypothesis import strategies as st

from aseandocs.dates import DateMatch, find_dates, parse_date
from aseandocs.thai import normalize

# (text, value, precision, end) of the first date in ``text``; value None: no date at all.
FORMS = [
    # Thai day month year, full month names, Buddhist era with and without พ.ศ.
    ("5 มีนาคม 2562", "2019-03-05", "day", None),
    ("๕ มีนาคม พ.ศ. ๒๕๖๒", "2019-03-05", "day", None),
    ("ลงนามเมื่อวันที่ 17 พฤศจิกายน 2548 ณ ฮานอย", "2005-11-17", "day", None),
    ("ก่อตั้งขึ้น 9 สิงหาคม 2511", "1968-08-09", "day", None),
    ("(เข้าร่วมวันที่ 2 มกราคม 2529)", "1986-01-02", "day", None),
    ("ภายใน 29 เมษายน 2544", "2001-04-29", "day", None),
    ("เปิดตัว 3 ตุลาคม 2546", "2003-10-03", "day", None),
    ("ตั้งแต่ 7 พฤษภาคม 2547", "2004-05-07", "day", None),
    ("วันที่ 10 กรกฎาคม 2561", "2018-07-10", "day", None),
    ("วันที่ 10 กรกฏาคม 2561", "2018-07-10", "day", None),
    ("5มีนาคม2562", "2019-03-05", "day", None),
    ("วันที่ 5 เดือนมีนาคม พุทธศักราช 2562", "2019-03-05", "day", None),
    ("5 มีนาคม ปี 2562", "2019-03-05", "day", None),
    # Thai abbreviated months, two-digit Buddhist years, missing dots, spaces
    ("1 ม.ค. 62", "2019-01-01", "day", None),
    ("1 ม.ค 62", "2019-01-01", "day", None),
    ("1 มค 62", "2019-01-01", "day", None),
    ("15 ก.พ. 2563", "2020-02-15", "day", None),
    ("3 เม.ย.61", "2018-04-03", "day", None),
    ("31 ธ.ค. 2561", "2018-12-31", "day", None),
    ("9 มิ. ย. 2560", "2017-06-09", "day", None),
    ("ธ.ค. 62", "2019-12", "month", None),
    # Common era in Thai text
    ("24 ตุลาคม ค.ศ. 2018", "2018-10-24", "day", None),
    ("19 กันยายน คริสต์ศักราช 2016", "2016-09-19", "day", None),
    # day ranges
    ("6-8 กันยายน ค.ศ. 2016", "2016-09-06", "day", "2016-09-08"),
    ("จัดขึ้น 20-21 พฤศจิกายน 2546", "2003-11-20", "day", "2003-11-21"),
    ("ประชุม 2 – 3 ตุลาคม ค.ศ. 2015", "2015-10-02", "day", "2015-10-03"),
    ("13-14 November 2017", "2017-11-13", "day", "2017-11-14"),
    ("13 – 14 November 2017", "2017-11-13", "day", "2017-11-14"),
    ("วันที่ 1 ถึง 3 มีนาคม 2562", "2019-03-01", "day", "2019-03-03"),
    # cross-month and cross-year ranges
    ("30 November - 2 December 2017", "2017-11-30", "day", "2017-12-02"),
    ("30 พฤศจิกายน - 2 ธันวาคม 2560", "2017-11-30", "day", "2017-12-02"),
    ("30 Dec 2017 - 2 Jan 2018", "2017-12-30", "day", "2018-01-02"),
    ("November 30 - December 2, 2017", "2017-11-30", "day", "2017-12-02"),
    # English forms
    ("06 Mar 2019", "2019-03-06", "day", None),
    ("News 06 Mar 2019", "2019-03-06", "day", None),
    ("June 20, 2019", "2019-06-20", "day", None),
    ("20 June 2019", "2019-06-20", "day", None),
    ("Jun. 20, 2019", "2019-06-20", "day", None),
    ("Sept 9, 2016", "2016-09-09", "day", None),
    ("the 5th of March, 2019", "2019-03-05", "day", None),
    ("JUNE 20, 2019", "2019-06-20", "day", None),
    ("June 20-22, 2019", "2019-06-20", "day", "2019-06-22"),
    ("5 March B.E. 2562", "2019-03-05", "day", None),
    ("2019-06-20", "2019-06-20", "day", None),
    ("20/06/2562", "2019-06-20", "day", None),
    ("06/20/2019", "2019-06-20", "day", None),
    ("March 2019", "2019-03", "month", None),
    ("in 2019", "2019", "year", None),
    ("Since 2016, the centre has", "2016", "year", None),
    ("targets to be met by 2030.", "2030", "year", None),
    # mixed: Thai month, English order, Common-Era year
    ("มิถุนายน 20, 2019", "2019-06-20", "day", None),
    # day of week before the date
    ("วันอังคารที่ 5 มีนาคม 2562", "2019-03-05", "day", None),
    ("Tuesday, 5 March 2019", "2019-03-05", "day", None),
    # month-year
    ("เดือนธันวาคม 2551", "2008-12", "month", None),
    ("ธันวาคม 2551", "2008-12", "month", None),
    ("เริ่มใช้เมื่อเดือนมกราคม พ.ศ. 2552", "2009-01", "month", None),
    # invalid day: falls back to the month
    ("31 กุมภาพันธ์ 2562", "2019-02", "month", None),
    ("30 February 2019", "2019-02", "month", None),
    # a count, not a day, before the month (regression: "ครั้งที่ 5 เดือนธันวาคม 2538" was read as
    # 5 December 1995; the news stage had to cut it back to the month itself)
    ("การประชุมครั้งที่ 7 เดือนมิถุนายน 2541", "1998-06", "month", None),
    ("ครั้งที่ 5 เดือนธันวาคม 2538", "1995-12", "month", None),
    ("การประชุมสุดยอดอาเซียน ครั้งที่5 ธันวาคม 2538", "1995-12", "month", None),
    ("ครั้งที่ ๕ เดือนธันวาคม ๒๕๓๘", "1995-12", "month", None),
    ("ฉบับที่ 3 มีนาคม 2562", "2019-03", "month", None),
    # ... but a day after the count still is one
    ("ครั้งที่ 5 เมื่อวันที่ 14 ธันวาคม 2538", "1995-12-14", "day", None),
    # English ordinal days and legal signing forms (regression: "this 29th day of November 2004"
    # gave only 2004-11 and the news stage patched the day back in)
    ("this 29th day of November 2004", "2004-11-29", "day", None),
    ("DONE at Vientiane, this 29th day of November in the year 2004.", "2004-11-29", "day", None),
    ("the 8th day of August, in the year of 1967", "1967-08-08", "day", None),
    ("the 22nd Day of November 2015", "2015-11-22", "day", None),
    ("29th November 2004", "2004-11-29", "day", None),
    ("November 29th, 2004", "2004-11-29", "day", None),
    ("the 1st of March 2009", "2009-03-01", "day", None),
    ("on the 3rd of June, 2011", "2011-06-03", "day", None),
    ("November in the year 2004", "2004-11", "month", None),
    ("5 days of March 2019", "2019-03", "month", None),        # "days of" is no day
    # year alone, after a cue
    ("ในปี 2550", "2007", "year", None),
    ("เมื่อปี 2519", "1976", "year", None),
    ("พ.ศ. 2540", "1997", "year", None),
    ("ปี ค.ศ. 1967", "1967", "year", None),
    ("ค.ศ. 2025", "2025", "year", None),
    ("ภายในปี 2030", "2030", "year", None),
    ("ปีพ.ศ.2535", "1992", "year", None),
    ("ปีงบประมาณ 2563", "2020", "year", None),
    # year ranges (periods)
    ("ปี 2559-2563", "2016", "year", "2020"),
    ("พ.ศ. 2553 - 2558", "2010", "year", "2015"),
    ("2016-2020", "2016", "year", "2020"),
    ("Blueprint 2016–2025", "2016", "year", "2025"),
    ("ปี ค.ศ. 2016-2025", "2016", "year", "2025"),
    ("ปี 2562-63", "2019", "year", "2020"),
    # not dates
    ("11 สาขา", None, None, None),
    ("ข้อ 1.2.5 ดำเนินการ", None, None, None),
    ("อัตรา 2.5 เท่า", None, None, None),
    ("ร้อยละ 25.5%", None, None, None),
    ("2,000 คน", None, None, None),
    ("ผู้เข้าร่วม 2000 คน", None, None, None),
    ("ครั้งที่ 11", None, None, None),
    ("โทร 02-123-4567", None, None, None),
    ("เวลา 10.30 น.", None, None, None),
    ("at 10:30 a.m.", None, None, None),
    ("5 มีนาคม", None, None, None),
    ("ปีละ 2000 ครั้ง", None, None, None),
    ("in 20 days", None, None, None),
    ("มีนาคม 25 คน", None, None, None),
    ("สำนักงาน ก.ค.ศ. 2562", None, None, None),
    ("5 พยาบาล 2562", None, None, None),
    ("1234-5678", None, None, None),
    ("2020-2016", None, None, None),
    ("ISBN 978-616-2019-05-1", None, None, None),
    ("", None, None, None),
]


@pytest.mark.parametrize("text, value, precision, end", FORMS)
def test_first_date(text: str, value: str | None, precision: str | None, end: str | None) -> None:
    d = parse_date(text)
    if value is None:
        assert d is None, f"{text!r} gave {d}"
        return
    assert d is not None, f"no date in {text!r}"
    assert (d.value, d.precision, d.end) == (value, precision, end)
    assert text[d.span[0]:d.span[1]] == d.text


def test_forms_table_is_large() -> None:
    assert len(FORMS) >= 60


# (text, matched text, is_period): what the span covers and whether it is a period.
SPANS = [
    ("เมื่อวันที่ 4 มีนาคม 2563 ณ กรุงเทพฯ", "4 มีนาคม 2563", False),
    ("วันอังคารที่ 5 มีนาคม 2562", "5 มีนาคม 2562", False),
    ("ในปี 2550", "ปี 2550", False),
    ("since 2019 the", "2019", False),
    ("แผนปฏิบัติการ ปี 2559-2563 โดย", "ปี 2559-2563", True),
    ("Work Plan 2016-2020)", "2016-2020", True),
    ("ประชุมวันที่ 3-5 สิงหาคม ค.ศ. 2015 ที่", "3-5 สิงหาคม ค.ศ. 2015", False),
    ("ใช้ตั้งแต่เดือนตุลาคม 2552 โดย", "เดือนตุลาคม 2552", False),
    ("๕ มีนาคม พ.ศ. ๒๕๖๒", "๕ มีนาคม พ.ศ. ๒๕๖๒", False),
]


@pytest.mark.parametrize("text, matched, is_period", SPANS)
def test_span_and_period(text: str, matched: str, is_period: bool) -> None:
    (d,) = find_dates(text)
    assert d.text == matched
    assert text[d.span[0]:d.span[1]] == matched
    assert d.is_period is is_period


# (text, values in order): several dates, the longest match winning over its parts.
SEVERAL = [
    ("ประชุมเมื่อ 1 ม.ค. 62 และ 3 ก.พ. 62", ["2019-01-01", "2019-02-03"]),
    ("ในปี 2553 และใช้ในช่วงปี 2553 - 2558", ["2010", "2010"]),
    ("June 20, 2019; adopted in 2016 for 2016-2020", ["2019-06-20", "2016", "2016"]),
    ("ข่าว 09 Apr 2020 ประชุมวันที่ 8 เมษายน พ.ศ. 2563", ["2020-04-09", "2020-04-08"]),
    ("1-2 กรกฎาคม ค.ศ. 2014", ["2014-07-01"]),
    ("30 November - 2 December 2017", ["2017-11-30"]),
]


@pytest.mark.parametrize("text, values", SEVERAL)
def test_several_dates_in_order(text: str, values: list[str]) -> None:
    found = find_dates(text)
    assert [d.value for d in found] == values
    assert [d.span for d in found] == sorted(d.span for d in found)


# --- relative days, resolved against a reference day -------------------------------------------

@pytest.mark.parametrize("text, reference, expected", [
    ("The ASEAN Charter entered into force today.", "2008-12-15", [("today", "2008-12-15")]),
    ("Today, the ministers signed the MOU.", "2008-12-15", [("Today", "2008-12-15")]),
    ("The ministers met yesterday in Bangkok.", "2019-03-01", [("yesterday", "2019-02-28")]),
    ("They met the day before yesterday.", "2020-03-01", [("day before yesterday", "2020-02-28")]),
    ("The summit opens tomorrow.", "2019-12-31", [("tomorrow", "2020-01-01")]),
    ("ที่ประชุมได้ให้การรับรองปฏิญญาในวันนี้", "2019-03-06", [("วันนี้", "2019-03-06")]),
    ("ผู้แทนอาเซียนได้ลงนามเมื่อวานนี้", "2019-03-06", [("เมื่อวานนี้", "2019-03-05")]),
    ("ผู้แทนอาเซียนได้หารือกันเมื่อวาน", "2019-03-01", [("เมื่อวาน", "2019-02-28")]),
    ("รัฐมนตรีจะเดินทางถึงพรุ่งนี้", "2019-03-06", [("พรุ่งนี้", "2019-03-07")]),
    # a relative day next to a written date: both, in order
    ("Jakarta, 15 December 2008 – the Charter entered into force today", "2008-12-15",
     [("15 December 2008", "2008-12-15"), ("today", "2008-12-15")]),
    # not a day: "nowadays", "until today", inside a word
    ("ทุกวันนี้อาเซียนมีสมาชิก 10 ประเทศ", "2019-03-06", []),
    ("จนถึงวันนี้ยังไม่มีการลงนาม", "2019-03-06", []),
    ("นับถึงวันนี้มีภาคี 9 ประเทศ", "2019-03-06", []),
    ("The treaty has not been signed until today.", "2019-03-06", []),
    ("Up to today no state has acceded.", "2019-03-06", []),
    ("todays and yesterdays", "2019-03-06", []),
    # no reference, or one coarser than a day: relative words stay unresolved
    ("The Charter entered into force today.", None, []),
    ("The Charter entered into force today.", "2008-12", []),
    ("The Charter entered into force today.", "2008", []),
])
def test_relative_days(text: str, reference: str | None, expected: list[tuple[str, str]]) -> None:
    found = find_dates(text, reference=reference)
    assert [(d.text, d.value) for d in found] == expected
    assert all(d.precision == "day" and text[d.span[0]:d.span[1]] == d.text for d in found)


@pytest.mark.parametrize("reference", ["15/12/2008", "2008-13-01", "2008-02-30", "today", 20081215])
def test_bad_reference_is_refused(reference) -> None:
    with pytest.raises(ValueError, match="reference"):
        find_dates("entered into force today", reference=reference)


def test_relative_days_data() -> None:
    data = _months_yaml()
    offsets = {w: o for lang in data["relative_days"].values() for w, o in lang.items()}
    assert offsets["today"] == offsets["วันนี้"] == 0
    assert offsets["yesterday"] == offsets["เมื่อวานนี้"] == -1
    assert all(isinstance(o, int) and -7 <= o <= 7 for o in offsets.values())


def test_thai_digits_keep_spans() -> None:
    thai = "ประชุมวันที่ ๑๔-๑๖ กันยายน ๒๕๔๕"
    ascii_ = "ประชุมวันที่ 14-16 กันยายน 2545"
    a, b = find_dates(thai), find_dates(ascii_)
    assert [(d.span, d.value, d.end) for d in a] == [(d.span, d.value, d.end) for d in b]
    assert a[0].text == "๑๔-๑๖ กันยายน ๒๕๔๕"


def test_date_match_is_frozen() -> None:
    d = parse_date("5 มีนาคม 2562")
    assert isinstance(d, DateMatch)
    with pytest.raises(AttributeError):
        d.value = "x"  # type: ignore[misc]


def test_find_dates_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="expects a str"):
        find_dates(b"5 March 2019")  # type: ignore[arg-type]


# --- the data file ---------------------------------------------------------------------------

def _months_yaml() -> dict:
    text = resources.files("aseandocs").joinpath("data/months.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def test_months_data_integrity() -> None:
    data = _months_yaml()
    assert sorted(data["months"]) == list(range(1, 13))
    seen: dict[str, int] = {}
    for number, names in data["months"].items():
        assert names["th"] and names["th_abbr"] and names["en"], f"month {number} lacks a name kind"
        for kind in ("th", "th_abbr", "en", "en_abbr"):
            for name in names.get(kind) or ():
                key = re.sub(r"[.\s]", "", name).lower()
                assert seen.setdefault(key, number) == number, f"{name!r} used by two months"
    assert set(data["eras"]) == {"be", "ce"}


@pytest.mark.parametrize("number", range(1, 13))
def test_every_month_name_is_found(number: int) -> None:
    names = _months_yaml()["months"][number]
    for name in names["th"] + names["th_abbr"]:
        d = parse_date(f"วันที่ 2 {name} 2562")
        assert d is not None and d.value == f"2019-{number:02d}-02", name
    for name in names["en"] + (names.get("en_abbr") or []):
        d = parse_date(f"on 2 {name} 2019")
        assert d is not None and d.value == f"2019-{number:02d}-02", name


# --- the shared corpus -------------------------------------------------------------------------

def _gold_dates(path) -> set[str]:
    gold = gold_for(path)
    wanted = set(gold.get("event_dates") or [])
    if gold.get("date"):
        wanted.add(gold["date"])
    return wanted


@pytest.mark.shared
@pytest.mark.parametrize("path", shared_docs(), ids=lambda p: p.stem)
def test_shared_gold_dates_are_found(path) -> None:
    text = normalize(path.read_text(encoding="utf-8")).text
    found = {d.value for d in find_dates(text)}
    missing = sorted(_gold_dates(path) - found)
    assert not missing, f"{path.name}: gold dates not found: {missing}"


def test_shared_corpus_present() -> None:
    if not shared_docs():
        pytest.skip("../shared/corpus is absent: the gold-date test above has no documents")
    assert all(p.suffix == ".txt" for p in shared_docs())


# --- linear time ---------------------------------------------------------------------------------

_FRAGMENTS = ["1", "12", "2562", "-", ".", "..", "ม.ค", "ม.", "ค.", "มีนาคม", "พ.ศ.", "ค.ศ", " ",
              "ปี", "31", "-2", "Mar", "March ", "2019,", "–", "/", "เดือน", "๒๕", "Jun.",
              "ครั้งที่"]


def _adversarial(n: int) -> str:
    out: list[str] = []
    size, i = 0, 0
    while size < n:
        frag = _FRAGMENTS[(i * 7 + i // 3) % len(_FRAGMENTS)]
        out.append(frag)
        size += len(frag)
        i += 1
    return "".join(out)[:n]


def _best_time(text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        find_dates(text)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("make", [
    _adversarial,
    lambda n: ("1-" * n)[:n],
    lambda n: ("ม.ค." * n)[:n],
    lambda n: ("5 มีนาคม " * n)[:n],
    lambda n: ("ปี 2562-" * n)[:n],
], ids=["mixed", "digit-dash", "abbr", "day-month", "year-range"])
def test_matching_is_linear(make) -> None:
    small, large = make(10_000), make(100_000)
    t_small, t_large = _best_time(small), _best_time(large, repeats=1)
    assert t_large < 5.0, f"100k characters took {t_large:.2f}s"
    assert t_large / max(t_small, 1e-4) < 30, (t_small, t_large)


# --- properties -----------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("0123456789๐๑๒๕.,-–/: \nปีพศคมยธกเดือนวันที่") +
                            ["มีนาคม", "ม.ค.", "ธ.ค", "พ.ศ.", "ค.ศ.", "March", "Jun.", "in ",
                             "2562", "2019", "เดือน", "ครั้งที่", "day of ", "today", "วันนี้",
                             "เมื่อวานนี้", "ทุก", "th "])


def _valid_iso(value: str, precision: str) -> bool:
    if precision == "day":
        return date.fromisoformat(value).isoformat() == value
    if precision == "month":
        return re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value) is not None
    return re.fullmatch(r"\d{4}", value) is not None


@pytest.mark.parametrize("reference", [None, "2019-03-06"])
@settings(max_examples=300, deadline=None)
@given(text=st.lists(_ALPHABET, max_size=40).map("".join) | st.text(max_size=200))
def test_find_dates_properties(text: str, reference: str | None) -> None:
    found = find_dates(text, reference=reference)
    last_end = 0
    for d in found:
        s, e = d.span
        assert 0 <= s < e <= len(text)
        assert s >= last_end, "overlapping or unsorted"
        last_end = e
        assert text[s:e] == d.text
        assert d.precision in ("day", "month", "year")
        assert _valid_iso(d.value, d.precision)
        if d.end is not None:
            assert _valid_iso(d.end, d.precision) and d.end > d.value
        assert not d.is_period or d.precision == "year"
    if found and reference is None:
        assert parse_date(text) == found[0]


def test_gold_json_shape() -> None:
    """The corpus test reads ``date`` and ``event_dates``; fail loudly if the gold format moves."""
    if not shared_docs():
        pytest.skip("../shared is absent")
    gold = gold_for(shared_docs()[0])
    assert "event_dates" in gold and "date" in gold, json.dumps(sorted(gold))


# --- issue 8: relative words found with literal-first branches ------------------------------

@pytest.mark.parametrize("text", [
    "today Today TODAY tOdAy todays atoday yesterday the day before yesterday Day  before\tyesterday",
    "วันนี้ เมื่อวานนี้ ทุกวันนี้ พรุ่งนี้ วานนี้ เมื่อวานซืน xTODAY ToDay1 today_ ſ K İ ı",
    "DAY BEFORE YESTERDAY yesterday! ประชุมเมื่อวานนี้ (today)", ""])
def test_relative_regex_is_the_plain_alternation(text):
    from aseandocs.dates.data import plain_relative as _plain_relative
    from aseandocs.dates.scan import RELATIVE_RE
    assert [(m.span(), m.group()) for m in RELATIVE_RE.finditer(text)] == \
           [(m.span(), m.group()) for m in _plain_relative().finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["today", "Today", "TODAY", "yesterday", "day", " ", "\t", "a",
                                 "before", "วันนี้", "เมื่อวาน", "นี้", "ซืน", "ſ", "K", "1"]),
                max_size=30).map("".join))
def test_relative_regex_property(text):
    from aseandocs.dates.data import plain_relative as _plain_relative
    from aseandocs.dates.scan import RELATIVE_RE
    assert [(m.span(), m.group()) for m in RELATIVE_RE.finditer(text)] == \
           [(m.span(), m.group()) for m in _plain_relative().finditer(text)]


# --- issue 8, round 2: digit-first patterns, windows near year digits, header lines from the scan

def _fast_texts() -> list[str]:
    from conftest import OWN_CORPUS

    from aseandocs.pipeline import normalize_document
    from aseandocs.readers import read
    paths = sorted(p for p in OWN_CORPUS.iterdir() if p.suffix in (".txt", ".html")) + shared_docs()
    return [normalize_document(read(p)).text for p in paths] + [f for f, *_ in FORMS] + FAST_EDGES


# Written for these tests: each aims at an edge of the digit-first rewrite or of the windows.
FAST_EDGES = [
    "ครั้งที่ 7 เดือนมิถุนายน 2541 ครั้งที่7 มิถุนายน 2541 ฉบับที่ 3 มีนาคม 2562 No. 5 March 2019",
    "1.5 มีนาคม 2562 a5 March 2019 :10 March 2019 /3 June 2019 ,4 May 2019 45 March 2019 5 March 2019",
    "0-2559-2563 1.2016-2020 2016-2020 2016 – 2025 2020-2016 12019-06-20 2019-06-20-1 2019-06-20",
    "02-123-4567 20/06/2019 5/3/2562 1/2562 06/20/2019 :5/3/2019 -5/3/2019",
    "5 มีนาคม\n2562 June 20,\n2019 มีนาคม\n2562 in\n2019 ปี\n2550",
    "March 2019 MAR 2019 ธ.ค. 62 มีนาคม 25 คน June 20-22, 2019 November 30 - December 2, 2017",
    "ปี 2559-2563 พ.ศ. 2553 - 2558 in 2019 in 20 days ปีละ 2000 ค.ศ. 2025 ก.ค.ศ. 2560",
    "2019" + " " * 200 + "March 2019" + "x" * 70 + "99 May 2020", "", "7", "12",
]


@pytest.fixture(scope="module")
def fast_texts() -> list[str]:
    return _fast_texts()


def _plain_digit_led() -> list[tuple[str, str]]:
    return [("_DMY_FAST", "DMY_RE"), ("_CROSS_FAST", "CROSS_RE"), ("_YEAR_RANGE_FAST", "YEAR_RANGE_RE"),
            ("_ISO_FAST", "ISO_RE"), ("_NUMERIC_FAST", "NUMERIC_RE")]


@pytest.mark.parametrize("fast, plain", _plain_digit_led())
def test_digit_first_patterns_are_the_plain_ones(fast_texts, fast, plain):
    from aseandocs.dates import scan as dates
    from aseandocs.thai import thai_digits_to_ascii
    f, p = getattr(dates, fast), getattr(dates, plain)
    for t in fast_texts:
        t = thai_digits_to_ascii(t)
        assert [m.groupdict() | {"": m.span()} for m in f.finditer(t)] == \
               [m.groupdict() | {"": m.span()} for m in p.finditer(t)]


_DATE_BITS = ["5", "20", "2019", "2562", "62", "-", "/", " ", "  ", "\n", ",", ".", "March", "มีนาคม",
              "ม.ค.", "ครั้งที่", "ปี", "พ.ศ.", "in", "the", "year", "of", "th", "a", "x", "%", "–"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS), max_size=25).map("".join))
def test_digit_first_patterns_property(text):
    from aseandocs.dates import scan as dates
    for fast, plain in _plain_digit_led():
        f, p = getattr(dates, fast), getattr(dates, plain)
        assert [m.groupdict() | {"": m.span()} for m in f.finditer(text)] == \
               [m.groupdict() | {"": m.span()} for m in p.finditer(text)]


def _near(pattern, text: str, width: int) -> list:
    from aseandocs._fastre import near_finditer
    from aseandocs.dates.scan import _YEAR_DIGITS
    anchors = [m.end() - 1 for m in _YEAR_DIGITS.finditer(text)]
    return [m.groupdict() | {"": m.span()} for m in near_finditer(pattern, text, anchors, width)]


@pytest.mark.parametrize("name", ["MDY_RE", "MY_RE", "YEAR_RE"])
def test_windows_near_year_digits_are_finditer(fast_texts, name):
    from aseandocs._fastre import max_width
    from aseandocs.dates import scan as dates
    from aseandocs.thai import thai_digits_to_ascii
    p = getattr(dates, name)
    width = max_width(p)
    assert width is not None and (p, width) in {(q, w) for q, _, w in dates._MATCHERS}
    for t in fast_texts:
        t = thai_digits_to_ascii(t)
        assert _near(p, t, width) == [m.groupdict() | {"": m.span()} for m in p.finditer(t)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS), max_size=40).map("".join))
def test_windows_near_year_digits_property(text):
    from aseandocs.dates import scan as dates
    for p, _, width in dates._MATCHERS:
        if width is not None:
            assert _near(p, text, width) == [m.groupdict() | {"": m.span()} for m in p.finditer(text)]


def test_look_aheads_reach_within_the_window_margin():
    """near_finditer cuts a search LOOK_AHEAD characters past the widest match: no look-ahead of
    the windowed patterns reads further."""
    from re import _parser

    from aseandocs._fastre import LOOK_AHEAD
    from aseandocs.dates import scan as dates

    def reach(items) -> int:
        most = 0
        for op, av in items:
            if op is _parser.ASSERT or op is _parser.ASSERT_NOT:
                if av[0] == 1:                      # a look-ahead
                    most = max(most, av[1].getwidth()[1])
                most = max(most, reach(av[1].data))
            elif op is _parser.SUBPATTERN:
                most = max(most, reach(av[3].data))
            elif op is _parser.BRANCH:
                most = max([most] + [reach(b.data) for b in av[1]])
            elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT):
                most = max(most, reach(av[2].data))
        return most
    for p, _, width in dates._MATCHERS:
        if width is not None:
            assert reach(_parser.parse(p.pattern, p.flags).data) <= LOOK_AHEAD


def test_header_lines_dated_from_the_scan_as_alone(fast_texts):
    """_Header with the scan of the whole text dates each header line as find_dates(line) does."""
    from aseandocs.news import document as news
    from aseandocs.news.header import _Header
    for t in fast_texts + ["\n".join(FAST_EDGES)]:
        h = _Header(t, news._scan(t))
        for i, (_, line) in enumerate(h.lines):
            assert list(h.dates(i)) == find_dates(line)
        for start in range(0, min(len(t), 3000), 97):       # lines starting anywhere
            tail = t[start:]
            h = _Header(tail, news._scan(tail))
            for i, (_, line) in enumerate(h.lines):
                assert list(h.dates(i)) == find_dates(line)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS + ["\n", "\n\n", "ข่าว", "Jakarta, "]), max_size=40)
       .map("".join))
def test_header_lines_from_the_scan_property(text):
    from aseandocs.news import document as news
    from aseandocs.news.header import _Header
    h = _Header(text, news._scan(text))
    for i, (_, line) in enumerate(h.lines):
        assert list(h.dates(i)) == find_dates(line)


def test_events_with_the_scan_are_find_dates(fast_texts):
    """The dates _extract_events takes from the scan (with relative days) are find_dates'."""
    from aseandocs.dates import scan as dates
    from aseandocs.news import document as news
    for t in fast_texts:
        cands, _ = news._scan(t)
        for ref in (None, "2019-03-06"):
            rel = dates.relative_candidates(t, dates.reference_day(ref)) if ref else []
            assert dates.resolve_matches(t, cands + rel) == find_dates(t, reference=ref)
