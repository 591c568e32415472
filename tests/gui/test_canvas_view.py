"""The canvas as a user reads it: lanes hidden, kept and folded while filtering,
Fit fitting the matches, titles whole and apart at every zoom, lane and cluster
tooltips, and a crowded day gathered into one badge that zooms in when clicked."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QToolTip

from timeline.gui import theme
from timeline.gui.canvas import TimelineCanvas
from timeline.gui.filters import haystack
from timeline.gui.main_window import MainWindow
from timeline.index import SECONDS_PER_DAY, TimelineIndex, build_index, file_name, seconds
from timeline.model import Document, Event, Granularity, Kind, Mention, When
from timeline.pipeline import extract_corpus


def search(window, text: str) -> None:
    window.filter_bar.search.setText(text)
    window.filter_bar.emit_filters()
    assert window.controller.wait_idle(20)


def documents_citing(events) -> set[str]:
    return {m.document for e in events for m in e.mentions}


def a_word_of_few_documents(window) -> str:
    """A word of the titles whose matches are cited by one or two documents."""
    corpus = window.controller.corpus
    texts = {d.id: d.text for d in corpus.documents}
    for word in sorted({w.lower() for e in corpus.events for w in e.title.split()
                        if len(w) > 4 and w.isalpha()}):
        found = [e for e in corpus.events if word in haystack(e, texts)]
        if found and 1 <= len(documents_citing(found)) <= 2:
            return word
    raise AssertionError("the seeds have no word of one or two documents")


def shown_lane_keys(window) -> set[str]:
    canvas = window.canvas
    return {canvas.index.lanes[int(i)].key for i in canvas.lanes.order}


def test_filtering_hides_lanes_without_matches_and_clearing_brings_them_back(window):
    every = {d.id for d in window.controller.corpus.documents}
    assert shown_lane_keys(window) == every
    search(window, a_word_of_few_documents(window))
    matched = documents_citing(window.controller.shown)
    assert 1 <= len(matched) <= 2 < len(every)
    assert shown_lane_keys(window) == matched
    search(window, "")
    assert shown_lane_keys(window) == every


def test_a_search_matching_nothing_leaves_an_empty_canvas_that_answers(qtbot, window):
    search(window, "zzzzqqqq")
    canvas = window.canvas
    assert len(window.controller.shown) == 0 and len(canvas.lanes.order) == 0
    canvas.settle()
    assert len(canvas.drawn_events()) == 0
    t0, t1 = canvas.view_range()
    assert canvas.hit_at(QPointF((t0 + t1) / 2, 0.5)).item == -1
    qtbot.mouseMove(canvas.view.viewport(), QPoint(300, 100))
    canvas.view.viewport().repaint()


def test_the_lane_menu_orders_keeps_and_folds_lanes(window):
    canvas = window.canvas
    menu = {a.text().replace("&", ""): a for a in window.lane_menu.actions()}
    order = {a.text().replace("&", ""): a
             for a in menu["Order Lanes"].menu().actions()}
    order["By Title"].trigger()
    names = [canvas.index.lanes[i].name.casefold() for i in canvas.lanes.order]
    assert names == sorted(names)
    order["As Listed"].trigger()
    assert canvas.lanes.order.tolist() == list(range(len(canvas.index.lanes)))
    menu["Collapse All Lanes"].trigger()
    assert not canvas.lanes.rows.any() and canvas.lanes.total_rows == len(canvas.index.lanes)
    menu["Expand All Lanes"].trigger()
    assert canvas.lanes.rows.all()


# ------------------------------------------------------------ shared helpers
def view_pixel(canvas, t: float, row: float) -> QPoint:
    """Viewport pixel of a point given in view coordinates (epoch s, rows)."""
    return canvas.view.mapFromScene(canvas.vb.mapViewToScene(QPointF(t, row)))


def view_point(canvas, pixel: QPoint) -> QPointF:
    """View coordinates of a viewport pixel."""
    return canvas.vb.mapSceneToView(canvas.view.mapToScene(pixel))


def width(span: tuple[float, float]) -> float:
    return span[1] - span[0]


def span_of(events) -> tuple[float, float]:
    """Earliest start and latest (exclusive) end of ``events``, epoch seconds."""
    return (min(seconds(e.when.start) for e in events),
            max(seconds(e.when.end) + SECONDS_PER_DAY for e in events))


def words_of_titles(corpus) -> list[str]:
    return sorted({w.lower() for e in corpus.events for w in e.title.split()
                   if len(w) > 4 and w.isalpha()})


def narrow_word(window) -> tuple[str, list]:
    """A title word whose matches (two or more) lie closest together in time."""
    corpus = window.controller.corpus
    texts = {d.id: d.text for d in corpus.documents}
    found = []
    for word in words_of_titles(corpus):
        matches = [e for e in corpus.events if word in haystack(e, texts)]
        if 2 <= len(matches) < len(corpus.events):
            found.append((width(span_of(matches)), word, matches))
    assert found, "the seeds have no title word shared by a few events"
    _, word, matches = min(found, key=lambda f: f[:2])
    return word, matches


def painted(canvas):
    """Lay the current view out, paint it, and return the painted frame."""
    canvas.settle()
    # grab() rather than a viewport repaint: pyqtgraph applies a new view range
    # to the scene lazily, and a repaint straight after set_index paints nothing.
    canvas.grab()
    frame = canvas.item.frame
    assert frame is not None and frame.complete, "the painted frame is a stand-in"
    return frame


# -------------------------------------------------------------- fit (Home)
def test_fit_while_filtering_fits_the_matches_and_clearing_gives_the_whole_back(window):
    canvas = window.canvas
    whole = span_of(window.controller.corpus.events)
    canvas.fit_all()
    wide = canvas.view_range()
    assert wide[0] <= whole[0] and whole[1] <= wide[1]
    word, matches = narrow_word(window)
    assert width(span_of(matches)) < width(whole) / 4, "the seeds' matches are not narrow"
    search(window, word)
    assert {e.id for e in window.controller.shown} == {e.id for e in matches}
    canvas.fit_all()
    t0, t1 = canvas.view_range()
    lo, hi = canvas.index.items_extent()
    first, last = span_of(window.controller.shown)
    assert t0 <= min(lo, first) and max(hi, last) <= t1
    assert t1 - t0 < width(wide) / 2
    search(window, "")
    canvas.fit_all()
    assert np.allclose(canvas.view_range(), wide)


# ----------------------------------------------------------------- lanes
def test_kept_empty_lanes_stay_while_filtering_until_released(window):
    every = {d.id for d in window.controller.corpus.documents}
    search(window, a_word_of_few_documents(window))
    matched = documents_citing(window.controller.shown)
    assert shown_lane_keys(window) == matched != every
    window.canvas.set_keep_empty_lanes(True)
    assert shown_lane_keys(window) == every
    window.canvas.set_keep_empty_lanes(False)
    assert shown_lane_keys(window) == matched


def header_pixel(canvas, lane: int) -> QPoint:
    """The middle of ``lane``'s header row, a third of the way across the view."""
    t0, t1 = canvas.view_range()
    return view_pixel(canvas, t0 + (t1 - t0) / 3, float(canvas.lanes.top[lane]) + 0.5)


