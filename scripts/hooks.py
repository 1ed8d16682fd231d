"""MkDocs hooks: the publish stage. One build per language, one configuration.

The language of a build is `SITE_LANG` (zh, zh-Hant or en; default zh). The
hooks give MkDocs the generated pages of that language in memory (nothing is
written into docs/), set the theme language, the language's site URL
(SITE_URL + prefix), its navigation and search dictionary, absolute hreflang
alternates per page, edit links to the YAML, the open-data downloads, its
sharing image, the texts of the trilingual 404 page and of the dark-mode
toggle, the footer (the report's source, the error form), and Material's own
strings through the Traditional conversion.
Data errors stop the build with the one-line-per-problem message; under
`make serve` (SITEGEN_SERVE=1) the last good pages stay, the problems on top.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen import languages  # noqa: E402
from sitegen.errors import DataError  # noqa: E402
from sitegen.pipeline import REPORT, shared  # noqa: E402
from sitegen.search import user_dictionary  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary-loading chatter
PIPELINE = shared(ROOT, os.environ.get("REPO_URL", "").rstrip("/"), Path(os.environ.get("REPORT_FILE", REPORT)))
SOCIAL = "assets/social/"  # one sharing image per language, drawn by scripts/social.py
ERROR_FORM = "report-error.yml"  # .github/ISSUE_TEMPLATE/: the form the footer's "report an error" opens
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’（）《》·]+"


def current_language() -> languages.Language:
    try:
        return languages.by_code(os.environ.get("SITE_LANG", languages.DEFAULT.code))
    except KeyError as e:
        raise Abort(str(e)) from None


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@event_priority(100)  # before the search plugin reads its settings
def on_config(config):
    lang = current_language()
    try:
        site = PIPELINE.site(lang)
    except DataError as e:
        # `make serve` keeps showing the last good pages, with the problems on top;
        # a build stops here (exit 1) and the published site is left as it was.
        if os.environ.get("SITEGEN_SERVE") != "1" or not PIPELINE.hold_last_good(e):
            raise Abort(f"\n{e}\n") from None
        site = PIPELINE.site(lang)
    report, _, _ = PIPELINE.inputs()
    config.extra["data_errors"] = PIPELINE.held_problems()
    for problem in config.extra["data_errors"]:
        print(problem, file=sys.stderr)  # not a log warning: strict mode would abort the preview
    root_url = (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
    config.extra["site_root"] = root_url
    config.site_url = root_url + lang.prefix
    config.theme["language"] = lang.code
    text = lambda t: getattr(t, lang.text_field)  # noqa: E731
    convert = PIPELINE.converter(lang.opencc_config).text if lang.produced == "converted" else (lambda s: s)
    config.site_name = convert(text(report.meta.title))
    config.site_description = convert(text(report.meta.description))
    config.nav = [entry.to_mkdocs() for entry in site.nav]
    config.extra["alternate"] = [{"name": l.name, "link": root_url + l.prefix, "lang": l.hreflang}
                                 for l in languages.LANGUAGES]
    config.extra["og_locale"] = lang.og_locale
    config.extra["og_image"] = f"{config.site_url}{SOCIAL}{lang.code}.png"
    # Material's interface strings pass through the language's conversion too
    # (overrides/partials/language.html): its zh-Hant strings have Simplified slips (頁脚).
    config.extra["theme_text"] = convert
    labels = {l.code: PIPELINE.labels(l) for l in languages.LANGUAGES}
    for entry in config.theme["palette"]:  # the dark-mode toggle, named in the page's language
        entry["toggle"]["name"] = labels[lang.code].light_mode if entry["scheme"] == "slate" else labels[lang.code].dark_mode
    # GitHub Pages answers every missing path with the root's 404.html, whatever the
    # language: it says so in each language (this one first), with each home page.
    config.extra["not_found"] = [
        {"lang": l.hreflang, "title": labels[l.code].not_found_title, "text": labels[l.code].not_found_text,
         "home": root_url + l.prefix, "name": l.name} for l in sorted(languages.LANGUAGES, key=lambda l: l != lang)]
    # ... and its script (docs/assets/not-found.js) opens the 404 page of the language of the path asked for.
    config.extra["not_found_script"] = {"root": urlparse(root_url).path, "here": lang.prefix,
                                        "prefixes": " ".join(l.prefix for l in languages.LANGUAGES if l.prefix)}
    # The footer of every page: the report's source, and the repository's error form when there is one.
    config.extra["footer"] = site.footer
    config.extra["report_error"] = {"url": f"{PIPELINE.repository}/issues/new?template={ERROR_FORM}",
                                    "label": labels[lang.code].report_error} if PIPELINE.repository else None

    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and lang.is_chinese:
        search.config.separator = SEARCH_SEPARATOR
        if lang.produced == "converted":
            source = PIPELINE.site(languages.by_code("zh"))
            dictionary = user_dictionary(report, "\n".join(p.markdown for p in source.pages),
                                         PIPELINE.converter(lang.opencc_config).text)
        else:
            dictionary = user_dictionary(report, "")
        path = ROOT / "build" / "jieba" / f"{lang.code}.txt"
        _write_if_changed(path, dictionary)
        search.config.jieba_dict_user = str(path)
    return config


def on_files(files: Files, config) -> Files:
    lang = current_language()
    site = PIPELINE.site(lang)
    for file in list(files):  # each language ships only its own sharing image
        if file.src_uri.startswith(SOCIAL) and file.src_uri != f"{SOCIAL}{lang.code}.png":
            files.remove(file)
    for page in site.pages:
        files.append(File.generated(config, page.path, content=page.markdown))
    for path, content in site.downloads.items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, "downloads/report.yaml", content=(ROOT / PIPELINE.report_file).read_bytes()))
    return files


def on_page_context(context, page, config, nav):
    """Per-page language alternates (absolute URLs) and the edit link to the real source."""
    root_url = config.extra["site_root"]
    url = page.url
    config.extra["alternate"] = [{"name": l.name, "link": root_url + l.prefix + url, "lang": l.hreflang}
                                 for l in languages.LANGUAGES]
    if PIPELINE.repository:
        page.edit_url = f"{PIPELINE.repository}/edit/main/{REPORT.as_posix()}"  # the real source
    return context


def on_post_page(output: str, page, config) -> str:
    """Theme fixes that overrides cannot reach: the search dialog's accessible name."""
    found = re.search(r'class="md-search__input" name="query" aria-label="([^"]*)"', output)
    if not found:
        return output
    label = found.group(1)
    return output.replace('data-md-component="search" role="dialog"',
                          f'data-md-component="search" role="dialog" aria-label="{label}"', 1)
