"""Expand the paths a user gave into the files to read."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from timeline.model import Problem

SUPPORTED_SUFFIXES = frozenset({".txt", ".md"})


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files to read (folders expanded, sorted, each once) and the paths that
    could not be used at all."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files, folder_problems = _walk(path)
            problems.extend(folder_problems)
        elif path.is_file():
            files = [path]
        else:
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found, problems


def _walk(folder: Path) -> tuple[list[Path], list[Problem]]:
    problems: list[Problem] = []

    def on_error(error: OSError) -> None:
        problems.append(Problem(str(error.filename or folder), error.strerror or str(error)))

    files = [
        Path(root) / name
        for root, _dirs, names in os.walk(folder, onerror=on_error)
        for name in names
        if Path(name).suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith(".")
    ]
    return sorted(files), problems
