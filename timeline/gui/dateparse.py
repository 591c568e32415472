"""Read a date the way a person types it into "Go to date": ``March 2011``,
``2013``, ``12 Oct 2011``, ``2011-10-12``, ``490 BC``, ``-0489-01-01``. Qt-free.

The document tagger is tried first, so whatever it learns to read (seasons,
ranges, "mid-2013") works here too; a few plain forms are read directly so
the dialog does not depend on how far the tagger has come.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

from timeline.day import day_from_iso
from timeline.model import Granularity, When, month_end

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}
_MONTH = r"([A-Za-z]{3,9})\.?"


class DateInputError(ValueError):
    """The typed text is not a date we can read; carries the text and, in
    ``reason``, why, in words for the person who typed it."""

    def __init__(self, text: str, reason: str = "") -> None:
        self.text = text
        self.reason = reason or EXAMPLES
        super().__init__(self.reason)


EXAMPLES = ("Try a form such as “March 2011”, “2013”, “12 October 2011”, “2011-10-12” "
            "or “490 BC”.")
# Era words as a person may type them; the tagger reads them only in capitals.
_TYPED_ERA = re.compile(r"(?<![\w.])(?:b\.?\s?c\.?(?:\s?e\.?)?|a\.?\s?d\.?|c\.?\s?e\.?)(?![\w.])",
                        re.IGNORECASE)
_NAMES = ("January February March April May June July August September October November "
          "December").split()


def _month(name: str) -> int | None:
    key = name[:3].lower()
    month = _MONTHS.get(key)
    if month is None or not _NAMES[month - 1].lower().startswith(name.lower()):
        return None
    return month


def _plain(text: str) -> When | None:
    s = " ".join(text.replace(",", " ").split())
    if re.fullmatch(r"[+-]?\d{4,}-\d\d-\d\d", s):  # also -0489-01-01, as exports write
        d = day_from_iso(s)
        return When(d, d, Granularity.DAY)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return When(d, d, Granularity.DAY)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
        y, mo = int(m[1]), int(m[2])
        return When(date(y, mo, 1), month_end(y, mo), Granularity.MONTH)
    if m := re.fullmatch(r"(\d{1,4})", s):
        y = int(m[1])
        return When(date(y, 1, 1), date(y, 12, 31), Granularity.YEAR) if y >= 1 else None
    if (m := re.fullmatch(rf"{_MONTH} (\d{{4}})", s)) and (mo := _month(m[1])):
        y = int(m[2])
        return When(date(y, mo, 1), month_end(y, mo), Granularity.MONTH)
    day_first = re.fullmatch(rf"(\d{{1,2}}) {_MONTH} (\d{{4}})", s)
    month_first = re.fullmatch(rf"{_MONTH} (\d{{1,2}}) (\d{{4}})", s)
    if day_first and (mo := _month(day_first[2])):
        d = date(int(day_first[3]), mo, int(day_first[1]))
        return When(d, d, Granularity.DAY)
    if month_first and (mo := _month(month_first[1])):
        d = date(int(month_first[3]), mo, int(month_first[2]))
        return When(d, d, Granularity.DAY)
    return None


def parse_user_date(text: str, today: date | None = None) -> When:
    """The span the typed ``text`` names; raises :class:`DateInputError`."""
    if not text.strip():
        raise DateInputError(text, "Type a date. " + EXAMPLES)
    try:
        plain = _plain(text.strip())
    except ValueError:
        plain = None  # e.g. 31 February: let the tagger have a go, then give up
    if plain is not None:
        return plain
    from timeline.dates.temporal import find_times  # only when typing a date: keeps startup lean

    typed = _TYPED_ERA.sub(lambda m: m.group().upper(), text)
    found = [m.when for m in find_times(typed, today or date.today()) if m.when is not None]
    if found:
        return When(min(w.start for w in found), max(w.end for w in found),
                    max((w.granularity for w in found), key=lambda g: g.rank))
    raise DateInputError(text, why_unreadable(text))


def why_unreadable(text: str) -> str:
    """Why ``text`` could not be read as a date, as specifically as can be said."""
    words = text.replace(",", " ").split()
    numbers = [int(w) for w in words if w.isdigit()]
    months = [w for w in words if w.isalpha() and _month(w.rstrip("."))]
    odd = [w for w in words if w.isalpha() and not _month(w.rstrip(".")) and len(w) >= 3]
    if odd and numbers and not months:  # a word beside a number was meant as a month
        guess = difflib.get_close_matches(odd[0].capitalize(), _NAMES, n=1, cutoff=0.6)
        hint = f" Did you mean {guess[0]}?" if guess else f" {EXAMPLES}"
        return f"“{odd[0]}” is not a month name I know.{hint}"
    if months and len(numbers) >= 2:
        day, year = min(numbers), max(numbers)
        month = _month(months[0].rstrip("."))
        if month and year >= 1 and day > _days_in(year, month):
            return (f"{_NAMES[month - 1]} {year} has {_days_in(year, month)} days, "
                    f"not {day}. {EXAMPLES}")
    if m := re.fullmatch(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*", text):
        if not 1 <= int(m[2]) <= 12:
            return f"There is no month {int(m[2])}: months run from 1 to 12. {EXAMPLES}"
        if m[3] and not 1 <= int(m[3]) <= _days_in(int(m[1]), int(m[2])):
            return (f"{_NAMES[int(m[2]) - 1]} {m[1]} has {_days_in(int(m[1]), int(m[2]))} "
                    f"days, not {int(m[3])}. {EXAMPLES}")
    return f"No date found in “{' '.join(words)}”. {EXAMPLES}"


def _days_in(year: int, month: int) -> int:
    return month_end(year, month).day
