"""The one loader of the data files shipped in ``aseandocs/data/`` (body registry and lexicon,
glossary, event and plan cue words, month names, PUA glyphs, plan table roles).

``load_data(name)`` reads and parses a shipped YAML file once per process (like pythainlp's
``get_corpus``); ``data_text(name)`` gives its text; ``load(text)`` parses YAML from elsewhere (a
user's registry). PyYAML's libyaml loader is used when PyYAML was built with it: the registry
loads in 0.02 s instead of 0.12 s, which every build worker and every command pays once. The
result is the same as ``yaml.safe_load``'s (tests/test_perf_equivalence.py)::

    >>> load("- id: SOMTC\\n  th: [การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ]")
    [{'id': 'SOMTC', 'th': ['การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ']}]
    >>> load("en: ASEAN Regional Forum")
    {'en': 'ASEAN Regional Forum'}
    >>> load_data("months.yaml")["months"][3]["en"]
    ['March']
    >>> load_data("no-such-file.yaml")
    Traceback (most recent call last):
    ...
    aseandocs.errors.AseandocsError: aseandocs/data/no-such-file.yaml: cannot read it (...); reinstall aseandocs

The parsed data is shared by every caller: treat it as read-only.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .errors import AseandocsError

__all__ = ["load", "load_data", "data_text", "DATA_FILES"]

#: libyaml's safe loader, else PyYAML's pure-Python one (same results, slower).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The shipped data files, by name.
DATA_FILES = ("bodies.yaml", "bodies_lexicon.yaml", "event_cues.yaml", "glossary.yaml", "months.yaml",
              "plan_headings.yaml", "plan_roles.yaml", "plan_tables.yaml", "thai_pua.yaml")


def load(text: str) -> Any:
    """``yaml.safe_load(text)``, with the C loader when there is one."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, never the full one


def data_text(name: str, *, error: type[AseandocsError] = AseandocsError) -> str:
    """The text of the shipped data file ``name`` ("months.yaml"); ``error`` (an AseandocsError
    class) names the file when it cannot be read."""
    try:
        return resources.files("aseandocs").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as e:
        raise error(f"aseandocs/data/{name}: cannot read it ({e.strerror or e}); "
                    "reinstall aseandocs") from e


@lru_cache(maxsize=None)
def load_data(name: str, *, error: type[AseandocsError] = AseandocsError) -> Any:
    """The shipped YAML file ``name``, parsed once per process. Raises ``error`` naming the file
    when it is missing or not valid YAML."""
    text = data_text(name, error=error)
    try:
        return load(text)
    except yaml.YAMLError as e:
        raise error(f"aseandocs/data/{name}: not valid YAML ({e}); reinstall aseandocs or fix "
                    "the file") from e
