"""More of the window: the source link both ways, mouse gestures, help, settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import SEEDS
from timeline.gui import commands
from timeline.gui.actions import SPECS
from timeline.gui.app import missing_library_message
from timeline.gui.main_window import MainWindow


def press_move_release(widget, start: QPoint, end: QPoint, mods=Qt.KeyboardModifier.NoModifier):
    """A real drag: press, several moves with the button held, release."""
    left = Qt.MouseButton.LeftButton
    QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(start),
                                               QPointF(start), left, left, mods))
    for i in range(1, 11):
        p = QPointF(start + (end - start) * (i / 10))
        QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseMove, p, p, left, left,
                                                   mods))
    QApplication.sendEvent(widget, QMouseEvent(QEvent.Type.MouseButtonRelease, QPointF(end),
                                               QPointF(end), left, Qt.MouseButton.NoButton,
                                               mods))


def middle_of_view(w: MainWindow) -> tuple[QPoint, QPoint]:
    rect = w.canvas.vb.sceneBoundingRect()
    a = w.canvas.view.mapFromScene(rect.center() - QPointF(rect.width() * 0.25, 0))
    b = w.canvas.view.mapFromScene(rect.center() + QPointF(rect.width() * 0.15, 0))
    return a, b


def test_clicking_another_date_in_the_source_selects_its_event(qtbot, window):
    c = window.controller
    by_doc = {}
    for e in c.shown:
        for m in e.mentions:
            by_doc.setdefault(m.document, []).append((e, m))
    _doc_id, pairs = max(by_doc.items(), key=lambda kv: len({e.id for e, _ in kv[1]}))
    first, _ = pairs[0]
    other, mention = next((e, m) for e, m in pairs if e.id != first.id)
    c.select(first)
    source = window.detail.source
    cursor = source.textCursor()
    cursor.setPosition(source._offsets.to_qt(mention.span[0] + 1))
    source.setTextCursor(cursor)
    source.ensureCursorVisible()
    point = source.cursorRect(cursor).center()
    qtbot.mouseClick(source.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert c.selected.id == other.id
    assert window.detail.current.id == other.id


def test_merged_events_step_through_their_mentions(window, merged_corpus):
    window.show_corpus(merged_corpus)
    event = merged_corpus.events[0]
    window.controller.select(event)
    assert "Mention 1 of 2" in window.detail.where.text()
    assert window.detail.next_button.isEnabled()
    assert not window.detail.previous_button.isEnabled()
    window.detail.step_mention(1)
    assert window.detail.source.sentence == event.mentions[1].sentence
    assert window.detail.source.toPlainText() == merged_corpus.documents[1].text
    assert "Mention 2 of 2" in window.detail.where.text()
    assert not window.detail.next_button.isEnabled()
    # the event sits in both documents' lanes, and the header says how it was dated
    assert sorted(window.canvas.index.lane[window.canvas.index.items_of(0)].tolist()) == [0, 1]
    assert "29–30 March 2011 (day)" in window.detail.header.text()
    assert "Kind: meeting" in window.detail.header.text()


def test_the_detail_pane_lists_expressions_that_could_not_be_placed(window, merged_corpus):
    window.show_corpus(merged_corpus)
    window.controller.select(merged_corpus.events[0])
    items = [window.detail.unplaced_list.item(i).text()
             for i in range(window.detail.unplaced_list.count())]
    assert items == ["“the next decade” — no anchor for a decade to come"]
    window.detail.step_mention(1)  # document b has none
    assert window.detail.unplaced_list.count() == 0
    assert "Every date expression" in window.detail.unplaced_label.text()


def test_drag_pans_time_and_keeps_the_width(window):
    window.canvas.zoom(0.5)
    t0, t1 = window.canvas.view_range()
    a, b = middle_of_view(window)
    press_move_release(window.canvas.view.viewport(), b, a)
    n0, n1 = window.canvas.view_range()
    assert n0 > t0  # dragged leftwards: later dates come into view
    assert abs((n1 - n0) - (t1 - t0)) < (t1 - t0) * 1e-6


def test_shift_drag_zooms_to_the_dragged_span(window):
    a, b = middle_of_view(window)
    ta = window.canvas.vb.mapSceneToView(window.canvas.view.mapToScene(a)).x()
    tb = window.canvas.vb.mapSceneToView(window.canvas.view.mapToScene(b)).x()
    press_move_release(window.canvas.view.viewport(), a, b, Qt.KeyboardModifier.ShiftModifier)
    n0, n1 = window.canvas.view_range()
    assert abs(n0 - ta) < (tb - ta) * 0.05 and abs(n1 - tb) < (tb - ta) * 0.05


def test_double_click_on_empty_space_zooms_in(window):
    corner = window.canvas.vb.sceneBoundingRect().bottomRight() - QPointF(8, 8)
    point = window.canvas.view.mapFromScene(corner)
    t0, t1 = window.canvas.view_range()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    p = QPointF(point)
    for kind, buttons in ((QEvent.Type.MouseButtonPress, left),
                          (QEvent.Type.MouseButtonRelease, none),
                          (QEvent.Type.MouseButtonDblClick, left),
                          (QEvent.Type.MouseButtonRelease, none)):
        QApplication.sendEvent(window.canvas.view.viewport(), QMouseEvent(
            kind, p, p, left, buttons, Qt.KeyboardModifier.NoModifier))
    n0, n1 = window.canvas.view_range()
    assert n1 - n0 < (t1 - t0) * 0.75


def test_hovering_an_event_highlights_it_and_explains_it(qtbot, window):
    c = window.controller
    drawn = window.canvas.drawn_events()
    position = int(drawn[len(drawn) // 2])
    point = window.canvas.event_point(position)
    qtbot.mouseMove(window.canvas.view.viewport(), point)
    hovered = window.canvas.item.hover_item
    assert hovered >= 0
    event = c.shown[int(window.canvas.index.event[hovered])]
    tip = window.canvas.tooltip_for(int(window.canvas.index.event[hovered]))
    assert "Precision:" in tip and " ".join(event.mentions[0].text.split()) in tip


def test_the_shortcuts_dialog_lists_every_shortcut(qtbot, window):
    dialog = commands.show_shortcuts(window)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    for spec in SPECS:
        if spec.keys:
            assert any(spec.keys[0] in keys for keys, _ in rows), spec.name
    assert any("Shift+wheel" in keys for keys, _ in rows)
    for spec in SPECS:  # and every action really answers to those keys
        action = window.acts[spec.name]
        assert [s.toString() for s in action.shortcuts()] == \
            [s.toString() for s in map(__import__("PySide6.QtGui").QtGui.QKeySequence,
                                       spec.keys)]


def test_dropping_a_folder_opens_it(qtbot, window, tmp_path):
    (tmp_path / "note.txt").write_text("They met on 3 May 2012 in Jakarta.\n")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        window.dropEvent(drop)
    assert [d.path for d in window.controller.corpus.documents] == [str(tmp_path / "note.txt")]
    assert window.windowTitle() == f"Timeline — {tmp_path.name}"


def test_layout_and_lanes_are_remembered_between_runs(qtbot, settings):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.set_lane_mode(first.controller.lane_mode.__class__("actor"))
    first.table_dock.hide()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert second.controller.lane_mode.value == "actor"
    assert not second.table_dock.isVisible()


def test_recent_paths_are_offered_in_the_file_menu(qtbot, window):
    window.recent.add([str(SEEDS)])
    window.recent.fill_menu(window.recent_menu, window.open_paths)
    texts = [a.text() for a in window.recent_menu.actions()]
    assert "seeds" in texts


def test_a_missing_xcb_library_is_named_with_its_package():
    message = missing_library_message(
        "libxcb-cursor.so.0: cannot open shared object file: No such file or directory")
    assert "libxcb-cursor.so.0" in message and "libxcb-cursor0" in message
    assert "QT_QPA_PLATFORM=offscreen" in message


def test_no_display_is_explained_instead_of_crashing(monkeypatch):
    import sys

    import pytest

    from timeline.gui.app import DisplayError, check_display

    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(DisplayError, match="No display found"):
        check_display()
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    check_display()  # headless: nothing to check


def test_the_open_dialog_offers_every_readable_format():
    from timeline.gui.commands import file_filter
    from timeline.ingest import SUPPORTED_SUFFIXES

    offered = file_filter().split(";;")[0]
    assert all(f"*{suffix}" in offered.split("(")[1] for suffix in SUPPORTED_SUFFIXES)


def test_a_passage_in_a_paged_document_names_its_page(window, merged_corpus):
    import dataclasses

    first, second = merged_corpus.documents
    cut = first.text.index("29-30")  # the date opens the second page
    paged = dataclasses.replace(first, path="/a.pdf", page_starts=(0, cut))
    corpus = dataclasses.replace(merged_corpus, documents=(paged, second))
    window.show_corpus(corpus)
    window.controller.select(corpus.events[0])
    assert "page 2" in window.detail.where.text()
    window.detail.step_mention(1)
    assert "page" not in window.detail.where.text()  # a text file has no pages
