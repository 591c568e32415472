"""Event titles: a short phrase a person would write for what happened.

Every event phrase in a sentence becomes a *candidate*:

* an event noun with its name around it (``Fourth Bali Regional Ministerial
  Conference``, ``a workshop on biometrics``, see :mod:`phrases`);
* ``the launch of X`` → ``X launch``; ``X would be launched`` → ``X launch``;
  ``X to begin`` → ``X begins``; ``signed the X`` → ``X signed``;
* ``The third, hosted by Australia, ...`` after ``three ... workshops`` →
  ``Third workshop, hosted by Australia``.

Each date in the sentence takes the nearest candidate, preferring one with no
other date in between and not introduced as a reference (``at the second
Conference``). With no candidate the title is a compact clause around the
date, without the date. A dateline (``GENEVA, 14 May 2019 -``) dates the
document itself and is left untitled for the caller to name after it.
Titles are at most 80 characters, on one line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

from timeline.extract import kinds
from timeline.extract.phrases import (
    Phrase,
    is_modifier,
    is_ordinal,
    name_left,
    name_right,
    walk_left,
    walk_right,
)
from timeline.extract.tokens import ACRONYM, DATE, PUNCT, WORD, Tokens, positions, tokenize
from timeline.extract.vocab import (
    DETERMINERS,
    EVENT_NOUNS,
    EVENT_VERBS,
    NAMED_ONLY,
    OF_NOUNS,
    ORDINALS,
    PASSIVE_AUX,
    PLURAL_NAMES,
    REFERENCE_WORDS,
    TRANSITIVE_VERBS,
    VERB_AUX,
    singular,
    wordset,
)
from timeline.extract.wording import clause_words, finish, key_words, render, shorten
from timeline.model import Kind, Span

MAX_TITLE = 80
_REFERENCE_PENALTY = 200
# "the meeting" is often the document's own meeting, not the dated event.
_ANAPHORA_PENALTY = 40
_LOOKBACK_CHARS = 600
_PLURAL_EVENT_WORDS = wordset("""
    workshops meetings conferences seminars sessions consultations dialogues roundtables
    forums summits symposia courses visits missions exercises
