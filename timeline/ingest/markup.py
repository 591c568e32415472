"""HTML: the visible text, one line per block, the page title and its date.

libxml2's HTML parser (through lxml) reads the page as a stream of events,
with no tree. It never raises on malformed markup and, unlike the standard
library's ``html.parser``, tokenizes in linear time. Around it:

* one pass over the source (:mod:`markup_rules`) makes libxml2 read
  ``<script/>``, ``</br>`` and stray block end tags as browsers do;
* the page is fed in small pieces, and elements nested deeper than
  ``limits.depth`` are closed between pieces: libxml2 finds the element an end
  tag closes by walking its open elements, so deep nesting with stray end tags
  would otherwise be quadratic;
* nested lists are indented a few levels at most, so the text stays within a
  small multiple of the page's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from timeline.ingest.base import RawDocument, ReadError, clean_title, first_line, require_text
from timeline.ingest.decode import decode_text
from timeline.ingest.limits import DEFAULT_LIMITS, Limits
from timeline.ingest.markup_rules import BLOCKS, EDGE, RAW_TEXT, browser_rules

# Elements whose content is never shown to a reader of the page.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "svg", "math",
                        "iframe", "object", "canvas", "select", "datalist", "title"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
# Each piece of source ends just before a "<"; at three characters per start
# tag, a piece can take the nesting at most a third of its size deeper.
_PIECE = 1024
# Deeper lists are indented no further: a few levels show the nesting, and
# more would let a page of nested lists turn into mostly spaces.
_MAX_INDENT = 4
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


class _TooDeep(Exception):
    """Raised inside the parser to stop it when nesting could not be capped."""


class _Element(NamedTuple):
    """An open element and what opening it changed, to be undone at its end."""

    tag: str
    hides: bool  # it starts a part of the page that is not shown
    shown: bool  # it was opened in a shown part


class _TextCollector:
    """Parser target that collects visible text as lines; blocks start new lines.

    Every event costs constant time: state is kept in counters, not looked up
    in the stack of open elements.
    """

    def __init__(self, most_open: int) -> None:
        self.lines: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.first_heading = ""
        self.flattened = False
        self._most_open = most_open
        self._open: list[_Element] = []
        self._line: list[str] = []
        self._prefix = ""
        self._hider = ""  # the element that hides the part of the page being read
        self._pre = 0
        self._cells = 0
        self._h1 = 0
        self._lists: list[int | None] = []  # None for <ul>, the next number for <ol>
        self._row_cells = 0
        self._title_state = "before"  # before, inside, done
        self._pre_opened = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        """An element opens."""
        if len(self._open) >= self._most_open:
            raise _TooDeep
        if tag == "meta":
            self._keep_meta(attrib)
        elif tag == "title":
            self._title_opens()
        shown = not self._hider
        hides = shown and (tag in _INVISIBLE
                           or (bool(attrib) and tag not in _VOID and _is_hidden(attrib)))
        self._open.append(_Element(tag, hides, shown=shown and not hides))
        if hides:
            self._hider = tag
        elif shown:
            self._open_shown(tag, attrib)

    def end(self, tag: str) -> None:
        """An element closes; libxml2 closes every element it opened, in order."""
        if not self._open or self._open[-1].tag != tag:
            return
        element = self._open.pop()
        if tag == "title" and self._title_state == "inside":
            self._title_state = "done"
        if element.hides:
            self._hider = ""
        elif element.shown:
            self._close_shown(tag)

    def data(self, text: str) -> None:
        """Text, with character references already decoded."""
        if self._title_state == "inside":
            self.title.append(text)
        elif self._hider:
            return
        elif self._pre:
            self._add_preformatted(text)
        else:
            self._line.append(text)
            if self._h1 and len(self.first_heading) < 300:
                self.first_heading += text

    def comment(self, text: str) -> None:
        """A comment; the edge mark put after block end tags ends the line."""
        if text == EDGE and not self._hider:
            self._block_edge()

    def close(self) -> None:
        """Flush the last line."""
        self._break()

    def closing_tags(self, depth: int) -> str:
        """End tags for the elements open deeper than ``depth``, or "" when
        none are or the parser is inside raw text, where they would be text."""
        if len(self._open) <= depth or self._open[-1].tag in RAW_TEXT:
            return ""
        self.flattened = True
        return "".join(f"</{element.tag}>" for element in reversed(self._open[depth:]))

    def _title_opens(self) -> None:
        # Only the first title counts, and not one inside <svg> or the like,
        # where it is a tooltip; the head hides it without being such a place.
        if self._title_state == "before" and self._hider in ("", "head"):
            self._title_state = "inside"

    def _open_shown(self, tag: str, attributes: dict[str, str]) -> None:
        if tag in BLOCKS or tag == "br":
            self._block_edge()
        if tag == "pre":
            self._pre += 1
            self._pre_opened = True
        elif tag == "h1":
            self._h1 += 1
        elif tag in ("ul", "ol"):
            self._lists.append(None if tag == "ul" else _int(attributes.get("start"), 1))
        elif tag == "li":
            indent = min(max(len(self._lists) - 1, 0), _MAX_INDENT)
            self._prefix = "  " * indent + self._list_label()
        elif tag == "tr":
            self._row_cells = 0
        elif tag in ("td", "th"):
            self._open_cell()

    def _open_cell(self) -> None:
        if self._row_cells:
            self._line.append(_CELL)
        self._row_cells += 1
        self._cells += 1

    def _close_shown(self, tag: str) -> None:
        if tag == "pre":
            self._break(preformatted=True)
            self._pre -= 1
        elif tag == "h1":
            self._h1 -= 1
        elif tag in ("td", "th"):
            self._cells -= 1
        elif tag in ("ul", "ol"):
            self._lists.pop()
        if tag in BLOCKS and tag != "hr":  # <hr> is void: its start did it
            self._block_edge()

    def _block_edge(self) -> None:
        """Blocks end the line, except inside a table cell, where a row stays
        one line and its cells' paragraphs are run together."""
        if self._cells:
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
        if not self._line and not preformatted:
            return  # blocks in blocks: one edge after another
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
    # A longer number is no list's start, and every item's label would repeat it.
    if value is None or len(value) > 12:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def read_html(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Visible text of an HTML page, one line per block; ``<title>`` and a
    ``<meta>`` publication date when the page has them.

    Elements nested deeper than ``limits.depth`` are closed at that depth and
    a note says so. Raises :class:`ReadError` for undecodable bytes or a page
    with no visible text. Of ``limits``, only ``depth`` applies here: HTML is
    never unpacked.
    """
    source = browser_rules(decode_text(path, data, declared_charset(data)))
    page = _parse(path, source, limits.depth)
    text = require_text(path, "\n".join(page.lines), "the page")
    title = (clean_title("".join(page.title)) or clean_title(page.first_heading)
             or first_line(text))
    notes = (f"nested deeper than the {limits.depth:,}-element limit: read with the deeper "
             "elements closed, so some lists or tables may have lost their layout",)
    return RawDocument(text=text, title=title, date=meta_date(page.meta),
                       notes=notes if page.flattened else ())


def _parse(path: Path, source: str, depth: int) -> _TextCollector:
    """Feed ``source`` to libxml2 piece by piece, closing elements nested
    deeper than ``depth`` after each piece.

    Flattening rather than refusing such a page: pages of unclosed ``<font>``
    or ``<span>`` tags nest thousands deep yet read fine in a browser, and their
    text matters more than their layout. The price: the page's own end tags
    for the closed elements then close shallower ones of the same name, so
    the rest may lose its layout and, rarely, a hidden part may show.
    """
    collector = _TextCollector(most_open=depth + _PIECE)
    # huge_tree: without it libxml2 drops attributes and turns comments into
    # text once they pass 10 MB.
    parser = etree.HTMLParser(target=collector, huge_tree=True, no_network=True)
    try:
        for piece in _pieces(source):
            parser.feed(piece)
            closing = collector.closing_tags(depth)
            if closing:
                parser.feed(closing)
        parser.close()
    except _TooDeep:
        # Closing tags that land inside a quoted attribute are only text;
        # a page built so that they always do is refused rather than read slowly.
        raise ReadError(path, f"nested deeper than the {depth:,}-element limit in a way "
                              "that cannot be read flat") from None
    return collector


def _pieces(source: str) -> Iterator[str]:
    """``source`` cut into pieces of about ``_PIECE`` characters, each but the
    first starting with "<"; at least one, as closing an unfed parser fails."""
    start = 0
    while True:
        end = source.find("<", start + _PIECE)
        end = len(source) if end < 0 else end
        yield source[start:end]
        if end == len(source):
            return
        start = end


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
