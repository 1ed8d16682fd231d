"""Stage 2: render. `schema.Report` + a source language -> Markdown pages.

`render_site(report, text_field, labels)` gives a `Site`: the pages (path,
title, Markdown) and the navigation tree. Everything goes through the Jinja
templates in `templates/` (one environment, StrictUndefined); every value from
the data is escaped where it meets Markdown/HTML, so `<`, `|`, `*` or `{{` in
the YAML show literally. Quantities are formatted by `quantities` (a number
never parts from its unit at a line end) and link to their quoted words in the
full text, which `quotes` marks. Glossary terms are links to their entries,
marked once in each h2 section of a page, never touching a figure link.
"""
from __future__ import annotations

import csv
import datetime
import io
import json
import os
import posixpath
import re
import string
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Optional, Union
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from . import charts, dates, english, glossary, pagemeta, quantities, quotes, schema, termmatch, tracking
from .convert import KEEP_OPEN, Example, keep, keep_literals, unkeep
from .labels import Labels
from .languages import LANGUAGES
from .schema import PLACEHOLDER

TEMPLATES = Path(__file__).parent / "templates"
FULL_TEXT = "full-text.md"
GLOSSARY = "glossary.md"
# The columns of the figures download, in order; the indicators page describes each (labels `column_<name>`).
FIGURE_COLUMNS = ("id", "label_zh", "label_en", "value", "unit", "value_base", "unit_base", "qualifier", "value_en",
                  "kind", "theme", "paragraph", "quote", "of")
TARGETS = "targets.md"  # the tracked targets (until issue 21 a section of commitments.md: its anchors stay there)

# Only what Python-Markdown (with `tables`) un-escapes: any other backslash would show on the page.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def md_escape(value: object) -> Markup:
    """Text -> Markdown that shows it literally (HTML-escaped, Markdown specials backslashed)."""
    if isinstance(value, Markup):
        return value
    text = re.sub(r"[^\S\u00a0]+", " ", str(value))  # a no-break space stays one
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"^([-+>])", r"\\\1", text)
    text = re.sub(r"^(\d+)\.(?=\s|$)", r"\1\\.", text)
    return escape(text)  # HTML last: &, <, > and quotes become entities


def _inside_name(raw: str, start: int, end: int, term: schema.Term) -> bool:
    """An English match that is the capitalised tail of a proper name ("county" in Example County)."""
    words = raw[start:end].lstrip(termmatch.QUOTE_MARKS)
    return (words[:1].isupper() and not english.normalized(term.en)[:1].isupper()
            and bool(re.search(r"[A-Z][\w'-]*\s+$", raw[:start])))


def _opens_sentence(before: str) -> bool:
    """Whether English text that follows `before` starts a sentence."""
    return not before.strip() or bool(re.search(r"[.!?][\'\"”’)]?\s*$", before))


def _finalize(value: object) -> object:
    return value if isinstance(value, (Markup, int, float)) else md_escape(value)


ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    undefined=jinja2.StrictUndefined,
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    autoescape=True,  # finalize escapes for Markdown first; macros then return Markup
)
ENV.filters["prose_date"] = dates.prose_date
ENV.globals["figure_columns"] = FIGURE_COLUMNS
# A YAML (JSON) string for front matter; unlike `tojson`, Chinese stays as text, so it is converted.
ENV.filters["yaml_str"] = lambda s: Markup(json.dumps(str(s), ensure_ascii=False))
# [words]({field}) in a label: a link whose target the template gives.
_HAN_EDGE = re.compile(r"[\u3400-\u9fff]")  # a Han character beside a figure (zh spacing)
_LATIN_EDGE = re.compile(r"[0-9A-Za-z%]")  # a figure's digit, Latin letter or % at its edge
_LABEL_LINK = re.compile(r"\[([^\]]*)\]\(\{(\w+)\}\)")


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs, e.g. "review/economy.md"
    title: str
    markdown: str


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: Optional[str] = None
    children: tuple["NavEntry", ...] = ()

    def to_mkdocs(self) -> Union[dict, str]:
        if self.children:
            return {self.title: [c.to_mkdocs() for c in self.children]}
        return {self.title: self.path}


