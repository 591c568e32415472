"""Command line: ``timeline extract PATH...`` prints events; ``timeline [PATH...]``
opens the window. The GUI is imported only when a window is asked for, so
extraction runs on machines with no display and no Qt."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from timeline import __version__
from timeline.collection import read_store, update_store
from timeline.csv_cells import write_rows
from timeline.day import Day, make_day
from timeline.engine.command import add_build_arguments, run_build
from timeline.index import SECONDS_PER_DAY, LaneMode, seconds
from timeline.ingest import MAX_BYTES_DEFAULT
from timeline.model import Corpus, Problem, month_end, shown_path
from timeline.pipeline import Progress, extract_corpus
from timeline.store import StoreError
from timeline.workers import default_jobs

MB = 1024 * 1024
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "seeds"

CSV_COLUMNS = [
    "event", "title", "kind", "start", "end", "granularity", "approximate", "relative",
    "actors", "document", "span_start", "span_end", "text", "sentence",
]


def iso_date(value: str) -> date:
    """argparse type for ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def positive_megabytes(value: str) -> float:
    """argparse type for a size limit in megabytes."""
    try:
        size = float(value)
    except ValueError:
        size = -1.0
    if not size > 0:
        raise argparse.ArgumentTypeError(f"not a positive number of megabytes: {value!r}")
    return size


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Find every dated event in a collection of documents.",
        epilog="Without a command, opens the timeline window on PATH... (default: the "
               "bundled sample statements).",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    extract = commands.add_parser(
        "extract", help="print the events found in files and folders",
        description="Print the events found in files and folders "
                    "(.txt, .md, .html, .pdf, .docx).")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder")
    extract.add_argument("--format", choices=("json", "csv"), default="json",
                         help="output format (default: json)")
    extract.add_argument("--reference-date", type=iso_date, metavar="YYYY-MM-DD",
                         help="resolve relative dates (yesterday, next month) against this "
                              "day instead of each document's own date")
    extract.add_argument("--max-size", type=positive_megabytes, default=MAX_BYTES_DEFAULT / MB,
                         metavar="MB", help="skip files larger than this (default: 100)")
    extract.add_argument("--jobs", "-j", type=positive_int, default=default_jobs(),
                         metavar="N", help="processes to extract with (default: the number "
                                           f"of cores, {default_jobs()} here)")
    extract.add_argument("--store", type=Path, metavar="PATH.sqlite",
                         help="build or update a collection store at PATH: files unchanged "
                              "since the last run are not read again (open it in the window "
                              "with 'timeline PATH.sqlite')")
    add_build_arguments(commands.add_parser(
        "build", help="build a collection store, on this machine or on a Dask cluster",
        description="Build a collection store from folders, files, patterns or URLs, on "
                    "this machine or on a Dask cluster."))
    add_snapshot_arguments(commands.add_parser(
        "snapshot", help="save the timeline view as a PNG or SVG picture",
        description="Save the timeline view of files and folders (or a collection store) "
                    "as a PNG or SVG picture, without opening a window."))
    from timeline.export.command import add_export_arguments  # it imports this module

    add_export_arguments(commands.add_parser(
        "export", help="write the events as CSV, JSON, iCalendar, TimelineJS or Timesketch",
        description="Write the events of files, folders or a collection store in a format "
                    "other tools read, or the view as a picture."))
    return parser


def positive_int(value: str) -> int:
    """argparse type for a count of one or more."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {value!r}")
    return number


def run(argv: Sequence[str]) -> int:
    """Run the command line; returns the exit status."""
    if argv and argv[0] == "snapshot":
        return run_snapshot(argv[1:], forgiving(sys.stderr))
    if argv and argv[0] == "build":
        return run_build(argv[1:], forgiving(sys.stderr))
    if argv and argv[0] == "export":
        from timeline.export.command import run_export  # it imports this module

        return run_export(argv[1:], forgiving(sys.stdout), forgiving(sys.stderr))
    if not argv or argv[0] not in {"extract", "-h", "--help", "--version"}:
        return open_window(list(argv))
    args = build_parser().parse_args(argv)
    return run_extract(args.paths, args.format, args.reference_date, forgiving(sys.stdout),
                       forgiving(sys.stderr), max_bytes=int(args.max_size * MB),
                       jobs=args.jobs, store=args.store)


def forgiving(stream: TextIO) -> TextIO:
    """``stream`` set to escape what its encoding cannot write (a terminal in
    an ASCII locale), so that no document's text can stop the output half-way."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")
    return stream


