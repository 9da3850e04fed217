"""Regenerate docs/explorer.png: build a corpus with the current code and screenshot its explorer.

    .venv/bin/python docs/make_explorer_png.py                 # corpus/ -> docs/explorer.png
    .venv/bin/python docs/make_explorer_png.py --out out       # an existing build's OUT/index.html
    .venv/bin/python docs/make_explorer_png.py --corpus ../shared/corpus --size 1400x900

Needs headless Chromium (Debian's ``chromium``; ``make test`` installs it when it can). The page is
opened with ``#q=`` when ``--query`` is given, so the screenshot shows a search and its panel.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]


def screenshot(page: Path, png: Path, size: str, fragment: str = "") -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no chromium binary: apt-get install chromium fonts-thai-tlwg (or run make test as root)")
    w, h = size.lower().split("x")
    with tempfile.TemporaryDirectory() as profile:
        url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
        run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-sync", "--disable-background-networking", "--hide-scrollbars",
                              f"--user-data-dir={profile}", "--virtual-time-budget=5000",
                              f"--window-size={w},{h}", f"--screenshot={png}", url],
                             capture_output=True, text=True, timeout=180)
    if run.returncode != 0 or not png.is_file():
        sys.exit(f"chromium failed: {run.stderr[-1500:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"), help="corpus to build (default: corpus/)")
    ap.add_argument("--out", help="use this existing build instead of building")
    ap.add_argument("--png", default=str(ROOT / "docs" / "explorer.png"), help="where to write the picture")
    ap.add_argument("--size", default="1280x800", help="window size, WxH (default 1280x800)")
    ap.add_argument("--query", default="SOMTC", help="a search shown in the picture (default SOMTC; '' for none)")
    a = ap.parse_args(argv)
    png = Path(a.png)
    fragment = f"q={quote(a.query)}" if a.query else ""
    if a.out:
        screenshot(Path(a.out) / "index.html", png, a.size, fragment)
    else:
        import aseandocs
        with tempfile.TemporaryDirectory() as tmp:
            aseandocs.build(a.corpus, Path(tmp) / "out", workers=1, progress=False)
            screenshot(Path(tmp) / "out" / "index.html", png, a.size, fragment)
    print(f"{png}: {png.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
