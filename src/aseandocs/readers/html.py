"""HTML to plain text for the readers stage: the stdlib ``html.parser``, no extra dependency.

``html_to_text(markup)`` keeps the visible text of a page with its line and paragraph breaks:

- dropped: ``<script>``, ``<style>``, ``<noscript>``, ``<template>``, comments, processing
  instructions, and everything in ``<head>`` except ``<title>``;
- paragraph-level blocks (``p``, ``h1``-``h6``, ``section``, ``article``, ``blockquote``, ``table``,
  lists, ...) end in a blank line, line-level ones (``br``, ``li``, ``tr``, ``div``, ``dt``, ``dd``)
  in a line break; consecutive breaks fold into the strongest one; table cells are separated by a tab;
- white space runs inside text fold to one space as a browser shows them (except inside ``<pre>``);
  no space is ever added between two inline runs, so Thai words split by tags stay joined;
- entities are decoded (``&amp;``, ``&nbsp;`` -> U+00A0, ``&#3585;`` -> "ก");
- the ``<title>`` comes first, as its own paragraph, unless the body has an ``<h1>`` with the same
  text (compared with white space folded and case ignored), which would only repeat it.

Malformed markup never raises: the parser is lenient, and should it fail anyway the text gathered so
far is returned with a warning::

    >>> html_to_text("<title>ข่าว</title><h1>ข่าว</h1><p>การประชุม&nbsp;SOMTC<br>ครั้งที่ 19</p>")[0]
    'ข่าว\\n\\nการประชุม\\xa0SOMTC\\nครั้งที่ 19'
    >>> html_to_text("<p>ASEAN &amp; partners<script>x()</script></p><p>Second</p>")[0]
    'ASEAN & partners\\n\\nSecond'

``declared_charset(data)`` finds the ``<meta charset>`` / ``http-equiv`` / XML declaration of a
page's first bytes (the readers stage decides whether to trust it).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "declared_charset"]

# Elements whose content is never shown.
_SKIP = frozenset({"script", "style", "noscript", "template"})
# Blocks that end a paragraph (a blank line in the text).
_PARA = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
                   "table", "ul", "ol", "dl", "pre", "header", "footer", "main", "aside", "nav",
                   "figure", "figcaption", "address", "form", "fieldset", "details", "hr",
                   "caption", "body", "html"})
# Blocks that end a line.
_LINE = frozenset({"br", "li", "tr", "div", "dt", "dd", "summary", "legend", "option", "thead",
                   "tbody", "tfoot"})
# Table cells: separated by a tab within their row.
_CELL = frozenset({"td", "th"})
# Elements that have no end tag (an end tag for them never closes anything).
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})

# HTML white space (a run folds to one space): space, tab, LF, FF, CR. Not NBSP (U+00A0), which
# is content: "ASEAN\n   Regional" -> "ASEAN Regional", but "ASEAN&nbsp;Regional" keeps U+00A0.
_HTML_WS = re.compile(r"[ \t\n\f\r]+")

# A charset declared in the first bytes of a page, read as ASCII:
#   <meta charset="tis-620">  <meta charset=utf-8>
#   <meta http-equiv="Content-Type" content="text/html; charset=windows-874">
#   <?xml version="1.0" encoding="UTF-8"?>
# Must not match a charset named in visible text ("the charset is utf-8") or a bare "charset".
_DECLARED = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?P<meta>[A-Za-z0-9._:-]+)"""
    rb"""|<\?xml\b[^>]*?\bencoding\s*=\s*["'](?P<xml>[A-Za-z0-9._:-]+)["']""",
    re.IGNORECASE | re.ASCII)


def declared_charset(data: bytes, limit: int = 4096) -> str | None:
    """The charset a page declares in its first ``limit`` bytes, lower-cased, or None.

    ``<meta charset="TIS-620">`` -> ``"tis-620"``; ``<?xml version="1.0" encoding="utf-8"?>`` ->
    ``"utf-8"``; a page that declares nothing -> None.
    """
    m = _DECLARED.search(data[:limit])
    if not m:
        return None
    return (m.group("meta") or m.group("xml")).decode("ascii").lower()


def _fold(s: str) -> str:
    return _HTML_WS.sub(" ", s).strip().casefold()


class _TextParser(HTMLParser):
    """Collects visible text with breaks; see the module docstring for the rules."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._h1_parts: list[str] | None = None
        self._skip = 0          # depth inside script/style/noscript/template
        self._pre = 0           # depth inside <pre>
        self._in_head = False
        self._in_title = False
        self._break = 0         # pending break: 0 none, 1 line, 2 paragraph
        self._space = False     # pending space between inline runs
        self._cell = False      # pending tab between table cells
        self._line_empty = True

    # --- tags ---------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "title":
            self._in_title = True
        elif tag == "h1":
            self._h1_parts = []
        if tag == "pre":
            self._pre += 1
        self._block(tag, start=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <hr/>: a break; a self-closed <script/> or <div/> opens nothing.
        self._block(tag, start=True)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        elif tag == "h1" and self._h1_parts is not None:
            self.h1.append("".join(self._h1_parts))
            self._h1_parts = None
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag not in _VOID:
            self._block(tag, start=False)

    def _block(self, tag: str, *, start: bool) -> None:
        if tag in _PARA:
            self._break = 2
        elif tag in _LINE:
            self._break = max(self._break, 1)
        elif tag in _CELL and start and not self._line_empty:
            self._cell = True

    # --- text ---------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title.append(data)
            return
        if self._in_head:
            return
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        if self._pre:
            self._emit(data.replace("\r\n", "\n").replace("\r", "\n"), lead=False, trail=False)
            return
        text = _HTML_WS.sub(" ", data)
        if not text.strip():          # only white space (NBSP included): at most a space
            self._space = self._space or bool(text)
            return
        lead, trail = text[0] == " ", text[-1] == " "
        self._emit(text.strip(" "), lead=lead, trail=trail)

    def _emit(self, text: str, *, lead: bool, trail: bool) -> None:
        if self.out and self._break:
            self.out.append("\n" * self._break)
            self._line_empty = True
        elif not self._line_empty and self._cell:
            self.out.append("\t")
        elif not self._line_empty and (self._space or lead):
            self.out.append(" ")
        self._break, self._cell = 0, False
        self.out.append(text)
        self._line_empty = text.endswith("\n")
        self._space = trail


def html_to_text(markup: str) -> tuple[str, list[str]]:
    """The visible text of ``markup`` and the warnings met while extracting it.

    ``"<p>แผนงาน</p><p>Work Plan</p>"`` -> ``("แผนงาน\\n\\nWork Plan", [])``.
    """
    parser = _TextParser()
    warnings: list[str] = []
    try:
        parser.feed(markup)
        parser.close()
    except Exception as e:  # noqa: BLE001 - html.parser is lenient; any failure means malformed input
        warnings.append(f"malformed HTML: {type(e).__name__}: {e}; kept the text read before it")
    body = "".join(parser.out)
    title = _HTML_WS.sub(" ", "".join(parser.title)).strip()
    if title and not any(_fold(h) == title.casefold() for h in parser.h1):
        body = f"{title}\n\n{body}" if body else title
    return body, warnings
