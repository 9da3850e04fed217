"""A graph.json that was tampered with is refused with a clear error (issue 19, item 9). Before: a
measure without its ref or an integer node id crashed the query (exit 4), and an edge to a node
that is not there made networkx add a ghost node that `graph show` listed as progress."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from samples import sample_docs

from aseandocs.errors import BuildError
from aseandocs.graph import MeasureGraph


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    MeasureGraph.from_documents(sample_docs(), registry=False).to_json(tmp_path / "graph.json")
    return tmp_path


def _tamper(out: Path, change) -> None:
    path = out / "graph.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _first(data, type_):
    return next(n for n in data["nodes"] if n["type"] == type_)


@pytest.mark.parametrize("what, change, says", [
    ("a measure without its ref", lambda d: _first(d, "measure").pop("ref"), "measure node .* has no ref"),
    ("an integer id", lambda d: _first(d, "body").__setitem__("id", 7), "no string id"),
    ("an unknown node type", lambda d: _first(d, "event").__setitem__("type", "rumour"), "type 'rumour'"),
    ("a dangling edge", lambda d: d["edges"].append({"source": "event:news#1", "target": "measure:ghost#9",
                                                      "type": "reports_on", "key": "reports_on"}),
     "leads to 'measure:ghost#9'"),
    ("an edge without a type", lambda d: d["edges"][0].pop("type"), "has no type"),
    ("no nodes list", lambda d: d.pop("nodes"), "no 'nodes'"),
    ("a node twice", lambda d: d["nodes"].append(dict(_first(d, "body"))), "appears twice"),
])
def test_a_tampered_graph_is_refused_naming_the_problem_and_the_fix(out: Path, what, change, says) -> None:
    _tamper(out, change)
    with pytest.raises(BuildError, match="not a node-link graph written by aseandocs") as e:
        MeasureGraph.load(out)
    import re
    assert re.search(says, str(e.value)), (what, str(e.value))
    assert "--force" in str(e.value)


def test_an_untouched_graph_loads(out: Path) -> None:
    assert MeasureGraph.load(out).graph.number_of_nodes() > 0
