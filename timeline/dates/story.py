"""Story time: the time a narrative has reached, and the dates counted from it.

A history moves forward through its dates: "Germany invaded Poland on 1
September 1939. ... In April, Germany invaded Denmark" puts April in 1940, not
in the year the document was written. :func:`advance` keeps the story time as
the tagger reads: every date placed without the document's date (stated with
its year, or itself counted from the story) becomes the new story time.

Rules, in brief:

* A date without a year (``9 April``, ``in May``, ``late June``) takes its
  year from the story time: the same year when the month is at most two months
  before the story's, else the year after (narratives run forward); a
  flashback cue in its sentence (``had``, ``earlier``, ``before``) looks back
  instead. A story time of a whole year gives its year as is.
* Narrative relatives (``the next day``, ``that same day``, ``two days
  later``, ``the following year``, ``later that month``, ``that spring``,
  ``the previous week``) count from the story time.
* Where the text has stated no date yet, both fall back to the document's
  date (news). News-style relatives (``yesterday``, ``last Tuesday``, ``three
  years ago``) always count from the document's date and never move the story.
* A date counted from the document's date brings the text back to its
  present ("The plan dates from 2009. Last year ... on 2 October ..."): the
  story waits for the next date stated in full.
* A year stated alone reaches to the end of its paragraph (:func:`reach`),
  and a date in a sentence that speaks of the future is counted from the
  document's date ("is due out in May").
* Paragraph breaks do not otherwise reset the story; nothing does within one text: a
  new section of a history almost always opens with a full date of its own,
  which sets the story anew, while a reset would send the yearless dates of a
  section that does not (a reader carries the year on) to the document's year.
* Only spans of at most a year set the story: after ``the 1990s`` a yearless
  ``March`` has no year to take, and keeps falling back as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.dates import timecalc as tc
from timeline.dates.context import clause_start
from timeline.dates.lexicon import CARDINALS, SEASONS
from timeline.dates.reading import Context, Reading, needs_reference
from timeline.day import Day
from timeline.model import Granularity as G
from timeline.model import When

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
_PLAN = re.compile(r"\b(?:will|shall|'ll|(?:is|are|am)\s+(?:going\s+to|to\s+be|due|expected|"
                   r"scheduled|planned|set)|upcoming)\b", re.IGNORECASE)
_INTENT = re.compile(r"\b(?:will|shall|would|'ll|promis\w*|intend\w*|plan(?:s|ned|ning)?|"
                     r"hop(?:e|es|ed|ing)|expect\w*|due|scheduled)\b", re.IGNORECASE)
_FLASHBACK = re.compile(r"\b(?:had|earlier|before|previously|prior)\b", re.IGNORECASE)
_BACK_MONTHS = 2
"""How far before the story's month a yearless month still falls in its year."""


@dataclass(frozen=True, slots=True)
class StoryTime:
    """The time the text has reached: a date and where it was stated."""

    when: When
    start: int
    end: int

    @property
    def day(self) -> Day:
        """The day narrative relatives count from: the last day of a stated
        range of days ("1-3 September": the next day is the 4th), else its first."""
        return self.when.end if self.when.granularity is G.DAY else self.when.start


def advance(story: StoryTime | None, when: When | None, start: int, end: int,
            counted_from_document: bool, text: str) -> StoryTime | None:
    """The story time after a date read at ``start:end`` of ``text``.

    A date counted from the document's ("last year", "yesterday") brings the
    text back to the day it was written: the story waits for a new date
    stated in full. A date counted back from the story ("the previous day",
    "had begun in December") is a glance back, and one in a sentence of
    intent ("promising to return the following summer") a glance ahead:
    neither moves the story, which goes on from where it stood.
    """
    if counted_from_document:
        return None
    if when is None:
        return story
    if story is not None and when.relative and (
            when.start < story.when.start or _INTENT.search(text, clause_start(text, start, 80),
                                                            start)):
        return story
    if when.granularity.rank > G.YEAR.rank or when.end.year - when.start.year > \
            (when.granularity is G.SEASON):
        return story  # a decade, a century, a span of years: no day to count from
    return StoryTime(when, start, end)


def reach(ctx: Context) -> StoryTime | None:
    """The story time where ``ctx`` stands, if it reaches that far. A year
    stated alone reaches to the end of its paragraph: in news a year in
    passing ("met him in 2005") does not move the report, which speaks from
    its own date; a history that means the year goes on in the same breath
    ("In 1940 ... On 9 April ..."), and the day it reaches then carries on."""
    story = ctx.story
    if story is None or story.when.relative or not _whole_year(story):
        return story
    if _PARAGRAPH_BREAK.search(ctx.text, story.end, ctx.match.start()):
        return None
    return story


def story_year(ctx: Context, month: int) -> int | None:
    """The year of a month named without one, from the story time; None
    when the text has stated no date yet, or speaks of what is to come (a
    plan is dated from the day of writing: "is due out in May")."""
    story = reach(ctx)
    if story is None or _planned(ctx):
        return None
    reached = story.day
    if _whole_year(story):
        return reached.year
    own_sentence = ctx.text[clause_start(ctx.text, ctx.match.start(), 80):ctx.match.start()]
    if _FLASHBACK.search(own_sentence):
        return reached.year if month <= reached.month else reached.year - 1
    return reached.year if month >= reached.month - _BACK_MONTHS else reached.year + 1


