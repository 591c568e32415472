"""A build on Dask distributed: extraction mapped over partitions of files,
merging as a keyed reduce (:mod:`timeline.engine.reduce`), the store written
here, by the process that started the build, a batch at a time.

This is the only module that imports Dask; it is imported only when the
Dask engine is asked for (``pip install timeline[distributed]``).

The work is a graph of futures. Each partition of files is extracted by one
task; its rows come back here to be written, and its drafts stay on the
worker for the reduce. Every later step is a task on the workers too; only
batches of finished events come back. A worker killed mid-run loses only
the results it held: the scheduler runs their tasks again from the graph,
and since each partition is written once (and a file with the same content
is never written twice, :mod:`timeline.engine.writer`), no document is lost
or doubled. Files with the same content are counted once, as
:func:`timeline.pipeline.without_duplicates` counts them: once every
partition is extracted, each copy of a file listed before it is written as
a note naming that file, and left out of the reduce. A partition whose task
kills its worker every time it is tried (a crash in a reader) is tried again
one file at a time, and the file to blame is reported as a problem, as the
app's process pool does.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from dask.base import tokenize
from distributed import Client, Future, LocalCluster, as_completed

from timeline.engine.reduce import (
    connect,
    join_groups,
    key_share,
    merge_routed,
    pick,
    prepare_part,
    route_drafts,
)
from timeline.engine.sources import SourceTask, extract_part
from timeline.engine.writer import BuildWriter
from timeline.model import Problem
from timeline.pipeline import FileResult, Progress, content_key
from timeline.workers import Cancelled

FILES_PER_PARTITION = 250
"""About this many files per extraction task when not told: a few seconds of
work, so that progress moves and a lost worker costs little."""
MAX_REDUCERS = 32
_POLL_S = 0.1


@dataclass(frozen=True)
class Cluster:
    """Where to run: an existing scheduler, or a LocalCluster of ``workers``
    processes started for the run."""

    scheduler: str | None = None
    workers: int = 2
    partitions: int | None = None
    dashboard: bool = True


def run_on_dask(tasks: Sequence[SourceTask], writer: BuildWriter, cluster: Cluster,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                say: Callable[[str], None] | None = None) -> None:
    """Extract ``tasks`` and merge their events on the cluster, writing the
    store through ``writer`` as results come."""
    if not tasks:
        writer.finish()
        return
    with connected(cluster, say or (lambda _line: None)) as client:
        run = _Run(client, tasks, writer, cluster, progress, cancelled)
        try:
            run.extract()
            run.merge()
        finally:
            run.release()


@contextmanager
def connected(cluster: Cluster, say: Callable[[str], None]) -> Iterator[Client]:
    """A client of the scheduler, or of a LocalCluster made for the run
    (with the dashboard when Dask's extras for it are installed)."""
    if cluster.scheduler:
        with Client(cluster.scheduler) as client:
            _say_dashboard(client, say)
            yield client
        return
    # Any free port: a second build, or a notebook's cluster, may hold
    # Dask's usual 8787. (Without Dask's dashboard extras the scheduler
    # still serves its health pages there, but no dashboard.)
    with LocalCluster(n_workers=cluster.workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local, Client(local) as client:
        if cluster.dashboard and _has_dashboard():
            _say_dashboard(client, say)
        yield client


def _has_dashboard() -> bool:
    return importlib.util.find_spec("bokeh") is not None


def _say_dashboard(client: Client, say: Callable[[str], None]) -> None:
    services = client.scheduler_info().get("services", {})
    if "dashboard" in services:
        say(f"Dask dashboard: {client.dashboard_link}")


class _Run:
    """One build's futures, and the writes they lead to."""

    def __init__(self, client: Client, tasks: Sequence[SourceTask], writer: BuildWriter,
                 cluster: Cluster, progress: Progress | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.client = client
        self.writer = writer
        self.progress = progress or (lambda _done, _total, _path: None)
        self.stop = cancelled or (lambda: False)
        workers = max(1, len(client.nthreads()) or cluster.workers)
        count = cluster.partitions or max(2 * workers, -(-len(tasks) // FILES_PER_PARTITION))
        size = max(1, -(-len(tasks) // count))
        self.parts = [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]
        self.reducers = max(1, min(len(self.parts), max(MAX_REDUCERS // 4, 2 * workers),
                                   MAX_REDUCERS))
        self.total = len(tasks)
        self.prepared: dict[int, Future] = {}
        self._held: list[Future] = []
        self._token = tokenize(time.time_ns(), id(self))

    # ------------------------------------------------------------ extracting
    def extract(self) -> None:
        """Each partition extracted and written as it comes; then the copies
        of files listed before them written as such, and each partition
        prepared for the reduce, without its copies, on the worker that holds
        it."""
        index_of: dict[Future, int] = {}
        extracted: dict[int, Future] = {}
        contents: dict[int, tuple[str, SourceTask, FileResult]] = {}
        for i, part in enumerate(self.parts):
            future = self.client.submit(extract_part, part, key=f"extract-{i}-{self._token}")
            index_of[future] = i
        self._held += list(index_of)
        for future in self._as_done(index_of):
            i = index_of.pop(future)
            try:
                results = future.result()
            except Exception:  # its worker died every time: one file at a time
                results = self._one_by_one(self.parts[i])
                future = self.client.submit(_given, results, pure=False)
            items = list(zip(self.parts[i], results, strict=True))
            self.writer.write_files(items)
            for task, result in items:
                if key := content_key(result):
                    contents[task.position] = (key, task, result)
            self.progress(self.writer.written, self.total, self.parts[i][-1].location)
            extracted[i] = future
        copies = _copies(contents)
        self.writer.write_copies(list(copies.values()))
        for i, future in extracted.items():
            skip = [j for j, task in enumerate(self.parts[i]) if task.position in copies]
            given = self.client.submit(_without, future, skip, pure=False) if skip else future
            self.prepared[i] = self.client.submit(prepare_part, i, given, self.reducers,
                                                  key=f"prepare-{i}-{self._token}")
            future.release()
        self._held = list(self.prepared.values())

    def _one_by_one(self, part: Sequence[SourceTask]) -> list[FileResult]:
        """Each file of a partition that kept killing its worker, alone and
        one after another (so that no other file of it dies beside the
        culprit); a file whose task fails even alone is reported."""
        results = []
        for task in part:
            future = self.client.submit(extract_part, [task], pure=False)
            for _ in self._as_done({future: 0}):
                pass
            try:
                results += future.result()
            except Exception:
                results.append(_crashed(task))
        return results

    # --------------------------------------------------------------- merging
    def merge(self) -> None:
        """The keyed reduce (see :mod:`timeline.engine.reduce`), then each
        batch of events written as it comes."""
        submit, parts, reducers = self.client.submit, len(self.parts), self.reducers
        prepared = [self.prepared[i] for i in range(parts)]
        edges = [submit(join_groups, *[submit(key_share, p, r) for p in prepared])
                 for r in range(reducers)]
        components = submit(connect, edges, parts)
        routed = [submit(route_drafts, p, submit(pick, components, i), reducers)
                  for i, p in enumerate(prepared)]
        merged = [submit(merge_routed, *[submit(pick, share, r) for share in routed])
                  for r in range(reducers)]
        self._held = merged
        del prepared, edges, components, routed
        self.prepared.clear()
        for future in self._as_done({f: r for r, f in enumerate(merged)}):
            count = submit(len, future).result()
            for j in range(count):
                self.writer.write_events(submit(pick, future, j).result())
                if self.stop():
                    raise Cancelled
            future.release()
        self.writer.finish()

    # ---------------------------------------------------------------- common
    def _as_done(self, futures: dict[Future, int]) -> Iterator[Future]:
        """``futures`` as they finish; stops (raising :class:`Cancelled`)
        when the caller asks."""
        waiting = as_completed(list(futures))
        while not waiting.is_empty():
            ready = waiting.next_batch(block=False)
            if not ready:
                if self.stop():
                    raise Cancelled
                time.sleep(_POLL_S)
            for future in ready:
                if self.stop():
                    raise Cancelled
                yield future

    def release(self) -> None:
        """Drop what the cluster still holds for this build (all of it on
        cancel)."""
        with suppress(Exception):
            self.client.cancel(self._held + list(self.prepared.values()))
        self._held = []
        self.prepared.clear()


def _copies(contents: dict[int, tuple[str, SourceTask, FileResult]]
            ) -> dict[int, tuple[SourceTask, FileResult, str]]:
    """The files (by position) with the content of a file listed before
    them, each with the location of that file."""
    kept: dict[str, str] = {}
    copies = {}
    for position in sorted(contents):
        key, task, result = contents[position]
        first = kept.setdefault(key, task.location)
        if first != task.location:
            copies[position] = (task, result, first)
    return copies


def _without(results: list[FileResult], skip: list[int]) -> list[FileResult]:
    """A partition's results with the copies at indexes ``skip`` as copies
    (no document, no drafts for the reduce)."""
    out = list(results)
    for j in skip:
        out[j] = FileResult(out[j].path, None)
    return out


def _given(results: list[FileResult]) -> list[FileResult]:
    """Results already made, placed on a worker for the reduce."""
    return results


def _crashed(task: SourceTask) -> FileResult:
    return FileResult(task.location, None, problems=(Problem(
        task.location, "reading it stopped the worker process (a crash in a reader); "
                       "the file was skipped"),))
