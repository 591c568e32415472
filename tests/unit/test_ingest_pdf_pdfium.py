"""Page text through PDFium: the same text as pypdf's, the copy PDFium reads,
falling back to pypdf, and the helper process it runs in."""

from __future__ import annotations

import io
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
import pytest
from hand_pdfs import MET, MET_TEXT, pdf_file, stream, to_unicode_font, to_unicode_map

from timeline.ingest import Limits, ReadError, pdf_pdfium, pdfium_helper
from timeline.ingest.pdf import read_pdf
from timeline.ingest.pdf_pdfium import opened, scattered, text_only_copy
from timeline.ingest.pdfium_helper import open_documents

PATH = Path("hand.pdf")


def both_ways(data: bytes) -> tuple[str, str]:
    """The text read with PDFium and with pypdf alone; all else must agree."""
    with_pdfium = read_pdf(PATH, data)
    with_pypdf = read_pdf(PATH, data, use_pdfium=False)
    assert with_pdfium.page_starts == with_pypdf.page_starts
    assert (with_pdfium.title, with_pdfium.notes) == (with_pypdf.title, with_pypdf.notes)
    return with_pdfium.text, with_pypdf.text


# The text.

def test_pdfium_reads_the_text_pypdf_reads(served: list[bool]) -> None:
    data = pdf_file([MET, b"BT /F1 12 Tf 72 700 Td (Then on 5 May 2010.) Tj ET"])
    pdfium_text, pypdf_text = both_ways(data)
    assert pdfium_text == pypdf_text == MET_TEXT + "\nThen on 5 May 2010."
    assert served == [True, True]


def test_a_hyphen_ending_a_line_stays_with_its_line_break(served: list[bool]) -> None:
    # PDFium marks it with U+FFFE and joins the lines; pypdf keeps both.
    data = pdf_file([b"BT /F1 12 Tf 72 720 Td (The meeting was co-) Tj ET "
                     b"BT /F1 12 Tf 72 704 Td (chaired on 5 May 2010.) Tj ET"])
    pdfium_text, pypdf_text = both_ways(data)
    assert pdfium_text == pypdf_text == "The meeting was co-\nchaired on 5 May 2010."
    assert served == [True]


def test_characters_beyond_the_basic_plane_come_through(served: list[bool]) -> None:
    cmap = to_unicode_map(b"<41> <D835DC00> <42> <D83DDE00>", 2)
    data = pdf_file([b"BT /F1 12 Tf 72 720 Td (AB on 5 May 2010) Tj ET"],
                    font=to_unicode_font(6), extra=[cmap])
    pdfium_text, pypdf_text = both_ways(data)
    assert pdfium_text == pypdf_text == "\U0001d400\U0001f600 on 5 May 2010"
    assert served == [True]


@pytest.mark.parametrize(("text", "expected"), [
    ("R\ne\np\no\nr\nt\nto\nMinisters", True),
    ("1\n2\n3\nOne two three\nfour five six\nseven", True),
    ("Met on 12 October 2011.\nPage 1", False),
    ("a\nb", False),  # too few to tell
    ("One two\nthree four\nfive six\nseven eight\nnine ten\n1\nten\neleven\n2\n3", False),
])
def test_lines_broken_after_every_glyph_are_told_from_text(text: str, expected: bool) -> None:
    assert scattered(text) is expected


def test_the_copy_pdfium_reads_holds_content_and_fonts_only() -> None:
    image = stream(b"\x00" * 3, b"/Type /XObject /Subtype /Image /Width 1 /Height 1 "
                                b"/ColorSpace /DeviceRGB /BitsPerComponent 8")
    data = pdf_file([MET, MET], b"/XObject << /Im1 6 0 R >> /ExtGState << /G1 << /CA 1 >> >> "
                                b"/Properties << /P1 << /ActualText (x) >> >>", extra=[image])
    copy = pypdf.PdfReader(io.BytesIO(text_only_copy(pypdf.PdfReader(io.BytesIO(data)))))
    assert len(copy.pages) == 2
    for page in copy.pages:
        assert set(page["/Resources"]) == {"/Font", "/Properties"}
        assert set(page) == {"/Type", "/Parent", "/MediaBox", "/Contents", "/Resources"}
        assert page.extract_text() == MET_TEXT


def test_a_page_tree_declaring_fewer_pages_is_read_whole_by_both(served: list[bool]) -> None:
    data = pdf_file([MET, MET.replace(b"12 October", b"13 October")])
    lying = data.replace(b"/Count 2", b"/Count 1")
    pdfium_text, pypdf_text = both_ways(lying)
    assert pdfium_text == pypdf_text
    assert "13 October" in pdfium_text
    assert served == [True, True]


# Falling back to pypdf.

def test_a_page_over_the_page_budget_is_left_out_as_pypdf_would(served: list[bool]) -> None:
    data = pdf_file([MET, b"BT /F1 12 Tf 72 720 Td (" + b"Long words here. " * 20 + b") Tj ET"])
    raw = read_pdf(PATH, data, Limits(page_chars=200))
    assert raw.text == MET_TEXT
    assert raw.notes == ("page 2 left out: its text is longer than the 200 character limit "
                         "for a page",)
    assert served == [True, False]  # PDFium counted 340 and copied nothing; pypdf stopped


