"""Stage 1: load and validate. YAML bytes -> typed `schema.Report`.

`load_report(path)` reads one file and gives a `Report`, or raises `DataError`
listing every problem found (schema first; content checks only on data whose
shape is right), each as `FILE:LINE: key.path: expected ...`. The tracking
records are checked by `tracking.problems` against `today`.
"""
from __future__ import annotations

import datetime
import difflib
import os
import types
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, Optional, TypeVar, Union, get_args, get_origin

from . import crossrefs, schema, tracking
from .errors import DataError, Problem
from .yamlsource import YNode, parse

T = TypeVar("T", bound=schema.Record)



def display_path(path: Path) -> str:
    """The path as maintainers see it in messages: relative to the cwd if possible."""
    base = Path(os.environ.get("SITEGEN_CWD") or Path.cwd())
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def read_bytes(path: Path) -> bytes:
    """Read a data file; a missing file is a data problem, not a crash."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise DataError([Problem(display_path(path), 0, "", f"expected a readable file, got: {e.strerror}")]) from None


def load_report(path: Path, today: Optional[datetime.date] = None) -> schema.Report:
    """Read, parse, type-check and content-check the report file (`today`: see `tracking.today`)."""
    return parse_report(read_bytes(path), display_path(path), today)


def parse_report(data: bytes, filename: str, today: Optional[datetime.date] = None) -> schema.Report:
    """Parse and check report YAML given as bytes; `filename` names it in messages."""
    report = build(schema.Report, parse(data, filename), filename)
    problems = check_report(report) + tracking.problems(report, today)
    if problems:
        raise DataError(problems)
    return report


def load_overrides(path: Path) -> schema.Overrides:
    """Read the Traditional-Chinese conversion overrides."""
    return parse_overrides(read_bytes(path), display_path(path))


def parse_overrides(data: bytes, name: str) -> schema.Overrides:
    """Parse and check override YAML given as bytes; `name` names it in messages."""
    table = build(schema.Overrides, parse(data, name), name)
    problems = []
    seen: dict[str, int] = {}
    for o in table.overrides:
        line, p = o.pos.at("zh")
        if not o.zh:
            problems.append(Problem(name, line, p, "expected a phrase, got an empty text"))
        if o.zh in seen:
            problems.append(Problem(name, line, p, f"expected each phrase once, got a duplicate (first at line {seen[o.zh]})"))
        seen.setdefault(o.zh, line)
    if problems:
        raise DataError(problems)
    return table


# --- typed construction --------------------------------------------------------------------

def build(cls: type[T], node: YNode, filename: str) -> T:
    """Build a record of type `cls` from `node`, or raise DataError with every problem."""
    problems: list[Problem] = []
    result = _build(cls, node, filename, "", problems)
    if problems:
        raise DataError(problems)
    return result


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(schema))
    return _HINTS[cls]


def _describe_type(tp: Any) -> str:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _describe_type(inner[0])
    if origin is list:
        return f"a list of {_describe_type(get_args(tp)[0]).removeprefix('a ').removeprefix('an ')}s"
    if origin is Literal:
        return "one of " + ", ".join(get_args(tp))
    if tp is str:
        return "a text"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if tp is bool:
        return "true or false"
    if tp is datetime.date:
        return "a date (YYYY-MM-DD)"
    if is_dataclass(tp):
        keys = [f.name for f in fields(tp) if not f.metadata.get("internal")]
        return f"a mapping with the keys {', '.join(keys)}"
    return str(tp)


def _build(tp: Any, node: YNode, file: str, path: str, problems: list[Problem]) -> Any:
    def bad(expected: str) -> None:
        problems.append(Problem(file, node.line, path, f"expected {expected}, got {node.describe()}"))

    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)][0]
        if node.kind == "scalar" and node.tag == "null":
            return None
        return _build(inner, node, file, path, problems)
    if origin is list:
        if node.kind != "seq":
            bad(_describe_type(tp))
            return []
        item_type = get_args(tp)[0]
        return [_build(item_type, item, file, f"{path}[{i}]", problems) for i, item in enumerate(node.value)]
    if origin is Literal:
        allowed = get_args(tp)
        if node.kind == "scalar" and node.tag == "str" and node.value in allowed:
            return node.value
        hint = ""
        if node.kind == "scalar" and isinstance(node.value, str):
            close = difflib.get_close_matches(node.value, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
        bad(f"one of {', '.join(allowed)}")
        if hint:
            problems[-1] = Problem(file, node.line, path, problems[-1].message + hint)
        return allowed[0]
    if is_dataclass(tp):
        return _build_record(tp, node, file, path, problems)
    if node.kind != "scalar":
        bad(_describe_type(tp))
        return _EMPTY.get(tp)
    if tp is str:
        if node.tag == "str":
            return node.value
        bad("a text (put it in quotes if it looks like a number or a date)")
        return str(node.value)
    if tp is float:
        if node.tag in ("int", "float"):
            return node.value
        bad("a number")
        return 0
    if tp is int:
        if node.tag == "int":
            return node.value
        bad("a whole number")
        return 0
    if tp is bool:
        if node.tag == "bool":
            return node.value
        bad("true or false")
        return False
    if tp is datetime.date:
        if node.tag == "timestamp" and type(node.value) is datetime.date:
            return node.value
        bad("a date (YYYY-MM-DD)")
        return datetime.date(1970, 1, 1)
    raise TypeError(f"schema type {tp!r} is not supported")  # a generator bug, not a data error


_EMPTY = {str: "", int: 0, float: 0.0, bool: False, datetime.date: datetime.date(1970, 1, 1)}


def _build_record(cls: type, node: YNode, file: str, path: str, problems: list[Problem]) -> Any:
    specs = {f.name: f for f in fields(cls) if not f.metadata.get("internal")}
    hints = _hints(cls)
    if node.kind != "map":
        problems.append(Problem(file, node.line, path,
                                f"expected {_describe_type(cls)}, got {node.describe()}"))
        return _placeholder(cls, file, node, path)
    values: dict[str, Any] = {}
    for key, child in node.value.items():
        sub = f"{path}.{key}" if path else key
        if key not in specs:
            close = difflib.get_close_matches(key, specs, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(Problem(file, node.key_lines[key], sub,
                                    f"expected one of the keys {', '.join(specs)}, got the unknown key {key!r}{hint}"))
            continue
        values[key] = _build(hints[key], child, file, sub, problems)
    for name, spec in specs.items():
        if name in values:
            continue
        if spec.default is not _MISSING or spec.default_factory is not _MISSING:
            continue
        sub = f"{path}.{name}" if path else name
        problems.append(Problem(file, node.line, sub,
                                f"expected {_describe_type(hints[name])} ({spec.metadata.get('doc', '')}), "
                                f"the key is missing"))
        values[name] = _placeholder_value(hints[name], file, node, sub)
    pos = schema.Pos(file, node.line, path, tuple(node.key_lines.items()))
    return cls(pos=pos, **values)


from dataclasses import MISSING as _MISSING  # noqa: E402


def _placeholder_value(tp: Any, file: str, node: YNode, path: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return None
    if origin is list:
        return []
    if origin is Literal:
        return get_args(tp)[0]
    if is_dataclass(tp):
        return _placeholder(tp, file, node, path)
    return _EMPTY[tp]


def _placeholder(cls: type, file: str, node: YNode, path: str) -> Any:
    """A stand-in record so that checking can go on after a shape problem."""
    hints = _hints(cls)
    values = {f.name: _placeholder_value(hints[f.name], file, node, path)
              for f in fields(cls) if not f.metadata.get("internal")}
    return cls(pos=schema.Pos(file, node.line, path), **values)


# --- content checks ---------------------------------------------------------------------------

def check_report(r: schema.Report) -> list[Problem]:
    """Cross-references and content rules (`crossrefs.RULES`); every problem is returned, none raised."""
    return crossrefs.run(r)
