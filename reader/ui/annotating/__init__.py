"""Annotating: the open post's notes session (undo, autosave, reload), the keys and menus that
annotate, the note editor and the annotations panel."""
