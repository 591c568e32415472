"""Typed reads of the window's settings, which are data from disk and not to be trusted.

A settings file can be edited by hand, written by another version, or damaged:
every value read here is checked against the type its caller needs and, when
it does not fit, replaced by the caller's default with a logged warning. A file
that cannot be parsed at all is moved aside (never deleted) so the next start
is clean and the user can still look at what was there.

So is a file holding a value Qt would decode as binary (``@Variant(...)`` or
``@DateTime(...)``), which this app never writes: decoding one can abort the
process outright (a stored list size in the billions), and through PySide it
unpickles whatever the value holds, running any function the file names. The
check happens before Qt parses any value, since Qt parses on first access.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Collection
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger("timeline.gui.settings")

SHOWN_CHARS = 60  # how much of an odd value a warning quotes
T = TypeVar("T")

BINARY_VALUE = re.compile(r"@(?:Variant|DateTime)\(")
# What Qt undoes in an INI value: \xHH.. and \OOO.. (kept to 16 bits), one-letter
# escapes, an escaped line break, any other escaped character (dropped); and the
# bare quotes and spaces it may skip.
_QT_ESCAPE = re.compile(r'\\(?:x([0-9A-Fa-f]*)|([0-7]+)|([abfnrtv"?\'\\])|\r\n|\n\r|.|\Z)'
                        r'|[ \t"]', re.DOTALL)


def usable(settings: QSettings) -> QSettings:
    """``settings``, or when its file could not be parsed or holds binary values,
    fresh settings at the same place with the file renamed ``<name>.corrupt-<time>``."""
    path = Path(settings.fileName())
    if holds_binary_values(path):
        damage = "holds values Qt would decode as binary"
    elif settings.status() == QSettings.Status.FormatError:
        damage = "cannot be parsed"
    else:
        return settings
    try:
        kept = move_aside(path)
    except OSError as error:
        log.warning("Settings file %s %s and cannot be moved aside (%s); "
                    "starting with defaults", path, damage, error)
        if damage == "cannot be parsed":
            # Qt would overwrite the file on the next save; better to lose it than
            # to refuse to start, but say so.
            return settings
        return QSettings("", settings.format())  # not to be parsed: this session only
    log.warning("Settings file %s %s; moved it to %s and started with defaults",
                path, damage, kept)
    return QSettings(str(path), settings.format())


def holds_binary_values(path: Path) -> bool:
    """True when Qt could read a value of the settings file at ``path`` as
    ``@Variant(...)`` or ``@DateTime(...)``; False when there is no file to read.

    Errs towards True: the whole text is unescaped as Qt unescapes one value, and
    what Qt may skip (bare quotes, spaces) is dropped everywhere, so whatever Qt
    would see at the start of a value is in the result too."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:  # no file yet, or not a file (the Windows registry)
        return False
    return BINARY_VALUE.search(_QT_ESCAPE.sub(_as_qt_reads, text)) is not None


def _as_qt_reads(escape: re.Match) -> str:
    hex_digits, octal, letter = escape.groups()
    if hex_digits:
        return chr(int(hex_digits[-4:], 16))
    if octal:
        return chr(int(octal[-6:], 8) & 0xFFFF)
    return "\0" if letter else ""  # "\0": a character, though never one of "@Variant("


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
