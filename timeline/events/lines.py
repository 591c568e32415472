"""Lines that are not prose: they hold no event and name no document.

E-mail and memo header blocks (``From:``, ``Date:``, ``Subject:``), contact
and sign-off lines (an e-mail address or web address among a name and a
date, as in a changelog's `` -- Jane Doe <jane@...>  Mon, 12 Mar 2018``),
signature blocks after a closing word (``Best regards,`` then a name, a job
title, a place and date), running page headers and footers (``Page 3 of
12``) and table-of-contents lines with dot leaders. A date on such a line
says when the document was written or where something is printed, not that
something happened.

Lines are told apart by their shape (length, a ``Key: value`` opening, an
address, a page count, a dot leader, how many lower-case words they hold),
never by lists of particular strings. A dateline opening a news story
(``WASHINGTON, March 4, 2019 — ...``) is found the same way; only its date is
set aside, since the story follows it on the same line.

Every check looks at a bounded stretch around one line, so the work per date
is bounded whatever the text's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from timeline.events.vocab import wordset

MAX_LINE = 200
"""Longer lines are prose: header, footer, contact and contents lines are short."""
SHORT_LINE = 80
"""Lines of a signature block (a name, a job title, a place and date) are shorter."""
HEAD_CHARS = 600
"""A dateline opens a line that starts this near the top of the document."""
MAX_BACK_LINES = 6
"""How far above a line a signature's closing word is looked for."""

_ADDRESS = re.compile(
    r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++"  # an e-mail address
    r"|(?<![\w/])(?:https?://|www\.)[^\s<>()]++",  # a web address
    re.IGNORECASE)
# "Key: value" at a line's start: one word, maybe hyphenated ("Reply-To").
_FIELD = re.compile(r"[A-Z][A-Za-z]{0,15}+(?:-[A-Za-z]{1,15}+){0,3}+:(?=[ \t]|$)")
_PAGE = re.compile(
    r"(?<!\w)(?:[Pp]age|PAGE)[ \t]?\d{1,4}+(?:[ \t]*+(?:of|OF|/)[ \t]*+\d{1,5}+)?(?!\w)")
# A dot leader then a page number (arabic or roman) ending the line.
_LEADER = re.compile(
    r"(?<![.…·_])(?<![.…·_][ \t])(?:[.…·_][ \t]?){4,}+[ \t]*+(?:\d{1,4}|[ivxlc]{1,7})[ \t]*+$",
    re.IGNORECASE)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]++")
# A closing word or two on its own line: "Best regards,", "Sincerely,".
_SIGN_OFF = re.compile(r"[A-Z][a-z'’]*+(?:[ \t][A-Za-z'’]++){0,3}+,")
# A person's or a team's name on the line after a closing word.
_NAME_LINE = re.compile(r"[A-Z][\w.'’-]*+(?:[ \t][A-Z][\w.'’-]*+){0,4}+")
# The opening of a dateline: a place in capitals or title case, maybe with a
# region ("LIMA", "NEW YORK", "Kuala Lumpur, Malaysia"), then a comma or a
# news agency in brackets.
_PLACE = re.compile(r"[A-Z][A-Za-z.'’-]*+(?:[ \t][A-Z][A-Za-z.'’-]*+){0,3}+[ \t]?[,(]")
_PLACE_OPENING_LINE = re.compile(r"^[ \t]*+(?=" + _PLACE.pattern + ")", re.MULTILINE)
# The same lines after the first, found through the line break before them:
# a pattern opening with a literal character is searched for in C, one
# opening with ^ is tried at every character.
_PLACE_OPENING_AFTER_BREAK = re.compile(r"\n[ \t]*+(?=" + _PLACE.pattern + ")")
_DATELINE_DASHES = (" — ", " – ", " -- ", " - ", "—")
_DATELINE_REACH = 70
_STOPS = ".!?"
# A letter's date line is short, and its salutation follows within two blank lines.
_DATE_LINE_CHARS = 40
_DATE_LINE_GAP = 3
_SALUTATION = re.compile(r"(?:Dear|Dearest|To whom|Hello|Hi|Sir|Madam|Gentlemen|Ladies)\b")
_FUNCTION_WORDS = wordset("""
a an and as at by for from in into of on or the to with per via de la le du des van von
""")


class Line(NamedTuple):
    """A line's content bounds in the text (surrounding whitespace left out)."""

    start: int
    end: int


