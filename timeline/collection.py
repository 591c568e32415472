"""A collection kept in a store: extract only what changed, merge only what
it touches.

:func:`update_store` brings a store in line with the files under some
paths: a file whose size and modification time are those stored is not
read; one whose content hash is unchanged only has its time updated; new
and changed files are extracted (on all cores, :mod:`timeline.workers`)
and written as they come, in batches, each batch a transaction; files gone
are forgotten; a file with the same content as one listed before it is
recorded as a copy of that one, without being read (its events are counted
once). Then the events are merged again, but only those a change
touches: the events that held a changed file's mentions, and every event
sharing a merge key with them or with the file's new mentions
(:func:`timeline.events.merge.link_keys`): only drafts sharing a key can
ever meet in merging.

Why one step of keys and not all: in a real collection nearly every event is
linked to every other through some chain of shared keys (a meeting noun, a
year, a word), so following the chains would merge everything again on
every change. One step catches what a change decides directly (a mention
that now has one fitting event instead of two joins it; one that lost its
event finds another). What it leaves is a ripple two steps away: an event
whose own merge hung on a neighbour that changed. Such ripples need an
ambiguity on top of an ambiguity and are rare; a fresh extraction (delete
the store, or change the options) settles them.

If the process is stopped half-way, what was committed stays: files already
written are not read again, and their mentions (kept unmerged, with the
events they touched marked stale) are merged on the next update.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import platformdirs

from timeline.events.build import events_from_drafts, with_order
from timeline.events.doctitle import HEAD_CHARS, own_event_title, shown_title
from timeline.events.merge import Draft, link_keys
from timeline.ingest import MAX_BYTES_DEFAULT, discover
from timeline.model import Corpus, Event, Problem, shown_path
from timeline.pipeline import (
    FileResult,
    FileStamp,
    Progress,
    assemble,
    document_ids,
    duplicate_problem,
    internal_problem,
    stamp_of,
)
from timeline.store import (
    DAMAGE,
    FileRecord,
    NewFile,
    Store,
    StoreError,
    is_damage,
    signature,
)
from timeline.store_lock import only_writer
from timeline.workers import Cancelled, FileTask, iter_results

_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())

BATCH_SECONDS = 0.5
"""Extracted files are committed at least this often (and at the end)."""
SOURCE_PACKAGES = ("dates", "events", "ingest")
SOURCE_MODULES = ("pipeline.py", "model.py")


Preview = Callable[[Corpus], None]
"""Called now and then during a long extraction with the collection so far."""

PREVIEW_FIRST_S = 1.0
"""The first preview comes this long after extraction starts; each next one
waits twice as long as the one before, so previews cost a bounded share."""


@dataclass
class UpdateReport:
    """What an update did, in words and numbers for the user."""

    store: Path
    extracted: int = 0
    added: int = 0
    unchanged: int = 0
    removed: int = 0
    merged_events: int = 0
    cancelled: bool = False
    notices: list[str] = field(default_factory=list)
    listing_problems: list[Problem] = field(default_factory=list)
    """Paths that could not be listed (from :func:`~timeline.ingest.discover`)."""

    def summary(self) -> str:
        """A short line about the files, for a status bar ("" when nothing changed)."""
        parts = []
        changed = self.extracted - self.added
        for count, what in ((self.added, "added"), (changed, "changed"),
                            (self.removed, "removed")):
            if count:
                parts.append(f"{count} file{'s' if count != 1 else ''} {what}")
        return ", ".join(parts)


def default_store_path(paths: Sequence[str | Path]) -> Path:
    """Where the store of the collection made of ``paths`` is kept: the
    user's cache folder, one file per set of paths."""
    key = "\n".join(sorted(os.fsencode(os.path.abspath(p)).hex() for p in paths))
    name = hashlib.sha256(key.encode()).hexdigest()[:20]
    return Path(platformdirs.user_cache_dir("timeline", appauthor=False)) / "collections" / (
        name + ".sqlite")


CACHE_KEEP_DAYS = 60
"""Stores in the cache folder not opened for this long are removed (they are
made again, from the files, when their folder is next opened)."""


def prune_cache(folder: Path, keep_days: float = CACHE_KEEP_DAYS,
                spare: Path | None = None) -> list[Path]:
    """Remove the stores in the cache ``folder`` (with their journal files
    and any set aside as broken) last modified more than ``keep_days`` ago,
    except ``spare``; returns what was removed. Never raises."""
    cutoff = time.time() - keep_days * 86400
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        stem = entry.name.split(".sqlite")[0]
        if ".sqlite" not in entry.name or (spare is not None and spare.name.startswith(stem)):
            continue
        try:
            if entry.is_file() and entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue  # in use or gone: left for another time
    return removed


