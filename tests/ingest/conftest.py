"""Fixtures for reading real formats: Qt drawing PDFs offscreen."""

from __future__ import annotations

import os

import pytest

# Before anything imports PySide6: the PDF fixtures are drawn with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def pdf_fonts(qapp: object) -> None:
    """Qt can only draw text into a PDF with a font installed."""
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families():
        pytest.skip("Qt finds no fonts to draw PDF fixtures with (install fonts-dejavu-core)")
