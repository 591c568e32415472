"""Printing: the view under a caption naming the collection, span and filters."""

from __future__ import annotations

from dataclasses import replace

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from timeline.gui.filters import FilterState
from timeline.gui.printing import filters_words, print_view
from timeline.model import Kind


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pdf_text(path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(str(path)).pages)


def test_filters_in_words_name_each_active_filter(seeds_corpus):
    docs = seeds_corpus.documents
    assert filters_words(FilterState(), docs) == "No filters"
    words = filters_words(FilterState(text=" bali ", kinds=frozenset({Kind.WORKSHOP}),
                                      documents=frozenset({docs[0].id})), docs)
    assert "Search “bali”" in words and "Kinds: workshop" in words
    assert " ".join(docs[0].title.split()) in words


def test_printing_writes_the_caption_and_the_titles_as_text(qtbot, window, tmp_path):
    c = window.controller
    c.set_filters(replace(c.filters, kinds=frozenset({Kind.CONFERENCE})))
    assert c.wait_idle(20)
    window.canvas.fit_all()
    window.canvas.settle()
    window.canvas.grab()
    drawn = {" ".join(window.canvas.index.columns.titles[
        int(window.canvas.index.event[label.item])].split()) for label in
        window.canvas.item.labels}
    target = tmp_path / "view.pdf"
    assert print_view(window, pdf_printer(target))
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    assert "Kinds: conference" in text
    assert f"{len(c.shown)} of {len(c.corpus.events)} events" in text
    assert drawn, "the conference events' titles are drawn"
    assert any(title in text for title in drawn), (drawn, text[:300])