def test_budgets_beyond_what_a_request_can_say_still_read(served: list[bool]) -> None:
    raw = read_pdf(PATH, pdf_file([MET]), Limits(page_chars=2**40, text_chars=2**41))
    assert raw.text == MET_TEXT
    assert served == [True]


def test_a_page_pdfium_finds_empty_is_read_by_pypdf(served: list[bool]) -> None:
    # Text set at size 0 has no width, and PDFium leaves it out; pypdf keeps it.
    pdfium_text, pypdf_text = both_ways(pdf_file([MET.replace(b"12 Tf", b"0 Tf")]))
    assert pdfium_text == pypdf_text == MET_TEXT
    assert served == [False]


def test_a_helper_that_cannot_start_leaves_every_pdf_to_pypdf(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, served: list[bool]) -> None:
    broken = tmp_path / "worker.py"
    broken.write_text("raise SystemExit(1)\n")  # as if pypdfium2 were missing
    monkeypatch.setattr(pdfium_helper, "_WORKER", broken)
    monkeypatch.setattr(pdfium_helper, "_HELPER", pdfium_helper._Helper())
    for _ in range(2):
        assert read_pdf(PATH, pdf_file([MET, MET])).text == MET_TEXT + "\n" + MET_TEXT
    assert served == [False] * 4
    assert pdfium_helper._HELPER.starts == 1  # tried once, not once a document


def test_a_copy_pypdf_cannot_write_is_left_to_pypdf(monkeypatch: pytest.MonkeyPatch,
                                                   served: list[bool]) -> None:
    calls = []

    def fail(_: pypdf.PdfReader) -> bytes:
        calls.append(1)
        raise RecursionError("too deep")

    monkeypatch.setattr(pdf_pdfium, "text_only_copy", fail)
    assert read_pdf(PATH, pdf_file([MET, MET])).text == MET_TEXT + "\n" + MET_TEXT
    assert served == [False, False]
    assert calls == [1]  # tried once for the document, not once a page


# The helper process.

def test_a_page_that_kills_the_helper_costs_only_pdfium_s_reading_of_it(
        monkeypatch: pytest.MonkeyPatch, served: list[bool]) -> None:
    # Marked content nested fifty thousand deep: a megabyte of content that
    # PDFium copies on every level, asking for gigabytes. The helper is
    # stopped at its memory limit (or its time limit); this process is not.
    helper = pdfium_helper._Helper()
    monkeypatch.setattr(pdfium_helper, "_HELPER", helper)
    hostile = MET + b"\n" + b"/P <</MCID 0>> BDC " * 49_000
    data = pdf_file([MET, hostile, MET])
    pdfium_text, pypdf_text = both_ways(data)
    assert pdfium_text == pypdf_text == "\n".join([MET_TEXT] * 3)
    assert served == [True, False, False]  # the rest of that document went to pypdf
    assert (helper.starts, helper.generation) == (1, 1)  # one helper, stopped
    assert read_pdf(PATH, pdf_file([MET])).text == MET_TEXT
    assert served[-1] is True and helper.starts == 2  # read by a new helper
    helper.stop()


def test_the_helper_holds_no_document_once_read_whatever_the_outcome() -> None:
    good = pdf_file([MET, MET.replace(b"720", b"700")])
    read_pdf(PATH, good)
    with pytest.raises(ReadError):
        read_pdf(PATH, good, Limits(text_chars=40))
    with pytest.raises(ReadError):
        read_pdf(PATH, good[: len(good) // 2] + b"garbage" * 50)
    with opened(pypdf.PdfReader(io.BytesIO(good))) as text:
        assert text.page_text(1, 100) == MET_TEXT
        assert open_documents() == 1
    assert open_documents() == 0


def test_threads_reading_at_once_get_what_one_thread_gets() -> None:
    files = [pdf_file([MET.replace(b"12 October", b"%d October" % day)] * 3)
             for day in range(1, 9)]
    alone = [read_pdf(PATH, data).text for data in files]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda data: read_pdf(PATH, data).text, files * 6))
    assert together == alone * 6
    assert open_documents() == 0


FORK_WHILE_LOCKED = """
import os, sys, threading, time
from pathlib import Path
from timeline.ingest import pdfium_helper
from timeline.ingest.pdf import read_pdf

data = sys.stdin.buffer.read()
first = read_pdf(Path("x"), data).text  # the parent's helper is running
held = threading.Event()

def hold():
    with pdfium_helper._LOCK:
        held.set()
        time.sleep(0.5)

threading.Thread(target=hold).start()
held.wait()
pid = os.fork()  # while another thread holds the lock
if pid == 0:
    text = read_pdf(Path("x"), data).text
    os._exit(0 if text == first and "pypdfium2" not in sys.modules else 3)
_, status = os.waitpid(pid, 0)
print(read_pdf(Path("x"), data).text)
print("pypdfium2" in sys.modules, pdfium_helper._HELPER.starts)
sys.exit(os.waitstatus_to_exitcode(status))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_a_child_forked_while_the_helper_is_busy_reads_with_its_own() -> None:
    # Python 3.12 warns that forking a process with threads may deadlock:
    # this is the case it means, made safe.
    result = subprocess.run([sys.executable, "-W", "ignore::DeprecationWarning", "-c",
                             FORK_WHILE_LOCKED], input=pdf_file([MET]),
                            capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    # PDFium never loaded in the reading process; one helper, stopped quietly at exit.
    assert result.stdout.decode().split("\n") == [MET_TEXT, "False 1", ""]
    assert result.stderr == b""
