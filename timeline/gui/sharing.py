"""Handing events on from the window: File ▸ Export Events… (CSV, JSON,
iCalendar, TimelineJS, Timesketch; the shown events or all of them) and
Edit ▸ Copy as Citation (text and HTML on the clipboard)."""

from __future__ import annotations

import atexit
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from timeline.export import SUFFIXES, citation, export_events, export_set
from timeline.gui.display import as_rich, shown_name
from timeline.gui.settings import read_str

FILTERS = {
    "CSV, one row per event (*.csv)": "csv",
    "JSON (*.json)": "json",
    "iCalendar (*.ics)": "ics",
    "TimelineJS3 JSON (*.json)": "timelinejs",
    "Timesketch CSV (*.csv)": "timesketch",
}


def edit_states(window) -> Mapping | None:
    """Each event's state (edited, note, status…) when the window keeps edits."""
    states = getattr(window, "event_states", None)
    return states() if callable(states) else None


def collection_name(window) -> str:
    """What the window is showing, as its title names it."""
    return window.windowTitle().split(" — ", 1)[-1] or "Timeline"


def format_for(chosen: str, selected_filter: str) -> tuple[str, str]:
    """(format, path) from the save dialog's answer: the filter names the
    format, and the file gets that format's suffix when it has none."""
    fmt = FILTERS.get(selected_filter, "csv")
    path = Path(chosen)
    if not path.suffix:
        path = path.with_suffix(SUFFIXES[fmt])
    return fmt, str(path)


def export_events_dialog(window, chosen: str | None = None, selected_filter: str | None = None,
                         only_shown: bool | None = None) -> bool:
    """File ▸ Export Events…: ask where and in which format, and (while a
    filter is on) whether the shown events or all; then write them.
    ``chosen``, ``selected_filter`` and ``only_shown`` stand for the dialogs'
    answers."""
    c = window.controller
    if chosen is None:
        start = Path(read_str(window.settings, "files/last_dir", str(Path.home())))
        chosen, selected_filter = QFileDialog.getSaveFileName(
            window, "Export events", str(start / "timeline"), ";;".join(FILTERS),
            next(iter(FILTERS)))
    if not chosen:
        return False
    if only_shown is None:
        only_shown = not c.filters.active or _ask_only_shown(window, len(c.shown),
                                                             len(c.corpus.events))
    fmt, path = format_for(chosen, selected_filter or next(iter(FILTERS)))
    events = list(c.shown) if only_shown else None
    notes: list[str] = []
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            count = export_events(c.corpus, fmt, out, edit_states(window), events=events,
                                  title=collection_name(window), notes=notes)
    except OSError as error:
        QMessageBox.warning(window, "Export failed", as_rich(
            f"Could not write {shown_name(path)}: {error.strerror or error}."))
        return False
    done = f"Exported {count:,} events to {shown_name(path)}."
    if notes:
        QMessageBox.information(window, "Export", as_rich(" ".join([done, *notes])))
    window.statusBar().showMessage(done, 6000)
    return True


def _ask_only_shown(window, shown: int, total: int) -> bool:
    box = QMessageBox(window)
    box.setWindowTitle("Export events")
    box.setText(f"A filter is on: {shown:,} of {total:,} events are shown.")
    shown_button = box.addButton(f"Export the {shown:,} Shown", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(f"Export All {total:,}", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return box.clickedButton() is shown_button


def copy_citation(window) -> bool:
    """Edit ▸ Copy as Citation: the selected event as text and HTML."""
    c = window.controller
    event = c.selected
    if event is None:
        window.statusBar().showMessage("Select an event to copy it as a citation.", 5000)
        return False
    chosen = export_set(c.corpus, edit_states(window), events=[event], include_hidden=True)
    if not chosen.records:
        return False
    cited = citation(chosen.records[0])
    data = QMimeData()
    data.setText(cited.text)
    data.setHtml(cited.html)
    QApplication.clipboard().setMimeData(data)
    _clear_clipboard_at_exit()
    window.statusBar().showMessage("Copied the citation.", 4000)
    return True


_CLEARING: list[bool] = []


def _clear_clipboard_at_exit() -> None:
    """Empty the clipboard before the interpreter shuts down: mime data set
    from Python is freed twice otherwise (by Qt with the clipboard, and again
    with its Python wrapper), which crashes the process on its way out."""
    if _CLEARING:
        return
    _CLEARING.append(True)

    def clear() -> None:
        if QApplication.instance() is not None:
            QApplication.clipboard().clear()

    atexit.register(clear)
