"""File ▸ Save Project / Open Project / Refresh Project in the window: the
edits, their states and the view come back as saved; a failed save leaves
the old file; unsaved edits are asked about on quit; the last project
reopens at start; ``timeline export`` reads a project's edited events."""

from __future__ import annotations

import errno
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from timeline.edits import (
    CorpusIndex,
    Status,
    add_edit,
    hide_edit,
    merge_edit,
    note_edit,
    set_edit,
    show_edit,
    split_edit,
    star_edit,
)
from timeline.gui import commands, projects
from timeline.index import LaneMode, LaneSort
from timeline.model import Granularity, Kind, When
from timeline.pipeline import extract_corpus
from timeline.project import Project, open_project, save_project

editing = pytest.importorskip("timeline.gui.editing",
                              reason="the editing session (window.edit_session) is not in "
                                     "the tree yet")

Buttons = QMessageBox.StandardButton


# ------------------------------------------------------------------ helpers
def new_window(qtbot, settings: QSettings):
    from timeline.gui.main_window import MainWindow

    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def open_in(w, path: Path) -> None:
    w.open_paths([str(path)])
    assert w.projects.wait()


@pytest.fixture
def said(monkeypatch):
    """Every warning the window shows, instead of a modal box."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *a: shown.append(f"{title}: {text}"))
    return shown


def answer(monkeypatch, button) -> list[str]:
    """The unsaved-changes question answered with ``button``; what it asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def every_kind_of_edit(w) -> None:
    """One edit of each kind pushed through the window's editing session."""
    session = w.edit_session
    index = CorpusIndex(session.base)
    events = session.base.events
    multi = next(e for e in events if len(e.mentions) > 1)
    a, b, c, d, e = [x for x in events if x.id != multi.id and len(x.mentions) == 1][:5]
    doc = session.base.documents[0]
    start = doc.text.index(" ", 40) + 1
    when = When(date(2001, 2, 3), date(2001, 2, 3), Granularity.DAY)
    for edit, text in (
            (set_edit(a, index, title="A corrected title", status=Status.PLANNED,
                      kind=Kind.MEETING, actors=("Someone",)), "Edit event"),
            (hide_edit(b, index), "Hide event"),
            (hide_edit(c, index), "Hide event"),
            (show_edit(c, index), "Show event"),
            (note_edit(d, index, "Check the minutes."), "Note"),
            (star_edit(d, index), "Star"),
            (merge_edit([a, e], index), "Merge"),
            (split_edit(multi.mentions[1], index), "Split"),
            (add_edit(doc.id, (start, start + 8), index, "A new event", when), "Add event")):
        session.push(edit, text)


def set_a_view(w) -> None:
    """Lanes by kind sorted by title, empty lanes kept, one collapsed, a
    kind filter and a range of the window's own."""
    w.set_lane_mode(LaneMode.KIND)
    w.canvas.set_lane_sort(LaneSort.TITLE)
    w.canvas.set_keep_empty_lanes(True)
    w.canvas.toggle_lane(0)
    for kind in {e.kind for e in w.controller.corpus.events[:3]}:
        w.filter_bar.kinds.set_checked(kind, True)  # as a click in the Kind menu
    assert w.controller.filters.kinds
    lo, hi = w.canvas.limits()
    w.canvas.set_range(lo + (hi - lo) * 0.2, lo + (hi - lo) * 0.6)


def view_of(w) -> dict:
    return {"lanes": w.controller.lane_mode, "sort": w.canvas.lane_sort,
            "keep": w.canvas.keep_empty_lanes, "collapsed": set(w.canvas.collapsed),
            "filters": w.controller.filters, "bar": w.filter_bar.state()}


# -------------------------------------------------------------------- tests
def test_every_edit_and_the_view_come_back_in_a_new_window(qtbot, window, tmp_path, said):
    every_kind_of_edit(window)
    set_a_view(window)
    assert window.windowTitle().startswith("Timeline \u2014 *")  # unsaved
    path = tmp_path / "work.timeline"
    assert window.projects.save_as(str(path))  # written in a worker
    assert window.projects.wait()
    assert window.windowTitle() == "Timeline \u2014 work.timeline"
    saved_edits = window.edit_session.edits()
    saved_states = dict(window.edit_session.states())
    saved_view = view_of(window)
    saved_range = window.canvas.view_range()
    assert len(saved_edits) == 9 and window.edit_session.applied().orphans == ()

    again = new_window(qtbot, QSettings(str(tmp_path / "other.ini"),
                                        QSettings.Format.IniFormat))
    open_in(again, path)
    assert not said
    assert again.projects.path == str(path.resolve())
    assert again.edit_session.edits() == saved_edits
    assert dict(again.edit_session.states()) == saved_states
    assert view_of(again) == saved_view
    assert again.canvas.view_range() == pytest.approx(saved_range, rel=1e-9)
    assert again.windowTitle() == "Timeline \u2014 work.timeline"
    shown = {e.title for e in again.controller.corpus.events}
    assert {"A corrected title", "A new event"} <= shown
    assert again.paths == window.paths


