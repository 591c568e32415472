"""The view as a picture: ``timeline snapshot`` and File ▸ Export View…"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from timeline import cli
from timeline.day import make_day
from timeline.gui import snapshot
from timeline.gui.snapshot import PNG_1X, PNG_2X, SVG, Export
from timeline.gui.theme import KIND_COLOURS
from timeline.index import LaneMode

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SVG_NS = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run_snapshot(*args: str) -> subprocess.CompletedProcess:
    """``timeline snapshot ARGS`` in a fresh process with no display at all,
    as a script on a server would run it."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    return subprocess.run([sys.executable, "-m", "timeline", "snapshot", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def svg_texts(data: bytes) -> list[str]:
    """What every ``<text>`` element of an SVG says."""
    root = ET.fromstring(data)
    assert root.tag == f"{SVG_NS}svg"
    return ["".join(element.itertext()) for element in root.iter(f"{SVG_NS}text")]


def shows(text: str, title: str) -> bool:
    """Whether a drawn ``text`` is ``title``, whole or elided."""
    return text == title or (text.endswith("…") and len(text) > 1
                             and title.startswith(text[:-1].rstrip()))


def plain(title: str) -> str:
    return " ".join(title.split())


def kind_colours_in(data: bytes) -> set[str]:
    """The kinds' colours found among a PNG's pixels."""
    from PySide6.QtGui import QImage

    image = QImage.fromData(data).convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32)[:image.width() * image.height()]
    present = set(np.unique(pixels & 0xFFFFFF).tolist())
    return {c for c in KIND_COLOURS.values() if int(c[1:], 16) in present}


# ---------------------------------------------------------------- the command
@pytest.mark.parametrize("scale", [1, 2])
def test_snapshot_writes_a_png_of_the_asked_size(tmp_path, scale):
    out = tmp_path / "view.png"
    done = run_snapshot(str(SEEDS), "-o", str(out), "--size", "640x360", "--scale", str(scale))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    data = out.read_bytes()
    assert png_size(data) == (640 * scale, 360 * scale)
    assert len(kind_colours_in(data)) >= 2  # events were drawn, not an empty frame


def test_snapshot_svg_holds_the_titles_visible_in_the_range_as_text(tmp_path, seeds_corpus):
    out = tmp_path / "view.svg"
    done = run_snapshot(str(SEEDS), "-o", str(out), "--range", "2011", "2013",
                        "--size", "1200x700")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    texts = svg_texts(out.read_bytes())
    first, last = date(2011, 1, 1), date(2013, 12, 31)
    inside = {plain(e.title) for e in seeds_corpus.events
              if e.when.start <= last and e.when.end >= first}
    outside = {plain(e.title) for e in seeds_corpus.events} - inside
    drawn = {title for title in inside if any(shows(text, title) for text in texts)}
    assert len(inside) >= 5
    # Titles may give way when crowded, but most of those in view are there.
    assert len(drawn) >= len(inside) / 2, (sorted(inside - drawn), texts)
    assert not outside & set(texts)  # nothing from outside the range
    assert "2012" in texts  # the axis is text too


def test_snapshot_lanes_by_kind_name_the_kinds(tmp_path, seeds_corpus):
    out = tmp_path / "kinds.svg"
    done = run_snapshot(str(SEEDS), "-o", str(out), "--lanes", "kind")
    assert done.returncode == 0, done.stderr
    texts = svg_texts(out.read_bytes())
    kinds = {e.kind.value.capitalize() for e in seeds_corpus.events}
    assert kinds <= {text.split("  ·")[0].strip().lstrip("▾▸ ") for text in texts}


@pytest.mark.parametrize(("args", "said"), [
    (["--size", "12x"], "--size"),
    (["--size", "0x500"], "--size"),
    (["--size", "99999x500"], "--size"),
    (["--range", "2011-13", "2012"], "--range"),
    (["--range", "2013", "2011"], "before it starts"),
    (["--lanes", "colour"], "--lanes"),
    (["--scale", "3"], "--scale"),
])
def test_bad_arguments_stop_with_one_line(tmp_path, capsys, args, said):
    out = tmp_path / "view.png"
    with pytest.raises(SystemExit) as stop:
        cli.run(["snapshot", str(SEEDS), "-o", str(out), *args])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert err.count("\n") == 1 and err.startswith("timeline snapshot: error:") and said in err
    assert not out.exists()


@pytest.mark.parametrize(("paths", "output", "said"), [
    (["missing"], "view.png", "missing: no such file or folder"),
    ([str(SEEDS)], "view.jpg", "name it .png or .svg"),
    ([str(SEEDS)], "view", "name it .png or .svg"),
    ([str(SEEDS)], "no/such/folder/view.png", "no folder"),
])
def test_unusable_paths_stop_before_reading(tmp_path, capsys, monkeypatch, paths, output, said):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        cli.run(["snapshot", *paths, "-o", output])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert err.count("\n") == 1 and said in err
    assert list(tmp_path.iterdir()) == []