def open_store(path: Path, notices: list[str]) -> Store:
    """The store at ``path``; one that is damaged, not a store, or of
    another version is moved aside (``.broken``) and a new one made, with
    a notice saying so. (Damage deeper in the file shows only when it is
    read: :func:`update_store` then does the same.)"""
    try:
        return Store(path)
    except StoreError as error:
        if not error.damaged:
            raise
        _set_aside(path, str(error), notices)
        return Store(path)


def _set_aside(path: Path, reason: str, notices: list[str]) -> None:
    aside = path.with_name(path.name + ".broken")
    for suffix in ("", "-wal", "-shm"):
        old = Path(str(path) + suffix)
        if old.exists():
            os.replace(old, Path(str(aside) + suffix))
    notices.append(f"the collection store {shown_path(str(path))} could not be used "
                   f"({reason}); it was moved to {shown_path(aside.name)} and is rebuilt")


def update_store(paths: Sequence[str | Path], store_path: Path | None = None, jobs: int = 1,
                 progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                 max_bytes: int = MAX_BYTES_DEFAULT, reference_date: date | None = None,
                 preview: Preview | None = None) -> tuple[Corpus, UpdateReport]:
    """Bring the store of ``paths`` up to date and read the collection from it.

    When ``cancelled()`` turns true, the files read so far are kept, merged
    and returned (``report.cancelled``); the others are read next time.
    """
    store_path = _store_path(paths, store_path)
    notices: list[str] = []
    for last_try in (False, True):
        try:
            report = refresh_store(paths, store_path, jobs, progress, cancelled, max_bytes,
                                   reference_date, preview)
            with Store(report.store) as store:
                corpus = store.read_corpus(report.listing_problems)
        except DAMAGE as error:
            if not is_damage(error):  # locked, full disk, no permission: not the file's fault
                raise StoreError(str(error), damaged=False) from None
            if last_try:
                raise StoreError(f"damaged again after being rebuilt ({error})") from None
            # Damage met while reading rows: the store is made again from the files.
            _set_aside(store_path, "damaged", notices)
            continue
        report.notices[:0] = notices
        return corpus, report
    raise AssertionError("unreachable")


def refresh_store(paths: Sequence[str | Path], store_path: Path | None = None, jobs: int = 1,
                  progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                  max_bytes: int = MAX_BYTES_DEFAULT, reference_date: date | None = None,
                  preview: Preview | None = None) -> UpdateReport:
    """:func:`update_store` without reading the collection back."""
    store_path = _store_path(paths, store_path)
    report = UpdateReport(store_path)
    files, report.listing_problems = discover(paths)
    with open_store(store_path, report.notices) as store, only_writer(store_path):
        _refresh(store, paths, files, jobs, progress, cancelled, max_bytes, reference_date,
                 report, preview)
    return report


def _store_path(paths: Sequence[str | Path], given: Path | None) -> Path:
    """The store to use: the one given, else the cache's for ``paths`` (and
    then the cache is pruned of stores long unused)."""
    if given:
        return Path(given)
    path = default_store_path(paths)
    prune_cache(path.parent, spare=path)
    return path


def read_store(store_path: Path) -> Corpus:
    """The collection held by a store, as it is (no file is looked at)."""
    with Store(store_path, read_only=True) as store:
        return store.read_corpus()


def store_sources(store_path: Path) -> list[str]:
    """The paths a store was built from (empty when unknown)."""
    with Store(store_path, read_only=True) as store:
        found = store.meta("sources")
    return [os.fsdecode(bytes.fromhex(p)) for p in json.loads(found)] if found else []


def _refresh(store: Store, paths: Sequence[str | Path], files: Sequence[Path], jobs: int,
             progress: Progress | None, cancelled: Callable[[], bool] | None, max_bytes: int,
             reference_date: date | None, report: UpdateReport,
             preview: Preview | None = None) -> None:
    options = fingerprint(max_bytes, reference_date)
    stored = store.files()
    known = stored if store.meta("extractor") == options else {}
    # (made by another extractor or with other options: all is read again)
    ids = document_ids(files)
    current = {str(p) for p in files}
    gone = [p for p in stored if p not in current]
    tasks: list[tuple[int, FileTask]] = []
    touched: list[tuple[str, int, int]] = []
    states = [_state(path, known.get(str(path)), doc_id)
              for path, doc_id in zip(files, ids, strict=True)]
    copies = _duplicates(files, states, known)
    for position, (path, doc_id) in enumerate(zip(files, ids, strict=True)):
        state = states[position]
        if position in copies:
            report.added += str(path) not in stored
            report.unchanged += str(path) in stored
            continue
        if state == "same":
            report.unchanged += 1
        elif state == "touched":
            stat = path.stat()
            touched.append((str(path), stat.st_size, stat.st_mtime_ns))
            report.unchanged += 1
        else:
            report.added += str(path) not in stored
            tasks.append((position, FileTask(path, doc_id, max_bytes, reference_date)))
    with store.transaction():
        store.set_meta("extractor", options)
        store.set_meta("sources", json.dumps([os.fsencode(os.path.abspath(p)).hex()
                                              for p in paths]))
        store.forget(gone)
        for path, size, mtime in touched:
            store.touch(path, size, mtime)
        store.set_positions((str(p), i) for i, p in enumerate(files)
                            if str(p) in stored and stored[str(p)].position != i
                            and i not in copies)
        for position, (record, kept) in copies.items():
            store.put_file(record, position, [duplicate_problem(record.path, kept)], None)
    report.removed = len(gone)
    taken = {r.doc_id for r in stored.values()}
    writer = _Writer(store, {str(t.path) for _p, t in tasks
                             if str(t.path) not in stored and t.doc_id not in taken})
    try:
        _extract_into(writer, tasks, jobs, progress, cancelled, report, preview)
    except Cancelled:
        report.cancelled = True
    try:
        with store.transaction():
            report.merged_events = merge_pending(store, writer.drafts)
    except StoreError:
        raise
    except Exception as error:  # the documents stay, unmerged, and are merged next time
        report.notices.append(internal_problem(str(store.path), "building the events",
                                               error).reason)


