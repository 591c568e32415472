"""What the search box and the filter menus let through. Qt-free.

Kinds, precisions and documents are boolean masks over the per-event code
arrays of :class:`~timeline.gui.columns.CorpusColumns`. Text goes through a
search function, so a full-text index can answer it; without one, or when it
declines a query, a lower-cased substring match over each event's title and
source sentences answers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from timeline.gui.columns import CorpusColumns
from timeline.index import KIND_CODES
from timeline.model import Corpus, Event, Granularity, Kind, Status

Search = Callable[[str], Collection[str] | None]
"""Query text -> ids of the matching events, or None to use the built-in match.
Called from a worker thread."""

WORDS_REMEMBERED = 8  # searched words whose matches are kept to narrow the next query


@dataclass(frozen=True)
class FilterState:
    """The user's current filters; an empty set means "no restriction"."""

    text: str = ""
    kinds: frozenset[Kind] = field(default_factory=frozenset)
    documents: frozenset[str] = field(default_factory=frozenset)
    precisions: frozenset[Granularity] = field(default_factory=frozenset)
    show_hidden: bool = False
    """Show the events the user hid (as not being events); left out otherwise."""
    statuses: frozenset[Status] = field(default_factory=frozenset)
    """Planned, happened, or (empty, or both) either."""

    @property
    def active(self) -> bool:
        """True when anything is being filtered out."""
        return bool(self.text.strip() or self.kinds or self.documents or self.precisions
                    or len(self.statuses) == 1)


class EventFilter:
    """Applies a :class:`FilterState` to a corpus's events.

    The columns are computed once per corpus (pass ``columns`` to share them);
    the substring matcher is built on the first text query.
    """

    def __init__(self, corpus: Corpus, search: Search | None = None,
                 columns: CorpusColumns | None = None) -> None:
        self.corpus = corpus
        self.events = corpus.events
        self.columns = columns if columns is not None else CorpusColumns.from_corpus(corpus)
        self._search = search
        self._substrings: SubstringMatcher | None = None
        self._lock = threading.Lock()  # the matcher is built and its memory updated by one caller

    def mask(self, state: FilterState) -> np.ndarray:
        """One bool per event: True when it passes every filter in ``state``."""
        cols = self.columns
        keep = np.ones(len(cols), dtype=bool)
        if state.kinds:
            keep &= code_mask(cols.kind, (KIND_CODES.index(k) for k in state.kinds))
        if state.precisions:
            keep &= code_mask(cols.granularity, (g.rank for g in state.precisions))
        if len(state.statuses) == 1:  # both, like neither, lets every event through
            keep &= cols.planned == (Status.PLANNED in state.statuses)
        if state.documents:
            cited = np.array([not state.documents.isdisjoint(s) for s in cols.source_sets],
                             dtype=bool)
            keep &= cited[cols.sources]
        if state.text.strip():
            keep &= self._text_mask(state.text, keep)
        return keep

    def indices(self, state: FilterState) -> np.ndarray:
        """Corpus positions of the events that pass, in corpus order."""
        return np.flatnonzero(self.mask(state))

    def apply(self, state: FilterState) -> list[Event]:
        """The events that pass, in corpus order."""
        return [self.events[i] for i in self.indices(state).tolist()]

    def _text_mask(self, text: str, candidates: np.ndarray) -> np.ndarray:
        found = self._search(text) if self._search is not None else None
        if found is not None:
            out = np.zeros(len(candidates), dtype=bool)
            out[self.columns.positions(found)] = True
            return out
        with self._lock:
            if self._substrings is None:
                self._substrings = SubstringMatcher(self.corpus)
            return self._substrings.matching(text.lower().split(), candidates)


def code_mask(codes: np.ndarray, wanted: Iterable[int]) -> np.ndarray:
    """True where ``codes`` (small non-negative ints) is one of ``wanted``."""
    table = np.zeros(256, dtype=bool)
    table[list(wanted)] = True
    return table[codes]


class SubstringMatcher:
    """Events whose title or source sentences contain every query word.

    Each event's searchable text is lower-cased and whitespace-folded once.
    The matches of the last few words are remembered: a word that contains a
    remembered one (typing "minis" after "min") is looked for only among that
    word's matches, and a word the other filters narrow a lot is looked for
    only among the events they let through.
    """

    def __init__(self, corpus: Corpus) -> None:
        texts = {d.id: d.text for d in corpus.documents}
        self._haystacks = [haystack(e, texts) for e in corpus.events]
        self._memory: dict[str, np.ndarray] = {}  # word -> bool mask over every event

    def matching(self, words: Sequence[str], candidates: np.ndarray) -> np.ndarray:
        """Bool mask: those of ``candidates`` (a bool mask) containing every word."""
        keep = candidates.copy()
        for word in sorted(set(words), key=len, reverse=True):
            if not keep.any():
                break
            keep &= self._matches(word, keep)
        return keep

    def _matches(self, word: str, candidates: np.ndarray) -> np.ndarray:
        """Bool mask of events containing ``word``: exact among ``candidates``,
        and exact everywhere when it is remembered."""
        if word in self._memory:
            return self._memory[word]
        within = [m for w, m in self._memory.items() if w in word]
        pool = min(within, key=np.count_nonzero) if within else None
        pool_size = len(self._haystacks) if pool is None else int(np.count_nonzero(pool))
        if np.count_nonzero(candidates) < pool_size:
            scope = candidates if pool is None else candidates & pool
            return self._scan(word, scope)  # searched in part: not remembered
        found = self._scan(word, pool) if pool is not None else self._scan_all(word)
        self._remember(word, found)
        return found

    def _scan(self, word: str, scope: np.ndarray) -> np.ndarray:
        hay = self._haystacks
        out = np.zeros(len(hay), dtype=bool)
        out[[i for i in np.flatnonzero(scope).tolist() if word in hay[i]]] = True
        return out

    def _scan_all(self, word: str) -> np.ndarray:
        return np.array([word in h for h in self._haystacks], dtype=bool)

    def _remember(self, word: str, found: np.ndarray) -> None:
        self._memory[word] = found
        while len(self._memory) > WORDS_REMEMBERED:
            del self._memory[next(iter(self._memory))]


def haystack(event: Event, texts: dict[str, str]) -> str:
    """An event's title and source sentences, lower-cased, whitespace folded."""
    parts = [event.title]
    for m in event.mentions:
        text = texts.get(m.document, "")
        parts.append(text[m.sentence[0]:m.sentence[1]])
        parts.append(m.text)
    return " ".join(" ".join(parts).split()).lower()
