"""Degenerate texts that real and hostile documents contain, at any size.

Each shape is a function from a size in characters to a text of about that
size: long runs of one character or one token, long lines, many dates or
many events in one sentence or on one day. ``bench_hostile.py`` times the
pipeline on them and the property test in ``tests/unit/test_linear_work.py``
counts its work on them; a shape that is slow in one shows up in the other.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

Shape = Callable[[int], str]


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def _numbered(template: str, size: int) -> str:
    """``template`` filled with 0, 1, 2... until ``size`` characters."""
    parts: list[str] = []
    total = i = 0
    while total < size:
        part = template.format(i=i, w=_word(i))
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)


def _word(i: int) -> str:
    """A distinct pronounceable word for each ``i`` (so titles differ)."""
    letters, syllables = "", ("ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze")
    while True:
        letters += syllables[i % 10]
        i //= 10
        if not i:
            return letters.capitalize()


SHAPES: MappingProxyType[str, Shape] = MappingProxyType({
    "spaces_in_line": lambda n: _repeat(" ", n, "On 5 May 2010 a", "b met."),
    "leading_spaces": lambda n: _repeat(" ", n, "", "On 5 May 2010 a summit met."),
    "space_lines": lambda n: _repeat(" ", n, "On 5 May 2010.\n", "\nA summit met."),
    "tabs_in_line": lambda n: _repeat("\t", n, "On 5 May 2010 a", "b met."),
    "dots": lambda n: _repeat(".", n, "Held on 5 May 2010", "5"),
    "dot_leaders": lambda n: _numbered("Chapter {i} on 5 May 2010 " + "." * 60 + " {i}\n", n),
    "bangs": lambda n: _repeat("!", n, "On 5 May 2010 "),
    "questions": lambda n: _repeat("?", n, "On 5 May 2010 "),
    "stops_and_spaces": lambda n: _repeat(". ", n, "On 5 May 2010"),
    "capitals_line": lambda n: _repeat("ABCD ", n, "5 MAY 2010 "),
    "capitals_lines": lambda n: _repeat("MEETING OF OFFICIALS 5 MAY 2010\n", n),
    "one_letter": lambda n: _repeat("a", n, "On 5 May 2010 "),
    "one_capital": lambda n: _repeat("A", n, "On 5 May 2010 "),
    "digits": lambda n: _repeat("1", n, "On 5 May 2010 "),
    "digit_words": lambda n: _repeat("1 ", n, "On 5 May 2010 "),
    "years": lambda n: _repeat("2010 ", n),
    "year_ranges": lambda n: _repeat("2010-2011 ", n),
    "month_years": lambda n: _repeat("March 2011 ", n),
    "days_in_sentence": lambda n: _repeat("5 May 2010, ", n, "Talks were held on ", "."),
    "dates_and_words": lambda n: _repeat("and on 5 May 2010 the council met ", n, "Then "),
    "newlines": lambda n: _repeat("\n", n, "On 5 May 2010 a", "b met."),
    "blank_lines": lambda n: _repeat(" \n", n, "On 5 May 2010 a", "b met."),
    "bullets": lambda n: _repeat("- ", n, "On 5 May 2010 "),
    "bullet_lines": lambda n: _repeat("-\n", n, "On 5 May 2010 "),
    "dated_lines": lambda n: _repeat("- Met on 5 May 2010\n", n),
    "numbered_lines": lambda n: _numbered("{i}. Met on 5 May 2010\n", n),
    "open_brackets": lambda n: _repeat("(", n, "On 5 May 2010 "),
    "quotes": lambda n: _repeat('"', n, "On 5 May 2010 "),
    "hyphens": lambda n: _repeat("a-", n, "On 5 May 2010 "),
    "apostrophes": lambda n: _repeat("'s", n, "On 5 May 2010 "),
    "initials": lambda n: _repeat("A. ", n, "On 5 May 2010 "),
    "abbreviations": lambda n: _repeat("Mr. ", n, "On 5 May 2010 "),
    "commas": lambda n: _repeat(",", n, "On 5 May 2010 "),
    "lower_words": lambda n: _repeat("the ", n, "On 5 May 2010 "),
    "title_words": lambda n: _repeat("Council ", n, "On 5 May 2010 the "),
    "acronyms": lambda n: _repeat("UNHCR ", n, "On 5 May 2010 the "),
    "same_day_events": lambda n: _numbered(
        "The {w} committee of {w} held its {w} meeting on 5 May 2010. ", n),
    "same_day_conferences": lambda n: _numbered("The {w} Conference was held on 5 May 2010.\n", n),
    "same_year_summits": lambda n: _numbered("{w} hosted the {w} Summit in 2010. ", n),
    "same_year_events": lambda n: _numbered("The {w} treaty was signed by {w} in 2010.\n", n),
    "same_event_repeated": lambda n: _repeat(
        "The Fourth Ministerial Conference was held on 29 March 2011. ", n),
    "many_places": lambda n: _numbered("{w} met in Bali, Indonesia on {i} May 2010. ", n),
    "relative_words": lambda n: _repeat("yesterday and next month ", n, "On 5 May 2010 "),
})
"""Every shape, by name."""

# Page shapes that once cost more than linear time in the HTML reader.
HTML_SHAPES: MappingProxyType[str, Shape] = MappingProxyType({
    "html_open_tags": lambda n: "<p>On 5 May 2010 the summit met.</p>" + "<a " * (n // 3),
    "html_nested_lists": lambda n: "<p>On 5 May 2010.</p>" + "<ul><li>x" * (n // 9),
    "html_nested_divs": lambda n: "<p>On 5 May 2010.</p>" + "<div>x" * (n // 6),
    "html_stray_end_tags": lambda n: "<p>On 5 May 2010.</p>" + "<div>" * (n // 10)
    + "</p>" * (n // 8),
    "html_less_than": lambda n: "<p>On 5 May 2010.</p>" + "<" * n,
    "html_dated_items": lambda n: "<ul>" + "<li>Met on 5 May 2010</li>" * (n // 25) + "</ul>",
})
"""Web pages that once cost more than linear time to read, by name."""
