"""A date that modifies a noun names the event it belongs to.

In "the steepest drop since the 1987 crash" the year is not when the drop
happened: it tells which crash. A date standing between a determiner (or a
possessive) and lower-case words is such a modifier, and the words after it,
up to the noun they lead to, are its event: ``the 1987 crash`` → ``Crash``,
``the 2015 reform of pensions`` → ``Reform of pensions``, ``its 2019 annual
report`` → ``Annual report``. A capitalised name after the date (``the 2011
Bali Conference``) is left to the event phrases, which name it whole.
"""

from __future__ import annotations

from timeline.events import kinds
from timeline.events.candidates import MAX_TITLE, Title, make_title
from timeline.events.phrases import is_modifier, topic_end
from timeline.events.tokens import WORD, Tokens
from timeline.events.vocab import DETERMINERS, STOP_LEFT, TOPIC_STOP, singular, wordset
from timeline.events.wording import finish, shorten
from timeline.model import Span

# Words that follow a date without being what it modifies ("the 1990s onwards").
_NOT_NOUNS = wordset("""
    onwards onward ago later earlier before after then now yet still again too
    alone only even
""")
_MAX_WORDS = 3
# The words that tie a date to the noun before it, and the prepositions
# that make that noun phrase a side phrase of the sentence.
_DATE_PREPOSITIONS = wordset("in on of during from")
_SIDE_PREPOSITIONS = wordset("""
    after before since following until till despite amid amidst like than
""")
_RELATIVES = wordset("that which")
_SIDE_OR_RELATIVE = _SIDE_PREPOSITIONS | _RELATIVES
_SIDE_REACH = _MAX_WORDS + 3  # preposition, determiner, words, noun
_RELATIVE_VERBS = wordset("""
    began begun started broke struck occurred happened erupted ended opened
""")
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
# What a period's figures are called: "third-quarter revenue", "2019 profit".
FIGURE_NOUNS = wordset("""
    results earnings profit profits sales revenue revenues loss losses turnover income
    dividend output deliveries shipments
""")
_MAX_OWNER_WORDS = 5


def side_title(text: str, tokens: Tokens, date: Span) -> Title | None:
    """The title of the noun phrase ``date`` modifies or completes (see
    :func:`dated_noun` and :func:`complemented_noun`), or None. The word
    before the date tells which can apply, so most dates cost one look-up."""
    i = tokens.date_at(date[0])
    if i <= 0:
        return None
    if tokens.lowers[i - 1] in _DATE_PREPOSITIONS:
        return complemented_noun(text, tokens, i)
    return dated_noun(text, tokens, i)


def dated_noun(text: str, tokens: Tokens, i: int) -> Title | None:
    """The title of the noun phrase the date at token ``i`` modifies, or
    None when the date is no such modifier. A period's figures ("reported
    third-quarter revenue", "Acme's 2019 profit") take whose they are."""
    if i <= 0:
        return None
    figure = i + 1 < len(tokens) and tokens.lowers[i + 1] in FIGURE_NOUNS
    if not (figure or _opens_noun_phrase(tokens, i - 1)):
        return None
    noun_end = _noun_run_end(tokens, i + 1)
    if noun_end <= i:
        return None
    last = max(noun_end, topic_end(tokens, noun_end))
    words = text[tokens.starts[i + 1]:tokens.end(last)]
    owner = _owner(text, tokens, i - 1) if figure else ""
    rendered = shorten(finish(f"{owner} {words}" if owner else words), MAX_TITLE)
    noun = singular(tokens.lowers[noun_end])
    return make_title(rendered, noun, None, kinds.kind_of_head(noun))


