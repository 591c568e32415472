"""The store a distributed build fills: written by the one process that
starts the build, a partition of files or a batch of events per
transaction, so that it holds one batch at a time.

Writing a file is idempotent on its content: a file the store already holds
with the same content hash, document id and place is not written again, so
a partition delivered twice, or a build run again after it was stopped,
neither loses nor doubles a document. The events are always made again
whole (the reduce sees every draft), so they are cleared first.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from timeline.collection import fingerprint, retitle
from timeline.engine.reduce import EventBatch
from timeline.engine.sources import SourceTask
from timeline.pipeline import FileResult, duplicate_problem
from timeline.store import FileRecord, NewFile, Store

TITLE_PAGE = 2000
"""Documents retitled per step at the end."""


class BuildWriter:
    """Writes a build's files and events into ``store``."""

    def __init__(self, store: Store, sources: Sequence[str], max_bytes: int,
                 reference_date: date | None) -> None:
        self.store = store
        # The build reads back only ids and titles: without a memory map of
        # the store, this process's memory does not grow with the store.
        store.map_memory(0)
        self.written = 0
        self._sources = list(sources)
        self._options = fingerprint(max_bytes, reference_date)
        self._fresh = True

    def begin(self, locations: Sequence[str]) -> None:
        """Record what the store is built from and with; forget the files no
        longer listed (all of them when the extractor or options changed)
        and every event."""
        store = self.store
        with store.transaction():
            stored = store.files()
            if store.meta("extractor") != self._options:
                gone = list(stored)
            else:
                listed = set(locations)
                gone = [path for path in stored if path not in listed]
            store.forget(gone)
            store.clear_events()
            store.set_meta("extractor", self._options)
            store.set_meta("sources", json.dumps([_recorded(s).hex() for s in self._sources]))
        self._fresh = len(gone) == len(stored)

    def write_files(self, items: Sequence[tuple[SourceTask, FileResult]]) -> None:
        """One partition's files, in one transaction."""
        store = self.store
        with store.transaction():
            held = {} if self._fresh else store.files_at(t.location for t, _r in items)
            new: list[NewFile] = []
            for task, result in items:
                record = _record(task, result)
                old = held.get(task.location)
                if old is None:
                    new.append(NewFile(record, task.position, result.problems,
                                       result.document, result.drafts, result.unplaced))
                elif not _same(old, record, task.position):
                    store.put_file(record, task.position, result.problems, result.document,
                                   result.mentions, result.drafts, result.unplaced)
                elif (old.size, old.mtime_ns) != (record.size, record.mtime_ns):
                    store.touch(task.location, record.size, record.mtime_ns)
            store.put_new_files(new)
        self.written += len(items)

    def write_copies(self, copies: Sequence[tuple[SourceTask, FileResult, str]]) -> None:
        """Files with the content of a file listed before them, each with the
        location of that file: written as a note on the copy, without its
        document (see :func:`timeline.pipeline.without_duplicates`)."""
        if not copies:
            return
        with self.store.transaction():
            for task, result, kept in copies:
                record = replace(_record(task, result), doc_id=None)
                self.store.put_file(record, task.position,
                                    [duplicate_problem(task.location, kept)], None)

    def write_events(self, batch: EventBatch) -> None:
        with self.store.transaction():
            self.store.replace_events((), batch.events, batch.keys, batch.bodies, (),
                                      batch.signatures)

    def finish(self) -> None:
        """Every document titled after its own event, as the app titles it,
        and marked merged."""
        store = self.store
        with store.transaction():
            for page in store.document_id_pages(TITLE_PAGE):
                retitle(store, page)
            store.mark_all_merged()


def _recorded(source: str) -> bytes:
    """A source as the store records it (a local one by its absolute path)."""
    return os.fsencode(source if "://" in source else os.path.abspath(source))


def _record(task: SourceTask, result: FileResult) -> FileRecord:
    # An unreadable file gets no stamp, and is tried again next time.
    size, mtime, digest = result.stamp if result.stamp is not None else (-1, -1, "")
    doc_id = result.document.id if result.document else None
    return FileRecord(task.location, size, mtime, digest, doc_id)


def _same(old: FileRecord, new: FileRecord, position: int) -> bool:
    """Whether the stored file is this one, extracted from the same content
    (so its rows are those this extraction gives)."""
    return (old.hash, old.doc_id, old.position) == (new.hash, new.doc_id, position) \
        and bool(new.hash)