def non_prose_positions(text: str, positions: Iterable[int]) -> set[int]:
    """The ``positions`` (text offsets, such as where dates start) that lie
    on a line that is not prose, or inside the dateline that opens a story."""
    dateline = dateline_span(text)
    verdicts: dict[int, bool] = {}
    found = set()
    last = Line(-1, -1)  # dates come in order: most share the line of the one before
    for pos in positions:
        if dateline.start <= pos < dateline.end:
            found.add(pos)
            continue
        if not last.start <= pos < last.end:
            line = line_at(text, pos)
            if line is None:
                continue  # a long line is prose
            last = line
            if line.start not in verdicts:
                verdicts[line.start] = is_non_prose_line(text, line)
        if verdicts[last.start]:
            found.add(pos)
    return found


def line_at(text: str, pos: int) -> Line | None:
    """The line holding offset ``pos``, trimmed; None when it is longer than
    :data:`MAX_LINE` (the search never looks further than that)."""
    low = max(0, pos - MAX_LINE - 1)
    start = text.rfind("\n", low, pos) + 1
    if start == 0 and low > 0:
        return None
    end = text.find("\n", pos, pos + MAX_LINE + 1)
    if end < 0:
        end = len(text) if len(text) - pos <= MAX_LINE else -1
    if end < 0 or end - start > MAX_LINE:
        return None
    return _trimmed(text, start, end)


def is_non_prose_line(text: str, line: Line) -> bool:
    """Whether ``line`` is a header field of a header block, a contact or
    sign-off line, part of a signature, a page header or footer, or a line of
    a table of contents."""
    content = text[line.start:line.end]
    if not content:
        return False
    if is_non_prose(content):
        return True
    if _FIELD.match(content) and _in_field_block(text, line):
        return not _is_prose(_field_value(content))
    return _in_signature(text, line) or _dates_a_letter(text, line)


def _dates_a_letter(text: str, line: Line) -> bool:
    """Whether ``line`` is a letter's date line: a few words with a number
    and no closing stop, with the salutation next below it (past blank
    lines): "12 March 2021" above "Dear Ms Holm,"."""
    content = text[line.start:line.end]
    if len(content) > _DATE_LINE_CHARS or content[-1:] in _STOPS:
        return False
    if not any(c.isdigit() for c in content):
        return False
    below = _line_after(text, line)
    for _ in range(_DATE_LINE_GAP):
        if below is None or below.start < below.end:
            break
        below = _line_after(text, below)
    return below is not None and bool(_SALUTATION.match(text, below.start, below.end))


def is_non_prose(content: str) -> bool:
    """What one line shows on its own: a contact or sign-off line, a page
    header or footer, a contents line with a dot leader."""
    if _has_address(content):
        # A contact or sign-off line holds names and dates around the
        # address; a sentence holds words of its own and ends with a stop.
        words = _prose_words(_ADDRESS.sub(" ", content))
        return words < 2 or (words < 3 and content[-1] not in _STOPS)
    if _may_hold_leader(content) and _LEADER.search(content):
        return True
    return is_page_line(content)


def is_page_line(content: str) -> bool:
    """A running header or footer: a page number among a few names and
    numbers ("Annual report 2019 | Page 2 of 12")."""
    if "age" not in content and "AGE" not in content:  # cheap refusal: most lines
        return False
    return _PAGE.search(content) is not None and _prose_words(content) < 3


def is_field(content: str) -> bool:
    """A ``Key: value`` line."""
    return _FIELD.match(content) is not None


def field_parts(content: str) -> tuple[str, str] | None:
    """``(key, value)`` of a ``Key: value`` line, else None."""
    found = _FIELD.match(content)
    if found is None:
        return None
    return found.group()[:-1], content[found.end():].strip()


def dateline_span(text: str) -> Line:
    """Where the dateline opening a news story near the top of ``text``
    stands (its dash included), or an empty span when there is none. A
    dateline is a place, a comma or an agency in brackets, something holding
    a digit (its date), then a dash and the story: ``LIMA, 1 August 1965 —
    The port authority ...``."""
    # Only lines opening with a place and a comma are looked at.
    for start in _place_openings(text):
        end = text.find("\n", start, start + MAX_LINE)
        content = text[start:start + MAX_LINE if end < 0 else end].rstrip()
        found = dateline_length(content)
        if found and not is_non_prose(content):
            return Line(start, start + found)
    return Line(0, 0)


