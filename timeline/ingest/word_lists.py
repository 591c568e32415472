"""List labels for Word paragraphs: "- " for bullets, "3. " or "(b) " for
numbered items, counted the way Word counts them, from ``numbering.xml``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

_VAL = qn("w:val")
_LEVEL_REF = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True, slots=True)
class Level:
    """How one level of a list is labelled."""

    number_format: str = "bullet"
    text: str = ""
    start: int = 1


class ListLabels:
    """Hands out the label of each list item in document order."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self._levels = _read_levels(numbering) if numbering is not None else {}
        self._counters: dict[int, dict[int, int]] = {}

    def label(self, num_id: int, level: int) -> str:
        """The label for the next item of list ``num_id`` at ``level``,
        indented two spaces per level and followed by a space."""
        level = min(max(level, 0), 8)
        levels = self._levels.get(num_id, {})
        this = levels.get(level, Level())
        counters = self._counters.setdefault(num_id, {})
        counters[level] = counters.get(level, this.start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        indent = "  " * level
        if this.number_format == "none":
            return indent
        if this.number_format == "bullet" or not this.text:
            return indent + "- "

        def number(match: re.Match[str]) -> str:
            ref = int(match[1]) - 1
            ref_level = levels.get(ref, Level("decimal"))
            return format_number(counters.get(ref, ref_level.start), ref_level.number_format)

        return indent + _LEVEL_REF.sub(number, this.text).strip() + " "


def format_number(value: int, number_format: str) -> str:
    """``value`` written in one of Word's number formats (decimal by default)."""
    if number_format in ("lowerLetter", "upperLetter"):
        text = _letters(value)
        return text.upper() if number_format == "upperLetter" else text
    if number_format in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        text = _roman(value)
        return text.upper() if number_format == "upperRoman" else text
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int) -> str:
    """a..z, then aa..zz as Word does (the letter repeated)."""
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _read_levels(numbering: etree._Element) -> dict[int, dict[int, Level]]:
    """For each list instance (numId), its levels, with start overrides applied."""
    abstract = {
        node.get(qn("w:abstractNumId")): _abstract_levels(node)
        for node in numbering.iterchildren(qn("w:abstractNum"))
    }
    lists: dict[int, dict[int, Level]] = {}
    for num in numbering.iterchildren(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        num_id = _int(num.get(qn("w:numId")))
        if ref is None or num_id is None:
            continue
        levels = dict(abstract.get(ref.get(_VAL), {}))
        for override in num.iterchildren(qn("w:lvlOverride")):
            level, start = _int(override.get(qn("w:ilvl"))), override.find(qn("w:startOverride"))
            if level is not None and start is not None and level in levels:
                old = levels[level]
                levels[level] = Level(old.number_format, old.text,
                                      _int(start.get(_VAL), old.start))
        lists[num_id] = levels
    return lists


def _abstract_levels(node: etree._Element) -> dict[int, Level]:
    levels = {}
    for lvl in node.iterchildren(qn("w:lvl")):
        index = _int(lvl.get(qn("w:ilvl")))
        if index is None:
            continue
        levels[index] = Level(
            number_format=_child_value(lvl, "w:numFmt") or "decimal",
            text=_child_value(lvl, "w:lvlText") or "",
            start=_int(_child_value(lvl, "w:start"), 1),
        )
    return levels


def _child_value(node: etree._Element, tag: str) -> str | None:
    child = node.find(qn(tag))
    return child.get(_VAL) if child is not None else None


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
