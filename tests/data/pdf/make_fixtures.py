"""Make the PDF fixtures of tests/test_pdf.py from the project's own corpus/ documents.

    python tests/data/pdf/make_fixtures.py          # rewrites tests/data/pdf/*.pdf and *.json
    python tests/data/pdf/make_fixtures.py scan_thai.pdf     # rewrites only the files named

Each PDF is an HTML page printed by headless Chromium (``--print-to-pdf``) with Debian's TLWG Thai
fonts (``apt-get install chromium fonts-thai-tlwg``), so its Thai text is shaped the way real plan
PDFs are: marks shifted into Private Use Area glyphs, sara am split into nikhahit + sara aa,
marks placed left of their consonant. Chromium's own page header (date, title) and footer (URL,
"1/3") are kept on purpose: they are the running headers and footers the reader must remove.

Only text written for this project goes in (corpus/ is ours; never ../shared/corpus). The plan
tables are built from the measures of corpus/th_plan_lines.txt and corpus/en_plan_blueprint.txt
with a responsible body and a timeline added per row; the expected rows are written beside them
as JSON (``<name>.json``) for the tests.

``render_pdf(html, out)`` is also used by the acceptance test, which renders a third-party text
in a temporary folder (never checked in).
"""
from __future__ import annotations

import html as _html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "corpus"

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
THAI_FONTS = ("Garuda", "Norasi", "Loma")

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A measure line of the corpus plans: "๑.๒ พัฒนา…", "A.1.1 Promote …" (not "๑. ส่งเสริม…" headings).
_MEASURE = re.compile(r"^(?P<ref>(?:[0-9๐-๙]+|[A-Z])(?:\.[0-9๐-๙]+)+)\s+(?P<title>.+)$")
_BULLET = re.compile(r"^[-•]\s+(?P<text>.+)$")


def chromium() -> str | None:
    """The headless browser to print with, or None."""
    return next((p for n in CHROMIUM_NAMES if (p := shutil.which(n))), None)


def fonts_available() -> bool:
    """Are the TLWG Thai fonts installed (fc-list knows Garuda)?"""
    fc = shutil.which("fc-list")
    if not fc:
        return False
    out = subprocess.run([fc, ":lang=th", "family"], capture_output=True, text=True).stdout
    return all(f in out for f in THAI_FONTS)


def page(body: str, *, title: str, font: str, size: str = "12pt", lang: str = "th") -> str:
    """A printable HTML page around ``body`` (already HTML)."""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{_html.escape(title)}</title><style>"
            f"@page {{ size: A4; margin: 22mm 18mm; }}"
            f"body {{ font-family: '{font}'; font-size: {size}; }}"
            "p { margin: 0 0 0.6em 0; } .lines { white-space: pre-wrap; }"
            "table { border-collapse: collapse; width: 100%; }"
            "th, td { border: 0.8pt solid #000; padding: 3pt 4pt; vertical-align: top; }"
            "thead { display: table-header-group; } tr { break-inside: avoid; }"
            f"</style></head><body>{body}</body></html>")


