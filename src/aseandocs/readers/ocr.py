"""Optional OCR of PDF pages without a text layer, through the Tesseract command-line program.

Tesseract with its Thai model is a Debian/Ubuntu package that works offline
(``apt install tesseract-ocr tesseract-ocr-tha``; Homebrew: ``brew install tesseract tesseract-lang``).
When the ``tesseract`` program is on PATH and knows both ``tha`` and ``eng``, ``readers.read``
renders each page that has no usable text at ``DPI`` (pypdfium2, which pdfplumber renders with)
and reads it with ``tesseract -l tha+eng``; otherwise the page stays ``needs_ocr``.

Each OCR line comes back as a ``readers.pdf.Line`` in PDF points (its box from Tesseract's TSV output,
its text from the plain-text output of the same run, which keeps the real spaces between Thai
phrases that the TSV's per-glyph "words" lose), so scanned pages go through the same running
header removal and line re-joining as pages with text: "…ว่าด้วยสิทธิมนุษยชน" wrapped onto
"(AICHR)" is read "…ว่าด้วยสิทธิมนุษยชน (AICHR)", a Thai word cut at the line end is joined
without a space, an English "Promote the ratification of" + "ASEAN instruments" with one (the
measure is the scanned page's own text block). Ghost lines are dropped: Tesseract
reads the tall stacked Thai marks above a line ("ที่", "ครั้ง") as a line of their own,
low and full of noise such as "๑4  ๐  CA A"; a line under ``_GHOST_HEIGHT`` of the median line
height, or with a mean word confidence under ``_MIN_CONFIDENCE``, is not text.

Tesseract runs one process per page with ``OMP_THREAD_LIMIT=1`` (unless the caller's environment
sets it): its OpenMP threads spin against each other on a busy machine, and a page took 19 s with
them against 3 s without on two shared cores.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Iterable

from ..errors import ReadError
from .pdf import Line, strip_running_lines, usable

__all__ = ["OCR_LANG", "DPI", "OcrPage", "ocr_unavailable", "ocr_pages", "ocr_scanned", "ocr_lines",
           "INSTALL_HINT"]

#: Tesseract languages used, Thai first (Thai pages quote English names: "AICHR", "AHA Centre").
OCR_LANG = "tha+eng"
#: Resolution pages are rendered at for OCR (Tesseract reads 12 pt Thai best at 300 dpi).
DPI = 300
#: What to do when OCR is not available.
INSTALL_HINT = "apt install tesseract-ocr tesseract-ocr-tha"

_TIMEOUT = 300.0          # seconds for one page
_MIN_CONFIDENCE = 60.0    # mean word confidence (0-100) of a line below which it is noise
_GHOST_HEIGHT = 0.65      # a line lower than this share of the median line height is stray marks
_BLANK_LEVEL = 224        # a page image with no pixel darker than this is blank (not OCRed)
_SIZE_RATIO = 0.75        # font size ~ this share of an OCR line box's height (marks included)

# A letter or digit in any script (Thai letters U+0E01-U+0E2E and digits U+0E50-U+0E59 are \w).
#   matches "ก", "A", "๑", "3"; must not match "-", "|", "ํ" (a lone mark), " "
_LETTER = re.compile(r"[^\W_\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# Gap-based spacing (used only when the plain text and the TSV disagree): a gap between two
# glyph boxes wider than this share of the line's median glyph height is a space.
_SPACE_GAP = 0.7


@dataclass(frozen=True, slots=True)
class OcrPage:
    """The OCR result of one page: its lines (PDF points, reading order), the mean word
    confidence (0-100) of the lines kept, and the reason when OCR failed (then no lines)."""

    number: int
    lines: tuple[Line, ...]
    confidence: float
    error: str | None = None


def ocr_scanned(data: bytes, source: str, pages: list[tuple[int, list[Line]]],
                warnings: list[str], *, ocr: bool | None = None) -> dict[int, tuple[bool, str]]:
    """OCR the ``pages`` (number, lines of a readable page) that have no usable text, running
    headers and footers aside, adding the OCR lines to their lines in place (OCR lines over a
    line of the text layer, such as a running header, are left out: the text layer has them;
    lines of unmapped "(cid:N)" glyphs give way to the OCR lines).

    Returns page number -> (text found?, the warning) for each page OCR ran on: (True, "page 2:
    text from OCR (tesseract tha+eng), mean word confidence 93%") or (False, "page 2 has no text
    layer (needs OCR); OCR (tesseract tha+eng) found no text on it"). ``ocr``: None runs OCR
    when available (else the warning "OCR not available (...): page 2 left without text; to read
    scanned pages, apt install tesseract-ocr tesseract-ocr-tha" goes in ``warnings``), True
    raises ``ReadError`` when it is not, False never runs it."""
    probe = [list(lines) for _, lines in pages]
    strip_running_lines(probe)
    scanned = [number for (number, _), body in zip(pages, probe) if not usable(body)]
    if not scanned or ocr is False:
        return {}
    reason = ocr_unavailable()
    if reason is not None:
        listed = ("page " if len(scanned) == 1 else "pages ") + ", ".join(map(str, scanned))
        if ocr:
            raise ReadError(source, f"{listed} need{'s' * (len(scanned) == 1)} OCR, which is not "
                                    f"available: {reason}",
                            hint=f"install Tesseract with its Thai model ({INSTALL_HINT})")
        warnings.append(f"OCR not available ({reason}): {listed} left without text; to read "
                        f"scanned pages, {INSTALL_HINT}")
        return {}
    engine = f"tesseract {OCR_LANG}"
    by_number = dict(pages)
    notes: dict[int, tuple[bool, str]] = {}
    for number, result in ocr_pages(data, scanned).items():
        lines = by_number[number]
        kept = [t for t in lines if usable([t])]     # unmapped "(cid:N)" glyph lines go
        new = [o for o in result.lines if not any(_overlap(o, t) for t in kept)]
        if result.error:
            notes[number] = (False, f"page {number} has no text layer (needs OCR); OCR failed: "
                                    f"{result.error}")
        elif not usable(new):
            notes[number] = (False, f"page {number} has no text layer (needs OCR); OCR ({engine}) "
                                    f"found no text on it")
        else:
            lines[:] = sorted(kept + new, key=lambda ln: ln.top)
            notes[number] = (True, f"page {number}: text from OCR ({engine}), mean word "
                                   f"confidence {result.confidence:.0f}%")
    return notes


def _overlap(a: Line, b: Line) -> bool:
    return a.top < b.bottom and b.top < a.bottom and a.x0 < b.x1 and b.x0 < a.x1


@lru_cache(maxsize=1)
def ocr_unavailable() -> str | None:
    """None when OCR can run, else why not ("the tesseract program is not on PATH", "Tesseract
    has no Thai model ('tha')"). Checked once per process."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "the tesseract program is not on PATH"
    try:
        done = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return f"tesseract --list-langs failed ({type(e).__name__}: {e})"
    langs = set(done.stdout.split())
    missing = [lang for lang in OCR_LANG.split("+") if lang not in langs]
    if done.returncode != 0 or missing:
        return f"Tesseract has no {' or '.join(repr(m) for m in missing) or 'language'} model"
    return None


def ocr_pages(data: bytes, numbers: Iterable[int]) -> dict[int, OcrPage]:
    """OCR the pages ``numbers`` (1-based) of the PDF ``data``; call only when ``ocr_unavailable()``
    is None. A blank page gives no lines; a page that fails gives an ``OcrPage`` with ``error``."""
    import pypdfium2 as pdfium

    exe = shutil.which("tesseract") or "tesseract"
    out: dict[int, OcrPage] = {}
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as e:  # noqa: BLE001 - pdfium may refuse what pdfminer read
        return {n: OcrPage(n, (), 0.0, f"could not render the PDF ({e})") for n in numbers}
    try:
        for number in numbers:
            try:
                page = pdf[number - 1]
                try:
                    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
                finally:
                    page.close()
            except Exception as e:  # noqa: BLE001 - pdfium raises its own errors on bad pages
                out[number] = OcrPage(number, (), 0.0, f"could not render the page ({e})")
                continue
            if image.getextrema()[0] > _BLANK_LEVEL:
                out[number] = OcrPage(number, (), 0.0)
                continue
            buf = io.BytesIO()
            image.save(buf, "PNG", compress_level=1)
            out[number] = _tesseract(exe, number, buf.getvalue())
    finally:
        pdf.close()
    return out


def _tesseract(exe: str, number: int, png: bytes) -> OcrPage:
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="aseandocs-ocr-") as tmp:
        base = os.path.join(tmp, "page")
        try:
            done = subprocess.run([exe, "stdin", base, "-l", OCR_LANG, "--dpi", str(DPI),
                                   "txt", "tsv"], input=png, capture_output=True,
                                  timeout=_TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            return OcrPage(number, (), 0.0, f"tesseract took over {_TIMEOUT:.0f} s")
        except OSError as e:
            return OcrPage(number, (), 0.0, f"tesseract could not run ({e})")
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            why = err[-1] if err else f"exit status {done.returncode}"
            return OcrPage(number, (), 0.0, f"tesseract failed ({why})")
        try:
            with open(base + ".txt", encoding="utf-8", errors="replace") as f:
                text = f.read()
            with open(base + ".tsv", encoding="utf-8", errors="replace", newline="") as f:
                tsv = f.read()
        except OSError as e:
            return OcrPage(number, (), 0.0, f"tesseract wrote no output ({e})")
    lines, confidence = ocr_lines(text, tsv)
    return OcrPage(number, tuple(lines), confidence)


def ocr_lines(text: str, tsv: str, *, dpi: int = DPI) -> tuple[list[Line], float]:
    """Tesseract's plain-text and TSV output of one page as ``Line``s in PDF points, ghost lines
    dropped, and the mean word confidence of the lines kept (0 when none).

    The n-th non-empty line of ``text`` is the n-th TSV line (level 4) that has words; when the
    counts differ, the text of each line is rebuilt from its TSV words (a space where the gap
    is wide)."""
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    boxes: dict[tuple[str, str, str], tuple[int, int, int, int]] = {}
    words: dict[tuple[str, str, str], list[tuple[int, int, int, int, float, str]]] = {}
    for r in rows:
        try:
            level = int(r["level"])
            key = (r["block_num"], r["par_num"], r["line_num"])
            box = (int(r["left"]), int(r["top"]), int(r["width"]), int(r["height"]))
        except (KeyError, TypeError, ValueError):
            continue
        if level == 4:
            boxes[key] = box
            words[key] = []
        elif level == 5 and (r.get("text") or "").strip() and key in words:
            words[key].append((*box, float(r["conf"]), r["text"].strip()))
    keys = [k for k in boxes if words[k]]
    texts = [t.strip() for t in text.splitlines() if t.strip()]
    if len(texts) != len(keys):
        texts = [_spaced(words[k]) for k in keys]
    if not keys:
        return [], 0.0
    mid = median(boxes[k][3] for k in keys)
    scale = 72.0 / dpi
    lines: list[Line] = []
    confs: list[float] = []
    for k, t in zip(keys, texts):
        left, top, width, height = boxes[k]
        ws = words[k]
        conf = sum(w[4] for w in ws) / len(ws)
        if height < _GHOST_HEIGHT * mid or conf < _MIN_CONFIDENCE or not _LETTER.search(t):
            continue
        confs.extend(w[4] for w in ws)
        lines.append(Line(t, left * scale, (left + width) * scale, top * scale,
                          (top + height) * scale, height * scale * _SIZE_RATIO,
                          (_first_word_right(t, ws) - left) * scale))
    lines.sort(key=lambda ln: ln.top)
    return lines, (sum(confs) / len(confs) if confs else 0.0)


def _first_word_right(text: str, ws: list[tuple[int, int, int, int, float, str]]) -> int:
    """The right edge (pixels) of the glyphs that make up the first word of ``text``."""
    need = len(text.split(" ", 1)[0])
    got = 0
    for left, _, width, _, _, t in ws:
        got += len(t)
        if got >= need:
            return left + width
    return ws[-1][0] + ws[-1][2]


def _spaced(ws: list[tuple[int, int, int, int, float, str]]) -> str:
    """A line's text from its TSV words: a space where the gap is wider than ``_SPACE_GAP`` of the
    median glyph height (Thai "words" in the TSV are single glyph clusters)."""
    h = median(w[3] for w in ws)
    out = [ws[0][5]]
    for a, b in zip(ws, ws[1:]):
        if b[0] - (a[0] + a[2]) > _SPACE_GAP * h:
            out.append(" ")
        out.append(b[5])
    return "".join(out)
