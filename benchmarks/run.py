"""`make bench`: run every benchmark in this folder, one after another, each printing its table.

bench_perf.py comes first: the tables of issue 8 (characters per second of every stage beside
newmm, linking scaling, parallel build, memory), each target with a PASS/FAIL column. Then the
others (bench_bodies.py, bench_build.py: the build cache and the explorer; bench_doc_dates.py:
document dates of the ../shared/thaigov articles against their date lines, target >= 99.5%;
bench_real_pdf.py: the damage thai_quality.py counts in the text of the real Thai PDFs of
../shared/pdf beside pypdfium2's raw text, and pages per second, each beside issue 17's target; bench_links.py: link
reliability, the threshold by leave-one-document-out, the ../shared/thaigov feed per measure;
bench_queries.py: the graph queries from the store on ../shared/thaigov; bench_real_outputs.py:
the outputs' size and the explorer in Chromium on the same build; bench_real_memory.py: the
peak memory of builds of 10%, 30% and 100% of ../shared/thaigov and its slope, with
BENCH_SIZES=1gb-real a 1 GB corpus made from those articles, its last figure kept in
last_1gb_real_build.json; bench_incremental.py: 10 articles added to that build beside a full
build, target < 25%, and the equality with a fresh build; bench_real_speed.py: the per-document
stages beside newmm on ../shared/thaigov, the build's MB/s with 1 and 2 workers and Dask beside
the local engine; these skip when ../shared is absent).

Sizes: BENCH_SIZES (default "shared,1,10,100": ../shared/corpus and synthetic corpora of 1x, 10x
and 100x the size of corpus/); add 1000 for the 43 MB corpus and 1gb for the 1 GB build, which
takes hours on 2 cores (see docs/PERFORMANCE.md). BENCH_BUILD_SCALE (default 100) sizes the
1-vs-2-workers build.

Benchmarks measure ratios within one run on this machine (never absolute targets in unit tests).
Run one alone with `python benchmarks/bench_<name>.py`.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    scripts = sorted(HERE.glob("bench_*.py"), key=lambda p: (p.name != "bench_perf.py", p.name))
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
