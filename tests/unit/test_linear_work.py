"""Work grows linearly with the input, whatever its shape.

Each degenerate shape (long runs of one character or token, long lines,
thousands of dates in one sentence, many events on one day) is run through
the whole extraction pipeline at two sizes, and the work is counted, not
timed: the number of Python lines executed inside ``timeline``, which is
deterministic and does not depend on how busy the machine is. Four times
the input must cost well under sixteen times the work (a quadratic stage
costs sixteen times). Regular-expression work, which runs in C where no
line is counted, is kept linear by the pattern checks in
``test_regex_safety.py`` and measured by ``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from timeline.model import Document
from timeline.pipeline import corpus_from_documents

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from hostile_shapes import SHAPES

PACKAGE = str(Path(__file__).resolve().parents[2] / "timeline")
SMALL = 6_000  # above the longest sentence (1,500 characters), so caps are in play
SCALE = 4
# Linear work scales by about 4 (a little more where fixed costs are small);
# n log n by under 5; quadratic by 16.
MAX_GROWTH = 7.0


class LineCounter:
    """Counts the lines executed in code under ``PACKAGE`` while active."""

    def __init__(self) -> None:
        self.lines = 0
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
            ours = self._ours[code] = code.co_filename.startswith(PACKAGE)
        return self._on_line if ours else None

    def _on_line(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        if event == "line":
            self.lines += 1
        return self._on_line


def pipeline_work(text: str) -> int:
    """Lines executed to extract the events of one document holding ``text``."""
    document = Document("d", "d.txt", "d", date(2015, 6, 1), text)
    with LineCounter() as counter:
        corpus_from_documents([document])
    return counter.lines


def growth(make: Callable[[int], str]) -> float:
    """How much more work four times the input costs."""
    small, large = make(SMALL), make(SMALL * SCALE)
    assert len(large) >= 3.5 * len(small)
    return pipeline_work(large) / max(pipeline_work(small), 1)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_is_linear_on_degenerate_shapes(shape: str) -> None:
    assert growth(SHAPES[shape]) < MAX_GROWTH


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

    assert growth(make) < MAX_GROWTH
