"""Turning tokens into tidy title text: spacing, capitals, length.

Titles are one line with single spaces. A heading in capitals becomes title
case (``SEVENTH MEETING OF AD HOC GROUP`` → ``Seventh Meeting of Ad Hoc
Group``); a lower-case event noun before a capitalised name is capitalised
with its ordinal (``sixth meeting of AHG Senior Officials`` → ``Sixth Meeting
of AHG Senior Officials``).
"""

from __future__ import annotations

import bisect
import re

from timeline.events.phrases import Phrase
from timeline.events.reported import reported_clause
from timeline.events.tokens import ACRONYM, WORD, Tokens
from timeline.events.vocab import (
    CONNECTORS,
    DETERMINERS,
    KEEP_CAPS,
    ORDINALS,
    PLURALS,
    STOP_LEFT,
    TOPIC_STOP,
    WEAK_WORDS,
    wordset,
)
from timeline.model import Span

_SMALL_WORDS = CONNECTORS | wordset("the a an in at")
_KEY_BYTES = bytes(c if chr(c).isascii() and (chr(c).islower() or chr(c).isdigit()) else 32
                   for c in range(256))
_LETTER_BYTES = bytes(range(97, 123)) + b" "
_NOT_KEY_WORDS = WEAK_WORDS | frozenset(ORDINALS)
_OWN_FORMS = {noun: plurals | {noun} for noun, plurals in PLURALS.items()}
_NUMBERED = re.compile(r"\d+(?:st|nd|rd|th)")
_MAX_CLAUSE_WORDS = 8
_MIN_CLAUSE_WORDS = 3
_MIN_REPORTED_WORDS = 2
# How many words a cut may reach past the usual length to end its phrase.
_MAX_PHRASE_TAIL = 4
_LEAD_FILLER = wordset("""
    and but or nor that which who whom whose on in at by from since during as while when
    then also so until after before between of to for with within over around about
    following including is are was were has have had
""")
_CLAUSE_JOINERS = wordset("and but or nor that which who whom whose while when then so")
_PRONOUNS = wordset("i you he she it we they me him her us them")
_TIME_WORDS = wordset("""
    morning afternoon evening night dawn dusk noon midnight day days week weekend month
    year end beginning start middle course eve
""")
_TRAIL_FILLER = _LEAD_FILLER | DETERMINERS | wordset("""
    is are was were be been being has have had will would shall should can could may
    might must not
""")


def render(text: str, tokens: Tokens, phrase: Phrase, limit: int,
           display_head: str | None = None) -> str:
    """The phrase's words as a title of at most ``limit`` characters: the tail
    is cut at connectors first, then words are dropped from the left."""
    first, last = phrase.first, phrase.last
    out = _compose(text, tokens, first, last, phrase.head, display_head)
    if len(out) <= limit:
        return out  # shorten() would leave it as it is
    cuts = [c for c in phrase.cuts if c < last]
    while len(out) > limit and cuts:
        last = cuts.pop()
        out = _compose(text, tokens, first, last, phrase.head, display_head)
    while len(out) > limit and first < phrase.head:
        first += 1
        out = _compose(text, tokens, first, last, phrase.head, display_head)
    return shorten(out, limit)


def _compose(text: str, tokens: Tokens, first: int, last: int, head: int,
             display_head: str | None) -> str:
    """Tokens ``first..last`` joined with their original spacing, collapsed."""
    starts, texts, kinds = tokens.starts, tokens.texts, tokens.kinds
    heading = tokens.heading
    lift = not tokens.caps[head] and _has_name_word(tokens, head + 1, last)
    if not (heading or lift or display_head):
        # Every word as written: the text itself, whose gaps between tokens
        # are all white space, which finish() collapses.
        return finish(text[starts[first]:tokens.end(last)])
    parts: list[str] = []
    end = starts[first]
    for i in range(first, last + 1):
        if end < starts[i]:
            gap = text[end:starts[i]]
            if gap.strip() != gap:
                parts.append(" ")
        end = tokens.end(i)
        word = display_head if i == head and display_head else texts[i]
        if heading and kinds[i] == WORD:
            word = _title_case(word, i == first)
        elif lift and i <= head and kinds[i] == WORD and tokens.lowers[i] not in _SMALL_WORDS:
            word = word[0].upper() + word[1:]
        parts.append(word)
    return finish("".join(parts))


def _has_name_word(tokens: Tokens, first: int, last: int) -> bool:
    """Whether tokens ``first..last`` hold a capitalised word or an acronym."""
    return any(tokens.caps[first:last + 1]) or ACRONYM in tokens.kinds[first:last + 1]


