"""A way to report an error that needs no account (issue 21, part 6; ux-review task 3, problem 3).

The invented report is built three times, as a maintainer could publish it: with no channel at all
(no meta.contact, no REPO_URL), with the repository only (what the publishing workflow gives today),
and with an e-mail contact and the repository. The built pages must offer exactly the channels that
exist, in every language, and promise none that does not; `make check` warns when there is none.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from badinput import FIXTURE, OVERRIDES_FIXTURE, TODAY, TODAY_ENV
from conftest import FIXTURE_YEAR, is_redirect
from sitegen.languages import LANGUAGES

pytestmark = pytest.mark.slow  # three more builds (left out of make quick)
ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/example-owner/report-site"
MAIL = "errors@example.org"
FORM = "https://forms.example.org/report-site-errors"
SOURCE_LINE = "  source_url: https://example.org/reports/2030.html\n"
SITE_URL = "https://example.org/report-site/"


def with_contact(contact: str) -> str:
    text = FIXTURE.read_text(encoding="utf-8")
    assert SOURCE_LINE in text
    return text.replace(SOURCE_LINE, f"{SOURCE_LINE}  contact: {contact}\n", 1)


def build(tmp: Path, report_text: str, repo: str) -> Path:
    data = tmp / "data"
    data.mkdir()
    (data / "report.yaml").write_text(report_text, encoding="utf-8")
    (data / "zh-hant-overrides.yaml").write_bytes(OVERRIDES_FIXTURE.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "REPO_URL"} | TODAY_ENV | ({"REPO_URL": repo} if repo else {})
    out = tmp / "site"
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--data", str(data / "report.yaml"),
                        "--out", str(out), "--site-url", SITE_URL], capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """name -> built site: none, repo (the repository only), both (e-mail contact and repository)."""
    fixture = FIXTURE.read_text(encoding="utf-8")
    return {"none": build(tmp_path_factory.mktemp("none"), fixture, ""),
            "repo": build(tmp_path_factory.mktemp("repo"), fixture, REPO),
            "both": build(tmp_path_factory.mktemp("both"), with_contact(MAIL), REPO)}


def pages(site: Path, lang) -> list[Path]:
    root = site / lang.prefix if lang.prefix else site
    others = [site / l.prefix for l in LANGUAGES if l.prefix and l.prefix != lang.prefix]
    found = [p for p in root.rglob("*.html") if not any(o in p.parents for o in others)
             and not is_redirect(p)]  # the old addresses' redirect pages: tests/test_years.py
    assert len(found) > 10
    return found


def footer(page: Path) -> str:
    return re.search(r'<div class="md-copyright site-footer">(.*?)</div>', page.read_text(encoding="utf-8"),
                     re.S).group(1)


def report_links(page: Path) -> list[tuple[str, str]]:
    """(href, text) of each link of the footer's error block."""
    block = re.search(r'<p class="footer-report">(.*?)</p>', footer(page), re.S)
    if not block:
        return []
    return [(href.replace("&amp;", "&"), text) for href, text in
            re.findall(r'<a class="footer-report__link" href="([^"]+)"[^>]*>([^<]+)</a>', block.group(1))]


def menu_links(page: Path) -> list[str]:
    """The hrefs of the links of the menu (the drawer on a phone)."""
    html = page.read_text(encoding="utf-8")
    start = html.index('class="md-nav md-nav--primary"')
    menu = html[start:html.index('class="md-sidebar md-sidebar--secondary"', start)] \
        if 'class="md-sidebar md-sidebar--secondary"' in html[start:] else html[start:]
    return re.findall(r'<a href="([^"]+)" class="md-nav__link', menu)


def about_text(site: Path, lang) -> str:
    root = site / lang.prefix if lang.prefix else site
    html = (root / FIXTURE_YEAR / "about" / "index.html").read_text(encoding="utf-8")
    return re.search(r'<article class="md-content__inner[^>]*>(.*?)</article>', html, re.S).group(1)


def page_address(site: Path, page: Path) -> str:
    return SITE_URL + page.relative_to(site).as_posix().removesuffix("index.html")


