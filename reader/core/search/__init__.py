"""Full-text search over titles, bodies, tags and notes (SQLite FTS5).
Imports library, render and notes."""
