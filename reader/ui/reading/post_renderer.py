"""Renders posts for the article pane: small ones at once, large ones off the GUI thread
(with their page's document, when asked: Qt's parsing of a large page is work too)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.library.post import Post
from reader.core.render.pipeline import RenderedPost
from reader.core.render.post_file import render_file
from reader.ui.common.background import WorkerThreads

BACKGROUND_BYTES = 200_000  # posts larger than this render in a worker thread
Builder = Callable[[RenderedPost], object]  # makes the page's document (in the worker)


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
    done = Signal(object, object, object)  # RenderJob, RenderedPost, what `build` made

    def __init__(self, job: RenderJob, build: Builder | None) -> None:
        super().__init__()
        self._job = job
        self._build = build

    @Slot()
    def run(self) -> None:
        rendered = run_job(self._job)
        built = self._build(rendered) if self._build is not None else None
        # Carried by the signal, the page's last reference ends in the GUI thread.
        self.done.emit(self._job, rendered, built)

    def fail(self, reason: str) -> None:
        """Deliver a page that says why (any thread)."""
        self.done.emit(self._job, failed_render(self._job, reason), None)


class PostRenderer(QObject):
    """Emits `rendered(job, result)`; only the newest request's result is delivered."""

    rendered = Signal(object, object)  # RenderJob, RenderedPost
    started = Signal(object)  # RenderJob, when it goes to the background

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest: RenderJob | None = None
        self._built: tuple[RenderJob, object] | None = None
        self._workers = WorkerThreads()

    def request(self, job: RenderJob, build: Builder | None = None) -> None:
        """Render `job`, synchronously when the post is small. A large one is rendered in a
        worker, where `build(rendered)` also runs (see `take_built`)."""
        self._latest = job
        self._built = None
        if 0 <= job.post.size < BACKGROUND_BYTES:
            self.rendered.emit(job, run_job(job))
            return
        self.started.emit(job)
        worker = _Worker(job, build)
        worker.done.connect(self._deliver)
        self._workers.start(worker, worker.run, worker.fail)

    def cancel(self) -> None:
        """Drop the render under way (its result is delivered to no one); returns at once."""
        self._latest = None
        self._workers.cancel()

    def wait(self) -> None:
        """Block until background renders end (tests)."""
        self._workers.wait()

    def take_built(self, job: RenderJob) -> object:
        """What `build` made for `job` in the worker (once), or None."""
        built, self._built = self._built, None
        return built[1] if built is not None and built[0] is job else None

    def _deliver(self, job: RenderJob, result: RenderedPost, built: object) -> None:
        if job is self._latest:
            self._built = (job, built)
            self.rendered.emit(job, result)
