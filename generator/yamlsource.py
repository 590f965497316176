"""Read YAML safely, keeping the line of every value.

PyYAML's safe composer builds the node tree (no object construction, no tags
executed); we then turn nodes into plain values ourselves so that:

- every mapping, list and scalar remembers its file and line for error messages;
- YAML 1.1 surprises are avoided: ``10:30`` stays the text "10:30" (not 630),
  ``2024-09-16`` stays text (we parse dates ourselves with better messages),
  ``no``/``on`` stay text; only ``true``/``false`` are booleans;
- duplicate keys are reported instead of silently keeping the last one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem


@dataclass
class Located:
    """A value with where it was written."""

    value: Any
    file: str
    line: int


@dataclass
class LMap:
    """A YAML mapping: values by key, with each key's line."""

    file: str
    line: int
    items: dict[str, Located] = field(default_factory=dict)

    def get(self, key: str) -> Located | None:
        return self.items.get(key)


@dataclass
class LList:
    file: str
    line: int
    items: list[Located] = field(default_factory=list)


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?$")


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.style is not None and node.style != "":  # quoted or block: always text
        return node.value
    v = node.value
    if v in ("", "~", "null", "Null", "NULL"):
        return None
    if v in ("true", "True", "TRUE"):
        return True
    if v in ("false", "False", "FALSE"):
        return False
    if _INT.match(v):
        return int(v.replace("_", ""))
    if _FLOAT.match(v):
        return float(v.replace("_", ""))
    return v


def _convert(node: yaml.Node, file: str, problems: list[Problem]) -> Located:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return Located(_scalar(node), file, line)
    if isinstance(node, yaml.SequenceNode):
        out = LList(file, line)
        out.items = [_convert(n, file, problems) for n in node.value]
        return Located(out, file, line)
    if isinstance(node, yaml.MappingNode):
        out = LMap(file, line)
        for knode, vnode in node.value:
            kline = knode.start_mark.line + 1
            if not isinstance(knode, yaml.ScalarNode):
                problems.append(Problem(file, kline, "a key here is not plain text",
                                        "write keys as simple words like 'name:'"))
                continue
            key = str(knode.value)
            if key == "<<":
                problems.append(Problem(file, kline, "merge keys ('<<') are not supported",
                                        "write the fields out in full"))
                continue
            if key in out.items:
                first = out.items[key].line
                problems.append(Problem(
                    file, kline, f"'{key}' is written twice in the same block (first on line {first})",
                    "keep one of them and delete the other"))
                continue
            # a value is located at its key: "key: value" is where the user looks
            out.items[key] = Located(_convert(vnode, file, problems).value, file, kline)
        return Located(out, file, line)
    raise TypeError(node)  # pragma: no cover - composer yields only these three


# libyaml's C parser when present (several times faster on large events); same safe composer.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str, file: str, problems: list[Problem]) -> Located | None:
    """Parse one YAML document; syntax errors become problems, not exceptions."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        reason = (e.problem or e.context or "invalid YAML").strip()
        problems.append(Problem(
            file, line, f"this is not valid YAML ({reason})",
            "check indentation and that text containing ': ' or '#' is in quotes"))
        return None
    except yaml.YAMLError as e:  # pragma: no cover - non-marked errors are rare
        problems.append(Problem(file, 0, f"this is not valid YAML ({e})",
                                "check the file's indentation and quoting"))
        return None
    if node is None:
        return Located(None, file, 1)
    return _convert(node, file, problems)
