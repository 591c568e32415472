"""Reading speed of each format's reader on one core.

    .venv/bin/python benchmarks/bench_ingest.py [--copies 4] [--runs 3]

Converts the seed statements into every supported format in a fresh
temporary folder (PDFs drawn with Qt offscreen, with a running header and
page numbers; Word with python-docx; HTML by hand), then times
``read_document`` over each format's files as the median of several runs:
pages per second for PDF, megabytes of extracted text per second for all.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

from ingest_makers import write_docx, write_flowing_pdf, write_html  # noqa: E402

from timeline.ingest import read_document  # noqa: E402

HEADER = "Bali Process statement, printed 3 February 2020"


def build(folder: Path, copies: int) -> dict[str, list[Path]]:
    """Every seed in every format, ``copies`` times (longer documents: the
    seed text repeated), so that PDFs run to several pages."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need it
    writers: dict[str, Callable[[Path, str], object]] = {
        ".txt": lambda p, t: p.write_text(t, encoding="utf-8"),
        ".html": lambda p, t: write_html(p, t, title="Seed"),
        ".docx": lambda p, t: write_docx(p, t, title="Seed"),
        ".pdf": lambda p, t: write_flowing_pdf(p, t, title="Seed", header=HEADER),
    }
    files: dict[str, list[Path]] = {suffix: [] for suffix in writers}
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = "\n".join([seed.read_text(encoding="utf-8")] * copies)
        for suffix, write in writers.items():
            path = folder / f"{seed.stem}{suffix}"
            write(path, text)
            files[suffix].append(path)
    return files


def time_reading(paths: list[Path], runs: int) -> tuple[float, int, int]:
    """Median seconds to read all ``paths``, characters and pages produced."""
    timings = []
    chars = pages = 0
    for _ in range(runs):
        start = time.perf_counter()
        documents = [read_document(path) for path in paths]
        timings.append(time.perf_counter() - start)
        chars = sum(len(d.text) for d in documents)
        pages = sum(len(d.page_starts) for d in documents)
    return statistics.median(timings), chars, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=4, help="seed text repeated per file")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = build(Path(folder), args.copies)
        print(f"{'format':8} {'files':>5} {'pages':>6} {'MB on disk':>10} {'seconds':>8} "
              f"{'text MB/s':>9} {'pages/s':>8}")
        for suffix, paths in files.items():
            seconds, chars, pages = time_reading(paths, args.runs)
            size = sum(p.stat().st_size for p in paths) / 2**20
            rate = f"{pages / seconds:8.1f}" if pages else f"{'':8}"
            print(f"{suffix:8} {len(paths):5d} {pages:6d} {size:10.2f} {seconds:8.3f} "
                  f"{chars / 2**20 / seconds:9.2f} {rate}")


if __name__ == "__main__":
    main()
