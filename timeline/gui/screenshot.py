"""Save a picture of the app on the bundled seeds with an event selected.

``python -m timeline.gui.screenshot resources/screenshot.png`` (``make screenshot``
runs this with ``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from timeline.model import Event, Granularity

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SIZE = (1600, 1000)


def showcase_event(events: list[Event]) -> Event | None:
    """An event worth showing: cited most often, precisely dated, then the one
    nearest the middle of the timeline."""
    if not events:
        return None
    middle = sorted(e.when.start for e in events)[len(events) // 2]
    return max(events, key=lambda e: (len(e.mentions), e.when.granularity is Granularity.DAY,
                                      -abs((e.when.start - middle).days)))


def _quiet_offscreen(_kind: object, _context: object, message: str) -> None:
    """Drop the offscreen platform's note that it cannot resize windows to
    their hints (said once per window, meaningless for a screenshot)."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def take(path: str, sources: list[str]) -> int:
    """Open ``sources``, select the showcase event and save the window to ``path``."""
    from PySide6.QtCore import QEventLoop, QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from timeline.gui.main_window import MainWindow

    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(*SIZE)
        window.show()
        loop = QEventLoop()
        window.loader.loaded.connect(loop.quit)
        window.open_paths(sources)
        loop.exec()
        window.controller.wait_idle()  # a large collection is laid out in the background
        window.table.wait_idle()
        app.processEvents()
        event = showcase_event(list(window.controller.shown))
        window.controller.select(event)
        window.canvas.fit_all()  # the view a user first sees, with the selection in it
        window.update_status()
        app.processEvents()
        ok = window.grab().save(path, "PNG")
        window.close()
        window.deleteLater()
        app.processEvents()
    print(f"{'wrote' if ok else 'could not write'} {path}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    """Command line: ``screenshot [OUTPUT.png] [SOURCE...]``."""
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = args[0] if args else "resources/screenshot.png"
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    return take(out, args[1:] or [str(SEEDS)])


if __name__ == "__main__":
    sys.exit(main())
