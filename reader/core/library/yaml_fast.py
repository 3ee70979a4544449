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


_PLAIN_TAGS: dict[str, str] = {}  # plain scalar -> resolved tag; the same values recur a lot
_PLAIN_TAGS_MAX = 4096


class _Loader(_BaseLoader):  # type: ignore[misc]
    """libyaml's safe loader; only used for parsing and for the unusual nodes.

    libyaml calls back into Python to resolve every scalar's tag and to track the path of
    every node: a sixth of the load. With no path resolvers registered (the safe schema has
    none), the path tracking does nothing and a scalar's tag depends on its text alone.
    """

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> Any:
        if kind is ScalarNode and not self.yaml_path_resolvers:
            if not implicit[0]:
                return _STR  # quoted or tagged: implicit resolvers do not apply
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_PLAIN_TAGS) < _PLAIN_TAGS_MAX:
                    _PLAIN_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        if self.yaml_path_resolvers:
            super().descend_resolver(current_node, current_index)

    def ascend_resolver(self) -> None:
        if self.yaml_path_resolvers:
            super().ascend_resolver()


def _construct(node: Node, loader: Any, memo: dict[int, Any]) -> Any:
    key = id(node)
    if key in memo:
        return memo[key]
    value: Any
    kind = type(node)
    if kind is ScalarNode and node.tag == _STR:
        value = node.value
    elif kind is SequenceNode and node.tag == _SEQ:
        value = []
        memo[key] = value
        value.extend(_construct(item, loader, memo) for item in node.value)
    elif (
        kind is MappingNode and node.tag == _MAP and not any(k.tag == _MERGE for k, _ in node.value)
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
