"""The index's database file: its tables, its version, and what happens when it is bad.

It is a cache: a file of another version, or one that is corrupt, is rebuilt (never trusted);
a folder that cannot be written keeps the index in memory for the session.

The FTS5 table has prefix indexes for 1 to 3 characters. Every typed word matches as a
prefix, and the first keystrokes ("s", "st", "sta") expand to thousands of terms: without
them, "s" at 100,000 posts took a quarter of a second before ranking began.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Final

from reader import __version__

SCHEMA_VERSION: Final = 2
WEIGHTS: Final = (10.0, 5.0, 1.0, 3.0)  # title, tags, body, notes
PREFIXES: Final = "1 2 3"
_TABLES: Final = ("fts", "rows", "docs", "notes_files", "meta")


def has_fts5() -> bool:
    """Whether this Python's SQLite has FTS5."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.Error:
        return False
    return True


def open_database(
    path: Path, fts5: bool, *, shared: bool = False
) -> tuple[sqlite3.Connection, str | None]:
    """The index at `path` (its folder made), and what went wrong on the way, if anything.

    `shared` lets successive threads use the connection (one at a time: the caller locks).
    """
    problem: str | None = None
    for attempt in range(2):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=not shared)
            try:
                _prepare(db, fts5)
            except BaseException:
                db.close()
                raise
            return db, problem
        except sqlite3.Error as error:
            problem = f"search index {path} rebuilt: {error}"
            if attempt == 0:
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(OSError):
                        os.unlink(f"{path}{suffix}")
        except OSError as error:
            problem = f"search index kept in memory: {error.strerror or error}"
            break
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=not shared)
    _prepare(db, fts5)
    return db, problem


def _prepare(db: sqlite3.Connection, fts5: bool) -> None:
    version = f"{SCHEMA_VERSION}/{__version__}/{'fts5' if fts5 else 'plain'}"
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")  # a cache: a crash means a rebuild, not a loss
    found = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    if "meta" in tables:
        row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
        if row is not None and row[0] == version and found == SCHEMA_VERSION:
            return
    for name in _TABLES:
        if name in tables:
            db.execute(f"DROP TABLE {name}")
    columns = "title, tags, body, notes"
    if fts5:
        db.execute(
            f"CREATE VIRTUAL TABLE fts USING fts5({columns}, "
            f"tokenize='unicode61 remove_diacritics 2', prefix='{PREFIXES}')"
        )
        weights = ", ".join(str(w) for w in WEIGHTS)
        db.execute(f"INSERT INTO fts(fts, rank) VALUES('rank', 'bm25({weights})')")
    else:
        db.execute(f"CREATE TABLE fts(rowid INTEGER PRIMARY KEY, {columns})")
    db.executescript(
        """
        CREATE TABLE rows(id INTEGER PRIMARY KEY, rel TEXT NOT NULL, kind TEXT NOT NULL,
                          ann TEXT, start INTEGER);
        CREATE INDEX rows_rel ON rows(rel, kind);
        CREATE TABLE docs(rel TEXT PRIMARY KEY, title TEXT, size INTEGER, mtime_ns INTEGER);
        CREATE TABLE notes_files(rel TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER);
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
        """
    )
    db.execute("INSERT INTO meta VALUES('version', ?)", (version,))
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