def _owner(text: str, tokens: Tokens, j: int) -> str:
    """Whose figures they are: a possessive name at token ``j`` ("Acme's"),
    or the name that opens the sentence when token ``j`` is its verb
    ("Kenya Ports Authority reported"); "" when neither."""
    if tokens.caps[j] and tokens.texts[j].endswith(_POSSESSIVE_ENDS):
        return tokens.texts[j]
    if j < 1 or tokens.caps[j] or tokens.kinds[j] != WORD:
        return ""
    first = j - 1
    while first > 0 and tokens.caps[first - 1] and tokens.kinds[first - 1] == WORD:
        first -= 1
    if first != 0 or not tokens.caps[j - 1] or j - first > _MAX_OWNER_WORDS:
        return ""
    return text[tokens.starts[first]:tokens.end(j - 1)]


def _opens_noun_phrase(tokens: Tokens, j: int) -> bool:
    """Whether token ``j`` can open a noun phrase the next token goes on:
    a determiner or a possessive (``the``, ``its``, ``Mehta's``)."""
    if tokens.kinds[j] != WORD:
        return False
    return tokens.lowers[j] in DETERMINERS or tokens.texts[j].endswith(_POSSESSIVE_ENDS)


def _noun_run_end(tokens: Tokens, k: int) -> int:
    """The last of up to three lower-case words from token ``k`` that can
    make a noun phrase (no verb, adverb or function word), ``k - 1`` if none."""
    kinds, lowers, caps, n = tokens.kinds, tokens.lowers, tokens.caps, len(tokens)
    last = k - 1
    for j in range(k, min(n, k + _MAX_WORDS)):
        low = lowers[j]
        if kinds[j] != WORD or caps[j] or not low[:1].isalpha():
            break
        if low in STOP_LEFT or low in TOPIC_STOP or low in DETERMINERS or low in _NOT_NOUNS:
            break
        if low.endswith(("ly", "ed")):
            break
        last = j
    return last


def complemented_noun(text: str, tokens: Tokens, i: int) -> Title | None:
    """The title of a noun phrase the date at token ``i`` completes inside a
    side phrase:
    ``after the accident in June 2021`` → ``Accident``, ``since the great
    fire of 1666`` → ``Great fire``, ``after a refurbishment that began in
    2018`` → ``Refurbishment``; None when the date is no such complement.

    The noun phrase must be the object of a preposition of time or cause
    (``after``, ``since`` ...) or carry the date in a relative clause
    (``that began``): then the sentence's own verb is another event, and
    the date tells when this one happened."""
    k = i - 1
    if k < 1 or tokens.lowers[k] not in _DATE_PREPOSITIONS:
        return None
    # Neither a side preposition nor a relative pronoun shortly before: no
    # need to look further (most dates after "in" or "on").
    if _SIDE_OR_RELATIVE.isdisjoint(tokens.lowers[max(0, k - _SIDE_REACH):k]):
        return None
    k -= 1
    relative = k >= 2 and tokens.lowers[k] in _RELATIVE_VERBS \
        and tokens.lowers[k - 1] in _RELATIVES
    if relative:
        k -= 3 if tokens.texts[k - 2] == "," else 2
    first = _noun_phrase_start(tokens, k)
    if first < 0:
        return None
    if not relative and (first < 2 or tokens.lowers[first - 2] not in _SIDE_PREPOSITIONS):
        return None
    rendered = shorten(finish(text[tokens.starts[first]:tokens.end(k)]), MAX_TITLE)
    noun = singular(tokens.lowers[k])
    return make_title(rendered, noun, None, kinds.kind_of_head(noun))


def _noun_phrase_start(tokens: Tokens, k: int) -> int:
    """The first word after the determiner of the lower-case noun phrase
    ending at token ``k`` (``the great fire``), -1 when there is none."""
    if k < 1 or tokens.kinds[k] != WORD or tokens.caps[k] or tokens.lowers[k] in STOP_LEFT:
        return -1
    first = k
    while first - 1 >= 0 and k - first < _MAX_WORDS and is_modifier(tokens, first - 1):
        first -= 1
    d = first - 1
    if d < 0 or tokens.lowers[d] not in DETERMINERS:
        return -1
    return first
