"""CSV that is safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) is run as a formula by spreadsheet programs, so a sentence
quoted from a hostile document could execute there. Such cells are written
with a leading apostrophe, as OWASP recommends; plain numbers and ISO dates
(``-5``, ``+44``, ``-0489-01-01``) are left as they are, since they are data
and no spreadsheet runs them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TextIO

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER_OR_DATE = re.compile(r"[-+]?(?:\d+(?:\.\d+)?|\d{4,}-\d{2}-\d{2})")


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell no spreadsheet will run as a formula.

    Carriage returns become line feeds, so that every line break inside a
    cell is one the writer quotes (a bare ``\\r`` would otherwise be written
    unquoted and split the row in some readers).
    """
    text = str(value)
    risky = text.startswith(_FORMULA_START) and not _PLAIN_NUMBER_OR_DATE.fullmatch(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if risky else text


def write_rows(out: TextIO, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    """A header and rows as CSV on ``out``, every cell made safe."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
