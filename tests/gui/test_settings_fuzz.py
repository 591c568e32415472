"""Whatever the settings file holds, the window starts, shows a folder and saves a
file that the next start reads without a single complaint.

Two kinds of damage are generated: values of any Python type stored through
``QSettings.setValue`` (what a buggy or different version of the app could
write), and raw INI text (what a hand edit, a truncated write or another program
could leave). Each example writes its file at a path Qt has never seen: Qt keeps
parsed settings files cached by path for the life of the process, and only a
fresh path makes it parse the bytes the way a new start of the app would.
"""

from __future__ import annotations

import gc
import itertools
import logging
import pickle
import re
import shutil
import struct
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings

from timeline.gui import commands
from timeline.gui import settings as stored
from timeline.gui.main_window import MainWindow
from timeline.index import LaneMode

GUI_SOURCES = Path(__file__).resolve().parents[2] / "timeline" / "gui"

# Every key the app reads (test_every_key_the_app_uses_is_fuzzed keeps this whole).
KEYS = ("window/geometry", "window/state", "window/splitter", "view/lanes", "view/theme",
        "view/lane_order", "view/keep_empty_lanes", "files/recent", "files/last_dir",
        "files/last_project")
SECTIONS = sorted({key.split("/")[0] for key in KEYS})
NAMES = sorted({key.split("/")[1] for key in KEYS})

FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])

PYSIDE_OBJECT = b"PySide::PyObjectWrapper"  # how PySide names a pickled Python object


# ------------------------------------------------------------------ fixtures

@pytest.fixture
def frozen_heap():
    """Exempts what exists before the test from garbage collection, so that the
    full collection after every window (see :func:`finish`) stays quick."""
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture
def fresh_path(tmp_path, frozen_heap):
    """Hands out settings paths Qt has not seen in this process, one folder each."""
    counter = itertools.count()

    def make() -> Path:
        place = tmp_path / f"start-{next(counter)}"
        place.mkdir()
        return place / "settings.ini"

    return make


# ------------------------------------------------------------------- helpers

class Collected(logging.Handler):
    """Keeps the warnings logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def warnings_logged():
    handler = Collected()
    logger = logging.getLogger("timeline")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def escaped(data: bytes) -> bytes:
    """``data`` as Qt's INI escapes write it inside ``@ByteArray(...)``/``@Variant(...)``:
    one ``\\xHH`` per byte, so no escape runs into the next."""
    return b"".join(b"\\x%x" % byte for byte in data)


def variant(type_id: int, payload: bytes, name: bytes = b"") -> bytes:
    """An ``@Variant(...)`` value as Qt's reader sees it: a type number, for a
    user type its name, then the type's own data."""
    head = struct.pack(">I", type_id)
    if name:
        head += struct.pack(">I", len(name) + 1) + name + b"\0"
    return b"@Variant(" + escaped(head + payload) + b")"


def python_object(pickled: bytes) -> bytes:
    """An ``@Variant(...)`` holding a pickled Python object, as PySide stores one."""
    return variant(127, struct.pack(">I", len(pickled)) + pickled, PYSIDE_OBJECT)


def start(path: Path) -> MainWindow:
    """The main window on the settings file at ``path``, shown, as the app starts it.
    (Not handed to qtbot: :func:`finish` deletes it, so examples do not pile up.)"""
    window = MainWindow(QSettings(str(path), QSettings.Format.IniFormat))
    window.show()
    return window


def finish(window: MainWindow) -> None:
    """Close ``window`` (which saves its settings), delete it, and collect what it
    leaves. Left to a later, automatic collection, its Qt objects owned by Python
    can be deleted while Qt holds the lock they need (PySide may collect inside
    ``disconnect``), and the process hangs; with hundreds of windows it happens."""
    window.close()
    window.loader.wait()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def open_folder(qtbot, window: MainWindow, folder: Path) -> list[str]:
    """File ▸ Open Folder… with the dialog answering ``folder``; where the dialog opened."""
    asked: list[str] = []

    def dialog(_parent, _caption, start_dir):
        asked.append(start_dir)
        return str(folder)

    with (patch.object(commands.QFileDialog, "getExistingDirectory", dialog),
          qtbot.waitSignal(window.loader.loaded, timeout=20000)):
        commands.open_folder(window)
    return asked


