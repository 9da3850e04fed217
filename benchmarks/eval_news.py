"""Score news.py (kind, title, document date, events) on the shared corpus without the pipeline.

    python benchmarks/eval_news.py [--corpus ../shared/corpus] [--gold ../shared/gold]
                                   [--out /tmp/news_eval] [--no-bodies]

For each document: read (utf-8), normalise, build a Document, run detect_kind / find_title /
find_document_date / extract_events (with body mentions from the registry when it is available),
write {"document": {...}, "events": [...]} to OUT/documents/<stem>.json, then run the shared scorer
on OUT/documents and print its table, the time taken, and every gold link evidence that no event
text contains.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from aseandocs.model import Document
from aseandocs.news import detect_kind, extract_events, find_document_date, find_title
from aseandocs.thai import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _fold(s: str) -> str:
    s = normalize(s or "").text.replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"\s+", " ", s).strip(" \t\n-–—:;,.")


def _registry():
    try:
        from aseandocs.bodies import BodyRegistry
        return BodyRegistry.load()
    except Exception as exc:  # the registry is another helper's work in progress
        print(f"(no body registry: {exc.__class__.__name__}: {exc})", file=sys.stderr)
        return None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--out", type=Path, default=Path("/tmp/news_eval"))
    ap.add_argument("--no-bodies", action="store_true")
    a = ap.parse_args(argv)
    out = a.out / "documents"
    out.mkdir(parents=True, exist_ok=True)
    reg = None if a.no_bodies else _registry()
    misses: list[str] = []
    total, n_events, chars = 0.0, 0, 0
    for path in sorted(a.corpus.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8")).text
        doc = Document.from_text(text, id=path.stem, source=str(path))
        t0 = time.perf_counter()
        mentions = reg.find(text) if reg is not None else []
        kind = detect_kind(doc)
        title = find_title(doc, kind)
        date = find_document_date(doc, kind)
        events = extract_events(doc, mentions, kind=kind)
        total += time.perf_counter() - t0
        n_events += len(events)
        chars += len(text)
        rec = {"document": {"id": doc.id, "source": doc.source, "kind": kind, "title": title,
                            "date": date, "language": None, "text": text},
               "mentions": [m.to_dict() for m in mentions],
               "events": [e.to_dict() for e in events]}
        (out / f"{path.stem}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
        gold_file = a.gold / f"{path.stem}.json"
        gold = json.loads(gold_file.read_text(encoding="utf-8")) if gold_file.exists() else {}
        print(f"{path.stem}: kind={kind} (gold {gold.get('kind')}) date={date} "
              f"(gold {gold.get('date')}) events={len(events)} title={(title or '')[:40]!r}")
        texts = [_fold(e.text) for e in events]
        for link in gold.get("links", []):
            ev = _fold(link["evidence"])
            if not any(ev in t or (len(t) >= 15 and t in ev) for t in texts):
                misses.append(f"{path.stem}: {link['evidence']}")
    print(f"\n{n_events} events from {chars} characters in {total:.2f} s "
          f"({chars / max(total, 1e-9) / 1000:.0f} k chars/s)")
    print(f"link evidence not in any event text: {len(misses)}")
    for m in misses:
        print("  " + m)
    score = SHARED / "eval" / "score.py"
    if score.is_file():
        print()
        subprocess.run([sys.executable, str(score), "--gold", str(a.gold), "--pred", str(out)],
                       check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
