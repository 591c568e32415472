"""The window as a user meets it: opening, drawing, selecting, filtering."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import SEEDS
from timeline.gui import commands
from timeline.gui.filters import haystack
from timeline.gui.main_window import MainWindow
from timeline.index import SECONDS_PER_DAY, LaneMode, seconds
from timeline.model import Corpus, Granularity


def time_at_pixel(w: MainWindow, x: float) -> float:
    scene = w.canvas.view.mapToScene(QPoint(round(x), 10))
    return w.canvas.vb.mapSceneToView(scene).x()


def test_opening_the_seeds_draws_every_extracted_event(qtbot, settings, seeds_corpus):
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.loader.loaded, timeout=20000):
        w.open_paths([str(SEEDS)])
    assert w.windowTitle() == "Timeline — seeds"
    drawn = {w.controller.shown[i].id for i in w.canvas.index.event}
    assert drawn == {e.id for e in seeds_corpus.events}
    assert len(w.canvas.visible_events()) == len(seeds_corpus.events)  # fitted to all
    n = len(seeds_corpus.events)
    assert w.status.text().startswith(f"{n} of {n} events shown")
    w.loader.wait()


def test_wheel_zooms_around_the_point_under_the_cursor(window):
    canvas = window.canvas
    event = len(window.controller.shown) // 2
    point = canvas.event_point(event)
    before = canvas.view_range()
    anchor = time_at_pixel(window, point.x())
    wheel = QWheelEvent(QPointF(point), QPointF(canvas.view.mapToGlobal(point)), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas.view.viewport(), wheel)
    after = canvas.view_range()
    assert after[1] - after[0] < (before[1] - before[0]) * 0.9
    assert abs(time_at_pixel(window, point.x()) - anchor) < (after[1] - after[0]) * 0.01
    _, (r0, r1) = canvas.vb.viewRange()
    canvas.vb.sigResized.emit(canvas.vb)
    assert canvas.vb.viewRange()[1] == [r0, r1]  # the lanes did not move


def test_shift_wheel_pans_without_zooming(window):
    canvas = window.canvas
    canvas.zoom(0.3)
    t0, t1 = canvas.view_range()
    point = QPoint(canvas.view.width() // 2, canvas.view.height() // 2)
    wheel = QWheelEvent(QPointF(point), QPointF(canvas.view.mapToGlobal(point)), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ShiftModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas.view.viewport(), wheel)
    a, b = canvas.view_range()
    assert a > t0
    assert abs((b - a) - (t1 - t0)) < (t1 - t0) * 1e-6


def test_clicking_an_event_selects_it_and_shows_its_sentence(qtbot, window):
    c = window.controller
    drawn = window.canvas.drawn_events()  # not those gathered into a cluster badge
    position = int(drawn[len(drawn) // 3])
    point = window.canvas.event_point(position)
    qtbot.mouseClick(window.canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    clicked = c.selected
    assert clicked is not None
    # Markers of events on the same day coincide: the click may pick a twin, whose
    # marker is then at the clicked pixel too.
    at = window.canvas.event_point(c.position(clicked))
    assert (at - point).manhattanLength() <= 8
    mention = clicked.mentions[0]
    doc = c.corpus.document(mention.document)
    sentence = doc.text[mention.sentence[0]:mention.sentence[1]]
    assert window.detail.source.sentence == mention.sentence
    assert " ".join(sentence.split()) in " ".join(window.detail.source.toPlainText().split())
    assert window.canvas.selected == c.position(clicked)


def test_click_on_empty_space_clears_the_selection(qtbot, window):
    window.controller.select_position(0)
    view = window.canvas.view
    corner = window.canvas.vb.sceneBoundingRect().bottomRight() - QPointF(6, 6)
    empty = view.mapFromScene(corner)
    assert window.canvas.event_at(window.canvas.vb.mapSceneToView(view.mapToScene(empty))) < 0
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert window.controller.selected is None


def test_keyboard_steps_through_events_in_time_order(qtbot, window):
    view = window.canvas.view
    view.setFocus()
    seen = []
    for _ in range(len(window.controller.shown)):
        qtbot.keyClick(view, Qt.Key.Key_N)
        seen.append(window.controller.selected)
    starts = [(e.when.start, e.when.end) for e in seen]
    assert starts == sorted(starts)
    assert {e.id for e in seen} == {e.id for e in window.controller.shown}
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.controller.selected.id == seen[-2].id
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert window.controller.selected.id == seen[-1].id
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.controller.selected is None


def test_table_and_canvas_selection_follow_each_other(qtbot, window):
    table = window.table
    table.selectRow(4)
    chosen = table.event_at_row(4)
    assert window.controller.selected.id == chosen.id
    assert window.canvas.selected == window.controller.position(chosen)
    drawn = window.canvas.drawn_events()
    other = int(drawn[(int(np.searchsorted(drawn, window.controller.position(chosen))) + 3)
                      % len(drawn)])
    point = window.canvas.event_point(other)
    qtbot.mouseClick(window.canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    picked = window.controller.selected
    row = table.selectionModel().currentIndex().row()
    assert table.event_at_row(row).id == picked.id


def test_search_and_filters_change_what_is_shown(qtbot, window):
    corpus = window.controller.corpus
    word = "ministerial"
    texts = {d.id: d.text for d in corpus.documents}
    expected = [e for e in corpus.events if word in haystack(e, texts)]
    assert 0 < len(expected) < len(corpus.events), "seeds should have some but not all"
    qtbot.keyClicks(window.filter_bar.search, word)
    qtbot.waitUntil(lambda: len(window.controller.shown) == len(expected), timeout=3000)
    assert window.table.model().rowCount() == len(expected)
    assert {window.controller.shown[i].id for i in window.canvas.index.event} == \
        {e.id for e in expected}
    assert window.status.text().startswith(f"{len(expected)} of {len(corpus.events)}")
    window.filter_bar.search.clear()
    window.filter_bar.emit_filters()
    precision = corpus.events[0].when.granularity
    window.filter_bar.precisions.set_checked(precision, True)
    assert {e.when.granularity for e in window.controller.shown} == {precision}
    assert window.table.model().rowCount() == len(window.controller.shown)


def test_filtering_by_document_keeps_only_its_lane(window):
    doc = window.controller.corpus.documents[0]
    window.filter_bar.documents.set_checked(doc.id, True)
    canvas = window.canvas
    assert [canvas.index.lanes[i].key for i in canvas.lanes.order] == [doc.id]
    assert all(any(m.document == doc.id for m in e.mentions) for e in window.controller.shown)


def test_an_unreadable_file_is_listed_under_problems(qtbot, settings, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("The meeting was held on 12 October 2011 in Sydney.\n")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\xfa not text \x81\x82")
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.loader.loaded, timeout=20000):
        w.open_paths([str(folder)])
    assert any(p.endswith("bad.txt") for p in w.problems.paths())
    assert w.problems_dock.isVisible()
    assert [d.path for d in w.controller.corpus.documents] == [str(folder / "good.txt")]
    assert "could not be read" in w.status.text()
    w.loader.wait()


def test_an_empty_corpus_explains_how_to_open_documents(window):
    window.show_corpus(Corpus())
    assert window.stack.currentWidget() is window.empty
    assert "Open Files" in window.empty.message.text()


def test_overview_and_canvas_stay_in_sync(window):
    t0, t1 = window.canvas.view_range()
    window.canvas.set_range(t0, t0 + (t1 - t0) / 4)
    a, b = window.overview.region.getRegion()
    assert np.allclose((a, b), window.canvas.view_range())
    mid = (t0 + t1) / 2
    window.overview.regionChanged.emit(mid, mid + 200 * SECONDS_PER_DAY)
    assert np.allclose(window.canvas.view_range(), (mid, mid + 200 * SECONDS_PER_DAY))


def test_zoom_is_bounded_by_a_day_and_by_the_corpus(window):
    for _ in range(40):
        window.canvas.zoom(0.3)
    t0, t1 = window.canvas.view_range()
    assert t1 - t0 >= SECONDS_PER_DAY * 0.999
    for _ in range(40):
        window.canvas.zoom(3.0)
    lo, hi = window.canvas.limits()
    a, b = window.canvas.view_range()
    assert lo - 1 <= a and b <= hi + 1


def test_go_to_date_shows_the_month_typed(window):
    assert commands.go_to_date(window, "March 2011")
    t0, t1 = window.canvas.view_range()
    assert t0 <= seconds(__import__("datetime").date(2011, 3, 1)) < t1
    assert t1 - t0 < 60 * SECONDS_PER_DAY


def test_lanes_can_group_by_kind(window):
    window.set_lane_mode(LaneMode.KIND)
    kinds = {e.kind.value for e in window.controller.shown}
    assert {lane.key for lane in window.canvas.index.lanes} == kinds
    assert window.filter_bar.lanes.currentData() == LaneMode.KIND


def test_export_view_writes_a_png(window, tmp_path):
    target = tmp_path / "view.png"
    assert commands.export_png(window, str(target))
    from PySide6.QtGui import QImage

    image = QImage(str(target))
    assert not image.isNull() and image.width() > 100


def test_keys_zoom_pan_fit_and_open_the_source(qtbot, window):
    view = window.canvas.view
    view.setFocus()
    t0, t1 = window.canvas.view_range()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    a, b = window.canvas.view_range()
    assert b - a < (t1 - t0) * 0.8
    qtbot.keyClick(view, Qt.Key.Key_Right)
    c, d = window.canvas.view_range()
    assert c > a and abs((d - c) - (b - a)) < 1
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert window.canvas.view_range()[1] - window.canvas.view_range()[0] > (d - c) * 1.2
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert np.allclose(window.canvas.view_range(), (t0, t1))
    qtbot.keyClick(view, Qt.Key.Key_N)
    event = window.controller.selected
    qtbot.keyClick(view, Qt.Key.Key_F)
    f0, f1 = window.canvas.view_range()
    assert f0 < seconds(event.when.start) and seconds(event.when.end) < f1
    assert f1 - f0 < (t1 - t0) / 4
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.detail.source.hasFocus()


def test_a_one_day_view_paints(window):
    # A day-precise event: a year-long one is drawn at its middle, out of a one-day view.
    event = next(e for e in window.controller.shown if e.when.granularity is Granularity.DAY)
    day = seconds(event.when.start)
    window.canvas.set_range(day, day + SECONDS_PER_DAY / 2)
    t0, t1 = window.canvas.view_range()
    assert abs((t1 - t0) - SECONDS_PER_DAY) < 1
    window.canvas.view.viewport().repaint()  # a paint error would fail the test
    assert window.canvas.item.labels, "the event's title is drawn at deep zoom"


def test_filtering_keeps_the_view_where_it_was(window):
    window.canvas.zoom(0.5)
    before = window.canvas.view_range()
    limits = window.canvas.limits()
    window.filter_bar.precisions.set_checked(window.controller.corpus.events[0].when.granularity,
                                             True)
    assert np.allclose(window.canvas.view_range(), before)
    assert window.canvas.limits() == limits


def test_a_new_window_fits_the_screen(qtbot, settings):
    from timeline.gui.main_window import MainWindow

    w = MainWindow(settings)
    qtbot.addWidget(w)
    room = w.screen().availableGeometry()
    assert room.width() < 1400 or room.height() < 900  # the offscreen screen is small
    assert w.width() <= room.width() and w.height() <= room.height()
