"""Score the date tagger against TempEval-3's Platinum test set.

    .venv/bin/python benchmarks/score_tempeval.py [--dir PATH] [--details]

A measuring instrument only: nothing in the tagger may be tuned to this set.

For each ``.tml`` file the text inside ``<TEXT>`` with every tag removed is the
tagger's input, and the ``<DCT>`` date is its reference date. Gold TIMEX3 of
type DATE and TIME are scored; DURATION and SET are left out because the tagger
does not look for them, and a prediction that overlaps one of those (and no
DATE/TIME) is counted apart instead of as a false positive. Every TimeMatch,
placed or unplaced, counts as a predicted span.

Value comparison turns a :class:`When` into a TimeML value (see
:func:`timeml_value`). A day-precise range that is not exactly one ISO week
has no single TimeML value, so it is compared through its first day; gold TIME
values are compared on their date part only.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from timeline.dates.temporal import find_times
from timeline.model import Granularity, When

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO_ROOT.parent / "shared" / "eval" / "te3-platinum"
SCORED_TYPES = frozenset({"DATE", "TIME"})
REFERENCE_MARKS = "HeidelTime on TE3 Platinum (published): relaxed span F1 90.3, value F1 77.6"
SEASON_CODES = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}
Span = tuple[int, int]
_DATED_TIME = re.compile(r"[0-9X]{4}(-[0-9A-Z]{1,3}){0,2}T")


@dataclass(frozen=True, slots=True)
class Timex:
    """A gold TIMEX3 at ``start:end`` of the tag-free text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Prediction:
    """One span the tagger found and its TimeML value (None when unplaced)."""

    start: int
    end: int
    text: str
    value: str | None


@dataclass(frozen=True, slots=True)
class TmlDocument:
    """A test document: tag-free text, its creation date, its gold TIMEX3."""

    name: str
    text: str
    dct: date
    timexes: tuple[Timex, ...]


@dataclass(slots=True)
class Tally:
    """Counts summed over documents, plus the cases ``--details`` prints."""

    gold: int = 0
    predicted: int = 0
    unplaced: int = 0
    excluded: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    value_tp: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    boundaries: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- reading TimeML

def text_and_timexes(element: ET.Element) -> tuple[str, list[Timex]]:
    """The text of ``element`` with all tags removed, and every TIMEX3 inside
    it with offsets into that text (entities decoded, nesting allowed)."""
    parts: list[str] = []
    found: list[Timex] = []
    _walk(element, parts, [0], found)
    return "".join(parts), sorted(found, key=lambda t: (t.start, t.end))


def _walk(element: ET.Element, parts: list[str], length: list[int], found: list[Timex]) -> None:
    _append(parts, length, element.text)
    for child in element:
        start = length[0]
        _walk(child, parts, length, found)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start:length[0]]
            found.append(Timex(start, length[0], text, child.get("type", ""),
                               child.get("value", "")))
        _append(parts, length, child.tail)


def _append(parts: list[str], length: list[int], piece: str | None) -> None:
    if piece:
        parts.append(piece)
        length[0] += len(piece)


def strip_tags(fragment: str) -> tuple[str, list[Timex]]:
    """``text_and_timexes`` for an XML fragment given as a string."""
    return text_and_timexes(ET.fromstring(f"<TEXT>{fragment}</TEXT>"))


def read_tml(path: Path) -> TmlDocument:
    """Parse one ``.tml`` file; ValueError (naming the file) when it lacks TEXT or DCT."""
    root = ET.parse(path).getroot()
    body, dct = root.find("TEXT"), root.find("DCT/TIMEX3")
    if body is None or dct is None:
        raise ValueError(f"{path}: no <TEXT> or no <DCT><TIMEX3>")
    text, timexes = text_and_timexes(body)
    return TmlDocument(path.name, text, date.fromisoformat(dct.get("value", "")[:10]),
                       tuple(timexes))


# ---------------------------------------------------------------- values

def timeml_value(when: When | None) -> str | None:
    """The TimeML value of a When: ``2013-03-22``, ``2013-03``, ``2013``, ``198``
    (a decade), ``19`` (a century), ``2012-SU``, ``2013-Q1``, ``2013-H2``.

    A range is valued by the unit holding its first day, except a Monday-to-
    Sunday day range, which is the ISO week ``2013-W12``.
    """
    if when is None:
        return None
    if when.granularity is Granularity.DAY and when.start != when.end:
        return _iso_week(when) or _day(when.start)
    return _unit_value(when)


