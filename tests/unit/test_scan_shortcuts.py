"""The quick scans find exactly what their plain definitions find.

The tagger's anchor scans and the sentence splitter's scans are written for
speed (an ASCII copy of the text, literal openings instead of look-behinds);
each is checked here against the plain pattern it stands for, on texts
chosen to reach every way out of the quick path: characters outside ASCII,
digits outside ASCII, a character whose lower case is longer, dense digits.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest

from timeline.dates import temporal
from timeline.dates.prefilters import ANCHOR_WORDS, DIGIT_ANCHOR
from timeline.events import sentences

PROSE = ("The Ministers met in Bali on 29-30 March 2011 and again in mid-2013. "
         "The Co-Chairs’ statement – adopted on 5 May – set out the 2016–2017 plan "
         "for the third quarter. ")
REPORT = (PROSE + "The Ministers welcomed the work of the officials and asked them to "
          "report on the regional cooperation framework and on the support office. " * 6) * 40
"""Prose with a date or two every few sentences."""
TEXTS = [
    "",
    REPORT,
    "2011",
    "May 2011",
    PROSE * 40,
    PROSE * 40 + "Held on ٢٠١١ and ２０１１.",  # digits outside ASCII
    "İstanbul, 5 May 2010. " + PROSE * 20,  # İ lowers to two characters
    "1 " * 2000 + "on 5 May 2010",  # dense digits
    "東京で 2011年 会議 " * 300,  # mostly outside ASCII
    "Q1 2020, FY2013, the 1990s, the ’90s, the 20th century, 3 days ago." * 30,
    "Labor Day\nmarch\n(March 2011)\n“Spring 2012”\n2011-03-29\n" * 30,
]


def _random_texts(count: int) -> list[str]:
    rng = random.Random(20130322)
    pieces = ["the", "meeting", "held", "in", "March", "may", "5", "29-30", "2011", "’90s",
              "Q1", "FY2013", "20th", "century", "3 days ago", "–", "é", "\u212a", "Σ",
              "٢٠١١", "２", "?", "2011?", "\n", "\n\n", "1st", "(1)", "a1b", "winter"]
    filler = ["alpha", "beta", "said", "that", "which", "Ministers", "welcomed"]
    texts = []
    for _ in range(count):
        share = rng.choice((0.005, 0.03, 0.3))
        words = [rng.choice(pieces) if rng.random() < share else rng.choice(filler)
                 for _ in range(rng.randint(1, 1500))]
        texts.append(" ".join(words))
    return texts


ALL_TEXTS = TEXTS + _random_texts(120)


def _plain_word_anchors(low: str) -> list[int]:
    """Anchor words at word starts, as the plain look-behind pattern finds them."""
    words = "|".join(sorted(ANCHOR_WORDS, key=len, reverse=True))
    return [m.start() for m in re.finditer(rf"(?<![a-z])(?:{words})", low)]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_number_anchors_are_those_of_the_full_scan(text: str) -> None:
    low = text.lower()
    found = temporal._number_anchors(text, low, low.encode("ascii", "replace"))
    assert found == [m.start() for m in DIGIT_ANCHOR.finditer(text)]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_anchors_are_the_numbers_and_the_words_at_word_starts(text: str) -> None:
    low = text.lower()
    numbers = [m.start() for m in DIGIT_ANCHOR.finditer(text)]
    assert temporal._anchors(text, low) == sorted(numbers + _plain_word_anchors(low))


class _CountingScan:
    """DIGIT_ANCHOR with a count of the full scans made with it."""

    def __init__(self) -> None:
        self.full_scans = 0
        self.match = DIGIT_ANCHOR.match

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        self.full_scans += 1
        return DIGIT_ANCHOR.finditer(text)


@pytest.mark.parametrize(("text", "full_scans"), [
    (REPORT, 0),
    (REPORT + "Held on ٢٠١١.", 1),  # a digit outside ASCII
    ("İstanbul. " + REPORT, 1),  # offsets of the lower-case text differ
    ("1 " * 2000, 1),  # dense digits
])
def test_the_quick_number_scan_is_taken_on_prose_only(
        text: str, full_scans: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """So that the tests above try both ways."""
    scan = _CountingScan()
    monkeypatch.setattr(temporal, "DIGIT_ANCHOR", scan)
    low = text.lower()
    found = temporal._number_anchors(text, low, low.encode("ascii", "replace"))
    assert scan.full_scans == full_scans
    assert found == [m.start() for m in DIGIT_ANCHOR.finditer(text)]


PLAIN_STOP = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9•])")


@pytest.mark.parametrize("text", [*ALL_TEXTS, "Wait... What?! Yes.", "..A. B", "x.\n\nY"])
def test_sentence_stops_are_those_of_the_look_behind_pattern(text: str) -> None:
    assert ([m.span() for m in sentences._STOP.finditer(text)]
            == [m.span() for m in PLAIN_STOP.finditer(text)])


@pytest.mark.parametrize("text", [*ALL_TEXTS, "\n\n1.\nKEY THEMES\n\npage 3\n- item\nText"])
def test_special_lines_are_those_the_line_start_pattern_finds(text: str) -> None:
    pos = 0
    while pos <= len(text):
        plain = sentences._SPECIAL_LINE.search(text, pos)
        found = sentences._next_special_line(text, pos)
        assert found == (-1 if plain is None else plain.start())
        if found < 0:
            break
        end = text.find("\n", found)
        pos = len(text) + 1 if end < 0 else end + 1
