"""Colours, sizes and fonts in one place."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

from timeline.model import Kind

# Colour-blind-safe hues (Okabe–Ito), one per kind; "other" is a calm blue.
KIND_COLOURS: dict[Kind, str] = {
    Kind.MEETING: "#0072B2",
    Kind.CONFERENCE: "#D55E00",
    Kind.WORKSHOP: "#009E73",
    Kind.AGREEMENT: "#CC79A7",
    Kind.LAUNCH: "#E69F00",
    Kind.PUBLICATION: "#56B4E9",
    Kind.OTHER: "#3A6EA5",
}

BACKGROUND = "#FBFBFA"
LANE_SHADE = "#F1F2F4"
HEADER_SHADE = "#E4E7EC"
HEADER_TEXT = "#2B3340"
LABEL_TEXT = "#1E2530"
MUTED_TEXT = "#6B7480"
GRID = "#E2E4E8"
SELECTION = "#111111"
HOVER = "#F2B705"
DOC_DATE = "#8A5A00"
OVERVIEW_FILL = "#9DB4CF"
LINK = "#3A6EA5"
REGION_FILL = (58, 110, 165, 40)

SENTENCE_HIGHLIGHT = "#FFF1B8"
MENTION_HIGHLIGHT = "#FFD24D"
OTHER_MENTION = "#E3ECF7"
UNPLACED_MARK = "#F6D5D5"

ROW_PITCH = 24          # pixels per row at the default density
MIN_ROW_PITCH = 18
MAX_ROW_PITCH = 34     # few lanes: rows grow up to this to use the height
MARKER = 11             # marker diameter in pixels
BAR_HEIGHT = 10
LABEL_GAP = 5
MIN_LABEL_PX = 36       # a label narrower than this after eliding is not worth drawing
MAX_LABEL_PX = 340


def kind_colour(kind: Kind) -> QColor:
    """The colour that stands for ``kind``."""
    return QColor(KIND_COLOURS[kind])


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
