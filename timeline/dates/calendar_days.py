"""Handlers for the dates of the calendar that news names without a number:
holidays (``Christmas 1963``, ``on Thanksgiving Day``), quarters written as
adjectives (``third-quarter profit``) and seasons without a year (``in the
winter``, ``this past summer``).

Without a written year, holidays and seasons in a narrative take the year the
story has reached (:mod:`story`: "in September 1939 ... at Christmas" is
Christmas 1939). Otherwise, and always for quarters (a report's quarters are
its own date's), they count from the reference day (the document's date), by
one rule for all of them, spoken in the tense of their sentence:

* past tense: the latest one that has begun by the reference day (``was
  killed on Christmas Eve`` in a January article is the last 24 December);
* future tense: the earliest one that has not ended by then;
* neither: the nearest, ties to the past. Quarters are the exception: a
  quarter named without a tense is the latest one that has begun, because
  news speaks of a quarter's figures once it is under way or reported
  (``fourth-quarter results`` in March are the last year's).

Holidays are the United States' where countries differ (Thanksgiving on the
fourth Thursday of November, Independence Day on 4 July); seasons are the
northern hemisphere's meteorological ones, as in :mod:`lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import EASTER_ORTHODOX, easter  # type: ignore[import-untyped]  # no stubs

from timeline.dates import timecalc as tc
from timeline.dates.context import tense
from timeline.dates.lexicon import ORDINALS, SEASONS
from timeline.dates.patterns import S
from timeline.dates.reading import Context, Reading, needs_reference
from timeline.dates.story import story_year
from timeline.day import Day
from timeline.model import Granularity as G
from timeline.model import When

DayPair = tuple[Day, Day]
Spans = Callable[[int], DayPair]
"""The occurrence of a recurring date that falls in (or starts in) a year."""


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday 0) of a month; ``n`` -1 is the last."""
    if n < 0:
        last = tc.month_span(year, month)[1]
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "boxing day": lambda y: date(y, 12, 26),
    "new year": lambda y: date(y, 1, 1),
    "new year's": lambda y: date(y, 1, 1),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "halloween": lambda y: date(y, 10, 31),
    "independence day": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4),
    "july fourth": lambda y: date(y, 7, 4),
    "easter": easter,
    "easter sunday": easter,
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "orthodox easter": lambda y: easter(y, EASTER_ORTHODOX),
    "orthodox christmas": lambda y: date(y, 1, 7),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
}
"""Each holiday's day in a given year (United States usage where it differs)."""

HOLIDAY_RE = "|".join(
    name.replace(" ", S).replace("'", "['’]?")
    for name in sorted(HOLIDAYS, key=lambda name: (-len(name), name)))
"""The holidays' names, longest first, with space that may hold a line break."""

# Holiday names that are also the first word of other names ("Easter Island",
# "Christmas tree"): alone they need a word before them that announces a time.
BARE_HOLIDAYS = frozenset({"christmas", "easter", "thanksgiving", "new year", "new year's"})
TIME_CUES = frozenset("""
on at in before after since until till by over during through throughout around from for
""".split())
# What a report gives for a period: a bare "Q4" before them is that quarter.
FIGURES = frozenset("""
results earnings profit profits sales revenue revenues loss losses figures report growth gdp
deliveries shipments guidance margin margins income output net operating
""".split())
QUARTER_CUES = frozenset("in during for its their of fiscal since until by".split())
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([A-Za-z]+)")
_TOKEN_BEFORE = re.compile(r"(\S+)\s+$")
_CAPITAL_AFTER = re.compile(r"[ \t\u00a0]+[A-Z][a-z]")
_OF_AFTER = re.compile(r"\s+(?:of|in)\b", re.IGNORECASE)
# A season opening its sentence as the subject of a verb of passing time is
# the story's season ("The winter was hard."); "spring" also names a water
# source or a coil, so only verbs of time's passing count for it.
_SEASON_SUBJECT_VERBS = re.compile(
    r"[ \t\u00a0]+(?:was|were|had|passed|came|began|ended|brought|proved|went|wore|dragged|"
    r"lasted|arrived|set in|turned)\b")
_HOLIDAY_SUBJECT_VERBS = re.compile(r"[ \t\u00a0]+(?:fell|falls|fall|came|comes|was|is|will be)"
                                    r"[ \t\u00a0]+(?:on|early|late|in|this|last|next)\b")
