"""Stage 3: convert. Simplified Markdown -> Traditional Markdown.

`Converter(config, overrides, quotes).convert(markdown)` gives the Traditional
text. Two layers are kept apart:

- the report's words (paragraphs, quotes, terms, summaries of them) change
  script only: OpenCC (`s2tw` by default, chosen in languages.py) converts
  characters, and the override table (data/zh-hant-overrides.yaml) wins over
  OpenCC: its phrases are replaced by placeholders before conversion and by
  their Traditional forms after;
- the site's own explanatory sentences in the data (glossary meanings, figure
  labels, tracking notes) reach this stage already in Taiwan wording where a
  few mainland phrases differ (voice.py, applied to the report before
  rendering), and are then converted like the report's words;
- the site's own interface words arrive already written in the language
  (templates/labels.yaml has a column per language) between the markers
  KEEP_OPEN/KEEP_CLOSE (`keep`, `keep_literals`): they are not converted, only
  their markers are removed.

Both layers take the language's quotation marks (`quotes`, four marks: outer
open/close, nested open/close; "" keeps them as written). Only text is
converted: code, link targets, URLs, HTML ids, attribute-list anchors and spans
marked `lang="zh-Hans"` (Simplified on purpose) or `lang="zh-Hant"` (already
Traditional) are left exactly as they are.

`examples` and `check_overrides` tell what each override entry changes: the
About page shows the first, `make check` rejects an entry that changes nothing.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache

import opencc

from . import schema
from .errors import Problem
from .languages import QUOTE_STYLES

# Spans that are not text: fenced code, inline code, link targets, autolinks,
# href/src/id/class attribute values, attr lists ({ #id .class }), and text
# marked as Simplified on purpose (<span lang="zh-Hans">只</span>) or as already
# Traditional (<del lang="zh-Hant">頭只</del>: what OpenCC alone writes, on the About page).
_PROTECTED = re.compile(
    r"```.*?```"
    r"|<(span|del) lang=\"zh-Han[st]\"[^>]*>[^<]*</\1>"
    r"|`[^`\n]*`"
    r"|\]\([^)\n]*\)"
    r"|<https?://[^>\s]*>"
    r"|\b(?:href|src|id|class|hreflang|lang)=\"[^\"]*\""
    r"|\{\s*[#.:][^}\n]*\}",
    re.S,
)
_PUA = 0xE000  # private-use code points carry override placeholders through OpenCC

# Interface words: final text in the page's language, never converted (noncharacters, so no
# text of ours contains them; the converter removes them).
KEEP_OPEN, KEEP_CLOSE = "\ufdd0", "\ufdd1"
_KEPT = re.compile(f"{KEEP_OPEN}([^{KEEP_CLOSE}]*){KEEP_CLOSE}")

# Every quotation mark of a declared style -> its position (0 outer open ... 3 nested close).
_MARK_POSITION = {mark: i for style in QUOTE_STYLES.values() for i, mark in enumerate(style)}
_MARKS = re.compile("[" + "".join(_MARK_POSITION) + "]")


def keep(text: str) -> str:
    """Mark a text as final: the converter leaves it as it is."""
    return f"{KEEP_OPEN}{text}{KEEP_CLOSE}" if text else text


def keep_literals(template: str) -> str:
    """Mark the words of a `str.format` template as final, leaving its {fields} outside the marks.

    So `"核實於 {date}"` still formats, and the date (the report's) is converted, the words not.
    """
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(template):
        out.append(keep(literal.replace("{", "{{").replace("}", "}}")))
        if field is not None:
            out.append("{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def unkeep(text: str) -> str:
    """The text without its keep marks."""
    return text.replace(KEEP_OPEN, "").replace(KEEP_CLOSE, "")


@lru_cache(maxsize=None)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


class Converter:
    """Simplified -> Traditional with one OpenCC config, an override table and quotation marks."""

    def __init__(self, config: str, overrides: list[schema.Override] = (), quotes: str = ""):
        self.config = config
        self._cc = _opencc(config)
        self.overrides = [o for o in overrides if applies(o, config)]
        chosen = sorted(self.overrides, key=lambda o: -len(o.zh))  # longest phrase first
        if len(chosen) > 6000:
            raise ValueError("too many overrides for the placeholder range")
        self._targets = [o.hant for o in chosen]
        self._pattern = re.compile("|".join(re.escape(o.zh) for o in chosen)) if chosen else None
        self._index = {o.zh: i for i, o in enumerate(chosen)}
        self._quotes = quotes

    def words(self, text: str) -> str:
        """The report's words: characters converted, the override table first (no marks, no protection)."""
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: chr(_PUA + self._index[m.group(0)]), text)
        text = self._cc.convert(text)
        if self._pattern is not None:
            text = re.sub("[\uE000-\uF8FF]", lambda m: self._targets[ord(m.group(0)) - _PUA], text)
        return text

    def marks(self, text: str) -> str:
        """Quotation marks in the language's style (an apostrophe between Latin letters stays)."""
        if not self._quotes:
            return text

        def swap(m: re.Match) -> str:
            at, s = m.start(), m.string
            if m.group() in "‘’" and 0 < at < len(s) - 1 and s[at - 1].isascii() and s[at - 1].isalpha() \
                    and s[at + 1].isascii() and s[at + 1].isalpha():
                return m.group()
            return self._quotes[_MARK_POSITION[m.group()]]
        return _MARKS.sub(swap, text)

    def _layers(self, text: str, convert) -> str:
        out, last = [], 0
        for m in _KEPT.finditer(text):
            out.append(convert(text[last:m.start()]))
            out.append(self.marks(m.group(1)))
            last = m.end()
        out.append(convert(text[last:]))
        return "".join(out)

    def text(self, text: str) -> str:
        """Convert plain text (no Markdown protection); interface words marked with `keep` stay."""
        return self._layers(text, lambda piece: self.marks(self.words(piece)))

    def convert(self, markdown: str) -> str:
        """Convert a Markdown page, leaving code, URLs, anchors and interface words untouched."""
        def unprotected(piece: str) -> str:
            out, last = [], 0
            for m in _PROTECTED.finditer(piece):
                out.append(self.marks(self.words(piece[last:m.start()])))
                out.append(m.group(0))
                last = m.end()
            out.append(self.marks(self.words(piece[last:])))
            return "".join(out)
        return self._layers(markdown, unprotected)