@dataclass(frozen=True)
class SiteInfo:
    """Facts about the build: what the about page states, and the date it is built on (overdue reviews)."""

    repository: str = ""
    opencc_config: str = ""
    overrides: int = 0
    examples: tuple[Example, ...] = ()  # what each override entry fixes (the About page)
    converted: bool = False  # the pages are converted (zh-Hant): the home page says so
    download_tag: str = ""  # the language's own downloads: downloads/figures.<tag>.csv
    today: Optional[datetime.date] = None  # the build's date, for overdue reviews; None: dates.build_date

    def download(self, name: str) -> str:
        """Path of a download in this language (figures.csv -> downloads/figures.zh-Hant.csv)."""
        return download_path(name, self.download_tag)


def download_path(name: str, tag: str = "") -> str:
    stem, _, ext = name.rpartition(".")
    return f"downloads/{stem}.{tag}.{ext}" if tag else f"downloads/{name}"


@dataclass
class Site:
    pages: list[Page]
    nav: list[NavEntry]
    downloads: dict[str, bytes] = field(default_factory=dict)
    footer: str = ""  # HTML: the source line of every page's footer


class Index:
    """Lookups over a report that every page needs (figures by id, owners of paragraphs ...)."""

    def __init__(self, report: schema.Report, today: Optional[datetime.date] = None):
        self.report = report
        self.today = today or dates.build_date(os.environ)  # the build's date: reviews past due are overdue
        self.figures = {f.id: f for f in report.figures}
        self.paragraphs = {p.id: p for p in report.paragraphs}
        self.themes = {t.id: t for t in report.themes}
        self.growth_of = {f.of: f for f in report.figures if f.of}
        self.part_of = {s.id: part for part in report.parts for s in part.sections}
        self.terms = sorted(report.glossary, key=lambda t: -len(t.term))
        # Where a glossary term is found, one scan per text (termmatch): Chinese pages find the
        # term itself; English pages find its one English rendering, never the Chinese (a reader
        # of English gets the meaning on words they can read).
        self.term_matchers = {lang: termmatch.Matcher(report.glossary, lang) for lang in ("zh", "en")}
        self.tracked_commitments = tracking.tracked_commitments(report)
        self.tracked_targets = tracking.tracked_targets(report)
        self.target_tracking = {t.figure.id: t for t in self.tracked_targets}


def section_path(index: Index, section: schema.Section) -> str:
    """Page of a section: numbered sections have their own, others live on the part page."""
    part = index.part_of[section.id]
    return f"{part.id}/{section.id}.md" if section.number else f"{part.id}/index.md"


