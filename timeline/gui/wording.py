"""Dates and events in words for people: "29–30 March 2011", "June 2012 (month)".

Qt-free, so the wording is tested without a display.
"""

from __future__ import annotations

import re

from timeline.dates import timecalc
from timeline.day import Day, year_name
from timeline.model import Document, Granularity, Mention, When, month_end

PRECISION_NAMES: dict[Granularity, str] = {
    Granularity.DAY: "day",
    Granularity.MONTH: "month",
    Granularity.SEASON: "season",
    Granularity.QUARTER: "quarter",
    Granularity.HALF: "half-year",
    Granularity.YEAR: "year",
    Granularity.DECADE: "decade",
    Granularity.CENTURY: "century",
    Granularity.MILLENNIUM: "millennium",
}


def year_words(year: int) -> str:
    """``2011``; ``490 BC`` (astronomical year -489); ``AD 43`` below 1000, where a
    bare number would not say which era it is in."""
    return year_name(year, era=True)


def day_words(day: Day) -> str:
    """``12 October 2011``, ``15 March 44 BC``."""
    return f"{day.day} {day:%B} {year_words(day.year)}"


def years_words(first: int, last: int) -> str:
    """``2012–2013``, ``264–241 BC``, ``27 BC – AD 14``."""
    if first == last:
        return year_words(first)
    if last <= 0:
        return f"{1 - first}–{1 - last} BC"
    if first <= 0:
        return f"{year_words(first)} – {year_words(last)}"
    if last < 1000:
        return f"AD {first}–{last}"
    return f"{first}–{last}"


def _day_range(start: Day, end: Day) -> str:
    if start == end:
        return day_words(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B} {year_words(end.year)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B} {year_words(end.year)}"
    return f"{day_words(start)} – {day_words(end)}"


def _month_range(start: Day, end: Day) -> str:
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B} {year_words(start.year)}"
    if start.year == end.year:
        return f"{start:%B}–{end:%B} {year_words(end.year)}"
    return f"{start:%B} {year_words(start.year)} – {end:%B} {year_words(end.year)}"


def _whole_months(when: When) -> bool:
    return when.start.day == 1 and when.end == month_end(when.end.year, when.end.month)


def _whole_years(when: When) -> bool:
    return (when.start.month, when.start.day, when.end.month, when.end.day) == (1, 1, 12, 31)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# How people name a part of a unit: "mid-2013", "the end of 2015".
_PART_PHRASES = {"early": "early {}", "mid": "mid-{}", "late": "late {}",
                 "beginning": "the beginning of {}", "end": "the end of {}"}
_ORDINAL_WORDS = ("first", "second", "third", "fourth")


def _part_of(span: tuple[Day, Day], parts: dict[str, tuple[Day, Day]]) -> str | None:
    return next((name for name, bounds in parts.items()
                 if bounds == span and name in _PART_PHRASES), None)


def part_words(when: When) -> str | None:
    """Approximate parts and named divisions as people write them: ``mid-2013``,
    ``late January 2015``, ``the late 1970s``, ``the second half of 2004``,
    ``Q3 2019``, ``autumn 2016``; None when the span is not one of these."""
    g, span, start = when.granularity, (when.start, when.end), when.start
    if g is Granularity.HALF and span == timecalc.half_span(start.year, 1 + (start.month > 6)):
        return f"the {_ORDINAL_WORDS[start.month > 6]} half of {year_words(start.year)}"
    if g is Granularity.QUARTER and when.days < 93 and start.day == 1 and start.month % 3 == 1:
        return f"Q{start.month // 3 + 1} {year_words(start.year)}"
    if g is Granularity.SEASON and start.day == 1 and when.days > 85:
        name = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}.get(start.month)
        crossing = when.end.year > start.year  # winter 2010–11
        year = (f"{start.year}–{str(when.end.year)[-2:]}" if crossing and start.year > 999
                else years_words(start.year, when.end.year))
        return f"{name} {year}" if name else None
    if not when.approximate:
        return None
    tables = {
        Granularity.YEAR: (lambda p: timecalc.year_span(start.year, p), year_words(start.year)),
        Granularity.MONTH: (lambda p: timecalc.month_span(start.year, start.month, p),
                            f"{start:%B} {year_words(start.year)}"),
        Granularity.DECADE: (lambda p: timecalc.decade_span(start.year - start.year % 10, p),
                             f"{start.year - start.year % 10}s"),
    }
    if g not in tables:
        return None
    make, unit = tables[g]
    part = _part_of(span, {name: make(name) for name in _PART_PHRASES})
    if part is None:
        return None
    words = _PART_PHRASES[part].format(unit)
    return f"the {words}" if g is Granularity.DECADE and not words.startswith("the") else words


