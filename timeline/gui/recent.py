"""Recently opened paths, remembered in the settings."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from timeline.gui import settings as stored
from timeline.gui.display import as_rich, menu_text
from timeline.model import shown_path

MAX_RECENT = 8
KEY = "files/recent"


def title_for(paths: Sequence[str]) -> str:
    """What the window title says is open: ``seeds``, ``a.txt, b.txt``, ``5 items``;
    names shown as :func:`shown_path` writes them, so any file name can be displayed."""
    names = [shown_path(Path(p).name or p) for p in paths]
    if not names:
        return "nothing open"
    if len(names) <= 2:
        return ", ".join(names)
    return f"{names[0]} and {len(names) - 1} more"


class RecentPaths:
    """The last few sets of paths opened, newest first."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def entries(self) -> list[list[str]]:
        """Remembered path sets, newest first."""
        data = stored.read_json(self.settings, KEY, [])
        if not isinstance(data, list):
            return stored.fallback(KEY, data, "a list of path lists", [])
        entries = [e for e in data if _is_path_list(e)]
        if len(entries) != len(data):
            return stored.fallback(KEY, data, "lists of paths only", entries)
        return entries

    def add(self, paths: Sequence[str]) -> None:
        """Remember ``paths`` (absolute) as the newest entry."""
        entry = [str(Path(p).resolve()) for p in paths]
        kept = [e for e in self.entries() if e != entry]
        self.settings.setValue(KEY, json.dumps([entry, *kept][:MAX_RECENT]))

    def clear(self) -> None:
        """Forget everything."""
        self.settings.setValue(KEY, "[]")

    def fill_menu(self, menu: QMenu, open_paths: Callable[[list[str]], None]) -> None:
        """Rebuild ``menu`` with one item per entry and a Clear item."""
        menu.clear()
        entries = self.entries()
        for entry in entries:
            action = menu.addAction(menu_text(title_for(entry)))
            action.setToolTip(as_rich("\n".join(shown_path(p) for p in entry)))
            action.triggered.connect(lambda _checked=False, e=entry: open_paths(e))
        if not entries:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear Recent", self.clear).setEnabled(bool(entries))


def _is_path_list(entry: object) -> bool:
    """True for a non-empty list of strings, the shape :meth:`RecentPaths.add` stores."""
    return isinstance(entry, list) and bool(entry) and all(isinstance(p, str) for p in entry)
