"""What a build reads: sources listed on the machine that starts it, read by
whichever process is given them.

A source is a folder, a file, a glob pattern (``reports/**/*.pdf``) or a
URL that fsspec can open (``s3://bucket/reports/``, ``file:///data/``;
fsspec and the package for the URL's protocol must be installed where the
build runs). Local sources are listed exactly as the app lists a folder
(:func:`timeline.ingest.discover`), so a build and the app give the same
files, ids and order. A URL is read by the worker it is given to: the file
is copied into a private temporary folder and read from there, so no
worker needs a disk shared with the others, and only extracted rows travel
back.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from timeline.events.build import with_order
from timeline.ingest import MAX_BYTES_DEFAULT, SUPPORTED_SUFFIXES, discover
from timeline.ingest.base import megabytes
from timeline.model import Problem
from timeline.pipeline import FileResult, FileStamp, document_ids, extract_file

_SKIPPED_PREFIXES = (".", "~$", ".~lock")  # hidden files and editors' locks, as in a folder
_GLOB_MAGIC = frozenset("*?[")
_COPY_CHUNK = 1 << 20


class SourceTask(NamedTuple):
    """One file of the collection, as a worker is given it."""

    location: str
    """A local path or a URL."""
    doc_id: str
    position: int
    """Its place in the collection's order."""
    max_bytes: int = MAX_BYTES_DEFAULT
    reference_date: date | None = None


class Listing(NamedTuple):
    """The files a build reads, and what could not be listed."""

    locations: list[str]
    problems: list[Problem]
    sources: list[str]
    """The sources as given, globs expanded (what the store records)."""


def is_url(source: str) -> bool:
    return "://" in source


def list_sources(sources: Sequence[str]) -> Listing:
    """Every file under ``sources``, in the order given (and within a
    folder, in the app's order)."""
    problems: list[Problem] = []
    locations: dict[str, None] = {}  # each file once, in order
    recorded: list[str] = []
    run: list[str] = []  # local sources in a row: listed together, as the app does
    for source in [*sources, None]:
        if source is not None and not is_url(source):
            run += _expand_pattern(source, problems)
            continue
        if run:
            files, found = discover(run)
            problems += found
            locations.update(dict.fromkeys(str(p) for p in files))
            recorded += run
            run = []
        if source is not None:
            locations.update(dict.fromkeys(_list_url(source, problems)))
            recorded.append(source)
    return Listing(list(locations), problems, recorded)


def _expand_pattern(source: str, problems: list[Problem]) -> list[str]:
    """A glob pattern's matches (folders, and files the app reads); any
    other source as it is."""
    if os.path.lexists(source) or not _GLOB_MAGIC & set(source):
        return [source]
    matches = sorted(m for m in glob.glob(source, recursive=True)
                     if os.path.isdir(m) or _supported(m))
    if not matches:
        problems.append(Problem(source, "no file or folder matches this pattern"))
    return matches


def _supported(name: str) -> bool:
    path = PurePosixPath(name)
    return path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith(
        _SKIPPED_PREFIXES)


def _list_url(url: str, problems: list[Problem]) -> list[str]:
    """The files a URL names: itself, or the supported files under it or
    matching it."""
    try:
        from fsspec.core import url_to_fs

        fs, inner = url_to_fs(url)
        named = sorted(fs.glob(inner)) if _GLOB_MAGIC & set(inner) else [inner]
        found: list[str] = []
        for path in named:
            if fs.isdir(path):
                found += sorted(p for p in fs.find(path) if _supported(p)
                                and not _hidden_below(p, path))
            elif fs.isfile(path) and (path == inner or _supported(path)):
                found.append(path)
            elif path == inner:
                problems.append(Problem(url, "no such file or folder"))
        if not named:
            problems.append(Problem(url, "no file or folder matches this pattern"))
        return [fs.unstrip_protocol(p) for p in found]
    except (ImportError, OSError, ValueError) as error:
        problems.append(Problem(url, f"cannot be listed ({type(error).__name__}: {error})"))
        return []


