"""The site's own voice in Taiwan usage: a typed `schema.Report` -> the same report for a Taiwan edition.

The Traditional site keeps two layers apart (convert.py): the report's words
change script only, keeping the report's vocabulary; the site's own words
follow Taiwan usage. Most of the site's own words are interface words
(labels.yaml, written per language). These fields of the data are the site's
own voice too, written by its editors for the reader, not taken from the
report:

- a glossary term's `short`, `explain` and `background` (what it means, how
  the report uses it, the context beyond the report);
- a figure's and a comparison's `label` (what is measured, with the site's own
  qualifiers such as 口径未说明);
- a tracking entry's `note` (what the evidence shows).

`taiwan(report)` gives the report with PHRASES replaced in the Chinese of
those fields, outside quotations (“…”, ‘…’, 「」, 『』, 《》: the report's or a
document's own words) and outside glossary terms and names (the report's
terms keep their form wherever they stand). The replacements are already in
Taiwan's Traditional form, which OpenCC's s2tw leaves as it is; everything
else of the field is converted like any text. Summaries, points, titles,
paragraphs and quotes are the report's words: never touched. The Simplified
and English editions use the report as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from . import schema

# Mainland phrase (Simplified) -> the Taiwan phrase (Traditional), for the site's own sentences only.
# Kept small and literal: a word the report itself uses in another sense is not here.
PHRASES = {
    "网络": "網路",          # network, internet
    "数据中心": "資料中心",   # data centre
    "移动端": "行動端",      # mobile (app) side
    "报道": "報導",          # press reports (MOE form)
    "统计口径": "統計範圍",   # statistical scope
    "口径": "統計範圍",
    "增速": "成長率",        # growth rate (the interface's chart and columns say 成長率 / 年增率)
}
_PHRASE = re.compile("|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)))
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》")


def _protected(text: str, words: list[str]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _QUOTED.finditer(text)]
    for w in words:
        spans += [m.span() for m in re.finditer(re.escape(w), text)]
    return spans


def taiwan_text(text: str, words: list[str] = ()) -> str:
    """One site-voice text with PHRASES in their Taiwan form, quotations and `words` (terms, names) kept."""
    if not _PHRASE.search(text):
        return text
    spans = _protected(text, [w for w in words if w and w in text])
    return _PHRASE.sub(lambda m: m.group() if any(a <= m.start() < b or a < m.end() <= b for a, b in spans)
                       else PHRASES[m.group()], text)


def _zh(text: Optional[schema.Text], words: list[str]) -> Optional[schema.Text]:
    if text is None:
        return None
    new = taiwan_text(text.zh, words)
    return text if new == text.zh else replace(text, zh=new)


def taiwan(report: schema.Report) -> schema.Report:
    """The report with its site-voice fields (see the module docstring) in Taiwan wording."""
    words = sorted({t.term for t in report.glossary} | {n.zh for n in report.names}, key=len, reverse=True)
    # only the terms and names that hold a phrase need protecting
    words = [w for w in words if _PHRASE.search(w)]

    def entries(history: list[schema.Entry]) -> list[schema.Entry]:
        return [replace(e, note=_zh(e.note, words)) for e in history]

    glossary = [replace(t, short=_zh(t.short, words), explain=_zh(t.explain, words),
                        background=_zh(t.background, words)) for t in report.glossary]
    figures = [replace(f, label=_zh(f.label, words)) for f in report.figures]
    comparisons = [replace(c, label=_zh(c.label, words)) for c in report.comparisons]
    items = [replace(i, tracking=replace(i.tracking, history=entries(i.tracking.history)))
             for i in report.commitments.items]
    tracking = [replace(t, history=entries(t.history)) for t in report.tracking]
    return replace(report, glossary=glossary, figures=figures, comparisons=comparisons,
                   commitments=replace(report.commitments, items=items), tracking=tracking)


def site_voice_texts(report: schema.Report):
    """(record, key, text) of every site-voice Chinese text, for checks and tests."""
    for t in report.glossary:
        for key in ("short", "explain", "background"):
            if getattr(t, key) is not None:
                yield t, key, getattr(t, key).zh
    for f in report.figures:
        yield f, "label", f.label.zh
    for c in report.comparisons:
        yield c, "label", c.label.zh
    for record in [*(i.tracking for i in report.commitments.items), *report.tracking]:
        for e in record.history:
            if e.note is not None:
                yield e, "note", e.note.zh

