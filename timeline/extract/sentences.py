"""Sentence splitting for text pulled out of PDFs and word processors.

The text arrives with lines wrapped mid-sentence, numbered paragraphs, bullet
lists, headings and bare page numbers. Splitting runs in two passes:

1. Lines are grouped into *blocks*. A newline is only a break when the next
   line opens a new block: a list marker (``1.``, ``11)``, ``-``, ``•``), a
   heading, or a blank gap that is not merely a page break inside a
   paragraph. Consecutive all-capital heading lines form one block (a title
   page: name, place and date of a meeting).
2. Inside a text block, sentences end at ``.``, ``!`` or ``?`` followed by
   space and a capital, digit or opening quote, unless the word before the
   stop is an abbreviation (``Mr.``, ``U.S.``, ``e.g.``, ``Feb. 2``, ``No. 5``).

List markers are not part of a sentence, and no span starts or ends with
whitespace.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter

from timeline.extract.vocab import wordset
from timeline.model import Span

# A list marker opening a line: a bullet, or a paragraph number such as "1.", "11)",
# "(a)", "iv." followed by space. Group "rest" is where the item's text starts.
_MARKER = re.compile(
    r"[ \t]*(?:[•·▪◦●■□➢►*\-–—]|\(?(?:\d{1,3}|[a-z]|[ivxIVX]{1,5})[.)])(?:\s+|$)"
)
_DASHES = frozenset("–—")
_PAGE_NUMBER = re.compile(r"\s*(?:(?:page|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?\s*(?:of\s+\d+\s*)?",
                          re.IGNORECASE)
_HEADING_WORD = re.compile(r"[A-Za-z][\w’'\-&/.]*")

# Sentence stops: terminal punctuation, closing quotes or brackets, then space
# and something that can open a sentence.
_STOP = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9•])")
_WORD_BEFORE = re.compile(r"[\w.’'\-]*$")

# Words that end with a full stop but do not end the sentence.
_TITLES = wordset("""
mr mrs ms messrs mme dr prof sr jr st mt rev hon gen col lt capt cmdr sgt maj adm gov sen
rep amb pres vs cf viz al approx ca
""")
# Abbreviations that stop being ambiguous when a number follows ("No. 5", "Feb. 2").
_BEFORE_NUMBER = wordset("""
no nos art arts fig figs vol vols p pp para paras sec ch chap op ed eds rev nr tel ext
jan feb mar apr jun jul aug sep sept oct nov dec
""")
_FUNCTION_WORDS = wordset("""
a an and as at by for from in into of on or the to with against between under per via
""")
_TERMINAL = ".!?:;"
_MAX_HEADING_CHARS = 90
_MAX_HEADING_WORDS = 12


@dataclass(frozen=True, slots=True)
class _Line:
    """One line's content bounds (whitespace and list marker trimmed) and kind:
    ``blank``, ``marker`` (a bullet or number, maybe with text after it),
    ``dash`` (an en or em dash opening the line: a bullet only after a
    finished sentence) or ``text``. ``full`` is where the content starts when
    the marker is counted in."""

    start: int
    end: int
    kind: str
    full: int


def split_sentences(text: str) -> list[Span]:
    """Sentence spans, in order, covering the text's prose.

    Spans never overlap, never include leading or trailing whitespace, and
    leave out list markers and bare page numbers.
    """
    spans: list[Span] = []
    for start, end, heading in _blocks(text):
        if heading:
            spans.append((start, end))
        else:
            spans.extend(_split_block(text, start, end))
    return spans


def sentence_at(sentences: list[Span], start: int, end: int) -> Span:
    """The sentence holding ``start``..``end``, widened to every sentence the
    span touches; the span itself when it lies outside all sentences.

    ``sentences`` must be sorted and non-overlapping, as :func:`split_sentences`
    returns them; the look-up is a binary search.
    """
    first = bisect.bisect_right(sentences, start, key=itemgetter(0)) - 1
    if first < 0 or sentences[first][1] <= start:
        first += 1  # the span starts in a gap: begin with the next sentence
    last = bisect.bisect_left(sentences, end, key=itemgetter(0)) - 1
    if first > last or first >= len(sentences):
        return (start, end)
    return (min(sentences[first][0], start), max(sentences[last][1], end))


def _lines(text: str) -> Iterator[_Line]:
    """Every line of ``text`` with its content bounds and kind."""
    offset = 0
    for raw in text.split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        content = raw.strip()
        if not content or _PAGE_NUMBER.fullmatch(content):
            yield _Line(line_start, line_start, "blank", line_start)
            continue
        lead = len(raw) - len(raw.lstrip())
        start, end = line_start + lead, line_start + lead + len(content)
        marker = _MARKER.match(raw)
        if marker is None:
            yield _Line(start, end, "text", start)
            continue
        kind = "dash" if raw[lead] in _DASHES else "marker"
        yield _Line(min(line_start + marker.end(), end), end, kind, start)


def _blocks(text: str) -> Iterator[tuple[int, int, bool]]:
    """Blocks of consecutive lines as ``(start, end, is_heading)``."""
    lines = list(_lines(text))
    builder = _BlockBuilder(text)
    for i, line in enumerate(lines):
        following = _next_content(lines, i)
        yield from builder.feed(line, following)
    yield from builder.flush()


def _next_content(lines: list[_Line], i: int) -> _Line | None:
    """The first non-blank line after ``lines[i]`` (looking a few lines ahead)."""
    for line in lines[i + 1:i + 4]:
        if line.kind != "blank":
            return line
    return None


class _BlockBuilder:
    """Groups lines into blocks, one line at a time (state lives per call)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = -1
        self.end = -1
        self.heading = False
        self.caps = False
        self.closed = True  # the previous content line ended a sentence
        self.gap = False  # blank lines since the previous content line

    def flush(self) -> Iterator[tuple[int, int, bool]]:
        """Emit the block being built, if any."""
        if self.start >= 0 and self.end > self.start:
            yield (self.start, self.end, self.heading)
        self.start = -1

    def open(self, line: _Line, heading: bool) -> Iterator[tuple[int, int, bool]]:
        """End the current block and start a new one at ``line``."""
        yield from self.flush()
        self.start, self.end, self.heading = line.start, line.end, heading

    def feed(self, line: _Line, following: _Line | None) -> Iterator[tuple[int, int, bool]]:
        """Take one line; yield any block it completes."""
        if line.kind == "blank":
            self.gap = True
            return
        if line.kind == "dash" and not (self.closed or self.gap):
            line = _Line(line.full, line.end, "text", line.full)  # a dash inside a sentence
        content = self.text[line.start:line.end]
        if line.kind in ("marker", "dash"):
            if line.start >= line.end:  # a marker alone on its line
                yield from self.flush()
                self.closed, self.heading = True, False
            else:
                yield from self.open(line, False)
                self.closed = content[-1] in _TERMINAL
            self.gap = False
            return
        yield from self._feed_text(line, content, following)
        self.gap = False

    def _feed_text(self, line: _Line, content: str,
                   following: _Line | None) -> Iterator[tuple[int, int, bool]]:
        caps = _is_caps_heading(content)
        may_head = self.closed or self.gap or self.start < 0 or self.heading
        next_lower = (following is not None and following.start < following.end
                      and self.text[following.start].islower())
        if may_head and not next_lower and (caps or _is_title_heading(content)):
            if self.heading and self.caps and caps and not self.gap:
                self.end = line.end  # another line of an all-capital title block
            else:
                yield from self.open(line, True)
            self.caps, self.closed = caps, True
            return
        if self.start < 0 or self.heading or (self.gap and not self._continues(content)):
            yield from self.open(line, False)
        else:
            self.end = line.end
        self.heading = False
        self.closed = content[-1] in _TERMINAL

    def _continues(self, content: str) -> bool:
        """Whether a line after a blank gap carries on the paragraph before it
        (a page break inside a sentence rather than a new paragraph)."""
        if self.closed:
            return False
        last = self.text[self.end - 1]
        return content[0].islower() or last.islower() or last in ",-"


