"""Timesketch CSV, for forensic and OSINT timelines: one row per event with
the three columns Timesketch requires (``message``, ``datetime`` in ISO
8601, ``timestamp_desc``), ``timestamp`` in microseconds since 1970, and
the event's other facts and sources as extra columns.

An event is placed at midnight UTC on its earliest day; ``timestamp_desc``
says how precisely the text dated it, and ``latest`` and ``edtf`` keep the
rest, since Timesketch has one point in time per row.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

from timeline.csv_cells import write_rows
from timeline.day import Day
from timeline.export.csv_out import COLUMNS as EVENT_COLUMNS
from timeline.export.csv_out import row_of
from timeline.export.rows import EventRecord, ExportSet
from timeline.gui.wording import PRECISION_NAMES
from timeline.model import When

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
MICROS_PER_DAY = 86_400_000_000
REQUIRED = ["message", "datetime", "timestamp_desc"]
COLUMNS = [*REQUIRED, "timestamp", *EVENT_COLUMNS]


def timestamp_desc(when: When) -> str:
    """``Event start (stated to the month, approximate)``."""
    how = [f"stated to the {PRECISION_NAMES[when.granularity]}"]
    how += ["approximate"] * when.approximate + ["relative"] * when.relative
    return f"Event start ({', '.join(how)})"


def midnight_utc(day: Day) -> tuple[str, int]:
    """ISO 8601 midnight UTC at the start of ``day`` and its microseconds since
    1970, for any year (an expanded year before the common era: ``-0489-...``)."""
    micros = (day.toordinal() - EPOCH_ORDINAL) * MICROS_PER_DAY
    return f"{day.isoformat()}T00:00:00+00:00", micros


def timesketch_row(record: EventRecord) -> list[object]:
    moment, micros = midnight_utc(record.earliest)
    message = f"{record.event.title} ({record.words})"
    return [message, moment, timestamp_desc(record.event.when), micros, *row_of(record)]


def write_timesketch(export: ExportSet, out: TextIO) -> None:
    write_rows(out, COLUMNS, (timesketch_row(record) for record in export.records))

