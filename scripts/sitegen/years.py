"""Every year's report on one site: the report files -> one site per language.

Takes the report file (data/report.yaml, the report the site first published) and every
`<year>/report.yaml` beside it (data/2025/report.yaml ..., each with its source.txt and its
zh-hant-overrides.yaml), each run through its own Pipeline, its pages in a folder named for the
year it was delivered ("2024/"). Gives, per language, one render.Site: every year's pages; the
landing page at the site's root (the latest report's home page, with the list of every year when
there are several); the menu (the latest year's, then each earlier year as a section of its own);
on every page of a site with several years, a year switcher to the same page in the other years;
each year's downloads (and its report.yaml) under its folder. `moved()` gives the addresses the
site published before it had years (the first report's pages at the root), each with its new
place; `redirect_page` the page that stands at an old address (its canonical link the new one).
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import csp, pending, render
from .errors import DataError, Problem
from .languages import Language
from .load import display_path
from .pipeline import OVERRIDES, REPORT, Pipeline, overrides_for

YEAR_FOLDER = re.compile(r"\d{4}")
LANDING = "index.md"


def report_files(root: Path, main: Path) -> list[Path]:
    """The main report file, then every <year>/report.yaml beside it, by folder name."""
    folder = (root / main).parent
    more = sorted(p for p in folder.glob("*/report.yaml") if YEAR_FOLDER.fullmatch(p.parent.name))
    return [main, *(p if main.is_absolute() else p.relative_to(root) for p in more)]


def overrides_of(root: Path, report_file: Path, main: Path) -> Path:
    """A year's override table: the zh-hant-overrides.yaml beside its report, else the main report's."""
    beside = (root / report_file).parent / OVERRIDES.name
    return beside if beside.is_file() else overrides_for(root, main)


def _folder_of(path: str) -> str:
    """"2024/review/economy.md" -> "2024/" ("" for a path outside every year's folder)."""
    head = path.split("/", 1)[0]
    return f"{head}/" if YEAR_FOLDER.fullmatch(head) and "/" in path else ""


def year_switch(path: str, here: str, folders: list[tuple[str, set[str]]], label: str, colon: str) -> str:
    """The Markdown of the year switcher for the page at `path` (in folder `here`): its label, then every
    year, oldest first, the current one in bold, the others linking to the same page in that year, else
    its home."""
    inner = path[len(here):] if path.startswith(here) else path  # the landing page: the years' home pages
    items = []
    for folder, paths in folders:
        year = folder.rstrip("/")
        if folder == here:
            items.append(f"**{year}**")
            continue
        target = folder + (inner if folder + inner in paths else LANDING)
        items.append(f"[{year}]({posixpath.relpath(target, posixpath.dirname(path) or '.')})")
    return (f'<nav class="year-switch" aria-label="{html.escape(label)}" markdown>\n'
            f"{render.md_escape(label)}{colon}" + " · ".join(items) + "\n</nav>\n\n")


def _after_front_matter(markdown: str, block: str) -> str:
    """`block` inserted after the page's front matter (at its start if it has none)."""
    if markdown.startswith("---\n"):
        end = markdown.index("\n---\n", 3) + len("\n---\n")
        return markdown[:end] + "\n" + block + markdown[end:].lstrip("\n")
    return block + markdown


def _not_searched(markdown: str) -> str:
    """The page left out of the search index (Material's front matter `search: exclude`)."""
    head = "---\nsearch:\n  exclude: true\n"
    return head + markdown[4:] if markdown.startswith("---\n") else head + "---\n\n" + markdown


def redirect_page(target: str, canonical: str, lang: str, title: str, text: str) -> str:
    """The page at an old address: it opens `target` (relative; the reader's #fragment kept) at once,
    names `canonical` (absolute) as the page's own address, and carries its Content-Security-Policy.
    `lang` is the <html lang> of the language's pages (Material's code)."""
    link = html.escape(target)
    page = (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n"
            f'<link rel="canonical" href="{html.escape(canonical)}">\n<meta name="robots" content="noindex">\n'
            f"<script>location.replace({json.dumps(target)} + location.hash)</script>\n"
            f'<meta http-equiv="refresh" content="0; url={link}">\n</head>\n'
            f'<body>\n<p>{html.escape(text)} <a href="{link}">{html.escape(canonical)}</a></p>\n</body>\n</html>\n')
    return csp.secure(page)


def year_problems(reports: list[tuple[Path, object]]) -> list[Problem]:
    """(report file, its meta), the first the main report: a report in a year's folder was delivered in
    that year; no two reports of one year."""
    problems, seen = [], {}
    for n, (path, meta) in enumerate(reports):
        line, key = meta.pos.at("date")
        where, folder = display_path(path), path.parent.name
        if n and folder != str(meta.date.year):
            problems.append(Problem(where, line, key, f"expected a date in {folder} (the report is in the folder "
                                    f"{folder}/), got {meta.date.isoformat()}"))
        elif meta.date.year in seen:
            problems.append(Problem(where, line, key, f"expected one report per year, got a second report of "
                                    f"{meta.date.year} (the other: {seen[meta.date.year]})"))
        seen.setdefault(meta.date.year, where)
    return problems


@dataclass
class Shelf:
    """The site's reports, one Pipeline each; the same questions as a Pipeline, answered for all."""

    root: Path
    repository: str = ""
    report_file: Path = REPORT  # the first report; later years in <year>/report.yaml beside it
    pipelines: list[Pipeline] = field(init=False)
    _cache: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pipelines = [Pipeline(self.root, self.repository, f, overrides_of(self.root, f, self.report_file),
                                   in_year_folder=True) for f in report_files(self.root, self.report_file)]

    @property
    def first(self) -> Pipeline:
        """The report at report_file: the one whose pages the site published at its root before it had years."""
        return self.pipelines[0]

    def inputs(self):
        """Validate every report (raises DataError with every problem of every file); the latest's inputs."""
        problems: list[Problem] = []
        for p in self.pipelines:
            try:
                p.inputs()
            except DataError as e:
                problems += e.problems
        if problems:
            raise DataError(problems)
        problems = self._year_problems()
        if problems:
            raise DataError(problems)
        return self.latest().inputs()

    def _year_problems(self) -> list[Problem]:
        return year_problems([(p.root / p.report_file, p.inputs()[0].meta) for p in self.pipelines])

    def by_year(self) -> list[Pipeline]:
        """The pipelines, latest report first."""
        self.inputs()
        return sorted(self.pipelines, key=lambda p: -p.inputs()[0].meta.date.year)

    def latest(self) -> Pipeline:
        return max(self.pipelines, key=lambda p: p.inputs()[0].meta.date.year)

    def hold_last_good(self, error: DataError) -> bool:
        held = [p.hold_last_good(error) for p in self.pipelines]
        return all(held)

    def held_problems(self) -> list[str]:
        return list(dict.fromkeys(problem for p in self.pipelines for problem in p.held_problems()))

    def converter(self, language: Language):
        return self.latest().converter(language)

    def labels(self, language: Language):
        return self.latest().labels(language)

    def years(self) -> list[int]:
        return sorted(p.inputs()[0].meta.date.year for p in self.pipelines)

    def pipeline_at(self, url: str) -> Pipeline:
        """The report a page's URL belongs to ("2024/review/economy/"); the latest for the landing page."""
        folder = _folder_of(url)
        return next((p for p in self.pipelines if p.folder() == folder), self.latest()) if folder else self.latest()

    def source_file(self, url: str) -> str:
        """The report file of the page at `url`, relative to the main report's folder ("2025/report.yaml")."""
        p = self.pipeline_at(url)
        main = (self.root / self.report_file).parent
        return (p.root / p.report_file).relative_to(main).as_posix()

    def site_name(self, language: Language, url: str) -> str:
        """The site's name on the page at `url`: the title of its own report."""
        return self._meta_text(self.pipeline_at(url), language, "title")

    def footer(self, language: Language, url: str) -> str:
        """The footer of the page at `url`: the source of its own report."""
        return self.pipeline_at(url).site(language).footer

    def site(self, language: Language) -> render.Site:
        """Every page of every year in `language`, with the landing page, the menu and the downloads."""
        self.inputs()  # (re)loads a changed file: its pipeline's stamp is then the file's
        key = (language.code, tuple(p.version() for p in self.pipelines))
        if self._cache.get(language.code, (None,))[0] != key:
            self._cache[language.code] = (key, self._compose(language))
        return self._cache[language.code][1]

    @staticmethod
    def _meta_text(p: Pipeline, language: Language, key: str) -> str:
        """A text of a report's meta (title, short_title) in `language` (the Chinese while its English is pending)."""
        text = getattr(p.report_for(language).meta, key)
        chosen = getattr(text, language.text_field) or text.zh
        return p.converter(language).text(chosen) if language.produced == "converted" else chosen

    def _compose(self, language: Language) -> render.Site:
        ordered = self.by_year()
        labels = self.labels(language)
        sites = [(p, p.folder(), p.site(language)) for p in ordered]
        folders = [(folder, {page.path for page in site.pages}) for _, folder, site in reversed(sites)]
        pages, downloads = [], {}
        for p, folder, site in sites:
            for page in site.pages:
                if page.path == LANDING:
                    if p is ordered[0]:
                        pages.append(self._landing(page, language, ordered))
                    continue
                markdown = page.markdown
                if len(sites) > 1:
                    markdown = _after_front_matter(markdown, year_switch(page.path, folder, folders,
                                                                         labels.years_switch, labels.colon))
                pages.append(render.Page(page.path, page.title, markdown))
            downloads.update({folder + path: content for path, content in site.downloads.items()})
            downloads[folder + "downloads/report.yaml"] = (p.root / p.report_file).read_bytes()
        first = self.first.site(language)  # the addresses published before the years: its downloads as they were
        downloads.update({path: content for path, content in first.downloads.items()})
        downloads["downloads/report.yaml"] = (self.first.root / self.first.report_file).read_bytes()
        latest = sites[0][2]
        nav = list(latest.nav)
        for p, folder, site in sites[1:]:
            nav.append(render.NavEntry(labels.year_section.format(year=folder.rstrip("/")), None, tuple(site.nav)))
        return render.Site(pages, nav, downloads, latest.footer)

    def _landing(self, page: render.Page, language: Language, ordered: list[Pipeline]) -> render.Page:
        """The site's landing page: the latest report's home page (left out of search: the same text is the
        year's own home page), and, with several years, the list of every year's report."""
        markdown = _not_searched(page.markdown)
        if len(ordered) > 1:  # the switcher on top (the latest in bold), the list of the reports at the end
            labels = self.labels(language)
            folders = [(p.folder(), {p.folder() + LANDING}) for p in reversed(ordered)]
            markdown = _after_front_matter(markdown, year_switch(LANDING, ordered[0].folder(), folders,
                                                                 labels.years_switch, labels.colon))
            titles = [render.md_escape(self._meta_text(p, language, "short_title")) for p in ordered]
            items = "\n".join(f"- [{title}]({p.folder()}{LANDING})" for title, p in zip(titles, ordered))
            heading = f"## {render.md_escape(labels.years_title)} {{ #years }}"
            markdown = markdown.rstrip("\n") + f"\n\n{heading}\n\n{items}\n"
        return render.Page(page.path, page.title, markdown)

    def moved(self, language: Language) -> dict[str, str]:
        """Old page path -> new page path: the first report's pages, published at the root before the years."""
        folder = self.first.folder()
        return {page.path[len(folder):]: page.path for page in self.first.site(language).pages
                if page.path.startswith(folder) and page.path[len(folder):] != LANDING}

    def feed(self, language: Language, site_url: str) -> str:
        """The Atom feed of `language`: the entries of every year's report, newest first."""
        from . import feed

        def text_of(p: Pipeline) -> Callable[[str], str]:
            return p.converter(language).text if language.produced == "converted" else (lambda s: s)

        def shown(p: Pipeline):
            report = p.report_for(language)
            return pending.shown_in_english(report) if language.text_field == "en" else report

        ordered = self.by_year()
        latest = ordered[0]
        editions = [feed.Edition(shown(p), p.folder(), text_of(p), "" if p is self.first else p.folder())
                    for p in ordered]  # the first report's entries keep the ids published before the years
        return feed.atom(shown(latest), language.text_field, self.labels(language), site_url, language.hreflang,
                         text_of(latest), latest.today, editions)


_SHELVES: dict[tuple[str, str, str], Shelf] = {}


def shelf(root: Path, repository: str = "", report_file: Path = REPORT) -> Shelf:
    """One shelf per project for the whole process (MkDocs reloads hook modules per build)."""
    key = (str(root), repository, str(report_file))
    if key not in _SHELVES:
        _SHELVES[key] = Shelf(root, repository, report_file)
    return _SHELVES[key]
