"""No pattern in the readers or the extractor can backtrack without bound.

Python's ``re`` backtracks: a repeat nested in a repeat that can match the
same characters (``(a+)+``), or two unbounded repeats side by side that can
(``\\s*-?\\s*``), try every way of sharing a run between them, which is
quadratic or worse in the run's length. Such patterns must use a possessive
repeat (``*+``) or an atomic group, which never give back what they took.
This checks every compiled pattern held by a module of ``timeline.dates``,
``timeline.events`` and ``timeline.ingest``, on the parsed pattern, over a sample
alphabet.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

import timeline.dates
import timeline.events
import timeline.ingest
from timeline.dates import forms
from timeline.dates.forms import FORMS

ALPHABET = frozenset(chr(c) for c in range(0x250)) | frozenset("’‘“”–—•…\u00a0\u2028\u3000")
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
CATEGORIES = {
    sre.CATEGORY_DIGIT: str.isdecimal, sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
}
NEGATED = {sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE,
           sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD}


def patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled text pattern held at module level, by qualified name."""
    for package in (timeline.dates, timeline.events, timeline.ingest):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    yield f"{module.__name__}.{name}", value
    for form in FORMS:  # the date forms' patterns are held in their records
        yield f"{forms.__name__}.{form.name}", form.regex


def first_chars(items: Any) -> frozenset[str]:
    """The characters a piece of a parsed pattern can start with (a superset)."""
    chars: set[str] = set()
    for op, av in items:
        chars |= _item_first(op, av)
        if not _may_be_empty(op, av):
            break
    return frozenset(chars)


def _item_first(op: Any, av: Any) -> frozenset[str]:
    if op in (sre.LITERAL, sre.LITERAL_IGNORE, sre.LITERAL_UNI_IGNORE):
        return frozenset({chr(av), chr(av).upper(), chr(av).lower()})
    if op in (sre.NOT_LITERAL, sre.NOT_LITERAL_IGNORE, sre.ANY):
        return ALPHABET
    if op is sre.IN:
        return _class_chars(av)
    if op is sre.SUBPATTERN:
        return first_chars(av[-1])
    if op in (*REPEATS, sre.POSSESSIVE_REPEAT):
        return first_chars(av[2])
    if op is sre.ATOMIC_GROUP:
        return first_chars(av)
    if op is sre.BRANCH:
        return frozenset().union(*(first_chars(branch) for branch in av[1]))
    return frozenset()  # assertions, anchors, group references: no character


def _class_chars(items: Any) -> frozenset[str]:
    negate = any(op is sre.NEGATE for op, _ in items)
    chars = {c for c in ALPHABET if any(_in_class(op, av, c) for op, av in items)}
    return frozenset(ALPHABET - chars if negate else chars)


def _in_class(op: Any, av: Any, c: str) -> bool:
    if op is sre.LITERAL:
        return c == chr(av)
    if op is sre.RANGE:
        return av[0] <= ord(c) <= av[1]
    if op is sre.RANGE_UNI_IGNORE:
        return any(av[0] <= ord(v[0]) <= av[1] for v in (c, c.lower(), c.upper()))
    if op is sre.CATEGORY:
        test = CATEGORIES.get(av) or CATEGORIES.get(NEGATED.get(av))
        inside = bool(test and test(c))
        return inside if av in CATEGORIES else not inside
    return False


def _may_be_empty(op: Any, av: Any) -> bool:
    if op in (*REPEATS, sre.POSSESSIVE_REPEAT):
        return av[0] == 0
    if op is sre.SUBPATTERN:
        return all(_may_be_empty(o, a) for o, a in av[-1])
    if op is sre.BRANCH:
        return any(all(_may_be_empty(o, a) for o, a in branch) for branch in av[1])
    return op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF_EXISTS)


def hazards(items: Any, outer: frozenset[str] = frozenset()) -> Iterator[str]:
    """Backtracking hazards in a parsed pattern; ``outer`` holds the first
    characters of an enclosing unbounded repeat's body."""
    items = list(items)
    for k, (op, av) in enumerate(items):
        if op in REPEATS and av[1] is sre.MAXREPEAT:
            own = first_chars(av[2])
            if own & outer:
                yield "an unbounded repeat inside another that can match the same characters"
            follower = _next_unbounded(items[k + 1:])
            if follower is not None and own & first_chars([follower]):
                yield "two unbounded repeats side by side that can match the same characters"
            yield from hazards(av[2], own)
        elif op in (*REPEATS, sre.POSSESSIVE_REPEAT):
            yield from hazards(av[2], outer if op in REPEATS else frozenset())
        elif op is sre.SUBPATTERN:
            yield from hazards(av[-1], outer)
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from hazards(branch, outer)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from hazards(av[1], outer)


def _next_unbounded(rest: list[Any]) -> Any | None:
    """The next unbounded backtracking repeat, past optional items."""
    for op, av in rest:
        if op in REPEATS and av[1] is sre.MAXREPEAT:
            return (op, av)
        if not _may_be_empty(op, av):
            return None
    return None


@pytest.mark.parametrize(("name", "pattern"), sorted(patterns(), key=lambda p: p[0]),
                         ids=lambda value: value if isinstance(value, str) else "")
def test_pattern_cannot_backtrack_without_bound(name: str, pattern: re.Pattern[str]) -> None:
    found = sorted(set(hazards(sre_parse.parse(pattern.pattern, pattern.flags))))
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize("source", [r"(a+)+b", r"(?:\w+\s?)*$", r"\s*-?\s*\d", r"[^a-z]*[A-Z]*$"])
def test_the_check_finds_known_hazards(source: str) -> None:
    assert list(hazards(sre_parse.parse(source)))


@pytest.mark.parametrize("source", [r"(a++)+b", r"@[\w-]+(?:\.[\w-]+)+", r"\s*+-?\s*\d",
                                    r"\d+\s+[A-Z]"])
def test_the_check_passes_safe_patterns(source: str) -> None:
    assert not list(hazards(sre_parse.parse(source)))