_SPRING_SUBJECT_VERBS = re.compile(r"[ \t\u00a0]+(?:passed|came|began|ended|brought|arrived)\b")
_STEP = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1,
         "this": 0}


def canonical(words: str) -> str:
    words = " ".join(words.lower().replace("’", "'").split())
    return words.replace("new years", "new year's")


def token_before(text: str, pos: int) -> str:
    """The whitespace-delimited token just before ``pos`` on its line, or ''."""
    found = _TOKEN_BEFORE.search(text, max(0, pos - 30), pos)
    return found.group(1) if found and "\n" not in found.group() else ""


def cued(text: str, pos: int) -> bool:
    """True when a word announcing a time stands before ``pos`` (``in the``,
    ``over``)."""
    word = token_before(text, pos)
    if word.lower() == "the":
        word = token_before(text, pos - 4)
    return word.lower() in TIME_CUES


def qualified(text: str, pos: int) -> bool:
    """True when a capitalised name or a possessive stands before ``pos``: then
    the holiday is another calendar's or country's (``Orthodox Easter``,
    ``Chinese New Year``, ``Mexico's Independence Day``)."""
    word = token_before(text, pos).strip("\"“(")
    if not word or word.lower() in TIME_CUES or word.lower() == "the":
        return False
    return word.endswith(("'s", "’s")) or (word[0].isupper() and not _sentence_start(text, pos))


def _sentence_start(text: str, pos: int) -> bool:
    """True when the token before ``pos`` opens its sentence or line."""
    before = text[:pos].rstrip()
    cut = before.rfind(" ")
    head = before[:cut].rstrip() if cut >= 0 else ""
    return not head or head[-1] in ".!?:\n\"“"


