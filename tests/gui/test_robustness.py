"""Odd file names, failing readers and exports over existing files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent, QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox

import timeline.collection
import timeline.ingest
import timeline.pipeline
from timeline.gui import commands
from timeline.gui.display import as_rich, displayable, menu_text, qt_safe
from timeline.gui.file_urls import file_url, local_path
from timeline.gui.main_window import MainWindow
from timeline.model import Corpus, Document

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
UNREADABLE = b"\xff\xfe\xfa not text \x81\x82"


def seen(text: str) -> str:
    """What a widget that guesses the text format (a tooltip, a message box) shows."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def dated_folder(tmp_path: Path, names: list[str]) -> Path:
    """A folder holding one dated statement per name."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for n, name in enumerate(names, start=1):
        with open(os.path.join(str(folder), name), "w", encoding="utf-8") as file:
            file.write(f"The summit number {n} was held on {n} May 2010 in Bali.\n")
    return folder


def loaded_window(qtbot, settings, paths: list[str]) -> MainWindow:
    """A shown window after reading ``paths`` in its worker thread."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        window.open_paths(paths)
    return window


def select_from(window: MainWindow, path: str) -> None:
    """Select an event mentioned in the document read from ``path``."""
    c = window.controller
    doc_id = next(d.id for d in c.corpus.documents if d.path == path)
    c.select(next(e for e in c.shown if e.mentions[0].document == doc_id))


# ------------------------------------------------------------ odd file names
NOT_UTF8 = os.fsdecode(b"notes\xff.txt")


def test_a_name_that_is_not_utf8_costs_no_document(qtbot, settings, tmp_path):
    names = [f"good{n}.txt" for n in range(1, 6)] + [NOT_UTF8]
    folder = dated_folder(tmp_path, names)
    window = loaded_window(qtbot, settings, [str(folder)])
    corpus = window.controller.corpus
    odd = os.path.join(str(folder), NOT_UTF8)
    assert len(corpus.documents) == 6 and not corpus.problems
    assert odd in [d.path for d in corpus.documents]  # the real name, for opening
    assert window.stack.currentWidget() is window.timeline_page
    assert len(window.controller.shown) == 6
    assert "notes\\xff.txt" in window.loading.label.text()
    assert all(qt_safe(d.title) == d.title for d in corpus.documents)
    select_from(window, odd)
    assert "notes\\xff.txt" in seen(window.detail.where.text())
    window.loader.wait()


def test_a_file_not_utf8_named_opens_and_is_remembered(qtbot, settings, tmp_path):
    folder = dated_folder(tmp_path, [NOT_UTF8])
    odd = os.path.join(str(folder), NOT_UTF8)
    window = loaded_window(qtbot, settings, [odd])
    assert [d.path for d in window.controller.corpus.documents] == [odd]
    assert window.windowTitle() == "Timeline — notes\\xff.txt"
    assert window.recent.entries() == [[odd]]
    window.recent.fill_menu(window.recent_menu, window.open_paths)
    assert "notes\\xff.txt" in [a.text() for a in window.recent_menu.actions()]
    assert file_url(odd).toEncoded().endsWith(b"/notes%FF.txt")
    window.loader.wait()


def test_a_dropped_file_not_utf8_named_is_opened_by_its_bytes(qtbot, window, tmp_path):
    folder = dated_folder(tmp_path, [NOT_UTF8])
    odd = os.path.join(str(folder), NOT_UTF8)
    data = QMimeData()
    data.setUrls([file_url(odd)])
    assert local_path(data.urls()[0]) == odd
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        window.dropEvent(drop)
    assert [d.path for d in window.controller.corpus.documents] == [odd]


def test_markup_in_file_names_is_shown_as_text(qtbot, settings, tmp_path):
    shown = "<b>bold <img src=nowhere.png> & co.txt"
    broken = "<i>broken.txt"
    folder = dated_folder(tmp_path, [shown])
    (folder / broken).write_bytes(UNREADABLE)
    window = loaded_window(qtbot, settings, [str(folder)])
    label = window.loading.label
    assert label.textFormat() == Qt.TextFormat.PlainText and broken in label.text()
    item = window.problems.topLevelItem(0)
    assert item.text(0) == str(folder / broken)
    assert seen(item.toolTip(0)) == str(folder / broken)
    select_from(window, str(folder / shown))
    assert f"({shown})" in seen(window.detail.where.text())
    model = window.table.source_model
    for row in range(model.rowCount()):
        title, tip = (model.data(model.index(row, 1), role) for role in
                      (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole))
        assert seen(tip) == title
    window.recent.fill_menu(window.recent_menu, window.open_paths)
    assert seen(window.recent_menu.actions()[0].toolTip()) == str(folder.resolve())
    window.loader.wait()


def test_titles_in_table_tooltips_and_menus_are_taken_literally():
    assert seen(as_rich("<b>a</b> & b\n<i>c")) == "<b>a</b> & b\n<i>c"
    assert menu_text("Q&A notes") == "Q&&A notes"
    assert qt_safe(NOT_UTF8) == "notes\\xff.txt"


