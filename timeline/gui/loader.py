"""Loading off the GUI thread: the collection store is brought up to date
(extracting on all cores what changed), with progress, previews while a
large folder is first read, and Cancel.

The window never waits here: the worker runs in its own thread and talks to
the window only through queued signals, each stamped with the request's
generation so that a superseded request's signals are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from timeline.gui.memory import keep_out_of_collections, loading
from timeline.model import Corpus, Problem

log = logging.getLogger("timeline.gui.loader")

Progress = Callable[[int, int, str], None]
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


@dataclass(frozen=True)
class LoadRequest:
    """What to load: the paths the user opened (a store file, or files and
    folders), the store to keep them in (None: the cache's), and whether
    this is a background refresh of what is shown (a watched file changed)."""

    paths: tuple[str, ...]
    store: Path | None = None
    refresh: bool = False
    jobs: int = 0  # 0: every core


@dataclass(frozen=True)
class LoadResult:
    """A loaded collection with where it is kept and what changed."""

    corpus: Corpus
    store: Path | None
    summary: str = ""
    cancelled: bool = False
    refresh: bool = False
    watch: tuple[list[str], list[str]] = ([], [])
    """Folders and files to watch (see :func:`timeline.gui.watcher.listing`)."""


# Paths travel as Python objects, never as Qt strings: a file name that is not
# UTF-8 holds lone surrogates, which a ``str`` signal cannot carry (emitting it
# raises in the worker, a ``list`` signal silently drops the characters).
class LoadWorker(QObject):
    """Runs one :class:`LoadRequest` in whatever thread it is moved to."""

    progress = Signal(int, int, int, object)  # generation, done, total, path (str)
    preview = Signal(int, object)             # generation, Corpus so far
    finished = Signal(int, object)            # generation, LoadResult

    def __init__(self, request: LoadRequest, generation: int) -> None:
        super().__init__()
        self.request = request
        self.generation = generation
        self.stop = threading.Event()

    def _progress(self, done: int, total: int, path: str) -> None:
        self.progress.emit(self.generation, done, total, path)

    def _preview(self, corpus: Corpus) -> None:
        keep_out_of_collections()  # the window keeps it: no pass need scan it
        self.preview.emit(self.generation, corpus)

    def run(self) -> None:
        """Load; any failure becomes a Problem, so the window always leaves
        its loading state and says what went wrong."""
        with loading():
            result = load_safely(self.request, self._progress, self._preview,
                                 self.stop.is_set)
        self.finished.emit(self.generation, result)


class CorpusLoader(QObject):
    """Starts one load at a time; a newer request supersedes an older one
    (whose workers are told to stop)."""

    progress = Signal(int, int, object)  # done, total, path (str)
    preview = Signal(object)             # Corpus so far
    loaded = Signal(object, object)      # LoadResult, the paths it came from (list[str])

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Python references keep the thread objects alive until they finish.
        self._running: list[tuple[QThread, LoadWorker]] = []
        self._paths: list[str] = []
        self._generation = 0

    @property
    def busy(self) -> bool:
        """Whether the newest request is still running."""
        return any(w.generation == self._generation and not t.isFinished()
                   for t, w in self._running)

    def load(self, paths: Sequence[str], store: Path | None = None, refresh: bool = False,
             jobs: int = 0) -> None:
        """Load ``paths`` in a worker thread; ``loaded`` fires when done."""
        self.cancel()
        self._generation += 1
        self._paths = list(paths)
        thread = QThread(self)
        worker = LoadWorker(LoadRequest(tuple(paths), store, refresh, jobs), self._generation)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Bound methods of this (GUI-thread) object: Qt queues these calls back here.
        worker.progress.connect(self._on_progress)
        worker.preview.connect(self._on_preview)
        worker.finished.connect(self._on_finished)
        worker.finished.connect(thread.quit)
        self._prune()
        self._running.append((thread, worker))
        thread.start()

    def cancel(self) -> None:
        """Ask the running load to stop; what it has read so far is still
        delivered (as a cancelled :class:`LoadResult`)."""
        for _thread, worker in self._running:
            worker.stop.set()

    def drop(self) -> None:
        """Stop the running load and deliver nothing of it (the window has
        been given another collection, such as a project's)."""
        self.cancel()
        self._generation += 1

    def _prune(self) -> None:
        """Let Qt delete the threads (and workers) that have finished."""
        for thread, worker in self._running:
            if thread.isFinished():
                worker.deleteLater()
                thread.deleteLater()
        self._running = [(t, w) for t, w in self._running if not t.isFinished()]

    def _on_progress(self, generation: int, done: int, total: int, path: str) -> None:
        if generation == self._generation:
            self.progress.emit(done, total, path)

    def _on_preview(self, generation: int, corpus: Corpus) -> None:
        if generation == self._generation:
            self.preview.emit(corpus)

    def _on_finished(self, generation: int, result: LoadResult) -> None:
        if generation == self._generation:
            self.loaded.emit(result, self._paths)

    def wait(self) -> None:
        """Stop and wait for every running load: for shutdown and tests (a
        thread object must not be destroyed, with its window, while it runs)."""
        self.cancel()
        for thread, _worker in self._running:
            thread.quit()
            thread.wait()
        self._prune()


def is_store(paths: Sequence[str]) -> bool:
    """Whether ``paths`` is one collection store file to open."""
    return len(paths) == 1 and Path(paths[0]).suffix.lower() in STORE_SUFFIXES \
        and Path(paths[0]).is_file()


# ------------------------------------------------------------------ safety net
# The pipeline already turns a fault in one file, one document or the event
# building into a Problem. An exception escaping the worker anyway (a reader
# that fails to import, a store that cannot be written) would end its thread
# without a word and leave the window reading forever: hence this last catch.

def load_safely(request: LoadRequest, progress: Progress,
                preview: Callable[[Corpus], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> LoadResult:
    """The collection of ``request``; never raises."""
    try:
        # Imported here, in the worker thread: the readers and the tagger take a
        # noticeable time to import, and the window can paint meanwhile. Inside
        # the try, since a reader that fails to import must be reported too.
        from timeline.collection import problems_of, store_sources, update_store
        from timeline.gui.watcher import listing
        from timeline.store import StoreError
        from timeline.workers import default_jobs

        paths, store = list(request.paths), request.store
        if is_store(paths):
            store = Path(paths[0])
            paths = store_sources(store)
        jobs = request.jobs or default_jobs()
        try:
            corpus, report = update_store(paths, store, jobs=jobs, progress=progress,
                                          cancelled=cancelled, preview=preview)
        except StoreError as error:
            # A store that cannot be written (no space, no permission): the
            # collection is still read, just not kept.
            log.warning("store unusable: %s", error)
            from timeline.pipeline import extract_corpus

            corpus = extract_corpus(paths, progress=progress, jobs=jobs)
            note = Problem(str(store or "the cache folder"),
                           f"the collection store cannot be used ({error}); nothing is kept "
                           "between runs")
            return LoadResult(_with_problems(corpus, [note]), None, refresh=request.refresh)
        corpus = _with_problems(corpus, problems_of(report))
        # What changed is news only when the collection was read before.
        summary = report.summary() if report.unchanged or report.removed else ""
        return LoadResult(corpus, report.store, summary, report.cancelled,
                          request.refresh, listing(paths))
    except Exception as error:
        log.exception("Reading %d paths failed", len(request.paths))
        return LoadResult(Corpus(problems=(Problem(", ".join(request.paths),
                                                   failure_reason(error)),)), None)


def _with_problems(corpus: Corpus, problems: Sequence[Problem]) -> Corpus:
    if not problems:
        return corpus
    return replace(corpus, problems=(*problems, *corpus.problems))


def failure_reason(error: BaseException) -> str:
    """Words for the Problems list about an unexpected failure."""
    return f"failed unexpectedly ({type(error).__name__}: {error}); the log has details"
