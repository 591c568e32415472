"""Fixtures for reading real formats: the seeds, and Qt drawing PDFs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports PySide6: the PDF fixtures are drawn with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    """The sample statements, as text."""
    assert SEEDS, f"no seed texts in {SEEDS_DIR}"
    return SEEDS


@pytest.fixture(scope="session")
def pdf_fonts(qapp: object) -> None:
    """Qt can only draw text into a PDF with a font installed."""
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families():
        pytest.skip("Qt finds no fonts to draw PDF fixtures with (install fonts-dejavu-core)")
