"""The temporal tagger: every family of expression, every trap, table-driven.

Each row: the text, the expression expected inside it, and the normalised
``start end granularity [approximate] [relative]``. Relative rows resolve
against REFERENCE (a Tuesday).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from timeline.dates.temporal import TimeMatch, find_times
from timeline.model import Granularity

REFERENCE = date(2013, 3, 5)

CASES: list[tuple[str, str, str]] = [
    # Full dates, any order and case
    ("held on 12 October 2011.", "12 October 2011", "2011-10-12 2011-10-12 day"),
    ("SYDNEY, AUSTRALIA, 5 MARCH 2013", "5 MARCH 2013", "2013-03-05 2013-03-05 day"),
    ("since 1st July 1995,", "1st July 1995", "1995-07-01 1995-07-01 day"),
    ("signed October 3, 2009 in", "October 3, 2009", "2009-10-03 2009-10-03 day"),
    ("on May 21st, 2004 the", "May 21st, 2004", "2004-05-21 2004-05-21 day"),
    ("fell on the 9th of November 1989.", "the 9th of November 1989", "1989-11-09 1989-11-09 day"),
    ("dated Feb. 2, 2007.", "Feb. 2, 2007", "2007-02-02 2007-02-02 day"),
    ("from 14 Sept 2008 on", "14 Sept 2008", "2008-09-14 2008-09-14 day"),
    ("by 6 Dec. 2012,", "6 Dec. 2012", "2012-12-06 2012-12-06 day"),
    ("Monday, 3 June 2019: talks", "Monday, 3 June 2019", "2019-06-03 2019-06-03 day"),
    ("filed 2014-11-05 at noon", "2014-11-05", "2014-11-05 2014-11-05 day"),
    ("stamp 2014-11-05T10:00Z", "2014-11-05", "2014-11-05 2014-11-05 day"),
    ("on 25/12/2015 we", "25/12/2015", "2015-12-25 2015-12-25 day"),
    ("on 03/04/2015 we", "03/04/2015", "2015-04-03 2015-04-03 day"),
    ("on 12/25/2015 we", "12/25/2015", "2015-12-25 2015-12-25 day"),
    ("on 12.03.2014 we", "12.03.2014", "2014-03-12 2014-03-12 day"),
    # Months and years
    ("the meeting in June 2012 was", "June 2012", "2012-06-01 2012-06-30 month"),
    ("a workshop in December 2012 at", "December 2012", "2012-12-01 2012-12-31 month"),
    ("agreed in Feb. 2007 to", "Feb. 2007", "2007-02-01 2007-02-28 month"),
    ("built in 2012 by", "2012", "2012-01-01 2012-12-31 year"),
    ("recalled that 2012 had marked the", "2012", "2012-01-01 2012-12-31 year"),
    ("2017 Workshops\nFirst", "2017", "2017-01-01 2017-12-31 year"),
    ("the 2014 elections", "2014", "2014-01-01 2014-12-31 year"),
    ("(2009) found", "2009", "2009-01-01 2009-12-31 year"),
    ("in fiscal 2012 sales", "fiscal 2012", "2012-01-01 2012-12-31 year"),
    # Ranges
    ("held in Bali from 29-30 March 2011,", "29-30 March 2011", "2011-03-29 2011-03-30 day"),
    ("from 18-20 March 2013 and", "18-20 March 2013", "2013-03-18 2013-03-20 day"),
    ("Brisbane from 7 to 8 June 2004, as", "7 to 8 June 2004", "2004-06-07 2004-06-08 day"),
    ("held between 24-25 August 2017 in", "24-25 August 2017", "2017-08-24 2017-08-25 day"),
    ("on 9 and 10 July 2015 in", "9 and 10 July 2015", "2015-07-09 2015-07-10 day"),
    ("from 30 April to 2 May 2018.", "30 April to 2 May 2018", "2018-04-30 2018-05-02 day"),
    ("29 December 2008 – 3 January 2009", "29 December 2008 – 3 January 2009",
     "2008-12-29 2009-01-03 day"),
    ("from 29 December – 3 January 2009", "29 December – 3 January 2009",
     "2008-12-29 2009-01-03 day"),
    ("on June 3-5, 2019 in", "June 3-5, 2019", "2019-06-03 2019-06-05 day"),
    ("from March 30 - April 2, 2019", "March 30 - April 2, 2019", "2019-03-30 2019-04-02 day"),
    ("from June to August 2016 the", "June to August 2016", "2016-06-01 2016-08-31 month"),
    ("December 2012 - January 2013", "December 2012 - January 2013",
     "2012-12-01 2013-01-31 month"),
    ("in May and June 2012 the", "May and June 2012", "2012-05-01 2012-06-30 month"),
    ("between 1998 and 2001 the", "1998 and 2001", "1998-01-01 2001-12-31 year"),
    ("from 1995 to 2005 the", "1995 to 2005", "1995-01-01 2005-12-31 year"),
    ("to be held in 2012-13 on", "2012-13", "2012-01-01 2013-12-31 year"),
    ("the 2012/13 budget", "2012/13", "2012-01-01 2013-12-31 year"),
    ("the 1998–2001 survey", "1998–2001", "1998-01-01 2001-12-31 year"),
    # Imprecise
    ("to begin from mid-2013.", "mid-2013", "2013-05-01 2013-08-31 year approximate"),
    ("in mid 2013 the", "mid 2013", "2013-05-01 2013-08-31 year approximate"),
    ("workshop in late 2004.", "late 2004", "2004-09-01 2004-12-31 year approximate"),
    ("in early 2019 we", "early 2019", "2019-01-01 2019-04-30 year approximate"),
    ("in late January 2015 the", "late January 2015",
     "2015-01-21 2015-01-31 month approximate"),
    ("by mid-March 2014 the", "mid-March 2014", "2014-03-11 2014-03-20 month approximate"),
    ("in the second half of 2004.", "the second half of 2004", "2004-07-01 2004-12-31 half"),
    ("in the first half of 2010", "the first half of 2010", "2010-01-01 2010-06-30 half"),
    ("results for Q1 2020 show", "Q1 2020", "2020-01-01 2020-03-31 quarter"),
    ("in the third quarter of 2019,", "the third quarter of 2019", "2019-07-01 2019-09-30 quarter"),
    ("from H2 2021 on", "H2 2021", "2021-07-01 2021-12-31 half"),
    ("in autumn 2016 the", "autumn 2016", "2016-09-01 2016-11-30 season approximate"),
    ("during the winter of 2010 the", "the winter of 2010",
     "2010-12-01 2011-02-28 season approximate"),
    ("in the fall of 2015 the", "the fall of 2015", "2015-09-01 2015-11-30 season approximate"),
    ("since the 1980s the", "the 1980s", "1980-01-01 1989-12-31 decade"),
    ("in the late 1970s the", "the late 1970s", "1977-01-01 1979-12-31 decade approximate"),
    ("back in the '90s we", "the '90s", "1990-01-01 1999-12-31 decade"),
    ("in the 20th century the", "the 20th century", "1901-01-01 2000-12-31 century"),
    ("in the nineteenth century the", "the nineteenth century", "1801-01-01 1900-12-31 century"),
    ("in the early 21st century", "the early 21st century",
     "2001-01-01 2033-12-31 century approximate"),
    ("at the beginning of 2019 the", "the beginning of 2019",
     "2019-01-01 2019-03-31 year approximate"),
    ("by the end of 2015 all", "the end of 2015", "2015-10-01 2015-12-31 year approximate"),
    # Relative to the document's date
    ("He said yesterday that", "yesterday", "2013-03-04 2013-03-04 day relative"),
    ("Tomorrow morning we leave", "Tomorrow morning", "2013-03-06 2013-03-06 day relative"),
    ("the day before yesterday", "the day before yesterday", "2013-03-03 2013-03-03 day relative"),
    ("sales rose last year and", "last year", "2012-01-01 2012-12-31 year relative"),
    ("due next month when", "next month", "2013-04-01 2013-04-30 month relative"),
    ("talks this week in", "this week", "2013-03-04 2013-03-10 day relative"),
    ("it met last week in", "last week", "2013-02-25 2013-03-03 day relative"),
    ("police said on Friday that", "Friday", "2013-03-01 2013-03-01 day relative"),
    ("the vote will be held on Friday", "Friday", "2013-03-08 2013-03-08 day relative"),
    ("met last Tuesday with", "last Tuesday", "2013-02-26 2013-02-26 day relative"),
    ("meets next Monday with", "next Monday", "2013-03-11 2013-03-11 day relative"),
    ("expected in early December.", "early December",
     "2013-12-01 2013-12-10 month approximate relative"),
    ("the report of early December", "early December",
     "2012-12-01 2012-12-10 month approximate relative"),
    ("a workshop in December at", "December", "2012-12-01 2012-12-31 month relative"),
    ("it opens in May with", "May", "2013-05-01 2013-05-31 month relative"),
    ("met on 1 April to", "1 April", "2012-04-01 2012-04-01 day relative"),
    ("a session on 1 April for", "1 April", "2013-04-01 2013-04-01 day relative"),
    ("It happened in August.", "August", "2012-08-01 2012-08-31 month relative"),
    ("It will happen in August.", "August", "2013-08-01 2013-08-31 month relative"),
    ("She told us in August that", "August", "2012-08-01 2012-08-31 month relative"),
    ("It would be too high. On Feb. 28, the bank released a note.", "Feb. 28",
     "2013-02-28 2013-02-28 day relative"),
    ("The match was postponed until Saturday.", "Saturday", "2013-03-09 2013-03-09 day relative"),
    ("in winter 2010–11 the", "winter 2010–11", "2010-12-01 2011-02-28 season approximate"),
    ("cuts in fiscal 2010-11 hit", "fiscal 2010-11", "2010-01-01 2011-12-31 year"),
    ("by the end of year the", "the end of year",
     "2013-10-01 2013-12-31 year approximate relative"),
    ("cuts this fiscal year", "this fiscal year", "2013-01-01 2013-12-31 year relative"),
    ("held earlier this month in", "earlier this month",
     "2013-03-01 2013-03-05 month approximate relative"),
    ("due later this year in", "later this year",
     "2013-03-05 2013-12-31 year approximate relative"),
    ("three years ago the", "three years ago", "2010-01-01 2010-12-31 year relative"),
    ("10 days ago the", "10 days ago", "2013-02-23 2013-02-23 day relative"),
    ("in early next year the", "early next year",
     "2014-01-01 2014-04-30 year approximate relative"),
    ("by the end of the year the", "the end of the year",
     "2013-10-01 2013-12-31 year approximate relative"),
    ("in the first quarter of next year", "the first quarter of next year",
     "2014-01-01 2014-03-31 quarter relative"),
    ("it snowed last winter and", "last winter",
     "2012-12-01 2013-02-28 season approximate relative"),
    # Broken across lines, as text from PDFs is
    ("held in Bali from 29-30\nMarch 2011, and", "29-30\nMarch 2011", "2011-03-29 2011-03-30 day"),
    ("on 5\nMarch 2013 in", "5\nMarch 2013", "2013-03-05 2013-03-05 day"),
    ("in the second\nhalf of 2004", "the second\nhalf of 2004", "2004-07-01 2004-12-31 half"),
]

# Things that are not dates: nothing placed may come out of these.
TRAPS = [
    "members may wish to consider",
    "protesters will march on the capital",
    "May we add that",
    "attended by 139 delegates representing 47 countries",
    "some 2,300 participants",
    "Japan pledged US$10,000 for the upkeep",
    "targeted funding of NZ$30,000 for the website",
    "a team of 2-3 experts",
    "under Resolution 1325 the",
    "the 10th Anniversary of the Bali Process",
    "the Fourth Ministerial Conference",
    "1. The Co-Chairs\n2. The meeting\n1) first",
    "see www.baliprocess.net/2012/05/03 for details",
    "see https://example.org/reports/2012-13/ for details",
    "mail info2012@example.org for details",
    "a population of 2000 people",
    "rose 2013% in",
    "version 1.2.3 of",
    "call 555-1234 now",
    "the march was peaceful",
]


def parse_expected(spec: str) -> tuple[date, date, Granularity, bool, bool]:
    start, end, granularity, *flags = spec.split()
    return (date.fromisoformat(start), date.fromisoformat(end), Granularity(granularity),
            "approximate" in flags, "relative" in flags)


def only_placed(matches: list[TimeMatch]) -> list[TimeMatch]:
    return [m for m in matches if m.when is not None]


def test_cases_are_unique() -> None:
    duplicates = [text for text, n in Counter(c[0] for c in CASES).items() if n > 1]
    assert duplicates == []


@pytest.mark.parametrize(("text", "expression", "spec"), CASES, ids=[c[1] for c in CASES])
def test_expression_is_found_and_normalised(text: str, expression: str, spec: str) -> None:
    matches = only_placed(find_times(text, REFERENCE))
    assert [m.text for m in matches] == [expression]
    match = matches[0]
    assert text[match.start:match.end] == expression
    when = match.when
    assert when is not None
    assert (when.start, when.end, when.granularity, when.approximate,
            when.relative) == parse_expected(spec)


@pytest.mark.parametrize("text", TRAPS)
def test_trap_yields_no_date(text: str) -> None:
    assert only_placed(find_times(text, REFERENCE)) == []


def test_relative_without_reference_is_reported_unplaced() -> None:
    matches = find_times("He said yesterday that it met last week.")
    assert [m.text for m in matches] == ["yesterday", "last week"]
    assert all(m.when is None and m.reason and "relative" in m.reason for m in matches)


def test_absolute_dates_need_no_reference() -> None:
    matches = find_times("held in Bali on 30 March 2011")
    assert matches[0].when is not None
    assert matches[0].when.relative is False


def test_vague_expressions_are_found_but_not_placed() -> None:
    text = "ways forward into the next decade, in the near future and recently"
    matches = find_times(text, REFERENCE)
    assert [m.text for m in matches] == ["the next decade", "the near future", "recently"]
    assert all(m.when is None and m.reason for m in matches)


def test_several_expressions_in_order_without_overlap() -> None:
    text = ("in February 2002 and April 2003, then 29-30 March 2011, mid-2013 and "
            "the second half of 2004.")
    matches = find_times(text, REFERENCE)
    assert [m.text for m in matches] == [
        "February 2002", "April 2003", "29-30 March 2011", "mid-2013", "the second half of 2004"]
    ends = [m.end for m in matches]
    starts = [m.start for m in matches]
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))


def test_two_dates_joined_by_and_are_not_a_range() -> None:
    matches = find_times("in February 2002 and April 2003", REFERENCE)
    assert [m.text for m in matches] == ["February 2002", "April 2003"]


def test_impossible_days_are_reported_not_invented() -> None:
    matches = find_times("on 31 February 2013 and 2013-02-30", REFERENCE)
    assert [(m.text, m.when) for m in matches] == [("31 February 2013", None),
                                                   ("2013-02-30", None)]
    assert all(m.reason == "not a day of the calendar" for m in matches)


def test_weekday_on_the_reference_day_is_that_day() -> None:
    (match,) = find_times("said on Tuesday", REFERENCE)
    assert match.when is not None and match.when.start == REFERENCE


def test_year_carried_back_across_and() -> None:
    (first, _second) = find_times("meetings on 30 April and 2 May 2018")
    assert first.when is not None and first.when.start == date(2018, 4, 30)
    assert first.when.relative is False
    (first, _second) = find_times("talks on 30 December and 2 January 2019", REFERENCE)
    assert first.when is not None and first.when.start == date(2018, 12, 30)


def test_between_one_day_and_another_is_a_span() -> None:
    (match,) = find_times("The survey ran between 4 May and 30 June 2020.", REFERENCE)
    assert match.when is not None
    assert (match.when.start, match.when.end) == (date(2020, 5, 4), date(2020, 6, 30))


def test_range_of_imprecise_ends() -> None:
    matches = find_times("from mid-March to early April 2014", REFERENCE)
    assert len(matches) == 1
