"""Handing events on from the window: export files and citations."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

from PySide6.QtWidgets import QApplication

from timeline.gui.sharing import FILTERS, copy_citation, export_events_dialog, format_for
from timeline.model import Kind


def test_the_format_follows_the_chosen_filter_and_gets_its_suffix(tmp_path):
    assert format_for(str(tmp_path / "x"), "iCalendar (*.ics)") == ("ics", str(tmp_path / "x.ics"))
    assert format_for(str(tmp_path / "y.txt"), "JSON (*.json)") == ("json",
                                                                      str(tmp_path / "y.txt"))


def test_exporting_the_shown_events_or_all_of_them(window, tmp_path):
    c = window.controller
    c.set_filters(replace(c.filters, kinds=frozenset({Kind.WORKSHOP})))
    assert c.wait_idle(20)
    shown = {e.id for e in c.shown}
    assert 0 < len(shown) < len(c.corpus.events)
    target = tmp_path / "shown"
    assert export_events_dialog(window, str(target), "JSON (*.json)", only_shown=True)
    data = json.loads((tmp_path / "shown.json").read_text(encoding="utf-8"))
    assert {e["id"] for e in data["events"]} == shown
    every = tmp_path / "all.csv"
    assert export_events_dialog(window, str(every), next(iter(FILTERS)), only_shown=False)
    with every.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(c.corpus.events)


def test_a_failed_export_says_so_and_writes_nothing(window, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr("timeline.gui.sharing.QMessageBox.warning",
                        lambda *args: warned.append(args[2]))
    missing = tmp_path / "no such folder" / "events.csv"
    assert not export_events_dialog(window, str(missing), next(iter(FILTERS)), only_shown=True)
    assert warned and "Could not write" in warned[0] and not missing.exists()


def test_copy_as_citation_puts_text_and_html_on_the_clipboard(window):
    c = window.controller
    assert not copy_citation(window)  # nothing selected
    event = next(e for e in c.corpus.events if e.mentions)
    c.select(event)
    assert copy_citation(window)
    data = QApplication.clipboard().mimeData()
    assert event.title in data.text() and "“" in data.text()
    assert "<cite>" in data.html() and data.hasHtml()
