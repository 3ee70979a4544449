"""The post record, and reading one post file into it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.library import fields
from reader.core.library.frontmatter import parse_front_matter
from reader.core.library.locations import RefKind, ResolvedRef, resolve_reference
from reader.core.library.problems import Problem
from reader.core.library.safe_files import FileTooLargeError, describe_refusal, read_regular
from reader.core.library.textfile import decode_post

MAX_POST_BYTES = 64 * 1024 * 1024

# Covers resolved during one scan, by (reference, folder); the folder is "" for a "/"-reference,
# which resolves against the library alone. Never kept beyond a scan: files come and go.
CoverCache = dict[tuple[str, str], ResolvedRef]


@dataclass(frozen=True, slots=True)
class Post:
    """What the library knows about one post, without its body (kept small for 10k posts)."""

    path: str  # relative to the library, '/'-separated
    title: str
    date: fields.DateValue | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    description: str = ""
    image: Path | None = None  # resolved local cover file
    image_ref: str | None = None  # the cover as written in the front matter
    draft: bool = False
    problems: tuple[Problem, ...] = ()
    compare: tuple[str, ...] = ()  # front matter `compare:` (sides of a comparison)
    size: int = 0
    mtime_ns: int = 0

    @property
    def sort_key(self) -> tuple[float, str, str]:
        """Newest first, undated last, then title and path for a stable order."""
        return (-fields.date_sort_key(self.date), self.title.casefold(), self.path)

    def date_iso(self) -> str | None:
        """ISO 8601 date or datetime, as `list --json` prints it."""
        return None if self.date is None else self.date.isoformat()


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


def resolve_cover(
    ref: str, post_dir: Path | str, library_root: Path, covers: CoverCache | None
) -> ResolvedRef:
    """Resolve a cover reference, once per scan for each reference and folder."""
    if covers is None:
        return resolve_reference(ref, post_dir, library_root)
    text = ref.strip()
    rooted = text.startswith("/") and not text.startswith("//")
    key = (ref, "" if rooted else str(post_dir))
    found = covers.get(key)
    if found is None:
        found = covers[key] = resolve_reference(ref, post_dir, library_root)
    return found


def build_post(
    rel: str,
    text: PostText,
    *,
    post_dir: Path | str,
    library_root: Path,
    size: int,
    mtime_ns: int,
    covers: CoverCache | None = None,
) -> Post:
    """Make the record from decoded text; every rule of the design's "Library rules"."""
    meta = text.meta
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

    tags, tag_problem = fields.string_list(get("tags"), "tags")
    categories, cat_problem = fields.string_list(get("categories"), "categories")
    if tag_problem or cat_problem:
        problems.extend(_problems(rel, "tags", [tag_problem, cat_problem]))
    compare, _ = fields.string_list(get("compare"), "compare")

    description = fields.scalar_text(get("description"))
    if not description:
        description = fields.scalar_text(get("summary")) or ""

    draft = get("draft")
    draft = (draft if type(draft) is bool else fields.truthy(draft)) or get("published") is False
    draft = draft or rel.startswith("_drafts/")

    image: Path | None = None
    image_ref = fields.cover_reference(meta)
    if image_ref:
        resolved = resolve_cover(image_ref, post_dir, library_root, covers)
        if resolved.kind is RefKind.LOCAL:
            image = resolved.path
        else:
            problems.append(Problem(rel, "image", f"cover {resolved.reason}"))

    return Post(
        rel,
        title,
        date,
        tags,
        categories,
        description,
        image,
        image_ref,
        draft,
        tuple(problems),
        compare,
        size,
        mtime_ns,
    )


def read_post(path: Path, library_root: Path) -> Post:
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
    )


def post_to_json(post: Post) -> dict[str, Any]:
    """The object `reader list --json` prints for a post (the documented contract)."""
    return {
        "path": post.path,
        "title": post.title,
        "date": post.date_iso(),
        "tags": list(post.tags),
        "categories": list(post.categories),
        "description": post.description,
        "image": str(post.image) if post.image else None,
        "draft": post.draft,
        "problems": [str(p) for p in post.problems],
    }
