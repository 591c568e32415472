"""The collection store: one SQLite file holding what was extracted from a
collection, so that reopening it reads rows instead of extracting again.

This is the only module that speaks SQL. :mod:`timeline.collection` decides
what to extract and merge; here are the tables and the statements.

Tables (schema :data:`SCHEMA_VERSION`):

* ``meta``: key and value (schema version, the extractor's fingerprint, the
  collection's sources);
* ``files``: every file found, with its size, modification time and content
  hash, its place in the collection (``position``), its document (none when
  it could not be read) and the problems met reading it;
* ``documents``: text, titles (the reader's and the one shown), date, page
  starts; ``merged`` is 0 until the document's mentions are in events;
* ``mentions``: each dated mention with its sentence, its draft title and
  actors (all that merging needs) and its event;
* ``events``: the merged events; ``stale`` marks those that lost or may gain
  mentions and must be merged again; ``event_keys`` the keys through which
  merging can join an event to others (see
  :func:`timeline.events.merge.link_keys`);
* ``event_text``: the full-text index (FTS5) over each event's title and
  source sentences;
* ``unplaced``: dates that could not be placed.

Paths are kept as bytes (a file name need not be UTF-8) and days as
proleptic Gregorian ordinals. Rows are keyed by document id and span, never
by row number, so the user's edits can later be kept beside them and
survive a re-extraction. Every change is made inside a transaction; the
journal is SQLite's write-ahead log, so a crash or a kill loses at most the
transaction in progress.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from timeline.day import Day, day_from_ordinal
from timeline.events.candidates import Title
from timeline.events.merge import Draft
from timeline.model import (
    Corpus,
    Document,
    Event,
    Granularity,
    Kind,
    Mention,
    Problem,
    Status,
    Unplaced,
    When,
    counted_from_cell,
    counted_from_of,
)

SCHEMA_VERSION = 3
_GROUP = 500
MMAP_BYTES = 256 * 1024 * 1024
_WAL_TRIES = 50
_WAL_WAIT_S = 0.1
_new = tuple.__new__

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path BLOB PRIMARY KEY, position INTEGER NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL, doc_id TEXT, problems TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, path BLOB NOT NULL, raw_title TEXT NOT NULL, title TEXT NOT NULL,
    day INTEGER, text TEXT NOT NULL, page_starts TEXT NOT NULL, merged INTEGER NOT NULL);
CREATE TABLE mentions (
    doc_id TEXT NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL,
    first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, granularity TEXT NOT NULL,
    approximate INTEGER NOT NULL, relative INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_stop INTEGER NOT NULL,
    title TEXT NOT NULL, head TEXT NOT NULL, ordinal INTEGER, kind TEXT NOT NULL,
    words TEXT NOT NULL, generic INTEGER NOT NULL, fallback INTEGER NOT NULL,
    actors TEXT NOT NULL, planned INTEGER NOT NULL, counted_from TEXT, event_id TEXT);
CREATE INDEX mentions_by_document ON mentions (doc_id, start);
CREATE INDEX mentions_by_event ON mentions (event_id);
CREATE TABLE unplaced (
    doc_id TEXT NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL,
    reason TEXT NOT NULL);
CREATE INDEX unplaced_by_document ON unplaced (doc_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL, actors TEXT NOT NULL,
    first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, granularity TEXT NOT NULL,
    approximate INTEGER NOT NULL, relative INTEGER NOT NULL, stale INTEGER NOT NULL,
    signature TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE event_keys (key TEXT NOT NULL, event_id TEXT NOT NULL);
CREATE INDEX event_keys_by_key ON event_keys (key);
CREATE INDEX event_keys_by_event ON event_keys (event_id);
CREATE VIRTUAL TABLE event_text USING fts5 (
    event_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
"""



def _add_status(db: sqlite3.Connection) -> None:
    """Schema 1 to 2: each mention says whether it is planned, each event its
    status. The mentions table is made again so that ``planned`` comes
    before ``event_id``, where the statements that read whole rows expect
    it. Old rows read as happened; the extractor's fingerprint has changed
    with it, so their files are read again anyway."""
    _remake_mentions(db, "0, NULL")
    db.execute("ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'happened'")


