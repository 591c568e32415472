"""Word tokens of one sentence, for titles and actors.

A sentence is cut into words, parenthesised acronyms (``(AHG)``,
``(AHG SOM)``) and single punctuation marks. Tokens overlapping a date
expression are marked so that no phrase walks through a date. In a heading
written in capitals every line break is a token too: the lines of a title
block are separate phrases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from timeline.model import Span

WORD, ACRONYM, PUNCT, DATE, BREAK = "word", "acronym", "punct", "date", "break"

_TOKEN = re.compile(
    r"(?P<word>\w[\w&/’'\-]*(?:\.\w[\w&/’'\-]*)*)"
    r"|(?P<acronym>\([A-Z][A-Za-z0-9&\-]*[A-Z0-9]s?(?: [A-Z][A-Za-z0-9&\-]*[A-Z0-9])?\))"
    r"|(?P<punct>[^\w\s])"
)
_HEADING_TOKEN = re.compile(_TOKEN.pattern + r"|(?P<break>\n)")
_ORDINAL_NUMBER = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
_ROMAN = re.compile(r"[IVX]{1,4}")
_POSSESSIVE = ("’s", "'s", "’", "'")
_new = tuple.__new__


class Token(NamedTuple):
    """One token: absolute offsets into the document, text and kind, with the
    facts every walk asks about worked out once: ``lower`` is the text in
    lower case without a possessive ending, ``cap`` whether it is a word
    opening with a capital letter (Bali, AHG, Co-Chairs)."""

    start: int
    end: int
    text: str
    kind: str
    lower: str
    cap: bool

    @property
    def capitalised(self) -> bool:
        """A word opening with a capital letter."""
        return self.cap

    @property
    def is_acronym(self) -> bool:
        """A parenthesised acronym or a bare word in capitals (``IOM``, ``VRS-MSRC``)."""
        if self.kind == ACRONYM:
            return True
        text = self.text
        if not self.cap or len(text) < 2 or not text[1].isupper():
            return False
        core = bare(text)
        return (core.replace("-", "").replace("&", "").isupper()
                and not _ROMAN.fullmatch(core))

    @property
    def acronym(self) -> str:
        """The acronym's letters without parentheses or possessive."""
        return bare(self.text.strip("()"))


def make_token(start: int, end: int, text: str, kind: str) -> Token:
    """A token with its derived facts filled in."""
    if kind == WORD:
        return _new(Token, (start, end, text, kind, bare(text).lower(), text[0].isupper()))
    return _new(Token, (start, end, text, kind, text, False))


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


def tokenize(text: str, span: Span, dates: Sequence[Span] = ()) -> list[Token]:
    """Tokens of ``text[span[0]:span[1]]`` with absolute offsets; each span in
    ``dates`` becomes one DATE token."""
    start, end = span
    pattern = _HEADING_TOKEN if text[start:end].isupper() else _TOKEN
    out: list[Token] = []
    pos = start
    for d0, d1 in sorted(dates):
        if d0 < pos or d0 >= end:
            continue  # overlapping or outside the span
        out += _scan(pattern, text, pos, d0)
        out.append(make_token(d0, d1, text[d0:d1], DATE))
        pos = d1
    out += _scan(pattern, text, pos, end)
    return out


def _scan(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]``; built inline because this is the
    extractor's innermost loop."""
    return [
        _new(Token, (m.start(), m.end(), g, WORD,
                     (bare(g) if "’" in g or "'" in g else g).lower(), g[0].isupper()))
        if k == WORD else _new(Token, (m.start(), m.end(), g, k or PUNCT, g, False))
        for m in pattern.finditer(text, start, end)
        for g, k in ((m.group(), m.lastgroup),)
    ]
