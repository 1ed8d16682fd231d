"""Every year's report on one site (scripts/sitegen/years.py), tried with an invented second year.

Builds the real 2024 report (data/report.yaml) with the INVENTED 2025 report of
tests/fixtures/years/2025 beside it (both copied into a temporary data folder, the invented one as
data/2025/), serves it under a subpath as GitHub Pages would, and checks: every page of both years in
every language, the landing page, the year switcher, the redirects from the addresses published
before the years, each page naming its own report, per-year downloads, the feed, search across the
years; and the data errors of a year's folder (tests/badinput.py YEAR_CASES).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from badinput import FIXTURE, OVERRIDES_FIXTURE, TODAY_ENV, YEAR_CASES
from conftest import REPO_URL, ROOT, is_redirect, wait_until
from sitegen import csp
from sitegen.languages import LANGUAGES
from sitegen.years import Shelf

SECOND = ROOT / "tests" / "fixtures" / "years" / "2025"  # INVENTED: the Example County's 2025 report
BUILD = [sys.executable, str(ROOT / "scripts" / "build.py")]
CHECK = [sys.executable, str(ROOT / "scripts" / "check.py")]


def two_year_data(folder: Path) -> Path:
    """A data folder with the real 2024 report and the invented 2025 one beside it; its report.yaml."""
    data = folder / "data"
    data.mkdir(parents=True)
    for name in ("report.yaml", "source.txt", "zh-hant-overrides.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    shutil.copytree(SECOND, data / "2025")
    return data / "report.yaml"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """(site folder, its URL, the shelf of its reports): both years built and served under /report-site/."""
    from measure import SUBPATH, built_site

    report = two_year_data(tmp_path_factory.mktemp("years"))
    out = tmp_path_factory.mktemp("www2") / SUBPATH
    httpd, url = built_site(out, repo_url=REPO_URL, report_file=report)
    yield out, url, Shelf(ROOT, "", report)
    httpd.shutdown()


def address(page_path: str) -> str:
    """A page's address under its language's root (use_directory_urls): 2024/review/economy.md -> 2024/review/economy/."""
    folder, _, name = page_path.rpartition("/")
    stem = name.removesuffix(".md")
    parts = [part for part in (folder, "" if stem == "index" else stem) if part]
    return "/".join(parts) + "/" if parts else ""


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(text: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(text)
    return parser.tags


pytestmark = pytest.mark.slow  # a second build (left out of make quick)


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_every_page_of_both_years_is_built_in_every_language(two_years, lang):
    site, _, shelf = two_years
    pages = shelf.site(lang).pages
    assert {p.path.split("/")[0] for p in pages if "/" in p.path} == {"2024", "2025"}
    for page in pages:
        built = site / lang.prefix / address(page.path) / "index.html"
        assert built.is_file() and not is_redirect(built), built
    english = read(site / "en" / "2025" / "review" / "index.html")
    assert "A look back at last year." in english and "english-pending-notice" not in english  # its own English


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_the_landing_page_is_the_latest_report_and_lists_every_year(two_years, lang):
    site, _, shelf = two_years
    landing = read(site / lang.prefix / "index.html")
    latest_home = read(site / lang.prefix / "2025" / "index.html")
    h1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
    assert h1.search(landing).group(1) == h1.search(latest_home).group(1)  # the latest report's home page
    years = landing[landing.index('id="years"'):]
    links = re.findall(r'<a href="([^"]+)">', years[:years.index("</ul>")])
    assert links == ["2025/", "2024/"]  # every year, the latest first
    switch = landing[landing.index('class="year-switch"'):landing.index("</nav>", landing.index('class="year-switch"'))]
    assert "<strong>2025</strong>" in switch and re.findall(r'href="([^"]+)"', switch) == ["2024/"]  # and on top
    index = json.loads(read(site / lang.prefix / "search" / "search_index.json"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "" not in locations and "2025/" in locations and "2024/" in locations  # the landing is not searched twice


def test_the_menu_is_the_latest_year_then_each_earlier_year_in_a_section(two_years):
    site, _, _ = two_years
    for prefix, section in (("", "2024 年报告"), ("zh-Hant/", "2024 年報告"), ("en/", "2024 report")):
        page = read(site / prefix / "2025" / "glossary" / "index.html")
        menu = page[page.index('class="md-nav md-nav--primary"'):]
        assert menu.index('href="../"') < menu.index(section) < menu.index('href="../../2024/"'), prefix


def test_the_year_switcher_leads_to_the_same_page_in_the_other_year(two_years):
    site, _, _ = two_years
    for lang in LANGUAGES:
        root = site / lang.prefix
        for here, same, other in (("2024/review/economy/", True, "2025/review/economy/"),
                                  ("2024/review/ecology/", False, "2025/"),  # not in 2025: that year's home
                                  ("2025/glossary/", True, "2024/glossary/")):
            page = read(root / here / "index.html")
            switch = page[page.index('class="year-switch"'):page.index("</nav>", page.index('class="year-switch"'))]
            year = here[:4]
            assert f"<strong>{year}</strong>" in switch, (lang.code, here)
            (href,) = re.findall(r'href="([^"]+)"', switch)
            target = (root / here / href).resolve()
            assert target == (root / other).resolve() and (target / "index.html").is_file(), (lang.code, here, href)
            assert same == href.endswith(here[5:])


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_every_old_address_redirects_to_its_new_place(two_years, lang):
    site, url, shelf = two_years
    moved = shelf.moved(lang)
    assert len(moved) >= 25 and all(new.startswith("2024/") for new in moved.values())
    for old, new in moved.items():
        page = site / lang.prefix / address(old) / "index.html"
        text = read(page)
        assert is_redirect(page), page
        canonical = [a["href"] for tag, a in tags(text) if tag == "link" and a.get("rel") == "canonical"]
        assert canonical == [url + lang.prefix + address(new)], page
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text).group(1)
        assert (page.parent / target / "index.html").resolve() == (site / lang.prefix / address(new) / "index.html")
        assert f"location.replace({json.dumps(target)} + location.hash)" in text  # the #paragraph is kept
        assert csp.missing_hashes(text) == [] and csp.page_policy(text)  # its script allowed by its own policy
        assert f'<html lang="{lang.code}">' in text


def test_each_page_names_its_own_report(two_years):
    site, _, _ = two_years
    for year, title in (("2024", "西乌珠穆沁旗 2024 年政府工作报告"), ("2025", "示例县 2025 年政府工作报告（虚构，测试用）")):
        page = read(site / year / "review" / "index.html")
        header = re.search(r'class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', page)
        assert header.group(1) == title, year  # the header names the page's own report
        assert re.search(r"<title>[^<]*" + re.escape(title) + "</title>", page), year
    edit = [a["href"] for tag, a in tags(read(site / "2025" / "review" / "economy" / "index.html"))
            if tag == "a" and "md-content__button" in a.get("class", "")]
    assert edit and edit[0].startswith(f"{REPO_URL}/blob/main/data/2025/report.yaml#L"), edit
    edit = [a["href"] for tag, a in tags(read(site / "2024" / "review" / "economy" / "index.html"))
            if tag == "a" and "md-content__button" in a.get("class", "")]
    assert edit[0].startswith(f"{REPO_URL}/blob/main/data/report.yaml#L"), edit
    footer = read(site / "en" / "2025" / "index.html")
    assert "Example County Government Work Report 2025" in footer[footer.index('class="footer-source"'):][:600]


def test_downloads_are_per_year_and_the_old_ones_stay(two_years):
    site, _, _ = two_years
    for lang in LANGUAGES:
        root = site / lang.prefix
        assert (root / "2025" / "downloads" / "report.yaml").read_bytes() == (SECOND / "report.yaml").read_bytes()
        assert (root / "2024" / "downloads" / "report.yaml").read_bytes() == (ROOT / "data" / "report.yaml").read_bytes()
        for name in ("figures.csv", "figures.json", "parallel-text.csv", "parallel-text.json", "report.yaml"):
            assert (root / "downloads" / name).read_bytes() == (root / "2024" / "downloads" / name).read_bytes()
        assert b"12.5" in (root / "2025" / "downloads" / "figures.csv").read_bytes()  # the invented year's own figures


def test_the_feed_covers_every_year_and_keeps_the_ids_it_published(two_years):
    site, url, _ = two_years
    for lang in LANGUAGES:
        feed = read(site / lang.prefix / "feed.xml")
        links = re.findall(r'<link href="([^"]+)"', feed)
        assert any(l.startswith(url + lang.prefix + "2024/") for l in links), lang.code
        assert any(l.startswith(url + lang.prefix + "2025/") for l in links), lang.code
        ids = re.findall(r"<id>([^<]+)</id>", feed)
        here = url + lang.prefix
        # the 2024 report's entries keep the ids the site published before it had years; 2025's are new
        assert f"{here}commitments/#free-bus-overdue-2025-02-28" in ids, lang.code
        assert not any(i.startswith(here + "2024/") for i in ids), lang.code
        assert any(i.startswith(here + "2025/commitments/#") for i in ids), lang.code


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_search_covers_both_years_and_each_page_says_its_year(two_years, lang):
    site, _, _ = two_years
    index = json.loads(read(site / lang.prefix / "search" / "search_index.json"))
    pages = [d for d in index["docs"] if "#" not in d["location"]]
    for year in ("2024", "2025"):
        mine = [d for d in pages if d["location"].startswith(f"{year}/")]
        label = "{year} 年" if lang.is_chinese else "{year}"
        assert len(mine) > 3 and all(d["title"].startswith(label.format(year=year) + " · ") for d in mine), year


def test_each_report_keeps_its_text_beside_it(two_years):
    """The paragraphs of every year's report are its source.txt, character for character (as data/source.txt)."""
    _, _, shelf = two_years
    for pipeline in shelf.pipelines:
        report = pipeline.inputs()[0]
        source = read((pipeline.root / pipeline.report_file).parent / "source.txt")
        source = re.sub(r"^\s*-\d+-\s*$", "", source, flags=re.M)
        assert re.sub(r"\s+", "", "".join(p.text for p in report.paragraphs)) == re.sub(r"\s+", "", source)


