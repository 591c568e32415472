"""Find date expressions in text and normalise them to :class:`When`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from timeline.model import Granularity, When


@dataclass(frozen=True, slots=True)
class TimeMatch:
    """A temporal expression at ``text[start:end]``; ``when`` is None when it
    could not be placed, with ``reason`` saying why."""

    start: int
    end: int
    text: str
    when: When | None
    reason: str | None = None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_PROVISIONAL = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}) (\d{{4}})\b")


def find_times(text: str, reference: date | None = None) -> list[TimeMatch]:
    """Every temporal expression in ``text``, in order, never overlapping.

    ``reference`` anchors relative expressions; without one they are returned
    unplaced.
    """
    months = _MONTHS.split("|")
    out = []
    for m in _PROVISIONAL.finditer(text):
        d = date(int(m[3]), months.index(m[2]) + 1, int(m[1]))
        out.append(TimeMatch(m.start(), m.end(), m[0], When(d, d, Granularity.DAY)))
    return out
