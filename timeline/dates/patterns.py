"""The grammar of date expressions: one regular expression per rule.

Each rule is matched on its own at a candidate position; ``MASTER`` (all rules
joined, group names stripped) finds those positions in a single scan of the
text. Group names inside a rule are what its handler in ``temporal`` reads.
Whitespace inside an expression may hold one line break, so dates wrapped by
PDF extraction (``29-30\\nMarch 2011``) are still found.
"""

from __future__ import annotations

import re

from timeline.dates.lexicon import (
    CARDINAL_RE,
    MONTH_RE,
    ORDINAL_WORD_RE,
    SEASON_RE,
    WEEKDAY_FULL_RE,
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

RULES: dict[str, str] = {
    # 29-30 March 2011 · 9 and 10 July 2015 · 29 December 2008 – 3 January 2009
    "range_dmy": (
        rf"{NUM_START}(?P<d1>{DAY})(?:{S}(?:of{S})?(?P<m1>{MONTH})(?:,?{S}(?P<y1>{YEAR}))?)?"
        rf"(?P<sep>{TO_OR_AND})(?:the{S})?(?P<d2>{DAY})(?:{S}of)?{S}(?P<m2>{MONTH})"
        rf"(?:,?{S}(?P<y2>{YEAR}))?"),
    # June 3-5, 2019 · March 30 - April 2, 2019
    "range_mdy": (
        rf"(?P<m1>{MONTH}){S}(?P<d1>{DAY})(?:,?{S}(?P<y1>{YEAR}))?(?P<sep>{TO_OR_AND})"
        rf"(?:(?P<m2>{MONTH}){S})?(?P<d2>{DAY}),?{S}(?P<y2>{YEAR})"),
    # June to August 2016 · December 2012 - January 2013 · May and June 2012
    "range_my": (
        rf"(?P<m1>{MONTH})(?:,?{S}(?P<y1>{YEAR}))?(?P<sep>{TO_OR_AND})"
        rf"(?P<m2>{MONTH}),?{S}(?P<y2>{YEAR})"),
    # between 1998 and 2001 · from 1995 to 2005 · 2012-13 · 2012/13
    "range_y": (
        rf"(?:(?P<kw>between|from){S})?{NUM_START}(?P<y1>{YEAR})"
        rf"(?P<sep>{TO_OR_AND}|/)(?P<y2>{YEAR}|\d\d(?![\w’'/-]))"),
    # 2014-11-05 · 2014/11/05
    "iso": rf"{NUM_START}(?P<y>{YEAR})(?P<s1>[-/.])(?P<m>0?[1-9]|1[0-2])(?P<s2>[-/.])"
           rf"(?P<d>[12]\d|3[01]|0?[1-9])(?![\d/.-]?\d)",
    # 25/12/2015 · 12.03.2014 (day first unless that is impossible)
    "numeric": rf"{NUM_START}(?P<a>\d\d?)(?P<s1>[/.-])(?P<b>\d\d?)(?P<s2>[/.-])(?P<y>{YEAR})"
               rf"(?![/.-]?\d)",
    # Monday, 3 June 2019 · the 9th of November 1989 · 5 March (year from the reference)
    "dmy": rf"{WD_PREFIX}(?:the{S})?{NUM_START}(?P<d>{DAY})(?:{S}of)?{S}(?P<m>{MONTH})"
           rf"(?:,?{S}(?P<y>{YEAR}))?",
    # October 3, 2009 · Feb. 2, 2007 · March 22
    "mdy": rf"{WD_PREFIX}(?P<m>{MONTH}){S}(?P<d>{DAY})(?:,?{S}(?P<y>{YEAR}))?",
    # June 2012 · Feb. 2007 · March of 2012
    "month_year": rf"(?P<m>{MONTH})(?:,|{S}of)?{S}(?P<y>{YEAR})",
    # mid-2013 · late January 2015 · the beginning of 2019 · early next year · late May
    "part": (
        rf"{PART_PREFIX}(?:(?P<m>{MONTH})(?:,?{S}(?P<y>{YEAR}))?|(?P<yy>{YEAR})"
        rf"|(?P<dec>(?:1\d|20)\d0)['’]?s(?!\w)|{REL_UNIT})"),
    # the second half of 2004 · the third quarter of 2019 · Q1 2020 · H2 2021
    "quarter": (
        rf"(?:the{S})?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th){S}"
        rf"(?P<hq>half|quarter){S}of{S}(?:the{S}year{S})?(?:(?P<y>{YEAR})|{REL_UNIT})"
        rf"|(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12])){S0}(?P<y2>{YEAR})"
        rf"|(?P<y3>{YEAR}){S}Q(?P<q3>[1-4])(?!\w)"),
    # autumn 2016 · the winter of 2010 · last summer
    "season": (
        rf"(?:(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))?(?:the{S})?(?P<s>{SEASON_RE})"
        rf"(?:{S}of)?{S}(?P<y>{YEAR})(?:{DASH}(?P<y2>\d\d)(?!\w))?"
        rf"|(?P<dir>this|last|next){S}(?P<s2>{SEASON_RE})"),
    # the 1980s · the late 1970s · '90s
    "decade": (
        rf"(?:the{S})?(?:(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))?"
        rf"(?:(?P<y>(?:1\d|20)\d0)|['’](?P<yy>\d0))['’]?s(?!\w)"),
    # the 20th century · the early twenty-first century
    "century": (
        rf"(?:the{S})?(?:(?P<part>early|late|mid)(?:{S0}-{S0}|{S}))?"
        rf"(?:(?P<n>\d\d?)(?:st|nd|rd|th)|(?P<w>{ORDINAL_WORD_RE}))(?:{S0}-{S0}|{S})century"),
    # fiscal 2012 · FY2013
    "fiscal": (rf"(?:fiscal(?:{S}year)?{S}|FY{S0}['’]?)(?P<y>{YEAR}|\d\d(?!\w))"
               rf"(?:[-–/](?P<y2>\d\d)(?!\w))?"),
    # today · yesterday morning · the day before yesterday
    "rel_day": (
        rf"(?P<w>today|tonight|yesterday|tomorrow)(?:['’]s)?(?:{S}(?P<tod>morning|afternoon"
        rf"|evening|night))?|the{S}day{S}(?P<ba>before{S}yesterday|after{S}tomorrow)"
        rf"|(?P<this>this){S}(?:morning|afternoon|evening)"),
    # last year · earlier this month · next week · this fiscal year
    "rel_unit": (
        rf"(?:(?P<ea>earlier|later){S})?(?P<dir>this|last|next){S}(?:fiscal{S})?"
        rf"(?P<unit>week|weekend|month|year|quarter|decade|century)(?!\w)"),
    # on Friday · last Tuesday · Wednesday night
    "weekday": (
        rf"(?:(?P<dir>last|next|this|coming|past){S})?(?P<wd>{WEEKDAY_FULL_RE})"
        rf"(?:{S}(?P<tod>morning|afternoon|evening|night))?"),
    # three years ago · 10 days ago
    "ago": (
        rf"(?P<n>\d{{1,3}}|{CARDINAL_RE}){S}(?P<unit>day|week|month|year|decade)s?{S}"
        rf"(?:ago|(?P<fut>from{S}now))"),
    # last December · in March (a month alone: the handler asks for evidence)
    "month": rf"(?:(?P<dir>last|next|this|coming){S})?(?P<m>{MONTH})",
    # in 2012 · 2017 Workshops (a year alone: the handler asks for evidence)
    "year": rf"{NUM_START}(?P<y>{YEAR})",
    # recently · the next decade · in recent years (found, but not placeable)
    "vague": (
        rf"recently|lately|nowadays|currently|now|at{S}present|these{S}days"
        rf"|the{S}(?:near{S}|distant{S}|foreseeable{S})?future|the{S}past"
        rf"|the{S}(?:next|coming|last|past)(?:{S}(?:few|several|{CARDINAL_RE}|\d+))?"
        rf"{S}(?:decades?|years|months|weeks)|recent{S}(?:years|months|weeks|decades)"),
}

FLAGS = re.IGNORECASE
# Every rule ends at a word's end, except the numeric ones, which guard their own ends
# (so that 2014-11-05T10:00 still yields its day).
_OWN_END = frozenset({"iso", "numeric"})
RULES = {name: rx if name in _OWN_END else rf"(?:{rx})(?!\w)" for name, rx in RULES.items()}
COMPILED: dict[str, re.Pattern[str]] = {name: re.compile(rx, FLAGS) for name, rx in RULES.items()}

# The lowercase characters each rule can start with: at a candidate position only
# the rules that can start there are tried. Tests keep this in step with RULES.
_D = "0123456789"
RULE_STARTS: dict[str, str] = {
    "range_dmy": _D, "range_mdy": "jfmasond", "range_my": "jfmasond", "range_y": _D + "bf",
    "iso": _D, "numeric": _D, "dmy": _D + "mtwfs", "mdy": "jfmasondtw",
    "month_year": "jfmasond", "part": "tbseml", "quarter": _D + "tfslqh",
    "season": "eltmsafwn", "decade": _D + "telm'’", "century": _D + "telmfsn",
    "fiscal": "f", "rel_day": "ty", "rel_unit": "eltn", "weekday": "lntcpmwfs",
    "ago": _D + "aotfsen", "month": "lntcjfmasond", "year": _D, "vague": "rlncat",
}
RULES_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    char: tuple((name, COMPILED[name]) for name in RULES if char in RULE_STARTS[name])
    for char in set("".join(RULE_STARTS.values()))
}

