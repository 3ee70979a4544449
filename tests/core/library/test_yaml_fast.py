"""The lean front matter loader must give exactly what PyYAML's safe loader gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.library.yaml_fast import load_yaml

SAMPLES = [
    "title: Hello\ndate: 2023-11-07\ntags: [a, b]\n",
    "date: 2023-11-07T10:00:00+02:00\ndraft: false\ncount: 3\nratio: 1.5\nnothing: ~\n",
    "quoted: '2023-11-07'\nplain: yes\nnumber_string: \"42\"\n",
    "base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n",
    "list: &l [1, 2]\nagain: *l\n",
    "multi: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "binary: !!binary aGVsbG8=\nset: !!set {a, b}\n",
    "nested: {cover: {image: x.png, alt: 'A'}}\n",
    "- just\n- a list\n",
    "plain scalar",
    "",
    "octal: 0o17\nhex: 0x1f\ninf: .inf\ntimestamp: 2001-12-14 21:59:43.10 -5\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_same_as_safe_load(text: str) -> None:
    assert load_yaml(text) == yaml.safe_load(text)


def test_aliases_are_shared_not_copied() -> None:
    data = load_yaml("a: &x [1]\nb: *x\n")
    assert data["a"] is data["b"]


def test_recursive_alias_does_not_hang() -> None:
    data = load_yaml("a: &x [*x]\n")
    assert data["a"][0] is data["a"]


@pytest.mark.parametrize(
    "text", ["a: [unclosed\n", "? [a]\n: b\n", "x: !!python/object:os.system {}\n"]
)
def test_errors_are_yaml_errors(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)


scalars = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.dates(min_value=dt.date(1900, 1, 1)),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=10), values, max_size=6))
def test_round_trips_like_safe_load(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    assert load_yaml(text) == yaml.safe_load(text)
