"""A damaged settings file costs the user their layout, never the app."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from timeline.gui import commands
from timeline.gui import settings as stored
from timeline.gui.main_window import MainWindow
from timeline.index import LaneMode

WRONG_TYPES = """\
[window]
geometry=hello
state=@ByteArray(not a saved state)
splitter=top, bottom

[files]
recent=5
last_dir=one, two

[view]
lanes=sideways, upwards
"""

# An unclosed section header is what Qt's INI reader refuses outright.
UNPARSABLE = b"\xff\xfe[\x00garbage \x89PNG\r\n[window\ngeometry=\x00\x01\n"


def settings_from(path, content: bytes) -> QSettings:
    path.write_bytes(content)
    return QSettings(str(path), QSettings.Format.IniFormat)


def open_and_load(qtbot, window: MainWindow, folder) -> None:
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        window.open_paths([str(folder)])


def test_values_of_the_wrong_type_fall_back_to_defaults(qtbot, tmp_path, folder, caplog):
    settings = settings_from(tmp_path / "odd.ini", WRONG_TYPES.encode())
    with caplog.at_level(logging.WARNING, logger="timeline.gui"):
        window = MainWindow(settings)
        open_and_load(qtbot, window, folder)
    assert window.stack.currentWidget() is window.timeline_page
    assert len(window.controller.corpus.documents) == 1
    assert window.controller.lane_mode is LaneMode.DOCUMENT
    assert window.recent.entries() == [[str(folder.resolve())]]
    warned = caplog.text
    for key in ("window/geometry", "window/state", "window/splitter", "files/recent",
                "view/lanes"):
        assert key in warned
    window.loader.wait()


def test_a_list_where_a_folder_belongs_opens_the_dialogs_at_home(tmp_path, monkeypatch,
                                                                 qtbot):
    settings = settings_from(tmp_path / "odd.ini", WRONG_TYPES.encode())
    window = MainWindow(settings)
    qtbot.addWidget(window)
    seen = []
    monkeypatch.setattr(commands.QFileDialog, "getExistingDirectory",
                        lambda _parent, _caption, start: seen.append(start) or "")
    commands.open_folder(window)
    assert seen == [str(Path.home())]


def test_an_unparsable_file_is_moved_aside_and_the_app_starts(qtbot, tmp_path, folder):
    path = tmp_path / "settings.ini"
    damaged = settings_from(path, UNPARSABLE)
    assert damaged.status() == QSettings.Status.FormatError  # the case under test
    window = MainWindow(damaged)
    open_and_load(qtbot, window, folder)
    assert window.stack.currentWidget() is window.timeline_page
    kept = list(tmp_path.glob("settings.ini.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == UNPARSABLE
    window.set_lane_mode(LaneMode.KIND)
    window.close()
    again = QSettings(str(path), QSettings.Format.IniFormat)
    assert again.status() == QSettings.Status.NoError
    assert again.value("view/lanes") == LaneMode.KIND.value
    window.loader.wait()


def test_moving_aside_never_overwrites_an_earlier_copy(tmp_path):
    path = tmp_path / "settings.ini"
    names = set()
    for n in range(3):
        path.write_bytes(b"[broken %d" % n)
        names.add(stored.move_aside(path).name)
    assert len(names) == 3 and not path.exists()


@pytest.mark.parametrize(("content", "expected"), [
    (b"[files]\nrecent=\"[[\\\"/a\\\"], 7, [3], []]\"\n", [["/a"]]),
    (b"[files]\nrecent={not json\n", []),
    (b"[files]\nrecent=\"" + b"[" * 5000 + b"\"\n", []),
    (b"[files]\nrecent=\"{\\\"a\\\": 1}\"\n", []),
])
def test_recent_entries_keep_only_lists_of_paths(qtbot, tmp_path, content, expected):
    window = MainWindow(settings_from(tmp_path / "odd.ini", content))
    qtbot.addWidget(window)
    assert window.recent.entries() == expected


def test_typed_reads_hand_back_what_fits(tmp_path):
    settings = settings_from(tmp_path / "typed.ini", b"[a]\ntext=word\nbytes=@ByteArray(xyz)\n")
    assert stored.read_str(settings, "a/text", "d") == "word"
    assert stored.read_str(settings, "a/missing", "d") == "d"
    assert stored.read_bytes(settings, "a/bytes") == QByteArray(b"xyz")
    assert stored.read_bytes(settings, "a/text") is None
    assert stored.read_choice(settings, "a/text", {"other"}, "other") == "other"
