"""Hover text for an event on the canvas."""

from __future__ import annotations

import html

from timeline.gui.display import qt_safe
from timeline.gui.wording import PRECISION_NAMES, when_words
from timeline.model import Corpus, Event


def event_tooltip(event: Event, corpus: Corpus) -> str:
    """Title, the date as written, its precision and the documents, as rich text."""
    written = dict.fromkeys(" ".join(m.text.split()) for m in event.mentions)
    docs = dict.fromkeys(_doc_title(corpus, m.document) for m in event.mentions)
    precision = PRECISION_NAMES[event.when.granularity]
    if event.when.approximate:
        precision += ", approximate"
    if event.when.relative:
        precision += ", relative"
    title = html.escape(" ".join(event.title.split()))
    return (f"<b>{title}</b><br>"
            f"{html.escape(when_words(event.when))} — written “"
            f"{html.escape('”, “'.join(written))}”<br>"
            f"Precision: {precision}<br>"
            f"<span style='color:#6B7480'>{html.escape(' · '.join(docs))}</span>")


def _doc_title(corpus: Corpus, doc_id: str) -> str:
    try:
        return " ".join(corpus.document(doc_id).title.split())[:80]
    except KeyError:
        return qt_safe(doc_id)
