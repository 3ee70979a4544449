"""Full-text search over titles, tags, bodies and notes, in SQLite FTS5 in the cache folder.

A plain scan of 10,000 bodies (30 MB) cannot answer in 100 ms; an FTS5 index can, and the
standard library ships it. The index lives beside the scan cache, one file per library, and is
updated incrementally: a post is re-indexed only when its (size, mtime_ns) changed, a notes
file only when its own did; `update_posts` takes the watcher's few changed posts without
looking at the others. Without FTS5 (a Python built against an old SQLite) the same tables
are searched with LIKE: slower, same results shape.

Ranking (bm25) costs a few microseconds per matching row: a query whose words are in every
one of 100,000 posts took over 150 ms just to rank. So a query that matches more than
`RANK_WINDOW` rows is ranked among (at least) its newest `RANK_WINDOW` matches (posts are
indexed oldest first, and a changed post or a note is indexed anew: recent work comes first),
which a short walk of the index finds; a narrower query is ranked over all its matches. Snippets are
made for the shown rows only.

Body matches are in the Markdown body; `match_offset` finds the match in the article text
when the post is opened (it is rendered then anyway). Note matches carry their annotation's
id and article-text start.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reader.core.library.names import is_valid_name
from reader.core.library.post import Post
from reader.core.library.scan import Library
from reader.core.library.scan_cache import cache_file_name, default_cache_dir
from reader.core.notes.store import NotesStore
from reader.core.search.query import (
    HIT_END,
    HIT_START,
    SearchHit,
    fts_query,
    match_offset,
    plain_snippet,
    query_terms,
    split_snippet,
)
from reader.core.search.schema import has_fts5, open_database
from reader.core.search.sources import batch_reader, notes_text, post_body

__all__ = [
    "IndexStats",
    "SearchHit",
    "SearchIndex",
    "fts_query",
    "has_fts5",
    "match_offset",
    "split_snippet",
]

SNIPPET_TOKENS: Final = 16
RANK_WINDOW: Final = 3000
BATCH: Final = 2000  # posts per transaction: progress between them, and a build that can stop
PROGRESS_STEPS: Final = 1000  # SQLite instructions between two looks at `stop`
Progress = Callable[[int, int], None]  # (done, total)
Stop = Callable[[], bool]
_Row = tuple[str, str, str, int, str, str]


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What an update did (for progress messages and tests)."""

    posts_indexed: int
    posts_removed: int
    notes_indexed: int
    notes_removed: int