class PageRenderer:
    """What templates call while rendering one page: text, figures, links, glossary marks."""

    def __init__(self, index: Index, lang: str, labels: Labels, path: str, root: str = ""):
        self.index = index
        self.lang = lang
        self.L = labels
        self.path = path  # where this page is in the site
        self.root = root  # the folder the report's pages are in ("2024/"; "": the site's root)
        self.seen_terms: set[str] = set()  # terms marked in the current h2 section
        self.mu_explained = False  # English: the first mu area on a page also says its hectares

    # links
    def link(self, target: str, anchor: str = "") -> Markup:
        """Relative link from this page to `target` (a page path of ours in the report's folder: safe ASCII)."""
        here = posixpath.dirname(self.path)
        rel = posixpath.relpath(self.root + target, here or ".")
        return Markup(rel + (f"#{anchor}" if anchor else ""))

    def site_link(self, target: str) -> Markup:
        """Relative link from this page to `target` at the site's root, whatever the report's folder (the feed)."""
        return Markup(posixpath.relpath(target, posixpath.dirname(self.path) or "."))

    def external(self, url: str) -> Markup:
        """An absolute http(s) URL as a Markdown link target: percent-encoded, never escaped."""
        if not re.match(r"https?://[^\s/]+", url):
            raise ValueError(f"not an absolute http(s) URL: {url!r}")
        return Markup(quote(url, safe=":/?#@!$&'*+,;=%-._~"))

    def mailto(self, address: str) -> Markup:
        """An e-mail address (checked by crossrefs.EMAIL) as a Markdown link target."""
        return Markup("mailto:" + quote(address, safe="@!$'*+,;=-._~"))

    def fmt(self, label: str, **values) -> Markup:
        """A label as Markdown: its {fields} filled, its [words]({field}) made links.

        The label's own words are escaped (and stay marked final when the label
        is); a value is escaped unless it is Markup (a link target, a rendered text).
        """
        mark = (lambda s: Markup(keep(s))) if KEEP_OPEN in label else (lambda s: s)

        def words(text: str) -> Markup:
            out = []
            for literal, name, _, _ in string.Formatter().parse(text):
                if literal:
                    out.append(mark(md_escape(literal)))
                if name is not None:
                    value = values[name]
                    out.append(value if isinstance(value, Markup) else md_escape(value))
            return Markup("").join(out)

        raw, out, at = unkeep(label), [], 0
        for m in _LABEL_LINK.finditer(raw):
            out += [words(raw[at:m.start()]), Markup("[{}]({})").format(words(m.group(1)), values[m.group(2)])]
            at = m.end()
        out.append(words(raw[at:]))
        return Markup("").join(out)

    def plain(self, label: str, **values) -> str:
        """A label as plain text (for a description): fields filled, links as their words."""
        text = _LABEL_LINK.sub(lambda m: m.group(1), unkeep(label))
        return (keep_literals(text) if KEEP_OPEN in label else text).format(**values)

    def code(self, text: str) -> Markup:
        """Inline code (a file name, a setting): shown as typed, never converted."""
        return Markup("`{}`").format(text.replace("`", ""))

    def plain_text(self, text: Union[schema.Text, str]) -> str:
        """A text as plain words: quantities printed, no links, no marks (jump lists, descriptions)."""
        return pagemeta.plain(self.index.report, self.lang, self.tx(text) if isinstance(text, schema.Text) else text)

    def html(self, text: str) -> Markup:
        """Plain text for an HTML (not Markdown) template: HTML-escaped only."""
        return escape(text)

    def source(self, pid: str) -> Markup:
        return self.link(FULL_TEXT, pid)

    # tracking (tracking.py decides; these only format)
    def date(self, d) -> str:
        return dates.prose_date(d, self.lang)

    def html_date(self, d) -> Markup:
        """A date for an HTML template: written out, its ISO form in <time datetime>."""
        return Markup('<time datetime="{}">{}</time>').format(d.isoformat(), self.date(d))

    def foreign(self, text: str, language: str) -> Markup:
        """Text in `language` (zh or en), marked with its language when it differs from the page's."""
        if language == self.lang:
            return md_escape(text)
        return Markup('<span lang="{}">{}</span>').format("zh-Hans" if language == "zh" else "en", md_escape(text))

    def counts(self, things: list[tracking.Tracked]) -> list[tuple[str, int]]:
        return tracking.counts(things)

    def bar(self, things: list[tracking.Tracked]) -> list[tracking.Segment]:
        return tracking.segments(tracking.counts(things))

    def summary(self, things: list[tracking.Tracked]) -> tracking.Summary:
        return tracking.summary(things, self.index.today)

    def overdue(self, t: tracking.Tracked) -> bool:
        return t.overdue(self.index.today)

    def strive(self, f: schema.Figure) -> bool:
        return tracking.strive(f)

    def any_outcome(self, figure_ids: list[str]) -> bool:
        """Whether one of these figures is a target with a reported outcome (a table then shows the column)."""
        return any(self.index.target_tracking[fid].outcome for fid in figure_ids if fid in self.index.target_tracking)

    def outcome(self, o: schema.Outcome, f: schema.Figure) -> str:
        """A target's reported outcome, formatted like its figure."""
        noun = f.noun if o.unit == f.unit else None
        if self.lang != "en":
            return quantities.quantity_zh(o.value, o.unit, o.qualifier)
        return quantities.quantity_en(o.value, o.unit, o.qualifier, noun=noun)

    def new_section(self, heading: str = "##") -> Markup:
        """Called at each heading: an h2 starts a section, whose terms are marked afresh."""
        if heading == "##":
            self.seen_terms.clear()
        return Markup("")

    # text fields
    def tx(self, text: schema.Text) -> str:
        """The raw string of a Text in this page's language (still to be escaped)."""
        return getattr(text, self.lang)

    def text(self, text: Union[schema.Text, str], terms: bool = True, tooltips: bool = True) -> Markup:
        """A Text rendered: escaped, {fig:ID} as linked quantities, glossary terms marked.

        A bare number ({num:ID}) keeps the noun the prose gives it on its line.
        """
        raw = self.tx(text) if isinstance(text, schema.Text) else text
        found = list(PLACEHOLDER.finditer(raw))
        shown = [self.qty(self.index.figures[m.group(2)], m.group(1) == "num") for m in found] \
            if self.lang == "zh" else []
        out = []
        at = 0
        for i in range(len(found) + 1):
            m = found[i] if i < len(found) else None
            piece = raw[at:m.start() if m else len(raw)]
            if i and found[i - 1].group(1) == "num":
                piece = re.sub(r"^ (?=\w)", "\u00a0", piece)
            if shown:  # zh: a space between a Han character and a figure's digits or Latin letters, as the
                # report prints them (完成 217 亿元，增长 6.2%；300 MW 光伏), on both sides of the figure
                if i and _LATIN_EDGE.match(shown[i - 1][-1]) and _HAN_EDGE.match(piece[:1]):
                    piece = " " + piece
                if m and _HAN_EDGE.match(piece[-1:]) and _LATIN_EDGE.match(shown[i][:1]):
                    piece += " "
            if terms:
                out.append(self.mark_terms(piece, tooltips=tooltips, after_figure=i > 0, before_figure=m is not None))
            else:
                out.append(md_escape(piece))
            if m:
                opens = self.lang == "en" and _opens_sentence(raw[:m.start()])
                out.append(self.fig_link(self.index.figures[m.group(2)], bare=m.group(1) == "num", capital=opens))
                at = m.end()
        return Markup("").join(out)

    def mark_terms(self, raw: str, tooltips: bool = True, after_figure: bool = False,
                   before_figure: bool = False) -> Markup:
        """Escape `raw`, marking the first occurrence in this h2 section of each glossary term.

        A mark is a link to the term's glossary entry whose short explanation
        shows as a tooltip on hover, focus and a first tap (assets/site.js); the
        long full text (`tooltips=False`: a tooltip for each of ~200 terms costs
        the phone too much script time) links without one. `after_figure` and
        `before_figure` say that a figure link touches `raw` at its start or end:
        an occurrence there is left unmarked (two links side by side are one
        target to a thumb) and the term's next occurrence is marked instead.
        """
        if not raw:
            return Markup("")
        out, at = [], 0
        for start, end, term in self.index.term_matchers[self.lang].find(raw, self.seen_terms):
            words = raw[start:end]
            if term.term in self.seen_terms or (self.lang == "en" and _inside_name(raw, start, end, term)):
                continue
            if (after_figure and not raw[:start].strip()) or (before_figure and not raw[end:].strip()):
                continue
            self.seen_terms.add(term.term)
            target = self.link(GLOSSARY, self.term_anchor(term))
            if tooltips:  # a Markdown link title: HTML-escaped, shown by Material as a tooltip
                title = getattr(term.short, self.lang) + (" " if self.lang == "en" else "") + self.L.term_more
                mark = Markup('[{}]({} "{}"){{ .term }}').format(md_escape(words), target, escape(title))
            else:
                mark = Markup("[{}]({}){{ .term }}").format(md_escape(words), target)
            out += [md_escape(raw[at:start]), mark]
            at = end
        out.append(md_escape(raw[at:]))
        return Markup("").join(out)

    # quantities
    def qty(self, f: schema.Figure, bare: bool = False) -> str:
        if self.lang != "en":
            return quantities.quantity_zh(f.value, f.unit, f.qualifier, bare=bare)
        text = quantities.quantity_en(f.value, f.unit, f.qualifier, noun=f.noun, bare=bare)
        if quantities.UNITS[f.unit].dimension == "area-mu" and not self.mu_explained:
            self.mu_explained = True
            text += f" ({quantities.hectares_en(f.value, f.unit)})"
        return text

    def change(self, f: schema.Figure) -> str:
        g = self.index.growth_of.get(f.id)
        if g is None:
            return ""
        text = self.qty(g)
        return text if text.startswith(("-", "约", "about", "over")) else f"+{text}"

    def any_change(self, figures: list[schema.Figure]) -> bool:
        """Whether a table of these figures needs its change column."""
        return any(f.id in self.index.growth_of for f in figures)

    def fig_link(self, f: schema.Figure, bare: bool = False, capital: bool = False) -> Markup:
        """A quantity linked to its quoted words in the full text; `capital` when it opens an English sentence."""
        text = quantities.unbreakable(self.qty(f, bare))
        return Markup("[{}]({})").format(md_escape(quantities.capitalized(text) if capital else text),
                                          self.link(FULL_TEXT, quotes.anchor(f.id)))

    def table_figures(self, figures: list[schema.Figure]) -> list[schema.Figure]:
        """Figures for a table: growth rates that belong to a listed figure show in its row."""
        listed = {f.id for f in figures}
        return [f for f in figures if not (f.of and f.of in listed)]

    def figures_in(self, pids: list[str]) -> list[schema.Figure]:
        wanted = set(pids)
        return [f for f in self.index.report.figures if f.paragraph in wanted]

    def section_figures(self, section: schema.Section) -> list[schema.Figure]:
        return self.figures_in(section.paragraphs + [p for t in section.topics for p in t.paragraphs])

    def section_link(self, section: schema.Section) -> Markup:
        target = section_path(self.index, section)
        return self.link(target, "" if section.number else section.id)

    def paragraph_text(self, pid: str) -> Markup:
        """A paragraph of the original, glossary terms marked (the boxes of original text on section pages);
        its ¶ link follows it, so a term at its very end is left unmarked (two links side by side)."""
        return self.mark_terms(self.index.paragraphs[pid].text, before_figure=True)

    def full_text_paragraph(self, pid: str, terms: bool = True) -> Markup:
        """A paragraph of the full text: each figure's quote its own target (quotes), terms linked without tooltips."""
        figures = [(f.id, f.quote) for f in self.figures_in([pid])]
        plain = (lambda piece: self.mark_terms(piece, tooltips=False)) if terms else md_escape
        return quotes.mark_quotes(self.index.paragraphs[pid].text, figures, plain)

    def paragraph_en(self, pid: str) -> Markup:
        """A paragraph's English translation: figures linked, glossary terms linked to their entries."""
        return self.text(self.index.paragraphs[pid].en or "", tooltips=False)

    def pnum(self, pid: str) -> str:
        return str(int(pid[1:]))

    def chart_growth(self) -> Markup:
        rows = [charts.GrowthRow(self.tx(f.label), Decimal(str(f.value)), self.qty(f))
                for f in self.index.report.figures if f.kind == "growth" and f.unit == "%"]
        return charts.growth_chart(ENV, rows, charts.ChartWords(self.L.chart_growth_title, self.L.chart_growth_desc,
                                                                      self.L.chart_link))

    def chart_comparisons(self) -> Markup:
        meta = self.index.report.meta
        rows = []
        for c in self.index.report.comparisons:
            res, tgt = self.index.figures[c.result], self.index.figures[c.target]
            rows.append(charts.PairRow(self.tx(c.label), self.qty(res), quantities.base_value(res.value, res.unit),
                                       self.qty(tgt), quantities.base_value(tgt.value, tgt.unit)))
        legend = (self.L.chart_result_label.format(year=meta.year_reviewed),
                  self.L.chart_target_label.format(year=meta.year_planned))
        return charts.comparison_chart(ENV, rows, (meta.year_reviewed, meta.year_planned),
                                       charts.ChartWords(self.L.chart_comparison_title, self.L.chart_comparison_desc,
                                                         self.L.chart_link),
                                       legend)

    def glossary_letters(self) -> list[glossary.Letter]:
        """The glossary's terms in reading order, under their initials (pinyin or English)."""
        return glossary.letters(self.index.report.glossary, self.lang)

    def letter_anchor(self, letter: str) -> str:
        return glossary.anchor(letter)

    def term_anchor(self, term: schema.Term) -> str:
        return glossary.term_anchor(term)

    def term_link(self, name: str) -> Markup:
        """A link to the glossary entry of the term `name`, by its name in this page's language."""
        term = next(t for t in self.index.report.glossary if t.term == name)
        label = md_escape(term.term if self.lang == "zh" else term.en)
        return Markup(f"[{label}]({self.link(GLOSSARY, self.term_anchor(term))})")

    def outline(self) -> list[tuple[str, str, int]]:
        """The full text's own table of contents, (label, paragraph id, level): its headings, and the
        numbered sections that run into their first paragraph ((三)生态环境保护成效显著。…), by that first sentence."""
        out = []
        for p in self.index.report.paragraphs:
            level = self.heading_level(p.id)
            run_in = not level and re.match(r"^（[一二三四五六七八九十]+）", p.text)
            if level or run_in:
                text = self.plain_text(p.en or "") if self.lang == "en" else p.text
                out.append((re.split(r"。|\.\s", text, maxsplit=1)[0] if run_in else text, p.id, level or 3))
        return out

    def heading_level(self, pid: str) -> int:
        """Full text: a short paragraph without end punctuation that starts 一、 or （一） is a heading."""
        text = self.index.paragraphs[pid].text
        if len(text) > 40 or text.endswith(("。", "：", "！", "；")):
            return 0
        if re.match(r"^[一二三四五六七八九十]+、", text):
            return 2
        if re.match(r"^（[一二三四五六七八九十]+）", text):
            return 3
        return 0