def run_extract(paths: Sequence[str], fmt: str, reference: date | None,
                out: TextIO, err: TextIO, max_bytes: int = MAX_BYTES_DEFAULT,
                jobs: int = 1, store: Path | None = None) -> int:
    """Extract and print; problems go to ``err`` one per line. Status 1 if any.

    With ``store``, the collection is kept there and only what changed since
    the last run is read. A progress bar goes to ``err`` when it is a terminal.
    """
    with progress_bar(err) as progress:
        try:
            corpus, notices = collect(paths, reference, max_bytes, jobs, store, progress)
        except StoreError as error:
            print(f"timeline: {shown_path(str(store))}: cannot use the store: {error}", file=err)
            return 2
    for notice in notices:
        print(f"timeline: note: {shown_path(notice)}", file=err)
    for problem in corpus.problems:
        print(problem_line(problem), file=err)
    if fmt == "csv":
        write_csv(corpus, out)
    else:
        # Escaped as \uXXXX where the output cannot hold the characters
        # themselves (an ASCII terminal), so that the JSON stays valid.
        json.dump(corpus.to_json(), out, ensure_ascii=not writes_unicode(out), indent=1)
        out.write("\n")
    return 1 if corpus.problems else 0


def collect(paths: Sequence[str], reference: date | None, max_bytes: int, jobs: int,
            store: Path | None, progress: Progress | None) -> tuple[Corpus, list[str]]:
    """The collection under ``paths``, extracted or updated in ``store``, and
    what the user should know about the store (rebuilt, and why)."""
    if store is None:
        return extract_corpus(paths, reference_date=reference, max_bytes=max_bytes,
                              jobs=jobs, progress=progress), []
    corpus, report = update_store(paths, store, jobs=jobs, progress=progress,
                                  max_bytes=max_bytes, reference_date=reference)
    return corpus, report.notices


@contextmanager
def progress_bar(stream: TextIO) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on ``stream`` when it is a terminal;
    None (silence) when it is a file or a pipe."""
    if not stream.isatty():
        yield None
        return
    with tqdm(total=0, unit="file", file=stream, leave=False, dynamic_ncols=True) as bar:
        def advance(done: int, total: int, path: str) -> None:
            bar.total = total
            bar.set_postfix_str(shown_path(Path(path).name)[-40:], refresh=False)
            bar.update(done - bar.n)

        yield advance


def writes_unicode(stream: TextIO) -> bool:
    """Whether ``stream`` encodes every character (UTF-8, -16 or -32)."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return encoding.startswith("utf")


def problem_line(problem: Problem) -> str:
    """``timeline: PATH: REASON`` on one line, whatever the file is called.

    The path is shown with escapes (:func:`shown_path`), and quoted when it
    needed any or holds ``": "``, so a newline or a colon in a file name can
    neither forge a second problem line nor blur where the name ends.
    """
    shown = shown_path(problem.path)
    if shown != problem.path or ": " in shown or shown != shown.strip():
        shown = f'"{shown}"'
    return f"timeline: {shown}: {shown_path(problem.reason)}"


def write_csv(corpus: Corpus, out: TextIO) -> None:
    """One row per mention, so every date keeps its citation; cells are made
    safe to open in a spreadsheet (:mod:`timeline.csv_cells`)."""
    documents = {doc.id: doc for doc in corpus.documents}
    rows = (
        [event.id, event.title, event.kind.value, event.when.start.isoformat(),
         event.when.end.isoformat(), event.when.granularity.value,
         event.when.approximate, event.when.relative, "; ".join(event.actors),
         shown_path(documents[m.document].path), m.span[0], m.span[1], m.text,
         " ".join(documents[m.document].text[m.sentence[0]:m.sentence[1]].split())]
        for event in corpus.events for m in event.mentions
    )
    write_rows(out, CSV_COLUMNS, rows)


def open_window(argv: list[str]) -> int:
    """Open the GUI on the given paths (or the bundled sample)."""
    parser = argparse.ArgumentParser(
        prog="timeline", description="Open the timeline window on files and folders.",
        epilog="Use 'timeline extract --help' to print events without a window.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="a file or folder, a collection store made with 'timeline "
                             "extract --store', or a project (.timeline) (default: the "
                             "project open last time, else the bundled sample statements)")
    parser.add_argument("--demo", type=positive_int, metavar="N",
                        help="open a generated collection of N events over a century in "
                             "20 documents instead (try 1000000)")
    args = parser.parse_args(argv)
    sample = [str(DEFAULT_CORPUS)] if DEFAULT_CORPUS.is_dir() else []
    from timeline.gui.app import run_app

    # Without paths the window reopens the project open when it last
    # closed, and shows the sample only when there is none.
    return run_app(args.paths, demo=args.demo, otherwise=sample)


