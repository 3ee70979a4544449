"""Exports and comparison tables for a scope, as the window asks for them (no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.anchoring.targets import AnchorStatus
from reader.core.export.collect import ScopeError, collect, posts_in_scope
from reader.core.export.comparison import ComparisonTable, build_comparison
from reader.core.export.formats import export_bytes
from reader.core.export.model import ExportFilter, annotated, annotation_count, apply_filter
from reader.core.library.entries import View
from reader.core.library.problems import Problem
from reader.core.library.scan import Library
from reader.core.notes.atomic import atomic_write_bytes
from reader.core.notes.store import NotesStore

THIS_POST = "post"
TAG = "tag"
CATEGORY = "category"
LIBRARY = "library"
EMPTY_TABLE = ComparisonTable((), (), {})
Progress = Callable[[int, int], None]  # (posts done, posts in scope)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """An export as a person asks for it in the window (empty strings mean "any")."""

    fmt: str
    scope: str  # post, tag or library
    tag: str
    color: str
    side: str
    aspect: str
    status: str
    destination: Path

    def export_filter(self) -> ExportFilter:
        """The annotation filter these choices make."""
        return ExportFilter.of(
            colors=[self.color] if self.color else None,
            sides=[self.side] if self.side else None,
            aspects=[self.aspect] if self.aspect else None,
            statuses=[AnchorStatus(self.status)] if self.status else None,
        )


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The exported bytes, how many notes they hold, and problems met (unreadable notes)."""

    data: bytes
    count: int
    problems: list[Problem]


def export_scope(
    library: Library,
    store: NotesStore,
    fmt: str,
    wanted: ExportFilter,
    *,
    post: str | None = None,
    tag: str | None = None,
    category: str | None = None,
    view: View | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Export the notes of one post, the posts with a tag or category, or the library.

    Raises ScopeError or UnknownFormatError; writes nothing (the caller decides where to).
    """
    posts = posts_in_scope(library, post=post, tag=tag, category=category, view=view)
    # Only the comparison table shows posts without notes (their sides, as gaps).
    notes_only = fmt.strip().lower() != "table"
    collected = collect(library, store, posts, progress=progress, notes_only=notes_only)
    chosen = apply_filter(collected.posts, wanted)
    return ExportResult(export_bytes(chosen, fmt), annotation_count(chosen), collected.problems)


def comparison_for(
    library: Library,
    store: NotesStore,
    *,
    post: str | None = None,
    tag: str | None = None,
    category: str | None = None,
    view: View | None = None,
    progress: Progress | None = None,
) -> ComparisonTable:
    """The comparison table of one post, the posts with a tag or a category, or the library
    (the posts `view` shows)."""
    posts = posts_in_scope(library, post=post, tag=tag, category=category, view=view)
    collected = collect(library, store, posts, progress=progress, notes_only=True)
    return build_comparison(annotated(collected.posts))


def comparison_for_scope(
    library: Library,
    store: NotesStore,
    scope: str,
    current_post: str | None,
    view: View | None = None,
    progress: Progress | None = None,
) -> ComparisonTable:
    """The comparison view's scopes: "post", "tag:NAME", "category:NAME" or "library", over
    the posts `view` shows; empty when none fits."""
    try:
        if scope == THIS_POST:
            if current_post is None:
                return EMPTY_TABLE
            return comparison_for(library, store, post=current_post, progress=progress)
        if scope.startswith(TAG + ":"):
            tag = scope[len(TAG) + 1 :]
            return comparison_for(library, store, tag=tag, view=view, progress=progress)
        if scope.startswith(CATEGORY + ":"):
            name = scope[len(CATEGORY) + 1 :]
            return comparison_for(library, store, category=name, view=view, progress=progress)
        return comparison_for(library, store, view=view, progress=progress)
    except ScopeError:
        return EMPTY_TABLE


def export_to_file(
    library: Library,
    store: NotesStore,
    request: ExportRequest,
    current_post: str | None,
    progress: Progress | None = None,
) -> tuple[int, list[Problem]]:
    """Export the scope's notes to the request's file atomically: (notes written, problems).

    Raises ScopeError, UnknownFormatError, ValueError or OSError before anything is written.
    """
    post = current_post if request.scope == THIS_POST else None
    if request.scope == THIS_POST and post is None:
        raise ScopeError("no post is open")
    tag = request.tag if request.scope == TAG else None
    wanted = request.export_filter()
    result = export_scope(
        library, store, request.fmt, wanted, post=post, tag=tag, progress=progress
    )
    atomic_write_bytes(request.destination, result.data)
    return result.count, result.problems
