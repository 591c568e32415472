"""Planned events on screen: their marker, the legend entry, the Status
filter and table column, and the user's choice over the extracted status."""

from __future__ import annotations

from datetime import date

import numpy as np
from PySide6.QtGui import QColor

from timeline.edits import CorpusIndex, apply_edits, set_edit
from timeline.gui import theme
from timeline.gui.columns import CorpusColumns
from timeline.gui.events_item import marker_styles
from timeline.gui.filter_bar import FilterBar
from timeline.gui.filters import EventFilter, FilterState
from timeline.gui.legend import Legend
from timeline.gui.markers import MarkerAtlas, MarkerStyle
from timeline.gui.projects import filters_json, view_filters
from timeline.gui.table_order import STATUS, TableOrder
from timeline.index import build_index
from timeline.model import (
    Corpus,
    Document,
    Event,
    Granularity,
    Kind,
    Mention,
    Status,
    When,
)

DOC = Document("d", "d.txt", "Notes", date(2024, 5, 2), "x" * 400)


def event(i: int, status: Status, granularity: Granularity = Granularity.DAY,
          approximate: bool = False) -> Event:
    day = date(2024, 1 + i % 12, 1)
    when = When.unit(day, granularity, approximate)
    mention = Mention("d", (i * 10, i * 10 + 4), "date", when, (i * 10, i * 10 + 9),
                      planned=status is Status.PLANNED)
    return Event(f"e{i}", f"Event {i}", Kind.MEETING, (), when, (mention,), status)


def corpus() -> Corpus:
    events = [event(0, Status.HAPPENED), event(1, Status.PLANNED),
              event(2, Status.HAPPENED, Granularity.YEAR),
              event(3, Status.PLANNED, Granularity.YEAR),
              event(4, Status.PLANNED, approximate=True),
              event(5, Status.HAPPENED, approximate=True)]
    return Corpus((DOC,), tuple(events))


def test_planned_events_get_the_dashed_marker_styles() -> None:
    c = corpus()
    ix = build_index(c.events, c.documents)
    items = np.arange(len(ix.event))
    by_event = dict(zip(ix.event[items].tolist(), marker_styles(ix, items).tolist(),
                        strict=True))
    assert by_event[0] == MarkerStyle.DOT
    assert by_event[1] == MarkerStyle.PLANNED_DOT
    assert by_event[2] == MarkerStyle.DIAMOND
    assert by_event[3] == MarkerStyle.PLANNED_DIAMOND
    # An approximate day is drawn as an imprecise span; planned says more
    # than approximate.
    assert by_event[4] == MarkerStyle.PLANNED_DIAMOND
    assert by_event[5] == MarkerStyle.HOLLOW_DIAMOND


def test_the_planned_marker_is_hollow_with_a_broken_ring(qapp) -> None:
    atlas = MarkerAtlas()
    planned = atlas.pixmap(MarkerStyle.PLANNED_DOT, Kind.MEETING).toImage()
    hollow = atlas.pixmap(MarkerStyle.HOLLOW_DOT, Kind.MEETING).toImage()
    ratio = atlas.pixmap(MarkerStyle.PLANNED_DOT, Kind.MEETING).devicePixelRatio()
    centre = round((theme.MARKER + 2) / 2 * ratio)
    assert planned.pixelColor(centre, centre) == QColor(theme.BACKGROUND)
    # Round the ring, the dashed one leaves gaps where the solid one has ink.
    ink = [sum(image.pixelColor(x, y).alpha() > 128 for x in range(image.width())
               for y in range(image.height())) for image in (planned, hollow)]
    assert 0 < ink[0] < ink[1]


def test_the_legend_names_planned_events(qapp) -> None:
    legend = Legend()
    legend.resize(2000, 30)
    texts = [text for _draw, text, _w in legend._entries()]
    assert "planned" in texts
    entries, _xs, cut = legend.layout_line(2000)
    assert not cut and "planned" in [text for _d, text, _w in entries]


def test_the_status_filter_shows_either_or_both() -> None:
    c = corpus()
    event_filter = EventFilter(c)
    planned = {e.id for e in c.events if e.status is Status.PLANNED}
    ids = event_filter.columns.ids

    def shown(statuses: set[Status]) -> set[str]:
        state = FilterState(statuses=frozenset(statuses))
        return {ids[i] for i in event_filter.indices(state)}

    assert shown({Status.PLANNED}) == planned
    assert shown({Status.HAPPENED}) == {e.id for e in c.events} - planned
    assert shown({Status.PLANNED, Status.HAPPENED}) == shown(set()) == {e.id for e in c.events}
    assert FilterState(statuses=frozenset({Status.PLANNED})).active
    assert not FilterState(statuses=frozenset(Status)).active


def test_the_filter_bar_offers_the_statuses_present(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    c = corpus()
    bar.set_corpus(c, CorpusColumns.from_corpus(c))
    bar.statuses.set_checked(Status.PLANNED, True)
    assert bar.state().statuses == {Status.PLANNED}
    assert bar.statuses in bar.widgets()


def test_a_saved_view_keeps_the_status_filter() -> None:
    state = FilterState(statuses=frozenset({Status.PLANNED}))
    assert view_filters({"filters": filters_json(state)}).statuses == state.statuses


def test_the_table_column_sorts_happened_before_planned() -> None:
    c = corpus()
    columns = CorpusColumns.from_corpus(c)
    assert columns.planned.tolist() == [e.status is Status.PLANNED for e in c.events]
    rows = TableOrder(columns).rows(np.arange(len(columns)), STATUS).tolist()
    assert [bool(columns.planned[r]) for r in rows] == [False] * 3 + [True] * 3


def test_columns_made_without_a_status_read_as_happened() -> None:
    c = corpus()
    full = CorpusColumns.from_corpus(c)
    bare = CorpusColumns(ids=full.ids, titles=full.titles, start=full.start, end=full.end,
                         granularity=full.granularity, approximate=full.approximate,
                         kind=full.kind, sources=full.sources, source_sets=full.source_sets)
    assert not bare.planned.any() and len(bare.planned) == len(full)


def test_the_users_status_wins_over_the_extracted_one() -> None:
    c = corpus()
    planned = c.events[1]
    applied = apply_edits(c, [set_edit(planned, CorpusIndex(c), status=Status.HAPPENED)])
    edited = next(e for e in applied.corpus.events if e.id == planned.id)
    assert edited.status is Status.HAPPENED
    assert not CorpusColumns.from_corpus(applied.corpus).planned[1]
