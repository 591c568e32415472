"""What the search box and the filter menus let through. Qt-free."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline.model import Corpus, Event, Granularity, Kind


@dataclass(frozen=True)
class FilterState:
    """The user's current filters; an empty set means "no restriction"."""

    text: str = ""
    kinds: frozenset[Kind] = field(default_factory=frozenset)
    documents: frozenset[str] = field(default_factory=frozenset)
    precisions: frozenset[Granularity] = field(default_factory=frozenset)

    @property
    def active(self) -> bool:
        """True when anything is being filtered out."""
        return bool(self.text.strip() or self.kinds or self.documents or self.precisions)


class EventFilter:
    """Applies a :class:`FilterState` to a corpus's events.

    The searchable text of each event (title plus every source sentence) is
    lower-cased once per corpus, not on each keystroke.
    """

    def __init__(self, corpus: Corpus) -> None:
        self.events = corpus.events
        texts = {d.id: d.text for d in corpus.documents}
        self._haystacks = [haystack(e, texts) for e in corpus.events]
        self._documents = [frozenset(m.document for m in e.mentions) for e in corpus.events]

    def accepts(self, i: int, state: FilterState, words: Sequence[str]) -> bool:
        """True when event ``i`` passes every filter in ``state``."""
        event = self.events[i]
        if state.kinds and event.kind not in state.kinds:
            return False
        if state.precisions and event.when.granularity not in state.precisions:
            return False
        if state.documents and not (self._documents[i] & state.documents):
            return False
        return all(w in self._haystacks[i] for w in words)

    def apply(self, state: FilterState) -> list[Event]:
        """The events that pass, in corpus order."""
        words = state.text.lower().split()
        return [e for i, e in enumerate(self.events) if self.accepts(i, state, words)]


def haystack(event: Event, texts: dict[str, str]) -> str:
    """An event's title and source sentences, lower-cased, whitespace folded."""
    parts = [event.title]
    for m in event.mentions:
        text = texts.get(m.document, "")
        parts.append(text[m.sentence[0]:m.sentence[1]])
        parts.append(m.text)
    return " ".join(" ".join(parts).split()).lower()
