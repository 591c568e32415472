"""PDF reading with page text from PDFium beside page text from pypdf, on the same files.

    .venv/bin/python benchmarks/bench_pdf.py [--copies 10] [--runs 5]

Draws a corpus of PDFs in a fresh temporary folder with Qt (offscreen), in
two shapes: each seed statement laid out over A4 pages as a word processor
would (``--copies`` copies of its text one after another, with a running
header and "Page N of M" footers), and each seed's lines placed forty to a
page with a page number at the foot. Then ``read_pdf`` reads every file,
once with ``use_pdfium=False`` (pypdf extracts every page, as before) and
once as the app does (PDFium extracts the pages it can be trusted with), in
``--runs`` interleaved runs (pypdf, PDFium, pypdf, PDFium...) so that a
change in the machine's load falls on both. Each side's pages/s is its
median run; the speedup is PDFium's pages/s over pypdf's, with the lowest and
highest of the per-run ratios. Times are the whole reader: opening with
pypdf, page count, metadata, the cost screen, the text-only copy sent to
PDFium's helper process and the replies (the helper is started before the
runs, once, as the app starts it once), extraction, furniture stripping and
reflow. A second table times the extraction calls alone, in this process.

The texts are then compared: how many files read to the same text, and the
dates ``find_times`` finds in each (matched text and value), counted per
side and as the number found by one side and not the other. No CPU
pinning: the CPU count and load average are printed first. The last line is

    pdf: pages=<n> pypdf_pages_s=<x> pdfium_pages_s=<y> speedup=<y/x>
        dates_pypdf=<a> dates_pdfium=<b> dates_differ=<c>

printed as one line.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))

import pypdf  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from ingest_makers import write_flowing_pdf, write_paged_pdf  # noqa: E402

from timeline.dates.temporal import find_times  # noqa: E402
from timeline.ingest.base import RawDocument  # noqa: E402
from timeline.ingest.pdf import read_pdf  # noqa: E402
from timeline.ingest.pdf_pdfium import PdfiumText  # noqa: E402

HEADER = "Bali Process statement, printed 3 February 2020"
LINES_A_PAGE = 40
LINE_CHARS = 95


def build(folder: Path, copies: int) -> list[Path]:
    """Both shapes of PDF for every seed; see the module docstring."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need it
    paths = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        flowing = folder / f"{seed.stem}-flowing.pdf"
        write_flowing_pdf(flowing, "\n".join([text] * copies), title="Seed", header=HEADER)
        lines = [line[:LINE_CHARS] for line in text.splitlines() if line.strip()]
        pages = [lines[i:i + LINES_A_PAGE] for i in range(0, len(lines), LINES_A_PAGE)]
        paged = write_paged_pdf(folder / f"{seed.stem}-paged.pdf", pages, title="Seed",
                                footer="{page}")
        paths += [flowing, paged]
    return paths


def read_all(files: dict[Path, bytes], use_pdfium: bool) -> dict[Path, RawDocument]:
    return {path: read_pdf(path, data, use_pdfium=use_pdfium) for path, data in files.items()}


def pdfium_served(files: dict[Path, bytes]) -> int:
    """The pages whose text PDFium gave in one reading of ``files`` (the
    others were left to pypdf, or hold no text)."""
    served = 0
    page_text = PdfiumText.page_text

    def counting(document: PdfiumText, index: int, most: int) -> str | None:
        nonlocal served
        text = page_text(document, index, most)
        served += bool(text)
        return text

    PdfiumText.page_text = counting  # type: ignore[method-assign]
    try:
        read_all(files, use_pdfium=True)
    finally:
        PdfiumText.page_text = page_text  # type: ignore[method-assign]
    return served


def pypdf_pages(data: bytes) -> None:
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        page.extract_text()


def pdfium_pages(data: bytes) -> None:
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def interleaved(sides: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Seconds of each side's every run, the sides taking turns."""
    seconds: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, run in sides.items():
            start = time.perf_counter()
            run()
            seconds[name].append(time.perf_counter() - start)
    return seconds


def speedup(seconds: dict[str, list[float]]) -> tuple[float, float, float]:
    """Median pypdf time over median PDFium time, and the lowest and highest
    per-run ratio."""
    ratios = [slow / fast for slow, fast in zip(seconds["pypdf"], seconds["pdfium"], strict=True)]
    median = statistics.median(seconds["pypdf"]) / statistics.median(seconds["pdfium"])
    return median, min(ratios), max(ratios)


def report(title: str, seconds: dict[str, list[float]], pages: int) -> dict[str, float]:
    print(f"\n{title}")
    rates = {}
    for name, times in seconds.items():
        rates[name] = pages / statistics.median(times)
        print(f"  {name:7} median {statistics.median(times):7.3f} s  {rates[name]:8.1f} pages/s  "
              f"(runs {min(times):.3f}-{max(times):.3f} s)")
    ratio, low, high = speedup(seconds)
    print(f"  speedup {ratio:.1f}x (per run {low:.1f}-{high:.1f}x)")
    return rates


def dates(text: str) -> Counter[tuple[str, str]]:
    """The dates found in ``text``, as matched text (spacing made single) and value."""
    return Counter((" ".join(m.text.split()), str(m.when)) for m in find_times(text))


def compare(old: dict[Path, RawDocument], new: dict[Path, RawDocument]) -> tuple[int, int, int]:
    same = sum(old[path].text == new[path].text and old[path].page_starts == new[path].page_starts
               for path in old)
    found_old = found_new = differ = 0
    for path in old:
        a, b = dates(old[path].text), dates(new[path].text)
        found_old += a.total()
        found_new += b.total()
        differ += (a - b).total() + (b - a).total()
    print(f"\nsame text and page starts: {same} of {len(old)} files")
    print(f"dates found: pypdf {found_old}, PDFium {found_new}, found by one side only {differ}")
    return found_old, found_new, differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=10, help="seed text repeated per file")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.2f} "
          f"pypdf={pypdf.__version__} pypdfium2={pdfium.PYPDFIUM_INFO} pdfium={pdfium.PDFIUM_INFO}")
    with tempfile.TemporaryDirectory() as folder:
        files = {path: path.read_bytes() for path in build(Path(folder), args.copies)}
        old, new = read_all(files, use_pdfium=False), read_all(files, use_pdfium=True)
        pages = sum(len(document.page_starts) for document in old.values())
        print(f"{len(files)} files, {pages} pages, {sum(map(len, files.values())) / 2**20:.1f} MB; "
              f"PDFium's text used for {pdfium_served(files)} pages")
        rates = report("read_pdf, whole reader", interleaved({
            "pypdf": lambda: read_all(files, use_pdfium=False),
            "pdfium": lambda: read_all(files, use_pdfium=True)}, args.runs), pages)
        report("extraction calls alone", interleaved({
            "pypdf": lambda: [pypdf_pages(data) for data in files.values()],
            "pdfium": lambda: [pdfium_pages(data) for data in files.values()]}, args.runs), pages)
        found_old, found_new, differ = compare(old, new)
    print(f"pdf: pages={pages} pypdf_pages_s={rates['pypdf']:.1f} "
          f"pdfium_pages_s={rates['pdfium']:.1f} speedup={rates['pdfium'] / rates['pypdf']:.2f} "
          f"dates_pypdf={found_old} dates_pdfium={found_new} dates_differ={differ}")


if __name__ == "__main__":
    main()
