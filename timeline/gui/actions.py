"""The window's commands: one table gives their menus, shortcuts and the help list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True)
class ActionSpec:
    """A command: its menu, text, keys and what the help says about it."""

    name: str
    menu: str
    text: str
    keys: tuple[str, ...] = ()
    help: str = ""
    checkable: bool = False

    @property
    def description(self) -> str:
        """Words for the shortcuts list."""
        return self.help or self.text.replace("&", "").rstrip("…")


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("open_files", "&File", "&Open Files…", ("Ctrl+O",)),
    ActionSpec("open_folder", "&File", "Open &Folder…", ("Ctrl+Shift+O",)),
    ActionSpec("open_project", "&File", "Open Pro&ject…", (),
               "Open a project: a collection with your edits and view"),
    ActionSpec("save_project", "&File", "&Save Project", ("Ctrl+S",),
               "Save the collection, your edits and the view as a project"),
    ActionSpec("save_project_as", "&File", "Save Project &As…", ("Ctrl+Shift+S",),
               "Save the project under another name"),
    ActionSpec("refresh_project", "&File", "Re&fresh Project", ("F5",),
               "Read the documents again, keeping every edit"),
    ActionSpec("export_png", "&File", "&Export View…", ("Ctrl+E",),
               "Export the view as an image (PNG or SVG)"),
    ActionSpec("export_events", "&File", "Export E&vents…", ("Ctrl+Shift+E",),
               "Export the events (CSV, JSON, iCalendar, TimelineJS, Timesketch)"),
    ActionSpec("print", "&File", "&Print…", ("Ctrl+P",),
               "Print the view, with a caption naming the collection and filters"),
    ActionSpec("quit", "&File", "&Quit", ("Ctrl+Q",)),
    ActionSpec("undo", "&Edit", "&Undo", ("Ctrl+Z",), "Undo the last edit"),
    ActionSpec("redo", "&Edit", "&Redo", ("Ctrl+Shift+Z",), "Redo the edit undone last"),
    ActionSpec("copy_citation", "&Edit", "Copy as &Citation", ("Ctrl+Shift+C",),
               "Copy the selected event as a citation (text and HTML)"),
    ActionSpec("edit_event", "&Edit", "&Edit Event…", ("F2",),
               "Edit the selected event: title, date, kind, actors, status, note"),
    ActionSpec("toggle_hidden", "&Edit", "&Hide Event", ("Ctrl+H",),
               "Hide the selected event (it is not an event), or show it again"),
    ActionSpec("toggle_star", "&Edit", "&Star", ("Ctrl+D",), "Star or unstar the selected event",
               checkable=True),
    ActionSpec("edit_note", "&Edit", "&Note…", ("Ctrl+Shift+N",),
               "Write a note on the selected event"),
    ActionSpec("merge_with", "&Edit", "&Merge With…", ("Ctrl+M",),
               "Merge another event into the selected one"),
    ActionSpec("split_mention", "&Edit", "S&plit Mention Out",
               help="Make the mention shown in the detail pane an event of its own"),
    ActionSpec("add_from_selection", "&Edit", "&Add Event from Selection…", ("Ctrl+Shift+A",),
               "Add an event from the text selected in the detail pane"),
    ActionSpec("find", "&View", "&Search…", ("Ctrl+F",), "Search titles and sentences"),
    ActionSpec("fit_all", "&View", "Fit &Everything", ("Home",)),
    ActionSpec("fit_selection", "&View", "Fit &Selection", ("F",)),
    ActionSpec("zoom_in", "&View", "Zoom &In", ("+", "="), "Zoom in"),
    ActionSpec("zoom_out", "&View", "Zoom &Out", ("-",), "Zoom out"),
    ActionSpec("go_to_date", "&View", "&Go to Date…", ("Ctrl+G",),
               "Go to a date typed as you would write it (“March 2011”)"),
    ActionSpec("show_hidden", "&View", "Show &Hidden Events", ("Ctrl+Shift+H",),
               "Show the events you hid, faded", checkable=True),
    ActionSpec("lanes_document", "&View", "Lanes by &Document", ("Ctrl+1",), checkable=True),
    ActionSpec("lanes_kind", "&View", "Lanes by &Kind", ("Ctrl+2",), checkable=True),
    ActionSpec("lanes_actor", "&View", "Lanes by &Actor", ("Ctrl+3",), checkable=True),
    ActionSpec("show_table", "&View", "Show Event &Table", ("Ctrl+Shift+T",),
               "Show or hide the event table", checkable=True),
    ActionSpec("show_details", "&View", "Show De&tails", ("Ctrl+Shift+D",),
               "Show or hide the detail pane", checkable=True),
    ActionSpec("next_pane", "&View", "Next &Pane", ("F6",),
               "Move the focus to the next pane: timeline, table, details"),
    ActionSpec("previous_pane", "&View", "Previous P&ane", ("Shift+F6",),
               "Move the focus to the previous pane"),
    ActionSpec("next_event", "&Go", "&Next Event", ("N",), "Next event in time"),
    ActionSpec("previous_event", "&Go", "&Previous Event", ("P",), "Previous event in time"),
    ActionSpec("next_mention", "&Go", "Next &Mention", ("]",),
               "Next mention of the selected event"),
    ActionSpec("previous_mention", "&Go", "Previous M&ention", ("[",),
               "Previous mention of the selected event"),
    ActionSpec("open_source", "&Go", "Open &Source", ("Return", "Enter"),
               "Open the selected event's source passage"),
    ActionSpec("clear_selection", "&Go", "&Clear Selection", ("Escape",)),
    ActionSpec("shortcuts", "&Help", "&Keyboard Shortcuts", ("F1",)),
    ActionSpec("about", "&Help", "&About Timeline"),
)

# Keys that would steal typing from the search box or the table if they were
# window-wide: these act only while the timeline or the table has focus.
FOCUSED_ONLY = frozenset({"open_source"})


def build_actions(window: QMainWindow, handlers: Mapping[str, Callable[[], object]],
                  menus: dict[str, QMenu]) -> dict[str, QAction]:
    """Create every action, put it in its menu and connect it to its handler."""
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        menu = menus.get(spec.menu) or window.menuBar().addMenu(spec.menu)
        menus[spec.menu] = menu
        action = QAction(spec.text, window)
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setCheckable(spec.checkable)
        if spec.name in FOCUSED_ONLY:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(handlers[spec.name])
        menu.addAction(action)
        actions[spec.name] = action
    _group_lanes(window, actions)
    return actions


# Which lane mode each lane action stands for (its value in LaneMode).
LANE_ACTIONS = {"lanes_document": "document", "lanes_kind": "kind", "lanes_actor": "actor"}


def _group_lanes(window: QMainWindow, actions: Mapping[str, QAction]) -> None:
    """One lane mode at a time: the View menu shows which with a radio mark."""
    group = QActionGroup(window)
    group.setExclusive(True)
    for name in LANE_ACTIONS:
        group.addAction(actions[name])


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, description) for every action that has keys, for the help dialog."""
    return [(" / ".join(spec.keys), spec.description) for spec in SPECS if spec.keys]
