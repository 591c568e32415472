"""Loading a folder through the store: a window that keeps answering, Cancel,
previews, watching, full-text search and opening a store file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

import timeline.collection
import timeline.workers
from timeline.collection import update_store
from timeline.gui.main_window import MainWindow
from timeline.pipeline import extract_corpus

MONTHS = ["March", "April", "May", "June", "July", "August", "September", "October"]


def dated_folder(root: Path, count: int) -> Path:
    """``count`` small statements, each with its own meeting and date."""
    folder = root / "statements"
    folder.mkdir()
    for i in range(count):
        (folder / f"s{i:02d}.txt").write_text(
            f"Statement {i}\n\nThe Ministerial Meeting on fisheries number {i + 1} was held "
            f"in Suva on {i % 27 + 1} {MONTHS[i % len(MONTHS)]} {2000 + i}.\n",
            encoding="utf-8")
    return folder


def busy_for(seconds: float) -> None:
    """Work that holds the interpreter, as extraction in this process does."""
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1


@pytest.fixture
def slow_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file takes 0.25 s longer (files below the pool's minimum are read
    in the loading thread, where this patch reaches). A wait, not work: these
    tests are about what Cancel and previews do, and the test process holds
    many windows' leftovers; the window's responsiveness under real work is
    measured in a process of its own (below)."""
    original = timeline.workers._run

    def slow(task):
        time.sleep(0.25)
        return original(task)

    monkeypatch.setattr(timeline.workers, "_run", slow)


@pytest.fixture
def new_window(qtbot, settings):
    windows = []

    def make() -> MainWindow:
        w = MainWindow(settings)
        qtbot.addWidget(w)
        w.resize(1200, 800)
        w.show()
        qtbot.waitExposed(w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.watcher.clear()
        w.loader.wait()


class GapMeter:
    """The longest gap between ticks of a 10 ms timer: how long the event
    loop was kept from running."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.ticks = 0
        self._last = time.perf_counter()
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1


RESPONSIVENESS_PROBE = r"""
import os, sys, tempfile, time
sys.path.insert(0, sys.argv[2])
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp()
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
import timeline.workers
from test_loading import GapMeter, busy_for
from timeline.gui.main_window import MainWindow

original = timeline.workers._run
def slow(task):
    busy_for(0.25)
    return original(task)
timeline.workers._run = slow

app = QApplication([])
window = MainWindow(QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"),
                              QSettings.Format.IniFormat))
window.show()
for _ in range(20):
    app.processEvents()
meter = GapMeter()
started = time.perf_counter()
window.loader.loaded.connect(app.quit)
window.open_paths([sys.argv[1]])
app.exec()
elapsed = time.perf_counter() - started
meter.timer.stop()
print(f"longest={meter.longest} elapsed={elapsed} ticks={meter.ticks} "
      f"documents={len(window.controller.corpus.documents)}")