# ------------------------------------------------------------------ snapshot
SNAPSHOT_FORMATS = {".png": "png", ".svg": "svg"}
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
SIZE_LIMITS = (64, 8192)  # pixels a side: past this a 2x image would not fit in memory
PERIOD = re.compile(r"([+-]?\d{4,6})(?:-(\d{2})(?:-(\d{2}))?)?")


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``PROG: error: ...``),
    without the usage: a script calling the command reads a single reason."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def pixel_size(value: str) -> tuple[int, int]:
    """argparse type for ``WxH`` in pixels."""
    match = re.fullmatch(r"(\d{1,5})[xX](\d{1,5})", value.strip())
    low, high = SIZE_LIMITS
    if not match or not all(low <= int(side) <= high for side in match.groups()):
        raise argparse.ArgumentTypeError(
            f"not a size in WxH form, each side {low} to {high} pixels: {value!r}")
    return int(match[1]), int(match[2])


def period(value: str) -> tuple[Day, Day]:
    """argparse type for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the first
    and last day it names. The year may be signed and longer, as ISO 8601
    expanded years are (``-0489`` is 490 BC)."""
    match = PERIOD.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(part) if part else None for part in match.groups())
        if day is not None:
            return (make_day(year, month, day),) * 2
        if month is not None:
            return make_day(year, month, 1), month_end(year, month)
        return make_day(year, 1, 1), make_day(year, 12, 31)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date as YYYY, YYYY-MM or YYYY-MM-DD: {value!r}") from None


def add_snapshot_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``timeline snapshot``."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a file or a folder, or a collection store (.sqlite)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.png|FILE.svg",
                        help="the picture to write; its suffix gives the format")
    parser.add_argument("--size", type=pixel_size, default=(1600, 900), metavar="WxH",
                        help="the view's size in pixels (default: 1600x900)")
    parser.add_argument("--scale", type=int, choices=(1, 2), default=1,
                        help="image pixels per view pixel, for PNG (default: 1)")
    parser.add_argument("--range", type=period, nargs=2, metavar=("START", "END"),
                        help="show from the start of START to the end of END, each "
                             "YYYY, YYYY-MM or YYYY-MM-DD (default: everything)")
    parser.add_argument("--lanes", choices=[mode.value for mode in LaneMode],
                        default=LaneMode.DOCUMENT.value,
                        help="group lanes by document, kind or actor (default: document)")


def run_snapshot(argv: Sequence[str], err: TextIO) -> int:
    """``timeline snapshot``: status 0 when the picture was written, 1 when
    it was but some files could not be read (one line each on ``err``), 2
    (one line) when nothing was written."""
    parser = OneLineParser(prog="timeline snapshot",
                           description="Save the timeline view as a PNG or SVG picture.")
    add_snapshot_arguments(parser)
    args = parser.parse_args(argv)
    fmt = SNAPSHOT_FORMATS.get(Path(args.output).suffix.lower())
    time_range = None
    if args.range is not None:
        (start, _), (_, end) = args.range
        if end < start:
            parser.error(f"the range ends ({end}) before it starts ({start})")
        time_range = (seconds(start), seconds(end) + SECONDS_PER_DAY)
    failure = (f"cannot tell the format of {shown_path(args.output)}: name it .png or .svg"
               if fmt is None else unusable_paths(args.paths, args.output))
    if failure:
        parser.error(failure)
    try:
        corpus = snapshot_corpus(args.paths, err)
    except StoreError as error:
        parser.error(f"{shown_path(args.paths[0])}: cannot use the store: {error}")
    for problem in corpus.problems:
        print(problem_line(problem), file=err)
    # The picture needs no window system, and the offscreen platform draws the
    # same with or without one (and the same fonts at the same resolution).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from timeline.gui.snapshot import Export, snapshot

    try:
        snapshot(corpus, Export(args.output, fmt, args.scale), args.size,
                 LaneMode(args.lanes), time_range,
                 description=f"Timeline of {' '.join(map(shown_path, args.paths))}")
    except OSError as error:
        parser.error(f"cannot write {shown_path(args.output)}: {error.strerror or error}")
    return 1 if corpus.problems else 0


def unusable_paths(paths: Sequence[str], output: str) -> str:
    """Why the command cannot run on ``paths`` and write ``output`` (empty
    when it can): checked before anything is read."""
    for path in paths:
        if not os.path.exists(path):
            return f"{shown_path(path)}: no such file or folder"
        if not os.access(path, os.R_OK | (os.X_OK if os.path.isdir(path) else 0)):
            return f"{shown_path(path)}: cannot be read (permission denied)"
    folder = Path(output).parent
    if not folder.is_dir():
        return f"cannot write {shown_path(output)}: no folder {shown_path(str(folder))}"
    return ""


def snapshot_corpus(paths: Sequence[str], err: TextIO) -> Corpus:
    """The collection to draw: a store as it was kept, or the files read now."""
    if len(paths) == 1 and Path(paths[0]).suffix.lower() in STORE_SUFFIXES \
            and Path(paths[0]).is_file():
        return read_store(Path(paths[0]))
    with progress_bar(err) as progress:
        return extract_corpus(paths, progress=progress, jobs=default_jobs())
