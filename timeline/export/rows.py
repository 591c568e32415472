"""The record every export format writes: one event with its EDTF date, its
date in words, what the user decided about it (status, edited, note) and
its sources (document, page, offsets and the quoted sentence).

Formats read these records only, so every format holds the same events with
the same evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from timeline.day import Day
from timeline.export.edtf import when_to_edtf
from timeline.gui.wording import when_words  # Qt-free: the window's own wording
from timeline.model import Corpus, Document, Event, Mention, shown_path

HAPPENED = "happened"
PLANNED = "planned"


class EventState(Protocol):
    """What the user decided about an event (kept by the project file)."""

    status: str | None
    """``happened`` or ``planned`` (None or empty: the event's own)."""
    edited: bool
    note: str
    starred: bool
    hidden: bool


@dataclass(frozen=True, slots=True)
class ExportState:
    """An :class:`EventState` of its own, and the one an event without any
    gets: as extracted (its own status), with no note."""

    status: str | None = None
    edited: bool = False
    note: str = ""
    starred: bool = False
    hidden: bool = False


UNTOUCHED = ExportState()


@dataclass(frozen=True, slots=True)
class Source:
    """One mention of the event, placed in its document."""

    document: str
    """The document's id."""
    title: str
    path: str
    """The document's path as it can be printed (:func:`shown_path`)."""
    page: int | None
    span: tuple[int, int]
    text: str
    """The date expression as written."""
    sentence: tuple[int, int]
    quote: str
    """The sentence that holds the date, its white space made single spaces."""


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event as every format exports it."""

    event: Event
    edtf: str
    words: str
    status: str | None
    """``happened`` or ``planned`` (None or empty: happened)."""
    edited: bool
    note: str
    starred: bool
    sources: tuple[Source, ...]

    @property
    def earliest(self) -> Day:
        return self.event.when.start

    @property
    def latest(self) -> Day:
        return self.event.when.end


@dataclass(frozen=True, slots=True)
class ExportSet:
    """What one export writes: a named collection's documents and events."""

    title: str
    documents: tuple[Document, ...]
    records: tuple[EventRecord, ...]


def quote_of(document: Document | None, mention: Mention) -> str:
    """The sentence around ``mention``, on one line (the mention's own text
    when its document is not at hand)."""
    if document is None:
        return " ".join(mention.text.split())
    start, end = mention.sentence
    return " ".join(document.text[start:end].split())


def source_of(mention: Mention, documents: Mapping[str, Document]) -> Source:
    document = documents.get(mention.document)
    return Source(
        document=mention.document,
        title=document.title if document else "",
        path=shown_path(document.path) if document else "",
        page=document.page_at(mention.span[0]) if document else None,
        span=mention.span,
        text=mention.text,
        sentence=mention.sentence,
        quote=quote_of(document, mention),
    )


def record_of(event: Event, state: EventState, documents: Mapping[str, Document]) -> EventRecord:
    """``event`` as exported, with what ``state`` says about it."""
    return EventRecord(
        event=event,
        edtf=when_to_edtf(event.when),
        words=when_words(event.when),
        # None: the user said nothing, and the extractor's reading stands.
        status=str(state.status or event.status or HAPPENED),
        edited=bool(state.edited),
        note=state.note or "",
        starred=bool(state.starred),
        sources=tuple(source_of(m, documents) for m in event.mentions),
    )


def export_set(corpus: Corpus, states: Mapping[str, EventState] | None = None, *,
               events: Iterable[Event] | None = None, include_hidden: bool = False,
               title: str = "Timeline") -> ExportSet:
    """The records to export: ``events`` (the window's filtered view) or all
    of the corpus's, less those the user hid unless ``include_hidden``."""
    states = states or {}
    documents = {doc.id: doc for doc in corpus.documents}
    chosen: Sequence[Event] = corpus.events if events is None else tuple(events)
    records = []
    for event in chosen:
        state = states.get(event.id, UNTOUCHED)
        if state.hidden and not include_hidden:
            continue
        records.append(record_of(event, state, documents))
    return ExportSet(title, corpus.documents, tuple(records))
