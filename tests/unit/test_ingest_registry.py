"""Telling formats apart by content, and metadata reaching the documents."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from timeline.ingest import Format, sniff
from timeline.ingest.sniff import format_for_suffix, looks_binary
from timeline.pipeline import load_documents


def zipped(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "expected"), [
    (b"%PDF-1.7\n1 0 obj", Format.PDF),
    (b"\r\n\r\ngarbage before the header %PDF-1.4\n", Format.PDF),
    (zipped(["[Content_Types].xml", "word/document.xml"]), Format.DOCX),
    (zipped(["content.xml", "mimetype"]), Format.ZIP),
    (b"PK\x03\x04 but damaged", Format.ZIP),
    (b"<!DOCTYPE html>\n<html><p>x", Format.HTML),
    (b"  <!-- saved page -->\n<HTML lang=en><p>x", Format.HTML),
    (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', Format.HTML),
    ("<!doctype html><p>Réunion".encode("utf-16"), Format.HTML),
    (b"\xef\xbb\xbf<!DOCTYPE html><p>x", Format.HTML),
    (b"Plain prose that mentions <html> in passing.", Format.TEXT),
    (b"# Notes\n\n- 12 October 2011: met", Format.TEXT),
    ("Réunion du 12 octobre".encode("utf-16"), Format.TEXT),
    ("Réunion du 12 octobre".encode("cp1252"), Format.TEXT),
    (b"\x89PNG\r\n\x1a\n\x00\x00", Format.BINARY),
    (b"text\x00with a NUL", Format.BINARY),
    (b"\x01\x02\x03\x04" * 10 + b"mostly control bytes", Format.BINARY),
])
def test_sniff(data: bytes, expected: Format) -> None:
    assert sniff(data) is expected


def test_form_feeds_and_escapes_do_not_make_text_binary() -> None:
    assert not looks_binary(b"Page one\x0cPage two\n\x1b[1mbold\x1b[0m\tand tabs\r\n" * 5)


@pytest.mark.parametrize(("suffix", "expected"), [
    (".TXT", Format.TEXT), (".md", Format.TEXT), (".markdown", Format.TEXT),
    (".htm", Format.HTML), (".Pdf", Format.PDF), (".docx", Format.DOCX), ("", Format.TEXT),
    (".log", Format.TEXT),
])
def test_format_for_suffix(suffix: str, expected: Format) -> None:
    assert format_for_suffix(suffix) is expected


def test_metadata_title_and_date_become_the_documents_own(tmp_path: Path) -> None:
    page = ('<html><head><title>Co-Chairs\' Statement</title>'
            '<meta name="date" content="2011-10-12"></head>'
            "<body><p>Report of 1 June 2010</p><p>Next year they meet again.</p></body></html>")
    (tmp_path / "statement.html").write_text(page, encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("The report of the meeting.")
    document.core_properties.title = "Ministers' Report"
    document.core_properties.created = datetime(2004, 6, 8)
    document.save(str(tmp_path / "report.docx"))
    documents, problems = load_documents([tmp_path])
    assert problems == []
    found = {d.id: (d.title, d.date) for d in documents}
    assert found == {"statement": ("Co-Chairs' Statement", date(2011, 10, 12)),
                     "report": ("Ministers' Report", date(2004, 6, 8))}


def test_a_dateline_in_the_text_beats_the_files_creation_date(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Sydney, 5 March 2013. The Co-Chairs hosted the meeting.")
    document.core_properties.created = datetime(2026, 11, 24)
    document.save(str(tmp_path / "statement.docx"))
    (found,), _problems = load_documents([tmp_path])
    assert found.date == date(2013, 3, 5)


def test_reading_every_format_imports_no_qt(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>On 12 October 2011</p>", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("On 12 October 2011")
    document.save(str(tmp_path / "b.docx"))
    code = ("import sys; from timeline.ingest import discover, read_document\n"
            f"files, _ = discover([{str(tmp_path)!r}])\n"
            "assert len(files) == 2 and all(read_document(f).text for f in files)\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
