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


# Budgets: members are counted as they inflate, whatever their names and
# whatever their headers declare.

MAIN_PART = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {item.filename: archive.read(item) for item in archive.infolist()}


def _packed(members: dict[str, bytes],
            compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _body_xml(members: dict[str, bytes], body: bytes) -> bytes:
    """word/document.xml of ``members`` with ``body`` as its body's content."""
    head, _, _ = members["word/document.xml"].partition(b"<w:body>")
    return head + b"<w:body>" + body + b"</w:body></w:document>"


def _with_main_part_renamed(data: bytes, body: bytes) -> bytes:
    """The document with its main part moved to word/main.dat, holding
    ``body``; a stub word/document.xml stays, which nothing refers to."""
    members = _members(data)
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/word/main.dat" ContentType="{MAIN_PART}"/>'
                     "</Types>".encode())
    members["_rels/.rels"] = members["_rels/.rels"].replace(b"word/document.xml",
                                                            b"word/main.dat")
    members["word/_rels/main.dat.rels"] = members["word/_rels/document.xml.rels"]
    members["word/main.dat"] = _body_xml(members, body)
    return _packed(members)


def test_xml_part_under_another_name_is_read() -> None:
    data = _with_main_part_renamed(saved(docx.Document()),
                                   b"<w:p><w:r><w:t>Met on 5 May 2010.</w:t></w:r></w:p>")
    assert read_docx(PATH, data, LIMIT).text == "Met on 5 May 2010."


def test_xml_part_under_another_name_counts_against_the_xml_limit() -> None:
    data = _with_main_part_renamed(saved(docx.Document()), b"<w:p/>" * 400_000)  # 2.3 MB
    assert len(data) < 100_000
    with pytest.raises(ReadError, match=r"unpacks to more than the 1 MB limit of XML$"):
        read_docx(PATH, data, Limits(markup_bytes=2**20))


def test_large_part_that_is_not_xml_counts_against_the_unpacked_limit() -> None:
    members = _members(saved(docx.Document()))
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rId99" Type="{IMAGE_REL}" '
                             'Target="media/image1.png"/></Relationships>'.encode())
    members["word/media/image1.png"] = bytes(3 * 2**20)
    data = _packed(members)
    limits = Limits(unpacked_bytes=2**20, markup_bytes=2**20)
    with pytest.raises(ReadError, match=r"unpacks to more than the 1 MB limit$"):
        read_docx(PATH, data, limits)


