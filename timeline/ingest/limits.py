"""Budgets every reader keeps, so that no file can take unbounded time or memory.

A file over a budget is refused with a :class:`~timeline.ingest.base.ReadError`
naming the limit it passed; readers check as they go (a ZIP member is counted
as it inflates, a PDF's pages are counted before any is read), never after
reading everything into memory.

The defaults keep the peak memory of reading and extracting any single file
under 1 GB (``benchmarks/bench_hostile.py`` prints it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file may cost. Sizes are in bytes, text in characters."""

    file_bytes: int = 100 * MB
    """Size of the file on disk."""
    unpacked_bytes: int = 100 * MB
    """All members of a ZIP-based file (.docx) together, counted as they inflate."""
    markup_bytes: int = 12 * MB
    """XML of a ZIP-based file that is parsed into a tree: every member whose
    content is XML, whatever its name. A tree takes many times its source's
    size in memory, up to about 50 times for XML written to cost the most
    (an empty element and one character of text, over and over); 12 MB of
    that, in a file at the size limit, peaks a little under 800 MB."""
    members: int = 5_000
    """Members of a ZIP-based file."""
    depth: int = 256
    """Nesting of elements in HTML and XML."""
    pages: int = 5_000
    """Pages of a PDF."""
    page_chars: int = 100_000
    """Text of one PDF page; a page with more is left out with a note. A dense
    page holds a few thousand characters; pypdf's time on a page grows
    faster than its text, about 2 s for 100,000 characters in short lines."""
    text_chars: int = 32_000_000
    """Text of one document, after reading."""

    def with_file_bytes(self, size: int) -> Limits:
        """The same limits with another file size limit (``--max-size``)."""
        return dataclasses.replace(self, file_bytes=size)


DEFAULT_LIMITS = Limits()