PROMISES = ("维护者", "維護者", "maintainers", "报告错误", "回報錯誤", "report an error", "Report an error",
            "发现错误", "發現錯誤", "Found an error")


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_no_channel_no_promise(sites, lang):
    """Nothing to report through: no footer link, and the About page promises no contact."""
    site = sites["none"]
    for page in pages(site, lang):
        assert report_links(page) == [], page
        assert "footer-report" not in footer(page), page
        assert not any(href.startswith(("mailto:", REPO)) for href in menu_links(page)), page
    about = about_text(site, lang)
    for word in PROMISES:
        assert word not in about, (lang.code, word)


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_repository_only_offers_its_form_on_every_page(sites, lang):
    site = sites["repo"]
    for page in pages(site, lang):
        links = report_links(page)
        assert len(links) == 1, (page, links)
        href, text = links[0]
        assert href.startswith(f"{REPO}/issues/new?template=report-error.yml"), href
        assert "GitHub" in text
        if page.name != "404.html":
            assert parse_qs(urlparse(href).query)["page"] == [page_address(site, page)]
        assert not any(h.startswith(("mailto:", REPO)) for h in menu_links(page)), page  # the footer only
    about = about_text(site, lang)
    assert f'href="{REPO}/issues"' in about
    assert "mailto:" not in about


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_contact_beside_the_repository_form_on_every_page(sites, lang):
    """The e-mail first (no account needed; the page's address in the mail), the GitHub form beside it."""
    site = sites["both"]
    no_account = {"zh": "无需账号", "zh-Hant": "免帳號", "en": "no account needed"}[lang.code]
    for page in pages(site, lang):
        links = report_links(page)
        assert len(links) == 2, (page, links)
        (mail, mail_text), (github, github_text) = links
        assert mail.startswith(f"mailto:{MAIL}?subject="), mail
        assert no_account in mail_text, mail_text
        assert github.startswith(f"{REPO}/issues/new?template=report-error.yml") and "GitHub" in github_text
        if page.name != "404.html":
            query = parse_qs(urlparse(mail).query)
            assert query["body"] == [page_address(site, page)], mail
            assert unquote(query["subject"][0])
        if page.name != "404.html":  # the menu's last entry: the e-mail, for a reader far from the footer
            assert menu_links(page)[-1] == f"mailto:{MAIL}?subject=" + mail.split("?subject=")[1].split("&")[0]
    about = about_text(site, lang)
    assert f'href="mailto:{MAIL}"' in about and f">{MAIL}</a>" in about
    assert f'href="{REPO}/issues"' in about


def test_a_form_contact_is_linked_as_it_is():
    """A form's https:// address: the footer links to it unchanged (no mail fields), the About page too."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import hooks
    from sitegen.labels import LABELS_FILE, labels_for, read_labels
    from sitegen.pipeline import Pipeline

    table = read_labels(LABELS_FILE.read_bytes(), "labels.yaml")
    link = hooks.contact_link(FORM, labels_for(table, "zh-Hant"), "示例縣")
    assert link == {"url": FORM, "label": table["report_error_form"]["zh-Hant"], "mail": False}
    assert hooks.contact_link(None, labels_for(table, "en"), "x") is None

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.yaml"
        report.write_text(with_contact(FORM), encoding="utf-8")
        pipeline = Pipeline(ROOT, "", report, OVERRIDES_FIXTURE, today=TODAY)
        for lang in LANGUAGES:
            about = next(p for p in pipeline.site(lang).pages if p.path == "about.md").markdown
            assert f"]({FORM})" in about, about[-600:]
            assert "GitHub" not in about


def test_check_warns_when_readers_have_no_way_to_report(tmp_path):
    """`make check`: a warning line and exit 0 without any channel; silent with either."""
    check = [sys.executable, str(ROOT / "scripts" / "check.py"), "data/report.yaml", "--overrides",
             str(OVERRIDES_FIXTURE)]
    (tmp_path / "data").mkdir()
    report = tmp_path / "data" / "report.yaml"
    env = {k: v for k, v in os.environ.items() if k != "REPO_URL"} | TODAY_ENV
    for text, extra, warned in ((FIXTURE.read_text(encoding="utf-8"), {}, True),
                                (FIXTURE.read_text(encoding="utf-8"), {"REPO_URL": REPO}, False),
                                (with_contact(MAIL), {}, False)):
        report.write_text(text, encoding="utf-8")
        r = subprocess.run(check, capture_output=True, text=True, cwd=tmp_path, env=env | extra)
        assert r.returncode == 0, r.stderr
        warnings = [line for line in r.stderr.splitlines() if line.startswith("warning: ")]
        assert len(warnings) == (1 if warned else 0), r.stderr
        if warned:
            assert "meta.contact" in warnings[0] and "REPO_URL" in warnings[0]
