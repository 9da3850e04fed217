"""The bad-input suite (issue 9): hostile and broken documents, interrupted and concurrent builds,
and HTML safety of everything a build writes.

Every input is generated here (no checked-in binaries). Each bad document must give a clear error
(file, reason, what to do) in ``OUT/errors.jsonl`` and in the printed summary while the batch goes
on; ``aseandocs build`` exits 0 on success, 3 when it completed with errors and 1 when it failed;
a build killed with SIGKILL leaves every output either as the previous build wrote it or as the
new one would, never truncated; a second build of the same OUT is refused.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable

import pytest

from aseandocs.corpus import BuildSummary, build
from aseandocs.errors import OutputLockedError, ReadError
from aseandocs.pipeline import parse
from aseandocs.readers import read

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "aseandocs.cli"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"}

# --- inputs ---------------------------------------------------------------------------------------

# Text written for these tests (Thai and ASCII only, so TIS-620 holds it).
PLAN = ("แผนงานความร่วมมืออาเซียนด้านการศึกษา\n"
        "1. ด้านการพัฒนาบุคลากร\n1.1 ส่งเสริมการแลกเปลี่ยนครูระหว่างประเทศสมาชิก\n- จัดการประชุมเชิงปฏิบัติการ\n"
        "1.2 พัฒนาหลักสูตรร่วม (SOMTC) ภายในปี 2562\n")
NEWS = ("ข่าวการประชุมอาเซียน\nเมื่อวันที่ 5 มีนาคม 2562 การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ "
        "ครั้งที่ 19 ได้รับรองแผนงานฉบับใหม่\n")


def pdf(pages: list[list[str]], *, encrypted: bool = False) -> bytes:
    """A minimal PDF written by hand: one Helvetica text line per string ([] = a page with no text
    layer that draws a box, as a scan draws its image);
    ``encrypted`` adds a standard security handler whose user password is not empty."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = "BT /F1 12 Tf 72 720 Td " + " 0 -16 Td ".join(f"({s}) Tj" for s in lines) + " ET"
        stream = ops.encode("latin-1") if lines else b"0 g 72 400 300 300 re f"
        kids.append(len(objs) + 1)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objs) + 2))
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    extra = b""
    if encrypted:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -4 >>")
        extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objs), b"07" * 16, b"07" * 16)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (k, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, extra, xref)
    return bytes(out)


EN_PAGE = ["ASEAN Work Plan on Education", "1.1 Promote teacher exchange", "1.2 Develop a joint curriculum"]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
DOCX = b"PK\x03\x04\x14\x00\x00\x00\x08\x00word/document.xml" + bytes(60)


def lossy_utf8() -> bytes:
    good = (PLAN * 5).encode("utf-8")
    cut = good.index(b"\n") + 1
    return good[:cut] + b"\xff\xfe\xc3(" + good[cut:]        # 3 bad bytes in 2,400


