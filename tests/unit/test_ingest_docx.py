"""Word documents: paragraphs, lists and tables in order; core properties;
damaged packages."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from timeline.ingest import ReadError
from timeline.ingest.limits import DEFAULT_LIMITS, Limits
from timeline.ingest.word import read_docx

PATH = Path("statement.docx")
LIMIT = DEFAULT_LIMITS


def saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(document: docx.document.Document) -> str:
    return read_docx(PATH, saved(document), LIMIT).text


def test_paragraphs_lists_and_tables_keep_their_order() -> None:
    document = docx.Document()
    document.add_heading("Fifth Meeting", level=1)
    document.add_paragraph("On 12 October 2011, the Co-Chairs met.")
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Date", (0, 1): "Event",
                              (1, 0): "30 March 2011", (1, 1): "Conference"}.items():
        table.cell(row, col).text = value
    document.add_paragraph("Participants:")
    document.add_paragraph("agreed to meet", style="List Bullet")
    document.add_paragraph("recognised the need", style="List Bullet")
    assert read(document) == (
        "Fifth Meeting\nOn 12 October 2011, the Co-Chairs met.\n"
        "Date | Event\n30 March 2011 | Conference\n"
        "Participants:\n- agreed to meet\n- recognised the need")


def test_numbered_list_items_are_counted() -> None:
    document = docx.Document()
    for item in ("first", "second", "third"):
        document.add_paragraph(item, style="List Number")
    assert read(document) == "1. first\n2. second\n3. third"


def test_cell_with_several_paragraphs_stays_on_its_row() -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "12 October"
    cell.add_paragraph("2011")
    assert read(document) == "12 October 2011"


def test_line_breaks_and_tabs_inside_a_paragraph_are_kept() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("Sydney")
    run.add_break()
    run.add_text("12 October 2011\tAgenda")
    assert read(document) == "Sydney\n12 October 2011\tAgenda"


def test_hidden_runs_are_left_out() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Held on ")
    paragraph.add_run("1 May 2000 ").font.hidden = True
    paragraph.add_run("12 October 2011.")
    assert read(document) == "Held on 12 October 2011."


def _append_xml(document: docx.document.Document, xml: str) -> None:
    document.element.body.insert(len(document.element.body) - 1, parse_xml(xml))


def test_text_in_insertions_links_and_content_controls_is_read_but_deletions_are_not() -> None:
    document = docx.Document()
    _append_xml(document, (
        f"<w:p {nsdecls('w', 'r')}>"
        "<w:r><w:t xml:space='preserve'>Met on </w:t></w:r>"
        "<w:del w:id='1' w:author='a'><w:r><w:delText>1 May 2000</w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='a'><w:r><w:t>12 October 2011</w:t></w:r></w:ins>"
        "<w:hyperlink r:id='rId99'><w:r><w:t xml:space='preserve'> in Sydney</w:t></w:r>"
        "</w:hyperlink></w:p>"))
    _append_xml(document, (
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Inside a control</w:t></w:r>"
        "</w:p></w:sdtContent></w:sdt>"))
    assert read(document) == "Met on 12 October 2011 in Sydney\nInside a control"


def test_title_and_creation_date_come_from_core_properties() -> None:
    document = docx.Document()
    document.add_paragraph("Body text")
    document.core_properties.title = "Co-Chairs' Statement"
    document.core_properties.created = datetime(2011, 10, 12, 9, 30)
    raw = read_docx(PATH, saved(document), LIMIT)
    assert raw.title == "Co-Chairs' Statement"
    assert raw.created == date(2011, 10, 12)


def test_template_defaults_give_no_title_or_date() -> None:
    document = docx.Document()
    document.add_paragraph("Report to Ministers")
    raw = read_docx(PATH, saved(document), LIMIT)
    assert raw.created is None  # python-docx's template date is not the document's
    assert raw.title == "Report to Ministers"


def test_document_without_text_is_a_read_error() -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    with pytest.raises(ReadError, match="holds no text"):
        read(document)


def test_truncated_document_is_damaged() -> None:
    data = saved(docx.Document())
    with pytest.raises(ReadError, match="damaged Word document"):
        read_docx(PATH, data[: len(data) // 2], LIMIT)


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item))
    return out.getvalue()


def test_broken_xml_inside_the_package_is_damaged() -> None:
    data = _replace_member(saved(docx.Document()), "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(ReadError, match="damaged Word document"):
        read_docx(PATH, data, LIMIT)


def test_zip_without_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "12 October 2011")
    with pytest.raises(ReadError, match="not a Word document"):
        read_docx(PATH, out.getvalue(), LIMIT)


def test_document_that_unpacks_beyond_the_limit_is_refused() -> None:
    document = docx.Document()
    document.add_paragraph("12 October 2011 " * 20_000)  # compresses very well
    data = saved(document)
    with pytest.raises(ReadError, match="unpacks to"):
        read_docx(PATH, data, Limits(unpacked_bytes=len(data) * 2))


def test_zip_asking_for_an_unknown_zip_version_is_damaged() -> None:
    data = bytearray(saved(docx.Document()))
    central = data.find(b"PK\x01\x02")
    data[central + 6:central + 8] = (237).to_bytes(2, "little")  # "needs version 23.7"
    with pytest.raises(ReadError, match="damaged Word document"):
        read_docx(PATH, bytes(data), LIMIT)
