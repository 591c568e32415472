"""Mentions to events (provisional: one event per mention)."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.model import Document, Event, Kind, Mention


def build_events(documents: Sequence[Document], mentions: Sequence[Mention]) -> list[Event]:
    """Events sorted by start, each with its mentions."""
    texts = {d.id: d.text for d in documents}
    events = []
    for i, m in enumerate(mentions):
        title = texts[m.document][m.sentence[0]:m.sentence[1]][:60]
        events.append(Event(f"e{i}", title, Kind.OTHER, (), m.when, (m,)))
    return sorted(events, key=lambda e: (e.when.start, e.when.end))
