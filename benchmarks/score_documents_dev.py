"""Score document titles, own dates and events on documents that are not statements.

    .venv/bin/python benchmarks/score_documents_dev.py [--set DIR] [--details]

The set is a folder of invented documents (a changelog, e-mails, a memo, a
letter, news with datelines, a numbered statement, a report with a contents
page and page footers, a press release) and a ``gold.json`` giving for each:
its expected title (exact, or null when several would do) and text its title
must not hold, its own date (null when the text states none), how many
events it records, and snippets of its text (a header line, a signature
line, a dateline, a contents line) on which no date may make an event.

Each file is extracted on its own, as the pipeline reads any file. Printed:
titles right (exact where one is given, else free of the text it must not
hold), own dates right, documents with exactly the expected number of events
and the mean distance from it, and how many dates on the listed snippets
made events. The last line is

    documents_dev: titles=<n>/<N> dates=<n>/<N> event_counts=<n>/<N> \
event_count_error=<x> non_prose_events=<n>/<snippets>
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.model import Corpus
from timeline.pipeline import extract_corpus

DEFAULT_SET = Path(__file__).resolve().parent / "dev" / "documents"


@dataclass
class Score:
    """What one document got right."""

    name: str
    title: str
    title_right: bool
    date_right: bool | None
    events: int
    expected_events: int
    bad_snippets: list[str]


def snippet_spans(text: str, snippet: str) -> list[tuple[int, int]]:
    """Every place ``snippet`` stands in ``text``."""
    spans, pos = [], text.find(snippet)
    while pos >= 0:
        spans.append((pos, pos + len(snippet)))
        pos = text.find(snippet, pos + 1)
    if not spans:
        raise SystemExit(f"gold snippet not in its document: {snippet!r}")
    return spans


def score_document(path: Path, gold: dict) -> Score:
    corpus: Corpus = extract_corpus([path])
    (doc,) = corpus.documents
    expected = gold["title"]
    title_right = (doc.title == expected if expected is not None else bool(doc.title))
    title_right = title_right and not any(bad in doc.title for bad in gold["title_not"])
    date_right = None if gold["date"] is None else doc.date == date.fromisoformat(gold["date"])
    mentions = [m.span for e in corpus.events for m in e.mentions]
    bad = [snippet for snippet in gold["no_events"]
           if any(lo <= start and end <= hi for start, end in mentions
                  for lo, hi in snippet_spans(doc.text, snippet))]
    return Score(path.name, doc.title, title_right, date_right, len(corpus.events),
                 gold["events"], bad)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--details", action="store_true", help="one line per document")
    args = parser.parse_args(argv)
    gold = json.loads((args.set / "gold.json").read_text(encoding="utf-8"))["documents"]
    scores = [score_document(args.set / name, entry) for name, entry in gold.items()]
    if args.details:
        for s in scores:
            print(f"  {s.name:26} title {'ok ' if s.title_right else 'BAD'} {s.title!r:45.45}"
                  f" date {'-' if s.date_right is None else 'ok' if s.date_right else 'BAD'}"
                  f" events {s.events}/{s.expected_events}"
                  + (f" non-prose events on {s.bad_snippets}" if s.bad_snippets else ""))
    titles = sum(s.title_right for s in scores)
    dated = [s.date_right for s in scores if s.date_right is not None]
    counts = sum(s.events == s.expected_events for s in scores)
    error = sum(abs(s.events - s.expected_events) for s in scores) / len(scores)
    snippets = sum(len(entry["no_events"]) for entry in gold.values())
    bad = sum(len(s.bad_snippets) for s in scores)
    print(f"documents: {len(scores)}; titles right {titles}/{len(scores)}; own dates right "
          f"{sum(dated)}/{len(dated)}; exact event counts {counts}/{len(scores)} (mean error "
          f"{error:.2f}); snippets that must make no event but did {bad}/{snippets}")
    print(f"documents_dev: titles={titles}/{len(scores)} dates={sum(dated)}/{len(dated)} "
          f"event_counts={counts}/{len(scores)} event_count_error={error:.2f} "
          f"non_prose_events={bad}/{snippets}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
