"""Garbage collection that never runs off the GUI thread, never in the
middle of a load, and never scans what a load made.

Python's cyclic collector runs in whichever thread happens to allocate when a
threshold is passed. Run in a loading thread, it may destroy Qt objects left
over from closed windows there, which Qt does not allow (it aborts or
deadlocks). So automatic collection is turned off and a timer in the GUI
thread collects instead (as pyqtgraph's ``GarbageCollector`` does), except
while a load runs: a load makes a million objects in a second, which a pass
would scan, with the window waiting; at its end they are moved out of the
collector's way (:func:`keep_out_of_collections`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer

COLLECT_EVERY_MS = 500
_timer: QTimer | None = None
_loads = 0
_lock = threading.Lock()


def collect_on_gui_thread() -> None:
    """Start collecting from the GUI thread's timer (once per process; call
    it from the GUI thread)."""
    global _timer
    if _timer is None:
        gc.disable()
        _timer = QTimer()
        _timer.timeout.connect(_collect)
        _timer.start(COLLECT_EVERY_MS)


def _collect() -> None:
    """Collect the generations past their thresholds, as the interpreter
    would have, unless a load is running."""
    if _loads:
        return
    thresholds, counts = gc.get_threshold(), gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


@contextmanager
def loading() -> Iterator[None]:
    """Marks a load running (in any thread) for the length of the block, and
    keeps what it made out of later collections."""
    global _loads
    with _lock:
        _loads += 1
    try:
        yield
    finally:
        keep_out_of_collections()
        with _lock:
            _loads -= 1


def keep_out_of_collections() -> None:
    """Move every object alive now out of the collector's way.

    A collection of ten thousand documents is about a million Python objects.
    A full collection scans them all, holding the interpreter for a third of
    a second at a time. What a load makes lives as long as the collection is
    open and is freed by reference counting when it goes (the model's objects
    hold no cycles), so nothing is lost by not scanning it.
    """
    gc.freeze()
