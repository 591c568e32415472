"""Typed reads of the window's settings, which are data from disk and not to be trusted.

A settings file can be edited by hand, written by another version, or damaged:
every value read here is checked against the type its caller needs and, when
it does not fit, replaced by the caller's default with a logged warning. A file
that cannot be parsed at all is moved aside (never deleted) so the next start
is clean and the user can still look at what was there.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Collection
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger("timeline.gui.settings")

SHOWN_CHARS = 60  # how much of an odd value a warning quotes
T = TypeVar("T")


def usable(settings: QSettings) -> QSettings:
    """``settings``, or when its file could not be parsed, fresh settings at the
    same place with the damaged file renamed ``<name>.corrupt-<time>``."""
    if settings.status() != QSettings.Status.FormatError:
        return settings
    path = Path(settings.fileName())
    try:
        kept = move_aside(path)
    except OSError as error:
        # Qt would overwrite the file on the next save; better to lose it than to
        # refuse to start, but say so.
        log.warning("Settings file %s cannot be parsed or moved aside (%s); "
                    "starting with defaults", path, error)
        return settings
    log.warning("Settings file %s cannot be parsed; moved it to %s and started "
                "with defaults", path, kept)
    return QSettings(str(path), settings.format())


def move_aside(path: Path) -> Path:
    """Rename ``path`` to an unused ``<name>.corrupt-<time>`` beside it; the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    path.rename(target)
    return target


def read_str(settings: QSettings, key: str, default: str) -> str:
    """The string stored under ``key``, or ``default`` when absent or not a string."""
    value = _stored(settings, key)
    if value is None:
        return default
    if isinstance(value, str):
        return value
    return fallback(key, value, "text", default)


def read_choice(settings: QSettings, key: str, choices: Collection[str], default: str) -> str:
    """The string under ``key`` when it is one of ``choices``, else ``default``."""
    value = read_str(settings, key, default)
    if value in choices:
        return value
    return fallback(key, value, f"one of {sorted(choices)}", default)


def read_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """The bytes under ``key`` (saved geometry or state), or None when absent or
    not bytes. Whether the bytes themselves make sense is for Qt's restore call."""
    value = _stored(settings, key)
    if value is None or isinstance(value, QByteArray):
        return value
    if isinstance(value, bytes):
        return QByteArray(value)
    return fallback(key, value, "saved bytes", None)


def read_json(settings: QSettings, key: str, default: object) -> object:
    """The JSON text under ``key`` decoded, or ``default`` when absent or not JSON.
    The caller checks the shape of what comes back."""
    text = read_str(settings, key, "")
    if not text:
        return default
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):  # RecursionError: absurdly deep nesting
        return fallback(key, text, "JSON", default)


def _stored(settings: QSettings, key: str) -> object:
    """What is stored under ``key``, or None when nothing is."""
    return settings.value(key) if settings.contains(key) else None


def fallback(key: str, value: object, wanted: str, default: T) -> T:
    """Log that ``value`` under ``key`` is not ``wanted`` and hand back ``default``."""
    shown = repr(value)
    if len(shown) > SHOWN_CHARS:
        shown = shown[: SHOWN_CHARS - 1] + "…"
    log.warning("Setting %s holds %s, not %s; using %r instead", key, shown, wanted, default)
    return default


def warn_unrestored(key: str) -> None:
    """Log that the bytes under ``key`` were refused by Qt (so the default layout stays)."""
    log.warning("Setting %s could not be restored; keeping the default layout", key)
