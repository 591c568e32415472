"""What kind of event a title or clause names."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.events.vocab import EVENT_NOUNS, KIND_VERBS, NAMED_ONLY, singular
from timeline.model import Kind

_OTHER = Kind.OTHER  # a module constant: an enum member look-up is slow in a hot path


def kind_of_head(noun: str) -> Kind:
    """The kind an event noun names (``workshop`` → workshop); other if unknown."""
    return EVENT_NOUNS.get(singular(noun.lower()), _OTHER)


def kind_of_words(words: Iterable[str]) -> Kind:
    """The kind a clause's words suggest: its first event verb ("signed",
    "launched", "convened") or plain event noun, else other."""
    for word in words:
        low = word.lower()
        if low in KIND_VERBS:
            return KIND_VERBS[low]
        if low in EVENT_NOUNS and low not in NAMED_ONLY:
            return EVENT_NOUNS[low]
    return _OTHER
