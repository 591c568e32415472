"""The canvas on the seeds: lanes hidden while filtering and back after, and a
filter that matches nothing."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF

from timeline.gui.filters import haystack


def search(window, text: str) -> None:
    window.filter_bar.search.setText(text)
    window.filter_bar.emit_filters()
    assert window.controller.wait_idle(20)


def documents_citing(events) -> set[str]:
    return {m.document for e in events for m in e.mentions}


def a_word_of_few_documents(window) -> str:
    """A word of the titles whose matches are cited by one or two documents."""
    corpus = window.controller.corpus
    texts = {d.id: d.text for d in corpus.documents}
    for word in sorted({w.lower() for e in corpus.events for w in e.title.split()
                        if len(w) > 4 and w.isalpha()}):
        found = [e for e in corpus.events if word in haystack(e, texts)]
        if found and 1 <= len(documents_citing(found)) <= 2:
            return word
    raise AssertionError("the seeds have no word of one or two documents")


def shown_lane_keys(window) -> set[str]:
    canvas = window.canvas
    return {canvas.index.lanes[int(i)].key for i in canvas.lanes.order}


def test_filtering_hides_lanes_without_matches_and_clearing_brings_them_back(window):
    every = {d.id for d in window.controller.corpus.documents}
    assert shown_lane_keys(window) == every
    search(window, a_word_of_few_documents(window))
    matched = documents_citing(window.controller.shown)
    assert 1 <= len(matched) <= 2 < len(every)
    assert shown_lane_keys(window) == matched
    search(window, "")
    assert shown_lane_keys(window) == every


def test_a_search_matching_nothing_leaves_an_empty_canvas_that_answers(qtbot, window):
    search(window, "zzzzqqqq")
    canvas = window.canvas
    assert len(window.controller.shown) == 0 and len(canvas.lanes.order) == 0
    canvas.settle()
    assert len(canvas.drawn_events()) == 0
    t0, t1 = canvas.view_range()
    assert canvas.hit_at(QPointF((t0 + t1) / 2, 0.5)).item == -1
    qtbot.mouseMove(canvas.view.viewport(), QPoint(300, 100))
    canvas.view.viewport().repaint()


def test_the_lane_menu_orders_keeps_and_folds_lanes(window):
    canvas = window.canvas
    menu = {a.text().replace("&", ""): a for a in window.lane_menu.actions()}
    order = {a.text().replace("&", ""): a
             for a in menu["Order Lanes"].menu().actions()}
    order["By Title"].trigger()
    names = [canvas.index.lanes[i].name.casefold() for i in canvas.lanes.order]
    assert names == sorted(names)
    order["As Listed"].trigger()
    assert canvas.lanes.order.tolist() == list(range(len(canvas.index.lanes)))
    menu["Collapse All Lanes"].trigger()
    assert not canvas.lanes.rows.any() and canvas.lanes.total_rows == len(canvas.index.lanes)
    menu["Expand All Lanes"].trigger()
    assert canvas.lanes.rows.all()
