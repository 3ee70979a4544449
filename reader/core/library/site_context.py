"""What reading one post needs to know about the whole site: its config and its cascades.

Read once per scan (a config file and the section pages: a few dozen small files), sent to
scan workers with their share of posts, and fingerprinted so that the scan cache is ignored
when either changes (a post read under other languages or cascades would be stale).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.library.cascade import Cascades, read_sections
from reader.core.library.problems import Problem
from reader.core.library.site_config import Site, read_site


@dataclass(frozen=True, slots=True)
class SiteContext:
    """The site config, the section pages with their cascades, the library folder's name."""

    site: Site = field(default_factory=Site)
    cascades: Cascades = field(default_factory=Cascades)
    root_name: str = ""  # "_articles" marks a Jekyll collection

    def fingerprint(self) -> str:
        """Equal for two scans exactly when every post would be read the same way."""
        site = self.site
        described = repr((site.generator, site.languages, site.default_language, site.content_dirs))
        text = f"{described}|{self.root_name}|{self.cascades.fingerprint()}"
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:20]

    def future_dates_wait(self, rel: str) -> bool:
        """Whether a post dated in the future waits for its date, as Hugo and Jekyll sites
        (without `buildFuture` / `future`) do; a plain folder of notes shows it."""
        if self.site.build_future:
            return False
        return bool(self.site.generator) or self.jekyll or "_posts/" in rel

    @property
    def jekyll(self) -> bool:
        """A Jekyll site, or a folder laid out like one."""
        return self.site.generator == "jekyll" or (
            self.site.generator != "hugo" and self.root_name.startswith("_")
        )


def read_context(
    root: Path, sections: Sequence[tuple[str, str]], problems: list[Problem]
) -> SiteContext:
    """The context of the library at `root`; `sections` are the section pages the walk found
    as (library-relative path, absolute path). Problems are added to `problems`."""
    site = read_site(root)
    problems.extend(site.problems)
    cascades = read_sections(str(root), sections, site, problems)
    return SiteContext(site, cascades, os.path.basename(os.path.realpath(root)))