def test_the_view_comes_back_when_the_layout_is_made_in_the_background(qtbot, window,
                                                                       tmp_path):
    set_a_view(window)
    path = tmp_path / "work.timeline"
    assert window.projects.save_as(str(path), wait=True)
    saved_view, saved_range = view_of(window), window.canvas.view_range()
    again = new_window(qtbot, QSettings(str(tmp_path / "other.ini"),
                                        QSettings.Format.IniFormat))
    again.controller.inline_events = 0  # as for a large collection: laid out in a worker
    open_in(again, path)
    assert again.controller.wait_idle()
    assert view_of(again) == saved_view
    assert again.canvas.view_range() == pytest.approx(saved_range, rel=1e-9)


def test_a_save_that_fails_midway_keeps_the_old_file(window, tmp_path, said, monkeypatch):
    path = tmp_path / "work.timeline"
    assert window.projects.save_as(str(path), wait=True)
    before = path.read_bytes()
    index = CorpusIndex(window.edit_session.base)
    window.edit_session.push(hide_edit(window.edit_session.base.events[0], index), "Hide")

    def no_room(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    window.acts["save_project"].trigger()  # Ctrl+S: written in a worker
    assert window.projects.wait()
    assert len(said) == 1 and "disk is full" in said[0]
    assert path.read_bytes() == before
    assert open_project(path).edits == ()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert window.projects.unsaved and "*" in window.windowTitle()
    monkeypatch.undo()
    assert window.projects.save(wait=True)
    assert len(open_project(path).edits) == 1
    assert not window.projects.unsaved


def test_an_edit_made_while_saving_stays_unsaved(window, tmp_path):
    path = tmp_path / "work.timeline"
    index = CorpusIndex(window.edit_session.base)
    events = window.edit_session.base.events
    window.edit_session.push(star_edit(events[0], index), "Star")
    assert window.projects.save_as(str(path))
    # The worker's result comes back through the event loop: this edit is
    # made before it does.
    window.edit_session.push(star_edit(events[1], index), "Star")
    assert window.projects.wait()
    assert len(open_project(path).edits) == 1
    assert window.projects.path == str(path.resolve())
    assert window.projects.unsaved and "*" in window.windowTitle()


def test_a_file_that_is_not_a_project_leaves_the_window_as_it_was(window, tmp_path, said):
    path = tmp_path / "damaged.timeline"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 52 + bytes.fromhex("544C5052")
                     + b"\x00" * 300)
    events = window.controller.corpus.events
    title = window.windowTitle()
    open_in(window, path)
    assert len(said) == 1 and "damaged.timeline" in said[0]
    assert window.controller.corpus.events is events
    assert window.windowTitle() == title and window.projects.path == ""


def test_quit_asks_only_when_edits_are_unsaved(qtbot, window, monkeypatch, tmp_path):
    asked = answer(monkeypatch, Buttons.Cancel)
    index = CorpusIndex(window.edit_session.base)
    window.edit_session.push(star_edit(window.edit_session.base.events[0], index), "Star")
    window.acts["quit"].trigger()
    assert len(asked) == 1 and window.isVisible()  # Cancel: still open
    window.edit_session.undo_stack.undo()
    window.acts["quit"].trigger()
    assert len(asked) == 1 and not window.isVisible()  # nothing unsaved: not asked


def test_save_from_the_quit_prompt_saves_then_closes(window, monkeypatch, tmp_path, said):
    answer(monkeypatch, Buttons.Save)
    path = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(path), ""))
    index = CorpusIndex(window.edit_session.base)
    window.edit_session.push(note_edit(window.edit_session.base.events[2], index, "n"), "Note")
    window.acts["quit"].trigger()
    assert not window.isVisible()
    assert len(open_project(tmp_path / "chosen.timeline").edits) == 1


