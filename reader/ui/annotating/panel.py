"""The annotations panel: the open post's notes in document order, filtered, edited, repaired.

It shows counts per side, a filter row, the annotations found in the article (a fuzzy match has
Confirm, key C), and apart from them the orphans (passage not found) with Re-attach and Delete,
and for the selected orphan the passage most like its quote as a one-click suggestion. It
changes notes only through the session, so every edit and delete is undoable and saved; the
window does the scrolling and the re-attaching to a selection, told by `activated` and
`reattachRequested`.
"""

from __future__ import annotations

from collections import Counter
from typing import Final, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.anchoring.targets import AnchorStatus
from reader.core.notes.records import COLORS
from reader.ui.annotating.list_model import (
    NO_SIDE,
    AnnotationFilter,
    AnnotationListModel,
    side_key,
)
from reader.ui.annotating.list_view import AnnotationListView
from reader.ui.annotating.session import AnnotationSession
from reader.ui.reading.highlights import highlight_color

VISIBLE_ROWS: Final = 2  # the list shows at least this many whole rows (when it has them)
VISIBLE_ORPHANS: Final = 1  # and the orphans' list at least one
CONFIRM_SHORTCUT: Final = "C"  # on the list only: the article's keys are H, N, A, T, 1-9, Del
_CONFIRM_KEY: Final = Qt.Key.Key_C
SUGGESTION_CHARS: Final = 160
ORPHANS_TITLE: Final = "Orphaned — passage not found"
EMPTY_TEXT: Final = "No annotations in this post yet: select text and press H."
NO_MATCH_TEXT: Final = "No annotations match the filter."


