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
from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import NamedTuple

from timeline.events.lines import is_page_line
from timeline.events.vocab import wordset
from timeline.model import Span

# A list marker opening a line: a bullet, or a paragraph number such as "1.", "11)",
# "(a)", "iv." followed by space. Group "rest" is where the item's text starts.
_MARKER = re.compile(
    r"[ \t]*(?:[•·▪◦●■□➢►*\-–—]|\(?(?:\d{1,3}|[a-z]|[ivxIVX]{1,5})[.)])(?:\s+|$)"
)
_DASHES = frozenset("–—")
_PAGE_NUMBER = re.compile(
    r"\s*+(?:(?:page|p\.)\s*+)?[-–]?\s*+\d{1,4}\s*+[-–]?\s*+(?:of\s++\d+\s*+)?", re.IGNORECASE)
_HEADING_WORD = re.compile(r"[A-Za-z][\w’'\-&/.]*")
_NEXT_CONTENT = re.compile(r"\S")
_BLANK_LINES = re.compile(r"(?:[^\S\n]*+\n)*+")

# Sentence stops: terminal punctuation, closing quotes or brackets, then space
# and something that can open a sentence.
# Opening with a stop character lets the engine skip to the next one in C (a
# pattern opening with a look-behind is run at every character). The
# look-behind after it lets a run of stops (a dot leader, "?!?!") be tried
# once, from its start, and the possessive repeats never give back what they
# took: a run of n dots costs n steps, not n*n.
_STOP = re.compile(r"[.!?](?<![.!?].)[.!?]*+[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9•])")
# The same stops found by three patterns, one per stop character: a pattern
# opening with a single literal character is searched for in C at the speed
# of a character search, one opening with a class tests every character in
# turn (about six times as slow). A stop starts at the first mark of its run,
# so each is found by exactly one of the three.
_FULL_STOPS, _EXCLAMATIONS, _QUESTIONS = (
    re.compile(re.escape(mark) + _STOP.pattern.removeprefix("[.!?]")) for mark in ".!?")
_RARE_STOPS = (("!", _EXCLAMATIONS), ("?", _QUESTIONS))
_SPAN = re.Match.span
_WORD_BEFORE = re.compile(r"[\w.’'\-]*$")
_WORD_RUN = re.compile(r"[\w.’'\-]*+")  # the same characters, all the way

# Words that end with a full stop but do not end the sentence.
_TITLES = wordset("""
mr mrs ms messrs mme dr prof sr jr st mt rev hon gen col lt capt cmdr sgt maj adm gov sen
rep amb pres vs cf viz al approx ca
""")
# Abbreviations that stop being ambiguous when a number follows ("No. 5", "Feb. 2",
# and the circa, born, died, flourished and reigned of histories: "c. 1200 BC").
_BEFORE_NUMBER = wordset("""
no nos art arts fig figs vol vols p pp para paras sec ch chap op ed eds rev nr tel ext
jan feb mar apr jun jul aug sep sept oct nov dec
c fl b d r
""")
_FUNCTION_WORDS = wordset("""
a an and as at by for from in into of on or the to with against between under per via
""")
_TERMINAL = ".!?:;"
# A line alone of at most this many words, followed by a blank line and a
# capital, is a heading even in sentence case.
_SHORT_HEADING_WORDS = 8
_SHORT_HEADING_CHARS = 80
# Lines that may change a block: blank, a page number, a list marker, or a
# possible heading (no lower-case letter; or opening with a capital or digit
# and with no lower-case word but function words). A superset: the heading
# tests below have the last word. A lower-case word is found as a mark then
# a letter: one class test per character, where a look-behind costs more.
_SPECIAL_LINE = re.compile(
    r"^(?:[^\S\n]*$"
    r"|[^\S\n]*+(?:(?i:page|p\.)[^\S\n]*+)?[-–]?[^\S\n]*+\d{1,4}[^\S\n]*+[-–]?[^\S\n]*+"
    r"(?:of[^\S\n]++\d+[^\S\n]*+)?$"
    r"|[ \t]*(?:[•·▪◦●■□➢►*\-–—]|\(?(?:\d{1,3}|[a-z]|[ivxIVX]{1,5})[.)])(?:[^\S\n]|$)"
    r"|(?=[^a-z\n]*+$)[^A-Z\n]*+[A-Z]"
    r"|[ \t]*[A-Z0-9](?![^\n]*?[^\w’'\-&/.\n](?!(?:"
    + "|".join(sorted(_FUNCTION_WORDS, key=len, reverse=True))
    + r")(?![\w’'\-&/.]))[a-z])"
    r")",
    re.MULTILINE,
)
# The same lines found through the line break before them: a pattern opening
# with a literal character is searched for in C, one opening with ^ is run at
# every character of the text.
_SPECIAL_AFTER_BREAK = re.compile("\n" + _SPECIAL_LINE.pattern.removeprefix("^"), re.MULTILINE)
_MAX_HEADING_CHARS = 90
MAX_SENTENCE = 1500
"""Longer stretches without a sentence stop are cut at line breaks, then at
clause marks or spaces: no sentence is longer, so the work done for each
date in a sentence stays bounded however the text is shaped."""
_CLAUSE_CUTS = ";:,"
_MAX_HEADING_WORDS = 12


