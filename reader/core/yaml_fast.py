"""A lean YAML loader for front matter: libyaml parses, a small constructor builds.

PyYAML's constructor is pure Python and generic; front matter is small mappings of strings,
lists and a few dates. Building plain strings, lists and dicts directly (and handing every
other node to PyYAML's safe constructor) loads the same data about a third faster, which is
most of the scan's cost on a large library. Aliases are memoised, so an alias "bomb" is built
as shared references in linear time instead of being expanded.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


class _Loader(_BaseLoader):  # type: ignore[misc]
    """libyaml's safe loader; only used for parsing and for the unusual nodes."""


def _construct(node: Node, loader: Any, memo: dict[int, Any]) -> Any:
    key = id(node)
    if key in memo:
        return memo[key]
    value: Any
    if isinstance(node, ScalarNode) and node.tag == _STR:
        value = node.value
    elif isinstance(node, SequenceNode) and node.tag == _SEQ:
        value = []
        memo[key] = value
        value.extend(_construct(item, loader, memo) for item in node.value)
    elif (
        isinstance(node, MappingNode)
        and node.tag == _MAP
        and not any(k.tag == _MERGE for k, _ in node.value)
    ):
        value = {}
        memo[key] = value
        for key_node, value_node in node.value:
            item_key = _construct(key_node, loader, memo)
            if isinstance(item_key, list | dict):
                raise yaml.constructor.ConstructorError(
                    None, None, "found an unhashable key", key_node.start_mark
                )
            value[item_key] = _construct(value_node, loader, memo)
    else:
        value = loader.construct_object(node, deep=True)
    memo[key] = value
    return value


def load_yaml(text: str) -> Any:
    """Load one YAML document with the safe schema (same result as ``yaml.safe_load``)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _construct(node, loader, {})
    finally:
        loader.dispose()
