"""MkDocs hooks: the publish stage. One build per language, one configuration.

The language of a build is `SITE_LANG` (zh, zh-Hant or en; default zh). The
hooks give MkDocs the generated pages of that language in memory (nothing is
written into docs/), set the theme language, the language's site URL
(SITE_URL + prefix), its navigation and search dictionary, absolute hreflang
alternates per page, edit links to the YAML (a part or section page's at the line of its
summary: GitHub's file view, which can open at a line and has its own edit
button; the edit view cannot), the open-data downloads, its
sharing image, its Atom feed of status changes (`feed.xml`, linked from every
page's <head>), the texts of the trilingual 404 page and of the dark-mode
toggle, and Material's own strings: those the labels table gives (`theme.*`,
in each language's column), the others through the language's conversion.
One storage scope for every language (the light/dark choice holds across
them); the search index is tidied after Material wrote it, and the Traditional
one takes the word cuts of the Simplified one built before it; Material's search
worker gets fixes to how it cuts and ranks a Chinese query, and folds the variant
characters a reader may type (台 for the site's 臺) (sitegen/search.py).
Every finished page (and the 404 page) gets its Content-Security-Policy last,
with the hashes of its inline scripts (sitegen/csp.py); not under `make
serve`, whose live reload injects a script of its own after the hooks.
The footer (the report's source) comes from the pipeline; its ways to report an error (the
repository's form, meta.contact) from here.
A page whose front matter hides its table of contents (the glossary) gets
none at all, not only a hidden one.
Data errors stop the build with the one-line-per-problem message; under
`make serve` (SITEGEN_SERVE=1) the last good pages stay, the problems on top.
"""
from __future__ import annotations

import logging
import os
import posixpath
import re
import sys
from pathlib import Path
from urllib.parse import quote, urlparse

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen import csp, languages, years  # noqa: E402
from sitegen.feed import FEED  # noqa: E402
from sitegen.errors import DataError  # noqa: E402
from sitegen.pipeline import REPORT  # noqa: E402
from sitegen.search import (SEARCH_VARIANTS, carry_segmentation, fix_worker, tidy_index,  # noqa: E402
                            user_dictionary, with_variants, year_titles)

ROOT = Path(__file__).resolve().parent.parent
logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary-loading chatter
log = logging.getLogger("mkdocs.hooks.search")
PIPELINE = years.shelf(ROOT, os.environ.get("REPO_URL", "").rstrip("/"), Path(os.environ.get("REPORT_FILE", REPORT)))
SOCIAL = "assets/social/"  # one sharing image per language, drawn by scripts/social.py
ERROR_FORM = "report-error.yml"  # .github/ISSUE_TEMPLATE/: the form the footer's "report an error" opens
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’「」『』（）《》·]+"


def current_language() -> languages.Language:
    try:
        return languages.by_code(os.environ.get("SITE_LANG", languages.DEFAULT.code))
    except KeyError as e:
        raise Abort(str(e)) from None


def contact_link(contact: str | None, labels, site_name: str) -> dict | None:
    """The footer's link to the contact that needs no account (meta.contact): a form's address as it is,
    an e-mail address as mailto: with a subject naming the site (the page's address is added per page)."""
    if not contact:
        return None
    if contact.startswith("https://"):
        return {"url": contact, "label": labels.report_error_form, "mail": False}
    subject = quote(f"{labels.report_error}{labels.colon}{site_name}", safe="")
    return {"url": f"mailto:{contact}?subject={subject}", "label": labels.report_error_mail, "mail": True}


