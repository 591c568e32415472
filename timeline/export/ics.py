"""iCalendar (RFC 5545): one all-day VEVENT per event, from its earliest to
its latest day, with the date in words, the quoted sentences and their
documents in the description, and the EDTF date kept in ``X-TIMELINE-EDTF``
(a calendar has no way to say "June 2012" other than as thirty days).

An iCalendar date has four digits for its year, from 1 (RFC 5545 and every
calendar program), so events before the common era or after 9999 cannot be
written: they are left out and :func:`left_out` counts them, for the caller
to say so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TextIO

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from timeline.export.rows import PLANNED, EventRecord, ExportSet

PRODUCT_ID = "-//Timeline//Timeline export//EN"
UID_DOMAIN = "timeline.invalid"  # a reserved name: ids are the events', not a host's


def description_of(record: EventRecord) -> str:
    lines = [record.words + (" (planned)" if record.status == PLANNED else "")]
    for source in record.sources:
        where = source.title or source.path
        page = f", p. {source.page}" if source.page is not None else ""
        lines.append(f"“{source.quote}” — {where}{page}")
    if record.note:
        lines.append(f"Note: {record.note}")
    if record.edited:
        lines.append("Edited after extraction.")
    return "\n\n".join(lines)


def fits_a_calendar(record: EventRecord) -> bool:
    """True when both ends of the event are days an iCalendar file can hold."""
    return isinstance(record.earliest, date) and isinstance(record.latest, date)


def left_out(export: ExportSet) -> int:
    """How many events an .ics file of ``export`` leaves out (see the module)."""
    return sum(not fits_a_calendar(record) for record in export.records)


def day_after(day: date) -> date:
    """The exclusive end an all-day event needs (the last day itself at
    the end of the calendar, where there is no day after)."""
    return day if day == date.max else day + timedelta(days=1)


def calendar_event(record: EventRecord, stamp: datetime) -> CalendarEvent:
    event = record.event
    vevent = CalendarEvent()
    vevent.add("uid", f"{event.id}@{UID_DOMAIN}")
    vevent.add("dtstamp", stamp)
    assert isinstance(record.earliest, date) and isinstance(record.latest, date)
    vevent.add("dtstart", record.earliest)  # a date, so VALUE=DATE: all day
    vevent.add("dtend", day_after(record.latest))
    vevent.add("summary", event.title)
    vevent.add("description", description_of(record))
    vevent.add("categories", [event.kind.value])
    # A planned event is not yet known to have taken place.
    vevent.add("status", "TENTATIVE" if record.status == PLANNED else "CONFIRMED")
    vevent.add("x-timeline-edtf", record.edtf)
    return vevent


def ics_text(export: ExportSet, stamp: datetime | None = None) -> str:
    """The calendar as text, lines ending in CRLF as RFC 5545 asks.
    ``stamp`` (the time the file is made, by default now) is every event's
    DTSTAMP."""
    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", export.title)
    for record in filter(fits_a_calendar, export.records):
        calendar.add_component(calendar_event(record, stamp))
    return calendar.to_ical().decode("utf-8")


def write_ics(export: ExportSet, out: TextIO, stamp: datetime | None = None) -> None:
    out.write(ics_text(export, stamp))
