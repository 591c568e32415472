"""The event table on numpy columns: a million events sorted and filtered in a
worker while the GUI thread keeps running, in the right order, keeping the
selection and the sort column."""

from __future__ import annotations

import random
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QTimer

from timeline.gui import event_table
from timeline.gui.columns import CorpusColumns
from timeline.gui.event_table import EventTable
from timeline.gui.table_order import (
    DATE,
    DOCUMENT,
    KIND,
    PRECISION,
    TITLE,
    TableOrder,
    dense_ranks,
)
from timeline.index import KIND_CODES
from timeline.model import Corpus

MILLION = 1_000_000


@pytest.fixture(scope="module")
def million() -> CorpusColumns:
    """A million events made straight as columns: many share a date."""
    rng = np.random.default_rng(5)
    start = rng.integers(730_000, 735_000, MILLION).astype(np.int32)
    return CorpusColumns(
        ids=[f"e{i:07d}" for i in rng.permutation(MILLION).tolist()],
        titles=[""] * MILLION,
        start=start, end=start + rng.integers(0, 3, MILLION).astype(np.int32),
        granularity=rng.integers(0, 8, MILLION).astype(np.int8),
        approximate=rng.random(MILLION) < 0.1,
        kind=rng.integers(0, len(KIND_CODES), MILLION).astype(np.int8),
        sources=rng.integers(0, 3, MILLION).astype(np.int32),
        source_sets=(("b",), ("a",), ("a", "b")))


def shown_ids(table: EventTable) -> list[str]:
    return [table.id_at_row(r) for r in range(table.model().rowCount())]


def python_order(columns: CorpusColumns, events, key, descending=False) -> list[int]:
    """``events`` sorted in plain Python by ``key`` (reversed when descending);
    ties by first day, last day, then id, always ascending."""
    ties = sorted(events, key=lambda i: (int(columns.start[i]), int(columns.end[i]),
                                         columns.ids[i]))
    return sorted(ties, key=key, reverse=descending)  # stable both ways


def check_order(table: EventTable, columns: CorpusColumns, key, descending=False) -> None:
    """A sample of the rows is in the order Python's sort gives."""
    rows = table.source_model.content.rows
    sample = sorted(random.Random(2).sample(range(len(rows)), min(len(rows), 3000)))
    picked = [int(rows[r]) for r in sample]
    assert picked == python_order(columns, picked, key, descending)


def date_of(columns: CorpusColumns):
    return lambda i: (int(columns.start[i]), int(columns.end[i]))


def kind_name_of(columns: CorpusColumns):
    return lambda i: KIND_CODES[columns.kind[i]].value


def test_a_million_events_sort_and_filter_off_the_gui_thread(qtbot, million, monkeypatch):
    table = EventTable()
    qtbot.addWidget(table)
    threads = []
    sort_rows = event_table.sort_rows

    def recorded(*args):
        threads.append(threading.current_thread() is threading.main_thread())
        return sort_rows(*args)

    monkeypatch.setattr(event_table, "sort_rows", recorded)
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(table.busy))
    timer.start()

    with qtbot.waitSignal(table.settled, timeout=30000):
        table.set_shown(million, np.arange(MILLION))
        assert table.busy
    assert table.model().rowCount() == MILLION
    rows = table.source_model.content.rows
    start, end = million.start[rows], million.end[rows]
    assert np.all((start[1:] > start[:-1]) | ((start[1:] == start[:-1]) & (end[1:] >= end[:-1])))
    check_order(table, million, date_of(million))

    with qtbot.waitSignal(table.settled, timeout=30000):
        table.sortByColumn(KIND, Qt.SortOrder.DescendingOrder)  # what a header click does
    names = np.array([k.value for k in KIND_CODES])[million.kind[table.source_model.content.rows]]
    assert np.all(names[1:] <= names[:-1])
    check_order(table, million, kind_name_of(million), descending=True)

    meetings = np.flatnonzero(million.kind == 3)
    chosen = million.ids[int(meetings[1234])]
    table.select_id(chosen)
    with qtbot.waitSignal(table.settled, timeout=30000):
        table.set_shown(million, meetings)  # the filters changed
    assert table.model().rowCount() == len(meetings)
    assert set(table.source_model.content.rows.tolist()) == set(meetings.tolist())
    assert table.horizontalHeader().sortIndicatorSection() == KIND
    assert table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert table.id_at_row(table.selectionModel().currentIndex().row()) == chosen
    check_order(table, million, kind_name_of(million), descending=True)
    timer.stop()
    assert threads == [False, False, False], "every sort ran in the worker"
    assert sum(ticks) >= 5, "the GUI thread's timer kept ticking while the worker sorted"


def test_superseded_rows_never_reach_the_view(qtbot, million):
    table = EventTable()
    qtbot.addWidget(table)
    resets = []
    table.model().modelReset.connect(lambda: resets.append(table.model().rowCount()))
    with qtbot.waitSignal(table.settled, timeout=30000):
        table.set_shown(million, np.arange(0, MILLION, 2))
        table.set_shown(million, np.arange(0, MILLION, 3))
        table.set_shown(million, np.arange(0, MILLION, 5))
    assert resets == [MILLION // 5]


def small_columns() -> CorpusColumns:
    rng = random.Random(4)
    n = 400
    titles = [rng.choice(["Meeting ", "meeting", "Zebra  talks", "accord", "Bali"])
              + rng.choice(["", " of  officials", "x"]) for _ in range(n)]
    start = np.array([730_000 + rng.randrange(30) for _ in range(n)], np.int32)
    return CorpusColumns(
        ids=[f"e{rng.randrange(10**6):06d}-{i}" for i in range(n)], titles=titles, start=start,
        end=start + np.array([rng.randrange(3) for _ in range(n)], np.int32),
        granularity=np.array([rng.randrange(8) for _ in range(n)], np.int8),
        approximate=np.zeros(n, bool),
        kind=np.array([rng.randrange(len(KIND_CODES)) for _ in range(n)], np.int8),
        sources=np.array([rng.randrange(3) for _ in range(n)], np.int32),
        source_sets=(("b",), ("a",), ("a", "b")),
        documents=Corpus().documents)


@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_as_python_would(descending):
    columns = small_columns()
    order = TableOrder(columns)
    names = order.document_names
    keys = {
        DATE: date_of(columns),
        TITLE: lambda i: " ".join(columns.titles[i].split()).lower(),
        KIND: kind_name_of(columns),
        DOCUMENT: lambda i: names[int(columns.sources[i])].lower(),
        PRECISION: lambda i: int(columns.granularity[i]),
    }
    shown = np.arange(0, len(columns), 3)
    for column, key in keys.items():
        rows = order.rows(shown, column, descending).tolist()
        assert rows == python_order(columns, shown.tolist(), key, descending), column


# NUL, which numpy's strings drop at the end; a lone surrogate, as in names
# that are not UTF-8; and strings longer than the prefix numpy sorts by.
CHARACTERS = st.sampled_from(["a", "b", "A", " ", "\0", "é", "\ud800", "ß", "z"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(CHARACTERS, max_size=30), max_size=60))
def test_string_ranks_follow_python_order(values):
    distinct = sorted(set(values))
    assert dense_ranks(values).tolist() == [distinct.index(v) for v in values]
