"""``timeline export PROJECT_OR_PATH... --format FMT [-o FILE]``: the events
of a collection in a format other tools read, to standard output (so it
pipes) or to a file. ``svg`` and ``png`` are the timeline view as a
picture, drawn offscreen as ``timeline snapshot`` draws it.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from timeline.cli import OneLineParser, problem_line, progress_bar, unusable_paths, writes_unicode
from timeline.export import TEXT_FORMATS, export_events, export_set, load_for_export
from timeline.export.rows import EventState
from timeline.model import Corpus, shown_path
from timeline.project import ProjectError
from timeline.store import StoreError

PICTURE_FORMATS = ("svg", "png")
FORMATS = (*TEXT_FORMATS, *PICTURE_FORMATS)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``timeline export``."""
    parser.add_argument("paths", nargs="+", metavar="PROJECT_OR_PATH",
                        help="a file or a folder, or a collection store (.sqlite)")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="csv, json (the extract shape with EDTF dates), ics "
                             "(iCalendar), timelinejs (Knight Lab's TimelineJS3), timesketch "
                             "(Timesketch CSV), or the view as svg or png (default: json)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE (default: standard output)")
    parser.add_argument("--include-hidden", action="store_true",
                        help="export the events hidden in the project too")
    parser.add_argument("--title", help="the collection's name in the export "
                                        "(default: 'Timeline of' the paths)")


def run_export(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """``timeline export``: status 0 when written, 1 when written but some
    files could not be read (one line each on ``err``), 2 (one line) when
    nothing was written."""
    parser = OneLineParser(prog="timeline export",
                           description="Write the events of files, folders or a collection "
                                       "store in a format other tools read.")
    add_export_arguments(parser)
    args = parser.parse_args(argv)
    # Standard output has no folder to check: "-" stands for it, in ".".
    failure = unusable_paths(args.paths, args.output or "-")
    if failure:
        parser.error(failure)
    with progress_bar(err) as progress:
        try:
            corpus, states = load_for_export(args.paths, progress)
        except StoreError as error:
            parser.error(f"{shown_path(args.paths[0])}: cannot use the store: {error}")
        except ProjectError as error:
            parser.error(str(error))
    for problem in corpus.problems:
        print(problem_line(problem), file=err)
    title = args.title or f"Timeline of {' '.join(map(shown_path, args.paths))}"
    try:
        if args.format in TEXT_FORMATS:
            write_text(corpus, states, args, title, out, err)
        else:
            write_picture(corpus, states, args, title, out)
    except BrokenPipeError:
        raise  # the reader went away (| head): the command's entry point ends quietly
    except OSError as error:
        parser.error(f"cannot write {shown_path(args.output or 'standard output')}: "
                     f"{error.strerror or error}")
    return 1 if corpus.problems else 0


def write_text(corpus: Corpus, states: Mapping[str, EventState], args: argparse.Namespace,
               title: str, out: TextIO, err: TextIO) -> None:
    notes: list[str] = []
    options = {"include_hidden": args.include_hidden, "title": title, "notes": notes}
    if args.output is None:
        # JSON escapes what an ASCII terminal cannot show, so it stays valid.
        export_events(corpus, args.format, out, states,
                      ascii_only=not writes_unicode(out), **options)
        out.flush()
    else:
        # newline="": the CRLF line ends iCalendar asks for are written as they are.
        with open(args.output, "w", encoding="utf-8", newline="") as file:
            export_events(corpus, args.format, file, states, **options)
    for note in notes:
        print(f"note: {note}", file=err)


def write_picture(corpus: Corpus, states: Mapping[str, EventState], args: argparse.Namespace,
                  title: str, out: TextIO) -> None:
    """The view of the exported events as a picture, drawn offscreen."""
    shown = export_set(corpus, states, include_hidden=args.include_hidden)
    corpus = replace(corpus, events=tuple(record.event for record in shown.records))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from timeline.gui.snapshot import Export, snapshot

    if args.output is not None:
        snapshot(corpus, Export(args.output, args.format), description=title)
        return
    sink = getattr(out, "buffer", None)
    if sink is None:
        raise OSError(f"a {args.format.upper()} picture is bytes: name a file with -o")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"view.{args.format}"
        snapshot(corpus, Export(str(target), args.format), description=title)
        out.flush()
        sink.write(target.read_bytes())
        sink.flush()
