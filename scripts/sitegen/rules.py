"""Editorial rules that keep the reviews' defect classes from coming back: a typed `schema.Report` ->
its problems, each as (rule name, record, key, message).

- `project-size-as-commitment`: a target or commitment figure whose sentence pushes, starts,
  continues, builds or plans a project (推进/开工/续建/建设/谋划) and whose quote gives its size in
  a capacity unit (万千瓦/千瓦/兆瓦/万头), with no word saying the size is to be reached this year
  (达到/完成/实现/突破/新增/建成/投产/并网/力争 ...): the size of a project, kind context.
- `ascii-quote-in-chinese-quotation`: an ASCII ' or " inside a Chinese quotation (“…” or 「…」)
  of a Chinese field; nested quotations take ‘…’ (『』 in Traditional).
- `term-without-its-link`: English prose that writes a glossary term's
  English so that the site's term matcher (termmatch) misses it, so the reader gets no tooltip
  there ("eight point rules" for "eight-point rules").
- the hedge rule is english.py's (`_hedge_problems`), which covers summaries, points, notes,
  translations and, for feed titles, commitment titles and figure labels.
"""
from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Iterator

from . import english, schema, termmatch

Problem = tuple[str, schema.Record, str, str]  # (rule, record, key, message)

# --- project-size-as-commitment --------------------------------------------------------------------

_PROJECT_VERB = re.compile("推进|开工|续建|建设|谋划")
_CAPACITY = re.compile("万千瓦|千瓦|兆瓦|万头")
_REACHED = re.compile("达到|完成|实现|增长|突破|新增|力争|确保|累计|建成|投产|并网|提高|提升|减少|下降|控制在")


def _sentence(paragraph: str, quote: str) -> str:
    """The words of `paragraph` from the start of the quote's sentence (or clause after ；) to its end."""
    at = paragraph.find(quote)
    if at < 0:
        return quote
    start = max(paragraph.rfind(c, 0, at) for c in "。；！？") + 1
    return paragraph[start:at + len(quote)]


def project_verb(paragraph: str, quote: str) -> str | None:
    """The verb (推进, 续建 …) when `quote` gives the size of a project its sentence only pushes or starts."""
    if not _CAPACITY.search(quote):
        return None
    sentence = _sentence(paragraph, quote)
    verb = _PROJECT_VERB.search(sentence)
    return verb.group() if verb and not _REACHED.search(sentence) else None


def project_sizes(report: schema.Report) -> Iterator[Problem]:
    paragraphs = {p.id: p.text for p in report.paragraphs}
    for f in report.figures:
        verb = project_verb(paragraphs.get(f.paragraph, ""), f.quote) if f.kind in ("target", "commitment") else None
        if verb:
            yield ("project-size-as-commitment", f, "kind",
                   f"expected kind context for the size of a project the report only pushes or starts "
                   f"('{verb}', no 达到/完成/实现/新增/建成/投产 in the sentence), got kind {f.kind}")


# --- ascii-quote-in-chinese-quotation --------------------------------------------------------------

_QUOTATION = re.compile(r"“[^“”]*”|「[^「」]*」")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _chinese_strings(record: schema.Record) -> Iterator[tuple[schema.Record, str, str]]:
    """(record, key, text) of every string field that holds Chinese, walking the whole report."""
    for f in fields(record):
        if f.metadata.get("internal"):
            continue
        value = getattr(record, f.name)
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str) and _CJK.search(item) and f.name != "en":
                yield record, f.name, item
            elif is_dataclass(item):
                yield from _chinese_strings(item)


def ascii_in_quotation(text: str) -> list[tuple[str, str]]:
    """(quotation, ASCII mark) for each Chinese quotation of `text` that holds an ASCII ' or "."""
    out = []
    for m in _QUOTATION.finditer(text):
        bad = re.search(r"['\"]", m.group())
        if bad:
            out.append((m.group(), bad.group()))
    return out


def ascii_quotes(report: schema.Report) -> Iterator[Problem]:
    for record, key, text in _chinese_strings(report):
        for quotation, mark in ascii_in_quotation(text):
            yield ("ascii-quote-in-chinese-quotation", record, key,
                   f"expected ‘…’ for a quotation inside {quotation[0]}…{quotation[-1]} (it becomes 『』 in "
                   f"Traditional), got the ASCII {mark} in {quotation[:30]!r}")


# --- term-without-its-link ---------------------------------------------------------------------------

def _loose(key: str) -> re.Pattern:
    """A rendering written any way: its words in any case, joined by any spaces, hyphens or quotes, in the
    plural (-s, -es, -y -> -ies)."""
    words = [re.escape(w) for w in re.findall(r"[A-Za-z0-9]+", key)]
    if words[-1].endswith("y"):
        words[-1] = words[-1][:-1] + "(?:y|ies)"
    else:
        words[-1] += "(?:e?s)?"
    gap = r"[\s\-\"'“”‘’]+"
    return re.compile(r"(?<![A-Za-z0-9-])" + gap.join(words) + r"(?![A-Za-z0-9-])", re.I)


def unlinked_terms(report: schema.Report) -> Iterator[Problem]:
    matcher = termmatch.Matcher(report.glossary, "en")
    loose = []
    for t in report.glossary:
        words = re.findall(r"[a-z0-9]+", termmatch.rendering(t.en).lower())
        if len(words) >= 2:  # one word: nothing to write apart
            stem = " ".join(words)  # what the text holds, its separators folded to spaces (-y may be -ies)
            loose.append((t, stem[:-1] if stem.endswith("y") else stem, _loose(termmatch.rendering(t.en))))
    for e in english.prose(report):
        text = schema.PLACEHOLDER.sub(" ", e.text)
        folded = re.sub(r"[^a-z0-9]+", " ", text.lower())
        candidates = [(term, rx) for term, stem, rx in loose if stem in folded]
        linked = [(s, end) for s, end, _ in matcher.find(text)] if candidates else []
        for term, rx in candidates:
            for m in rx.finditer(text):
                if any(s <= m.start() < end for s, end in linked):
                    continue
                yield ("term-without-its-link", e.record, e.key,
                       f"expected the glossary's '{termmatch.rendering(term.en)}' for {term.term} (so it gets its "
                       f"tooltip), got {m.group()!r}")


def problems(report: schema.Report) -> Iterator[Problem]:
    """Every hit of every rule (each one an error of `make check`)."""
    yield from project_sizes(report)
    yield from ascii_quotes(report)
    yield from unlinked_terms(report)
