"""Files in, a :class:`Corpus` out: the one entry point the CLI and the GUI share.

files → readers (``ingest``) → temporal tagger → sentences → mentions → events.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from timeline.dates.docdate import document_date, looks_back_from_later
from timeline.dates.temporal import TimeMatch, find_times
from timeline.events.build import document_drafts, events_from_drafts, with_order
from timeline.events.doctitle import refine_titles, text_title
from timeline.events.lines import non_prose_positions
from timeline.events.merge import Draft
from timeline.events.sentences import sentence_at, split_sentences
from timeline.ingest import MAX_BYTES_DEFAULT, ReadError, discover, read_document
from timeline.ingest.base import first_line
from timeline.model import (
    Corpus,
    CountedFrom,
    Document,
    Mention,
    Problem,
    Unplaced,
    shown_path,
)

# Silent unless the application configures logging: the command line's
# stderr holds one line per problem, never a traceback.
_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())

MAX_DATES = 100_000
"""Dates kept per document. Each costs about 1.5 KB until the events are
built, so this keeps a file made of nothing but dates (11 characters each)
well under 1 GB; a real book holds a few thousand."""

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, path)`` after each file."""


@dataclass(frozen=True, slots=True)
class DocumentFindings:
    """What the tagger found in one document."""

    mentions: tuple[Mention, ...]
    unplaced: tuple[Unplaced, ...]
    cut_short: bool = False
    """More than :data:`MAX_DATES` dates: only the first ones were kept."""


