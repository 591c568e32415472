"""Choose the reader for a file by what it holds as well as by its name."""

from __future__ import annotations

import dataclasses
import importlib
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from timeline.ingest.base import (
    RawDocument,
    Reader,
    ReadError,
    megabytes,
    os_reason,
    require_text,
)
from timeline.ingest.limits import DEFAULT_LIMITS, Limits
from timeline.ingest.sniff import Format, describe_binary, describe_zip, format_for_suffix, sniff

# Module holding each format's reader, imported on first use: pypdf, python-docx
# and the HTML parser cost a noticeable part of the window's start-up otherwise.
READER_MODULES: Mapping[Format, tuple[str, str]] = MappingProxyType({
    Format.TEXT: ("timeline.ingest.text", "read_text"),
    Format.HTML: ("timeline.ingest.markup", "read_html"),
    Format.PDF: ("timeline.ingest.pdf", "read_pdf"),
    Format.DOCX: ("timeline.ingest.word", "read_docx"),
})
_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible characters that break up words and numbers ("5\u200b May", "Sep\u00adtember",
# both common in text copied from the web), dropped where they touch Latin
# text; elsewhere (joiners in Arabic or Indic scripts) they carry meaning.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}]+")
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))


def read_document(path: str | Path, max_bytes: int | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read one file into a :class:`RawDocument`; raises :class:`ReadError`.

    The reader follows the content when it contradicts the name (a PDF saved
    as ``.txt`` is read as a PDF) and says so in the document's ``notes``.
    Files larger than ``max_bytes`` (default ``limits.file_bytes``) are
    refused before they are read; the text that comes out is valid Unicode
    (see :func:`valid_text`) and within ``limits.text_chars``.
    """
    path = Path(path)
    if max_bytes is not None:
        limits = limits.with_file_bytes(max_bytes)
    data = load_bytes(path, limits.file_bytes)
    if not data.strip():
        raise ReadError(path, "the file is empty")
    declared = format_for_suffix(path.suffix)
    found = sniff(data)
    fmt, note = settle_format(path, declared, found, data)
    document = reader_for(fmt)(path, data, limits)
    check_text_budget(path, document.text, limits)
    document = made_valid(document, ((note,) if note else ()) + document.notes)
    # Only invisible characters (a byte-order mark repeated) are no text either.
    require_text(path, document.text, "the file")
    return document


def made_valid(document: RawDocument, notes: tuple[str, ...]) -> RawDocument:
    """``document`` with ``notes``, its text and title made valid Unicode; a
    note says how many characters had to be replaced."""
    text, replaced = valid_text(document.text)
    if any(c in text for c in _INVISIBLE):
        text = without_invisible(text)
    if replaced:
        notes += (f"{replaced} character{'s' if replaced > 1 else ''} that could not be "
                  "read as text replaced with U+FFFD",)
    title = valid_text(document.title)[0] if document.title else document.title
    if notes == document.notes and text is document.text and title is document.title:
        return document
    return dataclasses.replace(document, text=text, title=title,
                               notes=tuple(valid_text(note)[0] for note in notes))


def without_invisible(text: str) -> str:
    """``text`` without the invisible characters that touch Latin text."""

    def keep_unless_latin(run: re.Match[str]) -> str:
        before = text[run.start() - 1] if run.start() else "a"
        after = text[run.end()] if run.end() < len(text) else "a"
        return "" if before.isascii() or after.isascii() else run.group()

    return _INVISIBLE_RUN.sub(keep_unless_latin, text)


def check_text_budget(path: Path, text: str, limits: Limits) -> None:
    """A ReadError when a document's text passes ``limits.text_chars``."""
    if len(text) > limits.text_chars:
        raise ReadError(path, f"the text is longer than the {limits.text_chars:,} character "
                              "limit: skipped")


def valid_text(text: str) -> tuple[str, int]:
    """``text`` with surrogate code points (which no encoder accepts, so JSON
    and CSV writing would fail on them) replaced by U+FFFD, and how many."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0  # the common case: one pass in C, no copy


def reader_for(fmt: Format) -> Reader:
    """The reader function for ``fmt``, its module imported on first use."""
    module, name = READER_MODULES[fmt]
    reader: Reader = getattr(importlib.import_module(module), name)
    return reader


def settle_format(path: Path, declared: Format, found: Format,
                  data: bytes) -> tuple[Format, str | None]:
    """The format to read the file as, and a note when it is not the one its
    name promises; a ReadError when no reader can take it."""
    if found is Format.BINARY:
        raise ReadError(path, describe_binary(data, declared))
    if found is Format.ZIP and declared is not Format.DOCX:
        raise ReadError(path, describe_zip(data, declared))
    if found is Format.ZIP:
        return declared, None  # the Word reader says what is wrong with it
    if found is declared or (declared is Format.HTML and found is Format.TEXT):
        # HTML fragments without <html> or a doctype are still HTML.
        return declared, None
    if not path.suffix:
        return found, None  # no name to contradict
    return found, f"looks like {found.label} but is named {path.suffix}: read as {found.value}"


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file, refusing folders, pipes, devices and files over the
    limit without blocking on any of them."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise ReadError(path, os_reason(error)) from None
    try:
        info = os.fstat(fd)
        _check_kind(path, info.st_mode)
        _check_size(path, info.st_size, max_bytes)
        return _read_all(path, fd, max_bytes)
    except OSError as error:
        raise ReadError(path, os_reason(error)) from None
    finally:
        os.close(fd)


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ReadError(path, "a folder, not a file")
    if not stat.S_ISREG(mode):
        raise ReadError(path, "not a regular file (a pipe, socket or device): skipped")


def _check_size(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReadError(path, f"{megabytes(size)} is larger than the {megabytes(max_bytes)} "
                              "limit: skipped")


def _read_all(path: Path, fd: int, max_bytes: int) -> bytes:
    """Read up to the limit, checking again as the file may grow meanwhile."""
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, min(_CHUNK, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            _check_size(path, total, max_bytes)
    return b"".join(chunks)
