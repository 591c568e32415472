"""What a reporting verb reports: the clause a title should be made of.

In "One senior official said the plan would be reviewed in 2020" the date
belongs to the review, not to the saying, so the title is the reported
clause ("The plan would be reviewed"), not its speaker. Where the date
dates the saying itself ("The mayor told reporters on 6 June 2022 that the
bridge would close"), the title is still what was said, since that is the
news; when the reported clause holds a date of its own, the saying is named
as a statement of it ("Statement that the border would reopen"), so that
the two dates keep apart. A report put first ("Turnout was the lowest,
officials said on 5 May 2017") is read before its verb.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from timeline.events.tokens import DATE, PUNCT, WORD, Tokens, positions
from timeline.events.vocab import PASSIVE_AUX

# Each reporting verb with the noun that names its act.
REPORTING_VERBS: dict[str, str] = {
    **dict.fromkeys("""said says say told tells stated states added adds explained
                    insisted argued noted notes recalled recalls observed""".split(),
                    "statement"),
    **dict.fromkeys("announced announces".split(), "announcement"),
    **dict.fromkeys("reported reports".split(), "report"),
    **dict.fromkeys("warned warns".split(), "warning"),
    **dict.fromkeys("confirmed confirms".split(), "confirmation"),
    **dict.fromkeys("claimed claims".split(), "claim"),
    **dict.fromkeys("predicted predicts forecast forecasts expect expects".split(), "forecast"),
    **dict.fromkeys("estimated estimates".split(), "estimate"),
}
_VERB_WORDS = frozenset(REPORTING_VERBS)
# How far the date may stand from its reporting verb and still date the
# saying ("told the committee on 6 June"), and how short a speaker put
# after the report may be ("..., officials said").
_MAX_SAYING_GAP = 4
_MAX_SPEAKER = 4


class Reported(NamedTuple):
    """Tokens ``lo..hi`` hold the reported clause; ``before`` is the token
    the words are taken up to (the date, when the date is inside the
    clause); ``noun`` names the saying when the date is the saying's and
    the clause has a date of its own ("" otherwise)."""

    lo: int
    before: int
    hi: int
    noun: str


def reported_clause(tokens: Tokens, at: int) -> Reported | None:
    """The reported clause a title for the date at token ``at`` is made of,
    or None when no reporting verb governs the date."""
    verbs = _reporting_verbs(tokens)
    j = bisect.bisect_left(verbs, at)
    if j == 0:
        return None
    r = verbs[j - 1]  # the last reporting verb before the date
    hi = _clause_end(tokens, at)
    if not _dates_the_saying(tokens, r, at):
        return Reported(_after_object(tokens, r, at), at, hi, "")
    if _has_words(tokens, at + 1, hi):
        dates = tokens.date_indexes()
        k = bisect.bisect_right(dates, at)
        other = k < len(dates) and dates[k] <= hi
        return Reported(at + 1, at + 1, hi, REPORTING_VERBS[tokens.lowers[r]] if other else "")
    comma = _report_put_first(tokens, r)
    return Reported(0, comma, comma - 1, "") if comma > 0 else None


def _reporting_verbs(tokens: Tokens) -> list[int]:
    """Sorted indexes of the sentence's reporting verbs, found once for all
    its dates."""
    found = tokens.memo.get("reporting")
    if found is None:
        found = tokens.memo["reporting"] = [
            r for r in positions(tokens.lowers, _VERB_WORDS)
            if tokens.kinds[r] == WORD and not tokens.caps[r] and not _passive(tokens, r)]
    return found


def _passive(tokens: Tokens, r: int) -> bool:
    """``would be announced``: the verb reports nothing, it is the event."""
    return r > 0 and tokens.lowers[r - 1] in PASSIVE_AUX


def _dates_the_saying(tokens: Tokens, r: int, at: int) -> bool:
    """Whether the date at ``at`` follows the verb at ``r`` closely enough,
    with nothing reported in between, to date the saying."""
    if at - r - 1 > _MAX_SAYING_GAP:
        return False
    return all(tokens.lowers[j] != "that" and tokens.kinds[j] != DATE for j in range(r + 1, at))


def _after_object(tokens: Tokens, r: int, at: int) -> int:
    """The first token of the clause reported by the verb at ``r``: after a
    ``that`` within a few words ("told reporters that"), else right after
    the verb."""
    for j in range(r + 1, min(at, r + 1 + _MAX_SAYING_GAP)):
        if tokens.lowers[j] == "that":
            return j + 1
    return r + 1


def _clause_end(tokens: Tokens, at: int) -> int:
    """The last token of the clause holding token ``at`` (up to a
    semicolon, colon, bracket, dash or quote)."""
    edges = tokens.clause_edges(False)
    j = bisect.bisect_right(edges, at)
    return edges[j] - 1 if j < len(edges) else len(tokens) - 1


def _has_words(tokens: Tokens, lo: int, hi: int) -> bool:
    """Whether tokens ``lo..hi`` hold at least two words."""
    kinds = tokens.kinds
    return sum(1 for j in range(lo, min(hi + 1, lo + 3)) if kinds[j] == WORD) >= 2


def _report_put_first(tokens: Tokens, r: int) -> int:
    """The comma ending a report put before its short speaker (``...,
    officials said``), or -1."""
    for j in range(r - 1, max(-1, r - 2 - _MAX_SPEAKER), -1):
        if tokens.kinds[j] == PUNCT:
            return j if tokens.texts[j] == "," and j >= 2 else -1
    return -1
