"""The stages in sequence: data files -> pages of every language.

`Pipeline(root).site(language)` loads and validates `data/report.yaml` (with
the override table, the labels and the language declarations), renders the
pages of the language's source field with the labels of the language's own
column and, for a converted language, passes them through OpenCC: the
report's words are converted, the labels (marked final) are not, and the
site's own sentences in the data take Taiwan wording first (`report_for`,
voice.py);
`feed(language, site_url)` gives the language's Atom feed of status changes.
Results are kept while the input files are unchanged, so the three
per-language builds of one run load the data once.
"""
from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from . import convert, feed, languages, load, pending, render, schema, voice
from .errors import DataError
from .labels import LABELS_FILE, Labels, labels_for, read_labels
from .languages import LANGUAGES, TRADITIONAL_CONFIG, Language, quote_marks

REPORT = Path("data/report.yaml")
OVERRIDES = Path("data/zh-hant-overrides.yaml")
TEMPLATES = render.TEMPLATES


def overrides_for(root: Path, report_file: Path) -> Path:
    """A report's override table: the zh-hant-overrides.yaml beside it, else the project's.

    The table is checked against the report it converts (every entry must change something
    in it), so another report (the tests' invented one) brings its own table.
    """
    beside = (root / report_file).parent / OVERRIDES.name
    return beside if beside.is_file() else root / OVERRIDES


