"""Score the date tagger on the calendar development set (holidays, quarters
written as adjectives, fiscal years, seasons without a year).

    .venv/bin/python benchmarks/score_calendar_dev.py [--set benchmarks/dev/calendar_news.json] [-v]

Each document has its date (the reference day) and gold expressions with the
day span they mean. A found expression matches a gold one when their spans
overlap (relaxed span); it is right in value when its start and end days are
the gold's. Prints precision, recall and F1 for both, then the misses with
``-v``. The last line is

    calendar_dev: span_f1=<x> value_f1=<y> gold=<n> found=<m>
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.dates.temporal import TimeMatch, find_times

DEFAULT_SET = Path(__file__).resolve().parent / "dev" / "calendar_news.json"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    first: date
    last: date


def gold_spans(text: str, entries: list[list[str]]) -> list[Gold]:
    """The gold entries placed in the text, each searched after the one before."""
    golds: list[Gold] = []
    pos = 0
    for said, first, last in entries:
        at = text.index(said, pos)
        golds.append(Gold(at, at + len(said), said, date.fromisoformat(first),
                          date.fromisoformat(last)))
        pos = at + len(said)
    return golds


def right_value(found: TimeMatch, gold: Gold) -> bool:
    return found.when is not None and (found.when.start, found.when.end) == (gold.first,
                                                                              gold.last)


def f1(tp: int, n_found: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    documents = json.loads(args.set.read_text(encoding="utf-8"))["documents"]
    n_gold = n_found = span_tp = value_tp = 0
    notes: list[str] = []
    for doc in documents:
        text, ref = doc["text"], date.fromisoformat(doc["date"])
        golds = gold_spans(text, doc["gold"])
        found = find_times(text, ref)
        n_gold += len(golds)
        n_found += len(found)
        for gold in golds:
            hit = next((m for m in found if m.start < gold.end and gold.start < m.end), None)
            if hit is None:
                notes.append(f"missed  {gold.text!r} ({doc['date']})")
                continue
            span_tp += 1
            if right_value(hit, gold):
                value_tp += 1
            else:
                value = f"{hit.when.start}..{hit.when.end}" if hit.when else hit.reason
                notes.append(f"value   {hit.text!r} -> {value}, gold {gold.first}..{gold.last}")
        for match in found:
            if not any(match.start < g.end and g.start < match.end for g in golds):
                notes.append(f"extra   {match.text!r} ({match.form}, {doc['date']})")
    print(f"calendar development set: {len(documents)} documents, {n_gold} gold expressions,"
          f" {n_found} found")
    print(f"{'':22}{'P':>7}{'R':>7}{'F1':>7}")
    for name, tp in (("relaxed span", span_tp), ("value", value_tp)):
        p, r, f = f1(tp, n_found, n_gold)
        print(f"{name:22}{100 * p:6.1f}%{100 * r:6.1f}%{100 * f:6.1f}%")
    if args.verbose:
        print("\n".join(notes))
    print(f"calendar_dev: span_f1={100 * f1(span_tp, n_found, n_gold)[2]:.1f}"
          f" value_f1={100 * f1(value_tp, n_found, n_gold)[2]:.1f} gold={n_gold} found={n_found}")


if __name__ == "__main__":
    main()