def _duplicates(files: Sequence[Path], states: list[str], known: dict[str, FileRecord]
                ) -> dict[int, tuple[FileRecord, str]]:
    """The files (by position) whose content a file listed before them
    already has, each with the record to store for it and the path of the
    file kept; as :func:`timeline.pipeline.without_duplicates` does for a
    collection read whole. A kept file stored as a copy (without a
    document, and with the content of a stored file that has one) has its
    state set to "changed", so that it is read: the file it copied is gone
    or changed."""
    held = {r.hash: r.path for r in known.values() if r.doc_id is not None and r.hash}
    kept: dict[str, str] = {}
    copies: dict[int, tuple[FileRecord, str]] = {}
    for position, path in enumerate(files):
        record = known.get(str(path))
        if states[position] == "same" and record is not None:
            stamp: FileStamp | None = FileStamp(record.size, record.mtime_ns, record.hash)
        else:
            stamp = stamp_of(path)  # read again when extracted: a small cost next to that
        if stamp is None or not stamp.digest:
            continue  # not readable: the reader will say why
        first = kept.setdefault(stamp.digest, str(path))
        if first != str(path):
            copies[position] = (FileRecord(str(path), *stamp, None), first)
        elif record is not None and record.doc_id is None \
                and held.get(record.hash, record.path) != record.path:
            states[position] = "changed"
    return copies


def _state(path: Path, record: FileRecord | None, doc_id: str) -> str:
    """"same", "touched" (new time, same content) or "changed"."""
    if record is None or record.doc_id not in (doc_id, None):
        return "changed"
    try:
        stat = path.stat()
    except OSError:
        return "changed"  # the reader will say what is wrong
    if stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns:
        return "same"
    if stat.st_size == record.size:
        stamp = stamp_of(path)
        if stamp is not None and stamp.digest == record.hash:
            return "touched"
    return "changed"


class _Writer:
    """Writes extracted files to the store, and keeps their drafts at hand
    for the merge that follows (rather than reading them back)."""

    def __init__(self, store: Store, new_paths: set[str]) -> None:
        self.store = store
        self.new_paths = new_paths
        self.drafts: dict[str, Sequence[Draft]] = {}

    def __call__(self, batch: Sequence[tuple[int, FileTask, FileResult]]) -> None:
        if not batch:
            return
        new: list[NewFile] = []
        with self.store.transaction():
            for position, task, result in batch:
                if str(task.path) in self.new_paths:
                    new.append(NewFile(_record(task, result), position, result.problems,
                                       result.document, result.drafts, result.unplaced))
                    kept: set[tuple[int, int]] = set()
                else:
                    kept = self.store.put_file(
                        _record(task, result), position, result.problems, result.document,
                        result.mentions, result.drafts, result.unplaced)
                if result.document is not None:
                    self.drafts[result.document.id] = [
                        d for d in result.drafts if d.mention.span not in kept]
            self.store.put_new_files(new)


def _extract_into(write: _Writer, tasks: Sequence[tuple[int, FileTask]], jobs: int,
                  progress: Progress | None, cancelled: Callable[[], bool] | None,
                  report: UpdateReport, preview: Preview | None) -> None:
    """Extract ``tasks`` and write each result, committing every
    :data:`BATCH_SECONDS` so that an interruption keeps what was done."""
    batch: list[tuple[int, FileTask, FileResult]] = []
    done: dict[int, FileResult] = {}
    last = time.monotonic()
    if report.unchanged:
        preview = None  # a preview of only the changed files would mislead
    wait = PREVIEW_FIRST_S
    next_preview = last + wait
    try:
        for index, result in iter_results([t for _p, t in tasks], jobs, progress, cancelled):
            position, task = tasks[index]
            batch.append((position, task, result))
            now = time.monotonic()
            if now - last >= BATCH_SECONDS:
                write(batch)
                report.extracted += len(batch)
                batch, last = [], now
            if preview is not None:
                done[position] = result
                if now >= next_preview and len(done) < len(tasks):
                    preview(assemble([done[p] for p in sorted(done)]))
                    wait *= 2
                    next_preview = time.monotonic() + wait
    finally:
        write(batch)
        report.extracted += len(batch)


