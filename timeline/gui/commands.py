"""What the window's menu commands and shortcuts do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from timeline.gui import editing
from timeline.gui.actions import shortcut_rows
from timeline.gui.dateparse import DateInputError, parse_user_date
from timeline.gui.display import as_rich
from timeline.gui.panels import DateDialog, ShortcutsDialog
from timeline.gui.printing import print_view
from timeline.gui.settings import read_str
from timeline.gui.sharing import copy_citation, export_events_dialog
from timeline.index import LaneMode, seconds
from timeline.model import When, shown_path

if TYPE_CHECKING:
    from timeline.gui.main_window import MainWindow


def file_filter() -> str:
    """The Open dialog's filter: every suffix the readers take."""
    from timeline.ingest import SUPPORTED_SUFFIXES  # the readers load slowly: not at startup

    patterns = " ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES))
    return (f"Documents ({patterns});;Timeline projects (*.timeline);;"
            "Collection stores (*.sqlite);;All files (*)")


def handlers(w: MainWindow) -> dict[str, Callable[[], object]]:
    """Every action name mapped to what it does in window ``w``."""
    c = w.controller
    return {
        "open_files": lambda: open_files(w),
        "open_folder": lambda: open_folder(w),
        "export_png": lambda: export_png(w),
        "print": lambda: print_view(w),
        "export_events": lambda: export_events_dialog(w),
        "copy_citation": lambda: copy_citation(w),
        "undo": w.edit_session.undo_stack.undo,
        "redo": w.edit_session.undo_stack.redo,
        "edit_event": lambda: editing.edit_event(w),
        "toggle_hidden": lambda: editing.toggle_hidden(w),
        "toggle_star": lambda: editing.toggle_star(w),
        "edit_note": lambda: editing.edit_note(w),
        "merge_with": lambda: editing.merge_with(w),
        "split_mention": lambda: editing.split_mention(w),
        "add_from_selection": lambda: editing.add_from_selection(w),
        "show_hidden": lambda: w.filter_bar.set_show_hidden(w.acts["show_hidden"].isChecked()),
        "open_project": lambda: w.projects.open_dialog(),
        "save_project": lambda: w.projects.save(),
        "save_project_as": lambda: w.projects.save_as(),
        "refresh_project": lambda: w.projects.refresh(),
        "quit": lambda: w.projects.quit(),
        "find": w.filter_bar.focus_search,
        "fit_all": w.canvas.fit_all,
        "fit_selection": lambda: w.canvas.fit_event(c.position(c.selected)),
        "zoom_in": lambda: w.canvas.zoom(0.6),
        "zoom_out": lambda: w.canvas.zoom(1 / 0.6),
        "go_to_date": lambda: go_to_date(w),
        "lanes_document": lambda: w.set_lane_mode(LaneMode.DOCUMENT),
        "lanes_kind": lambda: w.set_lane_mode(LaneMode.KIND),
        "lanes_actor": lambda: w.set_lane_mode(LaneMode.ACTOR),
        "show_table": lambda: w.show_panel(w.table_dock, w.acts["show_table"].isChecked()),
        "show_details": lambda: w.show_panel(w.detail_dock,
                                             w.acts["show_details"].isChecked()),
        "next_pane": lambda: w.focus_pane(1),
        "previous_pane": lambda: w.focus_pane(-1),
        "next_event": lambda: c.step(1),
        "previous_event": lambda: c.step(-1),
        "next_mention": lambda: w.detail.step_mention(1),
        "previous_mention": lambda: w.detail.step_mention(-1),
        "open_source": lambda: open_source(w),
        "clear_selection": lambda: w.cancel_loading() if w.loader.busy else c.select(None),
        "shortcuts": lambda: show_shortcuts(w),
        "about": w.about,
    }


def _start_dir(w: MainWindow) -> str:
    return read_str(w.settings, "files/last_dir", str(Path.home()))


