"""Synthetic corpora for the benchmarks, generated from the project's own sample documents (corpus/).

    .venv/bin/python benchmarks/synth.py OUT_DIR --scale 100          # 100x the size of corpus/
    .venv/bin/python benchmarks/synth.py OUT_DIR --bytes 1e9 --max-plan-copies 100   # about 1 GB

Every copy of a template document is varied so that no two copies share their text and no cache
(of lines, dates, names or tokens) can serve one copy from another:

- numbering: dotted measure refs move ("1.2.3" -> "4.2.3", "๑.๒" -> "๔.๒"), one offset per copy;
- names: every ASEAN body named in the template (English names, Thai names, acronyms, as the
  registry lists them) becomes another body of the registry, chosen per copy;
- dates: years move by a few years, Buddhist and Common era alike ("2562" -> "2565", "2019" ->
  "2022"), and the day before a month name moves ("11 พฤศจิกายน" -> "14 พฤศจิกายน", "5 March" ->
  "8 March");
- wording: a few common words swap with a synonym ("ส่งเสริม" <-> "สนับสนุน", "promote" <->
  "enhance"), per copy.

Copy 0 of each document is the template with only a new name (``<stem>_00000.txt``), so a 1x
corpus is the sample corpus itself. The third-party corpus (../shared/corpus) is never read here.
Output goes to the folder given (the benchmarks use a temporary folder, never the repository).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "corpus"
SUFFIXES = (".txt", ".html")

_TH_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ASCII = str.maketrans(_TH_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", _TH_DIGITS)

# A dotted measure ref (ASCII or Thai digits): its first component moves. Matches "1.2.3", "๑.๒",
# "2.1" at a line start or after a space; not "2019" or "A.1.4" (letter refs stay: they still vary
# through names and dates) and not a date "15.12.2008" (its parts are preceded by a digit or dot).
REF = re.compile(r"(?<![\w.])(?P<n>[0-9๐-๙]{1,2})(?P<rest>(?:\.[0-9๐-๙]{1,2})+)(?![0-9๐-๙])")

# A four-digit year, CE 1990-2039 or BE 2533-2582, in either script: "2019", "๒๕๖๒", "2553".
# Not part of a longer number ("120195"), nor a count like "1500".
YEAR = re.compile(r"(?<![0-9๐-๙])(?P<y>(?:19[9][0-9]|20[0-3][0-9]|25[3-8][0-9]|[๑][๙][๙][๐-๙]|"
                  r"[๒][๐][๐-๓][๐-๙]|[๒][๕][๓-๘][๐-๙]))(?![0-9๐-๙])")

# A day before a month name: "11 พฤศจิกายน", "๑๑ พฤศจิกายน", "5 March", "12 Nov". Not "11 สาขา".
_MONTHS = ("มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|"
           "พฤศจิกายน|ธันวาคม|January|February|March|April|May|June|July|August|September|October|"
           "November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
DAY = re.compile(rf"(?<![0-9๐-๙])(?P<d>[0-9๐-๙]{{1,2}})(?P<sep>-[0-9๐-๙]{{1,2}})?(?P<gap> )(?={_MONTHS})")

# Synonym pairs (written for this generator): each copy swaps some of them both ways.
_SYNONYMS = (("ส่งเสริม", "สนับสนุน"), ("พัฒนา", "ปรับปรุง"), ("เสริมสร้าง", "กระชับ"),
             ("แลกเปลี่ยน", "แบ่งปัน"), ("promote", "enhance"), ("strengthen", "deepen"),
             ("develop", "build"), ("regional", "region-wide"))


@dataclass(frozen=True)
class Template:
    """One sample document: its text and the body names it holds, longest first."""

    name: str
    suffix: str
    text: str
    names: tuple[tuple[str, str, str], ...]   # (name as written, body id, "en" / "th" / "acronym")


def _registry_names() -> tuple[dict[str, tuple[str, str]], dict[str, dict[str, list[str]]]]:
    """name -> (body id, kind), and body id -> {"en": [...], "th": [...], "acronym": [...]}."""
    from aseandocs.bodies import BodyRegistry
    by_name: dict[str, tuple[str, str]] = {}
    by_body: dict[str, dict[str, list[str]]] = {}
    for b in BodyRegistry.load():
        kinds = {"en": list(b.en), "th": list(b.th), "acronym": list(b.acronyms)}
        by_body[b.id] = kinds
        for kind, names in kinds.items():
            for n in names:
                if len(n) >= 3:
                    by_name.setdefault(n, (b.id, kind))
    return by_name, by_body


def load_templates(folder: Path = TEMPLATES) -> tuple[list[Template], dict[str, dict[str, list[str]]]]:
    """The documents of ``folder`` (txt and html) with the registry names each holds."""
    by_name, by_body = _registry_names()
    out = []
    for p in sorted(folder.iterdir()):
        if not (p.is_file() and p.suffix in SUFFIXES):
            continue
        text = p.read_text(encoding="utf-8")
        held = sorted((n for n in by_name if n in text), key=len, reverse=True)
        out.append(Template(p.stem, p.suffix, text, tuple((n, *by_name[n]) for n in held)))
    return out, by_body


def _digits_like(value: int, model: str) -> str:
    s = str(value)
    return s.translate(_TO_THAI) if model and model[0] in _TH_DIGITS else s


def vary(t: Template, copy: int, by_body: dict[str, dict[str, list[str]]], seed: int = 0) -> str:
    """Copy ``copy`` of template ``t`` (copy 0 is the template itself)."""
    if copy == 0:
        return t.text
    rng = random.Random(f"{seed}/{t.name}/{copy}")
    ref_shift = 1 + copy % 7
    year_shift = rng.choice((-6, -4, -3, -2, -1, 1, 2, 3, 5, 7))
    day_shift = rng.randrange(1, 27)
    text = t.text

    # names first (they may hold digits, and other rules must not break them)
    if t.names:
        bodies = sorted(by_body)
        swap = {}
        for _, body, _ in t.names:
            if body not in swap:
                swap[body] = rng.choice(bodies)
        rx = re.compile("|".join(re.escape(n) for n, _, _ in t.names))
        kinds = {n: (body, kind) for n, body, kind in t.names}

        def name(m: re.Match[str]) -> str:
            body, kind = kinds[m.group()]
            pool = by_body[swap[body]][kind] or by_body[swap[body]]["en"] or [m.group()]
            return pool[copy % len(pool)]
        text = rx.sub(name, text)

    def ref(m: re.Match[str]) -> str:
        n = int(m.group("n").translate(_TO_ASCII)) + ref_shift
        return _digits_like(n, m.group("n")) + m.group("rest")

    def year(m: re.Match[str]) -> str:
        return _digits_like(int(m.group("y").translate(_TO_ASCII)) + year_shift, m.group("y"))

    def day(m: re.Match[str]) -> str:
        d = int(m.group("d").translate(_TO_ASCII))
        new = (d - 1 + day_shift) % 26 + 1
        sep = m.group("sep") or ""
        if sep:
            sep = "-" + _digits_like(new + 1, sep[1:])
        return _digits_like(new, m.group("d")) + sep + m.group("gap")

    text = DAY.sub(day, YEAR.sub(year, REF.sub(ref, text)))
    for a, b in _SYNONYMS:
        if rng.random() < 0.5:
            text = text.replace(a, "\x00").replace(b, a).replace("\x00", b)
    return text


@dataclass(frozen=True)
class Generated:
    folder: Path
    documents: int
    bytes: int
    chars: int


def template_bytes(folder: Path = TEMPLATES) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and p.suffix in SUFFIXES)


def is_plan(t: Template) -> bool:
    """The plan templates of corpus/ (``th_plan_lines``, ``en_plan_blueprint``, ...)."""
    return "_plan_" in t.name or t.name.startswith("plan_")


def generate(out: Path, *, scale: float = 1.0, target_bytes: int | None = None, seed: int = 0,
             templates: Path = TEMPLATES, per_folder: int = 1000,
             max_plan_copies: int | None = None) -> Generated:
    """Write a synthetic corpus of ``scale`` times the size of ``templates`` (or about
    ``target_bytes``) into ``out``: ``copies`` varied copies of every template, in sub-folders of
    ``per_folder`` documents.

    ``max_plan_copies`` bounds the copies of each plan template; the news and reports then make
    up the size. A real corpus grows by its news, not by its plans (ASEAN has tens of plans and
    an unbounded stream of reports on them): the 1 GB corpus of the benchmarks holds 100 copies of
    each plan (300 plans) and about 23,000 of each news and report template. Copying the three
    plans 23,000 times instead would make every event match 23,000 copies of the same measure.
    """
    temps, by_body = load_templates(templates)
    base = sum(len(t.text.encode("utf-8")) for t in temps)
    copies = max(1, round((target_bytes / base) if target_bytes else scale))
    if max_plan_copies is not None and copies > max_plan_copies:
        plan_bytes = sum(len(t.text.encode("utf-8")) for t in temps if is_plan(t))
        total = copies * base
        copies = max(1, round((total - max_plan_copies * plan_bytes) / (base - plan_bytes)))
    out.mkdir(parents=True, exist_ok=True)
    n = size = chars = 0
    for c in range(copies):
        sub = out / f"part{c * len(temps) // per_folder:04d}"
        sub.mkdir(exist_ok=True)
        for t in temps:
            if max_plan_copies is not None and c >= max_plan_copies and is_plan(t):
                continue
            text = vary(t, c, by_body, seed)
            data = text.encode("utf-8")
            (sub / f"{t.name}_{c:05d}{t.suffix}").write_bytes(data)
            n += 1
            size += len(data)
            chars += len(text)
    return Generated(out, n, size, chars)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1.0, help="times the size of corpus/")
    ap.add_argument("--bytes", type=float, default=None, help="about this many bytes instead")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-plan-copies", type=int, default=None,
                    help="at most this many copies of each plan; news and reports make up the size")
    a = ap.parse_args(argv)
    g = generate(a.out, scale=a.scale, target_bytes=int(a.bytes) if a.bytes else None, seed=a.seed,
                 max_plan_copies=a.max_plan_copies)
    print(f"{g.documents} documents, {g.bytes / 1e6:.1f} MB, {g.chars} characters in {g.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