def survives(qtbot, path: Path, folder: Path, second: Path) -> None:
    """Start on the file at ``path``, load ``folder``, close; then start again on a
    copy of what was saved (at ``second``) and expect every setting to read cleanly."""
    with qtbot.captureExceptions() as raised:
        window = start(path)
        try:
            asked = open_folder(qtbot, window, folder)
            assert len(asked) == 1 and isinstance(asked[0], str)
            assert window.stack.currentWidget() is window.timeline_page
            assert len(window.controller.shown) == 1
            window.recent_menu.aboutToShow.emit()  # what opening File ▸ Open Recent reads
            assert window.recent_menu.actions()[0].isEnabled()
            window.set_lane_mode(LaneMode.ACTOR)
        finally:
            finish(window)
    assert not raised, [str(error[1]) for error in raised]
    assert path.exists()

    shutil.copyfile(path, second)
    with qtbot.captureExceptions() as raised, warnings_logged() as warned:
        again = start(second)
        try:
            assert again.settings.status() == QSettings.Status.NoError
            assert again.controller.lane_mode is LaneMode.ACTOR
            assert again.recent.entries()[0] == [str(folder.resolve())]
            assert commands._start_dir(again) == str(folder)
        finally:
            finish(again)
    assert not raised, [str(error[1]) for error in raised]
    assert not warned
    assert not list(second.parent.glob("*.corrupt-*"))


# ------------------------------------------------ (a) values of any Python type

# Text with everything: controls, NULs, lone surrogates, quotes, commas, @-prefixes.
text = st.text(st.characters(exclude_categories=()), max_size=40) | st.sampled_from(
    ["", "@ByteArray(", "@Variant(x)", "@Invalid()", '"', "a, b", "\\", "=", "[x]",
     "document", "kind", "actor", "[]", '[["/a"]]', "[" * 3000, "x" * 50_000])
int64 = st.integers(-(2**63), 2**63 - 1)
scalar = (st.none() | st.booleans() | int64 | st.floats() | text | st.binary(max_size=80)
          | st.binary(max_size=80).map(QByteArray))
python_value = st.recursive(
    scalar,
    lambda inner: (st.lists(inner, max_size=4)
                   | st.dictionaries(text, inner, max_size=4)
                   | st.dictionaries(int64, inner, max_size=3)
                   | st.tuples(inner, inner)),
    max_leaves=10)
stored_values = st.dictionaries(st.sampled_from([*KEYS, "window/other", "stray"]),
                                python_value, min_size=1, max_size=len(KEYS) + 2)


@FUZZ
@given(values=stored_values)
def test_any_stored_value_leaves_the_app_working(qtbot, folder, fresh_path, values):
    scratch = fresh_path()
    writer = QSettings(str(scratch), QSettings.Format.IniFormat)
    for key, value in values.items():
        writer.setValue(key, value)
    writer.sync()
    assert writer.status() == QSettings.Status.NoError
    path = fresh_path()
    shutil.copyfile(scratch, path)
    survives(qtbot, path, folder, fresh_path())


# --------------------------------------------------------- (b) raw INI text

def utf8(strategy):
    return strategy.map(lambda s: s.encode("utf-8", "surrogatepass"))


raw_text = utf8(st.text(st.characters(exclude_categories=()), max_size=60))
text_and_bytes = st.one_of(
    raw_text,
    st.binary(max_size=60),  # seldom valid UTF-8
    raw_text.map(lambda s: b'"' + s),  # unbalanced quote
    raw_text.map(lambda s: b'"' + s + b'"'),
    st.integers(1, 300_000).map(lambda n: b"y" * n),  # very long
    st.sampled_from([b"a, b, c", b"\\", b"\\x", b"\\xffffffffff", b"\\0\\0\\0", b";",
                     b"=", b"document", b"kind", b"actor", b'"[[\\"/a\\"]]"', b"[" * 5000]),
)
# Qt's own markers whose contents it reads as text.
qt_text_types = st.one_of(
    st.binary(max_size=80).map(lambda b: b"@ByteArray(" + escaped(b) + b")"),
    st.binary(max_size=80).map(lambda b: b"@ByteArray(" + b),  # unclosed, unescaped
    st.sampled_from([b"@Invalid()", b"@String(", b"@String(x)", b"@Rect(1 2 x)",
                     b"@Size(-1 -1)", b"@Point(9999999999999999999 0)", b"@", b"@)", b"@@x"]),
)


def global_lookup(module_name: tuple[str, str]) -> bytes:
    """A pickle that only looks up ``module.name`` (what any pickled call starts with)."""
    module, name = (part.encode() for part in module_name)
    return (b"\x80\x04\x8c" + bytes([len(module)]) + module + b"\x8c" + bytes([len(name)])
            + name + b"\x93.")


