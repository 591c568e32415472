"""The toolbar's search box, filter menus and lane chooser."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMenu, QToolButton, QWidget

from timeline.gui.columns import CorpusColumns
from timeline.gui.display import menu_text
from timeline.gui.filters import FilterState
from timeline.gui.wording import PRECISION_NAMES
from timeline.index import LaneMode
from timeline.model import Corpus, Granularity, Kind, Status

DEBOUNCE_MS = 150  # typing refilters after a short pause, not on every key


class ChoiceMenu(QToolButton):
    """A toolbar button with a menu of checkable choices; none checked = all.

    The menu's entries are made when it is first opened after the choices
    change, not when they are set: a folder of ten thousand documents sets
    ten thousand choices on every load, and few are ever looked at.
    """

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._build)
        self._choices: Iterable[tuple[object, str]] = []
        self._values: Collection[object] = set()
        self._checked: set[object] = set()
        self._actions: dict[object, QAction] = {}
        self._built = True
        self._refresh_text()

    def set_choices(self, choices: Iterable[tuple[object, str]],
                    checked: Iterable[object] = (), values: Collection[object] | None = None
                    ) -> None:
        """Replace the choices with ``(value, text)`` pairs, those in
        ``checked`` checked (no signal). When ``values`` (every value of the
        choices) is given, ``choices`` may be a generator: its texts are made
        only when the menu is first opened."""
        if values is None:
            self._choices = list(choices)
            values = {value for value, _text in self._choices}
        else:
            self._choices = choices  # type: ignore[assignment]
        self._values = values
        self._checked = {value for value in checked if value in values}
        self._actions = {}
        self.menu().clear()
        self._built = False
        self._refresh_text()

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        menu = self.menu()
        show_all = menu.addAction("Show all")
        show_all.triggered.connect(self.clear)
        menu.addSeparator()
        self._choices = list(self._choices)
        for value, text in self._choices:
            action = menu.addAction(menu_text(text))
            action.setCheckable(True)
            action.setChecked(value in self._checked)
            action.toggled.connect(lambda on, v=value: self._on_toggled(v, on))
            self._actions[value] = action

    def selected(self) -> frozenset:
        """The checked values."""
        return frozenset(self._checked)

    def set_checked(self, value: object, checked: bool) -> None:
        """Check or uncheck one choice (as a click would)."""
        if value not in self._values:
            raise KeyError(value)
        action = self._actions.get(value)
        if action is not None:
            action.setChecked(checked)  # emits through _on_toggled
        elif (value in self._checked) != checked:
            self._on_toggled(value, checked)

    def clear(self) -> None:
        """Uncheck everything (no restriction)."""
        for action in self._actions.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._checked.clear()
        self._refresh_text()
        self.changed.emit()

    def _on_toggled(self, value: object, on: bool) -> None:
        if on:
            self._checked.add(value)
        else:
            self._checked.discard(value)
        self._refresh_text()
        self.changed.emit()

    def _refresh_text(self) -> None:
        n = len(self._checked)
        self.setText(f"{self.label}: all" if n == 0 else f"{self.label}: {n} chosen")


class FilterBar(QWidget):
    """Search and filter widgets, laid out by the window in its toolbar."""

    filtersChanged = Signal(object)  # FilterState
    laneModeChanged = Signal(object)  # LaneMode

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles and sentences  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.kinds = ChoiceMenu("Kind")
        self.documents = ChoiceMenu("Document")
        self.precisions = ChoiceMenu("Precision")
        # Planned or happened: checking one shows only those; both, all.
        self.statuses = ChoiceMenu("Status")
        self.lanes_label = QLabel("Lanes:")
        self.lanes = QComboBox()
        for mode, text in ((LaneMode.DOCUMENT, "by document"), (LaneMode.KIND, "by kind"),
                           (LaneMode.ACTOR, "by actor")):
            self.lanes.addItem(text, mode)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.emit_filters)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.emit_filters)
        for menu in (self.kinds, self.documents, self.precisions, self.statuses):
            menu.changed.connect(self.emit_filters)
        self.lanes.currentIndexChanged.connect(
            lambda _i: self.laneModeChanged.emit(LaneMode(self.lanes.currentData())))
        # View ▸ Show Hidden Events sets this (the toolbar has no room to spare).
        self.show_hidden = False
        self.set_corpus(Corpus())

    def widgets(self) -> list[QWidget]:
        """The widgets in toolbar order."""
        return [self.search, self.kinds, self.documents, self.precisions, self.statuses,
                self.lanes_label, self.lanes]

    def set_corpus(self, corpus: Corpus, columns: CorpusColumns | None = None,
                   filters: FilterState | None = None) -> None:
        """Offer the kinds, documents and precisions that occur in ``corpus``
        (read from ``columns``, its events as columns, when given), with
        those of ``filters`` checked (none when not given)."""
        filters = filters or FilterState(self.search.text(), show_hidden=self.show_hidden)
        self.show_hidden = filters.show_hidden
        if columns is not None:
            kinds, grans = set(columns.kinds_present()), set(columns.precisions_present())
            statuses = set(columns.statuses_present())
        else:
            kinds = {e.kind for e in corpus.events}
            grans = {e.when.granularity for e in corpus.events}
            statuses = {e.status for e in corpus.events}
        self.kinds.set_choices(((k, k.value.capitalize()) for k in Kind if k in kinds),
                               filters.kinds)
        self.documents.set_choices(((d.id, _short(d.title)) for d in corpus.documents),
                                   filters.documents, {d.id for d in corpus.documents})
        self.precisions.set_choices(((g, PRECISION_NAMES[g].capitalize())
                                     for g in Granularity if g in grans), filters.precisions)
        self.statuses.set_choices(((s, s.value.capitalize()) for s in Status if s in statuses),
                                  filters.statuses)

    def state(self) -> FilterState:
        """The filters as currently set."""
        return FilterState(self.search.text(), self.kinds.selected(), self.documents.selected(),
                           self.precisions.selected(), self.show_hidden,
                           self.statuses.selected())

    def set_show_hidden(self, on: bool) -> None:
        """Show (or leave out) the events the user hid, and announce it."""
        self.show_hidden = bool(on)
        self.emit_filters()

    def emit_filters(self) -> None:
        """Announce the current filters now (skipping any pending debounce)."""
        self._timer.stop()
        self.filtersChanged.emit(self.state())

    def set_lane_mode(self, mode: LaneMode) -> None:
        """Show ``mode`` in the lane chooser."""
        self.lanes.setCurrentIndex(max(self.lanes.findData(mode), 0))

    def focus_search(self) -> None:
        """Ctrl+F: put the caret in the search box with its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


def _short(title: str, limit: int = 60) -> str:
    text = " ".join(title.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
