"""``file:`` URLs and paths, converted through bytes.

Qt holds file names as strings, so a name that is not valid UTF-8 (which Python
carries with lone surrogates) cannot pass through ``QUrl.fromLocalFile`` or
``QUrl.toLocalFile`` intact: the first raises, the second replaces the bytes.
Percent-encoding keeps every byte, so the conversions go that way.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

from PySide6.QtCore import QUrl


def file_url(path: str) -> QUrl:
    """A ``file:`` URL for ``path`` (made absolute), built from its bytes."""
    return QUrl.fromEncoded(Path(path).resolve().as_uri().encode("ascii"))


def local_path(url: QUrl) -> str:
    """The file a local URL names. Qt's own answer unless the URL's bytes are not
    UTF-8; then the bytes as Python names such a file (``os.fsdecode``)."""
    encoded = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    raw = urllib.parse.unquote_to_bytes(encoded)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return os.fsdecode(raw)
    return url.toLocalFile()
