"""Faults that used to lose or mix data (issue 19). Each test says what happened before."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OWN_CORPUS, ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}


def _build(corpus: Path, out: Path, *args: str, umask: int | None = None, **kw) -> subprocess.CompletedProcess[str]:
    code = ("import os, sys; from aseandocs.cli import main; "
            + (f"os.umask({umask}); " if umask is not None else "")
            + "sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, "build", str(corpus), "-o", str(out), "--workers", "1",
                           "--no-progress", *args], capture_output=True, text=True, env=ENV, timeout=600, **kw)


def _small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("th_plan_annex_flat.txt", "th_news_ascco.txt"):
        (corpus / name).write_bytes((OWN_CORPUS / name).read_bytes())
    return corpus


# --- item 6: outputs get the umask's mode --------------------------------------------------------
# Before: every output was 0600 (mkstemp), so a web server or a shared folder could not read them.

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    out = tmp_path / "out"
    p = _build(_small_corpus(tmp_path), out, umask=umask)
    assert p.returncode == 0, p.stderr
    files = [out / n for n in ("index.html", "graph.json", "graph.graphml", "graph.gexf", "aseandocs.sqlite",
                               "errors.jsonl")] + sorted((out / "documents").glob("*.json"))
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == mode, (f.name, oct(f.stat().st_mode))


# --- item 3: cache entries are checked, never trusted blindly -------------------------------------
# Before: an entry replaced by another document's made a build succeed while deleting that
# document's output (one document counted twice); a well-formed but wrong entry failed a healthy
# file ("please report it") and deleted its output; {"error": "x"} crashed the build (exit 4).

def _entries(out: Path) -> dict[str, Path]:
    """source file name -> its cache entry."""
    import json
    found = {}
    for f in (out / "cache").glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        if isinstance(d, dict) and "parsed" in d:
            found[Path(d["parsed"]["document"]["source"]).name] = f
    return found


def _wrong_entries(a: Path, b: Path) -> list[tuple[str, bytes]]:
    """(what, bytes to write over b's entry) for each kind of wrong entry."""
    import json
    entry = json.loads(b.read_text(encoding="utf-8"))
    shapeless = dict(entry, parsed={**entry["parsed"], "measures": "not a list"})
    return [("another document's entry", a.read_bytes()),
            ("a well-formed entry of the wrong shape", json.dumps(shapeless).encode()),
            ("an error that is not a record", json.dumps({"key": entry["key"], "error": "x"}).encode()),
            ("no key", json.dumps({"error": {"path": "x", "error": "E", "reason": "r"}}).encode()),
            ("not JSON", b"{\"parsed\": ")]


@pytest.mark.parametrize("case", range(5))
def test_a_wrong_cache_entry_is_a_miss_and_the_document_is_parsed_again(tmp_path: Path, case: int) -> None:
    import json
    corpus = _small_corpus(tmp_path)
    out = tmp_path / "out"
    assert _build(corpus, out).returncode == 0
    before = {p.name: p.read_bytes() for p in (out / "documents").glob("*.json")}
    entries = _entries(out)
    what, data = _wrong_entries(entries["th_plan_annex_flat.txt"], entries["th_news_ascco.txt"])[case]
    entries["th_news_ascco.txt"].write_bytes(data)
    p = _build(corpus, out, "--json")
    assert p.returncode == 0, (what, p.stderr)
    summary = json.loads(p.stdout)
    assert summary["documents"] == 2 and summary["errors"] == 0, what
    assert summary["cached"] == 1, what                       # the other document still from cache
    after = {p.name: p.read_bytes() for p in (out / "documents").glob("*.json")}
    assert after == before, what


# --- item 2: a full disk leaves the previous outputs whole ----------------------------------------
# Before: graph.json, the store, index.html and documents/ were the new build's while graph.graphml
# and graph.gexf were the old one's, a cache/.graph-parts.*.tmp folder stayed on the full disk, and
# the build exited 4 ("internal error ... please report it") without naming a path.

def _du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and "cache" not in p.parts and p.name not in (".lock",)}


@pytest.fixture()
def small_disk(tmp_path: Path):
    """A factory of tmpfs mounts of a given size (root only; skipped where mounting is refused)."""
    import shutil
    mounts: list[Path] = []

    def make(size: int) -> Path:
        point = tmp_path / f"disk{len(mounts)}"
        point.mkdir()
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("a small disk needs root to mount a tmpfs")
        p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                           capture_output=True, text=True)
        if p.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({p.stderr.strip()})")
        mounts.append(point)
        return point

    yield make
    for m in mounts:
        subprocess.run(["umount", "-l", str(m)], capture_output=True)


