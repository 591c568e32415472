"""Find date expressions in text and normalise them to :class:`When`.

The scan works from anchors, because Python's regex engine is slow at trying a
large grammar at every character: every expression holds a number or a time
word (``March``, ``year``, ``Friday``), and those are found by two cheap scans.
From each anchor the scan steps back over words that can open an expression
(``the second half of``), then tries the date forms that can start at each such
place (:mod:`forms`; the tables come from :mod:`prefilters`); a form's handler
checks the context and normalises, and the longest accepted reading that
covers the anchor wins. Expressions are interpreted
knowing which parts were written (``2018-10`` stays a month; it never becomes a
day), and relative ones are resolved against ``reference`` or, for dates
without a year and narrative relatives, against the time the text has reached
(:mod:`story`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from timeline.dates.forms import Handler
from timeline.dates.patterns import WEB_ADDRESSES
from timeline.dates.prefilters import (
    DIGIT_ANCHOR,
    FORMS_BY_FIRST,
    LEAD_WORDS,
    LETTERS_ONLY,
    WORD_ANCHOR,
    WORD_ANCHOR_AT_START,
)
from timeline.dates.reading import Context, Reading
from timeline.dates.story import StoryTime, advance
from timeline.model import When

_MAIL_RIGHT = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_MAIL_LEFT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._+-")
_SEPARATORS = " \t\r\n,-\u00a0"
_MAX_PREFIX_WORDS = 6
OUTSIDE_CALENDAR = "falls outside the calendar (before year 1 or after 9999)"


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """A temporal expression at ``text[start:end]``; ``when`` is None when it
    could not be placed, with ``reason`` saying why."""

    start: int
    end: int
    text: str
    when: When | None
    reason: str | None = None
    form: str = field(default="", compare=False)
    """The name of the form (:mod:`forms`) that read it."""
    counted_from: StoryTime | None = field(default=None, compare=False)
    """The earlier date it was counted from, when the story's time placed it
    rather than the reference day."""


def find_times(text: str, reference: date | None = None,
               limit: int | None = None) -> list[TimeMatch]:
    """Every temporal expression in ``text``, in order, never overlapping
    (the first ``limit`` of them when a limit is given).

    ``reference`` anchors relative expressions (``yesterday``, ``in March``);
    without one they are returned unplaced, with a reason.
    """
    low = text.lower()
    addresses = _address_spans(text, low)
    found: list[TimeMatch] = []
    pos = 0
    story: StoryTime | None = None
    for anchor in _anchors(text, low):
        if anchor < pos or (addresses and _inside(addresses, anchor)):
            continue
        hit = _read_at_anchor(text, low, anchor, pos, reference, story)
        if hit is None:
            continue
        begin, end, reading, form, from_story = hit
        counted_from = story if from_story else None
        found.append(TimeMatch(begin, end, text[begin:end], reading.when, reading.reason, form,
                               counted_from))
        from_document = reading.when is not None and reading.when.relative and not from_story
        story = advance(story, reading.when, begin, end, from_document, text)
        if len(found) == limit:
            break
        pos = end
    return found


_START = re.Match.start
_END = re.Match.end
_DIGITS_ONLY = bytes(0x30 if 0x30 <= code <= 0x39 else 0x20 for code in range(256))
"""A translation table making every ASCII digit a 0 and every other byte a space."""
_DIGIT_RUN = re.compile(rb"00*+")  # opens with a literal: found by a quick search
_QUESTION_MARK = re.compile(rb"\?")
_SPARSE = 64
"""The ASCII copy finds numbers while at most one character in this many
starts a run of digits or stands outside ASCII."""


def _anchors(text: str, low: str) -> list[int]:
    """Positions of numbers that may belong to a date and of time words, in order."""
    # One byte per character ("?" for any outside ASCII): scans for a
    # literal byte in it are far quicker than scans for a set of characters.
    ascii_copy = low.encode("ascii", "replace")
    positions = _number_anchors(text, low, ascii_copy)
    if WORD_ANCHOR_AT_START.match(low):
        positions.append(0)
    # map() over the unbound method: no Python frame per match, which is
    # most of this function's cost on long texts.
    positions.extend(map(_END, WORD_ANCHOR.finditer(ascii_copy.translate(LETTERS_ONLY))))
    positions.sort()  # sorted runs: timsort merges them in one pass
    return positions


def _number_anchors(text: str, low: str, ascii_copy: bytes) -> list[int]:
    """Where :data:`DIGIT_ANCHOR` matches in ``text``, in order.

    A match opens a run of digits, so only the runs' starts are tried: the
    runs of ASCII digits, found in the ASCII copy of ``low``. The whole text
    is scanned instead where that copy does not line up with the text (a
    character whose lower case is longer), where digits or characters
    outside ASCII are dense (trying each run would cost more), or where one
    of those characters is a digit (the copy does not show it).
    """
    digits = ascii_copy.translate(_DIGITS_ONLY)
    runs = digits.count(b"0 ") + digits.endswith(b"0")  # (by their ends: "0" is the rare byte)
    if (len(low) != len(text) or (runs + ascii_copy.count(b"?")) * _SPARSE > len(text)
            or _digit_outside_ascii(text, ascii_copy)):
        return list(map(_START, DIGIT_ANCHOR.finditer(text)))
    match = DIGIT_ANCHOR.match
    return [start for start in map(_START, _DIGIT_RUN.finditer(digits)) if match(text, start)]


def _digit_outside_ascii(text: str, ascii_copy: bytes) -> bool:
    """Whether a character of ``text`` outside ASCII (a "?" in its ASCII
    copy, as every "?" is) is a decimal digit (``\\d``)."""
    marks = map(_START, _QUESTION_MARK.finditer(ascii_copy))
    return any(map(str.isdecimal, map(text.__getitem__, marks)))


Hit = tuple[int, int, Reading, str, bool]
"""Where a reading starts and ends, the reading, the form that made it, and
whether the story's time placed it."""