def _hidden_below(path: str, root: str) -> bool:
    """Whether a folder between ``root`` and ``path`` is hidden."""
    inside = PurePosixPath(path).relative_to(PurePosixPath(root)).parts[:-1]
    return any(part.startswith(_SKIPPED_PREFIXES) for part in inside)


def plan_tasks(listing: Listing, max_bytes: int = MAX_BYTES_DEFAULT,
               reference_date: date | None = None) -> list[SourceTask]:
    """A task for each listed file, with its document id as the app gives it."""
    names = [PurePosixPath(_url_path(x)) if is_url(x) else Path(x) for x in listing.locations]
    ids = document_ids(names)  # type: ignore[arg-type] (only their stems are used)
    return [SourceTask(location, doc_id, position, max_bytes, reference_date)
            for position, (location, doc_id) in enumerate(zip(listing.locations, ids,
                                                              strict=True))]


def _url_path(url: str) -> str:
    return url.split("://", 1)[1].split("?", 1)[0]


def extract_part(tasks: Sequence[SourceTask]) -> list[FileResult]:
    """Worker side: extract a few files; each result's drafts placed at its
    file's position in the collection, as the store's merge places them."""
    results = []
    for task in tasks:
        result = extract_source(task)
        results.append(replace(result, drafts=tuple(with_order(d, task.position)
                                                    for d in result.drafts)))
    return results


def extract_source(task: SourceTask) -> FileResult:
    """One file's extraction, from a path or a URL; never raises."""
    if not is_url(task.location):
        return extract_file(Path(task.location), task.doc_id, task.max_bytes,
                            task.reference_date)
    return _extract_url(task)


def _extract_url(task: SourceTask) -> FileResult:
    url = task.location
    try:
        from fsspec.core import url_to_fs

        fs, inner = url_to_fs(url)
        info = fs.info(inner)
        size = int(info.get("size") or 0)
        if size > task.max_bytes:
            return _failed(url, f"{megabytes(size)} is larger than the "
                                f"{megabytes(task.max_bytes)} limit: skipped")
        with tempfile.TemporaryDirectory(prefix="timeline-") as folder:
            local = Path(folder) / PurePosixPath(inner).name
            with fs.open(inner, "rb") as remote, local.open("wb") as copy:
                shutil.copyfileobj(remote, copy, _COPY_CHUNK)
            result = extract_file(local, task.doc_id, task.max_bytes, task.reference_date)
    except (ImportError, OSError, ValueError) as error:
        return _failed(url, f"cannot be fetched ({type(error).__name__}: {error})")
    return _relocated(result, str(local), url, _mtime_ns(info))


def _failed(location: str, reason: str) -> FileResult:
    return FileResult(location, None, problems=(Problem(location, reason),))


def _relocated(result: FileResult, local: str, url: str, mtime_ns: int) -> FileResult:
    """A result read from a temporary copy, said of the URL it came from."""
    document = result.document
    if document is not None:
        document = replace(document, path=url)
    problems = tuple(Problem(url, p.reason) if p.path == local else p for p in result.problems)
    stamp = result.stamp
    if stamp is not None:
        stamp = FileStamp(stamp.size, mtime_ns, stamp.digest)
    return replace(result, path=url, document=document, problems=problems, stamp=stamp)


def _mtime_ns(info: dict) -> int:
    """The modification time a file system reports, in nanoseconds (0 when
    it reports none): fsspec's back ends name and type it differently."""
    for name in ("mtime", "LastModified", "last_modified", "updated", "modified"):
        value = info.get(name)
        if isinstance(value, int | float):
            return int(value * 1_000_000_000)
        if isinstance(value, datetime):
            return int(value.timestamp() * 1_000_000_000)
        if isinstance(value, str):
            try:
                return int(datetime.fromisoformat(value).timestamp() * 1_000_000_000)
            except ValueError:
                continue
    return 0
