"""Builds on a real Dask cluster (a LocalCluster of two worker processes,
shared by the tests of this module) give the store a local build gives,
even when a worker is killed mid-run; URLs are read through fsspec by the
workers; cancelling keeps what was written."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from generated_folders import make_folder

from timeline.cli import run
from timeline.collection import read_store, refresh_store
from timeline.engine import BuildOptions, build_collection

distributed = pytest.importorskip("distributed")
WorkerPlugin = pytest.importorskip("distributed.diagnostics.plugin").WorkerPlugin

TABLES = ("meta", "files", "documents", "mentions", "unplaced", "events", "event_keys",
          "event_text")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # Any free port for the scheduler's pages: Dask's usual 8787 may be taken.
    # A task is given up after its second worker dies under it (Dask's
    # default is the fourth), so that a file that crashes its worker costs
    # few restarts.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0",
                                  scheduler_kwargs={"allowed_failures": 1}) as cluster:
        yield cluster.scheduler_address


class CrashOn(WorkerPlugin):
    """Makes a worker process die on one file, as a crash inside a C reader
    would."""

    name = "crash-on"

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name

    def setup(self, worker: object) -> None:
        from timeline.engine import sources

        original = sources.extract_source

        def crashing(task):
            if task.location.endswith(self.file_name):
                os._exit(70)
            return original(task)

        crashing.original = original  # type: ignore[attr-defined]
        sources.extract_source = crashing

    def teardown(self, worker: object) -> None:
        from timeline.engine import sources

        sources.extract_source = getattr(sources.extract_source, "original",
                                         sources.extract_source)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("distributed") / "docs"
    make_folder(root, 48, seed=5)  # with one PDF that cannot be read
    return root


@pytest.fixture(scope="module")
def local_store(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("local") / "local.sqlite"
    report = build_collection([str(folder)], store, BuildOptions("local", jobs=1))
    assert report.documents == 48 and report.events > 0
    return store


def rows(store: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in a fixed order."""
    with sqlite3.connect(store) as db:
        return {table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in TABLES}


def exported(store: Path) -> str:
    return json.dumps(read_store(store).to_json(), sort_keys=True)


def dask_build(folder: Path | str, store: Path, scheduler: str, **given):
    options = BuildOptions("dask", scheduler=scheduler, partitions=given.pop("partitions", 5))
    return build_collection([str(folder)], store, options, **given)


def test_dask_build_is_the_local_build(folder: Path, local_store: Path, scheduler: str,
                                       tmp_path: Path) -> None:
    store = tmp_path / "dask.sqlite"
    report = dask_build(folder, store, scheduler)
    assert (report.files, report.documents) == (49, 48)
    assert [p.path for p in report.problems] == [str(folder / "zz_broken.pdf")]
    assert exported(store) == exported(local_store)
    assert rows(store) == rows(local_store)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
        folder: Path, local_store: Path, scheduler: str, tmp_path: Path) -> None:
    with distributed.Client(scheduler) as client:
        before = client.run(os.getpid)
        killed: list[int] = []

        def kill_one(done: int, _total: int, _path: str) -> None:
            if not killed:  # after the first partition is written
                pid = next(iter(before.values()))
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        store = tmp_path / "killed.sqlite"
        dask_build(folder, store, scheduler, partitions=12, progress=kill_one)
        client.wait_for_workers(2, timeout=60)  # the nanny starts it again
        after = client.run(os.getpid)
    assert killed and killed[0] not in after.values()
    assert rows(store) == rows(local_store)


def test_cli_reads_patterns_and_urls_on_the_workers(folder: Path, scheduler: str,
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    local, store = tmp_path / "local.sqlite", tmp_path / "cli.sqlite"
    assert run(["build", str(folder / "*.txt"), str(folder / "*.md"), "--store", str(local),
                "--jobs", "1"]) == 0
    # Text files by a URL the workers open through fsspec, Markdown by a pattern.
    status = run(["build", folder.as_uri() + "/*.txt", str(folder / "*.md"), "--store",
                  str(store), "--engine", "dask", "--scheduler", scheduler,
                  "--partitions", "3"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "built" in err and "48 documents" in err
    got, want = read_store(store), read_store(local)
    assert len(got.documents) == 48
    assert [e.to_json() for e in got.events] == [e.to_json() for e in want.events]
    by_id = {d.id: d for d in want.documents}
    for document in got.documents:
        assert (document.title, document.text) == (by_id[document.id].title,
                                                   by_id[document.id].text)
        assert document.path.startswith("file://") == document.path.endswith(".txt")


def test_building_again_writes_only_what_changed(folder: Path, scheduler: str,
                                                 tmp_path: Path) -> None:
    copy = tmp_path / "docs"
    make_folder(copy, 20, seed=9, broken=False)
    store = tmp_path / "again.sqlite"
    dask_build(copy, store, scheduler, partitions=3)
    first = rows(store)
    dask_build(copy, store, scheduler, partitions=4)
    assert rows(store) == first
    changed = sorted(copy.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8")
                       + "\nThe Review Meeting was held in Bali on 3 May 2031.\n",
                       encoding="utf-8")
    (sorted(copy.glob("*.txt"))[5]).unlink()
    dask_build(copy, store, scheduler, partitions=3)
    fresh = tmp_path / "fresh.sqlite"
    build_collection([str(copy)], fresh, BuildOptions("local", jobs=1))
    assert rows(store) == rows(fresh)


def test_cancel_keeps_what_was_written(folder: Path, local_store: Path, scheduler: str,
                                       tmp_path: Path) -> None:
    written: list[int] = []
    store = tmp_path / "cancelled.sqlite"
    report = dask_build(folder, store, scheduler, partitions=12,
                        progress=lambda done, _t, _p: written.append(done),
                        cancelled=lambda: bool(written))
    assert report.cancelled
    assert 0 < report.documents < 48 and report.events == 0
    # The app's update reads the rest and merges everything.
    refresh_store([str(folder)], store, jobs=1)
    assert exported(store) == exported(local_store)


def test_a_file_that_kills_its_worker_is_reported_and_the_rest_kept(
        folder: Path, local_store: Path, scheduler: str, tmp_path: Path) -> None:
    store = tmp_path / "crash.sqlite"
    with distributed.Client(scheduler) as client:
        client.register_plugin(CrashOn("statement_007.txt"))
        try:
            report = dask_build(folder, store, scheduler, partitions=4)
        finally:
            client.unregister_worker_plugin(CrashOn.name)
            client.wait_for_workers(2, timeout=60)
    crashed = [p for p in report.problems if p.path.endswith("statement_007.txt")]
    assert len(crashed) == 1 and "stopped the worker process" in crashed[0].reason
    assert report.documents == 47
    want = {d.id for d in read_store(local_store).documents} - {"statement_007"}
    assert {d.id for d in read_store(store).documents} == want
