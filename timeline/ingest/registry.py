"""Choose the reader for a file."""

from __future__ import annotations

from pathlib import Path

from timeline.ingest.base import MAX_BYTES_DEFAULT, RawDocument, ReadError
from timeline.ingest.text import read_text


def read_document(path: str | Path, max_bytes: int = MAX_BYTES_DEFAULT) -> RawDocument:
    """Read one file into a :class:`RawDocument`; raises :class:`ReadError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(path, f"larger than the {max_bytes // (1024 * 1024)} MB limit")
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(path, error.strerror or str(error)) from None
    if not data.strip():
        raise ReadError(path, "the file is empty")
    return read_text(path, data)