@dataclass(frozen=True, slots=True)
class FileResult:
    """All that one file gives the collection, made without looking at any
    other file: so files can be read in any order, by any process, and kept.

    ``document`` is None when the file could not be read (its reason is
    among ``problems``); its title is the reader's, before
    :func:`~timeline.events.doctitle.refine_titles` sees the events.
    ``drafts`` hold each mention with its title and actors, ready to merge
    (their document order is set when the collection is assembled).
    """

    path: str
    document: Document | None
    mentions: tuple[Mention, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    drafts: tuple[Draft, ...] = ()
    problems: tuple[Problem, ...] = ()
    stamp: FileStamp | None = None
    """The file as it was when it was read (size, time, content hash): a
    store compares it with the file later to tell whether it changed."""


class FileStamp(NamedTuple):
    """Size, modification time and content digest of a file."""

    size: int
    mtime_ns: int
    digest: str


def stamp_of(path: Path) -> FileStamp | None:
    """The file's :class:`FileStamp`, None when it cannot be read."""
    try:
        info = path.stat()
        with path.open("rb") as f:
            digest = hashlib.file_digest(f, "blake2b").hexdigest()[:32]
    except OSError:
        return None
    return FileStamp(info.st_size, info.st_mtime_ns, digest)


def extract_corpus(
    paths: Iterable[str | Path],
    reference_date: date | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES_DEFAULT,
    jobs: int = 1,
) -> Corpus:
    """Read every supported file under ``paths`` and extract its events,
    with ``jobs`` processes (see :mod:`timeline.workers`).

    ``reference_date`` overrides each document's own date as the anchor for
    relative expressions (``yesterday``, ``next month``).
    """
    from timeline.workers import FileTask, extract_files

    files, problems = discover(paths)
    tasks = [FileTask(path, doc_id, max_bytes, reference_date)
             for path, doc_id in zip(files, document_ids(files), strict=True)]
    results = extract_files(tasks, jobs, progress)
    return assemble(results, problems)


def document_ids(files: Sequence[Path]) -> list[str]:
    """Each file's document id, unique within the collection (see
    :func:`unique_id`); files are taken in the order given."""
    used: set[str] = set()
    return [unique_id(path, used) for path in files]


def extract_file(path: Path, doc_id: str, max_bytes: int = MAX_BYTES_DEFAULT,
                 reference_date: date | None = None) -> FileResult:
    """Read one file and find its events; never raises (a fault of a reader
    or of the extractor becomes a Problem of this file)."""
    # Taken first: a file changed while it is read looks changed next time.
    stamp = stamp_of(path)
    return replace(_extract_file(path, doc_id, max_bytes, reference_date), stamp=stamp)


def _extract_file(path: Path, doc_id: str, max_bytes: int,
                  reference_date: date | None) -> FileResult:
    notes: list[Problem] = []
    doc = read_file(path, doc_id, max_bytes, notes)
    if doc is None:
        return FileResult(str(path), None, problems=tuple(notes))
    return document_result(doc, reference_date, notes)


def read_file(path: Path, doc_id: str, max_bytes: int, problems: list[Problem]
              ) -> Document | None:
    """The file as a Document, or None when it cannot be read; the reader's
    notes and the reason it failed go to ``problems``."""
    try:
        return make_document(path, doc_id, max_bytes, problems)
    except ReadError as error:
        problems.append(Problem(error.path, error.reason))
    except Exception as error:  # a reader's own fault: the other files are still read
        problems.append(internal_problem(str(path), "reading it", error))
    return None


def document_result(doc: Document, reference_date: date | None = None,
                    notes: Sequence[Problem] = ()) -> FileResult:
    """The mentions and drafts of one document already read."""
    problems = list(notes)
    try:
        found = analyse_document(doc, reference_date)
        if reference_date is None and doc.date is not None and looks_back_from_later(
                doc.text, doc.date, ((m.span[0], m.when) for m in found.mentions)):
            # A history's first date is not the day it was written: without
            # it, nothing reads as planned and relatives follow the story
            # (read again only if a date was counted from the document's).
            doc = replace(doc, date=None)
            if any(m.when.relative and m.counted_from is None for m in found.mentions):
                found = analyse_document(doc)
    except Exception as error:  # a fault in the extractor costs one document, not all
        problems.append(internal_problem(doc.path, "finding its dates", error))
        return FileResult(doc.path, None, problems=tuple(problems))
    if found.cut_short:
        problems.append(Problem(doc.path, f"holds more than {MAX_DATES:,} dates: only "
                                          "the first ones were placed on the timeline"))
    try:
        drafts = tuple(document_drafts(doc, 0, found.mentions))
    except Exception as error:  # its dates are kept, unplaced; the document stays
        problems.append(internal_problem(doc.path, "building its events", error))
        return FileResult(doc.path, doc, (), found.unplaced, (), tuple(problems))
    return FileResult(doc.path, doc, found.mentions, found.unplaced, drafts, tuple(problems))


def corpus_from_documents(
    documents: Sequence[Document],
    reference_date: date | None = None,
    problems: Sequence[Problem] = (),
) -> Corpus:
    """Extract events from documents already read."""
    return assemble([document_result(doc, reference_date) for doc in documents], problems)


def assemble(results: Sequence[FileResult], problems: Sequence[Problem] = ()) -> Corpus:
    """The collection made of per-file results, in the order given: their
    drafts merged into events across documents, document titles refined.
    ``problems`` (from finding the files) come first. A document with the
    same content as one before it is counted once (see
    :func:`without_duplicates`)."""
    problems = list(problems)
    documents: list[Document] = []
    drafts: list[Draft] = []
    unplaced: list[Unplaced] = []
    for result in without_duplicates(results):
        problems.extend(result.problems)
        if result.document is None:
            continue
        drafts.extend(with_order(d, len(documents)) for d in result.drafts)
        documents.append(result.document)
        unplaced.extend(result.unplaced)
    try:
        events = events_from_drafts(drafts)
        titled = refine_titles(documents, events)
    except Exception as error:  # events span documents: keep them all, without events
        where = os.path.commonpath([d.path for d in documents]) if documents else ""
        problems.append(internal_problem(where, "building the events", error))
        events, titled = [], documents
    return Corpus(tuple(titled), tuple(events), tuple(unplaced), tuple(problems))


def without_duplicates(results: Sequence[FileResult]) -> list[FileResult]:
    """``results`` with each document whose content a document before it
    already has (the same file content, or for documents read without a
    file stamp the same text) replaced by a note naming the one kept: two
    copies of one report are one document, and their events are counted
    once."""
    kept: dict[str, str] = {}
    out = []
    for result in results:
        key = content_key(result)
        first = kept.setdefault(key, result.path) if key else result.path
        out.append(result if first == result.path else duplicate_result(result, first))
    return out


def content_key(result: FileResult) -> str:
    """What two results with the same content share: the file's digest, or
    a digest of the text of a document read without a stamp ("" when the
    file was not read)."""
    if result.document is None:
        return ""
    if result.stamp is not None and result.stamp.digest:
        return "file:" + result.stamp.digest
    text = result.document.text.encode("utf-8", "surrogatepass")
    return "text:" + hashlib.blake2b(text, digest_size=16).hexdigest()


DUPLICATE_REASON = "the same content as "


def duplicate_problem(path: str, kept: str) -> Problem:
    """The note on a file counted once, as ``kept``."""
    return Problem(path, f"{DUPLICATE_REASON}{shown_path(kept)}: counted once, as that file")


def is_duplicate_note(problem: Problem) -> bool:
    """True for the note on a copy of another file (it was read, and counted once)."""
    return problem.reason.startswith(DUPLICATE_REASON)


def duplicate_result(result: FileResult, kept: str) -> FileResult:
    """``result`` as a copy of ``kept``: no document, a note saying so."""
    return FileResult(result.path, None, problems=(duplicate_problem(result.path, kept),),
                      stamp=result.stamp)


def internal_problem(path: str, doing: str, error: Exception) -> Problem:
    """A Problem for a fault of this program met while ``doing`` something to
    one file; the details go to the log for a bug report."""
    _log.error("fault while %s in %s", doing, shown_path(path), exc_info=error)
    detail = " ".join(str(error).split())[:120]
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return Problem(path, f"skipped after an internal error while {doing} ({what}); "
                         "please report it")


def load_documents(
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES_DEFAULT,
) -> tuple[list[Document], list[Problem]]:
    """Read files into Documents; unreadable ones become Problems."""
    files, problems = discover(paths)
    documents: list[Document] = []
    for done, (path, doc_id) in enumerate(zip(files, document_ids(files), strict=True),
                                          start=1):
        doc = read_file(path, doc_id, max_bytes, problems)
        if doc is not None:
            documents.append(doc)
        if progress:
            progress(done, len(files), str(path))
    return documents, problems


def make_document(path: Path, doc_id: str, max_bytes: int = MAX_BYTES_DEFAULT,
                  notes: list[Problem] | None = None) -> Document:
    """Read one file and settle its title and own date. The reader's notes (a
    file read under another format than its name says, a page that could not be
    read) go to ``notes``."""
    raw = read_document(path, max_bytes)
    if notes is not None:
        notes.extend(Problem(str(path), note) for note in raw.notes)
    # A file's creation date comes last: it is often the day a PDF or Word
    # file was exported, years after the statement it holds.
    own_date = raw.date or document_date(raw.text) or raw.created
    return Document(doc_id, str(path), document_title(raw.title, raw.text), own_date,
                    raw.text, raw.page_starts)


def document_title(reader_title: str | None, text: str) -> str:
    """The title a reader gave from the file's own metadata, else what the
    text calls itself (see :func:`~timeline.events.doctitle.text_title`);
    "" when neither names it (it is then named after its events or file
    once they are known)."""
    if reader_title and reader_title != first_line(text):
        return reader_title
    return text_title(text)


def unique_id(path: Path, used: set[str]) -> str:
    """The file's stem (undecodable bytes escaped), suffixed when two files
    share one."""
    stem = shown_path(path.stem)
    candidate, n = stem, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate)
    return candidate