def test_a_store_is_drawn_as_it_was_kept(tmp_path, qapp, capsys, seeds_corpus):
    store, out = tmp_path / "seeds.sqlite", tmp_path / "store.svg"
    assert cli.run(["extract", "--store", str(store), str(SEEDS)]) == 0
    capsys.readouterr()
    assert cli.run(["snapshot", str(store), "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    texts = svg_texts(out.read_bytes())
    titles = {plain(e.title) for e in seeds_corpus.events}
    assert sum(any(shows(text, t) for text in texts) for t in titles) >= 5


def test_files_that_cannot_be_read_are_named_and_the_rest_drawn(tmp_path, qapp, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "summit.txt").write_text("The summit was held on 5 May 2010 in Bali.\n")
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 40)
    out = tmp_path / "view.png"
    assert cli.run(["snapshot", str(folder), "-o", str(out), "--size", "400x300"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("timeline: ") and "noise.txt" in line
    data = out.read_bytes()
    assert png_size(data) == (400, 300)
    assert kind_colours_in(data)  # the summit was drawn


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2011", date(2011, 1, 1), date(2011, 12, 31)),
    ("2012-02", date(2012, 2, 1), date(2012, 2, 29)),
    ("2011-03-29", date(2011, 3, 29), date(2011, 3, 29)),
    ("-0489", make_day(-489, 1, 1), make_day(-489, 12, 31)),   # 490 BC
    ("-0043-03-15", make_day(-43, 3, 15), make_day(-43, 3, 15)),
])
def test_a_range_bound_names_a_whole_period(value, first, last):
    assert cli.period(value) == (first, last)


# ------------------------------------------------------------ in the process
@pytest.fixture
def canvas(qapp, seeds_corpus):
    view = snapshot.offscreen_canvas(seeds_corpus, (1000, 600), LaneMode.DOCUMENT, None)
    yield view
    view.close()
    view.deleteLater()


def test_every_label_the_canvas_drew_is_text_in_the_svg(canvas):
    texts = svg_texts(snapshot.svg_bytes(canvas))
    labels = getattr(canvas.item, "labels", None)  # the last frame's: the SVG's own
    if labels is None:
        pytest.skip("the canvas does not report the labels it drew")
    ix = canvas.index
    titles = [plain(ix.columns.titles[int(ix.event[label.item])]) for label in labels]
    assert len(titles) >= 5
    assert [t for t in titles if not any(shows(text, t) for text in texts)] == []


def test_svg_is_drawn_at_the_canvas_size_with_a_vector_background(canvas):
    root = ET.fromstring(snapshot.svg_bytes(canvas))
    assert root.get("viewBox") == "0 0 1000 600"
    # Only the small marker pixmaps are images; the background is a shape.
    sizes = {(float(i.get("width")), float(i.get("height"))) for i in root.iter(f"{SVG_NS}image")}
    assert all(w < 50 and h < 50 for w, h in sizes), sizes


def test_a_2x_png_doubles_the_pixels_of_the_same_view(canvas):
    one, two = snapshot.png_bytes(canvas, 1), snapshot.png_bytes(canvas, 2)
    assert png_size(two) == tuple(2 * side for side in png_size(one)) == (2000, 1200)
    assert kind_colours_in(one) == kind_colours_in(two) != set()


# ------------------------------------------------------------------ the window
@pytest.mark.parametrize(("chosen", "chosen_filter", "expected"), [
    ("view.svg", PNG_1X, Export("view.svg", "svg")),
    ("view", SVG, Export("view.svg", "svg")),
    ("view", PNG_2X, Export("view.png", "png", 2)),
    ("view.PNG", PNG_2X, Export("view.PNG", "png", 2)),
    ("view", PNG_1X, Export("view.png", "png", 1)),
    ("view.jpg", "PNG images (*.png)", Export("view.jpg.png", "png", 1)),
    ("view.png", SVG, Export("view.png", "png", 1)),
])
def test_the_dialog_answer_decides_format_and_scale(chosen, chosen_filter, expected):
    assert snapshot.export_choice(chosen, chosen_filter) == expected


def test_export_view_writes_what_the_window_shows(window, tmp_path):
    width, height = window.canvas.width(), window.canvas.height()
    assert snapshot.export_view(window, str(tmp_path / "view"), PNG_2X)
    assert png_size((tmp_path / "view.png").read_bytes()) == (2 * width, 2 * height)
    assert snapshot.export_view(window, str(tmp_path / "view.svg"), SVG)
    titles = {plain(e.title) for e in window.controller.shown}
    texts = svg_texts((tmp_path / "view.svg").read_bytes())
    assert any(shows(text, title) for text in texts for title in titles)


def test_the_file_menu_exports_through_the_save_dialog(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked: list = []

    def save_dialog(*args):
        asked.append(args)
        return str(tmp_path / "chosen"), SVG

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    action = window.acts["export_png"]
    assert action.text().replace("&", "") == "Export View…"
    action.trigger()
    [(*_, filters, _selected)] = asked
    assert filters.split(";;") == [PNG_1X, PNG_2X, SVG]
    assert svg_texts((tmp_path / "chosen.svg").read_bytes())
