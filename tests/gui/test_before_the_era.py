"""A history reaching back before the common era, as the window shows it:
drawn on the canvas, named "490 BC" on the axis, in the table and in the
detail pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import shown_window
from timeline.day import make_day
from timeline.index import seconds
from timeline.model import Corpus, Document
from timeline.pipeline import corpus_from_documents

HISTORY = ("The Orvane League\n\nThe harbour treaty was sworn in 612 BC. The league fought "
           "the hill tribes from 540 to 536 BC. Mireth of Tessa died in 521 BC. Roman "
           "surveyors mapped the wall in AD 61.")


@pytest.fixture
def history() -> Corpus:
    return corpus_from_documents([Document("h", "/tmp/orvane.txt", "The Orvane League", None,
                                           HISTORY)])


@pytest.fixture
def window(qtbot, settings, history):
    w = shown_window(qtbot, settings, history)
    yield w
    w.loader.wait()


def test_every_event_before_the_era_is_drawn_where_it_belongs(window, history) -> None:
    drawn = {window.controller.shown[i].id for i in window.canvas.index.event}
    assert drawn == {e.id for e in history.events}
    t0, t1 = window.canvas.vb.viewRange()[0]
    assert t0 <= seconds(make_day(-611, 1, 1)) and seconds(make_day(61, 12, 31)) <= t1


def test_the_axis_names_years_before_the_era(window) -> None:
    t0, t1 = window.canvas.vb.viewRange()[0]
    ticks = window.canvas.axis.ticks_for(t0, t1, 1200)
    texts = [label.text for label in ticks.labels]
    assert any(text.endswith(" BC") for text in texts), texts


def test_the_table_and_the_details_give_the_date_in_words(qtbot, window, history) -> None:
    table = window.table
    model = table.model()
    dates = {model.index(row, 0).data(Qt.ItemDataRole.DisplayRole)
             for row in range(model.rowCount())}
    assert {"612 BC", "540–536 BC", "521 BC", "AD 61"} <= dates
    died = next(e for e in history.events if e.when.start == make_day(-520, 1, 1))
    window.controller.select(died)
    assert "521 BC" in window.detail.header.text()