def _write_if_changed(path: Path, text: str) -> None:
    """Write through a temporary file and a rename: a build running at the same time
    reads the old text or the new one, never a half-written file."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)


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
    # Material keeps the reader's choices (light/dark) per storage scope, by default each
    # language root: one scope, the site root, lets the choice hold across languages.
    config.extra["scope"] = urlparse(root_url).path
    config.site_url = root_url + lang.prefix
    config.theme["language"] = lang.code
    text = lambda t: getattr(t, lang.text_field) or t.zh  # noqa: E731  (English pending: the Chinese)
    convert = PIPELINE.converter(lang).text if lang.produced == "converted" else (lambda s: s)
    config.site_name = convert(text(report.meta.title))
    config.site_description = convert(text(report.meta.description))
    config.nav = [entry.to_mkdocs() for entry in site.nav]
    config.extra["alternate"] = [{"name": l.name, "link": root_url + l.prefix, "lang": l.hreflang}
                                 for l in languages.LANGUAGES]
    config.extra["og_locale"] = lang.og_locale
    config.extra["og_image"] = f"{config.site_url}{SOCIAL}{lang.code}.png"
    config.extra["feed"] = {"url": config.site_url + FEED,
                            "title": PIPELINE.labels(lang).feed_title.format(title=config.site_name)}
    labels = {l.code: PIPELINE.labels(l) for l in languages.LANGUAGES}
    _theme_words(config, lang, labels, convert)
    _not_found(config, lang, labels, root_url)
    _footer(config, lang, labels, site, report)
    _search(config, lang)
    return config


def _theme_words(config, lang: languages.Language, labels: dict, convert) -> None:
    """Material's interface strings (overrides/partials/language.html): the labels table's `theme.*`
    entries in this language; any other passes through the language's conversion (Material's
    zh-Hant strings have Simplified slips, 頁脚)."""
    theme = labels[lang.code].theme()
    config.extra["theme_text"] = lambda key, text: theme[key] if key in theme else convert(text)
    for entry in config.theme["palette"]:  # the dark-mode toggle, named in the page's language
        entry["toggle"]["name"] = labels[lang.code].light_mode if entry["scheme"] == "slate" else labels[lang.code].dark_mode


def _not_found(config, lang: languages.Language, labels: dict, root_url: str) -> None:
    """GitHub Pages answers every missing path with the root's 404.html, whatever the language: it
    says so in each language (this one first), with each home page; its script
    (docs/assets/not-found.js) opens the 404 page of the language of the path asked for."""
    config.extra["not_found"] = [
        {"lang": l.hreflang, "title": labels[l.code].not_found_title, "text": labels[l.code].not_found_text,
         "home": root_url + l.prefix, "name": l.name} for l in sorted(languages.LANGUAGES, key=lambda l: l != lang)]
    config.extra["not_found_script"] = {"root": urlparse(root_url).path, "here": lang.prefix,
                                        "prefixes": " ".join(l.prefix for l in languages.LANGUAGES if l.prefix)}


def _footer(config, lang: languages.Language, labels: dict, site, report) -> None:
    """The footer of every page: the report's source, the contact that needs no account (meta.contact)
    and the repository's error form, each when there is one; the contact also ends the menu."""
    config.extra["footer"] = site.footer
    config.extra["report_error"] = {"url": f"{PIPELINE.repository}/issues/new?template={ERROR_FORM}",
                                    "label": labels[lang.code].report_error_github} if PIPELINE.repository else None
    config.extra["report_contact"] = contact_link(report.meta.contact, labels[lang.code], config.site_name)
    if config.extra["report_contact"]:  # for a reader far down a long page, the last entry of the menu
        config.nav.append({config.extra["report_contact"]["label"]: config.extra["report_contact"]["url"]})


