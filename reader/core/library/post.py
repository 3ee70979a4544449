"""The post record, and reading one post file into it."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.library import fields
from reader.core.library.frontmatter import parse_front_matter
from reader.core.library.image_probe import probe_image
from reader.core.library.image_refs import may_show_local_images
from reader.core.library.languages import post_language
from reader.core.library.locations import RefKind, image_reader, resolve_reference
from reader.core.library.problems import Problem
from reader.core.library.safe_files import FileTooLargeError, describe_refusal, read_regular
from reader.core.library.site_context import SiteContext
from reader.core.library.textfile import decode_post
from reader.core.library.visibility import (
    DRAFT,
    dated_reason,
    is_draft,
    publish_dates,
    static_reason,
)

MAX_POST_BYTES = 64 * 1024 * 1024
_PLAIN = SiteContext()

# Covers resolved during one scan, by (reference, folder): the file, or why there is none.
# The folder is "" for a "/"-reference, which resolves against the library alone. Never kept
# beyond a scan: files come and go.
CoverCache = dict[tuple[str, str], tuple[Path | None, str]]


@dataclass(frozen=True, slots=True)
class Post:
    """What the library knows about one post file, without its body (kept small for 10k posts).

    Each translation is a post of its own (with its own notes); `translation_key` groups them.
    """

    path: str  # relative to the library, '/'-separated
    title: str
    date: fields.DateValue | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    description: str = ""
    image: Path | None = None  # resolved local cover file that is an image
    image_ref: str | None = None  # the cover as written in the front matter
    draft: bool = False
    problems: tuple[Problem, ...] = ()
    compare: tuple[str, ...] = ()  # front matter `compare:` (sides of a comparison)
    size: int = 0
    mtime_ns: int = 0
    lang: str = ""  # language code, "" when nothing names one
    translation_key: str = ""  # equal for the translations of one post
    hidden: str = ""  # why the generator does not publish it, whatever the date ("" if it does)
    publish_date: fields.DateValue | None = None  # from which the generator publishes it
    expiry_date: fields.DateValue | None = None
    local_images: bool = False  # the body may refer to an image that is not remote

    @property
    def sort_key(self) -> tuple[float, str, str]:
        """Newest first, undated last, then title and path for a stable order."""
        return (-fields.date_sort_key(self.date), self.title.casefold(), self.path)

    def date_iso(self) -> str | None:
        """ISO 8601 date or datetime, as `list --json` prints it."""
        return None if self.date is None else self.date.isoformat()

    def hidden_reason(self, now: float) -> str:
        """Why the post is hidden at time `now` (seconds since the epoch), or "" when shown."""
        reason = self.hidden or (DRAFT if self.draft else "")
        return reason or dated_reason(self.publish_date, self.expiry_date, now)

    @property
    def group_key(self) -> str:
        """The key its translations share (the path when nothing else is known)."""
        return self.translation_key or self.path


@dataclass(slots=True)
class PostText:
    """A post's decoded body and front matter, read when the post is opened."""

    meta: dict[str, Any]
    body: str
    problems: list[str] = field(default_factory=list)


def read_text(path: Path, library_root: Path | None = None) -> PostText:
    """Read and decode a post file of the library at `library_root` (default: the post's own
    folder); problems are returned, never raised. Read through `read_regular`: nothing
    outside the library, nothing but a regular file, at most MAX_POST_BYTES."""
    roots = (library_root if library_root is not None else path.parent,)
    try:
        data = read_regular(path, roots, MAX_POST_BYTES).data
    except FileTooLargeError as error:
        return PostText({}, "", [str(error)])
    except OSError as error:
        return PostText({}, "", [f"cannot read file: {describe_refusal(error)}"])
    return parse_post_bytes(data)


def parse_post_bytes(data: bytes) -> PostText:
    """Decode a post file's bytes and split off its front matter."""
    decoded = decode_post(data)
    problems = [decoded.problem] if decoded.problem else []
    if decoded.binary:
        return PostText({}, "", problems)
    front = parse_front_matter(decoded.text)
    problems.extend(front.problems)
    return PostText(front.meta, front.body, problems)


def _problems(rel: str, kind: str, messages: list[str]) -> list[Problem]:
    return [Problem(rel, kind, message) for message in messages if message]


def _kind_of(message: str) -> str:
    if "UTF-8" in message:
        return "encoding"
    if message.startswith(("cannot read", "file too large", "binary")):
        return "file"
    return "front-matter"