def test_a_lane_folds_to_its_header_and_opens_again_by_call_and_by_click(qtbot, window):
    canvas = window.canvas
    lane = int(canvas.lanes.order[1])
    rows, top, total = int(canvas.lanes.rows[lane]), int(canvas.lanes.top[lane]), \
        canvas.lanes.total_rows
    assert rows > 0
    canvas.toggle_lane(lane)
    assert canvas.lanes.rows[lane] == 0 and canvas.lanes.top[lane] == top
    assert lane in canvas.lanes.order.tolist() and canvas.lanes.total_rows == total - rows
    canvas.toggle_lane(lane)
    assert canvas.lanes.rows[lane] == rows and canvas.lanes.total_rows == total

    pixel = header_pixel(canvas, lane)
    assert canvas.hit_at(view_point(canvas, pixel)).lane == lane
    qtbot.mouseClick(canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=pixel)
    assert canvas.lanes.rows[lane] == 0 and canvas.lanes.top[lane] == top
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a second click, not a double one
    qtbot.mouseClick(canvas.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=header_pixel(canvas, lane))
    assert canvas.lanes.rows[lane] == rows


# -------------------------------------------------------------- titles
def busy_day(events) -> date:
    """The day of a day-precise event with the most events within two months."""
    def neighbours(day: date) -> int:
        return sum(abs((e.when.start - day).days) <= 60 for e in events)
    days = [e.when.start for e in events if e.when.granularity is Granularity.DAY]
    return max(days, key=lambda d: (neighbours(d), d))