def _render(template: str, renderer: PageRenderer, **context) -> str:
    return ENV.get_template(template).render(r=renderer, L=renderer.L, lang=renderer.lang,
                                             report=renderer.index.report, **context)


def render_site(report: schema.Report, lang: str, labels: Labels, site: SiteInfo = SiteInfo(),
                root: str = "") -> Site:
    """All pages of one source language ('zh' or 'en'), with navigation and downloads.

    `root` is the folder of the site the pages go in ("2024/"; their links and the menu's paths
    are within it); with a folder, the pages also include the site's landing page (index.md at the
    site's root): the report's home page, its links into the folder. Downloads stay unprefixed."""
    index = Index(report, site.today)
    pages: list[Page] = []

    def page(path: str, template: str, title: str, description: str, preview: Optional[str] = None,
             hide: tuple[str, ...] = (), at: Optional[str] = None, **context) -> Page:
        """A page; its front matter gives link previews its own title (or `preview`, a shorter one) and
        description (pagemeta), hides the parts of the theme named in `hide`, and names the line of
        report.yaml that holds a part's or section's summary (the edit link opens the file there)."""
        holder = context.get("section") or context.get("part")
        source_line = holder.summary.pos.at(lang)[0] if holder is not None else None
        head = pagemeta.front_matter(pagemeta.lead(pagemeta.plain(report, lang, description), lang),
                                     None if path == "index.md" else title, preview, hide, source_line)
        at = root + path if at is None else at  # where the page goes in the site
        p = Page(at, title, head + _render(template, PageRenderer(index, lang, labels, at, root),
                                            title=title, site=site, **context))
        pages.append(p)
        return p

    def t(text: schema.Text) -> str:
        return getattr(text, lang)

    # The link preview says what the report is; the converted edition's notice stays on the page (a
    # preview of a disclaimer told nothing, and its "see About" could not be followed from a chat).
    home_description = t(report.meta.description)
    for at in ([None, "index.md"] if root else [None]):  # the report's home; with a folder, the landing too
        page("index.md", "home.md.j2", t(report.meta.short_title), home_description,
             pagemeta.home_preview_title(report.meta, lang), at=at)
    part_nav = []
    for part in report.parts:
        part_title = pagemeta.heading(part, lang)
        page(f"{part.id}/index.md", "part.md.j2", part_title, t(part.summary), pagemeta.preview_title(part, lang),
             part=part)
        children = [NavEntry(labels.overview, f"{part.id}/index.md")]
        for section in part.sections:
            if section.number:
                title = pagemeta.heading(section, lang)
                page(f"{part.id}/{section.id}.md", "section.md.j2", title, t(section.summary),
                     pagemeta.preview_title(section, lang), part=part, section=section)
                children.append(NavEntry(title, f"{part.id}/{section.id}.md"))
        part_nav.append(NavEntry(part_title, None, tuple(children)) if len(children) > 1
                        else NavEntry(part_title, f"{part.id}/index.md"))
    extra = _other_pages(index, lang, labels)
    for path, template, title, description in extra:
        # The glossary's letter index is its table of contents: Material's own, one entry per term (200+),
        # doubled the page's elements and its layout time on a phone (closing note of issue 13).
        page(path, template, title, description, hide=("toc",) if path == GLOSSARY else ())
    nav = [NavEntry(labels.home, "index.md"), *part_nav, *(NavEntry(title, path) for path, _, title, _ in extra)]
    nav = [_in_folder(entry, root) for entry in nav]
    footer = _render("footer.html.j2", PageRenderer(index, lang, labels, "footer.html"))
    return Site(pages, nav, downloads(report), footer)


