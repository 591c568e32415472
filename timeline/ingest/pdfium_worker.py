"""The process in which PDFium reads page text, apart from the application.

    python pdfium_worker.py MEMORY_BYTES

Run by :mod:`timeline.ingest.pdf_pdfium`, never imported by it: PDFium is C++
that decompresses without limit and can be made to ask for gigabytes by a
few kilobytes of PDF, so it runs here, where the operating system holds it
to ``MEMORY_BYTES`` of address space and where the worst it can do is end
this process. Standalone on purpose (nothing from ``timeline`` is imported),
so that starting it costs only Python and pypdfium2.

Requests come on stdin and replies go to stdout, each a frame: a 4-byte
big-endian length, then that many bytes. A request starts with a byte
naming what is asked:

- ``O`` document id (4 bytes), PDF bytes: open it; reply the page count as a
  signed 4-byte number, -1 if PDFium cannot open it.
- ``P`` document id, page index, most characters (4 bytes each): reply a
  status byte (``T`` text follows as UTF-16-LE, ``L`` more characters than
  the most, ``N`` no such document or page) and the text.
- ``C`` document id: close it; no reply.
- ``S``: reply the number of open documents (4 bytes).

When it is ready it writes one frame, ``R``; end of input ends it.
"""

from __future__ import annotations

import contextlib
import ctypes
import struct
import sys
from types import ModuleType
from typing import Any, BinaryIO

_HEADER = struct.Struct("!I")
_ID = struct.Struct("!I")
_PAGE = struct.Struct("!III")
_COUNT = struct.Struct("!i")


def main() -> None:
    _limit_memory(int(sys.argv[1]))
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    source, sink = sys.stdin.buffer, sys.stdout.buffer
    documents: dict[int, Any] = {}
    _write(sink, b"R")
    while (request := _read(source)) is not None:
        kind = request[:1]
        try:
            reply = _answer(pdfium, pdfium_c, documents, kind, request[1:])
        except Exception:  # a request it cannot make sense of gets no text
            reply = None if kind == b"C" else b"N"
        if reply is not None:
            _write(sink, reply)
    for document in documents.values():
        document.close()


def _answer(pdfium: ModuleType, pdfium_c: ModuleType, documents: dict[int, Any], kind: bytes,
            body: bytes) -> bytes | None:
    if kind == b"O":
        return _open(pdfium, documents, body)
    if kind == b"P":
        return _page(pdfium, pdfium_c, documents, *_PAGE.unpack(body))
    if kind == b"C":
        document = documents.pop(_ID.unpack(body)[0], None)
        if document is not None:
            document.close()
        return None
    return _COUNT.pack(len(documents))


def _limit_memory(most: int) -> None:
    try:
        import resource
    except ImportError:  # not on Windows: the process is apart, but not held
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (most, most))


def _open(pdfium: ModuleType, documents: dict[int, Any], body: bytes) -> bytes:
    (document_id,) = _ID.unpack(body[:4])
    try:
        document = pdfium.PdfDocument(body[4:])
    except pdfium.PdfiumError:
        return _COUNT.pack(-1)
    documents[document_id] = document
    return _COUNT.pack(len(document))


def _page(pdfium: ModuleType, pdfium_c: ModuleType, documents: dict[int, Any], document_id: int,
          index: int, most: int) -> bytes:
    document = documents.get(document_id)
    if document is None or not 0 <= index < len(document):
        return b"N"
    try:
        page = document.get_page(index)
    except pdfium.PdfiumError:
        return b"N"
    try:
        textpage = page.get_textpage()
        try:
            count = textpage.count_chars()
            if count > most:
                return b"L"
            return b"T" + _text(pdfium_c, textpage, count)
        finally:
            textpage.close()
    except pdfium.PdfiumError:
        return b"N"
    finally:
        page.close()


def _text(pdfium_c: ModuleType, textpage: Any, count: int) -> bytes:
    """The page's ``count`` characters as PDFium gives them, UTF-16-LE."""
    if count <= 0:
        return b""
    buffer = (ctypes.c_ushort * (count + 1))()  # PDFium writes at most count + NUL
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    return ctypes.string_at(buffer, 2 * max(0, min(written - 1, count)))


def _read(source: BinaryIO) -> bytes | None:
    header = source.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    body = source.read(size)
    return body if len(body) == size else None


def _write(sink: BinaryIO, payload: bytes) -> None:
    sink.write(_HEADER.pack(len(payload)) + payload)
    sink.flush()


if __name__ == "__main__":
    main()
