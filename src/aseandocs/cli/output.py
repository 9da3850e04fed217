"""What the commands print: JSON with the library's records, shortened lines, plain tables."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Sequence

__all__ = ["dump", "short", "print_table"]


def dump(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=1, default=json_default))


def json_default(o: Any) -> Any:
    if hasattr(o, "to_dict"):
        return o.to_dict()
    if hasattr(o, "__dataclass_fields__"):
        from dataclasses import asdict
        return asdict(o)
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    if isinstance(o, Path):
        return str(o)
    raise TypeError(f"cannot serialise {type(o).__name__}")


def short(text: str | None, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int = 60) -> None:
    cells = [[short("" if v is None else str(v), width) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)))
    print(f"({len(rows)} rows)", file=sys.stderr)