def _place_openings(text: str) -> list[int]:
    """Where each line within :data:`HEAD_CHARS` that opens with a place
    (see :data:`_PLACE_OPENING_LINE`) has its content start, in order."""
    first = _PLACE_OPENING_LINE.match(text, 0, HEAD_CHARS)
    found = [first.end()] if first else []
    found += [m.end() for m in _PLACE_OPENING_AFTER_BREAK.finditer(text, 0, HEAD_CHARS)]
    return found


def dateline_length(content: str) -> int:
    """The length of the dateline opening ``content``, else 0."""
    place = _PLACE.match(content)
    if place is None:
        return 0
    head = content[:_DATELINE_REACH]
    dashes = [i for i in (head.find(d, place.end()) for d in _DATELINE_DASHES) if i >= 0]
    if not dashes:
        return 0
    dash = min(dashes)
    story = len(content) - len(content[dash:].lstrip(" —–-"))
    opens_story = content[story:story + 1].isupper() or content[story:story + 1] in "\"“‘'"
    if not opens_story or not any(c.isdigit() for c in content[place.end():dash]):
        return 0
    return story


def _trimmed(text: str, start: int, end: int) -> Line:
    raw = text[start:end]
    content = raw.lstrip()
    start += len(raw) - len(content)
    return Line(start, start + len(content.rstrip()))


def _may_hold_leader(content: str) -> bool:
    """What every dot leader holds: a cheap test before the pattern."""
    return ".." in content or ". ." in content or "…" in content or "__" in content \
        or "_ _" in content or "·" in content


def _has_address(content: str) -> bool:
    marks = ("@" in content or "://" in content or "www." in content or "WWW." in content)
    if not marks:
        return False
    return _ADDRESS.search(content) is not None


def _prose_words(content: str) -> int:
    """How many lower-case words other than function words ``content``
    holds: prose has several, names, dates, titles and addresses few."""
    return sum(1 for w in _LOWER_WORD.findall(content) if w not in _FUNCTION_WORDS)


def _is_prose(content: str) -> bool:
    """A finished sentence with words of its own."""
    return content.rstrip("\"'”’)")[-1:] in _STOPS and _prose_words(content) >= 3


def _field_value(content: str) -> str:
    found = _FIELD.match(content)
    return content[found.end():] if found else content


def _in_field_block(text: str, line: Line) -> bool:
    """Whether a ``Key: value`` line has another one just above or below it,
    or an address in its value (a lone "Note: ..." is prose)."""
    if _has_address(text[line.start:line.end]):
        return True
    return any(_FIELD.match(text, other.start, other.end) is not None
               for other in (_line_before(text, line), _line_after(text, line))
               if other is not None)


def _line_before(text: str, line: Line) -> Line | None:
    """The line just above ``line`` (None at the top or when too long)."""
    # Its own line break is where the line above ends (an empty line there
    # is a blank line, not the line above it).
    newline = text.rfind("\n", max(0, line.start - MAX_LINE - 1), line.start)
    return None if newline < 0 else line_at(text, newline)


def _line_after(text: str, line: Line) -> Line | None:
    """The line just below ``line`` (None at the end or when too long)."""
    end = text.find("\n", line.end, line.end + MAX_LINE + 1)
    return None if end < 0 or end + 1 >= len(text) else line_at(text, end + 1)


def _in_signature(text: str, line: Line) -> bool:
    """Whether a short line without a closing stop follows a closing word and
    a name line, over short lines only (one blank line may follow the closing
    word): a name, a job title, an organisation, a place and date."""
    if not _is_signature_line(text[line.start:line.end]):
        return False
    # Cheap refusal first: a closing word ends its line with a comma.
    if text.find(",\n", max(0, line.start - MAX_BACK_LINES * SHORT_LINE), line.start) < 0:
        return False
    below = line
    for _ in range(MAX_BACK_LINES):
        above = _line_before(text, below)
        if above is None:
            return False
        content = text[above.start:above.end]
        if not content:  # a blank line: only right after the closing word
            above = _line_before(text, above)
            if above is None:
                return False
            return _is_sign_off(text, above, below)
        if _is_sign_off(text, above, below):
            return True
        if not _is_signature_line(content):
            return False
        below = above
    return False


def _is_sign_off(text: str, line: Line, below: Line) -> bool:
    """A closing word or two on its own line, the line below it a name."""
    sign_off = _SIGN_OFF.fullmatch(text, line.start, line.end)
    return sign_off is not None and _NAME_LINE.fullmatch(text, below.start, below.end) is not None


def _is_signature_line(content: str) -> bool:
    return 0 < len(content) <= SHORT_LINE and (content[-1] not in _STOPS or _has_address(content))
