"""Words of time: month, weekday, season and ordinal names, and the regex
fragments built from them. Data only; the grammar lives in ``forms``."""

from __future__ import annotations

from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

# Month words that are also everyday English words: they need a capital and
# nearby evidence before they count as a month on their own.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "dec", "sep", "aug", "oct"})

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty first": 21, "twenty-second": 22, "final": 4, "last": 4,
}

CARDINALS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "several": 3,
}

# Northern-hemisphere meteorological seasons: first month and length in months.
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

# Nouns that follow a number when it counts things, not years ("2000 people").
COUNT_NOUNS = frozenset("""
people persons participants delegates delegations members officials employees workers
children students cases deaths victims refugees migrants units items copies votes words
pages times km kms miles metres meters feet tons tonnes dollars euros points shares
barrels cars homes houses jobs troops soldiers men women households families incidents
arrests countries states visitors tourists patients passengers boats vessels hours days
weeks months years calories acres hectares pounds kilograms kg
""".split())

# Words after which a bare four-digit number reads as a year.
YEAR_CUES = frozenset("""
in since by until till from of during before after throughout for to through early late
mid the a an its their his her our this that fiscal year circa around about and or with
than against between versus vs summer winter spring autumn fall end start beginning
middle half quarter also until unto within into toward towards
""".split())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so prefixes never win
    (then alphabetical, so the pattern is the same in every process)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(w.replace(" ", r"\s+").replace(".", r"\.") for w in ordered)


# Full names, or abbreviations with an optional full stop (never a full name's
# sentence-ending one: "in early December." ends at "December").
MONTH_RE = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?"
            r"|jul(?:y|\.)?|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?"
            r"|nov(?:ember|\.)?|dec(?:ember|\.)?)(?![a-z])")
WEEKDAY_FULL_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
WEEKDAY_RE = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day"
              r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)")
ORDINAL_WORD_RE = alternation(k for k in ORDINALS if k not in ("final", "last"))
CARDINAL_RE = alternation(CARDINALS)
SEASON_RE = alternation(SEASONS)
