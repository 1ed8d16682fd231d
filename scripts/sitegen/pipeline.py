"""The stages in sequence: data files -> pages of every language.

`Pipeline(root).site(language)` loads and validates `data/report.yaml`,
renders the pages of the language's source field and, for a converted
language, passes them through OpenCC. Results are kept while the input files
are unchanged, so the three per-language builds of one run load the data once.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import convert, load, render, schema
from .errors import DataError
from .labels import LABELS_FILE, Labels, labels_for, read_labels
from .languages import TRADITIONAL_CONFIG, Language

REPORT = Path("data/report.yaml")
OVERRIDES = Path("data/zh-hant-overrides.yaml")
TEMPLATES = render.TEMPLATES


@dataclass
class Pipeline:
    root: Path
    repository: str = ""
    report_file: Path = REPORT  # relative to root, or absolute
    overrides_file: Path = OVERRIDES  # likewise
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
            report = self._timed("load", load.load_report, self.root / self.report_file)
            overrides = self._timed("load", load.load_overrides, self.root / self.overrides_file)
            labels = read_labels(LABELS_FILE.read_bytes(), str(LABELS_FILE.relative_to(self.root))
                                 if LABELS_FILE.is_relative_to(self.root) else str(LABELS_FILE))
            self._cache = {"stamp": stamp, "inputs": (report, overrides, labels)}  # only after success
        return self._cache["inputs"]

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

    def converter(self, config: str) -> convert.Converter:
        _, overrides, _ = self.inputs()
        key = ("converter", config)
        if key not in self._cache:
            self._cache[key] = convert.Converter(config, overrides.overrides)
        return self._cache[key]

    def labels(self, language: Language) -> Labels:
        """Interface words in `language` (converted for a converted language)."""
        _, _, table = self.inputs()
        key = ("labels", language.code)
        if key not in self._cache:
            labels = labels_for(table, language.text_field)
            if language.produced == "converted":
                cc = self.converter(language.opencc_config)
                labels = Labels({k: cc.text(v) for k, v in labels.texts.items()}, language.code)
            self._cache[key] = labels
        return self._cache[key]

    def site(self, language: Language) -> render.Site:
        """All pages of `language`, rendered (and converted) from the data."""
        report, overrides, labels = self.inputs()
        key = ("site", language.code)
        if key in self._cache:
            return self._cache[key]
        info = render.SiteInfo(self.repository, TRADITIONAL_CONFIG, len(overrides.overrides))
        source_key = ("source", language.text_field)
        if source_key not in self._cache:
            self._cache[source_key] = self._timed(
                "render", render.render_site, report, language.text_field,
                labels_for(labels, language.text_field), info)
        site = self._cache[source_key]
        if language.produced == "converted":
            site = self._timed("convert", self.convert_site, site, self.converter(language.opencc_config))
        self._cache[key] = site
        return site

    def social_card(self, language: Language) -> str:
        """The HTML of `language`'s sharing image (scripts/social.py draws it)."""
        report, _, table = self.inputs()
        html = render.social_card(report, language.text_field, labels_for(table, language.text_field),
                                  language.hreflang)
        if language.produced == "converted":
            html = self.converter(language.opencc_config).convert(html)
        return html

    @staticmethod
    def convert_site(site: render.Site, cc: convert.Converter) -> render.Site:
        def nav(entry: render.NavEntry) -> render.NavEntry:
            return replace(entry, title=cc.text(entry.title), children=tuple(nav(c) for c in entry.children))

        pages = [render.Page(p.path, cc.text(p.title), cc.convert(p.markdown)) for p in site.pages]
        return render.Site(pages, [nav(n) for n in site.nav], site.downloads, cc.convert(site.footer))


_SHARED: dict[tuple[str, str, str], Pipeline] = {}


def shared(root: Path, repository: str = "", report_file: Path = REPORT) -> Pipeline:
    """One pipeline per project for the whole process (MkDocs reloads hook modules per build)."""
    key = (str(root), repository, str(report_file))
    if key not in _SHARED:
        _SHARED[key] = Pipeline(root, repository, report_file)
    return _SHARED[key]
