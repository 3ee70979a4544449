"""File → Import Notes…: the import planned off the GUI thread, shown, confirmed, then written.
Imports core and ui/common."""
