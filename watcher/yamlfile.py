"""YAML loading that remembers where every key and value sits, for error messages with line numbers.

`load_yaml` returns plain Python values (dict, list, str, int, ...) plus side tables mapping a
path such as `(3, "interval")` to its 1-based line. Nothing YAML-specific leaks into the values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from watcher.errors import ConfigError

try:  # the libyaml binding is much faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[Any, ...]


@dataclass
class YamlDocument:
    """Parsed YAML values plus the line of each value and of each mapping key (1-based)."""

    data: Any
    name: str
    value_lines: dict[PathKey, int] = field(default_factory=dict)
    key_lines: dict[PathKey, int] = field(default_factory=dict)
    # Problems found while reading that are not syntax errors (duplicate keys): (line, sentence).
    problems: list[tuple[int, str]] = field(default_factory=list)

    def line(self, path: PathKey, *, key: bool = True) -> int | None:
        """Line of the key at `path` (or its value when `key` is False), else of the nearest ancestor."""
        current = tuple(path)
        while True:
            if key and current in self.key_lines:
                return self.key_lines[current]
            if current in self.value_lines:
                return self.value_lines[current]
            if not current:
                return None
            current = current[:-1]


def load_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file. Raises ConfigError with the file and line on any problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("file not found", path=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a directory, not a file", path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror or exc})", path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"is not UTF-8 text (bad byte at offset {exc.start})", path=str(path)) from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, name: str = "<string>") -> YamlDocument:
    """Parse YAML text; `name` is used in error messages."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc = YamlDocument(data=None, name=name)
        if node is not None:
            doc.value_lines[()] = node.start_mark.line + 1
            doc.data = _Builder(loader, doc).build(node, ())
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "unreadable"
        if exc.problem and exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            # "found unexpected end of stream" alone does not say where the unclosed quote or bracket began
            reason += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise ConfigError(f"the file is not valid YAML: {reason}", path=name, line=line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"the file is not valid YAML: {exc}", path=name) from None
    finally:
        loader.dispose()


class _Builder:
    """Turns a composed node tree into plain values, recording lines along the way."""

    def __init__(self, loader: Any, doc: YamlDocument) -> None:
        self.loader = loader
        self.doc = doc
        self.active: set[int] = set()  # nodes being built, to refuse self-referencing aliases

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        if id(node) in self.active:
            raise ConfigError("an alias refers to itself", path=self.doc.name, line=node.start_mark.line + 1)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if isinstance(node, yaml.SequenceNode):
                result = []
                for index, item in enumerate(node.value):
                    child = (*path, index)
                    self.doc.value_lines[child] = item.start_mark.line + 1
                    result.append(self.build(item, child))
                return result
            return self.loader.construct_object(node, deep=True)
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> Any:
        if node.tag == "tag:yaml.org,2002:set":
            return self.loader.construct_object(node, deep=True)
        self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise ConfigError("a mapping key must be a plain value, not a list or mapping",
                                  path=self.doc.name, line=key_node.start_mark.line + 1)
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in result:
                first = self.doc.key_lines.get(child)
                self.doc.problems.append((line, f"key {key!r} appears twice in the same mapping (first on line {first})"))
            self.doc.key_lines[child] = line
            self.doc.value_lines[child] = value_node.start_mark.line + 1
            result[key] = self.build(value_node, child)
        return result
