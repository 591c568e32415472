"""Every date form the tagger reads, one record each.

A :class:`Form` holds all that is known about one kind of expression: its
regular expression, the handler that checks the context of a match and
normalises it (a direct reference), example sentences with the ``When`` each
must be read as, and what the prefilters need to let it through: the anchor
words it may hold instead of a number, the words that may open it before its
anchor, and what may follow a short number inside it. :mod:`prefilters`
builds the tagger's tables from these records (which forms can start at a
character, the anchor scans, the opening words), and a test runs every
example through the real tagger, so a form its prefilters block fails
loudly. To add a form, add a record here (see the README).

Forms are tried in this order, and the longest accepted reading at a place
wins; on equal length the earlier form wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from timeline.dates import calendar_days as cal
from timeline.dates import eras, story
from timeline.dates import handlers as h
from timeline.dates import relative as rel
from timeline.dates.lexicon import (
    CARDINAL_RE,
    ORDINAL_WORD_RE,
    SEASON_RE,
    WEEKDAY_FULL_RE,
)
from timeline.dates.patterns import (
    AFTER_CENTURY,
    AFTER_DASH,
    AFTER_DECADE,
    AFTER_MILLENNIUM,
    AFTER_MONTH,
    AFTER_Q,
    AFTER_QUARTER,
    AFTER_TO,
    AFTER_UNIT,
    CARDINAL_WORDS,
    DASH,
    DAY,
    DIRECTIONS,
    FLAGS,
    MONTH,
    MONTH_ANCHORS,
    NUM_START,
    ORDINAL_WORDS,
    PART_PREFIX,
    PARTS,
    REL_UNIT,
    S0,
    SEASON_ANCHORS,
    TO,
    TO_OR_AND,
    UNIT_ANCHORS,
    WD_PREFIX,
    WEEKDAY_ANCHORS,
    YEAR,
    S,
)
from timeline.dates.reading import Context, Reading
from timeline.day import day_from_iso
from timeline.model import Granularity as G
from timeline.model import When

Handler = Callable[[Context], Reading | None]

# What a narrative relative may count in ("that same day", "the following spring").
_STORY_UNITS = "day|night|morning|afternoon|evening|week|month|year|spring|summer|autumn|winter"
_STORY_ANCHORS = ("day night morning afternoon evening week month year "
                  "spring summer autumn fall winter")

REFERENCE = date(2013, 3, 22)
"""The day the examples' relative dates count from (a Friday)."""


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence holding one expression of the form, marked with brackets
    (``held on [5 March]``; no brackets: the whole sentence), and the
    ``When`` it must be read as (None: found, but not placed). ``gap`` says
    why the tagger does not read it so yet: a known gap, tested as one."""

    said: str
    when: When | None
    reference: date | None = REFERENCE
    gap: str = ""

    @property
    def text(self) -> str:
        """The sentence as the tagger sees it, without the brackets."""
        return self.said.replace("[", "").replace("]", "")

    @property
    def span(self) -> tuple[int, int]:
        """Where the expression stands in :attr:`text`."""
        if "[" not in self.said:
            return 0, len(self.said)
        start = self.said.index("[")
        return start, self.said.index("]") - 1


@dataclass(frozen=True)
class Form:
    """One date form: see the module's docstring. ``anchors`` and ``leads``
    are whitespace-separated words; ``after_number`` holds regex fragments."""

    name: str
    pattern: str
    handler: Handler
    examples: tuple[Example, ...]
    anchors: str = ""
    leads: str = ""
    after_number: tuple[str, ...] = ()
    before_number: tuple[str, ...] = ()
    """Fixed-width regex fragments that may stand just before a short number
    the form reads (``AD `` in ``AD 43``), for the digit prefilter."""
    own_end: bool = False
    """True when the pattern guards its own end; every other form must end at
    a word's end (so that 2014-11-05T10:00 still yields its day)."""
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        full = self.pattern if self.own_end else rf"(?:{self.pattern})(?!\w)"
        object.__setattr__(self, "regex", re.compile(full, FLAGS))