plain_data = st.recursive(st.none() | st.booleans() | int64 | st.text(max_size=8)
                          | st.binary(max_size=8), lambda inner: st.lists(inner, max_size=3),
                          max_leaves=6)
pickled = st.one_of(
    st.binary(max_size=40),
    st.builds(pickle.dumps, plain_data, st.integers(0, pickle.HIGHEST_PROTOCOL)).flatmap(
        lambda data: st.just(data) | st.integers(0, len(data)).map(lambda cut: data[:cut])),
    st.sampled_from([("builtins", "len"), ("collections", "OrderedDict"), ("os", "getcwd"),
                     ("no_such_module", "x")]).map(global_lookup),
)
# Values Qt decodes from binary: random data, typed data, pickled Python objects.
binary_value = st.one_of(
    st.binary(max_size=80).map(lambda b: b"@Variant(" + escaped(b) + b")"),
    st.builds(variant, st.sampled_from([0, 1, 2, 6, 8, 9, 10, 11, 12, 14, 16, 28, 31, 32, 38,
                                        127, 1000, 65536, 2**32 - 1]),
              st.binary(max_size=40)),
    st.builds(variant, st.just(127), st.binary(max_size=24), st.binary(max_size=30)),
    pickled.map(python_object),
    st.binary(max_size=30).map(lambda b: b"@DateTime(" + escaped(b) + b")"),
)


def one_line(strategy):
    """``strategy``'s bytes with line breaks blanked: a value, not several lines."""
    return strategy.map(lambda b: b.replace(b"\r", b" ").replace(b"\n", b" "))


def under_its_section(key_and_value: tuple[str, bytes]) -> bytes:
    section_name, name = key_and_value[0].encode().split(b"/")
    return b"[%s]\n%s=%s" % (section_name, name, key_and_value[1])


value = one_line(st.one_of(text_and_bytes, qt_text_types))
section = st.one_of(st.sampled_from([*SECTIONS, "General"]).map(lambda s: f"[{s}]".encode()),
                    one_line(utf8(st.text(max_size=8))).map(lambda s: b"[" + s + b"]"))
key = st.one_of(st.sampled_from(NAMES).map(str.encode),
                st.sampled_from(KEYS).map(lambda k: k.replace("/", "\\").encode()),
                st.sampled_from(KEYS).map(lambda k: k.replace("/", "%2F").encode()),
                one_line(utf8(st.text(max_size=10))))
read_key = st.tuples(st.sampled_from(KEYS), value).map(under_its_section)  # a key the app reads
line = st.one_of(read_key, read_key, st.tuples(key, value).map(b"=".join), section)
ending = st.sampled_from([b"\n", b"\r\n", b"\r", b"\\\n"])
lines = st.lists(st.tuples(line, ending).map(b"".join), max_size=12)
# Damage that costs the whole file: a line Qt refuses outright (no "=", an
# unclosed header) or a binary value. Only about one file in four has some, so
# that the rest are read value by value.
damage = st.one_of(
    value,
    one_line(utf8(st.text(max_size=8))).map(lambda s: b"[" + s),
    st.tuples(st.sampled_from(KEYS), one_line(binary_value)).map(under_its_section),
    st.tuples(key, one_line(binary_value)).map(b"=".join),
)
some_damage = st.one_of(st.just([]), st.just([]), st.just([]),
                        damage.map(lambda d: [d + b"\n"]))
ini_file = st.tuples(lines, some_damage).map(lambda parts: b"".join(parts[0] + parts[1]))


@FUZZ
@given(content=ini_file)
def test_any_ini_text_leaves_the_app_working(qtbot, folder, fresh_path, content):
    path = fresh_path()
    path.write_bytes(content)
    survives(qtbot, path, folder, fresh_path())


# ------------------------------------------------------- cases worth keeping

def test_every_key_the_app_uses_is_fuzzed():
    used = set()
    for source in GUI_SOURCES.glob("*.py"):
        used |= set(re.findall(r'"([a-z_]+/[a-z_]+)"', source.read_text()))
    assert used == set(KEYS)


def test_a_value_that_cannot_be_unpickled_does_not_stop_the_start(qtbot, folder, fresh_path):
    path = fresh_path()
    path.write_bytes(b"[view]\nlanes=" + python_object(b"\x80\x04garbage") + b"\n")
    survives(qtbot, path, folder, fresh_path())


