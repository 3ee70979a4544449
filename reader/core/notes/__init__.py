"""Notes: annotation records, the notes file (YAML in and out), the store with its atomic
writes and lock, merging, sync-conflict copies, and the sides a post compares.
Imports the library and render."""
