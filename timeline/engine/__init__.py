"""Building a collection store with a chosen engine: ``local`` (this
machine's process pool, as the app builds one) or ``dask`` (Dask
distributed, on a cluster or a LocalCluster started for the run).

Both give the same store: the same files, documents, mentions and events,
so the store opens in the app like any other. Dask is imported only when
its engine is used.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.collection import open_store, refresh_store
from timeline.engine.sources import is_url, list_sources, plan_tasks
from timeline.engine.writer import BuildWriter
from timeline.ingest import MAX_BYTES_DEFAULT
from timeline.model import Problem
from timeline.pipeline import Progress
from timeline.store import Store
from timeline.store_lock import only_writer
from timeline.workers import Cancelled, default_jobs

ENGINES = ("local", "dask")


class BuildError(ValueError):
    """The build cannot run as asked (the reason is for the user)."""


@dataclass
class BuildReport:
    """What a build did."""

    store: Path
    engine: str
    files: int = 0
    documents: int = 0
    events: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the engine and its settings, and the extraction's options."""

    engine: str = "local"
    scheduler: str | None = None
    partitions: int | None = None
    jobs: int = field(default_factory=default_jobs)
    max_bytes: int = MAX_BYTES_DEFAULT
    reference_date: date | None = None


def build_collection(sources: Sequence[str], store_path: Path, options: BuildOptions,
                     progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     say: Callable[[str], None] | None = None) -> BuildReport:
    """Build (or bring up to date) the store at ``store_path`` from
    ``sources`` with ``options.engine``. ``say`` hears lines for the user
    (the dashboard's address). Raises :class:`BuildError` when the options
    do not fit, :class:`~timeline.store.StoreError` when the store cannot
    be used."""
    if options.engine not in ENGINES:
        raise BuildError(f"no engine {options.engine!r} (choose from {', '.join(ENGINES)})")
    if options.engine == "local" and any(is_url(s) for s in sources):
        raise BuildError("URLs are read by the dask engine only")
    if options.scheduler and options.engine != "dask":
        raise BuildError("--scheduler is for the dask engine")
    report = BuildReport(Path(store_path), options.engine)
    start = time.perf_counter()
    try:
        if options.engine == "local":
            _build_locally(sources, report, options, progress, cancelled)
        else:
            _build_on_dask(sources, report, options, progress, cancelled, say)
    except Cancelled:
        report.cancelled = True
    report.seconds = time.perf_counter() - start
    with Store(report.store, read_only=True) as store:
        report.documents, report.events = store.counts()
        report.problems += store.file_problems()
    return report


def _build_locally(sources: Sequence[str], report: BuildReport, options: BuildOptions,
                   progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
    listing = list_sources(sources)
    done = refresh_store(listing.sources, report.store, options.jobs, progress, cancelled,
                         options.max_bytes, options.reference_date)
    report.files = done.extracted + done.unchanged
    report.cancelled = done.cancelled
    report.notices += done.notices
    report.problems += _listing_problems(listing.problems, done.listing_problems)


def _listing_problems(*groups: Sequence[Problem]) -> list[Problem]:
    return list(dict.fromkeys(p for group in groups for p in group))


def _build_on_dask(sources: Sequence[str], report: BuildReport, options: BuildOptions,
                   progress: Progress | None, cancelled: Callable[[], bool] | None,
                   say: Callable[[str], None] | None) -> None:
    try:
        from timeline.engine.dask_engine import Cluster, run_on_dask
    except ImportError as error:
        raise BuildError("the dask engine needs Dask: pip install 'timeline[distributed]' "
                         f"({error})") from None
    listing = list_sources(sources)
    report.problems += listing.problems
    tasks = plan_tasks(listing, options.max_bytes, options.reference_date)
    report.files = len(tasks)
    cluster = Cluster(options.scheduler, options.jobs, options.partitions)
    with open_store(report.store, report.notices) as store, only_writer(report.store):
        writer = BuildWriter(store, listing.sources, options.max_bytes, options.reference_date)
        writer.begin([t.location for t in tasks])
        run_on_dask(tasks, writer, cluster, progress, cancelled, say)
