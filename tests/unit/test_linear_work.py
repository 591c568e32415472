"""Work grows linearly with the input, whatever its shape.

Each degenerate shape (long runs of one character or token, long lines,
thousands of dates in one sentence, many events on one day) is run through
the whole extraction pipeline at two sizes, and the work is counted, not
timed, so that it does not depend on how busy the machine is: the Python
lines executed inside ``timeline``, plus the characters each search by one
of its patterns runs over (a search that starts at every block and runs to
the end of the text is quadratic in C, where no line is counted). Four
times the input must cost well under sixteen times the work (a quadratic
stage costs sixteen times). Backtracking inside one search is kept in
bounds by the pattern checks in ``test_regex_safety.py`` and measured by
``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import timeline.dates
import timeline.events
import timeline.ingest
from timeline.model import Document
from timeline.pipeline import corpus_from_documents, make_document

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from hostile_shapes import HTML_SHAPES, SHAPES

PACKAGE = str(Path(__file__).resolve().parents[2] / "timeline")
SMALL = 6_000  # above the longest sentence (1,500 characters), so caps are in play
SCALE = 4
# Linear work scales by about 4 (a little more where fixed costs are small);
# n log n by under 5; quadratic by 16.
MAX_GROWTH = 7.0


class CountingPattern:
    """A compiled pattern that adds to ``counter.chars`` the characters each
    search runs over: to the end of its match, or to where it gave up."""

    def __init__(self, pattern: re.Pattern[str], counter: LineCounter) -> None:
        self._pattern, self._counter = pattern, counter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def _add(self, string: str, pos: int, endpos: int | None, found: re.Match[str] | None) -> None:
        stop = len(string) if endpos is None else min(endpos, len(string))
        self._counter.chars += max((found.end() if found else stop) - pos, 1)

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        found = self._pattern.search(string, pos, len(string) if endpos is None else endpos)
        self._add(string, pos, endpos, found)
        return found

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        found = self._pattern.match(string, pos, len(string) if endpos is None else endpos)
        self._counter.chars += max(found.end() - pos, 1) if found else 1
        return found

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        last = pos
        for found in self._pattern.finditer(string, pos,
                                            len(string) if endpos is None else endpos):
            self._add(string, last, None, found)
            last = found.end()
            yield found
        self._add(string, last, endpos, None)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        self._add(string, pos, endpos, None)
        return self._pattern.findall(string, pos, len(string) if endpos is None else endpos)


def counted_patterns(monkeypatch: pytest.MonkeyPatch, counter: LineCounter) -> None:
    """Every module-level pattern of the readers and the extractor, counting."""
    proxies: dict[int, CountingPattern] = {}
    for package in (timeline.dates, timeline.events, timeline.ingest):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in list(vars(module).items()):
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    proxy = proxies.setdefault(id(value), CountingPattern(value, counter))
                    monkeypatch.setattr(module, name, proxy)


class LineCounter:
    """Counts the lines executed in code under ``package`` while active."""

    def __init__(self, package: str = PACKAGE) -> None:
        self.package = package
        self.lines = 0
        self.chars = 0
        self._ours: dict[CodeType, bool] = {}

    def __enter__(self) -> LineCounter:
        sys.settrace(self._on_call)
        return self

    def __exit__(self, *_: object) -> None:
        sys.settrace(None)

    def _on_call(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        code = frame.f_code
        ours = self._ours.get(code)
        if ours is None:
            ours = self._ours[code] = code.co_filename.startswith(self.package)
        return self._on_line if ours else None

    def _on_line(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        if event == "line":
            self.lines += 1
        return self._on_line


def pipeline_work(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Lines executed and characters searched to extract the events of one
    document holding ``text``."""
    document = Document("d", "d.txt", "d", date(2015, 6, 1), text)
    counter = LineCounter()
    with monkeypatch.context() as patch:
        counted_patterns(patch, counter)
        with counter:
            corpus_from_documents([document])
    return counter.lines, counter.chars


def reading_work(page: str, monkeypatch: pytest.MonkeyPatch, folder: Path) -> tuple[int, int]:
    """Lines executed and characters searched to read a web page and then
    extract its events."""
    path = folder / f"page-{len(page)}.html"
    path.write_text(page, encoding="utf-8")
    counter = LineCounter(package="")  # the parsers' own Python code counts too
    with monkeypatch.context() as patch:
        counted_patterns(patch, counter)
        with counter:
            corpus_from_documents([make_document(path, "page")])
    return counter.lines, counter.chars


Work = Callable[[str, pytest.MonkeyPatch], tuple[int, int]]


def growth(make: Callable[[int], str], work: Work = pipeline_work) -> tuple[float, float]:
    """How much more work four times the input costs: Python lines, and
    characters searched."""
    small, large = make(SMALL), make(SMALL * SCALE)
    assert len(large) >= 3.5 * len(small)
    with pytest.MonkeyPatch.context() as monkeypatch:
        lines_small, chars_small = work(small, monkeypatch)
        lines_large, chars_large = work(large, monkeypatch)
    return lines_large / max(lines_small, 1), chars_large / max(chars_small, 1)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_is_linear_on_degenerate_shapes(shape: str) -> None:
    lines, chars = growth(SHAPES[shape])
    assert lines < MAX_GROWTH
    assert chars < MAX_GROWTH


@pytest.mark.parametrize("shape", sorted(HTML_SHAPES))
def test_reading_web_pages_is_linear(shape: str, tmp_path: Path) -> None:
    lines, chars = growth(HTML_SHAPES[shape],
                          lambda page, patch: reading_work(page, patch, tmp_path))
    assert lines < MAX_GROWTH
    assert chars < MAX_GROWTH


# Pieces that stress splitting, tagging and titling when repeated.
PIECES = [" ", "\t", "\n", ".", "!", "?", ",", ";", "-", "(", ")", '"', "'", "•", "A", "a",
          "1", "2010", "May", "5 May 2010", "March 2011", "the", "Council", "UNHCR", "Mr.",
          "1.", "met", "held", "in", "and", "from", "to", "2010-2011", "mid-", "yesterday"]


@settings(max_examples=12, deadline=None, phases=[Phase.generate])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6),
       st.lists(st.sampled_from(PIECES), max_size=4))
def test_work_is_linear_on_any_repeated_unit(unit: list[str], head: list[str]) -> None:
    """Any short unit repeated, after any short opening."""
    repeated, opening = " ".join(unit), " ".join(head)

    def make(size: int) -> str:
        return opening + repeated * (size // max(len(repeated), 1) + 1)

    lines, chars = growth(make)
    assert lines < MAX_GROWTH
    assert chars < MAX_GROWTH
