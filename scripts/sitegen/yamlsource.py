"""Stage 1a: bytes of a YAML file -> a tree of `YNode`s that remember their line.

Takes the raw bytes and the file name used in messages; gives the root `YNode`
or raises `DataError`. Only plain YAML is accepted: no anchors or aliases (so no
alias bombs), no tags (so no `!!python/object`), no duplicate keys, no
non-string keys, UTF-8 only, a bounded size and depth.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .errors import DataError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 64
_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}


@dataclass
class YNode:
    """A YAML node: `kind` is map, seq or scalar; `line` is 1-based."""

    kind: str
    line: int
    tag: str = ""  # for scalars: str, int, float, bool, null or timestamp
    value: Any = None  # dict[str, YNode] | list[YNode] | python scalar
    key_lines: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """What this node is, in the words of a message ("a list", "the number 3")."""
        if self.kind == "map":
            return "a mapping"
        if self.kind == "seq":
            return "a list"
        if self.tag == "null":
            return "nothing (null)"
        if self.tag == "str":
            text = self.value if len(self.value) <= 40 else self.value[:37] + "..."
            return f"the text {text!r}"
        if self.tag == "bool":
            return f"the boolean {str(self.value).lower()}"
        if self.tag == "timestamp":
            return f"the date {self.value}"
        return f"the number {self.value}"


FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same resolver; libyaml's parser if built in


def parse(data: bytes, filename: str) -> YNode:
    """Parse `data` (the content of `filename`) into a positioned tree."""

    def fail(line: int, message: str) -> DataError:
        return DataError([Problem(filename, line, "", message)])

    if len(data) > MAX_BYTES:
        raise fail(0, f"expected a file of at most {MAX_BYTES:,} bytes, got {len(data):,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise fail(line, f"expected UTF-8 text, got the byte 0x{data[e.start]:02x} that is not UTF-8") from None
    if not text.strip():
        raise fail(1, "expected a YAML mapping, got an empty file")

    try:
        try:  # libyaml when PyYAML has it: the 500 KB report parses in a quarter of the time
            _check_events(text, fail, FAST)
            root = yaml.compose(text, Loader=FAST)
        except yaml.YAMLError:  # the pure-Python parser's words are the documented messages: ask it
            _check_events(text, fail, yaml.SafeLoader)
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        problem = (e.problem or e.context or "").strip()
        if "'\\t'" in problem or "\\t" in problem:
            message = "expected spaces for indentation, got a tab character"
        elif "another document" in problem or "single document" in (e.context or ""):
            message = "expected one YAML document, got several (remove the '---' separators)"
        else:
            message = f"expected valid YAML, got a syntax error: {problem}"
        raise fail(line, message) from None
    if root is None:
        raise fail(1, "expected a YAML mapping, got an empty document")
    problems: list[Problem] = []
    tree = _convert(root, filename, problems, "")
    if problems:
        raise DataError(problems)
    return tree


def _check_events(text: str, fail, loader) -> None:
    """Reject anchors, aliases and excessive nesting before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise fail(line, "expected plain values, got a YAML anchor or alias (&name / *name); write the value out")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise fail(line, f"expected at most {MAX_DEPTH} levels of nesting")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _convert(node: yaml.Node, filename: str, problems: list[Problem], path: str) -> YNode:
    line = node.start_mark.line + 1
    tag = node.tag[len(_STD):] if node.tag.startswith(_STD) else node.tag
    if isinstance(node, yaml.MappingNode):
        if tag != "map":
            problems.append(Problem(filename, line, path, f"expected a mapping without a tag, got the tag {node.tag}"))
        out = YNode("map", line, value={})
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STD + "str":
                problems.append(Problem(filename, key_line, path, "expected a text key, got a key that is not text"))
                continue
            key = key_node.value
            sub = f"{path}.{key}" if path else key
            if key in out.value:
                problems.append(Problem(filename, key_line, sub,
                                        f"expected each key once, got a duplicate (first at line {out.key_lines[key]})"))
                continue
            out.key_lines[key] = key_line
            out.value[key] = _convert(value_node, filename, problems, sub)
        return out
    if isinstance(node, yaml.SequenceNode):
        if tag != "seq":
            problems.append(Problem(filename, line, path, f"expected a list without a tag, got the tag {node.tag}"))
        return YNode("seq", line, value=[
            _convert(item, filename, problems, f"{path}[{i}]") for i, item in enumerate(node.value)
        ])
    if tag not in _SCALAR_TAGS:
        problems.append(Problem(filename, line, path, f"expected a plain value, got the tag {node.tag}"))
        return YNode("scalar", line, "str", node.value)
    try:
        value = SafeConstructor().construct_object(node)
    except (yaml.constructor.ConstructorError, ValueError) as e:
        problems.append(Problem(filename, line, path, f"expected a valid {tag}, got {node.value!r} ({e})"))
        value = node.value
        tag = "str"
    return YNode("scalar", line, tag, value)
