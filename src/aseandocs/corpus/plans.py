"""Which files of a build are plans, when the user says so (``build(..., plans=...)``, ``--plans``).

Kind detection (``news.detect_kind``) finds plans by what they are; a user who knows better names
them. Each spec is a glob relative to the corpus folder ("annexes/*.txt", "**/*plan*.pdf") or a path
to a file (relative to the working folder, or absolute); a file outside the corpus is added to the
build. When plans are named, only those files are plans: each is parsed as a plan, and a file
detected as a plan that is not named becomes a report (``pipeline.parse(..., plan=...)``)::

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "a").mkdir(); _ = (root / "a" / "vap.txt").write_text("1.1 x"); _ = (root / "n.txt").write_text("y")
    >>> named, extra = resolve_plans(root, ["a/*.txt"])
    >>> [pathlib.Path(p).name for p in sorted(named)], extra
    (['vap.txt'], [])
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from ..errors import BuildError

__all__ = ["resolve_plans", "PlanChoice", "with_named_plans", "plan_version", "count_plans", "NO_PLAN"]

#: The build summary's warning for a corpus without a plan.
NO_PLAN = ("no plan among the documents, so no event is linked; name the plan files with "
           "--plans GLOB_OR_PATH")


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
        return True
    except ValueError:
        return False


def resolve_plans(corpus: Path, specs: Iterable[str]) -> tuple[frozenset[str], list[Path]]:
    """The real paths of the plan files ``specs`` name, and those of them outside ``corpus`` (to
    add to the build). Raises ``BuildError`` for a spec that names no file."""
    from .walk import SUFFIXES
    named: set[str] = set()
    extra: list[Path] = []
    for spec in specs:
        p = Path(spec).expanduser()
        if p.is_file():
            found = [p]
        elif corpus.is_dir():
            found = sorted(q for q in corpus.glob(spec) if q.is_file() and q.suffix.lower() in SUFFIXES)
        else:
            found = [corpus] if corpus.is_file() and corpus.match(spec) else []
        if not found:
            raise BuildError(f"--plans {spec!r}: no such file, and the glob matches no txt, html or "
                             f"pdf file under {corpus}; give a path or a glob relative to the corpus")
        for q in found:
            real = os.path.realpath(q)
            if real in named:
                continue
            named.add(real)
            if not (_inside(q, corpus) if corpus.is_dir() else os.path.realpath(corpus) == real):
                extra.append(q)
    return frozenset(named), extra


@dataclass(frozen=True)
class PlanChoice:
    """The per-document stage of a build with named plans: ``pipeline.parse`` with ``plan=`` set
    from the file's real path (picklable, for the workers)."""

    plans: frozenset[str]

    def is_plan(self, path: str | os.PathLike[str]) -> bool:
        return os.path.realpath(path) in self.plans

    def __call__(self, path: str) -> Any:
        from ..pipeline import parse
        return parse(path, plan=self.is_plan(path))


def with_named_plans(corpus: Path, settings: Any) -> tuple[Any, list[Path]]:
    """``settings`` (``BuildSettings``) with ``parse_fn`` a ``PlanChoice`` when ``plans`` is given,
    and the named plans outside ``corpus`` (to add to the build)."""
    if settings.plans is None:
        return settings, []
    if settings.parse_fn is not None:
        raise ValueError("build: give plans= or parse_fn=, not both")
    plans = settings.plans
    named, extra = resolve_plans(corpus, [plans] if isinstance(plans, str) else list(plans))
    return replace(settings, parse_fn=PlanChoice(named)), extra


def plan_version(parse_fn: Any, version: str, path: Path) -> str:
    """The version a file's cache key is made with: with named plans, whether it is one."""
    return f"{version}:plan={parse_fn.is_plan(path)}" if isinstance(parse_fn, PlanChoice) else version


def count_plans(records: Iterable[Any]) -> int:
    """How many of a build's records are plans with measures (the link targets)."""
    return sum(1 for r in records if getattr(r, "plan", False) or getattr(r, "link_target", False))
