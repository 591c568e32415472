"""Canvas: index build time and paint time per frame while panning, for synthetic
corpora of 10k, 100k and 1M events (offscreen).

Events are generated straight into columns (no Event objects), spread over
1900-2020 with a mix of days, day ranges and imprecise spans, in 40 lanes.
For each size and zoom (whole corpus, ten years, one year) the view pans 2% per
frame and each frame is painted synchronously; the median and 95th percentile
of the paint time are printed.

    .venv/bin/python benchmarks/bench_canvas.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timeline.index import (
    KIND_CODES,
    SECONDS_PER_DAY,
    EventColumns,
    LaneAssignment,
    Shape,
    TimelineIndex,
    importance,
    seconds,
)

YEAR = 365.25 * SECONDS_PER_DAY
LANES = 40
FRAMES = 40


def synthetic_index(n: int, seed: int = 7) -> TimelineIndex:
    """An index of ``n`` random events across 120 years in ``LANES`` lanes."""
    from datetime import date

    rng = np.random.default_rng(seed)
    t0 = seconds(date(1900, 1, 1))
    days = np.floor(rng.uniform(0, 120 * 365.25, n))
    shape = rng.choice([Shape.POINT, Shape.RANGE, Shape.IMPRECISE], n, p=[0.6, 0.15, 0.25])
    width = np.where(shape == Shape.POINT, 1,
                     np.where(shape == Shape.RANGE, rng.integers(2, 6, n),
                              rng.choice([30, 91, 365], n)))
    start = t0 + days * SECONDS_PER_DAY
    gran = np.where(shape == Shape.IMPRECISE, 5, 0).astype(np.int8)
    columns = EventColumns(
        start=start, end=start + width * SECONDS_PER_DAY, shape=shape.astype(np.int8),
        granularity=gran, approximate=rng.random(n) < 0.05, relative=np.zeros(n, bool),
        kind=rng.integers(0, len(KIND_CODES), n).astype(np.int8),
        weight=importance(rng.integers(1, 4, n).astype(np.float32), gran),
        titles=[f"Synthetic event number {i}" for i in range(n)])
    lanes = LaneAssignment(np.arange(n, dtype=np.int32),
                           rng.integers(0, LANES, n).astype(np.int32),
                           tuple(f"lane{i}" for i in range(LANES)),
                           tuple(f"Lane {i}" for i in range(LANES)), (None,) * LANES)
    return TimelineIndex(columns, lanes)


def pan_frames(canvas, app, width_s: float) -> list[float]:
    """Paint times (ms) while panning a view ``width_s`` wide across the data."""
    lo, _hi = canvas.index.extent()
    canvas.set_range(lo, lo + width_s)
    app.processEvents()
    times = []
    for _ in range(FRAMES):
        canvas.pan(0.02)
        app.processEvents()
        start = time.perf_counter()
        canvas.view.viewport().repaint()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from timeline.gui.canvas import TimelineCanvas

    app = QApplication.instance() or QApplication([sys.argv[0]])
    canvas = TimelineCanvas()
    canvas.resize(1400, 700)
    canvas.show()
    print(f"{'events':>9} {'build s':>8} {'view':>10} {'median ms':>10} {'p95 ms':>8} {'fps':>6}")
    for n in args.sizes:
        start = time.perf_counter()
        index = synthetic_index(n)
        build = time.perf_counter() - start
        canvas.set_index(index)
        for label, width in (("all", 130 * YEAR), ("10 years", 10 * YEAR), ("1 year", YEAR)):
            times = pan_frames(canvas, app, width)
            median = statistics.median(times)
            p95 = sorted(times)[int(len(times) * 0.95) - 1]
            print(f"{n:>9} {build:>8.2f} {label:>10} {median:>10.2f} {p95:>8.2f} "
                  f"{1000 / median:>6.0f}")
            build = float("nan")
    canvas.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
