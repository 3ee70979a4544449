"""Search (Ctrl+K): the dialog, queries and index updates in the background, the notes
folders watched."""