def _declaring_size(data: bytes, name: str, size: int) -> bytes:
    """The archive with both headers of member ``name`` (local, and in the
    central directory) declaring ``size`` bytes, whatever it inflates to."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
    central = data.rindex(name.encode()) - 46  # the directory comes last
    assert data[local:local + 4] == b"PK\x03\x04" and data[central:central + 4] == b"PK\x01\x02"
    patched = bytearray(data)
    patched[local + 22:local + 26] = size.to_bytes(4, "little")
    patched[central + 24:central + 28] = size.to_bytes(4, "little")
    return bytes(patched)


def test_member_inflating_past_its_declared_size_is_counted_as_it_inflates() -> None:
    members = _members(saved(docx.Document()))
    members["word/media/padding.bin"] = bytes(8 * 2**20)
    data = _declaring_size(_packed(members), "word/media/padding.bin", 1000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        declared = sum(item.file_size for item in archive.infolist())
    assert declared < 2**20  # the headers claim well under the limit
    with pytest.raises(ReadError, match=r"unpacks to more than the 1 MB limit$"):
        read_docx(PATH, data, Limits(unpacked_bytes=2**20, markup_bytes=2**20))


def test_document_with_too_many_parts_is_refused() -> None:
    members = _members(saved(docx.Document()))
    members.update({f"customXml/item{n}.bin": b"" for n in range(30)})
    with pytest.raises(ReadError, match=r"holds more parts than the 20 limit$"):
        read_docx(PATH, _packed(members), Limits(members=20))


def test_part_compressed_in_a_way_word_never_uses_is_damaged() -> None:
    data = _packed(_members(saved(docx.Document())), zipfile.ZIP_BZIP2)
    with pytest.raises(ReadError, match=r"damaged Word document.*method 12"):
        read_docx(PATH, data, LIMIT)


# Nesting: the parser refuses XML over 256 levels deep; below that, the
# walkers take each piece of text once, however deep it sits.

def _document_with_body(body: bytes) -> bytes:
    members = _members(saved(docx.Document()))
    members["word/document.xml"] = _body_xml(members, body)
    return _packed(members)


def test_body_nested_a_hundred_thousand_deep_is_damaged() -> None:
    depth = 100_000
    data = _document_with_body(b"<w:sdt><w:sdtContent>" * depth
                               + b"</w:sdtContent></w:sdt>" * depth)
    with pytest.raises(ReadError, match=r"damaged Word document.*depth"):
        read_docx(PATH, data, LIMIT)


def test_text_deep_inside_content_controls_and_runs_is_read() -> None:
    controls, links = 60, 100
    body = (b"<w:sdt><w:sdtContent>" * controls + b"<w:p>" + b"<w:hyperlink>" * links
            + b"<w:r><w:t>5 May</w:t></w:r>" * 2000 + b"</w:hyperlink>" * links + b"</w:p>"
            + b"</w:sdtContent></w:sdt>" * controls)
    assert read_docx(PATH, _document_with_body(body), LIMIT).text == "5 May" * 2000


def test_tables_nested_eighty_deep_give_one_row() -> None:
    depth = 80
    cell = b"<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>"
    body = (b"<w:tbl><w:tr>" + cell % b"outer" + b"<w:tc>") * depth
    body += b"<w:p><w:r><w:t>5 May 2010</w:t></w:r></w:p>"
    body += b"</w:tc></w:tr></w:tbl>" * depth
    assert read_docx(PATH, _document_with_body(body), LIMIT).text == \
        " | ".join(["outer"] * depth + ["5 May 2010"])


def test_nested_table_rows_run_together_in_their_cell() -> None:
    inner = (b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc/>"
             b"<w:tc><w:p><w:r><w:t>b  c</w:t></w:r></w:p></w:tc></w:tr>"
             b"<w:tr><w:tc><w:p/></w:tc></w:tr>"
             b"<w:tr><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    body = (b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>When</w:t></w:r></w:p></w:tc><w:tc/>"
            b"<w:tc>" + inner + b"<w:p><w:r><w:t>e</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    assert read_docx(PATH, _document_with_body(body), LIMIT).text == "When | a | b c d e"


def _style(style_id: str, based_on: str | None, numbered: bool = False) -> str:
    parent = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    numbering = ('<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                 if numbered else "")
    return f'<w:style w:type="paragraph" w:styleId="{style_id}">{parent}{numbering}</w:style>'


def _document_with_styles(styles: list[str], paragraphs: list[str]) -> bytes:
    document = docx.Document()
    document.add_paragraph("x", style="List Bullet")  # brings in numbering.xml with numId 1
    members = _members(saved(document))
    head, _, _ = members["word/styles.xml"].partition(b"<w:style ")
    members["word/styles.xml"] = head + "".join(styles).encode() + b"</w:styles>"
    members["word/document.xml"] = _body_xml(members, "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>item</w:t></w:r></w:p>'
        for style in paragraphs).encode())
    return _packed(members)


def test_numbering_inherited_down_a_long_chain_of_styles() -> None:
    count = 3000
    styles = [_style("s0", None, numbered=True)]
    styles += [_style(f"s{n}", f"s{n - 1}") for n in range(1, count)]
    paragraphs = [f"s{n}" for n in reversed(range(count))]
    text = read_docx(PATH, _document_with_styles(styles, paragraphs), LIMIT).text
    assert text.splitlines() == ["- item"] * count


def test_styles_based_on_each_other_in_a_loop_give_no_numbering() -> None:
    styles = [_style("a", "b"), _style("b", "c"), _style("c", "a")]
    text = read_docx(PATH, _document_with_styles(styles, ["a", "b", "c", "missing"]), LIMIT)
    assert text.text == "item\nitem\nitem\nitem"


def test_numbering_with_thousands_of_levels_and_lists() -> None:
    # Each list copies its abstract list's levels, so these would cost
    # levels x lists; only Word's nine are kept.
    document = docx.Document()
    document.add_paragraph("agreed", style="List Bullet")
    members = _members(saved(document))
    head, _, _ = members["word/numbering.xml"].partition(b"<w:abstractNum ")
    count = 5000
    levels = b"".join(b'<w:lvl w:ilvl="%d"><w:numFmt w:val="decimal"/></w:lvl>' % n
                      for n in range(count))
    lists = b"".join(b'<w:num w:numId="%d"><w:abstractNumId w:val="0"/></w:num>' % (n + 1)
                     for n in range(count))
    members["word/numbering.xml"] = (head + b'<w:abstractNum w:abstractNumId="0">' + levels
                                     + b"</w:abstractNum>" + lists + b"</w:numbering>")
    assert read_docx(PATH, _packed(members), LIMIT).text == "- agreed"
