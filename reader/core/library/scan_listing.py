"""What the walk found, kept in the scan cache so that a warm scan need not walk again.

A folder's listing changes only if an entry is added, removed or renamed in it, which changes
its mtime; permissions or owner change its ctime. So while every folder the walk listed has
the same stamp (mtime, ctime, inode, device), the walk would find the same files, section
pages and problems, and the warm scan only stats the files themselves (an edit in place
changes a file, not its folder). A folder changed within `RACY_NS` of the walk is not
trusted: a file system with coarse timestamps could hide a second change in the same tick.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Final

# path, mtime_ns, ctime_ns, inode, device of one folder the walk listed
FolderStamp = tuple[str, int, int, int, int]
RACY_NS: Final = 2_000_000_000


@dataclass(frozen=True, slots=True)
class Listing:
    """The folders listed (stamped), the section pages and the walk's problems, and when."""

    folders: tuple[FolderStamp, ...]
    sections: tuple[tuple[str, str], ...]
    problems: tuple[tuple[str, str, str], ...]  # (path, kind, message)
    walked_ns: int

    def to_plain(self) -> tuple[Any, ...]:
        """Plain tuples for the cache file."""
        return (self.folders, self.sections, self.problems, self.walked_ns)

    @staticmethod
    def from_plain(value: Any) -> Listing | None:
        """The listing stored by `to_plain`; None when there is none or it is malformed."""
        if not (isinstance(value, tuple) and len(value) == 4):
            return None
        folders, sections, problems, walked_ns = value
        if not all(isinstance(part, tuple) for part in (folders, sections, problems)):
            return None
        if not isinstance(walked_ns, int):
            return None
        shapes = (
            all(isinstance(f, tuple) and len(f) == 5 and isinstance(f[0], str) for f in folders)
            and all(isinstance(s, tuple) and len(s) == 2 for s in sections)
            and all(isinstance(p, tuple) and len(p) == 3 for p in problems)
        )
        return Listing(folders, sections, problems, walked_ns) if shapes else None

    def still_holds(self) -> bool:
        """Every folder unchanged since the walk (one stat per folder, none per file)."""
        limit = self.walked_ns - RACY_NS
        stat = os.stat
        try:
            for path, mtime_ns, ctime_ns, inode, device in self.folders:
                info = stat(path)
                if (
                    info.st_mtime_ns != mtime_ns
                    or info.st_ctime_ns != ctime_ns
                    or info.st_ino != inode
                    or info.st_dev != device
                    or mtime_ns >= limit
                    or ctime_ns >= limit
                ):
                    return False
        except (OSError, TypeError, ValueError):
            return False
        return bool(self.folders)
