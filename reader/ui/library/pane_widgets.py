"""The browsing panes' widgets as a person meets them: labels, tooltips, accessible names and
the settings they start from. The browser wires them; here they are only made."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit

from reader.ui.common import settings_keys as keys
from reader.ui.library.language_names import language_label

EVERY_LANGUAGE = ""  # the Language choice's data for "All languages"


def language_box() -> QComboBox:
    """The Language choice, hidden until a library has more than one language."""
    box = QComboBox()
    box.setAccessibleName("Language")
    box.setToolTip("Show the posts in one language, or in all of them")
    box.hide()
    return box


def fill_language_box(
    box: QComboBox,
    counts: Sequence[tuple[str, int]],
    every_count: int,
    wanted: str,
    unnamed: bool,
) -> None:
    """All languages first, then each language by its name with its count; `wanted` chosen
    when offered. Shown when there is a choice to make (posts without a language count as
    one more)."""
    blocker = QSignalBlocker(box)
    box.clear()
    box.addItem(f"All languages ({every_count})", EVERY_LANGUAGE)
    for label, code, count in sorted((language_label(code), code, n) for code, n in counts):
        box.addItem(f"{label} — {count}", code)
    box.setCurrentIndex(max(0, box.findData(wanted)))
    del blocker
    box.setVisible(len(counts) > 1 or (len(counts) == 1 and unnamed))


def filter_box(placeholder: str, name: str, description: str) -> QLineEdit:
    """A filter field with a clear button."""
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setAccessibleName(name)
    box.setAccessibleDescription(description)
    return box


def tag_order_box(settings: QSettings) -> QCheckBox:
    """Tags by count instead of by name, as last chosen."""
    box = QCheckBox("&Most used first")
    box.setToolTip("List tags by how many posts carry them, not by name")
    box.setChecked(keys.read_bool(settings, keys.TAGS_BY_COUNT))
    return box


def drafts_box(settings: QSettings) -> QCheckBox:
    """Show drafts and what the site does not publish, as last chosen."""
    box = QCheckBox("Show &drafts")
    box.setToolTip("Also show drafts, and what the site does not publish")
    box.setChecked(keys.read_bool(settings, keys.SHOW_DRAFTS))
    box.setAccessibleDescription("List drafts and unpublished posts too")
    return box


def empty_label() -> QLabel:
    """Says why the posts list is empty (hidden while it is not)."""
    label = QLabel()
    label.setObjectName("postsEmpty")
    label.setWordWrap(True)
    label.setContentsMargins(6, 6, 6, 6)
    label.hide()
    return label
