"""Throughput of the whole extraction pipeline on one core.

    .venv/bin/python benchmarks/bench_extract.py [--mb 20] [--runs 5]

Builds a corpus of several hundred seed-sized documents by shuffling the seed
statements' sentences (fixed random seed, written to a fresh temporary folder
so that two runs never share files),
then times, as the median of several runs:

* ``corpus_from_documents`` over Documents already in memory;
* ``extract_corpus`` over the files, reading included;
* ``dateparser.search.search_dates`` on a small slice, for comparison (it is
  an optional bench dependency: ``pip install -e '.[bench]'``).
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
from datetime import datetime
from pathlib import Path

from timeline.extract.docdate import document_date
from timeline.extract.events import build_events
from timeline.extract.sentences import split_sentences
from timeline.extract.temporal import find_times
from timeline.model import Corpus, Document
from timeline.pipeline import analyse_document, corpus_from_documents, extract_corpus

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"
GOAL_MB_S = 5.0
RANDOM_SEED = 20130322
MB = 1_000_000


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
    return (f"stages (one run each): find_times {size / MB / (tagged - start):.1f} MB/s, "
            f"analyse_document (tags + sentences) {size / MB / (analysed - tagged):.1f} MB/s, "
            f"build_events {size / MB / (built - analysed):.1f} MB/s")


def dateparser_seconds(texts: Sequence[str], limit: int) -> tuple[float, int, int]:
    """Time ``search_dates`` over whole documents up to ``limit`` bytes;
    returns (seconds, bytes, dates found)."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(2013, 3, 22)}
    search_dates("Warm up on 12 October 2011.", languages=["en"], settings=settings)
    used, found, elapsed = 0, 0, 0.0
    for text in texts:
        if used >= limit:
            break
        start = time.perf_counter()
        hits = search_dates(text, languages=["en"], settings=settings)
        elapsed += time.perf_counter() - start
        used += len(text.encode("utf-8"))
        found += len(hits or ())
    return elapsed, used, found


def pin_to_one_core() -> str:
    """Run on a single CPU so the figure means one core's throughput."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak * (1 if sys.platform == "darwin" else 1024) / MB


def rate_line(label: str, seconds: float, size: int, corpus: Corpus) -> str:
    mentions = sum(len(e.mentions) for e in corpus.events)
    return (f"{label:34}{size / MB / seconds:8.2f} MB/s {len(corpus.events) / seconds:10.0f} "
            f"events/s  ({seconds:.2f} s; {len(corpus.events)} events, {mentions} mentions, "
            f"{len(corpus.unplaced)} unplaced)")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, time everything, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs, median kept (default 5)")
    parser.add_argument("--dateparser-kb", type=int, default=200,
                        help="slice given to dateparser, in KB (default 200)")
    args = parser.parse_args(argv)
    print(f"one core: {pin_to_one_core()}")
    texts = build_texts(int(args.mb * MB), random.Random(RANDOM_SEED))
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        run_all(texts, Path(scratch), args)
    return 0


def run_all(texts: Sequence[str], folder: Path, args: argparse.Namespace) -> None:
    """Every timing, with the corpus written to ``folder``."""
    size = sum(p.stat().st_size for p in write_texts(texts, folder))
    print(f"corpus: {len(texts)} documents, {size / MB:.1f} MB")
    documents = in_memory_documents(texts)
    rss_before = peak_rss_mb()
    seconds, corpus = timed(lambda: corpus_from_documents(documents), args.runs)
    print(rate_line("pipeline, documents in memory", seconds, size, corpus))
    file_seconds, file_corpus = timed(lambda: extract_corpus([folder]), args.runs)
    print(rate_line("extract_corpus, reading files", file_seconds, size, file_corpus))
    print(stage_rates(documents, size))
    goal = "met" if size / MB / file_seconds >= GOAL_MB_S else "NOT met"
    print(f"goal: >= {GOAL_MB_S:.0f} MB/s for the whole pipeline (files): {goal}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (before extraction {rss_before:.0f} MB, "
          f"median of {args.runs} runs each)")
    print_dateparser(texts, args.dateparser_kb * 1000, size / MB / seconds)


def print_dateparser(texts: Sequence[str], limit: int, our_rate: float) -> None:
    """Time dateparser on a slice and print how far behind (or ahead) it is."""
    try:
        with warnings.catch_warnings():
            # Its own deprecation notices are not ours to report here.
            warnings.simplefilter("ignore")
            seconds, used, found = dateparser_seconds(texts, limit)
    except ImportError:
        print("dateparser: not installed (pip install -e '.[bench]'), comparison skipped")
        return
    rate = used / MB / seconds
    print(f"dateparser.search.search_dates on {used / 1000:.0f} KB: {rate:.3f} MB/s "
          f"({seconds:.1f} s, {found} dates); the pipeline is {our_rate / rate:.0f}x faster")


if __name__ == "__main__":
    sys.exit(main())
