"""Interface words of the generated pages (headings, column names ...), per language.

Takes `templates/labels.yaml` (key -> zh/en text); gives a `Labels` object whose
attributes are the texts in one language. An unknown label is an error, never
an empty string. Traditional labels come from the Simplified ones by conversion
of the whole page, like every other text.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem
from .yamlsource import parse

LABELS_FILE = Path(__file__).parent / "templates" / "labels.yaml"


@dataclass(frozen=True)
class Labels:
    texts: dict[str, str]
    lang: str

    def __getattr__(self, key: str) -> str:
        try:
            return self.texts[key]
        except KeyError:
            raise AttributeError(f"no label {key!r} in {LABELS_FILE.name}") from None


def read_labels(data: bytes, filename: str) -> dict[str, dict[str, str]]:
    """Parse the labels file: every key maps to {zh: ..., en: ...}."""
    root = parse(data, filename)
    problems = []
    table: dict[str, dict[str, str]] = {}
    for key, node in root.value.items():
        values = node.value if node.kind == "map" else {}
        if set(values) != {"zh", "en"} or any(v.kind != "scalar" or v.tag != "str" for v in values.values()):
            problems.append(Problem(filename, node.line, key, "expected a mapping with the keys zh and en (texts)"))
            continue
        table[key] = {k: v.value for k, v in values.items()}
    if problems:
        raise DataError(problems)
    return table


def labels_for(table: dict[str, dict[str, str]], text_field: str) -> Labels:
    return Labels({k: v[text_field] for k, v in table.items()}, text_field)