def heading_case(text: str) -> str:
    """A heading in capitals in title case: ``SEVENTH MEETING OF AD HOC GROUP``
    → ``Seventh Meeting of Ad Hoc Group`` (known acronyms stay in capitals)."""
    return " ".join(_title_case(word, i == 0) for i, word in enumerate(text.split()))


def _title_case(word: str, first: bool) -> str:
    """A word from a heading in capitals, in title case."""
    if word in KEEP_CAPS:
        return word
    if word.lower() in _SMALL_WORDS and not first:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def finish(title: str) -> str:
    """One line, no dangling punctuation or connector, first letter capital."""
    words = title.split()
    while words and words[-1].lower() in _SMALL_WORDS:
        words.pop()
    out = " ".join(words).rstrip(" ,;:–—-")
    return out[:1].upper() + out[1:]


def shorten(title: str, limit: int) -> str:
    """``title`` cut at a word boundary to at most ``limit`` characters."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0]
    return finish(cut) + "…"


def key_words(title: str, head: str) -> frozenset[str]:
    """Lower-case words that tell this title's event from another of its kind."""
    # The runs of [a-z0-9] in the title in lower case: in UTF-8 every other
    # character is made of bytes outside a-z0-9 only, so swapping those bytes
    # for spaces and splitting gives the same runs as a regex, far faster.
    runs = title.lower().encode("utf-8", "surrogatepass").translate(_KEY_BYTES)
    # difference() walks the smaller set (-= would walk the larger).
    words = frozenset(runs.decode("ascii").split()).difference(_NOT_KEY_WORDS)
    own = _OWN_FORMS.get(head) or frozenset((head,))  # the head and its plurals
    if not words.isdisjoint(own):
        words = words.difference(own)
    if runs.translate(None, _LETTER_BYTES):  # a digit: drop "4th"-style numbers
        words = frozenset(w for w in words if not _NUMBERED.fullmatch(w))
    return words


def clause_words(tokens: Tokens, date: Span) -> list[str]:
    """Up to eight words of the clause holding ``date``, without the date:
    from the clause's start (subject, verb, object) when enough words come
    before the date, else around it. Under a reporting verb the words are
    the reported clause's (see :mod:`reported`)."""
    at = tokens.date_at(date[0])
    if at < 0:
        return []
    report = reported_clause(tokens, at)
    if report is not None:
        words = _pick(tokens, report.lo, report.before, report.hi)
        if len(words) >= _MIN_REPORTED_WORDS:
            if report.noun:  # the saying's own date: name the saying
                return [report.noun.capitalize(), "that", words[0][:1].lower() + words[0][1:],
                        *words[1:]]
            return words
    lo, hi = _clause_bounds(tokens, at, commas=True)
    words = _pick(tokens, _after_earlier_date(tokens, lo, at), at, hi)
    if len(words) < _MIN_CLAUSE_WORDS:
        # Past the commas, but still never back across an earlier date of its
        # own clause ("appeared in 1820, and | farming spread in 1850").
        lo, hi = _clause_bounds(tokens, at, commas=False)
        words = _pick(tokens, _after_earlier_date(tokens, lo, at), at, hi)
    return words


def content_words(tokens: Tokens, lo: int, hi: int) -> int:
    """How many of the words at positions ``lo..hi-1`` among the sentence's
    words are not function words ("and", "in", "the", "should")."""
    fillers = map(_TRAIL_FILLER.__contains__, map(tokens.lowers.__getitem__,
                                                  tokens.word_indexes()[lo:hi]))
    return hi - lo - sum(fillers)  # counted by map and sum, no Python step per word


def _after_earlier_date(tokens: Tokens, lo: int, at: int) -> int:
    """Where the words of the date at ``at`` start: after an earlier date of
    its clause when enough words stand between the two ("begin in March |
    and the first trams should run in 2027"): the words before that date
    are its own clause's; else at ``lo``."""
    dates = tokens.date_indexes()
    j = bisect.bisect_left(dates, at) - 1
    if j < 0 or dates[j] < lo:
        return lo
    words = tokens.word_indexes()
    between = bisect.bisect_left(words, at) - bisect.bisect_right(words, dates[j])
    return dates[j] + 1 if between >= _MIN_CLAUSE_WORDS else lo


def _clause_bounds(tokens: Tokens, at: int, commas: bool) -> tuple[int, int]:
    """First and last token index of the clause around token ``at``."""
    edges = tokens.clause_edges(commas)
    j = bisect.bisect_left(edges, at)
    lo = edges[j - 1] + 1 if j > 0 else 0
    if j < len(edges) and edges[j] == at:
        j += 1  # the date itself is never an edge, but stay safe
    hi = edges[j] - 1 if j < len(edges) else len(tokens.texts) - 1
    return lo, hi


