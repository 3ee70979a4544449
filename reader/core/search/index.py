"""Full-text search over titles, tags, bodies and notes, in SQLite FTS5 in the cache folder.

A plain scan of 10,000 bodies (30 MB) cannot answer in 100 ms; an FTS5 index can, and the
standard library ships it. The index lives beside the scan cache, one file per library, and is
updated incrementally: a post is re-indexed only when its (size, mtime_ns) changed, a notes
file only when its own did. Without FTS5 (a Python built against an old SQLite) the same
tables are searched with LIKE: slower, same results shape.

Body matches are in the Markdown body; `match_offset` finds the match in the article text
when the post is opened (it is rendered then anyway). Note matches carry their annotation's
id and article-text start.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reader import __version__
from reader.core.library.names import is_valid_name
from reader.core.library.post import Post, read_text
from reader.core.library.scan import Library
from reader.core.library.scan_cache import cache_file_name, default_cache_dir
from reader.core.notes.store import NotesStore, NotesStoreError

SCHEMA_VERSION: Final = 1
HIT_START, HIT_END = "\x02", "\x03"  # snippet markers, turned into spans
SNIPPET_TOKENS: Final = 16
WEIGHTS: Final = (10.0, 5.0, 1.0, 3.0)  # title, tags, body, notes
_WORD = re.compile(r"\w+")
_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: the post, where it matched, and a snippet with the matches marked.

    `highlights` are (start, end) spans of `snippet`. For a note match, `annotation` is the
    note's id and `offset` its article-text start; body, title and tag matches have no offset
    (see `match_offset`).
    """

    path: str
    title: str
    kind: str  # "post" or "note"
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    annotation: str | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What an update did (for progress messages and tests)."""

    posts_indexed: int
    posts_removed: int
    notes_indexed: int
    notes_removed: int


def has_fts5() -> bool:
    """Whether this Python's SQLite has FTS5."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.Error:
        return False
    return True


def fts_query(text: str) -> str | None:
    """The user's words as a safe FTS5 query: quoted phrases stay phrases, other words match
    as prefixes, and nothing the user types is read as an operator. None when no words."""
    parts: list[str] = []
    for phrase, loose in _PART.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{word}"*' for word in _WORD.findall(loose))
    return " ".join(parts) or None


def query_terms(text: str) -> list[str]:
    """The LIKE fallback's terms, lower-cased: each quoted phrase, and each other word."""
    terms: list[str] = []
    for phrase, loose in _PART.findall(text):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                terms.append(" ".join(words).lower())
        else:
            terms.extend(word.lower() for word in _WORD.findall(loose))
    return terms


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with markers → plain text and the spans that were marked."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start = -1
    for piece in re.split(f"([{HIT_START}{HIT_END}])", marked):
        if piece == HIT_START:
            start = length
        elif piece == HIT_END:
            if start >= 0:
                spans.append((start, length))
            start = -1
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), tuple(spans)


def match_offset(article_text: str, hit: SearchHit) -> int | None:
    """Where the hit's first marked words are in the article text (case-insensitive)."""
    if hit.offset is not None:
        return hit.offset
    words = [hit.snippet[s:e] for s, e in hit.highlights] or []
    for word in words:
        pattern = r"\b" + r"\W+".join(re.escape(w) for w in _WORD.findall(word))
        found = re.search(pattern, article_text, re.IGNORECASE)
        if found:
            return found.start()
    return None


def _notes_text(store: NotesStore, rel: str) -> list[tuple[str, int | None, str]]:
    """(annotation id, start, searchable text) for each live annotation of a post's notes,
    read through the store (its notes file alone: no conflict copy, no archive); [] when
    unreadable."""
    try:
        loaded = store.peek(rel)
    except NotesStoreError:
        return []
    found = []
    for item in loaded.document.live():
        words = [item.note, item.target.exact, item.side or "", item.aspect or "", *item.tags]
        found.append((item.id, item.target.start, "\n".join(w for w in words if w)))
    return found


