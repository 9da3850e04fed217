"""The examples in the modules' docstrings run and give what they show."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["aseandocs.model", "aseandocs.thai", "aseandocs.dates", "aseandocs.plans",
           "aseandocs.linking", "aseandocs.pipeline", "aseandocs.news", "aseandocs.readers",
           "aseandocs.bodies.registry", "aseandocs.bodies.matcher", "aseandocs._yaml",
           "aseandocs._doc_record", "aseandocs._graph_build", "aseandocs.explorer._select"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no docstring examples"
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