window.loader.wait()
"""


def test_the_window_answers_while_a_slow_extraction_runs(tmp_path):
    # In a process of its own, so that what other tests left behind cannot
    # stand in for (or hide) a freeze.
    folder = dated_folder(tmp_path, 10)  # about 2.5 s of extraction
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", RESPONSIVENESS_PROBE, str(folder),
                             str(Path(__file__).parent)],
                            capture_output=True, text=True, timeout=120, env=env, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("longest="))
    found = dict(part.split("=") for part in line.split())
    longest, elapsed = float(found["longest"]), float(found["elapsed"])
    assert found["documents"] == "10"
    assert elapsed > 2.0  # the slowed extraction really ran
    # Were extraction on the GUI thread, the loop would stall for all of it
    # (the files are read in one call); in the loading thread the loop only
    # waits its turn for the interpreter (a loaded machine can stretch that).
    assert longest < 1.0, f"event loop stalled {longest * 1000:.0f} ms"
    assert int(found["ticks"]) > elapsed / 0.05


def cancelled_load(qtbot, window, folder: Path, after: int, cancel) -> object:
    """Open ``folder``, call ``cancel()`` once ``after`` files are read, and
    return what the load delivered."""
    with qtbot.waitSignal(window.loader.loaded, timeout=60000) as loaded:
        window.open_paths([str(folder)])
        qtbot.waitUntil(lambda: window.loading.bar.value() >= after, timeout=20000)
        cancel()
    return loaded.args[0]


def test_cancel_keeps_the_documents_read_so_far(qtbot, new_window, tmp_path, slow_extractor):
    folder = dated_folder(tmp_path, 12)
    window = new_window()
    result = cancelled_load(qtbot, window, folder, 2, window.loading.cancel.click)
    assert result.cancelled
    shown = len(window.controller.corpus.documents)
    assert 2 <= shown < 12
    assert window.stack.currentWidget() is window.timeline_page
    assert "Stopped" in window.statusBar().currentMessage()
    # The next opening reads only the rest.
    with qtbot.waitSignal(window.loader.loaded, timeout=60000) as again:
        window.open_paths([str(folder)])
    assert not again.args[0].cancelled
    assert len(window.controller.corpus.documents) == 12


def test_escape_cancels_a_load(qtbot, new_window, tmp_path, slow_extractor):
    window = new_window()
    result = cancelled_load(qtbot, window, dated_folder(tmp_path, 12), 1,
                            window.acts["clear_selection"].trigger)
    assert result.cancelled


def test_a_large_first_read_is_shown_before_it_ends(qtbot, new_window, tmp_path,
                                                    slow_extractor, monkeypatch):
    monkeypatch.setattr(timeline.collection, "PREVIEW_FIRST_S", 0.3)
    folder = dated_folder(tmp_path, 12)
    window = new_window()
    with qtbot.waitSignal(window.loader.loaded, timeout=60000):
        window.open_paths([str(folder)])
        with qtbot.waitSignal(window.loader.preview, timeout=20000) as preview:
            pass
        partial = preview.args[0]
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.timeline_page,
                        timeout=10000)
        assert 0 < len(partial.documents) < 12
        assert window.load_progress.isVisible()
    assert not window.load_progress.isVisible()
    assert len(window.controller.corpus.documents) == 12


def test_search_uses_the_full_text_index(qtbot, new_window, tmp_path):
    folder = dated_folder(tmp_path, 6)
    (folder / "other.txt").write_text("Note\n\nThe tuna workshop opened in Apia on 3 May 2015.\n")
    window = new_window()
    with qtbot.waitSignal(window.loader.loaded, timeout=60000):
        window.open_paths([str(folder)])
    assert window.controller._prepared._search is not None
    window.filter_bar.search.setText("tun")  # a prefix of a word in the sentence
    qtbot.waitUntil(lambda: len(window.controller.shown) == 1, timeout=10000)
    assert "Apia" in window.controller.shown[0].title + window.controller.corpus.document(
        window.controller.shown[0].mentions[0].document).text
    window.filter_bar.search.setText('"ministerial meeting"')
    qtbot.waitUntil(lambda: len(window.controller.shown) == 6, timeout=10000)


def test_a_file_added_changed_or_removed_is_picked_up(qtbot, new_window, tmp_path):
    folder = dated_folder(tmp_path, 4)
    window = new_window()
    with qtbot.waitSignal(window.loader.loaded, timeout=60000):
        window.open_paths([str(folder)])
    assert len(window.controller.corpus.documents) == 4
    window.controller.select(window.controller.corpus.events[0])
    kept = window.controller.selected.id

    with qtbot.waitSignal(window.loader.loaded, timeout=20000) as loaded:
        (folder / "new.txt").write_text("New\n\nThe Review Conference was held in Apia on "
                                        "9 May 2019.\n", encoding="utf-8")
    assert loaded.args[0].refresh
    assert len(window.controller.corpus.documents) == 5
    assert "1 file added" in window.statusBar().currentMessage()
    assert window.controller.selected is not None and window.controller.selected.id == kept

    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        (folder / "s01.txt").write_text("Statement 1\n\nThe Ministerial Meeting on fisheries "
                                        "was held in Suva on 4 June 1999.\n", encoding="utf-8")
    assert "1 file changed" in window.statusBar().currentMessage()
    assert any(e.when.start.year == 1999 for e in window.controller.corpus.events)

    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        (folder / "s02.txt").unlink()
    assert "1 file removed" in window.statusBar().currentMessage()
    assert len(window.controller.corpus.documents) == 4
    assert window.controller.corpus.events == extract_corpus([folder]).events


def test_a_store_file_opens_its_collection(qtbot, new_window, tmp_path):
    folder = dated_folder(tmp_path, 5)
    store = tmp_path / "kept.sqlite"
    built, _ = update_store([folder], store)
    window = new_window()
    with qtbot.waitSignal(window.loader.loaded, timeout=60000) as loaded:
        window.open_paths([str(store)])
    assert loaded.args[0].store == store
    assert window.controller.corpus.events == built.events
    assert "kept.sqlite" in window.windowTitle()
