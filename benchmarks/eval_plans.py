"""Score aseandocs.plans alone on the shared corpus (no other pipeline stage needed).

    python benchmarks/eval_plans.py [CORPUS_DIR] [GOLD_DIR] [OUT_DIR]

Writes OUT_DIR/documents/<stem>.json ({"document": {...}, "measures": [...]}) for every
CORPUS_DIR/*.txt, prints the parse time per document, then runs the shared scorer on them.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from aseandocs.model import Document
from aseandocs.plans import parse_plan
from aseandocs.thai import normalize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else SHARED / "corpus"
    gold = Path(argv[1]) if len(argv) > 1 else SHARED / "gold"
    out = Path(argv[2]) if len(argv) > 2 else Path("/tmp/plans_eval")
    docs = out / "documents"
    docs.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.glob("*.txt")):
        text = normalize(path.read_text(encoding="utf-8")).text
        doc = Document(id=path.stem, source=str(path), text=text)
        t0 = time.perf_counter()
        measures = parse_plan(doc)
        dt = time.perf_counter() - t0
        print(f"{path.stem:28s} {len(text):7d} chars {len(measures):4d} measures {dt * 1000:8.1f} ms")
        payload = {"document": {"id": doc.id, "source": doc.source, "text": text},
                   "measures": [m.to_dict() for m in measures]}
        (docs / f"{path.stem}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    score = SHARED / "eval" / "score.py"
    if not score.is_file():
        print("scorer absent: skipped", file=sys.stderr)
        return 0
    return subprocess.call([sys.executable, str(score), "--gold", str(gold), "--pred", str(docs)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
