"""Renders posts for the article pane: small ones at once, large ones off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.library.post import Post
from reader.core.render.pipeline import RenderedPost
from reader.core.render.post_file import render_file
from reader.ui.common.background import WorkerThreads

BACKGROUND_BYTES = 200_000  # posts larger than this render in a worker thread


@dataclass(frozen=True, slots=True)
class RenderJob:
    """What to render: the post, where it lives and the theme."""

    post: Post
    library_root: Path
    theme: str


def run_job(job: RenderJob) -> RenderedPost:
    """Read and render one post (pure; runs in any thread); a failure becomes a page saying so."""
    try:
        return _render(job)
    except Exception as error:  # a bug or an input nobody foresaw: show why, never a traceback
        return failed_render(job, f"{type(error).__name__}: {error}")


def failed_render(job: RenderJob, reason: str) -> RenderedPost:
    """The page shown when a post could not be rendered."""
    message = f"“{job.post.title}” could not be shown: {reason}"
    return RenderedPost(
        html=f"<html><body><p>{escape(message)}</p></body></html>",
        body_html=f"<p>{escape(message)}</p>",
        text=message,
        notices=(message,),
    )


def _render(job: RenderJob) -> RenderedPost:
    path = job.library_root.joinpath(*job.post.path.split("/"))
    return render_file(path, job.library_root, "dark" if job.theme == "dark" else "light")


class _Worker(QObject):
    done = Signal(object, object)  # RenderJob, RenderedPost

    def __init__(self, job: RenderJob) -> None:
        super().__init__()
        self._job = job

    @Slot()
    def run(self) -> None:
        self.done.emit(self._job, run_job(self._job))

    def fail(self, reason: str) -> None:
        """Deliver a page that says why (any thread)."""
        self.done.emit(self._job, failed_render(self._job, reason))


class PostRenderer(QObject):
    """Emits `rendered(job, result)`; only the newest request's result is delivered."""

    rendered = Signal(object, object)  # RenderJob, RenderedPost
    started = Signal(object)  # RenderJob, when it goes to the background

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest: RenderJob | None = None
        self._workers = WorkerThreads()

    def request(self, job: RenderJob) -> None:
        """Render `job`, synchronously when the post is small."""
        self._latest = job
        if 0 <= job.post.size < BACKGROUND_BYTES:
            self.rendered.emit(job, run_job(job))
            return
        self.started.emit(job)
        worker = _Worker(job)
        worker.done.connect(self._deliver)
        self._workers.start(worker, worker.run, worker.fail)

    def wait(self) -> None:
        """Block until background renders end (closing, tests)."""
        self._workers.wait()

    def _deliver(self, job: RenderJob, result: RenderedPost) -> None:
        if job is self._latest:
            self.rendered.emit(job, result)
