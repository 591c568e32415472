"""A big folder: extraction on one core and on all, the store's warm reopen
and update, a full-text query, and the window's longest stall while loading.

    .venv/bin/python benchmarks/bench_corpus.py [--docs 10000] [--runs 3]

Generates a folder of ``--docs`` documents (about 5 KB each) from the seed
statements' sentences, with their years, days and meeting numbers varied
(fixed random seed), in a fresh temporary folder. Then, each a median of
``--runs`` runs:

* ``cold_1job_s`` and ``cold_s``: a new store built with 1 process and with
  every core (interleaved run by run, so both see the same machine);
* ``warm_s``: the unchanged folder reopened: the store checked against the
  files and read into the model, and the canvas index built (ready to draw),
  with the garbage collector handled as the window handles it;
* ``update_s``: 10 files rewritten with a new dated sentence, then the
  store brought up to date (only those files read, only the events they
  touch merged again), without reading the collection into the model;
* ``query_ms``: a full-text query (a word and a prefix) on the store;
* ``gui_stall_ms``: in a separate process, the window (offscreen) opens the
  folder on an empty cache; a 5 ms timer measures the longest gap in the
  event loop from the open until the events are shown and settled.

Its last line:
``corpus: docs=N cold_s=.. cold_1job_s=.. warm_s=.. update_s=.. query_ms=.. gui_stall_ms=..``
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_extract import seed_material

from timeline.collection import refresh_store, update_store
from timeline.index import build_index
from timeline.store import Store
from timeline.workers import default_jobs

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RANDOM_SEED = 20110330
DOC_CHARS = 5000
MONTHS = ("January February March April May June July August September October November "
          "December").split()
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_DAY_MONTH = re.compile(r"\b([1-9]|[12]\d|3[01])(?=\s+(?:" + "|".join(MONTHS) + r")\b)")
_ORDINAL = re.compile(r"\b(First|Second|Third|Fourth|Fifth|Sixth|Seventh)\b")
ORDINALS = ("First Second Third Fourth Fifth Sixth Seventh Eighth Ninth Tenth").split()


def varied(sentence: str, rng: random.Random) -> str:
    """A seed sentence with another year, day and ordinal, so that the
    collection holds many distinct events rather than the seeds' few."""
    year = rng.randint(1975, 2030)
    sentence = _YEAR.sub(lambda m: str(year + (int(m.group()) % 3) - 1), sentence)
    sentence = _DAY_MONTH.sub(lambda _m: str(rng.randint(1, 28)), sentence)
    return _ORDINAL.sub(lambda _m: rng.choice(ORDINALS), sentence)


def make_folder(folder: Path, docs: int) -> int:
    """Write ``docs`` documents; returns the bytes written."""
    sentences, _sizes = seed_material(SEEDS)
    rng = random.Random(RANDOM_SEED)
    written = 0
    for i in range(docs):
        parts, length = [], 0
        while length < DOC_CHARS:
            sentence = varied(rng.choice(sentences), rng)
            parts += (sentence, rng.choice((" ", "\n", "\n\n")))
            length += len(sentence) + 1
        data = "".join(parts).encode("utf-8")
        sub = folder / f"part{i // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:05d}.txt").write_bytes(data)
        written += len(data)
    return written


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def time_cold(folder: Path, store: Path, jobs: int) -> float:
    fresh(store)
    start = time.perf_counter()
    update_store([folder], fresh(store), jobs=jobs)
    return time.perf_counter() - start


def time_warm(folder: Path, store: Path) -> tuple[float, int]:
    """As the window does it: no collector pass during the load, what it made
    kept out of later passes (timeline.gui.memory), then the index built."""
    gc.disable()
    start = time.perf_counter()
    corpus, report = update_store([folder], store, jobs=default_jobs())
    gc.freeze()
    build_index(corpus.events, corpus.documents)
    elapsed = time.perf_counter() - start
    gc.enable()
    assert report.extracted == 0, "the warm reopen extracted files"
    return elapsed, len(corpus.events)


def time_update(folder: Path, store: Path, round_no: int) -> float:
    """Rewrite 10 files and bring the store up to date (no model read)."""
    files = sorted(folder.rglob("*.txt"))[round_no * 10:(round_no + 1) * 10]
    for n, path in enumerate(files):
        path.write_text(path.read_text(encoding="utf-8") + f"\nThe Review Meeting was held "
                        f"in Bali on {n + 1} May {2040 + round_no}.\n", encoding="utf-8")
    start = time.perf_counter()
    report = refresh_store([folder], store, jobs=default_jobs())
    elapsed = time.perf_counter() - start
    assert report.extracted == 10, f"the update read {report.extracted} files, not 10"
    return elapsed