def when(start: str, end: str, granularity: G, approximate: bool = False,
         relative: bool = False) -> When:
    """A ``When`` from ISO days, to keep the examples short."""
    return When(day_from_iso(start), day_from_iso(end), granularity, approximate, relative)


def day(iso: str, relative: bool = False) -> When:
    return when(iso, iso, G.DAY, relative=relative)


def year(iso_year: str) -> When:
    """The whole year ``iso_year`` (``-0489`` is 490 BC)."""
    return when(f"{iso_year}-01-01", f"{iso_year}-12-31", G.YEAR)


FORMS: tuple[Form, ...] = (
    Form(
        "range_dmy",
        rf"{NUM_START}(?P<d1>{DAY})(?:{S}(?:of{S})?(?P<m1>{MONTH})(?:,?{S}(?P<y1>{YEAR}))?)?"
        rf"(?P<sep>{TO_OR_AND})(?:the{S})?(?P<d2>{DAY})(?:{S}of)?{S}(?P<m2>{MONTH})"
        rf"(?:,?{S}(?P<y2>{YEAR}))?",
        h.range_dmy,
        (Example("held in Bali from [29-30 March 2011]",
                 when("2011-03-29", "2011-03-30", G.DAY)),
         Example("[9 and 10 July 2015]", when("2015-07-09", "2015-07-10", G.DAY)),
         Example("[29 December 2008 – 3 January 2009]",
                 when("2008-12-29", "2009-01-03", G.DAY))),
        after_number=(AFTER_DASH, AFTER_TO, AFTER_MONTH),
    ),
    Form(
        "range_mdy",
        rf"(?P<m1>{MONTH}){S}(?P<d1>{DAY})(?:,?{S}(?P<y1>{YEAR}))?(?P<sep>{TO_OR_AND})"
        rf"(?:(?P<m2>{MONTH}){S})?(?P<d2>{DAY}),?{S}(?P<y2>{YEAR})",
        h.range_mdy,
        (Example("[June 3-5, 2019]", when("2019-06-03", "2019-06-05", G.DAY)),
         Example("[March 30 - April 2, 2019]", when("2019-03-30", "2019-04-02", G.DAY))),
        anchors=MONTH_ANCHORS,
    ),
    Form(
        "range_my",
        rf"(?P<m1>{MONTH})(?:,?{S}(?P<y1>{YEAR}))?(?P<sep>{TO_OR_AND})"
        rf"(?P<m2>{MONTH}),?{S}(?P<y2>{YEAR})",
        h.range_my,
        (Example("[June to August 2016]", when("2016-06-01", "2016-08-31", G.MONTH)),
         Example("[December 2012 - January 2013]", when("2012-12-01", "2013-01-31", G.MONTH))),
        anchors=MONTH_ANCHORS,
    ),
    Form(
        "range_y",
        rf"(?:(?P<kw>between|from){S})?{NUM_START}(?P<y1>{YEAR})"
        rf"(?P<sep>{TO_OR_AND}|/)(?P<y2>{YEAR}|\d\d(?![\w’'/-]))",
        h.range_y,
        (Example("between [1998 and 2001]", when("1998-01-01", "2001-12-31", G.YEAR)),
         Example("the [2012-13] budget", when("2012-01-01", "2013-12-31", G.YEAR))),
        leads="between from",
    ),
    Form(
        "iso",
        rf"{NUM_START}(?P<y>{YEAR})(?P<s1>[-/.])(?P<m>0?[1-9]|1[0-2])(?P<s2>[-/.])"
        rf"(?P<d>[12]\d|3[01]|0?[1-9])(?![\d/.-]?\d)",
        h.iso,
        (Example("[2014-11-05]", day("2014-11-05")),
         Example("posted [2014/11/05]T10:00", day("2014-11-05"))),
        own_end=True,
    ),
    Form(
        "numeric",  # day first unless that is impossible
        rf"{NUM_START}(?P<a>\d\d?)(?P<s1>[/.-])(?P<b>\d\d?)(?P<s2>[/.-])(?P<y>{YEAR})"
        rf"(?![/.-]?\d)",
        h.numeric,
        (Example("[25/12/2015]", day("2015-12-25")),
         Example("[12.03.2014]", day("2014-03-12"))),
        after_number=(AFTER_DASH,),
        own_end=True,
    ),
    Form(
        "dmy",  # a day without its year takes it from the reference
        rf"{WD_PREFIX}(?:the{S})?{NUM_START}(?P<d>{DAY})(?:{S}of)?{S}(?P<m>{MONTH})"
        rf"(?:,?{S}(?P<y>{YEAR}))?",
        h.single_day,
        (Example("[Monday, 3 June 2019]", day("2019-06-03")),
         Example("[the 9th of November 1989]", day("1989-11-09")),
         Example("The talks held on [5 March] were useful.", day("2013-03-05", relative=True))),
        anchors=WEEKDAY_ANCHORS,
        leads="the",
        after_number=(AFTER_MONTH,),
    ),
    Form(
        "mdy",
        rf"{WD_PREFIX}(?P<m>{MONTH}){S}(?P<d>{DAY})(?:,?{S}(?P<y>{YEAR}))?",
        h.single_day,
        (Example("[October 3, 2009]", day("2009-10-03")),
         Example("[Feb. 2, 2007]", day("2007-02-02"))),
        anchors=MONTH_ANCHORS,
    ),
    Form(
        "month_year",
        rf"(?P<m>{MONTH})(?:,|{S}of)?{S}(?P<y>{YEAR})",
        h.month_year,
        (Example("[June 2012]", when("2012-06-01", "2012-06-30", G.MONTH)),
         Example("[March of 2012]", when("2012-03-01", "2012-03-31", G.MONTH))),
        anchors=MONTH_ANCHORS,
    ),
    Form(
        "part",
        rf"{PART_PREFIX}(?:(?P<m>{MONTH})(?:,?{S}(?P<y>{YEAR}))?|(?P<yy>{YEAR})"
        rf"|(?P<dec>(?:1\d|20)\d0)['’]?s(?!\w)|{REL_UNIT})",
        h.part,
        (Example("[mid-2013]", when("2013-05-01", "2013-08-31", G.YEAR, True)),
         Example("[late January 2015]", when("2015-01-21", "2015-01-31", G.MONTH, True)),
         Example("[the beginning of 2019]", when("2019-01-01", "2019-03-31", G.YEAR, True)),
         Example("[the end of the 1990s]", when("1997-01-01", "1999-12-31", G.DECADE, True)),
         Example("[early next year]", when("2014-01-01", "2014-04-30", G.YEAR, True, True))),
        anchors=f"{MONTH_ANCHORS} {UNIT_ANCHORS}",
        leads=f"{PARTS} {DIRECTIONS}",
    ),
    Form(
        "part_range",  # both ends vague parts: "from mid-March to early April 2014"
        rf"(?P<p1>early|late|mid)(?:{S0}-{S0}|{S})(?:(?P<m1>{MONTH})(?:,?{S}(?P<y1>{YEAR}))?"
        rf"|(?P<yy1>{YEAR})){TO}(?P<p2>early|late|mid)(?:{S0}-{S0}|{S})"
        rf"(?:(?P<m2>{MONTH}),?{S}(?P<y2>{YEAR})|(?P<yy2>{YEAR}))",
        h.part_range,
        (Example("from [mid-March to early April 2014]",
                 when("2014-03-11", "2014-04-10", G.MONTH, True)),
         Example("[late 2012 to early 2013]", when("2012-09-01", "2013-04-30", G.YEAR, True))),
        anchors=MONTH_ANCHORS,
        leads="early late mid",
    ),
    Form(
        "quarter",
        rf"(?:the{S})?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th){S}"
        rf"(?P<hq>half|quarter){S}of{S}(?:the{S}year{S})?(?:(?P<y>{YEAR})|{REL_UNIT})"
        rf"|(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12])){S0}(?P<y2>{YEAR})"
        rf"|(?P<y3>{YEAR}){S}Q(?P<q3>[1-4])(?!\w)",
        h.quarter,
        (Example("[the second half of 2004]", when("2004-07-01", "2004-12-31", G.HALF)),
         Example("[the final quarter of 2019]", when("2019-10-01", "2019-12-31", G.QUARTER)),
         Example("[Q1 2020]", when("2020-01-01", "2020-03-31", G.QUARTER)),
         Example("[1Q 2020]", when("2020-01-01", "2020-03-31", G.QUARTER)),
         Example("[H2 2021]", when("2021-07-01", "2021-12-31", G.HALF)),
         Example("[the 1st quarter of 2019]", when("2019-01-01", "2019-03-31", G.QUARTER)),
         Example("[the first half of next year]",
                 when("2014-01-01", "2014-06-30", G.HALF, relative=True))),
        anchors="quarter year",
        leads="the first second third fourth final last half quarter of next this",
        after_number=(AFTER_QUARTER, AFTER_Q),
    ),
    Form(
        "season",
        rf"(?:(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))?(?:the{S})?(?P<s>{SEASON_RE})"
        rf"(?:{S}of)?{S}(?P<y>{YEAR})(?:{DASH}(?P<y2>\d\d)(?!\w))?"
        rf"|(?P<dir>this|last|next){S}(?P<s2>{SEASON_RE})",
        h.season,
        (Example("[autumn 2016]", when("2016-09-01", "2016-11-30", G.SEASON, True)),
         Example("[the winter of 2010]", when("2010-12-01", "2011-02-28", G.SEASON, True)),
         Example("[last summer]", when("2012-06-01", "2012-08-31", G.SEASON, True, True))),
        anchors=SEASON_ANCHORS,
        leads="early late mid the this last next",
    ),
    Form(
        "decade",
        rf"(?:the{S})?(?:(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))?"
        rf"(?:(?P<y>(?:1\d|20)\d0)|['’](?P<yy>\d0))['’]?s(?!\w)",
        h.decade,
        (Example("[the 1980s]", when("1980-01-01", "1989-12-31", G.DECADE)),
         Example("[the late 1970s]", when("1977-01-01", "1979-12-31", G.DECADE, True)),
         Example("[the '90s]", when("1990-01-01", "1999-12-31", G.DECADE))),
        leads="the early late mid",
        after_number=(AFTER_DECADE,),
    ),
    Form(
        "century",
        rf"(?:the{S})?(?:(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))?"
        rf"(?:(?P<n>\d\d?)(?:st|nd|rd|th)|(?P<w>{ORDINAL_WORD_RE}))(?:{S0}-{S0}|{S})century"
        rf"(?:{S}(?P<era>{eras.ERA}))?",
        eras.century,
        (Example("[the 20th century]", when("1901-01-01", "2000-12-31", G.CENTURY)),
         Example("[the early twenty-first century]",
                 when("2001-01-01", "2033-12-31", G.CENTURY, True)),
         Example("founded in [the 5th century BC]",
                 when("-0499-01-01", "-0400-12-31", G.CENTURY)),
         Example("[the late third century BCE]",
                 when("-0232-01-01", "-0200-12-31", G.CENTURY, True))),
        anchors="centur",
        leads=f"the early late mid {ORDINAL_WORDS}",
        after_number=(AFTER_CENTURY,),
    ),
    Form(
        "millennium",
        rf"(?:the{S})?(?:(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))?"
        rf"(?:(?P<n>\d\d?)(?:st|nd|rd|th)|(?P<w>{ORDINAL_WORD_RE}))(?:{S0}-{S0}|{S})"
        rf"millenni(?:um|a)(?:{S}(?P<era>{eras.ERA}))?",
        eras.millennium,
        (Example("farming spread in [the third millennium BCE]",
                 when("-2999-01-01", "-2000-12-31", G.MILLENNIUM)),
         Example("[the 1st millennium AD]", when("0001-01-01", "1000-12-31", G.MILLENNIUM)),
         Example("[the early second millennium BC]",
                 when("-1999-01-01", "-1670-12-31", G.MILLENNIUM, True))),
        anchors="millenni",
        leads=f"the early late mid {ORDINAL_WORDS}",
        after_number=(AFTER_MILLENNIUM,),
    ),
    Form(
        "era_year",
        rf"(?P<y>\d{{1,2}},\d{{3}}|\d{{1,5}})[ \u00a0]?(?P<era>{eras.ERA})",
        eras.era_year,
        (Example("Athens fought at Marathon in [490 BC].", year("-0489")),
         Example("Caesar died in [44 BCE].", year("-0043")),
         Example("Rome invaded Britain in [43 AD].", year("0043")),
         Example("Bronze tools appear [c. 1200 BC].",
                 when("-1199-01-01", "-1199-12-31", G.YEAR, True)),
         Example("the ice retreated by [10,000 BC]", year("-9999")),
         Example("[753 B.C.] is the traditional date", year("-0752"))),
        after_number=(eras.AFTER_ERA, eras.AFTER_THOUSANDS_ERA),
    ),
    Form(
        "era_range",
        rf"(?P<y>\d{{1,2}},\d{{3}}|\d{{1,5}})(?:[ \u00a0]?(?P<era1>{eras.ERA}))?"
        rf"(?:{S0}{DASH}{S0}|{S}to{S})"
        rf"(?:(?P<y2>\d{{1,2}},\d{{3}}|\d{{1,5}})[ \u00a0]?(?P<era>{eras.ERA})"
        rf"|(?P<ad>A\.?[ \u00a0]?D\.?)[ \u00a0]?(?P<y3>\d{{1,4}}))",
        eras.era_range,
        (Example("The First Punic War lasted from [264-241 BC].",
                 when("-0263-01-01", "-0240-12-31", G.YEAR)),
         Example("[264 BC to 241 BC]", when("-0263-01-01", "-0240-12-31", G.YEAR)),
         Example("Augustus ruled from [27 BC – AD 14].",
                 when("-0026-01-01", "0014-12-31", G.YEAR))),
        after_number=(AFTER_DASH, AFTER_TO, eras.AFTER_ERA),
    ),
    Form(
        "ad_year",
        r"(?P<y>\d{1,4})",
        eras.ad_year,
        (Example("Rome invaded Britain in [AD 43].", year("0043")),
         Example("the city fell in [A.D. 476]", year("0476"))),
        before_number=eras.BEFORE_NUMBER,
    ),
    Form(
        "era_season",
        rf"(?:the{S})?(?P<s>{SEASON_RE})(?:{S}of)?{S}(?P<y>\d{{1,5}})[ \u00a0]?(?P<era>{eras.ERA})",
        eras.era_season,
        (Example("In [the spring of 538 BC] the tribes burned the city.",
                 when("-0537-03-01", "-0537-05-31", G.SEASON, True)),
         Example("[summer 44 BC]", when("-0043-06-01", "-0043-08-31", G.SEASON, True))),
        anchors=SEASON_ANCHORS,
        leads="the",
    ),
    Form(
        "era_day",
        rf"(?:(?P<d>{DAY}){S}(?:of{S})?)?(?P<m>{MONTH})\.?{S}(?P<y>\d{{1,5}})[ \u00a0]?"
        rf"(?P<era>{eras.ERA})",
        eras.era_day,
        (Example("Caesar was killed on [15 March 44 BC].", day("-0043-03-15")),
         Example("[March 44 BC]", when("-0043-03-01", "-0043-03-31", G.MONTH))),
        anchors=MONTH_ANCHORS,
        after_number=(AFTER_MONTH,),
    ),
    Form(
        "fiscal",
        rf"(?:fiscal(?:{S}year)?{S}|FY{S0}['’]?)(?P<y>{YEAR}|\d\d(?!\w))"
        rf"(?:[-–/](?P<y2>\d\d)(?!\w))?",
        h.fiscal,
        (Example("[fiscal 2012]", when("2012-01-01", "2012-12-31", G.YEAR)),
         Example("[FY2013]", when("2013-01-01", "2013-12-31", G.YEAR)),
         Example("[fiscal 2010-11]", when("2010-01-01", "2011-12-31", G.YEAR)),
         Example("the [FY13] budget", when("2013-01-01", "2013-12-31", G.YEAR)),
         Example("[fiscal year 2012-13]", when("2012-01-01", "2013-12-31", G.YEAR))),
        anchors="fy",  # FY13: a two-digit year is no anchor
        leads="fiscal fy year",
    ),
    Form(
        "rel_day",
        rf"(?P<w>today|tonight|yesterday|tomorrow)(?:['’]s)?(?:{S}(?P<tod>morning|afternoon"
        rf"|evening|night))?|the{S}day{S}(?P<ba>before{S}yesterday|after{S}tomorrow)"
        rf"|(?P<this>this){S}(?:morning|afternoon|evening)",
        rel.rel_day,
        (Example("[yesterday]", day("2013-03-21", relative=True)),
         Example("[the day after tomorrow]", day("2013-03-24", relative=True)),
         Example("[this morning]", day("2013-03-22", relative=True)),
         Example("[today]", None, reference=None)),
        anchors="today tonight yesterday tomorrow morning afternoon evening",
        leads="the day before after this",
    ),
    Form(
        "rel_unit",
        rf"(?:(?P<ea>earlier|later){S})?(?P<dir>this|last|next){S}(?:fiscal{S})?"
        rf"(?P<unit>week|weekend|month|year|quarter|decade|century)(?!\w)",
        rel.rel_unit,
        (Example("[last year]", when("2012-01-01", "2012-12-31", G.YEAR, relative=True)),
         Example("[next week]", when("2013-03-25", "2013-03-31", G.DAY, relative=True)),
         Example("[earlier this month]",
                 when("2013-03-01", "2013-03-22", G.MONTH, True, True))),
        anchors=f"week quarter {UNIT_ANCHORS}",
        leads="earlier later this last next fiscal",
    ),
    Form(
        "weekday",
        rf"(?:(?P<dir>last|next|this|coming|past){S})?(?P<wd>{WEEKDAY_FULL_RE})"
        rf"(?:{S}(?P<tod>morning|afternoon|evening|night))?",
        rel.weekday,
        (Example("[last Tuesday]", day("2013-03-19", relative=True)),
         Example("They met on [Wednesday night].", day("2013-03-20", relative=True))),
        anchors=WEEKDAY_ANCHORS,
        leads=DIRECTIONS,
    ),
    Form(
        "ago",
        rf"(?P<n>\d{{1,3}}|{CARDINAL_RE}){S}(?P<unit>day|week|month|year|decade)s?{S}"
        rf"(?:ago|(?P<fut>from{S}now))",
        rel.ago,
        (Example("[three years ago]", when("2010-01-01", "2010-12-31", G.YEAR, relative=True)),
         Example("[a couple of months ago]",
                 when("2013-01-01", "2013-01-31", G.MONTH, relative=True)),
         Example("[10 days ago]", day("2013-03-12", relative=True)),
         Example("[three days ago]", day("2013-03-19", relative=True))),
        anchors="week month year decade",
        leads=f"{CARDINAL_WORDS} couple of",
        after_number=(AFTER_UNIT,),
    ),
    Form(
        "month",  # a month alone: the handler asks for evidence
        rf"(?:(?P<dir>last|next|this|coming){S})?(?P<m>{MONTH})",
        h.month_alone,
        (Example("[last December]", when("2012-12-01", "2012-12-31", G.MONTH, relative=True)),
         Example("The report came out in [March].",
                 when("2013-03-01", "2013-03-31", G.MONTH, relative=True))),
        anchors=MONTH_ANCHORS,
        leads="last next this coming",
    ),
    Form(
        "year",  # a year alone: the handler asks for evidence
        rf"{NUM_START}(?P<y>{YEAR})",
        h.year_alone,
        (Example("in [2012]", when("2012-01-01", "2012-12-31", G.YEAR)),
         Example("since [1998]", when("1998-01-01", "1998-12-31", G.YEAR))),
    ),
    Form(
        "vague",  # found, but not placeable
        rf"recently|lately|nowadays|currently|now|at{S}present|these{S}days"
        rf"|the{S}(?:near{S}|distant{S}|foreseeable{S})?future|the{S}past"
        rf"|the{S}(?:next|coming|last|past)(?:{S}(?:few|several|{CARDINAL_RE}|\d+))?"
        rf"{S}(?:decades?|years|months|weeks)|recent{S}(?:years|months|weeks|decades)",
        h.vague,
        (Example("[recently]", None),
         Example("in [the near future]", None),
         Example("[at present]", None),
         Example("over [the next two decades]", None),
         Example("[these days]", None, gap="'these' is no opening word before the anchor 'days'"),
         Example("over [the past several years]", None,
                 gap="'the past' comes first among the alternatives and is taken")),
        anchors="future past recent lately nowadays currently now present",
        leads=f"at the near distant foreseeable next coming last past {CARDINAL_WORDS}",
    ),
    # Narrative relatives: they count from the time the story has reached
    # (timeline.dates.story), or from the reference day where the text has
    # stated no date before them.
    Form(
        "story_that",
        rf"(?:that(?:{S}(?:same|very))?|the{S}same){S}(?P<unit>{_STORY_UNITS})",
        story.that_unit,
        (Example("and [that same day] the ceasefire began", day("2013-03-22", relative=True)),
         Example("the dam was finished [that spring]",
                 when("2013-03-01", "2013-05-31", G.SEASON, True, True)),
         Example("a second plant opened [the same year]",
                 when("2013-01-01", "2013-12-31", G.YEAR, relative=True))),
        anchors=_STORY_ANCHORS,
        leads="that the same very",
    ),
    Form(
        "story_next",
        rf"the{S}(?P<dir>next|following|previous|preceding){S}(?P<unit>{_STORY_UNITS}|fall)"
        rf"|the{S}(?P<unit2>day|night|week|month|year){S}(?P<dir2>before|after)(?=\s*[.,;:!?)])",
        story.next_unit,
        (Example("[The next day] the city fell.", day("2013-03-23", relative=True)),
         Example("They came back [the following year].",
                 when("2014-01-01", "2014-12-31", G.YEAR, relative=True)),
         Example("as agreed [the previous week].",
                 when("2013-03-11", "2013-03-17", G.DAY, relative=True)),
         Example("He had left [the day before].", day("2013-03-21", relative=True))),
        anchors=_STORY_ANCHORS,
        leads="the next following previous preceding",
    ),
    Form(
        "story_later",
        rf"(?P<n>\d{{1,3}}|{CARDINAL_RE}){S}(?P<unit>day|week|month|year)s?{S}"
        rf"(?P<dir>later|earlier|afterwards?)",
        story.units_later,
        (Example("[Two days later] the army withdrew.", day("2013-03-24", relative=True)),
         Example("[A year later] the plant closed.",
                 when("2014-01-01", "2014-12-31", G.YEAR, relative=True)),
         Example("[three weeks earlier]", when("2013-02-25", "2013-03-03", G.DAY,
                                              relative=True))),
        anchors="day week month year",
        leads=f"{CARDINAL_WORDS} couple of",
        after_number=(AFTER_UNIT,),
    ),
    Form(
        "story_part",
        rf"(?P<ea>later|earlier){S}that{S}(?P<unit>day|month|year)",
        story.later_that,
        (Example("[Later that month] the talks failed.",
                 when("2013-03-22", "2013-03-31", G.MONTH, True, True)),
         Example("[earlier that year]", when("2013-01-01", "2013-03-22", G.YEAR, True, True))),
        anchors="day month year",
        leads="later earlier that",
    ),
    # Fiscal, holiday and season dates: the handlers, and the rule that picks
    # the year when none is written, are in calendar_days.
    Form(
        "quarter_adjective",
        rf"(?:fiscal{S})?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
        rf"(?P<sep>{S0}-{S0}|{S})(?P<hq>quarter|half)|(?P<qh>[QH])(?P<qn>[1-4]))",
        cal.quarter_adjective,
        (Example("The bank's [third-quarter] profit fell.",
                 when("2012-07-01", "2012-09-30", G.QUARTER, relative=True)),
         Example("[fourth-quarter] results", when("2012-10-01", "2012-12-31", G.QUARTER,
                                                  relative=True)),
         Example("sales in the [first quarter] rose", when("2013-01-01", "2013-03-31",
                                                           G.QUARTER, relative=True)),
         Example("it expects [first-half] sales to climb",
                 when("2013-01-01", "2013-06-30", G.HALF, relative=True)),
         Example("a [fiscal second-quarter] loss",
                 when("2012-04-01", "2012-06-30", G.QUARTER, relative=True)),
         Example("its [Q4] results", when("2012-10-01", "2012-12-31", G.QUARTER,
                                          relative=True)),
         Example("[H1] sales", when("2013-01-01", "2013-06-30", G.HALF, relative=True))),
        anchors="quarter half",
        leads="fiscal first second third fourth final",
        after_number=(r"[\s-]+(?:quarter|half)", r"(?<=[qh]\d)(?!\w)"),
    ),
    Form(
        "holiday",
        rf"(?:(?P<dir>last|next|this(?:{S}past|{S}coming)?){S})?(?P<hol>{cal.HOLIDAY_RE})"
        rf"(?:,?{S}(?:of{S})?(?P<y>{YEAR}))?",
        cal.holiday,
        (Example("the assassination weeks before [Christmas 1963]", day("1963-12-25")),
         Example("They met on [Thanksgiving Day].", day("2012-11-22", relative=True)),
         Example("on [New Year's Eve] the city was quiet", day("2012-12-31", relative=True)),
         Example("He was born on [Independence Day, 1976].", day("1976-07-04")),
         Example("sales fell over [Easter]", day("2013-03-31", relative=True),
                 reference=date(2013, 4, 3)),
         Example("the store will close on [Christmas Eve]", day("2013-12-24", relative=True)),
         Example("[last Christmas]", day("2012-12-25", relative=True)),
         Example("[Labor Day 2019]", day("2019-09-02")),
         Example("the fast ends on [Orthodox Easter]", day("2013-05-05", relative=True))),
        anchors="christmas easter thanksgiving independence labor memorial halloween valentine "
                "boxing",
        leads="last next this past coming new good fourth of orthodox",
    ),
    Form(
        "season_alone",
        rf"(?:(?P<the>the){S})?(?:(?P<dir>this(?:{S}past|{S}coming)?|past|coming|last|next){S})?"
        rf"(?P<s>{SEASON_RE})",
        cal.season_alone,
        (Example("The plant closed in [the winter].",
                 when("2012-12-01", "2013-02-28", G.SEASON, True, True)),
         Example("It was built during [the summer].",
                 when("2012-06-01", "2012-08-31", G.SEASON, True, True)),
         Example("Talks broke down in [the fall].",
                 when("2012-09-01", "2012-11-30", G.SEASON, True, True),
                 reference=date(2013, 1, 10)),
         Example("the vote will be held in [the fall]",
                 when("2013-09-01", "2013-11-30", G.SEASON, True, True)),
         Example("[this past winter]", when("2012-12-01", "2013-02-28", G.SEASON, True, True)),
         Example("jobs were cut [last fall]",  # the season form takes "fall" for the verb
                 when("2012-09-01", "2012-11-30", G.SEASON, True, True))),
        anchors=SEASON_ANCHORS,
        leads="the this past coming last next",
    ),
)
