"""Plain text and Markdown: shown as written, so the source stays recognisable."""

from __future__ import annotations

from pathlib import Path

from timeline.ingest.base import RawDocument, first_line, require_text
from timeline.ingest.decode import decode_text
from timeline.ingest.limits import DEFAULT_LIMITS, Limits

__all__ = ["first_line", "read_text"]


def read_text(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Decode a text file; the first non-blank line becomes the title.

    Raises :class:`ReadError` for binary data, undecodable bytes or a file
    holding only whitespace. ``limits`` is unused: text is never unpacked, and its size is
    bounded by the file's.
    """
    text = require_text(path, decode_text(path, data), "the file")
    return RawDocument(text=text, title=first_line(text))
