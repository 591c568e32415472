"""Startup: time from launching Python to a painted window showing the seeds' events.

Each run starts a fresh interpreter that does what ``timeline seeds`` does
(QApplication, MainWindow, extraction in the worker thread) and reports when the
canvas has painted with events on it. Prints each run and the median.

    .venv/bin/python benchmarks/bench_startup.py [--runs 7] [--platform offscreen]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import os, sys, tempfile, time
t_start = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from timeline.gui.main_window import MainWindow
t_imported = time.perf_counter()
app = QApplication([sys.argv[0]])
settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
window = MainWindow(settings)
window.resize(1400, 900)
window.show()
window.open_paths([sys.argv[2]])
t_shown = time.perf_counter()
marks = {}

class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            marks.setdefault("first_paint", time.perf_counter())
            if len(window.controller.shown) and "events" not in marks:
                marks["events"] = time.perf_counter()
                QTimer.singleShot(0, report)
        return False

def report():
    done = time.perf_counter()
    print(f"{t_imported:.6f} {t_shown:.6f} {marks['first_paint']:.6f} {done:.6f}", flush=True)
    app.quit()

watch = Watch()
window.canvas.view.viewport().installEventFilter(watch)
window.installEventFilter(watch)
app.exec()
window.loader.wait()
"""


def one_run(platform: str) -> tuple[float, list[float]]:
    """Seconds from spawning Python to the painted timeline, and the child's marks."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, "0", str(ROOT / "seeds")], env=env,
                         capture_output=True, text=True, check=True, cwd=ROOT)
    # perf_counter is system-wide monotonic on Linux, so the child's marks
    # share the parent's clock.
    marks = [float(v) - start for v in out.stdout.split()]
    return marks[-1], marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--platform", default="offscreen",
                        help="Qt platform plugin (offscreen, or xcb with a DISPLAY)")
    args = parser.parse_args()
    totals = []
    print("run  imports  window-shown  first-paint  events-painted   (seconds since spawn)")
    for i in range(args.runs):
        total, marks = one_run(args.platform)
        totals.append(total)
        print(f"{i + 1:>3}  " + "  ".join(f"{m:>11.3f}" for m in marks))
    print(f"median time to a painted window with events: {statistics.median(totals):.3f} s "
          f"(min {min(totals):.3f}, max {max(totals):.3f}, {args.runs} runs, "
          f"platform {args.platform})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
