"""Sentence splitting (provisional)."""

from __future__ import annotations

import re

from timeline.model import Span

_BREAK = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-•])")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans, in order, covering the text's non-blank parts."""
    spans, start = [], 0
    for m in _BREAK.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentence_at(sentences: list[Span], start: int, end: int) -> Span:
    """The sentence holding ``start``..``end`` (widened if it straddles two)."""
    first = next((s for s in sentences if s[1] > start), (start, end))
    last = next((s for s in sentences if s[1] >= end), first)
    return (min(first[0], start), max(last[1], end))