@pytest.mark.browser
def test_an_old_link_to_a_paragraph_lands_on_it_and_search_finds_both_years(two_years, browser):
    _, url, _ = two_years
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(url + "en/full-text/#p012")
    page.wait_for_url(url + "en/2024/full-text/#p012")
    wait_until(page, "document.getElementById('p012') !== null")
    page.goto(url + "2024/review/economy/")
    page.click(".year-switch a")
    page.wait_for_url(url + "2025/review/economy/")
    page.goto(url + "?q=" + "图书馆")  # in the invented 2025 report only
    page.wait_for_selector(".md-search-result__item")
    first = page.inner_text(".md-search-result__list").replace("\u200b", "")
    assert "2025 年 · " in first
    page.fill(".md-search__input", "白牛")  # in the 2024 report only
    wait_until(page, "document.querySelector('.md-search-result__list').innerText.includes('2024 年')")
    page.close()


@pytest.mark.parametrize("case", YEAR_CASES, ids=[c.name for c in YEAR_CASES])
def test_a_bad_year_is_refused_with_a_located_message_and_the_site_left_alone(case, tmp_path):
    data = tmp_path / "data"
    (data / case.folder).mkdir(parents=True)
    shutil.copy(FIXTURE, data / "report.yaml")
    shutil.copy(OVERRIDES_FIXTURE, data / "zh-hant-overrides.yaml")
    second = data / case.folder / "report.yaml"
    second.write_bytes(case.mutate(FIXTURE.read_text(encoding="utf-8")))
    out = tmp_path / "site"
    out.mkdir()
    (out / "kept.txt").write_text("the previous site\n", encoding="utf-8")
    env = {**os.environ, **TODAY_ENV}
    expected = case.expect(second.read_text(encoding="utf-8"))
    for command in ([*BUILD, "--data", "data/report.yaml", "--out", str(out)], [*CHECK, "data/report.yaml"]):
        r = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
        assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout
        assert expected in r.stderr.splitlines(), r.stderr
    assert [p.name for p in out.iterdir()] == ["kept.txt"]
