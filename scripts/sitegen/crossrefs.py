"""The report's cross-references and content rules, one named rule each.

Takes a typed `schema.Report` (its shape already checked by `load`) and gives
every problem as a `Problem` (`FILE:LINE: key.path: expected …, got …`),
none raised. `RULES` lists the rules in the order their problems are
reported; each is a small function of a `Context` (the report and its
indexes by id) that calls `ctx.err`, and can be run on its own with
`run(report, rule)`. The English rules (`english`), the reviews' defect
classes (`rules`) and the tracking records (`tracking`) have modules of their own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Iterator

from . import english, numerals, pagemeta, quantities, rules, schema
from .errors import Problem
from .schema import PLACEHOLDER

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
PARAGRAPH_ID = re.compile(r"^p\d{3}$")
HTTPS_URL = re.compile(r"^https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")
EMAIL = re.compile(r"^[^\s@<>\"(),;:/?#&]+@[^\s@<>\"(),;:/?#&.]+(?:\.[^\s@<>\"(),;:/?#&.]+)+$")


@dataclass
class Context:
    """The report, its records by id (the first of each id) and the problems found so far."""
    report: schema.Report
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        r = self.report
        first = lambda records, key: {getattr(x, key): x for x in reversed(records)}  # noqa: E731
        self.sections = [s for part in r.parts for s in part.sections]
        self.topics = [t for s in self.sections for t in s.topics]
        self.paragraphs: dict[str, schema.Paragraph] = first(r.paragraphs, "id")
        self.figures: dict[str, schema.Figure] = first(r.figures, "id")
        self.names = first(r.names, "id")
        self.themes = first(r.themes, "id")

    def err(self, record: schema.Record, key: str, message: str) -> None:
        line, path = record.pos.at(key)
        self.problems.append(Problem(record.pos.file, line, path, message))


def unique_ids(ctx: Context) -> None:
    """Ids (and glossary terms) are unique; ids are lowercase words joined by - or _, paragraphs p001…"""
    r = ctx.report
    for records, key, what in ((r.paragraphs, "id", "paragraph id"), (r.names, "id", "name id"),
                               (r.themes, "id", "theme id"), (r.parts, "id", "part id"),
                               ([*ctx.sections, *ctx.topics], "id", "section or topic id"),
                               (r.figures, "id", "figure id"), (r.comparisons, "id", "comparison id"),
                               (r.commitments.items, "id", "commitment id"), (r.glossary, "term", "glossary term")):
        seen: dict[Any, Any] = {}
        for rec in records:
            value = getattr(rec, key)
            if value in seen:
                ctx.err(rec, key, f"expected a unique {what}, got {value!r} again (first at line {seen[value].pos.line})")
            else:
                seen[value] = rec
            if key == "id" and what != "paragraph id" and value and not ID_PATTERN.match(value):
                ctx.err(rec, key, f"expected an id of lowercase letters, digits, '-' and '_', got {value!r}")
        if what == "paragraph id":
            for p in records:
                if not PARAGRAPH_ID.match(p.id):
                    ctx.err(p, "id", f"expected an id like p001, got {p.id!r}")
                if not p.text.strip():
                    ctx.err(p, "text", "expected the paragraph's text, got an empty text")


def see_also_terms(ctx: Context) -> None:
    """A section's see_also names glossary entries (by their term)."""
    terms = {t.term for t in ctx.report.glossary}
    for s in ctx.sections:
        for term in s.see_also:
            if term not in terms:
                ctx.err(s, "see_also", f"expected terms of glossary entries, got {term!r} which has no entry")


def meta_links(ctx: Context) -> None:
    """meta.region names a names entry; the source's address and the contact are well formed."""
    meta = ctx.report.meta
    if meta.region not in ctx.names:
        ctx.err(meta, "region", f"expected the id of a names entry, got {meta.region!r}")
    if meta.source_url is not None and not HTTPS_URL.match(meta.source_url):
        ctx.err(meta, "source_url", f"expected an https:// address of the official text, got {meta.source_url!r}")
    if meta.contact is not None and not (EMAIL.match(meta.contact) or HTTPS_URL.match(meta.contact)):
        ctx.err(meta, "contact", "expected an e-mail address (name@example.org) or the https:// address of a form, "
                f"got {meta.contact!r}")


