"""The helper process PDFium runs in, apart from the application.

PDFium is C++: it decompresses without limit, and a few kilobytes of PDF can
make it ask for gigabytes or spend minutes (marked content nested thousands
deep, a form drawing itself through the page's resources). So it runs in a
process of its own (:mod:`timeline.ingest.pdfium_worker`), started when
first needed, held to :data:`HELPER_MEMORY` of address space, and killed
when a request takes longer than :data:`HELPER_SECONDS`; the next request
starts another. The worst a PDF can do to PDFium is end the helper.

One helper serves the whole process, so the threads reading files take
turns on it under :data:`_LOCK`. A forked child (a process pool's worker)
starts its own: the parent's lock may have been held at the fork by a
thread the child does not have, and its helper is the parent's to stop.
"""

from __future__ import annotations

import atexit
import os
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO

HELPER_MEMORY = 1 << 30
"""Address space the helper may take (POSIX only), in bytes."""
HELPER_SECONDS = 30.0
"""Longest a request to the helper may take before it is killed."""

_WORKER = Path(__file__).with_name("pdfium_worker.py")
_HEADER = struct.Struct("!I")
_COUNT = struct.Struct("!i")
_MOST_REPLY = 1 << 26  # far more than a page's text within any budget


class _Watchdog:
    """Kills a process that has not answered within :data:`HELPER_SECONDS`:
    one thread, started when first needed, for every request."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._process: subprocess.Popen[bytes] | None = None
        self._deadline = 0.0
        self._thread: threading.Thread | None = None

    def arm(self, process: subprocess.Popen[bytes]) -> None:
        with self._changed:
            self._process = process
            self._deadline = time.monotonic() + HELPER_SECONDS
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="pdfium watchdog",
                                                daemon=True)
                self._thread.start()
            self._changed.notify()

    def disarm(self) -> None:
        with self._changed:
            self._process = None

    def _watch(self) -> None:
        with self._changed:
            while True:
                if self._process is None:
                    self._changed.wait()
                elif (left := self._deadline - time.monotonic()) > 0:
                    self._changed.wait(left)
                else:
                    self._process.kill()
                    self._process = None


class _Helper:
    """The helper process: started when first asked, again after it dies,
    never again once it could not start."""

    def __init__(self) -> None:
        self.generation = 0
        """One more each time a helper stops, taking its documents with it."""
        self.starts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._broken = False
        self._watchdog = _Watchdog()
        self._inherited: list[subprocess.Popen[bytes]] = []

    def ask(self, request: bytes) -> bytes | None:
        """The helper's reply, None when it could not give one (it is then stopped)."""
        process = self._running()
        if process is None:
            return None
        self._watchdog.arm(process)
        try:
            _send(process.stdin, request)
            reply = _receive(process.stdout)
        except (OSError, ValueError):
            reply = None
        finally:
            self._watchdog.disarm()
        if reply is None:
            self.stop()
        return reply

    def tell(self, request: bytes) -> None:
        """Send a request that has no reply (closing a document)."""
        if self._process is not None:
            try:
                _send(self._process.stdin, request)
            except (OSError, ValueError):
                self.stop()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        self.generation += 1
        try:
            process.stdin.close()  # type: ignore[union-attr]
            process.wait(timeout=2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        process.stdout.close()  # type: ignore[union-attr]

    def forget(self) -> None:
        """In a forked child: the parent's helper is the parent's to stop,
        and its watchdog's thread is not in the child."""
        if self._process is not None:
            self._inherited.append(self._process)
        self._process = None
        self._watchdog = _Watchdog()

    def _running(self) -> subprocess.Popen[bytes] | None:
        if self._process is None and not self._broken:
            self.starts += 1
            self._process = self._start()
            self._broken = self._process is None
        return self._process

    def _start(self) -> subprocess.Popen[bytes] | None:
        try:
            process = subprocess.Popen([sys.executable, str(_WORKER), str(HELPER_MEMORY)],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL)
        except OSError:
            return None
        self._watchdog.arm(process)
        try:
            ready = _receive(process.stdout) == b"R"
        finally:
            self._watchdog.disarm()
        if ready:
            return process
        process.kill()  # it could not load PDFium: every PDF is left to pypdf
        process.wait()
        process.stdin.close()  # type: ignore[union-attr]
        process.stdout.close()  # type: ignore[union-attr]
        return None


_HELPER = _Helper()
_LOCK = threading.Lock()


def _after_fork_in_child() -> None:
    global _LOCK
    _LOCK = threading.Lock()  # the parent's may have been held by a thread the child lacks
    _HELPER.forget()


os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_HELPER.stop)


def ask(request: bytes, generation: int | None = None) -> tuple[bytes | None, int]:
    """The helper's reply, and the generation of the helper that was asked.
    The reply is None when the helper could not give one, or when
    ``generation`` is given and that helper has since stopped (with the
    documents it held)."""
    with _LOCK:
        asked = _HELPER.generation
        if generation is not None and generation != asked:
            return None, asked
        return _HELPER.ask(request), asked


def tell(request: bytes, generation: int) -> None:
    """Send a request that has no reply to the helper of ``generation``, if alive."""
    with _LOCK:
        if generation == _HELPER.generation:
            _HELPER.tell(request)


def open_documents() -> int | None:
    """How many documents the helper holds open (None without a helper)."""
    reply, _ = ask(b"S")
    return _COUNT.unpack(reply)[0] if reply is not None else None


def _send(sink: BinaryIO | None, payload: bytes) -> None:
    if sink is None:
        raise ValueError("no pipe to the helper")
    sink.write(_HEADER.pack(len(payload)) + payload)
    sink.flush()


def _receive(source: BinaryIO | None) -> bytes | None:
    if source is None:
        return None
    header = source.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    if size > _MOST_REPLY:  # not a reply the helper would give: it is not itself
        return None
    body = source.read(size)
    return body if len(body) == size else None
