"""Years with an era: ``490 BC``, ``264-241 BC``, ``AD 43``, ``44 BCE``,
``c. 1200 BC``, ``15 March 44 BC``, ``the spring of 538 BC``, ``the 5th
century BC``, ``the third millennium BCE``.

Years are astronomical (:mod:`timeline.day`): n BC is year 1 - n, so 490 BC
is -489. The era words must be written in capitals (``BC``, ``B.C.``,
``BCE``, ``AD``, ``CE``): lower-case "ad" and "ce" are ordinary words.
"""

from __future__ import annotations

import re

from timeline.dates import timecalc as tc
from timeline.dates.lexicon import MONTHS, ORDINALS, SEASONS
from timeline.dates.reading import Context, Reading
from timeline.day import make_day, month_end
from timeline.model import Granularity as G
from timeline.model import When

# The era as written; the patterns read it case-blind, the handlers check case.
# Stops belong to the era only when every letter has one ("B.C."), so that
# the full stop after "490 BC." stays the sentence's.
ERA = (r"(?:B\.[ \u00a0]?C\.(?:[ \u00a0]?E\.)?|BCE?|A\.[ \u00a0]?D\.|AD|C\.[ \u00a0]?E\.|CE)")
# What may follow a short number inside an era date (for the digit prefilter).
AFTER_ERA = r"[ \u00a0]?(?:b\.?[ \u00a0]?c|a\.?[ \u00a0]?d|c\.?[ \u00a0]?e)"
AFTER_THOUSANDS_ERA = r",\d\d\d[ \u00a0]?b\.?[ \u00a0]?c"  # 10,000 BC
# What may stand just before a short year (for the digit prefilter; fixed widths).
BEFORE_NUMBER = ("ad ", "ad\u00a0", "a.d. ", "a. d. ")

_BEFORE_AD = re.compile(r"(?<![\w.])A\.?[ \u00a0]?D\.?[ \u00a0]?$")
_CIRCA = re.compile(r"(?<![\w.])(?:c|ca|circa)\.?[ \u00a0]?$", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"[ \u00a0]+[A-Z][a-z]")
_LOOK_BACK = 12  # characters: enough for "circa " or "A. D. "
# Years written with four digits from here on, followed by a capitalised word,
# are more often a name than an era ("2010 BC Hydro").
_NAME_LIKELY_FROM = 1900
_MAX_YEARS = 50_000


def is_era(text: str) -> bool:
    """Era words count only in capitals (``BC``, ``B.C.``), not ``bc`` or ``ad``."""
    return bool(text) and text == text.upper()


def before_era(era: str) -> bool:
    return era.lstrip()[:1].upper() == "B"


def astronomical(number: int, era: str) -> int | None:
    """The astronomical year of ``number`` written with ``era`` (None if impossible)."""
    if not 1 <= number <= _MAX_YEARS:
        return None
    if before_era(era):
        return 1 - number
    return number if number <= 9999 else None


def _number(token: str) -> int:
    return int(token.replace(",", ""))


def _circa_start(ctx: Context) -> int | None:
    """Where a ``c.``/``ca.``/``circa`` just before the match starts, if any."""
    start = ctx.match.start()
    found = _CIRCA.search(ctx.text, max(0, start - _LOOK_BACK), start)
    return found.start() if found else None


def _looks_like_a_name(ctx: Context, number: int) -> bool:
    """``2010 BC Hydro``: a recent-looking year, then a capitalised word."""
    return number >= _NAME_LIKELY_FROM and bool(
        _CAPITALISED_WORD.match(ctx.text, ctx.match.end()))


def _year_reading(ctx: Context, first: int, last: int, approximate: bool = False,
                  start: int | None = None) -> Reading:
    when = When(make_day(first, 1, 1), make_day(last, 12, 31), G.YEAR, approximate)
    return Reading(when, start=start)


def era_year(ctx: Context) -> Reading | None:
    """``490 BC``, ``44 BCE``, ``43 AD``, ``c. 1200 BC``."""
    era = ctx.group("era")
    number = _number(ctx.group("y"))
    year = astronomical(number, era)
    if not is_era(era) or year is None or _looks_like_a_name(ctx, number):
        return None
    circa = _circa_start(ctx)
    return _year_reading(ctx, year, year, circa is not None, circa)


def era_range(ctx: Context) -> Reading | None:
    """``264-241 BC``, ``264 BC to 241 BC``, ``27 BC – AD 14``."""
    era = ctx.group("era") or ctx.group("ad")
    first_era = ctx.group("era1") or era
    if not (is_era(era) and is_era(first_era)):
        return None
    first = astronomical(_number(ctx.group("y")), first_era)
    last = astronomical(_number(ctx.group("y2") or ctx.group("y3")), era)
    if first is None or last is None or last <= first:
        return None
    circa = _circa_start(ctx)
    return _year_reading(ctx, first, last, circa is not None, circa)


def ad_year(ctx: Context) -> Reading | None:
    """``AD 43``, ``A.D. 1066``: the era written before the year."""
    start = ctx.match.start()
    found = _BEFORE_AD.search(ctx.text, max(0, start - _LOOK_BACK), start)
    number = int(ctx.group("y"))
    if found is None or not 1 <= number <= 9999:
        return None
    return _year_reading(ctx, number, number, start=found.start())


def era_day(ctx: Context) -> Reading | None:
    """``15 March 44 BC``, ``March 44 BC``."""
    era = ctx.group("era")
    year = astronomical(_number(ctx.group("y")), era)
    if not is_era(era) or year is None:
        return None
    month = MONTHS[ctx.group("m").rstrip(".").lower()]
    if not ctx.group("d"):
        first, last = tc.month_span(year, month)
        return Reading(When(first, last, G.MONTH))
    day = int(ctx.group("d").rstrip("stndrh"))
    if day > month_end(year, month).day:
        return None
    return Reading(When(make_day(year, month, day), make_day(year, month, day), G.DAY))


def era_season(ctx: Context) -> Reading | None:
    """``the spring of 538 BC``, ``summer 44 BC``."""
    era = ctx.group("era")
    year = astronomical(_number(ctx.group("y")), era)
    if not is_era(era) or year is None:
        return None
    first, last = tc.season_span(year, SEASONS[ctx.group("s").lower()])
    return Reading(When(first, last, G.SEASON, approximate=True))


def ordinal_of(ctx: Context) -> int:
    """The century's or millennium's number, written ``5th`` or ``fifth``."""
    if ctx.group("n"):
        return int(ctx.group("n"))
    words = " ".join(ctx.group("w").lower().replace("-", " ").split())
    return ORDINALS[words.replace("twenty ", "twenty-")]


def period(ctx: Context, size: int, granularity: G, most_after: int) -> Reading | None:
    """A numbered century or millennium, before the era when it says so."""
    n, era = ordinal_of(ctx), ctx.group("era")
    if era and not is_era(era):
        return None
    bce = bool(era) and before_era(era)
    if not 1 <= n <= (_MAX_YEARS // size if bce else most_after):
        return None
    part = ctx.group("part").lower() or None
    span = tc.century_span(-n if bce else n, part, size)
    return Reading(When(span[0], span[1], granularity, part is not None))


def century(ctx: Context) -> Reading | None:
    """``the 20th century``, ``the early 5th century BC``."""
    return period(ctx, 100, G.CENTURY, most_after=22)


def millennium(ctx: Context) -> Reading | None:
    """``the third millennium BCE``, ``the 1st millennium AD``."""
    return period(ctx, 1000, G.MILLENNIUM, most_after=3)