def _remember_dir(w: MainWindow, path: str) -> None:
    w.settings.setValue("files/last_dir", str(Path(path).parent if Path(path).is_file()
                                              else path))


def open_files(w: MainWindow) -> None:
    """File ▸ Open Files…"""
    paths, _ = QFileDialog.getOpenFileNames(w, "Open files", _start_dir(w), file_filter())
    if paths:
        _remember_dir(w, paths[0])
        w.projects.open_chosen(paths)


def open_folder(w: MainWindow) -> None:
    """File ▸ Open Folder…"""
    folder = QFileDialog.getExistingDirectory(w, "Open folder", _start_dir(w))
    if folder:
        _remember_dir(w, folder)
        w.projects.open_chosen([folder])


def export_png(w: MainWindow, path: str | None = None) -> bool:
    """File ▸ Export View as PNG…: the legend, timeline and overview as shown.
    ``path`` stands for the name the save dialog would confirm."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(w, "Export view as PNG",
                                              str(Path(_start_dir(w)) / "timeline.png"),
                                              "PNG images (*.png)")
    if not path:
        return False
    target = png_target(path)
    if must_ask_to_replace(path, target) and not confirm_replace(w, target):
        return False
    ok = w.timeline_page.grab().save(target, "PNG")
    if ok:
        w.statusBar().showMessage(f"Saved {shown_path(target)}", 5000)
    else:
        QMessageBox.warning(w, "Export failed", as_rich(f"Could not write {shown_path(target)}."))
    return ok


def png_target(chosen: str) -> str:
    """The file an export to ``chosen`` writes: ``.png`` added unless it is there."""
    return chosen if chosen.lower().endswith(".png") else chosen + ".png"


def must_ask_to_replace(chosen: str, target: str) -> bool:
    """True when writing ``target`` would replace a file nobody agreed to replace:
    the save dialog asks only about the name as typed (``chosen``), so a name
    that gained ``.png`` afterwards needs asking about again."""
    return target != chosen and Path(target).exists()


def confirm_replace(w: MainWindow, target: str) -> bool:
    """Ask whether to replace ``target``; No unless the user says Yes."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        w, "Replace file?", as_rich(f"{shown_path(Path(target).name)} already exists in "
                                    f"{shown_path(str(Path(target).parent))}.\n"
                                    "Do you want to replace it?"),
        buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def go_to_date(w: MainWindow, text: str | None = None) -> bool:
    """View ▸ Go to Date…: show the span a typed date names, e.g. ``March 2011``.
    ``text`` stands for what would be typed into the dialog."""
    if text is None:
        dialog = date_dialog(w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        when = dialog.value
    else:
        try:
            when = parse_user_date(text)
        except DateInputError as error:
            w.statusBar().showMessage(error.reason, 6000)
            return False
    show_when(w, when)
    return True


def date_dialog(w: MainWindow) -> DateDialog:
    """The Go to Date dialog, not yet shown, holding what was typed into it
    last time (to go a little further, or to correct it)."""
    dialog = DateDialog(parse_user_date, w, w.last_date_text)
    dialog.finished.connect(lambda _result: setattr(w, "last_date_text", dialog.edit.text()))
    return dialog


def show_when(w: MainWindow, when: When) -> None:
    """Show the span of ``when`` with a margin either side."""
    t0, t1 = seconds(when.start), seconds(when.end) + 86400.0
    pad = (t1 - t0) * 0.1
    w.canvas.set_range(t0 - pad, t1 + pad)


def open_source(w: MainWindow) -> None:
    """Enter: show the selected event's passage and put the focus there."""
    if w.controller.selected is None:
        return
    w.detail_dock.show()
    w.detail_dock.raise_()
    w.detail.focus_source()


def show_shortcuts(w: MainWindow) -> ShortcutsDialog:
    """Help ▸ Keyboard Shortcuts (non-modal)."""
    dialog = ShortcutsDialog(shortcut_rows(), w)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
