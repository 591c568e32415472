"""The data model: plain frozen dataclasses and their JSON shape.

Nothing here imports Qt or numpy; every other layer (extractor, index, GUI, CLI)
speaks in these types. Spans are Python string offsets into ``Document.text``
exactly as read, so ``document.text[start:end] == mention.text`` always holds.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from timeline.day import Day, day_from_iso, day_from_ordinal, make_day
from timeline.day import month_end as month_end

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_path(path: str) -> str:
    """A file path as it can be printed, stored as JSON and shown safely.

    Paths are carried as the operating system gives them, where a byte that
    is not UTF-8 stands as a lone surrogate (``os.fsdecode``); here such bytes
    are written ``\\xff`` and control characters (a newline in a file
    name) as escapes, so no name can break or forge a line of output.
    """
    try:
        raw = os.fsencode(path)
    except UnicodeError:
        raw = path.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class Granularity(StrEnum):
    """How precisely a date expression pins down time, finest first."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    MILLENNIUM = "millennium"

    @property
    def rank(self) -> int:
        """Position in the finest-to-coarsest order (day is 0)."""
        return _GRANULARITY_RANK[self]


_GRANULARITY_RANK = {g: i for i, g in enumerate(Granularity)}


class Status(StrEnum):
    """Whether an event took place or is planned, as of its documents' dates."""

    HAPPENED = "happened"
    PLANNED = "planned"


class Kind(StrEnum):
    """What sort of thing an event is."""

    MEETING = "meeting"
    CONFERENCE = "conference"
    WORKSHOP = "workshop"
    AGREEMENT = "agreement"
    LAUNCH = "launch"
    PUBLICATION = "publication"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class When:
    """An inclusive span of calendar days and how it was stated.

    ``start == end`` with day granularity is a single dated day; a range such as
    ``29-30 March 2011`` has day granularity and two different days; ``June 2012``
    has month granularity and spans the whole month.
    """

    start: Day
    end: Day
    granularity: Granularity
    approximate: bool = False
    relative: bool = False

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"When ends before it starts: {self.start} > {self.end}")

    @property
    def is_range(self) -> bool:
        """True when the span is wider than its granularity's single unit."""
        return self != When.unit(self.start, self.granularity, self.approximate, self.relative)

    @property
    def days(self) -> int:
        """Number of calendar days covered, inclusive."""
        return (self.end - self.start).days + 1

    @property
    def midpoint(self) -> Day:
        """The day in the middle of the span (rounded down)."""
        return day_from_ordinal((self.start.toordinal() + self.end.toordinal()) // 2)

    def contains(self, other: When) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: When) -> bool:
        """True when the two spans share at least one day."""
        return self.start <= other.end and other.start <= self.end

    @staticmethod
    def unit(day: Day, granularity: Granularity, approximate: bool = False,
             relative: bool = False) -> When:
        """The single day/month/year/.../millennium that contains ``day``."""
        start, end = unit_bounds(day, granularity)
        return When(start, end, granularity, approximate, relative)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "granularity": self.granularity.value,
            "approximate": self.approximate,
            "relative": self.relative,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> When:
        return cls(
            start=day_from_iso(data["start"]),
            end=day_from_iso(data["end"]),
            granularity=Granularity(data["granularity"]),
            approximate=bool(data.get("approximate", False)),
            relative=bool(data.get("relative", False)),
        )


def unit_bounds(day: Day, granularity: Granularity) -> tuple[Day, Day]:
    """First and last day of the calendar unit of ``granularity`` holding ``day``.

    Seasons, quarters and halves have no single natural unit around a day, so
    they fall back to the quarter, quarter and half-year that hold it.
    """
    y, m = day.year, day.month
    if granularity is Granularity.DAY:
        return day, day
    if granularity is Granularity.MONTH:
        return make_day(y, m, 1), month_end(y, m)
    if granularity in (Granularity.SEASON, Granularity.QUARTER):
        first = 3 * ((m - 1) // 3) + 1
        return make_day(y, first, 1), month_end(y, first + 2)
    if granularity is Granularity.HALF:
        first = 1 if m <= 6 else 7
        return make_day(y, first, 1), month_end(y, first + 5)
    if granularity is Granularity.YEAR:
        return make_day(y, 1, 1), make_day(y, 12, 31)
    if granularity is Granularity.DECADE:
        first = y - y % 10
        return make_day(first, 1, 1), make_day(first + 9, 12, 31)
    # Centuries run 1901-2000 and millennia 1001-2000; before the era the same
    # rule gives 500-401 BC (years -499 to -400) for the 5th century BC.
    size = 1000 if granularity is Granularity.MILLENNIUM else 100
    first = y - (y - 1) % size
    return make_day(first, 1, 1), make_day(first + size - 1, 12, 31)


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Document:
    """One source document as a reader produced it.

    ``page_starts`` holds the text offset at which each page begins (empty for
    formats without pages), so a passage can be placed on its page.
    """

    id: str
    path: str
    title: str
    date: Day | None
    text: str = field(repr=False)
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """1-based page number holding ``offset``, or None for unpaged text."""
        if not self.page_starts:
            return None
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": shown_path(self.path),
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "chars": len(self.text),
        }


