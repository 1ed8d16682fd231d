"""English not yet written: a report with `meta.english_pending` -> what its English pages show.

Takes a typed `schema.Report`; gives (`shown_in_english`) a copy in which
every English text left empty holds its Chinese, so the English pages show
the report's own words where no English is written, never a machine's; and
(`with_notice`) a page's Markdown with the notice that says so under its
title. A report whose English is written is given back unchanged.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from . import schema

NOTICE_CLASS = "english-pending-notice"


def _filled(value: Any) -> Any:
    if isinstance(value, list):
        return [_filled(v) for v in value]
    if not dataclasses.is_dataclass(value):
        return value
    changes = {f.name: _filled(getattr(value, f.name)) for f in dataclasses.fields(value)
               if not f.metadata.get("internal")}
    if isinstance(value, schema.Text) and not value.en.strip():
        changes["en"] = value.zh
    elif isinstance(value, schema.Paragraph) and not value.en.strip():
        changes["en"] = value.text
    return dataclasses.replace(value, **changes)


def shown_in_english(report: schema.Report) -> schema.Report:
    """The report as its English pages show it: Chinese wherever the English is empty (pending only)."""
    return _filled(report) if report.meta.english_pending else report


def with_notice(markdown: str, notice: str) -> str:
    """A page's Markdown with the notice after its title (or its front matter, on a page without a title)."""
    block = f"{notice}\n{{ .{NOTICE_CLASS} }}\n"
    head_end = markdown.index("\n---\n", 4) + 5 if markdown.startswith("---\n") else 0
    head, rest = markdown[:head_end], markdown[head_end:]
    title = re.search(r"^# .*\n", rest, re.M)
    cut = title.end() if title else 0
    return head + rest[:cut] + "\n" + block + "\n" + rest[cut:].lstrip("\n")
