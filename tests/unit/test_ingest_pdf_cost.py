"""Which pages PDFium is given: the screen of timeline/ingest/pdf_cost.py,
and what a page it refuses comes to (pypdf reads it, as before)."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pypdf
import pytest
from hand_pdfs import HELVETICA, MET, MET_TEXT, form, pdf_file, stream, to_unicode_font

from timeline.ingest import ReadError
from timeline.ingest.pdf import read_pdf
from timeline.ingest.pdf_cost import MOST_WORK, PageCost
from timeline.ingest.pdf_pdfium import PdfiumText

PATH = Path("hand.pdf")
FORMS = b"/XObject << /X1 6 0 R >>"
IMAGE = stream(b"\x00" * 3, b"/Type /XObject /Subtype /Image /Width 1 /Height 1 "
                            b"/ColorSpace /DeviceRGB /BitsPerComponent 8")


def fits(data: bytes, cost: PageCost | None = None) -> list[bool]:
    """The screen's verdict on each page."""
    cost = cost or PageCost()
    return [cost.fits(page, page.get_contents().get_data())
            for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pages PDFium is asked for."""
    pages: list[int] = []
    page_text = PdfiumText.page_text

    def recorded(text: PdfiumText, index: int, most: int) -> str | None:
        pages.append(index)
        return page_text(text, index, most)

    monkeypatch.setattr(PdfiumText, "page_text", recorded)
    return pages


def test_an_ordinary_page_fits() -> None:
    assert fits(pdf_file([MET, MET])) == [True, True]


def test_a_page_drawing_a_form_is_left_to_pypdf(asked: list[int]) -> None:
    # PDFium's copy holds no forms, so it would miss the text inside them.
    once = pdf_file([b"/X1 Do\n"], FORMS, extra=[form(MET)])
    assert fits(once) == [False]
    assert read_pdf(PATH, once).text == MET_TEXT
    # A few hundred bytes that PDFium would have made twenty million characters
    # of; pypdf stops at the page budget.
    thousands = pdf_file([b"/X1 Do\n" * 20_000], FORMS,
                         extra=[form(b"BT /F1 1 Tf 10 10 Td (" + b"x" * 1000 + b") Tj ET")])
    with pytest.raises(ReadError, match="every page with text is longer than the 100,000"):
        read_pdf(PATH, thousands)
    assert asked == []


def test_forms_found_through_the_page_never_reach_pdfium(asked: list[int]) -> None:
    # A form without XObjects of its own drawing /Y three times: pypdf finds
    # no /Y there; PDFium would take the page's /Y (the form itself), forty
    # levels deep, and ask for gigabytes. Found by fuzzing.
    data = pdf_file([b"/Y Do\n" * 3], b"/XObject << /Y 6 0 R >>",
                    extra=[form(b"/Y Do\n" * 3 + MET)])
    assert read_pdf(PATH, data).text.count(MET_TEXT) == 3  # pypdf draws the form thrice
    assert asked == []


def test_a_form_is_found_through_the_escapes_in_its_name() -> None:
    assert fits(pdf_file([b"/X#31 Do"], FORMS, extra=[form(MET)])) == [False]
    # A name that is nowhere draws nothing, for pypdf as for PDFium.
    assert fits(pdf_file([MET + b" /Nowhere Do"], FORMS, extra=[form(MET)])) == [True]


def test_images_drawn_many_times_cost_nothing() -> None:
    data = pdf_file([MET + b"\n" + b"q 9 0 0 9 0 0 cm /Im1 Do Q\n" * 5_000],
                    b"/XObject << /Im1 6 0 R >>", extra=[IMAGE])
    assert fits(data) == [True]


def test_an_inline_image_is_left_to_pypdf() -> None:
    # PDFium decodes an inline image's data to find where it ends, unbounded.
    image = b"BI /W 1 /H 1 /BPC 8 /CS /G /F /Fl ID " + zlib.compress(b"\x00") + b" EI"
    assert fits(pdf_file([MET + b"\nq " + image + b" Q"])) == [False]
    assert fits(pdf_file([MET + b"\nBT /F1 9 Tf (BIG) Tj ET"])) == [True]


def test_a_font_mapping_one_code_to_many_characters_is_charged_for_them() -> None:
    def mapping(units: int, codes: int) -> bytes:
        cmap = stream(b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
                      b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <41> <"
                      + b"0061" * units + b"> endbfchar endcmap end end")
        return pdf_file([b"BT /F1 1 Tf 10 10 Td (" + b"A" * codes + b") Tj ET"],
                        font=to_unicode_font(6), extra=[cmap])

    assert fits(mapping(3, 1_000)) == [True]
    assert fits(mapping(120, 100_000)) == [False]  # 12 million characters from 100 KB


def test_a_type3_font_is_left_to_pypdf() -> None:
    type3 = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [1 0 0 1 0 0] "
             b"/CharProcs << >> /Encoding << /Differences [65 /A] >> /FirstChar 65 "
             b"/LastChar 65 /Widths [1] >>")
    assert fits(pdf_file([MET], font=type3)) == [False]


def test_font_streams_are_decoded_first_within_a_budget_for_the_document() -> None:
    # PDFium decodes a font program in full, however large it inflates.
    font = b"<< /Type /Font /Subtype /TrueType /BaseFont /Embedded /FontDescriptor 6 0 R >>"
    descriptor = b"<< /Type /FontDescriptor /FontName /Embedded /FontFile2 7 0 R >>"
    data = pdf_file([MET, MET], font=font, extra=[descriptor, stream(b"\x00" * 2_000)])
    assert fits(data, PageCost(most_font_bytes=3_000)) == [True, True]  # measured once
    assert fits(data, PageCost(most_font_bytes=1_000)) == [False, False]
    unknown = data.replace(b"/Filter /FlateDecode", b"/Filter /NoSuchDecode", 1)  # the program's
    assert fits(unknown) == [False, False]


def test_a_font_reaching_far_into_the_file_is_left_to_pypdf() -> None:
    chain = [b"<< /Next %d 0 R >>" % (7 + i) for i in range(80)] + [b"<< >>"]
    data = pdf_file([MET], font=HELVETICA[:-2] + b"/Odd 6 0 R >>", extra=chain)
    assert fits(data) == [False]


def test_content_over_the_most_work_is_left_to_pypdf() -> None:
    line = b"BT /F1 1 Tf 10 10 Td (" + b"y" * 90 + b") Tj ET\n"
    assert fits(pdf_file([line * (MOST_WORK // len(line) + 1)])) == [False]
    assert fits(pdf_file([line * (MOST_WORK // len(line) // 2)])) == [True]

