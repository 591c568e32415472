"""Command line: ``timeline extract PATH...`` prints events; ``timeline [PATH...]``
opens the window. The GUI is imported only when a window is asked for, so
extraction runs on machines with no display and no Qt."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from timeline import __version__
from timeline.csv_cells import write_rows
from timeline.ingest import MAX_BYTES_DEFAULT
from timeline.model import Corpus, Problem, shown_path
from timeline.pipeline import extract_corpus

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
    return parser


def run(argv: Sequence[str]) -> int:
    """Run the command line; returns the exit status."""
    if not argv or argv[0] not in {"extract", "-h", "--help", "--version"}:
        return open_window(list(argv))
    args = build_parser().parse_args(argv)
    return run_extract(args.paths, args.format, args.reference_date, forgiving(sys.stdout),
                       forgiving(sys.stderr), max_bytes=int(args.max_size * MB))


def forgiving(stream: TextIO) -> TextIO:
    """``stream`` set to escape what its encoding cannot write (a terminal in
    an ASCII locale), so that no document's text can stop the output half-way."""
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="backslashreplace")
    return stream


def run_extract(paths: Sequence[str], fmt: str, reference: date | None,
                out: TextIO, err: TextIO, max_bytes: int = MAX_BYTES_DEFAULT) -> int:
    """Extract and print; problems go to ``err`` one per line. Status 1 if any."""
    corpus = extract_corpus(paths, reference_date=reference, max_bytes=max_bytes)
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
                        help="a file or folder (default: the bundled sample statements)")
    args = parser.parse_args(argv)
    paths = args.paths or ([str(DEFAULT_CORPUS)] if DEFAULT_CORPUS.is_dir() else [])
    from timeline.gui.app import run_app

    return run_app(paths)
