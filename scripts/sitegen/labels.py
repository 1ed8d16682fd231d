"""Interface words of the site (headings, column names, buttons, the theme's strings), per language.

Takes `templates/labels.yaml`: each key maps to its text in every language's
column (zh, zh-Hant, en). These are the site's own words, not the report's: a
converted language (zh-Hant) has its own column, written in its own
vocabulary (資料, 連結, 導覽), which the conversion stage never touches. Keys
`theme.<key>` give Material's strings (`theme.nav`, `theme.search.result.placeholder`).
Gives a `Labels` object whose attributes are the texts in one column. An
unknown label is an error, never an empty string.

`read_labels` checks the table: every entry has every column (an interface
word with no Traditional form is an error), the same {fields} in each, and a
converted language's column in that language's standard characters.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem
from .languages import LANGUAGES
from .yamlsource import parse

LABELS_FILE = Path(__file__).parent / "templates" / "labels.yaml"
COLUMNS = tuple(lang.code for lang in LANGUAGES)  # zh, zh-Hant, en
THEME = "theme."  # prefix of the keys that give Material's strings


@dataclass(frozen=True)
class Labels:
    texts: dict[str, str]
    lang: str

    def __getattr__(self, key: str) -> str:
        try:
            return self.texts[key]
        except KeyError:
            raise AttributeError(f"no label {key!r} in {LABELS_FILE.name}") from None

    def theme(self) -> dict[str, str]:
        """Material's strings given by the table: Material key -> text."""
        return {k.removeprefix(THEME): v for k, v in self.texts.items() if k.startswith(THEME)}


def fields_of(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def read_labels(data: bytes, filename: str) -> dict[str, dict[str, str]]:
    """Parse and check the labels file: every key maps to {zh: ..., zh-Hant: ..., en: ...}."""
    import opencc

    root = parse(data, filename)
    standard_forms = {l.code: opencc.OpenCC(l.opencc_config) for l in LANGUAGES if l.produced == "converted"}
    problems = []
    table: dict[str, dict[str, str]] = {}
    expected = ", ".join(COLUMNS)
    for key, node in (root.value.items() if root.kind == "map" else ()):
        values = node.value if node.kind == "map" else {}
        bad = [c for c, v in values.items() if c not in COLUMNS or v.kind != "scalar" or v.tag != "str"]
        if node.kind != "map" or bad:
            got = f"the key {bad[0]!r} with {values[bad[0]].describe()}" if bad else node.describe()
            problems.append(Problem(filename, node.line, key, f"expected a mapping with the keys {expected} (texts), got {got}"))
            continue
        missing = [c for c in COLUMNS if c not in values]
        for column in missing:
            what = next(l for l in LANGUAGES if l.code == column)
            problems.append(Problem(filename, node.line, f"{key}.{column}",
                                    f"expected the interface word in {what.name} ({column}), the key is missing"))
        if missing:
            continue
        texts = {c: values[c].value for c in COLUMNS}
        for column in COLUMNS[1:]:
            # the same fields in every column; a language may leave out what it has no word for
            # (English needs no Chinese counter {unit}), never add one
            mine, source = fields_of(texts[column]), fields_of(texts[COLUMNS[0]])
            if mine != source and not (column == "en" and mine < source):
                want = ", ".join(f"{{{f}}}" for f in sorted(fields_of(texts[COLUMNS[0]]))) or "none"
                got = ", ".join(f"{{{f}}}" for f in sorted(fields_of(texts[column]))) or "none"
                problems.append(Problem(filename, values[column].line, f"{key}.{column}",
                                        f"expected the fields of {COLUMNS[0]} ({want}), got {got}"))
        for lang in LANGUAGES:
            if lang.code in standard_forms:
                text = texts[lang.code]
                standard = standard_forms[lang.code].convert(text)
                if standard != text:
                    at = next((i for i, (a, b) in enumerate(zip(text, standard)) if a != b), 0)
                    problems.append(Problem(
                        filename, values[lang.code].line, f"{key}.{lang.code}",
                        f"expected {lang.name} in its standard characters, got {text[at]!r} in "
                        f"{text[max(0, at - 4):at + 5]!r}, which OpenCC {lang.opencc_config} writes {standard[at]!r}"))
        table[key] = texts
    if root.kind != "map":
        problems.append(Problem(filename, root.line, "", f"expected a mapping of labels, got {root.describe()}"))
    if problems:
        raise DataError(problems)
    return table


def labels_for(table: dict[str, dict[str, str]], column: str, keep=None) -> Labels:
    """The labels of one column; `keep` (convert.keep_literals) marks their words as final."""
    texts = {k: v[column] for k, v in table.items()}
    if keep is not None:
        texts = {k: keep(v) for k, v in texts.items()}
    return Labels(texts, column)
