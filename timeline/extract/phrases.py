"""Noun phrases around an event noun, found by walking tokens left and right.

``Fourth Bali Regional Ministerial Conference on People Smuggling, ...``:
from the head ``Conference`` the walk goes left over capitalised words and
ordinals (``Fourth Bali Regional Ministerial``) and right over connectors
followed by capitalised words (``on People Smuggling``). A comma followed by
another capitalised word means the name goes on as a list the walk cannot
follow, so the tail is cut back to before its last connector. Lower-case
heads take a few lower-case modifiers on the left (``a pilot workshop``) and
a short lower-case topic on the right (``a workshop on biometrics``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.extract.places import is_place
from timeline.extract.tokens import ACRONYM, DATE, WORD, Token, is_ordinal_number
from timeline.extract.vocab import (
    CONNECTORS,
    DETERMINERS,
    ORDINALS,
    STOP_LEFT,
    TOPIC_STOP,
    wordset,
)

_LEFT_JOINERS = wordset("and of for &")
_THE_AFTER = wordset("of on for to by against")
_SENTENCE_OPENERS = wordset("""
    in on at during since from after before by with for following under as while when
    although however following between until of to
""")
_ING_NOUNS = wordset("training planning funding building meeting mapping trafficking")
_MAX_LOWER_MODIFIERS = 4
_MAX_TOPIC_WORDS = 4
_MAX_EXTENT_TOKENS = 30


@dataclass(frozen=True, slots=True)
class Phrase:
    """Tokens ``first``..``last`` (inclusive) of a phrase around a head.

    ``cuts`` are token indexes at which the tail may be cut (the phrase then
    ends at that index), ``reach`` the last token the walk looked at, which
    still belongs to the name in the text even when the title leaves it out.
    """

    first: int
    head: int
    last: int
    cuts: tuple[int, ...]
    reach: int


def is_modifier(token: Token) -> bool:
    """A lower-case word that may describe a lower-case event noun."""
    low = token.lower
    if token.kind != WORD or low in STOP_LEFT or low in DETERMINERS:
        return False
    if low.endswith(("ly", "ed")) or (low.endswith("ing") and low not in _ING_NOUNS):
        return False
    return low.isascii() and not low[0].isdigit()


def is_ordinal(token: Token) -> bool:
    """``fifth``, ``Inaugural``, ``10th``."""
    return token.kind == WORD and (token.lower in ORDINALS or is_ordinal_number(token.text))


def is_name_word(token: Token) -> bool:
    """A capitalised word or an acronym that can be part of a name."""
    return token.kind == ACRONYM or (token.capitalised and token.lower not in DETERMINERS)


def walk_left(tokens: Sequence[Token], head: int) -> int:
    """Index of the first token of the phrase ending at ``head``."""
    head_cap = tokens[head].capitalised
    first, lower_mods, j = head, 0, head - 1
    while j >= 0:
        t = tokens[j]
        if t.kind == ACRONYM or is_ordinal(t):
            first = j
        elif t.kind != WORD or t.lower in DETERMINERS:
            break
        elif t.capitalised:
            if j == 0 and t.lower in _SENTENCE_OPENERS:
                break
            first = j
        elif t.lower in _LEFT_JOINERS and j > 0 and tokens[j - 1].capitalised and first < head:
            pass  # "Government and Business Forum": keep walking, never start on it
        elif not head_cap and lower_mods < _MAX_LOWER_MODIFIERS and is_modifier(t):
            first, lower_mods = j, lower_mods + 1
        else:
            break
        j -= 1
    return first


def walk_right(tokens: Sequence[Token], head: int) -> Phrase:
    """The phrase from ``head`` rightwards (its ``first`` is ``head``)."""
    head_cap = tokens[head].capitalised
    last, cuts, k, n = head, [], head + 1, len(tokens)
    while k < n:
        t = tokens[k]
        # A capitalised word right after the head is more often the next
        # sentence or heading ("2017 Workshops Members ...") than the name,
        # so name words count only once the name has gone past its head.
        if t.kind == ACRONYM or (t.capitalised and t.lower not in CONNECTORS
                                 and last > head and t.lower != "the"):
            last, k = k, k + 1
            continue
        if last == k - 1 and _is_name_number(t) and tokens[last].capitalised:
            last, k = k, k + 1  # "Board 12", "Bali II"-style numbered names
            continue
        target = _connector_target(tokens, k)
        if target < 0:
            break
        cuts.append(last)
        last, k = target, target + 1
    reach = last
    if cuts and _list_goes_on(tokens, k):
        last = cuts[-1]
        reach = _reach(tokens, k)
    elif last == head and not head_cap:
        last = _topic_end(tokens, head)
        reach = last
    return Phrase(head, head, last, tuple(cuts), reach)


def _is_name_number(token: Token) -> bool:
    """A short number that belongs to the name before it."""
    return token.kind == WORD and token.text.isdigit() and len(token.text) <= 3


def _connector_target(tokens: Sequence[Token], k: int) -> int:
    """If ``tokens[k]`` is a connector leading to a capitalised word, the index
    of that word; otherwise -1."""
    t, n = tokens[k], len(tokens)
    low = t.lower
    if t.kind != WORD or (low not in CONNECTORS and low != "in"):
        return -1
    m = k + 1
    if m < n and tokens[m].lower == "the" and low in _THE_AFTER:
        m += 1
    if m >= n or not is_name_word(tokens[m]):
        return -1
    if low == "in" and _place_ahead(tokens, m):
        return -1
    return m


def _place_ahead(tokens: Sequence[Token], m: int) -> bool:
    """Whether the capitalised run at ``m`` names a place (``in Sydney``,
    ``in Kuala Lumpur, Malaysia``): such an ``in`` ends a name."""
    run: list[str] = []
    for t in tokens[m:m + 3]:
        if not t.capitalised:
            break
        run.append(t.text)
        if is_place(" ".join(run)):
            return True
    end = m + len(run)
    return end + 1 < len(tokens) and tokens[end].text == "," and tokens[end + 1].capitalised


def _list_goes_on(tokens: Sequence[Token], k: int) -> bool:
    """A comma then another capitalised word: the name continues as a list."""
    return (k + 1 < len(tokens) and tokens[k].text == ","
            and tokens[k + 1].capitalised)


def _reach(tokens: Sequence[Token], k: int) -> int:
    """The last token of the capitalised list starting at ``k`` (a comma)."""
    end = k
    for j in range(k, min(len(tokens), k + _MAX_EXTENT_TOKENS)):
        t = tokens[j]
        if not (t.capitalised or t.kind == ACRONYM or t.text == ","
                or t.lower in CONNECTORS or t.lower == "in"):
            break
        end = j
    while end > k and not (tokens[end].capitalised or tokens[end].kind == ACRONYM):
        end -= 1
    return end


def _topic_end(tokens: Sequence[Token], head: int) -> int:
    """Last token of a lower-case topic after a lower-case head
    (``workshop on biometrics``, ``meeting of senior officials``)."""
    n = len(tokens)
    if head + 1 >= n or tokens[head + 1].lower not in ("on", "of", "for"):
        return head
    last, k = head, head + 2
    if k < n and tokens[k].lower == "the":
        k += 1
    while k < n and k - head - 1 <= _MAX_TOPIC_WORDS:
        t = tokens[k]
        if t.kind != WORD or t.lower in TOPIC_STOP or t.kind == DATE:
            break
        if t.lower.endswith("ed") or (t.lower.endswith("ing") and t.lower not in _ING_NOUNS):
            break
        last, k = k, k + 1
    return last


def name_right(tokens: Sequence[Token], k: int) -> int:
    """Last token of a name starting at ``k`` (capitalised words, acronyms,
    connectors between them); ``k - 1`` when no name starts there."""
    n = len(tokens)
    if k >= n or not is_name_word(tokens[k]):
        return k - 1
    last, j = k, k + 1
    while j < n:
        if is_name_word(tokens[j]):
            last, j = j, j + 1
            continue
        target = _connector_target(tokens, j)
        if target < 0:
            break
        last, j = target, target + 1
    return last


def name_left(tokens: Sequence[Token], k: int) -> int:
    """First token of a name ending at ``k``; ``k + 1`` when none ends there."""
    if k < 0 or not is_name_word(tokens[k]):
        return k + 1
    first, j = k, k - 1
    while j >= 0:
        t = tokens[j]
        if is_name_word(t) and not (j == 0 and t.lower in _SENTENCE_OPENERS):
            first = j
        elif not ((t.lower in CONNECTORS or t.lower == "in") and j > 0
                  and is_name_word(tokens[j - 1])):
            break
        j -= 1
    return first
