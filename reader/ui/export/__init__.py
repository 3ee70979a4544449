"""File → Export Notes…: the export dialog."""
