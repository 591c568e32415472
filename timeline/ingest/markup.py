"""HTML: the visible text, one line per block, the page title and its date.

Built on the standard library's tolerant ``html.parser``: it never raises on
malformed markup, and pages are small enough that a tree is not needed.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from timeline.ingest.base import RawDocument, clean_title, first_line, require_text
from timeline.ingest.decode import decode_text
from timeline.ingest.limits import DEFAULT_LIMITS, Limits

# Elements whose content is never shown to a reader of the page.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "svg", "math",
                        "iframe", "object", "canvas", "select", "datalist"})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
# <meta> names that carry the publication date, most specific first.
_DATE_KEYS = (
    "article:published_time", "datepublished", "citation_publication_date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "date", "pubdate", "publishdate", "publish_date", "publication_date", "citation_date",
    "og:published_time",
)
_ISO_DAY = re.compile(r"\s*(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?!\d)")
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_SPACE = re.compile(r"[ \t\n\r\f\u00a0]+")
_CELL = " | "


class _TextParser(HTMLParser):
    """Collects visible text as lines; block elements start new lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.first_heading = ""
        self._line: list[str] = []
        self._prefix = ""
        self._hidden: list[str] = []  # the element being skipped, once per nesting
        self._stack: list[str] = []   # open elements that change how text is kept
        self._lists: list[int | None] = []  # None for <ul>, the next number for <ol>
        self._row_cells = 0
        self._title_state = "before"  # before, inside, done
        self._pre_opened = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._keep_meta(attributes)
        elif tag == "title" and self._title_state == "before" and self._hidden in ([], ["head"]):
            self._title_state = "inside"
        if self._hidden:
            if tag == self._hidden[0]:
                self._hidden.append(tag)
            return
        if tag not in _VOID and (tag in _INVISIBLE or _is_hidden(attributes)):
            self._hidden.append(tag)
            return
        self._open(tag, attributes)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_state == "inside":
            self._title_state = "done"
        if self._hidden:
            if tag == self._hidden[0]:
                self._hidden.pop()
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self._title_state == "inside":
            self.title += data
        elif self._hidden:
            return
        elif "pre" in self._stack:
            self._add_preformatted(data)
        else:
            self._line.append(data)
            if "h1" in self._stack and len(self.first_heading) < 300:
                self.first_heading += data

    def finish(self) -> None:
        """Flush the last line; call after ``close()``."""
        self._break()

    def _open(self, tag: str, attributes: dict[str, str]) -> None:
        self._block_edge(tag)
        if tag in ("pre", "h1", "td", "th"):
            self._stack.append(tag)
        if tag == "pre":
            self._pre_opened = True
        if tag == "ul":
            self._lists.append(None)
        elif tag == "ol":
            self._lists.append(_int(attributes.get("start"), 1))
        elif tag == "li":
            self._prefix = "  " * max(len(self._lists) - 1, 0) + self._list_label()
        elif tag == "tr":
            self._row_cells = 0
        elif tag in ("td", "th"):
            if self._row_cells:
                self._line.append(_CELL)
            self._row_cells += 1

    def _close(self, tag: str) -> None:
        if tag == "pre" and "pre" in self._stack:
            self._break(preformatted=True)
        if tag in self._stack:
            del self._stack[len(self._stack) - 1 - self._stack[::-1].index(tag):]
        if tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        self._block_edge(tag)

    def _block_edge(self, tag: str) -> None:
        """Blocks end the line, except inside a table cell, where a row stays
        one line and its cells' paragraphs are run together."""
        if tag not in _BLOCKS and tag not in ("br", "hr"):
            return
        if "td" in self._stack or "th" in self._stack:
            self._line.append(" ")
        else:
            self._break()

    def _list_label(self) -> str:
        if not self._lists or self._lists[-1] is None:
            return "- "
        number = self._lists[-1]
        self._lists[-1] = number + 1
        return f"{number}. "

    def _add_preformatted(self, data: str) -> None:
        if self._pre_opened:  # a newline right after <pre> is not content
            data = data.removeprefix("\n")
            self._pre_opened = False
        first, *rest = data.split("\n")
        self._line.append(first)
        for part in rest:
            self._break(preformatted=True)
            self._line.append(part)

    def _break(self, preformatted: bool = False) -> None:
        joined = "".join(self._line)
        line = joined.rstrip() if preformatted else _HTML_SPACE.sub(" ", joined).strip()
        if line or preformatted:
            self.lines.append(self._prefix + line)
            self._prefix = ""
        self._line = []

    def _keep_meta(self, attributes: dict[str, str]) -> None:
        key = attributes.get("name") or attributes.get("property") or attributes.get("itemprop")
        if key and "content" in attributes:
            self.meta.setdefault(key.strip().lower(), attributes["content"])


def _is_hidden(attributes: dict[str, str]) -> bool:
    style = attributes.get("style", "").replace(" ", "").lower()
    return ("hidden" in attributes or attributes.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def read_html(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Visible text of an HTML page, one line per block; ``<title>`` and a
    ``<meta>`` publication date when the page has them.

    Raises :class:`ReadError` for undecodable bytes or a page with no visible
    text. ``max_bytes`` is unused: HTML is never unpacked.
    """
    source = decode_text(path, data, declared_charset(data))
    parser = _TextParser()
    parser.feed(source)
    parser.close()
    parser.finish()
    text = require_text(path, "\n".join(parser.lines), "the page")
    title = (clean_title(parser.title) or clean_title(parser.first_heading)
             or first_line(text))
    return RawDocument(text=text, title=title, date=meta_date(parser.meta))


def declared_charset(data: bytes) -> str | None:
    """The encoding a page names in a ``<meta>`` near its top."""
    found = _CHARSET.search(data[:4096])
    return found[1].decode("ascii") if found else None


def meta_date(meta: dict[str, str]) -> date | None:
    """The first publication date among ``meta`` that names a whole day."""
    for key in _DATE_KEYS:
        found = _ISO_DAY.match(meta.get(key, ""))
        if found:
            try:
                return date(int(found[1]), int(found[2]), int(found[3]))
            except ValueError:
                continue
    return None