def analyse_document(doc: Document, reference_date: date | None = None) -> DocumentFindings:
    """Tag one document's date expressions and tie each to its sentence."""
    anchor = reference_date or doc.date
    matches = find_times(doc.text, anchor, limit=MAX_DATES + 1)
    cut_short = len(matches) > MAX_DATES
    del matches[MAX_DATES:]
    # Dates in header blocks, signatures, page footers and a story's
    # dateline say when the document was written or printed: no events.
    set_aside = non_prose_positions(doc.text, [m.start for m in matches])
    if set_aside:
        matches = [m for m in matches if m.start not in set_aside]
    # Only the sentences that hold a date are needed: split just those blocks.
    sentences = split_sentences(doc.text, near=[p for m in matches for p in (m.start, m.end - 1)])
    mentions: list[Mention] = []
    unplaced: list[Unplaced] = []
    for match in matches:
        if match.when is None:
            unplaced.append(Unplaced(doc.id, (match.start, match.end), match.text,
                                     match.reason or "could not be placed"))
            continue
        sentence = sentence_at(sentences, match.start, match.end)
        mentions.append(Mention(doc.id, (match.start, match.end), match.text,
                                match.when, sentence, counted_from=counted_from(match)))
    return DocumentFindings(tuple(mentions), tuple(unplaced), cut_short)


def counted_from(match: TimeMatch) -> CountedFrom | None:
    """The earlier date of the text a relative date was counted from, if not
    the document's own (:mod:`timeline.dates.story`)."""
    story = match.counted_from
    return None if story is None else CountedFrom(story.when, (story.start, story.end))


__all__ = ["TimeMatch", "analyse_document", "corpus_from_documents", "extract_corpus"]
