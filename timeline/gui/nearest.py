"""Where the nearest events are when the view shows a stretch of time without
any: "No events from 1 January 2006 to 1 January 2010. Nearest before:
8 June 2004, 1 year earlier. Nearest after: 12 October 2011, 1 year later."
Qt-free.

Works on the index's items sorted by start (epoch seconds), with their ends:
one binary search for the first item after the view and one pass over the
items before it for the latest end, asked only when the view is empty.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from timeline.gui.wording import day_words
from timeline.index import SECONDS_PER_DAY, day_at


@dataclass(frozen=True)
class Nearest:
    """The closest event times on either side of an empty view (None: none there)."""

    before: float | None  # the latest end before the view (exclusive: midnight after)
    after: float | None   # the earliest start after it


def nearest_events(starts: np.ndarray, ends: np.ndarray, t0: float, t1: float
                   ) -> Nearest | None:
    """Where the nearest events are around the view ``t0``..``t1``, or None
    when some event is in view (or there are no events at all).

    ``starts`` are sorted; ``ends[i]`` is the end of the item starting at
    ``starts[i]``, exclusive (the midnight after its last day), as the index
    holds them."""
    if len(starts) == 0:
        return None
    first_after = int(np.searchsorted(starts, t1, side="right"))
    if first_after and float(np.max(ends[:first_after])) > t0:
        return None  # something that starts before the view's end reaches into it
    before = float(np.max(ends[:first_after])) if first_after else None
    after = float(starts[first_after]) if first_after < len(starts) else None
    return Nearest(before, after)


def distance_words(seconds: float) -> str:
    """A gap in the largest whole unit that fits: ``3 years``, ``5 months``, ``2 days``."""
    days = max(seconds / SECONDS_PER_DAY, 0.0)
    for unit, length in (("year", 365.25), ("month", 30.44), ("week", 7.0), ("day", 1.0)):
        if days >= length:
            n = int(days // length)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "less than a day"


@dataclass(frozen=True)
class EmptyViewWords:
    """What to say about an empty view: a headline, then each side's nearest
    event (None where there is none), short enough to be links."""

    headline: str
    before: str | None
    after: str | None


def empty_view_words(nearest: Nearest, t0: float, t1: float) -> EmptyViewWords:
    """The words for an empty view from ``t0`` to ``t1`` with ``nearest`` around it."""
    headline = f"No events from {day_words(day_at(t0))} to {day_words(day_at(t1))}."
    before = after = None
    if nearest.before is not None:
        last_day = day_at(nearest.before - SECONDS_PER_DAY / 2)
        before = (f"Nearest before: {day_words(last_day)}, "
                  f"{distance_words(t0 - nearest.before)} earlier")
    if nearest.after is not None:
        after = (f"Nearest after: {day_words(day_at(nearest.after))}, "
                 f"{distance_words(nearest.after - t1)} later")
    return EmptyViewWords(headline, before, after)


def empty_view_message(nearest: Nearest, t0: float, t1: float) -> str:
    """The same words as one plain sentence (for the status bar or a log)."""
    words = empty_view_words(nearest, t0, t1)
    return " ".join(part + ("." if part is not words.headline else "")
                    for part in (words.headline, words.before, words.after) if part)
