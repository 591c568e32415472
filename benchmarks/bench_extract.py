"""Extraction speed: the pipeline beside datefinder and dateparser on the same text.

    .venv/bin/python benchmarks/bench_extract.py [--mb 20] [--runs 5] [--slice-kb 500] [--rounds 7]

Builds a corpus of seed-sized documents by shuffling the seed statements'
sentences (fixed random seed, written to a fresh temporary folder so that two
runs never share files), then prints two sets of figures.

1. The whole pipeline on the whole corpus (``--mb``), as the median of
   ``--runs`` runs: ``corpus_from_documents`` over Documents already in
   memory, ``extract_corpus`` over the files (reading included), one run of
   each stage, and peak resident memory. Nothing else is timed here.

2. The comparison, on one slice of the corpus (its first documents, up to
   ``--slice-kb``): ``corpus_from_documents``, ``datefinder.find_dates`` and
   ``dateparser.search.search_dates`` each go over the same documents, in
   ``--rounds`` interleaved rounds (ours, datefinder, dateparser, ours, ...),
   so that a change in the machine's load falls on every side, not on one. Each side's
   MB/s is the median over rounds; each ratio is the median of the per-round
   ratios, with their lowest and highest. What each side found is printed so
   the counts can be compared. The pipeline does more per byte than the other
   two (sentences, events, titles), and its count includes expressions it
   found but could not place on the timeline.

datefinder and dateparser are optional bench dependencies
(``pip install -e '.[bench]'``); without them the pipeline's own figures are
still printed. No CPU pinning: the machine's CPU count and load average are
printed first, so a busy machine shows. The last line is

    extract: mb_s=<x> vs_datefinder=<r> (<lo>-<hi>) vs_dateparser=<r> (<lo>-<hi>) slice_kb=<n>

where ``mb_s`` is the pipeline's median MB/s on the slice and each ``r`` is
ours/theirs, with the lowest and highest per-round ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from timeline.dates.docdate import document_date
from timeline.dates.temporal import find_times
from timeline.events.build import build_events
from timeline.events.sentences import split_sentences
from timeline.model import Corpus, Document
from timeline.pipeline import analyse_document, corpus_from_documents, extract_corpus

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"
GOAL_MB_S = 5.0
RANDOM_SEED = 20130322
REFERENCE = datetime(2013, 3, 22)
"""Anchor for relative dates given to datefinder and dateparser."""
MB = 1_000_000
KB = 1000
INSTALL_HINT = "pip install -e '.[bench]'"


# --- the corpus -------------------------------------------------------------

def seed_material(folder: Path) -> tuple[list[str], list[int]]:
    """The seeds' sentences and each seed's size in characters."""
    sentences: list[str] = []
    sizes: list[int] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        sizes.append(len(text))
        sentences += [text[s:e] for s, e in split_sentences(text)]
    if not sentences:
        raise SystemExit(f"bench_extract: no seed sentences in {folder}")
    return sentences, sizes


def build_texts(total_bytes: int, rng: random.Random) -> list[str]:
    """Documents of seed-like size made of shuffled seed sentences, adding up
    to at least ``total_bytes`` of UTF-8."""
    sentences, sizes = seed_material(SEEDS)
    texts: list[str] = []
    written = 0
    while written < total_bytes:
        text = one_document(sentences, rng.choice(sizes), rng)
        texts.append(text)
        written += len(text.encode("utf-8"))
    return texts


def one_document(sentences: Sequence[str], size: int, rng: random.Random) -> str:
    """Random sentences joined as the seeds join them: spaces, line breaks, paragraphs."""
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = rng.choice(sentences)
        parts.append(sentence)
        parts.append(rng.choice((" ", "\n", "\n\n")))
        length += len(sentence) + 1
    return "".join(parts)


def write_texts(texts: Sequence[str], folder: Path) -> list[Path]:
    """Write the corpus into ``folder``, one file per document."""
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"doc{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def in_memory_documents(texts: Sequence[str]) -> list[Document]:
    """Documents as the readers would make them (title, own date), but never read."""
    return [Document(f"doc{i:05d}", f"doc{i:05d}.txt", text.split("\n", 1)[0][:90],
                     document_date(text), text)
            for i, text in enumerate(texts)]


def first_documents(texts: Sequence[str], limit: int) -> list[str]:
    """The corpus's first whole documents, up to ``limit`` bytes of UTF-8
    (at least one)."""
    kept: list[str] = []
    used = 0
    for text in texts:
        size = len(text.encode("utf-8"))
        if kept and used + size > limit:
            break
        kept.append(text)
        used += size
    return kept


# --- the machine ------------------------------------------------------------

def machine_line() -> str:
    """CPUs and load average, so that a busy machine is visible in the output."""
    cpus = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    try:
        load = "load average {:.2f} {:.2f} {:.2f} (1, 5, 15 min)".format(*os.getloadavg())
    except (AttributeError, OSError):
        load = "load average unknown"
    return (f"machine: {cpus} CPUs ({usable} usable by this process, not pinned), {load}; "
            f"Python {sys.version.split()[0]}")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024) / MB


# --- part 1: the whole pipeline on the whole corpus -------------------------

def timed(fn: Callable[[], Corpus], runs: int) -> tuple[float, Corpus]:
    """Median wall time of ``runs`` calls and the last result."""
    times: list[float] = []
    result = Corpus()
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def stage_rates(documents: Sequence[Document], size: int) -> str:
    """MB/s of the pipeline's stages, one run each: where the time goes."""
    start = time.perf_counter()
    for doc in documents:
        find_times(doc.text, doc.date)
    tagged = time.perf_counter()
    mentions = [m for doc in documents for m in analyse_document(doc).mentions]
    analysed = time.perf_counter()
    build_events(documents, mentions)
    built = time.perf_counter()
    return (f"  stages (one run each): find_times {size / MB / (tagged - start):.1f} MB/s, "
            f"analyse_document (tags + sentences) {size / MB / (analysed - tagged):.1f} MB/s, "
            f"build_events {size / MB / (built - analysed):.1f} MB/s")


