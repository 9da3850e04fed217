"""Every ``>>>`` example in the package runs and gives what it shows.

The modules are found by walking the package, so a new module's examples run without being listed
here; a module that has examples nobody runs cannot exist.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import aseandocs

MODULES = sorted(m.name for m in pkgutil.walk_packages(aseandocs.__path__, "aseandocs.")
                 if not m.name.endswith("__main__"))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _examples(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder(exclude_empty=True).find(module) if t.examples]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    for test in _examples(name):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_the_walk_finds_the_stages() -> None:
    """The walk sees the subpackages' modules, and most of them carry examples."""
    for stage in ("thai", "readers", "dates", "plans", "news", "bodies", "linking", "graph", "corpus", "cli"):
        assert any(m.startswith(f"aseandocs.{stage}.") for m in MODULES), stage
    with_examples = [m for m in MODULES if _examples(m)]
    assert len(with_examples) >= 20, with_examples