def paragraph_owners(ctx: Context) -> None:
    """Every paragraph belongs to exactly one section or topic."""
    owner: dict[str, str] = {}
    for holder in [*ctx.sections, *ctx.topics]:
        if not holder.paragraphs:
            ctx.err(holder, "paragraphs", "expected at least one paragraph id, got an empty list")
        for pid in holder.paragraphs:
            if pid not in ctx.paragraphs:
                ctx.err(holder, "paragraphs", f"expected ids of paragraphs, got {pid!r} which is not a paragraph")
            elif pid in owner:
                ctx.err(holder, "paragraphs",
                        f"expected each paragraph in one section, got {pid} again (already in {owner[pid]})")
            else:
                owner[pid] = holder.id
    for p in ctx.report.paragraphs:
        if p.id not in owner:
            ctx.err(p, "id", f"expected paragraph {p.id} to belong to a section or topic, it belongs to none")


def preview_titles(ctx: Context) -> None:
    """Every page's link-preview title (its short title, else its title) fits where chat apps cut."""
    limit, meta = pagemeta.PREVIEW_TITLE_LIMIT, ctx.report.meta
    for lang in ("zh", "en"):
        short = getattr(meta.short_title, lang)
        if len(short) > limit:
            ctx.err(meta.short_title, lang, f"expected at most {limit} characters for the home page's link "
                                            f"preview (chat apps cut there), got {len(short)} characters")
    for record, what in [*((p, "part") for p in ctx.report.parts), *((s, "section") for s in ctx.sections)]:
        if what == "section" and not record.number:  # no page of its own
            if record.short_title is not None:
                ctx.err(record, "short_title", "expected a short_title only on a numbered section (the others "
                                               "have no page, so no link preview), got one")
            continue
        short = record.short_title
        if short is not None and not short.zh and not short.en:
            ctx.err(record, "short_title", "expected a short title in zh, en or both, got neither")
        for lang in ("zh", "en"):
            preview = pagemeta.preview_title(record, lang)
            if len(preview) <= limit:
                continue
            with_number = (f", the number {pagemeta.heading(record, lang, '')} included"
                           if lang == "zh" and record.number else "")
            if short is not None and getattr(short, lang):
                ctx.err(short, lang, f"expected at most {limit} characters for the link preview (chat apps cut "
                                     f"there), got {len(preview)} characters{with_number}")
            else:
                ctx.err(record.title, lang, f"expected at most {limit} characters for the link preview (chat apps "
                                            f"cut there), got {len(preview)} characters{with_number} (give the "
                                            f"{what} a short_title with {lang}; the page keeps its title)")


def figure_records(ctx: Context) -> None:
    """A figure's theme, unit, paragraph and quote exist; its value is in its quote; noun and of fit its kind."""
    for f in ctx.report.figures:
        if f.theme not in ctx.themes:
            ctx.err(f, "theme", f"expected the id of a themes entry, got {f.theme!r}")
        if f.unit not in quantities.UNITS:
            ctx.err(f, "unit", f"expected a unit of the unit table ({' '.join(quantities.UNITS)}), got {f.unit!r}")
        para = ctx.paragraphs.get(f.paragraph)
        if para is None:
            ctx.err(f, "paragraph", f"expected the id of a paragraph, got {f.paragraph!r}")
        elif f.quote not in para.text:
            ctx.err(f, "quote", f"expected words that occur in paragraph {f.paragraph}, got {f.quote!r}")
        digits = quantities.number_zh(abs(f.value))
        if Decimal(digits) not in numerals.stated_values(f.quote, f.unit):
            ctx.err(f, "value", f"expected a value that occurs in the quote {f.quote!r}, got {digits}")
        if f.noun is not None and f.unit in quantities.UNITS and not quantities.is_count(f.unit):
            ctx.err(f, "noun", "expected a noun only on a count (people, households, items), "
                               f"got it on a figure in {f.unit}")
        if f.of is not None:
            if f.of not in ctx.figures:
                ctx.err(f, "of", f"expected the id of a figure, got {f.of!r}")
            elif f.kind != "growth":
                ctx.err(f, "of", f"expected 'of' only on a growth figure, got it on kind {f.kind}")


def iter_texts(report: schema.Report) -> Iterator[tuple[schema.Record, str, Any]]:
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


def placeholders(ctx: Context) -> None:
    """Every {fig:ID} / {num:ID} in a summary, point, note or translation names a figure."""
    for record, key, text in iter_texts(ctx.report):
        for lang in ("zh", "en"):
            for form, ref in PLACEHOLDER.findall(getattr(text, lang)):
                if ref not in ctx.figures:
                    line, path = record.pos.at(key)
                    ctx.problems.append(Problem(record.pos.file, text.pos.at(lang)[0] or line,
                                                f"{text.pos.path or path}.{lang}",
                                                f"expected {{{form}:ID}} with the id of a figure, got {{{form}:{ref}}}"))
    for p in ctx.report.paragraphs:
        for form, ref in PLACEHOLDER.findall(p.en or ""):
            if ref not in ctx.figures:
                ctx.err(p, "en", f"expected {{{form}:ID}} with the id of a figure, got {{{form}:{ref}}}")


