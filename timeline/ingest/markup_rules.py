"""What browsers do with HTML that libxml2 does not, done to the source first.

Browsers ignore the slash in ``<script/>``: what follows is script up to
``</script>``, as for every raw-text element except inside SVG and MathML,
where the slash does close the element. They read ``</br>`` as ``<br>``, and
an end tag such as ``</p>`` with no open ``<p>`` still ends the line; libxml2
drops it, which would run the words on both sides together, so each block
end tag is followed by an :data:`EDGE` comment for the reader to see.
"""

from __future__ import annotations

import re
from types import MappingProxyType

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
# Elements whose content is text up to their own end tag, markup and all.
RAW_TEXT = frozenset({"script", "style", "title", "textarea", "xmp", "iframe", "noembed",
                       "noframes", "noscript", "plaintext"})
RAW_TEXT_END = MappingProxyType({
    name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE) for name in RAW_TEXT})
# What the source pass stops at: comments, start tags of raw-text and foreign
# (SVG, MathML) elements, and end tags of foreign and block elements and <br>.
_LANDMARK = re.compile(
    r"<!--"
    rf"|<({'|'.join(sorted(RAW_TEXT))}|svg|math)(?=[\s/>])"
    rf"|</({'|'.join(sorted(BLOCKS))}|svg|math|br)(?=[\s/>])",
    re.IGNORECASE)
# The comment put after each block end tag: a private-use character, which a
# page's own comments all but never consist of.
EDGE = "\ue000"


def browser_rules(source: str) -> str:
    """``source`` changed so that libxml2 reads it as a browser does."""
    return _BrowserRules(source).apply()


class _BrowserRules:
    """One pass over the source making the changes the module describes.

    The pass skips comments and raw text, and finds a tag's end at the next
    ``>``, so a ``>`` inside a quoted attribute of these few tags hides a
    closing slash from it; libxml2's own reading then stands.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[str] = []
        self.copied = 0  # source before this index is in ``pieces``
        self.foreign = 0  # open <svg> and <math> elements

    def apply(self) -> str:
        """The source with the changes made."""
        position = 0
        while position >= 0 and (found := _LANDMARK.search(self.source, position)):
            if found[1]:
                position = self._start_tag(found)
            elif found[2]:
                position = self._end_tag(found)
            else:  # "<!-->" is a whole, empty comment, hence the search from "--"
                end = self.source.find("-->", found.start() + 2)
                position = end + 3 if end >= 0 else -1
        self.pieces.append(self.source[self.copied:])
        return "".join(self.pieces)

    def _start_tag(self, found: re.Match[str]) -> int:
        name = found[1].lower()
        close = self.source.find(">", found.end())
        if close < 0:
            return -1
        closes_itself = self.source[close - 1] == "/"
        if name in ("svg", "math"):
            self.foreign += not closes_itself
            return close + 1
        if self.foreign:
            return close + 1
        if closes_itself:
            self._drop(close - 1)
        end = RAW_TEXT_END[name].search(self.source, close + 1)
        return end.start() if end else -1

    def _end_tag(self, found: re.Match[str]) -> int:
        name = found[2].lower()
        close = self.source.find(">", found.end())
        if close < 0:
            return -1
        if name in ("svg", "math"):
            self.foreign = max(self.foreign - 1, 0)
        elif name == "br":
            self._drop(found.start() + 1)
        else:
            self._insert(close + 1, f"<!--{EDGE}-->")
        return close + 1

    def _drop(self, index: int) -> None:
        self.pieces.append(self.source[self.copied:index])
        self.copied = index + 1

    def _insert(self, index: int, text: str) -> None:
        self.pieces.append(self.source[self.copied:index])
        self.pieces.append(text)
        self.copied = index
