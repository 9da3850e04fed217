"""The build's worker pools: workers started by any method (and the build's own dask cluster's)
watch the build process rightly, and an output task whose worker was lost is run again in the
build process."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from test_corpus import fake_parse, make_corpus, run

from aseandocs.corpus import outputs as out_mod
from aseandocs.corpus.outputs import _gone, _Tasks, new_pool


def the_build_this_worker_serves() -> int:
    """Run in a pool's worker: a while later (the watch looks every 0.1 s), the build process it
    watches."""
    time.sleep(0.4)
    return out_mod._PARENT


@pytest.mark.slow
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_worker_started_by_any_method_serves_the_build_until_it_ends(method: str) -> None:
    """A worker forked by a fork server (Python 3.14's default on Linux) is not the build's
    child: it must not take that for the build's death and exit (every task would fail)."""
    pool = new_pool(2, None, method)
    try:
        got = [f.result(timeout=60) for f in [pool.submit(the_build_this_worker_serves) for _ in range(4)]]
    finally:
        pool.shutdown()
    assert got == [os.getpid()] * 4


def test_a_build_process_is_gone_only_once_it_has_ended() -> None:
    assert not _gone(os.getpid())          # running, though not this process's parent
    assert not _gone(os.getppid())         # this process's parent
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    assert _gone(ended.pid)


def test_only_a_forked_worker_closes_the_build_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a forked worker has a copy of the lock; in a spawned one the same number may be
    another file (multiprocessing's own pipe)."""
    seen: list[tuple] = []
    monkeypatch.setattr(out_mod, "ProcessPoolExecutor", lambda **kw: seen.append(kw["initargs"]))
    new_pool(2, 7, "fork")
    new_pool(2, 7, "spawn")
    assert seen == [(7, os.getpid()), (None, os.getpid())]


class _FailingPool:
    """A pool whose every task fails with ``error``."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def submit(self, fn, *args):
        fut: Future = Future()
        fut.set_exception(self.error)
        return fut


def test_an_output_task_whose_worker_was_lost_runs_here() -> None:
    tasks = _Tasks(_FailingPool(BrokenProcessPool("a worker died")))   # type: ignore[arg-type]
    tasks.run(sum, [1, 2, 3])
    assert tasks.wait() == [6]


def test_an_output_task_that_fails_fails_the_build() -> None:
    tasks = _Tasks(_FailingPool(OSError(28, "No space left on device")))   # type: ignore[arg-type]
    tasks.run(sum, [1, 2, 3])
    with pytest.raises(OSError, match="No space"):
        tasks.wait()


def the_build_this_worker_serves_noted(path: str):
    """``fake_parse``, noting beside the file the build process its worker watches."""
    Path(path).with_suffix(".parent").write_text(str(out_mod._PARENT))
    return fake_parse(path)


@pytest.mark.slow
def test_the_dask_clusters_workers_watch_the_build(tmp_path: Path) -> None:
    """The build's own LocalCluster's workers exit when the build is killed, as a pool's do,
    instead of parsing on for a build that is gone."""
    pytest.importorskip("distributed")
    c = make_corpus(tmp_path, n_news=2)
    run(c, tmp_path / "out", engine="dask", workers=2, parse_fn=the_build_this_worker_serves_noted)
    assert sorted(p.read_text() for p in c.rglob("*.parent")) == [str(os.getpid())] * 3


#: Set while a build runs in the next test: a worker forked by the build has it, a spawned one
#: imports this module afresh and has it empty.
FROM_THE_BUILD: list[str] = []


def open_files() -> list[str]:
    """What this process's descriptors point at."""
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            names.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:   # the one listdir used, closed since
            pass
    return names


def dies_once_then_notes_how_its_worker_started(path: str):
    """``fake_parse``, after killing its worker the first time it meets ``die.txt``, noting
    beside the file whether its worker was forked by the build, holds a copy of the build lock,
    has the default SIGTERM handler (not the build's), and the build process it watches."""
    import signal
    died = Path(path).with_suffix(".died")
    if Path(path).name == "die.txt" and not died.exists():
        died.write_text("once")
        os._exit(1)
    forked = FROM_THE_BUILD == ["building"]
    lock = any(name.endswith(os.sep + ".lock") for name in open_files())
    default = signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    Path(path).with_suffix(".start").write_text(
        f"forked={forked} lock={lock} sigterm-default={default} watches={out_mod._PARENT}")
    return fake_parse(path)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists a worker's open files in /proc (Linux)")
@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_dask_worker_started_again_after_a_death_keeps_nothing_of_the_build(tmp_path: Path, method: str) -> None:
    """A worker of the build's own cluster that died is started again by its nanny: it too
    watches the build (it did not: the watch was started once, on the first workers), and, when
    the caller's dask configuration forks them, closes its copy of the build lock and drops the
    build's SIGTERM handler; it parses the task that was lost."""
    import dask
    pytest.importorskip("distributed")
    c = make_corpus(tmp_path, n_news=1)
    (c / "die.txt").write_text("ข่าวสั้น", encoding="utf-8")
    FROM_THE_BUILD[:] = ["building"]
    try:
        with dask.config.set({"distributed.worker.multiprocessing-method": method}):
            summary = run(c, tmp_path / "out", engine="dask", workers=1,
                          parse_fn=dies_once_then_notes_how_its_worker_started)
    finally:
        FROM_THE_BUILD.clear()
    assert (c / "die.died").exists() and summary.errors == 0
    assert (c / "die.start").read_text() == \
        f"forked={method == 'fork'} lock=False sigterm-default=True watches={os.getpid()}"
    assert dask.config.get("distributed.worker.multiprocessing-method") == "spawn"


def test_a_worker_sends_a_news_items_brief_and_caches_it_and_a_plans_whole_record(tmp_path: Path) -> None:
    """The measures a news item or report lists stay in the cache (the build process only counts
    them): the worker sends its brief, cached beside its entry, and a plan's whole record."""
    from aseandocs.corpus import cache
    from aseandocs.corpus.jobs import parse_cached
    from aseandocs.corpus.records import BriefRecord, DocRecord
    c = make_corpus(tmp_path, n_news=1)
    news, plan = c / "sub" / "news0.txt", c / "plan.txt"
    status, sent, _ = parse_cached(str(news), str(news), fake_parse, str(tmp_path), "k1")
    assert status == "ok" and isinstance(sent, BriefRecord)
    brief, names, df = cache.read_brief(tmp_path, "k1", sent.brief.id)
    assert (brief, names, df) == tuple(sent)
    status, whole, _ = parse_cached(str(plan), str(plan), fake_parse, str(tmp_path), "k2")
    assert isinstance(whole, DocRecord) and whole.parsed.measures
    assert cache.read_brief(tmp_path, "k2", whole.id) is None
