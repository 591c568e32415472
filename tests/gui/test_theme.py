"""The colour schemes: kinds told apart with any colour vision, readable text in
both schemes, and a live switch between them that reaches every view."""

from __future__ import annotations

import itertools
import math

import colour_vision as cv
import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from timeline.gui import appearance, theme
from timeline.gui.markers import MarkerAtlas, MarkerStyle
from timeline.model import Kind

SCHEMES = {"light": theme.LIGHT, "dark": theme.DARK}

# Telling two kinds apart means telling apart two 11-pixel marks that are
# seldom side by side. A CIEDE2000 difference of about 1 to 2 is just
# noticeable between large patches that touch; for marks a third of a degree
# across the noticeable difference grows several-fold (Stone, Szafir & Setlur
# 2014, "An engineering model for color difference as a function of size"),
# and naming a category at a glance asks for more again. So every pair must be
# at least 12 apart under each simulated dichromacy, the hardest case for seven
# colours that must also keep 3:1 contrast with the canvas, and 20 apart for
# normal vision.
MIN_DELTA_E = {"normal": 20.0, "protanopia": 12.0, "deuteranopia": 12.0, "tritanopia": 12.0}
# WCAG 2.1: 3:1 for graphical objects (1.4.11), 4.5:1 for text (1.4.3).
GRAPHIC_CONTRAST = 3.0
TEXT_CONTRAST = 4.5


@pytest.fixture(autouse=True)
def light_again(qapp):
    """Every test starts and ends on the light scheme with the desktop's palette."""
    theme.use(False)
    yield
    theme.use(False)
    qapp.setPalette(QPalette())
    if hasattr(qapp.styleHints(), "unsetColorScheme"):  # Qt 6.8+
        qapp.styleHints().unsetColorScheme()


