"""Domain logic of reader. Nothing here imports Qt (tests/core/test_no_qt.py proves it)."""
