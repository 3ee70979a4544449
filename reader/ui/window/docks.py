"""The window's docks: the outline and the annotations tabbed on the right, the comparison
table below (hidden until asked for)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from reader.ui.annotating.panel import AnnotationsPanel
from reader.ui.annotating.session import AnnotationSession
from reader.ui.comparison.dock import ComparisonDock, TableSource
from reader.ui.reading.outline import OutlineTree


@dataclass(frozen=True, slots=True)
class Docks:
    """The docks made for one window."""

    outline: OutlineTree
    outline_dock: QDockWidget
    annotations: AnnotationsPanel
    comparison: ComparisonDock


def add_docks(window: QMainWindow, session: AnnotationSession, tables: TableSource) -> Docks:
    """Make the docks and put them in their places in `window`."""
    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    outline = OutlineTree()
    outline_dock = QDockWidget("Outline", window)
    outline_dock.setObjectName("outline")
    outline_dock.setWidget(outline)
    window.addDockWidget(right, outline_dock)
    annotations = AnnotationsPanel(session, window)
    window.addDockWidget(right, annotations)
    window.tabifyDockWidget(outline_dock, annotations)
    comparison = ComparisonDock(tables, window)
    window.addDockWidget(bottom, comparison)
    comparison.hide()
    return Docks(outline, outline_dock, annotations, comparison)
