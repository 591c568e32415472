"""A document's own date: from its header, dateline, heading or opening sentence."""

from __future__ import annotations

import re

from timeline.dates.temporal import TimeMatch, find_times
from timeline.day import Day
from timeline.model import Granularity

# What stands before a date given as a header field's whole value: "Date: ",
# "Sent: Thursday, " (a one-word key, maybe hyphenated, then a weekday).
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