def _is_caps_heading(content: str) -> bool:
    """A line in capitals: ``SEVENTH MEETING OF ...``, ``SYDNEY, 5 MARCH 2013``."""
    return content.isupper() and sum(1 for c in content if c.isalpha()) >= 4


def _is_title_heading(content: str) -> bool:
    """A short title-case line with no closing stop: ``Key Themes``, ``2017 Workshops``."""
    if len(content) > _MAX_HEADING_CHARS or content[-1] in ".,;:!?":
        return False
    words = _HEADING_WORD.findall(content)
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    if not (content[0].isupper() or content[0].isdigit()):
        return False
    return all(w[0].isupper() or w.lower() in _FUNCTION_WORDS for w in words)


def _split_block(text: str, start: int, end: int) -> Iterator[Span]:
    """Sentences inside one text block."""
    begin = start
    for stop in _STOP.finditer(text, start, end):
        if _is_abbreviation(text, begin, stop.start(), stop.end()):
            continue
        yield from _trimmed(text, begin, stop.end())
        begin = stop.end()
    yield from _trimmed(text, begin, end)


def _is_abbreviation(text: str, begin: int, dot: int, after: int) -> bool:
    """Whether the full stop at ``dot`` belongs to an abbreviation."""
    if text[dot] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(begin, dot - 24), dot).group()
    if not word:
        return False
    lower = word.lower()
    if "." in word or lower in _TITLES:
        return True  # U.S., e.g., Mr.
    if len(word) == 1 and word.isupper():
        return True  # an initial: J. Smith
    return lower in _BEFORE_NUMBER and text[after:after + 8].lstrip()[:1].isdigit()


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    """``text[start:end]`` without surrounding whitespace, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)
