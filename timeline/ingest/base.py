"""The one small interface every reader implements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

MAX_BYTES_DEFAULT = 100 * 1024 * 1024


class ReadError(ValueError):
    """A file could not be turned into text; ``reason`` is written for the user."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader produces: the text exactly as it will be shown and indexed,
    plus whatever metadata the format itself carries."""

    text: str
    title: str | None = None
    date: date | None = None
    page_starts: tuple[int, ...] = ()