def test_the_close_button_asks_too_and_discard_closes(window, monkeypatch):
    asked = answer(monkeypatch, Buttons.Discard)
    index = CorpusIndex(window.edit_session.base)
    window.edit_session.push(hide_edit(window.edit_session.base.events[1], index), "Hide")

    class FromWindowManager(QCloseEvent):
        def spontaneous(self) -> bool:
            return True

    event = FromWindowManager()
    window.closeEvent(event)
    assert len(asked) == 1 and event.isAccepted()


def test_the_last_project_reopens_at_start(qtbot, window, settings, tmp_path):
    path = tmp_path / "work.timeline"
    index = CorpusIndex(window.edit_session.base)
    window.edit_session.push(star_edit(window.edit_session.base.events[3], index), "Star")
    assert window.projects.save_as(str(path), wait=True)
    window.save_settings()

    later = new_window(qtbot, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert later.projects.reopen_last()
    assert later.projects.wait()
    assert later.projects.path == str(path.resolve())
    assert later.edit_session.edits() == window.edit_session.edits()


def test_a_last_project_that_is_gone_is_forgotten(qtbot, tmp_path):
    ini = tmp_path / "start.ini"
    ini.write_text(f"[files]\nlast_project={tmp_path / 'gone.timeline'}\n")
    w = new_window(qtbot, QSettings(str(ini), QSettings.Format.IniFormat))
    assert not w.projects.reopen_last()
    assert w.settings.value(projects.LAST_KEY) == ""


def test_open_files_with_a_project_opens_the_project(window, tmp_path, monkeypatch, said):
    corpus = window.edit_session.base
    event = corpus.events[0]
    edit = set_edit(event, CorpusIndex(corpus), title="Saved elsewhere")
    path = tmp_path / "elsewhere.timeline"
    save_project(path, Project(("/somewhere",), corpus, (edit,), {"lanes": "actor"}))
    monkeypatch.setattr(commands.QFileDialog, "getOpenFileNames",
                        lambda *a: ([str(path)], ""))
    commands.open_files(window)
    assert window.projects.wait()
    assert window.paths == ["/somewhere"]
    assert window.controller.lane_mode is LaneMode.ACTOR
    assert window.controller.event_by_id(event.id).title == "Saved elsewhere"
    assert not window.projects.unsaved


def test_refresh_lists_the_edits_that_lost_their_passage(qtbot, window, folder, tmp_path):
    corpus = extract_corpus([folder])
    index = CorpusIndex(corpus)
    kept = note_edit(corpus.events[0], index, "kept")
    path = tmp_path / "summit.timeline"
    save_project(path, Project((str(folder),), corpus, (kept,)))
    open_in(window, path)
    doc = folder / "summit.txt"
    doc.write_text("Nothing dated remains here.\n")
    window.projects.refresh()
    assert window.projects.wait()
    box = window.projects.orphans_box
    assert box is not None and box.isVisible()
    assert "1 edit lost its passage" in box.text()
    assert "5 May 2010" in box.detailedText() and "no longer in summit.txt" in \
        box.detailedText()
    assert window.edit_session.edits() == [kept]  # kept in the project, not dropped
    assert window.projects.unsaved
    box.close()


def test_export_reads_a_projects_edited_events(window, tmp_path):
    from timeline.export.command import run_export

    corpus = window.edit_session.base
    index = CorpusIndex(corpus)
    first, second = corpus.events[:2]
    edits = (set_edit(first, index, title="Renamed for the export"), hide_edit(second, index))
    path = tmp_path / "export.timeline"
    save_project(path, Project(tuple(window.paths), corpus, edits))
    out, err = io.StringIO(), io.StringIO()
    assert run_export([str(path), "--format", "json"], out, err) == 0
    exported = {e["id"]: e for e in json.loads(out.getvalue())["events"]}
    assert exported[first.id]["title"] == "Renamed for the export"
    assert exported[first.id]["edited"] is True
    assert second.id not in exported  # hidden in the project
    assert len(exported) == len(corpus.events) - 1


def test_timeline_without_paths_leaves_the_window_free_to_reopen_the_project(monkeypatch):
    from timeline import cli
    from timeline.gui import app

    started: list[tuple] = []
    monkeypatch.setattr(app, "run_app", lambda paths, demo=None, otherwise=(): started.append(
        (list(paths), list(otherwise))) or 0)
    assert cli.open_window([]) == 0
    assert cli.open_window(["work.timeline"]) == 0
    assert started[0] == ([], [str(cli.DEFAULT_CORPUS)])  # the sample only as a fallback
    assert started[1][0] == ["work.timeline"]
