"""The canvas's date axis as drawn: its text, measured with the real font."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from timeline.ticks import days_from_civil

DAY = 86400.0
YEAR = 365.2425 * DAY


def at(year: int, month: int = 1, day: int = 1) -> float:
    return days_from_civil(year, month, day) * DAY


@pytest.fixture
def canvas(qtbot):
    from timeline.gui.canvas import TimelineCanvas

    widget = TimelineCanvas()
    qtbot.addWidget(widget)
    widget.resize(1400, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drawn_rects(axis) -> list[tuple[str, str, QRectF]]:
    """Each label the axis painted last, as (row, text, ink rectangle in axis pixels)."""
    rects = []
    for row, text, font, origin in axis.drawn:
        rect = QFontMetricsF(font).boundingRect(text)
        rects.append((row, text, rect.translated(origin)))
    return rects


def paint(canvas, t0: float, t1: float):
    canvas.set_range(t0, t1)
    canvas.view.viewport().repaint()
    return drawn_rects(canvas.axis)


CENTRE = at(2011, 3, 29) + 0.4 * DAY
RANGES = [(CENTRE - span / 2, CENTRE + span / 2)
          for span in (2000 * YEAR, 150 * YEAR, 12 * YEAR, 3 * YEAR, YEAR, 100 * DAY,
                       21 * DAY, 3 * DAY, DAY)] + [(at(-30), at(45)), (at(-3, 11), at(1, 2))]


@pytest.mark.parametrize(("t0", "t1"), RANGES)
def test_drawn_axis_labels_do_not_overlap_and_name_a_year(canvas, t0, t1):
    rects = paint(canvas, t0, t1)
    assert rects, "nothing drawn"
    axis_width = canvas.axis.geometry().width()
    for i, (row, text, rect) in enumerate(rects):
        for other_row, other_text, other in rects[i + 1:]:
            assert row != other_row or not rect.intersects(other), (text, other_text)
    inside = [text for _, text, rect in rects if rect.left() >= 0 and rect.right() <= axis_width]
    assert any(re.search(r"(\d{3,4}|\d+ BC)$", text) for text in inside), inside


def test_upper_band_sits_below_the_ticks_inside_the_axis(canvas):
    rects = paint(canvas, at(2011, 3, 10), at(2011, 4, 20))
    height = canvas.axis.geometry().height()
    tick_rows = [rect for row, _, rect in rects if row == "ticks"]
    band_rows = [rect for row, _, rect in rects if row == "band"]
    assert tick_rows and band_rows
    assert max(r.bottom() for r in tick_rows) <= min(r.top() for r in band_rows) + 1
    assert all(r.top() >= 0 and r.bottom() <= height for r in tick_rows + band_rows)


def test_a_one_row_axis_names_the_month_and_year_over_day_ticks(qtbot):
    import pyqtgraph as pg

    from timeline.gui.time_axis import TimeAxis

    axis = TimeAxis()
    plot = pg.PlotWidget(axisItems={"bottom": axis})
    qtbot.addWidget(plot)
    axis.setHeight(22)  # as the overview strip sets it
    plot.resize(900, 120)
    plot.show()
    qtbot.waitExposed(plot)
    plot.setXRange(at(2011, 2, 20), at(2011, 3, 12), padding=0)
    axis.drawn = []  # forget any paint of the range before
    qtbot.waitUntil(lambda: bool(axis.drawn))
    rects = drawn_rects(axis)
    assert [text for _, text, _ in rects] == ["February 2011", "March 2011"]
    assert all(rect.bottom() <= axis.geometry().height() + 1 for _, _, rect in rects)
