"""Planned or happened: whether a sentence states its dated thing as still
to come, as of its document's date.

The rule, kept simple on purpose:

1. With a document date, a date that begins after it is planned, whatever
   the tense: a document cannot report as done what comes after it. ("The
   summit was postponed to 2030" is planned: the postponement is done, the
   dated summit is not.) A date that ends before it happened, whatever the
   tense ("The firm, founded in 1990, will open a plant").
2. Otherwise (the date holds the document's date, as "in May" in a May
   article, or the document has no date) the verb group nearest the date
   decides: a future or intention cue ("will", "shall", "is to", "is due
   to", "is expected to/by", "plans to", "intends to", "aims to",
   "scheduled for", "set to") makes it planned; a past form ("was", "had",
   "held", "-ed") or no cue at all makes it happened.

"Nearest" counts characters, and every clause mark (comma, semicolon,
bracket, dash) between a cue and the date puts the cue much further away,
so a verb of another clause loses to one of the date's own.
"""

from __future__ import annotations

import re
import threading

from timeline.day import Day
from timeline.model import Span, When

# A future or intention cue with up to three words after it, so that its
# whole verb group ("will be held", "is expected to open") counts as one and
# the participle inside it is not read as a past form.
_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|is to|are to|is due|are due|due to"
    r"|(?:is|are|was|were|be|being) expected|expects?|plans? to|planned|planning to"
    r"|intends? to|intended to|intending to|aims? to|aiming to|scheduled|set to"
    r"|upcoming|forthcoming)\b(?:\s+\w+){0,3}",
    re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:was|were|had|did|took|held|met|began|won|lost|made|went|came|saw"
    r"|gave|became|fell|rose|left|sent|told|wrote|said|ago"
    r"|\w{2,}ed)\b",
    re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[,;:()\[\]–—]")
_CLAUSE_COST = 1000  # characters a clause mark between cue and date counts as


def is_planned(text: str, sentence: Span, span: Span, when: When,
               document_date: Day | None) -> bool:
    """Whether the date at ``span`` in ``text`` is stated as still to come."""
    if document_date is not None:
        if when.start > document_date:
            return True
        if when.end < document_date:
            return False
    return nearest_cue_is_future(text, sentence, span)


def nearest_cue_is_future(text: str, sentence: Span, span: Span) -> bool:
    """Whether the verb cue nearest ``span`` in its sentence is a future or
    intention one (False when the sentence has no cue)."""
    futures, pasts = _cues(text, sentence)
    if not futures:
        return False  # the common case, decided without looking for past forms
    best_future = min(_distance(text, f, span) for f in futures)
    if not pasts:
        return True
    return best_future < min(_distance(text, p, span) for p in pasts)


_seen = threading.local()  # the cues of the sentences of the text read last, per thread


def _cues(text: str, sentence: Span) -> tuple[list[Span], list[Span]]:
    """The future and the (other) past cues of ``sentence``, found once per
    sentence however many dates it holds."""
    if getattr(_seen, "text", None) is not text:
        _seen.text, _seen.cues = text, {}
    found = _seen.cues.get(sentence)
    if found is None:
        found = _seen.cues[sentence] = _find_cues(text, sentence)
    return found


# Every future cue holds one of these (lower case): a sentence holding none is
# settled by a few substring tests instead of the cue expression.
_FUTURE_HINTS = ("will", "shall", "won", "is to", "are to", "due", "expect", "plan",
                 "intend", "aim", "schedul", "set to", "upcoming", "forthcoming")



# The cue expressions without IGNORECASE, for text already in lower case:
# matching each letter one way is about three times as fast.
_FUTURE_LOWER = re.compile(_FUTURE.pattern)
_PAST_LOWER = re.compile(_PAST.pattern)
# The only characters whose lower case is one character that the case-blind
# expressions read otherwise (each matches a letter of another case: "ſ" an "s").
_FOLDED_APART = ("ı", "ſ")


def _find_cues(text: str, sentence: Span) -> tuple[list[Span], list[Span]]:
    start, end = sentence
    words = text[start:end]
    lower = words.lower()
    if not any(map(lower.__contains__, _FUTURE_HINTS)):
        return [], []
    future, past = _FUTURE, _PAST
    if _reads_alike(words, lower):
        words, future, past = lower, _FUTURE_LOWER, _PAST_LOWER
    futures = [(m.start() + start, m.end() + start) for m in future.finditer(words)]
    if not futures:
        return [], []
    pasts = [(m.start() + start, m.end() + start) for m in past.finditer(words)]
    return futures, [p for p in pasts if not any(_overlap(p, f) for f in futures)]


def _reads_alike(words: str, lower: str) -> bool:
    """Whether the cue expressions find in ``lower`` (``words`` in lower case)
    what the case-blind ones find in ``words``, at the same offsets: true
    when lower case keeps the length and no character folds apart."""
    if words.isascii():
        return True
    return len(lower) == len(words) and not any(map(words.__contains__, _FOLDED_APART))


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _distance(text: str, cue: Span, span: Span) -> int:
    """Characters between ``cue`` and ``span``, each clause mark between them
    counted as :data:`_CLAUSE_COST`."""
    if _overlap(cue, span):
        return 0
    gap = text[cue[1]:span[0]] if cue[1] <= span[0] else text[span[1]:cue[0]]
    return len(gap) + _CLAUSE_COST * len(_CLAUSE_MARK.findall(gap))
