"""The Problems list: files not read apart from notes on files that were read."""

from __future__ import annotations


def test_a_copy_of_another_file_is_a_note_not_a_file_not_read():
    from timeline.gui.panels import split_problems
    from timeline.model import Problem
    from timeline.pipeline import duplicate_problem

    copy = duplicate_problem("/data/copy.pdf", "/data/report.pdf")
    unreadable = Problem("/data/broken.pdf", "the file is damaged")
    errors, notes = split_problems([copy, unreadable], read_paths={"/data/report.pdf"})
    assert errors == [unreadable] and notes == [copy]