def _other_pages(index: Index, lang: str, labels: Labels) -> list[tuple[str, str, str, str]]:
    """(path, template, title, description) of the pages after the parts', in the menu's order."""
    meta = index.report.meta
    return [
        ("indicators.md", "indicators.md.j2", labels.indicators_title, labels.indicators_intro),
        ("commitments.md", "commitments.md.j2", labels.commitments_title,
         labels.commitments_description.format(year=meta.year_planned)),
        *([(TARGETS, "targets.md.j2", labels.targets_progress.format(year=meta.year_planned),
            labels.targets_description.format(year=meta.year_planned))] if index.tracked_targets else []),
        (GLOSSARY, "glossary.md.j2", labels.glossary_title, labels.glossary_intro),
        (FULL_TEXT, "full-text.md.j2", labels.full_text_title,
         labels.full_text_description.format(title=getattr(meta.title, lang))),
        ("about.md", "about.md.j2", labels.about_title, labels.about_description),
    ]


def _in_folder(entry: NavEntry, root: str) -> NavEntry:
    """A menu entry (and its children) with its page in the folder `root`."""
    return replace(entry, path=root + entry.path if entry.path else None,
                   children=tuple(_in_folder(c, root) for c in entry.children))


CARD_FONTS = {"zh-Hans": '"Noto Sans CJK SC", sans-serif', "zh-Hant": '"Noto Sans CJK TC", sans-serif',
              "en": '"Noto Sans CJK SC", "DejaVu Sans", sans-serif'}  # its Latin is compact


