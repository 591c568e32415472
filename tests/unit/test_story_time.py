"""Story time: dates without a year and narrative relatives count from the
time the text has reached; news-style relatives from the document's date."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates.temporal import TimeMatch, find_times
from timeline.model import Granularity as G

DOC_DATE = date(2013, 3, 22)  # a Friday


def read(text: str, words: str, reference: date | None = DOC_DATE) -> TimeMatch:
    """The match of ``words`` (its last occurrence) in ``text``."""
    start = text.rindex(words)
    for match in find_times(text, reference):
        if match.start == start and match.end == start + len(words):
            return match
    found = [(m.text, m.form) for m in find_times(text, reference)]
    raise AssertionError(f"{words!r} not read as a whole; found {found}")


def span(match: TimeMatch) -> tuple[str, str]:
    assert match.when is not None, match.reason
    return match.when.start.isoformat(), match.when.end.isoformat()


def test_a_yearless_month_takes_the_year_the_story_has_reached_across_paragraphs() -> None:
    text = ("Germany invaded Poland on 1 September 1939. Britain and France declared war.\n\n"
            "The winter passed quietly in the west.\n\nIn April, Germany invaded Denmark.")
    match = read(text, "April")
    assert span(match) == ("1940-04-01", "1940-04-30")
    assert match.counted_from is not None
    anchor = match.counted_from
    # The story reached the winter after September 1939 before April.
    assert text[anchor.start:anchor.end] == "The winter"
    assert span(read(text, "The winter")) == ("1939-12-01", "1940-02-29")


def test_a_yearless_day_after_a_full_date_keeps_its_year() -> None:
    text = "The siege began on 1 September 1939. The city fell on 27 September."
    assert span(read(text, "27 September")) == ("1939-09-27", "1939-09-27")


def test_a_flashback_looks_back_from_the_story() -> None:
    text = "The treaty was signed on 9 April 1940. Talks had begun in December."
    assert span(read(text, "December")) == ("1939-12-01", "1939-12-31")


def test_without_a_stated_date_a_yearless_date_falls_back_to_the_document_date() -> None:
    text = "The museum reopened in April after a long closure."
    match = read(text, "April")
    assert match.counted_from is None
    assert span(match) == ("2012-04-01", "2012-04-30")  # past tense: the last April before
    assert span(read(text, "April", date(2015, 6, 1))) == ("2015-04-01", "2015-04-30")


def test_a_plan_counts_from_the_document_date_even_inside_a_story() -> None:
    text = "The war ended on 2 May 1945. A memorial is due to open in June."
    match = read(text, "June")
    assert span(match) == ("2013-06-01", "2013-06-30")
    assert match.counted_from is None


def test_a_lone_year_in_passing_does_not_reach_the_next_paragraph() -> None:
    text = "She first met him in 2005.\n\nHer book came out in May from a small press."
    match = read(text, "May")
    assert match.counted_from is None
    assert span(match) == ("2012-05-01", "2012-05-31")  # the last May before the document


def test_a_lone_year_reaches_the_rest_of_its_paragraph() -> None:
    text = "In 1921 she married the conductor Erik Sand. They met Ravel in May."
    assert span(read(text, "May")) == ("1921-05-01", "1921-05-31")


def test_a_news_style_relative_brings_the_text_back_to_its_own_date() -> None:
    text = ("The project was first proposed in 2009. Last year the region agreed to pay, "
            "and on 2 October the committee backed the plan.")
    assert span(read(text, "2 October")) == ("2012-10-02", "2012-10-02")


STORY = "Troops landed on Tuesday, 6 June 1944 at dawn."


@pytest.mark.parametrize(("sentence", "words", "expected", "granularity"), [
    ("The next day the town fell.", "The next day", ("1944-06-07", "1944-06-07"), G.DAY),
    ("That same day the bridge was taken.", "That same day", ("1944-06-06",) * 2, G.DAY),
    ("Two days later the port was open.", "Two days later", ("1944-06-08",) * 2, G.DAY),
    ("The following year the war ended.", "The following year",
     ("1945-01-01", "1945-12-31"), G.YEAR),
    ("Later that month a storm wrecked the harbour.", "Later that month",
     ("1944-06-06", "1944-06-30"), G.MONTH),
    ("That summer the front moved east.", "That summer", ("1944-06-01", "1944-08-31"), G.SEASON),
    ("The previous week had been stormy.", "The previous week",
     ("1944-05-29", "1944-06-04"), G.DAY),
    ("They had rehearsed it the day before.", "the day before", ("1944-06-05",) * 2, G.DAY),
    ("A month earlier the plan was fixed.", "A month earlier",
     ("1944-05-01", "1944-05-31"), G.MONTH),
])
def test_narrative_relatives_count_from_the_story(
        sentence: str, words: str, expected: tuple[str, str], granularity: G) -> None:
    text = f"{STORY}\n\n{sentence}"
    match = read(text, words)
    assert span(match) == expected
    assert match.when is not None and match.when.granularity is granularity
    assert match.when.relative
    assert match.counted_from is not None
    assert text[match.counted_from.start:match.counted_from.end] == "Tuesday, 6 June 1944"


def test_narrative_relatives_chain_through_the_story() -> None:
    text = "Rain began on 27 September 1966. The next day the river rose. Two days later it fell."
    assert span(read(text, "Two days later")) == ("1966-09-30", "1966-09-30")


def test_a_narrative_relative_without_a_story_counts_from_the_document_date() -> None:
    match = read("The next day the council met again.", "The next day")
    assert span(match) == ("2013-03-23", "2013-03-23")
    assert match.counted_from is None


@pytest.mark.parametrize(("words", "expected"), [
    ("yesterday", ("2013-03-21", "2013-03-21")),
    ("last Tuesday", ("2013-03-19", "2013-03-19")),
    ("last year", ("2012-01-01", "2012-12-31")),
    ("three years ago", ("2010-01-01", "2010-12-31")),
])
def test_news_style_relatives_still_count_from_the_document_date(
        words: str, expected: tuple[str, str]) -> None:
    text = f"The bridge was opened on 6 June 1944. The mayor recalled it {words}."
    match = read(text, words)
    assert span(match) == expected
    assert match.counted_from is None


def test_a_decade_sets_no_story() -> None:
    text = "Trade grew through the 1990s. The new port opened in March."
    assert read(text, "March").counted_from is None


def test_a_glance_back_does_not_move_the_story() -> None:
    text = ("The ship came back on 2 July 1909. The previous day the survey had been "
            "finished, and the party sailed three days later.")
    assert span(read(text, "three days later")) == ("1909-07-05", "1909-07-05")


def test_a_date_in_a_promise_does_not_move_the_story() -> None:
    text = ("The ship left on 20 August 1908, promising to return the following summer. "
            "In January the cook died.")
    assert span(read(text, "the following summer")) == ("1909-06-01", "1909-08-31")
    assert span(read(text, "January")) == ("1909-01-01", "1909-01-31")


def test_that_same_week_of_a_month_is_the_month() -> None:
    text = "In 1909 the winter was long. In January the cook died; he was buried the same week."
    match = read(text, "the same week")
    assert span(match) == ("1909-01-01", "1909-01-31")
    assert match.when is not None and match.when.approximate


@pytest.mark.parametrize(("stated", "words", "expected"), [
    ("10 May 1940", "The following winter", ("1940-12-01", "1941-02-28")),
    ("10 January 1940", "The following winter", ("1940-12-01", "1941-02-28")),
    ("10 January 1940", "The previous summer", ("1939-06-01", "1939-08-31")),
    ("10 October 1940", "The previous summer", ("1940-06-01", "1940-08-31")),
])
def test_the_following_and_previous_season_are_the_next_ones_either_side(
        stated: str, words: str, expected: tuple[str, str]) -> None:
    text = f"The war came on {stated}. {words} was hard."
    assert span(read(text, words)) == expected