@dataclass(frozen=True, slots=True)
class CountedFrom:
    """The earlier date of its text that a relative date was counted from
    (the time a narrative had reached: "the next day" after "9 April 1940"),
    and where that date is stated."""

    when: When
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"when": self.when.to_json(), "span": list(self.span)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CountedFrom:
        return cls(When.from_json(data["when"]), (int(data["span"][0]), int(data["span"][1])))


def counted_from_cell(counted_from: CountedFrom | None) -> str | None:
    """``counted_from`` as a JSON text for a table cell (None when absent)."""
    return None if counted_from is None else json.dumps(counted_from.to_json())


def counted_from_of(cell: str | None) -> CountedFrom | None:
    """The inverse of :func:`counted_from_cell`."""
    return None if not cell else CountedFrom.from_json(json.loads(cell))


def _counted_from_json(counted_from: CountedFrom | None) -> dict[str, Any]:
    """The mention's optional ``counted_from`` key: absent when the date was
    stated in full or counted from the document's date, as in older files."""
    return {} if counted_from is None else {"counted_from": counted_from.to_json()}


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression in one document, tied to the sentence it stands in.

    ``planned``: the sentence states the dated thing as still to come, as of
    its document's date (see :mod:`timeline.events.tense`).
    """

    document: str
    span: Span
    text: str
    when: When
    sentence: Span
    planned: bool = False
    counted_from: CountedFrom | None = field(default=None, compare=False)
    """The earlier date a relative date was counted from, when not the document's."""

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "span": list(self.span),
            "text": self.text,
            "when": self.when.to_json(),
            "sentence": list(self.sentence),
            "planned": self.planned,
        } | _counted_from_json(self.counted_from)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        return cls(
            document=data["document"],
            span=(int(data["span"][0]), int(data["span"][1])),
            text=data["text"],
            when=When.from_json(data["when"]),
            sentence=(int(data["sentence"][0]), int(data["sentence"][1])),
            counted_from=(CountedFrom.from_json(data["counted_from"])
                          if data.get("counted_from") else None),
            planned=bool(data.get("planned", False)),  # absent in older files
        )


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or will), placed in time, with its evidence.

    ``status`` is planned when every mention states it as still to come;
    one report of it as done makes it happened.
    """

    id: str
    title: str
    kind: Kind
    actors: tuple[str, ...]
    when: When
    mentions: tuple[Mention, ...]
    status: Status = Status.HAPPENED

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind.value,
            "actors": list(self.actors),
            "when": self.when.to_json(),
            "mentions": [m.to_json() for m in self.mentions],
            "status": self.status.value,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=data["id"],
            title=data["title"],
            kind=Kind(data["kind"]),
            actors=tuple(data["actors"]),
            when=When.from_json(data["when"]),
            mentions=tuple(Mention.from_json(m) for m in data["mentions"]),
            # Files written before the status was extracted have none.
            status=Status(data.get("status") or Status.HAPPENED),
        )


def status_of(mentions: tuple[Mention, ...]) -> Status:
    """An event's status from its mentions: planned until one of them
    reports it done (a later document's account of it)."""
    if mentions and all(m.planned for m in mentions):
        return Status.PLANNED
    return Status.HAPPENED


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A temporal expression found in a document that could not be put on the
    timeline (``the next decade``, ``recently``), kept so that nothing is
    silently dropped."""

    document: str
    span: Span
    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "span": list(self.span),
                "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be read, and why, in words for the user."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{shown_path(self.path)}: {shown_path(self.reason)}"

    def to_json(self) -> dict[str, Any]:
        return {"path": shown_path(self.path), "reason": shown_path(self.reason)}


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything extracted from one set of inputs."""

    documents: tuple[Document, ...] = ()
    events: tuple[Event, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    problems: tuple[Problem, ...] = ()

    def document(self, doc_id: str) -> Document:
        """The document with id ``doc_id``; KeyError when absent."""
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape the CLI prints and other tools rely on."""
        return {
            "documents": [d.to_json() for d in self.documents],
            "events": [e.to_json() for e in self.events],
        }
