"""Evidence from around a match: is this capitalised word a month, is this
four-digit number a year?"""

from __future__ import annotations

import re

from timeline.dates.lexicon import AMBIGUOUS_MONTHS, COUNT_NOUNS, YEAR_CUES

# Words after which a lone month name is a month ("in May", "since March").
MONTH_CUES = frozenset("""
in since until till by from during before after through throughout early late mid of
last next this coming the
""".split())
FUTURE_CUES = re.compile(r"\b(?:will|shall|would|'ll|going\s+to|to\s+be|scheduled|planned|"
                         r"expected|due|upcoming|next|until|till)\b", re.IGNORECASE)
# Past tense: regular -ed forms and the common irregular verbs of reporting.
PAST_CUES = re.compile(r"\b(?:was|were|had|did|said|told|took|held|met|began|came|went|saw|"
                       r"made|gave|found|knew|thought|wrote|left|became|brought|sent|spent|"
                       r"won|lost|paid|ran|got|kept|stood|fell|rose|ago|\w{3,}ed)\b",
                       re.IGNORECASE)
# Where the sentence holding a position starts: after the last full stop,
# question or exclamation mark followed by a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^\w\n]*$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")


def word_before(text: str, pos: int) -> str:
    """The word just before ``pos`` on the same line (punctuation skipped), or ''."""
    found = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return found.group(1) if found else ""


def char_before(text: str, pos: int) -> str:
    """The nearest non-space character before ``pos`` ('\\n' for a line start)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return text[i] if i >= 0 else "\n"


def is_cued(text: str, pos: int) -> bool:
    """True when the word before ``pos`` announces a time (``in``, ``since``...)."""
    return word_before(text, pos).lower() in MONTH_CUES


def clause_start(text: str, pos: int, window: int) -> int:
    """The start of the words before ``pos`` that belong to its own sentence,
    looking back at most ``window`` characters."""
    start = max(0, pos - window)
    for end in _SENTENCE_END.finditer(text, start, pos):
        start = end.end()
    return start


def future_cued(text: str, pos: int, window: int = 60) -> bool:
    """True when the words just before ``pos``, in its sentence, speak of the future."""
    return FUTURE_CUES.search(text, clause_start(text, pos, window), pos) is not None


def tense(text: str, pos: int, window: int = 80) -> int:
    """+1 when the words before ``pos`` in its sentence speak of the future,
    -1 of the past, else 0."""
    start = clause_start(text, pos, window)
    if FUTURE_CUES.search(text, start, pos):
        return 1
    return -1 if PAST_CUES.search(text, start, pos) else 0


def month_word_ok(token: str | None, with_day: bool = False, has_year: bool = False,
                  cued: bool = False) -> bool:
    """Whether a month word is a month here; ``may`` and ``march`` are also verbs."""
    if token is None:
        return True
    word = token.rstrip(".")
    ambiguous = word.lower() in AMBIGUOUS_MONTHS
    if with_day or has_year:
        return not (ambiguous and word.islower())
    if not word[0].isupper():
        return False
    return cued or not (ambiguous or word.isupper())


def year_context_ok(text: str, start: int, end: int, year: int) -> bool:
    """Whether a lone four-digit number reads as a year where it stands.

    Years follow cue words (``in 2012``), open lines and sentences (``2017
    Workshops``), or stand in brackets; numbers after a capitalised name
    (``Resolution 1325``) or before a counted noun (``2000 people``) do not.
    """
    after = _WORD_AFTER.match(text, end)
    if text.startswith("%", end) or (after and after.group(1).lower() in COUNT_NOUNS):
        return False
    previous = word_before(text, start)
    before = char_before(text, start)
    if previous.lower() in YEAR_CUES or text.startswith(("'s", "’s"), end):
        return True
    if not 1600 <= year <= 2099:
        return False
    return before in "\n.!?:;(•-–—"
