"""Speed and memory of the whole pipeline on degenerate input.

    .venv/bin/python benchmarks/bench_hostile.py [--sizes 256 1024] [--only NAME...]

Each shape of ``hostile_shapes.py`` (text) and a few HTML page shapes are
written to a file at each size (in KB) and run through the whole pipeline
(read, tag, split, title, merge) in a fresh child process, which reports
its time and its peak resident memory. One line per shape; the last line is

    hostile: shapes=<n> worst_mb_s=<x> worst_shape=<name> worst_rss_mb=<mb>

A child process per run keeps one shape's memory from hiding another's and
lets the worst peak be read per file, as a user opening that file would see
it. Times are wall-clock medians of three runs (one at the largest size),
on an unpinned, possibly shared machine: compare shapes within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_shapes import HTML_SHAPES, SHAPES

KB = 1024

CHILD = """
import json, resource, statistics, sys, time
from timeline.pipeline import extract_corpus
path, warm, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
extract_corpus([warm])  # imports and compiled patterns: paid once per process, not per file
times = []
for _ in range(runs):
    start = time.perf_counter()
    corpus = extract_corpus([path])
    times.append(time.perf_counter() - start)
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": statistics.median(times), "rss_mb": rss_kb / 1024,
                  "events": len(corpus.events), "problems": len(corpus.problems)}))
"""


def run_child(path: Path, runs: int) -> dict[str, float]:
    """Time the pipeline on ``path`` in a fresh interpreter, after a warm-up
    on a small file of the same format."""
    warm = path.with_name("warm-up" + path.suffix)
    warm.write_text("<p>The summit met in Bali on 5 May 2010.</p>\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", CHILD, str(path), str(warm), str(runs)],
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    figures: dict[str, float] = json.loads(result.stdout)
    return figures


def measure(name: str, make: Callable[[int], str], suffix: str, sizes: list[int],
            folder: Path) -> tuple[float, float]:
    """Print one line for a shape; return its worst MB/s and peak MB."""
    rates, peaks, cells = [], [], []
    for size in sizes:
        path = folder / f"{name}-{size}{suffix}"
        path.write_text(make(size * KB), encoding="utf-8")
        megabytes = path.stat().st_size / (KB * KB)
        figures = run_child(path, runs=1 if size == max(sizes) else 3)
        rate = megabytes / figures["seconds"]
        rates.append(rate)
        peaks.append(figures["rss_mb"])
        cells.append(f"{size:>5} KB {rate:6.2f} MB/s {figures['rss_mb']:6.0f} MB "
                     f"{int(figures['events']):>6} events")
    print(f"{name:24s} " + " | ".join(cells), flush=True)
    return min(rates), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 1024], metavar="KB")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these shapes")
    args = parser.parse_args()
    shapes = [(name, make, ".txt") for name, make in SHAPES.items()]
    shapes += [(name, make, ".html") for name, make in HTML_SHAPES.items()]
    if args.only:
        shapes = [shape for shape in shapes if shape[0] in args.only]
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="timeline-hostile-") as folder:
        for name, make, suffix in shapes:
            results[name] = measure(name, make, suffix, args.sizes, Path(folder))
    worst = min(results, key=lambda name: results[name][0])
    rss = max(peak for _, peak in results.values())
    print(f"median over shapes: {statistics.median(r for r, _ in results.values()):.2f} MB/s")
    print(f"hostile: shapes={len(results)} worst_mb_s={results[worst][0]:.2f} "
          f"worst_shape={worst} worst_rss_mb={rss:.0f}")


if __name__ == "__main__":
    main()
