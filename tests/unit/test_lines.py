"""Lines that are not prose, told by their shape, and the dateline of a story."""

from __future__ import annotations

import pytest

from timeline.events.lines import (
    MAX_LINE,
    dateline_span,
    is_non_prose_line,
    line_at,
    non_prose_positions,
)

MEMO = """From: Tove Lindgren <tove@harbour.example>
To: Pier staff <staff@harbour.example>
Date: Tue, 3 Mar 2020 08:05:12 +0100
Subject: Crane inspection on 9 March 2020

The crane inspection was moved to 9 March 2020 after the supplier cancelled.
"""

LETTER = """The contract was signed on 2 June 2021 and work began a week later.

Kind regards,
Peter Lund
Head of Planning, Lund & Partners
Vienna, 14 June 2021
+43 1 234 5678
"""

CHANGELOG = """harbourctl (2.4.1-1) stable; urgency=low

  * Read tide tables from the new feed.

 -- Mira Osei <mira@tools.example>  Wed, 05 Aug 2020 17:02:11 +0000
"""

REPORT = """Contents
1. The year in brief .......... 2
2. The pier opened on 1 August 2019 . . . . . . 4

Annual report 2019 | Page 2 of 12

The board met eleven times in 2019 and opened the north pier on 1 August 2019.
"""


def verdict(text: str, words: str) -> bool:
    """Whether the line holding ``words`` is set aside as not prose."""
    line = line_at(text, text.index(words))
    assert line is not None
    return is_non_prose_line(text, line)


@pytest.mark.parametrize(("text", "words"), [
    (MEMO, "Tue, 3 Mar 2020"),
    (MEMO, "Subject: Crane"),
    (MEMO, "From: Tove"),
    (LETTER, "Vienna, 14 June 2021"),
    (LETTER, "Head of Planning"),
    (CHANGELOG, "Wed, 05 Aug 2020"),
    (REPORT, "The pier opened"),
    (REPORT, "Page 2 of 12"),
    # A letter's date line, above its salutation.
    ("Harbour Office\n\n4 May 2022\n\nDear Mr Lund,\n\nThe berth is yours.\n", "4 May 2022"),
])
def test_lines_that_are_not_prose(text: str, words: str) -> None:
    assert verdict(text, words)


@pytest.mark.parametrize(("text", "words"), [
    (MEMO, "The crane inspection was moved"),
    (LETTER, "The contract was signed"),
    (REPORT, "The board met eleven times"),
    (CHANGELOG, "Read tide tables"),
    # A lone "Key: value" line of prose is a sentence, not a header block.
    ("Update: the ferry resumed service on 4 May 2020.\n", "the ferry"),
    # Two of them, each a finished sentence, are still prose.
    ("Note: The quay closed on 1 May 2020 for repairs.\n"
     "Update: The quay reopened on 9 May 2020 as planned.\n", "The quay reopened"),
    # An address inside a sentence leaves it prose, however short the sentence.
    ("The full report, published at www.example.org on 5 May 2019, lists every delay.\n",
     "published"),
    ('=HYPERLINK("http://x") was sent on 5 May 2010.\n', "was sent"),
    # Short lines ending in commas are a list, not a closing word and a name.
    ("Delegates came from\nAustralia,\nIndonesia,\nPeru, 3 May 2019\n", "Peru, 3 May"),
    # A heading holding a date is kept: it names the event.
    ("SENIOR OFFICIALS MEETING, BRISBANE, 7 JUNE 2004\n\nReport\n", "BRISBANE"),
    # A chronology's date line: what follows it is its event.
    ("Chronology\n\n4 May 2022\n\nThe berth opened to ferries.\n", "4 May 2022"),
])
def test_prose_and_headings_are_kept(text: str, words: str) -> None:
    assert not verdict(text, words)


def test_only_the_positions_on_lines_that_are_not_prose_are_set_aside() -> None:
    starts = [MEMO.index("3 Mar 2020"), MEMO.index("9 March 2020"),
              MEMO.index("9 March 2020", MEMO.index("moved"))]
    assert non_prose_positions(MEMO, starts) == set(starts[:2])


@pytest.mark.parametrize(("text", "ends_after"), [
    ("WASHINGTON, March 4, 2019 — Shares fell 3% on Monday.", "2019 — "),
    ("LIMA, 1 August 1965 — The port authority inaugurated the pier.", "1965 — "),
    ("Port closes\n\nKuala Lumpur, Malaysia, 5 May 2019 - The port closed today.", "2019 - "),
    ("LONDON, Feb. 3 (Reuters) -- Oil rose on Monday.", "-- "),
])
def test_a_dateline_ends_after_its_dash(text: str, ends_after: str) -> None:
    line_start = text.rfind("\n") + 1
    assert dateline_span(text) == (line_start, text.index(ends_after) + len(ends_after))


@pytest.mark.parametrize("text", [
    "On 12 October 2011, the Co-Chairs hosted the fifth meeting - in Sydney.",
    "SYDNEY, AUSTRALIA, 5 MARCH 2013\nCO-CHAIRS' STATEMENT",
    "In April, Germany invaded Denmark - and Norway.",
    "x" * 700 + "\nLIMA, 1 August 1965 — The port opened.",
    "Northern Ports Board, annual report 2019 - Page 2 of 12",  # a page footer
    "BERLIN, 5 May 2019 - 3 pages",  # no story after the dash
])
def test_no_dateline(text: str) -> None:
    assert dateline_span(text) == (0, 0)


def test_only_dates_on_the_dateline_itself_are_set_aside() -> None:
    text = "Port reopens\nThe port was shut on 2 May 2019.\nLIMA, 5 May 2019 — It reopened today."
    starts = [text.index("2 May"), text.index("5 May")]
    assert non_prose_positions(text, starts) == {starts[1]}


def test_a_long_line_is_prose_and_never_read_whole() -> None:
    text = "a" * (10 * MAX_LINE) + " 5 May 2019 " + "b" * (10 * MAX_LINE)
    assert line_at(text, text.index("5 May")) is None
    assert non_prose_positions(text, [text.index("5 May")]) == set()