def _record(task: FileTask, result: FileResult) -> FileRecord:
    stamp = result.stamp or stamp_of(task.path)
    # An unreadable file gets no stamp, and is tried again next time.
    size, mtime, digest = stamp if stamp is not None else (-1, -1, "")
    doc_id = result.document.id if result.document else None
    return FileRecord(str(task.path), size, mtime, digest, doc_id)


def merge_pending(store: Store, known: dict[str, Sequence[Draft]] | None = None) -> int:
    """Merge the mentions of unmerged documents again with the events they
    may join, and the events that lost mentions with their neighbours (see
    the module notes); returns the number of events made."""
    fresh = store.unmerged_documents()
    stale = store.stale_events()
    if not fresh and not stale:
        return 0
    known = known or {}
    positions = store.positions()
    new_drafts = store.drafts((), [d for d in fresh if d not in known])
    new_drafts += (with_order(d, positions[doc]) for doc in fresh if doc in known
                   for d in known[doc])
    draft_keys = {id(d): link_keys(d) for d in new_drafts}
    reach = stale | store.events_with_keys({k for keys in draft_keys.values() for k in keys})
    reach |= store.events_with_keys(store.keys_of_events(stale))
    drafts = store.drafts(reach, ())
    drafts += new_drafts
    events = events_from_drafts(drafts)
    # Most events merged again come out as they were: only the others are
    # written, with their keys and the text of their documents (for the
    # full-text index). A stale event has no signature here: it is always
    # written.
    before = store.signatures(reach)
    after = {e.id: signature(e) for e in events}
    changed = [e for e in events if before.get(e.id) != after[e.id]]
    kept = {e.id for e in events} - {e.id for e in changed}
    keys: dict[str, set[str]] = {e.id: set() for e in changed}
    event_of = {(m.document, m.span): e.id for e in changed for m in e.mentions}
    for draft in drafts:
        event_id = event_of.get((draft.mention.document, draft.mention.span))
        if event_id is not None:
            keys[event_id].update(draft_keys.get(id(draft)) or link_keys(draft))
    affected = {m.document for e in changed for m in e.mentions} | set(fresh)
    texts = store.document_texts(affected)
    bodies = {e.id: _body(e, texts) for e in changed}
    store.replace_events(reach - kept, changed, keys, bodies, fresh, after)
    retitle(store, affected)
    return len(changed)


def _body(event: Event, texts: dict[str, str]) -> str:
    """The searchable text of an event: its source sentences."""
    parts = []
    for m in event.mentions:
        text = texts.get(m.document, "")
        parts.append(text[m.sentence[0]:m.sentence[1]])
    return "\n".join(dict.fromkeys(parts))


def retitle(store: Store, doc_ids: Iterable[str]) -> None:
    """Settle the shown title of documents whose events changed."""
    titles = {}
    records = store.document_records(doc_ids)
    heads = store.head_mentions([r.id for r in records], HEAD_CHARS)
    for record in records:
        own = own_event_title(record.date, heads.get(record.id, ()))
        title = shown_title(record.raw_title, own, record.id)
        if title != record.title:
            titles[record.id] = title
    store.set_titles(titles)


def fingerprint(max_bytes: int, reference_date: date | None) -> str:
    """What a stored extraction depends on besides the file: the code of the
    readers and the extractor, and the options."""
    root = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    sources = [root / m for m in SOURCE_MODULES]
    for package in SOURCE_PACKAGES:
        sources += sorted((root / package).rglob("*.py"))
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    digest.update(f"{max_bytes}|{reference_date}".encode())
    return digest.hexdigest()


def problems_of(report: UpdateReport) -> list[Problem]:
    """The update's notices as problems of the store file (for the list the
    user sees)."""
    return [Problem(str(report.store), notice) for notice in report.notices]


def searcher(store_path: Path) -> Callable[[str], list[str] | None]:
    """A full-text search over the store at ``store_path``, callable from any
    thread (each call opens its own read-only connection): event ids for a
    query, or None when the store cannot answer (the caller then matches
    text itself)."""
    def search(query: str) -> list[str] | None:
        try:
            with Store(store_path, read_only=True) as store:
                return store.search(query)
        except StoreError:
            return None

    return search
