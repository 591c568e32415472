"""The building blocks of the date grammar: regex fragments shared by the
forms in :mod:`forms` (a day, a year, a dash, some space), the word lists
their prefilters are made of, and the web-address scans.

Whitespace inside an expression may hold one line break, so dates wrapped by
PDF extraction (``29-30\\nMarch 2011``) are still found.
"""

from __future__ import annotations

import re

from timeline.dates.lexicon import (
    MONTH_RE,
    WEEKDAY_RE,
)

_H = r"[ \t\u00a0]"
S = rf"(?:{_H}+(?:\r?\n{_H}*)?|{_H}*\r?\n{_H}*)"  # some space, at most one line break
S0 = rf"{_H}*(?:\r?\n{_H}*)?"  # optional space, at most one line break
DASH = r"[-–—‐‑]"
TO = rf"(?:{S0}{DASH}{S0}|{S}(?:to|through|thru|until|till){S})"
TO_OR_AND = rf"(?:{TO}|{S}(?:and|&){S})"
# A number that is not the tail of a bigger number, amount, code or address.
NUM_START = r"(?<![\w$€£¥#.,/:@'’-])"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
YEAR = r"(?:1\d|20|21)\d\d(?!\w)"
MONTH = MONTH_RE
WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY_RE}),?{S})?"
PART = r"(?P<part>early|late|mid|middle|beginning|start|end)"
PART_PREFIX = (rf"(?:(?:the{S})?(?P<pof>beginning|start|end|middle){S}of{S}(?:the{S})?"
               rf"|(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))")
REL_UNIT = rf"(?:(?P<dir>this|last|next|the){S})?(?P<unit>year|month|decade|century)"

FLAGS = re.IGNORECASE

# What may follow a short number (up to three digits) inside an expression; a
# form lists those it needs (:attr:`Form.after_number`). Matched in any case,
# after an optional ordinal suffix.
AFTER_DASH = r"[-–—‐‑/.]\d"  # 29-30, 25/12/2015
AFTER_TO = r"\s*(?:[-–—‐‑]|to|and|&|through|thru|until|till)\s*\d"  # 29 to 30
AFTER_MONTH = r",?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
AFTER_UNIT = r",?\s+(?:of\s+)?(?:day|week|month|year|decade)"  # 10 days
AFTER_CENTURY = r"[\s-]+centur"  # 20th century
AFTER_MILLENNIUM = r"[\s-]+millenni"  # 3rd millennium
AFTER_QUARTER = r"\s+\d{4}"  # Q1 2020 (the 1 of Q1)
AFTER_Q = r"q\s*\d"  # 1Q 2020
AFTER_DECADE = r"['’]?s\b"  # '90s

# Anchor words (matched at word starts in lowercased text, so ``centur`` is
# century and centuries) and words that may open an expression before them.
MONTH_ANCHORS = "jan feb mar apr may jun jul aug sep oct nov dec"
WEEKDAY_ANCHORS = "monday tuesday wednesday thursday friday saturday sunday"
SEASON_ANCHORS = "spring summer autumn fall winter"
UNIT_ANCHORS = "year month decade centur"
DIRECTIONS = "last next this coming past"
PARTS = "the early late mid middle beginning start end of"
ORDINAL_WORDS = """first second third fourth fifth sixth seventh eighth ninth tenth eleventh
twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
twenty"""
CARDINAL_WORDS = "a an one two three four five six seven eight nine ten eleven twelve several few"

# Two scans with literal prefixes are far faster than one alternation.
WEB_ADDRESSES = (re.compile(r"https?://\S+"), re.compile(r"www\.\S+"))  # in lowercased text