def test_titles_qt_cannot_hold_are_escaped_and_paths_kept():
    odd = "/docs/" + NOT_UTF8
    corpus = Corpus((Document("notes", odd, NOT_UTF8[:-4], None, "text"),
                     Document("plain", "/docs/plain.txt", "Plain", None, "text")))
    shown = displayable(corpus)
    assert [d.title for d in shown.documents] == ["notes\\xff", "Plain"]
    assert shown.documents[0].path == odd
    assert shown.documents[1] is corpus.documents[1]
    plain = Corpus(corpus.documents[1:])
    assert displayable(plain) is plain


# ------------------------------------------------------------------ failures
def test_a_reader_that_fails_costs_only_its_file(qtbot, settings, tmp_path, monkeypatch):
    real = timeline.pipeline.read_document

    def flaky(path, *args, **kwargs):
        if Path(path).name == "cursed.txt":
            raise RuntimeError("a reader fault")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(timeline.pipeline, "read_document", flaky)
    folder = dated_folder(tmp_path, ["a.txt", "b.txt", "cursed.txt", "d.txt"])
    window = loaded_window(qtbot, settings, [str(folder)])
    corpus = window.controller.corpus
    assert sorted(Path(d.path).name for d in corpus.documents) == ["a.txt", "b.txt", "d.txt"]
    assert window.problems.paths() == [str(folder / "cursed.txt")]
    assert "a reader fault" in window.problems.topLevelItem(0).text(1)
    assert window.problems_dock.isVisible()
    window.loader.wait()


def test_when_events_cannot_be_built_the_documents_and_the_fault_show(qtbot, settings,
                                                                    tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("events fault")

    # Merging is done by the store's update (and by a load without a store).
    monkeypatch.setattr(timeline.collection, "events_from_drafts", broken)
    monkeypatch.setattr(timeline.pipeline, "events_from_drafts", broken)
    folder = dated_folder(tmp_path, ["a.txt", "b.txt"])
    window = loaded_window(qtbot, settings, [str(folder)])
    assert len(window.controller.corpus.documents) == 2
    assert window.stack.currentWidget() is window.empty
    assert "2 documents" in window.empty.message.text()
    assert "events fault" in window.problems.topLevelItem(0).text(1)
    window.loader.wait()


def test_when_nothing_can_be_read_the_window_says_why(qtbot, settings, tmp_path,
                                                      monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("everything fault")

    monkeypatch.setattr(timeline.pipeline, "extract_corpus", broken)
    monkeypatch.setattr(timeline.ingest, "discover", broken)
    monkeypatch.setattr(timeline.collection, "discover", broken)
    folder = dated_folder(tmp_path, ["a.txt"])
    window = loaded_window(qtbot, settings, [str(folder)])
    assert window.stack.currentWidget() is window.empty
    assert window.problems_dock.isVisible()
    assert "everything fault" in window.problems.topLevelItem(0).text(1)
    window.loader.wait()


# ------------------------------------------------------------------- exports
def answering(answer: QMessageBox.StandardButton, asked: list):
    """A stand-in for QMessageBox.question that records what it was asked."""
    def question(_parent, _title, text, buttons, default):
        asked.append((seen(text), buttons, default))
        return answer
    return question


def saving_as(name: str):
    """A stand-in for the save dialog that confirms ``name``."""
    return lambda *_args, **_kwargs: (name, "PNG images (*.png)")


@pytest.mark.parametrize(("answer", "replaced"), [(No, False), (Yes, True)])
def test_export_asks_before_replacing_a_file_the_dialog_did_not_name(
        window, tmp_path, monkeypatch, answer, replaced):
    existing = tmp_path / "view.png"
    existing.write_bytes(b"an older picture")
    asked: list = []
    monkeypatch.setattr(commands.QFileDialog, "getSaveFileName", saving_as(str(tmp_path / "view")))
    monkeypatch.setattr(commands.QMessageBox, "question", answering(answer, asked))
    window.acts["export_png"].trigger()
    [(text, buttons, default)] = asked
    assert "view.png already exists" in text
    assert buttons == Yes | No and default == No
    assert (existing.read_bytes() != b"an older picture") == replaced
    assert QImage(str(existing)).isNull() != replaced


def test_export_does_not_ask_again_about_the_name_the_dialog_confirmed(window, tmp_path,
                                                                       monkeypatch):
    existing = tmp_path / "view.png"
    existing.write_bytes(b"an older picture")
    asked: list = []
    monkeypatch.setattr(commands.QFileDialog, "getSaveFileName", saving_as(str(existing)))
    monkeypatch.setattr(commands.QMessageBox, "question", answering(No, asked))
    window.acts["export_png"].trigger()
    assert not asked
    assert not QImage(str(existing)).isNull()


@pytest.mark.parametrize(("chosen", "exists", "ask"), [
    ("view", True, True),
    ("view", False, False),
    ("view.png", True, False),
    ("view.PNG", True, False),
    ("view.jpg", True, True),
])
def test_when_an_export_must_ask(tmp_path, chosen, exists, ask):
    chosen = str(tmp_path / chosen)
    target = commands.png_target(chosen)
    if exists:
        Path(target).write_bytes(b"x")
    assert commands.must_ask_to_replace(chosen, target) is ask
