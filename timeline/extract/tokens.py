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
from dataclasses import dataclass

from timeline.model import Span

WORD, ACRONYM, PUNCT, DATE, BREAK = "word", "acronym", "punct", "date", "break"

_TOKEN = re.compile(
    r"(?P<acronym>\((?:[A-Z][A-Za-z0-9&\-]*[A-Z0-9]s?)(?:\s[A-Z][A-Za-z0-9&\-]*[A-Z0-9])?\))"
    r"|(?P<word>[^\W_](?:[\w&/’'\-]|\.(?=[^\W_]))*)"
    r"|(?P<punct>[^\w\s])"
)
_HEADING_TOKEN = re.compile(_TOKEN.pattern + r"|(?P<break>\n)")
_ORDINAL_NUMBER = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
_ROMAN = re.compile(r"[IVX]{1,4}")
_POSSESSIVE = ("’s", "'s", "’", "'")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: absolute offsets into the document, text and kind."""

    start: int
    end: int
    text: str
    kind: str

    @property
    def lower(self) -> str:
        """The word in lower case without a possessive ending."""
        return bare(self.text).lower()

    @property
    def is_word(self) -> bool:
        return self.kind == WORD

    @property
    def capitalised(self) -> bool:
        """A word opening with a capital letter (``Bali``, ``AHG``, ``Co-Chairs``)."""
        return self.kind == WORD and self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        """A parenthesised acronym or a bare word in capitals (``IOM``, ``VRS-MSRC``)."""
        if self.kind == ACRONYM:
            return True
        core = bare(self.text)
        return (self.kind == WORD and len(core) >= 2 and core[:2].isupper()
                and core.replace("-", "").replace("&", "").isupper()
                and not _ROMAN.fullmatch(core))

    @property
    def acronym(self) -> str:
        """The acronym's letters without parentheses or possessive."""
        return bare(self.text.strip("()"))


def bare(word: str) -> str:
    """``word`` without a possessive ending (``Australia’s`` → ``Australia``)."""
    for ending in _POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


def is_ordinal_number(word: str) -> bool:
    """``4th``, ``10th``, ``21st``."""
    return _ORDINAL_NUMBER.fullmatch(word) is not None


def is_caps_text(text: str) -> bool:
    """Whether ``text`` is written in capitals (a heading)."""
    return not any(c.islower() for c in text) and any(c.isupper() for c in text)


def tokenize(text: str, span: Span, dates: Sequence[Span] = ()) -> list[Token]:
    """Tokens of ``text[span[0]:span[1]]`` with absolute offsets; tokens that
    overlap any span in ``dates`` become one DATE token per date."""
    start, end = span
    pattern = _HEADING_TOKEN if is_caps_text(text[start:end]) else _TOKEN
    out: list[Token] = []
    pending = sorted(d for d in dates if d[0] < end and d[1] > start)
    i = 0
    for m in pattern.finditer(text, start, end):
        while i < len(pending) and pending[i][1] <= m.start():
            i += 1
        if i < len(pending) and pending[i][0] < m.end():
            d = pending[i]
            if not out or out[-1].kind != DATE or out[-1].start != d[0]:
                out.append(Token(d[0], d[1], text[d[0]:d[1]], DATE))
            continue
        out.append(Token(m.start(), m.end(), m.group(), m.lastgroup or PUNCT))
    return out