@pytest.mark.slow
def test_a_full_disk_during_the_outputs_leaves_the_previous_outputs_whole(tmp_path: Path, small_disk) -> None:
    import shutil
    corpus = _small_corpus(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    assert _build(corpus, first).returncode == 0                      # the outputs of version 1
    plan = (OWN_CORPUS / "th_plan_lines.txt").read_text(encoding="utf-8")
    for i in range(24):                                               # version 2: many more documents
        (corpus / f"plan_copy_{i:02d}.txt").write_text(plan.replace("อาเซียน", f"อาเซียน {i}"), encoding="utf-8")
    assert _build(corpus, second).returncode == 0                     # its cache, made on a big disk
    before = {k: v for k, v in _outputs(first).items()}
    need_new = _du(second) - _du(second / "cache")
    disk = small_disk(_du(first) + _du(second / "cache") + 64 * 1024 + need_new // 3)
    out = disk / "out"
    shutil.copytree(first, out, ignore=shutil.ignore_patterns("cache"))
    shutil.copytree(second / "cache", out / "cache")
    p = _build(corpus, out)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "no space left on device" in p.stderr.lower() and str(out) in p.stderr, p.stderr
    assert "previous outputs" in p.stderr and "unchanged" in p.stderr
    assert "internal error" not in p.stderr
    assert _outputs(out) == before                                    # every output the old one, whole
    assert not [q for q in out.rglob("*") if q.name.endswith(".tmp")]  # no temporary left on the disk


# --- item 7: output folders are never read as input -----------------------------------------------
# Before: CORPUS == OUT built nothing and exited 0; a second OUT inside the corpus indexed the
# first OUT's index.html as a document.

def test_corpus_and_out_the_same_folder_is_a_clear_error(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path)
    p = _build(corpus, corpus)
    assert p.returncode == 1 and "the corpus and the output folder are the same" in p.stderr


def test_another_builds_output_inside_the_corpus_is_not_read(tmp_path: Path) -> None:
    import json
    corpus = _small_corpus(tmp_path)
    assert _build(corpus, corpus / "first_out").returncode == 0
    p = _build(corpus, corpus / "second_out", "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["documents"] == 2           # not first_out/index.html
    docs = {q.name for q in (corpus / "second_out" / "documents").iterdir()}
    assert docs == {"th_plan_annex_flat.json", "th_news_ascco.json"}


def test_an_output_folder_given_as_the_corpus_is_refused(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path)
    assert _build(corpus, tmp_path / "out").returncode == 0
    p = _build(tmp_path / "out", tmp_path / "out2")
    assert p.returncode == 1 and "output folder of an earlier build" in p.stderr


# --- item 4: outputs changed in place are not reused ---------------------------------------------
# Before: a graph.json or store overwritten with other bytes of the same size and time survived a
# rebuild of the unchanged corpus (its size and time were all that was checked).

@pytest.mark.parametrize("name", ["graph.json", "aseandocs.sqlite", "index.html"])
def test_an_output_corrupted_in_place_is_written_again(tmp_path: Path, name: str) -> None:
    corpus, out = _small_corpus(tmp_path), tmp_path / "out"
    assert _build(corpus, out).returncode == 0
    path = out / name
    good, st = path.read_bytes(), path.stat()
    path.write_bytes(bytes(len(good)))                        # same size ...
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))       # ... and the same time
    assert _build(corpus, out).returncode == 0
    assert path.read_bytes() == good


# --- item 8: a limit per document ------------------------------------------------------------------
# Before: one 200 MB text file ran past 300 s at 4.7 GB; nothing stopped a document.

def _slow_parse(path: str):
    """The pipeline, except that a file named "endless" never finishes."""
    import time as _time

    from aseandocs.pipeline import parse
    if "endless" in str(path):
        while True:
            _time.sleep(0.01)
    return parse(path)


@pytest.mark.parametrize("workers, engine", [(1, "local"), (2, "local"), (2, "dask")])
def test_a_document_past_its_time_limit_fails_and_the_build_goes_on(tmp_path: Path, workers: int, engine: str) -> None:
    from aseandocs.corpus import build
    if engine == "dask":
        pytest.importorskip("distributed")
    corpus = _small_corpus(tmp_path)
    (corpus / "endless.txt").write_text("ข่าวที่ไม่มีวันจบ", encoding="utf-8")
    s = build(corpus, tmp_path / "out", workers=workers, engine=engine, parse_fn=_slow_parse,
              doc_timeout=6, progress=False)   # well above a real parse on a busy machine
    assert s.documents == 2 and s.errors == 1
    (failure,) = s.failures
    assert failure["path"].endswith("endless.txt")
    assert "longer than the limit of 6 s" in failure["reason"] and "--doc-timeout" in failure["hint"]


def test_a_document_over_the_size_limit_fails_and_the_build_goes_on(tmp_path: Path) -> None:
    corpus = _small_corpus(tmp_path)
    (corpus / "huge.txt").write_text("การประชุมอาเซียน " * 20_000, encoding="utf-8")   # ~0.5 MB
    p = _build(corpus, tmp_path / "out", "--max-doc-mb", "0.2", "--json")
    import json
    summary = json.loads(p.stdout)
    assert p.returncode == 3 and summary["documents"] == 2 and summary["errors"] == 1
    (failure,) = summary["failures"]
    assert failure["path"].endswith("huge.txt") and "over the limit of 0.2 MB" in failure["reason"]


def test_limits_are_validated() -> None:
    from aseandocs.corpus import BuildSettings
    with pytest.raises(ValueError, match="max_doc_mb must be a positive number"):
        BuildSettings(max_doc_mb=-1)
    assert BuildSettings(doc_timeout=None).doc_timeout is None
