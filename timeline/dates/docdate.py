"""A document's own date: from its header, dateline, heading or opening sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from timeline.dates.context import tense
from timeline.dates.temporal import TimeMatch, find_times
from timeline.day import Day
from timeline.model import Granularity, When

# What stands before a date given as a header field's whole value: "Date: ",
# "Sent: Thursday, " (a one-word key, maybe hyphenated, then a weekday).
_HEAD_CHARS = 600
_FIELD_BEFORE_DATE = re.compile(
    r"[A-Z][A-Za-z]{0,15}+(?:-[A-Za-z]{1,15}+){0,3}+:[ \t]*+(?:[A-Z][a-z]{1,8}+\.?,?[ \t]*+)?")


def document_date(text: str, head_chars: int = 600) -> Day | None:
    """The date near the top of the text that a header field gives
    (``Date: Thu, 7 Nov 2019``, ``Sent: ...``), else the first day-precise
    date there (a dateline's, a heading's, the opening sentence's)."""
    days = [m for m in find_times(text[:head_chars])
            if m.when and m.when.granularity is Granularity.DAY]
    header = next((m for m in days if _is_field_value(text, m)), None)
    first = header or (days[0] if days else None)
    return first.when.end if first and first.when else None


def _is_field_value(text: str, match: TimeMatch) -> bool:
    """Whether ``match`` is the value of a ``Key: value`` line: an e-mail's
    date header rather than a date in its subject line above it."""
    line_start = text.rfind("\n", 0, match.start) + 1
    return _FIELD_BEFORE_DATE.fullmatch(text, line_start, match.start) is not None


# How far past a text's own date a date stated in the past tense shows that
# the text looks back on a story rather than reporting its own day.
_LOOKING_BACK_DAYS = 366
_SHORT_LINE_WORDS = 10
# A dateline's date is followed by a dash, maybe after an agency's name:
# "RIGA, 3 May 2023 —", "PORTO, Sept. 9, 2022 (Reuters) -".
_DATELINE_AFTER = re.compile(r"[ \t]*+(?:\([A-Za-z .]{1,30}+\)[ \t]*+)?[-–—]")


def looks_back_from_later(text: str, own: Day, dates: Iterable[tuple[int, When]]) -> bool:
    """Whether ``own``, read from the text's opening prose, is only where its
    story starts: the text goes on to tell, in the past tense, of dates
    stated in full more than a year later (a history, a biography), so it
    was written later still, on a day it does not give. A statement or a
    news story speaks of later years only as plans ("will open in 2027").
    A date from a header field, a dateline or a line of its own is the
    document's whatever follows. ``dates`` are the text's dates with where
    each starts."""
    later = own.toordinal() + _LOOKING_BACK_DAYS
    told = any(not when.relative and when.start.toordinal() > later and tense(text, start) <= 0
               for start, when in dates)
    return told and _stated_in_prose(text, own)


def _stated_in_prose(text: str, own: Day) -> bool:
    """Whether the first statement of ``own`` near the top stands in a
    sentence rather than in a header field or on a short line of its own."""
    for match in find_times(text[:_HEAD_CHARS]):
        if match.when is None or match.when.end != own:
            continue
        line_start = text.rfind("\n", 0, match.start) + 1
        line_end = text.find("\n", match.end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        return not (_is_field_value(text, match) or _DATELINE_AFTER.match(text, match.end)
                    or len(line.split()) <= _SHORT_LINE_WORDS)
    return False  # from the file's metadata
