"""The one small interface every reader implements, and helpers they share."""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.ingest.limits import DEFAULT_LIMITS, Limits

MAX_BYTES_DEFAULT = DEFAULT_LIMITS.file_bytes

_SPACES = re.compile(r"\s+")
_NEWLINES = re.compile(r"\r\n?")
_FILE_NAME = re.compile(r"\.(docx?|pdf|rtf|odt|txt|html?|indd|pages)$", re.IGNORECASE)
# Titles that authoring tools write when the author wrote none.
_PLACEHOLDER_TITLES = frozenset({"untitled", "untitled document", "document", "word document",
                                 "title", "none"})


class ReadError(ValueError):
    """A file could not be turned into text; ``reason`` is written for the user."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader produces: the text exactly as it will be shown and indexed,
    plus whatever metadata the format itself carries.

    ``date`` is a date the document states for itself (an HTML page's published
    date); ``created`` is when the file was made (PDF and Word properties),
    which is often an export years after the text was written, so it only
    counts when the text has no dateline of its own.
    ``page_starts`` holds the text offset at which each page begins (PDF only).
    ``notes`` are things the user should know although the file was read, such
    as a PDF that was named ``.txt``.
    """

    text: str
    title: str | None = None
    date: date | None = None
    created: date | None = None
    page_starts: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()


Reader = Callable[[Path, bytes, Limits], RawDocument]
"""``reader(path, data, limits)``: the file's bytes in, a document out.
``path`` is only used in messages; ``limits`` bound what the reader may
unpack, nest, and produce (see :mod:`timeline.ingest.limits`)."""


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line ends as ``\\n``.

    Qt's text views count ``\\r\\n`` as one character, so leaving it in would
    shift every highlight after the first line break.
    """
    return _NEWLINES.sub("\n", text)


def clean_title(value: object) -> str | None:
    """A metadata title worth showing, or None for blanks, placeholders and
    titles that are merely the name of the file the document was made from."""
    if not isinstance(value, str):
        return None
    title = _SPACES.sub(" ", value).strip()
    title = title.removeprefix("Microsoft Word - ").strip()
    if not title or title.lower() in _PLACEHOLDER_TITLES or _FILE_NAME.search(title):
        return None
    return title


def first_line(text: str, limit: int = 90) -> str | None:
    """The first non-blank line, shortened at a word boundary."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= limit:
                return line
            return line[:limit].rsplit(" ", 1)[0] + "…"
    return None


def require_text(path: Path, text: str, what: str) -> str:
    """``text`` unchanged, or a ReadError when it holds nothing visible."""
    if not text.strip():
        raise ReadError(path, f"{what} holds no text")
    return text


def describe_error(error: BaseException) -> str:
    """An exception from a third-party parser in one short line."""
    text = " ".join(str(error).split())
    kind = type(error).__name__
    return f"{kind}: {text[:120]}" if text else kind


def megabytes(size: int) -> str:
    """A size in words: "2.5 MB", "512 bytes"."""
    if size < 1024:
        return f"{size} bytes"
    value, unit = (size / 1024, "KB") if size < 1024 * 1024 else (size / 2**20, "MB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def os_reason(error: OSError) -> str:
    """An operating-system error in words for the user."""
    reasons = {
        errno.ENOENT: "no such file (it may have been moved or deleted)",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ELOOP: "symbolic link loop",
        errno.EISDIR: "a folder, not a file",
        errno.ENOTDIR: "no such file (a folder in its path is a file)",
    }
    return reasons.get(error.errno or 0) or error.strerror or str(error)
