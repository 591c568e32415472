"""File ▸ Open Project…, Save Project, Save Project As… and Refresh Project:
the window's collection, the user's edits and the view kept in one project
file (:mod:`timeline.project`), and the prompts that keep edits from being
lost.

A :class:`ProjectSession` belongs to the window (``window.projects``). It
works through the window's editing session (``window.edit_session``: the
collection as extracted, the edits in force, whether they are saved), so
what it saves is exactly what the user sees, and what it opens becomes the
window's collection with its undo history starting afresh. Reading,
writing (Save from the menu) and extracting again run in worker threads:
each takes a noticeable time on a large collection (at 10,000 events a
project opens in about 0.2 s and is written in about 0.1 s).

Unsaved means edits made since the last save, or a collection extracted
again (Refresh Project) and not yet saved; panning, zooming and filtering
are saved with the project but never make it unsaved (a prompt after every
scroll would teach users to click Discard).

The quit prompt (Save / Discard / Cancel) comes from File ▸ Quit and from
the window manager's close button; a window closed by the program itself
(a test, a script) is not asked, since nobody would be there to answer.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QSignalBlocker
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from timeline.gui.background import LatestRunner
from timeline.gui.display import as_rich, shown_name
from timeline.gui.filters import FilterState
from timeline.gui.recent import title_for
from timeline.gui.settings import read_str
from timeline.index import LaneMode, LaneSort
from timeline.model import Granularity, Kind, Status, shown_path
from timeline.project import (
    SUFFIX,
    Project,
    ProjectError,
    RefreshReport,
    is_project,
    open_project,
    refresh_project,
    save_project,
)

if TYPE_CHECKING:
    from timeline.edits import Orphan
    from timeline.gui.main_window import MainWindow

log = logging.getLogger("timeline.gui.projects")

LAST_KEY = "files/last_project"
VIEW_FORMAT = 1
"""Moves when the shape of :func:`capture_view`'s object changes."""
FILTER = f"Timeline projects (*{SUFFIX});;All files (*)"
NAME = "Timeline"

Buttons = QMessageBox.StandardButton


def is_project_file(path: str) -> bool:
    """Whether ``path`` names a project file (any string: a name with a NUL
    or too long for the system is simply not one)."""
    try:
        return is_project(path)
    except (ValueError, OSError):
        return False


def project_target(chosen: str) -> str:
    """The file a save to ``chosen`` writes: the project suffix added unless
    it is there."""
    return chosen if chosen.lower().endswith(SUFFIX) else chosen + SUFFIX


# ---------------------------------------------------------------- the view
def capture_view(w: MainWindow) -> dict[str, Any]:
    """What the window shows, as a JSON object for :attr:`Project.view`:
    the time range, the lane mode, order, kept empty lanes, collapsed lanes
    and the filters."""
    t0, t1 = w.canvas.view_range()
    return {
        "format": VIEW_FORMAT,
        "range": [t0, t1],
        "lanes": w.controller.lane_mode.value,
        "lane_order": w.canvas.lane_sort.value,
        "keep_empty_lanes": bool(w.canvas.keep_empty_lanes),
        "collapsed": sorted(w.canvas.collapsed),
        "filters": filters_json(w.controller.filters),
    }


# What each set of a FilterState holds, to read it back from JSON.
FILTER_SETS: dict[str, Callable[[str], Any]] = {
    "kinds": Kind, "documents": lambda v: _text(v) or _refuse(v), "precisions": Granularity,
    "statuses": Status}


def _refuse(value: object) -> Any:
    raise ValueError(value)


def filters_json(filters: FilterState) -> dict[str, Any]:
    """``filters`` as JSON: text and switches as they are, sets as sorted
    lists of their values."""
    found: dict[str, Any] = {}
    for f in fields(filters):
        value = getattr(filters, f.name)
        if isinstance(value, frozenset):
            value = sorted(getattr(v, "value", v) for v in value)
        found[f.name] = value
    return found


