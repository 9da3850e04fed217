"""Plans: numbered measures, their hierarchy and their activities.

- ``parse``: ``parse_plan``/``parse_plan_text``;
- ``refs``: candidate numbers and the walk that keeps the plausible ones;
- ``body``: a measure's title and its activity bullets; ``furniture``: headers, footers, headings;
- ``cues``: the heading and unit words (data/plan_headings.yaml); ``tables``: plans laid out as tables.
"""
from __future__ import annotations

from .parse import (
    parse_plan,
    parse_plan_text,
)

__all__ = [
    "parse_plan",
    "parse_plan_text",
]
