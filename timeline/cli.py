"""Command line: ``timeline extract PATH...`` prints events; ``timeline [PATH...]``
opens the window. The GUI is imported only when a window is asked for, so
extraction runs on machines with no display and no Qt."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from timeline import __version__
from timeline.collection import update_store
from timeline.csv_cells import write_rows
from timeline.ingest import MAX_BYTES_DEFAULT
from timeline.model import Corpus, Problem, shown_path
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
                        help="a file or folder, or a collection store made with 'timeline "
                             "extract --store' (default: the bundled sample statements)")
    parser.add_argument("--demo", type=positive_int, metavar="N",
                        help="open a generated collection of N events over a century in "
                             "20 documents instead (try 1000000)")
    args = parser.parse_args(argv)
    paths = args.paths or ([str(DEFAULT_CORPUS)] if DEFAULT_CORPUS.is_dir() else [])
    from timeline.gui.app import run_app

    return run_app(paths, demo=args.demo)
