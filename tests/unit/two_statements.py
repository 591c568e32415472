"""Two short invented documents about the same conference, and a writer of
text folders: the collection the edit and project tests work on."""

from __future__ import annotations

from pathlib import Path

STATEMENT = """Statement of the Co-Chairs

Ministers met in Bali on 29-30 March 2011 for the Fourth Regional Ministerial Conference. \
The Ad Hoc Group met in Sydney on 12 October 2011 to review progress.

A technical workshop on identity fraud is planned for mid-2013.
"""

REPORT = """Report of the Working Group

The Fourth Regional Ministerial Conference, held on 29-30 March 2011, agreed the Regional \
Cooperation Framework. A workshop on trafficking took place in Bangkok on 5 June 2012.
"""


def write(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder
