"""A date axis whose labels read like dates people write: 2013, Apr, Jan 2013, 7 Apr."""

from __future__ import annotations

from datetime import datetime, timedelta

import pyqtgraph as pg

_EPOCH = datetime(1970, 1, 1)
DAY = 86400.0


def _utc(t: float) -> datetime | None:
    # Arithmetic from the epoch works before 1970 too, where fromtimestamp may not.
    try:
        return _EPOCH + timedelta(seconds=float(t))
    except OverflowError:
        return None


def tick_label(t: float, spacing: float) -> str:
    """The label for a tick at epoch second ``t`` on an axis ticked every ``spacing`` s."""
    when = _utc(t)
    if when is None:
        return ""
    if spacing >= 300 * DAY:
        return str(when.year)
    if spacing >= 27 * DAY:
        return f"{when:%b} {when.year}" if when.month == 1 else f"{when:%b}"
    if spacing >= 0.99 * DAY:
        return f"{when.day} {when:%b} {when.year}" if when.day == 1 else f"{when.day} {when:%b}"
    return f"{when:%H:%M}"


class TimeAxis(pg.DateAxisItem):
    """``DateAxisItem`` in UTC with plainer labels."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation, utcOffset=0)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [tick_label(v, spacing) for v in values]