""")
_PLURAL_EVENTS = re.compile(r"\b(" + "|".join(sorted(_PLURAL_EVENT_WORDS)) + r")\b",
                            re.IGNORECASE)
# Characters IGNORECASE also takes for i, k or s (dotted and dotless i,
# Kelvin sign, long s): where none occurs, a case-blind match is a match in
# the text in lower case.
_CASE_TWINS = ("\u0130", "\u0131", "\u212a", "\u017f")
_HOSTED = frozenset({"hosted", "co-hosted", "cohosted"})
_DASHES = frozenset({"-", "–", "—"})
_HOSTED_GAP = frozenset({"also", "jointly", "again", "was", "were", "be", "to"})
# The words each kind of candidate starts from, as sets so that a sentence
# without any is passed over at once.
_HEAD_NOUNS = frozenset(EVENT_NOUNS) - frozenset(OF_NOUNS)
_OF_NOUN_WORDS = frozenset(OF_NOUNS)
_EVENT_VERB_WORDS = frozenset(EVENT_VERBS)
_CANDIDATE_WORDS = _HEAD_NOUNS | _OF_NOUN_WORDS | _EVENT_VERB_WORDS
_MARKS = frozenset(",;:")
# Named tuples made in the hot paths are made with tuple.__new__, which skips
# their Python-level constructor (all fields must then be given).
_new = tuple.__new__
_START = itemgetter(0)


class Title(NamedTuple):
    """A title and what it says about the event (a named tuple: one is made
    for nearly every date, and a tuple is made several times faster than a
    frozen dataclass).

    ``head`` is the event noun (singular, lower case) or verb key, empty for a
    fallback clause; ``words`` the distinguishing lower-case words used to
    compare titles; ``generic`` marks a title with nothing but an event noun
    (``Workshop``).
    """

    text: str
    head: str
    ordinal: int | None
    kind: Kind
    words: frozenset[str]
    generic: bool
    fallback: bool


class _Candidate(NamedTuple):
    start: int
    end: int
    reference: bool
    title: Title | None  # None for an event phrase: see ``phrase``
    anaphoric: bool = False
    phrase: Phrase | None = None


def make_title(text: str, head: str, ordinal: int | None, kind: Kind,
               fallback: bool = False) -> Title:
    """A :class:`Title` for ``text`` with its comparison words worked out."""
    words = key_words(text, head)
    return _new(Title, (text, head, ordinal, kind, words, not words and not fallback, fallback))


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
        candidates += _of_noun_candidates(text, tokens, phrases, starts)
        candidates += _verb_candidates(text, tokens, phrases, starts)
    candidates += _anaphora_candidates(text, sentence, tokens)
    ordered = sorted(dates)
    # Clause marks only part one date from another, so a lone date needs none.
    marks = _clause_marks(tokens) if len(dates) > 1 else []
    built: dict[int, Title] = {}
    titles = []
    # A dateline's date is among the first six tokens.
    dateline_reach = tokens.starts[min(5, len(tokens.starts) - 1)] if tokens.starts else -1
    for d in dates:
        if d[0] <= dateline_reach and _is_dateline(tokens, d):
            titles.append(DATELINE)
            continue
        chosen = _choose(candidates, d, ordered, marks)
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


def _phrase_candidate(tokens: Tokens, phrase: Phrase) -> _Candidate:
    """Where an event phrase lies; its title is built only if a date takes it."""
    return _new(_Candidate, (tokens.starts[phrase.first], tokens.end(phrase.reach),
                             _is_reference(tokens, phrase.first), None,
                             _is_anaphoric(tokens, phrase), phrase))


def _phrase_title(text: str, tokens: Tokens, phrase: Phrase, several: bool) -> Title:
    """The title of an event phrase."""
    head = phrase.head
    noun = singular(tokens.lowers[head])
    display = _display_head(tokens, head, noun) if several else None
    rendered = render(text, tokens, phrase, MAX_TITLE, display)
    if not tokens.caps[head]:  # a named event keeps its name as it is
        suffix = _hosted_suffix(text, tokens, phrase.last + 1, phrase.last + 4)
        if suffix and len(rendered) + len(suffix) <= MAX_TITLE:
            rendered += suffix
    return make_title(rendered, noun, _ordinal(tokens, phrase), kinds.kind_of_head(noun))


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
    caps, kinds = tokens.caps, tokens.kinds
    for i in range(phrase.first, phrase.last + 1):
        if caps[i] or kinds[i] == ACRONYM or is_ordinal(tokens, i):
            return False
    return True


def _is_reference(tokens: Tokens, first: int) -> bool:
    """Whether the phrase is introduced as a reference ("at the ...")."""
    lowers = tokens.lowers
    j = first - 1
    while j >= 0 and lowers[j] in DETERMINERS:
        j -= 1
    return j >= 0 and lowers[j] in REFERENCE_WORDS


def _of_noun_candidates(text: str, tokens: Tokens, phrases: Sequence[Phrase],
                        at: Sequence[int]) -> list[_Candidate]:
    """``the launch of the VRS-MSRC`` → ``VRS-MSRC launch``, for the nouns
    among tokens ``at``."""
    lowers, starts = tokens.lowers, tokens.starts
    out = []
    for k in at:
        if lowers[k] not in _OF_NOUN_WORDS or tokens.caps[k] or tokens.kinds[k] != WORD:
            continue
        noun, kind = lowers[k], OF_NOUNS[lowers[k]]
        end, name = k, ""
        if k + 1 < len(tokens.texts) and lowers[k + 1] == "of":
            start = _skip_the(tokens, k + 2)
            end, name = _name_at(text, tokens, phrases, start)
            if name and not tokens.caps[start]:
                name = name[0].lower() + name[1:]  # "the inaugural ... Forum" stays lower
            lead = text[starts[k + 2]:tokens.end(k + 2)] if start > k + 2 else ""
            name = f"{lead} {name}".strip() if name else ""
        rendered = _event_of(name, noun) if name else noun.capitalize()
        out.append(_Candidate(starts[k], tokens.end(max(end, k)), False,
                              make_title(rendered, noun, None, kind)))
    return out


def _event_of(name: str, noun: str) -> str:
    """``VRS-MSRC launch`` for a short name, ``Launch of the ...`` for a long one."""
    words = name.split()
    if words[0].lower() in DETERMINERS and len(words) <= 4:
        words = words[1:]
    if len(words) <= 3:
        return f"{' '.join(words)} {noun}"
    return shorten(f"{noun.capitalize()} of {name}", MAX_TITLE)


def _skip_the(tokens: Tokens, k: int) -> int:
    """``k``, or the index after a determiner at ``k``."""
    return k + 1 if k < len(tokens.texts) and tokens.lowers[k] in DETERMINERS else k


def _name_at(text: str, tokens: Tokens, phrases: Sequence[Phrase], k: int) -> tuple[int, str]:
    """The event phrase or name starting at token ``k``: (its last token, text)."""
    for p in phrases:
        if p.first == k:
            return p.reach, render(text, tokens, p, MAX_TITLE)
    last = name_right(tokens, k)
    if last < k:
        return k - 1, ""
    return last, render(text, tokens, Phrase(k, k, last, (), last), MAX_TITLE)


def _verb_candidates(text: str, tokens: Tokens, phrases: Sequence[Phrase],
                     at: Sequence[int]) -> list[_Candidate]:
    """``X would be launched``, ``X to begin``, ``signed the X``, for the
    verbs among tokens ``at``."""
    out = []
    for k in at:
        if tokens.lowers[k] not in _EVENT_VERB_WORDS or tokens.caps[k] or tokens.kinds[k] != WORD:
            continue
        low = tokens.lowers[k]
        suffix, kind = EVENT_VERBS[low]
        span, name = _verb_object(text, tokens, phrases, k)
        if not name:
            span, name = _verb_subject(text, tokens, phrases, k)
        if name:
            rendered = shorten(f"{name} {suffix}", MAX_TITLE)
            head = suffix if suffix == "launch" else low
            out.append(_Candidate(span[0], span[1], False, make_title(rendered, head, None, kind)))
    return out


def _verb_object(text: str, tokens: Tokens, phrases: Sequence[Phrase],
                 k: int) -> tuple[Span, str]:
    """The object of an active transitive event verb at ``k``."""
    lowers = tokens.lowers
    if lowers[k] not in TRANSITIVE_VERBS or (k > 0 and lowers[k - 1] in PASSIVE_AUX):
        return (0, 0), ""
    start = _skip_the(tokens, k + 1)
    last, name = _name_at(text, tokens, phrases, start)
    if not name and start > k + 1:
        last, name = _plain_object(tokens, start)
    return (tokens.starts[k], tokens.end(max(last, k))), name


def _plain_object(tokens: Tokens, start: int) -> tuple[int, str]:
    """A short lower-case object after a determiner: ``its annual report``."""
    last = start - 1
    while last + 1 < min(len(tokens.texts), start + 3) and is_modifier(tokens, last + 1):
        last += 1
    if last < start:
        return start - 1, ""
    words = " ".join(tokens.texts[start:last + 1])
    return last, words[0].upper() + words[1:]


def _verb_subject(text: str, tokens: Tokens, phrases: Sequence[Phrase],
                  k: int) -> tuple[Span, str]:
    """The subject before an event verb at ``k`` and its auxiliaries."""
    lowers, starts, end = tokens.lowers, tokens.starts, tokens.end(k)
    s = k - 1
    while s >= 0 and lowers[s] in VERB_AUX and not tokens.caps[s]:
        s -= 1
    if s < 0:
        return (0, 0), ""
    for p in phrases:
        if p.last == s or p.reach == s:
            return (starts[p.first], end), render(text, tokens, p, MAX_TITLE)
    first = name_left(tokens, s)
    if first <= s:
        return (starts[first], end), render(text, tokens, Phrase(first, s, s, (), s), MAX_TITLE)
    if s > 0 and tokens.kinds[s] == WORD and lowers[s - 1] in DETERMINERS:
        return (starts[s], end), tokens.texts[s].capitalize()
    return (0, 0), ""


def _anaphora_candidates(text: str, sentence: Span, tokens: Tokens) -> list[_Candidate]:
    """``The third, hosted by Australia, in May 2004 was ...`` after a sentence
    about three workshops → ``Third workshop, hosted by Australia``."""
    if len(tokens.texts) < 3 or tokens.lowers[0] != "the" or not is_ordinal(tokens, 1) \
            or tokens.texts[2] != ",":
        return []
    found = _last_plural_event(text, sentence[0])
    if not found:
        return []
    noun = singular(found.lower())
    first_date = next((i for i, kind in enumerate(tokens.kinds) if kind == DATE), 2)
    rendered = f"{tokens.texts[1].capitalize()} {noun}"
    suffix = _hosted_suffix(text, tokens, 3, first_date)
    if suffix and len(rendered) + len(suffix) <= MAX_TITLE:
        rendered += suffix
    title = make_title(rendered, noun, ORDINALS.get(tokens.lowers[1]), kinds.kind_of_head(noun))
    return [_Candidate(tokens.starts[0], tokens.end(first_date), False, title)]


def _last_plural_event(text: str, before: int) -> str:
    """The last plural event noun (``workshops``) as a whole word in the few
    hundred characters before ``before``, or "".

    A case-blind regex search tries every position of the stretch in full,
    so the stretch is searched in lower case from its end instead, falling
    back on the regex where lower case is not the same thing."""
    lo = max(0, before - _LOOKBACK_CHARS)
    window = text[lo:before]
    low = window.lower()
    if not window.isascii() and (len(low) != len(window)
                                 or any(twin in window for twin in _CASE_TWINS)):
        found = list(_PLURAL_EVENTS.finditer(text, lo, before))
        return found[-1].group() if found else ""
    last = -1
    for word in _PLURAL_EVENT_WORDS:
        at = low.rfind(word)
        while at > last and not _whole_word(text, lo + at, lo + at + len(word), before):
            at = low.rfind(word, 0, at + len(word) - 1)
        if at > last:
            last, length = at, len(word)
    return window[last:last + length] if last >= 0 else ""


def _whole_word(text: str, start: int, end: int, limit: int) -> bool:
    """Whether ``text[start:end]`` has no word character (``\\w``) just
    before it or just after it (before ``limit``)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < limit else " "
    return not (before.isalnum() or before == "_" or after.isalnum() or after == "_")


