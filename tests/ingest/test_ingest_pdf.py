"""PDF reading on files drawn with Qt: pages, running headers and footers,
metadata, encryption and damage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pytest
from ingest_makers import rewrite_pdf, write_flowing_pdf, write_paged_pdf

from timeline.ingest import Limits, ReadError, read_document
from timeline.ingest.pdf import read_pdf
from timeline.ingest.pdf_pdfium import PdfiumText
from timeline.model import Document

pytestmark = pytest.mark.usefixtures("pdf_fonts")

HEADER = "Co-Chairs' Statement, Bali, 12 October 2011"


def passage(page: int) -> str:
    return f"Passage on page {page}: the workshop of {page} May 2010 was held in Bangkok."


def as_document(path: Path) -> Document:
    raw = read_document(path)
    return Document("d", str(path), raw.title or "", raw.date or raw.created, raw.text,
                    raw.page_starts)


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    pages = [[passage(n), f"Then the {word} item of business."]
             for n, word in enumerate(("first", "second", "third"), start=1)]
    return write_paged_pdf(tmp_path / "paged.pdf", pages, title="Three pages", header=HEADER,
                           footer="- {page} -")


def test_each_passage_is_placed_on_its_page(three_pages: Path) -> None:
    document = as_document(three_pages)
    assert len(document.page_starts) == 3
    assert "Then the second item of business." in document.text
    for page in (1, 2, 3):
        offset = document.text.index(passage(page))
        assert document.page_at(offset) == page
        assert document.page_at(offset + len(passage(page)) - 1) == page


def test_running_header_and_page_numbers_are_dropped(three_pages: Path) -> None:
    text = read_document(three_pages).text
    assert text.count("item of business") == 3
    assert "12 October 2011" not in text
    assert "Statement" not in text
    for line in text.splitlines():
        assert not line.strip(" -").isdigit(), f"page number left in: {line!r}"


def test_pages_are_separated_by_line_breaks(three_pages: Path) -> None:
    raw = read_document(three_pages)
    for start in raw.page_starts[1:]:
        assert raw.text[start - 1] == "\n"


def test_header_on_most_but_not_all_pages_is_still_dropped(tmp_path: Path) -> None:
    # A cover page without the header, as reports have, then four headed pages.
    pages = [["Cover page"], *([HEADER, passage(n), "Closing line."] for n in range(2, 6))]
    text = read_document(write_paged_pdf(tmp_path / "cover.pdf", pages)).text
    assert "12 October 2011" not in text
    assert "Cover page" in text
    assert passage(5) in text


def test_a_date_line_on_a_single_page_is_kept(tmp_path: Path) -> None:
    path = write_paged_pdf(tmp_path / "one.pdf", [[HEADER, passage(1)]])
    assert HEADER in read_document(path).text


def test_empty_page_keeps_the_numbering(tmp_path: Path) -> None:
    path = write_paged_pdf(tmp_path / "gap.pdf", [[passage(1)], [], [passage(3)]])
    document = as_document(path)
    assert len(document.page_starts) == 3
    assert document.page_at(document.text.index(passage(3))) == 3
    assert document.page_at(document.text.index(passage(1))) == 1


def test_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    sentence = ("Officials met in Jakarta on 14 April 2010 to review the regional "
                "cooperation framework and agreed on further steps. ") * 4
    path = tmp_path / "wrapped.pdf"
    write_flowing_pdf(path, sentence.strip() + "\nA second paragraph.", page_numbers=False)
    lines = read_document(path).text.splitlines()
    assert lines == [sentence.strip(), "A second paragraph."]


def test_title_and_date_come_from_the_document_information(three_pages: Path,
                                                          tmp_path: Path) -> None:
    dated = rewrite_pdf(three_pages, tmp_path / "dated.pdf",
                        {"/CreationDate": "D:20111012093000+07'00'"})
    raw = read_document(dated)
    assert raw.title == "Three pages"
    assert raw.created == date(2011, 10, 12)


def test_placeholder_title_falls_back_to_the_first_line(tmp_path: Path) -> None:
    path = write_paged_pdf(tmp_path / "p.pdf", [["Report to Ministers", passage(1)]],
                           title="Microsoft Word - report_final.docx")
    assert read_document(path).title == "Report to Ministers"


def test_malformed_creation_date_only_loses_the_date(three_pages: Path, tmp_path: Path) -> None:
    broken = rewrite_pdf(three_pages, tmp_path / "b.pdf", {"/CreationDate": "D:2011-99-99"})
    raw = read_document(broken)
    assert raw.created is None
    assert passage(2) in raw.text


def test_password_protected_pdf_is_refused_with_a_reason(three_pages: Path,
                                                         tmp_path: Path) -> None:
    locked = rewrite_pdf(three_pages, tmp_path / "locked.pdf", user_password="secret")
    with pytest.raises(ReadError, match="password-protected") as caught:
        read_document(locked)
    assert caught.value.path == str(locked)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_pdf_restricted_without_a_password_is_read(three_pages: Path, tmp_path: Path,
                                                   algorithm: str) -> None:
    restricted = rewrite_pdf(three_pages, tmp_path / "r.pdf", user_password="",
                             algorithm=algorithm)
    assert passage(3) in read_document(restricted).text


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    blank = write_paged_pdf(tmp_path / "scan.pdf", [[], []])
    with pytest.raises(ReadError, match="no text layer"):
        read_document(blank)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_gives_text_or_a_read_error(three_pages: Path, tmp_path: Path,
                                                  keep: float) -> None:
    data = three_pages.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * keep)])
    try:
        raw = read_document(cut)
    except ReadError as error:
        assert error.reason.startswith(("damaged PDF", "the PDF holds no text"))
    else:
        assert raw.text.strip()
        assert len(raw.page_starts) >= 1


def test_garbage_after_the_pdf_header_is_a_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ReadError, match="damaged PDF"):
        read_document(path)


def test_damaged_page_content_loses_only_that_page(three_pages: Path, tmp_path: Path) -> None:
    data = bytearray(three_pages.read_bytes())
    # Qt compresses each page's content stream; spoil the second one's bytes.
    streams = [i for i in range(len(data)) if data.startswith(b"stream\n", i)]
    contents = [i for i in streams if b"/Filter /FlateDecode" in data[max(0, i - 200):i]]
    assert len(contents) >= 3
    start = contents[1] + len(b"stream\n")
    data[start:start + 40] = b"\x00" * 40
    spoiled = tmp_path / "spoiled.pdf"
    spoiled.write_bytes(bytes(data))
    raw = read_document(spoiled)
    assert passage(1) in raw.text
    assert passage(3) in raw.text


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".html"])
def test_pdf_under_another_name_is_read_as_pdf_with_a_note(three_pages: Path, tmp_path: Path,
                                                           suffix: str) -> None:
    renamed = tmp_path / f"statement{suffix}"
    renamed.write_bytes(three_pages.read_bytes())
    raw = read_document(renamed)
    assert raw.notes == (f"looks like a PDF but is named {suffix}: read as PDF",)
    assert passage(2) in raw.text
    assert len(raw.page_starts) == 3


def test_pages_holding_the_same_single_line_keep_it(tmp_path: Path) -> None:
    notice = "Meeting held on 5 May 2010."
    path = write_paged_pdf(tmp_path / "notice.pdf", [[notice], [notice]])
    raw = read_document(path)
    assert raw.text.splitlines() == [notice, notice]
    assert len(raw.page_starts) == 2


# Budgets: pages counted before any is read, text counted as it is extracted.

class ExtractionCounter:
    """Counts the pages pypdf or PDFium is asked for text (a page PDFium
    leaves to pypdf counts once)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pages: set[int] = set()
        extract = pypdf.PageObject.extract_text
        page_text = PdfiumText.page_text

        def counted(page: pypdf.PageObject, *args: object, **kwargs: object) -> str:
            self.pages.add(page.page_number)
            return extract(page, *args, **kwargs)

        def counted_pdfium(document: PdfiumText, index: int, most: int) -> str | None:
            self.pages.add(index)
            return page_text(document, index, most)

        monkeypatch.setattr(pypdf.PageObject, "extract_text", counted)
        monkeypatch.setattr(PdfiumText, "page_text", counted_pdfium)

    @property
    def calls(self) -> int:
        return len(self.pages)


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> ExtractionCounter:
    return ExtractionCounter(monkeypatch)


