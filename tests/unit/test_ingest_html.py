"""HTML: visible text only, blocks as lines, title and date from the head."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import Limits, ReadError, markup
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
    "<title>1 May 2000</title>",
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


# Pages from hostile or broken tools: every shape is read in time and memory
# linear in its size (pytest's faulthandler_timeout stops a run that is not).

KB = 1024


def repeated(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def test_long_run_of_unfinished_tags_is_read() -> None:
    # Quadratic in the standard library's html.parser: 60 KB took half a minute.
    page = "<p>Met on 12 October 2011.</p>" + repeated("<a ", 64 * KB)
    assert read_html(PATH, page.encode()).text == "Met on 12 October 2011."


def test_run_of_unfinished_tags_then_text_is_read() -> None:
    page = "<p>" + repeated("<a ", 64 * KB) + ">Met on 12 October 2011.</p>"
    assert read_html(PATH, page.encode()).text == "Met on 12 October 2011."


def test_nested_lists_stay_within_a_small_multiple_of_the_page() -> None:
    page = repeated("<ul><li>x", 57 * KB)
    raw = read_html(PATH, page.encode())
    assert raw.text.count("x") == page.count("x")
    assert len(raw.text) <= 2 * len(page)


def test_list_indentation_stops_after_a_few_levels() -> None:
    page = "".join(f"<ul><li>item {level}" for level in range(40))
    lines = text_of(page).splitlines()
    assert lines[:3] == ["- item 0", "  - item 1", "    - item 2"]
    assert max(len(line) - len(line.lstrip()) for line in lines) == 8
    assert lines[-1] == "        - item 39"


def test_deep_nesting_is_read_flat_with_a_note() -> None:
    depth = 10 * Limits().depth
    page = ("".join(f"<div>level {level}" for level in range(depth)) + "</div>" * depth
            + "<p>After</p>")
    raw = read_html(PATH, page.encode())
    assert raw.text.splitlines() == [f"level {level}" for level in range(depth)] + ["After"]
    assert raw.notes == ("nested deeper than the 256-element limit: read with the deeper "
                         "elements closed, so some lists or tables may have lost their layout",)


def test_unclosed_inline_tags_nest_past_the_limit_and_are_still_read() -> None:
    page = repeated("<p><font size=2>On 12 October 2011 ", 200 * KB)
    raw = read_html(PATH, page.encode(), Limits(depth=64))
    assert raw.text.splitlines() == ["On 12 October 2011"] * page.count("<p>")
    assert "64-element limit" in raw.notes[0]


def test_page_within_the_depth_limit_has_no_note() -> None:
    page = "<div>" * 200 + "Text" + "</div>" * 200
    assert read_html(PATH, page.encode()).notes == ()


def test_parser_never_holds_many_more_open_elements_than_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # libxml2 finds the element an end tag closes by walking its open
    # elements, so stray end tags under deep nesting cost that depth each.
    deepest = []
    start = markup._TextCollector.start

    def counting_start(self: markup._TextCollector, tag: str, attrib: dict[str, str]) -> None:
        deepest.append(len(self._open))
        start(self, tag, attrib)

    monkeypatch.setattr(markup._TextCollector, "start", counting_start)
    page = repeated("<div>", 64 * KB) + "Text" + repeated("</p>", 64 * KB)
    assert read_html(PATH, page.encode(), Limits(depth=32)).text == "Text"
    assert max(deepest) <= 32 + markup._PIECE // 3 + 3


def test_nesting_that_cannot_be_closed_is_refused_naming_the_limit() -> None:
    # Each piece fed to the parser ends inside a quoted attribute, where the
    # end tags that would close the deep elements are only text.
    unit = "<div>" * 200 + '<a title="' + "x" * 1024 + '<b>">y</a>'
    with pytest.raises(ReadError, match="nested deeper than the 256-element limit"):
        read_html(PATH, (unit * 20).encode())


@pytest.mark.parametrize("shape", [
    "<a ", "<ul><li>x", "<div>x", "<", "<b>x", "<table><tr><td>x", "<!--", "&", "&#1", "</",
    "<p a=1 b c='", "<script>", "<svg>", "<![CDATA[", "</p>x", "<title/>",
])
def test_degenerate_shapes_give_text_no_larger_than_twice_the_page(shape: str) -> None:
    page = "<p>First</p>" + repeated(shape, 64 * KB)
    try:
        text = read_html(PATH, page.encode()).text
    except ReadError as error:
        assert "holds no text" in error.reason
    else:
        assert len(text) <= 2 * len(page)


@pytest.mark.parametrize("element", ["script", "style", "iframe", "noscript", "SCRIPT"])
def test_self_closing_slash_is_ignored_as_browsers_do(element: str) -> None:
    body = f"<p>Before</p><{element} src='a.js'/><p>1 May 2000</p></{element}><p>After</p>"
    assert text_of(body) == "Before\nAfter"


def test_self_closed_script_hides_the_rest_when_never_ended() -> None:
    with pytest.raises(ReadError, match="holds no text"):
        read_html(PATH, b"<script src='a.js'/><p>Everything after is script")


def test_self_closed_textarea_shows_what_follows_as_text() -> None:
    assert text_of("<p>Note:<textarea/>a <b>b</b></textarea> done</p>") == "Note:a <b>b</b> done"


def test_self_closed_title_in_the_body_holds_what_follows() -> None:
    raw = read_html(PATH, b"<p>Text</p><title/>Page title</title><p>More</p>")
    assert (raw.text, raw.title) == ("Text\nMore", "Page title")


def test_self_closing_slash_counts_inside_svg() -> None:
    assert text_of("<p>Before</p><svg><title/><style/></svg><p>After</p>") == "Before\nAfter"


def test_self_closed_script_inside_a_comment_or_script_is_not_markup() -> None:
    body = ("<!-- <script/> --><p>One</p><script>var icon = '<svg>'; var s = '<script/>';"
            "</script><p>Two<script/>x</script></p>")
    assert text_of(body) == "One\nTwo"


def test_stray_block_end_tag_still_ends_the_line() -> None:
    assert text_of("<p>One<div>Two</div>Three</p>Four") == "One\nTwo\nThree\nFour"


def test_end_tag_of_line_break_is_a_line_break() -> None:
    assert text_of("<p>Sydney</br>12 October 2011</p>") == "Sydney\n12 October 2011"


@pytest.mark.parametrize(("markup", "text"), [
    ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"),
    ("&#65;&#x42;&#X43;", "ABC"),
    ("R&eacute;union &ndash; 12&nbsp;Oct", "Réunion – 12 Oct"),
    ("AT&T &amp without semicolon", "AT&T & without semicolon"),
    ("&unknown; stays", "&unknown; stays"),
    ("&#0; and &#xD800;", "\ufffd and \ufffd"),
])
def test_character_references_are_decoded(markup: str, text: str) -> None:
    assert text_of(f"<p>{markup}</p>") == text


def test_comments_cdata_and_processing_instructions_give_no_text() -> None:
    body = "<p>a<!-- hidden -->b<![CDATA[x<y]]>c<?php echo 1 ?>d<!-->e<!--->f</p>"
    assert text_of(body) == "abcdef"


def test_second_title_in_the_body_is_not_visible() -> None:
    raw = read_html(PATH, b"<title>First</title><p>a<title>Second</title>b</p>")
    assert (raw.text.split(), raw.title) == (["a", "b"], "First")


def test_list_start_too_long_to_be_a_number_counts_from_one() -> None:
    body = f"<ol start='{'9' * 4000}'><li>a<li>b</ol><ol start=' 7 '><li>c</ol>"
    assert text_of(body) == "1. a\n2. b\n7. c"