def _choices(values: object, make: Callable[[str], Any]) -> frozenset:
    """The values of a saved list that ``make`` accepts; anything else in it
    is left out (a file from another version, or edited by hand)."""
    found = set()
    for value in values if isinstance(values, list) else ():
        try:
            found.add(make(value))
        except (ValueError, TypeError):
            continue
    return frozenset(found)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def view_filters(view: Mapping[str, Any]) -> FilterState:
    """The filters kept in ``view``; a filter missing or odd is not set."""
    saved = view.get("filters")
    if not isinstance(saved, dict):
        return FilterState()
    found: dict[str, Any] = {}
    for f in fields(FilterState):
        value, default = saved.get(f.name), getattr(FilterState(), f.name)
        if f.name in FILTER_SETS:
            found[f.name] = _choices(value, FILTER_SETS[f.name])
        elif isinstance(default, bool | str) and type(value) is type(default):
            found[f.name] = value
    return FilterState(**found)


def view_range(view: Mapping[str, Any]) -> tuple[float, float] | None:
    """The time range kept in ``view``, when it is one."""
    saved = view.get("range")
    if (isinstance(saved, list) and len(saved) == 2
            and all(isinstance(t, int | float) and not isinstance(t, bool) for t in saved)
            and all(abs(t) < 1e13 for t in saved) and saved[0] < saved[1]):
        return float(saved[0]), float(saved[1])
    return None


def restore_view(w: MainWindow, view: Mapping[str, Any]) -> None:
    """Give the window the view kept in a project; anything missing or odd
    keeps what the window has. Call once the project's collection has been
    handed to the window: the range is set once it has been laid out."""
    if view.get("lanes") in {m.value for m in LaneMode}:
        w.set_lane_mode(LaneMode(view["lanes"]))
    _restore_lanes(w, view)
    filters = view_filters(view)
    bar = w.filter_bar
    bar.search.blockSignals(True)  # no debounced search of its own afterwards
    bar.search.setText(filters.text)
    bar.search.blockSignals(False)
    w.controller.set_filters(filters)
    bar.set_corpus(w.controller.corpus, w.controller.columns, w.controller.filters)
    shown = w.acts.get("show_hidden")
    if shown is not None:
        with QSignalBlocker(shown):
            shown.setChecked(filters.show_hidden)
    span = view_range(view)
    if span is not None:
        when_laid_out(w, lambda: w.canvas.set_range(*span))


def _restore_lanes(w: MainWindow, view: Mapping[str, Any]) -> None:
    """Lane order, kept empty lanes and collapsed lanes, with the Lane
    Options menu showing them."""
    canvas = w.canvas
    if view.get("lane_order") in {s.value for s in LaneSort}:
        for action in w.lane_menu.findChildren(QAction):
            if action.data() == view["lane_order"] and action.isCheckable():
                action.setChecked(True)
        canvas.lane_sort = LaneSort(view["lane_order"])
    if isinstance(view.get("keep_empty_lanes"), bool):
        canvas.keep_empty_lanes = view["keep_empty_lanes"]
        for action in w.lane_menu.actions():
            if action.isCheckable() and action.data() is None:
                action.blockSignals(True)  # the choice is the project's, not the settings'
                action.setChecked(canvas.keep_empty_lanes)
                action.blockSignals(False)
    canvas.collapsed = set(_choices(view.get("collapsed"), _text) - {""})
    canvas.relayout_lanes()


