"""Mentions to events: a title, kind and actors for each mention, then
mentions of one real-world event merged (:mod:`merge`).

Per document, mentions are grouped by sentence so each sentence is read
once: its date spans get their titles together (:mod:`titles`), and its
actors are listed once (:mod:`actors`), with the document's acronym
definitions resolved first.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import chain
from operator import attrgetter

from timeline.events.actors import document_acronyms, sentence_actors
from timeline.events.distinct import Dated, distinct_titles
from timeline.events.merge import Cluster, Draft, best_kind, best_title, cluster_drafts
from timeline.events.subjects import sentence_agent
from timeline.events.tense import is_planned
from timeline.events.titles import Title, make_title, sentence_titles
from timeline.events.tokens import tokenize
from timeline.model import Document, Event, Mention, Span, status_of

_new = tuple.__new__  # makes a Draft without the named tuple's Python constructor
_SPAN = attrgetter("span")
_ORDER = attrgetter("order")
_DOCUMENT_AND_SPAN = attrgetter("document", "span")


class UnknownDocumentError(ValueError):
    """A mention points at a document that was not given."""

    def __init__(self, document: str) -> None:
        super().__init__(f"mention of unknown document {document!r}")
        self.document = document


def build_events(documents: Sequence[Document], mentions: Sequence[Mention]) -> list[Event]:
    """Events sorted by (start, end, title), each with its mentions in
    document order. Every mention belongs to exactly one event."""
    order = {doc.id: i for i, doc in enumerate(documents)}
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.document not in order:
            raise UnknownDocumentError(m.document)
        by_doc[m.document].append(m)
    drafts: list[Draft] = []
    for doc in documents:
        if doc.id in by_doc:
            drafts += document_drafts(doc, order[doc.id], by_doc[doc.id])
    return events_from_drafts(drafts)


def events_from_drafts(drafts: Sequence[Draft]) -> list[Event]:
    """Drafts of any number of documents merged into events, sorted by
    (start, end, title, id). Each draft's ``order`` must put the drafts in
    document order, then position."""
    events = [to_event(c) for c in cluster_drafts(drafts)]
    return sorted(events, key=event_order)


def event_order(event: Event) -> tuple:
    """The order events are listed in: by date, then title, then id."""
    return (event.when.start, event.when.end, event.title, event.id)


def with_order(draft: Draft, doc_order: int) -> Draft:
    """``draft`` placed as its document's ``doc_order``-th in the collection."""
    _old, start, end = draft.order
    return _new(Draft, ((doc_order, start, end), *draft[1:]))


def document_drafts(doc: Document, doc_order: int, mentions: Sequence[Mention]) -> list[Draft]:
    """Title and actors for every mention of one document."""
    acronyms = document_acronyms(doc.text)
    by_sentence: dict[Span, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence].append(m)
    drafts = []
    dated: list[Dated] = []
    text = doc.text
    for sentence, found in by_sentence.items():
        if len(found) > 1:
            found.sort(key=_SPAN)
        spans = [m.span for m in found]
        tokens = tokenize(text, sentence, spans)
        titles = sentence_titles(text, sentence, spans, tokens)
        actors = sentence_actors(text, sentence, acronyms, tokens)
        agent, acted_on = sentence_agent(tokens)
        for m, title in zip(found, titles, strict=True):
            if not title.text:
                title = _document_title(title, doc)
            if not m.planned and is_planned(text, sentence, m.span, m.when, doc.date):
                m = replace(m, planned=True)
            span = m.span
            # The agent is the subject of the event its verb acts on only.
            subject = agent if title.head == acted_on else ""
            drafts.append(_new(Draft, ((doc_order, span[0], span[1]), m, title, actors,
                                        subject)))
            dated.append(Dated(tokens, span, (m.when.start, m.when.end), title))
    # Two events of the document never share a title (see :mod:`distinct`).
    for i, title in enumerate(distinct_titles(text, dated)):
        if title is not dated[i].title:
            drafts[i] = drafts[i]._replace(title=title)
    return drafts


def _document_title(title: Title, doc: Document) -> Title:
    """The title of a date with no words around it, or of a dateline: its
    document's."""
    return make_title(doc.title or doc.id, "", None, title.kind, fallback=True)


def to_event(cluster: Cluster) -> Event:
    """The event a cluster of drafts stands for."""
    drafts = sorted(cluster.drafts, key=_ORDER)
    title = best_title(cluster)
    actors = dict.fromkeys(chain.from_iterable(d.actors for d in drafts))
    mentions = tuple(d.mention for d in drafts)
    anchor = min(mentions, key=_DOCUMENT_AND_SPAN)
    return Event(event_id(anchor), title.text, best_kind(cluster, title), tuple(actors),
                 cluster.when, mentions, status_of(mentions))


def event_id(mention: Mention) -> str:
    """A stable id from one mention's document id and span; the event's
    mention with the smallest (document id, span) is used, so the id does
    not depend on the order the documents were given in."""
    key = f"{mention.document}\0{mention.span[0]}\0{mention.span[1]}".encode()
    return "e" + hashlib.sha1(key, usedforsecurity=False).hexdigest()[:12]
