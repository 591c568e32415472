"""File ▸ Print…: the timeline as shown, under a caption naming the
collection, the span in view and the active filters.

The canvas is drawn from its SVG picture (see :mod:`timeline.gui.snapshot`),
scaled to the page: shapes stay vectors and titles stay text in a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from timeline.gui.filters import FilterState
from timeline.gui.snapshot import svg_bytes
from timeline.gui.wording import day_words
from timeline.index import day_at
from timeline.model import Document

CAPTION_POINTS = 10.0


def filters_words(filters: FilterState, documents: Sequence[Document]) -> str:
    """The active filters in words ("Search “bali” · Kinds: meeting, workshop"),
    or "No filters"."""
    parts = []
    if filters.text.strip():
        parts.append(f"Search “{filters.text.strip()}”")
    if filters.kinds:
        parts.append("Kinds: " + ", ".join(sorted(k.value for k in filters.kinds)))
    if filters.precisions:
        parts.append("Precision: " + ", ".join(sorted(g.value for g in filters.precisions)))
    if len(filters.statuses) == 1:
        parts.append("Status: " + next(iter(filters.statuses)).value)
    if filters.documents:
        titles = {d.id: " ".join(d.title.split()) for d in documents}
        chosen = sorted(titles.get(d, d) for d in filters.documents)
        shown = ", ".join(chosen[:3]) + (f" and {len(chosen) - 3} more" if len(chosen) > 3
                                         else "")
        parts.append("Documents: " + shown)
    return " · ".join(parts) if parts else "No filters"


def caption(collection: str, view: tuple[float, float], filters: FilterState,
            documents: Sequence[Document], shown: int, total: int) -> str:
    """Two lines: what is printed, and how it was narrowed."""
    start, end = (day_words(day_at(t)) for t in view)
    first = f"{collection} — {start} to {end}"
    counts = f"{shown:,} of {total:,} events"
    return f"{first}\n{counts} · {filters_words(filters, documents)}"


def print_widget(widget: QWidget, printer: QPrinter, text: str) -> None:
    """Paint ``text`` then ``widget`` (scaled to the page's width) on ``printer``."""
    painter = QPainter(printer)
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        font = QFont()
        font.setPointSizeF(CAPTION_POINTS)
        painter.setFont(font)
        metrics = QFontMetricsF(font, printer)
        lines = text.splitlines() or [""]
        height = metrics.lineSpacing() * len(lines)
        painter.drawText(QRectF(0, 0, page.width(), height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        room_h = page.height() - height - metrics.lineSpacing()
        scale = min(page.width() / max(widget.width(), 1), room_h / max(widget.height(), 1))
        # Drawn from the view's SVG: the canvas lays its titles out in screen
        # pixels, and an SVG scales text and shapes together, keeping text as
        # text on the page.
        renderer = QSvgRenderer(svg_bytes(widget, title=text.splitlines()[0]))
        top = height + metrics.lineSpacing() / 2
        renderer.render(painter, QRectF(0, top, widget.width() * scale,
                                        widget.height() * scale))
    finally:
        painter.end()


def print_view(window, printer: QPrinter | None = None) -> bool:
    """File ▸ Print…: ask for a printer (unless one is given), print the view."""
    c = window.controller
    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, window)
        dialog.setWindowTitle("Print the timeline")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    collection = window.windowTitle().split(" — ", 1)[-1] or "Timeline"
    text = caption(collection, window.canvas.view_range(), c.filters, c.corpus.documents,
                   len(c.shown), len(c.corpus.events))
    canvas = window.canvas
    if hasattr(canvas, "settle"):
        canvas.settle()
    print_widget(canvas, printer, text)
    window.statusBar().showMessage("Sent the timeline to the printer.", 5000)
    return True
