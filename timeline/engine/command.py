"""``timeline build SOURCES... --store PATH --engine local|dask``: the
command line of :func:`timeline.engine.build_collection`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from timeline.engine import ENGINES, BuildError, BuildOptions, build_collection
from timeline.ingest import MAX_BYTES_DEFAULT
from timeline.model import shown_path
from timeline.store import StoreError
from timeline.workers import default_jobs

MB = 1024 * 1024


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``timeline build``."""
    # Imported here: the command line module imports this one.
    from timeline.cli import iso_date, positive_int, positive_megabytes

    parser.add_argument("sources", nargs="+", metavar="SOURCE",
                        help="a folder, a file, a glob pattern ('reports/**/*.pdf') or, with "
                             "the dask engine, a URL fsspec can open (s3://bucket/reports/)")
    parser.add_argument("--store", type=Path, required=True, metavar="PATH.sqlite",
                        help="the collection store to build or bring up to date (open it "
                             "with 'timeline PATH.sqlite')")
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="local: this machine's processes; dask: Dask distributed "
                             "(pip install 'timeline[distributed]') (default: local)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://HOST:PORT) for the dask "
                             "engine; without it a LocalCluster is started for the run")
    parser.add_argument("--partitions", type=positive_int, metavar="N",
                        help="split the files into N tasks (dask engine; default: about "
                             "250 files a task, at least two per worker)")
    parser.add_argument("--jobs", "-j", type=positive_int, default=default_jobs(),
                        metavar="N", help="processes of the local engine, or workers of the "
                                          f"LocalCluster (default: {default_jobs()} here)")
    parser.add_argument("--max-size", type=positive_megabytes, default=MAX_BYTES_DEFAULT / MB,
                        metavar="MB", help="skip files larger than this (default: 100)")
    parser.add_argument("--reference-date", type=iso_date, metavar="YYYY-MM-DD",
                        help="resolve relative dates against this day instead of each "
                             "document's own date")


def run_build(argv: Sequence[str], err: TextIO) -> int:
    """Run ``timeline build``: status 0 when every file was read, 1 when some
    could not be (one line each on ``err``), 2 when the build could not run,
    130 when it was interrupted (what was written is kept)."""
    from timeline.cli import problem_line, progress_bar

    parser = argparse.ArgumentParser(
        prog="timeline build",
        description="Build a collection store from folders, files, patterns or URLs, on "
                    "this machine or on a Dask cluster.")
    add_build_arguments(parser)
    args = parser.parse_args(argv)
    options = BuildOptions(args.engine, args.scheduler, args.partitions, args.jobs,
                           int(args.max_size * MB), args.reference_date)

    def say(line: str) -> None:
        print(f"timeline: {line}", file=err, flush=True)

    try:
        with progress_bar(err) as progress:
            report = build_collection(args.sources, args.store, options, progress, say=say)
    except BuildError as error:
        parser.error(str(error))
    except StoreError as error:
        print(f"timeline: {shown_path(str(args.store))}: cannot use the store: {error}",
              file=err)
        return 2
    except KeyboardInterrupt:
        print("timeline: interrupted: the files written so far are kept in "
              f"{shown_path(str(args.store))}", file=err)
        return 130
    for notice in report.notices:
        print(f"timeline: note: {shown_path(notice)}", file=err)
    for problem in report.problems:
        print(problem_line(problem), file=err)
    print(f"timeline: built {shown_path(str(report.store))} with the {report.engine} engine: "
          f"{report.files:,} files, {report.documents:,} documents, {report.events:,} events "
          f"in {report.seconds:.1f} s", file=err)
    return 1 if report.problems else 0
