"""The main window: composition and wiring of the views around the controller."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPoint, QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline import __version__
from timeline.gui import (
    commands,
    editing,
    qt_compat,  # noqa: F401  (guards None's refcount first)
    snapshot,
)
from timeline.gui.actions import LANE_ACTIONS, build_actions
from timeline.gui.appearance import Appearance
from timeline.gui.canvas import TimelineCanvas
from timeline.gui.controller import TimelineController
from timeline.gui.detail_pane import DetailPane
from timeline.gui.display import displayable, shown_name
from timeline.gui.editing import EditSession
from timeline.gui.event_table import EventTable
from timeline.gui.file_urls import local_path
from timeline.gui.filter_bar import FilterBar
from timeline.gui.filters import Search
from timeline.gui.lane_menu import add_lane_menu
from timeline.gui.legend import Legend
from timeline.gui.loader import CorpusLoader, LoadResult
from timeline.gui.memory import collect_on_gui_thread
from timeline.gui.nearest import empty_view_words, nearest_events
from timeline.gui.overview import Overview
from timeline.gui.panels import (
    EmptyState,
    EmptyViewNote,
    LoadingState,
    LoadProgress,
    ProblemsPanel,
)
from timeline.gui.projects import ProjectSession
from timeline.gui.recent import RecentPaths
from timeline.gui.settings import read_bytes, read_choice, usable, warn_unrestored
from timeline.gui.tooltips import event_tooltip
from timeline.gui.watcher import CollectionWatcher
from timeline.index import LaneMode
from timeline.model import Corpus, Event

APP_NAME = "Timeline"
STATUS_DELAY_MS = 80  # the "in view" count follows panning after a short pause


def table_height(window_height: int) -> int:
    """The event table's usual height in a window ``window_height`` tall: a
    fifth or so, at least a few rows, at most a dozen."""
    return min(max(int(window_height * 0.22), 110), 260)


class MainWindow(QMainWindow):
    """Timeline canvas, overview, event table, detail pane and Problems list."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        collect_on_gui_thread()
        self.settings = usable(settings if settings is not None else QSettings())
        self.controller = TimelineController(self)
        self.loader = CorpusLoader(self)
        self.watcher = CollectionWatcher(self)
        # Every collection shown goes through the session: it keeps the
        # extracted one and shows it with the user's edits applied.
        self.edit_session = EditSession(self)
        self._search: Search | None = None
        self._previewed = False
        self._refresh_pending = False
        self._closed = False
        self.recent = RecentPaths(self.settings)
        self.paths: list[str] = []
        self._store_path = ""
        self.last_date_text = ""  # what Go to Date last held, offered again
        self._fitted = False
        self._panes_sized = False
        # Shrinking a running window keeps the docks' heights: the timeline is
        # given its room back once the resizing pauses.
        self._room_timer = QTimer(self, singleShot=True, interval=80)
        self._room_timer.timeout.connect(self._keep_timeline_room)
        self._build_views()
        self._build_docks()
        self._build_actions()
        self._build_toolbar()
        self._wire()
        self.setAcceptDrops(True)
        self.setWindowTitle(APP_NAME)
        self._fit_to_screen(1400, 900)
        self._restore()
        self.appearance = Appearance(self, self.settings, self.menus["&View"], [self.canvas])
        self.projects = ProjectSession(self, self.settings)

    # ------------------------------------------------------------ composition
    def _build_views(self) -> None:
        self.canvas = TimelineCanvas()
        self.canvas.tooltip_provider = self._tooltip
        self.overview = Overview()
        self.legend = Legend()
        self.filter_bar = FilterBar()
        self.empty = EmptyState()
        self.loading = LoadingState()
        timeline = QWidget()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(self.overview)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 90])
        layout = QVBoxLayout(timeline)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.legend)
        layout.addWidget(self.splitter, 1)
        self.timeline_page = timeline
        self.stack = QStackedWidget()
        for page in (self.empty, self.loading, timeline):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.empty_note = EmptyViewNote(self.canvas)
        self.empty_note.goTo.connect(self._centre_on)
        self.status = QLabel()
        self.load_progress = LoadProgress()
        self.statusBar().addPermanentWidget(self.load_progress)
        self.statusBar().addPermanentWidget(self.status)

    def _dock(self, title: str, name: str, widget: QWidget,
              area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState/restoreState key docks by name
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.table = EventTable()
        self.detail = DetailPane()
        self.problems = ProblemsPanel()
        self.table_dock = self._dock("Events", "events", self.table,
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.detail_dock = self._dock("Details", "details", self.detail,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock("Problems", "problems", self.problems,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.table_dock, self.problems_dock)
        self.problems_dock.hide()

    def _build_actions(self) -> None:
        self.menus: dict = {}
        handlers = commands.handlers(self)
        # File ▸ Export View… offers PNG at 1x or 2x and SVG (timeline.gui.snapshot).
        handlers["export_png"] = lambda: snapshot.export_view(self)
        self.acts = build_actions(self, handlers, self.menus)
        self.acts["export_png"].setText("&Export View…")
        for widget in (self.canvas.view, self.table):
            widget.addAction(self.acts["open_source"])
        edit_menu = self.menus["&Edit"]
        edit_menu.insertSeparator(self.acts["copy_citation"])
        edit_menu.insertSeparator(self.acts["edit_event"])
        self.detail.source.extra_actions = [self.acts["add_from_selection"]]
        file_menu = self.menus["&File"]
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.insertMenu(self.acts["export_png"], self.recent_menu)
        file_menu.insertSeparator(self.acts["export_png"])
        file_menu.insertSeparator(self.acts["open_project"])
        file_menu.insertSeparator(self.acts["quit"])
        self.recent_menu.aboutToShow.connect(lambda: self.recent.fill_menu(
            self.recent_menu, self.projects.open_chosen))
        view_menu = self.menus["&View"]
        view_menu.insertSeparator(self.acts["lanes_document"])
        view_menu.insertSeparator(self.acts["show_table"])
        self.lane_menu = add_lane_menu(self, view_menu, self.acts["show_table"], self.canvas,
                                       self.settings)
        view_menu.insertAction(self.acts["next_pane"], self.problems_dock.toggleViewAction())
        view_menu.insertSeparator(self.acts["next_pane"])
        for name, dock in (("show_table", self.table_dock), ("show_details", self.detail_dock)):
            # The dock's own toggle follows every way it is shown or closed
            # (its close button, Enter opening the source, a restored layout).
            dock.toggleViewAction().toggled.connect(self.acts[name].setChecked)
            self.acts[name].setChecked(True)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Search and filters", self)
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        bar.addWidget(self._open_button())
        bar.addSeparator()
        for widget in self.filter_bar.widgets():
            bar.addWidget(widget)
        bar.addSeparator()
        self.acts["fit_all"].setIconText("Fit All")  # the menu keeps the longer words
        bar.addAction(self.acts["fit_all"])
        bar.addAction(self.acts["go_to_date"])
        self.addToolBar(bar)
        self.toolbar = bar

    def _open_button(self) -> QToolButton:
        """One toolbar button for opening: files on a click, a folder or a
        recent collection from its menu (two buttons did not fit 1024 px)."""
        button = QToolButton()
        button.setDefaultAction(self.acts["open_files"])
        button.setText("Open…")
        button.setToolTip("Open files (Ctrl+O); the arrow also opens a folder or a recent "
                          "collection")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(button)
        menu.addAction(self.acts["open_files"])
        menu.addAction(self.acts["open_folder"])
        menu.addMenu(self.recent_menu)
        button.setMenu(menu)
        self.open_button = button
        return button

    def _wire(self) -> None:
        c = self.controller
        c.layoutChanged.connect(self._on_layout)
        c.corpusChanged.connect(self._on_corpus)
        c.selectionChanged.connect(self._on_selection)
        self.loader.progress.connect(self._on_progress)
        self.loader.preview.connect(self._on_preview)
        self.loader.loaded.connect(self._on_loaded)
        self.loading.cancelRequested.connect(self.cancel_loading)
        self.load_progress.cancelRequested.connect(self.cancel_loading)
        self.watcher.changed.connect(self.refresh)
        self.canvas.eventClicked.connect(c.select_position)
        self.canvas.eventActivated.connect(self._activate)
        self.canvas.stepRequested.connect(c.step)
        self.canvas.rangeChanged.connect(self._on_canvas_range)
        self.overview.regionChanged.connect(self.canvas.set_range)
        self.table.eventSelected.connect(lambda i: c.select(c.event_by_id(i)))
        self.detail.eventRequested.connect(self._select_id)
        self.filter_bar.filtersChanged.connect(c.set_filters)
        self._wire_editing()
        self.filter_bar.laneModeChanged.connect(self.set_lane_mode)
        self.empty.openFiles.connect(self.acts["open_files"].trigger)
        self.empty.openFolder.connect(self.acts["open_folder"].trigger)
        self._status_timer = QTimer(self, singleShot=True, interval=STATUS_DELAY_MS)
        self._status_timer.timeout.connect(self.update_status)

    def _wire_editing(self) -> None:
        session, stack = self.edit_session, self.edit_session.undo_stack
        session.changed.connect(self._on_edits)
        undo, redo = self.acts["undo"], self.acts["redo"]
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda t: undo.setText(f"&Undo {t}".strip()))
        stack.redoTextChanged.connect(lambda t: redo.setText(f"&Redo {t}".strip()))
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.canvas.eventMenuRequested.connect(self._on_canvas_menu)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_menu)
        self.detail.editRequested.connect(self.acts["edit_event"].trigger)
        self.detail.splitRequested.connect(self.acts["split_mention"].trigger)
        self.detail.addRequested.connect(self.acts["add_from_selection"].trigger)
        self.detail.source.selectionChanged.connect(lambda: editing.update_actions(self))
        self.detail.state_of = lambda event: editing.state_of(self, event)
        editing.update_actions(self)

    def event_states(self) -> Mapping:
        """Each edited event's state by id (for exports)."""
        return self.edit_session.states()

    def _on_edits(self) -> None:
        """Show the collection with the edits in force; a new collection
        starts a fresh view, a change of edits keeps filters and selection."""
        session = self.edit_session
        applied = session.applied()
        if applied is None:
            return
        if session.fresh:
            self._fitted = False
        self.controller.set_corpus(displayable(applied.corpus), self._search,
                                   keep=not session.fresh, hidden=applied.hidden)

    def _on_canvas_menu(self, position: int, at: QPoint) -> None:
        c = self.controller
        event = c.shown[position] if 0 <= position < len(c.shown) else None
        editing.popup_event_menu(self, event, at)

    def _on_table_menu(self, point: QPoint) -> None:
        row = self.table.indexAt(point).row()
        if row >= 0:
            editing.popup_event_menu(self, self.table.event_at_row(row),
                                     self.table.viewport().mapToGlobal(point))

    # ----------------------------------------------------------------- loading
    def open_paths(self, paths: Sequence[str]) -> None:
        """Read ``paths`` in the background (through the collection store:
        what is unchanged since the last time is not read again) and show
        them as they come; a store file (``.sqlite``) opens its collection,
        a project file (``.timeline``) the project."""
        if self.projects.take(paths):
            return
        self.paths = [str(p) for p in paths]
        self.projects.update_title()
        self.watcher.clear()
        self._refresh_pending = False
        if not self.paths:
            self.loader.cancel()
            self.show_corpus(Corpus())
            return
        self._previewed = False
        self.stack.setCurrentWidget(self.loading)
        self.loading.reset()
        self.load_progress.start()
        self.statusBar().showMessage("Reading documents…")
        self.loader.load(self.paths)

    def refresh(self) -> None:
        """Bring the open collection up to date with its files, in the
        background (files on disk changed)."""
        if not self.paths or self._closed:
            return
        if self.loader.busy:
            self._refresh_pending = True
            return
        self._refresh_pending = False
        self.loader.load(self.paths, refresh=True)

    def cancel_loading(self) -> None:
        """Stop reading; what was read so far is shown."""
        if self.loader.busy:
            self.loader.cancel()
            self.loading.cancel.setEnabled(False)
            self.load_progress.stopping()
            self.statusBar().showMessage("Stopping…")

    def _on_progress(self, done: int, total: int, path: str) -> None:
        self.loading.set_progress(done, total, shown_name(path))
        self.load_progress.set_progress(done, total)
        self.statusBar().showMessage(f"Reading {done:,} of {total:,}: {shown_name(path)}")

    def _on_preview(self, corpus: Corpus) -> None:
        """Part of a large folder, read so far: shown while the rest is read."""
        first = not self._previewed
        self._previewed = True
        if first:
            self.show_corpus(corpus)
        else:
            self._keep_edits(corpus)

    def _on_loaded(self, result: LoadResult, paths: list[str]) -> None:
        # Shown first: nothing about remembering the paths may keep the window
        # on its loading page.
        self.load_progress.finish()
        from timeline.collection import searcher  # imported by the worker already

        search = searcher(result.store) if result.store is not None else None
        self._store_path = str(result.store) if result.store is not None else ""
        if result.refresh or self._previewed:
            self._search = search
            self._keep_edits(result.corpus)
        else:
            self.show_corpus(result.corpus, search)
        if result.cancelled:
            self.statusBar().showMessage(
                f"Stopped: {len(result.corpus.documents):,} documents read; the rest are "
                "read the next time the folder is opened.", 8000)
        elif result.summary:
            said = "Updated" if result.refresh else "Changed since last opened"
            self.statusBar().showMessage(f"{said}: {result.summary}.", 8000)
        if not result.refresh and paths:
            self.recent.add(paths)
        if not self._closed:
            self.watcher.watch_listing(result.watch)
        self.watcher.resume()
        if self._refresh_pending:
            self.refresh()

    def show_corpus(self, corpus: Corpus, search: Search | None = None) -> None:
        """Display ``corpus`` (also used directly by tests and the screenshot)."""
        self._fitted = False
        self._search = search
        self.edit_session.set_base(corpus)

    def _keep_edits(self, corpus: Corpus) -> None:
        """Show a newer reading of the same collection, the edits and their
        undo history kept."""
        session = self.edit_session
        session.set_base(corpus, session.edits(), keep_undo=True)

    def _on_corpus(self) -> None:
        corpus, columns = self.controller.corpus, self.controller.columns
        self.filter_bar.set_corpus(corpus, columns, self.controller.filters)
        self.detail.set_corpus(corpus, columns)
        self.legend.set_kinds(columns.kinds_present())
        read = {d.path for d in corpus.documents}
        if self._store_path:
            read.add(self._store_path)  # its notices say what happened to the store
        self.problems.set_problems(corpus.problems, read)
        self.problems_dock.setWindowTitle(self.problems.title())
        self.problems_dock.setVisible(bool(corpus.problems))
        with QSignalBlocker(self.acts["show_hidden"]):
            self.acts["show_hidden"].setChecked(self.controller.filters.show_hidden)
        if corpus.problems:
            self.problems_dock.raise_()
        self.empty.set_reason(len(corpus.documents))
        self.stack.setCurrentWidget(self.timeline_page if corpus.events else self.empty)
        self.statusBar().clearMessage()

    # ------------------------------------------------------------------ layout
    def _on_layout(self) -> None:
        c = self.controller
        self.canvas.set_index(c.index, fit=not self._fitted, bounds=c.extent,
                              filtered=c.filters.active)
        self._fitted = self._fitted or bool(c.corpus.events)
        self.overview.set_index(c.index, self.canvas.limits())
        self.overview.set_region(*self.canvas.view_range())
        self.table.set_shown(c.columns, c.shown_indices)
        states = self.edit_session.states()
        self.table.set_states(states)
        self.canvas.set_marks(*editing.mark_arrays(c.columns, c.shown_indices, states))
        self._on_selection(c.selected)
        self.update_status()

    def set_lane_mode(self, mode: LaneMode) -> None:
        """Group the lanes by document, kind or actor."""
        self.filter_bar.set_lane_mode(mode)
        self.controller.set_lane_mode(mode)
        for name, value in LANE_ACTIONS.items():
            if value == mode.value:
                self.acts[name].setChecked(True)

    def _on_canvas_range(self, t0: float, t1: float) -> None:
        self.overview.set_region(t0, t1)
        self._status_timer.start()

    def update_status(self) -> None:
        """"N of M events shown" (after filters), and how many are in view."""
        c = self.controller
        total, shown = len(c.corpus.events), len(c.shown)
        in_view = len(self.canvas.visible_events())
        text = f"{shown} of {total} events shown · {in_view} in view"
        applied = self.edit_session.applied()
        if applied is not None and applied.hidden:
            text += f" · {len(applied.hidden)} hidden"
        if self.problems.summary():
            text += f" · {self.problems.summary()}"
        self.status.setText(text)
        self._update_empty_note(in_view)

    def _update_empty_note(self, in_view: int) -> None:
        """Say where the nearest events are when the view holds none."""
        index = self.controller.index
        if in_view or index is None or not len(index) or self.canvas.index is None:
            self.empty_note.hide()
            return
        t0, t1 = self.canvas.view_range()
        nearest = nearest_events(index.start, index.end, t0, t1)
        if nearest is None:
            self.empty_note.hide()
            return
        self.empty_note.show_nearest(nearest, empty_view_words(nearest, t0, t1))

    def _centre_on(self, t: float) -> None:
        """Pan (keeping the zoom) so that time ``t`` is in the middle of the view."""
        t0, t1 = self.canvas.view_range()
        half = (t1 - t0) / 2
        self.canvas.set_range(t - half, t + half)

    # ------------------------------------------------------------------- panes
    def show_panel(self, dock: QDockWidget, visible: bool) -> None:
        """Show (and bring to the front) or hide the table or detail pane."""
        dock.setVisible(visible)
        if visible:
            dock.raise_()

    def panes(self) -> list[QWidget]:
        """Where F6 takes the focus, in order: the timeline, the table and the
        detail pane, each only while it is on screen."""
        candidates = ((self.canvas.view, self.timeline_page), (self.table, self.table),
                      (self.detail.focus_target(), self.detail))
        return [target for target, shown in candidates if shown.isVisible()]

    def focus_pane(self, step: int) -> None:
        """F6 / Shift+F6: move the focus to the next (1) or previous (-1) pane."""
        panes = self.panes()
        if not panes:
            return
        focused = QApplication.focusWidget()
        current = next((i for i, pane in enumerate(panes)
                        if focused is not None and (focused is pane or pane.isAncestorOf(focused)
                                                    or self._pane_holds(pane, focused))), None)
        if current is None:
            target = panes[0] if step > 0 else panes[-1]
        else:
            target = panes[(current + step) % len(panes)]
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _pane_holds(self, pane: QWidget, focused: QWidget) -> bool:
        """True when ``focused`` is inside the detail pane that ``pane`` stands for."""
        return pane is self.detail.focus_target() and self.detail.isAncestorOf(focused)

    def _size_panes(self) -> None:
        """Give the panes their first sizes from the window's own: the timeline
        keeps at least half the height (on a 1024x680 laptop too), the table
        and the detail pane share what is left."""
        width, height = self.width(), self.height()
        detail = min(max(int(width * 0.34), 300), 520)
        table = table_height(height)
        self.resizeDocks([self.detail_dock], [detail], Qt.Orientation.Horizontal)
        self.resizeDocks([self.table_dock], [table], Qt.Orientation.Vertical)
        self.splitter.setSizes([max(height - table, 300), self.overview.minimumHeight()])

    def _keep_timeline_room(self) -> None:
        """A layout saved on a larger screen (the window then restored smaller),
        or a window made smaller while open, can leave the timeline a strip:
        when it has less than half the height, the table gives back what it
        holds beyond its usual share."""
        dock = self.table_dock
        if (self.canvas.height() >= self.height() // 2 or dock.isHidden()
                or dock.isFloating()):
            return
        usual = table_height(self.height())
        if dock.height() > usual:
            lacking = self.height() // 2 - self.canvas.height()
            self.resizeDocks([dock], [max(dock.height() - lacking, usual)],
                             Qt.Orientation.Vertical)

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        if self._panes_sized and ev.size().height() < ev.oldSize().height():
            self._room_timer.start()

    def showEvent(self, ev: QShowEvent) -> None:
        super().showEvent(ev)
        if not self._panes_sized:
            self._panes_sized = True
            if not self._layout_restored:
                self._size_panes()
            else:  # once the restored layout has been applied
                QTimer.singleShot(0, self, self._keep_timeline_room)
            # A pane restored hidden before the window was shown sends no
            # signal to its menu item.
            for name, dock in (("show_table", self.table_dock),
                               ("show_details", self.detail_dock)):
                self.acts[name].setChecked(not dock.isHidden())

    # --------------------------------------------------------------- selection
    def _on_selection(self, event: Event | None) -> None:
        position = self.controller.position(event)
        self.canvas.set_selected(position)
        if position >= 0:
            self.canvas.reveal(position)
        self.table.select_id(event.id if event is not None else None)
        if event is not self.detail.current:
            self.detail.show_event(event)
        editing.update_actions(self)
        if event is not None and position < 0:
            hidden = editing.state_of(self, event).hidden
            self.statusBar().showMessage(
                "That event is hidden: View ▸ Show Hidden Events shows it again." if hidden
                else "That event is hidden by the current filters.", 4000)

    def _select_id(self, event_id: str) -> None:
        self.controller.select(self.controller.event_by_id(event_id))

    def _activate(self, position: int) -> None:
        self.controller.select_position(position)
        commands.open_source(self)

    def _tooltip(self, position: int) -> str:
        c = self.controller
        return event_tooltip(c.shown[position], c.corpus) if 0 <= position < len(c.shown) else ""

    # ------------------------------------------------------------ drag & drop
    def dragEnterEvent(self, ev: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in ev.mimeData().urls()):
            ev.acceptProposedAction()

    def dropEvent(self, ev: QDropEvent) -> None:
        paths = [local_path(url) for url in ev.mimeData().urls() if url.isLocalFile()]
        if paths:
            ev.acceptProposedAction()
            self.projects.open_chosen(paths)

    # ---------------------------------------------------------------- settings
    def _fit_to_screen(self, width: int, height: int) -> None:
        """Start at ``width`` x ``height``, or smaller where the screen is: on a
        1024x680 screen a larger window hides its own status bar (and with
        it the progress and Cancel of a load)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    def _restore(self) -> None:
        """Put back the saved layout and lane mode; anything odd keeps the default."""
        restored = set()
        for key, restore in (("window/geometry", self.restoreGeometry),
                             ("window/state", self.restoreState),
                             ("window/splitter", self.splitter.restoreState)):
            saved = read_bytes(self.settings, key)
            if saved is not None and not restore(saved):
                warn_unrestored(key)
            elif saved is not None:
                restored.add(key)
        # Pane sizes saved from an earlier run are kept; a first run sizes them.
        self._layout_restored = {"window/state", "window/splitter"} <= restored
        mode = read_choice(self.settings, "view/lanes", {m.value for m in LaneMode},
                           LaneMode.DOCUMENT.value)
        self.set_lane_mode(LaneMode(mode))

    def save_settings(self) -> None:
        """Remember the window's layout and lane mode."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("view/lanes", self.controller.lane_mode.value)
        self.settings.sync()

    def closeEvent(self, ev: QCloseEvent) -> None:
        # The window manager's close button asks about unsaved edits (File ▸
        # Quit asked already); a close by the program itself does not.
        if ev.spontaneous() and not self.projects.may_discard("closing"):
            ev.ignore()
            return
        self.projects.close()
        self.save_settings()
        self._closed = True  # no refresh may start a load from here on
        self.watcher.clear()
        self.loader.wait()
        super().closeEvent(ev)

    def about(self) -> None:
        """Help ▸ About."""
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME} {__version__}</b><p>Turns a collection of documents "
                          "into an interactive timeline; every event is one click from the "
                          "passage it came from.</p>")
