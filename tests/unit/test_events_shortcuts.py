"""The quick paths of the events stage find exactly what their plain
definitions find.

- :func:`timeline.events.tense._find_cues` reads a lower-case copy of a
  sentence with case-sensitive expressions when that copy reads alike; the
  sentences reach both ways, including the characters that fold apart and
  one whose lower case is longer.
- :func:`timeline.events.sentences._word_before` tries the word after the
  last space before the plain search; the texts put other marks, line
  breaks and the window's edge in its way.
- :func:`timeline.events.sentences._stops` finds the sentence stops with one
  pattern per stop character; the texts mix the three in runs, with closing
  quotes and brackets, at the edges of the stretch searched.
- :func:`timeline.events.lines._place_openings` finds the lines opening
  with a place through the line break before them; the texts indent them,
  leave blank lines between them and put one past the head of the text.
- :data:`timeline.events.sentences._SPECIAL_LINE` reads a lower-case word
  start as a mark then a letter, not as a look-behind tried at every
  character; random lines of capitals, function words, marks and letters
  outside ASCII are read by both.
- :func:`timeline.events.tokens._split_piece` takes the commonest pieces
  between spaces without the token pattern; each piece shape is checked
  against the pattern's own tokens.
"""

from __future__ import annotations

import random
import re

import pytest

from timeline.events import lines, sentences, tense, tokens

SENTENCES = [
    "The Ministers WILL meet in Bali in March 2011, as they met in 2009.",
    "The summit Is To be held in May; the last one was postponed and cancelled.",
    "The Co-Chairs’ statement said the office is expected to open in 2016.",
    "It won’t reopen before 2030, the council decided and announced.",
    "İstanbul will host the forum in 2031 after it hosted one in 2021.",
    "The ſummit ſhall be held in 2031 and waſ planned long ago.",
    "The ıntended talks are scheduled for June; they were delayed.",
    "Kelvin-rated tanks (\u212a) are due to arrive in 2024 as the firm expected.",
    "東京 will host the upcoming games in 2031, which it won in 2013.",
    "No cue at all here, only a date: 5 May 2010.",
]