def rate_line(label: str, seconds: float, size: int, corpus: Corpus) -> str:
    mentions = sum(len(e.mentions) for e in corpus.events)
    return (f"  {label:32}{size / MB / seconds:8.2f} MB/s {len(corpus.events) / seconds:10.0f} "
            f"events/s  ({seconds:.2f} s; {len(corpus.events)} events, {mentions} mentions, "
            f"{len(corpus.unplaced)} unplaced)")


def whole_pipeline(texts: Sequence[str], folder: Path, runs: int) -> None:
    """Part 1: every timing of the pipeline alone, with the corpus written to ``folder``."""
    size = sum(p.stat().st_size for p in write_texts(texts, folder))
    print(f"\n1. whole pipeline on the whole corpus: {len(texts)} documents, "
          f"{size / MB:.1f} MB, median of {runs} runs")
    documents = in_memory_documents(texts)
    rss_before = peak_rss_mb()
    seconds, corpus = timed(lambda: corpus_from_documents(documents), runs)
    print(rate_line("documents in memory", seconds, size, corpus))
    file_seconds, file_corpus = timed(lambda: extract_corpus([folder]), runs)
    print(rate_line("extract_corpus, reading files", file_seconds, size, file_corpus))
    print(stage_rates(documents, size))
    goal = "met" if size / MB / file_seconds >= GOAL_MB_S else "NOT met"
    print(f"  goal: >= {GOAL_MB_S:.0f} MB/s for the whole pipeline (files): {goal}")
    print(f"  peak RSS: {peak_rss_mb():.0f} MB (before extraction {rss_before:.0f} MB)")


# --- part 2: the same slice, three extractors, interleaved -------------------

@dataclass
class Side:
    """One extractor in the comparison: how to run it over the slice, and its rounds."""

    label: str
    run: Callable[[], tuple[int, str]]
    """Goes over the whole slice once; returns (dates found, how they break down)."""
    seconds: list[float] = field(default_factory=list)
    found: int = 0
    detail: str = ""

    def one_round(self) -> None:
        start = time.perf_counter()
        self.found, self.detail = self.run()
        self.seconds.append(time.perf_counter() - start)

    def rates(self, size: int) -> list[float]:
        return [size / MB / s for s in self.seconds]


def ours_side(texts: Sequence[str]) -> Side:
    """The pipeline over the slice as Documents in memory."""
    documents = in_memory_documents(texts)

    def run() -> tuple[int, str]:
        corpus = corpus_from_documents(documents)
        placed = sum(len(e.mentions) for e in corpus.events)
        unplaced = len(corpus.unplaced)
        return placed + unplaced, (f"date expressions ({placed} placed on the timeline, "
                                   f"{unplaced} unplaced; {len(corpus.events)} events)")

    return Side("pipeline (corpus_from_documents)", run)


def datefinder_side(texts: Sequence[str]) -> Side | None:
    """``datefinder.find_dates`` over each document, every date it yields."""
    try:
        import datefinder
    except ImportError:
        return None
    engine = os.environ.get("DATEFINDER_DEFAULT_ENGINE", "v2")

    def run() -> tuple[int, str]:
        found = failed = 0
        for text in texts:
            try:
                for _ in datefinder.find_dates(text, base_date=REFERENCE):
                    found += 1
            except Exception:  # its fault on one document: count it, go on
                failed += 1
        return found, f"dates (datetimes yielded{failing(failed)})"

    label = f"datefinder.find_dates {version('datefinder')} ({engine})"
    return Side(label, run)


