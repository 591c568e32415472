"""Garbage collection that never runs off the GUI thread, and never scans
what a load made.

Python's cyclic collector runs in whichever thread happens to allocate when a
threshold is passed. Run in a loading thread, it may destroy Qt objects left
over from closed windows there, which Qt does not allow (it aborts or
deadlocks). So automatic collection is turned off and pyqtgraph's
:class:`GarbageCollector` collects on a timer in the GUI thread instead.
"""

from __future__ import annotations

import gc

from pyqtgraph.util.garbage_collector import GarbageCollector

COLLECT_EVERY_S = 0.5
_collector: GarbageCollector | None = None


def collect_on_gui_thread() -> None:
    """Start collecting from the GUI thread's timer (once per process; call
    it from the GUI thread)."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=COLLECT_EVERY_S)


def keep_out_of_collections() -> None:
    """Move every object alive now out of the collector's way.

    A collection of ten thousand documents is about a million Python objects.
    A full collection scans them all, holding the interpreter for a third of
    a second at a time, and the window waits meanwhile. What a load makes
    lives as long as the collection is open and is freed by reference
    counting when it goes (the model's objects hold no cycles), so nothing is
    lost by not scanning it.
    """
    gc.freeze()
