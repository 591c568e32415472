"""Which colour scheme the window uses, and keeping it so.

By default the desktop's: the theme turns dark when the system palette does,
live. View ▸ Theme can force Light or Dark instead (kept in the settings like
the lane grouping); ``TIMELINE_THEME=light|dark|system`` in the environment
overrides both, for screenshots and for desktops that report their scheme
wrongly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from timeline.gui import theme
from timeline.gui.settings import read_choice

MODES = {"system": "&System", "light": "&Light", "dark": "&Dark"}
SETTING = "view/theme"
ENVIRONMENT = "TIMELINE_THEME"


def chosen_mode(settings: QSettings) -> str:
    """"system", "light" or "dark": the environment's choice, else the saved one."""
    return environment_mode() or saved_mode(settings)


def environment_mode() -> str | None:
    """The mode named by ``TIMELINE_THEME``, if it names one."""
    wanted = os.environ.get(ENVIRONMENT, "").strip().lower()
    return wanted if wanted in MODES else None


def saved_mode(settings: QSettings) -> str:
    """The mode kept in the settings; "system" when none or an odd one is."""
    return read_choice(settings, SETTING, MODES, "system")


class Appearance(QObject):
    """Keeps the theme in step with the chosen mode and, in "system" mode,
    with the desktop; owns the View ▸ Theme menu."""

    def __init__(self, window: QMainWindow, settings: QSettings, view_menu: QMenu,
                 themed: Iterable[QObject] = ()) -> None:
        """``themed``: widgets with an ``apply_theme()`` that do not follow the
        theme by themselves."""
        super().__init__(window)
        for widget in themed:
            theme.notifier().changed.connect(widget.apply_theme)
        self.settings = settings
        saved = saved_mode(settings)
        # Written back at once, so that a damaged value is replaced like the
        # window's other settings are when it closes.
        settings.setValue(SETTING, saved)
        self.mode = environment_mode() or saved
        self._forced = False  # whether the application palette is ours
        self.menu = self._build_menu(view_menu)
        # The palette change reaches the window, not a plain QObject; watching
        # the window alone keeps the filter off every other widget's events.
        window.installEventFilter(self)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # Qt 6.5+
            hints.colorSchemeChanged.connect(self._on_system_change)
        self.apply()

    def _build_menu(self, view_menu: QMenu) -> QMenu:
        view_menu.addSeparator()
        menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        for mode, text in MODES.items():
            action = QAction(text, group, checkable=True)
            action.setData(mode)
            action.setChecked(mode == self.mode)
            action.triggered.connect(lambda _on=False, m=mode: self.set_mode(m))
            menu.addAction(action)
        return menu

    def set_mode(self, mode: str) -> None:
        """Follow the desktop ("system") or force "light" or "dark"; remembered."""
        self.mode = mode
        self.settings.setValue(SETTING, mode)
        for action in self.menu.actions():
            action.setChecked(action.data() == mode)
        self.apply()

    def apply(self) -> None:
        """Bring the theme and the widgets' palette in line with the mode."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if self.mode == "system":
            self._release(app)
            theme.follow_system(app)
            return
        theme.use(self.mode == "dark")
        self._force(app)

    def _force(self, app: QApplication) -> None:
        """Give the widgets the theme's palette, against the desktop's."""
        scheme = getattr(Qt, "ColorScheme", None)
        if scheme is not None and hasattr(app.styleHints(), "setColorScheme"):  # Qt 6.8+
            app.styleHints().setColorScheme(scheme.Dark if theme.dark else scheme.Light)
        # Native styles may draw with the desktop's colours whatever the
        # palette says; Fusion honours it.
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        self._forced = True
        app.setPalette(theme.widget_palette())

    def _release(self, app: QApplication) -> None:
        """Hand the palette back to the desktop."""
        if not self._forced:
            return
        self._forced = False
        hints = app.styleHints()
        if hasattr(hints, "unsetColorScheme"):  # Qt 6.8+
            hints.unsetColorScheme()
        app.setPalette(QPalette())  # resolves to the platform's own

    def _on_system_change(self, *_args: object) -> None:
        app = QApplication.instance()
        if self.mode == "system" and isinstance(app, QApplication):
            theme.follow_system(app)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange and not self._forced:
            self._on_system_change()
        return False
