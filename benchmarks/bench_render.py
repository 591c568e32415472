"""Frame times of the timeline canvas at a million events, against plain pyqtgraph.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_render.py [EVENTS]

Renders offscreen at 1600x900 a sweep of zoom and pan steps from a century
down to a single day, over a generated collection (the one ``timeline --demo``
opens, as columns: 20 lanes over a century, bursts over an even background).
Each step is timed as a complete frame: ``grab()`` paints the whole graphics
view, axis included, into a new image (the median of three grabs per step,
for both sides; on our side the view inside the canvas widget, as the
baseline's PlotWidget is one such view). Our canvas lays out tiles in a
worker thread; a first pass over the sweep, before the baseline exists,
measures that wait (what a user sees as titles appearing after a zoom) and
the process's peak memory with our canvas alone (``rss_mb``); a filter
change at a million events is timed to its first painted frame and to the
settled one.

The baseline is the same sweep, interleaved step by step in the same run, in a
pyqtgraph PlotWidget holding every event in one ScatterPlotItem (x: middle
of the event, y: its lane), the usual way to plot many points with pyqtgraph.

The last line is:
    render: events=N frame_ms_median=.. frame_ms_p95=.. baseline_ms_median=.. speedup=.. rss_mb=..
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from datetime import date

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timeline.index import (
    KIND_CODES,
    SECONDS_PER_DAY,
    EventColumns,
    LaneAssignment,
    Shape,
    TimelineIndex,
    seconds,
)

SIZE = (1600, 900)
LANES = 20
YEARS = 100
STEPS = 36


def generated_index(n: int, seed: int = 1, lanes: int = LANES) -> TimelineIndex:
    """``n`` events over a century in ``lanes`` lanes, made as columns."""
    rng = np.random.default_rng(seed)
    first = seconds(date(1926, 1, 1))
    span_days = YEARS * 365
    even = rng.integers(0, span_days, n)
    centres = rng.integers(0, span_days, 30)
    burst = centres[rng.integers(0, 30, n)] + rng.normal(0, 240, n).astype(np.int64)
    days = np.clip(np.where(rng.random(n) < 0.6, even, burst), 0, span_days - 1)
    shape = rng.choice([Shape.POINT, Shape.RANGE, Shape.IMPRECISE], n, p=[0.68, 0.05, 0.27])
    width = np.where(shape == Shape.POINT, 1,
                     np.where(shape == Shape.RANGE, rng.integers(2, 6, n),
                              rng.choice([30, 91, 365], n)))
    start = first + days * SECONDS_PER_DAY
    gran = np.where(shape == Shape.IMPRECISE, 3, 0).astype(np.int8)
    titles = [f"Regional ministers met on border management ({i})" for i in range(n)]
    columns = EventColumns(
        start=start, end=start + width * SECONDS_PER_DAY, shape=shape.astype(np.int8),
        granularity=gran, approximate=rng.random(n) < 0.05, relative=np.zeros(n, bool),
        kind=rng.integers(0, len(KIND_CODES), n).astype(np.int8),
        mentions=rng.integers(1, 4, n).astype(np.int32), titles=titles)
    assignment = LaneAssignment(np.arange(n, dtype=np.int32),
                                rng.integers(0, lanes, n).astype(np.int32),
                                tuple(f"report-{i}" for i in range(lanes)),
                                tuple(f"Generated report {i + 1}" for i in range(lanes)),
                                (None,) * lanes,
                                tuple(f"demo/report-{i}.txt" for i in range(lanes)))
    return TimelineIndex(columns, assignment)


def sweep(ix: TimelineIndex) -> list[tuple[float, float]]:
    """Zoom from the whole century down to a day around a busy moment, with a
    few pans at each scale."""
    lo, hi = ix.extent()
    focus = float(np.median(ix.mid))
    steps = []
    widths = np.geomspace(hi - lo, SECONDS_PER_DAY, STEPS // 2)
    for i, width in enumerate(widths):
        steps.append((focus - width / 2, focus + width / 2))
        shift = width * (0.3 if i % 2 else -0.3)
        steps.append((focus - width / 2 + shift, focus + width / 2 + shift))
    return steps


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_grab(widget, repeats: int = 3) -> float:
    """Median ms of ``repeats`` complete paints of ``widget`` into new images."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        widget.grab()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def filter_change_ms(canvas, app, ix: TimelineIndex, share: float, seed: int = 5):
    """A filter keeping ``share`` of the events: ms to a first painted frame
    (cut the index, install it, paint) and to the settled frame."""
    keep = np.random.default_rng(seed).random(len(ix.columns)) < share
    start = time.perf_counter()
    canvas.set_index(ix.subset(keep), fit=False, filtered=True)
    canvas.grab()
    first = (time.perf_counter() - start) * 1000
    canvas.settle()
    canvas.grab()
    return first, (time.perf_counter() - start) * 1000


