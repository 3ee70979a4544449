"""The import report a person reads: per post, each annotation with what happens to it.

`reader import --dry-run` prints it before anything is written, the window shows it for
confirmation, and after an import the same text says what was done. Pure text, no colours,
one line per annotation, so it reads well in a terminal, a dialog and a log.
"""

from __future__ import annotations

from typing import Final

from reader.core.anchoring.targets import AnchorStatus
from reader.core.importing.apply import ImportOutcome
from reader.core.importing.plan import DELETED, KEPT, NEW, PRESENT, UPDATE, ImportPlan, PlannedNote

ACTION_WORDS: Final = {
    NEW: "new",
    UPDATE: "update",
    PRESENT: "already there",
    KEPT: "ours is newer",
    DELETED: "deleted here",
}
STATUS_WORDS: Final = {
    AnchorStatus.ANCHORED: "found",
    AnchorStatus.MOVED: "found",
    AnchorStatus.FUZZY: "approximate",
    AnchorStatus.ORPHANED: "not in post",
}
QUOTE_CHARS: Final = 60
NOTE_CHARS: Final = 50


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _note_line(item: PlannedNote) -> str:
    note = item.annotation
    parts = [
        f"  {ACTION_WORDS[item.action]:<13} {STATUS_WORDS[item.status]:<11}",
        f"“{shorten(note.target.exact, QUOTE_CHARS)}”",
    ]
    if note.note:
        parts.append(f"— {shorten(note.note, NOTE_CHARS)}")
    labels = [label for label in (note.side, note.aspect) if label]
    labels += [f"#{tag}" for tag in note.tags]
    if labels:
        parts.append(f"[{', '.join(labels)}]")
    return " ".join(parts)


def _counts(plan: ImportPlan, written: bool) -> str:
    notes, posts = plan.to_write, plan.posts_to_write
    noun = "note" if notes == 1 else "notes"
    where = f"{posts} post" + ("" if posts == 1 else "s")
    head = f"{'Imported' if written else 'Would import'} {notes} {noun} into {where}"
    extra = []
    for action, words in (
        (PRESENT, "already there"),
        (KEPT, "older than ours"),
        (DELETED, "deleted here"),
    ):
        count = plan.count(action)
        if count:
            extra.append(f"{count} {words}")
    if plan.unmatched:
        extra.append(f"{len(plan.unmatched)} not matched to a post")
    if plan.skipped:
        extra.append(f"{len(plan.skipped)} skipped")
    return head + ("; " + ", ".join(extra) if extra else "") + "."


def format_report(plan: ImportPlan, *, dry_run: bool, outcome: ImportOutcome | None = None) -> str:
    """The whole report; `outcome` (after writing) replaces the plan's counts with the real ones."""
    total = plan.parsed.total
    lines = [
        f"{plan.parsed.shape_name} {plan.file_name}: {total} annotation"
        + ("" if total == 1 else "s")
        + (" (dry run: nothing is written)" if dry_run else "")
    ]
    for post_plan in plan.posts:
        lines += ["", f"{post_plan.post.path} — {post_plan.post.title}"]
        if post_plan.problem is not None:
            lines.append(f"  not imported: {post_plan.problem}")
        lines += [_note_line(item) for item in post_plan.notes]
    if plan.unmatched:
        lines += ["", f"Not matched to a post ({len(plan.unmatched)}, not imported):"]
        for item in plan.unmatched:
            quote = shorten(item.incoming.exact, 40)
            lines.append(
                f"  #{item.incoming.index} {item.incoming.label()} “{quote}”: {item.reason}"
            )
    if plan.skipped:
        lines += ["", f"Skipped ({len(plan.skipped)}):"]
        for skipped in plan.skipped:
            where = f" ({skipped.address})" if skipped.address else ""
            lines.append(f"  #{skipped.index} {skipped.reason}{where}")
    lines += ["", _counts(plan, written=outcome is not None and not dry_run)]
    if outcome is not None:
        if outcome.notes != plan.to_write:
            lines.append(f"Written: {outcome.notes} notes into {outcome.posts} posts.")
        lines += [f"Not saved: {failure}" for failure in outcome.failures]
    return "\n".join(lines) + "\n"