def english_rules(ctx: Context) -> None:
    """The English style rules (english.py) and the reviews' defect classes (rules.py)."""
    for record, key, message in english.problems(ctx.report):
        ctx.err(record, key, message)
    for _rule, record, key, message in rules.problems(ctx.report):
        ctx.err(record, key, message)


def comparisons(ctx: Context) -> None:
    """A comparison pairs a result (or growth) with a target in a unit of the same dimension."""
    for c in ctx.report.comparisons:
        res, tgt = ctx.figures.get(c.result), ctx.figures.get(c.target)
        if res is None or res.kind not in ("result", "growth"):
            ctx.err(c, "result", f"expected the id of a result or growth figure, got {c.result!r}")
        if tgt is None or tgt.kind != "target":
            ctx.err(c, "target", f"expected the id of a target figure, got {c.target!r}")
        if res and tgt and res.unit in quantities.UNITS and tgt.unit in quantities.UNITS and \
                quantities.UNITS[res.unit].dimension != quantities.UNITS[tgt.unit].dimension:
            ctx.err(c, "target", f"expected a figure in a unit like {res.unit}, got one in {tgt.unit}")


def highlights(ctx: Context) -> None:
    """Headline results are results; the main targets are the report's own list (one paragraph), others apart."""
    h, figures, paragraphs = ctx.report.highlights, ctx.figures, ctx.paragraphs
    for fid in h.results:
        if fid not in figures or figures[fid].kind not in ("result", "growth"):
            ctx.err(h, "results", f"expected ids of result figures, got {fid!r}")
    for key in ("targets", "other_targets"):
        for fid in getattr(h, key):
            if fid not in figures or figures[fid].kind != "target":
                ctx.err(h, key, f"expected ids of target figures, got {fid!r}")
    main = [figures[fid] for fid in h.targets if fid in figures]
    for f in main[1:]:
        if f.paragraph != main[0].paragraph:
            ctx.err(h, "targets", f"expected the report's own list of main targets, all from paragraph "
                                  f"{main[0].paragraph} like {main[0].id}, got {f.id!r} from {f.paragraph} "
                                  "(list it under other_targets)")
    for text in h.targets_in_words:
        if main and main[0].paragraph in paragraphs and text.zh not in paragraphs[main[0].paragraph].text:
            ctx.err(text, "zh", f"expected the report's words from paragraph {main[0].paragraph} (its main "
                                f"targets), got {text.zh!r}")
    for fid in [fid for fid in h.other_targets if fid in h.targets]:
        ctx.err(h, "other_targets", f"expected targets not already in highlights.targets, got {fid!r}")


def commitments(ctx: Context) -> None:
    """The commitments' section, paragraphs and figures exist."""
    c = ctx.report.commitments
    if c.section not in {s.id for s in ctx.sections}:
        ctx.err(c, "section", f"expected the id of a section, got {c.section!r}")
    for item in c.items:
        if item.paragraph not in ctx.paragraphs:
            ctx.err(item, "paragraph", f"expected the id of a paragraph, got {item.paragraph!r}")
        for fid in item.figures:
            if fid not in ctx.figures:
                ctx.err(item, "figures", f"expected ids of figures, got {fid!r}")


def glossary_paragraphs(ctx: Context) -> None:
    """Every glossary term occurs in each paragraph it lists."""
    for term in ctx.report.glossary:
        if not term.paragraphs:
            ctx.err(term, "paragraphs", "expected at least one paragraph id, got an empty list")
        for pid in term.paragraphs:
            if pid not in ctx.paragraphs:
                ctx.err(term, "paragraphs", f"expected ids of paragraphs, got {pid!r}")
            elif term.term not in ctx.paragraphs[pid].text:
                ctx.err(term, "term", f"expected a term that occurs in paragraph {pid}, got {term.term!r}")


Rule = Callable[[Context], None]
RULES: tuple[tuple[str, Rule], ...] = tuple((rule.__name__.replace("_", "-"), rule) for rule in (
    unique_ids, see_also_terms, meta_links, paragraph_owners, preview_titles, figure_records, placeholders, english_rules,
    comparisons, highlights, commitments, glossary_paragraphs))


def run(report: schema.Report, *rules_to_run: Rule) -> list[Problem]:
    """The problems of the given rules (all of RULES when none is given), in RULES order."""
    ctx = Context(report)
    for _name, rule in RULES:
        if not rules_to_run or rule in rules_to_run:
            rule(ctx)
    return ctx.problems