def _swatch(name: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(highlight_color(name, "light"))
    return QIcon(pixmap)


def side_counts(sides: tuple[str, ...], used: list[str]) -> list[tuple[str, int]]:
    """(side, count) in the post's side order, then other sides used, then "no side" if any."""
    counts = Counter(used)
    names = list(sides) + [s for s in dict.fromkeys(used) if s and s not in sides]
    result = [(name, counts[name]) for name in names]
    if counts[NO_SIDE]:
        result.append(("no side", counts[NO_SIDE]))
    return result


class AnnotationsPanel(QDockWidget):
    """Dockable list of this post's annotations (the window brings it up with Ctrl+Shift+A)."""

    activated = Signal(str)  # an annotation id: scroll to its passage and flash it
    reattachRequested = Signal(str)  # an orphan's id: take the current selection as its target

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None) -> None:
        super().__init__("Annotations", parent)
        self.setObjectName("annotations")
        self._session = session
        self.model = AnnotationListModel(session, self)
        self._found = AnnotationFilter(orphans=False, parent=self)
        self._lost = AnnotationFilter(orphans=True, parent=self)
        self._filters = (self._found, self._lost)
        self._remembered: dict[AnnotationListView, str | None] = {}
        self._build()
        for proxy in self._filters:
            proxy.setSourceModel(self.model)
        self.list.setModel(self._found)
        self.orphan_list.setModel(self._lost)
        self._connect_signals()
        self._refresh()

    # -- building --------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.counts = QLabel(body)
        self.counts.setObjectName("annotationCounts")
        self.counts.setWordWrap(True)
        self.filter_text = QLineEdit(body)
        self.filter_text.setObjectName("annotationFilter")
        self.filter_text.setPlaceholderText("Filter quotes, notes, aspects, tags…")
        self.filter_text.setClearButtonEnabled(True)
        self.filter_text.setAccessibleName("Filter annotations")
        self.color_filter = self._combo(body, "colorFilter", "Filter by colour")
        self.color_filter.addItem("All colours", None)
        for name in COLORS:
            self.color_filter.addItem(_swatch(name), name.capitalize(), name)
        self.side_filter = self._combo(body, "sideFilter", "Filter by side")
        self.tag_filter = self._combo(body, "tagFilter", "Filter by tag")
        combos = QGridLayout()  # one above the other: each as wide as the panel, never clipped
        combos.addWidget(self.color_filter, 0, 0)
        combos.addWidget(self.side_filter, 1, 0)
        combos.addWidget(self.tag_filter, 2, 0)
        combos.setVerticalSpacing(2)
        self.empty = QLabel(EMPTY_TEXT, body)
        self.empty.setObjectName("annotationsEmpty")
        self.empty.setWordWrap(True)
        self.list = AnnotationListView(body)
        self.list.setObjectName("annotationList")
        self.list.setAccessibleName("Annotations")
        self.list.setAccessibleDescription(
            "Enter or a click shows the passage; F2 edits the note; Delete deletes it."
        )
        self.delete_button = QPushButton("Delete", body)
        self.delete_button.setObjectName("deleteAnnotation")
        self.delete_button.setToolTip("Delete the selected annotation (Delete; undo with Ctrl+Z)")
        self.confirm_button = QPushButton("Confirm", body)
        self.confirm_button.setObjectName("confirmAnnotation")
        self.confirm_button.setToolTip(
            f"Accept the passage found for an edited quote ({CONFIRM_SHORTCUT}; undo with Ctrl+Z)"
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.delete_button)
        self.orphans = self._build_orphans(body)
        for row in (self.counts, self.filter_text):
            layout.addWidget(row)
        layout.addLayout(combos)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.orphans, 1)
        self.setWidget(body)

    def _build_orphans(self, body: QWidget) -> QWidget:
        section = QWidget(body)
        section.setObjectName("orphanSection")
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        self.orphans_title = QLabel(ORPHANS_TITLE, section)
        self.orphans_title.setObjectName("orphansTitle")
        self.orphan_list = AnnotationListView(section)
        self.orphan_list.setObjectName("orphanList")
        self.orphan_list.setAccessibleName(ORPHANS_TITLE)
        self.reattach_button = QPushButton("Re-attach", section)
        self.reattach_button.setObjectName("reattachOrphan")
        self.reattach_button.setToolTip("Select the passage in the article, then Re-attach")
        self.delete_orphan_button = QPushButton("Delete", section)
        self.delete_orphan_button.setObjectName("deleteOrphan")
        self.delete_orphan_button.setToolTip("Delete this orphaned note (undo with Ctrl+Z)")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reattach_button)
        buttons.addWidget(self.delete_orphan_button)
        self.suggestion_label = QLabel(section)
        self.suggestion_label.setObjectName("orphanSuggestion")
        self.suggestion_label.setWordWrap(True)
        self.suggest_button = QPushButton("Re-attach Here", section)
        self.suggest_button.setObjectName("reattachSuggestion")
        self.suggest_button.setToolTip(
            "Re-attach the note to the suggested passage (undo with Ctrl+Z)"
        )
        suggestion = QHBoxLayout()  # the passage on its own row: a narrow dock clips nothing
        suggestion.addStretch(1)
        suggestion.addWidget(self.suggest_button)
        layout.addWidget(self.orphans_title)
        layout.addWidget(self.orphan_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.suggestion_label)
        layout.addLayout(suggestion)
        return section

    @staticmethod
    def _combo(parent: QWidget, name: str, tip: str) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(name)
        combo.setToolTip(tip)
        combo.setAccessibleName(tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _connect_signals(self) -> None:
        self._session.changed.connect(self._refresh)
        self.filter_text.textChanged.connect(self._apply_filters)
        for combo in (self.color_filter, self.side_filter, self.tag_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.list.chosen.connect(self.activated)
        self.list.deleteRequested.connect(self._session.remove)
        self.orphan_list.deleteRequested.connect(self._session.remove)
        self.delete_button.clicked.connect(lambda: self._delete_selected(self.list))
        self.delete_orphan_button.clicked.connect(lambda: self._delete_selected(self.orphan_list))
        self.reattach_button.clicked.connect(self._reattach)
        self.confirm_button.clicked.connect(self._confirm)
        self.list.installEventFilter(self)
        self.suggest_button.clicked.connect(self._reattach_to_suggestion)
        for view in (self.list, self.orphan_list):
            proxy = view.model()
            proxy.modelAboutToBeReset.connect(lambda v=view: self._remember(v))
            proxy.modelReset.connect(lambda v=view: self._restore(v))
            proxy.rowsInserted.connect(self._update_state)
            proxy.rowsRemoved.connect(self._update_state)
            proxy.layoutChanged.connect(self._update_state)
            view.selectionModel().selectionChanged.connect(self._update_state)

    # -- public ----------------------------------------------------------------------------
    def select(self, annotation_id: str) -> bool:
        """Show `annotation_id` as selected (e.g. when its highlight is clicked in the article)."""
        return any(view.select_id(annotation_id) for view in (self.list, self.orphan_list))

    def selected_id(self) -> str | None:
        """The annotation selected in the panel, if any."""
        return self.list.current_id() or self.orphan_list.current_id()

    def edit_note(self, annotation_id: str) -> bool:
        """Open the in-place note editor on one annotation."""
        return any(view.edit_id(annotation_id) for view in (self.list, self.orphan_list))

    # -- reacting --------------------------------------------------------------------------
    def _refresh(self) -> None:
        """The session changed: recount, rebuild the side and tag choices, update the state."""
        live = self._session.live()
        used = [side_key(item) for item in live]
        counts = side_counts(self._session.sides(), used)
        self.counts.setText(" · ".join(f"{name} {count}" for name, count in counts))
        self.counts.setVisible(bool(live))
        sides = [name for name, _count in counts if name != "no side"]
        self._refill(
            self.side_filter, "All sides", [(s, s) for s in sides] + [("No side", NO_SIDE)]
        )
        tags = {tag.casefold(): tag for item in live for tag in item.tags}
        ordered = sorted(tags.values(), key=str.casefold)
        self._refill(self.tag_filter, "All tags", [(f"#{tag}", tag) for tag in ordered])
        self._update_state()

    @staticmethod
    def _refill(combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        """Replace a combo's choices, keeping the chosen one when it is still offered."""
        wanted = [(all_text, None), *items]
        if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == wanted:
            return
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, value in wanted:
            combo.addItem(text, value)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if found < 0:
            combo.currentIndexChanged.emit(0)

    def _apply_filters(self) -> None:
        for proxy in self._filters:
            proxy.set_text(self.filter_text.text())
            proxy.set_color(self.color_filter.currentData())
            proxy.set_side(self.side_filter.currentData())
            proxy.set_tag(self.tag_filter.currentData())
        self._update_state()

    def _update_state(self) -> None:
        """Show or hide the empty message and the orphan section; enable the buttons."""
        total = self.model.rowCount()
        self.empty.setText(NO_MATCH_TEXT if total else EMPTY_TEXT)
        self.empty.setVisible(self._found.rowCount() == 0)
        orphans = self._lost.rowCount()
        self.orphans.setVisible(orphans > 0)
        self.orphans_title.setText(f"{ORPHANS_TITLE} ({orphans})")
        self.list.setAccessibleName(f"Annotations, {self._found.rowCount()} shown")
        self.list.keep_rows_visible(VISIBLE_ROWS)
        self.orphan_list.keep_rows_visible(VISIBLE_ORPHANS)
        for combo in (self.color_filter, self.tag_filter):
            combo.setMinimumWidth(combo.sizeHint().width())  # never clipped ("All colou")
        writable = not self._session.read_only
        self.delete_button.setEnabled(writable and self.list.current_id() is not None)
        orphan_chosen = self.orphan_list.current_id() is not None
        self.delete_orphan_button.setEnabled(writable and orphan_chosen)
        self.reattach_button.setEnabled(writable and orphan_chosen)
        chosen = self.list.current_id()
        fuzzy = chosen is not None and self._session.status(chosen) is AnchorStatus.FUZZY
        self.confirm_button.setVisible(fuzzy)
        self.confirm_button.setEnabled(writable and fuzzy)
        self._show_suggestion(writable)

    def _show_suggestion(self, writable: bool) -> None:
        """The selected orphan's suggested passage, if one resembles its quote."""
        orphan = self.orphan_list.current_id()
        anchor = None if orphan is None else self._session.suggestion(orphan)
        if anchor is None:
            self.suggestion_label.setVisible(False)
            self.suggest_button.setVisible(False)
            return
        passage = " ".join(self._session.article_text[anchor.start : anchor.end].split())
        if len(passage) > SUGGESTION_CHARS:
            passage = passage[: SUGGESTION_CHARS - 1] + "…"
        self.suggestion_label.setText(f"Perhaps: “{passage}”")
        self.suggestion_label.setVisible(True)
        self.suggest_button.setVisible(True)
        self.suggest_button.setEnabled(writable)

    def _remember(self, view: AnnotationListView) -> None:
        self._remembered[view] = view.current_id()

    def _restore(self, view: AnnotationListView) -> None:
        wanted = self._remembered.pop(view, None)
        if wanted is not None:
            view.select_id(wanted)
        self._update_state()

    def _delete_selected(self, view: AnnotationListView) -> None:
        annotation_id = view.current_id()
        if annotation_id is not None:
            self._session.remove(annotation_id)

    def _reattach(self) -> None:
        annotation_id = self.orphan_list.current_id()
        if annotation_id is not None:
            self.reattachRequested.emit(annotation_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """C in the annotations list (not in its note editor) confirms the selected fuzzy match."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event)
            plain = key.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if key.key() == _CONFIRM_KEY and plain:
                self._confirm()
                return True
        return super().eventFilter(watched, event)

    def _confirm(self) -> None:
        annotation_id = self.list.current_id()
        if annotation_id is not None and self._session.status(annotation_id) is AnchorStatus.FUZZY:
            self._session.confirm(annotation_id)

    def _reattach_to_suggestion(self) -> None:
        annotation_id = self.orphan_list.current_id()
        anchor = None if annotation_id is None else self._session.suggestion(annotation_id)
        if annotation_id is not None and anchor is not None:
            self._session.reattach(annotation_id, anchor.start, anchor.end)
