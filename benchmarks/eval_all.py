"""Score the whole pipeline (parse every document, link the corpus) with the shared scorer.

    .venv/bin/python benchmarks/eval_all.py CORPUS_DIR OUT_DIR GOLD_DIR
    .venv/bin/python benchmarks/eval_all.py ../shared/corpus /tmp/shared_pred ../shared/gold
    .venv/bin/python benchmarks/eval_all.py corpus /tmp/own_pred corpus/gold

Writes OUT_DIR/<id>.json for every txt/html document, then prints the scorer's table. Used to check
that an optimisation changes no result: the scores (and the JSON) must stay the same.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from aseandocs.linking import link_corpus
from aseandocs.pipeline import parse

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    corpus, out, gold = Path(argv[0]), Path(argv[1]), argv[2]
    out.mkdir(parents=True, exist_ok=True)
    docs = [parse(p) for p in sorted(corpus.iterdir()) if p.suffix in (".txt", ".html")]
    for d in link_corpus(docs):
        (out / f"{d.id}.json").write_text(json.dumps(d.to_dict(), ensure_ascii=False), encoding="utf-8")
    if not SCORER.is_file():
        print("scorer absent (../shared/eval/score.py): predictions written, not scored", file=sys.stderr)
        return 0
    return subprocess.call([sys.executable, str(SCORER), "--gold", gold, "--pred", str(out)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
