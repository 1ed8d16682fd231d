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
import re
import types
import typing
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Optional, TypeVar, Union, get_args, get_origin

from . import english, numerals, pagemeta, quantities, schema, tracking
from .errors import DataError, Problem
from .schema import PLACEHOLDER
from .yamlsource import YNode, parse

T = TypeVar("T", bound=schema.Record)

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
PARAGRAPH_ID = re.compile(r"^p\d{3}$")
HTTPS_URL = re.compile(r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")


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

def iter_texts(report: schema.Report):
    """Every summary-like Text that may hold {fig:ID} placeholders, with its record and key."""
    for part in report.parts:
        yield part, "summary", part.summary
        for section in part.sections:
            yield section, "summary", section.summary
            for point in section.points:
                yield point, "zh", point
            for topic in section.topics:
                yield topic, "summary", topic.summary
    for item in report.commitments.items:
        yield item, "detail", item.detail
    for record in [*(item.tracking for item in report.commitments.items), *report.tracking]:
        for entry in record.history:
            if entry.note is not None:
                yield entry, "note", entry.note


def check_report(r: schema.Report) -> list[Problem]:
    """Cross-references and content rules; every problem is returned, none raised."""
    problems: list[Problem] = []

    def err(record: schema.Record, key: str, message: str) -> None:
        line, path = record.pos.at(key)
        problems.append(Problem(record.pos.file, line, path, message))

    def unique(records, key: str, what: str) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for rec in records:
            value = getattr(rec, key)
            if value in seen:
                err(rec, key, f"expected a unique {what}, got {value!r} again (first at line {seen[value].pos.line})")
            else:
                seen[value] = rec
            if key == "id" and what != "paragraph id" and value and not ID_PATTERN.match(value):
                err(rec, key, f"expected an id of lowercase letters, digits, '-' and '_', got {value!r}")
        return seen

    paragraphs = unique(r.paragraphs, "id", "paragraph id")
    for p in r.paragraphs:
        if not PARAGRAPH_ID.match(p.id):
            err(p, "id", f"expected an id like p001, got {p.id!r}")
        if not p.text.strip():
            err(p, "text", "expected the paragraph's text, got an empty text")
    names = unique(r.names, "id", "name id")
    themes = unique(r.themes, "id", "theme id")
    unique(r.parts, "id", "part id")
    sections = [s for part in r.parts for s in part.sections]
    topics = [t for s in sections for t in s.topics]
    unique([*sections, *topics], "id", "section or topic id")
    figures = unique(r.figures, "id", "figure id")
    unique(r.comparisons, "id", "comparison id")
    unique(r.commitments.items, "id", "commitment id")
    terms = unique(r.glossary, "term", "glossary term")
    for s in sections:
        for term in s.see_also:
            if term not in terms:
                err(s, "see_also", f"expected terms of glossary entries, got {term!r} which has no entry")

    if r.meta.region not in names:
        err(r.meta, "region", f"expected the id of a names entry, got {r.meta.region!r}")
    if r.meta.source_url is not None and not HTTPS_URL.match(r.meta.source_url):
        err(r.meta, "source_url", f"expected an https:// address of the official text, got {r.meta.source_url!r}")

    # Every paragraph belongs to exactly one section or topic.
    owner: dict[str, str] = {}
    for holder in [*sections, *topics]:
        if not holder.paragraphs:
            err(holder, "paragraphs", "expected at least one paragraph id, got an empty list")
        for pid in holder.paragraphs:
            if pid not in paragraphs:
                err(holder, "paragraphs", f"expected ids of paragraphs, got {pid!r} which is not a paragraph")
            elif pid in owner:
                err(holder, "paragraphs", f"expected each paragraph in one section, got {pid} again (already in {owner[pid]})")
            else:
                owner[pid] = holder.id
    for p in r.paragraphs:
        if p.id not in owner:
            err(p, "id", f"expected paragraph {p.id} to belong to a section or topic, it belongs to none")

    # Link previews: every page's preview title (its short title, else its title) fits where chat apps cut.
    limit = pagemeta.PREVIEW_TITLE_LIMIT
    for lang in ("zh", "en"):
        short = getattr(r.meta.short_title, lang)
        if len(short) > limit:
            err(r.meta.short_title, lang, f"expected at most {limit} characters for the home page's link "
                                          f"preview (chat apps cut there), got {len(short)} characters")
    for record, what in [*((p, "part") for p in r.parts), *((s, "section") for s in sections)]:
        if what == "section" and not record.number:  # no page of its own
            if record.short_title is not None:
                err(record, "short_title", "expected a short_title only on a numbered section (the others have "
                                           "no page, so no link preview), got one")
            continue
        short = record.short_title
        if short is not None and not short.zh and not short.en:
            err(record, "short_title", "expected a short title in zh, en or both, got neither")
        for lang in ("zh", "en"):
            preview = pagemeta.preview_title(record, lang)
            if len(preview) <= limit:
                continue
            with_number = (f", the number {pagemeta.heading(record, lang, '')} included"
                           if lang == "zh" and record.number else "")
            if short is not None and getattr(short, lang):
                err(short, lang, f"expected at most {limit} characters for the link preview (chat apps cut "
                                 f"there), got {len(preview)} characters{with_number}")
            else:
                err(record.title, lang, f"expected at most {limit} characters for the link preview (chat apps cut "
                                        f"there), got {len(preview)} characters{with_number} (give the {what} a "
                                        f"short_title with {lang}; the page keeps its title)")

    # Figures: references, units, quotes.
    for f in r.figures:
        if f.theme not in themes:
            err(f, "theme", f"expected the id of a themes entry, got {f.theme!r}")
        if f.unit not in quantities.UNITS:
            err(f, "unit", f"expected a unit of the unit table ({' '.join(quantities.UNITS)}), got {f.unit!r}")
        para = paragraphs.get(f.paragraph)
        if para is None:
            err(f, "paragraph", f"expected the id of a paragraph, got {f.paragraph!r}")
        elif f.quote not in para.text:
            err(f, "quote", f"expected words that occur in paragraph {f.paragraph}, got {f.quote!r}")
        digits = quantities.number_zh(abs(f.value))
        if Decimal(digits) not in numerals.stated_values(f.quote, f.unit):
            err(f, "value", f"expected a value that occurs in the quote {f.quote!r}, got {digits}")
        if f.noun is not None and f.unit in quantities.UNITS and not quantities.is_count(f.unit):
            err(f, "noun", f"expected a noun only on a count (people, households, items), got it on a figure in {f.unit}")
        if f.of is not None:
            target = figures.get(f.of)
            if target is None:
                err(f, "of", f"expected the id of a figure, got {f.of!r}")
            elif f.kind != "growth":
                err(f, "of", f"expected 'of' only on a growth figure, got it on kind {f.kind}")

    # Placeholders.
    for record, key, text in iter_texts(r):
        for lang in ("zh", "en"):
            for form, ref in PLACEHOLDER.findall(getattr(text, lang)):
                if ref not in figures:
                    line, path = record.pos.at(key)
                    problems.append(Problem(record.pos.file, text.pos.at(lang)[0] or line,
                                            f"{text.pos.path or path}.{lang}",
                                            f"expected {{{form}:ID}} with the id of a figure, got {{{form}:{ref}}}"))
    for p in r.paragraphs:
        for form, ref in PLACEHOLDER.findall(p.en or ""):
            if ref not in figures:
                err(p, "en", f"expected {{{form}:ID}} with the id of a figure, got {{{form}:{ref}}}")
    for record, key, message in english.problems(r):
        err(record, key, message)

    # Comparisons, highlights, commitments.
    for c in r.comparisons:
        res, tgt = figures.get(c.result), figures.get(c.target)
        if res is None or res.kind not in ("result", "growth"):
            err(c, "result", f"expected the id of a result or growth figure, got {c.result!r}")
        if tgt is None or tgt.kind != "target":
            err(c, "target", f"expected the id of a target figure, got {c.target!r}")
        if res and tgt and res.unit in quantities.UNITS and tgt.unit in quantities.UNITS and \
                quantities.UNITS[res.unit].dimension != quantities.UNITS[tgt.unit].dimension:
            err(c, "target", f"expected a figure in a unit like {res.unit}, got one in {tgt.unit}")
    for fid in r.highlights.results:
        if fid not in figures or figures[fid].kind not in ("result", "growth"):
            err(r.highlights, "results", f"expected ids of result figures, got {fid!r}")
    for fid in r.highlights.targets:
        if fid not in figures or figures[fid].kind != "target":
            err(r.highlights, "targets", f"expected ids of target figures, got {fid!r}")
    section_ids = {s.id for s in sections}
    if r.commitments.section not in section_ids:
        err(r.commitments, "section", f"expected the id of a section, got {r.commitments.section!r}")
    for item in r.commitments.items:
        if item.paragraph not in paragraphs:
            err(item, "paragraph", f"expected the id of a paragraph, got {item.paragraph!r}")
        for fid in item.figures:
            if fid not in figures:
                err(item, "figures", f"expected ids of figures, got {fid!r}")

    # Glossary: every term occurs where it says.
    for term in r.glossary:
        if not term.paragraphs:
            err(term, "paragraphs", "expected at least one paragraph id, got an empty list")
        for pid in term.paragraphs:
            if pid not in paragraphs:
                err(term, "paragraphs", f"expected ids of paragraphs, got {pid!r}")
            elif term.term not in paragraphs[pid].text:
                err(term, "term", f"expected a term that occurs in paragraph {pid}, got {term.term!r}")

    return problems
