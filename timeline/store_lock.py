"""One writer at a time per collection store, across processes.

Two windows opened on one folder, or a window and ``timeline build``, would
otherwise both find the same files new and write them twice (the second
write breaks the store's unique paths). The writer holds an advisory lock
on a file beside the store (``NAME.sqlite.lock``) while it brings the store
up to date (taken once the store is open, so that a path that cannot be a
store gets no lock file beside it); another writer waits for it, then finds
the files already read. Readers need no lock: SQLite's write-ahead log
serves them. Making a new store needs none either: SQLite's own write lock
makes it once (:meth:`timeline.store.Store._prepare`).

Where the system offers no advisory locks, stores are written unlocked.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


def lock_path(store: Path) -> Path:
    """The file the lock of ``store`` is taken on."""
    return store.with_name(store.name + ".lock")


@contextlib.contextmanager
def only_writer(store: Path) -> Iterator[None]:
    """Hold the store's writer lock inside the block, waiting for another
    process that holds it. A lock that cannot be taken (no such folder yet,
    no permission) is passed over: the store's own errors say why later."""
    if fcntl is None:
        yield
        return
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path(store), "a+b")  # noqa: SIM115 - closed below
    except OSError as error:
        log.info("store lock not taken for %s: %s", store, error)
        yield
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield
    finally:
        handle.close()  # closing releases the lock
