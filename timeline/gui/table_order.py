"""The event table's row orders, computed from numpy columns. Qt-free.

Each column has an integer sort key per event (a date rank, a title rank...),
made once per corpus the first time that column is sorted. Sorting is then one
``np.argsort`` over the whole corpus, and the rows of any filtered subset are
that order with the hidden events left out: a filter change never sorts again.
Ties are broken by date, then by event id, so every order is deterministic; a
descending sort reverses the column's key but keeps that tie order.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cached_property

import numpy as np

from timeline.gui.columns import CorpusColumns
from timeline.gui.display import qt_safe
from timeline.index import KIND_CODES

COLUMNS = ("Date", "Title", "Kind", "Document", "Precision", "Status")
DATE, TITLE, KIND, DOCUMENT, PRECISION, STATUS = range(len(COLUMNS))
PREFIX = 16     # characters numpy sorts strings by before Python orders ties
CHUNK = 20_000  # strings converted to numpy at a time (the conversion holds the GIL)


class TableOrder:
    """Sort keys and orders of one corpus's events for each table column."""

    def __init__(self, columns: CorpusColumns) -> None:
        self.columns = columns
        self._keys: dict[int, np.ndarray] = {}
        self._orders: dict[tuple[int, bool], np.ndarray] = {}

    @cached_property
    def document_names(self) -> tuple[str, ...]:
        """The Document column's text for each source set."""
        names = {d.id: " ".join(d.title.split()) for d in self.columns.documents}
        return tuple("; ".join(names[d] if d in names else qt_safe(d) for d in source_set)
                     for source_set in self.columns.source_sets)

    @cached_property
    def date_order(self) -> np.ndarray:
        """Events by first day, then last day, then id."""
        cols = self.columns
        return np.lexsort((dense_ranks(cols.ids), cols.end, cols.start)).astype(np.intp)

    @cached_property
    def date_rank(self) -> np.ndarray:
        """Each event's place in :attr:`date_order` (the tie-breaker of every column)."""
        rank = np.empty(len(self.columns), dtype=np.int64)
        rank[self.date_order] = np.arange(len(self.columns), dtype=np.int64)
        return rank

    def key(self, column: int) -> np.ndarray:
        """Integer sort key per event for ``column`` (equal values, equal keys);
        computed once."""
        if column not in self._keys:
            self._keys[column] = self._make_key(column)
        return self._keys[column]

    def _make_key(self, column: int) -> np.ndarray:
        cols = self.columns
        if column == DATE:
            return self._day_span_ranks()
        if column == TITLE:
            return dense_ranks([" ".join(t.split()).lower() for t in cols.titles])
        if column == KIND:
            by_name = dense_ranks([k.value for k in KIND_CODES])
            return by_name[cols.kind]
        if column == DOCUMENT:
            by_name = dense_ranks([name.lower() for name in self.document_names])
            return by_name[cols.sources] if len(by_name) else np.zeros(len(cols), np.int64)
        if column == STATUS:
            return cols.planned.astype(np.int64)  # happened before planned
        return cols.granularity.astype(np.int64)

    def _day_span_ranks(self) -> np.ndarray:
        """Dense rank of each event's (first day, last day)."""
        order = self.date_order
        start, end = self.columns.start[order], self.columns.end[order]
        new = np.ones(len(order), dtype=np.int64)
        new[1:] = (start[1:] != start[:-1]) | (end[1:] != end[:-1])
        ranks = np.empty(len(order), dtype=np.int64)
        ranks[order] = np.cumsum(new) - 1
        return ranks

    def order(self, column: int, descending: bool = False) -> np.ndarray:
        """Every event of the corpus in ``column``'s order (computed once)."""
        cached = self._orders.get((column, descending))
        if cached is not None:
            return cached
        by_date = self.date_order
        if column == DATE and not descending:
            result = by_date
        else:
            key = self.key(column)[by_date]
            if descending:
                key = (key.max() if len(key) else 0) - key
            # A stable sort of the events in date order keeps date, then id, for
            # ties; small keys (kinds, precisions) get numpy's linear radix sort.
            small = np.min_scalar_type(key.max() if len(key) else 0)
            result = by_date[np.argsort(key.astype(small), kind="stable")]
        self._orders[(column, descending)] = result
        return result

    def rows(self, shown: np.ndarray, column: int, descending: bool = False) -> np.ndarray:
        """The corpus positions ``shown`` in ``column``'s order."""
        order = self.order(column, descending)
        if len(shown) == len(order):
            return order
        member = np.zeros(len(order), dtype=bool)
        member[shown] = True
        return order[member[order]]


def dense_ranks(values: Sequence[str]) -> np.ndarray:
    """Rank of each string among the distinct values, in Python's string order.

    Strings are sorted by numpy on their first characters (numpy's string sort
    lets other threads run, where Python's ``sorted`` would hold the GIL and
    freeze the window for the whole sort); only runs that share those first
    characters are then ordered by Python, each run briefly.
    """
    n = len(values)
    prefix = np.concatenate([np.array(values[i:i + CHUNK], dtype=f"U{PREFIX}")
                             for i in range(0, n, CHUNK)] or [np.zeros(0, f"U{PREFIX}")])
    order = np.argsort(prefix, kind="stable")
    ranked = prefix[order]
    new = np.ones(n, dtype=bool)
    new[1:] = ranked[1:] != ranked[:-1]
    for a, b in _runs_to_refine(new, _lengths(values)[order]):
        run = sorted(order[a:b].tolist(), key=values.__getitem__)
        order[a:b] = run
        new[a + 1:b] = [values[x] != values[y] for x, y in itertools.pairwise(run)]
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = np.cumsum(new) - 1
    return ranks


def _lengths(values: Sequence[str]) -> np.ndarray:
    return np.fromiter((len(v) for v in values), np.int64, len(values))


def _runs_to_refine(new: np.ndarray, lengths: np.ndarray) -> list[tuple[int, int]]:
    """Runs of equal prefixes whose strings may still differ: one was cut to
    the prefix, or their lengths differ (numpy pads with NULs, so "a" and
    "a\\0" look alike)."""
    if not len(new):
        return []
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(new))
    longest = np.maximum.reduceat(lengths, starts)
    shortest = np.minimum.reduceat(lengths, starts)
    pick = (ends - starts > 1) & ((longest >= PREFIX) | (longest != shortest))
    return list(zip(starts[pick].tolist(), ends[pick].tolist(), strict=True))
