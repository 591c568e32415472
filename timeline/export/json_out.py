"""JSON: the shape ``timeline extract`` prints (documents, events with their
mentions), each event with its ``edtf`` date, its ``date`` in words and
what the user decided (``status``, ``edited``, ``note``, ``starred``), and
each mention with its ``page`` and the ``quote`` (its sentence), so the
file can be read without the documents.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from timeline.export.rows import EventRecord, ExportSet


def event_json(record: EventRecord) -> dict[str, Any]:
    data = record.event.to_json()
    data.update(edtf=record.edtf, date=record.words, status=record.status,
                edited=record.edited, note=record.note, starred=record.starred)
    for mention, source in zip(data["mentions"], record.sources, strict=True):
        mention.update(page=source.page, quote=source.quote)
    return data


def export_json(export: ExportSet) -> dict[str, Any]:
    return {
        "title": export.title,
        "documents": [doc.to_json() for doc in export.documents],
        "events": [event_json(record) for record in export.records],
    }


def write_json(export: ExportSet, out: TextIO, ascii_only: bool = False) -> None:
    """``ascii_only`` escapes every other character as ``\\uXXXX``, for an
    output that cannot hold them (an ASCII terminal)."""
    json.dump(export_json(export), out, ensure_ascii=ascii_only, indent=1)
    out.write("\n")