# -------------------------------------------------------------- colour math
@pytest.mark.parametrize(("lab1", "lab2", "expected"), [
    # Rows of the CIEDE2000 test data published with Sharma, Wu & Dalal (2005).
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert cv.delta_e_2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert cv.delta_e_2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_lab_of_white_and_black():
    assert cv.lab("#FFFFFF") == pytest.approx([100.0, 0.0, 0.0], abs=1e-3)
    assert cv.lab("#000000") == pytest.approx([0.0, 0.0, 0.0], abs=1e-3)


@pytest.mark.parametrize("vision", cv.DICHROMACY)
def test_dichromat_simulation_keeps_greys_grey(vision):
    for grey in ("#202020", "#808080", "#D0D0D0"):
        assert cv.distance(grey, grey, "normal") == 0
        assert cv.delta_e_2000(cv.lab(grey, vision), cv.lab(grey)) < 0.5


def test_simulation_merges_a_classic_confusion_pair():
    # A red and a green of similar lightness: far apart for normal vision,
    # nearly one colour for a deuteranope, still apart for a tritanope.
    red, green = "#D23C28", "#6E8C00"
    assert cv.distance(red, green) > 30
    assert cv.distance(red, green, "deuteranopia") < 3
    assert cv.distance(red, green, "tritanopia") > 20


def test_contrast_ratio_extremes():
    assert cv.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert cv.contrast("#777777", "#777777") == pytest.approx(1.0)


# ----------------------------------------------------------------- palettes
@pytest.mark.parametrize("vision", cv.VISIONS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_pair_of_kinds_is_far_apart(scheme, vision):
    colours = SCHEMES[scheme]["KIND_COLOURS"]
    assert set(colours) == set(Kind)
    closest = min((cv.distance(colours[a], colours[b], vision), a.value, b.value)
                  for a, b in itertools.combinations(Kind, 2))
    assert closest[0] >= MIN_DELTA_E[vision], closest


def test_the_old_palette_would_fail():
    """The measure catches what users saw: meeting, publication and other
    were three similar blues."""
    old = {"meeting": "#0072B2", "publication": "#56B4E9", "other": "#3A6EA5"}
    assert cv.distance(old["meeting"], old["other"]) < MIN_DELTA_E["normal"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_kinds_stand_out_from_the_canvas_and_its_lanes(scheme):
    values = SCHEMES[scheme]
    for kind, colour in values["KIND_COLOURS"].items():
        for ground in (values["BACKGROUND"], values["LANE_SHADE"]):
            assert cv.contrast(colour, ground) >= GRAPHIC_CONTRAST, (kind, colour, ground)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_other_is_the_quietest_kind(scheme):
    colours = SCHEMES[scheme]["KIND_COLOURS"]
    chroma = {kind: math.hypot(*cv.lab(colour)[1:]) for kind, colour in colours.items()}
    assert chroma[Kind.OTHER] < 5
    assert min(c for kind, c in chroma.items() if kind != Kind.OTHER) > 25


@pytest.mark.parametrize("scheme", SCHEMES)
def test_canvas_text_is_readable(scheme):
    v = SCHEMES[scheme]
    pairs = [("LABEL_TEXT", "BACKGROUND"), ("LABEL_TEXT", "LANE_SHADE"),
             ("MUTED_TEXT", "BACKGROUND"), ("MUTED_TEXT", "LANE_SHADE"),
             ("HEADER_TEXT", "HEADER_SHADE")]
    for text, ground in pairs:
        assert cv.contrast(v[text], v[ground]) >= TEXT_CONTRAST, (text, ground)
    assert cv.contrast(v["SELECTION"], v["BACKGROUND"]) >= GRAPHIC_CONTRAST
    assert cv.contrast(v["DOC_DATE"], v["BACKGROUND"]) >= GRAPHIC_CONTRAST


@pytest.mark.parametrize("scheme", SCHEMES)
def test_passage_highlights_keep_the_text_readable(scheme):
    v = SCHEMES[scheme]
    text, window = v["PALETTE"]["Text"], v["PALETTE"]["Window"]
    for ground in ("SENTENCE_HIGHLIGHT", "OTHER_MENTION", "UNPLACED_MARK"):
        assert cv.contrast(text, v[ground]) >= TEXT_CONTRAST, ground
        # ...and each still shows against the page around it.
        assert cv.distance(v[ground], v["PALETTE"]["Base"]) > 8, ground
    assert cv.contrast(v["MENTION_TEXT"], v["MENTION_HIGHLIGHT"]) >= TEXT_CONTRAST
    assert cv.contrast(v["LINK"], v["OTHER_MENTION"]) >= GRAPHIC_CONTRAST
    for name in ("MUTED_TEXT", "SECONDARY_TEXT"):
        assert cv.contrast(v[name], window) >= TEXT_CONTRAST, name


@pytest.mark.parametrize("scheme", SCHEMES)
def test_density_ramp_grows_away_from_the_background(scheme):
    v = SCHEMES[scheme]
    ramp = v["DENSITY"]
    assert len(ramp) >= 4
    background = cv.lab(v["BACKGROUND"])[0]
    for vision in cv.VISIONS:
        # Lightness survives every dichromacy, so the order reads for everyone.
        steps = [abs(cv.lab(c, vision)[0] - background) for c in ramp]
        assert steps == sorted(steps), vision
        assert all(cv.distance(a, b, vision) >= 5 for a, b in itertools.pairwise(ramp)), vision
    assert cv.distance(ramp[0], v["BACKGROUND"]) >= 5


def test_both_schemes_name_the_same_things():
    assert set(theme.LIGHT) == set(theme.DARK)
    for name in theme.LIGHT:
        assert hasattr(theme, name), name
    assert set(theme.LIGHT["PALETTE"]) == set(theme.DARK["PALETTE"])
    for role in theme.LIGHT["PALETTE"]:
        assert isinstance(QPalette.ColorRole[role], QPalette.ColorRole)


# ---------------------------------------------------------------- switching
def test_use_switches_every_name_and_bumps_the_generation(qtbot):
    before = theme.generation
    with qtbot.waitSignal(theme.notifier().changed, timeout=1000):
        assert theme.use(True)
    assert theme.dark and theme.generation == before + 1
    assert theme.DARK["BACKGROUND"] == theme.BACKGROUND
    assert theme.DARK["KIND_COLOURS"] == theme.KIND_COLOURS
    assert not theme.use(True)  # already dark: nothing to do
    assert theme.generation == before + 1
    theme.use(False)
    assert theme.LIGHT["BACKGROUND"] == theme.BACKGROUND
    assert theme.generation == before + 2


def test_a_dark_palette_is_recognised_as_a_dark_system(qapp):
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#E8EAED"))
    assert theme.palette_is_dark(dark)
    assert not theme.palette_is_dark(QPalette(QColor("#EFEFEF")))
    qapp.setPalette(dark)
    assert theme.system_is_dark(qapp)
    assert theme.follow_system(qapp) and theme.dark


def _pixel(pixmap, x: float, y: float) -> QColor:
    image = pixmap.toImage()
    ratio = pixmap.devicePixelRatio()
    return image.pixelColor(round(x * ratio), round(y * ratio))


def test_the_marker_atlas_redraws_after_a_switch(qapp):
    atlas = MarkerAtlas()
    centre = (theme.MARKER + 2) / 2
    light = _pixel(atlas.pixmap(MarkerStyle.DOT, Kind.MEETING), centre, centre)
    assert light == QColor(theme.LIGHT["KIND_COLOURS"][Kind.MEETING])
    assert atlas.pixmap(MarkerStyle.DOT, Kind.MEETING) is atlas.pixmap(MarkerStyle.DOT,
                                                                      Kind.MEETING)
    theme.use(True)
    dark = _pixel(atlas.pixmap(MarkerStyle.DOT, Kind.MEETING), centre, centre)
    assert dark == QColor(theme.DARK["KIND_COLOURS"][Kind.MEETING])
    hollow = _pixel(atlas.pixmap(MarkerStyle.HOLLOW_DOT, Kind.MEETING), centre, centre)
    assert hollow == QColor(theme.DARK["BACKGROUND"])


def _canvas_colour(window) -> QColor:
    """The colour of an empty stretch of the canvas, well below the last lane."""
    window.canvas.view.repaint()
    image = window.canvas.view.viewport().grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() - 5)


def test_switching_repaints_the_canvas_and_overview(window, qtbot):
    assert _canvas_colour(window).lightnessF() > 0.8
    window.appearance.set_mode("dark")
    assert window.canvas.view.backgroundBrush().color() == QColor(theme.DARK["BACKGROUND"])
    assert _canvas_colour(window).lightnessF() < 0.25
    assert window.overview.backgroundBrush().color() == QColor(theme.DARK["BACKGROUND"])
    window.appearance.set_mode("light")
    assert _canvas_colour(window).lightnessF() > 0.8


def test_forcing_a_scheme_gives_the_widgets_its_palette_and_is_remembered(window, settings):
    app = QApplication.instance()
    window.appearance.set_mode("dark")
    assert theme.palette_is_dark(app.palette())
    assert settings.value(appearance.SETTING) == "dark"
    checked = [a.data() for a in window.appearance.menu.actions() if a.isChecked()]
    assert checked == ["dark"]
    window.appearance.set_mode("system")
    assert not theme.dark  # the offscreen desktop is light
    assert not theme.palette_is_dark(app.palette())


def test_system_mode_follows_the_desktop_live(window, qtbot):
    app = QApplication.instance()
    assert window.appearance.mode == "system" and not theme.dark
    desktop = QPalette()
    desktop.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    desktop.setColor(QPalette.ColorRole.WindowText, QColor("#E8EAED"))
    app.setPalette(desktop)  # what the platform does when the desktop turns dark
    qtbot.waitUntil(lambda: theme.dark, timeout=2000)
    app.setPalette(QPalette())
    qtbot.waitUntil(lambda: not theme.dark, timeout=2000)


def test_the_environment_overrides_the_saved_choice(settings, monkeypatch):
    settings.setValue(appearance.SETTING, "light")
    assert appearance.chosen_mode(settings) == "light"
    monkeypatch.setenv(appearance.ENVIRONMENT, "Dark")
    assert appearance.chosen_mode(settings) == "dark"
    monkeypatch.setenv(appearance.ENVIRONMENT, "purple")
    assert appearance.chosen_mode(settings) == "light"


def test_an_odd_saved_choice_falls_back_to_the_system_and_is_replaced(qtbot, settings):
    from timeline.gui.main_window import MainWindow

    settings.setValue(appearance.SETTING, "sepia")
    assert appearance.chosen_mode(settings) == "system"
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.appearance.mode == "system"
    assert settings.value(appearance.SETTING) == "system"


def test_the_detail_pane_rewrites_its_colours(window, qtbot):
    window.controller.select(window.controller.shown[0])
    pane = window.detail
    assert theme.LIGHT["SECONDARY_TEXT"] in pane.header.text()
    pane.source.verticalScrollBar().setValue(0)
    window.appearance.set_mode("dark")
    assert theme.DARK["SECONDARY_TEXT"] in pane.header.text()
    assert pane.source.verticalScrollBar().value() == 0  # the reader's place is kept
    selections = pane.source.extraSelections()  # kept: each format lives in its selection
    formats = [s.format for s in selections]
    backgrounds = [f.background().color() for f in formats]
    current = backgrounds.index(QColor(theme.DARK["MENTION_HIGHLIGHT"]))
    assert formats[current].foreground().color() == QColor(theme.DARK["MENTION_TEXT"])
    assert QColor(theme.DARK["SENTENCE_HIGHLIGHT"]) in backgrounds