class SearchIndex:
    """The search index of one library. Use one instance per thread (SQLite connections are
    not shared; `shared=True` lets threads take turns, the caller making sure they do); WAL
    lets a query run while another thread updates."""

    def __init__(
        self,
        root: Path,
        cache_dir: Path | None = None,
        notes_root: Path | None = None,
        store: NotesStore | None = None,
        *,
        shared: bool = False,
    ) -> None:
        self.root = Path(root)
        # Notes are read through a store (the window's, or a read-only one of the same
        # notes folder): one way to the notes, with its bounds and its containment.
        self.store = store if store is not None else NotesStore(root, notes_root, read_only=True)
        self.notes_root = self.store.notes_root
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.path = folder / cache_file_name(self.root).replace(".scan", ".search.sqlite")
        self.fts5 = has_fts5()
        self._db, self.problem = open_database(self.path, self.fts5, shared=shared)

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

    def update(
        self,
        posts: Library | Sequence[Post],
        progress: Progress | None = None,
        stop: Stop | None = None,
    ) -> IndexStats:
        """Bring the index in line with the posts (give an immutable snapshot, e.g. a tuple,
        when another thread may change the library meanwhile) and their notes.

        Posts are written `BATCH` at a time, each batch committed: `progress(done, total)`
        is called after each, and when `stop()` turns true the update ends there (what was
        committed stays, the next update does the rest).
        """
        every = posts.posts if isinstance(posts, Library) else posts
        # SQLite stores UTF-8: a post whose file name is not UTF-8 (reported by the scan)
        # cannot be a key, so it is left out of the index.
        current = {post.path: post for post in every if is_valid_name(post.path)}
        indexed = {
            rel: (s, m) for rel, s, m in self._db.execute("SELECT rel, size, mtime_ns FROM docs")
        }
        stale = [p for rel, p in current.items() if indexed.get(rel) != (p.size, p.mtime_ns)]
        gone = [rel for rel in indexed if rel not in current]
        notes_known = self._notes_indexed()
        candidates = (self.store.noted_posts() | set(notes_known)) & current.keys()
        dead = set(notes_known) - current.keys()
        return self._apply(stale, gone, (candidates, dead, notes_known), progress, stop)

    def update_posts(self, posts: Iterable[Post], removed: Iterable[str] = ()) -> IndexStats:
        """Re-index these posts (added or changed) and drop `removed` ones, with their notes:
        the watcher's changes, without a look at the rest of the library."""
        changed = {post.path: post for post in posts if is_valid_name(post.path)}
        known = {rel: (s, m) for rel, s, m in self._docs(changed)}
        stale = [p for rel, p in changed.items() if known.get(rel) != (p.size, p.mtime_ns)]
        dropped = set(removed) - changed.keys()
        gone = [rel for rel, _size, _mtime in self._docs(dropped)]
        notes = (set(changed), dropped, self._notes_indexed())
        return self._apply(stale, gone, notes, None, None)

    def _docs(self, rels: Iterable[str]) -> list[tuple[str, int, int]]:
        found = []
        for rel in rels:
            row = self._db.execute("SELECT size, mtime_ns FROM docs WHERE rel=?", (rel,)).fetchone()
            if row is not None:
                found.append((rel, row[0], row[1]))
        return found

    def _notes_indexed(self) -> dict[str, tuple[int, int]]:
        query = "SELECT rel, size, mtime_ns FROM notes_files"
        return {rel: (s, m) for rel, s, m in self._db.execute(query)}

    def _apply(
        self,
        stale: list[Post],
        gone: list[str],
        notes: tuple[set[str], set[str], dict[str, tuple[int, int]]],
        progress: Progress | None,
        stop: Stop | None,
    ) -> IndexStats:
        """Drop `gone`, write `stale`; `notes` is (posts whose notes to look at, posts whose
        notes go, the notes files indexed now)."""
        note_candidates, notes_dead, notes_known = notes
        notes_now = {
            rel: signature
            for rel in sorted(note_candidates)
            if (signature := self.store.notes_signature(rel)) is not None
        }
        notes_stale = [rel for rel, sig in notes_now.items() if notes_known.get(rel) != sig]
        notes_gone = sorted(
            rel
            for rel in note_candidates | notes_dead | set(gone)
            if rel in notes_known and rel not in notes_now
        )
        with self._transaction():
            self._drop([(rel, "post") for rel in gone])
            self._db.executemany("DELETE FROM docs WHERE rel=?", [(rel,) for rel in gone])
            self._drop([(rel, "note") for rel in notes_gone])
            self._db.executemany("DELETE FROM notes_files WHERE rel=?", [(r,) for r in notes_gone])
        stale.sort(key=lambda post: post.sort_key, reverse=True)  # oldest first: see RANK_WINDOW
        total = len(stale) + len(notes_stale)
        done = 0
        for start in range(0, len(stale), BATCH):
            if stop is not None and stop():
                return IndexStats(done, len(gone), 0, len(notes_gone))
            batch = stale[start : start + BATCH]
            with self._transaction():
                self._index_posts(batch)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        with self._transaction():
            for rel in notes_stale:
                self._index_notes(rel, notes_now[rel])
        return IndexStats(len(stale), len(gone), len(notes_stale), len(notes_gone))

    def _index_posts(self, posts: list[Post]) -> None:
        """Write these posts' rows (their old ones dropped), with ids in the order given."""
        self._drop([(post.path, "post") for post in posts])
        reader = batch_reader(self.root)
        first = self._next_id()
        ids = range(first, first + len(posts))
        self._db.executemany(
            "INSERT INTO rows(id, rel, kind) VALUES(?, ?, 'post')",
            [(i, post.path) for i, post in zip(ids, posts, strict=True)],
        )
        self._db.executemany(
            "INSERT INTO fts(rowid, title, tags, body, notes) VALUES(?, ?, ?, ?, '')",
            [
                (i, post.title, " ".join(post.tags), post_body(reader, self.root, post.path))
                for i, post in zip(ids, posts, strict=True)
            ],
        )
        self._db.executemany(
            "INSERT OR REPLACE INTO docs VALUES(?, ?, ?, ?)",
            [(post.path, post.title, post.size, post.mtime_ns) for post in posts],
        )

    def _next_id(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) + 1 FROM rows").fetchone()[0])

    def update_notes(self, rel: str) -> None:
        """Re-index one post's notes after a save or a file event."""
        signature = self.store.notes_signature(rel)
        with self._transaction():
            if signature is None:
                self._drop([(rel, "note")])
                self._db.execute("DELETE FROM notes_files WHERE rel=?", (rel,))
                return
            self._index_notes(rel, signature)

    def refresh_notes(self, rels: Iterable[str]) -> int:
        """Re-index the notes of those of these posts whose notes file changed, came or went
        (a notes folder changed on disk); how many were."""
        known = self._notes_indexed()
        changed = [
            rel
            for rel, _size, _mtime in self._docs(rels)
            if self.store.notes_signature(rel) != known.get(rel)
        ]
        for rel in changed:
            self.update_notes(rel)
        return len(changed)

    def _index_notes(self, rel: str, signature: tuple[int, int]) -> None:
        self._drop([(rel, "note")])
        for annotation, start, text in notes_text(self.store, rel):
            cursor = self._db.execute(
                "INSERT INTO rows(rel, kind, ann, start) VALUES(?, 'note', ?, ?)",
                (rel, annotation, start),
            )
            self._db.execute(
                "INSERT INTO fts(rowid, title, tags, body, notes) VALUES(?, '', '', '', ?)",
                (cursor.lastrowid, text),
            )
        self._db.execute("INSERT OR REPLACE INTO notes_files VALUES(?, ?, ?)", (rel, *signature))

    def _drop(self, keys: list[tuple[str, str]]) -> None:
        """Delete the rows of these (post path, kind) pairs."""
        if not keys:
            return
        self._db.executemany(
            "DELETE FROM fts WHERE rowid IN (SELECT id FROM rows WHERE rel=? AND kind=?)", keys
        )
        self._db.executemany("DELETE FROM rows WHERE rel=? AND kind=?", keys)

    # --- searching -------------------------------------------------------------------------

    def search(self, text: str, limit: int = 50, stop: Stop | None = None) -> list[SearchHit]:
        """The best matches for what the user typed; never raises for any input.

        `stop` is looked at while SQLite works: when it turns true the query is abandoned
        and [] returned (the user typed on).
        """
        if stop is not None:
            self._db.set_progress_handler(lambda: 1 if stop() else 0, PROGRESS_STEPS)
        try:
            rows = self._fts_rows(text, limit) if self.fts5 else self._like_rows(text, limit)
        except sqlite3.Error as error:
            if stop is None or not stop():
                self.problem = f"search failed: {error}"
            return []
        finally:
            if stop is not None:
                self._db.set_progress_handler(None, 0)
        hits = []
        for rel, kind, annotation, start, title, marked in rows:
            snippet, spans = split_snippet(marked)
            hits.append(SearchHit(rel, title or rel, kind, snippet, spans, annotation, start))
        return hits

    def _fts_rows(self, text: str, limit: int) -> list[_Row]:
        query = fts_query(text)
        if query is None:
            return []
        cut = self._window(query, fts_query(text, prefixes=False))
        window = "AND rowid >= ?" if cut is not None else ""
        arguments = (query, cut, limit) if cut is not None else (query, limit)
        # The hits in rank order, and nothing else: `rank` read as a column would make
        # bm25 count the documents of each word again (8 ms at 100,000 posts).
        hits = self._db.execute(
            f"""
            SELECT rowid, snippet(fts, -1, '{HIT_START}', '{HIT_END}', '…', {SNIPPET_TOKENS})
            FROM fts WHERE fts MATCH ? {window} ORDER BY rank LIMIT ?
            """,
            arguments,
        ).fetchall()
        if not hits:
            return []
        marks = ", ".join("?" * len(hits))
        about = {
            row[0]: row[1:]
            for row in self._db.execute(
                "SELECT rows.id, rows.rel, rows.kind, rows.ann, rows.start, docs.title"
                f" FROM rows LEFT JOIN docs ON docs.rel = rows.rel WHERE rows.id IN ({marks})",
                [rowid for rowid, _snippet in hits],
            )
        }
        return [(*about[rowid], snippet) for rowid, snippet in hits if rowid in about]

    def _window(self, query: str, whole_words: str | None) -> int | None:
        """The lowest rowid of the rows to rank, None to rank every match.

        The newest `RANK_WINDOW` matches of the query start at the rowid of its last one. The
        same query with whole words finds that rowid without expanding a prefix (4 ms a
        word at 100,000 posts): its matches are some of the query's, so its window holds at
        least as many; it is taken when it spans few rows (under three times the window), so
        that ranking stays bounded.
        """
        probe = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?"
        if whole_words is not None and whole_words != query:
            row = self._db.execute(probe, (whole_words, RANK_WINDOW - 1)).fetchone()
            if row is not None:
                top = self._db.execute("SELECT max(id) FROM rows").fetchone()[0]
                if top - row[0] < 3 * RANK_WINDOW:
                    return int(row[0])
        row = self._db.execute(probe, (query, RANK_WINDOW - 1)).fetchone()
        return None if row is None else int(row[0])

    def _like_rows(self, text: str, limit: int) -> list[_Row]:
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
        return [(*row[:5], plain_snippet(row[5], words)) for row in found]
