"""Shared fixtures: paths of the bundled articles and the static fixture libraries."""

from __future__ import annotations

from pathlib import Path

import pytest

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