def pan_ms(app, lanes: int, events: int = 100_000, frames: int = 24) -> float:
    """Median ms per complete frame while panning a one-year view across
    ``events`` spread over ``lanes`` lanes (the lanes in view are the same
    number either way: the rest must cost nothing)."""
    from timeline.gui.canvas import TimelineCanvas

    ix = generated_index(events, seed=3, lanes=lanes)
    canvas = TimelineCanvas()
    canvas.resize(*SIZE)
    canvas.show()
    canvas.set_index(ix)
    app.processEvents()
    start = float(np.median(ix.mid))
    year = 365 * SECONDS_PER_DAY
    canvas.scroll_rows(canvas.lanes.total_rows / 2)  # lanes from the middle of the list
    times = []
    for k in range(frames):
        canvas.set_range(start + k * year / 8, start + k * year / 8 + year)
        app.processEvents()
        canvas.settle()
        times.append(timed_grab(canvas.view, 1))
    canvas.item.cache.close()
    canvas.close()
    return statistics.median(times)


def main(n: int = 1_000_000) -> int:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from timeline.gui import qt_compat  # noqa: F401
    from timeline.gui.canvas import TimelineCanvas

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ix = generated_index(n)
    ours = TimelineCanvas()
    ours.resize(*SIZE)
    ours.show()
    ours.set_index(ix)
    steps = sweep(ix)
    waits = []
    for t0, t1 in steps:  # a first pass alone: layout waits, and our memory alone
        start = time.perf_counter()
        ours.set_range(t0, t1)
        app.processEvents()
        ours.settle()
        waits.append((time.perf_counter() - start) * 1000)
    ours_rss = rss_mb()
    few, many = pan_ms(app, 10), pan_ms(app, 10_000)
    filters = [filter_change_ms(ours, app, ix, share) for share in (0.5, 0.1, 0.5, 0.1)]
    ours.set_index(ix, fit=False)
    base = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
    base.resize(*SIZE)
    scatter = pg.ScatterPlotItem(x=ix.mid, y=ix.lane + np.random.default_rng(2).random(len(ix)),
                                 size=9, pen=None, brush=pg.mkBrush(0, 114, 178, 200))
    base.addItem(scatter)
    base.setYRange(0, LANES)
    base.show()
    app.processEvents()
    ours_ms, base_ms = [], []
    for t0, t1 in steps:
        ours.set_range(t0, t1)
        app.processEvents()
        ours.settle()
        ours_ms.append(timed_grab(ours.view))
        base.setXRange(t0, t1, padding=0)
        app.processEvents()
        base_ms.append(timed_grab(base))
        print(f"  {(t1 - t0) / SECONDS_PER_DAY:12.2f} days  ours {ours_ms[-1]:7.1f} ms  "
              f"baseline {base_ms[-1]:8.1f} ms", flush=True)
    ratios = [b / o for o, b in zip(ours_ms, base_ms, strict=True)]
    p95 = float(np.percentile(ours_ms, 95))
    q1, q3 = np.percentile(ratios, [25, 75])
    print(f"speed-up per step: median {statistics.median(ratios):.1f} "
          f"(quartiles {q1:.1f}-{q3:.1f}); layout wait after a zoom: median "
          f"{statistics.median(waits):.1f} ms, max {max(waits):.1f} ms")
    print("filter change (keep 50% / 10%, twice): to the first frame "
          + ", ".join(f"{a:.0f}" for a, _ in filters) + " ms; to the settled frame "
          + ", ".join(f"{b:.0f}" for _, b in filters) + " ms")
    print(f"panning 100,000 events in 10 lanes: {few:.1f} ms a frame; in 10,000 lanes: "
          f"{many:.1f} ms a frame")
    print(f"peak RSS with our canvas alone {ours_rss:.0f} MB; with the baseline too "
          f"{rss_mb():.0f} MB")
    print(f"render: events={n} frame_ms_median={statistics.median(ours_ms):.1f} "
          f"frame_ms_p95={p95:.1f} baseline_ms_median={statistics.median(base_ms):.1f} "
          f"speedup={statistics.median(base_ms) / statistics.median(ours_ms):.1f} "
          f"rss_mb={ours_rss:.0f}")
    ours.item.cache.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
