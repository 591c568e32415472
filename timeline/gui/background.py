"""Work off the GUI thread where only the newest request counts.

A view that recomputes on every change (a keystroke in the search box, a click
on a column header) hands the work to a :class:`LatestRunner`. Jobs run one at
a time on a worker thread; a request made while one runs waits, and a newer
request replaces it, so a burst of changes costs at most two jobs. Each request
takes the next generation number: a result is delivered, by a queued signal on
the GUI thread, only if no request came after it. A running job may ask
whether it has been superseded and stop early.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThreadPool, Signal

log = logging.getLogger("timeline.gui.background")

Stale = Callable[[], bool]
Job = Callable[[Stale], object]
"""Work to do: called with a function telling whether a newer request has come."""


class _Relay(QObject):
    """Carries a result from the worker thread to the GUI thread (queued)."""

    done = Signal(int, object, bool)  # generation, result, failed


class LatestRunner(QObject):
    """Runs one job at a time in a worker thread; delivers only the newest result."""

    finished = Signal(object)  # the result of the newest request, on the GUI thread
    settled = Signal()         # nothing runs or waits any more

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._generation = 0
        self._running = False
        self._waiting: Job | None = None

    @property
    def busy(self) -> bool:
        """True while a job runs or waits to."""
        return self._running or self._waiting is not None

    @property
    def generation(self) -> int:
        """The number of the newest request."""
        return self._generation

    def submit(self, job: Job) -> None:
        """Run ``job`` in the worker thread once the running one (if any) ends;
        ``finished`` carries its result unless a newer request comes first."""
        self._generation += 1
        self._waiting = job
        if not self._running:
            self._start_waiting()

    def supersede(self) -> None:
        """Drop the waiting job and the result of the running one: the caller
        has done the work itself."""
        self._generation += 1
        self._waiting = None

    def wait_idle(self, timeout_s: float = 60.0) -> bool:
        """Process events until nothing runs or waits (for tests and shutdown);
        False on timeout."""
        deadline = time.monotonic() + timeout_s
        while self.busy and time.monotonic() < deadline:
            self._pool.waitForDone(5)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return not self.busy

    def _start_waiting(self) -> None:
        job, self._waiting = self._waiting, None
        assert job is not None
        self._running = True
        self._pool.start(partial(self._run, self._generation, job))

    def _run(self, generation: int, job: Job) -> None:
        """In the worker thread: run ``job`` and send its result home."""
        try:
            result, failed = job(lambda: generation != self._generation), False
        except Exception:
            log.exception("Background job failed")
            result, failed = None, True
        self._relay.done.emit(generation, result, failed)

    def _on_done(self, generation: int, result: object, failed: bool) -> None:
        self._running = False
        if generation == self._generation and not failed:
            self.finished.emit(result)
        if self._waiting is not None:
            self._start_waiting()
        elif not self._running:
            self.settled.emit()
