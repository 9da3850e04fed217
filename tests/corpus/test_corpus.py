"""Tests of aseandocs.corpus: the batch build (walk, workers, cache, errors, lock, Dask, outputs).

The per-document stages are replaced by ``fake_parse`` / ``fake_link`` (a tiny line format written
here), so these tests exercise the build itself; the last tests run the real pipeline on
../shared/corpus.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import OWN_CORPUS

from aseandocs.corpus import SUFFIXES, BuildSummary, build
from aseandocs.errors import BuildError, OutputLockedError, ParseError
from aseandocs.model import Activity, Document, Event, Link, Measure, Mention, ParsedDocument

# --- a fake pipeline: "1.2 title [BODY]" measures, "- text" activities, "EVENT date text @1.2" ----

MEASURE = re.compile(r"^(?P<ref>\d+(?:\.\d+)*) (?P<title>.+)$", re.ASCII | re.M)
BODY = re.compile(r"\[(?P<id>[A-Z-]+)\]")
EVENT = re.compile(r"^EVENT (?P<date>\S+) (?P<text>.+)$", re.M)
TARGET = re.compile(r"@(?P<ref>\d+(?:\.\d+)*)", re.ASCII)


def fake_parse(path: str) -> ParsedDocument:
    """Parse the line format above; "FAIL" raises ParseError, "CRASH" a RuntimeError."""
    text = Path(path).read_text(encoding="utf-8")
    if "FAIL" in text:
        raise ParseError(f"{path}: the fake parser refuses this document")
    if "CRASH" in text:
        raise RuntimeError("boom")
    doc = Document(id=Path(path).stem, source=str(path), text=text, language="th")
    measures: list[Measure] = []
    acts: dict[int, list[Activity]] = {}
    for m in MEASURE.finditer(text):
        ref = m["ref"]
        parent = ref.rsplit(".", 1)[0] if "." in ref else None
        measures.append(Measure(id=f"{doc.id}#{ref}", plan=doc.id, ref=ref, parent=parent,
                                level=ref.count(".") + 1, title=BODY.sub("", m["title"]).strip(),
                                span=m.span(), bodies=tuple(BODY.findall(m["title"]))))
    for line in re.finditer(r"^- (?P<t>.+)$", text, re.M):
        owner = max((i for i, x in enumerate(measures) if x.span[0] < line.start()), default=None)
        if owner is not None:
            acts.setdefault(owner, []).append(Activity(line["t"], line.span("t")))
    measures = [replace(x, activities=tuple(acts.get(i, ()))) for i, x in enumerate(measures)]
    mentions = tuple(Mention(b["id"], b["id"], b.span("id"), "acronym") for b in BODY.finditer(text))
    events = tuple(Event("meeting", e["text"], e.span(), date=e["date"], bodies=tuple(BODY.findall(e["text"])))
                   for e in EVENT.finditer(text))
    return ParsedDocument(doc, kind="plan" if measures else "news", title=text.splitlines()[0],
                          date=None, measures=tuple(measures), mentions=mentions, events=events)


def fake_link(docs: list[ParsedDocument]) -> list[ParsedDocument]:
    """An event "@1.2" reports on measure 1.2 of every plan holding it."""
    plans = {(m.plan, m.ref) for d in docs for m in d.measures}
    out = []
    for d in docs:
        links = {i: tuple(Link(p, t["ref"], 0.9, (t["ref"],)) for t in TARGET.finditer(e.text)
                          for p, r in sorted(plans) if r == t["ref"])
                 for i, e in enumerate(d.events)}
        out.append(d.with_links(links))
    return out


def broken_link(docs: list[ParsedDocument]) -> list[ParsedDocument]:
    raise RuntimeError("linking exploded")


PLAN = "แผนปฏิบัติการเวียงจันทน์\n1.1 การเมือง [ASEAN-SUMMIT]\n1.1.1 ส่งเสริมกฎบัตร [ASEAN-SUMMIT]\n- จัดประชุม\n1.2 อาชญากรรมข้ามชาติ [SOMTC]\n"
NEWS = "ข่าว SOMTC\nEVENT 2019-03-05 ประชุม [SOMTC] @1.2\nEVENT 2007-11-20 ลงนามกฎบัตร @1.1.1\n"


def make_corpus(root: Path, n_news: int = 2) -> Path:
    c = root / "corpus"
    (c / "sub").mkdir(parents=True)
    (c / "plan.txt").write_text(PLAN, encoding="utf-8")
    for i in range(n_news):
        (c / "sub" / f"news{i}.txt").write_text(NEWS.replace("ข่าว", f"ข่าว {i}"), encoding="utf-8")
    (c / "README.md").write_text("about", encoding="utf-8")
    (c / "gold").mkdir()
    (c / "gold" / "plan.json").write_text("{}", encoding="utf-8")
    (c / ".hidden.txt").write_text(PLAN, encoding="utf-8")
    (c / ".git").mkdir()
    (c / ".git" / "x.txt").write_text(PLAN, encoding="utf-8")
    return c


def run(corpus: Path, out: Path, **kw) -> BuildSummary:
    kw.setdefault("workers", 1)
    return build(corpus, out, progress=False, parse_fn=kw.pop("parse_fn", fake_parse),
                 link_fn=kw.pop("link_fn", fake_link), **kw)


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file except the cache and the manifest (which names each build), keyed by
    relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "cache" not in p.parts and p.name not in (".lock", "manifest.json")}


# --- the walk and the outputs ----------------------------------------------------------------------

def test_build_writes_every_output(tmp_path: Path) -> None:
    s = run(make_corpus(tmp_path), tmp_path / "out")
    out = tmp_path / "out"
    assert sorted(p.relative_to(out / "documents").as_posix() for p in (out / "documents").rglob("*.json")) == \
        ["plan.json", "sub/news0.json", "sub/news1.json"]          # ids are paths in the corpus
    for name in ("graph.json", "graph.graphml", "graph.gexf", "aseandocs.sqlite", "index.html", "errors.jsonl"):
        assert (out / name).is_file(), name
    assert not list(out.rglob("*.tmp")) and not (out / ".lock").exists()
    assert (s.documents, s.skipped, s.errors, s.cached) == (3, 2, 0, 0)   # README.md, gold/plan.json
    assert (s.measures, s.events, s.links, s.mentions) == (3, 4, 4, 5)
    assert s.bodies == 2 and s.index == out / "index.html"
    news = json.loads((out / "documents" / "sub" / "news0.json").read_text(encoding="utf-8"))
    assert news["document"]["id"] == "sub/news0"
    assert news["events"][0]["measures"][0] == {"plan": "plan", "ref": "1.2", "score": 0.9,
                                                "evidence": ["1.2"], "measure": "plan#1.2"}
    assert news["document"]["source"] == str(tmp_path / "corpus" / "sub" / "news0.txt")


@pytest.mark.parametrize("suffix, read", [(".txt", True), (".text", True), (".pdf", True), (".html", True),
                                          (".htm", True), (".HTML", True), (".md", False), (".json", False),
                                          (".docx", False)])
def test_which_files_are_documents(suffix: str, read: bool) -> None:
    assert (suffix.lower() in SUFFIXES) is read


def test_summary_format_and_dict(tmp_path: Path) -> None:
    s = run(make_corpus(tmp_path), tmp_path / "out")
    text = s.format()
    assert "built 3 documents" in text and "links 4" in text and "index.html" in text
    d = json.loads(json.dumps(s.to_dict()))
    assert d["documents"] == 3 and d["out"] == str(tmp_path / "out") and "parse" in d["timings"]


def test_failures_are_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    c = make_corpus(tmp_path)
    (c / "bad.txt").write_text("FAIL here", encoding="utf-8")
    (c / "crash.txt").write_text("CRASH here", encoding="utf-8")
    (c / "plan.html").write_text(PLAN, encoding="utf-8")                  # the same id as plan.txt
    (c / "sub" / "plan.txt").write_text(PLAN, encoding="utf-8")           # another id: sub/plan
    s = run(c, tmp_path / "out")
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    got = {Path(e["path"]).name: e for e in errors}
    assert s.errors == 3 and s.documents == 4
    assert got["bad.txt"]["error"] == "ParseError" and "refuses" in got["bad.txt"]["reason"]
    assert got["crash.txt"]["error"] == "RuntimeError" and "boom" in got["crash.txt"]["reason"]
    assert "duplicate document id 'plan'" in got["plan.txt"]["reason"] and got["plan.txt"]["hint"]
    assert "plan.html" in got["plan.txt"]["reason"]
    assert all(set(e) == {"path", "error", "reason", "hint"} for e in errors)


def test_errors_jsonl_is_rewritten_each_build(tmp_path: Path) -> None:
    c = make_corpus(tmp_path)
    (c / "bad.txt").write_text("FAIL", encoding="utf-8")
    assert run(c, tmp_path / "out").errors == 1
    (c / "bad.txt").unlink()
    assert run(c, tmp_path / "out").errors == 0
    assert (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_a_linking_failure_keeps_the_documents(tmp_path: Path) -> None:
    s = run(make_corpus(tmp_path), tmp_path / "out", link_fn=broken_link)
    assert s.documents == 3 and s.links == 0 and s.errors == 1
    assert "linking failed" in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8")


def test_symlink_loops_and_hidden_files(tmp_path: Path) -> None:
    c = make_corpus(tmp_path)
    os.symlink(c, c / "sub" / "loop")                                   # corpus/sub/loop -> corpus
    s = run(c, tmp_path / "out")
    assert s.documents == 3 and s.errors == 0


def test_output_inside_the_corpus_is_not_read(tmp_path: Path) -> None:
    c = make_corpus(tmp_path)
    run(c, c / "out")
    s = run(c, c / "out")                                               # out/index.html exists now
    assert s.documents == 3 and s.errors == 0 and s.skipped == 2


@pytest.mark.parametrize("corpus, error", [("missing", BuildError)])
def test_bad_arguments(tmp_path: Path, corpus: str, error: type) -> None:
    with pytest.raises(error, match="no such corpus"):
        run(tmp_path / corpus, tmp_path / "out")


def test_unknown_engine_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="dask, local"):
        run(make_corpus(tmp_path), tmp_path / "out", engine="spark")


# --- the cache -------------------------------------------------------------------------------------

CALLS: list[str] = []


def counting_parse(path: str) -> ParsedDocument:
    CALLS.append(Path(path).name)
    return fake_parse(path)


LINKED: list[int] = []


def counting_link(docs: list[ParsedDocument]) -> list[ParsedDocument]:
    LINKED.append(len(docs))
    return fake_link(docs)


def test_an_unchanged_corpus_is_not_relinked(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    LINKED.clear()
    first = run(c, out, link_fn=counting_link)
    again = run(c, out, link_fn=counting_link)
    assert LINKED == [3] and again.links == first.links == 4
    (c / "sub" / "news1.txt").write_text(NEWS + "EVENT 2020-01-01 ใหม่ @1.2\n", encoding="utf-8")
    assert run(c, out, link_fn=counting_link).links == 5 and LINKED == [3, 3]
    run(c, out, link_fn=broken_link)                                    # a failure is not cached
    assert run(c, out, link_fn=counting_link).links == 5 and LINKED == [3, 3, 3]


def test_an_unchanged_news_item_is_taken_from_its_brief(tmp_path: Path, monkeypatch) -> None:
    """A rebuild takes a cached news item from its brief (``<key>.brief.json``: counts, names,
    event frequencies) without reading its whole parse result; a plan's entry is read (the
    linking index needs its measures). The brief comes back as it was written, plan flag and all."""
    from aseandocs.corpus import cache
    from aseandocs.corpus.records import Brief
    c, out = make_corpus(tmp_path), tmp_path / "out"
    first = build(c, out, progress=False, parse_fn=fake_parse, workers=1)
    read: list[str] = []
    real = cache.read_entry
    monkeypatch.setattr(cache, "read_entry", lambda *a, **kw: read.append(kw.get("document", "")) or real(*a, **kw))
    (c / "sub" / "news9.txt").write_text(NEWS.replace("ข่าว", "ข่าว 9"), encoding="utf-8")
    again = build(c, out, progress=False, parse_fn=fake_parse, workers=1)
    assert again.cached == 3 and again.links >= first.links
    assert "plan.txt" in {Path(r).name for r in read}
    assert not {"news0.txt", "news1.txt"} & {Path(r).name for r in read}     # the new one is looked up
    b = Brief("sub/n", 2, 3, 1, (("measure:sub/n#1.1", "APSC", ("SOMTC",)),), True)
    cache.write_brief(out / "cache", "k", b, (("SOMTC", "SOMTC", 2),), (3, {"ความร่วมมือ": 2}))
    assert not cache.read_brief(out / "cache", "k", "sub/n")      # no entry beside it: not trusted
    (out / "cache" / "k.json").write_text("{}", encoding="utf-8")
    cache.write_brief(out / "cache", "k", b, (("SOMTC", "SOMTC", 2),), (3, {"ความร่วมมือ": 2}))
    assert cache.read_brief(out / "cache", "k", "sub/n") == (b, (("SOMTC", "SOMTC", 2),), (3, {"ความร่วมมือ": 2}))
    assert cache.read_brief(out / "cache", "k", "other") is None


def test_rerun_reparses_nothing_and_force_redoes_all(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    CALLS.clear()
    first = run(c, out, parse_fn=counting_parse)
    before = outputs(out)
    assert len(CALLS) == 3 and first.cached == 0
    CALLS.clear()
    again = run(c, out, parse_fn=counting_parse)
    assert CALLS == [] and again.cached == 3
    assert outputs(out) == before                                     # identical outputs
    run(c, out, parse_fn=counting_parse, force=True)
    assert sorted(CALLS) == ["news0.txt", "news1.txt", "plan.txt"]


def doc_entries(out: Path) -> list[Path]:
    return [p for p in (out / "cache").glob("*.json") if re.fullmatch("[0-9a-f]{64}", p.stem)]


def test_unchanged_outputs_are_kept_and_touched_ones_rewritten(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    run(c, out)
    stamp = (out / "graph.gexf").stat().st_mtime_ns
    assert "outputs kept" in run(c, out).timings
    assert (out / "graph.gexf").stat().st_mtime_ns == stamp
    (out / "index.html").unlink()
    again = run(c, out)
    assert "outputs kept" not in again.timings and (out / "index.html").is_file() and again.bodies == 2
    assert "outputs kept" not in run(c, out, force=True).timings


def test_changed_and_removed_files(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    run(c, out, parse_fn=counting_parse)
    assert len(doc_entries(out)) == 3
    (c / "sub" / "news0.txt").write_text(NEWS + "EVENT 2020-01-01 ใหม่ @1.1\n", encoding="utf-8")
    (c / "sub" / "news1.txt").unlink()
    CALLS.clear()
    s = run(c, out, parse_fn=counting_parse)
    assert CALLS == ["news0.txt"] and s.cached == 1 and s.documents == 2
    assert sorted(p.relative_to(out / "documents").as_posix() for p in (out / "documents").rglob("*.json")) == \
        ["plan.json", "sub/news0.json"]
    assert len(doc_entries(out)) == 2                                  # stale entries removed
    assert len(list((out / "cache").glob("link-*.json"))) == 1


def test_a_corrupt_cache_entry_is_reparsed(tmp_path: Path) -> None:
    c, out = make_corpus(tmp_path), tmp_path / "out"
    run(c, out)
    for p in doc_entries(out):
        p.write_text("{not json", encoding="utf-8")
    CALLS.clear()
    assert run(c, out, parse_fn=counting_parse).cached == 0 and len(CALLS) == 3


# --- processes, the lock, Dask ---------------------------------------------------------------------

@pytest.mark.parametrize("n_news", [5, 70])   # 70: the workers get jobs in batches of 2
def test_process_pool_equals_in_process(tmp_path: Path, n_news: int) -> None:
    c = make_corpus(tmp_path, n_news=n_news)
    run(c, tmp_path / "one", workers=1)
    run(c, tmp_path / "two", workers=2)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    # the fragments relayed to the worker writing GraphML and GEXF are gone (issue 8)
    assert not [p for p in (tmp_path / "two").rglob("*") if ".relay." in p.name]


@pytest.mark.parametrize("jobs, workers, most, sizes", [
    (0, 2, 8, []),
    (5, 2, 8, [1] * 5),                 # few jobs: one per task, so every worker gets some
    (64, 2, 8, [2] * 32),               # 64 // (16 * 2)
    (1000, 2, 8, [8] * 125),            # at most _BATCH (the local engine's)
    (1001, 4, 8, [8] * 125 + [1]),
    (1456, 2, 32, [32] * 45 + [16]),    # the dask engine's own cluster: at most _DASK_BATCH
    (500, 2, 32, [15] * 33 + [5]),      # ... fewer when that would leave a worker waiting
])
def test_parse_jobs_go_to_the_workers_in_small_batches(jobs: int, workers: int, most: int, sizes: list[int]) -> None:
    from aseandocs.corpus.engines import _batches
    made = list(_batches([(str(i), str(i)) for i in range(jobs)], workers, most))
    assert [len(b) for b in made] == sizes
    assert [j for b in made for j in b] == [(str(i), str(i)) for i in range(jobs)]


def test_dask_tasks_carry_about_equal_work_largest_first(tmp_path: Path) -> None:
    # 32 documents are a second's work when they are news items and several when they are the
    # longest cabinet summaries: the build's own dask cluster gets tasks of up to 32 documents
    # and about a budget of bytes, largest first, so the last tasks are short and end together
    from aseandocs.corpus.engines import _packed
    sizes = [100] * 60 + [900, 2500, 400, 400, 300]
    jobs = []
    for i, size in enumerate(sizes):
        (tmp_path / str(i)).write_text("x" * size, encoding="utf-8")
        jobs.append((str(i), str(tmp_path / str(i))))
    made = list(_packed(jobs, 1, 4, 1000))
    held = [[sizes[int(j[0])] for j in b] for b in made]
    assert held[:3] == [[2500], [900, 400], [400, 300, 100, 100]]   # a large file alone, then runs to the budget
    assert held[3:] == [[100] * 4] * 14 + [[100] * 2]                  # at most 4 (16 x 1 worker per run)
    assert sorted(j for b in made for j in b) == sorted(jobs)
    assert [len(b) for b in _packed(jobs[:10], 2, 32, 10**6)] == [1] * 10   # few jobs: one a task


def test_parse_jobs_go_to_the_workers_largest_first(tmp_path: Path) -> None:
    # a corpus in date order ends with its longest documents; sent last, one of them keeps the
    # other workers waiting, so the longest go first and the last tasks are the shortest
    from aseandocs.corpus.engines import _batches, largest_first
    sizes = {"a": 10, "b": 3000, "c": 10, "d": 200, "e": 5000}
    jobs = []
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
        jobs.append((name, str(tmp_path / name)))
    jobs.append(("gone", str(tmp_path / "gone")))   # unreadable: last, its parse reports it
    assert [j[0] for j in largest_first(jobs)] == ["e", "b", "d", "a", "c", "gone"]   # ties in order
    made = list(_batches(largest_first(jobs), 1, 2))
    assert [[j[0] for j in b] for b in made] == [["e"], ["b"], ["d"], ["a"], ["c"], ["gone"]]
    # the local engine sends them in that order
    import shutil
    from aseandocs.corpus.engines import ParseTask, WorkerDeaths, _Local
    local = _Local(jobs, ParseTask(), 2, lambda: None, WorkerDeaths())
    try:
        assert [j[0] for _, b in local.todo for j in b] == ["e", "b", "d", "a", "c", "gone"]
    finally:
        shutil.rmtree(local.marks, ignore_errors=True)


def dying_parse(path: str) -> ParsedDocument:
    """``fake_parse``, but the worker process dies (as on a crash, or out of memory) on "DIE"."""
    if "DIE" in Path(path).read_text(encoding="utf-8"):
        os._exit(3)
    return fake_parse(path)


def test_a_worker_that_dies_costs_only_its_document(tmp_path: Path) -> None:
    # the jobs in flight with it (whole batches) are parsed again, one at a time
    c = make_corpus(tmp_path, n_news=70)
    (c / "sub" / "news33.txt").write_text("DIE here", encoding="utf-8")
    s = run(c, tmp_path / "out", workers=2, parse_fn=dying_parse)
    assert (s.documents, s.errors) == (70, 1)
    err = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert err["path"].endswith("news33.txt") and err["reason"] == "the worker processing it died: out of memory?"
    assert (tmp_path / "out" / "graph.graphml").is_file() and (tmp_path / "out" / "aseandocs.sqlite").is_file()


def test_a_live_lock_refuses_a_second_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").write_text(str(os.getpid()))
    with pytest.raises(OutputLockedError, match=rf"pid {os.getpid()}.*\.lock"):
        run(make_corpus(tmp_path), out)


def test_a_stale_lock_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / ".lock").write_text(str(dead.pid))
    assert run(make_corpus(tmp_path), out).documents == 3
    assert not (out / ".lock").exists()


@pytest.mark.slow
def test_dask_equals_local(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    c = make_corpus(tmp_path, n_news=4)
    (c / "bad.txt").write_text("FAIL", encoding="utf-8")
    local = run(c, tmp_path / "local", workers=2)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        remote = run(c, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert outputs(tmp_path / "local") == outputs(tmp_path / "dask")
    assert (local.documents, local.errors, local.links) == (remote.documents, remote.errors, remote.links)


@pytest.mark.slow
def test_dask_own_cluster_caches_in_workers_and_equals_local(tmp_path: Path) -> None:
    """No scheduler: the build's own LocalCluster shares this file system, so its workers parse
    batches and write the cache as local workers do (issue 18): the same outputs, errors and
    cache entries, and a second build takes every file (the failing one too) from the cache."""
    pytest.importorskip("distributed")
    c = make_corpus(tmp_path, n_news=4)
    (c / "bad.txt").write_text("FAIL", encoding="utf-8")
    local = run(c, tmp_path / "local", workers=2)
    remote = run(c, tmp_path / "dask", engine="dask", workers=2)
    assert outputs(tmp_path / "local") == outputs(tmp_path / "dask")
    assert (local.documents, local.errors, local.links) == (remote.documents, remote.errors, remote.links)
    assert sorted(p.name for p in (tmp_path / "local" / "cache").rglob("*") if p.is_file()) == \
        sorted(p.name for p in (tmp_path / "dask" / "cache").rglob("*") if p.is_file())
    again = run(c, tmp_path / "dask", engine="dask", workers=2)
    assert again.cached == again.documents + again.errors == 6


def config_noting_parse(path: str) -> ParsedDocument:
    """``fake_parse``, noting beside the file whether the worker samples its stacks."""
    import dask
    Path(path).with_suffix(".profile").write_text(str(dask.config.get("distributed.worker.profile.enabled")))
    return fake_parse(path)


@pytest.mark.slow
def test_the_builds_own_cluster_measures_nothing_for_a_dashboard(tmp_path: Path) -> None:
    """The build's LocalCluster has no dashboard: its workers do not sample their stacks for
    one (5% of their CPU on thaigov), and the caller's configuration is left as it was."""
    import dask
    pytest.importorskip("distributed")
    c = make_corpus(tmp_path, n_news=2)
    run(c, tmp_path / "out", engine="dask", workers=2, parse_fn=config_noting_parse)
    noted = sorted(p.read_text() for p in c.rglob("*.profile"))
    assert noted == ["False"] * 3
    assert dask.config.get("distributed.worker.profile.enabled") is True