def test_pdf_with_more_pages_than_the_limit_is_refused_unread(
        tmp_path: Path, extractions: ExtractionCounter) -> None:
    path = write_paged_pdf(tmp_path / "long.pdf", [[passage(n)] for n in range(1, 5)])
    with pytest.raises(ReadError, match=r": the PDF has more pages than the 3 limit$"):
        read_document(path, limits=Limits(pages=3))
    assert extractions.calls == 0
    assert passage(4) in read_document(path, limits=Limits(pages=4)).text


def test_page_tree_declaring_fewer_pages_than_it_holds_is_still_counted(
        tmp_path: Path, extractions: ExtractionCounter) -> None:
    data = write_paged_pdf(tmp_path / "p.pdf", [[passage(n)] for n in range(1, 6)]).read_bytes()
    assert data.count(b"/Count 5") == 1
    lying = tmp_path / "lying.pdf"
    lying.write_bytes(data.replace(b"/Count 5", b"/Count 1"))  # same length: offsets hold
    with pytest.raises(ReadError, match="more pages than the 3 limit"):
        read_document(lying, limits=Limits(pages=3))
    assert extractions.calls == 0


def test_page_with_text_over_the_page_limit_is_left_out_with_a_note(tmp_path: Path) -> None:
    pages = [[passage(1)], [passage(2)] * 4, [passage(3)]]
    path = write_paged_pdf(tmp_path / "dense.pdf", pages)
    raw = read_document(path, limits=Limits(page_chars=200))
    assert passage(1) in raw.text
    assert passage(2) not in raw.text
    assert passage(3) in raw.text
    assert raw.notes == ("page 2 left out: its text is longer than the 200 character limit "
                         "for a page",)
    assert len(raw.page_starts) == 3


def test_pdf_whose_every_page_is_over_the_page_limit_says_so(tmp_path: Path) -> None:
    path = write_paged_pdf(tmp_path / "dense.pdf", [[passage(1)] * 4])
    with pytest.raises(ReadError, match="every page with text is longer than the 200 "):
        read_document(path, limits=Limits(page_chars=200))


def test_reading_stops_once_the_text_passes_the_document_limit(
        tmp_path: Path, extractions: ExtractionCounter) -> None:
    path = write_paged_pdf(tmp_path / "many.pdf", [[passage(n)] for n in range(1, 21)])
    with pytest.raises(ReadError, match="longer than the 200 character limit"):
        read_pdf(path, path.read_bytes(), Limits(text_chars=200))
    assert 3 <= extractions.calls <= 4  # about 70 characters a page, not all 20 pages
