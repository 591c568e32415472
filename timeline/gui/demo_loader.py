"""Open a generated collection in the window (``timeline --demo N``)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from timeline.demo import demo_corpus
from timeline.model import Corpus


class _Delivery(QObject):
    """Hands the corpus made in a worker thread to the GUI thread."""

    ready = Signal(object)


def open_demo(window, events: int) -> None:
    """Show ``events`` generated events in ``window``; the corpus is made in a
    worker thread while the window shows that it is loading."""
    delivery = _Delivery(window)
    window.paths = []
    window.setWindowTitle(f"Timeline — demo of {events:,} events")
    window.stack.setCurrentWidget(window.loading)
    window.loading.reset()
    window.statusBar().showMessage(f"Generating {events:,} events…")

    def show(corpus: Corpus) -> None:
        window.show_corpus(corpus)
        window.statusBar().showMessage(
            f"A generated collection of {events:,} events in {len(corpus.documents)} "
            "documents over a century.", 8000)
        delivery.deleteLater()

    delivery.ready.connect(show)
    threading.Thread(target=lambda: delivery.ready.emit(demo_corpus(events)),
                     name="timeline-demo", daemon=True).start()