class SearchIndex:
    """The search index of one library. Use one instance per thread (SQLite connections are
    not shared); WAL lets a query run while another thread updates."""

    def __init__(
        self,
        root: Path,
        cache_dir: Path | None = None,
        notes_root: Path | None = None,
        store: NotesStore | None = None,
    ) -> None:
        self.root = Path(root)
        # Notes are read through a store (the window's, or a read-only one of the same
        # notes folder): one way to the notes, with its bounds and its containment.
        self.store = store if store is not None else NotesStore(root, notes_root, read_only=True)
        self.notes_root = self.store.notes_root
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.path = folder / cache_file_name(self.root).replace(".scan", ".search.sqlite")
        self.fts5 = has_fts5()
        self.problem: str | None = None
        self._db = self._open(folder)

    def _open(self, folder: Path) -> sqlite3.Connection:
        """The index file; rebuilt when corrupt or of another version, in memory if unwritable."""
        for attempt in range(2):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, isolation_level=None)
                try:
                    self._prepare(db)
                except BaseException:
                    db.close()
                    raise
                return db
            except sqlite3.Error as error:
                self.problem = f"search index {self.path} rebuilt: {error}"
                if attempt == 0:
                    for suffix in ("", "-wal", "-shm"):
                        with contextlib.suppress(OSError):
                            os.unlink(f"{self.path}{suffix}")
            except OSError as error:
                self.problem = f"search index kept in memory: {error.strerror or error}"
                break
        db = sqlite3.connect(":memory:", isolation_level=None)
        self._prepare(db)
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        version = f"{SCHEMA_VERSION}/{__version__}/{'fts5' if self.fts5 else 'plain'}"
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # a cache: a crash means a rebuild, not a loss
        found = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if "meta" in tables:
            row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            if row is not None and row[0] == version and found == SCHEMA_VERSION:
                return
        for name in ("fts", "rows", "docs", "notes_files", "meta"):
            if name in tables:
                db.execute(f"DROP TABLE {name}")
        columns = "title, tags, body, notes"
        if self.fts5:
            db.execute(
                f"CREATE VIRTUAL TABLE fts USING fts5({columns}, "
                "tokenize='unicode61 remove_diacritics 2')"
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

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- updating --------------------------------------------------------------------------

    def update(self, posts: Library | Sequence[Post]) -> IndexStats:
        """Bring the index in line with the posts (give an immutable snapshot, e.g. a tuple,
        when another thread may change the library meanwhile) and their notes."""
        every = posts.posts if isinstance(posts, Library) else posts
        # SQLite stores UTF-8: a post whose file name is not UTF-8 (reported by the scan)
        # cannot be a key, so it is left out of the index.
        snapshot = tuple(post for post in every if is_valid_name(post.path))
        db = self._db
        indexed = {rel: (s, m) for rel, s, m in db.execute("SELECT rel, size, mtime_ns FROM docs")}
        current = {post.path: post for post in snapshot}
        stale = [p for rel, p in current.items() if indexed.get(rel) != (p.size, p.mtime_ns)]
        gone = [rel for rel in indexed if rel not in current]
        notes_now = {
            rel: signature
            for rel in current
            if (signature := self.store.notes_signature(rel)) is not None
        }
        notes_indexed = {
            rel: (s, m) for rel, s, m in db.execute("SELECT rel, size, mtime_ns FROM notes_files")
        }
        notes_stale = [rel for rel, sig in notes_now.items() if notes_indexed.get(rel) != sig]
        notes_gone = [rel for rel in notes_indexed if rel not in notes_now]
        with self._transaction():
            for rel in gone:
                self._drop(rel, "post")
                db.execute("DELETE FROM docs WHERE rel=?", (rel,))
            for post in stale:
                self._drop(post.path, "post")
                body = read_text(self.root / post.path, self.root).body
                self._add(post.path, "post", None, None, (post.title, " ".join(post.tags), body))
                db.execute(
                    "INSERT OR REPLACE INTO docs VALUES(?, ?, ?, ?)",
                    (post.path, post.title, post.size, post.mtime_ns),
                )
            for rel in notes_gone:
                self._drop(rel, "note")
                db.execute("DELETE FROM notes_files WHERE rel=?", (rel,))
            for rel in notes_stale:
                self._index_notes(rel, notes_now[rel])
        return IndexStats(len(stale), len(gone), len(notes_stale), len(notes_gone))

    def update_notes(self, rel: str) -> None:
        """Re-index one post's notes after a save or a file event."""
        signature = self.store.notes_signature(rel)
        with self._transaction():
            if signature is None:
                self._drop(rel, "note")
                self._db.execute("DELETE FROM notes_files WHERE rel=?", (rel,))
                return
            self._index_notes(rel, signature)

    def _index_notes(self, rel: str, signature: tuple[int, int]) -> None:
        self._drop(rel, "note")
        for annotation, start, text in _notes_text(self.store, rel):
            self._add(rel, "note", annotation, start, ("", "", "", text))
        self._db.execute("INSERT OR REPLACE INTO notes_files VALUES(?, ?, ?)", (rel, *signature))

    def _drop(self, rel: str, kind: str) -> None:
        ids = [
            row[0]
            for row in self._db.execute("SELECT id FROM rows WHERE rel=? AND kind=?", (rel, kind))
        ]
        self._db.executemany("DELETE FROM fts WHERE rowid=?", [(i,) for i in ids])
        self._db.execute("DELETE FROM rows WHERE rel=? AND kind=?", (rel, kind))

    def _add(
        self, rel: str, kind: str, annotation: str | None, start: int | None, texts: Iterable[str]
    ) -> None:
        title, tags, body, *rest = texts
        notes = rest[0] if rest else ""
        cursor = self._db.execute(
            "INSERT INTO rows(rel, kind, ann, start) VALUES(?, ?, ?, ?)",
            (rel, kind, annotation, start),
        )
        self._db.execute(
            "INSERT INTO fts(rowid, title, tags, body, notes) VALUES(?, ?, ?, ?, ?)",
            (cursor.lastrowid, title, tags, body, notes),
        )

    # --- searching -------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """The best matches for what the user typed; never raises for any input."""
        try:
            rows = self._fts_rows(text, limit) if self.fts5 else self._like_rows(text, limit)
        except sqlite3.Error as error:
            self.problem = f"search failed: {error}"
            return []
        hits = []
        for rel, kind, annotation, start, title, marked in rows:
            snippet, spans = split_snippet(marked)
            hits.append(SearchHit(rel, title or rel, kind, snippet, spans, annotation, start))
        return hits

    def _fts_rows(self, text: str, limit: int) -> list[tuple[str, str, str, int, str, str]]:
        query = fts_query(text)
        if query is None:
            return []
        return self._db.execute(
            f"""
            SELECT rows.rel, rows.kind, rows.ann, rows.start, docs.title, hit.snippet
            FROM (SELECT rowid, rank,
                         snippet(fts, -1, '{HIT_START}', '{HIT_END}', '…', {SNIPPET_TOKENS})
                           AS snippet
                  FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?) AS hit
            JOIN rows ON rows.id = hit.rowid
            LEFT JOIN docs ON docs.rel = rows.rel
            ORDER BY hit.rank
            """,
            (query, limit),
        ).fetchall()

    def _like_rows(self, text: str, limit: int) -> list[tuple[str, str, str, int, str, str]]:
        words = query_terms(text)
        if not words:
            return []
        blob = "lower(fts.title || ' ' || fts.tags || ' ' || fts.body || ' ' || fts.notes)"
        where = " AND ".join(f"instr({blob}, ?) > 0" for _ in words)
        found = self._db.execute(
            f"""
            SELECT rows.rel, rows.kind, rows.ann, rows.start, docs.title,
                   fts.title || ' ' || fts.tags || ' ' || fts.body || ' ' || fts.notes
            FROM fts JOIN rows ON rows.id = fts.rowid LEFT JOIN docs ON docs.rel = rows.rel
            WHERE {where} LIMIT ?
            """,
            (*words, limit),
        ).fetchall()
        return [(*row[:5], _plain_snippet(row[5], words)) for row in found]


def _plain_snippet(text: str, words: list[str], width: int = 120) -> str:
    """A snippet around the first word, with the words marked (the LIKE fallback's snippet)."""
    lowered = text.lower()
    at = min((i for i in (lowered.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = text[start : start + width]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{HIT_START}{m.group(0)}{HIT_END}", piece)
    return ("…" if start else "") + marked + ("…" if start + width < len(text) else "")