HELD: list[int] = []
CLUSTER: list = []


def tasks_on_the_scheduler(i: int) -> int:
    """Record how many tasks the in-process cluster's scheduler holds while this one runs."""
    HELD.append(len(CLUSTER[0].scheduler.tasks))
    return i * i


@pytest.mark.slow
def test_dask_keeps_a_bounded_window_and_releases_each_result() -> None:
    """A worker keeps what a task returned while its future lives: the engine sends a bounded
    window of tasks and releases each once read, so neither the workers nor the scheduler hold
    the corpus's results (they did, to the end of parsing: issue 18's Dask memory)."""
    distributed = pytest.importorskip("distributed")
    from aseandocs.corpus.engines import _windowed
    HELD.clear()
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        CLUSTER[:] = [cluster]
        got = dict(_windowed(client, ((i, (tasks_on_the_scheduler, i)) for i in range(40)), 3))
    assert got == {i: i * i for i in range(40)}
    assert len(HELD) == 40 and max(HELD) <= 3 + 2   # the window, and a release still on its way


# --- the real pipeline on ../shared/corpus ----------------------------------------------------------

@pytest.mark.shared
@pytest.mark.slow
def test_dask_equals_local_on_the_shared_corpus(shared_corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local = build(shared_corpus, tmp_path / "local", workers=2, progress=False)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        remote = build(shared_corpus, tmp_path / "dask", engine="dask",
                       scheduler=cluster.scheduler_address, progress=False)
    assert local.documents == remote.documents == 5, (tmp_path / "local" / "errors.jsonl").read_text()
    assert outputs(tmp_path / "local") == outputs(tmp_path / "dask")


# --- streaming: the build keeps records, not texts (issue 8) ----------------------------------------

SEEN: list[tuple[str, int]] = []


def recording_link(docs: list[ParsedDocument]) -> list[ParsedDocument]:
    SEEN.extend((d.document.text, len(d.mentions)) for d in docs)
    return fake_link(docs)


@pytest.mark.parametrize("workers", [1, 2])
def test_linking_sees_records_and_the_json_has_everything(tmp_path: Path, workers: int) -> None:
    SEEN.clear()
    c = make_corpus(tmp_path)
    s = run(c, tmp_path / "out", workers=workers, link_fn=recording_link)
    assert SEEN == [("", 0)] * 3                     # no text, no mentions kept for linking
    news = json.loads((tmp_path / "out" / "documents" / "sub" / "news0.json").read_text(encoding="utf-8"))
    assert news["document"]["text"].startswith("ข่าว 0 SOMTC") and len(news["mentions"]) == 1
    assert [m["ref"] for m in news["events"][0]["measures"]] == ["1.2"]
    assert s.mentions == 3 + 2 and s.links == 4         # counted from the records


# --- the default linker in the workers, the graph files streamed (issue 8) --------------------------

def _in_memory_outputs(out: Path, tmp: Path) -> dict[str, bytes]:
    """graph.json, GraphML and GEXF of MeasureGraph.from_documents over the written documents."""
    from aseandocs.graph import MeasureGraph
    names = json.loads(next((out / "cache").glob("names-*.json")).read_text(encoding="utf-8"))
    order = [n["id"][4:] for n in json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]
             if n["id"].startswith("doc:")]
    docs = [ParsedDocument.from_dict(json.loads((out / "documents" / f"{i}.json").read_text(encoding="utf-8")))
            for i in order]
    g = MeasureGraph.from_documents(docs, registry=names)
    g.to_json(tmp / "graph.json")
    g.to_graphml(tmp / "graph.graphml")
    g.to_gexf(tmp / "graph.gexf")
    return {f: (tmp / f).read_bytes() for f in ("graph.json", "graph.graphml", "graph.gexf")}


