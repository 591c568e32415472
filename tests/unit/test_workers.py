"""Extraction on a process pool (:mod:`timeline.workers`): the same results
as in one process, in the same order; stopping stops the workers; a worker
that dies costs only the file it held."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest
from generated_folders import dumped, make_folder

from timeline import workers
from timeline.ingest import discover
from timeline.pipeline import FileResult, document_ids, extract_corpus
from timeline.workers import (
    POOL_MIN_FILES,
    Cancelled,
    FileTask,
    default_jobs,
    extract_files,
    iter_results,
)

PROC = Path("/proc")


def tasks_of(folder: Path) -> list[FileTask]:
    files, _ = discover([folder])
    return [FileTask(p, i) for p, i in zip(files, document_ids(files), strict=True)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workers") / "docs"
    make_folder(root, POOL_MIN_FILES + 8)
    return root


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workers") / "docs"
    make_folder(root, 48, seed=3)
    return root


@pytest.fixture(scope="module")
def serial(folder: Path) -> list[FileResult]:
    return extract_files(tasks_of(folder), jobs=1)


def test_default_jobs_is_a_count_of_cores() -> None:
    assert 1 <= default_jobs() <= (os.cpu_count() or 1)


@pytest.mark.parametrize("count", [1, 15, 16, 17, 100, 1000])
@pytest.mark.parametrize("jobs", [1, 2, 3, 8])
def test_chunks_hold_every_task_once_in_order(count: int, jobs: int) -> None:
    tasks = [FileTask(Path(f"f{i}.txt"), f"f{i}") for i in range(count)]
    chunks = workers._chunks(tasks, jobs)
    assert [item for chunk in chunks for item in chunk] == list(enumerate(tasks))
    assert all(1 <= len(chunk) <= workers._CHUNK_MAX for chunk in chunks)
    assert len(chunks) >= min(count, jobs)  # every worker can have something to do


# ----------------------------------------------------------------- sameness
def test_pool_gives_what_one_process_gives(folder: Path, serial: list[FileResult]) -> None:
    tasks = tasks_of(folder)
    assert len(tasks) > POOL_MIN_FILES
    seen: list[tuple[int, int, str]] = []
    pooled = extract_files(tasks, jobs=2, progress=lambda *a: seen.append(a))
    assert pooled == serial
    assert [s[0] for s in seen] == list(range(1, len(tasks) + 1))
    assert {s[1] for s in seen} == {len(tasks)}
    assert sorted(s[2] for s in seen) == sorted(str(t.path) for t in tasks)
    assert [r.path for r in pooled] == [str(t.path) for t in tasks]


def test_one_job_and_two_give_identical_json(folder: Path) -> None:
    one = extract_corpus([folder], jobs=1)
    two = extract_corpus([folder], jobs=2)
    assert dumped(two) == dumped(one)
    assert two.unplaced == one.unplaced and two.problems == one.problems
    assert one.problems  # the folder holds a file that cannot be read


def test_few_files_are_read_without_a_pool(folder: Path, serial: list[FileResult],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(_jobs: int) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(workers, "_new_pool", no_pool)
    tasks = tasks_of(folder)[:POOL_MIN_FILES - 1]
    assert extract_files(tasks, jobs=2) == serial[:len(tasks)]


# ---------------------------------------------------------------- cancelling
def _descendants() -> dict[int, int]:
    """Living processes below this one, with their depth (1: a child)."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rpartition(")")[2].split()[:2]
        if state != "Z":  # a zombie has ended; only its exit status is left
            parents[int(entry.name)] = int(ppid)
    found: dict[int, int] = {}
    frontier, depth = {os.getpid()}, 0
    while frontier:
        depth += 1
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier}
        found.update(dict.fromkeys(frontier, depth))
    return found


def _workers_left(before_children: set, before_procs: set[int]) -> tuple[list, list[int]]:
    """Pool processes started since ``before_*`` that are still alive: as
    multiprocessing knows them, and (where /proc exists) any process below
    this one's direct children (workers are forked by a server process)."""
    children = [p for p in multiprocessing.active_children() if p not in before_children]
    below = []
    if PROC.is_dir():
        below = [pid for pid, depth in _descendants().items()
                 if depth >= 2 and pid not in before_procs]
    return children, below


def _wait_for_no_workers(before_children: set, before_procs: set[int]) -> tuple[list, list]:
    deadline = time.monotonic() + 10.0
    left = _workers_left(before_children, before_procs)
    while (left[0] or left[1]) and time.monotonic() < deadline:
        time.sleep(0.05)
        left = _workers_left(before_children, before_procs)
    return left


