"""Files extracted on all cores: a process pool that streams results.

Each file is extracted by :func:`timeline.pipeline.extract_file`, a pure
function of the file, so files may be shared out among processes in any
order; results are given back with their task's position, and the caller
puts them in order, so one process and many give the same collection.

Processes are started with ``forkserver`` where the system has it (a clean
server process forks the workers: forking the caller directly would copy
a GUI's threads and locks), else ``spawn``. A worker that dies (a crash
inside a C library on a hostile file) breaks the pool; the files it may
have held are then retried one at a time in a fresh pool, so that the file
to blame is reported and every other file is still read.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path
from typing import NamedTuple

from timeline.ingest import MAX_BYTES_DEFAULT
from timeline.model import Problem
from timeline.pipeline import FileResult, Progress, extract_file, internal_problem

_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())

POOL_MIN_FILES = 16
"""Fewer files than this are read in the calling process: starting workers
costs more than it saves."""

_CHUNK_MAX = 32
_POLL_S = 0.1


class FileTask(NamedTuple):
    """One file to extract, with the options that shape its result."""

    path: Path
    doc_id: str
    max_bytes: int = MAX_BYTES_DEFAULT
    reference_date: date | None = None


class _NoWorkers(Exception):
    """Worker processes cannot be started here."""


class Cancelled(Exception):
    """Raised when the caller asked to stop; the workers have been stopped."""


def default_jobs() -> int:
    """The number of processes to use when not told: the cores this process
    may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def extract_files(tasks: Sequence[FileTask], jobs: int = 1, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> list[FileResult]:
    """Every task's result, in the order of ``tasks``."""
    results: list[FileResult | None] = [None] * len(tasks)
    for index, result in iter_results(tasks, jobs, progress, cancelled):
        results[index] = result
    return [r for r in results if r is not None]


def iter_results(tasks: Sequence[FileTask], jobs: int = 1, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None
                 ) -> Iterator[tuple[int, FileResult]]:
    """``(position in tasks, result)`` for each task as it finishes.
    ``progress(done, total, path)`` follows each file; when ``cancelled()``
    turns true, the workers are stopped and :class:`Cancelled` raised."""
    stop = cancelled or (lambda: False)
    report = progress or (lambda _done, _total, _path: None)
    total = len(tasks)
    if jobs <= 1 or total < POOL_MIN_FILES:
        found = _here(list(enumerate(tasks)), stop)
    else:
        found = _pooled(tasks, jobs, stop)
    for done, (index, result) in enumerate(found, start=1):
        report(done, total, str(tasks[index].path))
        yield index, result


def _run(task: FileTask) -> FileResult:
    return extract_file(task.path, task.doc_id, task.max_bytes, task.reference_date)


def _run_chunk(chunk: list[tuple[int, FileTask]]) -> list[tuple[int, FileResult]]:
    """Worker side: extract a few files (one message each way for all)."""
    return [(index, _run(task)) for index, task in chunk]


def _chunks(tasks: Sequence[FileTask], jobs: int) -> list[list[tuple[int, FileTask]]]:
    """Tasks in groups small enough to spread evenly over the workers and to
    report progress often, large enough to save on messages."""
    size = max(1, min(_CHUNK_MAX, len(tasks) // (jobs * 8)))
    numbered = list(enumerate(tasks))
    return [numbered[i:i + size] for i in range(0, len(numbered), size)]


def _pooled(tasks: Sequence[FileTask], jobs: int, stop: Callable[[], bool]
            ) -> Iterator[tuple[int, FileResult]]:
    pending = _chunks(tasks, jobs)
    pending.reverse()  # popped from the end: first chunks first
    while pending:
        suspects: list[list[tuple[int, FileTask]]] = []
        finished = False
        pool = None
        try:
            pool = _new_pool(jobs)
            yield from _drain(pool, pending, jobs, stop, suspects)
            finished = not suspects
        except _NoWorkers:
            pass
        finally:
            if pool is not None and finished:
                pool.shutdown(wait=True)
            elif pool is not None:
                _stop(pool)
        if not suspects and not pending:
            continue
        held = sorted(item for chunk in suspects for item in chunk)
        if not suspects or not _pool_works():
            # Workers cannot start here at all (a script without a main
            # guard, a system without process support): the rest is read
            # in this process.
            held += (item for chunk in pending for item in chunk)
            pending.clear()
            yield from _here(held, stop)
        else:
            # The files the broken pool held are retried one at a time, so
            # a second crash names its file; then the pool starts again.
            yield from _one_by_one(held, stop)


def _drain(pool: ProcessPoolExecutor, pending: list[list[tuple[int, FileTask]]], jobs: int,
           stop: Callable[[], bool], suspects: list[list[tuple[int, FileTask]]]
           ) -> Iterator[tuple[int, FileResult]]:
    """Run chunks in ``pool`` until none is left or the pool breaks (the
    chunks it held then go to ``suspects``)."""
    in_flight: dict[Future, list[tuple[int, FileTask]]] = {}
    while pending or in_flight:
        while pending and len(in_flight) < 2 * jobs:  # a few queued: no worker waits
            chunk = pending.pop()
            try:
                in_flight[pool.submit(_run_chunk, chunk)] = chunk
            except (RuntimeError, OSError) as error:
                # No worker can be started (a script without a main guard
                # under spawn or forkserver, no processes left): what is not
                # done goes back, to be read in this process.
                _log.warning("no worker process could start: %s", error)
                pending.append(chunk)
                pending.extend(in_flight.values())
                raise _NoWorkers from error
        finished, _ = wait(in_flight, timeout=_POLL_S, return_when=FIRST_COMPLETED)
        if stop():
            raise Cancelled
        for future in finished:
            chunk = in_flight.pop(future)
            try:
                yield from future.result()
            except BrokenProcessPool:
                suspects.append(chunk)
                suspects.extend(in_flight.values())
                return
            except Exception as error:  # a result that could not be sent back
                yield from ((index, _failed(task, error)) for index, task in chunk)


def _one_by_one(items: list[tuple[int, FileTask]], stop: Callable[[], bool]
                ) -> Iterator[tuple[int, FileResult]]:
    """Each file in a one-worker pool, started again only after a crash."""
    pool: ProcessPoolExecutor | None = None
    try:
        for index, task in items:
            if stop():
                raise Cancelled
            pool = pool or _new_pool(1)
            future = pool.submit(_run_chunk, [(index, task)])
            while not wait([future], timeout=_POLL_S)[0]:
                if stop():
                    raise Cancelled
            try:
                yield from future.result()
            except BrokenProcessPool:
                yield index, _crashed(task)
                _stop(pool)
                pool = None
            except Exception as error:
                yield index, _failed(task, error)
    finally:
        if pool is not None:
            _stop(pool)


def _here(items: list[tuple[int, FileTask]], stop: Callable[[], bool]
          ) -> Iterator[tuple[int, FileResult]]:
    for index, task in sorted(items, key=lambda item: item[0]):
        if stop():
            raise Cancelled
        yield index, _run(task)


def _noop() -> bool:
    return True


def _pool_works() -> bool:
    """Whether a fresh worker can start and answer at all."""
    pool = _new_pool(1)
    try:
        return pool.submit(_noop).result(timeout=60)
    except Exception:
        return False
    finally:
        _stop(pool)


def _crashed(task: FileTask) -> FileResult:
    return FileResult(str(task.path), None, problems=(Problem(
        str(task.path), "reading it stopped the worker process (a crash in a reader); "
                        "the file was skipped"),))


def _failed(task: FileTask, error: Exception) -> FileResult:
    return FileResult(str(task.path), None,
                      problems=(internal_problem(str(task.path), "extracting it", error),))


def _new_pool(jobs: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        # The server imports the extractor once; each worker forked from it
        # starts ready.
        context.set_forkserver_preload(["timeline.pipeline"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` now: queued work is dropped and busy workers are ended
    rather than waited for (a single large file can take minutes)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + 2.0
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