@pytest.mark.parametrize("workers", [1, 2])
def test_streamed_graph_files_are_the_in_memory_graphs(tmp_path: Path, workers: int) -> None:
    """The build writes each graph file document by document; the bytes are those of the graph of
    the whole corpus built in memory, and the links are link_corpus's."""
    from aseandocs.linking import link_corpus
    from aseandocs.pipeline import parse
    out = tmp_path / "out"
    s = build(OWN_CORPUS, out, workers=workers, progress=False)
    assert s.errors == 0 and s.links > 0
    (tmp_path / "mem").mkdir()
    mem = _in_memory_outputs(out, tmp_path / "mem")
    for name, data in mem.items():
        assert (out / name).read_bytes() == data, name
    paths = sorted(p for p in OWN_CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    linked = link_corpus([parse(p) for p in paths])
    for d in linked:
        written = json.loads((out / "documents" / f"{d.id}.json").read_text(encoding="utf-8"))
        assert [[m["ref"] for m in e["measures"]] for e in written["events"]] == \
            [[l.ref for l in e.measures] for e in d.events]


def test_streamed_graph_files_of_the_shared_corpus(shared_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(shared_corpus, out, workers=2, progress=False)
    (tmp_path / "mem").mkdir()
    for name, data in _in_memory_outputs(out, tmp_path / "mem").items():
        assert (out / name).read_bytes() == data, name


def test_attributes_of_mixed_types_are_unified_as_flatten_does(tmp_path: Path) -> None:
    """GraphML and GEXF declare one type per attribute: a key holding an int here and a string
    there is written as a string everywhere (a second pass), as the in-memory writers do."""
    import networkx as nx

    from aseandocs.graph import MeasureGraph
    from aseandocs.graph.build import Fragment, graph_attrs
    from aseandocs.graph.stream import write_graph_files
    g = nx.MultiDiGraph()
    g.graph.update(graph_attrs(0))
    g.add_node("doc:a", type="document", label="ข่าว", page=3, extra=1)
    g.add_node("doc:b", type="document", label="News & views", page="iv", extra=2.5)
    g.add_edge("doc:a", "doc:b", key="cites", type="cites", score=1)
    g.add_edge("doc:b", "doc:a", key="cites", type="cites", score="high")
    frags = [Fragment([(n, dict(d))], [e for e in g.edges(keys=True, data=True) if e[0] == n], [], 0)
             for n, d in g.nodes(data=True)]
    write_graph_files(lambda: iter(frags), tmp_path)
    mg = MeasureGraph(g)
    (tmp_path / "mem").mkdir()
    mg.to_json(tmp_path / "mem" / "graph.json")
    mg.to_graphml(tmp_path / "mem" / "graph.graphml")
    mg.to_gexf(tmp_path / "mem" / "graph.gexf")
    for name in ("graph.json", "graph.graphml", "graph.gexf"):
        assert (tmp_path / name).read_bytes() == (tmp_path / "mem" / name).read_bytes(), name
    assert 'attr.name="page" attr.type="string"' in (tmp_path / "graph.graphml").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".graph-parts.*"))      # the part files are gone


