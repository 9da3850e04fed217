"""Body recognition speed against pythainlp's newmm word_tokenize on the same text.

    .venv/bin/python benchmarks/bench_bodies.py [--registry PATH] [--repeat N]

Prints, for each ../shared/corpus document and the total: characters, newmm seconds, recognition
seconds (aseandocs.bodies.find_bodies on normalised text; the automaton is built once, before
timing) and the ratio newmm / recognition (the target is >= 5). Best of N runs each.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _timing import best_of  # noqa: E402  (benchmarks/ is on sys.path when run as a script)
from pythainlp.tokenize import word_tokenize

from aseandocs.bodies import BodyRegistry, find_bodies
from aseandocs.thai import normalize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--registry", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    a = ap.parse_args(argv)
    docs = sorted(a.corpus.glob("*.txt"))
    if not docs:
        print(f"no documents in {a.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    reg = BodyRegistry.load(a.registry)
    find_bodies("ศูนย์", reg)                      # build the automaton outside the timings
    word_tokenize("อาเซียน", engine="newmm")       # load the newmm dictionary outside the timings
    print(f"registry: {len(reg)} bodies, loaded and compiled in {time.perf_counter() - t0:.2f} s")
    print(f"{'document':28s} {'chars':>8s} {'newmm s':>9s} {'bodies s':>9s} {'ratio':>7s} {'mentions':>8s}")
    tot = [0, 0.0, 0.0, 0]
    for p in docs:
        text = normalize(p.read_text(encoding="utf-8")).text
        tn = best_of(a.repeat, lambda t: word_tokenize(t, engine="newmm"), text)
        tb = best_of(a.repeat, find_bodies, text, reg)
        n = len(find_bodies(text, reg))
        print(f"{p.name:28s} {len(text):8d} {tn:9.4f} {tb:9.4f} {tn / tb:7.1f} {n:8d}")
        for i, v in enumerate((len(text), tn, tb, n)):
            tot[i] += v
    print(f"{'total':28s} {tot[0]:8d} {tot[1]:9.4f} {tot[2]:9.4f} {tot[1] / tot[2]:7.1f} {tot[3]:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
