"""An event as a citation, to paste into a report: its title, the date in
words, the document's title and page, and the sentence quoted, as plain
text and as HTML (the window puts both on the clipboard, so a word
processor keeps the italics and a plain editor gets clean text).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from timeline.export.rows import PLANNED, EventRecord


@dataclass(frozen=True, slots=True)
class Citation:
    text: str
    html: str


def citation(record: EventRecord, source_index: int = 0) -> Citation:
    """``record`` cited from its ``source_index``-th source (its first by
    default): ``Title, 29–30 March 2011. Document, p. 3: “Sentence.”``"""
    event = record.event
    date_words = record.words + (" (planned)" if record.status == PLANNED else "")
    head_text = f"{event.title}, {date_words}."
    head_html = f"<strong>{html.escape(event.title)}</strong>, {html.escape(date_words)}."
    if not record.sources:
        return Citation(head_text, f"<p>{head_html}</p>")
    source = record.sources[source_index]
    where = source.title or source.path
    page = f", p. {source.page}" if source.page is not None else ""
    text = f"{head_text} {where}{page}: “{source.quote}”"
    markup = (f"<p>{head_html} <cite>{html.escape(where)}</cite>{page}: "
              f"<q>{html.escape(source.quote)}</q></p>")
    return Citation(text, markup)
