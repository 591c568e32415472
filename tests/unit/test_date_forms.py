"""Every date form's examples, read by the form itself and by the real tagger.

The tagger only tries a form where its prefilters let it (start characters,
anchors, opening words, what may follow a number: :mod:`timeline.dates.prefilters`),
so a form whose record leaves out what its prefilters need still reads its
examples on its own but is never reached in text: the second test fails.
Examples with a ``gap`` are known misses of the tagger, kept as strict xfails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from timeline.dates.forms import FORMS, Example, Form
from timeline.dates.prefilters import UnboundedStartError, start_chars
from timeline.dates.reading import Context, Reading
from timeline.dates.temporal import find_times
from timeline.model import Granularity

CASES = [(form, example) for form in FORMS for example in form.examples]
IDS = [f"{form.name}:{example.said}" for form, example in CASES]


def gap_marked(cases: list[tuple[Form, Example]]) -> list[object]:
    return [pytest.param(form, example, marks=pytest.mark.xfail(strict=True, reason=example.gap))
            if example.gap else (form, example) for form, example in cases]


@pytest.mark.parametrize(("form", "example"), [c for c in CASES if not c[1].gap],
                         ids=[i for i, c in zip(IDS, CASES, strict=True) if not c[1].gap])
def test_the_form_reads_its_example(form: Form, example: Example) -> None:
    readings = list(own_readings(form, example))
    assert readings, f"{form.name} does not read it as a whole"
    assert readings[0].when == example.when


def own_readings(form: Form, example: Example) -> Iterator[Reading]:
    """The form's accepted readings of exactly the example's expression, tried
    from every place in the sentence (a reading may leave out its first words,
    as ``between`` in ``between 1998 and 2001``, or take in words before its
    match, as ``c.`` in ``c. 1200 BC``)."""
    start, end = example.span
    for begin in range(end):
        match = form.regex.match(example.text, begin)
        if match is None or match.end() != end:
            continue
        reading = form.handler(Context(example.text, example.reference, match))
        if reading is not None and (reading.start if reading.start is not None else begin) == start:
            yield reading


@pytest.mark.parametrize(("form", "example"), gap_marked(CASES), ids=IDS)
def test_the_tagger_reads_the_example_with_its_form(form: Form, example: Example) -> None:
    found = {(m.start, m.end): m for m in find_times(example.text, example.reference)}
    match = found.get(example.span)
    assert match is not None, (
        f"not found as a whole: {sorted((m.text, m.form) for m in found.values())}")
    assert match.form == form.name
    assert match.when == example.when


def test_every_form_has_a_name_of_its_own_and_examples() -> None:
    names = [form.name for form in FORMS]
    assert len(set(names)) == len(names)
    assert all(form.examples for form in FORMS)


def test_every_precision_is_shown_by_an_example() -> None:
    shown = {ex.when.granularity for _, ex in CASES if ex.when is not None and not ex.gap}
    assert shown == set(Granularity)


def form(pattern: str) -> Form:
    return Form("probe", pattern, lambda ctx: None, ())


@pytest.mark.parametrize(("pattern", "chars"), [
    (r"(?:the\s+)?\d\d", set("t0123456789")),
    (r"Q[1-4]|FY\d\d", set("qf")),
    (r"(?<![\w-])(?:early|late)?[-–]mid", set("el-–")),
    (r"\bnow", {"n"}),
])
def test_start_chars_are_read_off_the_pattern(pattern: str, chars: set[str]) -> None:
    assert start_chars(form(pattern)) == chars


@pytest.mark.parametrize("pattern", [r"\w+day", r"[^a]bc", r".x", r"(?:a)?"])
def test_a_pattern_that_can_start_anywhere_is_refused(pattern: str) -> None:
    with pytest.raises(UnboundedStartError):
        start_chars(form(pattern))


def test_the_examples_sentences_are_marked_well() -> None:
    for _, example in CASES:
        assert example.said.count("[") == example.said.count("]") <= 1
        assert not re.search(r"\[\s|\s\]", example.said)
