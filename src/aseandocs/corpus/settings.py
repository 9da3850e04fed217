"""The options of a build in one object, resolved once (pdfplumber's ``TableSettings`` is the shape).

``build(corpus, out, workers=2)`` and ``build(corpus, out, settings=BuildSettings(workers=2))`` are
the same build; keywords given with ``settings`` override it::

    >>> s = BuildSettings.resolve(workers=2, engine="local")
    >>> s.workers, s.engine, s.force
    (2, 'local', False)
    >>> BuildSettings.resolve(s, force=True).force
    True
    >>> BuildSettings.resolve({"workers": 1}).workers
    1
    >>> BuildSettings.resolve(workers=0)
    Traceback (most recent call last):
    ...
    ValueError: workers must be a whole number of at least 1 (got 0)
    >>> BuildSettings.resolve(wokers=2)
    Traceback (most recent call last):
    ...
    TypeError: unknown build option 'wokers'; valid options: doc_timeout, engine, force, formats, link_fn, max_doc_mb, parse_fn, plans, progress, scheduler, workers
    >>> BuildSettings.resolve(formats="sqlite,html").formats
    ('sqlite', 'html')
    >>> BuildSettings.resolve(formats=["gexf", "parquet"])
    Traceback (most recent call last):
    ...
    ValueError: the parquet format is written from the store: add sqlite to formats

Later options of the build are added here, as fields with their defaults, and nowhere else: the
build reads them from the one object it is given.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Mapping

from ..model import ParsedDocument

__all__ = ["BuildSettings", "ENGINE_NAMES", "FORMATS", "DEFAULT_FORMATS", "parse_formats", "ParseFn", "LinkFn"]

ParseFn = Callable[[str], ParsedDocument]
LinkFn = Callable[[list[ParsedDocument]], list[ParsedDocument]]

#: The engines a build can run on (``corpus.engines.ENGINES``).
ENGINE_NAMES = ("local", "dask")

#: The corpus-level outputs a build can write, by name (``--formats``): graph.json, graph.graphml,
#: graph.gexf, aseandocs.sqlite, index.html and parquet/<table>.parquet. documents/ is always written.
FORMATS = ("graph-json", "graphml", "gexf", "sqlite", "html", "parquet")

#: What a build writes when ``formats`` is not given: all but Parquet (which needs pyarrow).
DEFAULT_FORMATS = ("graph-json", "graphml", "gexf", "sqlite", "html")


@dataclass(frozen=True)
class BuildSettings:
    """How a build runs.

    ``workers``: processes that parse (default: the number of cores; 1 parses in this process),
    or the size of the LocalCluster the Dask engine starts; ``engine``: "local" or "dask";
    ``scheduler``: with "dask", a scheduler address ("tcp://host:8786") or a ``Client`` (None
    starts a LocalCluster); ``force``: ignore the cache; ``progress``: progress bars on a
    terminal; ``parse_fn`` (default ``aseandocs.pipeline.parse``) and ``link_fn`` (default: the
    linking index of ``aseandocs.linking``) replace the per-document and corpus-level stages;
    ``max_doc_mb`` (50) and ``doc_timeout`` (120 s) limit what one document may cost: a larger file,
    or one whose parse runs longer, fails with the reason and the build goes on (None: no limit).
    ``plans``: globs relative to the corpus or paths naming the plan files (``corpus.plans``; a
    file outside the corpus is added; when given, only those files are plans).
    ``formats``: which of ``FORMATS`` to write (a comma-separated string or a sequence; default
    ``DEFAULT_FORMATS``): a file of a format left out is removed from OUT, never left stale.
    """

    workers: int | None = None
    engine: str = "local"
    scheduler: Any = None
    force: bool = False
    progress: bool = True
    parse_fn: ParseFn | None = None
    link_fn: LinkFn | None = None
    max_doc_mb: float | None = 50.0
    doc_timeout: float | None = 120.0
    plans: "str | tuple[str, ...] | list[str] | None" = None
    formats: Any = DEFAULT_FORMATS

    def __post_init__(self) -> None:
        object.__setattr__(self, "formats", parse_formats(self.formats))
        for name in ("max_doc_mb", "doc_timeout"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0):
                raise ValueError(f"{name} must be a positive number or None for no limit (got {v!r})")
        w = self.workers
        if w is not None and (isinstance(w, bool) or not isinstance(w, int) or w < 1):
            raise ValueError(f"workers must be a whole number of at least 1 (got {w!r})")
        if self.engine not in ENGINE_NAMES:
            raise ValueError(f"unknown engine {self.engine!r}; valid engines: {', '.join(sorted(ENGINE_NAMES))}")

    def writes(self, name: str) -> bool:
        """Whether the format ``name`` (one of ``FORMATS``) is written."""
        return name in self.formats

    @property
    def worker_count(self) -> int:
        """``workers``, or the number of cores when it is None."""
        return self.workers or os.cpu_count() or 1

    @classmethod
    def resolve(cls, settings: "BuildSettings | Mapping[str, Any] | None" = None,
                **options: Any) -> "BuildSettings":
        """Settings from ``settings`` (a BuildSettings, a mapping of options, or None for the
        defaults) with ``options`` laid over them; an unknown option is a TypeError naming it."""
        valid = sorted(f.name for f in fields(cls))
        given = dict(settings) if isinstance(settings, Mapping) else {}
        for name in [*given, *options]:
            if name not in valid:
                raise TypeError(f"unknown build option {name!r}; valid options: {', '.join(valid)}")
        if isinstance(settings, cls):
            return replace(settings, **options) if options else settings
        if settings is not None and not isinstance(settings, Mapping):
            raise TypeError(f"settings must be a BuildSettings or a mapping, not {type(settings).__name__}")
        return cls(**{**given, **options})


def parse_formats(value: Any) -> tuple[str, ...]:
    """``value`` ("sqlite,html", a sequence of names, or None for the default) as the formats in
    ``FORMATS`` order; an unknown name is a ValueError listing the valid ones."""
    if value is None:
        return DEFAULT_FORMATS
    names = [x.strip() for x in value.split(",")] if isinstance(value, str) else [str(x).strip() for x in value]
    names = [x for x in names if x]
    bad = [x for x in names if x not in FORMATS]
    if bad:
        raise ValueError(f"unknown format {bad[0]!r}; valid formats: {', '.join(FORMATS)}")
    if "parquet" in names and "sqlite" not in names:
        raise ValueError("the parquet format is written from the store: add sqlite to formats")
    return tuple(f for f in FORMATS if f in names)
