"""The drawing index: culling, stacking, lanes, density and stepping, without Qt."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.index import (
    NO_ACTOR,
    SECONDS_PER_DAY,
    LaneMode,
    Shape,
    build_index,
    day_at,
    seconds,
    shape_of,
    stack_rows,
)
from timeline.model import Document, Event, Granularity, Kind, Mention, When


def doc(doc_id: str, day: date | None = None) -> Document:
    return Document(doc_id, f"/tmp/{doc_id}.txt", f"Title {doc_id}", day, "x" * 200)


def event(i: int, start: date, end: date | None = None, docs: tuple[str, ...] = ("a",),
          kind: Kind = Kind.OTHER, actors: tuple[str, ...] = (),
          gran: Granularity = Granularity.DAY) -> Event:
    when = When(start, end or start, gran)
    mentions = tuple(Mention(d, (i, i + 1), "x", when, (0, 5)) for d in docs)
    return Event(f"e{i}", f"event {i}", kind, actors, when, mentions)


def test_seconds_and_day_at_round_trip_including_before_1970():
    for day in (date(1970, 1, 1), date(2011, 10, 12), date(1815, 6, 18), date(1, 1, 1)):
        assert day_at(seconds(day)) == day
        assert day_at(seconds(day) + SECONDS_PER_DAY - 1) == day
    assert seconds(date(1970, 1, 2)) == SECONDS_PER_DAY


@pytest.mark.parametrize(("gran", "approx", "days", "shape"), [
    (Granularity.DAY, False, 1, Shape.POINT),
    (Granularity.DAY, False, 2, Shape.RANGE),
    (Granularity.DAY, True, 1, Shape.IMPRECISE),
    (Granularity.MONTH, False, 30, Shape.IMPRECISE),
    (Granularity.YEAR, False, 730, Shape.IMPRECISE),
])
def test_shape_follows_precision(gran, approx, days, shape):
    assert shape_of(gran, approx, days) is shape


def test_a_day_is_a_half_open_interval_of_one_day():
    ix = build_index([event(0, date(2011, 10, 12))], [doc("a")])
    assert ix.end[0] - ix.start[0] == SECONDS_PER_DAY
    assert ix.start[0] == seconds(date(2011, 10, 12))


def test_overlapping_events_in_a_lane_stack_and_others_share_the_first_row():
    events = [event(0, date(2011, 3, 29), date(2011, 3, 30)), event(1, date(2011, 3, 30)),
              event(2, date(2011, 3, 31)), event(3, date(2011, 3, 30))]
    ix = build_index(events, [doc("a")])
    rows = {int(e): int(r) for e, r in zip(ix.event, ix.row, strict=True)}
    first = ix.lanes[0].first_row
    assert rows[0] == first and rows[2] == first  # 31 March starts after the range ends
    assert {rows[1], rows[3]} == {first + 1, first + 2}
    assert ix.lanes[0].rows == 3


def test_lanes_by_document_follow_document_order_and_carry_their_dates():
    docs = [doc("a", date(2013, 3, 5)), doc("b"), doc("c", date(2004, 6, 8))]
    events = [event(0, date(2012, 1, 1), docs=("c",)), event(1, date(2013, 1, 1), docs=("a", "c"))]
    ix = build_index(events, docs)
    assert [lane.key for lane in ix.lanes] == ["a", "b", "c"]
    assert ix.lanes[0].date == seconds(date(2013, 3, 5)) and ix.lanes[1].date is None
    assert sorted(ix.lane[ix.items_of(1)].tolist()) == [0, 2]  # cited by two documents
    assert ix.lanes[1].rows == 1  # an empty document keeps a row for its date
    tops = [lane.header_row for lane in ix.lanes]
    assert tops == sorted(tops) and ix.total_rows == ix.lanes[-1].end_row


def test_lanes_by_kind_and_by_actor():
    events = [event(0, date(2011, 1, 1), kind=Kind.MEETING, actors=("UNHCR", "IOM")),
              event(1, date(2011, 2, 1), kind=Kind.WORKSHOP, actors=("IOM",)),
              event(2, date(2011, 3, 1))]
    by_kind = build_index(events, [doc("a")], LaneMode.KIND)
    assert [lane.key for lane in by_kind.lanes] == ["meeting", "workshop", "other"]
    by_actor = build_index(events, [doc("a")], LaneMode.ACTOR)
    assert [lane.name for lane in by_actor.lanes] == ["IOM", "UNHCR", NO_ACTOR]
    assert len(by_actor.items_of(0)) == 2


def test_step_visits_events_in_time_order_and_stops_at_the_ends():
    days = [date(2013, 1, 5), date(2011, 1, 1), date(2012, 6, 1), date(2011, 1, 1)]
    events = [event(i, d) for i, d in enumerate(days)]
    ix = build_index(events, [doc("a")])
    visited, current = [], -1
    for _ in events:
        current = ix.step(current, 1)
        visited.append(current)
    assert [days[i] for i in visited] == sorted(days)
    assert ix.step(visited[-1], 1) == visited[-1]
    assert ix.step(visited[0], -1) == visited[0]
    assert ix.step(-1, -1) == visited[-1]


def test_hit_finds_the_marker_in_its_row_within_tolerance():
    ix = build_index([event(0, date(2011, 1, 1)), event(1, date(2011, 1, 20))], [doc("a")])
    row = ix.lanes[0].first_row
    mid0 = float(ix.mid[ix.items_of(0)[0]])
    assert ix.event[ix.hit(mid0 + 3600, row, SECONDS_PER_DAY)] == 0
    assert ix.hit(mid0 + 5 * SECONDS_PER_DAY, row, SECONDS_PER_DAY) == -1
    assert ix.hit(mid0, row + 1, SECONDS_PER_DAY) == -1


def test_density_counts_every_item_once():
    events = [event(i, date(2000 + i % 20, 1 + i % 12, 1)) for i in range(200)]
    ix = build_index(events, [doc("a")])
    lo, hi = ix.extent()
    counts = ix.density(lo, hi + 1, 37)
    assert counts.sum() == len(ix) and len(counts) == 37


def test_an_empty_index_answers_every_query():
    ix = build_index([], [])
    assert len(ix) == 0 and ix.total_rows == 0 and ix.extent() == (0.0, 0.0)
    assert len(ix.visible(0, 1e9)) == 0 and ix.step(-1, 1) == -1
    assert ix.density(0, 1, 4).tolist() == [0, 0, 0, 0]


spans = st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 400)), min_size=0, max_size=60)


@settings(max_examples=60, deadline=None)
@given(spans, st.integers(-100, 3500), st.integers(1, 900))
def test_visible_is_exactly_the_brute_force_overlap(items, a, width):
    base = date(2000, 1, 1).toordinal()
    events = [event(i, date.fromordinal(base + s), date.fromordinal(base + s + n))
              for i, (s, n) in enumerate(items)]
    ix = build_index(events, [doc("a")])
    t0 = seconds(date.fromordinal(base)) + a * SECONDS_PER_DAY
    t1 = t0 + width * SECONDS_PER_DAY
    expected = {i for i in range(len(ix)) if ix.start[i] < t1 and ix.end[i] > t0}
    assert set(ix.visible(t0, t1).tolist()) == expected


@settings(max_examples=60, deadline=None)
@given(spans, st.integers(1, 4))
def test_stacked_rows_never_overlap_and_use_the_lowest_free_row(items, lanes):
    order = sorted(range(len(items)), key=lambda i: items[i][0])
    start = np.array([items[i][0] for i in order], dtype=float)
    end = start + np.array([items[i][1] + 1 for i in order], dtype=float)
    lane = np.array([i % lanes for i in order], dtype=np.int32)
    rows = stack_rows(start, end, lane, lanes)
    for i in range(len(start)):
        same = [j for j in range(i) if lane[j] == lane[i]]
        clash = {int(rows[j]) for j in same if end[j] > start[i]}
        assert rows[i] not in clash
        assert int(rows[i]) == min(set(range(len(start) + 1)) - clash)


@settings(max_examples=60, deadline=None)
@given(spans, st.integers(-100, 3500), st.integers(1, 900), st.integers(0, 6), st.integers(0, 6))
def test_visible_in_rows_matches_visible_filtered_by_row(items, a, width, r0, n):
    base = date(2000, 1, 1).toordinal()
    events = [event(i, date.fromordinal(base + s), date.fromordinal(base + s + k))
              for i, (s, k) in enumerate(items)]
    ix = build_index(events, [doc("a")])
    t0 = seconds(date.fromordinal(base)) + a * SECONDS_PER_DAY
    t1 = t0 + width * SECONDS_PER_DAY
    everything = ix.visible(t0, t1)
    expected = {int(i) for i in everything if r0 <= ix.row[i] <= r0 + n}
    assert set(ix.visible_in_rows(t0, t1, r0, r0 + n).tolist()) == expected
