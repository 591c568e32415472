"""Title placement on the canvas, headless: never overlapping, never over a marker."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.gui.labels import Candidates, LabelGeometry, obstacle_edges, place_labels

G = LabelGeometry(marker=10, gap=4, min_px=30, max_px=200)


def candidates(xs, rows, weights=None, wide=None, x1=None, left=0.0, right=1000.0):
    xs = np.asarray(xs, dtype=float)
    x1 = xs + 1 if x1 is None else np.asarray(x1, dtype=float)
    return Candidates(np.asarray(rows), xs, x1, xs if wide is None else (xs + x1) / 2,
                      np.zeros(len(xs), bool) if wide is None else np.asarray(wide),
                      np.asarray(weights if weights is not None else np.ones(len(xs)), float),
                      left, right)


def test_a_lone_event_gets_its_whole_title():
    c = candidates([100], [0])
    (p,) = place_labels(c, lambda k: 120.0, g=G)
    assert p.x == 100 + G.marker / 2 + G.gap and p.width == 120.0 == p.full


def test_a_title_stops_before_the_next_marker_in_its_row():
    c = candidates([100, 200], [0, 0])
    placed = {p.k: p for p in place_labels(c, lambda k: 500.0, g=G)}
    assert placed[0].x + placed[0].width <= 200 - G.marker / 2
    assert placed[1].width == G.max_px  # nothing after it but the view's edge


def test_crowded_markers_leave_the_title_to_the_more_important_one():
    c = candidates([100, 112], [0, 0], weights=[1, 5])
    placed = place_labels(c, lambda k: 80.0, g=G)
    assert [p.k for p in placed] == [1]


def test_a_span_reaching_past_the_left_edge_keeps_its_title_in_view():
    c = candidates([-5000], [0], wide=[True], x1=[5000])
    (p,) = place_labels(c, lambda k: 90.0, g=G)
    assert p.x == G.gap and p.width == 90.0


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1000), st.integers(0, 3), st.floats(0, 10),
                          st.floats(10, 400)), max_size=80))
def test_titles_never_overlap_each_other_or_any_marker(items):
    if not items:
        return
    xs, rows, weights, widths = map(np.array, zip(*items, strict=True))
    c = candidates(xs, rows, weights)
    placed = place_labels(c, lambda k: float(widths[k]), g=G)
    edges = obstacle_edges(c, G)
    for i, p in enumerate(placed):
        row = rows[p.k]
        assert p.width >= min(widths[p.k], G.min_px)
        right_markers = (rows == row) & (edges > p.x)
        assert not np.any(edges[right_markers] < p.x + p.width)
        for q in placed[i + 1:]:
            if rows[q.k] == row:
                assert p.x + p.width <= q.x or q.x + q.width <= p.x
