"""Page furniture and line joining, on lines as a PDF text extractor gives them."""

from __future__ import annotations

import pytest

from timeline.ingest.pdf import join_pages
from timeline.ingest.pdf_layout import (
    clean_line,
    is_page_number,
    page_lines,
    reflow,
    strip_furniture,
    typical_width,
)

BODY = "Officials reviewed progress on the regional cooperation framework today."


def body(page: int) -> list[str]:
    """Two lines of prose, different on every page."""
    letter = chr(ord("a") + page)
    return [f"{BODY} ({letter})", f"A short closing line ({letter})."]


@pytest.mark.parametrize("line", ["7", "- 7 -", "– 12 –", "Page 3", "page 3 of 9", "3 / 9",
                                  "vii", "XIV"])
def test_page_numbers(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["2011", "12.", "civil", "3 May", "Page 3 follows", "1)"])
def test_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def test_repeated_header_and_footer_go_body_stays() -> None:
    pages = [["Statement of 12 October 2011", *body(n), "Bali Process"] for n in range(4)]
    assert strip_furniture(pages) == [body(n) for n in range(4)]


def test_footer_with_the_page_number_goes() -> None:
    pages = [[*body(n), f"Report to Ministers — page {n + 5} of 20"] for n in range(4)]
    assert strip_furniture(pages) == [body(n) for n in range(4)]


def test_bare_page_numbers_at_the_edges_go() -> None:
    pages = [[str(n + 1), *body(n)] for n in range(2)] + [[*body(2), "- 3 -"]]
    assert strip_furniture(pages) == [body(n) for n in range(3)]


def test_number_in_the_middle_of_a_page_stays() -> None:
    lines = ["Header", "Second", "Third", "Table cell:", "42", "More", "Body", "End", "Last"]
    assert strip_furniture([lines, lines[:]]) == [lines[3:6], lines[3:6]]


def test_line_on_fewer_than_half_the_pages_stays() -> None:
    pages = [["On 1 May 2010 we met.", *body(0)], *([*body(n)] for n in range(1, 4))]
    assert strip_furniture(pages)[0][0] == "On 1 May 2010 we met."


def test_dated_lines_that_change_from_page_to_page_stay() -> None:
    # A chronology: each page opens with its own day, not with a page number.
    days = ["3 March 2011", "17 June 2011", "2 September 2011", "20 December 2011"]
    pages = [[day, *body(n)] for n, day in enumerate(days)]
    assert [page[0] for page in strip_furniture(pages)] == days


def test_two_page_document_drops_only_exact_repeats() -> None:
    pages = [["Minutes, 3 May 2011", *body(0)], ["Minutes, 4 May 2011", *body(1)]]
    assert strip_furniture(pages) == pages


def test_clean_line_spells_out_ligatures_and_single_spaces() -> None:
    assert clean_line("  Oﬃcials\tagreed  on\u00a0ﬁve  measures\u00ad ") == \
        "Officials agreed on five measures"


def test_page_lines_drops_blank_lines() -> None:
    assert page_lines("a\n\n  \nb\t c\n") == ["a", "b c"]


def test_wrapped_lines_are_joined_into_a_paragraph() -> None:
    lines = ["Australia and Indonesia co-chaired a meeting of senior officials in",
             "Brisbane from 7 to 8 June 2004, as mandated by Ministers at the",
             "second Ministerial Conference.",
             "2. Senior officials reviewed progress against the objectives set by",
             "Ministers."]
    assert reflow(lines, typical_width([lines])) == (
        "Australia and Indonesia co-chaired a meeting of senior officials in Brisbane from 7 "
        "to 8 June 2004, as mandated by Ministers at the second Ministerial Conference.\n"
        "2. Senior officials reviewed progress against the objectives set by Ministers.")


def test_list_items_start_new_lines_even_after_a_full_line() -> None:
    lines = ["Participants agreed to the following measures during the meeting held:",
             "- continue progress on establishing the regional network through States",
             "• convene workshops on maritime safety"]
    assert reflow(lines, typical_width([lines])).split("\n") == lines


def test_word_broken_at_a_hyphen_is_joined_without_a_space() -> None:
    lines = ["The meeting was held in Sydney and the participants, who were co-",
             "chaired by Australia, agreed."]
    assert reflow(lines, typical_width([lines])) == (
        "The meeting was held in Sydney and the participants, who were co-chaired by "
        "Australia, agreed.")