def test_a_pickled_object_in_the_file_is_never_built(qtbot, folder, fresh_path, tmp_path):
    marker = tmp_path / "was-run"
    # What pickle.dumps writes for an object whose __reduce__ is (open, (marker, "w")).
    call = (b"\x80\x04\x8c\x08builtins\x94\x8c\x04open\x94\x93\x94"
            + b"\x8c" + bytes([len(str(marker))]) + str(marker).encode()
            + b"\x94\x8c\x01w\x94\x86\x94R\x94.")
    path = fresh_path()
    path.write_bytes(b"[view]\nlanes=" + python_object(call) + b"\n[stray]\nkey="
                     + python_object(call) + b"\n")
    survives(qtbot, path, folder, fresh_path())
    assert not marker.exists()
    assert list(path.parent.glob("settings.ini.corrupt-*"))  # kept for the user to look at


def test_a_list_claiming_billions_of_items_does_not_abort_the_start(qtbot, folder, fresh_path):
    # Qt reserves room for the stated count before reading a single item, and a
    # failed allocation there ends the process: no Python code could catch it.
    path = fresh_path()
    path.write_bytes(b"[window]\ngeometry=" + variant(9, b"\x7f\xff\xff\xf0") + b"\n")
    survives(qtbot, path, folder, fresh_path())
    assert list(path.parent.glob("settings.ini.corrupt-*"))



def test_binary_values_that_cannot_be_moved_aside_are_never_parsed(qtbot, fresh_path,
                                                                     monkeypatch):
    path = fresh_path()
    content = b"[window]\ngeometry=" + variant(9, b"\x7f\xff\xff\xf0") + b"\n"
    path.write_bytes(content)

    def cannot_move(_path):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(stored, "move_aside", cannot_move)
    window = start(path)
    try:
        assert window.settings.fileName() == ""  # this session's settings live in memory
        assert window.settings.value("window/geometry") is None
    finally:
        finish(window)
    assert path.read_bytes() == content

# ------------------------------------ the screen against Qt's own unescaping

INT_SEVEN = rb"\0\0\0\x2\0\0\0\x7)"  # the rest of an @Variant holding the int 7

DISGUISES = [b"@Variant(", rb"\x40Variant(", rb"\x10040Variant(", rb"\100Variant(",
             b'@"Variant("', b'"@Var" iant(', b"@Vari\\\r\nant(", b"@Vari\\qant(",
             b"x, @Variant(", rb"@Variant\50", b'@Var"ia"nt(']


def decoded_by_qt(path: Path) -> bool:
    value = QSettings(str(path), QSettings.Format.IniFormat).value("window/geometry")
    return value == 7 or (isinstance(value, list) and 7 in value)


@pytest.mark.parametrize("spelling", DISGUISES)
def test_the_screen_sees_through_escapes_qt_undoes(tmp_path, spelling):
    path = tmp_path / "settings.ini"
    path.write_bytes(b"[window]\ngeometry=" + spelling + INT_SEVEN + b"\n")
    assert decoded_by_qt(path)  # the spelling really is read as a binary value
    assert stored.holds_binary_values(path)


def spelled(char: str):
    """``char`` as it stands, or as one of the escapes Qt turns back into it."""
    code = ord(char)
    return st.one_of(st.just(char.encode()),
                     st.integers(0, 3).map(lambda zeros: b"\\x" + b"0" * zeros + b"%x" % code),
                     st.just(b"\\x1%04x" % code),  # past 16 bits, wraps back to ``char``
                     st.just(b"\\%o" % code))


# What Qt drops between two characters of a value; mostly nothing.
skipped = st.sampled_from([b""] * 6 + [b'""', b"\\\n", b"\\\r\n", b"\\q", b"\\x"])
disguised = st.tuples(*(st.tuples(skipped, spelled(c)) for c in "@Variant(")).map(
    lambda parts: b"".join(gap + char for gap, char in parts))


@settings(max_examples=150, deadline=None)
@given(lead=st.sampled_from([b"", b"  ", b'"', b"x, ", b'"x", ', b"x,\\\n"]), spelling=disguised)
def test_whatever_qt_reads_as_binary_the_screen_refuses(tmp_path_factory, lead, spelling):
    path = tmp_path_factory.mktemp("screen") / "settings.ini"
    path.write_bytes(b"[window]\ngeometry=" + lead + spelling + INT_SEVEN + b"\n")
    if decoded_by_qt(path):
        assert stored.holds_binary_values(path)
