"""Document titles a reader would recognise.

A document is named, in this order, by the title its format gives it (PDF
and Word properties, an HTML page's title: the readers hand it over), by
what its text calls it (an e-mail's or memo's subject, or a first line that
reads as a heading: :func:`text_title`), by the event it records, and last
by its file name. A statement that opens with a sentence ("On 12 October
2011, the Co-Chairs of the Bali Process ... hosted the fifth Meeting of
...") is named after the event dated on the document's own date near its
top; a news story after its dateline, by the event its lead reports. An
all-capitals heading is set in title case.

Header blocks, contact lines, page headers, datelines and numbered
paragraphs are never titles (:mod:`timeline.events.lines` tells them).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from datetime import timedelta

from timeline.day import Day
from timeline.events.lines import dateline_length, field_parts, is_field, is_non_prose
from timeline.events.sentences import is_heading_line, list_marker_length
from timeline.events.wording import heading_case
from timeline.model import Document, Event, When

HEAD_CHARS = 800
LONGEST_GOOD_TITLE = 60
OPENING_LINES = 12
"""How many opening lines are looked at for a subject or a heading."""
OPENING_CHARS = 2000
LEAD_DAYS = 7
"""A story's lead may report what happened up to a week before its date."""
MOST_DIGITS = 0.4
"""A line whose letters and digits are more than this share digits is a
date or a number ("12 March 2021"), not a title."""

# Header fields that name a message: its subject.
_SUBJECT_KEYS = frozenset({"subject", "re", "title", "topic"})
# Reply and forward marks before a subject: "Re: Fwd: ".
_REPLY_MARKS = re.compile(r"(?:(?:re|fwd?|aw|tr|sv)[ \t]?:[ \t]?){1,5}", re.IGNORECASE)
# Characters of code, addresses and package headers, not of titles.
_MACHINE = re.compile(r"[=;<>{}\\@]|://")


def text_title(text: str) -> str:
    """The title the text gives itself: the subject of a header block among
    its opening lines, else its first line (after any page header or
    header block) when that reads as a heading; "" when it gives none."""
    lines = [line.strip() for line in text[:OPENING_CHARS].split("\n")[:OPENING_LINES * 2]]
    subject = _subject(lines)
    if subject:
        return subject
    first = _first_content_line(lines)
    return first if reads_as_heading(first) else ""


def _subject(lines: list[str]) -> str:
    """The value of a subject field in a block of ``Key: value`` lines."""
    for i, line in enumerate(lines):
        parts = field_parts(line)
        if parts is None or not _next_to_field(lines, i):
            continue
        key, value = parts
        if key.lower() in _SUBJECT_KEYS:
            marks = _REPLY_MARKS.match(value)
            value = value[marks.end():] if marks else value
            if any(c.isalpha() for c in value):
                return value.strip()
    return ""


def _next_to_field(lines: list[str], i: int) -> bool:
    return any(0 <= j < len(lines) and is_field(lines[j]) for j in (i - 1, i + 1))


def _first_content_line(lines: list[str]) -> str:
    """The first line that is not blank, not a page header or contact line,
    and not part of a header block."""
    for i, line in enumerate(lines[:OPENING_LINES * 2]):
        line = line.lstrip("#").strip()
        if not line or is_non_prose(line) or (is_field(line) and _next_to_field(lines, i)):
            continue
        return line
    return ""


# The words of a press release's or an advisory's distribution mark.
_RELEASE_WORDS = frozenset("""
for immediate release press news media advisory embargoed embargo until not publication
""".split())


def reads_as_heading(line: str) -> bool:
    """Whether a first line reads as a document's title: short and not a
    sentence (or longer, in capitals or title case), not a numbered
    paragraph or list item, not a dateline, not code or an address, and
    more than a date or a number."""
    if not line or list_marker_length(line):
        return False
    # A long line may still be a heading; one that ends like a sentence is not.
    if looks_like_sentence(line) and (line.endswith((".", ",", "…")) or not is_heading_line(line)):
        return False
    if dateline_length(line) or _MACHINE.search(line):
        return False
    if _RELEASE_WORDS.issuperset(re.findall(r"[a-z]+", line.lower())):
        return False  # "FOR IMMEDIATE RELEASE": what the document is, not what it says
    digits = sum(c.isdigit() for c in line)
    letters = sum(c.isalpha() for c in line)
    return letters > 0 and digits <= MOST_DIGITS * (digits + letters)


def refine_titles(documents: Sequence[Document], events: Sequence[Event]) -> list[Document]:
    """Documents with sentence-like or shouted titles renamed; others unchanged."""
    own = _own_event_titles(documents, events)
    return [_renamed(doc, own.get(doc.id)) for doc in documents]


def _own_event_titles(documents: Sequence[Document], events: Sequence[Event]) -> dict[str, str]:
    """For each document, the title of its own event (see
    :func:`own_event_title`)."""
    dates = {doc.id: doc.date for doc in documents}
    heads: dict[str, list[tuple[int, When, str]]] = {}
    for event in events:
        for mention in event.mentions:
            if mention.span[0] < HEAD_CHARS and dates.get(mention.document) is not None:
                heads.setdefault(mention.document, []).append(
                    (mention.span[0], mention.when, event.title))
    found = {doc_id: own_event_title(dates[doc_id], head) for doc_id, head in heads.items()}
    return {doc_id: title for doc_id, title in found.items() if title}


def _renamed(doc: Document, own_event_title: str | None) -> Document:
    title = shown_title(doc.title, own_event_title, doc.id)
    return doc if title == doc.title else dataclasses.replace(doc, title=title)


def shown_title(title: str, own_event_title: str | None, name: str = "") -> str:
    """The title to show for a document its reader (or its text) called
    ``title`` ("" when neither gave one), whose own event (see
    :func:`own_event_title`) is ``own_event_title`` and whose file is called
    ``name``."""
    if not title:
        return own_event_title or name
    if looks_like_sentence(title) and own_event_title:
        return own_event_title
    if title.isupper():
        return heading_case(title)
    return title


def own_event_title(own_date: Day | None,
                    head_mentions: Iterable[tuple[int, When, str]]) -> str | None:
    """Of a document's mentions given as (start, date, event title), the
    title of the first one near its top whose date holds ``own_date``; else
    of the first one there that ended in the week before it (a news story's
    lead: "on Saturday", "yesterday")."""
    if own_date is None:
        return None
    head = [(start, when, title) for start, when, title in head_mentions if start < HEAD_CHARS]
    found = [(start, title) for start, when, title in head if when.start <= own_date <= when.end]
    if not found:
        week = own_date - timedelta(days=LEAD_DAYS)
        found = [(start, title) for start, when, title in head if week <= when.end < own_date]
    return min(found)[1] if found else None


def looks_like_sentence(title: str) -> bool:
    """True for a first line that is prose rather than a heading."""
    return len(title) > LONGEST_GOOD_TITLE or title.endswith(("…", ".", ","))