# (file name, bytes, outcome of ``aseandocs.parse``, outcome of a build). An outcome is
# ("error", exception class name, reason substring) or ("ok", checks on the parsed document).
Check = Callable[[Any], bool]
CASES: list[tuple[str, bytes, tuple[Any, ...], tuple[Any, ...]]] = [
    ("empty.txt", b"", ("ok", lambda d: d.document.text == "" and "empty document" in d.document.warnings),
     ("error", "ReadError", "an empty document")),
    ("whitespace.txt", " \t\r\n \n\u00a0\u3000\n".encode(),
     ("ok", lambda d: d.document.text == ""), ("error", "ReadError", "an empty document")),
    ("scan.txt", PNG, ("error", "UnsupportedFormatError", "binary content (PNG image)"),
     ("error", "UnsupportedFormatError", "binary content (PNG image)")),
    ("photo.pdf", PNG, ("error", "UnsupportedFormatError", "PNG image"),
     ("error", "UnsupportedFormatError", "PNG image")),
    ("report.html", DOCX, ("error", "UnsupportedFormatError", "Word document (DOCX)"),
     ("error", "UnsupportedFormatError", "Word document (DOCX)")),
    ("random.txt", random.Random(9).randbytes(20000), ("error", "ReadError", "binary content"),
     ("error", "ReadError", "binary content")),
    ("truncated.pdf", pdf([EN_PAGE, EN_PAGE])[:300], ("error", "ReadError", "corrupt or truncated PDF"),
     ("error", "ReadError", "corrupt or truncated PDF")),
    ("corrupt.pdf", b"%PDF-1.4\n" + random.Random(3).randbytes(2000), ("error", "ReadError", "corrupt or truncated"),
     ("error", "ReadError", "corrupt or truncated")),
    ("encrypted.pdf", pdf([EN_PAGE], encrypted=True), ("error", "ReadError", "encrypted PDF"),
     ("error", "ReadError", "encrypted PDF")),
    ("no text layer.pdf", pdf([[], []]),
     ("ok", lambda d: d.document.text == "" and all(p.needs_ocr for p in d.document.pages)),
     ("error", "ReadError", "no text layer on any page")),
    ("plan.pdf", pdf([EN_PAGE]), ("ok", lambda d: [m.ref for m in d.measures] == ["1.1", "1.2"]), ("ok",)),
    ("lossy utf8.txt", lossy_utf8(),
     ("ok", lambda d: "\ufffd" in d.document.text and any("lossy decode" in w for w in d.document.warnings)),
     ("ok",)),
    ("tis620.txt", PLAN.encode("tis-620"),
     ("ok", lambda d: d.document.encoding == "tis-620" and "1.1" in [m.ref for m in d.measures]), ("ok",)),
    ("utf16 bom.txt", PLAN.encode("utf-16"),
     ("ok", lambda d: d.document.encoding == "utf-16" and "1.1" in [m.ref for m in d.measures]), ("ok",)),
    ("utf16le.txt", PLAN.encode("utf-16-le"),
     ("ok", lambda d: d.document.encoding == "utf-16-le" and "1.2" in [m.ref for m in d.measures]), ("ok",)),
    ("utf16be.txt", NEWS.encode("utf-16-be"),
     ("ok", lambda d: d.document.encoding == "utf-16-be" and d.events), ("ok",)),
    ("nul bytes.txt", PLAN.encode().replace(b"\n", b"\x00\n"),
     ("ok", lambda d: "\x00" not in d.document.text and any("NUL" in w for w in d.document.warnings)), ("ok",)),
    ("script tags.txt", ("<script>document.title='pwned'</script>\n" * 500 + PLAN).encode(),
     ("ok", lambda d: d.document.text.count("<script>") == 500), ("ok",)),
    ("scripts.html", (b"<html><head><script>document.title='pwned'</script></head><body><p>"
                      b"&lt;script&gt;alert(1)&lt;/script&gt;</p><a href=\"javascript:alert(1)\">x</a></body></html>"),
     ("ok", lambda d: "document.title" not in d.document.text and "<script>alert(1)</script>" in d.document.text),
     ("ok",)),
    ("refs50.txt", "".join(".".join(["1"] * k) + f" ข้อที่ลึก {k}\n" for k in range(1, 51)).encode(),
     ("ok", lambda d: all(m.ref.count(".") < 50 and not m.ref.endswith(".") for m in d.measures)), ("ok",)),
    ('ข่าว "SOMTC" it\'s 2562.txt', NEWS.encode(), ("ok", lambda d: d.id == 'ข่าว "SOMTC" it\'s 2562'), ("ok",)),
]
CASE_IDS = [c[0] for c in CASES]