def _add_counted_from(db: sqlite3.Connection) -> None:
    """Schema 2 to 3: each mention keeps the date a relative date was
    counted from, when the story placed it (old rows: none). A store coming
    from schema 1 has it already: its mentions were just made in this shape."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(mentions)")]
    if "counted_from" not in columns:
        _remake_mentions(db, "NULL")


def _remake_mentions(db: sqlite3.Connection, added: str) -> None:
    """The mentions table made again in today's shape, its rows copied with
    ``added`` (SQL values) for the columns that come before ``event_id``."""
    db.execute("ALTER TABLE mentions RENAME TO mentions_old")
    db.execute("DROP INDEX mentions_by_document")
    db.execute("DROP INDEX mentions_by_event")
    table = _SCHEMA.split("CREATE TABLE mentions ", 1)[1].split(";", 1)[0]
    db.execute("CREATE TABLE mentions " + table)
    columns = [row[1] for row in db.execute("PRAGMA table_info(mentions_old)")]
    kept = ", ".join(columns[:-1])  # all but event_id
    db.execute(f"INSERT INTO mentions SELECT {kept}, {added}, event_id FROM mentions_old")
    db.execute("DROP TABLE mentions_old")
    db.execute("CREATE INDEX mentions_by_document ON mentions (doc_id, start)")
    db.execute("CREATE INDEX mentions_by_event ON mentions (event_id)")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _add_status,
                                                               2: _add_counted_from}
"""Steps from one schema version to the next, by the version they start
from; each runs inside the transaction that records the new version. A
store older than the first step is rebuilt."""


DAMAGE = sqlite3.DatabaseError
"""What reading a damaged store raises (SQLite checks pages as it reads
them, so damage deep in a file shows only when its rows are read)."""


class StoreError(Exception):
    """The store cannot be used. ``damaged`` when the file itself is at fault
    (damaged, not a store, another version), so that making a new one is the
    cure; otherwise (no permission, a folder in the way, locked) it is not."""

    def __init__(self, reason: str, damaged: bool = True) -> None:
        super().__init__(reason)
        self.damaged = damaged


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What the store knows of one file."""

    path: str
    size: int
    mtime_ns: int
    hash: str
    doc_id: str | None
    position: int = -1


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A document's identity and dates, without its text."""

    id: str
    raw_title: str
    title: str
    date: date | None


class NewFile(NamedTuple):
    """One file's extraction for :meth:`Store.put_new_files`."""

    record: FileRecord
    position: int
    problems: Sequence[Problem]
    document: Document | None
    drafts: Sequence[Draft]
    unplaced: Sequence[Unplaced]


