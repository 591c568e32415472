"""A guard against a reference-counting fault in some PySide6 builds.

PySide6 6.12 on Python 3.11 returns ``None`` from void C++ methods without
taking a new reference, as if ``None`` were immortal (it is only from Python
3.12 on), and some calls treat ``True`` and ``False`` the same way. Every
``painter.drawRect(...)`` or ``widget.update()`` then lowers ``None``'s count
by one; a running app (or the interpreter at exit) eventually drops it to zero
and aborts with "none_dealloc" (or "bool_dealloc"). Where the fault is
detected, we give these singletons a reserve of references large enough never
to run out, which is what Python 3.12 does by making them immortal.

The project pins PySide6 below 6.12, where the fault does not occur, so this
guard only acts if someone runs the app on an affected build anyway.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

RESERVE = 1 << 40  # far more void calls than any session could make


def none_leaks() -> bool:
    """True when calling a void Qt method costs ``None`` a reference."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def protect_none() -> bool:
    """Apply the reserve when this PySide6 leaks ``None``; True if it was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not none_leaks():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in CPython's layout.
        ctypes.c_ssize_t.from_address(id(singleton)).value += RESERVE
    return True


# Imported by every module of the window that calls Qt, so the guard is in
# place before the first paint, whichever entry point (app, tests, scripts) ran.
PROTECTED = protect_none()
