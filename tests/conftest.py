"""Fixtures for every test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Collection stores go to a throwaway cache folder, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each page PDFium is asked for, whether its text was used."""
    from timeline.ingest.pdf_pdfium import PdfiumText

    answers: list[bool] = []
    page_text = PdfiumText.page_text

    def recorded(text: PdfiumText, index: int, most: int) -> str | None:
        found = page_text(text, index, most)
        answers.append(bool(found))
        return found

    monkeypatch.setattr(PdfiumText, "page_text", recorded)
    return answers
