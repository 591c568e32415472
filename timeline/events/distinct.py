"""No two events of one document under one title.

"Seminars were held on port security in Manila on 12 May 2014 and in
Jakarta on 19 May 2014" gives both dates the title ``Seminar on port
security``; on the timeline they would read as one event told twice. When
dates of a document that are not the same day share a title, each such
title takes what sets its date apart: the place named beside the date
(``Seminar on port security in Jakarta``), else, for a clause title, the
words of its clause that follow the date (``The committee met, to adopt
it``). Mentions of the
same date keep their shared title: they are most likely one event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from timeline.events.candidates import MAX_TITLE, Title, make_title
from timeline.events.places import is_place
from timeline.events.tokens import DATE, WORD, Tokens
from timeline.events.vocab import wordset
from timeline.events.wording import finish
from timeline.model import Span

_PLACE_WORDS = wordset("in at")
_PLACE_REACH = 3  # tokens between a date and the "in Place" beside it
_MAX_TAIL_WORDS = 4
_JOINERS = wordset("and but or then so while")  # a tail starts after them
_TAIL_STOP = frozenset(".;:()[]–—\"“”")


class Dated(NamedTuple):
    """A date of a document with its sentence's tokens, its span, the day
    (or days) it stands for and its title."""

    tokens: Tokens
    span: Span
    day: object
    title: Title


def distinct_titles(text: str, dated: Sequence[Dated]) -> list[Title]:
    """The titles of ``dated`` with those shared by different days told apart."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(dated):
        if d.title.text:
            by_text[d.title.text].append(i)
    titles = [d.title for d in dated]
    for indexes in by_text.values():
        if len({dated[i].day for i in indexes}) > 1:
            for i in indexes:
                titles[i] = _set_apart(text, dated[i])
    return titles


def _set_apart(text: str, d: Dated) -> Title:
    """``d``'s title with what distinguishes its date added, if anything does."""
    extra = _place_beside(text, d.tokens, d.span)
    if not extra and d.title.fallback:
        # Only a clause title goes on with the clause: an event's name with a
        # clause's tail would read as one phrase ("Conference, were to ...").
        extra = _tail_after(text, d.tokens, d.span)
    if not extra:
        return d.title
    title = d.title
    rendered = finish(f"{title.text}{extra}")
    if len(rendered) > MAX_TITLE:
        return title
    return make_title(rendered, title.head, title.ordinal, title.kind, title.fallback)


def _place_beside(text: str, tokens: Tokens, span: Span) -> str:
    """`` in Jakarta`` when ``in``/``at`` and a place stand just before the
    date (any capitalised name) or just after it (a known place)."""
    at = tokens.date_at(span[0])
    if at < 0:
        return ""
    lo, hi = max(0, at - _PLACE_REACH - 1), min(len(tokens) - 1, at + _PLACE_REACH)
    for j in (*range(at - 1, lo, -1), *range(at + 1, hi)):
        if tokens.kinds[j] == DATE:
            break
        if tokens.lowers[j] in _PLACE_WORDS and j + 1 < len(tokens) and tokens.caps[j + 1]:
            name = _capitalised_run(tokens, j + 1)
            if name and (is_place(name) or j < at):
                return f" {tokens.lowers[j]} {name}"
    return ""


def _capitalised_run(tokens: Tokens, k: int) -> str:
    """The capitalised words from token ``k`` on (at most three)."""
    words = []
    for j in range(k, min(len(tokens), k + 3)):
        if not tokens.caps[j] or tokens.kinds[j] != WORD:
            break
        words.append(tokens.texts[j])
    return " ".join(words)


def _tail_after(text: str, tokens: Tokens, span: Span) -> str:
    """``, to adopt it``: the few words of the clause after the date."""
    at = tokens.date_at(span[0])
    if at < 0:
        return ""
    words: list[str] = []
    for j in range(at + 1, len(tokens)):
        if tokens.texts[j] in _TAIL_STOP or tokens.kinds[j] == DATE \
                or len(words) >= _MAX_TAIL_WORDS:
            break
        if tokens.kinds[j] == WORD and (words or tokens.lowers[j] not in _JOINERS):
            words.append(tokens.texts[j])
    return f", {' '.join(words)}" if len(words) >= 2 else ""