def time_query(store: Path) -> float:
    with Store(store, read_only=True) as opened:
        times = []
        for query in ("ministerial", "regional confer", '"senior officials"', "bali work*"):
            start = time.perf_counter()
            opened.search(query)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


GUI_PROBE = r"""
import os, sys, tempfile, time
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from timeline.gui.main_window import MainWindow
app = QApplication([sys.argv[0]])
settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
window = MainWindow(settings)
window.resize(1600, 900)
window.show()
for _ in range(20):
    app.processEvents()
gaps = []
last = [time.perf_counter()]
def tick():
    now = time.perf_counter()
    gaps.append(now - last[0])
    last[0] = now
timer = QTimer(interval=5)
timer.timeout.connect(tick)
timer.start()
done = [None]
def loaded(*_):
    done[0] = time.perf_counter()
window.loader.loaded.connect(loaded)
start = time.perf_counter()
window.open_paths([sys.argv[1]])
def check():
    if done[0] is not None and time.perf_counter() - done[0] > 3.0:
        app.quit()
poll = QTimer(interval=50)
poll.timeout.connect(check)
poll.start()
QTimer.singleShot(600_000, app.quit)
app.exec()
timer.stop()
window.loader.wait()
print(f"stall_ms={max(gaps) * 1000:.1f} load_s={(done[0] or time.perf_counter()) - start:.2f} "
      f"ticks={len(gaps)} events={len(window.controller.corpus.events)}")
window.deleteLater()
app.processEvents()
"""


def gui_stall(folder: Path) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", GUI_PROBE, str(folder)], env=env,
                            capture_output=True, text=True, timeout=900, check=False)
    line = next((x for x in result.stdout.splitlines() if x.startswith("stall_ms=")), "")
    if not line:
        print(result.stderr[-2000:], file=sys.stderr)
        return float("nan"), "the window probe failed"
    return float(line.split()[0].split("=")[1]), line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-gui", action="store_true", help="skip the window's stall")
    args = parser.parse_args()
    print(f"cpus={os.cpu_count()} usable={default_jobs()} load={os.getloadavg()[0]:.2f} "
          f"python={sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        folder, store = Path(tmp) / "folder", Path(tmp) / "store.sqlite"
        folder.mkdir()
        size = make_folder(folder, args.docs)
        print(f"folder: {args.docs} documents, {size / 1e6:.1f} MB")
        cold, cold_1 = [], []
        for run in range(args.runs):
            cold_1.append(time_cold(folder, store, 1))
            cold.append(time_cold(folder, store, default_jobs()))
            print(f"  run {run + 1}: cold 1 job {cold_1[-1]:.2f} s, "
                  f"{default_jobs()} jobs {cold[-1]:.2f} s, ratio {cold_1[-1] / cold[-1]:.2f}")
        ratios = [a / b for a, b in zip(cold_1, cold, strict=True)]
        print(f"cold: 1 job {statistics.median(cold_1):.2f} s, {default_jobs()} jobs "
              f"{statistics.median(cold):.2f} s, speed-up {statistics.median(ratios):.2f} "
              f"({min(ratios):.2f}-{max(ratios):.2f})")
        warm = [time_warm(folder, store) for _ in range(args.runs)]
        print(f"warm reopen: {statistics.median(w for w, _ in warm):.3f} s "
              f"({warm[0][1]} events, store {store.stat().st_size / 1e6:.0f} MB)")
        updates = [time_update(folder, store, r) for r in range(args.runs)]
        print(f"update after 10 files: {statistics.median(updates):.3f} s "
              f"({', '.join(f'{u:.3f}' for u in updates)})")
        query = statistics.median(time_query(store) for _ in range(args.runs))
        print(f"full-text query: {query:.1f} ms")
        stall, detail = (float("nan"), "skipped") if args.no_gui else gui_stall(folder)
        print(f"window: {detail}")
        shutil.rmtree(folder, ignore_errors=True)
    print(f"corpus: docs={args.docs} cold_s={statistics.median(cold):.2f} "
          f"cold_1job_s={statistics.median(cold_1):.2f} "
          f"warm_s={statistics.median(w for w, _ in warm):.3f} "
          f"update_s={statistics.median(updates):.3f} query_ms={query:.1f} "
          f"gui_stall_ms={stall:.0f}")


if __name__ == "__main__":
    main()
