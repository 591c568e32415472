"""The project file: one SQLite file holding a collection as it was
extracted, the user's edits and the view, so the work can be kept and
handed on.

API:

* :class:`Project`: ``sources`` (the files and folders the collection was
  made from), ``corpus`` (as extracted: documents with their text, events,
  dates not placed, problems), ``edits`` (in the order made; see
  :mod:`timeline.edits`) and ``view`` (a JSON object the window fills:
  range, lanes, filters). ``project.applied()`` is the edited collection.
* :func:`save_project` writes it atomically: a new file is written beside
  the target, flushed to the disk, renamed over the target and the folder
  synced; a failure at any step (a full disk, no permission, a crash)
  leaves the previous file as it was and no temporary file behind.
* :func:`open_project` reads one back; a file that is not a project, is
  damaged, or was saved by another version raises :class:`ProjectError`
  with a reason a user can read. Files of an older format are brought up
  to date through :data:`MIGRATIONS` as they are read (the file itself is
  only rewritten by the next save).
* :func:`refresh_project` extracts the sources again (as the window does,
  through :func:`timeline.collection.update_store`), keeps every edit and
  reports those whose passage is gone.

Why a format of its own rather than a copy of the collection store: the
store is a cache, rebuilt whenever the extractor changes and keyed to it,
with tables shaped for updating (drafts, merge keys, staleness); a project
is the user's document, which must open years later, whatever the store
has become. So it keeps the collection in the model's own terms, and its
format version (``PRAGMA user_version``) moves only when this file does.
The SQL lives here because it is a separate file format.

Tables (format :data:`FORMAT_VERSION`; ``PRAGMA application_id`` is
:data:`APPLICATION_ID`): ``project`` (key, value: when saved, by which
version), ``sources``, ``documents``, ``events`` and ``mentions`` (by the
position of their event), ``unplaced``, ``problems``, ``edits`` (one JSON
record each, in order) and ``view`` (one JSON object). Paths are kept as
bytes (a file name need not be UTF-8), days as proleptic ordinals.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from timeline.day import day_from_ordinal
from timeline.edits import Applied, CorpusIndex, Edit, Orphan, apply_edits
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
    shown_path,
)

FORMAT_VERSION = 3
APPLICATION_ID = 0x544C5052  # "TLPR" at offset 68 of the file: a Timeline project
SUFFIX = ".timeline"
"""The file name ending the window offers for projects."""



def _add_status(db: sqlite3.Connection) -> None:
    """Format 1 to 2: events keep their status and mentions whether they are
    planned (added last, where the statements that write rows put them);
    a file saved before says nothing, so all happened."""
    db.execute("ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'happened'")
    db.execute("ALTER TABLE mentions ADD COLUMN planned INTEGER NOT NULL DEFAULT 0")


def _add_counted_from(db: sqlite3.Connection) -> None:
    """Format 2 to 3: mentions keep the date a relative date was counted
    from, when the story placed it (older files: none)."""
    db.execute("ALTER TABLE mentions ADD COLUMN counted_from TEXT")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _add_status,
                                                               2: _add_counted_from}
"""Steps from one format version to the next, by the version they start
from, run on a copy in memory of an older file as it is opened."""

_SCHEMA = """
CREATE TABLE project (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (position INTEGER PRIMARY KEY, path BLOB NOT NULL);
CREATE TABLE documents (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL, path BLOB NOT NULL, title TEXT NOT NULL,
    day INTEGER, text TEXT NOT NULL, page_starts TEXT NOT NULL);
CREATE TABLE events (
    position INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL,
    actors TEXT NOT NULL, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,
    granularity TEXT NOT NULL, approximate INTEGER NOT NULL, relative INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'happened');
CREATE TABLE mentions (
    event INTEGER NOT NULL, position INTEGER NOT NULL, doc_id TEXT NOT NULL,
    start INTEGER NOT NULL, stop INTEGER NOT NULL, text TEXT NOT NULL,
    first_day INTEGER NOT NULL, last_day INTEGER NOT NULL, granularity TEXT NOT NULL,
    approximate INTEGER NOT NULL, relative INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_stop INTEGER NOT NULL,
    planned INTEGER NOT NULL DEFAULT 0, counted_from TEXT, PRIMARY KEY (event, position));
CREATE TABLE unplaced (
    position INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, start INTEGER NOT NULL,
    stop INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE problems (position INTEGER PRIMARY KEY, path BLOB NOT NULL, reason TEXT NOT NULL);
CREATE TABLE edits (position INTEGER PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE view (state TEXT NOT NULL);
"""


class ProjectError(ValueError):
    """A project file that cannot be opened or saved: ``path`` and, in
    ``reason``, why, in words for the user."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{shown_path(self.path)}: {reason}")


@dataclass(frozen=True)
class Project:
    """A collection as extracted, the user's edits to it and the view."""

    sources: tuple[str, ...]
    corpus: Corpus
    edits: tuple[Edit, ...] = ()
    view: Mapping[str, Any] = field(default_factory=dict)

    def applied(self, index: CorpusIndex | None = None) -> Applied:
        """The collection with the edits applied (``index``: the corpus's
        :class:`~timeline.edits.CorpusIndex`, when one is kept)."""
        return apply_edits(self.corpus, self.edits, index)

    def with_edits(self, edits: Iterable[Edit]) -> Project:
        return replace(self, edits=tuple(edits))

    def with_view(self, view: Mapping[str, Any]) -> Project:
        return replace(self, view=dict(view))


# ------------------------------------------------------------------- saving
def save_project(path: str | Path, project: Project) -> None:
    """Write ``project`` to ``path``, replacing any file there only once the
    new one is wholly on the disk. Raises :class:`ProjectError`."""
    path = Path(path)
    if path.is_dir():
        raise ProjectError(path, "is a folder")
    try:
        view = json.dumps(dict(project.view), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ProjectError(path, f"the view cannot be kept ({error})") from None
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.saving")
    try:
        _write(temporary, project, view)
        _keep_mode(path, temporary)
        _sync_file(temporary)
        os.replace(temporary, path)
    except (OSError, sqlite3.Error, UnicodeError) as error:
        _remove(temporary)
        raise ProjectError(path, f"could not be saved: {_save_reason(error, path)}; "
                                 "the file as saved before is unchanged") from None
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(path.parent)


def _write(target: Path, project: Project, view: str) -> None:
    """The project as a new SQLite file at ``target``."""
    db = _new_database(target)
    try:
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
        db.execute("BEGIN")
        _write_rows(db, project, view)
        db.execute("COMMIT")
    finally:
        db.close()


def _new_database(target: Path) -> sqlite3.Connection:
    if target.exists():
        raise FileExistsError(errno.EEXIST, "a file is in the way", str(target))
    db = sqlite3.connect(target, isolation_level=None)
    # No journal: a file that fails half-way is thrown away whole. The file
    # is flushed to the disk by _sync_file once it is complete.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


def _write_rows(db: sqlite3.Connection, project: Project, view: str) -> None:
    corpus = project.corpus
    db.executemany("INSERT INTO project VALUES (?, ?)", [
        ("saved", datetime.now(UTC).isoformat(timespec="seconds")),
        ("format", str(FORMAT_VERSION))])
    db.executemany("INSERT INTO sources VALUES (?, ?)",
                   ((i, os.fsencode(p)) for i, p in enumerate(project.sources)))
    db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)", (
        (i, d.id, os.fsencode(d.path), d.title, d.date.toordinal() if d.date else None,
         d.text, json.dumps(d.page_starts)) for i, d in enumerate(corpus.documents)))
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
        (i, e.id, e.title, e.kind.value, json.dumps(e.actors), *_when_row(e.when),
         e.status.value) for i, e in enumerate(corpus.events)))
    db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
        (i, j, m.document, m.span[0], m.span[1], m.text, *_when_row(m.when), *m.sentence,
         int(m.planned), counted_from_cell(m.counted_from))
        for i, e in enumerate(corpus.events) for j, m in enumerate(e.mentions)))
    db.executemany("INSERT INTO unplaced VALUES (?, ?, ?, ?, ?, ?)", (
        (i, u.document, u.span[0], u.span[1], u.text, u.reason)
        for i, u in enumerate(corpus.unplaced)))
    # A reason may quote a file name with bytes that are not UTF-8: JSON
    # escapes them.
    db.executemany("INSERT INTO problems VALUES (?, ?, ?)", (
        (i, os.fsencode(p.path), json.dumps(p.reason)) for i, p in enumerate(corpus.problems)))
    write_edits(db, project.edits)
    db.execute("INSERT INTO view VALUES (?)", (view,))


