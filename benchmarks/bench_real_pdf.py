"""Real Thai PDFs (../shared/pdf): damage left in ``aseandocs.read(path, ocr=False).text`` beside
pypdfium2's raw ``get_text_range()`` text, counted by ../shared/eval/thai_quality.py, each count
beside the target of issue 17, and pages per second over the pages with a text layer.

    .venv/bin/python benchmarks/bench_real_pdf.py [--repeat N] [PDF ...]

Targets, per file with a text layer (raw = pypdfium2's text of the same file): cid <= raw;
am_aa 0; am_lost <= 0.2% of Thai tokens; aa_as_am <= max(5% of raw's, 0.2% of tokens); every
other broken sequence (orphan_mark, space_mark, space_vowel, pua, split_am) < 1% of Thai tokens;
unknown <= 4%. Speed: >= 60 pages/s over the pages with a text layer, every repair on (best of ``--repeat``
reads, each with the repair's per-text caches emptied: no read profits from an earlier one).
Skips (exit 0) when ../shared/pdf is absent.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PDFS = SHARED / "pdf"
QUALITY = SHARED / "eval" / "thai_quality.py"
OTHER = ("orphan_mark", "space_mark", "space_vowel", "pua", "split_am")
TARGET_PPS = 60.0


def quality_module():
    spec = importlib.util.spec_from_file_location("thai_quality", QUALITY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)   # type: ignore[union-attr]
    return mod


def raw_text(path: Path) -> tuple[str, int, int]:
    """pypdfium2's plain text of every page, the page count and the pages with any text."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    try:
        parts, with_text = [], 0
        for page in pdf:
            tp = page.get_textpage()
            t = tp.get_text_range()
            with_text += bool(t.strip())
            parts.append(t)
            tp.close()
            page.close()
        return "\n".join(parts), len(pdf), with_text
    finally:
        pdf.close()


def forget_texts() -> None:
    """Empty the per-text caches of the Thai repair (the word lists stay loaded), so that every
    timed read pays for its own text, as a first read of a file does."""
    from aseandocs.thai import glyphs, pdf_repair, repair, typed
    for mod in (glyphs, pdf_repair, repair, typed):
        for f in vars(mod).values():
            info = getattr(f, "cache_info", None)
            if info is not None and (info().maxsize or 0) > 1:
                f.cache_clear()


def load_word_lists() -> None:
    """Load the dictionary, word frequencies and tables the repair keeps for the process (the
    caches of one entry), as any earlier read of a Thai text would have."""
    from aseandocs.thai import glyphs, pdf_repair, repair, typed
    for mod in (glyphs, pdf_repair, repair, typed):
        for f in list(vars(mod).values()):
            info = getattr(f, "cache_info", None)
            if info is not None and info().maxsize == 1:
                f()


def checks(q: dict, raw: dict) -> dict[str, tuple[float, float, bool]]:
    """count name -> (value, target, met) for one file."""
    tok = max(q["thai_tokens"], 1)
    out = {
        "cid": (q["cid"], raw["cid"], q["cid"] <= raw["cid"]),
        "am_aa": (q["am_aa"], 0, q["am_aa"] == 0),
        "am_lost": (q["am_lost"], 0.002 * tok, q["am_lost"] <= 0.002 * tok),
    }
    lim = max(0.05 * raw["aa_as_am"], 0.002 * tok)
    out["aa_as_am"] = (q["aa_as_am"], lim, q["aa_as_am"] <= lim)
    other = sum(q[k] for k in OTHER)
    out["other"] = (other, 0.01 * tok, other < 0.01 * tok)
    unk = q["unknown"] or 0.0
    out["unknown"] = (unk, 0.04, unk <= 0.04)
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args(argv)
    if not a.pdfs and not PDFS.is_dir():
        print("../shared/pdf is absent: nothing to measure")
        return 0
    from aseandocs import read
    tq = quality_module()
    pdfs = a.pdfs or sorted(PDFS.glob("*.pdf"))
    read(pdfs[-1], ocr=False)        # load the word lists and fonts once, outside the timing
    load_word_lists()
    print("| file | pages (text) | count | aseandocs | raw pdfium | target | result |")
    print("|---|---:|---|---:|---:|---:|---|")
    total_pages = total_time = 0.0
    failed = 0
    for p in pdfs:
        raw, pages, with_text = raw_text(p)
        best = float("inf")
        for _ in range(a.repeat):
            forget_texts()
            t0 = time.perf_counter()
            doc = read(p, ocr=False)
            best = min(best, time.perf_counter() - t0)
        if not with_text:
            print(f"| {p.name} | {pages} (0) | needs_ocr pages | "
                  f"{sum(pg.needs_ocr for pg in doc.pages)} | | {pages} | |")
            continue
        total_pages += with_text
        total_time += best
        q, r = tq.quality(doc.text), tq.quality(raw)
        for k, (v, tgt, ok) in checks(q, r).items():
            rv = r[k] if k in r else sum(r[x] for x in OTHER)
            failed += not ok
            print(f"| {p.name} | {pages} ({with_text}) | {k} | {v} | {rv} | "
                  f"{tgt if isinstance(tgt, int) else round(tgt, 3)} | {'PASS' if ok else 'FAIL'} |")
        print(f"| {p.name} | {pages} ({with_text}) | pages/s | {with_text / best:.1f} | | | |")
    if total_time:
        pps = total_pages / total_time
        ok = pps >= TARGET_PPS
        failed += not ok
        print(f"| all | {int(total_pages)} | pages/s | {pps:.1f} | | >= {TARGET_PPS:.0f} | "
              f"{'PASS' if ok else 'FAIL'} |")
    print(f"\n{failed} target(s) not met" if failed else "\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
