"""Watching an open collection: a file added, changed or removed under it
asks for a refresh, once the disk has been quiet for a moment.

Folders are watched (one watch each, not one per file: a folder of ten
thousand files costs one), and so are the files named directly. A folder's
watch tells of files added, removed or renamed in it; a change of content
inside it is seen through the files' own watches where there are few enough
of them, and otherwise by a slow poll that lets the store compare sizes and
times (cheap: nothing unchanged is read).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from timeline.gui.display import qt_safe

QUIET_MS = 800
"""A burst of changes (a copy of many files) is answered once, after this."""
MAX_FOLDERS = 2000
MAX_FILES = 2000
"""At most this many files get a watch of their own; beyond, the poll."""
POLL_MS = 30_000


class CollectionWatcher(QObject):
    """Emits ``changed`` after files under the watched paths changed."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        self._watcher.fileChanged.connect(self._on_change)
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._quiet.timeout.connect(self.changed)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.changed)
        self._paused = False

    def watch(self, paths: Sequence[str]) -> None:
        """Watch ``paths`` (files and folders, folders with their subfolders)
        and nothing else."""
        self.watch_listing(listing(paths))

    def watch_listing(self, found: tuple[list[str], list[str]]) -> None:
        """Watch the folders and files of a :func:`listing` (made in a worker:
        walking a large folder takes long)."""
        self.clear()
        folders, files = found
        if folders:
            self._watcher.addPaths(folders[:MAX_FOLDERS])
        if len(files) <= MAX_FILES:
            if files:
                self._watcher.addPaths(files)
        else:
            self._poll.start()
        if len(folders) > MAX_FOLDERS:
            self._poll.start()

    def clear(self) -> None:
        """Stop watching anything."""
        for group in (self._watcher.directories(), self._watcher.files()):
            if group:
                self._watcher.removePaths(group)
        self._poll.stop()
        self._quiet.stop()

    @property
    def watched(self) -> list[str]:
        return [*self._watcher.directories(), *self._watcher.files()]

    def pause(self) -> None:
        """Hold changes back (while a load runs, which sees them anyway)."""
        self._paused = True
        self._quiet.stop()

    def resume(self) -> None:
        self._paused = False

    def _on_change(self, path: str) -> None:
        if self._paused:
            return
        # Editors often save by writing a new file and renaming it over the
        # old: the old watch is gone, so the file is watched again.
        if path not in self._watcher.files() and os.path.isfile(path):
            self._watcher.addPath(path)
        self._quiet.start()


def listing(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Folders (each with its subfolders) and files under ``paths``; names
    Qt cannot hold (not UTF-8) are left to the poll."""
    from timeline.ingest import SUPPORTED_SUFFIXES

    folders: list[str] = []
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                folders.append(root)
                files += (os.path.join(root, n) for n in sorted(names)
                          if Path(n).suffix.lower() in SUPPORTED_SUFFIXES)
                if len(folders) > MAX_FOLDERS:
                    break
        elif path.is_file():
            files.append(str(path))
            folders.append(str(path.parent))
    return [f for f in dict.fromkeys(folders) if qt_safe(f) == f], \
        [f for f in files if qt_safe(f) == f]
