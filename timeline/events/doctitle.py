"""Better document titles than a text file's first line.

A statement that opens with a sentence ("On 12 October 2011, the Co-Chairs of
the Bali Process ... hosted the fifth Meeting of ...") is better named after the
event it records: the one dated on the document's own date near its top. An
all-capitals heading is set in title case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date

from timeline.events.wording import heading_case
from timeline.model import Document, Event, When

HEAD_CHARS = 800
LONGEST_GOOD_TITLE = 60


def refine_titles(documents: Sequence[Document], events: Sequence[Event]) -> list[Document]:
    """Documents with sentence-like or shouted titles renamed; others unchanged."""
    own = _own_event_titles(documents, events)
    return [_renamed(doc, own.get(doc.id)) for doc in documents]


def _own_event_titles(documents: Sequence[Document], events: Sequence[Event]) -> dict[str, str]:
    """For each document, the title of the first event near its top that falls on
    the document's own date."""
    dates = {doc.id: doc.date for doc in documents}
    found: dict[str, tuple[int, str]] = {}
    for event in events:
        for mention in event.mentions:
            own = dates.get(mention.document)
            if own is None or mention.span[0] >= HEAD_CHARS:
                continue
            if mention.when.start <= own <= mention.when.end:
                best = found.get(mention.document)
                if best is None or mention.span[0] < best[0]:
                    found[mention.document] = (mention.span[0], event.title)
    return {doc_id: title for doc_id, (_pos, title) in found.items()}


def _renamed(doc: Document, own_event_title: str | None) -> Document:
    title = shown_title(doc.title, own_event_title)
    return doc if title == doc.title else dataclasses.replace(doc, title=title)


def shown_title(title: str, own_event_title: str | None) -> str:
    """The title to show for a document the reader called ``title``, whose
    own event (see :func:`own_event_title`) is ``own_event_title``."""
    if looks_like_sentence(title) and own_event_title:
        return own_event_title
    if title.isupper():
        return heading_case(title)
    return title


def own_event_title(own_date: date | None,
                    head_mentions: Iterable[tuple[int, When, str]]) -> str | None:
    """Of a document's mentions given as (start, date, event title), the
    title of the first one near its top whose date holds ``own_date``."""
    if own_date is None:
        return None
    found = [(start, title) for start, when, title in head_mentions
             if start < HEAD_CHARS and when.start <= own_date <= when.end]
    return min(found)[1] if found else None


def looks_like_sentence(title: str) -> bool:
    """True for a first line that is prose rather than a heading."""
    return len(title) > LONGEST_GOOD_TITLE or title.endswith(("…", ".", ","))
