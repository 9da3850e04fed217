"""Body ids are case-insensitive and compared on their letters and digits (BodyRegistry.get)."""
from __future__ import annotations

import pytest

from aseandocs.bodies import BodyRegistry

ENTRIES = [
    {"id": "AICHR", "en": ["ASEAN Intergovernmental Commission on Human Rights"], "th": ["คณะกรรมาธิการ"],
     "type": "commission", "pillar": "APSC"},
    {"id": "AHA-CENTRE", "en": ["AHA Centre"], "th": ["ศูนย์ประสานงาน"], "type": "centre", "pillar": "ASCC"},
]


@pytest.mark.parametrize("given, found", [
    ("AICHR", "AICHR"), ("aichr", "AICHR"), ("Aichr", "AICHR"), ("AHA-CENTRE", "AHA-CENTRE"),
    ("aha centre", "AHA-CENTRE"), ("AHA_Centre", "AHA-CENTRE"), ("AICHRX", None), ("", None),
])
def test_get_any_case(given, found):
    reg = BodyRegistry.from_entries(ENTRIES)
    body = reg.get(given)
    assert (body.id if body else None) == found


def test_the_shipped_registry():
    assert BodyRegistry.load().get("somtc").id == "SOMTC"
