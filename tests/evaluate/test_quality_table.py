"""benchmarks/bench_quality.py: the README's quality table made from evaluate's metrics."""
from __future__ import annotations

import importlib.util

from conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "benchmarks" / "bench_quality.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


METRICS = {"measures_f1": 0.9, "titles_acc": 1.0, "activity_count_acc": 0.5, "activity_text_r": None,
           "bodies_f1": 0.981, "doc_date_acc": 1.0, "event_dates_p": 1.0, "event_dates_r": 0.75,
           "links_r_at3": 0.5, "links_per_event": 1.739}


def test_table_rows():
    rows = _bench().table(METRICS).splitlines()
    assert rows[2] == "| measures_f1 | 0.900 | | bodies_f1 | 0.981 |"
    assert rows[4] == "| activity_count_acc | 0.500 | | event_dates_p / r | 1.000 / 0.750 |"
    assert rows[5] == "| activity_text_r | n/a | | links_r_at3 | 0.500 (1.74 links per event) |"


def test_only_the_marked_table_is_replaced():
    b = _bench()
    text = f"intro\n{b.START}\n| old |\n{b.END}\n\nafter\n"
    assert b.replace_table(text, "| new |") == f"intro\n{b.START}\n| new |\n{b.END}\n\nafter\n"


def test_the_readme_has_the_markers():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    b = _bench()
    assert text.count(b.START) == 1 and text.count(b.END) == 1