class _Line(NamedTuple):  # a tuple: cheap to make, as one is made per line
    """One line's content bounds (whitespace and list marker trimmed) and kind:
    ``blank``, ``marker`` (a bullet or number, maybe with text after it),
    ``dash`` (an en or em dash opening the line: a bullet only after a
    finished sentence) or ``text``. ``full`` is where the content starts when
    the marker is counted in."""

    start: int
    end: int
    kind: str
    full: int


def split_sentences(text: str, near: Sequence[int] | None = None) -> list[Span]:
    """Sentence spans, in order, covering the text's prose.

    Spans never overlap, never include leading or trailing whitespace, and
    leave out list markers and bare page numbers. With ``near`` (text offsets,
    such as where dates stand), only the blocks holding one of them are split
    and the rest of the text yields no spans: the sentences around those
    offsets come out exactly as in a full split, at a fraction of the cost.
    """
    if near is not None:
        return _split_near(text, sorted(near))
    stops = _stops(text, 0, len(text))
    spans: list[Span] = []
    i = 0
    for start, end, heading in _blocks(text):
        while i < len(stops) and stops[i][0] < start:
            i += 1  # stops in headings and gaps
        if heading:
            spans.extend(_capped(text, start, end))
        else:
            i = _split_block(text, start, end, stops, i, spans)
    return spans


def _split_near(text: str, wanted: list[int]) -> list[Span]:
    """The sentences of the blocks that hold an offset in sorted ``wanted``."""
    spans: list[Span] = []
    j = 0
    for start, end, heading in _blocks(text):
        while j < len(wanted) and wanted[j] < start:
            j += 1
        if j == len(wanted):
            break  # nothing wanted further on: the remaining blocks are not built
        if wanted[j] >= end:
            continue
        if heading:
            spans.extend(_capped(text, start, end))
            continue
        # The search ends with the block: a block without a stop must not
        # send it through the rest of the text. (A stop at the very end of
        # the block, whose look-ahead would reach past it, splits nothing.)
        stops = _stops(text, start, end)
        _split_block(text, start, end, stops, 0, spans)
    return spans


def _stops(text: str, start: int, end: int) -> list[Span]:
    """The spans of the :data:`_STOP` matches in ``text[start:end]``, in order.
    Most text holds no "!" or "?": a plain character search rules those
    patterns out, and the full stops alone come in order."""
    found = list(map(_SPAN, _FULL_STOPS.finditer(text, start, end)))
    rare = [pattern for mark, pattern in _RARE_STOPS if text.find(mark, start, end) >= 0]
    if rare:
        for pattern in rare:
            found += map(_SPAN, pattern.finditer(text, start, end))
        found.sort()
    return found


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
    """The lines of ``text`` that can change a block (blank lines, page
    numbers, list markers, possible headings), each on its own, and between
    them runs of ordinary lines as one ``run`` each.

    Only the first line of a run can open a block (after a heading or a
    blank gap); the lines after it always carry on the same block, so they
    are never looked at one by one.
    """
    pos = 0
    # (``search`` counts a start past the end as the end, where an empty
    # last line would match for ever: stop once the text is used up.)
    while pos <= len(text) and (line_start := _next_special_line(text, pos)) >= 0:
        if line_start > pos:
            yield from _run(text, pos, line_start)
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = _line(text, line_start, line_end)
        yield line
        pos = line_end + 1
        if line.kind == "blank" and pos < len(text):  # more blank lines change nothing
            pos = _BLANK_LINES.match(text, pos).end()  # type: ignore[union-attr]
    if pos < len(text):
        yield from _run(text, pos, len(text))


def _next_special_line(text: str, pos: int) -> int:
    """Where the first line at or after ``pos`` (a line start) that may
    change a block starts, or -1."""
    if _SPECIAL_LINE.match(text, pos):
        return pos
    found = _SPECIAL_AFTER_BREAK.search(text, pos)
    return -1 if found is None else found.start() + 1