def _hosted_suffix(text: str, tokens: Tokens, lo: int, hi: int) -> str:
    """``, hosted by Malaysia`` when ``hosted by NAME`` starts in tokens lo..hi."""
    lowers, n = tokens.lowers, len(tokens.texts)
    top = min(hi, n)
    k = lo
    while k < top and lowers[k] not in _HOSTED:
        if tokens.kinds[k] != WORD and tokens.texts[k] != ",":
            return ""
        k += 1
    if k >= top or k + 1 >= n or lowers[k + 1] != "by":
        return ""
    start = _skip_the(tokens, k + 2)
    last = name_right(tokens, start)
    if last < start:
        return ""
    name = " ".join(text[tokens.starts[k + 2]:tokens.end(last)].split())
    return f", hosted by {name}"


def _choose(candidates: Sequence[_Candidate], date: Span, dates: Sequence[Span],
            marks: Sequence[int]) -> _Candidate | None:
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


def _parted(c: _Candidate, date: Span, dates: Sequence[Span], marks: Sequence[int]) -> bool:
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
    words = clause_words(tokens, date)
    text = finish(" ".join(words))
    return make_title(text, "", None, kinds.kind_of_words(words), fallback=True)


__all__ = ["DATELINE", "MAX_TITLE", "Title", "fallback_title", "make_title", "sentence_titles"]