def write_edits(db: sqlite3.Connection, edits: Sequence[Edit]) -> None:
    db.executemany("INSERT INTO edits VALUES (?, ?)",
                   ((i, json.dumps(e.to_json())) for i, e in enumerate(edits)))


def _keep_mode(old: Path, new: Path) -> None:
    """The new file gets the permissions of the one it replaces."""
    try:
        mode = old.stat().st_mode & 0o7777
    except FileNotFoundError:
        return
    os.chmod(new, mode)


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable. The new file is in place already,
    so a folder that cannot be synced (some file systems refuse) is no
    reason to report the save as failed."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # never made, or already gone
        path.unlink()


def _save_reason(error: OSError | sqlite3.Error | UnicodeError, path: Path) -> str:
    if isinstance(error, UnicodeError):
        return "it holds text that cannot be written as UTF-8"
    full = (isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)) or (
        isinstance(error, sqlite3.Error) and "full" in str(error))
    if full:
        return "the disk is full"
    if isinstance(error, PermissionError) or (
            isinstance(error, sqlite3.Error) and "readonly" in str(error)):
        return f"no permission to write in {shown_path(str(path.parent))}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


# ------------------------------------------------------------------ opening
def open_project(path: str | Path) -> Project:
    """The project saved at ``path``. Raises :class:`ProjectError`."""
    path = Path(path)
    if not path.exists():
        raise ProjectError(path, "no such file")
    if not path.is_file():
        raise ProjectError(path, "is not a file")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                             isolation_level=None)
    except sqlite3.Error as error:
        raise ProjectError(path, f"cannot be opened ({error})") from None
    try:
        db = _current(db, path)
        return _read(db)
    except sqlite3.DatabaseError as error:
        raise ProjectError(path, _damage(error)) from None
    except (KeyError, ValueError, TypeError, IndexError) as error:
        if isinstance(error, ProjectError):
            raise
        raise ProjectError(path, f"is damaged (it holds {_what(error)})") from None
    finally:
        db.close()