def _pick(tokens: Tokens, lo: int, at: int, hi: int) -> list[str]:
    """Words of tokens lo..hi around the date at ``at``, fillers trimmed,
    ending where a phrase ends.

    Only the few words wanted are read (the sentence's word positions are
    indexed once), so a clause holding many dates costs little per date."""
    texts, words = tokens.texts, tokens.word_indexes()
    first, stop = _lead_trimmed(tokens, bisect.bisect_left(words, lo),
                                bisect.bisect_left(words, at))
    if _only_time_words(tokens, first, stop):
        first = stop  # "By the evening of | 29 September": the time, not the event
    chosen = [texts[i] for i in words[first:_phrase_end(tokens, first, stop)]]
    if stop - first < _MIN_CLAUSE_WORDS:
        after, end = bisect.bisect_right(words, at), bisect.bisect_right(words, hi)
        # After words of its own, the clause goes on past the date with its
        # preposition ("She spent | in a sanatorium"); alone, it starts clean.
        after, end = _lead_trimmed(tokens, after, end, _CLAUSE_JOINERS if chosen else None)
        wanted = _MAX_CLAUSE_WORDS - len(chosen)
        chosen += [texts[i] for i in words[after:_phrase_end(tokens, after, end, wanted)]]
    while chosen and chosen[-1].lower() in _TRAIL_FILLER:
        chosen.pop()
    return chosen


def _only_time_words(tokens: Tokens, first: int, stop: int) -> bool:
    """Whether the words ``first..stop`` name only a time of day or a part of
    a period ("the evening of", "the end of"), the date's own phrase."""
    lowers, words = tokens.lowers, tokens.word_indexes()
    content = [lowers[words[k]] for k in range(first, stop)
               if lowers[words[k]] not in _TRAIL_FILLER]
    return bool(content) and all(word in _TIME_WORDS for word in content)


def _phrase_end(tokens: Tokens, first: int, stop: int, wanted: int = _MAX_CLAUSE_WORDS) -> int:
    """Where the words ``first..stop`` (positions among the sentence's
    words) are cut after about ``wanted`` of them: not inside a phrase
    ("opened a new regional | hospital"). A phrase the cut would split is
    taken whole if it ends within a few words, else left out."""
    end = min(stop, first + wanted)
    if end >= stop or end <= first or not _inside_phrase(tokens, first, end):
        return end
    limit = min(stop, end + _MAX_PHRASE_TAIL)
    grown = end
    while grown < limit and _goes_on(tokens, grown):
        grown += 1
    if grown < stop and _goes_on(tokens, grown):  # still inside: leave the phrase out
        while end > first + 1 and _goes_on(tokens, end):
            end -= 1
        return end
    return grown


def _inside_phrase(tokens: Tokens, first: int, end: int) -> bool:
    """Whether a cut before the word at position ``end`` may split a phrase:
    not after a word joining clauses ("and", "that": the cut is between
    clauses), nor when a date lies among the words kept (words on both
    sides of a date are not one phrase)."""
    words = tokens.word_indexes()
    if tokens.lowers[words[end - 1]] in _CLAUSE_JOINERS:
        return False
    dates = tokens.date_indexes()
    j = bisect.bisect_left(dates, words[first])
    return j == len(dates) or dates[j] > words[end - 1]


def _goes_on(tokens: Tokens, k: int) -> bool:
    """Whether the word at position ``k`` among the sentence's words goes on
    the phrase of the word before it: the next token, a lower-case word that
    is neither a function word nor a verb or adverb by its ending."""
    words = tokens.word_indexes()
    i = words[k]
    if k == 0 or words[k - 1] != i - 1 or not _content_word(tokens, i):
        return False
    if tokens.lowers[i].endswith(("ly", "ed")):
        # A verb form ends the phrase, unless a noun follows that it
        # describes ("a long delayed | dredging project").
        return i + 1 < len(tokens) and _content_word(tokens, i + 1) \
            and not tokens.lowers[i + 1].endswith(("ly", "ed"))
    return True


def _content_word(tokens: Tokens, i: int) -> bool:
    """A lower-case word that is not a function word."""
    if tokens.kinds[i] != WORD or tokens.caps[i]:
        return False
    low = tokens.lowers[i]
    if low in _TRAIL_FILLER or low in _LEAD_FILLER or low in STOP_LEFT or low in TOPIC_STOP \
            or low in _PRONOUNS:
        return False
    return low[:1].isalpha()


def _lead_trimmed(tokens: Tokens, first: int, stop: int,
                  fillers: frozenset[str] | None = None) -> tuple[int, int]:
    """The range ``first..stop`` of word positions without leading fillers
    (by default "on", "that", "and" and the like)."""
    texts, words = tokens.texts, tokens.word_indexes()
    trimmed = _LEAD_FILLER if fillers is None else fillers
    while first < stop and texts[words[first]].lower() in trimmed:
        first += 1
    return first, stop
