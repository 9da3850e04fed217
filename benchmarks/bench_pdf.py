"""PDF reading speed: ``aseandocs.read`` (with Thai repair, headers, tables) beside plain
pdfplumber ``extract_text`` on the same PDFs.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N] [--shared] [PDF ...]

Default PDFs: tests/data/pdf/*.pdf; with ``--shared`` also ../shared/corpus/*.txt printed to PDF
with headless Chromium in a temporary folder (nothing is kept). Prints, per PDF and in total:
pages, pages per second of plain ``page.extract_text(x_tolerance=1.5, y_tolerance=3)`` (the
reader before the repair layer), of ``aseandocs.read``, and the overhead of read over plain
(the target is at most +30%). Best of N runs each.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

import pdfplumber
from _timing import best_of  # noqa: E402  (benchmarks/ is on sys.path when run as a script)

from aseandocs import read

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "pdf"
SHARED = ROOT.parent / "shared" / "corpus"


def plain(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text(x_tolerance=1.5, y_tolerance=3)
            page.close()
        return len(pdf.pages)


def shared_pdfs(out: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    mk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mk)   # type: ignore[union-attr]
    pdfs = []
    for src in sorted(SHARED.glob("*.txt")):
        html = mk.text_page(src.read_text(encoding="utf-8"), title=src.stem, font="Garuda",
                            lines=False)
        pdfs.append(mk.render_pdf(html, out / f"{src.stem}.pdf"))
    return pdfs


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared", action="store_true", help="also ../shared/corpus printed to PDF")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = a.pdfs or sorted(FIXTURES.glob("*.pdf"))
        if a.shared:
            if not SHARED.is_dir():
                print("../shared/corpus is absent", file=sys.stderr)
                return 2
            pdfs += shared_pdfs(Path(tmp))
        print(f"{'pdf':34} {'pages':>5} {'plain p/s':>10} {'read p/s':>10} {'overhead':>9}")
        tp = tr = 0.0
        tn = 0
        for p in pdfs:
            n = plain(p)
            t_plain = best_of(a.repeat, plain, p)
            t_read = best_of(a.repeat, lambda q: read(q, ocr=False), p)   # OCR is not text extraction
            tp, tr, tn = tp + t_plain, tr + t_read, tn + n
            print(f"{p.name[:34]:34} {n:5d} {n / t_plain:10.1f} {n / t_read:10.1f} "
                  f"{100 * (t_read / t_plain - 1):+8.0f}%")
        print(f"{'total':34} {tn:5d} {tn / tp:10.1f} {tn / tr:10.1f} {100 * (tr / tp - 1):+8.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