def _counted(ctx: Context) -> Day | None:
    """The day a narrative relative counts from: the story's, else the document's."""
    story = reach(ctx)
    return story.day if story is not None else ctx.ref


def _whole_year(story: StoryTime | None) -> bool:
    """Whether the story has reached a whole year rather than a time in it
    ("later that year" has reached September, not January)."""
    if story is None:
        return False
    first, last = tc.year_span(story.when.start.year)
    return (story.when.start, story.when.end) == (first, last)


def _planned(ctx: Context) -> bool:
    """Whether the sentence before ``ctx``'s match speaks of a plan ("is due
    out in May"); narrative's future in the past ("would") does not count."""
    return _PLAN.search(ctx.text, clause_start(ctx.text, ctx.match.start(), 80),
                        ctx.match.start()) is not None


def _placed(span: tuple[Day, Day], granularity: G, approximate: bool = False) -> Reading:
    return Reading(When(span[0], span[1], granularity, approximate, relative=True))


def _unit(day: Day, unit: str, step: int) -> Reading:
    """The day, week, month or year ``step`` units from the one holding ``day``."""
    if unit in {"day", "morning", "afternoon", "evening", "night"}:
        moved = day + timedelta(days=step)
        return _placed((moved, moved), G.DAY)
    if unit == "week":
        return _placed(tc.week_span(day + timedelta(weeks=step)), G.DAY)
    if unit == "month":
        year, month = tc.add_months(day.year, day.month, step)
        return _placed(tc.month_span(year, month), G.MONTH)
    return _placed(tc.year_span(day.year + step), G.YEAR)


def _season(day: Day, word: str, step: int, whole_year: bool) -> Reading:
    """That spring: the season of the story's year. The following (previous)
    winter: the first one to begin after (end before) the story's day; after
    a whole year, the season of the year after (before) it."""
    first = SEASONS[word]
    if whole_year:
        year = day.year + step
    elif step > 0:
        year = (day.year if date(day.year, first, 1) > day else day.year + 1) + step - 1
    elif step < 0:
        year = (day.year if tc.season_span(day.year, first)[1] < day else day.year - 1) + step + 1
    else:
        # In February the winter is the one that began in December.
        year = day.year - (first == 12 and day.month < 3)
    return _placed(tc.season_span(year, first), G.SEASON, approximate=True)


_DAY_UNITS = frozenset({"day", "night", "morning", "afternoon", "evening"})
_COARSER_THAN: dict[str, frozenset[G]] = {
    **{unit: frozenset({G.MONTH, G.SEASON, G.QUARTER, G.HALF, G.YEAR}) for unit in _DAY_UNITS},
    "week": frozenset({G.MONTH, G.SEASON, G.QUARTER, G.HALF, G.YEAR}),
    "month": frozenset({G.SEASON, G.QUARTER, G.HALF, G.YEAR}),
    "year": frozenset(),
}
"""For "that same <unit>": the story granularities too coarse to pick one out."""

_STEP = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1,
         "before": -1, "later": 1, "earlier": -1, "afterwards": 1, "afterward": 1}


def that_unit(ctx: Context) -> Reading | None:
    """that same day, that day, the same year, that spring, that evening."""
    ref = _counted(ctx)
    if ref is None:
        return needs_reference()
    unit = ctx.group("unit").lower()
    story = reach(ctx)
    if unit in SEASONS:
        return _season(ref, unit, 0, _whole_year(story))
    if story is not None and story.when.granularity in _COARSER_THAN[unit]:
        # "In January ... the same week": the story knows only the month.
        whole = story.when
        return Reading(When(whole.start, whole.end, whole.granularity, True, relative=True))
    return _unit(ref, unit, 0)


def next_unit(ctx: Context) -> Reading | None:
    """the next day, the following year, the previous week, the day before."""
    ref = _counted(ctx)
    if ref is None:
        return needs_reference()
    step = _STEP[(ctx.group("dir") or ctx.group("dir2")).lower()]
    unit = (ctx.group("unit") or ctx.group("unit2")).lower()
    if unit in SEASONS:
        return _season(ref, unit, step, _whole_year(reach(ctx)))
    return _unit(ref, unit, step)


def units_later(ctx: Context) -> Reading | None:
    """two days later, a week earlier, three years afterwards."""
    ref = _counted(ctx)
    if ref is None:
        return needs_reference()
    token = " ".join(ctx.group("n").lower().split())
    count = int(token) if token.isdigit() else CARDINALS[token]
    return _unit(ref, ctx.group("unit").lower(), count * _STEP[ctx.group("dir").lower()])


def later_that(ctx: Context) -> Reading | None:
    """later that month, earlier that year: the unit's part after (before) the story day."""
    ref = _counted(ctx)
    if ref is None:
        return needs_reference()
    unit = ctx.group("unit").lower()
    whole = _unit(ref, unit, 0).when
    assert whole is not None
    if unit == "day":
        return Reading(whole)
    if ctx.group("ea").lower() == "earlier":
        span = (whole.start, max(whole.start, min(whole.end, ref)))
    else:
        span = (min(whole.end, max(whole.start, ref)), whole.end)
    return _placed(span, whole.granularity, approximate=True)
