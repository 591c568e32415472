"""TimelineJS3 JSON (Knight Lab's timeline viewer): one slide per event.

Start and end dates are given only to the precision the text gave (a year
has no month, a month no day), ``display_date`` is the date in the words
the window uses, the headline is the event's title and the text the quoted
sentences with their documents; ``group`` is the first source's document,
as the window's lanes are by default. Text is HTML-escaped, since the
viewer renders it as HTML. Years before the common era are negative as the
viewer counts them, without a year 0 (-490 is 490 BC, shown "490 BCE").
"""

from __future__ import annotations

import html
import json
from typing import Any, TextIO

from timeline.day import Day
from timeline.export.edtf import Precision, precision
from timeline.export.rows import PLANNED, EventRecord, ExportSet


def viewer_year(year: int) -> int:
    """An astronomical year (0 is 1 BC) as TimelineJS numbers it (-1 is 1 BC)."""
    return year if year > 0 else year - 1


def date_object(day: Day, level: Precision) -> dict[str, int]:
    """A TimelineJS date: the year, then month and day as far as known."""
    data = {"year": viewer_year(day.year)}
    if level != "year":
        data["month"] = day.month
    if level == "day":
        data["day"] = day.day
    return data


def slide_text(record: EventRecord) -> str:
    parts = []
    for source in record.sources:
        where = html.escape(source.title or source.path)
        page = f", p. {source.page}" if source.page is not None else ""
        parts.append(f"<blockquote>{html.escape(source.quote)}</blockquote>"
                     f"<p><cite>{where}</cite>{page}</p>")
    if record.note:
        parts.append(f"<p>Note: {html.escape(record.note)}</p>")
    return "".join(parts)


def slide(record: EventRecord) -> dict[str, Any]:
    event, level = record.event, precision(record.event.when)
    start, end = date_object(record.earliest, level), date_object(record.latest, level)
    words = record.words + (" (planned)" if record.status == PLANNED else "")
    data: dict[str, Any] = {
        "unique_id": f"event-{event.id}",
        "start_date": start,
        "text": {"headline": html.escape(event.title), "text": slide_text(record)},
        "display_date": words,
        "group": record.sources[0].title if record.sources else event.kind.value,
    }
    if end != start:
        data["end_date"] = end
    return data


def timeline_json(export: ExportSet) -> dict[str, Any]:
    count = len(export.records)
    return {
        "title": {"text": {"headline": html.escape(export.title),
                           "text": f"{count} event{'s' * (count != 1)} from "
                                   f"{len(export.documents)} documents"}},
        "events": [slide(record) for record in export.records],
    }


def write_timelinejs(export: ExportSet, out: TextIO, ascii_only: bool = False) -> None:
    json.dump(timeline_json(export), out, ensure_ascii=ascii_only, indent=1)
    out.write("\n")
