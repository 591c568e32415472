"""Exports that keep what the text said: every event with its EDTF date,
its sources and what the user decided, as CSV, JSON, iCalendar, TimelineJS3
JSON or Timesketch CSV; and an event as a citation.

Qt-free: the window and ``timeline export`` both call :func:`export_events`.
Pictures of the view (PNG, SVG) are the window's (:mod:`timeline.gui.snapshot`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from timeline.export.citation import Citation, citation
from timeline.export.csv_out import write_csv
from timeline.export.edtf import edtf_year, when_to_edtf
from timeline.export.ics import left_out, write_ics
from timeline.export.json_out import write_json
from timeline.export.load import load_for_export
from timeline.export.rows import (
    EventRecord,
    EventState,
    ExportSet,
    ExportState,
    Source,
    export_set,
)
from timeline.export.timelinejs import write_timelinejs
from timeline.export.timesketch import write_timesketch
from timeline.model import Corpus, Event

__all__ = [
    "TEXT_FORMATS",
    "Citation",
    "EventRecord",
    "EventState",
    "ExportSet",
    "ExportState",
    "Source",
    "citation",
    "edtf_year",
    "export_events",
    "export_set",
    "left_out_of",
    "left_out_words",
    "load_for_export",
    "when_to_edtf",
]

Writer = Callable[[ExportSet, TextIO], None]

TEXT_FORMATS: dict[str, Writer] = {
    "csv": write_csv,
    "json": write_json,
    "ics": write_ics,
    "timelinejs": write_timelinejs,
    "timesketch": write_timesketch,
}
"""Each format's writer; the suffix a file of it takes is in :data:`SUFFIXES`."""

ASCII_ESCAPING = {"json": write_json, "timelinejs": write_timelinejs}

SUFFIXES = {"csv": ".csv", "json": ".json", "ics": ".ics", "timelinejs": ".json",
            "timesketch": ".csv"}


def export_events(corpus: Corpus, fmt: str, out: TextIO,
                  states: Mapping[str, EventState] | None = None, *,
                  events: Iterable[Event] | None = None, include_hidden: bool = False,
                  title: str = "Timeline", ascii_only: bool = False,
                  notes: list[str] | None = None) -> int:
    """Write ``events`` (the filtered view; default all of ``corpus``'s) in
    ``fmt`` to ``out``, each with its state from ``states`` (by event id; an
    event without one happened and was not edited). Hidden events are left
    out unless ``include_hidden``. Returns how many events were written.

    ``ascii_only`` makes the JSON formats escape every other character, for
    an output that cannot hold them. A file for ``out`` is best opened with
    ``newline=""``, so the CRLF line ends of an .ics file are written as
    they are on every system. What the format could not hold is told in a
    sentence appended to ``notes``.
    """
    writer = TEXT_FORMATS[fmt]  # KeyError for a format that is not text
    chosen = export_set(corpus, states, events=events, include_hidden=include_hidden,
                        title=title)
    if fmt in ASCII_ESCAPING:
        ASCII_ESCAPING[fmt](chosen, out, ascii_only=ascii_only)
    else:
        writer(chosen, out)
    missing = left_out_of(fmt, chosen)
    if missing and notes is not None:
        notes.append(left_out_words(missing))
    return len(chosen.records) - missing


def left_out_of(fmt: str, chosen: ExportSet) -> int:
    """How many of ``chosen``'s events a file in ``fmt`` cannot hold: an
    iCalendar file has no year before 1 (the others write every event)."""
    return left_out(chosen) if fmt == "ics" else 0


def left_out_words(count: int) -> str:
    """The sentence telling a user that ``count`` events were left out."""
    events = "1 event" if count == 1 else f"{count:,} events"
    return (f"{events} dated before year 1 or after 9999 left out: "
            "an iCalendar file cannot hold such years.")