def test_the_default_linking_is_reused_until_a_document_file_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(OWN_CORPUS, out, workers=1, progress=False)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "documents").iterdir()}
    again = build(OWN_CORPUS, out, workers=1, progress=False)
    assert again.links == first.links and "link" not in again.timings
    assert {p.name: p.stat().st_mtime_ns for p in (out / "documents").iterdir()} == stamps
    victim = next((out / "documents").iterdir())
    victim.write_text("{}", encoding="utf-8")              # a damaged output: linked and written again
    third = build(OWN_CORPUS, out, workers=1, progress=False)
    assert "link" in third.timings and third.links == first.links
    assert json.loads(victim.read_text(encoding="utf-8"))["document"]["id"] == victim.stem


def test_body_names_are_ordered_as_in_corpus_order_whatever_order_documents_arrive() -> None:
    """Workers finish in any order; the names of a body (ties of counts) must not depend on it."""
    from aseandocs.corpus.builder import _Names
    docs = [(0, (("SOMTC", "SOMTC", 2), ("ARF", "ASEAN Regional Forum", 1))),
            (1, (("SOMTC", "เจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ", 2),)),
            (2, (("ARF", "ARF", 1), ("SOMTC", "SOMTC", 1)))]
    in_order, reversed_ = _Names(), _Names()
    for pos, names in docs:
        in_order.add(pos, names)
    for pos, names in reversed(docs):
        reversed_.add(pos, names)
    a, b = in_order.counters(), reversed_.counters()
    assert a == b
    assert {k: c.most_common() for k, c in a.items()} == {k: c.most_common() for k, c in b.items()}
    assert a["SOMTC"].most_common() == [("SOMTC", 3), ("เจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ", 2)]
    assert a["ARF"].most_common() == [("ASEAN Regional Forum", 1), ("ARF", 1)]


@pytest.mark.parametrize("kind, measures, plan", [("plan", 2, True), ("plan", 0, False), ("news", 0, False),
                                                  ("report", 1, False)])
def test_a_record_after_linking_keeps_counts_not_measures(kind: str, measures: int, plan: bool) -> None:
    """Once the linking index is made the build keeps a Brief: counts, the measure summary and
    whether the document is a plan (the summary's plan count), never the measures' titles."""
    from aseandocs.corpus.plans import count_plans
    from aseandocs.corpus.records import Brief, briefs, compact
    ms = [{"id": f"d#1.{i}", "plan": "d", "ref": f"1.{i}", "title": f"ความร่วมมือ ข้อ {i}", "level": 2,
           "span": [0, 1]}
          for i in range(1, measures + 1)]
    payload = {"document": {"id": "d", "source": "d.txt", "kind": kind, "title": "t", "language": "th",
                            "text": "ข้อความ"}, "kind": kind, "measures": ms, "mentions": []}
    rec = compact(payload, graph=True)
    (b,) = briefs([rec])
    assert isinstance(b, Brief) and (b.id, b.measures, b.plan) == ("d", measures, plan)
    assert b.summary == rec.summary and count_plans([b]) == count_plans([rec]) == int(plan)