def applies(override: schema.Override, config: str) -> bool:
    return not override.configs or config.removesuffix(".json") in override.configs


@dataclass(frozen=True)
class Example:
    """What one override entry does to a phrase of the report."""

    simplified: str  # the phrase (the entry's example, else its zh)
    opencc: str      # what OpenCC alone writes
    fixed: str       # what the site writes, with the table


def examples(config: str, overrides: list[schema.Override]) -> list[Example]:
    """For each entry that applies to `config`, in table order: OpenCC's form and the table's."""
    table = Converter(config, overrides)
    bare = _opencc(config)
    return [Example(p, bare.convert(p), table.words(p)) for p in (o.example or o.zh for o in table.overrides)]


def source_text(report: schema.Record) -> str:
    """Every text of the report (the report's words the conversion will meet), one per line."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif is_dataclass(value):
            for f in fields(value):
                if not f.metadata.get("internal"):
                    walk(getattr(value, f.name))
    walk(report)
    return "\n".join(out)


def check_overrides(overrides: list[schema.Override], text: str, text_file: str,
                    configs: tuple[str, ...]) -> list[Problem]:
    """Each entry must change what OpenCC writes in a phrase of the report.

    `text` is the report's words (`source_text`), `text_file` names it in messages;
    an entry without `configs` is tried with `configs` (those the site's languages use).
    """
    problems = []
    for o in overrides:
        phrase = o.example or o.zh
        line, path = o.pos.at("example" if o.example else "zh")
        if not o.zh:
            continue  # reported by load_overrides
        if o.example and o.zh not in o.example:
            problems.append(Problem(o.pos.file, line, path, f"expected an example that contains {o.zh!r}, got {o.example!r}"))
            continue
        if phrase not in text:
            problems.append(Problem(o.pos.file, line, path,
                                    f"expected a phrase that occurs in {text_file}, got {phrase!r}"))
            continue
        tried = tuple(o.configs) or configs
        others = [x for x in overrides if x is not o]
        if all(Converter(c, overrides).words(phrase) == Converter(c, others).words(phrase) for c in tried):
            written = Converter(tried[0], others).words(phrase)
            problems.append(Problem(
                o.pos.file, line, path,
                f"expected an entry that changes what OpenCC writes, got {phrase!r}, which OpenCC "
                f"({', '.join(tried)}) already writes {written!r} (remove the entry, or give as example "
                f"a phrase of the text where it matters)"))
    return problems
