"""A document's own date: from its dateline, heading or opening sentence."""

from __future__ import annotations

from timeline.dates.temporal import find_times
from timeline.day import Day
from timeline.model import Granularity


def document_date(text: str, head_chars: int = 600) -> Day | None:
    """The first day-precise date near the top of the text, if any."""
    for match in find_times(text[:head_chars]):
        if match.when and match.when.granularity is Granularity.DAY:
            return match.when.end
    return None