def _run(text: str, start: int, end: int) -> list[_Line]:
    """Ordinary lines in ``text[start:end]`` as one ``run`` line."""
    return [_Line(first, last, "run", first) for first, last in _trimmed(text, start, end)]


def _line(text: str, line_start: int, line_end: int) -> _Line:
    """One line that may change a block, classified. A running header or
    footer ("Coastal Survey 2020 — Page 2 of 9") counts as blank, as a bare
    page number does: it is no part of the sentence it interrupts. (One
    with lower-case words is not looked at: it stands in a run of ordinary
    lines, which are never read one by one.)"""
    raw = text[line_start:line_end]
    content = raw.strip()
    if not content or _PAGE_NUMBER.fullmatch(content) or is_page_line(content):
        return _Line(line_start, line_start, "blank", line_start)
    lead = len(raw) - len(raw.lstrip())
    start, end = line_start + lead, line_start + lead + len(content)
    marker = _MARKER.match(raw)
    if marker is None:
        return _Line(start, end, "text", start)
    kind = "dash" if raw[lead] in _DASHES else "marker"
    return _Line(min(line_start + marker.end(), end), end, kind, start)


def _blocks(text: str) -> Iterator[tuple[int, int, bool]]:
    """Blocks of consecutive lines as ``(start, end, is_heading)``, each given
    as soon as a line completes it."""
    builder = _BlockBuilder(text)
    done = builder.done
    for line in _lines(text):
        builder.feed(line)
        if done:
            yield from done
            done.clear()
    builder.flush()
    yield from done


