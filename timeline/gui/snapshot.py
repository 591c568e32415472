"""The timeline view as a picture: PNG at 1x or 2x, or SVG with its text kept
as text, from the window (File ▸ Export View…) or from the command line
(``timeline snapshot``, which renders a canvas of its own, offscreen).

Both go through :func:`save_view`, which paints the canvas widget as it
stands onto an image or an SVG generator, so a file shows what the screen
shows (the same lanes, range and labels). Files are written by Python from
bytes Qt produced in memory, so any name the file system takes works, and a
failure to write is an ``OSError`` with the reason.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPoint,
    QRect,
    QSize,
    Qt,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QFileDialog, QGraphicsView, QMessageBox, QWidget

from timeline.gui import (
    qt_compat,  # noqa: F401  (guards None's refcount first)
    theme,
)
from timeline.gui.canvas import TimelineCanvas
from timeline.gui.display import as_rich, displayable
from timeline.gui.settings import read_str
from timeline.index import LaneMode, build_index, corpus_extent
from timeline.model import Corpus, shown_path

if TYPE_CHECKING:
    from timeline.gui.main_window import MainWindow

DEFAULT_SIZE = (1600, 900)
FORMATS = {".png": "png", ".svg": "svg"}

# The save dialog's choices; the chosen one decides the format when the
# typed name has no known suffix, and the scale of a PNG.
PNG_1X = "PNG image (*.png)"
PNG_2X = "PNG image at double resolution (*.png)"
SVG = "SVG drawing, text kept as text (*.svg)"
FILTERS = (PNG_1X, PNG_2X, SVG)


@dataclass(frozen=True)
class Export:
    """What to write: the file, its format (``png`` or ``svg``) and, for a
    PNG, how many image pixels per screen pixel."""

    path: str
    fmt: str
    scale: int = 1


def format_of(path: str) -> str | None:
    """``png`` or ``svg`` from the file's suffix (any case), else None."""
    return FORMATS.get(Path(path).suffix.lower())


# ----------------------------------------------------------------- rendering
def settle(canvas: QWidget) -> None:
    """Let the canvas finish laying out the current view: pending events
    first, then any background layout work it does (``settle`` blocks)."""
    QApplication.processEvents()
    if hasattr(canvas, "settle"):
        canvas.settle()
        QApplication.processEvents()


@contextmanager
def uncached_backgrounds(widget: QWidget) -> Iterator[None]:
    """Graphics views inside ``widget`` without their background cache while
    it is painted: a cached background is a pixmap, which an SVG would hold
    as one big embedded image instead of a rectangle."""
    views = widget.findChildren(QGraphicsView)
    modes = [view.cacheMode() for view in views]
    for view in views:
        view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    try:
        yield
    finally:
        for view, mode in zip(views, modes, strict=True):
            view.setCacheMode(mode)
            view.resetCachedContent()


def png_bytes(widget: QWidget, scale: int = 1) -> bytes:
    """``widget`` painted as a PNG, ``scale`` image pixels per widget pixel
    (the canvas lays out in widget pixels, so 2x is the same view, sharper)."""
    settle(widget)
    image = QImage(widget.width() * scale, widget.height() * scale,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(theme.BACKGROUND))
    painter = QPainter(image)
    try:
        widget.render(painter, QPoint())
    finally:
        painter.end()
    image.setDevicePixelRatio(1)  # a PNG has no ratio: its pixels are the size
    return _encoded(lambda buffer: image.save(buffer, "PNG"))


def svg_bytes(widget: QWidget, title: str = "Timeline", description: str = "") -> bytes:
    """``widget`` painted as SVG, one user unit per widget pixel.

    Text drawn with ``drawText`` or ``drawStaticText`` becomes ``<text>``
    elements (the SVG engine is not an extended engine, so static text is
    laid out again as text items rather than drawn as glyph runs). The
    resolution is the widget's own, so point sizes come out as the pixel
    sizes the layout measured.
    """
    settle(widget)
    size = QSize(widget.width(), widget.height())

    def paint(buffer: QBuffer) -> bool:
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(size)
        generator.setViewBox(QRect(QPoint(), size))
        generator.setResolution(widget.logicalDpiY())
        generator.setTitle(title)
        generator.setDescription(description)
        painter = QPainter()
        if not painter.begin(generator):
            return False
        try:
            with uncached_backgrounds(widget):
                widget.render(painter, QPoint())
        finally:
            painter.end()
        return True

    return _encoded(paint)


