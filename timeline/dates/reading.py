"""What a grammar handler sees (:class:`Context`) and returns (:class:`Reading`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from timeline.model import When

if TYPE_CHECKING:
    from timeline.dates.story import StoryTime

NO_REFERENCE = "a relative date, and the document has no date to resolve it against"


@dataclass(frozen=True, slots=True)
class Reading:
    """A handler's interpretation: a placed ``when``, or None with a ``reason``.
    ``start`` moves the span's start (to leave out ``between`` or ``from``)."""

    when: When | None
    reason: str | None = None
    start: int | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """One rule's match in its text, with the day relative dates count from
    (the document's) and the time the story has reached (:mod:`story`)."""

    text: str
    ref: date | None
    match: re.Match[str]
    story: StoryTime | None = None

    def group(self, name: str) -> str:
        """The text of group ``name``, or "" when it took no part in the match
        (no group of the grammar can match an empty string)."""
        return self.match.group(name) or ""

    @property
    def text_lower(self) -> str:
        return self.match.group().lower()


def needs_reference() -> Reading:
    """The reading of a relative expression when there is nothing to anchor it."""
    return Reading(None, NO_REFERENCE)