def _read_at_anchor(text: str, low: str, anchor: int, floor: int, reference: date | None,
                    story: StoryTime | None = None) -> Hit | None:
    """The reading that covers ``anchor``, starting as early as its words allow."""
    for start in [*_prefix_starts(low, anchor, floor), anchor]:
        best = _best_reading(text, low, start, reference, story)
        if best is not None and best[1] > anchor:
            return best
    return None


def _prefix_starts(low: str, anchor: int, floor: int) -> list[int]:
    """Earlier places an expression holding ``anchor`` may start, earliest first:
    the start of the anchor's own word (``Q1``, ``FY2013``, ``'90s``) and of the
    opening words before it (``the``, ``mid-``, ``between``)."""
    starts: list[int] = []
    word_start = anchor
    while word_start > floor and (low[word_start - 1].isalpha() or low[word_start - 1] in "'’"):
        word_start -= 1
    if word_start < anchor:
        starts.append(word_start)
    end = word_start
    for _ in range(_MAX_PREFIX_WORDS):
        while end > floor and low[end - 1] in _SEPARATORS:
            end -= 1
        begin = end
        while begin > floor and low[begin - 1].isalpha():
            begin -= 1
        if begin == end or low[begin:end] not in LEAD_WORDS:
            break
        starts.append(begin)
        end = begin
    return sorted(starts)


def _best_reading(text: str, low: str, start: int, reference: date | None,
                  story: StoryTime | None = None) -> Hit | None:
    """The longest accepted reading of any form that can start at ``start``."""
    best: Hit | None = None
    for name, pattern, handler in FORMS_BY_FIRST.get(low[start], ()):
        match = pattern.match(text, start)
        if match is None or (best is not None and match.end() <= best[1]):
            continue
        ctx = Context(text, reference, match, story)
        reading = _handle(handler, ctx)
        if reading is not None:
            begin = reading.start if reading.start is not None else start
            best = (begin, match.end(), reading, name, _from_story(handler, ctx, reading))
    return best


def _handle(handler: Handler, ctx: Context) -> Reading | None:
    try:
        return handler(ctx)
    except (ValueError, OverflowError):
        # Only calendar arithmetic raises: "tomorrow" of 31 December 9999.
        return Reading(None, OUTSIDE_CALENDAR)


def _from_story(handler: Handler, ctx: Context, reading: Reading) -> bool:
    """Whether the story's time placed a relative reading: read without it,
    the match would say something else. Asking the handler again keeps the
    handlers free of bookkeeping; only relative readings within a story pay."""
    if ctx.story is None or reading.when is None or not reading.when.relative:
        return False
    return _handle(handler, Context(ctx.text, ctx.ref, ctx.match)) != reading


def _address_spans(text: str, low: str) -> list[int]:
    """Flattened [start0, end0, start1, end1, ...] of web and mail addresses, so
    that ``www.example.org/2012/05`` yields no date."""
    edges: list[int] = []
    for pattern in WEB_ADDRESSES:
        edges.extend(edge for m in pattern.finditer(low) for edge in m.span())
    at = text.find("@")
    while at != -1:
        right = _MAIL_RIGHT.match(text, at)
        left = at
        while left > 0 and low[left - 1] in _MAIL_LEFT_CHARS:
            left -= 1
        if right and left < at:
            edges.extend((left, right.end()))
        at = text.find("@", at + 1)
    return _merge_spans(edges)


def _merge_spans(edges: list[int]) -> list[int]:
    """Sort flattened spans and merge overlaps so bisect can test membership."""
    pairs = sorted(zip(edges[::2], edges[1::2], strict=True))
    merged: list[int] = []
    for start, end in pairs:
        if merged and start <= merged[-1]:
            merged[-1] = max(merged[-1], end)
        else:
            merged.extend((start, end))
    return merged


def _inside(edges: list[int], pos: int) -> bool:
    """True when ``pos`` falls inside one of the spans in ``edges``."""
    return bisect.bisect_right(edges, pos) % 2 == 1