def zoom_widths(full: float, levels: int = 10) -> list[float]:
    """``levels`` widths from ``full`` down to a day, evenly on a log scale."""
    return [full * (SECONDS_PER_DAY / full) ** (k / (levels - 1)) for k in range(levels)]


def title_of(canvas, item: int) -> str:
    return " ".join(canvas.index.columns.titles[int(canvas.index.event[item])].split())


def test_titles_are_whole_apart_and_inside_the_view_at_every_zoom(window):
    canvas = window.canvas
    shown = window.controller.shown
    day = busy_day(shown)
    chosen = next(i for i, e in enumerate(shown) if e.when.start == day)
    canvas.set_selected(chosen)
    regular = QFontMetricsF(theme.label_font())
    bold = QFontMetricsF(theme.label_font(bold=True))
    canvas.fit_all()
    middle = seconds(day) + SECONDS_PER_DAY / 2
    drawn = 0
    for k, span in enumerate(zoom_widths(width(canvas.view_range()))):
        if k:
            canvas.set_range(middle - span / 2, middle + span / 2)
        painted(canvas)
        box = canvas.view.mapFromScene(canvas.vb.sceneBoundingRect()).boundingRect()
        labels = canvas.item.labels
        for a, b in itertools.combinations(labels, 2):
            assert not a.rect.intersects(b.rect), \
                f"zoom {k}: {title_of(canvas, a.item)!r} meets {title_of(canvas, b.item)!r}"
        for label in labels:
            title = title_of(canvas, label.item)
            is_bold = int(canvas.index.event[label.item]) == canvas.selected
            advance = (bold if is_bold else regular).horizontalAdvance(title)
            assert abs(label.rect.width() - advance) <= 1.5, f"zoom {k}: {title!r} cut"
            assert box.left() - 1 <= label.rect.left() and label.rect.right() <= \
                box.right() + 2, f"zoom {k}: {title!r} runs out of the view"
        drawn += len(labels)
    assert drawn > 0
    assert any(int(canvas.index.event[lb.item]) == chosen for lb in canvas.item.labels), \
        "at one day, the selected event's title is drawn"


# ------------------------------------------------------------- lane names
# pyqtgraph drops mouse moves that follow the last one within 1/mouseRateLimit s
# (10 ms by default); a user's next move comes along, a test's does not.
MOUSE_MOVE_GAP_MS = 40