def social_card(report: schema.Report, lang: str, labels: Labels, html_lang: str) -> str:
    """The HTML of the 1200 x 630 sharing image: the title and three headline figures.

    `lang` is the source field (zh or en); `html_lang` the BCP 47 tag of the
    card's language (zh-Hans, zh-Hant, en), which picks the font.
    """
    index = Index(report)
    r = PageRenderer(index, lang, labels, "social.html")
    figures = [index.figures[fid] for fid in report.highlights.results[:3]]
    tagline = labels.social_tagline.format(year=report.meta.year_reviewed, next=report.meta.year_planned)
    names = Markup(" · ").join(Markup('<span lang="{}">{}</span>').format(l.hreflang, l.name) for l in LANGUAGES)
    return _render("social.html.j2", r, meta=report.meta, figures=figures, tagline=tagline, languages=names,
                   html_lang=html_lang, fonts=Markup(CARD_FONTS[html_lang]))


def plain_english(report: schema.Report, text: str) -> str:
    """English text with its placeholders as the quantities they print, for downloads."""
    figures = {f.id: f for f in report.figures}

    def quantity(m: re.Match) -> str:
        f = figures[m.group(2)]
        return quantities.quantity_en(f.value, f.unit, f.qualifier, noun=f.noun, bare=m.group(1) == "num")
    return PLACEHOLDER.sub(quantity, text)


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _json(rows: list[dict]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def downloads(report: schema.Report, zh=None, tag: str = "") -> dict[str, bytes]:
    """Open data: the figures, and the parallel text (paragraph id, Chinese, English), as CSV and JSON.

    For a converted language, `zh` converts the Chinese fields (labels, units, quotes, paragraphs)
    and `tag` names its files (figures.zh-Hant.csv); without them, the Simplified originals.
    """
    zh = zh or (lambda s: s)
    rows = []
    for f in report.figures:
        rows.append({
            "id": f.id, "label_zh": zh(f.label.zh), "label_en": f.label.en,
            "value": f.value, "unit": zh(f.unit),
            "value_base": quantities.base_number(f.value, f.unit), "unit_base": quantities.base_unit(f.unit),
            "qualifier": f.qualifier or "",
            "value_en": quantities.quantity_en(f.value, f.unit, f.qualifier, noun=f.noun),
            "kind": f.kind, "theme": f.theme, "paragraph": f.paragraph, "quote": zh(f.quote), "of": f.of or "",
        })
    assert not rows or tuple(rows[0]) == FIGURE_COLUMNS, tuple(rows[0])
    # The English as written; in a converted language's file its Chinese glosses "(铸牢…)" too are converted.
    parallel = [{"id": p.id, "zh": zh(p.text), "en": _CJK_RUN.sub(lambda m: zh(m.group()), plain_english(report, p.en or ""))}
                for p in report.paragraphs]
    return {
        download_path("figures.csv", tag): _csv(rows),
        download_path("figures.json", tag): _json(rows),
        download_path("parallel-text.csv", tag): _csv(parallel),
        download_path("parallel-text.json", tag): _json(parallel),
    }