def test_cancel_stops_the_workers(big_folder: Path) -> None:
    tasks = tasks_of(big_folder)
    assert len(tasks) >= 40
    before_children = set(multiprocessing.active_children())
    before_procs = set(_descendants()) if PROC.is_dir() else set()
    done: list[int] = []
    running: list[tuple[list, list]] = []

    def progress(n: int, _total: int, _path: str) -> None:
        if not done:  # the workers as seen while they work: the check below can see them
            running.append(_workers_left(before_children, before_procs))
        done.append(n)

    with pytest.raises(Cancelled):
        extract_files(tasks, jobs=2, progress=progress, cancelled=lambda: bool(done))
    assert 1 <= len(done) < len(tasks)
    assert running[0][0]
    assert running[0][1] or not PROC.is_dir()
    assert _wait_for_no_workers(before_children, before_procs) == ([], [])


class SlowPath(type(Path())):
    """A path whose task keeps the worker that receives it busy for a
    minute, as one very large file would."""

    def __reduce__(self):
        return (time.sleep, (60,))


def test_cancel_ends_a_busy_worker(folder: Path) -> None:
    tasks = tasks_of(folder)
    tasks[0] = tasks[0]._replace(path=SlowPath(tasks[0].path))
    before_children = set(multiprocessing.active_children())
    before_procs = set(_descendants()) if PROC.is_dir() else set()
    got: list[int] = []

    with pytest.raises(Cancelled):
        for index, _result in iter_results(tasks, jobs=2, cancelled=lambda: bool(got)):
            got.append(index)
    assert got and 0 not in got  # the slow one was still at work
    assert _wait_for_no_workers(before_children, before_procs) == ([], [])


def test_cancel_in_one_process_stops_before_the_next_file(folder: Path) -> None:
    tasks = tasks_of(folder)
    done: list[int] = []
    with pytest.raises(Cancelled):
        extract_files(tasks, jobs=1, progress=lambda n, _t, _p: done.append(n),
                      cancelled=lambda: len(done) >= 3)
    assert done == [1, 2, 3]


# ------------------------------------------------------------------- crashes
class CrashingPath(type(Path())):
    """A path whose task ends the worker process that receives it, as a
    crash inside a reader would: the process is gone while it holds the
    file. (Monkeypatching a reader would not reach the worker processes;
    unpickling runs there, so this does.) In this process it is a plain
    path to a readable file."""

    def __reduce__(self):
        return (os._exit, (70,))


def test_a_worker_crash_costs_only_its_file(folder: Path) -> None:
    tasks = tasks_of(folder)
    # Chunks of two on two workers (a file may be read under two ids): the
    # crash's neighbour must be read again apart, yet few files are retried.
    wanted = 2 * 8 * 2 + 1
    tasks += [t._replace(doc_id=t.doc_id + "-again") for t in tasks[:wanted - len(tasks)]]
    assert len(tasks) == wanted
    serial = extract_files(tasks, jobs=1)
    bad = 4
    tasks[bad] = tasks[bad]._replace(path=CrashingPath(tasks[bad].path))
    # The file shares its chunk with others, which must be read again apart.
    assert len(next(c for c in workers._chunks(tasks, 2) if (bad, tasks[bad]) in c)) > 1
    before_children = set(multiprocessing.active_children())
    before_procs = set(_descendants()) if PROC.is_dir() else set()
    seen: list[int] = []

    results = extract_files(tasks, jobs=2, progress=lambda n, _t, _p: seen.append(n))
    assert seen == list(range(1, len(tasks) + 1))
    assert len(results) == len(tasks)
    crashed = results[bad]
    assert crashed.path == str(tasks[bad].path) and crashed.document is None
    assert [p.path for p in crashed.problems] == [str(tasks[bad].path)]
    assert "worker" in crashed.problems[0].reason
    assert results[:bad] == serial[:bad] and results[bad + 1:] == serial[bad + 1:]
    assert _wait_for_no_workers(before_children, before_procs) == ([], [])


def test_crash_messages_name_the_file() -> None:
    task = FileTask(Path("/somewhere/odd name.pdf"), "odd name")
    crashed = workers._crashed(task)
    assert crashed.document is None and crashed.path == str(task.path)
    assert [p.path for p in crashed.problems] == [str(task.path)]
    failed = workers._failed(task, ValueError("cannot send back"))
    assert failed.document is None
    assert "ValueError" in failed.problems[0].reason and failed.problems[0].path == str(task.path)
