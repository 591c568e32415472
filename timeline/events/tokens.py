"""Word tokens of one sentence, for titles and actors.

A sentence is cut into words, parenthesised acronyms (``(AHG)``,
``(AHG SOM)``) and single punctuation marks. Tokens overlapping a date
expression are marked so that no phrase walks through a date. In a heading
written in capitals every line break is a token too: the lines of a title
block are separate phrases.

Tokens are kept as parallel lists (:class:`Tokens`) rather than one object
per token: building and reading per-token objects was most of the cost of
titling a sentence, and most tokens are never looked at again. For the same
reason a sentence is first cut at spaces, which costs next to nothing, and
only the pieces that are not plain words go through the token pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

from timeline.model import Span

WORD, ACRONYM, PUNCT, DATE, BREAK = "word", "acronym", "punct", "date", "break"

_TOKEN = (
    # A number with its separators and per cent sign ("2,000", "4.5%") and an
    # abbreviation with its dots ("U.S."), each one token: a title that keeps
    # only part of one ("3" of "3%") says something else.
    r"\d+(?:[.,]\d+)*+%?(?![\w&/’'\-])"
    r"|(?:[A-Za-z]\.){2,4}"
    r"|\w[\w&/’'\-]*(?:\.\w[\w&/’'\-]*)*"  # a word
    r"|\([A-Z][A-Za-z0-9&\-]*[A-Z0-9]s?(?: [A-Z][A-Za-z0-9&\-]*[A-Z0-9])?\)"  # (ACRONYM)
    r"|[^\w\s]"  # one punctuation mark
)
# Each token with the whitespace before it: every character is either
# whitespace or starts a token, so the lengths alone give the offsets and no
# match object is ever built. In a heading a line break is a token too.
_SPACED = re.compile(r"(\s*)(" + _TOKEN + ")")
_SPACED_HEADING = re.compile(r"([^\S\n]*)(" + _TOKEN + r"|\n)")
# The one token that holds a space: where it occurs, pieces between spaces
# are not tokens on their own and the pattern reads the whole stretch.
_TWO_PART_ACRONYM = re.compile(r"\([A-Z][A-Za-z0-9&\-]*[A-Z0-9]s? [A-Z][A-Za-z0-9&\-]*[A-Z0-9]\)")
# Characters that may go on a word: a piece ending in one is not "word + mark".
_WORD_GOES_ON = frozenset("_&/’'-")
# The marks most often found right after a word.
_MARKS_AFTER_WORDS = frozenset(",.;:)")
_ORDINAL_NUMBER = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
_ROMAN = re.compile(r"[IVX]{1,4}")
_POSSESSIVE = ("’s", "'s", "’", "'")
_CLAUSE_MARKS = frozenset(";:()[]–—\"“”")
_CLAUSE_MARKS_AND_COMMA = _CLAUSE_MARKS | {","}
_WORD_KINDS = frozenset((WORD, ACRONYM))


@dataclass(slots=True)
class Tokens:
    """One sentence's tokens; token ``i`` is ``texts[i]`` at absolute offset
    ``starts[i]``, of kind ``kinds[i]``. The facts every walk asks about are
    worked out once: ``bares[i]`` is a word without a possessive ending,
    ``lowers[i]`` that in lower case (other tokens as written), ``caps[i]``
    whether it is a word opening with a capital letter (Bali, AHG,
    Co-Chairs). ``heading`` tells a sentence written in capitals;
    ``date_ends`` maps the index of each date to its end offset, and
    ``in_parentheses`` lists the indexes of the parenthesised acronyms."""

    starts: list[int]
    texts: list[str]
    kinds: list[str]
    bares: list[str]
    lowers: list[str]
    caps: list[bool]
    heading: bool
    date_ends: dict[int, int]
    in_parentheses: list[int]
    # Worked out on first use, then shared by every date of the sentence, so
    # that a sentence holding many dates is not walked once per date.
    _date_index: dict[int, int] | None = field(default=None, repr=False)
    _clause_edges: dict[bool, list[int]] = field(default_factory=dict, repr=False)
    _word_indexes: list[int] | None = field(default=None, repr=False)
    fallbacks: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False)
    """Clause titles already made for this sentence, by their words."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    """Other facts of the sentence worked out once for all its dates, by name."""

    def __len__(self) -> int:
        return len(self.texts)

    def end(self, i: int) -> int:
        """The end offset of token ``i`` (worked out when asked: few are)."""
        end = self.date_ends.get(i)
        return self.starts[i] + len(self.texts[i]) if end is None else end

    def date_at(self, start: int) -> int:
        """The index of the first date starting at offset ``start``, or -1."""
        if self._date_index is None:
            self._date_index = {}
            for i in self.date_ends:
                self._date_index.setdefault(self.starts[i], i)
        return self._date_index.get(start, -1)

    def date_indexes(self) -> list[int]:
        """Sorted indexes of the dates."""
        found = self.memo.get("dates")
        if found is None:
            found = self.memo["dates"] = sorted(self.date_ends)
        return found

    def word_indexes(self) -> list[int]:
        """Sorted indexes of the words and acronyms."""
        if self._word_indexes is None:
            self._word_indexes = list(compress(range(len(self.kinds)),
                                               map(_WORD_KINDS.__contains__, self.kinds)))
        return self._word_indexes

    def clause_edges(self, commas: bool) -> list[int]:
        """Sorted indexes of the tokens that end a clause: line breaks in a
        heading, semicolons, colons, brackets, dashes, quotes and, with
        ``commas``, commas."""
        edges = self._clause_edges.get(commas)
        if edges is None:
            marks = _CLAUSE_MARKS_AND_COMMA if commas else _CLAUSE_MARKS
            edges = [i for i, (kind, text) in enumerate(zip(self.kinds, self.texts, strict=True))
                     if kind == BREAK or text in marks]
            self._clause_edges[commas] = edges
        return edges

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
    # The test on the first character (``\\d`` is a decimal digit) spares
    # nearly every word the regex.
    return word[:1].isdecimal() and _ORDINAL_NUMBER.fullmatch(word) is not None


def is_caps_text(text: str) -> bool:
    """Whether ``text`` is written in capitals (a heading)."""
    return text.isupper()


def positions(words: Sequence[str], wanted: frozenset[str] | set[str]) -> list[int]:
    """Indexes of the items of ``words`` that are in ``wanted``; most
    sentences hold none, which the set test finds without a Python loop."""
    if wanted.isdisjoint(words):
        return []
    return list(compress(range(len(words)), map(wanted.__contains__, words)))


def tokenize(text: str, span: Span, dates: Sequence[Span] = ()) -> Tokens:
    """Tokens of ``text[span[0]:span[1]]`` with absolute offsets; each span in
    ``dates`` becomes one DATE token."""
    start, end = span
    heading = text[start:end].isupper()  # is_caps_text(), written out
    found = _Found()
    pos = start
    for d0, d1 in sorted(dates):
        if d0 < pos or d0 >= end:
            continue  # overlapping or outside the span
        _scan(text, pos, d0, heading, found)
        found.date_ends[len(found.texts)] = d1
        found.starts.append(d0)
        found.texts.append(".")  # a stand-in until the facts are in: a date may be empty
        found.caps.append(False)
        pos = d1
    _scan(text, pos, end, heading, found)
    tokens = _with_facts(found, heading)
    for i, d1 in found.date_ends.items():
        tokens.texts[i] = tokens.bares[i] = tokens.lowers[i] = text[tokens.starts[i]:d1]
        tokens.kinds[i] = DATE
    return tokens


class _Found:
    """Tokens as the scan finds them: offsets, texts and capital flags, with
    the indexes of the few tokens that are not words (``others``) or may end
    in a possessive (``possessives``), so that only those need a second
    look, and the end offset of each date by its index."""

    __slots__ = ("caps", "date_ends", "others", "possessives", "starts", "texts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.texts: list[str] = []
        self.caps: list[bool] = []
        self.others: list[int] = []
        self.possessives: list[int] = []
        self.date_ends: dict[int, int] = {}


def _scan(text: str, start: int, end: int, heading: bool, found: _Found) -> None:
    """Add the tokens of ``text[start:end]`` to ``found``.

    Plain words between spaces (most of them) are tokens as they are; only
    the other pieces ("Smuggling," "(AHG)" "co-hosted") are cut further.
    Headings and the rare two-word acronym go through the token pattern whole.
    A plain loop: iterator chains cost more than they save on lists this short.
    """
    if heading or _TWO_PART_ACRONYM.search(text, start, end):
        _scan_whole(text, start, end, heading, found)
        return
    starts, texts, caps, others = found.starts, found.texts, found.caps, found.others
    at = start
    for part in text[start:end].replace("\n", " ").split(" "):
        if part.isalnum():
            starts.append(at)
            texts.append(part)
            caps.append(part[0].isupper())
        elif part[-1:] in _MARKS_AFTER_WORDS and part[:-1].isalnum():
            # A word and a mark ("Smuggling," "2011."), by far the commonest
            # other piece, taken here rather than in _split_piece.
            others.append(len(texts) + 1)
            starts.extend((at, at + len(part) - 1))
            texts.extend((part[:-1], part[-1]))
            caps.extend((part[0].isupper(), False))
        elif part:  # (empty between two spaces)
            _split_piece(part, at, found)
        at += len(part) + 1


def _split_piece(piece: str, at: int, found: _Found) -> None:
    """Add the tokens of ``piece`` (no spaces or line breaks in it), which
    starts at offset ``at``."""
    last = piece[-1]
    if last not in _WORD_GOES_ON and last != "%" and not last.isspace() and piece[:-1].isalnum():
        # A word and a mark ("Smuggling," "2011."), by far the commonest piece.
        found.others.append(len(found.texts) + 1)
        found.starts.extend((at, at + len(piece) - 1))
        found.texts.extend((piece[:-1], last))
        found.caps.extend((piece[0].isupper(), False))
        return
    if piece[0].isalnum() and piece.replace("-", "").isalnum():
        # One word of letters, digits and hyphens ("co-hosted"), the next commonest.
        found.starts.append(at)
        found.texts.append(piece)
        found.caps.append(piece[0].isupper())
        return
    if len(piece) == 1 and not piece.isalnum() and piece != "_" and not piece.isspace():
        # A mark standing alone ("–", "&", "."), the next commonest: itself
        # is its one token, as the pattern's last branch would find.
        found.others.append(len(found.texts))
        found.starts.append(at)
        found.texts.append(piece)
        found.caps.append(False)
        return
    _add_matched(found, _SPACED.findall(piece), at)


def _scan_whole(text: str, start: int, end: int, heading: bool, found: _Found) -> None:
    """Add the tokens of ``text[start:end]`` read by the token pattern alone."""
    pattern = _SPACED_HEADING if heading else _SPACED
    _add_matched(found, pattern.findall(text, start, end), start)


def _add_matched(found: _Found, matched: list[tuple[str, str]], at: int) -> None:
    """Add the (space, token) pairs the token pattern found from offset
    ``at``; a word is a token opening with a word character (``\\w``:
    alphanumeric or ``_``)."""
    starts, texts, caps = found.starts, found.texts, found.caps
    for space, token in matched:
        at += len(space)
        first = token[0]
        if not first.isalnum() and first != "_":
            found.others.append(len(texts))
            caps.append(False)
        else:
            if "’" in token or "'" in token:
                found.possessives.append(len(texts))
            caps.append(first.isupper())
        starts.append(at)
        texts.append(token)
        at += len(token)


def _with_facts(found: _Found, heading: bool) -> Tokens:
    """The tokens with their kinds and bare and lower-case forms: worked out
    for words with ``map`` (no Python step per token), then put right for
    the few other tokens."""
    starts, texts = found.starts, found.texts
    kinds = [WORD] * len(texts)
    bares = texts
    if found.possessives:
        bares = texts.copy()
        for i in found.possessives:
            bares[i] = bare(texts[i])
    lowers = list(map(str.lower, bares))
    in_parentheses = []
    for i in found.others:
        token = texts[i]
        lowers[i] = token
        if len(token) == 1:
            kinds[i] = BREAK if token == "\n" else PUNCT
        else:
            kinds[i] = ACRONYM
            in_parentheses.append(i)
    return Tokens(starts, texts, kinds, bares, lowers, found.caps, heading, found.date_ends,
                  in_parentheses)


