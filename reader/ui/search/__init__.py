"""Search (Ctrl+K): the dialog and the index built in the background."""
