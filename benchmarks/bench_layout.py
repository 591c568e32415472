"""What the canvas shows at six zoom levels: titles whole, nothing overlapping.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_layout.py

Lays out the bundled seeds and a generated collection of 3,000 events in 200
documents at 1600x900, at the full view and five zoom levels towards the
busiest moment, and prints per level: events in view, titles drawn (whole),
titles cut (drawn narrower than the title, or past the view's edge: must be
0), overlapping titles (must be 0), overlapping axis labels, cluster badges
drawn, and the time to lay out the view's tiles from scratch. The last line is:

    layout: events=N levels=K labels_cut=0 labels_overlapping=0
            tick_labels_overlapping=0 layout_ms_max=..  (on one line)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timeline.demo import demo_corpus
from timeline.index import build_index
from timeline.layout import lay_out_tile, level_of, tiles_over
from timeline.pipeline import extract_corpus

SIZE = (1600, 900)
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ZOOMS = 5


def overlaps(rects: list) -> int:
    """Pairs of rectangles that share more than a hairline."""
    count = 0
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            inter = a.intersected(b)
            if inter.width() > 0.5 and inter.height() > 0.5:
                count += 1
    return count


def axis_rects(axis) -> list:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF

    out = []
    for _row, text, font, origin in axis.drawn:
        metrics = QFontMetricsF(font)
        out.append(QRectF(origin.x(), origin.y() - metrics.ascent(),
                          metrics.horizontalAdvance(text), metrics.height()))
    return out


def layout_ms(canvas) -> float:
    """Time to lay out, from scratch, every tile the current view needs."""
    item = canvas.item
    t0, t1 = canvas.view_range()
    per_px = (t1 - t0) / max(canvas.vb.width(), 1.0)
    level = level_of(per_px)
    margin = (item.geometry.max_label + 20) * per_px
    start = time.perf_counter()
    for tile in tiles_over(level, t0 - margin, t1 + margin):
        lay_out_tile(canvas.index, level, tile, canvas.lanes.rows, item._widths, item.geometry)
    return (time.perf_counter() - start) * 1000


def measure(name: str, corpus, app) -> list[dict]:
    from PySide6.QtGui import QFontMetricsF

    from timeline.gui.canvas import TimelineCanvas

    canvas = TimelineCanvas()
    canvas.resize(*SIZE)
    canvas.show()
    canvas.set_index(build_index(corpus.events, corpus.documents))
    app.processEvents()
    full = canvas.view_range()
    focus = float(np.median(canvas.index.mid))
    rows = []
    for step in range(ZOOMS + 1):
        width = (full[1] - full[0]) / (4 ** step)
        if step:
            canvas.set_range(focus - width / 2, focus + width / 2)
        app.processEvents()
        canvas.settle()
        canvas.grab()  # a complete paint: the labels and axis text of this view
        item = canvas.item
        metrics = QFontMetricsF(item._font)
        bold = QFontMetricsF(item._bold)
        frame = item.frame
        cut = 0
        for label in item.labels:
            event = int(canvas.index.event[label.item])
            title = " ".join(canvas.index.columns.titles[event].split())
            whole = max(metrics.horizontalAdvance(title), 0.0)
            if event == item.selected_event:
                whole = bold.horizontalAdvance(title)
            if label.rect.width() + 1.5 < whole or label.rect.left() < frame.left - 0.5 or \
                    label.rect.right() > frame.right + 0.5:
                cut += 1
        rows.append({
            "set": name, "days": width / 86400, "events": len(canvas.visible_events()),
            "labels": len(item.labels), "cut": cut,
            "overlapping": overlaps([label.rect for label in item.labels]),
            "ticks_overlapping": overlaps(axis_rects(canvas.axis)),
            "clusters": len(frame.badges), "strips": len(frame.strips),
            "layout_ms": layout_ms(canvas),
        })
        r = rows[-1]
        print(f"{name:10} {r['days']:10.1f} days  events {r['events']:5}  titles {r['labels']:4}"
              f"  cut {r['cut']}  overlapping {r['overlapping']}  axis overlapping "
              f"{r['ticks_overlapping']}  clusters {r['clusters']:4}  strips {r['strips']:3}"
              f"  layout {r['layout_ms']:7.1f} ms", flush=True)
    canvas.item.cache.close()
    canvas.close()
    return rows


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from timeline.gui import qt_compat  # noqa: F401

    app = QApplication.instance() or QApplication(sys.argv[:1])
    seeds = extract_corpus([SEEDS])
    generated = demo_corpus(3000, lanes=200, seed=3)
    rows = measure("seeds", seeds, app) + measure("generated", generated, app)
    events = len(seeds.events) + len(generated.events)
    print(f"layout: events={events} levels={len(rows)} "
          f"labels_cut={sum(r['cut'] for r in rows)} "
          f"labels_overlapping={sum(r['overlapping'] for r in rows)} "
          f"tick_labels_overlapping={sum(r['ticks_overlapping'] for r in rows)} "
          f"layout_ms_max={max(r['layout_ms'] for r in rows):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
