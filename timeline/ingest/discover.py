"""Expand the paths a user gave into the files to read.

Folders are walked without following a symbolic link back into a folder
already being walked; every entry that cannot be used (a broken link, a
link loop, a pipe, a folder that cannot be listed) becomes a
:class:`Problem`, and the walk goes on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from timeline.ingest.base import os_reason
from timeline.ingest.sniff import SUFFIX_FORMATS
from timeline.model import Problem

SUPPORTED_SUFFIXES = frozenset(SUFFIX_FORMATS)
# Document formats a user may expect to be read; met in a folder, each is
# reported rather than passed over in silence.
UNSUPPORTED_DOCUMENTS = MappingProxyType({
    ".doc": "old Word format (.doc) is not supported: save it as .docx",
    ".rtf": "RTF is not supported: save it as .docx or .txt",
    ".odt": "OpenDocument text (.odt) is not supported: save it as .docx",
})
# Editors' lock and backup files look like documents but are not.
_SKIPPED_PREFIXES = (".", "~$", ".~lock")


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files to read (folders expanded, sorted, each once) and the paths that
    could not be used at all.

    A file named explicitly is kept whatever its extension (the readers judge
    it by content); inside folders only :data:`SUPPORTED_SUFFIXES` are taken.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[object] = set()
    for raw in paths:
        for file in _expand(Path(raw), problems):
            key = _file_identity(file)
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found, problems


def _expand(path: Path, problems: list[Problem]) -> list[Path]:
    kind = _kind(path)
    if kind == "folder":
        return _walk(path, problems)
    if kind == "file":
        return [path]
    problems.append(Problem(str(path), kind))
    return []


def _kind(path: Path) -> str:
    """"file", "folder", or why the path cannot be used."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return _link_reason(path) or (
            "no such file or folder" if isinstance(error, FileNotFoundError)
            else os_reason(error))
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return "not a regular file (a pipe, socket or device): skipped"


def _link_reason(path: Path) -> str | None:
    """Why a symbolic link cannot be followed, or None if it is not a link."""
    if not path.is_symlink():
        return None
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop: skipped"
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            return f"broken symbolic link (to {os.readlink(path)}): skipped"
        return f"symbolic link loop: skipped ({os_reason(error)})"
    return None


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """Supported files under ``folder``, following links to folders once;
    trouble met on the way is added to ``problems`` in path order."""
    files: list[Path] = []
    found: list[Problem] = []
    pending = [folder]
    visited = {_identity(folder)}
    while pending:
        current = pending.pop()
        for entry in _entries(current, found):
            if entry.name.startswith(_SKIPPED_PREFIXES):
                continue
            kind = _kind(entry)
            if kind == "folder":
                _enter(entry, current, visited, pending, found)
            else:
                _take(entry, kind, files, found)
    problems.extend(sorted(found, key=lambda problem: problem.path))
    return sorted(files, key=_path_order)


def _path_order(path: Path) -> tuple[str, ...]:
    """The order of :class:`Path` (part by part, case folded where the system
    folds case), computed once per path rather than at each comparison."""
    return tuple(os.path.normcase(part) for part in path.parts)


def _take(entry: Path, kind: str, files: list[Path], problems: list[Problem]) -> None:
    """Keep a supported file; report a supported name that is not a readable
    file, or a document format that is not supported."""
    suffix = entry.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES and kind == "file":
        files.append(entry)
    elif suffix in SUPPORTED_SUFFIXES:
        problems.append(Problem(str(entry), kind))
    elif suffix in UNSUPPORTED_DOCUMENTS:
        problems.append(Problem(str(entry), UNSUPPORTED_DOCUMENTS[suffix]))


def _entries(folder: Path, problems: list[Problem]) -> list[Path]:
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing)
        return [folder / name for name in names]
    except OSError as error:
        problems.append(Problem(str(folder), f"folder cannot be read ({os_reason(error)}): "
                                             "skipped"))
        return []


def _enter(entry: Path, parent: Path, visited: set[Path], pending: list[Path],
           problems: list[Problem]) -> None:
    """Queue a subfolder unless it was walked already; a link back to a
    folder that contains it is a loop, and reported as one."""
    key = _identity(entry)
    if key not in visited:
        visited.add(key)
        pending.append(entry)
    elif entry.is_symlink() and _identity(parent).is_relative_to(key):
        problems.append(Problem(str(entry), f"symbolic link loop (back to {key}): not followed"))


def _file_identity(path: Path) -> object:
    """What makes two paths the same file: its device and inode (a link or a
    second route to a file is read once), else its resolved path."""
    try:
        info = path.stat()
    except OSError:
        return _identity(path)
    if info.st_ino == 0:  # a file system without inode numbers
        return _identity(path)
    return (info.st_dev, info.st_ino)


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
