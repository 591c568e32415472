"""Score the date tagger on the project's own development sets.

    .venv/bin/python benchmarks/score_dev.py [--set DIR] [--details]

A development set is a folder of texts and a ``gold.json`` listing, for each
text, its document date and every date expression in order: the words as
written, the first and last day a careful reader gives them, and their
granularity. The tagger reads each text with the document date as its
reference (as the pipeline does).

Span scores are relaxed: a found expression matches a gold one when they
overlap. Every expression the tagger found counts as a prediction, placed or
not. Value accuracy is over the matched pairs: the found date is right when
its granularity is the gold's and its first and last day fall in the same
unit of that granularity as the gold's (so "later that month" read as 14-30
June is June either way; a week must be the same seven days).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.dates.temporal import TimeMatch, find_times
from timeline.day import day_from_iso
from timeline.model import Granularity

DEV_DIR = Path(__file__).resolve().parent / "dev"
DEFAULT_SETS = (DEV_DIR / "narrative",)


@dataclass(frozen=True, slots=True)
class Gold:
    """One annotated expression at ``start:end`` of its text."""

    start: int
    end: int
    text: str
    first: date
    last: date
    granularity: Granularity


def read_gold(folder: Path) -> list[tuple[str, str, date, list[Gold]]]:
    """(file name, text, document date, gold expressions) for each text of a set."""
    data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    documents = []
    for entry in data["documents"]:
        text = (folder / entry["file"]).read_text(encoding="utf-8")
        documents.append((entry["file"], text, date.fromisoformat(entry["date"]),
                          _locate(text, entry["file"], entry["dates"])))
    return documents


def _locate(text: str, name: str, rows: list[list[str]]) -> list[Gold]:
    """Find each gold expression after the previous one (they are listed in order)."""
    found, pos = [], 0
    for words, first, last, granularity in rows:
        start = text.find(words, pos)
        if start < 0:
            raise SystemExit(f"{name}: gold expression {words!r} not found after offset {pos}")
        pos = start + len(words)
        found.append(Gold(start, pos, words, day_from_iso(first),
                          day_from_iso(last), Granularity(granularity)))
    return found


def unit_key(day: date, granularity: Granularity) -> str:
    """The unit of ``granularity`` holding ``day``, as text."""
    if granularity is Granularity.DAY:
        return day.isoformat()
    if granularity.rank <= Granularity.HALF.rank:
        return f"{day.year:04d}-{day.month:02d}"
    if granularity is Granularity.YEAR:
        return f"{day.year:04d}"
    if granularity is Granularity.DECADE:
        return f"{day.year // 10:03d}X"
    return f"{day.year // 100:02d}XX"


def same_value(match: TimeMatch, gold: Gold) -> bool:
    when = match.when
    if when is None or when.granularity is not gold.granularity:
        return False
    g = gold.granularity
    return (unit_key(when.start, g), unit_key(when.end, g)) == \
        (unit_key(gold.first, g), unit_key(gold.last, g))


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    right: int = 0


def score_text(text: str, reference: date, gold: list[Gold], tally: Tally,
               notes: list[str]) -> None:
    found = find_times(text, reference)
    tally.predicted += len(found)
    tally.gold += len(gold)
    taken: set[int] = set()
    for g in gold:
        match = next((m for i, m in enumerate(found)
                      if i not in taken and m.start < g.end and g.start < m.end), None)
        if match is None:
            notes.append(f"  missed {g.text!r} (gold {g.first}..{g.last} {g.granularity})")
            continue
        taken.add(found.index(match))
        tally.matched += 1
        if same_value(match, g):
            tally.right += 1
        else:
            got = (f"{match.when.start}..{match.when.end} {match.when.granularity}"
                   if match.when else f"unplaced: {match.reason}")
            notes.append(f"  wrong  {g.text!r}: {got} (gold {g.first}..{g.last} "
                         f"{g.granularity})")
    notes.extend(f"  extra  {m.text!r}" for i, m in enumerate(found) if i not in taken)


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, action="append",
                        help="a development set folder (default: every set in benchmarks/dev)")
    parser.add_argument("--details", action="store_true", help="list misses and wrong values")
    args = parser.parse_args(argv)
    for folder in args.set or DEFAULT_SETS:
        tally, notes = Tally(), []
        documents = read_gold(folder)
        for name, text, reference, gold in documents:
            before = len(notes)
            score_text(text, reference, gold, tally, notes)
            if len(notes) > before:
                notes.insert(before, name)
        p, r = percent(tally.matched, tally.predicted), percent(tally.matched, tally.gold)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{folder.name}: {len(documents)} texts, {tally.gold} gold expressions, "
              f"{tally.predicted} found")
        print(f"  relaxed span  P {p:5.1f}%  R {r:5.1f}%  F1 {f1:5.1f}%")
        print(f"  value accuracy over matches {tally.right}/{tally.matched} = "
              f"{percent(tally.right, tally.matched):5.1f}%; value recall "
              f"{tally.right}/{tally.gold} = {percent(tally.right, tally.gold):5.1f}%")
        if args.details:
            print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