def test_short_lines_are_not_joined() -> None:
    lines = ["Date", "Event", "12 October 2011", "Meeting"]
    assert reflow(lines, typical_width([lines])) == "Date\nEvent\n12 October 2011\nMeeting"


def test_join_pages_records_where_each_page_starts() -> None:
    text, starts = join_pages(["first page", "", "third page"])
    assert text == "first page\nthird page"
    assert starts == (0, 10, 11)
    assert text[starts[2]:].startswith("third")


def test_join_pages_with_an_empty_first_page() -> None:
    text, starts = join_pages(["", "second"])
    assert (text, starts) == ("second", (0, 0))


# A running header never takes a page's only text.

NOTICE = "Meeting held on 5 May 2010."


@pytest.mark.parametrize("count", [2, 3, 10])
def test_line_that_is_all_of_every_page_stays(count: int) -> None:
    pages = [[NOTICE] for _ in range(count)]
    assert strip_furniture(pages) == pages


def test_short_pages_whose_every_line_repeats_keep_their_lines() -> None:
    pages = [["Minutes", NOTICE, "Bangkok"] for _ in range(3)]
    assert strip_furniture(pages) == pages


def test_header_alone_on_a_page_goes_when_it_heads_text_elsewhere() -> None:
    # A figure page carries nothing but the running header and its number.
    pages = [[HEADER, *body(0), "1"], [HEADER, "2"], [HEADER, *body(2), "3"]]
    assert strip_furniture(pages) == [body(0), [], body(2)]


def test_numbered_footer_alone_on_a_page_goes_when_it_closes_text_elsewhere() -> None:
    pages = [[*body(n), f"Report to Ministers, page {n + 1}"] for n in range(3)]
    pages[1] = [pages[1][-1]]
    assert strip_furniture(pages) == [body(0), [], body(2)]


def test_pages_holding_only_page_numbers_stay_empty() -> None:
    # So that the reader says the PDF needs OCR rather than giving "1 2 3".
    assert strip_furniture([["1"], ["- 2 -"], ["iii"]]) == [[], [], []]


# Degenerate pages: each takes time linear in its size (a quadratic step
# would not finish within the test run's time-out).

HEADER = "Statement of 12 October 2011"
MB_LINE = "regional cooperation " * 50_000


def test_page_of_one_megabyte_line() -> None:
    pages = strip_furniture([page_lines(MB_LINE)])
    assert reflow(pages[0], typical_width(pages)) == MB_LINE.strip()


def test_megabyte_line_of_numbers_at_the_edge_of_every_page() -> None:
    numbers = " ".join(str(n % 1000) for n in range(300_000))
    pages = [[numbers, *body(n)] for n in range(4)]
    assert strip_furniture(pages) == [body(n) for n in range(4)]


@pytest.mark.parametrize("same", [True, False])
def test_ten_thousand_pages_of_one_line(same: bool) -> None:
    pages = [[NOTICE if same else f"Item {n * 7} noted on 5 May 2010."] for n in range(10_000)]
    assert strip_furniture(pages) == pages


def test_five_thousand_pages_with_numbered_footers() -> None:
    # As many pages as the reader takes (Limits.pages).
    pages = [[*body(n % 20), f"Page {n + 1} of 5000"] for n in range(5000)]
    assert strip_furniture(pages) == [body(n % 20) for n in range(5000)]


@pytest.mark.parametrize("filler", [" ", ".", "\t", "-", "7"])
def test_lines_of_a_hundred_thousand_fillers(filler: str) -> None:
    text = f"{filler * 100_000}\nPage 1{filler * 100_000}x\nHeld on 5 May 2010.\n"
    lines = page_lines(text)
    pages = strip_furniture([lines, body(1), body(2)])
    assert pages[0] == lines
    assert reflow(pages[0], typical_width(pages)).endswith("Held on 5 May 2010.")


def test_hyphen_at_the_end_of_a_megabyte_line() -> None:
    lines = ["co" * 500_000 + "-", "chaired"]
    assert reflow(lines, len(lines[0])) == "co" * 500_000 + "-chaired"
