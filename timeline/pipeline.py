"""Files in, a :class:`Corpus` out: the one entry point the CLI and the GUI share.

files → readers (``ingest``) → temporal tagger → sentences → mentions → events.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.extract.docdate import document_date
from timeline.extract.doctitle import refine_titles
from timeline.extract.events import build_events
from timeline.extract.sentences import sentence_at, split_sentences
from timeline.extract.temporal import TimeMatch, find_times
from timeline.ingest import MAX_BYTES_DEFAULT, ReadError, discover, read_document
from timeline.model import Corpus, Document, Mention, Problem, Unplaced, shown_path

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


def extract_corpus(
    paths: Iterable[str | Path],
    reference_date: date | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES_DEFAULT,
) -> Corpus:
    """Read every supported file under ``paths`` and extract its events.

    ``reference_date`` overrides each document's own date as the anchor for
    relative expressions (``yesterday``, ``next month``).
    """
    documents, problems = load_documents(paths, progress, max_bytes)
    return corpus_from_documents(documents, reference_date, problems)


def corpus_from_documents(
    documents: Sequence[Document],
    reference_date: date | None = None,
    problems: Sequence[Problem] = (),
) -> Corpus:
    """Extract events from documents already read."""
    mentions: list[Mention] = []
    unplaced: list[Unplaced] = []
    problems = list(problems)
    kept: list[Document] = []
    for doc in documents:
        try:
            found = analyse_document(doc, reference_date)
        except Exception as error:  # a fault in the extractor costs one document, not all
            problems.append(internal_problem(doc.path, "finding its dates", error))
            continue
        kept.append(doc)
        if found.cut_short:
            problems.append(Problem(doc.path, f"holds more than {MAX_DATES:,} dates: only "
                                              "the first ones were placed on the timeline"))
        mentions.extend(found.mentions)
        unplaced.extend(found.unplaced)
    try:
        events = build_events(kept, mentions)
        titled = refine_titles(kept, events)
    except Exception as error:  # events span documents: keep them all, without events
        where = os.path.commonpath([d.path for d in kept]) if kept else ""
        problems.append(internal_problem(where, "building the events", error))
        events, titled = [], kept
    return Corpus(tuple(titled), tuple(events), tuple(unplaced), tuple(problems))


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
    used_ids: set[str] = set()
    for done, path in enumerate(files, start=1):
        try:
            documents.append(make_document(path, unique_id(path, used_ids), max_bytes, problems))
        except ReadError as error:
            problems.append(Problem(error.path, error.reason))
        except Exception as error:  # a reader's own fault: the other files are still read
            problems.append(internal_problem(str(path), "reading it", error))
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
    title = raw.title or shown_path(path.stem)  # a name may hold undecodable bytes
    return Document(doc_id, str(path), title, own_date, raw.text, raw.page_starts)


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
                                match.when, sentence))
    return DocumentFindings(tuple(mentions), tuple(unplaced), cut_short)


__all__ = ["TimeMatch", "analyse_document", "corpus_from_documents", "extract_corpus"]