def _encoded(write) -> bytes:
    """The bytes ``write(buffer)`` puts in an in-memory buffer."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = write(buffer)
    buffer.close()
    if not ok or data.isEmpty():
        raise OSError("Qt could not draw the image")
    return data.data()


def save_view(canvas: QWidget, export: Export, description: str = "") -> None:
    """Write ``canvas`` as ``export`` says; raises ``OSError`` on failure."""
    if export.fmt == "svg":
        data = svg_bytes(canvas, description=description)
    else:
        data = png_bytes(canvas, export.scale)
    Path(export.path).write_bytes(data)


# --------------------------------------------------------- the command line
def offscreen_canvas(corpus: Corpus, size: tuple[int, int], lanes: LaneMode,
                     time_range: tuple[float, float] | None) -> TimelineCanvas:
    """A canvas of ``size`` drawing ``corpus``, never shown on a screen."""
    corpus = displayable(corpus)  # titles Qt can hold, as the window shows them
    canvas = TimelineCanvas()
    canvas.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    canvas.resize(*size)
    canvas.show()  # layouts give the inner view its size only once shown
    QApplication.processEvents()
    canvas.set_index(build_index(corpus.events, corpus.documents, lanes), fit=True,
                     bounds=corpus_extent(corpus.events, corpus.documents))
    if time_range is not None:
        canvas.set_range(*time_range)
    settle(canvas)
    return canvas


def _quiet_offscreen(_kind: object, _context: object, message: str) -> None:
    """Qt's messages to stderr, less the offscreen platform's note that it
    cannot pass size hints to a window system it does not have."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def snapshot(corpus: Corpus, export: Export, size: tuple[int, int] = DEFAULT_SIZE,
             lanes: LaneMode = LaneMode.DOCUMENT,
             time_range: tuple[float, float] | None = None, description: str = "") -> None:
    """Render ``corpus`` offscreen and write it as ``export`` says (raises
    ``OSError`` when the file cannot be written)."""
    previous = qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    canvas = offscreen_canvas(corpus, size, lanes, time_range)
    try:
        save_view(canvas, export, description)
    finally:
        # Torn down while Qt is alive, so nothing is left for the
        # interpreter's final collection to destroy out of order.
        canvas.close()
        canvas.deleteLater()
        app.processEvents()
        qInstallMessageHandler(previous)


# --------------------------------------------------------------- the window
def export_choice(chosen: str, selected_filter: str) -> Export:
    """The export a save dialog's answer asks for. A ``.png`` or ``.svg``
    name decides the format; otherwise the chosen filter does, and its
    suffix is added. The 2x filter doubles a PNG's pixels."""
    fmt = format_of(chosen)
    if fmt is None:
        fmt = "svg" if selected_filter == SVG else "png"
        chosen += f".{fmt}"
    scale = 2 if fmt == "png" and selected_filter == PNG_2X else 1
    return Export(chosen, fmt, scale)


def export_view(w: MainWindow, chosen: str | None = None, selected_filter: str = PNG_1X) -> bool:
    """File ▸ Export View…: the timeline as shown, as PNG (1x or 2x) or SVG.
    ``chosen`` stands for the name the save dialog would confirm."""
    from timeline.gui.commands import confirm_replace, must_ask_to_replace

    if chosen is None:
        start = Path(read_str(w.settings, "files/last_dir", str(Path.home()))) / "timeline"
        chosen, selected_filter = QFileDialog.getSaveFileName(
            w, "Export view", str(start), ";;".join(FILTERS), PNG_1X)
    if not chosen:
        return False
    export = export_choice(chosen, selected_filter)
    if must_ask_to_replace(chosen, export.path) and not confirm_replace(w, export.path):
        return False
    try:
        save_view(w.canvas, export)
    except OSError as error:
        QMessageBox.warning(w, "Export failed", as_rich(
            f"Could not write {shown_path(export.path)}: {error.strerror or error}"))
        return False
    w.statusBar().showMessage(f"Saved {shown_path(export.path)}", 5000)
    return True
