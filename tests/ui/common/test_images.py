"""Covers and article images are read the safe way before Qt decodes them."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from reader.ui.common.images import image_reader
from tests.hostile_shapes import SHAPES

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def test_a_real_image_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(PNG)
    opened = image_reader(tmp_path / "a.png", [tmp_path])
    assert opened is not None and opened[0].read().width() == 1


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_hostile_shapes_give_no_image_and_never_block(tmp_path: Path, name: str) -> None:
    root = tmp_path / "library"
    root.mkdir()
    SHAPES[name](root / "cover.png", tmp_path)
    assert image_reader(root / "cover.png", [root]) is None
