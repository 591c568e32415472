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

from typing import NamedTuple

from timeline.events.places import is_place
from timeline.events.tokens import ACRONYM, WORD, Tokens, is_ordinal_number
from timeline.events.vocab import (
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
_MAX_TOPIC_WORDS = 6
_OPEN_ENDS = CONNECTORS | wordset("the a an in at with between over about among")
_TOPIC_OPENERS = wordset("on of for between with over about against among")
_MAX_EXTENT_TOKENS = 30
_CONNECTOR_WORDS = CONNECTORS | {"in"}  # the words _connector_target can start from


class Phrase(NamedTuple):
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


def is_modifier(tokens: Tokens, i: int) -> bool:
    """A lower-case word that may describe a lower-case event noun."""
    low = tokens.lowers[i]
    if tokens.kinds[i] != WORD or low in STOP_LEFT or low in DETERMINERS:
        return False
    if low.endswith(("ly", "ed")) or (low.endswith("ing") and low not in _ING_NOUNS):
        return False
    return low.isascii() and not low[0].isdigit()


def is_ordinal(tokens: Tokens, i: int) -> bool:
    """``fifth``, ``Inaugural``, ``10th``."""
    return tokens.kinds[i] == WORD and (tokens.lowers[i] in ORDINALS
                                        or is_ordinal_number(tokens.texts[i]))


def is_name_word(tokens: Tokens, i: int) -> bool:
    """A capitalised word or an acronym that can be part of a name."""
    return tokens.kinds[i] == ACRONYM or (tokens.caps[i] and tokens.lowers[i] not in DETERMINERS)


def walk_left(tokens: Tokens, head: int) -> int:
    """Index of the first token of the phrase ending at ``head``."""
    texts, kinds, lowers, caps = tokens.texts, tokens.kinds, tokens.lowers, tokens.caps
    head_cap = caps[head]
    first, lower_mods, j = head, 0, head - 1
    while j >= 0:
        kind, low = kinds[j], lowers[j]
        if kind == ACRONYM or (kind == WORD and (
                low in ORDINALS or (low[:1].isdecimal() and is_ordinal_number(texts[j])))):
            first = j  # an ordinal: is_ordinal() written out, this loop being hot
        elif kind != WORD or low in DETERMINERS:
            break
        elif caps[j]:
            if j == 0 and low in _SENTENCE_OPENERS:
                break
            first = j
        elif low in _LEFT_JOINERS and j > 0 and caps[j - 1] and first < head:
            pass  # "Government and Business Forum": keep walking, never start on it
        elif not head_cap and lower_mods < _MAX_LOWER_MODIFIERS and is_modifier(tokens, j):
            first, lower_mods = j, lower_mods + 1
        else:
            break
        j -= 1
    return first


def walk_right(tokens: Tokens, head: int) -> tuple[int, tuple[int, ...], int]:
    """The phrase from ``head`` rightwards: its ``last``, ``cuts`` and
    ``reach`` (see :class:`Phrase`)."""
    kinds, lowers, caps = tokens.kinds, tokens.lowers, tokens.caps
    head_cap = named_head(tokens, head)
    last, cuts, k, n = head, [], head + 1, len(tokens.texts)
    while k < n:
        # A capitalised word right after the head is more often the next
        # sentence or heading ("2017 Workshops Members ...") than the name,
        # so name words count only once the name has gone past its head.
        if kinds[k] == ACRONYM or (caps[k] and lowers[k] not in CONNECTORS
                                   and last > head and lowers[k] != "the"):
            last, k = k, k + 1
            continue
        if last == k - 1 and caps[last] and _is_name_number(tokens, k):
            last, k = k, k + 1  # "Board 12", "Bali II"-style numbered names
            continue
        if lowers[k] not in _CONNECTOR_WORDS:
            break
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
        last = topic_end(tokens, head)
        reach = last
    return last, tuple(cuts), reach


def _is_name_number(tokens: Tokens, k: int) -> bool:
    """A short number that belongs to the name before it."""
    text = tokens.texts[k]
    return tokens.kinds[k] == WORD and text.isdigit() and len(text) <= 3


def _connector_target(tokens: Tokens, k: int) -> int:
    """If token ``k`` is a connector leading to a capitalised word, the index
    of that word; otherwise -1."""
    lowers, n = tokens.lowers, len(tokens.texts)
    low = lowers[k]
    if low not in _CONNECTOR_WORDS or tokens.kinds[k] != WORD:
        return -1
    m = k + 1
    if m < n and lowers[m] == "the" and low in _THE_AFTER:
        m += 1
    if m >= n or not is_name_word(tokens, m):
        return -1
    if low == "in" and _place_ahead(tokens, m):
        return -1
    return m


def _place_ahead(tokens: Tokens, m: int) -> bool:
    """Whether the capitalised run at ``m`` names a place (``in Sydney``,
    ``in Kuala Lumpur, Malaysia``): such an ``in`` ends a name."""
    caps, n = tokens.caps, len(tokens.texts)
    run: list[str] = []
    for j in range(m, min(m + 3, n)):
        if not caps[j]:
            break
        run.append(tokens.texts[j])
        if is_place(" ".join(run)):
            return True
    end = m + len(run)
    return end + 1 < n and tokens.texts[end] == "," and caps[end + 1]


def _list_goes_on(tokens: Tokens, k: int) -> bool:
    """A comma then another capitalised word: the name continues as a list."""
    return k + 1 < len(tokens.texts) and tokens.texts[k] == "," and tokens.caps[k + 1]


def _reach(tokens: Tokens, k: int) -> int:
    """The last token of the capitalised list starting at ``k`` (a comma)."""
    kinds, lowers, caps = tokens.kinds, tokens.lowers, tokens.caps
    end = k
    for j in range(k, min(len(tokens.texts), k + _MAX_EXTENT_TOKENS)):
        if not (caps[j] or kinds[j] == ACRONYM or tokens.texts[j] == ","
                or lowers[j] in CONNECTORS or lowers[j] == "in"):
            break
        end = j
    while end > k and not (caps[end] or kinds[end] == ACRONYM):
        end -= 1
    return end


def topic_end(tokens: Tokens, head: int) -> int:
    """Last token of a short topic after a lower-case head (``workshop on
    biometrics``, ``meeting of senior officials``, ``talks between Cambodia
    and Thailand``)."""
    kinds, lowers, caps, n = tokens.kinds, tokens.lowers, tokens.caps, len(tokens.texts)
    if head + 1 >= n or lowers[head + 1] not in _TOPIC_OPENERS:
        return head
    pair = lowers[head + 1] == "between"  # "between A and B" takes its "and"
    last, k = head, head + 2
    if k < n and lowers[k] == "the":
        k += 1
    while k < n and k - head - 1 <= _MAX_TOPIC_WORDS:
        low = lowers[k]
        if pair and low == "and" and last > head:
            pair, k = False, k + 2 if k + 1 < n and lowers[k + 1] == "the" else k + 1
            continue
        if kinds[k] not in (WORD, ACRONYM) or low in TOPIC_STOP or low.endswith("ed"):
            break
        if low.endswith("ing") and low not in _ING_NOUNS and _takes_object(tokens, k):
            break  # "on biometrics covering the region": a verb, not a noun
        if last > head and (caps[last] or kinds[last] == ACRONYM) and not caps[k] \
                and kinds[k] != ACRONYM and low not in CONNECTORS:
            break  # a name has ended: a lower-case word after it is the verb
        last, k = k, k + 1
    while last > head + 1 and lowers[last] in _OPEN_ENDS:
        last -= 1  # "workshop on biometrics on" ends before its "on"
    return last


def _takes_object(tokens: Tokens, k: int) -> bool:
    """Whether the word at ``k`` is followed by a determiner (its object)."""
    return k + 1 < len(tokens.texts) and tokens.lowers[k + 1] in DETERMINERS


def named_head(tokens: Tokens, head: int) -> bool:
    """Whether a capitalised event noun is part of a name: not when only its
    place at the start of the sentence makes it capitalised (``Workshops
    were held``), unless a name goes on after it (``Summit Meeting``)."""
    if not tokens.caps[head]:
        return False
    if head > 0:
        return True
    return head + 1 < len(tokens.texts) and is_name_word(tokens, head + 1)


def name_right(tokens: Tokens, k: int) -> int:
    """Last token of a name starting at ``k`` (capitalised words, acronyms,
    connectors between them); ``k - 1`` when no name starts there."""
    kinds, lowers, caps, n = tokens.kinds, tokens.lowers, tokens.caps, len(tokens.texts)
    if k >= n or not is_name_word(tokens, k):
        return k - 1
    last, j = k, k + 1
    while j < n:
        if kinds[j] == ACRONYM or (caps[j] and lowers[j] not in DETERMINERS):  # a name word
            last, j = j, j + 1
            continue
        if lowers[j] not in _CONNECTOR_WORDS:
            break
        target = _connector_target(tokens, j)
        if target < 0:
            break
        last, j = target, target + 1
    return last


def name_left(tokens: Tokens, k: int) -> int:
    """First token of a name ending at ``k``; ``k + 1`` when none ends there."""
    if k < 0 or not is_name_word(tokens, k):
        return k + 1
    lowers = tokens.lowers
    first, j = k, k - 1
    while j >= 0:
        low = lowers[j]
        if is_name_word(tokens, j) and not (j == 0 and low in _SENTENCE_OPENERS):
            first = j
        elif not ((low in CONNECTORS or low == "in") and j > 0 and is_name_word(tokens, j - 1)):
            break
        j -= 1
    return first
