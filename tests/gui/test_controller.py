"""The controller lays out a corpus in a worker: the newest request wins, and
views only ever see a corpus, its shown events and their index together."""

from __future__ import annotations

import threading

import numpy as np

from timeline.gui import controller as controller_module
from timeline.gui.controller import TimelineController
from timeline.gui.filters import FilterState
from timeline.index import LaneMode
from timeline.model import Corpus


def in_worker(c: TimelineController) -> TimelineController:
    """``c`` laying out every corpus in its worker, however small."""
    c.inline_events = 0
    return c


def consistent(c: TimelineController) -> bool:
    """The index draws exactly the shown events, all from the corpus on show."""
    ids = {e.id for e in c.corpus.events}
    drawn = set(np.unique(c.index.event).tolist())
    return (len(c.index.columns) == len(c.shown) and drawn <= set(range(len(c.shown)))
            and all(e.id in ids for e in c.shown)
            and [c.corpus.events[i].id for i in c.shown_indices] == [e.id for e in c.shown])


def test_a_corpus_is_laid_out_in_the_worker_and_swapped_in_whole(qtbot, seeds_corpus,
                                                                 monkeypatch):
    c = in_worker(TimelineController())
    threads, seen = [], []
    lay_out = controller_module.lay_out

    def recorded(*args):
        threads.append(threading.current_thread() is threading.main_thread())
        return lay_out(*args)

    monkeypatch.setattr(controller_module, "lay_out", recorded)
    for name in ("corpusChanged", "layoutChanged", "selectionChanged"):
        getattr(c, name).connect(lambda *_a, n=name: seen.append((n, consistent(c))))
    with qtbot.waitSignal(c.settled, timeout=20000):
        c.set_corpus(seeds_corpus)
        assert c.busy and c.corpus.events == ()  # still the old corpus until laid out
    assert threads == [False]
    assert c.corpus is seeds_corpus and len(c.shown) == len(seeds_corpus.events)
    assert seen == [("corpusChanged", True), ("layoutChanged", True),
                    ("selectionChanged", True)]
    assert c.extent[0] < c.extent[1]


def test_a_newer_request_supersedes_older_ones(qtbot, seeds_corpus):
    c = in_worker(TimelineController())
    c.set_corpus(seeds_corpus)
    assert c.wait_idle(20)
    layouts = []
    c.layoutChanged.connect(lambda: layouts.append((c.filters, len(c.shown), consistent(c))))
    kinds = [frozenset({e.kind}) for e in seeds_corpus.events[:3]]
    with qtbot.waitSignal(c.settled, timeout=20000):
        for k in kinds:
            c.set_filters(FilterState(kinds=k))
        c.set_lane_mode(LaneMode.KIND)
    expected = [e for e in seeds_corpus.events if e.kind in kinds[-1]]
    assert layouts == [(FilterState(kinds=kinds[-1]), len(expected), True)]
    assert [e.id for e in c.shown] == [e.id for e in expected]
    # The index keeps every lane; those without a shown event hold no items
    # (the canvas hides them while filtering).
    ix = c.index
    assert {ln.key for ln, n in zip(ix.lanes, ix.lane_counts, strict=True) if n} == \
        {e.kind.value for e in expected}


def test_a_selection_filtered_out_is_cleared_when_the_layout_lands(qtbot, seeds_corpus):
    c = in_worker(TimelineController())
    c.set_corpus(seeds_corpus)
    assert c.wait_idle(20)
    event = c.shown[3]
    c.select(event)
    assert c.position(event) == 3 and c.event_by_id(event.id) is event
    other = next(k for k in {e.kind for e in seeds_corpus.events} if k is not event.kind)
    with qtbot.waitSignal(c.selectionChanged, timeout=20000):
        c.set_filters(FilterState(kinds=frozenset({other})))
        assert c.selected is event  # the old layout is still on show
    assert c.selected is None and c.position(event) == -1
    assert c.event_by_id(event.id) is event  # hidden, not gone


def test_empty_and_small_corpora_are_laid_out_at_once(qtbot, seeds_corpus):
    c = TimelineController()
    changed = []
    c.layoutChanged.connect(lambda: changed.append(len(c.shown)))
    with qtbot.waitSignal(c.settled, timeout=1000):
        c.set_corpus(seeds_corpus)
    assert changed == [len(seeds_corpus.events)] and not c.busy
    c.set_corpus(Corpus())
    assert changed[-1] == 0 and c.corpus.events == () and c.extent == (0.0, 0.0)
    assert c.position(seeds_corpus.events[0]) == -1 and c.event_by_id("e1") is None
    c.step(1)
    assert c.selected is None


def test_a_small_corpus_set_while_a_large_one_is_laid_out_wins(qtbot, seeds_corpus):
    c = TimelineController()
    c.inline_events = len(seeds_corpus.events)  # the seeds count as large, one event does not
    c.set_corpus(seeds_corpus)
    assert c.busy
    small = Corpus(seeds_corpus.documents[:1], seeds_corpus.events[:1])
    c.set_corpus(small)
    assert c.corpus is small
    assert c.wait_idle(20)
    assert c.corpus is small and len(c.shown) == 1


def test_the_window_follows_a_controller_working_in_the_background(qtbot, window):
    c = window.controller
    in_worker(c)
    window.table.inline_events = 0
    corpus = c.corpus
    precision = corpus.events[0].when.granularity
    window.filter_bar.precisions.set_checked(precision, True)
    assert c.wait_idle(20) and window.table.wait_idle(20)
    expected = {e.id for e in corpus.events if e.when.granularity is precision}
    assert {e.id for e in c.shown} == expected
    assert {c.shown[i].id for i in window.canvas.index.event} == expected
    rows = range(window.table.model().rowCount())
    assert {window.table.id_at_row(r) for r in rows} == expected
    assert window.status.text().startswith(f"{len(expected)} of {len(corpus.events)}")
    window.table.selectRow(1)
    chosen = window.table.id_at_row(1)
    assert c.selected.id == chosen
    window.filter_bar.precisions.set_checked(precision, False)
    assert c.wait_idle(20) and window.table.wait_idle(20)
    row = window.table.selectionModel().currentIndex().row()
    assert window.table.id_at_row(row) == chosen and c.selected.id == chosen


def test_the_table_is_filled_once_per_load_and_not_again_for_new_lanes(qtbot, window,
                                                                      seeds_corpus):
    c, resets = window.controller, []
    window.table.model().modelReset.connect(lambda: resets.append(True))
    window.show_corpus(seeds_corpus)
    assert resets == [True]
    shown = c.shown_indices
    window.set_lane_mode(LaneMode.ACTOR)
    assert c.shown_indices is shown and c.lane_mode is LaneMode.ACTOR
    assert resets == [True]
    window.filter_bar.precisions.set_checked(c.corpus.events[0].when.granularity, True)
    assert resets == [True, True] and c.shown_indices is not shown