def test_lanes_of_same_titled_documents_are_named_by_file_with_a_tooltip(
        qtbot, settings, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    heading = "Regional Workshop on Border Management"
    (folder / "jakarta.txt").write_text(
        f"{heading}\n\nThe workshop was held on 5 May 2010 in Jakarta. A review meeting "
        "followed on 9 June 2010.\n")
    (folder / "colombo.txt").write_text(
        f"{heading}\n\nThe workshop was held on 3 March 2012 in Colombo.\n")
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.show_corpus(extract_corpus([folder]))
    canvas = w.canvas
    lanes = canvas.index.lanes
    assert sorted(file_name(ln.path) for ln in lanes) == ["colombo.txt", "jakarta.txt"]
    assert all(heading in ln.name and file_name(ln.path) in ln.name for ln in lanes)
    assert len({ln.name for ln in lanes}) == len(lanes)
    for lane, ln in enumerate(lanes):
        count = sum(any(m.document == ln.key for m in e.mentions) for e in w.controller.shown)
        assert count > 0
        text = canvas.lane_tooltip(lane)
        assert file_name(ln.path) in text
        assert re.search(rf"\b{count} events?\b", text), text
        qtbot.wait(MOUSE_MOVE_GAP_MS)
        qtbot.mouseMove(canvas.view.viewport(), header_pixel(canvas, lane))
        qtbot.waitUntil(lambda text=text: QToolTip.isVisible() and QToolTip.text() == text,
                        timeout=2000)
    w.loader.wait()


# --------------------------------------------------------------- clusters
CLUSTER_DAY = date(2015, 6, 10)
CLUSTER_SIZE = 40


def crowded_index() -> TimelineIndex:
    """One document with forty events on one day; another spread over three years."""
    text = "x" * 200
    docs = (Document("crowd", "/c/crowd.txt", "Crowded day", None, text),
            Document("spread", "/c/spread.txt", "Spread out", None, text))

    def event(i: int, day: date, doc: str) -> Event:
        when = When(day, day, Granularity.DAY)
        return Event(f"e{i}", f"Session {i} of the forum", Kind.MEETING, (), when,
                     (Mention(doc, (i, i + 1), "x", when, (0, 1)),))
    crowd = [event(i, CLUSTER_DAY, "crowd") for i in range(CLUSTER_SIZE)]
    spread = [event(CLUSTER_SIZE + i, date(2014, 1, 15) + timedelta(days=90 * i), "spread")
              for i in range(12)]
    return build_index(crowd + spread, docs)


def test_a_crowded_day_is_one_badge_that_names_its_count_and_zooms_in(qtbot):
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1200, 500)
    canvas.show()
    qtbot.waitExposed(canvas)
    ix = crowded_index()
    canvas.set_index(ix)
    crowd = {e for e in range(len(ix.columns)) if ix.columns.start[e] == seconds(CLUSTER_DAY)}
    assert len(crowd) == CLUSTER_SIZE
    frame = painted(canvas)
    badges = [b for b in frame.badges if set(ix.event[b.members].tolist()) & crowd]
    assert len(badges) == 1
    badge = badges[0]
    assert badge.count == CLUSTER_SIZE and set(ix.event[badge.members].tolist()) == crowd
    centre = QPoint(round((badge.x0 + badge.x1) / 2), round(badge.y))
    found = canvas.hit_at(view_point(canvas, centre)).badge
    assert found is not None and set(found.members.tolist()) == set(badge.members.tolist())
    assert re.search(rf"\b{CLUSTER_SIZE} events\b", canvas.cluster_tooltip(found.members))
    before = canvas.view_range()
    qtbot.mouseClick(canvas.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    t0, t1 = canvas.view_range()
    assert t0 <= seconds(CLUSTER_DAY) and seconds(CLUSTER_DAY) + SECONDS_PER_DAY <= t1
    assert t1 - t0 < width(before) / 20


def test_lane_order_and_kept_lanes_are_remembered_for_the_next_window(qtbot, settings,
                                                                       seeds_corpus):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    menu = {a.text().replace("&", ""): a for a in first.lane_menu.actions()}
    order = {a.text().replace("&", ""): a for a in menu["Order Lanes"].menu().actions()}
    order["By File Name"].trigger()
    menu["Keep Lanes Without Matches While Filtering"].trigger()
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show_corpus(seeds_corpus)
    assert second.controller.wait_idle(20)
    canvas = second.canvas
    assert canvas.lane_sort.value == "file" and canvas.keep_empty_lanes
    names = [file_name(canvas.index.lanes[i].path).casefold() for i in canvas.lanes.order]
    assert names == sorted(names)
    again = {a.text().replace("&", ""): a for a in second.lane_menu.actions()}
    assert again["Keep Lanes Without Matches While Filtering"].isChecked()
    second.close()


def test_a_busy_lane_is_drawn_across_the_whole_century_before_and_after_1970(qtbot):
    """Busy lanes are laid out tile by tile; tiles before 1970 have negative
    numbers and must be drawn like the others."""
    from timeline.demo import demo_corpus

    corpus = demo_corpus(12_000, lanes=2, seed=4)
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1200, 500)
    canvas.show()
    canvas.set_index(build_index(corpus.events, corpus.documents))
    canvas.settle()
    canvas.grab()
    frame = canvas.item.frame
    assert frame.complete and frame.strips, "a lane this busy is a density strip"
    t0, t1 = canvas.view_range()

    def x(t: float) -> float:
        return frame.left + (t - t0) / (t1 - t0) * (frame.right - frame.left)

    for lane in range(2):
        mids = canvas.index.mid[canvas.index.lane_items(lane)]
        covered = sorted((s.x0, s.x1) for s in frame.strips if s.lane == lane)
        assert covered, f"lane {lane} is not drawn"
        assert all(b[0] <= a[1] + 1 for a, b in itertools.pairwise(covered)), "a gap"
        assert covered[0][0] <= x(mids.min()) + 2 and covered[-1][1] >= x(mids.max()) - 2
    canvas.item.cache.close()
