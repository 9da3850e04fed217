"""Compare two build output folders byte by byte, ``cache/`` aside.

Used to show that a change which should not alter results (a refactoring, a speed-up) leaves every
output as it was::

    git stash; aseandocs build ../shared/corpus -o /tmp/before; git stash pop
    aseandocs build ../shared/corpus -o /tmp/after
    python benchmarks/compare_builds.py /tmp/before /tmp/after

Prints one line per differing or missing file and exits 1 if there is any, 0 if the folders hold
the same files with the same bytes. GEXF files carry the day they were written
(``lastmodifieddate``); that attribute is ignored so that builds of different days compare, and
``manifest.json`` (which names each build by a new id) is left out.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

_GEXF_DATE = re.compile(rb'lastmodifieddate="[^"]*"')


def files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != "cache" and p.name not in (".lock", "manifest.json")}


def same(a: Path, b: Path) -> bool:
    x, y = a.read_bytes(), b.read_bytes()
    if a.suffix == ".gexf":
        x, y = _GEXF_DATE.sub(b"", x), _GEXF_DATE.sub(b"", y)
    return x == y


def compare(before: Path, after: Path) -> list[str]:
    """The differences between two output folders, one line each (empty when they are the same)."""
    a, b = files(before), files(after)
    problems = [f"only in {before}: {k}" for k in sorted(a.keys() - b.keys())]
    problems += [f"only in {after}: {k}" for k in sorted(b.keys() - a.keys())]
    problems += [f"differs: {k}" for k in sorted(a.keys() & b.keys()) if not same(a[k], b[k])]
    return problems


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path, help="an output folder of the code before the change")
    ap.add_argument("after", type=Path, help="an output folder of the code after it")
    a = ap.parse_args(argv)
    problems = compare(a.before, a.after)
    for p in problems:
        print(p)
    n = len(files(a.after))
    print(f"{n} files compared: " + ("identical" if not problems else f"{len(problems)} differences"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