def when_laid_out(w: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once the controller has laid out its newest request
    (at once when it has)."""
    c = w.controller
    if not c.busy:
        then()
        return

    def once() -> None:
        c.settled.disconnect(once)
        then()

    c.settled.connect(once)


# --------------------------------------------------------------- orphans
EDIT_WORDS = {"set": "Change", "hide": "Hide", "show": "Show", "merge": "Merge",
              "split": "Split", "add": "New event", "note": "Note", "star": "Star"}


def orphan_lines(orphans: Sequence[Orphan]) -> list[str]:
    """One line per edit that lost its passage: what it was, the passage it
    was made on, and why it is not found."""
    lines = []
    for orphan in orphans:
        edit = orphan.edit
        what = EDIT_WORDS.get(edit.kind.value, edit.kind.value)
        title = edit.payload.title
        if title:
            what += f" \u201c{title}\u201d"
        anchor = edit.anchors[0]
        passage = " ".join(anchor.text.split())
        where = shown_path(Path(anchor.path).name) if anchor.path else "its document"
        done = " (done in part)" if orphan.applied else ""
        lines.append(f"{what}{done}, made on \u201c{passage}\u201d in {where}: "
                     f"{orphan.reason}")
    return lines


# --------------------------------------------------------------- session
class ProjectSession(QObject):
    """The project the window has open (if any) and the commands on it."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.path = ""
        """The project file open in the window ("" when none)."""
        self.last = self._read_last()
        self.base_changed = False
        """The collection was extracted again since the project was saved."""
        self.orphans_box: QMessageBox | None = None
        self._pending_view: Mapping[str, Any] | None = None
        self._watched: object = None
        self._opener = LatestRunner(self)
        self._opener.finished.connect(self._on_opened)
        self._refresher = LatestRunner(self)
        self._refresher.finished.connect(self._on_refreshed)
        self._saver = LatestRunner(self)
        self._saver.finished.connect(self._on_saved)
        if getattr(window, "edit_session", None) is not None:
            self.edit_session()  # the title follows every edit from the start

    def _read_last(self) -> str:
        """The project open when the app last closed, if it is still one;
        written back at once, so a damaged value is not read again."""
        last = read_str(self.settings, LAST_KEY, "")
        if last and not is_project_file(last):
            last = ""
        self.settings.setValue(LAST_KEY, last)
        return last

    # ------------------------------------------------------------ the session
    def edit_session(self) -> Any:
        """The window's editing session, its signals followed here once."""
        session = self.window.edit_session
        if session is not self._watched:
            self._watched = session
            # ``changed`` comes with every new collection; the stack's
            # signals once a push, undo or redo is complete (during a push
            # ``changed`` comes before the stack has moved).
            session.changed.connect(self.update_title)
            session.undo_stack.indexChanged.connect(self._stack_moved)
            session.undo_stack.cleanChanged.connect(self._stack_moved)
        return session

    def _stack_moved(self, *_args: object) -> None:
        # The stack also signals as it is destroyed with the window, when
        # it can no longer be asked anything.
        with contextlib.suppress(RuntimeError):
            self.update_title()

    @property
    def unsaved(self) -> bool:
        """Edits not yet saved, or a collection extracted again since."""
        if getattr(self.window, "edit_session", None) is None:
            return False
        return self.base_changed or not self.edit_session().is_clean()

    def name(self) -> str:
        """What the title bar calls the open work."""
        if self.path:
            return shown_name(self.path)
        return title_for(self.window.paths)

    def update_title(self) -> None:
        """``Timeline — name``, with ``*`` before the name while unsaved."""
        mark = "*" if self.unsaved else ""
        self.window.setWindowTitle(f"{NAME} \u2014 {mark}{self.name()}")

    def current(self) -> Project:
        """The window's work as a project (what Save writes)."""
        session = self.edit_session()
        return Project(tuple(self.window.paths), session.base, tuple(session.edits()),
                       capture_view(self.window))

    # ------------------------------------------------------------- prompts
    def may_discard(self, doing: str = "opening another collection") -> bool:
        """True when nothing unsaved would be lost, or the user chose to save
        it (and it was saved) or to discard it; False on Cancel."""
        if not self.unsaved:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved changes",
            as_rich(f"Save the changes to {self.name()} before {doing}?\n"
                    "What has changed since the last save is lost if you don't."),
            Buttons.Save | Buttons.Discard | Buttons.Cancel, Buttons.Save)
        if answer == Buttons.Save:
            return self.save(wait=True)  # what comes next needs it on the disk
        return answer == Buttons.Discard

    def quit(self) -> None:
        """File ▸ Quit: asks about unsaved changes first."""
        if self.may_discard("quitting"):
            self.window.close()

    # ---------------------------------------------------------------- saving
    def save(self, wait: bool = False) -> bool:
        """File ▸ Save Project: to the open project, else as a new one (see
        :meth:`save_to` for ``wait`` and what comes back)."""
        if not self.path:
            return self.save_as(wait=wait)
        return self.save_to(self.path, wait)

    def save_as(self, chosen: str | None = None, wait: bool = False) -> bool:
        """File ▸ Save Project As… (``chosen`` stands for the name the dialog
        would confirm)."""
        from timeline.gui import commands

        if not self._can_save():
            return False
        if chosen is None:
            start = self.path or str(Path(commands._start_dir(self.window)) /
                                     f"{Path(self.name()).stem or 'timeline'}{SUFFIX}")
            chosen, _ = QFileDialog.getSaveFileName(self.window, "Save project", start, FILTER)
        if not chosen:
            return False
        target = project_target(chosen)
        if (commands.must_ask_to_replace(chosen, target)
                and not commands.confirm_replace(self.window, target)):
            return False
        return self.save_to(target, wait)

    def _can_save(self) -> bool:
        w = self.window
        if not w.paths:
            w.statusBar().showMessage("Open documents first: a project keeps a collection "
                                      "and your edits to it.", 5000)
            return False
        if w.loader.busy or self._refresher.busy:
            w.statusBar().showMessage("The documents are still being read: save once they "
                                      "are all in.", 5000)
            return False
        return True

    def save_to(self, path: str, wait: bool = False) -> bool:
        """Write the window's work, as it is now, to ``path``: in a worker
        thread (a large collection takes a while to write), or here when
        ``wait``. True when saved (or, not waiting, when the save started).
        A failure is said in a warning and changes nothing: the file as
        saved before stays."""
        if not self._can_save():
            return False
        project = self.current()
        if wait:
            return self._on_saved(_write(path, project))
        self.window.statusBar().showMessage(f"Saving {shown_path(path)}…")
        self._saver.submit(lambda _stale: _write(path, project))
        return True

    def _on_saved(self, result: tuple[str, Project, ProjectError | None]) -> bool:
        path, project, error = result
        w = self.window
        w.statusBar().clearMessage()
        if error is not None:
            QMessageBox.warning(w, "Project not saved", as_rich(str(error)))
            return False
        session = self.edit_session()
        # Edits made while the file was written are not in it: still unsaved.
        if session.base is project.corpus:
            self.base_changed = False
            if tuple(session.edits()) == project.edits:
                session.set_clean()
        self._became(path)
        w.statusBar().showMessage(f"Saved {shown_path(path)}", 5000)
        return True

    def _became(self, path: str) -> None:
        """``path`` is now the open project: remembered for the next start
        and in File ▸ Open Recent."""
        self.path = self.last = str(Path(path).resolve())
        self.settings.setValue(LAST_KEY, self.last)
        self.window.recent.add([self.path])
        self.update_title()

    # --------------------------------------------------------------- opening
    def open_dialog(self) -> None:
        """File ▸ Open Project…"""
        from timeline.gui import commands

        path, _ = QFileDialog.getOpenFileName(self.window, "Open project",
                                              commands._start_dir(self.window), FILTER)
        if path:
            self.open_chosen([path])

    def open_chosen(self, paths: Sequence[str]) -> None:
        """Open what the user chose (a dialog, a drop, a recent entry): a
        project or documents, after asking about unsaved changes."""
        if self.may_discard():
            self.window.open_paths(paths)

    def take(self, paths: Sequence[str]) -> bool:
        """Called by the window as it opens ``paths``: True when they are one
        project file, which is then opened here; otherwise the window leaves
        its project for the documents."""
        if len(paths) == 1 and is_project_file(str(paths[0])):
            self.open(str(paths[0]))
            return True
        self.path = ""
        self.base_changed = False
        self.last = ""
        self.settings.setValue(LAST_KEY, "")
        return False

    def open(self, path: str) -> None:
        """Read the project at ``path`` off the GUI thread; the window shows
        it once read, and stays as it was when it cannot be."""
        self.window.statusBar().showMessage(f"Opening {shown_path(path)}…")
        self._opener.submit(lambda _stale: _read(path))

    def reopen_last(self) -> bool:
        """At start, when no paths were given: the project open last time."""
        if self.last and is_project_file(self.last):
            self.open(self.last)
            return True
        return False

    def _on_opened(self, result: tuple[str, Project | ProjectError]) -> None:
        path, found = result
        w = self.window
        w.statusBar().clearMessage()
        if isinstance(found, ProjectError):
            QMessageBox.warning(w, "Project not opened", as_rich(str(found)))
            return
        w.loader.drop()  # a load still under way must not replace the project
        w.load_progress.finish()
        w.watcher.clear()  # a project changes with Refresh Project, not by itself
        w.paths = list(found.sources)
        # No collection store holds a project: its search is the built-in one.
        w._search = None
        w._store_path = ""
        self.base_changed = False
        self.edit_session().set_base(found.corpus, found.edits)
        restore_view(w, found.view)
        self._became(path)
        self._say_orphans(self.edit_session().applied())

    def _say_orphans(self, applied: Any) -> None:
        orphans = applied.orphans if applied is not None else ()
        if orphans:
            lost = len(orphans)
            self.window.statusBar().showMessage(
                f"{lost} edit{'s' if lost != 1 else ''} of this project could not be applied "
                "(their passage is gone); Refresh Project lists them", 8000)

    def wait(self, timeout_s: float = 60.0) -> bool:
        """Until no project is being read, written or extracted again."""
        return all(runner.wait_idle(timeout_s)
                   for runner in (self._opener, self._saver, self._refresher))

    def close(self) -> None:
        """The window closes: a save under way is finished (and a failure
        said); nothing read or extracted from now on is shown."""
        self._saver.wait_idle()
        self._opener.supersede()
        self._refresher.supersede()

    # ------------------------------------------------------------ refreshing
    def refresh(self) -> None:
        """File ▸ Refresh Project: extract the documents again in the
        background, keep every edit, list those that lost their passage."""
        w = self.window
        if not self._can_save() or self._refresher.busy:
            return
        project = self.current()
        w.statusBar().showMessage("Reading the documents again…")
        w.load_progress.start()
        self._refresher.submit(lambda _stale: _refresh(project))

    def _on_refreshed(self, result: tuple[Project, RefreshReport] | ProjectError) -> None:
        w = self.window
        w.load_progress.finish()
        w.statusBar().clearMessage()
        if isinstance(result, ProjectError):
            QMessageBox.warning(w, "Project not refreshed", as_rich(str(result)))
            return
        project, report = result
        w.paths = list(project.sources)
        w._search = None  # the store's full-text index may not be this reading's
        self.edit_session().set_base(project.corpus, project.edits, keep_undo=True)
        self.base_changed = True
        self.update_title()
        self.show_orphans(report)
        kept = (f"every edit kept its passage ({report.kept})" if not report.orphans
                else report.summary())
        w.statusBar().showMessage("; ".join(["Read the documents again", kept,
                                             *report.notices]), 10000)

    def show_orphans(self, report: RefreshReport) -> None:
        """A dialog (not modal) listing the edits that lost their passage."""
        if self.orphans_box is not None:
            self.orphans_box.close()
            self.orphans_box = None
        if not report.orphans:
            return
        box = QMessageBox(QMessageBox.Icon.Information, "Edits without their passage",
                          as_rich(f"{report.summary()}.\n{report.kept} kept their passage."),
                          Buttons.Ok, self.window)
        lines = orphan_lines(report.orphans)
        box.setInformativeText(as_rich("\n".join(lines[:5]) + (
            f"\n… and {len(lines) - 5} more (Show Details)" if len(lines) > 5 else "")))
        box.setDetailedText("\n".join(lines))
        box.setModal(False)
        box.show()
        self.orphans_box = box


# ------------------------------------------------------ worker-thread jobs
def _write(path: str, project: Project) -> tuple[str, Project, ProjectError | None]:
    try:
        save_project(path, project)
    except ProjectError as error:
        return path, project, error
    except Exception as error:  # a fault here must reach the user as words
        log.exception("Saving %s failed", path)
        return path, project, ProjectError(path, f"could not be saved ({type(error).__name__}: "
                                                 f"{error})")
    return path, project, None


def _read(path: str) -> tuple[str, Project | ProjectError]:
    try:
        return path, open_project(path)
    except ProjectError as error:
        return path, error
    except Exception as error:  # a fault here must reach the user as words
        log.exception("Opening %s failed", path)
        return path, ProjectError(path, f"could not be read ({type(error).__name__}: {error})")


def _refresh(project: Project) -> tuple[Project, RefreshReport] | ProjectError:
    from timeline.workers import default_jobs

    try:
        return refresh_project(project, jobs=default_jobs())
    except ProjectError as error:
        return error
    except Exception as error:
        log.exception("Extracting the project's documents again failed")
        return ProjectError(", ".join(project.sources) or "the project",
                            f"could not be read again ({type(error).__name__}: {error}); "
                            "nothing was changed")
