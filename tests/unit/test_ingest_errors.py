"""Every kind of bad input gets a clear message, and nothing else breaks.

One test per kind: empty, binary under a text name, a file that is not what
its name says, undecodable bytes, damaged Word files, files over the size
limit, unreadable files, pipes, and paths that vanish while being read.
(Damaged and password-protected PDFs: tests/ingest/test_ingest_pdf.py.)
"""

from __future__ import annotations

import errno
import io
import os
import zipfile
from pathlib import Path

import docx
import pytest

from timeline.ingest import ReadError, discover, read_document
from timeline.ingest import registry as registry_module
from timeline.pipeline import load_documents

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
PROSE = "Co-Chairs' statement\n\nThe ministers met in Bali on 30 March 2011.\n"


def word_bytes(text: str = PROSE) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def reason(path: Path, **kwargs: int) -> str:
    with pytest.raises(ReadError) as caught:
        read_document(path, **kwargs)
    assert caught.value.path == str(path)
    return caught.value.reason


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert reason(write(tmp_path / "empty.txt", data)) == "the file is empty"


@pytest.mark.parametrize(("data", "expected"), [
    (PNG, "a PNG image, not text"),
    (b"\x7fELF\x02\x01\x01" + bytes(200), "a program (ELF), not text"),
    (bytes(range(256)) * 4, "binary file, not text"),
    (b"text with a NUL\x00 inside", "binary file, not text"),
])
def test_binary_file_with_a_text_extension(tmp_path: Path, data: bytes, expected: str) -> None:
    assert reason(write(tmp_path / "notes.txt", data)) == expected


def test_binary_file_named_as_a_pdf(tmp_path: Path) -> None:
    assert reason(write(tmp_path / "scan.pdf", PNG)) == "a PNG image, not a PDF"


def test_old_word_file_named_docx_gets_advice(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    assert "save it as .docx" in reason(write(tmp_path / "old.docx", ole))


def test_word_document_named_txt_is_read_as_word_with_a_note(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path / "statement.txt", word_bytes()))
    assert "30 March 2011" in raw.text
    assert raw.notes == ("looks like a Word document but is named .txt: read as Word document",)


def test_html_named_txt_is_read_as_html_with_a_note(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><title>T</title><p>Met on 30 March 2011.</p><script>x</script>"
    raw = read_document(write(tmp_path / "page.txt", page))
    assert raw.text == "Met on 30 March 2011."
    assert raw.notes == ("looks like an HTML page but is named .txt: read as HTML",)


def test_text_named_pdf_is_read_as_text_with_a_note(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path / "statement.pdf", PROSE.encode()))
    assert raw.text == PROSE
    assert raw.notes == ("looks like plain text but is named .pdf: read as text",)


def test_file_without_extension_is_read_by_content_silently(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path / "statement", word_bytes()))
    assert "30 March 2011" in raw.text
    assert raw.notes == ()


def test_html_fragment_named_html_needs_no_doctype(tmp_path: Path) -> None:
    raw = read_document(write(tmp_path / "f.html", b"<p>One</p><p>Two</p>"))
    assert (raw.text, raw.notes) == ("One\nTwo", ())


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    data = buffer.getvalue()
    assert reason(write(tmp_path / "a.docx", data)) == \
        "not a Word document: a ZIP archive without word/document.xml"
    assert reason(write(tmp_path / "a.txt", data)) == "a ZIP archive, not text"


def test_undecodable_bytes(tmp_path: Path) -> None:
    # Bytes 0x80-0xFF only: invalid UTF-8, and gibberish in every 8-bit code page.
    data = bytes(range(0x80, 0x100)) * 3
    assert reason(write(tmp_path / "odd.txt", data)).startswith("undecodable bytes")


def test_damaged_word_document(tmp_path: Path) -> None:
    data = word_bytes()
    cut = write(tmp_path / "cut.docx", data[: len(data) // 3])
    assert reason(cut).startswith("damaged Word document")


def test_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", b"On 1 May 2010 it rained.\n" * 100)
    assert reason(path, max_bytes=1000) == "2.4 KB is larger than the 1000 bytes limit: skipped"
    assert read_document(path, max_bytes=10_000).text.startswith("On 1 May 2010")


def test_default_limit_is_100_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 100 MB are written to disk
        handle.truncate(100 * 2**20 + 1)
    assert reason(path) == "100 MB is larger than the 100 MB limit: skipped"


def test_file_growing_past_the_limit_while_read(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "log.txt", b"x" * 10)
    real_fstat = os.fstat

    def fstat(fd: int) -> os.stat_result:
        # Report the size the file had before it grew.
        info = list(real_fstat(fd))
        info[6] = 5
        return os.stat_result(info)

    monkeypatch.setattr(registry_module.os, "fstat", fstat)
    assert "larger than" in reason(path, max_bytes=8)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", PROSE.encode())
    real_open = os.open

    def refuse(target: os.PathLike[str] | str, *args: int) -> int:
        # Simulated: the tests may run as root, whom permissions do not stop.
        if Path(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, *args)

    monkeypatch.setattr(registry_module.os, "open", refuse)
    assert reason(path) == "permission denied"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_file_without_read_permission(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", PROSE.encode())
    path.chmod(0)
    assert reason(path) == "permission denied"


def test_path_that_vanishes_between_discovery_and_reading(tmp_path: Path) -> None:
    doomed = write(tmp_path / "doomed.txt", PROSE.encode())
    files, _ = discover([tmp_path])
    doomed.unlink()
    assert files == [doomed]
    assert reason(doomed).startswith("no such file")


def test_path_that_vanishes_while_being_read(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "remote.txt", PROSE.encode())

    def stale(fd: int, size: int) -> bytes:
        raise OSError(errno.ESTALE, os.strerror(errno.ESTALE))

    monkeypatch.setattr(registry_module.os, "read", stale)
    assert reason(path) == os.strerror(errno.ESTALE)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert reason(pipe) == "not a regular file (a pipe, socket or device): skipped"


def test_folder_given_as_a_file(tmp_path: Path) -> None:
    assert reason(tmp_path) == "a folder, not a file"


def test_pipeline_reports_bad_files_and_reads_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", PROSE.encode())
    write(tmp_path / "good.docx", word_bytes())
    write(tmp_path / "empty.md", b"")
    write(tmp_path / "image.txt", PNG)
    write(tmp_path / "broken.docx", b"PK\x03\x04 truncated")
    documents, problems = load_documents([tmp_path])
    assert sorted(Path(d.path).name for d in documents) == ["good.docx", "good.txt"]
    assert sorted((Path(p.path).name, p.reason) for p in problems) == [
        ("broken.docx", "damaged Word document (not a readable ZIP archive: "
                        "File is not a zip file)"),
        ("empty.md", "the file is empty"),
        ("image.txt", "a PNG image, not text"),
    ]


def test_opendocument_file_gets_advice(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    path = write(tmp_path / "minutes.odt", buffer.getvalue())
    assert reason(path) == "an OpenDocument file, not text; save it as .docx"
