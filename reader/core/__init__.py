"""Domain logic of reader, one package per job; nothing here imports Qt.

Imports run one way: library ← render ← notes ← anchoring ← check and export; search sits
above library and notes (tests/core/test_layering.py proves the order, test_no_qt.py the rest)."""
