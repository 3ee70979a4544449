"""Shared fixtures: paths of the bundled articles and the static fixture libraries."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red build must be reproducible, not a dice roll);
# locally hypothesis keeps exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
# bench/anchoring_fuzz.py: the same properties randomised, with many examples each.
settings.register_profile(
    "fuzz",
    deadline=None,
    print_blob=True,
    max_examples=int(os.environ.get("READER_FUZZ_EXAMPLES", "10000")),
)
settings.load_profile(
    os.environ.get("READER_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

# Keep the per-user cache, data and config folders of test runs away from the person's own.
_SANDBOX = tempfile.mkdtemp(prefix="reader-tests-home-")
for _name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
    os.environ[_name] = os.path.join(_SANDBOX, _name.lower())

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = Path(__file__).parent.parent / "articles"


@pytest.fixture
def articles() -> Path:
    """The bundled library, as shipped."""
    return ARTICLES


@pytest.fixture
def hugo_content() -> Path:
    """A Hugo site's content/ folder (YAML, TOML, JSON, page bundles, a sibling static/)."""
    return FIXTURES / "hugo-site" / "content"


@pytest.fixture
def jekyll_site() -> Path:
    """A Jekyll site with dated file names in _posts/."""
    return FIXTURES / "jekyll"
