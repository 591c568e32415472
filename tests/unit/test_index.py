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


def test_lanes_by_document_follow_document_order_and_carry_their_dates():
    docs = [doc("a", date(2013, 3, 5)), doc("b"), doc("c", date(2004, 6, 8))]
    events = [event(0, date(2012, 1, 1), docs=("c",)), event(1, date(2013, 1, 1), docs=("a", "c"))]
    ix = build_index(events, docs)
    assert [lane.key for lane in ix.lanes] == ["a", "b", "c"]
    assert ix.lanes[0].date == seconds(date(2013, 3, 5)) and ix.lanes[1].date is None
    assert sorted(ix.lane[ix.items_of(1)].tolist()) == [0, 2]  # cited by two documents
    assert ix.lane_counts.tolist() == [1, 0, 2]  # an empty document keeps its lane


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


def test_density_counts_every_item_once():
    events = [event(i, date(2000 + i % 20, 1 + i % 12, 1)) for i in range(200)]
    ix = build_index(events, [doc("a")])
    lo, hi = ix.extent()
    counts = ix.density(lo, hi + 1, 37)
    assert counts.sum() == len(ix) and len(counts) == 37


def test_an_empty_index_answers_every_query():
    ix = build_index([], [])
    assert len(ix) == 0 and ix.extent() == (0.0, 0.0) and ix.items_extent() is None
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


def test_documents_with_the_same_title_are_told_apart_by_file_name():
    docs = [Document("a", "/x/one.txt", "Joint statement", None, "x"),
            Document("b", "/y/two.pdf", "Joint  Statement", None, "x"),
            Document("c", "/z/three.txt", "Press release", None, "x")]
    ix = build_index([event(0, date(2011, 1, 1), docs=("a", "b"))], docs)
    assert [ln.name for ln in ix.lanes] == ["Joint statement  (one.txt)",
                                            "Joint  Statement  (two.pdf)", "Press release"]
    assert ix.lanes[1].path == "/y/two.pdf"


mask_cases = st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 60), st.integers(0, 2),
                                st.booleans()), min_size=0, max_size=50)


@settings(max_examples=60, deadline=None)
@given(mask_cases, st.integers(0, 2))
def test_a_subset_is_the_index_of_the_kept_events(cases, dropped_lane):
    base_day = date(2000, 1, 1).toordinal()
    docs = [doc("a"), doc("b"), doc("c")]
    events = [event(i, date.fromordinal(base_day + s), date.fromordinal(base_day + s + n),
                    docs=(("a", "b", "c")[lane],) + (("a",) if lane and i % 3 == 0 else ()))
              for i, (s, n, lane, _keep) in enumerate(cases)]
    keep = np.array([k for *_rest, k in cases], dtype=bool)
    lanes = np.array([i != dropped_lane for i in range(3)])
    full = build_index(events, docs)
    cut_ix = full.subset(keep, lanes)
    kept_events = [e for e, k in zip(events, keep, strict=True) if k]
    fresh = build_index(kept_events, docs)
    fresh_items = {(int(e), int(ln)) for e, ln in zip(fresh.event, fresh.lane, strict=True)
                   if lanes[ln]}
    assert {(int(e), int(ln)) for e, ln in zip(cut_ix.event, cut_ix.lane, strict=True)} \
        == fresh_items
    assert list(cut_ix.columns.titles[:]) == [e.title for e in kept_events]
    for e in range(len(kept_events)):  # every lookup the canvas makes agrees
        assert sorted(cut_ix.lane[cut_ix.items_of(e)].tolist()) == sorted(
            ln for ev, ln in fresh_items if ev == e)
    assert [cut_ix.step(-1, 1)] == [fresh.step(-1, 1)]
    for lane in range(3):
        mids = cut_ix.mid[cut_ix.lane_items(lane)]
        assert np.all(np.diff(mids) >= 0) and np.all(cut_ix.lane[cut_ix.lane_items(lane)] == lane)
    assert np.all(np.diff(cut_ix.mid_sorted) >= 0) and len(cut_ix.mid_sorted) == len(cut_ix)


def test_lane_density_counts_a_lanes_items_by_middle():
    docs = [doc("a"), doc("b")]
    events = [event(i, date(2001, 1, 1 + i), docs=("a" if i % 3 else "b",)) for i in range(28)]
    ix = build_index(events, docs)
    edges = np.linspace(*ix.extent(), 8)
    a_counts, b_counts = ix.lane_density(0, edges), ix.lane_density(1, edges)
    assert a_counts.sum() + b_counts.sum() == 28 and b_counts.sum() == 10
