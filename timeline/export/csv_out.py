"""CSV, one row per event: its EDTF date, earliest and latest day, the date
in words, what the user decided, and its sources.

An event's several sources share one row: each source column holds one
line per source, in the same order, so the n-th line of ``documents``,
``pages``, ``offsets`` and ``quotes`` belong together. Cells are made safe
to open in a spreadsheet (:mod:`timeline.csv_cells`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from timeline.csv_cells import write_rows
from timeline.export.rows import EventRecord, ExportSet

COLUMNS = [
    "event", "title", "kind", "edtf", "earliest", "latest", "date", "granularity",
    "approximate", "relative", "status", "edited", "note", "starred", "actors",
    "sources", "documents", "paths", "pages", "offsets", "quotes",
]


def _lines(values: Iterable[object]) -> str:
    return "\n".join(str(value) for value in values)


def row_of(record: EventRecord) -> list[object]:
    event, sources = record.event, record.sources
    return [
        event.id, event.title, event.kind.value, record.edtf, record.earliest.isoformat(),
        record.latest.isoformat(), record.words, event.when.granularity.value,
        event.when.approximate, event.when.relative, record.status, record.edited,
        record.note, record.starred, "; ".join(event.actors), len(sources),
        _lines(s.title for s in sources), _lines(s.path for s in sources),
        _lines("" if s.page is None else s.page for s in sources),
        _lines(f"{s.span[0]}-{s.span[1]}" for s in sources),
        _lines(s.quote for s in sources),
    ]


def write_csv(export: ExportSet, out: TextIO) -> None:
    write_rows(out, COLUMNS, (row_of(record) for record in export.records))
