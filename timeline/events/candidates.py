"""Title candidates besides event phrases, and the title itself.

* ``the launch of X`` → ``X launch``; ``X would be launched`` → ``X launch``;
  ``X to begin`` → ``X begins``; ``signed the X`` → ``X signed``;
* ``The third, hosted by Australia, ...`` after ``three ... workshops`` →
  ``Third workshop, hosted by Australia``.

Event phrases (``Fourth Bali Regional Ministerial Conference``) are found by
:mod:`titles`, which also picks a candidate for each date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from timeline.events import kinds
from timeline.events.phrases import (
    Phrase,
    is_modifier,
    is_ordinal,
    name_left,
    name_right,
)
from timeline.events.tokens import DATE, WORD, Tokens
from timeline.events.vocab import (
    DETERMINERS,
    EVENT_VERBS,
    OF_NOUNS,
    ORDINALS,
    PASSIVE_AUX,
    TRANSITIVE_VERBS,
    VERB_AUX,
    singular,
    wordset,
)
from timeline.events.wording import key_words, render, shorten
from timeline.model import Kind, Span

MAX_TITLE = 80
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
_TOPIC_WORDS = frozenset({"with", "between", "on", "of", "for", "to"})
_MAX_AUX_GAP = 3
_MAX_SUBJECT_TOKENS = 8
OF_NOUN_WORDS = frozenset(OF_NOUNS)
EVENT_VERB_WORDS = frozenset(EVENT_VERBS)
# Named tuples made in hot paths are made with tuple.__new__, which skips
# their Python-level constructor (all fields must then be given).
_new = tuple.__new__


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


class Candidate(NamedTuple):
    """Where a possible title lies in the sentence (offsets), whether it is
    introduced as a reference to another event ("at the second Conference")
    or points back at one ("the meeting"), and its title, or for an event
    phrase the phrase (its title is built only if a date takes it)."""

    start: int
    end: int
    reference: bool
    title: Title | None  # None for an event phrase: see ``phrase``
    anaphoric: bool = False
    phrase: Phrase | None = None


def make_title(text: str, head: str, ordinal: int | None, kind: Kind,
               fallback: bool = False, words: frozenset[str] | None = None) -> Title:
    """A :class:`Title` for ``text`` with its comparison words worked out
    (``words``: ``key_words(text, head)`` when the caller already has them)."""
    if words is None:
        words = key_words(text, head)
    return _new(Title, (text, head, ordinal, kind, words, not words and not fallback, fallback))


def of_noun_candidates(text: str, tokens: Tokens, phrases: Sequence[Phrase],
                       at: Sequence[int]) -> list[Candidate]:
    """``the launch of the VRS-MSRC`` → ``VRS-MSRC launch``, for the nouns
    among tokens ``at``."""
    lowers, starts = tokens.lowers, tokens.starts
    out = []
    for k in at:
        if lowers[k] not in OF_NOUN_WORDS or tokens.caps[k] or tokens.kinds[k] != WORD:
            continue
        noun, kind = lowers[k], OF_NOUNS[lowers[k]]
        end, name = k, ""
        if k + 1 < len(tokens.texts) and lowers[k + 1] == "of":
            start = _skip_the(tokens, k + 2)
            end, name = _name_at(text, tokens, phrases, start)
            if not name and start > k + 2:  # "the launch of the regional data portal"
                end, name = _plain_object(tokens, start)
            if name and not tokens.caps[start]:
                name = name[0].lower() + name[1:]  # "the inaugural ... Forum" stays lower
            lead = text[starts[k + 2]:tokens.end(k + 2)] if start > k + 2 else ""
            name = f"{lead} {name}".strip() if name else ""
        rendered = _event_of(name, noun) if name else noun.capitalize()
        out.append(Candidate(starts[k], tokens.end(max(end, k)), False,
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


def verb_candidates(text: str, tokens: Tokens, phrases: Sequence[Phrase],
                    at: Sequence[int]) -> list[Candidate]:
    """``X would be launched``, ``X to begin``, ``signed the X``, for the
    verbs among tokens ``at``."""
    out = []
    for k in at:
        if tokens.lowers[k] not in EVENT_VERB_WORDS or tokens.caps[k] or tokens.kinds[k] != WORD:
            continue
        low = tokens.lowers[k]
        suffix, kind = EVENT_VERBS[low]
        span, name = _verb_object(text, tokens, phrases, k)
        clause = _with_subject(text, tokens, k, span) if name and _unnamed(name) else ""
        if not name:
            span, name = _verb_subject(text, tokens, phrases, k)
        if clause:
            rendered = shorten(clause, MAX_TITLE)
            head = low
            out.append(Candidate(span[0], span[1], False, make_title(rendered, head, None, kind)))
        elif name:
            rendered = shorten(f"{name} {suffix}", MAX_TITLE)
            head = suffix if suffix == "launch" else low
            out.append(Candidate(span[0], span[1], False, make_title(rendered, head, None, kind)))
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


def _unnamed(name: str) -> bool:
    """Whether an object names nothing in particular (``the agreement``,
    ``Agreement with Beta Corp``): no capitalised word before its topic."""
    words = name.split()
    for word in words[1:]:
        if word.lower() in _TOPIC_WORDS:
            return True
        if word[:1].isupper():
            return False
    return True


def _with_subject(text: str, tokens: Tokens, k: int, span: Span) -> str:
    """``Acme signed the agreement with Beta Corp``: the clause from a named
    subject through the object of the event verb at ``k`` (which ends at
    ``span[1]``), its auxiliaries left out; "" without a named subject."""
    lowers = tokens.lowers
    s = k - 1
    while s >= 0 and lowers[s] in VERB_AUX and not tokens.caps[s]:
        s -= 1
    first = name_left(tokens, s) if s >= 0 else 0
    if s < 0 or first > s or k - s > _MAX_AUX_GAP:
        return ""
    subject = text[tokens.starts[first]:tokens.end(s)]
    rest = text[tokens.starts[k]:span[1]]
    return " ".join(f"{subject} {rest}".split())


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
    if first <= s and first >= 2 and lowers[first - 1] in _TOPIC_WORDS \
            and _noun_like(tokens, first - 2):
        first = _noun_phrase_left(tokens, first - 2)  # "the envoy's visit to | Chile"
        words = text[starts[first]:tokens.end(s)].split()
        return (starts[first], end), " ".join(words)[:1].upper() + " ".join(words)[1:]
    if first <= s:
        return (starts[first], end), render(text, tokens, Phrase(first, s, s, (), s), MAX_TITLE)
    first = _noun_phrase_left(tokens, s)
    if first < s or (s > 0 and tokens.kinds[s] == WORD and lowers[s - 1] in DETERMINERS):
        words = text[starts[first]:tokens.end(s)].split()
        return (starts[first], end), " ".join(words)[:1].upper() + " ".join(words)[1:]
    return (0, 0), ""


def _noun_phrase_left(tokens: Tokens, s: int) -> int:
    """The first word (after its determiner) of the noun phrase ending at
    token ``s``, through a topic (``the U.S. Senate's debate on the bill``
    from ``bill``); ``s`` itself when the phrase is a single word."""
    lowers, kinds = tokens.lowers, tokens.kinds
    if not _noun_like(tokens, s):
        return s  # "that", "which": no noun ends here
    first, j = s, s - 1
    while j >= 0 and s - j <= _MAX_SUBJECT_TOKENS and kinds[j] == WORD:
        low = lowers[j]
        if low in _TOPIC_WORDS and j >= 1 and _noun_like(tokens, j - 1):
            first, j = j - 1, j - 2  # "Accord on | coral reefs"
            continue
        if low in DETERMINERS:
            # A determiner ends the phrase, unless a topic word ties it to
            # a noun before ("debate on | the bill").
            if j >= 2 and lowers[j - 1] in _TOPIC_WORDS and _noun_like(tokens, j - 2):
                first, j = j - 2, j - 3
                continue
            break
        if not _noun_like(tokens, j):
            break
        first, j = j, j - 1
    return first


def _noun_like(tokens: Tokens, j: int) -> bool:
    """Whether token ``j`` can be part of a noun phrase: a capitalised word
    or a lower-case word that may describe a noun."""
    return tokens.kinds[j] == WORD and tokens.lowers[j] not in DETERMINERS and (
        tokens.caps[j] or is_modifier(tokens, j))


def anaphora_candidates(text: str, sentence: Span, tokens: Tokens) -> list[Candidate]:
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
    suffix = hosted_suffix(text, tokens, 3, first_date)
    if suffix and len(rendered) + len(suffix) <= MAX_TITLE:
        rendered += suffix
    title = make_title(rendered, noun, ORDINALS.get(tokens.lowers[1]), kinds.kind_of_head(noun))
    return [Candidate(tokens.starts[0], tokens.end(first_date), False, title)]


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


def hosted_suffix(text: str, tokens: Tokens, lo: int, hi: int) -> str:
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
