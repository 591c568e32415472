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
    markup_bytes: int = 32 * MB
    """XML of a ZIP-based file that is parsed into a tree (a tree takes many
    times its source's size in memory)."""
    members: int = 5_000
    """Members of a ZIP-based file."""
    depth: int = 256
    """Nesting of elements in HTML and XML."""
    pages: int = 5_000
    """Pages of a PDF."""
    page_chars: int = 1_000_000
    """Text of one PDF page."""
    text_chars: int = 32_000_000
    """Text of one document, after reading."""

    def with_file_bytes(self, size: int) -> Limits:
        """The same limits with another file size limit (``--max-size``)."""
        return dataclasses.replace(self, file_bytes=size)


DEFAULT_LIMITS = Limits()