class _BlockBuilder:
    """Groups lines into blocks, one line at a time (state lives per call),
    putting each block it completes in ``done``. Plain methods rather than
    generators: one call is made per line of the text, and most complete
    nothing."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.done: list[tuple[int, int, bool]] = []
        self.start = -1
        self.end = -1
        self.heading = False
        self.caps = False
        self.closed = True  # the previous content line ended a sentence
        self.gap = False  # blank lines since the previous content line

    def flush(self) -> None:
        """Complete the block being built, if any."""
        if self.start >= 0 and self.end > self.start:
            self.done.append((self.start, self.end, self.heading))
        self.start = -1

    def open(self, line: _Line, heading: bool) -> None:
        """End the current block and start a new one at ``line``."""
        self.flush()
        self.start, self.end, self.heading = line.start, line.end, heading

    def feed(self, line: _Line) -> None:
        """Take one line (or run of ordinary lines); complete any block it ends."""
        if line.kind == "blank":
            self.gap = True
            return
        if line.kind == "run":
            self._feed_run(line)
            return
        if line.kind == "dash" and not (self.closed or self.gap):
            line = _Line(line.full, line.end, "text", line.full)  # a dash inside a sentence
        content = self.text[line.start:line.end]
        if line.kind in ("marker", "dash"):
            if line.start >= line.end:  # a marker alone on its line
                self.flush()
                self.closed, self.heading = True, False
            else:
                self.open(line, False)
                self.closed = content[-1] in _TERMINAL
            self.gap = False
            return
        self._feed_text(line, content)
        self.gap = False

    def _feed_run(self, line: _Line) -> None:
        """Ordinary lines: a new block only after a heading or a paragraph gap."""
        first = self.text[line.start]
        if self.start < 0 or self.heading or (self.gap and not self._continues(first)):
            self.open(line, False)
        else:
            self.end = line.end
        self.heading, self.gap = False, False
        self.closed = self.text[line.end - 1] in _TERMINAL

    def _feed_text(self, line: _Line, content: str) -> None:
        caps = _is_caps_heading(content)
        may_head = self.closed or self.gap or self.start < 0 or self.heading
        following = _NEXT_CONTENT.search(self.text, line.end)
        next_lower = following is not None and following.group().islower()
        if may_head and not next_lower and (caps or _is_title_heading(content)):
            if self.heading and self.caps and caps and not self.gap:
                self.end = line.end  # another line of an all-capital title block
            else:
                self.open(line, True)
            self.caps, self.closed = caps, True
            return
        if self.start < 0 or self.heading or (self.gap and not self._continues(content[0])):
            self.open(line, False)
        else:
            self.end = line.end
        self.heading = False
        self.closed = content[-1] in _TERMINAL

    def _continues(self, first: str) -> bool:
        """Whether a line opening with ``first`` after a blank gap carries on
        the paragraph before it (a page break inside a sentence rather than a
        new paragraph)."""
        if self.closed:
            return False
        if first.isupper() and self._short_line_alone():
            return False  # a heading in sentence case: "Harbour history"
        last = self.text[self.end - 1]
        return first.islower() or last.islower() or last in ",-"

    def _short_line_alone(self) -> bool:
        """Whether the block so far is one short line not ending on a
        function word (a page break cuts long paragraphs, "... of the")."""
        if self.end - self.start > _SHORT_HEADING_CHARS or "\n" in self.text[self.start:self.end]:
            return False
        words = self.text[self.start:self.end].split()
        return 0 < len(words) <= _SHORT_HEADING_WORDS and words[-1].lower() not in _FUNCTION_WORDS


def list_marker_length(content: str) -> int:
    """How many characters of the line ``content`` (trimmed) a list marker
    and the space after it take ("3. ", "(a) ", "• "); 0 when none opens it."""
    marker = _MARKER.match(content)
    return marker.end() if marker else 0


def is_heading_line(content: str) -> bool:
    """A trimmed line that reads as a heading: in capitals, or short, in
    title case and without a closing stop."""
    return bool(content) and (_is_caps_heading(content) or _is_title_heading(content))


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


def _split_block(text: str, start: int, end: int, stops: list[Span], i: int,
                 spans: list[Span]) -> int:
    """Append the sentences of one text block to ``spans``, using the stops
    from ``stops[i]`` on; returns the index of the first stop not used."""
    begin = start
    while i < len(stops) and stops[i][1] <= end:
        dot, after = stops[i]
        i += 1
        if not _is_abbreviation(text, begin, dot, after):
            spans.extend(_trimmed(text, begin, after))
            begin = after
    spans.extend(_trimmed(text, begin, end))
    return i


def _is_abbreviation(text: str, begin: int, dot: int, after: int) -> bool:
    """Whether the full stop at ``dot`` belongs to an abbreviation."""
    if text[dot] != ".":
        return False
    word = _word_before(text, max(begin, dot - 24), dot)
    if not word:
        return False
    lower = word.lower()
    if "." in word or lower in _TITLES:
        return True  # U.S., e.g., Mr.
    if len(word) == 1 and word.isupper():
        return True  # an initial: J. Smith
    return lower in _BEFORE_NUMBER and text[after:after + 8].lstrip()[:1].isdigit()


def _word_before(text: str, lo: int, dot: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens ending at
    ``dot``, starting no earlier than ``lo``: what ``_WORD_BEFORE`` finds
    there. The word after the last space is tried first; the search, which
    tries every start from ``lo``, is left for a word holding other marks."""
    start = max(lo, text.rfind(" ", lo, dot) + 1)
    if _WORD_RUN.fullmatch(text, start, dot):
        return text[start:dot]
    found = _WORD_BEFORE.search(text, lo, dot)  # always matches: * then $
    return found.group() if found else ""


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    """``text[start:end]`` without surrounding whitespace, if anything is left.

    A stretch longer than ``MAX_SENTENCE`` characters with no sentence stop
    (a table, a list of dates one per line) is cut at its line breaks, so
    that one "sentence" never holds a whole page. A list, not a generator:
    nearly every stretch is one span, made once per line of the text.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= MAX_SENTENCE:
        return [(start, end)] if end > start else []
    if text.find("\n", start, end) >= 0:
        return [piece for line in _by_lines(text, start, end) for piece in _capped(text, *line)]
    return list(_capped(text, start, end))


def _capped(text: str, start: int, end: int) -> Iterator[Span]:
    """``text[start:end]`` (trimmed) in pieces of at most ``MAX_SENTENCE``
    characters, each cut after the last clause mark in its second half, else
    at its last space, else where the limit falls."""
    while end - start > MAX_SENTENCE:
        cut = _cut_point(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield (start, piece_end)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield (start, end)


def _cut_point(text: str, lo: int, hi: int) -> int:
    """Where to cut ``text`` between ``lo`` and ``hi``: just after a clause
    mark, else at a space, else at ``hi``."""
    mark = max(text.rfind(c, lo, hi) for c in _CLAUSE_CUTS)
    if mark >= 0:
        return mark + 1
    space = max(text.rfind(" ", lo, hi), text.rfind("\t", lo, hi))
    return space if space > lo else hi


def _by_lines(text: str, start: int, end: int) -> Iterator[Span]:
    """Each non-blank line of ``text[start:end]``, trimmed."""
    while start < end:
        cut = text.find("\n", start, end)
        cut = end if cut < 0 else cut
        line_start, line_end = start, cut
        while line_start < line_end and text[line_start].isspace():
            line_start += 1
        while line_end > line_start and text[line_end - 1].isspace():
            line_end -= 1
        if line_end > line_start:
            yield (line_start, line_end)
        start = cut + 1
