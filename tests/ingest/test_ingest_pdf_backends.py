"""PDFium beside pypdf on PDFs drawn with Qt: the same text, pages and dates,
PDFium serving the pages it should, and damaged files still a ReadError."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ingest_makers import SEEDS, rewrite_pdf, write_flowing_pdf, write_paged_pdf

from timeline.dates.temporal import find_times
from timeline.ingest import ReadError
from timeline.ingest.base import RawDocument
from timeline.ingest.pdf import read_pdf

pytestmark = pytest.mark.usefixtures("pdf_fonts")

HEADER = "Bali Process statement, printed 3 February 2020"
HYPHENATED = ("The Ad Hoc Group was co-chaired by Indonesia and Australia, whose officials "
              "met in Jakarta on 14 April 2010 and again, as the Co-Chairs had pro-\n"
              "posed, on 30 March 2011 in Bali.")


def read_both(path: Path) -> tuple[RawDocument, RawDocument]:
    data = path.read_bytes()
    return read_pdf(path, data), read_pdf(path, data, use_pdfium=False)


def dates(text: str) -> list[tuple[str, str]]:
    """Each date found: its words, and its value."""
    return [(" ".join(m.text.split()), repr(m.when)) for m in find_times(text)]


def test_a_statement_laid_out_over_pages_reads_the_same(tmp_path: Path,
                                                        served: list[bool]) -> None:
    path = tmp_path / "statement.pdf"
    text = HYPHENATED + "\n" + SEEDS[0].read_text(encoding="utf-8")
    pages = write_flowing_pdf(path, text + "\n" + text, title="Statement", header=HEADER)
    with_pdfium, with_pypdf = read_both(path)
    assert with_pdfium == with_pypdf  # text, page starts, title, date and notes
    assert len(with_pdfium.page_starts) == pages >= 3
    assert served == [True] * pages
    found = dates(with_pdfium.text)
    assert "30 March 2011" in [text for text, _ in found]  # the sentence with "pro-\nposed"
    assert found == dates(with_pypdf.text)


def test_lines_placed_one_by_one_read_the_same(tmp_path: Path, served: list[bool]) -> None:
    lines = [line[:90] for line in SEEDS[1].read_text(encoding="utf-8").splitlines() if line]
    pages = [lines[i:i + 35] for i in range(0, 105, 35)]
    path = write_paged_pdf(tmp_path / "paged.pdf", pages, footer="- {page} -")
    with_pdfium, with_pypdf = read_both(path)
    assert with_pdfium == with_pypdf
    assert served == [True, True, True]


def test_a_short_page_pdfium_scatters_is_read_by_pypdf(tmp_path: Path,
                                                       served: list[bool]) -> None:
    # Two lines drawn glyph by glyph: PDFium takes them for columns and ends
    # a line at nearly every glyph.
    passage = "Passage on page 1: the workshop of 1 May 2010 was held in Bangkok."
    path = write_paged_pdf(tmp_path / "short.pdf", [["Report to Ministers", passage]])
    with_pdfium, with_pypdf = read_both(path)
    assert with_pdfium.text == with_pypdf.text == "Report to Ministers\n" + passage
    assert served == [False]


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_restricted_pdf_text_comes_from_pdfium(tmp_path: Path, served: list[bool],
                                               algorithm: str) -> None:
    plain = tmp_path / "p.pdf"
    pages = write_flowing_pdf(plain, SEEDS[3].read_text(encoding="utf-8"), header=HEADER)
    restricted = rewrite_pdf(plain, tmp_path / "r.pdf", user_password="", algorithm=algorithm)
    with_pdfium, with_pypdf = read_both(restricted)
    assert with_pdfium.text == with_pypdf.text
    assert "Bali" in with_pdfium.text
    assert served == [True] * pages


def test_a_password_protected_pdf_never_reaches_pdfium(tmp_path: Path,
                                                       served: list[bool]) -> None:
    plain = write_paged_pdf(tmp_path / "p.pdf", [["Met on 5 May 2010."]])
    locked = rewrite_pdf(plain, tmp_path / "l.pdf", user_password="secret")
    with pytest.raises(ReadError, match="password-protected"):
        read_pdf(locked, locked.read_bytes())
    assert served == []


def test_damaged_copies_give_text_or_a_read_error(tmp_path: Path, served: list[bool]) -> None:
    path = tmp_path / "statement.pdf"
    write_flowing_pdf(path, SEEDS[2].read_text(encoding="utf-8"), header=HEADER)
    data = path.read_bytes()
    rng = random.Random(7)
    outcomes = set()
    for trial in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if trial % 3 == 0:
            damaged = damaged[: rng.randrange(len(damaged))]
        try:
            raw = read_pdf(path, bytes(damaged))
        except ReadError as error:
            assert error.reason.startswith(("damaged PDF", "the PDF holds no text"))
            outcomes.add("error")
        else:
            assert raw.text.strip()
            outcomes.add("text")
    assert outcomes == {"error", "text"}
    assert True in served  # PDFium read some of the damaged pages