def _stem(rel: str) -> str:
    """`PurePosixPath(rel).stem` without building a path (called for every post)."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _check_cover(ref: str, post_dir: Path | str, library_root: Path) -> tuple[Path | None, str]:
    resolved = resolve_reference(ref, post_dir, library_root)
    if resolved.kind is RefKind.REMOTE:
        return None, ""  # never fetched, by design; not the post's fault
    if resolved.kind is not RefKind.LOCAL or resolved.path is None:
        return None, f"cover {resolved.reason}"
    probe = probe_image(resolved.path, image_reader(str(library_root)))
    if not probe.ok:
        return None, f"cover {ref} {probe.problem}"
    return resolved.path, ""


def resolve_cover(
    ref: str, post_dir: Path | str, library_root: Path, covers: CoverCache | None
) -> tuple[Path | None, str]:
    """The cover file, or why there is none; once per scan for each reference and folder."""
    if covers is None:
        return _check_cover(ref, post_dir, library_root)
    text = ref.strip()
    rooted = text.startswith("/") and not text.startswith("//")
    key = (ref, "" if rooted else str(post_dir))
    found = covers.get(key)
    if found is None:
        found = covers[key] = _check_cover(ref, post_dir, library_root)
    return found


def _folder_categories(rel: str, lang: str) -> list[str]:
    """Jekyll's categories from the folders above ``_posts`` (``travel/_posts/x.md``)."""
    parts = rel.split("/")[:-1]
    if "_posts" not in parts:
        return []
    above = parts[: parts.index("_posts")]
    return [part for part in above if part and part.lower() != lang and not part.startswith("_")]


def build_post(
    rel: str,
    text: PostText,
    *,
    post_dir: Path | str,
    library_root: Path,
    size: int,
    mtime_ns: int,
    covers: CoverCache | None = None,
    context: SiteContext | None = None,
) -> Post:
    """Make the record from decoded text; every rule of the design's "Library rules"."""
    site = context if context is not None else _PLAIN
    meta = text.meta
    lang, key = post_language(rel, meta, site.site, site.root_name)
    cascaded = site.cascades.values_for(rel, lang, key)
    if cascaded:
        meta = {**cascaded, **meta}
    problems = [Problem(rel, _kind_of(m), m) for m in text.problems] if text.problems else []
    if size == 0:
        problems.append(Problem(rel, "file", "empty file"))

    get = meta.get
    title = get("title")
    title = title.strip() if type(title) is str else fields.scalar_text(title) or ""
    if not title:
        title = fields.first_heading(text.body) or fields.readable_name(rel)

    date, date_problem = fields.parse_date(get("date"))
    if date_problem:
        problems.append(Problem(rel, "date", date_problem))
    if date is None:
        date = fields.jekyll_name_date(_stem(rel))[0]
    publish, expiry, dated_problems = publish_dates(meta)
    problems.extend(_problems(rel, "date", dated_problems))
    if publish is None and date is not None and site.future_dates_wait(rel):
        publish = date

    jekyll = site.jekyll or "_posts/" in rel or "_drafts/" in rel
    tags, tag_problem = fields.terms(meta, "tag", "tags", jekyll=jekyll)
    categories, cat_problem = fields.terms(meta, "category", "categories", jekyll=jekyll)
    if jekyll and "_posts/" in rel:
        categories, _ = fields.string_list([*_folder_categories(rel, lang), *categories], "", "")
    if tag_problem or cat_problem:
        problems.extend(_problems(rel, "tags", [tag_problem, cat_problem]))
    compare, _ = fields.string_list(get("compare"), "compare")

    description = fields.scalar_text(get("description"))
    if not description:
        description = fields.scalar_text(get("summary")) or ""

    image: Path | None = None
    image_ref = fields.cover_reference(meta)
    if image_ref:
        image, cover_problem = resolve_cover(image_ref, post_dir, library_root, covers)
        if cover_problem:
            problems.append(Problem(rel, "image", cover_problem))

    return Post(
        rel,
        title,
        date,
        tags,
        categories,
        description,
        image,
        image_ref,
        is_draft(meta, rel),
        tuple(problems),
        compare,
        size,
        mtime_ns,
        lang,
        key,
        static_reason(meta, rel),
        publish,
        expiry,
        may_show_local_images(text.body),
    )


def read_post(path: Path, library_root: Path, context: SiteContext | None = None) -> Post:
    """Read one post file of the library at `library_root` (used when a single file changes)."""
    rel = path.relative_to(library_root).as_posix()
    try:
        stat = path.stat()
        size, mtime_ns = stat.st_size, stat.st_mtime_ns
    except OSError:
        size, mtime_ns = 0, 0
    return build_post(
        rel,
        read_text(path, library_root),
        post_dir=path.parent,
        library_root=library_root,
        size=size,
        mtime_ns=mtime_ns,
        context=context,
    )


def post_to_json(
    post: Post, translations: Sequence[Post] = (), now: float | None = None
) -> dict[str, Any]:
    """The object `reader list --json` prints for a post (the documented contract)."""
    moment = time.time() if now is None else now
    return {
        "path": post.path,
        "title": post.title,
        "date": post.date_iso(),
        "lang": post.lang,
        "tags": list(post.tags),
        "categories": list(post.categories),
        "description": post.description,
        "image": str(post.image) if post.image else None,
        "draft": post.draft,
        "hidden": post.hidden_reason(moment),
        "translations": [{"lang": other.lang, "path": other.path} for other in translations],
        "problems": [str(p) for p in post.problems],
    }
