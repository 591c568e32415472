"""Recently opened paths, remembered in the settings."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

MAX_RECENT = 8
KEY = "files/recent"


def title_for(paths: Sequence[str]) -> str:
    """What the window title says is open: ``seeds``, ``a.txt, b.txt``, ``5 items``."""
    names = [Path(p).name or p for p in paths]
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
        raw = self.settings.value(KEY, "[]")
        try:
            data = json.loads(raw if isinstance(raw, str) else "[]")
        except json.JSONDecodeError:
            return []
        return [list(map(str, e)) for e in data if isinstance(e, list)]

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
            action = menu.addAction(title_for(entry))
            action.setToolTip("\n".join(entry))
            action.triggered.connect(lambda _checked=False, e=entry: open_paths(e))
        if not entries:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Clear Recent", self.clear).setEnabled(bool(entries))
