"""A history's first date is where its story starts, not the day it was
written: such a text gets no date of its own, so nothing in it reads as
planned; a statement or a news story keeps the date it opens with."""

from __future__ import annotations

from datetime import date

from timeline.model import Document
from timeline.pipeline import FileResult, document_result

HISTORY = ("The Mill at Arnhold\n\nThe mill was built on 3 April 1850. A flood damaged the "
           "wheel in 1861, and the owners rebuilt it in 1863. The mill closed in 1902.")
STATEMENT = ("On 12 March 2019 the ministers met in Suva and agreed a new work plan. The "
             "plan will be reviewed in 2022 and a new office will open in 2024.")
DATELINE = ("RIGA, 3 May 2023 — The council approved the depot. Building began in 2025, "
            "its owners said.")


def result(text: str, own: date | None) -> FileResult:
    return document_result(Document("d", "/tmp/d.txt", "", own, text))


def test_a_history_has_no_date_of_its_own_and_nothing_planned() -> None:
    found = result(HISTORY, date(1850, 4, 3))
    assert found.document is not None and found.document.date is None
    assert len(found.drafts) == 4 and not any(d.mention.planned for d in found.drafts)


def test_a_statement_that_plans_later_years_keeps_its_date() -> None:
    found = result(STATEMENT, date(2019, 3, 12))
    assert found.document is not None and found.document.date == date(2019, 3, 12)
    assert sum(d.mention.planned for d in found.drafts) == 2


def test_a_dateline_dates_its_story_whatever_follows() -> None:
    found = result(DATELINE, date(2023, 5, 3))
    assert found.document is not None and found.document.date == date(2023, 5, 3)