@dataclass
class Pipeline:
    root: Path
    repository: str = ""
    report_file: Path = REPORT  # relative to root, or absolute
    overrides_file: Path = OVERRIDES  # likewise
    in_year_folder: bool = False  # the pages go in a folder named for the report's year ("2024/"), with the
                                  # site's landing page (years.py); False: at the site's root (one report alone)
    today: Optional[datetime.date] = None  # the build's date (no tracking date after it; reviews past due are
                                          # overdue); None: tracking.today()
    timings: dict[str, float] = field(default_factory=dict)
    _cache: dict = field(default_factory=dict)

    def _stamp(self) -> tuple:
        paths = [self.root / self.report_file, self.root / self.overrides_file, *sorted(TEMPLATES.iterdir())]
        return tuple((str(p), p.stat().st_mtime_ns) for p in paths if p.exists())

    def _timed(self, name: str, fn, *args):
        start = time.perf_counter()
        result = fn(*args)
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
        return result

    def inputs(self) -> tuple[schema.Report, schema.Overrides, dict]:
        """Load and validate the data, overrides and labels (raises DataError)."""
        stamp = self._stamp()
        if self._cache.get("stamp") != stamp:
            report = self._timed("load", load.load_report, self.root / self.report_file, self.today)
            overrides = self._timed("load", load.load_overrides, self.root / self.overrides_file)
            labels = read_labels(LABELS_FILE.read_bytes(), str(LABELS_FILE.relative_to(self.root))
                                 if LABELS_FILE.is_relative_to(self.root) else str(LABELS_FILE))
            problems = languages.check() + self._timed("load", check_overrides, report, overrides,
                                                        self.root / self.report_file)
            if problems:
                raise DataError(problems)
            self._cache = {"stamp": stamp, "inputs": (report, overrides, labels)}  # only after success
        return self._cache["inputs"]

    def version(self) -> tuple:
        """What the loaded inputs were read from (each file and its mtime): changes when they are reloaded."""
        return self._cache.get("stamp", ())

    def hold_last_good(self, error: DataError) -> bool:
        """For the live preview: after a data error keep the last data that validated.

        Until the files change again, inputs() and site() give the last good
        results and held_problems() the problems. False if nothing ever validated.
        """
        if "inputs" not in self._cache:
            return False
        self._cache["stamp"] = self._stamp()
        self._cache["held_problems"] = [str(p) for p in error.problems]
        return True

    def held_problems(self) -> list[str]:
        return self._cache.get("held_problems", [])

    def folder(self) -> str:
        """The folder of the site the report's pages go in: "2024/" (the year of its delivery), or ""."""
        return f"{self.inputs()[0].meta.date.year}/" if self.in_year_folder else ""

    def converter(self, language: Language) -> convert.Converter:
        """The conversion of a converted language: its OpenCC config, the table, its quotation marks."""
        _, overrides, _ = self.inputs()
        key = ("converter", language.opencc_config, language.quotes)
        if key not in self._cache:
            self._cache[key] = convert.Converter(language.opencc_config, overrides.overrides, quote_marks(language))
        return self._cache[key]

    def report_for(self, language: Language) -> schema.Report:
        """The report as `language` renders it: for a converted language, its site-voice fields in
        Taiwan wording (voice.py); the report's own words are untouched."""
        report, _, _ = self.inputs()
        if language.produced != "converted":
            return report
        key = ("voice", id(report))
        if key not in self._cache:
            self._cache[key] = voice.taiwan(report)
        return self._cache[key]

    def labels(self, language: Language) -> Labels:
        """Interface words in `language`: its own column of the labels table, as written."""
        _, _, table = self.inputs()
        return labels_for(table, language.code)

    def _page_labels(self, language: Language) -> Labels:
        """The labels templates get: a converted language's are marked final for the converter."""
        _, _, table = self.inputs()
        return labels_for(table, language.code, convert.keep_literals if language.produced == "converted" else None)

    def site(self, language: Language) -> render.Site:
        """All pages of `language`, rendered (and converted) from the data."""
        _, overrides, labels = self.inputs()
        report = self.report_for(language)
        key = ("site", language.code)
        if key in self._cache:
            return self._cache[key]
        converted = language.produced == "converted"
        info = render.SiteInfo(self.repository, TRADITIONAL_CONFIG, len(overrides.overrides),
                               tuple(convert.examples(TRADITIONAL_CONFIG, overrides.overrides)),
                               converted, language.code if converted else "", self.today)
        pending_english = language.text_field == "en" and report.meta.english_pending
        site = self._timed("render", render.render_site, pending.shown_in_english(report) if pending_english
                           else report, language.text_field, self._page_labels(language), info, self.folder())
        if pending_english:  # the Chinese shown where the English is not written, and every page says so
            notice = self.labels(language).english_pending_notice
            site = render.Site([render.Page(p.path, p.title, pending.with_notice(p.markdown, notice))
                                for p in site.pages], site.nav, render.downloads(report), site.footer)
        if converted:
            cc = self.converter(language)
            site = self._timed("convert", self.convert_site, site, cc)
            site.downloads.update(render.downloads(self.inputs()[0]))  # the Simplified originals, as written
            site.downloads.update(render.downloads(report, cc.text, language.code))
        self._cache[key] = site
        return site

    def social_card(self, language: Language) -> str:
        """The HTML of `language`'s sharing image (scripts/social.py draws it)."""
        report = self.report_for(language)
        report = pending.shown_in_english(report) if language.text_field == "en" else report
        html = render.social_card(report, language.text_field, self._page_labels(language), language.hreflang)
        if language.produced == "converted":
            html = self.converter(language).convert(html)
        return html

    def feed(self, language: Language, site_url: str) -> str:
        """The Atom feed of `language`, its URLs under `site_url` (the language's root URL)."""
        report = self.report_for(language)
        report = pending.shown_in_english(report) if language.text_field == "en" else report
        text = self.converter(language).text if language.produced == "converted" else (lambda s: s)
        return feed.atom(report, language.text_field, self.labels(language), site_url, language.hreflang, text,
                         self.today)

    @staticmethod
    def convert_site(site: render.Site, cc: convert.Converter) -> render.Site:
        def nav(entry: render.NavEntry) -> render.NavEntry:
            return replace(entry, title=cc.text(entry.title), children=tuple(nav(c) for c in entry.children))

        pages = [render.Page(p.path, cc.text(p.title), cc.convert(p.markdown)) for p in site.pages]
        return render.Site(pages, [nav(n) for n in site.nav], dict(site.downloads), cc.convert(site.footer))


def check_overrides(report: schema.Report, overrides: schema.Overrides, report_path: Path) -> list:
    """Override entries that change nothing in the report's words (for every config the site uses)."""
    configs = tuple(dict.fromkeys(l.opencc_config for l in LANGUAGES if l.produced == "converted"))
    return convert.check_overrides(overrides.overrides, convert.source_text(report), load.display_path(report_path),
                                   configs or (TRADITIONAL_CONFIG,))


_SHARED: dict[tuple[str, str, str], Pipeline] = {}


def shared(root: Path, repository: str = "", report_file: Path = REPORT) -> Pipeline:
    """One pipeline per project for the whole process (MkDocs reloads hook modules per build)."""
    key = (str(root), repository, str(report_file))
    if key not in _SHARED:
        _SHARED[key] = Pipeline(root, repository, report_file, overrides_for(root, report_file))
    return _SHARED[key]
