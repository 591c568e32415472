"""Each seed converted to every supported format yields the same dates as the
text original: the readers neither lose nor invent date mentions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from ingest_makers import SEEDS, write_docx, write_flowing_pdf, write_html, write_markdown

from timeline.model import When
from timeline.pipeline import analyse_document, load_documents

# A header date found in no seed, so a header that leaks into the text shows
# up as an extra mention.
HEADER = "Bali Process statement, printed 3 February 2020"
FALLBACK_REFERENCE = date(2012, 1, 1)

MentionCounts = Counter[tuple[str, When]]


def write_utf16(path: Path, text: str) -> None:
    path.with_suffix(".txt").write_bytes(text.encode("utf-16"))


def write_cp1252(path: Path, text: str) -> None:
    path.with_suffix(".txt").write_bytes(text.encode("cp1252"))


def write_pdf(path: Path, text: str) -> None:
    write_flowing_pdf(path.with_suffix(".pdf"), text, title="Seed", header=HEADER)


CONVERTERS: dict[str, tuple[str, Callable[[Path, str], object]]] = {
    "utf-16": (".txt", write_utf16),
    "cp1252": (".txt", write_cp1252),
    "markdown": (".md", write_markdown),
    "html": (".html", lambda path, text: write_html(path, text, title="Seed")),
    "docx": (".docx", lambda path, text: write_docx(path, text, title="Seed",
                                                    created=datetime(2011, 10, 12))),
    "pdf": (".pdf", write_pdf),
}


def read_mentions(path: Path, reference: date | None) -> tuple[MentionCounts, date | None]:
    """Mentions found in one file through the pipeline, keyed by their text
    with whitespace made single, and the document's own date."""
    documents, problems = load_documents([path])
    assert problems == [], problems
    (document,) = documents
    found = analyse_document(document, reference)
    counts = Counter((" ".join(m.text.split()), m.when) for m in found.mentions)
    return counts, document.date


@pytest.mark.parametrize("fmt", CONVERTERS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_converted_seed_finds_the_same_dates(seed: Path, fmt: str, tmp_path: Path,
                                             request: pytest.FixtureRequest) -> None:
    if fmt == "pdf":
        request.getfixturevalue("pdf_fonts")
    original_text = seed.read_text(encoding="utf-8")
    _, own_date = read_mentions(seed, None)
    # The converted file may carry its own metadata date; anchor relative
    # expressions on the same day in both so that only the text can differ.
    reference = own_date or FALLBACK_REFERENCE
    expected, _ = read_mentions(seed, reference)
    assert expected, f"{seed.name} has no date mentions to compare"

    suffix, convert = CONVERTERS[fmt]
    converted = tmp_path / f"{seed.stem}{suffix}"
    convert(converted, original_text)
    found, _ = read_mentions(converted, reference)

    missing, extra = expected - found, found - expected
    assert found == expected, f"missing: {sorted(map(str, missing))}; " \
                              f"extra: {sorted(map(str, extra))}"
