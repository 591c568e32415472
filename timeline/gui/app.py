"""Start the desktop application."""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

# Debian/Ubuntu packages that provide the libraries Qt's xcb platform plugin needs.
XCB_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
ALL_XCB_PACKAGES = ("libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 "
                    "libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0")


class DisplayError(RuntimeError):
    """The window cannot be shown here; the message says what to do."""


def _uses_xcb() -> bool:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    return sys.platform.startswith("linux") and not os.environ.get("WAYLAND_DISPLAY")


def check_display() -> None:
    """Raise :class:`DisplayError` with advice when Qt's xcb plugin would fail to
    load, instead of letting Qt abort with its own message."""
    if not _uses_xcb():
        return
    if not os.environ.get("DISPLAY"):
        raise DisplayError("No display found (DISPLAY is not set). Run the app in a desktop "
                           "session, or set QT_QPA_PLATFORM=offscreen for headless use.")
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return
    try:
        ctypes.CDLL(str(plugin))
    except OSError as error:
        raise DisplayError(missing_library_message(str(error))) from None
    if not can_connect_x11():
        raise DisplayError(f"Cannot connect to the display {os.environ['DISPLAY']!r}: is an X "
                           "server running there, and may this user use it? For headless "
                           "use, set QT_QPA_PLATFORM=offscreen.")


def can_connect_x11() -> bool:
    """True when an X connection to $DISPLAY opens (Qt would abort otherwise)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # cannot tell; let Qt try and report
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)
    failed = xcb.xcb_connection_has_error(connection) != 0
    xcb.xcb_disconnect(connection)
    return not failed


def missing_library_message(loader_error: str) -> str:
    """Advice for a loader error such as ``libxcb-cursor.so.0: cannot open ...``."""
    match = re.search(r"(lib[\w.+-]+\.so[.\d]*)", loader_error)
    library = match[1] if match else "a system library"
    package = XCB_PACKAGES.get(library)
    wanted = f"the package {package}" if package else "the package that provides it"
    return (f"The window cannot open: Qt's X11 (xcb) support needs {library}, which is "
            f"missing. Install {wanted}; on Debian or Ubuntu the usual set is:\n"
            f"  sudo apt-get install {ALL_XCB_PACKAGES}\n"
            "For headless use, set QT_QPA_PLATFORM=offscreen.")


def run_app(paths: Sequence[str], demo: int | None = None,
            otherwise: Sequence[str] = ()) -> int:
    """Open the main window on ``paths`` (or on ``demo`` generated events;
    with neither, on the project open when the app last closed, else on
    ``otherwise``) and run until it closes; the exit status."""
    try:
        check_display()
    except DisplayError as error:
        print(f"timeline: {error}", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from timeline.gui import qt_compat  # noqa: F401  (before any other Qt call)
    from timeline.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Timeline")
    app.setApplicationName("Timeline")
    window = MainWindow()
    window.show()
    if demo:
        from timeline.gui.demo_loader import open_demo

        open_demo(window, demo)
    elif paths:  # the command line's paths (a project file among them) win
        window.open_paths(list(paths))
    elif not window.projects.reopen_last():
        window.open_paths(list(otherwise))
    status = app.exec()
    window.loader.wait()
    # Tear the widgets down while Qt is still alive, so nothing is left for
    # the interpreter's final garbage collection to destroy out of order.
    window.deleteLater()
    app.processEvents()
    del window
    return int(status)