def _day(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _iso_week(when: When) -> str | None:
    if when.days != 7 or when.start.isoweekday() != 1:
        return None
    year, week, _ = when.start.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _unit_value(when: When) -> str:
    g, start = when.granularity, when.start
    if g is Granularity.DAY:
        return _day(start)
    if g is Granularity.MONTH:
        return f"{start.year:04d}-{start.month:02d}"
    if g is Granularity.SEASON:
        # The middle of the first season decides it, whatever bounds the tagger
        # gives seasons (meteorological or astronomical).
        return f"{start.year:04d}-{SEASON_CODES[(start + timedelta(days=45)).month]}"
    if g is Granularity.QUARTER:
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if g is Granularity.HALF:
        return f"{start.year:04d}-H{1 if start.month <= 6 else 2}"
    if g is Granularity.YEAR:
        return f"{start.year:04d}"
    # Decades and centuries are named by the middle of their first unit, so
    # 1900-1999 and 1901-2000 both give "19" and 1980-1989 gives "198".
    if g is Granularity.DECADE:
        return f"{(start.year + 5) // 10:03d}"
    return f"{(start.year + 50) // 100:02d}"


def comparable_gold_value(value: str) -> str:
    """A gold value as compared: TIME values keep their date part only."""
    return value.split("T", 1)[0] if _DATED_TIME.match(value) else value


# ---------------------------------------------------------------- matching

def overlaps(a: Span, b: Span) -> bool:
    """True when two half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: Sequence[Span], predicted: Sequence[Span]) -> dict[int, int]:
    """A largest one-to-one matching of overlapping spans, as {gold index:
    predicted index}; exact matches are tried first so they are kept."""
    candidates = [
        sorted((j for j, p in enumerate(predicted) if overlaps(g, p)),
               key=lambda j, g=g: (predicted[j] != g, j))
        for g in gold
    ]
    owner: dict[int, int] = {}
    for i in range(len(gold)):
        _augment(i, candidates, owner, set())
    return {g: p for p, g in owner.items()}


def _augment(i: int, candidates: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    """Kuhn's augmenting path step: give gold ``i`` a prediction if one can be freed."""
    for j in candidates[i]:
        if j in seen:
            continue
        seen.add(j)
        if j not in owner or _augment(owner[j], candidates, owner, seen):
            owner[j] = i
            return True
    return False


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (zero where undefined)."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------- scoring

def predict(doc: TmlDocument) -> list[Prediction]:
    """Run the tagger on one document."""
    return [Prediction(m.start, m.end, m.text, timeml_value(m.when))
            for m in find_times(doc.text, doc.dct)]


def score_document(doc: TmlDocument, predictions: Sequence[Prediction], tally: Tally) -> None:
    """Add one document's counts (and detail lines) to ``tally``."""
    gold = [t for t in doc.timexes if t.type in SCORED_TYPES]
    other = [(t.start, t.end) for t in doc.timexes if t.type not in SCORED_TYPES]
    spans = [(p.start, p.end) for p in predictions]
    matched = match_spans([(g.start, g.end) for g in gold], spans)
    used = set(matched.values())
    excluded = {j for j, s in enumerate(spans)
                if j not in used and any(overlaps(s, o) for o in other)}
    tally.gold += len(gold)
    tally.predicted += len(predictions) - len(excluded)
    tally.excluded += len(excluded)
    tally.unplaced += sum(p.value is None for p in predictions)
    tally.strict_tp += len({(g.start, g.end) for g in gold} & set(spans))
    _score_matches(doc, gold, predictions, matched, tally)
    _note_errors(doc, gold, predictions, matched, used | excluded, tally)


def _score_matches(doc: TmlDocument, gold: Sequence[Timex], predictions: Sequence[Prediction],
                   matched: dict[int, int], tally: Tally) -> None:
    for i, j in matched.items():
        tally.relaxed_tp += 1
        if (gold[i].start, gold[i].end) != (predictions[j].start, predictions[j].end):
            tally.boundaries.append(
                f"{doc.name}: found {predictions[j].text!r} for gold {gold[i].text!r}")
        expected, got = comparable_gold_value(gold[i].value), predictions[j].value
        if got == expected:
            tally.value_tp += 1
        else:
            tally.wrong_values.append(
                f"{doc.name}: {predictions[j].text!r} gave {got} for gold "
                f"{gold[i].text!r} = {gold[i].value}")


def _note_errors(doc: TmlDocument, gold: Sequence[Timex], predictions: Sequence[Prediction],
                 matched: dict[int, int], accounted: set[int], tally: Tally) -> None:
    for i, g in enumerate(gold):
        if i not in matched:
            where = context(doc.text, g.start, g.end)
            tally.misses.append(f"{doc.name}: {g.type} {g.value}: {where}")
    for j, p in enumerate(predictions):
        if j not in accounted:
            tally.false_positives.append(
                f"{doc.name}: {p.value}: {context(doc.text, p.start, p.end)}")


def context(text: str, start: int, end: int, width: int = 45) -> str:
    """The span in brackets with some text either side, on one line."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return " ".join(f"{before}[[{text[start:end]}]]{after}".split())


def score_directory(folder: Path) -> tuple[int, Tally]:
    """Score every ``.tml`` file in ``folder``; returns (documents, tally)."""
    files = sorted(folder.glob("*.tml"))
    tally = Tally()
    for path in files:
        doc = read_tml(path)
        score_document(doc, _predict_or_note(doc, tally), tally)
    return len(files), tally


def _predict_or_note(doc: TmlDocument, tally: Tally) -> list[Prediction]:
    """The tagger's predictions; if it raises, the document scores as found-nothing
    and the error is kept for the report, so one bug does not hide the rest."""
    try:
        return predict(doc)
    except Exception as error:  # any tagger failure is a finding to report, not a crash
        tally.errors.append(f"{doc.name}: {type(error).__name__}: {error}")
        return []


# ---------------------------------------------------------------- report

def report(documents: int, tally: Tally, details: bool) -> str:
    """The printed table (and, with ``details``, the error lists)."""
    rows = [
        ("strict span", tally.strict_tp),
        ("relaxed span", tally.relaxed_tp),
        ("value (TE3 value F1)", tally.value_tp),
    ]
    lines = [
        f"TempEval-3 Platinum: {documents} documents, {tally.gold} gold DATE/TIME expressions "
        "(DURATION and SET left out of the gold)",
        f"predictions: {tally.predicted + tally.excluded} ({tally.unplaced} unplaced); "
        f"{tally.excluded} overlap only a gold DURATION/SET and are set aside (not false "
        f"positives), leaving {tally.predicted} counted",
        "",
        f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}",
    ]
    for name, tp in rows:
        p, r, f = prf(tp, tally.predicted, tally.gold)
        lines.append(f"{name:22}{p:7.1%}{r:7.1%}{f:7.1%}{tp:6d}"
                     f"{tally.predicted - tp:6d}{tally.gold - tp:6d}")
    accuracy = tally.value_tp / tally.relaxed_tp if tally.relaxed_tp else 0.0
    lines += [
        f"value accuracy over relaxed matches: {tally.value_tp}/{tally.relaxed_tp} "
        f"= {accuracy:.1%}",
        "",
        f"reference: {REFERENCE_MARKS}",
        "  (scored over all TIMEX3 types, durations and sets included: a guide, not a like-for-"
        "like comparison)",
    ]
    if tally.errors:
        lines.append(f"WARNING: the tagger raised on {len(tally.errors)} document(s), "
                     "scored as finding nothing there (see stderr)")
    if details:
        lines += _detail_lines(tally)
    return "\n".join(lines)


def _detail_lines(tally: Tally) -> list[str]:
    out: list[str] = []
    for title, items in (("missed gold", tally.misses),
                         ("false positives", tally.false_positives),
                         ("wrong values on matched spans", tally.wrong_values),
                         ("matched, but not at the exact gold span", tally.boundaries)):
        out += ["", f"== {title} ({len(items)})", *items]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR,
                        help=f"folder of .tml files (default: {DEFAULT_DIR})")
    parser.add_argument("--details", action="store_true",
                        help="also list misses, false positives, wrong values and span differences")
    args = parser.parse_args(argv)
    if not args.dir.is_dir() or not any(args.dir.glob("*.tml")):
        print(f"score_tempeval: no .tml files in {args.dir} (the TE3 Platinum set is "
              "expected in shared/eval/te3-platinum beside the repository; use --dir)",
              file=sys.stderr)
        return 1
    documents, tally = score_directory(args.dir)
    for error in tally.errors:
        print(f"score_tempeval: the tagger raised on {error}", file=sys.stderr)
    print(report(documents, tally, args.details))
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
