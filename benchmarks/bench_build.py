"""Build speed (first build vs a re-run on an unchanged corpus) and the explorer at 5,000 nodes.

    .venv/bin/python benchmarks/bench_build.py [--corpus DIR] [--copies N] [--workers N] [--nodes N]

Part 1 builds a corpus (default ../shared/corpus, else corpus/; ``--copies N`` builds N renamed
copies of each document, made in a temporary folder) twice into a fresh output folder and prints
each phase's seconds; the target is a re-run at least 5x faster than the first build (the cache
re-parses nothing; linking, the graph, the exports, the store and the explorer are redone).
Part 2 renders the explorer for a synthetic graph of about ``--nodes`` nodes and loads it in headless
Chromium, reading the load time the page writes to the DOM (``#load-ms``).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aseandocs.explorer import render_explorer
from aseandocs.graph import MeasureGraph
from aseandocs.model import Activity, Document, Event, Link, Measure, Mention, ParsedDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
PHASES = ("discover", "parse", "load", "link", "documents", "graph", "exports", "store", "explorer",
          "outputs kept")


def _corpus(src: Path, copies: int, tmp: Path) -> Path:
    if copies <= 1:
        return src
    dest = tmp / "corpus"
    dest.mkdir()
    for p in sorted(src.iterdir()):
        if p.is_file() and p.suffix.lower() in {".txt", ".html", ".htm", ".pdf", ".text"}:
            for i in range(copies):
                shutil.copyfile(p, dest / f"{p.stem}_c{i}{p.suffix}")
    return dest


_RUN = ("import json, sys; from aseandocs.corpus import build; "
        "s = build(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]) or None, progress=False); "
        "print(json.dumps(s.to_dict()))")


def _build_in_new_process(corpus: Path, out: Path, workers: int | None) -> tuple[dict, float]:
    """One build as a user runs it: a fresh interpreter, so imports and registry loading count."""
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _RUN, str(corpus), str(out), str(workers or 0)],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1]), time.perf_counter() - t0


def bench_build(corpus: Path, workers: int | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        first, first_wall = _build_in_new_process(corpus, out, workers)
        again, again_wall = _build_in_new_process(corpus, out, workers)
    print(f"\n## build of {corpus} ({first['documents']} documents, {first['errors']} errors, "
          f"{first['measures']} measures, {first['events']} events, {first['links']} links)\n")
    print("| phase | first build s | re-run s |\n|---|---:|---:|")
    for ph in PHASES:
        print(f"| {ph} | {first['timings'].get(ph, 0):.3f} | {again['timings'].get(ph, 0):.3f} |")
    print(f"| build() total | {first['seconds']:.3f} | {again['seconds']:.3f} |")
    print(f"| process wall clock (with imports) | {first_wall:.3f} | {again_wall:.3f} |")
    inner = first["seconds"] / max(again["seconds"], 1e-9)
    wall = first_wall / max(again_wall, 1e-9)
    print(f"\nre-run reused {again['cached']} cached documents; speed-up {inner:.1f}x in build(), "
          f"{wall:.1f}x wall clock ({'meets' if inner >= 5 else 'MISSES'} the 5x target)")


def synthetic(nodes: int) -> list[ParsedDocument]:
    """Plans (sections > measures > sub-measures with 2 activities) and news reporting on them,
    sized to about ``nodes`` graph nodes."""
    per_plan = 8 * (1 + 16 * 7)
    plans = max(1, round(nodes * 0.87 / per_plan))
    docs = []
    for p in range(plans):
        ms = []
        for s in range(1, 9):
            ms.append(Measure(f"p{p}#{s}", f"p{p}", str(s), None, 1, f"หมวด {s} section", (0, 1)))
            for m in range(1, 17):
                ms.append(Measure(f"p{p}#{s}.{m}", f"p{p}", f"{s}.{m}", str(s), 2, f"มาตรการ {s}.{m} measure",
                                  (0, 1), bodies=(f"B{(s * m + p) % 120}",)))
                for k in (1, 2):
                    ms.append(Measure(f"p{p}#{s}.{m}.{k}", f"p{p}", f"{s}.{m}.{k}", f"{s}.{m}", 3,
                                      f"ข้อย่อย {s}.{m}.{k}", (0, 1),
                                      activities=(Activity("จัดประชุม workshop", (0, 1)), Activity("report", (0, 1)))))
        docs.append(ParsedDocument(Document.from_text("…", id=f"p{p}"), kind="plan", title=f"Plan {p}",
                                   measures=tuple(ms)))
    news = max(1, (nodes - plans * per_plan - 120) // 9)
    for n in range(news):
        evs = tuple(Event("meeting", f"การประชุม {n}/{e}", (0, 1), date=f"20{10 + n % 10}-0{1 + e % 9}-15",
                          bodies=(f"B{(n + e) % 120}",),
                          measures=(Link(f"p{(n + e) % plans}", f"{1 + e % 8}.{1 + n % 16}", 0.7, ("ประชุม",)),))
                    for e in range(8))
        docs.append(ParsedDocument(Document.from_text("…", id=f"n{n}"), kind="news", title=f"ข่าว {n}",
                                   events=evs, mentions=(Mention(f"B{n % 120}", "ชื่อ", (0, 1)),)))
    return docs


def bench_explorer(nodes: int) -> None:
    graph = MeasureGraph.from_documents(synthetic(nodes), registry=False)
    n = graph.graph.number_of_nodes()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "index.html"
        t0 = time.perf_counter()
        render_explorer(graph, page)
        render_s = time.perf_counter() - t0
        size = page.stat().st_size
        chromium = shutil.which("chromium")
        load = wall = None
        if chromium:
            t0 = time.perf_counter()
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                  "--no-first-run", "--disable-background-networking",
                                  "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp}/p",
                                  "--window-size=1280,800", "--dump-dom", page.as_uri()],
                                 capture_output=True, text=True, timeout=180).stdout
            wall = time.perf_counter() - t0
            m = re.search(r'id="load-ms" data-ms="([\d.]+)"', dom)
            load = float(m.group(1)) if m and f"ready: {n} nodes" in dom else None
    print(f"\n## explorer at {n} nodes, {graph.graph.number_of_edges()} edges\n")
    print("| step | value |\n|---|---:|")
    print(f"| render in Python (layout + HTML) | {render_s:.2f} s |")
    print(f"| index.html size | {size / 1e6:.2f} MB |")
    print(f"| page ready in Chromium (from the DOM) | {f'{load:.0f} ms' if load is not None else 'n/a (no chromium)'} |")
    print(f"| chromium run, wall clock | {f'{wall:.2f} s' if wall is not None else 'n/a'} |")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED if SHARED.is_dir() else ROOT / "corpus")
    ap.add_argument("--copies", type=int, default=1, help="renamed copies of each document")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--nodes", type=int, default=5000)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        bench_build(_corpus(a.corpus, a.copies, Path(tmp)), a.workers)
    bench_explorer(a.nodes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
