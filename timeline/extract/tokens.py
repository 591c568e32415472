"""Word tokens of one sentence, for titles and actors.

A sentence is cut into words, parenthesised acronyms (``(AHG)``,
``(AHG SOM)``) and single punctuation marks. Tokens overlapping a date
expression are marked so that no phrase walks through a date. In a heading
written in capitals every line break is a token too: the lines of a title
block are separate phrases.

Tokens are kept as parallel lists (:class:`Tokens`) rather than one object
per token: building and reading per-token objects was most of the cost of
titling a sentence, and most tokens are never looked at again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import itemgetter

from timeline.model import Span

WORD, ACRONYM, PUNCT, DATE, BREAK = "word", "acronym", "punct", "date", "break"

_TOKEN = (
    r"\w[\w&/’'\-]*(?:\.\w[\w&/’'\-]*)*"  # a word
    r"|\([A-Z][A-Za-z0-9&\-]*[A-Z0-9]s?(?: [A-Z][A-Za-z0-9&\-]*[A-Z0-9])?\)"  # (ACRONYM)
    r"|[^\w\s]"  # one punctuation mark
)
# Each token with the whitespace before it: every character is either
# whitespace or starts a token, so the lengths alone give the offsets and no
# match object is ever built. In a heading a line break is a token too.
_SPACED = re.compile(r"(\s*)(" + _TOKEN + ")")
_SPACED_HEADING = re.compile(r"([^\S\n]*)(" + _TOKEN + r"|\n)")
_ORDINAL_NUMBER = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
_ROMAN = re.compile(r"[IVX]{1,4}")
_POSSESSIVE = ("’s", "'s", "’", "'")


@dataclass(slots=True)
class Tokens:
    """One sentence's tokens; token ``i`` is ``texts[i]`` at absolute offsets
    ``starts[i]``..``ends[i]``, of kind ``kinds[i]``. The facts every walk
    asks about are worked out once: ``bares[i]`` is a word without a
    possessive ending, ``lowers[i]`` that in lower case (other tokens as
    written), ``caps[i]`` whether it is a word opening with a capital letter
    (Bali, AHG, Co-Chairs). ``heading`` tells a sentence written in capitals."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    kinds: list[str]
    bares: list[str]
    lowers: list[str]
    caps: list[bool]
    heading: bool = False

    def __len__(self) -> int:
        return len(self.texts)

    def is_acronym(self, i: int) -> bool:
        """A parenthesised acronym or a bare word in capitals (``IOM``, ``VRS-MSRC``)."""
        if self.kinds[i] == ACRONYM:
            return True
        text = self.texts[i]
        if not self.caps[i] or len(text) < 2 or not text[1].isupper():
            return False
        core = bare(text)
        return (core.replace("-", "").replace("&", "").isupper()
                and not _ROMAN.fullmatch(core))

    def acronym(self, i: int) -> str:
        """Token ``i``'s acronym letters without parentheses or possessive."""
        return bare(self.texts[i].strip("()"))


def bare(word: str) -> str:
    """``word`` without a possessive ending (``Australia’s`` → ``Australia``)."""
    if "’" not in word and "'" not in word:
        return word
    for ending in _POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


def is_ordinal_number(word: str) -> bool:
    """``4th``, ``10th``, ``21st``."""
    return _ORDINAL_NUMBER.fullmatch(word) is not None


def is_caps_text(text: str) -> bool:
    """Whether ``text`` is written in capitals (a heading)."""
    return text.isupper()


def positions(words: Sequence[str], wanted: frozenset[str] | set[str]) -> list[int]:
    """Indexes of the items of ``words`` that are in ``wanted``; most
    sentences hold none, which the set test finds without a Python loop."""
    if wanted.isdisjoint(words):
        return []
    return [i for i, w in enumerate(words) if w in wanted]


def tokenize(text: str, span: Span, dates: Sequence[Span] = ()) -> Tokens:
    """Tokens of ``text[span[0]:span[1]]`` with absolute offsets; each span in
    ``dates`` becomes one DATE token."""
    start, end = span
    heading = is_caps_text(text[start:end])
    pattern = _SPACED_HEADING if heading else _SPACED
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    at_dates: list[int] = []
    pos = start
    for d0, d1 in sorted(dates):
        if d0 < pos or d0 >= end:
            continue  # overlapping or outside the span
        _scan(pattern, text, pos, d0, (starts, ends, texts))
        at_dates.append(len(texts))
        starts.append(d0)
        ends.append(d1)
        texts.append(".")  # a stand-in until the facts are in: a date may be empty
        pos = d1
    _scan(pattern, text, pos, end, (starts, ends, texts))
    kinds, bares, lowers, caps = _facts(texts, "’" in text[start:end] or "'" in text[start:end])
    for i in at_dates:
        texts[i] = bares[i] = lowers[i] = text[starts[i]:ends[i]]
        kinds[i] = DATE
    return Tokens(starts, ends, texts, kinds, bares, lowers, caps, heading)


def _scan(pattern: re.Pattern[str], text: str, start: int, end: int,
          into: tuple[list[int], list[int], list[str]]) -> None:
    """Append the offsets and texts of the tokens of ``text[start:end]`` to
    ``into``: one ``findall`` gives (whitespace, token) pairs and the running
    sum of their lengths the offsets."""
    pieces = list(chain.from_iterable(pattern.findall(text, start, end)))
    offsets = list(accumulate(map(len, pieces), initial=start))
    starts, ends, texts = into
    starts += offsets[1::2]
    ends += offsets[2::2]
    texts += pieces[1::2]


def _facts(texts: list[str],
           apostrophes: bool) -> tuple[list[str], list[str], list[str], list[bool]]:
    """Kinds, bare forms, lower-case forms and capital flags of token texts.

    A word is a token opening with a word character (``\\w``: alphanumeric or
    ``_``). Most tokens are words, so the lists are built for words with
    ``map`` (no Python step per token) and the other tokens are put right
    afterwards; only possessives need ``bare``, and only a sentence with an
    apostrophe can hold one.
    """
    others = [i for i, w in enumerate(texts) if not w[0].isalnum() and w[0] != "_"]
    kinds = [WORD] * len(texts)
    bares = list(map(bare, texts)) if apostrophes else texts
    lowers = list(map(str.lower, bares))
    caps = list(map(str.isupper, map(itemgetter(0), texts)))
    for i in others:
        token = texts[i]
        kinds[i] = _other_kind(token)
        lowers[i] = token
        caps[i] = False
    return kinds, bares, lowers, caps


def _other_kind(token: str) -> str:
    """The kind of a token that is not a word."""
    if token == "\n":
        return BREAK
    return ACRONYM if len(token) > 1 else PUNCT