@pytest.mark.parametrize("name, data, expected", [(n, d, p) for n, d, p, _ in CASES], ids=CASE_IDS)
def test_parse_each_bad_input(tmp_path: Path, name: str, data: bytes, expected: tuple[Any, ...]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    if expected[0] == "error":
        with pytest.raises(ReadError) as e:
            parse(path)
        assert type(e.value).__name__ == expected[1] and expected[2] in e.value.reason
        assert str(e.value).startswith(f"{path}: ") and e.value.hint            # where, what, what to do
    else:
        assert expected[1](parse(path))


# --- one build over all of them ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The CLI builds a corpus of every input above plus links that lead nowhere."""
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for name, data, _, _ in CASES:
        (corpus / name).write_bytes(data)
    os.symlink("loop.txt", corpus / "loop.txt")                        # a link to itself
    os.symlink("nowhere.txt", corpus / "dangling.txt")
    os.symlink("..", corpus / "sub" / "back")                          # a folder loop: followed once
    os.mkfifo(corpus / "pipe.txt")                                     # never opened (it would block)
    run = subprocess.run([*CLI, "build", str(corpus), "-o", str(root / "out"), "--workers", "2",
                          "--no-progress"], capture_output=True, text=True, env=ENV, timeout=600)
    errors = [json.loads(x) for x in (root / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"run": run, "out": root / "out", "corpus": corpus,
            "errors": {Path(e["path"]).name: e for e in errors}}


BUILD_ERRORS = [(n, b) for n, _, _, b in CASES if b[0] == "error"] + [
    ("loop.txt", ("error", "ReadError", "a symbolic link loop")),
    ("dangling.txt", ("error", "ReadError", "a dangling symbolic link")),
]


@pytest.mark.parametrize("name, expected", BUILD_ERRORS, ids=[n for n, _ in BUILD_ERRORS])
def test_each_bad_document_is_an_error_record(bad_build: dict[str, Any], name: str, expected: tuple[str, ...]) -> None:
    e = bad_build["errors"][name]
    assert e["error"] == expected[1] and expected[2] in e["reason"], e
    assert Path(e["path"]).parent == bad_build["corpus"] and e["hint"], e      # where, and what to do
    assert f"{e['path']}: {e['reason']}" in bad_build["run"].stdout            # and in the summary
    assert not (bad_build["out"] / "documents" / f"{Path(name).stem}.json").exists()


@pytest.mark.parametrize("name", [n for n, _, _, b in CASES if b[0] == "ok"])
def test_the_batch_goes_on(bad_build: dict[str, Any], name: str) -> None:
    doc = json.loads((bad_build["out"] / "documents" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
    assert doc["document"]["id"] == Path(name).stem and name not in bad_build["errors"]


def test_the_build_says_completed_with_errors(bad_build: dict[str, Any]) -> None:
    run, out = bad_build["run"], bad_build["out"]
    assert run.returncode == 3, run.stderr
    assert set(bad_build["errors"]) == {n for n, _ in BUILD_ERRORS}              # nothing else failed
    assert f"errors {len(BUILD_ERRORS)} (see {out / 'errors.jsonl'})" in run.stdout
    assert "Traceback" not in run.stderr and not list(out.rglob("*.tmp"))
    db = sqlite3.connect(out / "aseandocs.sqlite")
    ids = {r[0] for r in db.execute("SELECT id FROM documents")}
    assert ids == {Path(n).stem for n, _, _, b in CASES if b[0] == "ok"}
    for name in ("graph.graphml", "graph.gexf"):
        ET.parse(out / name)                                                   # well-formed XML


def test_summary_lists_the_failures() -> None:
    fails = tuple({"path": f"c/{i}.txt", "error": "ReadError", "reason": "an empty document",
                   "hint": "add the text"} for i in range(BuildSummary.SHOWN + 2))
    s = BuildSummary(documents=1, skipped=0, measures=0, bodies=0, mentions=0, events=0, links=0, errors=len(fails),
                     cached=0, seconds=1.0, out=Path("out"), index=Path("out/index.html"), failures=fails)
    text = s.format()
    last = BuildSummary.SHOWN - 1
    assert "    c/0.txt: an empty document (add the text)" in text and f"c/{last}.txt" in text
    assert f"c/{last + 1}.txt" not in text and "... and 2 more in errors.jsonl" in text
    assert text.splitlines()[-1] == "  explorer: out/index.html"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; root reads anything, so there ``open`` is made to refuse that one file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(PLAN, encoding="utf-8")
    locked = corpus / "locked.txt"
    locked.write_text(PLAN, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:
        real_open = open

        def refusing_open(file: Any, *args: Any, **kw: Any) -> Any:
            if isinstance(file, (str, os.PathLike)) and Path(file).name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kw)
        monkeypatch.setattr("builtins.open", refusing_open)
    with pytest.raises(ReadError, match="locked.txt: permission denied .*chmod u\\+r"):
        read(locked)
    s = build(corpus, tmp_path / "out", workers=1, progress=False)
    assert (s.documents, s.errors) == (1, 1)
    assert s.failures[0]["reason"] == "permission denied" and "chmod u+r" in s.failures[0]["hint"]


# --- big inputs -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_million_bullets(tmp_path: Path) -> None:
    path = tmp_path / "bullets.txt"
    path.write_text("1.1 ส่งเสริมความร่วมมือ\n" + "- \n" * 1_000_000, encoding="utf-8")
    t = time.perf_counter()
    pd = parse(path)
    assert time.perf_counter() - t < 120
    assert [m.ref for m in pd.measures] == ["1.1"]


# A document on one line: a dated meeting statement naming a body, a ref and a bullet, repeated
# with no line break at all (the build gets 50 MB; each stage 5 MB, see below).
BIG_UNIT = ("การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ (SOMTC) ครั้งที่ 19 เมื่อวันที่ 5 มีนาคม 2562 "
            "ได้รับรองแผนงาน ASEAN ข้อ 1.2.3 - ")
BIG_BYTES = 50_000_000


def big_text(size: int = BIG_BYTES) -> str:
    return BIG_UNIT * (size // len(BIG_UNIT.encode()) + 1)


def bounded(run: Callable[[Any], object], limit: float, prepare: Callable[[], Any] = lambda: None) -> tuple[float, int]:
    """``run(prepare())`` in a forked child killed after ``limit`` s: (CPU seconds of ``run`` alone,
    or inf when killed; peak memory of the child in MB). CPU time, not wall time, so that other
    processes sharing the cores do not decide the outcome."""
    import multiprocessing
    import resource

    def child(conn: Any) -> None:
        x = prepare()
        t = time.process_time()
        run(x)
        conn.send((time.process_time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))

    ctx = multiprocessing.get_context("fork")
    parent, end = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=child, args=(end,))
    proc.start()
    end.close()
    got = parent.recv() if parent.poll(limit) else (float("inf"), 0)
    proc.kill()
    proc.join()
    return got


def light_parse(path: str) -> Any:
    """Read and normalise only: the build's own work (hashing, cache, JSON, store, graph, explorer)."""
    from aseandocs.model import ParsedDocument
    from aseandocs.pipeline import normalize_document
    return ParsedDocument(normalize_document(read(path)), kind="report", title="big")


@pytest.mark.slow
def test_a_50_mb_single_line_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "line.txt").write_text(big_text(), encoding="utf-8")
    out = tmp_path / "out"
    seconds, _ = bounded(lambda _: build(corpus, out, workers=1, progress=False, parse_fn=light_parse,
                                         max_doc_mb=None), 120)   # the size limit is test_faults.py's
    assert seconds < 120
    doc = json.loads((out / "documents" / "line.json").read_bytes())
    assert len(doc["document"]["text"]) >= BIG_BYTES // 3
    assert complete(str(out / "aseandocs.sqlite"), b"") and complete("index.html", (out / "index.html").read_bytes())
    t = time.perf_counter()
    assert build(corpus, out, workers=1, progress=False, parse_fn=light_parse, max_doc_mb=None).cached == 1
    assert time.perf_counter() - t < 60                                  # the re-run is served from the cache


def _prepare(stage: str) -> Callable[[], Any]:
    """What a stage gets: the raw line for normalisation, else the normalised text (and, for
    events, the body mentions), computed before the clock starts."""
    def prepare() -> Any:
        if stage == "thai.normalize":
            return big_text(STAGE_BYTES)
        from aseandocs.bodies import BodyRegistry
        from aseandocs.thai import normalize
        text = normalize(big_text(STAGE_BYTES)).text
        registry = BodyRegistry.load()
        return text, registry, registry.find(text) if stage == "news.extract_events" else ()
    return prepare


def _run(stage: str, x: Any) -> object:
    from aseandocs.model import Document
    from aseandocs.news import extract_events
    from aseandocs.plans import parse_plan_text
    from aseandocs.thai import normalize
    if stage == "thai.normalize":
        return normalize(x)
    text, registry, mentions = x
    if stage == "plans.parse_plan":
        return parse_plan_text(text, "big")
    if stage == "bodies.find":
        return registry.find(text)
    return extract_events(Document.from_text(text, id="big"), mentions, kind="news")


# Each stage on 5 MB of that line within 10 s (0.5 MB/s) and 1 GB. Measured on 2 shared cores at
# 5 MB: normalize 0.4 s, parse_plan 1.4-2.4 s, bodies.find 1.2 s, extract_events 3-5 s (0.2 s at
# 0.5 MB); on the 50 MB line itself: normalize 4.4 s, parse_plan 24 s, bodies.find 18 s.
STAGE_BYTES = 5_000_000
STAGE_LIMIT = 10.0


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["thai.normalize", "plans.parse_plan", "bodies.find", "news.extract_events"])
def test_each_stage_on_a_long_single_line(stage: str) -> None:
    seconds, peak_mb = bounded(lambda x: _run(stage, x), STAGE_LIMIT + 60, _prepare(stage))
    assert seconds < STAGE_LIMIT and peak_mb < 1024, (stage, seconds, peak_mb)


# Dense numbered lines: 100,000 lines "1.1 ก" (600 KB), a plan-shaped worst case. Each stage gets
# 0.5 MB/s; measured (2 shared cores): normalize 0.4 s, parse_plan 5.1 s (0.12 MB/s, linear: 16 s
# at 300,000 lines), bodies.find 0.4 s, extract_events 2.0 s.
DENSE = "1.1 ก\n" * 100_000
DENSE_LIMIT = len(DENSE.encode()) / 500_000


def _dense_run(stage: str) -> Callable[[Any], object]:
    def run(x: Any) -> object:
        from aseandocs.model import Document
        from aseandocs.news import extract_events
        from aseandocs.plans import parse_plan_text
        text, registry = x
        if stage == "plans.parse_plan":
            return parse_plan_text(text, "dense")
        if stage == "bodies.find":
            return registry.find(text)
        return extract_events(Document.from_text(text, id="dense"), (), kind="plan")
    return run


def _dense_prepare() -> Any:
    from aseandocs.bodies import BodyRegistry
    from aseandocs.thai import normalize
    return normalize(DENSE).text, BodyRegistry.load()


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["plans.parse_plan", "bodies.find"])
def test_dense_numbered_lines(stage: str) -> None:
    """100,000 one-line items ("1.1 ก" per line) cost time in proportion to their number: ten times
    the lines take well under 25 times the CPU time, and the whole run ends within its bound.
    (Speed targets themselves are measured in benchmarks/, not here.)"""
    small, _ = bounded(_dense_run(stage), DENSE_LIMIT + 60,
                       lambda: _dense_prepare_n(len(DENSE) // 10))
    large, _ = bounded(_dense_run(stage), 10 * DENSE_LIMIT + 60, _dense_prepare)
    assert large < 25 * max(small, 0.01), (stage, small, large)


def _dense_prepare_n(n_chars: int) -> Any:
    from aseandocs.bodies import BodyRegistry
    from aseandocs.thai import normalize
    return normalize(DENSE[:n_chars]).text, BodyRegistry.load()


# --- exit codes, concurrent and interrupted builds ----------------------------------------------------

MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน"]


def generated_corpus(root: Path, n: int, version: str) -> Path:
    """``n`` small Thai/English plans and news (a quarter plans); ``version`` changes every file."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        if i % 4 == 0:
            lines = [f"แผนงานความร่วมมืออาเซียน ฉบับที่ {i} รุ่น {version}"]
            for s in range(1, 4):
                lines.append(f"{s}. ด้านความร่วมมือที่ {s}")
                for m in range(1, 5):
                    lines += [f"{s}.{m} ส่งเสริมการแลกเปลี่ยนข้อมูลเรื่องที่ {i}-{s}-{m} ร่วมกับ SOMTC",
                              f"- จัดการประชุมเชิงปฏิบัติการครั้งที่ {m}"]
            (root / f"plan{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            (root / f"news{i:03d}.txt").write_text(
                f"ข่าวการประชุมอาเซียน ฉบับที่ {i} รุ่น {version}\nเมื่อวันที่ {1 + i % 27} {MONTHS[i % 6]} 2562 "
                f"การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ ครั้งที่ {i} ได้รับรองแผนงานการแลกเปลี่ยนข้อมูล\n"
                f"On {1 + i % 27} March 2019 the ASEAN Regional Forum adopted a work plan ({version}).\n",
                encoding="utf-8")
    return root


def cli_build(corpus: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*CLI, "build", str(corpus), "-o", str(out), "--workers", "1", "--no-progress", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


@pytest.mark.parametrize("setup, code, message", [
    ("clean", 0, "errors 0"),
    ("one bad file", 3, "an empty document"),
    ("out is a file", 1, "cannot create the output folder"),
    ("no corpus", 1, "no such corpus folder or file"),
])
def test_exit_codes(tmp_path: Path, setup: str, code: int, message: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    if setup == "one bad file":
        (corpus / "empty.txt").write_bytes(b"")
    elif setup == "out is a file":
        out.write_text("not a folder")
    elif setup == "no corpus":
        corpus = tmp_path / "missing"
    rc, stdout, stderr = finish(cli_build(corpus, out))
    assert rc == code, stderr
    assert message in (stdout if code != 1 else stderr) and "Traceback" not in stderr


@pytest.fixture(scope="module")
def busy_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_corpus(tmp_path_factory.mktemp("busy") / "corpus", 48, "a")


@pytest.mark.slow
def test_a_second_build_of_the_same_out_is_refused(busy_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = cli_build(busy_corpus, out)
    deadline = time.monotonic() + 60
    while not (out / ".lock").exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (out / ".lock").exists(), "the first build never took the lock"
    rc, _, err = finish(cli_build(busy_corpus, out))
    assert first.poll() is None, "the first build finished too early for this test"
    assert rc == 1 and f"another build (pid {first.pid}) is writing to this output folder" in err
    assert finish(first)[0] == 0
    with pytest.raises(OutputLockedError):          # and in the library: the lock of a live process
        lock = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time; "
                                 "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); fcntl.flock(fd, fcntl.LOCK_EX); "
                                 "os.write(fd, str(os.getpid()).encode()); print(1, flush=True); time.sleep(60)",
                                 str(out / ".lock")], stdout=subprocess.PIPE, text=True)
        try:
            lock.stdout.readline()                  # type: ignore[union-attr]
            build(busy_corpus, out, workers=1, progress=False)
        finally:
            lock.kill()
            lock.wait()


@pytest.mark.slow
def test_two_builds_racing_for_a_stale_lock(busy_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / ".lock").write_text(str(dead.pid))       # left by a build that was killed
    a, b = cli_build(busy_corpus, out), cli_build(busy_corpus, out)
    results = sorted([finish(a), finish(b)])
    assert [r[0] for r in results] == [0, 1], results
    assert "another build" in results[1][2] and not (out / ".lock").exists()


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and "cache" not in p.parts and p.name not in (".lock", "manifest.json")
            and not any(part.endswith(".tmp") for part in p.relative_to(out).parts)}


def complete(name: str, data: bytes) -> bool:
    """The file is whole: JSON parses, SQLite passes its integrity check, HTML/XML end properly."""
    if name.endswith((".json", ".jsonl")):
        for line in ([data] if name.endswith(".json") else data.splitlines()):
            json.loads(line)
        return True
    if name.endswith(".sqlite"):
        con = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
    if name.endswith(".html"):
        return data.rstrip().endswith(b"</html>")
    ET.fromstring(data)
    return True


def wait_for(cond: Callable[[], bool], proc: subprocess.Popen[str], limit: float = 120) -> bool:
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.002)
    return False


@pytest.mark.slow
def test_sigkill_mid_build_leaves_old_or_new_files_only(busy_corpus: Path, tmp_path: Path) -> None:
    """Build version a into OUT; start building version b into it, SIGKILL at several moments; every
    output is then a's file or b's file (compared with a reference build of b), never a torn one."""
    import shutil
    new_corpus = generated_corpus(tmp_path / "new", 48, "b")
    old_out, ref_out = tmp_path / "old", tmp_path / "ref"
    assert finish(cli_build(busy_corpus, old_out))[0] == 0
    assert finish(cli_build(new_corpus, ref_out))[0] == 0
    old, new = snapshot(old_out), snapshot(ref_out)
    assert old.keys() == new.keys() and all(old[k] != new[k] for k in old if k.startswith("documents/"))

    def changed(out: Path, name: str) -> Callable[[], bool]:
        def cond() -> bool:
            try:
                return (out / name).read_bytes() != old[name]
            except OSError:
                return False
        return cond

    moments = [("first document", "documents/news001.json"), ("graph written", "graph.json"),
               ("store written", "aseandocs.sqlite"), ("after 40% of the time", None)]
    killed_mid = 0
    for label, name in moments:
        out = tmp_path / f"out-{label.replace(' ', '-')}"
        shutil.copytree(old_out, out)
        proc = cli_build(new_corpus, out)
        if name is None:
            time.sleep(0.4 * 8)
        else:
            wait_for(changed(out, name), proc)
        running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_mid += running
        now = snapshot(out)
        assert now.keys() == old.keys(), (label, now.keys() ^ old.keys())
        for k, data in now.items():
            assert data in (old[k], new[k]), f"{label}: {k} is neither the old nor the new file"
            assert complete(str(out / k), data), f"{label}: {k} is not a complete file"
        rc, _, err = finish(cli_build(new_corpus, out))                 # the next build recovers
        assert rc == 0, err
        assert snapshot(out) == new and not list(out.rglob("*.tmp")) and not (out / ".lock").exists()
    assert killed_mid >= 3, "too few kills landed while the build was running"


def test_an_atomic_batch_puts_files_in_place_only_when_committed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 8: documents/*.json are flushed to disk a batch at a time (one os.sync, not an fsync
    per file); each file is still its old or its new version, whole."""
    import os as os_module

    from aseandocs._atomic import AtomicBatch
    syncs: list[int] = []
    monkeypatch.setattr(os_module, "sync", lambda: syncs.append(1))
    (tmp_path / "old.json").write_text("old", encoding="utf-8")
    batch = AtomicBatch(size=3)
    batch.write(tmp_path / "old.json", "ใหม่")
    batch.write(tmp_path / "b.json", b"b")
    assert (tmp_path / "old.json").read_text(encoding="utf-8") == "old" and not (tmp_path / "b.json").exists()
    assert syncs == []
    batch.write(tmp_path / "c.json", "c")                      # the third: flushed once, then renamed
    assert syncs == [1] and (tmp_path / "old.json").read_text(encoding="utf-8") == "ใหม่"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.json", "c.json", "old.json"]
    with pytest.raises(RuntimeError), AtomicBatch() as failing:
        failing.write(tmp_path / "b.json", "never")
        raise RuntimeError("the writer failed")
    assert (tmp_path / "b.json").read_bytes() == b"b"           # left as it was, no temporary file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.json", "c.json", "old.json"]


@pytest.mark.parametrize("writer", ["write_atomic", "atomic_path", "batch"])
def test_an_interrupt_while_the_temporary_file_is_created_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str) -> None:
    """A SIGINT/SIGTERM (raised as KeyboardInterrupt) that lands just after the temporary file is
    created, before anything is written to it, leaves no ``.tmp`` file and the target as it was:
    the creation is inside the block that removes it."""
    from aseandocs import _atomic
    real = _atomic._create

    def create_then_interrupt(tmp: Path) -> None:
        real(tmp)
        assert tmp.exists()
        raise KeyboardInterrupt

    monkeypatch.setattr(_atomic, "_create", create_then_interrupt)
    target = tmp_path / "doc.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        if writer == "write_atomic":
            _atomic.write_atomic(target, "new")
        elif writer == "atomic_path":
            with _atomic.atomic_path(target) as tmp:
                tmp.write_text("new", encoding="utf-8")
        else:
            with _atomic.AtomicBatch() as batch:
                batch.write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.json"]


def test_a_new_output_gets_the_mode_the_umask_gives(tmp_path: Path) -> None:
    """Outputs are renamed from temporary files; they are readable as any new file would be."""
    from aseandocs._atomic import write_atomic
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a.json", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o640


def test_cache_entries_are_not_fsynced_but_documents_are_flushed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache entry checks itself when read (one torn by a power cut is parsed again), so it is
    not fsynced; the documents are flushed before they replace the old ones."""
    import os as os_module

    from aseandocs import _atomic
    from aseandocs.corpus import build
    fsynced: list[str] = []
    synced: list[int] = []
    real = _atomic._fsync_file
    monkeypatch.setattr(_atomic, "_fsync_file", lambda p: (fsynced.append(Path(p)), real(p)))
    monkeypatch.setattr(os_module, "sync", lambda: synced.append(1))
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "news.txt").write_text("การประชุม SOMTC ครั้งที่ 19 เมื่อวันที่ 5 มีนาคม 2562", encoding="utf-8")
    build(corpus, tmp_path / "out", workers=1, progress=False)
    out = tmp_path / "out"
    assert synced                                               # the documents' batch
    assert not [p for p in fsynced if p.parent == out / "documents"]
    assert not [p for p in fsynced if p.parent == out / "cache" and re.fullmatch(r"\.[0-9a-f]{64}\.json\..+", p.name)]
    assert any(p.name.startswith(".graph.json.") for p in fsynced)   # the corpus-level outputs still are
    assert list((out / "cache").glob("[0-9a-f]*.json"))             # (an entry was written)


# --- HTML safety ----------------------------------------------------------------------------------

CHROMIUM = next((p for p in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser")
                 if p and os.path.exists(p)), None)
# Each payload, if it ever ran, would change the page title or mark the body.
PWN = "document.title='pwned';document.body.setAttribute('data-pwned','1')"
EVIL_LINES = [
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f"</script><script>{PWN}</script>",
    f"<a href=\"javascript:{PWN}\">javascript:{PWN}</a>",
    f"\u2028<svg onload=\"{PWN}\">\u2029",
    f"<!-- <script>{PWN}</script> -->",
]
EVIL_PLAN = ("แผนงาน " + EVIL_LINES[0] + "\n" + "".join(
    f"1.{i} ส่งเสริมความร่วมมือ {line}\n- จัดการประชุม {line}\n" for i, line in enumerate(EVIL_LINES, 1)))
EVIL_NEWS = (f"ข่าว {EVIL_LINES[1]}\nเมื่อวันที่ 5 มีนาคม 2562 การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านอาชญากรรมข้ามชาติ "
             f"ได้รับรองแผนงาน {EVIL_LINES[2]} {EVIL_LINES[4]}\n")
EVIL_NAME = '<img src=x onerror="document.title=1"> "q" \'q\''


@pytest.fixture(scope="module")
def evil_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "evil plan.txt").write_text(EVIL_PLAN, encoding="utf-8")
    (corpus / "evil news.txt").write_text(EVIL_NEWS, encoding="utf-8")
    (corpus / f"{EVIL_NAME}.txt").write_text(EVIL_NEWS, encoding="utf-8")
    (corpus / "evil page.html").write_text(f"<html><head><title>{EVIL_LINES[1]}</title><script>{PWN}</script>"
                                           f"</head><body><p>&lt;script&gt;{PWN}&lt;/script&gt;</p></body></html>",
                                           encoding="utf-8")
    s = build(corpus, root / "out", workers=1, progress=False, plans="evil plan.txt")   # its measures are graph nodes
    assert s.errors == 0 and s.documents == 4 and s.measures >= len(EVIL_LINES)
    return root / "out"


def test_the_page_holds_document_text_only_as_escaped_data(evil_build: Path) -> None:
    html = (evil_build / "index.html").read_text(encoding="utf-8")
    assert html.count("<script") == 2 and "</script><script>" not in html.split('id="data">', 1)[1].split("</script>")[0]
    assert "<img" not in html and "<svg" not in html and "\u2028" not in html and "\u2029" not in html
    assert "onerror=\\\"document" in html or "onerror=\\\"" in html             # the text is there, as data


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (make test installs Debian's chromium)")
@pytest.mark.parametrize("fragment", ["", "node=" + "doc:evil%20plan", "node=" + "doc:evil%20news",
                                      "q=pwned", "view=coverage", "node=doc:" + EVIL_NAME.replace(" ", "%20")])
def test_no_script_runs_in_the_browser(evil_build: Path, tmp_path: Path, fragment: str) -> None:
    url = (evil_build / "index.html").as_uri() + (f"#{fragment}" if fragment else "")
    run = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom", url],
                         capture_output=True, text=True, timeout=180)
    dom = run.stdout
    assert run.returncode == 0 and "ready:" in dom, run.stderr[-2000:]
    assert "<title>aseandocs explorer</title>" in dom and 'data-pwned="1"' not in dom
    assert "<img" not in dom and "<svg" not in dom
    if fragment.startswith(("node=doc:evil", "q=")):
        assert "&lt;script&gt;document.title='pwned'" in dom or "&lt;img src=x onerror=" in dom


def test_notebook_html_escapes_document_text(evil_build: Path) -> None:
    from aseandocs.graph import MeasureGraph
    g = MeasureGraph.load(evil_build)
    html = g._repr_html_()
    assert "<script" not in html and "<img" not in html
    hits = g.search("ส่งเสริมความร่วมมือ")
    assert hits, "search found nothing to render"
    table = hits._repr_html_()
    assert "<script" not in table and "<img" not in table and "&lt;img src=x onerror=" in table


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_stops_like_sigint_and_removes_the_lock(busy_corpus: Path, tmp_path: Path, workers: str) -> None:
    """Issue 19, item 10. Before: SIGTERM ended the build on the spot and left OUT/.lock behind
    (SIGINT did not). Now it stops as on Ctrl-C: exit 143, the lock and temporary files removed,
    and the next build runs."""
    out = tmp_path / "out"
    proc = subprocess.Popen([*CLI, "build", str(busy_corpus), "-o", str(out), "--workers", workers, "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    assert wait_for(lambda: (out / ".lock").exists() and any((out / "cache").glob("*.json")), proc), \
        "the build never started parsing"
    proc.send_signal(signal.SIGTERM)
    rc, _, err = finish(proc)
    assert rc == 143, err
    assert "terminated" in err
    assert not (out / ".lock").exists()
    assert not list(out.rglob("*.tmp"))
    assert finish(cli_build(busy_corpus, out))[0] == 0
