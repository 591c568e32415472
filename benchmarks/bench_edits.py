"""Applying the user's edits and saving a project, on a collection of
10,000 events.

    .venv/bin/python benchmarks/bench_edits.py [--events 10000] [--edits 100] [--runs 7]

The collection is synthetic but shaped like the pipeline's output: documents
of dated sentences, one event per sentence, one event in ten also cited by
the next document (two mentions). The edits are a mix as a user makes them
(titles and dates set, events hidden, starred, noted, merged, split, added
from a selection), each made on the collection as the edits before left it.
Each figure is the median of ``--runs`` runs.

1. index: :class:`~timeline.edits.CorpusIndex` built once per extraction;
2. apply: every edit applied with the index kept (what each undo or redo
   costs the window), then without it (the first apply after an extraction);
3. moved: every edit applied to a new extraction where every document got a
   new first line (every passage found again by its text);
4. save and open: the project file, written and read back.

The last line is

    edits: events=<n> edits=<k> apply_ms=<median> first_apply_ms=<median> save_ms=<median>
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

# The code of this checkout is measured, whatever the environment installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.edits import (
    CorpusIndex,
    Edit,
    add_edit,
    apply_edits,
    hide_edit,
    merge_edit,
    note_edit,
    set_edit,
    split_edit,
    star_edit,
)
from timeline.model import (
    Corpus,
    Document,
    Event,
    Granularity,
    Kind,
    Mention,
    When,
)
from timeline.project import Project, open_project, save_project

PER_DOCUMENT = 10
_PLACES = ("Bali", "Bangkok", "Sydney", "Jakarta", "Colombo", "Manila", "Hanoi", "Dhaka")
_WHAT = ("senior officials met", "ministers agreed a plan", "a workshop was held",
         "the group reviewed progress", "a report was launched")


def make_corpus(events: int, preface: str = "") -> Corpus:
    rng = random.Random(7)
    documents, mentions = [], []
    # One sentence in twenty is a second mention, not an event of its own.
    for d in range(max(1, round(events * 20 / 19) // PER_DOCUMENT)):
        parts, spans = [f"{preface}Statement {d}\n\n"], []
        for s in range(PER_DOCUMENT):
            day = date(1990, 1, 1) + timedelta(days=rng.randrange(12000))
            stated = f"{day.day} {day:%B} {day.year}"
            before = f"In {_PLACES[(d + s) % 8]} on "
            start = sum(map(len, parts)) + len(before)
            parts.append(f"{before}{stated} {_WHAT[s % 5]} (item {d}.{s}).\n")
            spans.append((start, start + len(stated), day, stated))
        text = "".join(parts)
        doc = Document(f"doc{d}", f"/collection/doc{d}.txt", f"Statement {d}", None, text)
        documents.append(doc)
        for start, end, day, stated in spans:
            line_end = text.index("\n", end)
            mentions.append(Mention(doc.id, (start, end), stated,
                                    When(day, day, Granularity.DAY), (start - 10, line_end)))
    built = []
    for i, mention in enumerate(mentions):
        cited = (mention,)
        if i % 20 == 10:
            continue  # the second mention of the event ten before
        if i % 20 == 0 and i + 10 < len(mentions):
            cited = (mention, mentions[i + 10])  # also cited by the next document
        built.append(Event(f"e{i:06d}", f"Event {i}", Kind.MEETING, ("Group",), mention.when,
                           cited))
    built.sort(key=lambda e: (e.when.start, e.when.end, e.title, e.id))
    return Corpus(tuple(documents), tuple(built))


def make_edits(corpus: Corpus, index: CorpusIndex, count: int) -> list[Edit]:
    rng = random.Random(11)
    edits: list[Edit] = []
    current = corpus
    for n in range(count):
        events = current.events
        event = events[rng.randrange(len(events))]
        choice = n % 8
        if choice == 0:
            edit = set_edit(event, index, title=f"Corrected {n}")
        elif choice == 1:
            d = event.when.start + timedelta(days=3)
            edit = set_edit(event, index, when=When(d, d, Granularity.DAY, approximate=True))
        elif choice == 2:
            edit = hide_edit(event, index)
        elif choice == 3:
            edit = star_edit(event, index)
        elif choice == 4:
            edit = note_edit(event, index, f"note {n}")
        elif choice == 5:
            other = events[rng.randrange(len(events))]
            edit = merge_edit([event, other], index) if other.id != event.id else \
                hide_edit(event, index)
        elif choice == 6:
            edit = split_edit(event.mentions[-1], index)
        else:
            doc = corpus.documents[rng.randrange(len(corpus.documents))]
            edit = add_edit(doc.id, (0, 9), index, f"Added {n}", event.when)
        edits.append(edit)
        if n % 10 == 9:  # as the window would see it, now and then
            current = apply_edits(corpus, edits, index).corpus
    return edits


def median_ms(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    corpus = make_corpus(args.events)
    index = CorpusIndex(corpus)
    edits = make_edits(corpus, index, args.edits)
    applied = apply_edits(corpus, edits, index)
    print(f"collection: {len(corpus.documents)} documents, {len(corpus.events)} events, "
          f"{len(edits)} edits, {len(applied.orphans)} orphans")
    index_ms = median_ms(args.runs, lambda: CorpusIndex(corpus))
    apply_ms = median_ms(args.runs, lambda: apply_edits(corpus, edits, index))
    first_ms = median_ms(args.runs, lambda: apply_edits(corpus, edits))
    print(f"index: {index_ms:.1f} ms   apply (index kept): {apply_ms:.1f} ms   "
          f"apply (index built): {first_ms:.1f} ms")
    moved = make_corpus(args.events, preface="Revised text.\n")
    moved_applied = apply_edits(moved, edits)
    moved_ms = median_ms(args.runs, lambda: apply_edits(moved, edits))
    print(f"moved: every passage found again in {moved_ms:.1f} ms "
          f"({len(moved_applied.orphans)} orphans)")
    project = Project(("/collection",), corpus, tuple(edits), {"lanes": "document"})
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.timeline"
        save_ms = median_ms(args.runs, lambda: save_project(target, project))
        open_ms = median_ms(args.runs, lambda: open_project(target))
        size = target.stat().st_size
        assert open_project(target) == project
    print(f"project: save {save_ms:.1f} ms, open {open_ms:.1f} ms, {size / 1e6:.1f} MB")
    print(f"edits: events={len(corpus.events)} edits={len(edits)} apply_ms={apply_ms:.1f} "
          f"first_apply_ms={first_ms:.1f} save_ms={save_ms:.1f}")


if __name__ == "__main__":
    main()
