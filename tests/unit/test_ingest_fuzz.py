"""Fuzzing: whatever bytes a file holds, the readers and the whole extraction
either give a document or raise ReadError; never another exception, never a
hang. Examples are small and few enough to run in seconds."""

from __future__ import annotations

import io
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import Limits, RawDocument, ReadError, read_document
from timeline.ingest.markup import read_html
from timeline.ingest.pdf import read_pdf
from timeline.ingest.text import read_text
from timeline.ingest.word import read_docx
from timeline.pipeline import extract_corpus

PATH = Path("fuzzed")
LIMIT = Limits(file_bytes=2**20, unpacked_bytes=2**20)
READERS = {"text": read_text, "html": read_html, "pdf": read_pdf, "docx": read_docx}
MAGIC = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"PK\x05\x06", b"<!DOCTYPE html><html>",
         b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"{\\rtf1",
         b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x89PNG\r\n\x1a\n"]
SUFFIXES = [".txt", ".md", ".html", ".pdf", ".docx", ".bin", ""]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def minimal_pdf(lines: list[str]) -> bytes:
    """A small valid PDF with one page of Helvetica text, written by hand so
    that mutations reach deep into the parser."""
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(
        f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info << /Title (Fuzz) "
              f"/CreationDate (D:20111012) >> >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def minimal_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Met on 12 October 2011.")
    document.add_paragraph("agreed", style="List Number")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "30 March 2011"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SEED_FILES = {"pdf": minimal_pdf(["Met on 12 October 2011.", "Page 1"]), "docx": minimal_docx()}


def check_outcome(read: Callable[[], RawDocument]) -> None:
    """Either a sound document or a ReadError about this path."""
    try:
        raw = read()
    except ReadError as error:
        assert error.reason
        assert error.path.endswith(str(PATH)) or error.path.startswith(tempfile.gettempdir())
        return
    assert raw.text.strip()
    assert list(raw.page_starts) == sorted(raw.page_starts)
    assert all(0 <= start <= len(raw.text) for start in raw.page_starts)


def test_minimal_pdf_is_valid() -> None:
    raw = read_pdf(PATH, SEED_FILES["pdf"], LIMIT)
    assert raw.text == "Met on 12 October 2011."  # the page number is dropped
    assert raw.title == "Fuzz"


def test_pdf_without_pages_is_damaged() -> None:
    # Same length, so the cross-reference offsets stay right.
    data = minimal_pdf(["x"]).replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0     ")
    with pytest.raises(ReadError, match=r"^fuzzed: damaged PDF \(no pages found\)$"):
        read_pdf(PATH, data, LIMIT)


@FUZZ
@given(reader=st.sampled_from(sorted(READERS)), magic=st.sampled_from(MAGIC),
       body=st.binary(max_size=2048))
def test_readers_on_random_bytes(reader: str, magic: bytes, body: bytes) -> None:
    data = magic + body
    check_outcome(lambda: READERS[reader](PATH, data, LIMIT))


@FUZZ
@given(kind=st.sampled_from(sorted(SEED_FILES)), seed=st.integers(0, 2**32 - 1),
       flips=st.integers(1, 24), keep=st.floats(0.0, 1.0))
def test_readers_on_damaged_valid_files(kind: str, seed: int, flips: int, keep: float) -> None:
    rng = random.Random(seed)
    data = bytearray(SEED_FILES[kind])
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    damaged = bytes(data[: max(1, int(len(data) * keep))]) if keep < 0.98 else bytes(data)
    check_outcome(lambda: READERS[kind](PATH, damaged, LIMIT))


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), magic=st.sampled_from(MAGIC),
       body=st.binary(max_size=1024))
def test_read_document_on_random_files(suffix: str, magic: bytes, body: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(magic + body)
        check_outcome(lambda: read_document(path, limits=LIMIT))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=st.sampled_from(SUFFIXES), magic=st.sampled_from(MAGIC),
       body=st.one_of(st.binary(max_size=1024),
                      st.text(max_size=400).map(lambda t: t.encode("utf-8"))))
def test_extraction_on_random_files_gives_a_document_or_a_problem(suffix: str, magic: bytes,
                                                                  body: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(magic + body)
        corpus = extract_corpus([path])
    assert len(corpus.documents) + len({p.path for p in corpus.problems}) >= 1
    for document in corpus.documents:
        assert document.text.strip()
    for problem in corpus.problems:
        assert problem.reason and "Traceback" not in problem.reason
