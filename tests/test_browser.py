"""Layer 4: the built site in headless Chromium, served under a subpath like GitHub Pages."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from sitegen.languages import LANGUAGES

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def page_urls(site: Path, site_url: str, lang) -> list[str]:
    root = site / lang.prefix if lang.prefix else site
    others = [site / l.prefix for l in LANGUAGES if l.prefix and l.prefix != lang.prefix]
    urls = []
    for p in sorted(root.rglob("index.html")):
        if any(o in p.parents for o in others):
            continue
        rel = p.parent.relative_to(site).as_posix()
        urls.append(site_url + ("" if rel == "." else rel + "/"))
    return urls


def visit(browser, url: str, width: int, height: int = 800):
    """Open url; return (page, problems) where problems lists console errors and bad requests."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems = []
    host = urlparse(url).netloc
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"third party: {r.url}")
            if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(150)
    return context, page, problems


@pytest.mark.parametrize("width,height", [(360, 740), (1280, 800)])
@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_every_page_loads_clean_and_fits(browser, site, site_url, lang, width, height):
    failures = []
    for url in page_urls(site, site_url, lang):
        context, page, problems = visit(browser, url, width, height)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"horizontal overflow {overflow}px")
        if problems:
            failures.append((url, problems))
        context.close()
    assert not failures, failures[:5]


@pytest.mark.parametrize("lang_code,queries", [
    ("zh", ["乌珠穆沁", "发电", "锡林郭勒"]),
    ("zh-Hant", ["發電", "烏珠穆沁", "錫林郭勒"]),
    ("en", ["coal", "tourism", "livestock"]),
])
def test_search_finds_pages_of_its_own_language(browser, site, site_url, lang_code, queries):
    lang = next(l for l in LANGUAGES if l.code == lang_code)
    base = site_url + lang.prefix
    for query in queries:  # a fresh page per query: no results left over from the one before
        context, page, problems = visit(browser, base, 1280)
        page.fill(".md-search__input", query)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert links, query
        for href in links[:3]:  # the top results are pages that hold the words
            path = urlparse(href).path.removeprefix(urlparse(site_url).path)
            assert query.casefold() in (site / path / "index.html").read_text(encoding="utf-8").casefold(), (query, href)
        for href in links:
            assert href.startswith(base), (query, href)
            for other in LANGUAGES:
                if other.prefix and other is not lang:
                    assert not href.startswith(site_url + other.prefix), (query, href)
        assert problems == []
        context.close()


def test_search_index_loads_only_when_search_opens_on_a_phone(browser, site_url):
    index_requests = []
    context, page, problems = visit(browser, site_url + "zh-Hant/", 360, 740)
    page.on("request", lambda r: index_requests.append(r.url) if r.url.endswith("search_index.json") else None)
    page.wait_for_load_state("networkidle")
    assert index_requests == []
    page.click("label.md-header__button[for=__search]")  # the magnifier in the phone header
    page.fill(".md-search__input", "烏珠穆沁")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert index_requests == [site_url + "zh-Hant/search/search_index.json"]
    assert problems == []
    context.close()