def occurrence(spans: Spans, ref: date, speaking: int, neutral_latest: bool = False
               ) -> DayPair:
    """The occurrence of a recurring date meant when no year is written, by
    the module's rule: ``speaking`` is the sentence's tense (-1, 0, +1)."""
    near = [spans(year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    begun = [span for span in near if span[0] <= ref]
    if speaking < 0 or (speaking == 0 and neutral_latest):
        return begun[-1]
    unended = [span for span in near if span[1] >= ref]
    if speaking > 0:
        return unended[0]
    latest, earliest = begun[-1], unended[0]
    if latest == earliest:
        return latest
    return latest if (ref - latest[1]) <= (earliest[0] - ref) else earliest


def stepped(spans: Spans, ref: date, step: int) -> DayPair:
    """``last`` (-1), ``this`` (0, in the reference's year) or ``next`` (+1)
    occurrence, counted from the reference day."""
    if step == 0:
        return spans(ref.year)
    near = [spans(year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if step < 0:
        return [span for span in near if span[1] < ref][-1]
    return next(span for span in near if span[0] > ref)


def _resolve(ctx: Context, spans: Spans, neutral_latest: bool = False,
             told: Spans | None = None, month: int = 0) -> DayPair | None:
    """The occurrence a match without a written year names, or None without a
    reference day. With ``told``, a narrative's time comes first: ``month``
    takes the year the story has reached (:func:`story.story_year`) and
    ``told`` gives the occurrence of that year."""
    direction = canonical(ctx.match.groupdict().get("dir") or "")
    if told is not None and not direction:
        year = story_year(ctx, month)
        if year is not None:
            return told(year)
    if ctx.ref is None:
        return None
    if direction:
        return stepped(spans, ctx.ref, _STEP[direction])
    speaking = tense(ctx.text, ctx.match.start())
    return occurrence(spans, ctx.ref, speaking, neutral_latest)


def bare_ok(ctx: Context) -> bool:
    """Whether a holiday's bare name (``Easter``, not ``Easter Sunday``) is
    the day: after a time word, or opening its sentence as the subject of a
    verb of time (``Easter fell on March 31``), and not the first word of a
    longer name (``over Christmas``, but not ``on Easter Island``)."""
    if _CAPITAL_AFTER.match(ctx.text, ctx.match.end()):
        return False
    return cued(ctx.text, ctx.match.start()) or (
        opens_sentence(ctx.text, ctx.match.start())
        and bool(_HOLIDAY_SUBJECT_VERBS.match(ctx.text, ctx.match.end())))


def opens_sentence(text: str, pos: int) -> bool:
    """True when nothing but a sentence's end, a line break or an opening
    quote stands before ``pos``."""
    before = text[max(0, pos - 3):pos].rstrip(" \t\u00a0\"“")
    return not before or before[-1] in ".!?:\n"


def holiday(ctx: Context) -> Reading | None:
    """Christmas 1963, on Thanksgiving Day, last Easter, New Year's Eve."""
    written = ctx.group("hol")
    name = canonical(written)
    if name.startswith("the "):
        name = name[4:]
    if not any(char.isupper() for char in written) or qualified(ctx.text, ctx.match.start()):
        return None
    if name in BARE_HOLIDAYS and not (ctx.group("y") or ctx.group("dir")) and not bare_ok(ctx):
        return None
    day_of = HOLIDAYS[name]
    if ctx.group("y"):
        if ctx.group("dir"):
            return None
        day = day_of(int(ctx.group("y")))
        return Reading(When(day, day, G.DAY))
    def on(year: int) -> DayPair:
        return day_of(year), day_of(year)

    found = _resolve(ctx, on, told=on, month=day_of(2000).month)
    if found is None:
        return needs_reference()
    return Reading(When(found[0], found[1], G.DAY, relative=True))


def quarter_adjective(ctx: Context) -> Reading | None:
    """third-quarter profit, the fourth quarter, first-half sales."""
    g = ctx.group
    if _OF_AFTER.match(ctx.text, ctx.match.end()):
        return None  # "the third quarter of the game"; with a year, the quarter form
    if g("qh"):
        is_half, n = g("qh") == "H", int(g("qn"))
        if not _figures_after(ctx, is_half):
            return None
    else:
        is_half = g("hq").lower() == "half"
        if is_half and "-" not in g("sep"):
            return None  # "the second half" alone is as often a match's or a book's
        n = ORDINALS.get(g("ord").lower()) or int(g("ord")[0])
    if is_half and n > 2:
        return None
    span_of: Spans = ((lambda year: tc.half_span(year, n)) if is_half
                      else (lambda year: tc.quarter_span(year, n)))
    found = _resolve(ctx, span_of, neutral_latest=True)
    if found is None:
        return needs_reference()
    return Reading(When(found[0], found[1], G.HALF if is_half else G.QUARTER, relative=True))


def _figures_after(ctx: Context, is_half: bool) -> bool:
    """Whether a bare ``Q4`` or ``H1`` is a period: followed by the figures
    reported for it (``Q4 results``), or, for a quarter, after a word that
    announces one (``in Q3``). "Q1:" in a questionnaire and an "H1" heading
    are not."""
    after = _WORD_AFTER.match(ctx.text, ctx.match.end())
    if after and after.group(1).lower() in FIGURES:
        return True
    return not is_half and token_before(ctx.text, ctx.match.start()).lower() in QUARTER_CUES


def season_as_subject(ctx: Context) -> bool:
    """``The winter was hard.``: see ``_SEASON_SUBJECT_VERBS``."""
    if not ctx.group("the") or ctx.group("s").lower() == "fall":
        return False
    if not opens_sentence(ctx.text, ctx.match.start()):
        return False
    verbs = _SPRING_SUBJECT_VERBS if ctx.group("s").lower() == "spring" else _SEASON_SUBJECT_VERBS
    return bool(verbs.match(ctx.text, ctx.match.end()))


def season_alone(ctx: Context) -> Reading | None:
    """in the winter, during the summer, this past fall, the coming spring,
    The winter was hard."""
    g = ctx.group
    word = g("s")
    if not g("dir") and not cued(ctx.text, ctx.match.start()) and not season_as_subject(ctx):
        return None
    if _OF_AFTER.match(ctx.text, ctx.match.end()) or _CAPITAL_AFTER.match(ctx.text,
                                                                          ctx.match.end()):
        return None  # "the fall of Rome", "the fall in prices", "the Winter Palace"
    if word.lower() == "fall" and not (g("dir") or g("the")):
        return None  # "in fall" is rare; "fall" alone is mostly the verb
    first = SEASONS[word.lower()]
    # In a story the season's middle month takes the story's year: a winter
    # told of in January 1940 began in December 1939.
    middle = first % 12 + 1
    found = _resolve(ctx, lambda year: tc.season_span(year, first),
                     told=lambda year: tc.season_span(year - (first == 12), first), month=middle)
    if found is None:
        return needs_reference()
    return Reading(When(found[0], found[1], G.SEASON, approximate=True, relative=True))
