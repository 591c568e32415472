"""Extraction off the GUI thread, with progress, so the window never freezes."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QThread, Signal

from timeline.model import Corpus, Problem

log = logging.getLogger("timeline.gui.loader")

Progress = Callable[[int, int, str], None]


# Paths travel as Python objects, never as Qt strings: a file name that is not
# UTF-8 holds lone surrogates, which a ``str`` signal cannot carry (emitting it
# raises in the worker, a ``list`` signal silently drops the characters).
class ExtractWorker(QObject):
    """Runs :func:`extract_safely` in whatever thread it is moved to."""

    progress = Signal(int, int, int, object)  # generation, done, total, path (str)
    finished = Signal(int, object)            # generation, Corpus

    def __init__(self, paths: Sequence[str], generation: int) -> None:
        super().__init__()
        self.paths = list(paths)
        self.generation = generation

    def _progress(self, done: int, total: int, path: str) -> None:
        self.progress.emit(self.generation, done, total, path)

    def run(self) -> None:
        """Extract; any failure becomes a Problem, so the window always leaves
        its loading state and says what went wrong."""
        self.finished.emit(self.generation, extract_safely(self.paths, self._progress))


class CorpusLoader(QObject):
    """Starts one extraction at a time; a newer request supersedes an older one."""

    progress = Signal(int, int, object)  # done, total, path (str)
    loaded = Signal(object, object)      # Corpus, the paths it came from (list[str])

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Python references keep the thread objects alive until they finish.
        self._running: list[tuple[QThread, ExtractWorker]] = []
        self._paths: list[str] = []
        self._generation = 0

    def load(self, paths: Sequence[str]) -> None:
        """Extract ``paths`` in a worker thread; ``loaded`` fires when done."""
        self._generation += 1
        self._paths = list(paths)
        thread = QThread(self)
        worker = ExtractWorker(paths, self._generation)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Bound methods of this (GUI-thread) object: Qt queues these calls back here.
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.finished.connect(thread.quit)
        self._prune()
        self._running.append((thread, worker))
        thread.start()

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

    def _on_finished(self, generation: int, corpus: Corpus) -> None:
        if generation == self._generation:
            self.loaded.emit(corpus, self._paths)

    def wait(self) -> None:
        """Block until every running extraction ends: for shutdown and tests."""
        for thread, _worker in self._running:
            thread.quit()
            thread.wait()
        self._prune()


# ------------------------------------------------------------------ safety net
# The pipeline already turns a fault in one file, one document or the event
# building into a Problem. An exception escaping the worker anyway (a reader
# that fails to import, a fault in discovering the files) would end its thread
# without a word and leave the window reading forever: hence this last catch.

def extract_safely(paths: Sequence[str], progress: Progress) -> Corpus:
    """:func:`extract_corpus` over ``paths``; never raises."""
    try:
        # Imported here, in the worker thread: the readers and the tagger take a
        # noticeable time to import, and the window can paint meanwhile. Inside
        # the try, since a reader that fails to import must be reported too.
        from timeline.pipeline import extract_corpus

        return extract_corpus(paths, progress=progress)
    except Exception as error:
        log.exception("Reading %d paths failed", len(paths))
        return Corpus(problems=(Problem(", ".join(paths), failure_reason(error)),))


def failure_reason(error: BaseException) -> str:
    """Words for the Problems list about an unexpected failure."""
    return f"failed unexpectedly ({type(error).__name__}: {error}); the log has details"