def _plain(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The cues by the case-blind expressions over the sentence as written."""
    futures = [m.span() for m in tense._FUTURE.finditer(text)]
    if not futures:
        return [], []
    pasts = [m.span() for m in tense._PAST.finditer(text)]
    return futures, [p for p in pasts if not any(tense._overlap(p, f) for f in futures)]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_cues_match_the_case_blind_expressions(sentence: str) -> None:
    text = "Intro. " + sentence
    span = (7, len(text))
    futures, pasts = tense._find_cues(text, span)
    want_futures, want_pasts = _plain(sentence)
    assert futures == [(a + 7, b + 7) for a, b in want_futures]
    assert pasts == [(a + 7, b + 7) for a, b in want_pasts]


def test_folding_apart_takes_the_case_blind_way() -> None:
    # "ſ" matches "s" only case-blind: the copy would not read alike.
    assert not tense._reads_alike("waſ", "waſ")
    assert not tense._reads_alike("İstanbul", "İstanbul".lower())
    assert tense._reads_alike("Will", "will")
    assert tense._reads_alike("Café will", "café will")


WORD_TEXTS = [
    "Mr. Smith met Dr.Jones on 5 Feb. 2011 in the U.S. and e.g. St. Kitts.",
    "The talks (No. 5) ended.\nNo. 6 began; the co-chairs’ and the state's reports.",
    "a\n. b \t. word-\n. x/y. (ab). \u212aelvin. ſtate. 東京. . .. ...",
    "averyveryverylongwordwellpasttwentyfourcharacters. short. x",
]


@pytest.mark.parametrize("text", WORD_TEXTS)
def test_word_before_a_stop_is_what_the_search_finds(text: str) -> None:
    for dot in range(len(text) + 1):
        for lo in {0, max(0, dot - 24), max(0, dot - 3), dot}:
            plain = sentences._WORD_BEFORE.search(text, lo, dot)
            assert sentences._word_before(text, lo, dot) == (plain.group() if plain else "")


STOP_TEXTS = [
    "He left. She came! Did they? Yes.\" “No.” (Maybe.) [End.] Go.",
    "Wait...! Really?! No?!? Dots .... and !!! then ?. Then a leader . . . A",
    "e.g. U.S. Mr. Smith. 4.5 per cent. The end.\n\nNext. 1. Item. • Bullet.",
    "!A ?B .C ! D ? E . F",
    "",
]


@pytest.mark.parametrize("text", STOP_TEXTS)
def test_stops_are_those_of_the_one_pattern(text: str) -> None:
    for start, end in {(0, len(text)), (1, len(text)), (0, max(0, len(text) - 2)),
                       (len(text) // 2, len(text)), (3, 9)}:
        want = [m.span() for m in sentences._STOP.finditer(text, start, end)]
        assert sentences._stops(text, start, end) == want


OPENING_TEXTS = [
    "LIMA, 1 August 1965 — The port authority opened.",
    "  GENEVA (Reuters) 5 May — Talks.\nPARIS, 2 June — More.\n\n\tROME, 3 July — Yes.",
    "Intro line\n\nNEW YORK, 4 May 2010 - Story\n   \nLos Angeles, 5 June – Story",
    "\n\nBali, 2011\n" + "x" * 590 + "\nSYDNEY, 6 May — past the head",
    "no place here\nnor here, at all",
    "",
]


@pytest.mark.parametrize("text", OPENING_TEXTS)
def test_place_openings_are_those_of_the_line_start_pattern(text: str) -> None:
    plain = [m.end() for m in lines._PLACE_OPENING_LINE.finditer(text, 0, lines.HEAD_CHARS)]
    assert lines._place_openings(text) == plain


PIECES = [".", ",", "–", "&", "’", "(", "_", "\t", "\u00a0", "²", "A", "x", "•", "…",
          "co-hosted", "(AHG)", "(Bali", "Australia’s", "U.S.", "and/or", "2,000", "4.5%"]


@pytest.mark.parametrize("piece", PIECES)
def test_a_piece_gives_the_tokens_of_the_token_pattern(piece: str) -> None:
    found = tokens._Found()
    tokens._split_piece(piece, 10, found)
    plain = tokens._Found()
    tokens._add_matched(plain, tokens._SPACED.findall(piece), 10)
    assert (found.starts, found.texts, found.caps, found.others, found.possessives) == (
        plain.starts, plain.texts, plain.caps, plain.others, plain.possessives)


# The possible-heading branch as first written: a look-behind at every
# character of the line for the start of a lower-case word.
PLAIN_HEADING_BRANCH = re.compile(
    r"^[ \t]*[A-Z0-9](?![^\n]*?(?<![\w’'\-&/.])(?!(?:"
    + "|".join(sorted(sentences._FUNCTION_WORDS, key=len, reverse=True))
    + r")(?![\w’'\-&/.]))[a-z])", re.MULTILINE)
_SPECIAL = sentences._SPECIAL_LINE.pattern
# The last branch of the special-line pattern, without the group closing it.
HEADING_BRANCH = re.compile("^" + _SPECIAL[_SPECIAL.index(r"[ \t]*[A-Z0-9](?!"):-1], re.MULTILINE)
LINE_PARTS = ["The", "Bali", "of", "the", "and", "met", "in", "into", "an", "another", "a",
              "2011", "(AHG)", "-", "co-chairs", "’s", "O’Neil", "&", "/", ".", ",", "é",
              "Élan", "Über", "x", "under", "per", "via", "_", "\t", "US$"]


def _random_lines(seed: int) -> str:
    rng = random.Random(seed)
    lines = []
    for _ in range(300):
        words = rng.choices(LINE_PARTS, k=rng.randint(1, 7))
        glue = rng.choice([" ", "", " "])
        lines.append(rng.choice(["", " ", "\t"]) + glue.join(words))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(5))
def test_heading_lines_are_those_of_the_look_behind_branch(seed: int) -> None:
    text = _random_lines(seed)
    assert HEADING_BRANCH.pattern != PLAIN_HEADING_BRANCH.pattern
    assert ([m.span() for m in HEADING_BRANCH.finditer(text)]
            == [m.span() for m in PLAIN_HEADING_BRANCH.finditer(text)])
