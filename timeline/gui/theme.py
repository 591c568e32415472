"""Colours, sizes and fonts in one place, in a light and a dark scheme.

Painting code reads the names below as ``theme.X`` at paint time, so
:func:`use` can switch every one of them between the schemes at once. It bumps
:data:`generation` (caches of rendered colours compare it with the one they
were built at) and emits :func:`notifier`'s ``changed`` signal so that widgets
which keep colours of their own (pens, pyqtgraph backgrounds, rich text) can
rebuild them.

The kind colours were chosen by search, then rounded: every pair is at least
CIEDE2000 16 apart for normal vision and under simulated protanopia,
deuteranopia and tritanopia, and each has 3:1 contrast against the canvas
(tests/gui/test_theme.py measures both).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from timeline.model import Kind

# ----------------------------------------------------------------- schemes
# Each scheme gives a value to every name in the other; :func:`use` copies one
# of them onto the module.

LIGHT: dict[str, Any] = {
    "KIND_COLOURS": {
        Kind.MEETING: "#6055BF",      # indigo
        Kind.CONFERENCE: "#C8710C",   # ochre
        Kind.WORKSHOP: "#0096B2",     # teal
        Kind.AGREEMENT: "#85286A",    # plum
        Kind.LAUNCH: "#276949",       # green
        Kind.PUBLICATION: "#9C1500",  # brick red
        Kind.OTHER: "#7D7D7D",        # the quietest: a mid grey
    },
    "BACKGROUND": "#FBFBFA",
    "LANE_SHADE": "#F1F2F4",
    "HEADER_SHADE": "#E4E7EC",
    "HEADER_TEXT": "#2B3340",
    "LABEL_TEXT": "#1E2530",
    "MUTED_TEXT": "#5F6874",
    "SECONDARY_TEXT": "#4A5260",
    "CLUSTER_TEXT": "#FFFFFF",
    "GRID": "#E2E4E8",
    "SELECTION": "#111111",
    "HOVER": "#F2B705",
    "DOC_DATE": "#8A5A00",
    "OVERVIEW_FILL": "#9DB4CF",
    "LINK": "#2F5F96",
    "REGION_FILL": (58, 110, 165, 40),
    # Counts per pixel column, few to many: pale to strong, one hue, so the
    # order reads without colour vision.
    "DENSITY": ("#D6E2F0", "#A9C1DD", "#7B9FC9", "#4F7CB3", "#2A5A96", "#123D73"),
    "SENTENCE_HIGHLIGHT": "#FFF1B8",
    "MENTION_HIGHLIGHT": "#FFD24D",
    "MENTION_TEXT": "#1E2530",
    "OTHER_MENTION": "#D9E6F6",
    "UNPLACED_MARK": "#F6D5D5",
    "MARKER_EDGE_DARKER": 125,  # QColor.darker() factor for marker outlines
    # The widget palette used when the scheme is forced against the system's.
    "PALETTE": {
        "Window": "#EFEFEF", "WindowText": "#1E2530", "Base": "#FFFFFF",
        "AlternateBase": "#F5F6F8", "Text": "#1E2530", "Button": "#EBECEE",
        "ButtonText": "#1E2530", "BrightText": "#FFFFFF", "Highlight": "#3071C4",
        "HighlightedText": "#FFFFFF", "ToolTipBase": "#FFFFDC", "ToolTipText": "#1E2530",
        "PlaceholderText": "#6B7480", "Link": "#2F5F96", "LinkVisited": "#6A3F96",
        "Light": "#FFFFFF", "Midlight": "#E3E3E3", "Mid": "#B8B8B8", "Dark": "#9F9F9F",
        "Shadow": "#767676",
    },
}

DARK: dict[str, Any] = {
    # Lighter variants of the same hues, found by the same search with each
    # kind kept within about 30 degrees of hue of its light colour.
    "KIND_COLOURS": {
        Kind.MEETING: "#8698FF",
        Kind.CONFERENCE: "#DDA328",
        Kind.WORKSHOP: "#44E5F2",
        Kind.AGREEMENT: "#976D9E",
        Kind.LAUNCH: "#BAD6A4",
        Kind.PUBLICATION: "#D74B5B",
        Kind.OTHER: "#9B9B9B",
    },
    "BACKGROUND": "#1C1F24",
    "LANE_SHADE": "#23272E",
    "HEADER_SHADE": "#2F343C",
    "HEADER_TEXT": "#D5DAE1",
    "LABEL_TEXT": "#E3E6EA",
    "MUTED_TEXT": "#9AA3AE",
    "SECONDARY_TEXT": "#B4BCC6",
    "CLUSTER_TEXT": "#101214",
    "GRID": "#3A4049",
    "SELECTION": "#F4F5F7",
    "HOVER": "#F2B705",
    "DOC_DATE": "#E0A84A",
    "OVERVIEW_FILL": "#4D6A8E",
    "LINK": "#8AB4F8",
    "REGION_FILL": (138, 180, 248, 46),
    "DENSITY": ("#2B3A4E", "#3A5676", "#4C74A0", "#6A95C6", "#97BBE3", "#CFE0F5"),
    "SENTENCE_HIGHLIGHT": "#4A4220",
    "MENTION_HIGHLIGHT": "#FFD24D",
    "MENTION_TEXT": "#1E2530",
    "OTHER_MENTION": "#26384F",
    "UNPLACED_MARK": "#5C2B2E",
    "MARKER_EDGE_DARKER": 160,
    "PALETTE": {
        "Window": "#2A2D32", "WindowText": "#E3E6EA", "Base": "#1E2125",
        "AlternateBase": "#262A30", "Text": "#E3E6EA", "Button": "#33373D",
        "ButtonText": "#E3E6EA", "BrightText": "#FFFFFF", "Highlight": "#3D6FB6",
        "HighlightedText": "#FFFFFF", "ToolTipBase": "#33373D", "ToolTipText": "#E3E6EA",
        "PlaceholderText": "#8C949E", "Link": "#8AB4F8", "LinkVisited": "#C3A5F0",
        "Light": "#4A4F57", "Midlight": "#3C4047", "Mid": "#2E3238", "Dark": "#17191C",
        "Shadow": "#0B0C0E",
    },
}

# The names every painter reads, light to start with; use() rebinds them.
KIND_COLOURS: dict[Kind, str] = LIGHT["KIND_COLOURS"]
BACKGROUND: str = LIGHT["BACKGROUND"]
LANE_SHADE: str = LIGHT["LANE_SHADE"]
HEADER_SHADE: str = LIGHT["HEADER_SHADE"]
HEADER_TEXT: str = LIGHT["HEADER_TEXT"]
LABEL_TEXT: str = LIGHT["LABEL_TEXT"]
MUTED_TEXT: str = LIGHT["MUTED_TEXT"]
SECONDARY_TEXT: str = LIGHT["SECONDARY_TEXT"]
CLUSTER_TEXT: str = LIGHT["CLUSTER_TEXT"]
GRID: str = LIGHT["GRID"]
SELECTION: str = LIGHT["SELECTION"]
HOVER: str = LIGHT["HOVER"]
DOC_DATE: str = LIGHT["DOC_DATE"]
OVERVIEW_FILL: str = LIGHT["OVERVIEW_FILL"]
LINK: str = LIGHT["LINK"]
REGION_FILL: tuple[int, int, int, int] = LIGHT["REGION_FILL"]
DENSITY: tuple[str, ...] = LIGHT["DENSITY"]
SENTENCE_HIGHLIGHT: str = LIGHT["SENTENCE_HIGHLIGHT"]
MENTION_HIGHLIGHT: str = LIGHT["MENTION_HIGHLIGHT"]
MENTION_TEXT: str = LIGHT["MENTION_TEXT"]
OTHER_MENTION: str = LIGHT["OTHER_MENTION"]
UNPLACED_MARK: str = LIGHT["UNPLACED_MARK"]
MARKER_EDGE_DARKER: int = LIGHT["MARKER_EDGE_DARKER"]
PALETTE: dict[str, str] = LIGHT["PALETTE"]

dark = False
generation = 0  # bumped by every switch of scheme

ROW_PITCH = 24          # pixels per row at the default density
MIN_ROW_PITCH = 18
MAX_ROW_PITCH = 34     # few lanes: rows grow up to this to use the height
MARKER = 11             # marker diameter in pixels
BAR_HEIGHT = 10
LABEL_GAP = 5
MIN_LABEL_PX = 36       # a label narrower than this after eliding is not worth drawing
MAX_LABEL_PX = 340


# ------------------------------------------------------------------ switching
class ThemeNotifier(QObject):
    """Emits ``changed`` after every switch of scheme."""

    changed = Signal()


_notifier: list[ThemeNotifier] = []  # created on first use, once Qt is loaded


def notifier() -> ThemeNotifier:
    """The object whose ``changed`` signal follows every switch of scheme.
    Connect a QObject's method to it: Qt drops the connection when the object
    is destroyed."""
    if not _notifier:
        _notifier.append(ThemeNotifier())
    return _notifier[0]


def use(dark_scheme: bool) -> bool:
    """Switch every colour name to the dark or the light scheme; True when
    that changed anything (then :data:`generation` has grown by one and
    ``notifier().changed`` has been emitted)."""
    global dark, generation
    if dark_scheme == dark:
        return False
    globals().update(DARK if dark_scheme else LIGHT)
    dark = dark_scheme
    generation += 1
    notifier().changed.emit()
    return True


def system_is_dark(app: QGuiApplication) -> bool:
    """Whether the desktop asks for a dark look: the style hints' colour
    scheme where the platform reports one (Qt 6.5+), else whether the
    application palette's window colour is dark."""
    schemes = getattr(Qt, "ColorScheme", None)  # Qt 6.5+
    if schemes is not None:
        scheme = app.styleHints().colorScheme()
        if scheme != schemes.Unknown:
            return scheme == schemes.Dark
    return palette_is_dark(app.palette())


