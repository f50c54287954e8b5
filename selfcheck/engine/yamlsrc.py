"""Read YAML so that every mapping and list remembers its line numbers.

Researchers need "file:line" in every message, and PyYAML forgets positions after parsing.
Only ``true``/``false`` are booleans here: YAML 1.1 would turn an English label "No" into False.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class LineDict(dict[Any, Any]):
    """A mapping with the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A list with the line of itself and of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class YamlError(Exception):
    """The file is not valid YAML; carries the line of the problem."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line

    @property
    def hint(self) -> str:
        """What to do, in plain words, for the mistakes researchers make most."""
        text = str(self)
        for needle, hint in _HINTS:
            if needle in text:
                return hint
        return "check the indentation (spaces, two per level) and the quotes on this line and the one before"


_HINTS = (
    ("\\t", "use spaces, not tabs, to indent"),
    ("mapping values are not allowed", "check the indentation; put text that contains a colon in quotes"),
    ("expected ',' or '}'", "close the { } or put text with a comma, colon or question mark in quotes"),
    ("expected ',' or ']'", "close the [ ] or put text with a comma or colon in quotes"),
    ("could not find expected ':'", "a key needs a colon after it; check the line above too"),
    ("found undefined alias", "a * starts an alias in YAML: put text that begins with * in quotes"),
    ("found character that cannot start any token", "put text that begins with @, ` or % in quotes"),
)


def _loader_on(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """A safe loader on ``base`` that keeps line numbers, reports duplicate keys and reads only
    true/false as booleans (not the YAML 1.1 yes/no/on/off)."""

    class Loader(base):  # type: ignore[valid-type,misc]
        duplicate_keys: list[tuple[str, int]]

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    return Loader


def _mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result:
            loader.duplicate_keys.append((str(key), line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


# libyaml (C) parses several times faster; the pure-Python parser explains errors better, so it
# reads a file again only when the fast one found a problem.
_FAST = _loader_on(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_EXPLAINING = _loader_on(yaml.SafeLoader)


def parse_yaml(text: str) -> tuple[Any, list[tuple[str, int]]]:
    """Parse YAML text; return the data and the duplicate keys found (key, line)."""
    try:
        return _parse(_FAST, text)
    except YamlError:
        if _FAST is _EXPLAINING:
            raise
        return _parse(_EXPLAINING, text)  # raises the same problem, in plainer words


def _parse(loader_class: type[yaml.SafeLoader], text: str) -> tuple[Any, list[tuple[str, int]]]:
    loader = loader_class(text)
    loader.duplicate_keys = []  # type: ignore[attr-defined]
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(str(exc.problem or exc).strip(), line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).strip(), 1) from None
    finally:
        loader.dispose()
    return data, loader.duplicate_keys  # type: ignore[attr-defined]


def read_yaml(path: Path) -> tuple[Any, list[tuple[str, int]]]:
    """Read and parse a YAML file (UTF-8)."""
    return parse_yaml(path.read_text(encoding="utf-8"))


def line_of(data: Any, path: list[Any] | tuple[Any, ...], default: int = 1) -> int:
    """Find the line of the item at ``path`` (keys and indexes) inside parsed data."""
    line = getattr(data, "line", default) or default
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
