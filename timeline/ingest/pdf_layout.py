"""Turn the lines of PDF pages into readable text.

PDF text comes as positioned lines: wrapped at the page edge, with running
headers, footers and page numbers on every page. Left in, a header such as
"Statement, 12 October 2011" becomes a date mention on every page, and a
date wrapped over two lines is cut in half. So:

1. lines that repeat at the top or bottom of most pages, and page numbers
   there, are dropped (:func:`strip_furniture`), unless the repeated lines
   are all the text the pages hold;
2. wrapped lines are joined back into paragraphs (:func:`reflow`): a line
   nearly as long as a full line continues on the next one, unless the next
   starts a list item.

Pure functions on lists of strings, so they are tested without any PDF.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence

EDGE_LINES = 3
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u00ad": None})
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NUMBER = re.compile(r"\d{1,4}")
_ROMAN = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    rf"(?:page\s+)?(?:[-–—]\s*)?(?:\d{{1,3}}|{_ROMAN})(?:\s*[-–—])?(?:\s*(?:of|/)\s*\d{{1,4}})?",
    re.IGNORECASE)
_ITEM_START = re.compile(r"[-–—•▪◦‣●○■□*]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s|\([ivx]{1,5}\)\s")
_HYPHENATED = re.compile(r"[^\W\d_]-")
_MOST_NUMBERS = 8
_MIN_FULL_LINE = 30
_FULL_SHARE = 0.75


def clean_line(line: str) -> str:
    """One extracted line with ligatures spelled out and spacing made single."""
    return _SPACE.sub(" ", line.translate(_LIGATURES)).strip()


def page_lines(text: str) -> list[str]:
    """The non-blank, cleaned lines of one page's extracted text."""
    return [line for line in (clean_line(raw) for raw in text.splitlines()) if line]


def strip_furniture(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Pages without their running headers, footers and page numbers.

    Only the first and last :data:`EDGE_LINES` lines of a page are candidates.
    A bare page number (``7``, ``- 7 -``, ``vii``) goes. So does a line that
    repeats on more than half of the pages, either as is or with a number
    that grows with the page (``Page 3 of 9``), provided it frames other
    text on some page: a line that is all its page holds wherever it
    appears (``Meeting held on 5 May 2010.`` alone on every page) is the
    text itself, and stays. A page holding only furniture seen framing text
    elsewhere (a figure page under the running header) is left empty.
    """
    repeated = _repeated(pages, _exact_keys, min_pages=2)
    running = _repeated(pages, _numbered_keys, min_pages=3)

    def why(line: str, index: int) -> frozenset[Hashable] | None:
        """None for a line that is not furniture, else the repeated keys
        that make it so (none for a page number)."""
        if is_page_number(line):
            return frozenset()
        keys = (_exact_keys(line, index) & repeated) | (_numbered_keys(line, index) & running)
        return frozenset(keys) if keys else None

    marked = [_mark_edges(lines, lambda line, i=index: why(line, i))
              for index, lines in enumerate(pages)]
    framing = {key for page in marked if _has_text(page)
               for _, keys in page if keys for key in keys}
    return [_kept(page, framing) for page in marked]


def _repeated(pages: Sequence[Sequence[str]], keys: Callable[[str, int], set[Hashable]],
              min_pages: int) -> set[Hashable]:
    """Keys of edge lines found on more than half of the pages."""
    if len(pages) < min_pages:
        return set()
    counts = Counter(key for index, lines in enumerate(pages)
                     for key in {k for line in _edges(lines) for k in keys(line, index)})
    return {key for key, count in counts.items() if count > len(pages) // 2}


def is_page_number(line: str) -> bool:
    """A line that is nothing but a page number (``12``, ``- 3 -``, ``Page 4 of 9``)."""
    return _PAGE_NUMBER.fullmatch(line.strip()) is not None


def reflow(lines: Sequence[str], full_width: int) -> str:
    """Join wrapped lines back into paragraphs; other breaks stay line breaks.

    ``full_width`` is the length in characters of a typical full line
    (see :func:`typical_width`).
    """
    if not lines:
        return ""
    threshold = max(_MIN_FULL_LINE, _FULL_SHARE * full_width)
    parts = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if len(previous) < threshold or _ITEM_START.match(line):
            parts.append("\n")
        elif not _HYPHENATED.fullmatch(previous[-2:]):
            parts.append(" ")
        # A word broken at a hyphen keeps it: "co-\nchaired" is "co-chaired".
        parts.append(line)
    return "".join(parts)


def typical_width(pages: Sequence[Sequence[str]]) -> int:
    """The length of a full line: the 90th percentile of all line lengths."""
    lengths = sorted(len(line) for lines in pages for line in lines)
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, math.floor(0.9 * len(lengths)))]


def _edges(lines: Sequence[str]) -> list[str]:
    return [*lines[:EDGE_LINES], *lines[max(EDGE_LINES, len(lines) - EDGE_LINES):]]


def _key(line: str) -> str:
    return " ".join(line.lower().split())


def _exact_keys(line: str, _page_index: int) -> set[Hashable]:
    return {_key(line)}


def _numbered_keys(line: str, page_index: int) -> set[Hashable]:
    """For each number in the line: the line with that number blanked out,
    paired with how far the number is from the page's position.

    A line with more numbers than a running header holds (a table row, a
    list of figures) gets none: each key is a copy of the line, so one key
    a number would cost the square of a long line's length.
    """
    key = _key(line)
    numbers = list(itertools.islice(_NUMBER.finditer(key), _MOST_NUMBERS + 1))
    if len(numbers) > _MOST_NUMBERS:
        return set()
    return {(key[:m.start()] + "#" + key[m.end():], int(m[0]) - page_index) for m in numbers}


_Marked = list[tuple[str, frozenset[Hashable] | None]]
"""A page's lines, each with why it is furniture (None: it is not)."""


def _mark_edges(lines: Sequence[str],
                why: Callable[[str], frozenset[Hashable] | None]) -> _Marked:
    last = len(lines) - EDGE_LINES
    return [(line, why(line) if i < EDGE_LINES or i >= last else None)
            for i, line in enumerate(lines)]


def _has_text(page: _Marked) -> bool:
    return any(keys is None for _, keys in page)


def _kept(page: _Marked, framing: set[Hashable]) -> list[str]:
    """The lines that are not furniture; on a page with no others, also the
    repeated lines that frame no text anywhere."""
    if _has_text(page):
        return [line for line, keys in page if keys is None]
    return [line for line, keys in page if keys and keys.isdisjoint(framing)]
