"""The old name of :mod:`timeline.dates` and :mod:`timeline.events`, kept for
one transition only: ``from timeline.extract.timecalc import ...`` and the like
still work while code written against the old layout is moved over. New code
imports from ``timeline.dates`` or ``timeline.events``; remove this package
once nothing imports it.
"""

from __future__ import annotations

import importlib
import sys

_MOVED = {
    **{name: f"timeline.dates.{name}" for name in (
        "context", "docdate", "handlers", "lexicon", "patterns", "reading", "relative",
        "temporal", "timecalc")},
    **{name: f"timeline.events.{name}" for name in (
        "actors", "candidates", "doctitle", "kinds", "merge", "phrases", "places",
        "sentences", "titles", "tokens", "vocab", "wording")},
    "events": "timeline.events.build",
}

for _old, _new in _MOVED.items():
    _module = importlib.import_module(_new)
    sys.modules[f"{__name__}.{_old}"] = _module
    globals()[_old] = _module
