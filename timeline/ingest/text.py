"""Plain text and Markdown."""

from __future__ import annotations

from pathlib import Path

from timeline.ingest.base import RawDocument, ReadError


def read_text(path: Path, data: bytes) -> RawDocument:
    """Decode a text file; the first non-blank line becomes the title."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReadError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    return RawDocument(text=text, title=first_line(text))


def first_line(text: str, limit: int = 90) -> str | None:
    """The first non-blank line, shortened at a word boundary."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= limit:
                return line
            return line[:limit].rsplit(" ", 1)[0] + "…"
    return None