def dateparser_side(texts: Sequence[str]) -> Side | None:
    """``dateparser.search.search_dates`` over each document, English only, so
    that no time goes to guessing the language."""
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    settings = {"RELATIVE_BASE": REFERENCE}

    def run() -> tuple[int, str]:
        found = failed = 0
        for text in texts:
            try:
                found += len(search_dates(text, languages=["en"], settings=settings) or ())
            except Exception:  # its fault on one document: count it, go on
                failed += 1
        return found, f"dates ((text, datetime) pairs{failing(failed)})"

    label = f"dateparser.search_dates {version('dateparser')}"
    return Side(label, run)


def failing(failed: int) -> str:
    return f"; raised on {failed} documents" if failed else ""


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


@dataclass(frozen=True)
class Ratio:
    median: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.median:.1f} ({self.low:.1f}-{self.high:.1f})"


def ratio(ours: Side, other: Side | None) -> Ratio | None:
    """Ours/other throughput per round (their time over ours on the same bytes)."""
    if other is None:
        return None
    per_round = [o / s for s, o in zip(ours.seconds, other.seconds, strict=True)]
    return Ratio(statistics.median(per_round), min(per_round), max(per_round))


def compare(texts: Sequence[str], slice_kb: int,
            rounds: int) -> tuple[float, dict[str, Ratio | None], int]:
    """Part 2: time the three extractors on one slice; returns our median MB/s,
    the ratios and the slice's size in KB."""
    part = first_documents(texts, slice_kb * KB)
    size = sum(len(t.encode("utf-8")) for t in part)
    print(f"\n2. the same slice for every extractor: the corpus's first {len(part)} documents, "
          f"{size / KB:.0f} KB; {rounds} rounds, interleaved in this order:")
    with warnings.catch_warnings():
        # dateparser's own deprecation notices are not ours to report here.
        warnings.simplefilter("ignore")
        ours = ours_side(part)
        finder = datefinder_side(part)
        parser = dateparser_side(part)
        sides = [s for s in (ours, finder, parser) if s is not None]
        warm_up(part)
        for _ in range(rounds):
            for side in sides:
                side.one_round()
    width = max(len(s.label) for s in sides)
    for side in sides:
        rates = side.rates(size)
        print(f"  {side.label:{width}} {statistics.median(rates):7.3f} MB/s "
              f"({min(rates):.3f}-{max(rates):.3f}; {statistics.median(side.seconds):.3f} s "
              f"a round)  found {side.found} {side.detail}")
    for name, other in (("datefinder", finder), ("dateparser", parser)):
        if other is None:
            print(f"  {name}: not installed ({INSTALL_HINT}), comparison skipped")
    ratios = {"datefinder": ratio(ours, finder), "dateparser": ratio(ours, parser)}
    for name, r in ratios.items():
        if r is not None:
            print(f"  ours/{name}: {r.median:.1f}x, median of the per-round ratios "
                  f"(lowest {r.low:.1f}x, highest {r.high:.1f}x)")
    return statistics.median(ours.rates(size)), ratios, round(size / KB)


def warm_up(texts: Sequence[str]) -> None:
    """One untimed pass of each extractor over the slice's first document, so
    that lazy imports, language data and caches are loaded before the clock
    starts."""
    for make in (ours_side, datefinder_side, dateparser_side):
        side = make(texts[:1])
        if side is not None:
            side.run()


# --- main ---------------------------------------------------------------------

def summary(mb_s: float, ratios: dict[str, Ratio | None], slice_kb: int) -> str:
    def cell(r: Ratio | None) -> str:
        return "n/a" if r is None else str(r)

    return (f"extract: mb_s={mb_s:.2f} vs_datefinder={cell(ratios['datefinder'])} "
            f"vs_dateparser={cell(ratios['dateparser'])} slice_kb={slice_kb}")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, time everything, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0,
                        help="corpus size in MB for the whole-pipeline figures (default 20)")
    parser.add_argument("--runs", type=int, default=5,
                        help="timed runs of the whole pipeline, median kept (default 5)")
    parser.add_argument("--slice-kb", type=int, default=500,
                        help="slice of the corpus given to every extractor for the "
                             "comparison, in KB (default 500)")
    parser.add_argument("--rounds", type=int, default=7,
                        help="interleaved rounds of the comparison (default 7)")
    args = parser.parse_args(argv)
    if min(args.runs, args.slice_kb, args.rounds) < 1 or args.mb <= 0:
        parser.error("--mb, --runs, --slice-kb and --rounds must be positive")
    print(machine_line())
    texts = build_texts(int(args.mb * MB), random.Random(RANDOM_SEED))
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        whole_pipeline(texts, Path(scratch), args.runs)
    mb_s, ratios, slice_kb = compare(texts, args.slice_kb, args.rounds)
    print(f"\n{machine_line()} (at the end)")
    print(summary(mb_s, ratios, slice_kb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
