"""Page text through PDFium (pypdfium2), many times faster than pypdf.

PDFium runs in a helper process (:mod:`timeline.ingest.pdfium_helper`), held
to a memory and a time limit; if it dies, the page it was reading and the
rest of that document are left to pypdf. :mod:`timeline.ingest.pdf_cost`
keeps it from being given pages that would come to that.

PDFium never sees the file as it came: pypdf, which has opened, decrypted and
counted it, writes a copy holding each page's content, fonts and
marked-content properties and nothing else (:func:`text_only_copy`). So
PDFium reads the objects pypdf read, not its own repair of a damaged file,
and nothing it would have to decode to draw a page (forms, images,
patterns) but fonts.
"""

from __future__ import annotations

import io
import itertools
import struct
from collections.abc import Iterator
from contextlib import contextmanager

import pypdf
from pypdf.generic import DictionaryObject, NameObject

from timeline.ingest import pdfium_helper

_COUNT = struct.Struct("!i")
_MOST_CHARACTERS = 0xFFFFFFFF  # as many as a request can say
_PAGE_KEYS = ("/MediaBox", "/CropBox", "/Rotate", "/Contents")
_RESOURCE_KEYS = ("/Font", "/Properties")
# PDFium marks a hyphen that ends a line with this noncharacter and joins the
# two lines; pypdf keeps the hyphen and the break, and reflow decides.
_LINE_END_HYPHEN = "\ufffe"
_FEW_SINGLE = 3
_DOCUMENT_IDS = itertools.count(1)


class PdfiumText:
    """Page text for the pages of a pypdf reader, from PDFium reading a
    text-only copy, sent to the helper when first asked; use :func:`opened`."""

    def __init__(self, reader: pypdf.PdfReader) -> None:
        self._reader = reader
        self._id = next(_DOCUMENT_IDS)
        self._generation: int | None = None
        self._tried = False

    def page_text(self, index: int, most: int) -> str | None:
        """The text of page ``index`` (from 0); None when PDFium cannot read
        the copy or the page, finds more than ``most`` characters on it
        (counted before any is copied out), or scatters its lines (see
        :func:`scattered`)."""
        if not self._open():
            return None
        request = b"P" + struct.pack("!III", self._id, index, min(most, _MOST_CHARACTERS))
        reply, _ = pdfium_helper.ask(request, self._generation)
        if reply is None:
            self._generation = None  # the helper died reading this document
            return None
        if reply[:1] != b"T":
            return None
        text = reply[1:].decode("utf-16-le", "surrogatepass")
        text = text.replace("\r\n", "\n").replace(_LINE_END_HYPHEN, "-\n")
        return None if scattered(text) else text

    def close(self) -> None:
        if self._generation is not None:
            pdfium_helper.tell(b"C" + struct.pack("!I", self._id), self._generation)
            self._generation = None

    def _open(self) -> bool:
        if not self._tried:
            self._tried = True
            self._generation = _send_document(self._id, self._reader)
        return self._generation is not None


def _send_document(document_id: int, reader: pypdf.PdfReader) -> int | None:
    """The generation of the helper that opened the copy of ``reader``, None
    when it could not be made, sent or opened, or counts other pages."""
    try:
        copy = text_only_copy(reader)
    except Exception:  # whatever pypdf cannot copy, it still reads itself
        return None
    reply, generation = pdfium_helper.ask(b"O" + struct.pack("!I", document_id) + copy)
    if reply is None or len(reply) != _COUNT.size:
        return None
    if _COUNT.unpack(reply)[0] != len(reader.pages):
        pdfium_helper.tell(b"C" + struct.pack("!I", document_id), generation)
        return None
    return generation


@contextmanager
def opened(reader: pypdf.PdfReader) -> Iterator[PdfiumText]:
    """Page text from PDFium for ``reader``'s pages, closed on leaving."""
    text = PdfiumText(reader)
    try:
        yield text
    finally:
        text.close()


def text_only_copy(reader: pypdf.PdfReader) -> bytes:
    """A PDF of ``reader``'s pages, in order, each with its boxes, rotation,
    content, fonts and marked-content properties only."""
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        copy = pypdf.PageObject(pdf=reader)
        copy[NameObject("/Type")] = NameObject("/Page")
        copy.update({NameObject(key): page.raw_get(key) for key in _PAGE_KEYS if key in page})
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        kept = DictionaryObject()
        if isinstance(resources, DictionaryObject):
            kept.update({NameObject(key): resources.raw_get(key)
                         for key in _RESOURCE_KEYS if key in resources})
        copy[NameObject("/Resources")] = kept
        writer.add_page(copy)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scattered(text: str) -> bool:
    """Whether PDFium broke a page's lines after nearly every character.

    It judges whether a page's lines run across or down from how the page's
    text objects fill it, and a page drawn one glyph per object with only a
    few lines can look like columns to it: it then ends a line at every
    glyph. A third of the lines being one character long gives that away
    (a page of text rarely has any; a page of lone digits is only read
    more slowly by pypdf).
    """
    lines = [line for line in text.splitlines() if line.strip()]
    single = sum(len(line.strip()) == 1 for line in lines)
    return single >= _FEW_SINGLE and single * 3 >= len(lines)
