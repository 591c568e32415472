"""Event table and filters on a million events: building the columns, sorting,
and answering a filter change.

    .venv/bin/python benchmarks/bench_table.py [--events 1000000] [--runs 5]

The corpus is synthetic but shaped like the pipeline's output: documents made
of the seed statements' sentences (fixed random seed), each event citing one
sentence of one document, dated across 1900-2020 at mixed precisions, with a
title taken from its sentence. Each figure is the median of ``--runs`` runs;
nothing touches Qt, since these are the computations the window's workers run.

1. Columns: :class:`CorpusColumns` (one pass over the events), then each
   table column's sort key (done once per corpus, the first time the column
   is sorted).
2. Sort: the rows of every shown event in each column's order, ascending and
   descending, with the keys already made.
3. Filter change: the new set of shown events and the table's rows for it,
   the sort order already made. Kinds, precisions and documents are masks.
   Text is timed three ways: the built-in substring match on a first word
   (every event's text scanned), a longer word typed after it (only the
   previous word's matches scanned), and a search function standing in for
   a full-text index (only turning its ids into a mask is timed). The first
   text query builds the matcher's lower-cased texts; that is printed apart.

The canvas index for the shown events (``build_index``) is timed once for
context. The last line is

    table: events=<n> sort_ms=<median> filter_ms=<median>

where ``sort_ms`` is the slowest column's median and ``filter_ms`` the median
of the slowest filter change answered without an index (the first text word).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from timeline.gui.columns import CorpusColumns
from timeline.gui.filters import EventFilter, FilterState
from timeline.gui.table_order import COLUMNS, TableOrder
from timeline.index import build_index
from timeline.model import Corpus, Document, Event, Granularity, Kind, Mention, When

REPO_ROOT = Path(__file__).resolve().parent.parent
EVENTS_PER_DOCUMENT = 100
GRANULARITY_MIX = ((Granularity.DAY, 0.6), (Granularity.MONTH, 0.2), (Granularity.YEAR, 0.15),
                   (Granularity.DECADE, 0.05))


def seed_sentences() -> list[str]:
    """The seed statements' sentences, one line each, longer than a few words."""
    out = []
    for path in sorted((REPO_ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out.extend(s.strip() + "." for s in line.split(". ") if len(s.split()) > 5)
    return out


def dates(rng: random.Random, count: int) -> list[When]:
    """``count`` dates across 1900-2020, a few thousand distinct ones shared."""
    pool = []
    for _ in range(5000):
        day = date(1900, 1, 1) + timedelta(days=rng.randrange(120 * 365))
        granularity = rng.choices([g for g, _ in GRANULARITY_MIX],
                                  [w for _, w in GRANULARITY_MIX])[0]
        if granularity is Granularity.DAY and rng.random() < 0.2:
            pool.append(When(day, day + timedelta(days=rng.randrange(1, 5)), granularity))
        else:
            pool.append(When.unit(day, granularity, approximate=rng.random() < 0.05))
    return [rng.choice(pool) for _ in range(count)]


def synthetic_corpus(n: int, seed: int = 11) -> Corpus:
    """``n`` events over ``n / EVENTS_PER_DOCUMENT`` documents of seed sentences."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    kinds = list(Kind)
    whens = dates(rng, n)
    documents, events = [], []
    for d in range((n + EVENTS_PER_DOCUMENT - 1) // EVENTS_PER_DOCUMENT):
        doc_id = f"d{d:06d}"
        picked = rng.choices(sentences, k=EVENTS_PER_DOCUMENT)
        starts = np.cumsum([0] + [len(s) + 1 for s in picked]).tolist()
        documents.append(Document(doc_id, f"/docs/{doc_id}.txt", f"Statement {d}",
                                  None, "\n".join(picked)))
        for k, sentence in enumerate(picked[: n - len(events)]):
            when = whens[len(events)]
            span = (starts[k], starts[k] + min(len(sentence), 12))
            mention = Mention(doc_id, span, sentence[:12], when, (starts[k], starts[k + 1] - 1))
            title = " ".join(sentence.split()[:7])
            events.append(Event(f"e{len(events):09x}", title, rng.choice(kinds), (), when,
                                (mention,)))
    return Corpus(tuple(documents), tuple(events))


def median_ms(action: Callable[[], object], runs: int,
              before: Callable[[], object] = lambda: None) -> float:
    """Median wall time of ``action`` in milliseconds; ``before`` runs untimed."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_columns(corpus: Corpus, runs: int) -> tuple[CorpusColumns, TableOrder]:
    """Time the columns and the per-column keys; return them made."""
    ms = median_ms(lambda: CorpusColumns.from_corpus(corpus), runs)
    print(f"columns          {ms:9.1f} ms  (CorpusColumns.from_corpus)")
    columns = CorpusColumns.from_corpus(corpus)
    order = TableOrder(columns)
    for number, name in enumerate(COLUMNS):
        start = time.perf_counter()
        order.key(number)
        print(f"key {name:<12} {(time.perf_counter() - start) * 1000:9.1f} ms  (once per corpus)")
    return columns, order


def bench_sorts(order: TableOrder, runs: int) -> float:
    """Time each column's sort both ways; the slowest median."""
    every = np.arange(len(order.columns))
    worst = 0.0
    for number, name in enumerate(COLUMNS):
        for descending in (False, True):
            ms = median_ms(lambda n=number, d=descending: order.rows(every, n, d), runs,
                           before=order._orders.clear)
            worst = max(worst, ms)
            note = "  (the Date key is this order)" if number == 0 and not descending else ""
            print(f"sort {name:<11} {'desc' if descending else 'asc ':4} {ms:7.1f} ms{note}")
    return worst


def bench_filters(corpus: Corpus, columns: CorpusColumns, order: TableOrder,
                  runs: int) -> float:
    """Time filter changes; the median of the first text word (no index)."""
    event_filter = EventFilter(corpus, columns=columns)
    order.rows(np.arange(0), 0, False)  # the date order, made once

    def change(state: FilterState) -> np.ndarray:
        return order.rows(event_filter.indices(state), 0, False)

    start = time.perf_counter()
    change(FilterState(text="bali"))
    print(f"text matcher     {(time.perf_counter() - start) * 1000:9.1f} ms  (first query: "
          "lower-cased texts made once per corpus)")
    forget = event_filter._substrings._memory.clear  # type: ignore[union-attr]

    def typed_before() -> None:  # "minis" searched just before "ministerial"
        forget()
        change(FilterState(text="minis"))

    cases = [
        ("kinds", FilterState(kinds=frozenset({Kind.MEETING, Kind.WORKSHOP})), None),
        ("precisions", FilterState(precisions=frozenset({Granularity.YEAR})), None),
        ("documents", FilterState(documents=frozenset({corpus.documents[0].id})), None),
        ("text, first word", FilterState(text="ministerial"), forget),
        ("text, word typed on", FilterState(text="ministerial"), typed_before),
    ]
    results = {}
    for name, state, before in cases:
        results[name] = median_ms(lambda s=state: change(s), runs,
                                  before=before or (lambda: None))
        shown = len(event_filter.indices(state))
        print(f"filter {name:<20} {results[name]:7.1f} ms  ({shown} shown)")
    hits = [columns.ids[i] for i in event_filter.indices(FilterState(text="ministerial"))]
    indexed = EventFilter(corpus, search=lambda _text: hits, columns=columns)
    ms = median_ms(lambda: order.rows(indexed.indices(FilterState(text="ministerial")), 0,
                                      False), runs)
    print(f"filter {'text, from an index':<20} {ms:7.1f} ms  ({len(hits)} ids handed back)")
    return results["text, first word"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} python={sys.version.split()[0]}")
    start = time.perf_counter()
    corpus = synthetic_corpus(args.events)
    print(f"corpus: {len(corpus.events)} events, {len(corpus.documents)} documents "
          f"(made in {time.perf_counter() - start:.1f} s)")
    columns, order = bench_columns(corpus, args.runs)
    sort_ms = bench_sorts(order, args.runs)
    filter_ms = bench_filters(corpus, columns, order, args.runs)
    start = time.perf_counter()
    build_index(corpus.events, corpus.documents)
    print(f"canvas index     {(time.perf_counter() - start) * 1000:9.1f} ms  (build_index, "
          "all events, once)")
    print(f"table: events={len(corpus.events)} sort_ms={sort_ms:.1f} filter_ms={filter_ms:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
