"""Extraction off the GUI thread, with progress, so the window never freezes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QThread, Signal

from timeline.model import Corpus, Problem


class ExtractWorker(QObject):
    """Runs :func:`extract_corpus` in whatever thread it is moved to."""

    progress = Signal(int, int, int, str)  # generation, done, total, path
    finished = Signal(int, object)         # generation, Corpus

    def __init__(self, paths: Sequence[str], generation: int) -> None:
        super().__init__()
        self.paths = list(paths)
        self.generation = generation

    def _progress(self, done: int, total: int, path: str) -> None:
        self.progress.emit(self.generation, done, total, path)

    def run(self) -> None:
        """Extract; a failure becomes a Problem so the window can still open."""
        # Imported here, in the worker thread: the readers and the tagger take a
        # noticeable time to import, and the window can paint meanwhile.
        from timeline.pipeline import extract_corpus

        try:
            corpus = extract_corpus(self.paths, progress=self._progress)
        except (OSError, ValueError) as error:
            corpus = Corpus(problems=(Problem(", ".join(self.paths), str(error)),))
        self.finished.emit(self.generation, corpus)


class CorpusLoader(QObject):
    """Starts one extraction at a time; a newer request supersedes an older one."""

    progress = Signal(int, int, str)
    loaded = Signal(object, list)  # Corpus, the paths it came from

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