class Store:
    """One open collection store. Not shared between threads: each thread
    opens its own (SQLite connections may not cross threads)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            self._db = _connect(self.path, read_only)
            if not read_only:
                self._prepare()
            elif self.schema_version() != SCHEMA_VERSION:
                raise StoreError("made by another version of Timeline")
        except sqlite3.DatabaseError as error:
            if hasattr(self, "_db"):
                self._db.close()
            raise StoreError(_reason(error), damaged=is_damage(error)) from None
        except StoreError:
            if hasattr(self, "_db"):
                self._db.close()
            raise

    # ------------------------------------------------------------- lifecycle
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes made inside are kept together or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.rollback()
            raise
        self._db.commit()

    def map_memory(self, size: int) -> None:
        """Read through a memory map of at most ``size`` bytes (0: none).
        The pages of a map count in the process's memory: a process that
        writes a large store and reads little of it back is smaller without."""
        self._db.execute(f"PRAGMA mmap_size = {int(size)}")

    def schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return int(row[0]) if row else 0

    def _tables(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}

    def _prepare(self) -> None:
        tables = self._tables()
        if not tables:
            # Under the write lock, looked at again: two processes opening one
            # new store (two windows on one folder) make it once, whole, with
            # its version (executescript would commit between the two).
            with self.transaction():
                if not self._tables():
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self.set_meta("schema", str(SCHEMA_VERSION))
            tables = self._tables()
        if "meta" not in tables:
            raise StoreError("not a Timeline collection store")
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"made by a newer version of Timeline (schema {version})")
        while version < SCHEMA_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise StoreError(f"made by an older version of Timeline (schema {version})")
            with self.transaction():
                step(self._db)
                version += 1
                self.set_meta("schema", str(version))

    def check(self) -> None:
        """Raise :class:`StoreError` when SQLite finds the file damaged."""
        try:
            result = self._db.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise StoreError(_reason(error), damaged=is_damage(error)) from None
        if result is None or result[0] != "ok":
            raise StoreError(f"damaged ({result[0] if result else 'no answer'})")

    # ------------------------------------------------------------------ meta
    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # ----------------------------------------------------------------- files
    def files(self) -> dict[str, FileRecord]:
        """Every file the store holds, by path."""
        rows = self._db.execute("SELECT path, size, mtime_ns, hash, doc_id, position FROM files")
        found = {}
        for p, size, mtime, digest, doc, position in rows:
            path = os.fsdecode(p)
            found[path] = FileRecord(path, size, mtime, digest, doc, position)
        return found

    def files_at(self, paths: Iterable[str]) -> dict[str, FileRecord]:
        """What the store knows of these files (those it holds), by path."""
        found = {}
        for p, size, mtime, digest, doc, position in self._rows_in(
                "SELECT path, size, mtime_ns, hash, doc_id, position FROM files "
                "WHERE path IN ({marks})", (os.fsencode(p) for p in paths)):
            path = os.fsdecode(p)
            found[path] = FileRecord(path, size, mtime, digest, doc, position)
        return found

    def set_positions(self, positions: Iterable[tuple[str, int]]) -> None:
        """Record the place of files in the collection's order."""
        self._db.executemany("UPDATE files SET position = ? WHERE path = ?",
                             ((i, os.fsencode(p)) for p, i in positions))

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        """A file whose content is unchanged has a new modification time."""
        self._db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                         (size, mtime_ns, os.fsencode(path)))

    def forget(self, paths: Iterable[str]) -> None:
        """Remove files and everything extracted from them; the events that
        held their mentions are marked to be merged again."""
        for path in paths:
            raw = os.fsencode(path)
            row = self._db.execute("SELECT doc_id FROM files WHERE path = ?", (raw,)).fetchone()
            if row and row[0] is not None:
                self._drop_document(row[0])
            self._db.execute("DELETE FROM files WHERE path = ?", (raw,))

    def _drop_document(self, doc_id: str) -> None:
        db = self._db
        db.execute("UPDATE events SET stale = 1 WHERE id IN "
                   "(SELECT event_id FROM mentions WHERE doc_id = ?)", (doc_id,))
        db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM unplaced WHERE doc_id = ?", (doc_id,))
        db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def put_file(self, record: FileRecord, position: int, problems: Sequence[Problem],
                 document: Document | None, mentions: Sequence[Mention] = (),
                 drafts: Sequence[Draft] = (), unplaced: Sequence[Unplaced] = (),
                 new: bool = False) -> set[tuple[int, int]]:
        """Store one file's extraction, replacing what it held before (``new``:
        the caller knows neither its path nor its document id is held).

        A mention stated exactly as before (same place, date, sentence, title
        and actors) keeps its event; the others wait, without an event, for
        :meth:`replace_events`, and the events that lost mentions are marked
        stale. Returns the spans of the mentions that kept their events.
        """
        kept: dict[tuple[int, int], str] = {}
        if not new:
            kept = self._unchanged(record.path, document, drafts)
            self.forget([record.path])
            if document is not None:
                self._drop_document(document.id)  # the id held by a file now gone
        db = self._db
        db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", (
            os.fsencode(record.path), position, record.size, record.mtime_ns, record.hash,
            document.id if document else None,
            json.dumps([p.reason for p in problems])))
        if document is None:
            return set()
        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, 0)", (
            document.id, os.fsencode(document.path), document.title, document.title,
            document.date.toordinal() if document.date else None, document.text,
            json.dumps(document.page_starts)))
        db.executemany("INSERT INTO mentions VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       ((*_draft_row(d), kept.get(d.mention.span)) for d in drafts))
        drafted = {d.mention.span for d in drafts}
        if len(drafted) != len(mentions):  # mentions kept without drafts: none today
            missing = [m for m in mentions if m.span not in drafted]
            raise StoreError(f"{len(missing)} mentions of {document.id} have no draft")
        db.executemany("INSERT INTO unplaced VALUES (?, ?, ?, ?, ?)",
                       ((u.document, u.span[0], u.span[1], u.text, u.reason) for u in unplaced))
        return set(kept)

    def put_new_files(self, items: Sequence[NewFile]) -> None:
        """Store the extraction of files whose paths and document ids the
        store does not hold yet: as :meth:`put_file` with ``new``, but one
        statement per table for them all."""
        db = self._db
        db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", (
            (os.fsencode(r.path), position, r.size, r.mtime_ns, r.hash,
             doc.id if doc else None, json.dumps([p.reason for p in problems]))
            for r, position, problems, doc, _drafts, _unplaced in items))
        documents = [(doc, drafts, unplaced) for _r, _p, _pr, doc, drafts, unplaced in items
                     if doc is not None]
        db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, 0)", (
            (d.id, os.fsencode(d.path), d.title, d.title, d.date.toordinal() if d.date else None,
             d.text, json.dumps(d.page_starts)) for d, _drafts, _unplaced in documents))
        db.executemany("INSERT INTO mentions VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                       (_draft_row(draft) for _d, drafts, _u in documents for draft in drafts))
        db.executemany("INSERT INTO unplaced VALUES (?, ?, ?, ?, ?)",
                       ((u.document, u.span[0], u.span[1], u.text, u.reason)
                        for _d, _drafts, unplaced in documents for u in unplaced))

    def _unchanged(self, path: str, document: Document | None,
                   drafts: Sequence[Draft]) -> dict[tuple[int, int], str]:
        """The events, by span, of the mentions of the file at ``path`` that
        come out of its new extraction exactly as before; the events of its
        other old mentions are marked stale, and their rows are left to be
        dropped. Nothing is kept when the document's id, title or date
        changed (its titles and fallback titles hang on them)."""
        db = self._db
        row = db.execute("SELECT d.id, d.raw_title, d.day, d.text FROM files f JOIN documents d "
                         "ON d.id = f.doc_id WHERE f.path = ?", (os.fsencode(path),)).fetchone()
        if row is None or document is None or (row[0], row[1], row[2]) != (
                document.id, document.title,
                document.date.toordinal() if document.date else None):
            return {}
        old_text, text = row[3], document.text
        wanted = {(_draft_row(d), text[d.mention.sentence[0]:d.mention.sentence[1]])
                  for d in drafts}
        kept: dict[tuple[int, int], str] = {}
        stale: set[str] = set()
        for old in db.execute("SELECT * FROM mentions WHERE doc_id = ?",
                              (document.id,)).fetchall():
            *fields, event_id = old
            if event_id is None:
                continue
            if (tuple(fields), old_text[old[9]:old[10]]) in wanted:
                kept[(old[1], old[2])] = event_id
            else:
                stale.add(event_id)  # it lost this mention: merged again
        if kept:
            db.executemany("UPDATE events SET stale = 1 WHERE id = ?", ((e,) for e in stale))
            # So that dropping the old rows marks nothing else stale.
            db.execute("UPDATE mentions SET event_id = NULL WHERE doc_id = ?", (document.id,))
        return kept

    # --------------------------------------------------------------- merging
    def unmerged_documents(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM documents WHERE merged = 0")]

    def stale_events(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT id FROM events WHERE stale = 1")}

    def _rows_in(self, query: str, values: Iterable[object], *more: object) -> Iterator[tuple]:
        """The rows of ``query`` for ``values`` put in place of ``{marks}`` (an
        ``IN (...)`` list), asked in groups of :data:`_GROUP` (SQLite limits
        the parameters of one statement); ``more`` parameters follow each group."""
        items = list(values)
        for i in range(0, len(items), _GROUP):
            group = items[i:i + _GROUP]
            yield from self._db.execute(query.format(marks=",".join("?" * len(group))),
                                        (*group, *more))

    def _run_in(self, statement: str, values: Iterable[object]) -> None:
        """:meth:`_rows_in` for a statement that gives no rows."""
        for _row in self._rows_in(statement, values):
            pass

    def events_with_keys(self, keys: Iterable[str]) -> set[str]:
        return {r[0] for r in self._rows_in(
            "SELECT DISTINCT event_id FROM event_keys WHERE key IN ({marks})", keys)}

    def keys_of_events(self, event_ids: Iterable[str]) -> set[str]:
        return {r[0] for r in self._rows_in(
            "SELECT key FROM event_keys WHERE event_id IN ({marks})", event_ids)}

    def drafts(self, event_ids: Iterable[str], doc_ids: Iterable[str]) -> list[Draft]:
        """The drafts of the mentions of these events and of these
        documents, each ordered by its document's position."""
        positions = self._positions()
        rows = [*self._rows_in("SELECT * FROM mentions WHERE event_id IN ({marks})", event_ids),
                *self._rows_in("SELECT * FROM mentions WHERE doc_id IN ({marks}) "
                               "AND event_id IS NULL", doc_ids)]
        return [_draft_from(row, positions[row[0]]) for row in rows]

    def document_texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        return dict(self._rows_in("SELECT id, text FROM documents WHERE id IN ({marks})",
                                  doc_ids))

    def signatures(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The stored :func:`signature` of each of these events, by id."""
        return dict(self._rows_in(
            "SELECT id, signature FROM events WHERE id IN ({marks}) AND stale = 0", event_ids))

    def replace_events(self, old: Iterable[str], events: Sequence[Event],
                       keys: dict[str, set[str]], bodies: dict[str, str],
                       merged_documents: Iterable[str],
                       signatures: dict[str, str] | None = None) -> None:
        """Put ``events`` in place of the ``old`` ones: their rows, keys
        (those of a sentence left out: they never lead outside a document),
        full text, and the event of each of their mentions."""
        db = self._db
        gone = list(old)
        for table, column in (("events", "id"), ("event_keys", "event_id"),
                              ("event_text", "event_id")):
            self._run_in(f"DELETE FROM {table} WHERE {column} IN ({{marks}})", gone)
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", (
            (e.id, e.title, e.kind.value, json.dumps(e.actors), *_when_row(e.when),
             signatures[e.id] if signatures else signature(e), e.status.value)
            for e in events))
        db.executemany("INSERT INTO event_keys VALUES (?, ?)",
                       ((key, event_id) for event_id, found in keys.items() for key in found
                        if not key.startswith("s\x1f")))
        db.executemany("INSERT INTO event_text VALUES (?, ?, ?)",
                       ((e.id, e.title, bodies.get(e.id, "")) for e in events))
        # Through a scratch table and one joined update: a statement per
        # mention costs twice as much.
        db.execute("CREATE TEMP TABLE IF NOT EXISTS assigned "
                   "(doc_id TEXT, start INTEGER, stop INTEGER, event_id TEXT)")
        db.execute("DELETE FROM assigned")
        db.executemany("INSERT INTO assigned VALUES (?, ?, ?, ?)",
                       ((m.document, m.span[0], m.span[1], e.id)
                        for e in events for m in e.mentions))
        db.execute("UPDATE mentions SET event_id = a.event_id FROM assigned a "
                   "WHERE mentions.doc_id = a.doc_id AND mentions.start = a.start "
                   "AND mentions.stop = a.stop")
        db.execute("DELETE FROM assigned")
        db.executemany("UPDATE documents SET merged = 1 WHERE id = ?",
                       ((d,) for d in merged_documents))

    def clear_events(self) -> None:
        """Drop every event: all mentions wait to be merged again."""
        db = self._db
        for table in ("events", "event_keys", "event_text"):
            db.execute(f"DELETE FROM {table}")
        db.execute("UPDATE mentions SET event_id = NULL")
        db.execute("UPDATE documents SET merged = 0")

    def mark_all_merged(self) -> None:
        """Record that every document's mentions are in events."""
        self._db.execute("UPDATE documents SET merged = 1")

    def document_id_pages(self, size: int) -> Iterator[list[str]]:
        """Every document id, ``size`` at a time (each page read when asked
        for, so the caller may change the documents between pages)."""
        last = ""
        while page := [r[0] for r in self._db.execute(
                "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, size))]:
            yield page
            last = page[-1]

    def document_records(self, doc_ids: Iterable[str]) -> list[DocumentRecord]:
        return [DocumentRecord(i, raw, title, _day(day)) for i, raw, title, day in self._rows_in(
            "SELECT id, raw_title, title, day FROM documents WHERE id IN ({marks})", doc_ids)]

    def head_mentions(self, doc_ids: Iterable[str], head_chars: int
                      ) -> dict[str, list[tuple[int, When, str]]]:
        """For each document, (start, date, event title) of its mentions that
        begin before ``head_chars``."""
        found: dict[str, list[tuple[int, When, str]]] = defaultdict(list)
        for doc_id, start, *rest in self._rows_in(
                "SELECT m.doc_id, m.start, m.first_day, m.last_day, m.granularity, "
                "m.approximate, m.relative, e.title FROM mentions m "
                "JOIN events e ON e.id = m.event_id "
                "WHERE m.doc_id IN ({marks}) AND m.start < ?", doc_ids, head_chars):
            found[doc_id].append((start, _when(*rest[:5]), rest[5]))
        return found

    def set_titles(self, titles: dict[str, str]) -> None:
        self._db.executemany("UPDATE documents SET title = ? WHERE id = ?",
                             ((title, doc_id) for doc_id, title in titles.items()))

    # --------------------------------------------------------------- reading
    def read_corpus(self, problems: Sequence[Problem] = ()) -> Corpus:
        """The whole collection as the model holds it; ``problems`` (found
        while listing the files) come first."""
        with _collector_paused():
            return self._read_corpus(problems)

    def _read_corpus(self, problems: Sequence[Problem]) -> Corpus:
        db = self._db
        when = _WhenCache()
        # Put in order here rather than by SQL, which would carry every text
        # through its sorter.
        positions = self._positions()
        rows = [row for row in db.execute(
            "SELECT id, path, title, day, text, page_starts FROM documents")
            if row[0] in positions]
        rows.sort(key=lambda row: positions[row[0]])
        documents = [
            Document(i, os.fsdecode(p), title, _day(day), text,
                     tuple(json.loads(starts)) if starts != "[]" else ())
            for i, p, title, day, text, starts in rows]
        del rows
        # Mentions come in collection order, so each event's are in order too.
        by_event: dict[str, list[Mention]] = defaultdict(list)
        for doc, start, stop, text, *day, s0, s1, planned, counted, event in db.execute(
                "SELECT m.doc_id, m.start, m.stop, m.text, m.first_day, m.last_day, "
                "m.granularity, m.approximate, m.relative, m.sentence_start, m.sentence_stop, "
                "m.planned, m.counted_from, m.event_id FROM mentions m "
                "JOIN files f ON f.doc_id = m.doc_id "
                "WHERE m.event_id IS NOT NULL ORDER BY f.position, m.start, m.stop"):
            by_event[event].append(Mention(doc, (start, stop), text, when(*day), (s0, s1),
                                           bool(planned), counted_from_of(counted)))
        kinds = {k.value: k for k in Kind}
        statuses = {s.value: s for s in Status}
        no_actors: tuple[str, ...] = ()
        events = [
            Event(i, title, kinds[kind], tuple(json.loads(actors)) if actors != "[]"
                  else no_actors, when(*w), tuple(by_event.get(i, ())), statuses[status])
            # SQLite orders text by its UTF-8 bytes, which is the order of
            # its code points: the order events_from_drafts gives.
            for i, title, kind, actors, status, *w in db.execute(
                "SELECT id, title, kind, actors, status, first_day, last_day, granularity, "
                "approximate, relative FROM events ORDER BY first_day, last_day, title, id")]
        unplaced = [Unplaced(d, (s, e), text, reason) for d, s, e, text, reason in db.execute(
            "SELECT u.doc_id, u.start, u.stop, u.text, u.reason FROM unplaced u "
            "JOIN files f ON f.doc_id = u.doc_id ORDER BY f.position, u.start, u.stop")]
        return Corpus(tuple(documents), tuple(events), tuple(unplaced),
                      (*problems, *self.file_problems()))

    def file_problems(self) -> list[Problem]:
        """The problems met reading each file, in collection order."""
        return [Problem(os.fsdecode(path), reason)
                for path, found in self._db.execute(
                    "SELECT path, problems FROM files WHERE problems != '[]' ORDER BY position")
                for reason in json.loads(found)]

    def positions(self) -> dict[str, int]:
        """Each document's place in the collection's order, by id."""
        return self._positions()

    def _positions(self) -> dict[str, int]:
        return dict(self._db.execute(
            "SELECT doc_id, position FROM files WHERE doc_id IS NOT NULL").fetchall())

    def counts(self) -> tuple[int, int]:
        """(documents, events) held."""
        docs = self._db.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = self._db.execute("SELECT count(*) FROM events").fetchone()[0]
        return docs, events

    # ---------------------------------------------------------------- search
    def search(self, query: str) -> list[str]:
        """Ids of all the events whose title or source sentences match
        ``query`` (see :func:`fts_query`), in no particular order: they filter
        the timeline, so none may be left out, and ranking a common word's
        hundreds of thousands of matches would only cost time."""
        expression = fts_query(query)
        if not expression:
            return []
        try:
            rows = self._db.execute(
                "SELECT event_id FROM event_text WHERE event_text MATCH ?",
                (expression,)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]


def signature(event: Event) -> str:
    """A digest of all an event's row says: equal signatures, nothing to write."""
    w = event.when
    facts = (event.title, event.kind.value, event.actors, w.start.toordinal(),
             w.end.toordinal(), w.granularity.value, w.approximate, w.relative,
             [(m.document, m.span) for m in event.mentions], event.status.value)
    return hashlib.blake2b(repr(facts).encode("utf-8", "surrogatepass"),
                           digest_size=12).hexdigest()


def fts_query(text: str) -> str:
    """The user's search as an FTS5 query: every word must appear, matched
    as a prefix (so results follow the typing); ``"a phrase"`` must appear
    as written; ``word*`` is a prefix too; ``OR`` and ``NOT`` between words
    work as in FTS5. Anything else is taken literally, never as syntax."""
    parts: list[str] = []
    # FTS5 reads the query as a C string: a NUL would end it inside a quote.
    # The index's tokenizer takes it as a separator; so does the query.
    for phrase, word in _QUERY_PART.findall(text.replace("\x00", " ")):
        if phrase:
            inner = phrase.strip('"').replace('"', "")
            if inner.strip():
                parts.append('"' + inner + '"')
        elif word in ("OR", "NOT", "AND"):
            if parts and parts[-1] not in ("OR", "NOT", "AND"):
                parts.append(word)
        else:
            bare = word.rstrip("*").replace('"', "")
            if any(ch.isalnum() for ch in bare):
                parts.append('"' + bare + '"*')
    while parts and parts[-1] in ("OR", "NOT", "AND"):
        parts.pop()
    return " ".join(parts)


_QUERY_PART = re.compile(r'("[^"]*"?)|(\S+)')


# ------------------------------------------------------------------ rows
def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=True)
    else:
        if path.exists() and not path.is_file():
            raise StoreError("not a file", damaged=False)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot make its folder ({error.strerror})", damaged=False) from None
        db = sqlite3.connect(path, isolation_level=None)
        _write_ahead(db)
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = OFF")
    # Pages read through a memory map rather than a copy each: a warm reopen
    # reads every document's text.
    db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    return db


def _write_ahead(db: sqlite3.Connection) -> None:
    """Switch the store to write-ahead logging. SQLite answers "locked" at
    once, without waiting, while another process is making the same new
    store: wait for it a little, as for any other lock."""
    for _ in range(_WAL_TRIES - 1):
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(_WAL_WAIT_S)
    db.execute("PRAGMA journal_mode = WAL")


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite blames the file's content (rather than access to it)."""
    return not isinstance(error, sqlite3.OperationalError) or "malformed" in str(error)


def _reason(error: sqlite3.DatabaseError) -> str:
    message = str(error)
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return "damaged or not a database"
    return message


def _day(ordinal: int | None) -> Day | None:
    return day_from_ordinal(ordinal) if ordinal is not None else None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection for the length of the block. Reading a
    collection makes a million objects, none in a cycle; the collector's
    passes over them as they pile up would take longer than the reading."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _WhenCache:
    """Makes each distinct stored date once: a collection repeats its dates
    (a meeting cited in many documents), and When objects are immutable."""

    def __init__(self) -> None:
        self._made: dict[tuple, When] = {}

    def __call__(self, *row: object) -> When:
        found = self._made.get(row)
        if found is None:
            found = self._made[row] = _when(*row)  # type: ignore[arg-type]
        return found


_GRANULARITIES = {g.value: g for g in Granularity}


def _when(first: int, last: int, granularity: str, approximate: int, relative: int) -> When:
    return When(day_from_ordinal(first), day_from_ordinal(last), _GRANULARITIES[granularity],
                bool(approximate), bool(relative))


def _when_row(when: When) -> tuple[int, int, str, int, int]:
    return (when.start.toordinal(), when.end.toordinal(), when.granularity.value,
            int(when.approximate), int(when.relative))


def _draft_row(draft: Draft) -> tuple:
    m, t = draft.mention, draft.title
    return (m.document, m.span[0], m.span[1], m.text, *_when_row(m.when),
            m.sentence[0], m.sentence[1], t.text, t.head, t.ordinal, t.kind.value,
            json.dumps(sorted(t.words)), int(t.generic), int(t.fallback),
            _actors_cell(draft), int(m.planned), counted_from_cell(m.counted_from))


def _draft_from(row: tuple, position: int) -> Draft:
    mention = Mention(row[0], (row[1], row[2]), row[3], _when(*row[4:9]), (row[9], row[10]),
                      bool(row[19]), counted_from_of(row[20]))
    title = _new(Title, (row[11], row[12], row[13], Kind(row[14]), frozenset(json.loads(row[15])),
                         bool(row[16]), bool(row[17])))
    actors, subject = _from_actors_cell(row[18])
    return _new(Draft, ((position, row[1], row[2]), mention, title, actors, subject))


def _actors_cell(draft: Draft) -> str:
    """A draft's actors and subject in the mention's ``actors`` column: a
    list of actors, or ``{"actors": [...], "subject": "..."}`` when the
    sentence has a subject (so a row written without one still reads)."""
    if not draft.subject:
        return json.dumps(draft.actors)
    return json.dumps({"actors": draft.actors, "subject": draft.subject})


def _from_actors_cell(cell: str) -> tuple[tuple[str, ...], str]:
    found = json.loads(cell)
    if isinstance(found, dict):
        return tuple(found["actors"]), found["subject"]
    return tuple(found), ""