def _period_words(first: int, last: int) -> str | None:
    """``the 1990s``, ``the 21st century``, ``the 5th century BC``, ``the 3rd
    millennium BC``: a whole decade, century or millennium by its name."""
    for size, unit in ((1000, "millennium"), (100, "century")):
        if last - first == size - 1:
            if first % size == 1 and first > 0:
                return f"the {_ordinal(last // size)} {unit}"
            if first % size == 1 and last <= 0:  # -499..-400 is 500-401 BC, the 5th
                return f"the {_ordinal((1 - first) // size)} {unit} BC"
    if last - first == 9:
        if first % 10 == 0 and first > 0:
            return f"the {first}s"
        if (1 - last) % 10 == 0 and last <= 0:  # -498..-489 is 499-490 BC
            return f"the {1 - last}s BC"
    return None


def when_words(when: When) -> str:
    """The span in words, as coarse as its precision: ``29–30 March 2011``,
    ``June 2012``, ``2012–2013``, ``the 1990s``, ``mid-2013``."""
    named = part_words(when)
    if named:
        return named
    g = when.granularity
    if g.rank >= Granularity.DECADE.rank and _whole_years(when):
        named = _period_words(when.start.year, when.end.year)
        if named:
            return named
    if g.rank >= Granularity.YEAR.rank and _whole_years(when):
        return years_words(when.start.year, when.end.year)
    if g is not Granularity.DAY and _whole_months(when):
        return _month_range(when.start, when.end)
    return _day_range(when.start, when.end)


def precision_words(when: When) -> str:
    """``day``, ``month``...; an approximate date is just ``approximate`` (its
    words already say how coarse it is); ``relative`` is added when set."""
    parts = ["approximate" if when.approximate else PRECISION_NAMES[when.granularity]]
    if when.relative:
        parts.append("relative")
    return ", ".join(parts)


def when_with_precision(when: When) -> str:
    """``June 2012 (month)``, ``29–30 March 2011 (day)``."""
    return f"{when_words(when)} ({precision_words(when)})"


def _norm(text: str) -> str:
    return re.sub(r"[\s\-–—]+", " ", text).strip().lower()


def as_written_differs(mention: Mention, when: When) -> bool:
    """True when the expression as written says something other than the words
    we would print for its date (``mid-2013`` vs ``2013``)."""
    return _norm(mention.text) != _norm(when_words(when))


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
_COUNT_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def counted_from_words(mention: Mention, document: Document | None) -> str:
    """``Counted from 9 April 1940, stated two sentences earlier.``: the date
    the story had reached, for a date counted from it rather than from the
    document's date (:mod:`timeline.dates.story`)."""
    counted = mention.counted_from
    assert counted is not None
    line = f"Counted from {when_words(counted.when)}, the time the text had reached"
    if document is None:
        return line + "."
    between = len(_SENTENCE_END.findall(document.text, counted.span[1], mention.span[0]))
    if between == 0:
        return f"Counted from {when_words(counted.when)}, stated earlier in the same sentence."
    if between == 1:
        return f"Counted from {when_words(counted.when)}, stated in the sentence before."
    count = _COUNT_WORDS[between] if between < len(_COUNT_WORDS) else str(between)
    return f"Counted from {when_words(counted.when)}, stated {count} sentences earlier."


def explain(when: When, mention: Mention | None, document: Document | None) -> list[str]:
    """Sentences telling how a date was read: its precision, what a relative
    date was resolved against, how wide an imprecise one may be."""
    lines: list[str] = []
    if mention is not None and as_written_differs(mention, when):
        lines.append(f"Written as “{' '.join(mention.text.split())}”.")
    if when.relative and mention is not None and mention.counted_from is not None:
        lines.append(counted_from_words(mention, document))
    elif when.relative:
        anchor = document.date if document is not None else None
        lines.append(
            f"Relative to the document's date, {day_words(anchor)}." if anchor
            else "Relative to a reference date (the document has no date of its own).")
    if when.granularity is not Granularity.DAY:
        lines.append(f"Stated to the {PRECISION_NAMES[when.granularity]}: it could be any "
                     f"day from {day_words(when.start)} to {day_words(when.end)}; "
                     "the marker sits in the middle.")
    elif when.days > 1:
        lines.append(f"A span of {when.days} days.")
    if when.approximate:
        lines.append("Approximate: the text hedges (“around”, “mid-”, “early”), so the "
                     "true date may lie a little outside the span drawn.")
    return lines