@pytest.mark.parametrize("path", ["no-such-page/", "review/no-such-section/deeper/"])
def test_missing_page_gets_the_styled_404_under_the_subpath(browser, site_url, path):
    context, page, problems = visit(browser, site_url + path, 360, 740)
    expected = [f"404: {site_url}{path}",  # the page itself, and Chromium's console line about it
                "console error: Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert problems == expected  # nothing else: styles, scripts and icons all load from the subpath
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert page.locator("h1").count() == 1
    homes = page.eval_on_selector_all(".md-content [lang] a", "els => els.map(e => e.href)")
    assert homes == [site_url + l.prefix for l in LANGUAGES]  # one per language, absolute
    home = page.locator(".md-header__button.md-logo").get_attribute("href")
    assert page.evaluate("h => new URL(h, location.href).href", home) == site_url
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_language_selector_keeps_the_page(browser, site_url, lang):
    context, page, _ = visit(browser, site_url + lang.prefix + "review/economy/", 1280)
    for other in LANGUAGES:
        href = page.get_attribute(f'.md-select__link[hreflang="{other.hreflang}"]', "href")
        assert href == site_url + other.prefix + "review/economy/"
        target = context.new_page()
        response = target.goto(href)
        assert response.status == 200
        assert target.evaluate("document.documentElement.lang") == other.code
        target.close()
    context.close()


def test_figure_source_opens_the_paragraph(browser, site_url):
    context, page, _ = visit(browser, site_url + "en/review/economy/", 360, 740)
    link = page.locator('a[href*="full-text/#p009"]').first
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("full-text/#p009")
    box = page.evaluate("(() => { const r = document.getElementById('p009').getBoundingClientRect(); return [r.top, r.bottom]; })()")
    assert 0 <= box[0] < 740, box
    context.close()


def phone(browser, url: str):
    """A 360 x 740 touch phone, as in the usability test; returns (context, page, problems)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(url, wait_until="load")
    return context, page, problems


def test_glossary_filter_narrows_the_list_as_one_types(browser, site_url, report):
    total = len(report.glossary)
    context, page, problems = phone(browser, site_url + "glossary/")
    box = page.locator("#gloss-q")
    assert box.is_visible()  # the script shows the box; without it the box stays hidden
    assert page.locator(".gloss:visible").count() == total
    box.type("liangge", delay=20)  # pinyin without tones or spaces, key by key
    shown = page.locator(".gloss:visible h2").all_inner_texts()
    assert 1 <= len(shown) < 10 and "两个维护" in shown, shown
    assert page.inner_text(".gloss-count") == f"{len(shown)} / {total} 条"
    assert page.locator(".gloss-group:visible").count() == 1  # only the L group is left
    box.fill("两个维护")
    assert page.locator(".gloss:visible h2").all_inner_texts() == ["两个维护"]
    first = page.locator(".gloss:visible").first.bounding_box()
    assert first["y"] < 740, first  # the entry is on the first screen, under the box
    box.fill("")
    assert page.locator(".gloss:visible").count() == total and page.inner_text(".gloss-count") == ""
    assert problems == []
    context.close()
    context, page, problems = phone(browser, site_url + "en/glossary/")
    page.fill("#gloss-q", "league")
    assert any("(盟)" in h for h in page.locator(".gloss:visible h2").all_inner_texts())
    page.fill("#gloss-q", "qqqzzz")
    assert page.locator(".gloss:visible").count() == 0 and page.inner_text(".gloss-count") == "No term matches."
    assert problems == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_charts_read_at_a_glance_on_a_phone(browser, site_url, lang):
    """At 360 px: each chart as wide as the text column, its text at least 12 px as drawn, the longer bar of
    each pair across the whole width, and the note on how to read it visible under the chart."""
    context, page, problems = phone(browser, site_url + lang.prefix + "indicators/")
    column = page.evaluate("document.querySelector('.md-content__inner').getBoundingClientRect().width")
    for chart_id in ("chart-comparisons", "chart-growth"):
        found = page.evaluate("""id => {
            const svg = document.querySelector('#' + id + ' svg'), box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text, tspan')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
            const note = document.querySelector('#' + id + ' .chart-note').getBoundingClientRect();
            const bars = [...svg.querySelectorAll('rect.bar-result, rect.bar-target')].map(r => r.getBoundingClientRect().right - box.left);
            return {width: box.width, smallest: Math.min(...sizes), noteTop: note.top - box.bottom, noteHeight: note.height, bars};
        }""", chart_id)
        assert abs(found["width"] - column) < 1, (chart_id, found["width"], column)
        assert found["smallest"] >= 12, (chart_id, found["smallest"])
        assert found["noteHeight"] > 0 and 0 <= found["noteTop"] < 40, found
        if chart_id == "chart-comparisons":
            pairs = [max(a, b) for a, b in zip(found["bars"][0:-2:2], found["bars"][1:-2:2])]  # the legend's two last
            assert pairs and min(pairs) >= 0.95 * found["width"], pairs
    assert page.locator("#chart-comparisons .chart-note").is_visible()
    assert problems == []
    context.close()


def test_header_is_the_top_of_the_page(browser, site_url):
    """No empty banner strip above the header (there is no data-error banner in a build)."""
    for path in ("", "en/review/", "zh-Hant/glossary/"):
        context, page, _ = phone(browser, site_url + path)
        assert page.locator(".md-banner").count() == 0
        assert page.evaluate("document.querySelector('.md-header').getBoundingClientRect().top") == 0
        context.close()


@pytest.mark.parametrize("lang", [l for l in LANGUAGES if l.prefix], ids=[l.code for l in LANGUAGES if l.prefix])
def test_404_speaks_the_language_of_the_path(browser, site_url, lang):
    """A missing page under /en/ or /zh-Hant/: that language first, the header and menu in it, the address kept."""
    from sitegen.pipeline import shared

    from conftest import ROOT

    labels, name = shared(ROOT).labels(lang), None
    asked = site_url + lang.prefix + "no-such-page/deeper/?x=1"
    context, page, problems = phone(browser, asked)
    page.wait_for_function(f"document.documentElement.lang === {lang.code!r}", timeout=10000)
    page.wait_for_function(f"location.href === {asked!r}", timeout=10000)
    assert page.inner_text("h1") == labels.not_found_title
    assert page.eval_on_selector_all(".md-content [lang]", "els => els.map(e => e.lang)")[0] == lang.hreflang
    name = page.evaluate("document.querySelector('.md-header__topic .md-ellipsis').textContent.trim()")
    site_names = {"zh-Hant": "政府工作報告", "en": "Government Work Report"}
    assert site_names[lang.code] in name, name
    drawer = page.eval_on_selector_all(".md-nav--primary a.md-nav__link", "els => els.map(e => e.href)")
    assert drawer and all(h.startswith(site_url + lang.prefix) for h in drawer if h.startswith("http")), drawer[:3]
    assert [p for p in problems if "404" not in p] == []
    context.close()
    context, page, _ = phone(browser, site_url + "no-such-page/")  # the root language stays where it is
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.lang") == "zh" and page.url == site_url + "no-such-page/"
    context.close()


@pytest.mark.parametrize("path,target", [("glossary/", "#letter-q"), ("indicators/", "#theme-energy"),
                                         ("full-text/", "#p014"), ("en/full-text/", "#p054")])
def test_long_pages_jump_from_their_own_list(browser, site_url, path, target):
    """On a phone the page's table of contents is on the page: a list near the top, one tap to a section."""
    context, page, problems = phone(browser, site_url + path)
    nav = page.locator("nav.jump").first
    assert nav.bounding_box()["y"] < 2 * 740  # within two screens of the top
    page.locator(f'nav.jump a[href="{target}"]').tap()
    page.wait_for_timeout(300)
    top = page.evaluate(f"document.querySelector({target!r}).getBoundingClientRect().top")
    assert 0 <= top < 740 / 3, top
    assert problems == []
    context.close()


def test_screenshots(browser, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        for name, path in [("home", ""), ("indicators", "indicators/"), ("section", "review/economy/")]:
            context, page, _ = visit(browser, site_url + lang.prefix + path, 360, 740)
            out = SHOTS / f"{lang.code}-{name}-360.png"
            page.screenshot(path=str(out), full_page=True)
            assert out.stat().st_size > 10_000
            context.close()


AXE_PAGES = ["", "review/", "review/economy/", "indicators/", "commitments/", "glossary/", "full-text/", "about/"]


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_axe_reports_no_violation(browser, site_url, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for path in AXE_PAGES:
        context, page, _ = visit(browser, site_url + lang.prefix + path, 360, 740)
        results = axe.run(page)
        violations = results.response["violations"]
        if violations:
            found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        context.close()
    assert not found, found


def test_full_text_shows_one_language_on_request(browser, site_url):
    """English full text on a phone: both languages stacked; the control leaves only one."""
    context, page, problems = visit(browser, site_url + "en/full-text/", 360, 740)
    en, zh = page.locator(".pair .en").first, page.locator(".pair .zh").first
    assert en.is_visible() and zh.is_visible()
    assert en.bounding_box()["y"] < zh.bounding_box()["y"]  # stacked, English first
    page.click("label[for=ptl-en]")
    assert en.is_visible() and not zh.is_visible()
    page.click("label[for=ptl-zh]")
    assert zh.is_visible() and not en.is_visible()
    page.click("label[for=ptl-both]")
    assert en.is_visible() and zh.is_visible()
    assert problems == []
    context.close()
    context, page, _ = visit(browser, site_url + "en/full-text/#p009", 1280, 800)
    en, zh = page.locator("#p009 + .pair .en"), page.locator("#p009 + .pair .zh")
    assert abs(en.bounding_box()["y"] - zh.bounding_box()["y"]) < 2  # side by side on a wide screen
    context.close()


def test_english_search_finds_the_translation_at_its_paragraph(browser, site, site_url):
    """A word that occurs only in the translation leads to the full text, at the paragraph."""
    import json
    import re

    docs = json.loads((site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    elsewhere = " ".join(d["title"] + " " + d["text"] for d in docs if "full-text/#p" not in d["location"]).lower()
    word = next(w for d in docs if "full-text/#p" in d["location"]
                for w in re.findall(r"[a-z]{8,}", d["text"].lower()) if w[:6] not in elsewhere)
    context, page, problems = visit(browser, site_url + "en/", 1280)
    page.fill(".md-search__input", word)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert "/en/full-text/" in links[0], (word, links[:3])  # the page, then its matching sections
    assert any(re.search(r"/en/full-text/\?h=[^#]*#p\d{3}$", link) for link in links[:4]), (word, links[:4])
    assert problems == []
    context.close()


def test_tooltips_are_as_legible_as_the_text(browser, site_url):
    context, page, _ = visit(browser, site_url + "en/review/", 360, 740)
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    page.locator("abbr[title], abbr[data-md-state], .md-typeset abbr").first.hover()
    page.wait_for_selector(".md-tooltip2__inner, .md-tooltip__inner", state="attached", timeout=5000)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-tooltip2__inner, .md-tooltip__inner')).fontSize)")
    assert size >= min(body, 14), (size, body)
    context.close()


def test_table_cells_break_between_words(browser, site_url):
    context, page, _ = visit(browser, site_url + "en/indicators/", 360, 740)
    styles = page.evaluate("""[...document.querySelectorAll('.md-typeset table td')].slice(0, 50)
        .map(td => [getComputedStyle(td).wordBreak, getComputedStyle(td).overflowWrap])""")
    assert styles and all(s == ["normal", "break-word"] for s in styles), styles[:3]
    context.close()
