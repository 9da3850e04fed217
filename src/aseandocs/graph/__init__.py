"""The MeasureGraph: measures, activities, bodies, events and documents as one networkx graph, its
queries, and its files.

- ``queries``: ``MeasureGraph`` and what it answers;
- ``build``: the nodes and edges of one document (a ``Fragment``) and the whole graph;
- ``records``: the query results; ``export``: graph.json, GraphML, GEXF;
- ``xml``: streamed GraphML/GEXF; ``stream``: the graph files written document by document;
- ``scorecard``: a plan's progress scorecard (``MeasureGraph.scorecard``) and its writers.
"""
from __future__ import annotations

from .queries import (
    MeasureGraph,
    NODE_TYPES,
    EDGE_TYPES,
    ref_sort_key,
)

__all__ = [
    "MeasureGraph",
    "NODE_TYPES",
    "EDGE_TYPES",
    "ref_sort_key",
]
