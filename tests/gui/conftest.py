"""Fixtures for the window tests: offscreen Qt, throwaway settings, the seeds."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from timeline.model import Corpus
from timeline.pipeline import extract_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seeds_corpus() -> Corpus:
    """The seeds, extracted once for the whole session."""
    return extract_corpus([SEEDS])


@pytest.fixture
def settings(tmp_path):
    """Settings in a temporary INI file, so tests neither read nor write the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def shown_window(qtbot, settings, corpus: Corpus, paths: list[str] | None = None):
    """A main window shown at 1400x900 on ``corpus``, loaded synchronously."""
    from timeline.gui.main_window import MainWindow

    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    if paths is not None:
        w.paths = paths
    w.show_corpus(corpus)
    w.canvas.view.repaint()
    return w


@pytest.fixture
def window(qtbot, settings, seeds_corpus):
    """A shown main window on the seeds, loaded synchronously."""
    w = shown_window(qtbot, settings, seeds_corpus, [str(SEEDS)])
    yield w
    w.loader.wait()


@pytest.fixture
def merged_corpus() -> Corpus:
    """Two documents citing one meeting (a merged event), plus an unplaced phrase."""
    from datetime import date

    from timeline.model import Document, Event, Granularity, Kind, Mention, Unplaced, When

    text_a = "Officials met in Bali on 29-30 March 2011. More talks follow in the next decade."
    text_b = "Recalling the meeting of 29-30 March 2011, members agreed to meet again."
    docs = (Document("a", "/a.txt", "Statement A", date(2011, 4, 2), text_a),
            Document("b", "/b.txt", "Statement B", date(2012, 1, 9), text_b))
    when = When(date(2011, 3, 29), date(2011, 3, 30), Granularity.DAY)
    span_a = (text_a.index("29-30"), text_a.index("29-30") + len("29-30 March 2011"))
    span_b = (text_b.index("29-30"), text_b.index("29-30") + len("29-30 March 2011"))
    mentions = (Mention("a", span_a, "29-30 March 2011", when, (0, text_a.index(".") + 1)),
                Mention("b", span_b, "29-30 March 2011", when, (0, len(text_b))))
    event = Event("m", "Bali meeting", Kind.MEETING, ("Bali Process",), when, mentions)
    start = text_a.index("the next decade")
    unplaced = (Unplaced("a", (start, start + len("the next decade")), "the next decade",
                         "no anchor for a decade to come"),)
    return Corpus(docs, (event,), unplaced)


@pytest.fixture
def folder(tmp_path):
    """A folder with one document holding one dated event."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "summit.txt").write_text("The summit was held on 5 May 2010 in Bali.\n")
    return docs
