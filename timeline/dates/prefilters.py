"""The tagger's look-up tables, made from the records in :mod:`forms`.

Python's regex engine is slow at trying a large grammar at every character,
so the tagger (:mod:`temporal`) only looks where something date-like stands
and only tries the forms that can start there:

* ``FORMS_BY_FIRST``: for each lowercase character, the forms whose pattern
  can start with it, read off the parsed pattern itself;
* ``DIGIT_ANCHOR``: numbers of four digits, or of up to three followed by what
  some form allows after a short number (``29-30``, ``5 March``, ``'90s``);
* ``WORD_ANCHOR``: the anchor words of every form, at word starts, in a copy
  of the text that keeps only the letters a-z (``LETTERS_ONLY``;
  ``WORD_ANCHOR_AT_START`` at the text's start);
* ``LEAD_WORDS``: the words that may open an expression before its anchor.

Nothing here is kept by hand: a form's record is the one place to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from timeline.dates.forms import FORMS, Form, Handler
from timeline.dates.patterns import FLAGS

_DIGITS = "0123456789"


class UnboundedStartError(ValueError):
    """A pattern can start with any character (``.``, ``\\w``, a negated set):
    it would have to be tried everywhere, which the tagger is built to avoid."""


def start_chars(form: Form) -> frozenset[str]:
    """The lowercase characters a match of ``form`` can start with."""
    chars, nullable = _first_of_sequence(sre_parse.parse(form.regex.pattern, FLAGS))
    if nullable:
        raise UnboundedStartError(f"{form.name} can match the empty string")
    return frozenset(char.lower() for char in chars)


def _first_of_sequence(items: Iterable[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """First characters of a sequence of parsed items, and whether all of it can
    match nothing (then whatever follows can come first)."""
    chars: set[str] = set()
    for op, arg in items:
        first, nullable = _first_of_item(op, arg)
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_item(op: Any, arg: Any) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {chr(arg)}, False
    if op is sre.IN or op is sre.CATEGORY:
        return _first_of_set(arg if op is sre.IN else [(op, arg)]), False
    if op is sre.SUBPATTERN:
        return _first_of_sequence(arg[-1])
    if op is sre.ATOMIC_GROUP:
        return _first_of_sequence(arg)
    if op is sre.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alternative in arg[1]:
            first, empty = _first_of_sequence(alternative)
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = arg
        first, empty = _first_of_sequence(body)
        return first, empty or low == 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # zero-width: a look-around or \b consumes nothing
    raise UnboundedStartError(f"cannot list the characters {op} may start with")


def _first_of_set(items: Iterable[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
            chars.update(_DIGITS)
        else:
            raise UnboundedStartError(f"cannot list the characters {op} {arg} may start with")
    return chars


def _word_trie(words: Sequence[str]) -> str:
    """A regex for ``words``, branching on the first letter: Python's engine
    tries alternatives in turn, so fewer branches scan faster.

    The words must be of lower-case ASCII letters: :data:`WORD_ANCHOR`
    reads a copy of the text that keeps no other character."""
    odd = [word for word in words if not (word.isascii() and word.isalpha() and word.islower())]
    if odd:
        raise ValueError(f"anchor words must be lower-case letters: {odd}")
    groups: dict[str, set[str]] = {}
    for word in words:
        groups.setdefault(word[0], set()).add(word[1:])
    branches = "|".join(f"{first}(?:{'|'.join(sorted(rest, key=lambda r: (-len(r), r)))})"
                        for first, rest in sorted(groups.items()))
    return f"(?:{branches})"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


Tried = tuple[str, re.Pattern[str], Handler]
"""A form as the tagger's inner loop takes it: name, compiled pattern, handler."""

FORMS_BY_FIRST: dict[str, tuple[Tried, ...]] = {}
for _form in FORMS:
    for _char in sorted(start_chars(_form)):
        FORMS_BY_FIRST.setdefault(_char, ())
        FORMS_BY_FIRST[_char] += ((_form.name, _form.regex, _form.handler),)

ANCHOR_WORDS = _unique(word for form in FORMS for word in form.anchors.split())
_ANCHOR_TRIE = _word_trie(ANCHOR_WORDS)
# An anchor word at a word start is one after a character that is not a
# letter. The scan reads the lower-case text with every character but a-z
# made a space (:data:`LETTERS_ONLY`), so that the pattern opens with a
# literal space: the engine finds that far faster than a character set, and
# a pattern opening with a look-behind is run at every character. A match
# ends where its word starts.
WORD_ANCHOR = re.compile(rb" (?=" + _ANCHOR_TRIE.encode("ascii") + rb")")
LETTERS_ONLY = bytes(code if 0x61 <= code <= 0x7A else 0x20 for code in range(256))
"""The table that makes every byte but a-z a space, for :data:`WORD_ANCHOR`'s
input: the text encoded as ASCII with each other character replaced by one
byte, so offsets stay those of the text."""
WORD_ANCHOR_AT_START = re.compile(_ANCHOR_TRIE)
"""An anchor word opening the text, which has no character before it."""
LEAD_WORDS = frozenset(word for form in FORMS for word in form.leads.split())

_AFTER_NUMBER = "|".join(_unique(part for form in FORMS for part in form.after_number))
_BEFORE_NUMBER = "".join(f"|(?<={re.escape(part)}\\d)\\d{{0,2}}(?!\\d)"
                         for form in FORMS for part in form.before_number)
# A run of digits that may belong to a date: four digits, or up to three followed
# by something date-like (or preceded by it: AD 43). Opens with a digit so the
# engine skips other text in C: an ASCII digit or any character outside ASCII,
# then the look-behind keeps the digits (\d) among them. The engine tests a set
# of ranges faster than it tests \d itself, and outside ASCII few characters
# are met in English text.
DIGIT_ANCHOR = re.compile(
    rf"(?-i:[^\x00-/:-\x7f])(?<=\d)(?<!\d\d)"
    rf"(?:\d\d\d(?!\d)|\d{{0,2}}(?!\d)(?=(?:st|nd|rd|th)?(?:{_AFTER_NUMBER}))"
    rf"{_BEFORE_NUMBER})",
    FLAGS)
