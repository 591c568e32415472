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


@pytest.fixture
def window(qtbot, settings, seeds_corpus):
    """A shown main window on the seeds, loaded synchronously."""
    from timeline.gui.main_window import MainWindow

    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.paths = [str(SEEDS)]
    w.show_corpus(seeds_corpus)
    w.canvas.view.repaint()
    yield w
    w.loader.wait()