def _current(db: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """``db``, or a copy in memory brought up to the current format."""
    kind = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if kind != APPLICATION_ID:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        if {"meta", "files", "documents"} <= tables:
            raise ProjectError(path, "is a collection store, not a project: open it "
                                     "with File \u25b8 Open to start a project from it")
        raise ProjectError(path, "is not a Timeline project")
    if version > FORMAT_VERSION:
        raise ProjectError(path, f"was saved by a newer version of Timeline (project format "
                                 f"{version}; this version reads up to {FORMAT_VERSION}): "
                                 "update Timeline to open it")
    if version == FORMAT_VERSION:
        return db
    copy = sqlite3.connect(":memory:", isolation_level=None)
    db.backup(copy)
    db.close()
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            copy.close()
            raise ProjectError(path, f"was saved by an early version of Timeline (project "
                                     f"format {version}) that this version cannot read")
        step(copy)
        version += 1
    return copy


def _damage(error: sqlite3.DatabaseError) -> str:
    message = str(error)
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return "is damaged or not a project file"
    if "no such" in message:
        return f"is damaged or incomplete ({message})"
    return f"cannot be read ({message})"


def _what(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"a reference to something missing: {error}"
    return f"a value that makes no sense: {error}"


def _read(db: sqlite3.Connection) -> Project:
    sources = tuple(os.fsdecode(p) for (p,) in db.execute(
        "SELECT path FROM sources ORDER BY position"))
    documents = tuple(
        Document(i, os.fsdecode(p), title, day_from_ordinal(day) if day is not None else None,
                 text, tuple(json.loads(starts)))
        for i, p, title, day, text, starts in db.execute(
            "SELECT id, path, title, day, text, page_starts FROM documents ORDER BY position"))
    corpus = Corpus(documents, _read_events(db), tuple(
        Unplaced(doc, (start, stop), text, reason) for doc, start, stop, text, reason
        in db.execute("SELECT doc_id, start, stop, text, reason FROM unplaced "
                      "ORDER BY position")), tuple(
        Problem(os.fsdecode(p), json.loads(reason)) for p, reason in db.execute(
            "SELECT path, reason FROM problems ORDER BY position")))
    known = {d.id for d in documents}
    strays = {m.document for e in corpus.events for m in e.mentions} - known
    if strays:
        raise KeyError(f"document {sorted(strays)[0]!r}")
    edits = tuple(Edit.from_json(json.loads(record)) for (record,) in db.execute(
        "SELECT record FROM edits ORDER BY position"))
    views = db.execute("SELECT state FROM view").fetchall()
    view = json.loads(views[0][0]) if views else {}
    if not isinstance(view, dict):
        raise ValueError("a view that is not an object")
    return Project(sources, corpus, edits, view)


def _read_events(db: sqlite3.Connection) -> tuple[Event, ...]:
    mentions: dict[int, list[Mention]] = {}
    for event, doc, start, stop, text, *rest in db.execute(
            "SELECT event, doc_id, start, stop, text, first_day, last_day, granularity, "
            "approximate, relative, sentence_start, sentence_stop, planned, counted_from "
            "FROM mentions ORDER BY event, position"):
        mentions.setdefault(event, []).append(
            Mention(doc, (start, stop), text, _when(*rest[:5]), (rest[5], rest[6]),
                    bool(rest[7]), counted_from_of(rest[8])))
    return tuple(
        Event(i, title, Kind(kind), tuple(json.loads(actors)), _when(*w),
              tuple(mentions.get(position, ())), Status(status))
        for position, i, title, kind, actors, status, *w in db.execute(
            "SELECT position, id, title, kind, actors, status, first_day, last_day, "
            "granularity, approximate, relative FROM events ORDER BY position"))


def _when_row(when: When) -> tuple[int, int, str, int, int]:
    return (when.start.toordinal(), when.end.toordinal(), when.granularity.value,
            int(when.approximate), int(when.relative))


def _when(first: int, last: int, granularity: str, approximate: int, relative: int) -> When:
    return When(day_from_ordinal(first), day_from_ordinal(last), Granularity(granularity),
                bool(approximate), bool(relative))


def is_project(path: str | Path) -> bool:
    """Whether ``path`` is a file saved as a Timeline project (read from its
    header: nothing else is opened)."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError:
        return False
    return (header.startswith(b"SQLite format 3\x00") and len(header) == 100
            and int.from_bytes(header[68:72], "big") == APPLICATION_ID)


# ------------------------------------------------------------- re-extraction
@dataclass
class RefreshReport:
    """What extracting a project's sources again did to its edits."""

    applied: Applied
    """The new collection with the edits applied."""
    orphans: tuple[Orphan, ...]
    """Every edit whose passage is not found (never dropped from the project)."""
    newly_orphaned: tuple[Orphan, ...]
    """Those of ``orphans`` that had their passage before."""
    kept: int
    """Edits that found their passage."""
    notices: list[str] = field(default_factory=list)
    """What the update of the collection reported (files added, changed,
    removed; a store that could not be used)."""

    def summary(self) -> str:
        """One line for the user ("" when every edit was kept)."""
        if not self.orphans:
            return ""
        lost = len(self.orphans)
        return (f"{lost} edit{'s' if lost != 1 else ''} lost {'their' if lost != 1 else 'its'}"
                " passage and could not be applied; they are kept in the project")


def refresh_project(project: Project, store_path: Path | None = None, jobs: int = 1,
                    sources: Sequence[str] | None = None,
                    **options: Any) -> tuple[Project, RefreshReport]:
    """Extract ``project``'s sources (or ``sources``, where they are now)
    again and apply its edits to the new collection. ``store_path``,
    ``jobs`` and ``options`` (progress, cancelled, max_bytes,
    reference_date) are those of :func:`timeline.collection.update_store`;
    when no store can be used, the sources are extracted without one, as
    the window does. A source that is not found raises
    :class:`ProjectError` and changes nothing: the collection kept in the
    project is never traded for an empty one."""
    from timeline.collection import problems_of, update_store
    from timeline.store import StoreError

    if sources is not None:
        project = replace(project, sources=tuple(sources))
    for source in project.sources:
        if not os.path.exists(source):
            raise ProjectError(source, "not found, so the collection cannot be read again "
                                       "(nothing was changed); say where it is now")
    before = {o.edit.id for o in project.applied().orphans}
    notices: list[str] = []
    try:
        corpus, update = update_store(list(project.sources), store_path, jobs=jobs, **options)
        notices = [*update.notices, *filter(None, [update.summary()])]
        corpus = replace(corpus, problems=(*corpus.problems, *problems_of(update)))
    except StoreError as error:
        from timeline.pipeline import extract_corpus

        wanted = {k: v for k, v in options.items() if k in ("progress", "max_bytes",
                                                             "reference_date")}
        corpus = extract_corpus(project.sources, jobs=jobs, **wanted)
        notices = [f"the collection store cannot be used ({error}); the sources were "
                   "read again in full"]
    refreshed = replace(project, corpus=corpus)
    applied = refreshed.applied()
    orphans = applied.orphans
    report = RefreshReport(applied, orphans,
                           tuple(o for o in orphans if o.edit.id not in before),
                           len(project.edits) - len(orphans), notices)
    return refreshed, report
