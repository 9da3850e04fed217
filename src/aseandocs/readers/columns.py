"""Two-column PDF pages for ``readers.pdf.page_lines``: a page set in two columns is read column by
column instead of across both (see ``in_columns``).
"""
from __future__ import annotations

import math
from itertools import accumulate
from statistics import median
from typing import Any, Callable, Iterable

from ..thai.pdf_repair import is_thai_mark

__all__ = ["in_columns", "rows", "Y_TOLERANCE"]

Y_TOLERANCE = 3.0           # characters whose tops differ by at most this are on one line


def rows(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    cs = sorted((c for c in chars if c.get("text")), key=lambda c: c["top"])
    groups: list[list[dict[str, Any]]] = []
    line_top = None
    for c in cs:
        if line_top is None or c["top"] - line_top > Y_TOLERANCE:
            groups.append([])
            line_top = c["top"]
        groups[-1].append(c)
    return groups

_GUTTER_SHARE = 0.1     # at most this share of the rows may cross a gutter
_COLUMN_ROWS = 0.4      # at least this share of the rows has text on both sides of it
_COLUMN_FILL = 0.6      # and the median row part fills this share of its column (prose, not a table)


def in_columns(chars: list[dict[str, Any]],
               assemble: Callable[[list[dict[str, Any]]], list[Any]]) -> list[Any] | None:
    """The lines of a page set in two columns, in reading order (the rows above the columns,
    the left column, the right column, the rows below; a row that crosses the gutter, such as a
    heading over both, ends one run of columns), or None when the page is not in two columns.

    The gutter is the vertical strip in the middle of the text block that no more than
    ``_GUTTER_SHARE`` of the rows cross, with text on both sides of it in ``_COLUMN_ROWS`` of
    them, each side filling its column with words (a table's short cells and columns of figures
    do not: a table is read row by row)."""
    found = [g for g in rows(chars) if any(not c["text"].isspace() for c in g)]
    if len(found) < 6:
        return None
    boxes = [[(c["x0"], c["x1"]) for c in g if not c["text"].isspace() and not is_thai_mark(c["text"])]
             for g in found]
    left = min(b[0] for bs in boxes for b in bs)
    right = max(b[1] for bs in boxes for b in bs)
    width = right - left
    if width <= 0:
        return None
    size = median(c.get("size") or 10.0 for grp in found for c in grp)
    # found crossing each 1-point step of the middle of the block (a difference array over the
    # merged extents of each row: one pass over the boxes)
    x_lo = left + 0.3 * width
    nbins = int(0.4 * width) + 1
    xs = [x_lo + k for k in range(nbins)]
    diff = [0] * (nbins + 1)
    for bs in boxes:
        merged: list[list[float]] = []
        for a, b in sorted(bs):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        for a, b in merged:
            k0 = max(0, math.ceil(a - x_lo))
            k1 = min(nbins - 1, math.floor(b - x_lo))
            if k0 <= k1:
                diff[k0] += 1
                diff[k1 + 1] -= 1
    counts = list(accumulate(diff[:nbins]))
    # the widest strip that few found cross, wider than a space (not a gap between two words)
    free = [n <= _GUTTER_SHARE * len(found) for n in counts]
    best: tuple[float, int, int] | None = None
    k = 0
    while k < len(free):
        if not free[k]:
            k += 1
            continue
        end = k
        while end + 1 < len(free) and free[end + 1]:
            end += 1
        if best is None or xs[end] - xs[k] > best[0]:
            best = (xs[end] - xs[k], k, end)
        k = end + 1
    if best is None or best[0] + 1.0 <= 0.5 * size:
        return None
    g = (xs[best[1]] + xs[best[2]]) / 2          # the middle of that strip
    both = [bs for bs in boxes if any(b <= g for _, b in bs) and any(a >= g for a, _ in bs)]
    if len(both) < _COLUMN_ROWS * len(found):
        return None
    lefts = [max(b for _, b in bs if b <= g) - left for bs in both]
    rights = [right - min(a for a, _ in bs if a >= g) for bs in both]
    if (median(lefts) < _COLUMN_FILL * (g - left) or median(rights) < _COLUMN_FILL * (right - g)
            or g - max(b for bs in both for _, b in bs if b <= g) < 0.5 * size):
        return None
    for side in (lambda c: c["x1"] <= g, lambda c: c["x0"] >= g):
        text = [c["text"] for grp in found for c in grp if side(c) and not c["text"].isspace()]
        if sum(t.isdigit() or t in ".,-/%()" for t in text) > 0.3 * len(text):
            return None                 # a column of figures: a table, read row by row
    out: list[Any] = []
    col_l: list[dict[str, Any]] = []
    col_r: list[dict[str, Any]] = []

    def flush() -> None:
        out.extend(assemble(col_l))
        out.extend(assemble(col_r))
        col_l.clear()
        col_r.clear()
    for grp, bs in zip(found, boxes):
        if any(a < g < b for a, b in bs):
            flush()
            out.extend(assemble(grp))
            continue
        for c in grp:
            ((col_l if (c["x0"] + c["x1"]) / 2 < g else col_r)).append(c)
    flush()
    return out