def _search(config, lang: languages.Language) -> None:
    """Chinese search: the separator that splits at jieba's cuts, and the language's user dictionary."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not lang.is_chinese:
        return
    search.config.separator = SEARCH_SEPARATOR
    reports = [p.inputs()[0] for p in PIPELINE.pipelines]  # every year's terms and names
    if lang.produced == "converted":
        source = PIPELINE.site(languages.by_code("zh"))
        dictionary = user_dictionary(reports, "\n".join(p.markdown for p in source.pages),
                                     PIPELINE.converter(lang).text)
    else:
        dictionary = user_dictionary(reports, "")
    path = ROOT / "build" / "jieba" / f"{lang.code}.txt"
    _write_if_changed(path, dictionary)
    search.config.jieba_dict_user = str(path)


def _source_index(config, lang: languages.Language) -> Path | None:
    """The search index of the language a converted one is made from, built beside it (scripts/build.py
    builds zh before zh-Hant into one site), or None (a preview of one language)."""
    root = Path(config.site_dir)
    for part in reversed(Path(lang.prefix).parts):
        if root.name != part:
            return None
        root = root.parent
    path = root / languages.DEFAULT.prefix / "search" / "search_index.json"
    return path if path.exists() else None


@event_priority(-50)  # after the search plugin has written its index
def on_post_build(config) -> None:
    lang = current_language()
    search = config.plugins.get("material/search") or config.plugins.get("search")
    path = Path(config.site_dir) / "search" / "search_index.json"
    if search is None or not path.exists():
        return
    for worker in (Path(config.site_dir) / "assets" / "javascripts" / "workers").glob("search.*.min.js"):
        try:
            _write_if_changed(worker, fix_worker(worker.read_text(encoding="utf-8")))
        except ValueError as e:  # a Material upgrade: the fixes need a look, not a silently worse search
            raise Abort(f"\n{e}\n") from None
    index = path.read_text(encoding="utf-8")
    source = _source_index(config, lang) if lang.produced == "converted" else None
    if source is not None:  # the Simplified index's word cuts, so that its words are found here too
        try:
            index = carry_segmentation(source.read_text(encoding="utf-8"), index, PIPELINE.converter(lang).text)
        except ValueError as e:  # an index left from another build: keep jieba's own cuts
            log.info(f"search: {source}: {e}; the {lang.code} index keeps its own word cuts")
    elif lang.produced == "converted":
        log.info(f"search: no Simplified index beside this build; the {lang.code} index keeps its own word cuts")
    if lang.code in SEARCH_VARIANTS:
        index = with_variants(index, SEARCH_VARIANTS[lang.code])
    if len(PIPELINE.years()) > 1:  # a result says which year's report it is from
        index = year_titles(index, PIPELINE.labels(lang).year_in_results)
    _write_if_changed(path, tidy_index(index, search.config.separator))


def on_files(files: Files, config) -> Files:
    lang = current_language()
    site = PIPELINE.site(lang)
    for file in list(files):  # each language ships only its own sharing image
        if file.src_uri.startswith(SOCIAL) and file.src_uri != f"{SOCIAL}{lang.code}.png":
            files.remove(file)
    for page in site.pages:  # the landing page is not in the menu: its home is the latest year's own home page
        files.append(File.generated(config, page.path, content=page.markdown,
                                    inclusion=InclusionLevel.NOT_IN_NAV if page.path == years.LANDING else
                                    InclusionLevel.UNDEFINED))
    for path, content in site.downloads.items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, FEED, content=PIPELINE.feed(lang, config.site_url)))
    labels = PIPELINE.labels(lang)
    for old, new in PIPELINE.moved(lang).items():  # the addresses published before the years
        here, there = _address(old), _address(new)
        target = posixpath.relpath(there, here.rstrip("/") or ".") + "/"
        page = years.redirect_page(target, config.site_url + there, lang.code, labels.moved_title,
                                   labels.moved_text)
        files.append(File.generated(config, here + "index.html", content=page))
    return files


def _address(page_path: str) -> str:
    """A page's address under its language's root, as MkDocs gives it (use_directory_urls): "review/economy/"."""
    folder, name = posixpath.split(page_path)
    stem = name.removesuffix(".md")
    return posixpath.join(folder, "" if stem == "index" else stem, "")


def on_page_content(html: str, page, config, files) -> str:
    """`hide: [toc]` in Material only hides the table of contents; the entries (one per glossary term, in the
    sidebar and again in the phone's drawer) stay in the page, to be laid out and scroll-spied. Drop them.
    Search does not need them: it links a section by its heading's id when the contents lack it."""
    if "toc" in (page.meta.get("hide") or []):
        page.toc = TableOfContents([])
    return html


def on_page_context(context, page, config, nav):
    """Per-page language alternates (absolute URLs) and the edit link to the real source."""
    root_url = config.extra["site_root"]
    url = page.url
    config.extra["footer"] = PIPELINE.footer(current_language(), url)  # the source of the page's own report,
    config.site_name = PIPELINE.site_name(current_language(), url)  # and its title in the header
    config.extra["alternate"] = [{"name": l.name, "link": root_url + l.prefix + url, "lang": l.hreflang}
                                 for l in languages.LANGUAGES]
    if PIPELINE.repository:  # the real source: a part or section page's summary at its line, else the file
        line = page.meta.get("source_line")
        source = (REPORT.parent / PIPELINE.source_file(url)).as_posix()  # the page's own report's file
        page.edit_url = (f"{PIPELINE.repository}/blob/main/{source}#L{line}" if line
                         else f"{PIPELINE.repository}/edit/main/{source}")
    return context


def _with_policy(output: str) -> str:
    """The page's Content-Security-Policy, hashed from its final text (so this runs last)."""
    return output if os.environ.get("SITEGEN_SERVE") == "1" else csp.secure(output)


LOGO = re.compile(r'(<img src="[^"]*") alt="logo">')
FOOTER_LINK = re.compile(r'(class="md-footer__link md-footer__link--(?:prev|next)" aria-label="[^":]*): ')


@event_priority(-100)  # after every other change to the page: the hashes are of its final scripts
def on_post_page(output: str, page, config) -> str:
    """Theme fixes that overrides cannot reach, then the policy: the search dialog's accessible name; the
    previous/next links' names with a full-width colon on Chinese pages (Material's template writes
    "上一頁: 概覽"); the logo's alt text empty, not the English "logo" (its link is named by the site)."""
    found = re.search(r'class="md-search__input" name="query" aria-label="([^"]*)"', output)
    if found:
        label = found.group(1)
        output = output.replace('data-md-component="search" role="dialog"',
                                f'data-md-component="search" role="dialog" aria-label="{label}"', 1)
    if current_language().is_chinese:
        output = FOOTER_LINK.sub(r"\1：", output)
    output = LOGO.sub(r'\1 alt="">', output)
    return _with_policy(output)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's static pages (404.html) get the logo's empty alt and their policy too; sitemap.xml is left alone."""
    return _with_policy(LOGO.sub(r'\1 alt="">', output)) if template_name.endswith(".html") else output