def text_page(text: str, *, title: str, font: str, lines: bool) -> str:
    """``text`` as paragraphs (blank-line separated) or, with ``lines``, line for line."""
    if lines:
        return page(f'<div class="lines">{_html.escape(text)}</div>', title=title, font=font)
    paras = "".join(f"<p>{_html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return page(paras, title=title, font=font)


def render_pdf(html: str, out: Path, *, header_footer: bool = True, timeout: float = 60) -> Path:
    """Print ``html`` to ``out`` with headless Chromium; raises RuntimeError when it cannot."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("no chromium on PATH (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(html, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()]
        if not header_footer:
            cmd.insert(-1, "--no-pdf-header-footer")
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr[-500:]}")
    return out


def scan_pdf(html: str, out: Path, *, scanned: tuple[int, ...], dpi: int = 200) -> Path:
    """Print ``html`` with Chromium, then replace the pages ``scanned`` (1-based) by a black and
    white image of themselves at ``dpi`` (CCITT G4, as office scanners write), so they have no text
    layer; the other pages keep theirs."""
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        printed = render_pdf(html, Path(tmp) / "printed.pdf", header_footer=False)
        src = pdfium.PdfDocument(printed)
        dest = pdfium.PdfDocument.new()
        for k in range(len(src)):
            if k + 1 not in scanned:
                dest.import_pages(src, [k])
                continue
            gray = src[k].render(scale=dpi / 72, grayscale=True).to_pil()
            image = gray.point(lambda v: 255 if v > 160 else 0).convert("1")
            scan = Path(tmp) / f"scan{k}.pdf"
            image.save(scan, "PDF", resolution=dpi)
            dest.import_pages(pdfium.PdfDocument(scan))
        dest.save(out)
    return out


def scan_html(text: str) -> tuple[str, str, str]:
    """The HTML of scan_thai.pdf (page 1: a plan's title and introduction; page 2, to be scanned:
    its first pillar, line for line) and the text of the two pages."""
    lines = text.splitlines()
    pillar = next(k for k, ln in enumerate(lines) if ln.startswith("เสาหลักที่"))
    end = next(k for k in range(pillar + 1, len(lines)) if not lines[k].strip())
    intro = "\n".join(lines[:pillar]).strip()
    scanned = "\n".join(lines[pillar:end]).strip()
    body = (f'<div class="lines">{_html.escape(intro)}</div>'
            f'<div class="lines" style="break-before: page">{_html.escape(scanned)}</div>')
    return page(body, title="scan", font="Garuda", size="13pt"), intro, scanned


def plan_rows(text: str) -> list[dict]:
    """Measures ("ref title" lines) and their bullet activities, in order, refs in ASCII."""
    rows: list[dict] = []
    for line in text.splitlines():
        line = line.strip()
        if m := _MEASURE.match(line):
            rows.append({"ref": m["ref"].translate(_THAI_DIGITS), "title": m["title"],
                         "activities": []})
        elif (b := _BULLET.match(line)) and rows:
            rows[-1]["activities"].append(b["text"])
    return rows


# Responsible bodies and timelines given to the table rows, in turn (written for these fixtures).
TH_RESPONSIBLE = ("AICHR", "สำนักเลขาธิการอาเซียน", "SOMTC, ASEANAPOL",
                  "ศูนย์ประสานงานอาเซียนด้านความช่วยเหลือทางมนุษยธรรมเพื่อการจัดการภัยพิบัติ", "ACWC")
TH_TIMELINE = ("2556 - 2557", "2556", "2557 - 2558")
EN_RESPONSIBLE = ("AICHR", "ASEAN Secretariat", "SOMTC; ASEANAPOL", "ADMM", "ARF")
EN_TIMELINE = ("2009-2010", "2011", "2009-2015")


def table_page(rows: list[dict], *, head: tuple[str, str, str, str], title: str, font: str,
               responsible: tuple[str, ...], timeline: tuple[str, ...], bullet: str,
               lang: str) -> tuple[str, list[dict]]:
    """An HTML plan table and the expected rows (with responsible and timeline filled in)."""
    expected = []
    body = []
    for k, r in enumerate(rows):
        resp, time = responsible[k % len(responsible)], timeline[k % len(timeline)]
        expected.append(dict(r, responsible=resp, timeline=time))
        cell = _html.escape(r["title"]) + "".join(f"<br>{bullet} {_html.escape(a)}"
                                                  for a in r["activities"])
        body.append(f"<tr><td>{_html.escape(r['ref'])}</td><td>{cell}</td>"
                    f"<td>{_html.escape(resp)}</td><td>{_html.escape(time)}</td></tr>")
    ths = "".join(f"<th>{_html.escape(h)}</th>" for h in head)
    table = (f"<p>{_html.escape(title)}</p><table><colgroup><col style='width:10%'>"
             "<col style='width:52%'><col style='width:24%'><col style='width:14%'></colgroup>"
             f"<thead><tr>{ths}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    return page(table, title=title, font=font, lang=lang), expected


def main(only: list[str]) -> None:
    """Write the fixtures (only those named in ``only``, when given)."""
    lines_txt = (CORPUS / "th_plan_lines.txt").read_text(encoding="utf-8")
    flat_txt = (CORPUS / "th_plan_annex_flat.txt").read_text(encoding="utf-8")
    blue_txt = (CORPUS / "en_plan_blueprint.txt").read_text(encoding="utf-8")
    jobs = {
        "th_plan_lines.pdf": text_page(lines_txt, title="แผนงานเตรียมความพร้อมสู่ประชาคมอาเซียน",
                                       font="Garuda", lines=True),
        "th_plan_annex_flat.pdf": text_page(flat_txt, title="แผนงานความร่วมมือ ภาคผนวก 1",
                                            font="Norasi", lines=True),
        "en_plan_blueprint.pdf": text_page(blue_txt, title="APSC Blueprint excerpt",
                                           font="DejaVu Serif", lines=True),
        # page 2 has only a drawing and no text layer: it must be reported as needing OCR
        "scan_page.pdf": page("<p>หน้าแรกมีข้อความ ส่วนหน้าถัดไปเป็นภาพสแกน</p>"
                              "<div style='break-before: page'><svg width='400' height='300'>"
                              "<rect x='10' y='10' width='380' height='280' fill='#888'/>"
                              "<circle cx='200' cy='150' r='90' fill='#eee'/></svg></div>",
                              title="scan", font="Garuda"),
    }
    th_html, th_rows = table_page(
        plan_rows(lines_txt), head=("เลขที่อ้างอิง", "ขอบเขตแผนงาน/ผลลัพธ์และกิจกรรม",
                                    "หน่วยงานที่รับผิดชอบ", "กรอบเวลา"),
        title="ตารางแผนงานเตรียมความพร้อมสู่ประชาคมอาเซียน", font="Loma",
        responsible=TH_RESPONSIBLE, timeline=TH_TIMELINE, bullet="-", lang="th")
    en_html, en_rows = table_page(
        plan_rows(blue_txt), head=("Ref", "Measures", "Responsible body", "Timeline"),
        title="APSC Blueprint excerpt: measures", font="DejaVu Sans",
        responsible=EN_RESPONSIBLE, timeline=EN_TIMELINE, bullet="•", lang="en")
    jobs["th_plan_table.pdf"] = th_html
    jobs["en_plan_table.pdf"] = en_html
    for name, html in jobs.items():
        if not only or name in only:
            out = render_pdf(html, HERE / name)
            print(f"{name}: {out.stat().st_size // 1024} KB")
    # page 2 is an image of text (a scan): read with OCR when Tesseract is installed
    if not only or "scan_thai.pdf" in only:
        html, intro, scanned = scan_html(lines_txt)
        out = scan_pdf(html, HERE / "scan_thai.pdf", scanned=(2,))
        print(f"scan_thai.pdf: {out.stat().st_size // 1024} KB")
        (HERE / "scan_thai.json").write_text(
            json.dumps({"pages": [intro, scanned]}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
    for name, rows in (("th_plan_table.json", th_rows), ("en_plan_table.json", en_rows)):
        if only and name not in only:
            continue
        (HERE / name).write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
