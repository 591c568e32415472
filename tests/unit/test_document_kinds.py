"""Whole documents of kinds other than statements: their titles, their own
dates, and which of their lines make events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.collection import read_store, update_store
from timeline.model import Corpus
from timeline.pipeline import extract_corpus

CHANGELOG = """harbourctl (2.4.1-1) stable; urgency=low

  * Read tide tables from the new feed.
  * Fix the crash when a berth has no name.

 -- Mira Osei <mira@tools.example>  Wed, 05 Aug 2020 17:02:11 +0000

harbourctl (2.4.0-1) stable; urgency=medium

  * New upstream release.

 -- Mira Osei <mira@tools.example>  Mon, 13 Jul 2020 09:40:00 +0000
"""

EMAIL = """From: Tove Lindgren <tove@harbour.example>
To: Pier staff <staff@harbour.example>
Date: Tue, 3 Mar 2020 08:05:12 +0100
Subject: Crane inspection moved to March

Dear all,

The crane inspection planned for 4 March 2020 is moved to 9 March 2020, since the supplier
cancelled.

Kind regards,
Tove Lindgren
Harbour Master, 3 March 2020
tove@harbour.example
"""

NEWS = ("ODESSA, 6 June 2018 — Dock workers ended their strike on Monday after the port "
        "agreed to new shifts. The strike had begun on 21 May 2018.\n")

STATEMENT = ("3. Senior officials noted that the regional workshop held in Jakarta on 12 May 2015 "
             "had agreed on a common approach.\n\n"
             "4. They welcomed the launch of the data portal on 1 July 2015.\n")

REPORT = """NORTHERN PORTS BOARD ANNUAL REPORT

Contents
1. The year in brief .......... 2
2. The north pier, opened 1 August 2019 .......... 4

The year in brief
The board met eleven times in 2019. It opened the north pier on 1 August 2019 after two years.
Northern Ports Board, annual report 2019 - Page 2 of 12
Dredging of the outer channel began on 4 November 2019.
"""


def extracted(tmp_path: Path, name: str, text: str) -> Corpus:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_corpus([path])


def source_lines(corpus: Corpus) -> list[str]:
    """The line each mention's date stands on."""
    text = corpus.documents[0].text
    return [text[text.rfind("\n", 0, m.span[0]) + 1:].split("\n", 1)[0]
            for e in corpus.events for m in e.mentions]


def test_a_changelog_makes_no_events_from_its_sign_offs(tmp_path: Path) -> None:
    corpus = extracted(tmp_path, "harbourctl_changelog.txt", CHANGELOG)
    (doc,) = corpus.documents
    assert (doc.title, doc.date) == ("harbourctl_changelog", date(2020, 8, 5))
    assert corpus.events == ()


def test_an_email_is_named_by_its_subject_and_dated_by_its_header(tmp_path: Path) -> None:
    corpus = extracted(tmp_path, "crane.txt", EMAIL)
    (doc,) = corpus.documents
    assert (doc.title, doc.date) == ("Crane inspection moved to March", date(2020, 3, 3))
    assert {e.when.start for e in corpus.events} == {date(2020, 3, 4), date(2020, 3, 9)}
    assert all(line.startswith("The crane inspection") for line in source_lines(corpus))


def test_a_dateline_gives_the_date_but_neither_a_title_nor_an_event(tmp_path: Path) -> None:
    corpus = extracted(tmp_path, "strike.txt", NEWS)
    (doc,) = corpus.documents
    assert doc.date == date(2018, 6, 6)
    assert "ODESSA" not in doc.title and doc.title != "strike"
    assert date(2018, 6, 6) not in {e.when.start for e in corpus.events}
    assert {e.when.start for e in corpus.events} == {date(2018, 6, 4), date(2018, 5, 21)}
    # Named after what the lead reports (Monday, two days before the dateline).
    (monday,) = [e for e in corpus.events if e.when.start == date(2018, 6, 4)]
    assert doc.title == monday.title


def test_a_numbered_paragraph_is_not_a_title(tmp_path: Path) -> None:
    corpus = extracted(tmp_path, "statement.txt", STATEMENT)
    (doc,) = corpus.documents
    assert not doc.title.startswith("3.")
    assert len(corpus.events) == 2


def test_a_report_keeps_its_heading_and_drops_contents_and_footer_dates(tmp_path: Path) -> None:
    corpus = extracted(tmp_path, "ports.txt", REPORT)
    (doc,) = corpus.documents
    assert doc.title == "Northern Ports Board Annual Report"
    lines = source_lines(corpus)
    assert not any("...." in line or "Page 2" in line for line in lines)
    assert {e.when.start for e in corpus.events} >= {date(2019, 8, 1), date(2019, 11, 4)}


@pytest.mark.parametrize("first_line", ["Report to Ministers", "Tram line 4 opens"])
def test_a_short_heading_still_names_its_document(tmp_path: Path, first_line: str) -> None:
    corpus = extracted(tmp_path, "notes.txt", f"{first_line}\n\nThe line opened on 2 May 2022.\n")
    assert corpus.documents[0].title == first_line
    assert len(corpus.events) == 1


def test_a_collection_store_names_documents_as_a_fresh_extraction(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in [("harbourctl_changelog.txt", CHANGELOG), ("strike.txt", NEWS),
                       ("crane.txt", EMAIL)]:
        (folder / name).write_text(text, encoding="utf-8")
    update_store([folder], tmp_path / "store.sqlite")
    stored = {d.id: d.title for d in read_store(tmp_path / "store.sqlite").documents}
    assert stored == {d.id: d.title for d in extract_corpus([folder]).documents}
    assert stored["harbourctl_changelog"] == "harbourctl_changelog"
