"""A generated collection built with ``--engine local`` and ``--engine dask``
(a LocalCluster of two worker processes on this machine), and with Dask
again while one worker process is killed midway; the three stores must hold
the same events.

    .venv/bin/python benchmarks/bench_distributed.py [--docs 10000] [--workers 2]

The folder is the one ``bench_corpus.py`` generates (about 5 KB a
document, fixed random seed). Each build runs in a fresh process, as
``timeline build`` does, so that its peak memory is its own: the local
build's is the process that merges every mention; the Dask builds' is the
driver's (it also runs the LocalCluster's scheduler; the workers are other
processes). Times include starting the LocalCluster. The kill is a SIGKILL
to one worker process once half of the files are written; its nanny starts
it again and the scheduler runs its lost tasks again.

Its last line:
``distributed: docs=N local_s=.. dask_s=.. dask_killed_s=.. same_events=true|false
peak_driver_rss_mb=..``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_corpus import make_folder

from timeline.collection import read_store
from timeline.engine import BuildOptions, build_collection


def build_once(engine: str, folder: Path, store: Path, workers: int, kill: bool) -> None:
    """Child side: one build, then its time and peak memory as JSON."""
    killed: list[int] = []

    def progress(done: int, total: int, _path: str) -> None:
        if kill and not killed and done >= total // 2:
            killed.append(_kill_a_worker())

    options = BuildOptions(engine, jobs=workers)
    start = time.perf_counter()
    report = build_collection([str(folder)], store, options, progress=progress)
    elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "killed": killed,
                      "documents": report.documents, "events": report.events}))


def _kill_a_worker() -> int:
    """SIGKILL to one worker process of the build's cluster."""
    from distributed import default_client

    pid = min(default_client().run(os.getpid).values())
    os.kill(pid, signal.SIGKILL)
    return pid


def timed_build(engine: str, folder: Path, store: Path, workers: int,
                kill: bool = False) -> dict:
    command = [sys.executable, __file__, "--one", engine, "--folder", str(folder),
               "--store", str(store), "--workers", str(workers)] + (["--kill"] if kill else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{engine} build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def events_of(store: Path) -> list[dict]:
    return [event.to_json() for event in read_store(store).events]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", choices=("local", "dask"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--kill", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        build_once(args.one, args.folder, args.store, args.workers, args.kill)
        return
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as scratch:
        root = Path(scratch)
        folder = root / "docs"
        folder.mkdir()
        size = make_folder(folder, args.docs)
        print(f"folder: {args.docs} documents, {size / 1e6:.1f} MB", flush=True)
        runs = {}
        for name, engine, kill in (("local", "local", False), ("dask", "dask", False),
                                   ("dask_killed", "dask", True)):
            runs[name] = timed_build(engine, folder, root / f"{name}.sqlite", args.workers, kill)
            print(f"{name}: {runs[name]}", flush=True)
        want = events_of(root / "local.sqlite")
        same = all(events_of(root / f"{name}.sqlite") == want
                   for name in ("dask", "dask_killed"))
        assert runs["dask_killed"]["killed"], "no worker was killed"
    driver = max(runs["dask"]["peak_mb"], runs["dask_killed"]["peak_mb"])
    print(f"events: {len(want)}; local build's peak RSS {runs['local']['peak_mb']:.0f} MB; "
          f"dask {runs['dask']['seconds'] / runs['local']['seconds']:.2f}x local")
    print(f"distributed: docs={args.docs} local_s={runs['local']['seconds']:.1f} "
          f"dask_s={runs['dask']['seconds']:.1f} "
          f"dask_killed_s={runs['dask_killed']['seconds']:.1f} "
          f"same_events={str(same).lower()} peak_driver_rss_mb={driver:.0f}")


if __name__ == "__main__":
    main()
