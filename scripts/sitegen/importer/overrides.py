"""Import stage 6: the project's Traditional-Chinese override table -> the entries that apply to a draft.

Takes the typed draft report and the project's table (data/zh-hant-overrides.yaml);
gives the entries `make check` accepts for that report (each changes what
OpenCC writes in one of its phrases; an entry whose phrase or example the new
report does not contain is left out) and, when some are left out, the table
as YAML text, for a zh-hant-overrides.yaml beside the draft (the table a
report's checks and builds use when it has one of its own).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .. import schema
from ..pipeline import check_overrides

HEADER = """\
# The conversion overrides of data/zh-hant-overrides.yaml that apply to this report (written by
# `make import`: the others' phrases do not occur in it). Read every occurrence of OpenCC's one-to-many
# characters in this report's Traditional pages and add the entries it needs (see README.md).
"""


def applicable(report: schema.Report, table: schema.Overrides, report_file: Path) -> list[schema.Override]:
    """The entries of `table` that change something in `report`, dropping the others until none is refused."""
    kept = list(table.overrides)
    while True:
        lines = {p.line for p in check_overrides(report, schema.Overrides(overrides=kept), report_file)}
        keep = [o for o in kept if o.pos.at("example" if o.example else "zh")[0] not in lines]
        if len(keep) == len(kept):
            return kept
        kept = keep


def to_yaml(entries: list[schema.Override]) -> str:
    """The table as YAML text, each entry with its keys in schema order and the empty optional ones left out."""
    def plain(o: schema.Override) -> dict[str, Any]:
        out: dict[str, Any] = {"zh": o.zh, "hant": o.hant, "note": o.note}
        if o.configs:
            out["configs"] = list(o.configs)
        if o.example:
            out["example"] = o.example
        return out

    return HEADER + yaml.safe_dump({"overrides": [plain(o) for o in entries]}, allow_unicode=True, sort_keys=False,
                                   width=10**6)