def palette_is_dark(palette: QPalette) -> bool:
    """True when the palette's window colour is darker than its text."""
    window = palette.color(QPalette.ColorRole.Window).lightnessF()
    text = palette.color(QPalette.ColorRole.WindowText).lightnessF()
    return window < text


def follow_system(app: QGuiApplication) -> bool:
    """Use the scheme matching the desktop's; True when that changed it."""
    return use(system_is_dark(app))


def widget_palette() -> QPalette:
    """A widget palette for the current scheme, for when it differs from the
    desktop's (the user chose Light or Dark in the View menu)."""
    palette = QPalette()
    for role, colour in PALETTE.items():
        palette.setColor(QPalette.ColorRole[role], QColor(colour))
    disabled = QColor(MUTED_TEXT)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


# -------------------------------------------------------------------- helpers
def kind_colour(kind: Kind) -> QColor:
    """The colour that stands for ``kind``."""
    return QColor(KIND_COLOURS[kind])


def marker_edge(colour: QColor) -> QColor:
    """The outline of a marker filled with ``colour``: a shade darker, which on
    the dark canvas also keeps bright markers from looking larger."""
    return colour.darker(MARKER_EDGE_DARKER)


def label_font(bold: bool = False) -> QFont:
    """Font for event titles on the canvas."""
    font = QFont()
    font.setPointSizeF(9.0)
    font.setBold(bold)
    return font


def header_font() -> QFont:
    """Font for lane names."""
    font = QFont()
    font.setPointSizeF(9.0)
    font.setBold(True)
    return font
