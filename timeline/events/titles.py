"""Event titles: a short phrase a person would write for what happened.

Every event phrase in a sentence becomes a *candidate*: an event noun with
its name around it (``Fourth Bali Regional Ministerial Conference``, ``a
workshop on biometrics``, see :mod:`phrases`); :mod:`candidates` adds the
others (``the launch of X`` → ``X launch``, ``The third, hosted by ...`` →
``Third workshop, hosted by ...``).

A date that modifies a noun or completes one in a side phrase is titled
with that noun first (``since the 1987 crash`` → ``Crash``, see
:mod:`dated_nouns`). Each other date takes the nearest candidate, preferring
one with no other date in between and not introduced as a reference (``at
the second Conference``); a generic head word takes its topic and host
(:mod:`qualifiers`). With no candidate the title is a compact clause around
the date, without the date, ending where a phrase ends; under a reporting
verb it is what was reported (:mod:`reported`). Titles two events of one
document would share are told apart by :mod:`distinct`. A dateline
(``GENEVA, 14 May 2019 -``) dates the document itself and is left untitled
for the caller to name after it.
Titles are at most 80 characters, on one line.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import pairwise
from operator import itemgetter

from timeline.events import kinds
from timeline.events.candidates import (
    EVENT_VERB_WORDS,
    MAX_TITLE,
    OF_NOUN_WORDS,
    Candidate,
    Title,
    anaphora_candidates,
    hosted_suffix,
    make_title,
    of_noun_candidates,
    verb_candidates,
)
from timeline.events.dated_nouns import side_title
from timeline.events.phrases import Phrase, is_ordinal, named_head, walk_left, walk_right
from timeline.events.qualifiers import generic_qualifier
from timeline.events.tokens import ACRONYM, PUNCT, WORD, Tokens, positions, tokenize
from timeline.events.vocab import (
    DETERMINERS,
    EVENT_NOUNS,
    NAMED_ONLY,
    OF_NOUNS,
    ORDINALS,
    PLURAL_NAMES,
    REFERENCE_WORDS,
    singular,
)
from timeline.events.wording import clause_words, content_words, finish, key_words, render
from timeline.model import Kind, Span

_REFERENCE_PENALTY = 200
# "the meeting" is often the document's own meeting, not the dated event.
_ANAPHORA_PENALTY = 40
_DASHES = frozenset({"-", "–", "—"})
# The words each kind of candidate starts from, as sets so that a sentence
# without any is passed over at once.
_HEAD_NOUNS = frozenset(EVENT_NOUNS) - frozenset(OF_NOUNS)
_CANDIDATE_WORDS = _HEAD_NOUNS | OF_NOUN_WORDS | EVENT_VERB_WORDS
_MARKS = frozenset(",;:")
_new = tuple.__new__  # makes named tuples without their Python-level constructor
_START = itemgetter(0)
_NEAREST = 8
_CLAUSE_WORDS = 3  # words between two dates that make a clause of their own

DATELINE = make_title("", "", None, Kind.PUBLICATION, fallback=True)
"""The title of a dateline's date: empty, for the caller to name after the
document it dates."""


def sentence_titles(text: str, sentence: Span, dates: Sequence[Span],
                    tokens: Tokens | None = None) -> list[Title]:
    """One title for each date span in ``dates`` (all inside ``sentence``);
    ``tokens`` are the sentence's tokens with those dates marked, when the
    caller already has them."""
    if tokens is None:
        tokens = tokenize(text, sentence, dates)
    # Every candidate but the anaphora starts at one of these words; one
    # pass finds them all, and most often shows there are none.
    starts = positions(tokens.lowers, _CANDIDATE_WORDS)
    phrases = _head_phrases(tokens, starts) if starts else []
    candidates = [_phrase_candidate(tokens, p) for p in phrases]
    if starts:
        candidates += of_noun_candidates(text, tokens, phrases, starts)
        candidates += verb_candidates(text, tokens, phrases, starts)
    candidates += anaphora_candidates(text, sentence, tokens)
    nearby = _Nearby(candidates)
    ordered = sorted(dates)
    # Clause marks only part one date from another, so a lone date needs none.
    marks = _clause_marks(tokens) + _clause_starts(tokens) if len(dates) > 1 else []
    if len(marks) > 1:
        marks.sort()
    built: dict[int, Title] = {}
    titles = []
    # A dateline's date is among the first six tokens.
    dateline_reach = tokens.starts[min(5, len(tokens.starts) - 1)] if tokens.starts else -1
    for d in dates:
        if d[0] <= dateline_reach and _is_dateline(tokens, d):
            titles.append(DATELINE)
            continue
        modified = side_title(text, tokens, d)
        if modified is not None:  # "the 1987 crash": the date says which crash
            titles.append(modified)
            continue
        chosen = _choose(nearby.around(d), d, ordered, marks)
        if chosen is None:
            titles.append(fallback_title(tokens, d))
        elif chosen.title is not None:
            titles.append(chosen.title)
        else:
            phrase = chosen.phrase
            assert phrase is not None
            if phrase.head not in built:
                built[phrase.head] = _phrase_title(text, tokens, phrase, len(dates) > 1)
            titles.append(built[phrase.head])
    return titles


def _clause_marks(tokens: Tokens) -> list[int]:
    """Offsets of the commas, semicolons and colons among ``tokens``."""
    kinds, starts = tokens.kinds, tokens.starts
    return [starts[i] for i in positions(tokens.texts, _MARKS) if kinds[i] == PUNCT]


def _clause_starts(tokens: Tokens) -> list[int]:
    """Offsets where a clause of its own begins after a date: the first word
    after a date that is followed by at least three content words before
    the next date ("begin in April | and the first turbines should turn in 2031"),
    unlike dates listed together ("in February 2002 and April 2003")."""
    dates, words = tokens.date_indexes(), tokens.word_indexes()
    starts = []
    for d, nxt in pairwise(dates):
        lo, hi = bisect.bisect_right(words, d), bisect.bisect_left(words, nxt)
        if hi - lo >= _CLAUSE_WORDS and content_words(tokens, lo, hi) >= _CLAUSE_WORDS:
            starts.append(tokens.starts[words[lo]])
    return starts


def _is_dateline(tokens: Tokens, date: Span) -> bool:
    """``GENEVA, 14 May 2019 - The Assembly ...``: a place, the date and a dash
    opening a text date the document itself, not an event in it."""
    i = tokens.date_at(date[0])
    if not 2 <= i < 6:
        return False
    texts = tokens.texts
    after = texts[i + 1] if i + 1 < len(texts) else ""
    return (texts[i - 1] == "," and after in _DASHES
            and all(tokens.caps[u] or texts[u] == "," for u in range(i)))


def _head_phrases(tokens: Tokens, starts: Sequence[int]) -> list[Phrase]:
    """Phrases around every event noun among tokens ``starts``, left to
    right, not nested."""
    lowers, kinds, caps = tokens.lowers, tokens.kinds, tokens.caps
    phrases: list[Phrase] = []
    for i in starts:
        low = lowers[i]
        if low not in _HEAD_NOUNS or kinds[i] != WORD or (phrases and i <= phrases[-1].reach):
            continue
        if low in NAMED_ONLY and not caps[i]:
            continue
        last, cuts, reach = walk_right(tokens, i)
        first = walk_left(tokens, i)
        if low in NAMED_ONLY and first == i and last == i:
            continue  # "Report" alone is a word, not a named report
        phrases.append(_new(Phrase, (first, i, last, cuts, reach)))
    return phrases


def _phrase_candidate(tokens: Tokens, phrase: Phrase) -> Candidate:
    """Where an event phrase lies; its title is built only if a date takes it."""
    return _new(Candidate, (tokens.starts[phrase.first], tokens.end(phrase.reach),
                             _is_reference(tokens, phrase.first), None,
                             _is_anaphoric(tokens, phrase), phrase))


def _phrase_title(text: str, tokens: Tokens, phrase: Phrase, several: bool) -> Title:
    """The title of an event phrase."""
    head = phrase.head
    noun = singular(tokens.lowers[head])
    display = _display_head(tokens, head, noun) if several else None
    rendered = render(text, tokens, phrase, MAX_TITLE, display)
    words = None  # the title's key words, kept when the title stays as rendered
    if not named_head(tokens, head):  # a named event keeps its name as it is
        words = key_words(rendered, noun)
        if words:
            suffix = hosted_suffix(text, tokens, phrase.last + 1, phrase.last + 4)
        else:  # a head word alone ("Workshops") takes what its verb says of it
            suffix = generic_qualifier(text, tokens, phrase)
        if suffix and len(rendered) + len(suffix) <= MAX_TITLE:
            rendered, words = finish(rendered + suffix), None
    return make_title(rendered, noun, _ordinal(tokens, phrase), kinds.kind_of_head(noun),
                      words=words)


def _display_head(tokens: Tokens, head: int, noun: str) -> str | None:
    """The head as the title shows it when the sentence holds several dates:
    capitalised plurals become singular ("two ... Conferences in 2002 and
    2003" → one Conference per date)."""
    low = tokens.lowers[head]
    if noun == low or not tokens.caps[head] or low in PLURAL_NAMES:
        return None
    return noun.upper() if tokens.texts[head].isupper() else noun.capitalize()


def _ordinal(tokens: Tokens, phrase: Phrase) -> int | None:
    """The ordinal number in the phrase's left part, if any."""
    lowers = tokens.lowers
    for i in range(phrase.first, phrase.head + 1):
        # is_ordinal(), with its cheap tests first: most words are neither
        if (lowers[i] in ORDINALS or lowers[i][:1].isdecimal()) and is_ordinal(tokens, i):
            return (ORDINALS.get(lowers[i])
                    or int("".join(c for c in tokens.texts[i] if c.isdigit())))
    return None


def _is_anaphoric(tokens: Tokens, phrase: Phrase) -> bool:
    """``the meeting``, ``the workshop of ...``: a definite, unnamed phrase
    most often points back at an event already named (often the document's
    own meeting) rather than at the date beside it."""
    if phrase.first == 0 or tokens.lowers[phrase.first - 1] not in ("the", "this"):
        return False
    caps, kinds, lowers = tokens.caps, tokens.kinds, tokens.lowers
    for i in range(phrase.first, phrase.last + 1):
        if caps[i] or kinds[i] == ACRONYM or (
                (lowers[i] in ORDINALS or lowers[i][:1].isdecimal()) and is_ordinal(tokens, i)):
            return False
    return True


def _is_reference(tokens: Tokens, first: int) -> bool:
    """Whether the phrase is introduced as a reference ("at the ...")."""
    lowers = tokens.lowers
    j = first - 1
    while j >= 0 and lowers[j] in DETERMINERS:
        j -= 1
    return j >= 0 and lowers[j] in REFERENCE_WORDS


class _Nearby:
    """The candidates worth weighing for a date: all of them, or in a
    sentence crowded with event phrases (a title page listing dozens of
    meetings) the :data:`_NEAREST` closest on each side, so that a sentence
    of n phrases and n dates costs n, not n squared, comparisons."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.crowded = len(candidates) > 2 * _NEAREST + 1
        # A stable sort: candidates starting together keep their order, so
        # ties are settled as among all candidates.
        self.candidates = sorted(candidates, key=_START) if self.crowded else candidates
        self.starts = [c.start for c in self.candidates] if self.crowded else []

    def around(self, date: Span) -> Sequence[Candidate]:
        """The candidates to weigh for ``date``."""
        if not self.crowded:
            return self.candidates
        j = bisect.bisect_left(self.starts, date[0])
        return self.candidates[max(0, j - _NEAREST):j + _NEAREST]


def _choose(candidates: Sequence[Candidate], date: Span, dates: Sequence[Span],
            marks: Sequence[int]) -> Candidate | None:
    """The candidate that best belongs to ``date`` (``dates`` sorted).

    A candidate with another date in between still serves when the two dates
    are listed together ("Conferences ... in February 2002 and April 2003"),
    not when a clause mark parts them ("published on 3 March, and the office
    opened in June"): that date gets a clause title instead.
    """
    alone = len(dates) == 1  # the common case: no other date to part or stand between
    d0, d1 = date
    best, best_score = None, None
    for c in candidates:
        if not alone and _parted(c, date, dates, marks):
            continue
        # The sort key, written out (this runs for every candidate of every
        # date): another date in between, then distance, then larger first.
        start, end, reference, _, anaphoric, _ = c
        if end <= d0:
            gap, lo, hi = d0 - end, end, d0
        elif start >= d1:
            gap, lo, hi = start - d1 + (_REFERENCE_PENALTY if reference else 0), d1, start
        else:
            gap, lo, hi = 0, 0, -1
        if anaphoric:
            gap += _ANAPHORA_PENALTY
        between = not alone and _date_between(dates, date, lo, hi) is not None
        score = (between, gap, start - end, start)
        if best_score is None or score < best_score:
            best, best_score = c, score
    return best


def _parted(c: Candidate, date: Span, dates: Sequence[Span], marks: Sequence[int]) -> bool:
    """Whether another date stands between ``c`` and ``date`` in another clause."""
    lo, hi = (c.end, date[0]) if c.end <= date[0] else (date[1], c.start)
    blocker = _date_between(dates, date, lo, hi)
    return blocker is not None and _clause_between(marks, blocker, date)


def _date_between(dates: Sequence[Span], date: Span, lo: int, hi: int) -> Span | None:
    """A date other than ``date`` lying within ``lo..hi``, if any (binary search)."""
    j = bisect.bisect_left(dates, lo, key=_START)
    if j < len(dates) and dates[j] == date:
        j += 1
    return dates[j] if j < len(dates) and dates[j][1] <= hi else None


def _clause_between(marks: Sequence[int], a: Span, b: Span) -> bool:
    """Whether a clause mark (comma, semicolon, colon) separates spans a and b."""
    lo, hi = min(a[1], b[1]), max(a[0], b[0])
    j = bisect.bisect_left(marks, lo)
    return j < len(marks) and marks[j] < hi


def fallback_title(tokens: Tokens, date: Span) -> Title:
    """A compact clause around ``date`` when no event phrase is in reach."""
    words = tuple(clause_words(tokens, date))
    # Dates listed in one clause share its words: the title is made once.
    made = tokens.fallbacks.get(words)
    if made is None:
        text = finish(" ".join(words))
        made = make_title(text, "", None, kinds.kind_of_words(words), fallback=True)
        tokens.fallbacks[words] = made
    return made


__all__ = ["DATELINE", "MAX_TITLE", "Title", "fallback_title", "make_title", "sentence_titles"]
