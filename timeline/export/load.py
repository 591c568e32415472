"""What ``timeline export`` reads: the collection and what the user decided
about its events.

That is what ``timeline extract`` accepts (files, folders, or one
collection store ``.sqlite``), with no decisions kept, or one project file
(``.timeline``): its collection with the user's edits applied, and the
state each edit left its event in (status, note, hidden...).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from timeline.collection import read_store
from timeline.export.rows import EventState
from timeline.model import Corpus
from timeline.pipeline import Progress, extract_corpus
from timeline.project import is_project, open_project
from timeline.workers import default_jobs

STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def is_store(paths: Sequence[str]) -> bool:
    """True when ``paths`` is one collection store file."""
    return len(paths) == 1 and Path(paths[0]).suffix.lower() in STORE_SUFFIXES \
        and Path(paths[0]).is_file()


def load_for_export(paths: Sequence[str], progress: Progress | None = None,
                    ) -> tuple[Corpus, Mapping[str, EventState]]:
    """The collection under ``paths`` and each event's state by event id.

    Raises :class:`timeline.store.StoreError` when a store cannot be read,
    :class:`timeline.project.ProjectError` when a project cannot.
    """
    if len(paths) == 1 and is_project(paths[0]):
        applied = open_project(paths[0]).applied()
        return applied.corpus, applied.states
    if is_store(paths):
        return read_store(Path(paths[0])), {}
    return extract_corpus(paths, progress=progress, jobs=default_jobs()), {}