# Anchors: every expression holds a number or one of these words, so only the
# places where they stand are examined. Words are matched in lowercased text.
ANCHOR_WORDS = (
    "jan feb mar apr may jun jul aug sep oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday today tonight yesterday tomorrow week month year quarter "
    "decade centur future past recent lately nowadays currently now present spring "
    "summer autumn fall winter morning afternoon evening").split()
# Words that may stand before an anchor inside one expression ("the second half of").
PREFIX_WORDS = frozenset("""
the between from early late mid middle beginning start end of first second third fourth
final last next this coming past earlier later fiscal fy half quarter at near distant
foreseeable day before after a an one two three four five six seven eight nine ten eleven
twelve several few couple twenty fifth sixth seventh eighth ninth tenth eleventh twelfth
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
""".split())


def _word_start_trie(words: list[str]) -> str:
    """A regex for ``words`` at word starts, branching on the first letter:
    Python's engine tries alternatives in turn, so fewer branches scan faster."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    branches = "|".join(f"{first}(?:{'|'.join(sorted(rest, key=len, reverse=True))})"
                        for first, rest in sorted(groups.items()))
    return f"(?<![a-z])(?:{branches})"


WORD_ANCHOR = re.compile(_word_start_trie(ANCHOR_WORDS))
# What must follow a short number for it to possibly be part of a date.
_DIGIT_FOLLOW = (
    r"(?:st|nd|rd|th)?(?:[-–—‐‑/.]\d|\s*(?:[-–—‐‑]|to|and|&|through|thru|until|till)\s*\d"
    r"|,?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|week|month|year"
    r"|decade)|[\s-]+centur|\s+\d{4}|['’]?s\b|q\s*\d)")
# A run of digits that may belong to a date: four digits, or up to three followed
# by something date-like. Opens with \d so the engine skips other text in C.
DIGIT_ANCHOR = re.compile(
    rf"\d(?<!\d\d)(?:\d\d\d(?!\d)|\d{{0,2}}(?!\d)(?={_DIGIT_FOLLOW}))", FLAGS)
# Two scans with literal prefixes are far faster than one alternation.
WEB_ADDRESSES = (re.compile(r"https?://\S+"), re.compile(r"www\.\S+"))  # in lowercased text
