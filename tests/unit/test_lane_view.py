"""Which lanes the canvas shows, in what order and with how many rows; no Qt."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from timeline.gui.lane_view import MAX_ROWS, MIN_ROWS, lane_order, lane_view, row_cap
from timeline.index import LaneSort, build_index, seconds
from timeline.model import Document, Event, Granularity, Kind, Mention, When


def doc(doc_id: str, title: str, path: str, day: date | None = None) -> Document:
    return Document(doc_id, path, title, day, "x")


def event(i: int, day: date, *docs: str) -> Event:
    when = When(day, day, Granularity.DAY)
    return Event(f"e{i}", f"event {i}", Kind.OTHER, (), when,
                 tuple(Mention(d, (0, 1), "x", when, (0, 1)) for d in docs))


# Four documents: natural order a, b, c, d; "c" cites nothing.
DOCS = [doc("a", "Minutes", "/x/zeta.txt"),
        doc("b", "annual report", "/x/alpha.pdf", date(2009, 1, 1)),
        doc("c", "Budget", "/x/mid.docx"),
        doc("d", "Communiqué", "/x/beta.html")]
EVENTS = [event(0, date(2012, 1, 1), "a"), event(1, date(2011, 1, 1), "a", "d"),
          event(2, date(2014, 1, 1), "b"), event(3, date(2010, 6, 1), "d"),
          event(4, date(2010, 7, 1), "d")]


@pytest.fixture
def ix():
    return build_index(EVENTS, DOCS)


def keys(ix, order) -> list[str]:
    return [ix.lanes[int(i)].key for i in order]


def test_lanes_sort_by_first_date_title_and_file(ix):
    assert keys(ix, lane_order(ix, LaneSort.NATURAL)) == ["a", "b", "c", "d"]
    # b's own date (2009) comes before any event; c has neither and goes last.
    assert keys(ix, lane_order(ix, LaneSort.FIRST_DATE)) == ["b", "d", "a", "c"]
    assert keys(ix, lane_order(ix, LaneSort.TITLE)) == ["b", "c", "d", "a"]  # case-blind
    assert keys(ix, lane_order(ix, LaneSort.FILE)) == ["b", "d", "c", "a"]


def test_hide_empty_hides_lanes_without_items_and_only_those(ix):
    shown = lane_view(ix, 40, hide_empty=True)
    assert keys(ix, shown.order) == ["a", "b", "d"]
    assert not shown.shown(2) and shown.rows[2] == 0 and shown.top[2] == -1
    kept = lane_view(ix, 40, hide_empty=False)
    assert keys(ix, kept.order) == ["a", "b", "c", "d"] and kept.shown(2)
    assert kept.rows[2] >= 1  # an empty lane still has a row to show it is empty


def test_a_filtered_index_hides_the_lanes_it_emptied(ix):
    only_d = ix.subset(np.array([e.mentions[0].document == "d" or len(e.mentions) > 1
                                 for e in EVENTS]))
    assert keys(ix, lane_view(only_d, 40, hide_empty=True).order) == ["a", "d"]
    assert keys(ix, lane_view(only_d, 40).order) == ["a", "b", "c", "d"]


def test_collapsed_lanes_get_no_rows_and_keep_their_header(ix):
    open_view = lane_view(ix, 40)
    folded = lane_view(ix, 40, collapsed={"d", "not a lane"})
    assert folded.collapsed == frozenset({"d"})
    assert folded.rows[3] == 0 and folded.shown(3)
    assert folded.total_rows == open_view.total_rows - open_view.rows[3]
    assert np.array_equal(np.delete(folded.rows, 3), np.delete(open_view.rows, 3))


def test_rows_follow_item_counts_within_the_cap(ix):
    view = lane_view(ix, 1000)
    assert view.rows.tolist() == [2, 1, 1, 3]  # items per lane, at least one
    crowded = build_index([event(i, date(2011, 1, 1 + i), "a") for i in range(25)], DOCS[:1])
    assert lane_view(crowded, 1000).rows.tolist() == [MAX_ROWS]
    assert lane_view(crowded, 1).rows.tolist() == [MIN_ROWS]


@pytest.mark.parametrize(("available", "lanes"), [(0, 1), (5, 3), (40, 4), (400, 3), (30, 0)])
def test_row_cap_shares_the_height_within_bounds(available, lanes):
    cap = row_cap(available, lanes)
    assert MIN_ROWS <= cap <= MAX_ROWS
    if lanes and MIN_ROWS < cap < MAX_ROWS:
        assert lanes * (cap + 1) <= available < lanes * (cap + 2)


def check_consistent(view, n_lanes: int) -> None:
    """Tops, rows, order and the row lookups tell one story."""
    order = view.order.tolist()
    assert len(set(order)) == len(order)
    row = 0
    for pos, lane in enumerate(order):
        assert view.top[lane] == row == view.tops[pos] and view.shown(lane)
        for r in range(row, row + 1 + int(view.rows[lane])):
            assert view.lane_at_row(r) == lane and view.lane_at_row(r + 0.5) == lane
        row += 1 + int(view.rows[lane])
    assert view.total_rows == row
    hidden = set(range(n_lanes)) - set(order)
    assert all(view.top[h] == -1 and view.rows[h] == 0 and not view.shown(h) for h in hidden)
    assert view.lane_at_row(-0.5) == -1 and view.lane_at_row(row) == -1
    for r0 in range(-1, row):  # from above the first row to the last one
        for r1 in range(r0, row + 2):
            expected = [ln for ln in order
                        if view.top[ln] <= r1 and view.top[ln] + 1 + view.rows[ln] > r0]
            assert view.lanes_between(r0, r1) == expected, (r0, r1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 400)), max_size=40),
       st.sampled_from(list(LaneSort)), st.booleans(), st.sets(st.integers(0, 5)),
       st.integers(1, 80))
def test_tops_rows_and_lookups_agree(cites, sort, hide, folded, available):
    docs = [doc(f"d{k}", f"Doc {5 - k}", f"/p/{k % 3}{k}.txt") for k in range(6)]
    events = [event(i, date.fromordinal(date(2000, 1, 1).toordinal() + day), f"d{lane}")
              for i, (lane, day) in enumerate(cites)]
    ix = build_index(events, docs)
    view = lane_view(ix, available, sort, hide, {f"d{k}" for k in folded})
    assume(len(view.order))  # no lane at all: see test_a_filter_matching_nothing_...
    check_consistent(view, 6)
    order = view.order.tolist()
    assert set(order) == ({ln for ln in range(6) if ix.lane_counts[ln]} if hide else set(range(6)))
    assert order == [ln for ln in lane_order(ix, sort).tolist() if ln in set(order)]
    for lane in order:
        expected = 0 if lane in folded else max(1, min(int(ix.lane_counts[lane]),
                                                              row_cap(available, len(order))))
        assert view.rows[lane] == expected


def test_a_filter_matching_nothing_hides_every_lane_and_shows_no_rows(ix):
    nothing = ix.subset(np.zeros(len(EVENTS), dtype=bool))
    view = lane_view(nothing, 40, hide_empty=True)
    assert len(view.order) == 0 and view.total_rows == 0
    assert view.lane_at_row(0) == -1
    assert view.lanes_between(-1, 10) == []


def test_first_date_order_is_the_earliest_event_or_own_date():
    docs = [doc(f"d{k}", f"D{k}", f"/{k}.txt", date(2000 + k, 1, 1) if k == 2 else None)
            for k in range(4)]
    days = {0: date(2005, 1, 1), 1: date(2003, 1, 1), 3: date(2003, 1, 1)}
    ix = build_index([event(k, d, f"d{k}") for k, d in days.items()], docs)
    # d2 has no event but its own date, 2002; d1 and d3 tie in 2003 and keep
    # their natural order.
    assert lane_order(ix, LaneSort.FIRST_DATE).tolist() == [2, 1, 3, 0]
    assert ix.lanes[2].date == seconds(date(2002, 1, 1))


def test_the_qt_free_modules_import_no_qt():
    code = ("import sys\nimport timeline.layout, timeline.gui.lane_view, timeline.gui.frame\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            "('PySide6', 'pyqtgraph', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
