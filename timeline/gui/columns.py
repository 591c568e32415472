"""A corpus's events as numpy columns, computed once per corpus. Qt-free.

The filters and the event table work on these arrays rather than on the
:class:`~timeline.model.Event` objects, so that narrowing or sorting a million
events is a few vectorised operations. Building them is one pass over the
events; it runs in a worker thread for a large corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from timeline.day import day_from_ordinal
from timeline.index import KIND_CODES, SECONDS_PER_DAY, seconds
from timeline.model import Corpus, Document, Event, Granularity, Kind, Status, When

GRANULARITIES: tuple[Granularity, ...] = tuple(Granularity)


@dataclass(frozen=True, eq=False)
class CorpusColumns:
    """One entry per event, in corpus order.

    An event cited by several documents has one *source set*: the ids of the
    documents that mention it, in mention order. Source sets are interned, so
    ``sources`` is a small code per event and a document filter is a lookup
    over the (few) distinct sets.
    """

    ids: Sequence[str]
    titles: Sequence[str]
    start: np.ndarray        # int32 day ordinal of the first day
    end: np.ndarray          # int32 day ordinal of the last day (inclusive)
    granularity: np.ndarray  # int8 Granularity.rank
    approximate: np.ndarray  # bool
    kind: np.ndarray         # int8 index into KIND_CODES
    sources: np.ndarray      # int32 index into source_sets
    source_sets: tuple[tuple[str, ...], ...]
    events: Sequence[Event] = ()
    documents: Sequence[Document] = field(default=())
    planned: np.ndarray = field(default=None)  # type: ignore[assignment]
    """bool per event: stated as still to come (Status.PLANNED); all False
    when not given."""

    def __post_init__(self) -> None:
        if self.planned is None:
            object.__setattr__(self, "planned", np.zeros(len(self.start), bool))

    def __len__(self) -> int:
        return len(self.start)

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> CorpusColumns:
        """Columns for every event of ``corpus``."""
        events = corpus.events
        n = len(events)
        kinds = {k: i for i, k in enumerate(KIND_CODES)}
        ranks = {g: g.rank for g in GRANULARITIES}
        whens = [e.when for e in events]
        interned: dict[tuple[str, ...], int] = {}
        sources = np.fromiter((interned.setdefault(source_set(e), len(interned))
                               for e in events), np.int32, n)
        return cls(
            ids=[e.id for e in events],
            titles=[e.title for e in events],
            start=np.fromiter((w.start.toordinal() for w in whens), np.int32, n),
            end=np.fromiter((w.end.toordinal() for w in whens), np.int32, n),
            granularity=np.fromiter((ranks[w.granularity] for w in whens), np.int8, n),
            approximate=np.fromiter((w.approximate for w in whens), bool, n),
            kind=np.fromiter((kinds[e.kind] for e in events), np.int8, n),
            planned=np.fromiter((e.status is Status.PLANNED for e in events), bool, n),
            sources=sources,
            source_sets=tuple(interned),
            events=events,
            documents=corpus.documents,
        )

    @cached_property
    def index_of(self) -> dict[str, int]:
        """Corpus position of each event id."""
        return {event_id: i for i, event_id in enumerate(self.ids)}

    def positions(self, ids: Iterable[str]) -> np.ndarray:
        """Corpus positions of those ``ids`` that name events here (others are skipped)."""
        get = self.index_of.get
        # A generator, not map(): its Python frames let the GUI thread run meanwhile.
        found = np.fromiter((get(i, -1) for i in ids), np.intp)
        return found[found >= 0]

    def kinds_present(self) -> tuple[Kind, ...]:
        """The kinds of the events, in the Kind enum's order."""
        return tuple(KIND_CODES[k] for k in np.unique(self.kind).tolist())

    def statuses_present(self) -> tuple[Status, ...]:
        """The statuses of the events: happened first."""
        found = set(np.unique(self.planned).tolist())
        return tuple(s for s, planned in ((Status.HAPPENED, False), (Status.PLANNED, True))
                     if planned in found)

    def precisions_present(self) -> tuple[Granularity, ...]:
        """The precisions of the events, finest first."""
        return tuple(GRANULARITIES[g] for g in np.unique(self.granularity).tolist())

    def citing(self, doc_id: str) -> np.ndarray:
        """Corpus positions of the events ``doc_id`` mentions."""
        cited = np.array([doc_id in s for s in self.source_sets], dtype=bool)
        return np.flatnonzero(cited[self.sources]) if len(cited) else np.zeros(0, np.intp)

    def when(self, i: int) -> When:
        """The date of event ``i``, rebuilt from the columns (relative flag not kept)."""
        return When(day_from_ordinal(int(self.start[i])), day_from_ordinal(int(self.end[i])),
                    GRANULARITIES[int(self.granularity[i])], bool(self.approximate[i]))

    def extent(self) -> tuple[float, float]:
        """Earliest start and latest (exclusive) end over events and document
        dates, in epoch seconds; (0, 0) when nothing is dated."""
        days = [d.date.toordinal() for d in self.documents if d.date]
        lows = [int(self.start.min())] if len(self) else []
        highs = [int(self.end.max())] if len(self) else []
        if not lows + days:
            return 0.0, 0.0
        first, last = min(lows + days), max(highs + days)
        return seconds(day_from_ordinal(first)), seconds(day_from_ordinal(last)) + SECONDS_PER_DAY


def source_set(event: Event) -> tuple[str, ...]:
    """The ids of the documents that mention ``event``, first mention first."""
    mentions = event.mentions
    if len(mentions) == 1:
        return (mentions[0].document,)
    return tuple(dict.fromkeys(m.document for m in mentions))
