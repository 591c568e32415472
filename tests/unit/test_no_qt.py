"""Nothing below the GUI imports Qt: the extractor and CLI run with no display."""

from __future__ import annotations

import subprocess
import sys

MODULES = ["timeline.dates.temporal", "timeline.events.build", "timeline.model",
           "timeline.pipeline", "timeline.cli",
           "timeline.index", "timeline.gui.wording", "timeline.gui.filters",
           "timeline.gui.columns", "timeline.gui.table_order",
           "timeline.gui.labels", "timeline.gui.dateparse"]


def test_core_modules_do_not_import_qt():
    code = (f"import sys\nfor m in {MODULES!r}: __import__(m)\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in "
            "('PySide6', 'pyqtgraph', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
