"""HTML: visible text only, blocks as lines, title and date from the head."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import ReadError
from timeline.ingest.markup import meta_date, read_html

PATH = Path("page.html")


def text_of(body: str, head: str = "") -> str:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return read_html(PATH, page.encode("utf-8")).text


def test_blocks_become_lines_and_inline_markup_joins() -> None:
    body = ("<h1>Fifth  Meeting</h1><p>On 12 October 2011 the <b>Co-Chairs</b>\n met.</p>"
            "<div>Next</div>")
    assert text_of(body) == "Fifth Meeting\nOn 12 October 2011 the Co-Chairs met.\nNext"


def test_line_break_element_breaks_the_line() -> None:
    assert text_of("<p>Sydney<br>12 October 2011</p>") == "Sydney\n12 October 2011"


def test_entities_and_non_breaking_spaces_are_decoded() -> None:
    assert text_of("<p>12&nbsp;October&#160;2011 &amp; R&eacute;union</p>") == \
        "12 October 2011 & Réunion"


@pytest.mark.parametrize("hidden", [
    "<script>var d = '1 May 2000';</script>",
    "<style>p::after { content: '1 May 2000' }</style>",
    "<noscript>1 May 2000</noscript>",
    "<template><p>1 May 2000</p></template>",
    "<div hidden>1 May 2000 <div>nested</div> still hidden</div>",
    "<p style='display: none'>1 May 2000</p>",
    "<span aria-hidden='true'>1 May 2000</span>",
    "<svg><title>1 May 2000</title><text>1 May 2000</text></svg>",
])
def test_invisible_content_is_left_out(hidden: str) -> None:
    assert text_of(f"<p>Before</p>{hidden}<p>After</p>") == "Before\nAfter"


def test_lists_get_markers_and_numbers() -> None:
    body = ("<ul><li>agreed</li><li><p>recognised</p></li></ul>"
            "<ol start='3'><li>third<li>fourth</ol>")
    assert text_of(body) == "- agreed\n- recognised\n3. third\n4. fourth"


def test_nested_list_items_are_indented() -> None:
    body = "<ul><li>outer<ul><li>inner</li></ul></li></ul>"
    assert text_of(body) == "- outer\n  - inner"


def test_table_rows_are_lines_with_cells_separated() -> None:
    body = ("<table><tr><th>Date</th><th>Event</th></tr>"
            "<tr><td><p>30 March 2011</p></td><td>Conference <p>in Bali</p></td></tr></table>")
    assert text_of(body) == "Date | Event\n30 March 2011 | Conference in Bali"


def test_preformatted_text_keeps_its_spacing() -> None:
    assert text_of("<pre>\n  2011   start\n    2012  end</pre><p>x</p>") == \
        "  2011   start\n    2012  end\nx"


def test_title_comes_from_the_title_element_not_the_body() -> None:
    page = b"<html><head><title>Co-Chairs&#39; Statement</title></head><body><p>Text</p>"
    raw = read_html(PATH, page)
    assert raw.title == "Co-Chairs' Statement"
    assert raw.text == "Text"


def test_title_falls_back_to_the_first_heading_then_the_first_line() -> None:
    assert read_html(PATH, b"<p>Intro</p><h1>Heading</h1>").title == "Heading"
    assert read_html(PATH, b"<p>Intro</p><h2>Heading</h2>").title == "Intro"


@pytest.mark.parametrize(("attribute", "content"), [
    ('name="date"', "2011-10-12"),
    ('name="DC.date"', "2011-10-12T09:30:00+07:00"),
    ('property="article:published_time"', "2011-10-12T09:30:00Z"),
    ('name="citation_publication_date"', "2011/10/12"),
    ('itemprop="datePublished"', "20111012"),
])
def test_date_comes_from_meta_elements(attribute: str, content: str) -> None:
    page = f'<head><meta {attribute} content="{content}"></head><p>Text</p>'
    assert read_html(PATH, page.encode()).date == date(2011, 10, 12)


def test_most_specific_meta_date_wins() -> None:
    assert meta_date({"date": "2001-01-01", "article:published_time": "2011-10-12"}) == \
        date(2011, 10, 12)


@pytest.mark.parametrize("content", ["2011", "October 2011", "2011-13-45", "soon", ""])
def test_meta_without_a_whole_day_gives_no_date(content: str) -> None:
    assert meta_date({"date": content}) is None


def test_declared_legacy_charset_is_honoured() -> None:
    page = '<meta charset="windows-1251"><p>Совещание 12 октября 2011</p>'.encode("cp1251")
    assert read_html(PATH, page).text == "Совещание 12 октября 2011"


def test_wrong_charset_declaration_falls_back_to_utf8() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=ascii"><p>Genève</p>'
    assert read_html(PATH, page.encode("utf-8")).text == "Genève"


def test_utf16_page_with_byte_order_mark() -> None:
    page = "<!DOCTYPE html><title>T</title><p>Réunion 12 octobre 2011</p>"
    assert read_html(PATH, page.encode("utf-16")).text == "Réunion 12 octobre 2011"


def test_page_without_visible_text_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="holds no text"):
        read_html(PATH, b"<html><head><title>Empty</title></head><body><script>x</script>")


def test_malformed_markup_still_gives_its_text() -> None:
    page = b"<p>One <b>bold <i>mixed</b> up</i><p>Two</div></span><td>Three"
    assert read_html(PATH, page).text == "One bold mixed up\nTwo\nThree"
