"""Layer 4: the built site in headless Chromium, served under a subpath like GitHub Pages."""
from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import YEAR, is_redirect, wait_until
from sitegen.languages import LANGUAGES

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def page_urls(site: Path, site_url: str, lang) -> list[str]:
    root = site / lang.prefix if lang.prefix else site
    others = [site / l.prefix for l in LANGUAGES if l.prefix and l.prefix != lang.prefix]
    urls = []
    for p in sorted(root.rglob("index.html")):
        if any(o in p.parents for o in others) or is_redirect(p):  # the old addresses: tests/test_years.py
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
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"third party: {r.url}")
            if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(150)
    return context, page, problems


@pytest.mark.parametrize("width,height", [(360, 740), (1280, 800)])
@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_every_page_loads_clean_and_fits(browser, site, site_url, lang, width, height):
    """Every page in one tab, as a reader goes from page to page: the shared files come from the cache after
    the first page (each is checked when it is first fetched), each page's own requests and errors are its."""
    failures = []
    urls = page_urls(site, site_url, lang)
    context, page, problems = visit(browser, urls[0], width, height)
    for i, url in enumerate(urls):
        if i:
            before = len(problems)
            page.goto(url, wait_until="load")
            # leaving a page cancels what it was still fetching (its search index, asked for when idle)
            problems[before:] = [p for p in problems[before:] if not p.endswith("(net::ERR_ABORTED)")]
            page.wait_for_timeout(150)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"horizontal overflow {overflow}px")
        if problems:
            failures.append((url, problems[:]))
            problems.clear()
    context.close()
    assert len(urls) > 20 and not failures, (len(urls), failures[:5])


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


def test_search_index_loads_after_the_page_or_when_search_opens_on_a_phone(browser, site_url):
    """The index comes once the page has loaded and the browser is idle (before any tap: search answers at
    once), never before the load event; a browser that asks to save data gets it only when search opens."""
    for save_data in (False, True):
        events = []
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
        if save_data:
            context.add_init_script("Object.defineProperty(navigator, 'connection', "
                                    "{value: {saveData: true}, configurable: true});")
        page = context.new_page()
        problems = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("load", lambda: events.append("load"))
        page.on("request", lambda r: events.append(r.url) if r.url.endswith("search_index.json") else None)
        page.goto(site_url + "zh-Hant/", wait_until="load")
        page.wait_for_load_state("networkidle")
        index = site_url + "zh-Hant/search/search_index.json"
        assert events == (["load"] if save_data else ["load", index]), (save_data, events)
        page.click("label.md-header__button[for=__search]")  # the magnifier in the phone header
        page.fill(".md-search__input", "烏珠穆沁")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        assert events == ["load", index], (save_data, events)  # once, either way
        assert problems == []
        context.close()


def test_traditional_interface_in_taiwan_words_on_a_phone(browser, site_url):
    """What a reader in Taiwan meets first: the skip link, the conversion notice, the search prompt, 「」."""
    context, page, problems = visit(browser, site_url + "zh-Hant/", 360, 740)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "跳至主要內容"
    notice = page.locator(".converted-notice")
    assert "自動轉換" in notice.inner_text() and "「信息」" in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_url(site_url + "zh-Hant/" + YEAR + "about/")
    assert page.locator("del[lang=zh-Hant]", has_text="資金髮放").count() == 1
    page.click("label.md-header__button[for=__search]")
    wait_until(page, "document.querySelector('.md-search-result__meta').textContent.trim() == '輸入關鍵字以搜尋'",
                           timeout=10000)
    page.fill(".md-search__input", "十件實事")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    results = page.inner_text(".md-search-result")
    assert "十件實事" in results and "“" not in results
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
    context, page, _ = visit(browser, site_url + lang.prefix + YEAR + "review/economy/", 1280)
    for other in LANGUAGES:
        href = page.get_attribute(f'.md-select__link[hreflang="{other.hreflang}"]', "href")
        assert href == site_url + other.prefix + YEAR + "review/economy/"
        target = context.new_page()
        response = target.goto(href)
        assert response.status == 200
        assert target.evaluate("document.documentElement.lang") == other.code
        target.close()
    context.close()


def test_figure_source_opens_the_paragraph(browser, site_url):
    """A figure link lands on its quoted words; an old paragraph link (#pNNN) still lands on the paragraph."""
    context, page, _ = visit(browser, site_url + "en/" + YEAR + "review/economy/", 360, 740)
    link = page.locator('a[href*="full-text/#fig-gdp"]').first
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("full-text/#fig-gdp")
    page.wait_for_timeout(300)
    # In English the reader lands on the English words of the figure, marked like the Chinese quote below them.
    box = page.evaluate("(() => { const r = document.querySelector('.pair a.fq-en').getBoundingClientRect(); return [r.top, r.bottom]; })()")
    assert 48 <= box[0] and box[1] <= 740, box
    page.goto(site_url + "en/" + YEAR + "full-text/#p009")
    # a jump within the page: the pairs around it are drawn first, then it lands (300 ms on a quiet machine,
    # seen later on a busy one: polled, not waited for a fixed time)
    top = "document.getElementById('p009').getBoundingClientRect().top"
    try:
        wait_until(page, f"{top} >= 0 && {top} < 740", timeout=5000)
    except AssertionError:
        pytest.fail(f"#p009 not on screen after 5 s: top {page.evaluate(top)}")
    # A link followed while the figure is still being held in place (the 30 frames after its landing) lands on
    # its own target: the hold stops when the address changes (seen in CI: ¶9 held 98 px above the screen).
    page.goto(site_url + "en/" + YEAR + "review/economy/")
    page.goto(site_url + "en/" + YEAR + "full-text/#fig-gdp", wait_until="load")  # the hold begins at load
    page.goto(site_url + "en/" + YEAR + "full-text/#p009")
    page.wait_for_timeout(1000)
    assert 0 <= page.evaluate(top) < 740, page.evaluate(top)
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
    context, page, problems = phone(browser, site_url + YEAR + "glossary/")
    box = page.locator("#gloss-q")
    assert box.is_visible()  # the script shows the box; without it the box stays invisible
    first_entry = page.locator(".gloss").first.bounding_box()["y"]
    bare = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                               device_scale_factor=2, java_script_enabled=False)
    without = bare.new_page()
    without.goto(site_url + YEAR + "glossary/", wait_until="load")
    assert not without.locator("#gloss-q").is_visible()
    assert without.locator(".gloss").first.bounding_box()["y"] == first_entry  # showing the box moved nothing
    bare.close()
    assert page.locator(".gloss:visible").count() == total
    from playwright.sync_api import expect

    # Entries far from the screen are drawn only once the browser has rendered a frame with them near it
    # (content-visibility: auto): read the list after two frames, as a reader's eye would.
    def settle(p):
        p.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    box.type("liangge", delay=20)  # pinyin without tones or spaces, key by key
    settle(page)
    expect(page.locator(".gloss:visible h2", has_text="两个维护")).to_have_count(1)
    shown = page.locator(".gloss:visible h2").all_inner_texts()
    assert 1 <= len(shown) < 10 and "两个维护" in shown, shown
    assert page.inner_text(".gloss-count") == f"{len(shown)} / {total} 条"
    assert page.locator(".gloss-group:visible").count() == 1  # only the L group is left
    box.fill("两个维护")
    settle(page)
    expect(page.locator(".gloss:visible h2")).to_have_text(["两个维护"])
    assert page.locator(".gloss:visible h2").all_inner_texts() == ["两个维护"]
    first = page.locator(".gloss:visible").first.bounding_box()
    assert first["y"] < 740, first  # the entry is on the first screen, under the box
    box.fill("")
    settle(page)
    expect(page.locator(".gloss:visible")).to_have_count(total)
    assert page.locator(".gloss:visible").count() == total and page.inner_text(".gloss-count") == ""
    assert problems == []
    context.close()
    context, page, problems = phone(browser, site_url + "en/" + YEAR + "glossary/")
    page.fill("#gloss-q", "league")
    settle(page)
    expect(page.locator(".gloss:visible h2", has_text="(盟)").first).to_be_visible()
    # textContent: "league" now also matches meanings, and an entry far below is not drawn (no innerText) yet
    assert any("(盟)" in h for h in page.eval_on_selector_all(".gloss:not([hidden]) h2", "els => els.map(e => e.textContent)"))
    page.fill("#gloss-q", "barrier")  # the two barriers' own entries, and the background that explains them
    settle(page)
    expect(page.locator(".gloss:visible h2", has_text="(习近平总书记对内蒙古重要指示精神)")).to_have_count(1)
    named = [t.term for t in report.glossary if "barrier" in t.en.lower()]
    assert len(named) == 2  # 生态安全屏障, 安全稳定屏障
    for term in named:
        expect(page.locator(".gloss:visible h2", has_text=f"({term})")).to_have_count(1)
    assert page.inner_text(".gloss-count") == f"3 of {len(report.glossary)} terms"
    page.fill("#gloss-q", "qqqzzz")
    settle(page)
    assert page.locator(".gloss:visible").count() == 0 and page.inner_text(".gloss-count") == "No term matches."
    assert problems == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_charts_read_at_a_glance_on_a_phone(browser, site_url, lang):
    """At 360 px: each chart as wide as the text column, its text at least 12 px as drawn, the longer bar of
    each pair across the whole width, and the note on how to read it visible under the chart."""
    context, page, problems = phone(browser, site_url + lang.prefix + YEAR + "indicators/")
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
    for path in ("", "en/" + YEAR + "review/", "zh-Hant/" + YEAR + "glossary/"):
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
    wait_until(page, f"document.documentElement.lang === {lang.code!r}", timeout=10000)
    wait_until(page, f"location.href === {asked!r}", timeout=10000)
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


@pytest.mark.parametrize("path,target", [(YEAR + "glossary/", "#letter-q"), (YEAR + "indicators/", "#theme-energy"),
                                         (YEAR + "full-text/", "#p014"), ("en/" + YEAR + "full-text/", "#p054")])
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
        for name, path in [("home", ""), ("indicators", YEAR + "indicators/"), ("section", YEAR + "review/economy/"),
                           ("commitments", YEAR + "commitments/")]:
            context, page, _ = visit(browser, site_url + lang.prefix + path, 360, 740)
            out = SHOTS / f"{lang.code}-{name}-360.png"
            page.screenshot(path=str(out), full_page=True)
            assert out.stat().st_size > 10_000
            context.close()


AXE_PAGES = ["", *(YEAR + p for p in ("review/", "review/economy/", "indicators/", "commitments/", "targets/",
                                      "glossary/", "full-text/", "about/"))]


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
    context, page, problems = visit(browser, site_url + "en/" + YEAR + "full-text/", 360, 740)
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
    context, page, _ = visit(browser, site_url + "en/" + YEAR + "full-text/#p009", 1280, 800)
    en, zh = page.locator(".pair:has(> #p009) .en"), page.locator(".pair:has(> #p009) .zh")
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
    assert f"/en/{YEAR}full-text/" in links[0], (word, links[:3])  # the page, then its matching sections
    assert any(re.search(rf"/en/{YEAR}full-text/\?h=[^#]*#p\d{{3}}$", link) for link in links[:4]), (word, links[:4])
    assert problems == []
    context.close()


def test_tooltips_are_as_legible_as_the_text(browser, site_url):
    context, page, _ = visit(browser, site_url + "en/" + YEAR + "review/", 360, 740)
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    page.locator(".md-typeset a.term[title]").first.hover()
    page.wait_for_selector(".md-tooltip2__inner, .md-tooltip__inner", state="attached", timeout=5000)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-tooltip2__inner, .md-tooltip__inner')).fontSize)")
    assert size >= min(body, 14), (size, body)
    context.close()


def test_table_cells_break_between_words(browser, site_url):
    context, page, _ = visit(browser, site_url + "en/" + YEAR + "indicators/", 360, 740)
    styles = page.evaluate("""[...document.querySelectorAll('.md-typeset table td')].slice(0, 50)
        .map(td => [getComputedStyle(td).wordBreak, getComputedStyle(td).overflowWrap])""")
    assert styles and all(s == ["normal", "break-word"] for s in styles), styles[:3]
    context.close()
    context, page, _ = visit(browser, site_url + "en/" + YEAR + "review/economy/", 360, 740)
    widths = page.evaluate("""(() => { const t = document.querySelector('.table-wrap table');
        const first = t.querySelector('tbody td'), cell = getComputedStyle(first);
        return {table: t.getBoundingClientRect().width, column: t.parentElement.clientWidth,
                label: first.getBoundingClientRect().width, padding: parseFloat(cell.paddingLeft) + parseFloat(cell.paddingRight)}; })()""")
    assert widths["table"] <= widths["column"] + 1, widths  # the whole table on the screen
    assert widths["padding"] <= 16 and widths["label"] >= 0.35 * widths["table"], widths  # room for the words (was 29%)
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_tracking_summary_bar_and_timeline_on_a_phone(browser, site_url, lang, report):
    """The summary bar spans the column in the pledged colour of its swatch; while no record has been reviewed
    there is no bar (it would draw a tally of nothing). An entry's link lands on the entry, highlighted. The
    feed link in <head> costs no request (Material fetches a sitemap for each link[rel=alternate])."""
    reviewed = any(i.tracking.last_checked for i in report.commitments.items)
    for path in ["", YEAR + "commitments/", YEAR + "targets/"]:
        context, page, problems = visit(browser, site_url + lang.prefix + path, 360, 740)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                             ".filter(n => n.endsWith('sitemap.xml') || n.endsWith('feed.xml'))") == []
        if not reviewed:
            assert page.evaluate("document.querySelectorAll('.tracking-bar').length") == 0
            swatch = ".status-set" if path == YEAR + "targets/" else ".status-pledged"
            assert page.evaluate(f"getComputedStyle(document.querySelector('.tracking-summary .swatch{swatch}'))"
                                 ".backgroundColor") == "rgb(120, 144, 156)"
            assert problems == []
            context.close()
            continue
        bar = page.evaluate("""(() => {
            const svg = document.querySelector('.tracking-bar svg'), box = svg.getBoundingClientRect();
            const rects = [...svg.querySelectorAll('rect')].map(r => [r.getAttribute('class'),
                Math.round(r.getBoundingClientRect().width), getComputedStyle(r).fill]);
            const swatch = document.querySelector('.tracking-summary .swatch.status-pledged');
            return {width: Math.round(box.width), height: box.height, column: document.querySelector('.md-content__inner').clientWidth,
                    rects, swatch: getComputedStyle(swatch).backgroundColor};
        })()""")
        assert bar["rects"] == [["status-pledged", bar["width"], "rgb(120, 144, 156)"]], bar
        assert bar["swatch"] == "rgb(120, 144, 156)"
        assert bar["width"] >= bar["column"] - 40 and 6 <= bar["height"] <= 16, bar
        assert problems == []
        context.close()
    context, page, problems = visit(browser, site_url + lang.prefix + YEAR + "commitments/#free-bus-entry-1", 360, 740)
    entry = page.evaluate("""(() => { const e = document.getElementById('free-bus-entry-1'), r = e.getBoundingClientRect();
        return [e.tagName, r.top, getComputedStyle(e).backgroundColor]; })()""")
    assert entry[0] == "LI" and 0 <= entry[1] < 740 and entry[2] != "rgba(0, 0, 0, 0)", entry
    context.close()


CSP_LISTENER = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '')));"""


def policy_violations(browser, url: str, search: bool) -> list[str]:
    """Open url at phone width and use it as a reader would (a tooltip; when `search`, also a
    search with its index, worker and results, and dark mode and back); every CSP violation reported."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url, wait_until="load")
    tip = page.locator(".md-typeset abbr[title]").first
    if tip.count():
        tip.hover()
    if search:
        page.click("label.md-header__button[for=__search]")
        page.fill(".md-search__input", "2024")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        page.keyboard.press("Escape")
        for _ in range(2):
            page.click("form[data-md-component=palette] label:visible")
    page.wait_for_timeout(200)
    found = page.evaluate("window.__violations") + console
    context.close()
    return found


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_no_page_type_breaks_its_content_security_policy(browser, site_url, lang):
    from measure import PAGE_TYPES

    paths = [*PAGE_TYPES.values(), "no-such-page/"]  # every page type, the 404 page last
    assert "" in paths
    failures = {path: v for path in paths
                if (v := policy_violations(browser, site_url + lang.prefix + path, search=path == ""))}
    assert not failures, failures


@pytest.fixture()
def other_host():
    """A server on another loopback address (127.0.0.2) offering a script; counts the requests it gets."""
    import http.server
    import threading

    from measure import free_port

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = b"window.__fromOtherHost = true;"
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.2", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_address[1]}/evil.js", hits
    server.shutdown()


@pytest.mark.parametrize("with_policy", [True, False], ids=["policy", "policy-removed"])
def test_the_policy_blocks_a_script_from_another_host(browser, site, other_host, tmp_path, with_policy):
    """The English home page with a script tag to another host and an unhashed inline script, as a
    compromised dependency might add them, served like the site: the policy stops both before they
    run and before any request leaves the browser. Without the policy, both run (the test can fail)."""
    import re
    import shutil

    from measure import SUBPATH, free_port
    from pages_server import start

    script_url, hits = other_host
    root = tmp_path / SUBPATH
    shutil.copytree(site / "assets", root / "assets")
    body = (site / "en" / "index.html").read_text(encoding="utf-8")
    if not with_policy:
        body, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", body)
        assert n == 1
    body = body.replace("</head>", f'<script src="{script_url}"></script><script>window.__inline = true;</script></head>', 1)
    (root / "en").mkdir()
    (root / "en" / "index.html").write_text(body, encoding="utf-8")
    httpd, url = start(root, SUBPATH, free_port())
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.goto(url + "en/", wait_until="load")
    page.wait_for_timeout(300)
    ran = page.evaluate("[window.__fromOtherHost === true, window.__inline === true]")
    violations = page.evaluate("window.__violations")
    context.close()
    httpd.shutdown()
    if with_policy:
        assert ran == [False, False]
        assert hits == []  # blocked before any request left the browser
        assert any(v.startswith("script-src-elem " + script_url) for v in violations), violations
        assert any(v.startswith("script-src-elem inline") for v in violations), violations
    else:
        assert ran == [True, True] and hits == ["/evil.js"] and violations == []


# The phone of the usability test: 360 x 740 CSS px, touch.

def phone_page(browser, url: str, width: int = 360):
    """A touch phone at `width`; returns (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(150)
    return context, page


def search_on_phone(page, query: str) -> None:
    page.click("label.md-header__button[for=__search]")  # the magnifier in the phone header
    page.fill(".md-search__input", query)
    page.keyboard.press("End")  # Material listens for key events; a phone's IME sends them
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    page.wait_for_timeout(300)


# A character that starts a new line although it may not: found by the position of each character.
LINE_STARTS = """(root) => {
    const bad = [];
    for (const block of root.querySelectorAll('p, li, h1, h2')) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let top = null;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.data.length; i++) {
                if (/[\\s\\u200b]/.test(n.data[i])) continue;
                const range = document.createRange(); range.setStart(n, i); range.setEnd(n, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                if (top !== null && rect.top > top + 2 && /[，。、；：！？”’）》]/.test(n.data[i]))
                    bad.push(n.data.slice(Math.max(0, i - 6), i + 6));
                top = rect.top;
            }
        }
    }
    return bad;
}"""


@pytest.mark.parametrize("lang_code,queries", [("zh", ["用电", "发电", "牧区"]), ("zh-Hant", ["發電", "牧區"])])
def test_search_snippets_never_start_a_line_with_punctuation(browser, site_url, lang_code, queries):
    lang = next(l for l in LANGUAGES if l.code == lang_code)
    for query in queries:
        context, page = phone_page(browser, site_url + lang.prefix)
        search_on_phone(page, query)
        assert page.locator(".md-search-result__item").count() >= 2  # 用电 is in two pages (once searched as 用)
        assert page.eval_on_selector(".md-search-result__list", LINE_STARTS) == [], query
        context.close()


@pytest.mark.parametrize("lang_code,query", [("zh", "两个维护"), ("zh-Hant", "發電"), ("en", "league")])
def test_a_search_result_opens_at_its_highlighted_words(browser, site_url, lang_code, query):
    """Tapping a result's first line (the page's own) opens the page at a matching section, the words marked."""
    lang = next(l for l in LANGUAGES if l.code == lang_code)
    context, page = phone_page(browser, site_url + lang.prefix)
    search_on_phone(page, query)
    with page.expect_navigation(wait_until="load"):
        page.locator(".md-search-result__item a.md-search-result__link").first.tap()
    wait_until(page, "document.querySelectorAll('.md-content mark[data-md-highlight]').length > 0", timeout=10000)
    page.wait_for_timeout(300)
    assert parse_qs(urlparse(page.url).query).get("h"), page.url  # the searched words go along
    in_sight = page.evaluate("""[...document.querySelectorAll('.md-content mark[data-md-highlight]')].filter(m => {
        const r = m.getBoundingClientRect();
        return !m.closest('details:not([open])') && r.top >= 48 && r.bottom <= innerHeight; }).map(m => m.textContent)""")
    assert in_sight, (page.url, page.evaluate("scrollY"))
    context.close()


QUOTE_MARKED = """(fid) => {
    location.hash = 'fig-' + fid;
    const target = document.getElementById('fig-' + fid);
    const block = target.closest('p');
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let marked = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let el = n.parentElement; el && el !== block; el = el.parentElement) {
            if (getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)') { marked += n.data; break; }
        }
    }
    const r = target.getBoundingClientRect();
    return [marked, r.top, getComputedStyle(block.closest('.pair, p.para')).backgroundColor];
}"""


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_a_figure_link_marks_its_quoted_words(browser, site_url, report, lang):
    """At #fig-ID the full text marks exactly the figure's quote (overlapping and shared words too), in view."""
    from sitegen.pipeline import shared
    from conftest import ROOT

    convert = (shared(ROOT, "", ROOT / "data" / "report.yaml").converter(lang).text
               if lang.produced == "converted" else (lambda s: s))
    context, page = phone_page(browser, site_url + lang.prefix + YEAR + "full-text/")
    for f in report.figures:
        marked, top, tint = page.evaluate(QUOTE_MARKED, f.id)
        assert marked == convert(f.quote), (f.id, marked)
        assert 0 <= top < 740, (f.id, top)
        assert tint != "rgba(0, 0, 0, 0)", f.id
    context.close()
    context, page = phone_page(browser, site_url + lang.prefix)  # one tap from a home card
    card = page.locator(".card-value a").first
    fid = card.get_attribute("href").split("#fig-")[1]
    with page.expect_navigation(wait_until="load"):
        card.tap()
    page.wait_for_timeout(300)
    landed = f"document.getElementById('fig-{fid}')" if lang.code != "en" else "document.querySelector('a.fq-en')"
    box = page.evaluate(f"{landed}.getBoundingClientRect().toJSON()")  # in English, the English words
    pill = page.evaluate("document.querySelector('.md-top').getBoundingClientRect().bottom")  # back to top
    assert max(48, pill) <= box["top"] and box["bottom"] <= 740, (box, pill)
    assert page.evaluate(f"getComputedStyle(document.getElementById('fig-{fid}')).backgroundColor") != "rgba(0, 0, 0, 0)"
    context.close()


# The number and the unit word that follows it (with the word before: "about 6%", "第 54 位").
CORE_SPLIT = """() => {
    const split = [];
    for (const a of document.querySelectorAll('.md-content a[href*="#fig-"], .md-content a[href*="full-text/#p"]')) {
        const text = a.textContent;
        const m = /(\\S+\\s)?\\d[\\d,.]*%?(\\s\\S+)?/.exec(text);
        const node = a.firstChild;
        if (!m || !node || node.nodeType !== 3) continue;
        const tops = new Set();
        for (let i = m.index; i < m.index + m[0].length; i++) {
            if (/\\s/.test(text[i])) continue;
            const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect) tops.add(Math.round(rect.top));
        }
        if (tops.size > 1) split.push(text);
    }
    return split;
}"""


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_figures_keep_number_and_unit_on_one_line(browser, site_url, lang):
    pages = ["", *(YEAR + p for p in ("commitments/", "review/", "plan/", "government/", "review/economy/",
                                      "review/industries/", "review/infrastructure/", "review/livelihoods/",
                                      "plan/coordination/", "plan/wellbeing/", "indicators/"))]
    split = []
    # Each page loaded once at 320 px, then widened to 360 px (every figure link's line boxes came out the
    # same as in a fresh load at 360, checked on all these pages in zh and en).
    for path in pages:
        context, page = phone_page(browser, site_url + lang.prefix + path, 320)
        split += [(320, path, text) for text in page.evaluate(CORE_SPLIT)]
        page.set_viewport_size({"width": 360, "height": 740})
        split += [(360, path, text) for text in page.evaluate(CORE_SPLIT)]
        context.close()
    assert split == []


# Tap targets (WCAG 2.2, 2.5.8): a target not inside a sentence is at least 24 x 24 CSS px. A target is in
# a sentence when it is an inline box whose block also holds text of its own (not only other targets).
SMALL_TARGETS = """() => {
    const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), label[for], summary, select, [tabindex]:not([tabindex="-1"])')]
        .filter(el => el.checkVisibility({opacityProperty: true, visibilityProperty: true}));
    const small = [];
    for (const el of targets) {
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height || r.right <= 0 || r.left >= innerWidth) continue;
        if (r.width >= 24 && r.height >= 24) continue;
        const style = getComputedStyle(el);
        let block = el.parentElement;
        while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
        let own = block.textContent;
        for (const other of block.querySelectorAll('a[href], button, label[for], summary')) own = own.replace(other.textContent, '');
        const inSentence = style.display === 'inline' && /[\\p{L}\\p{N}]/u.test(own);
        if (!inSentence) small.push(`${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    return small;
}"""


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_tap_targets_outside_sentences_are_large_enough(browser, site_url, lang):
    found = {}
    for path in ["", *(YEAR + p for p in ("review/", "review/economy/", "indicators/", "commitments/", "glossary/",
                                          "full-text/", "about/"))]:
        context, page = phone_page(browser, site_url + lang.prefix + path)
        found[path] = page.evaluate(SMALL_TARGETS)
        if not path:  # with the search open and its results shown, and with the language menu open
            search_on_phone(page, {"en": "coal"}.get(lang.code, "牧"))
            found["search"] = page.evaluate(SMALL_TARGETS)
            page.goto(site_url + lang.prefix)
            page.click(".md-header .md-select")
            found["languages"] = page.evaluate(SMALL_TARGETS)
        context.close()
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_a_term_tap_shows_its_meaning_and_a_second_tap_opens_the_glossary(browser, site_url, report, lang):
    context, page = phone_page(browser, site_url + lang.prefix + YEAR + "review/")
    href = page.locator(".md-content a.term[title]").first.get_attribute("href")
    term = page.locator(f'.md-content a.term[href="{href}"]').first
    anchor = href.split("#")[1]
    entry = next(t for t in report.glossary if term_anchor(t) == anchor)
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    term.scroll_into_view_if_needed()
    term.tap()
    tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(timeout=5000)
    short = entry.short.en if lang.code == "en" else entry.short.zh
    assert page.url == site_url + lang.prefix + YEAR + "review/"  # the first tap stays on the page
    if lang.code != "zh-Hant":
        assert tip.inner_text().startswith(short)
    assert tip.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= min(body, 14)
    with page.expect_navigation(wait_until="load"):
        term.tap()
    assert page.url == site_url + lang.prefix + YEAR + "glossary/#" + anchor
    context.close()


def term_anchor(term) -> str:
    from sitegen.glossary import term_anchor

    return term_anchor(term)


PLACE = """() => {  // the id at the reading line, where a jumped-to anchor sits (site.js: readingLine)
    const line = 3.5 * parseFloat(getComputedStyle(document.documentElement).fontSize);
    let at = null;
    for (const el of document.querySelectorAll('.md-content [id]:not(.fq)')) {  // not a quote in a paragraph
        if (!el.getClientRects().length) continue;
        if (el.getBoundingClientRect().top > line + 1) break;
        at = el.id;
    }
    return at;
}"""


def place_when_still(page) -> str:
    """The id at the reading line (PLACE), once two reads 300 ms apart agree: the page has stopped moving."""
    here = None
    while here != page.evaluate(PLACE):
        here = page.evaluate(PLACE)
        page.wait_for_timeout(300)
    return here


def switch_language(page, hreflang: str) -> None:
    page.click(".md-header .md-select")
    with page.expect_navigation(wait_until="load"):
        page.locator(f'a.md-select__link[hreflang="{hreflang}"]').tap()
    page.wait_for_timeout(300)


def test_switching_language_keeps_the_place_and_the_colours(browser, site_url):
    context, page = phone_page(browser, site_url + YEAR + "full-text/#p011")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 300)  # read on a little
    here = place_when_still(page)
    assert here == "p011", here
    switch_language(page, "en")
    assert page.url.startswith(site_url + "en/" + YEAR + "full-text/#"), page.url
    assert page.url.endswith("#" + here) and page.evaluate(PLACE) == here  # the same words at the top

    page.goto(site_url + YEAR + "review/economy/")
    page.evaluate("document.querySelectorAll('.md-content h2')[1].scrollIntoView()")  # 数据, no shared id
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(300)
    switch_language(page, "en")
    headings = page.evaluate("[...document.querySelectorAll('.md-content h2')].map(h => Math.round(h.getBoundingClientRect().top))")
    assert headings[1] < 48 + 30 and (len(headings) < 3 or headings[2] > 48), headings  # within the same section

    page.goto(site_url + "en/" + YEAR + "glossary/#term-ga-cha")
    # Still being laid out, the entry stands lower on the screen than the reading line, below its letter's
    # heading (seen in CI: the switch then carried the entry before it). A reader who has not scrolled is
    # at the entry the address names.
    page.evaluate("window.scrollBy(0, -150)")
    switch_language(page, "zh-Hant")
    assert page.url == site_url + "zh-Hant/" + YEAR + "glossary/#term-ga-cha" and page.evaluate(PLACE) == "term-ga-cha"

    page.locator('label.md-header__button[for^="__palette"]:visible').first.tap()  # dark
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    switch_language(page, "zh-Hans")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.goto(site_url + "en/" + YEAR + "about/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    context.close()


FIGURE_LINE_BREAKS = """(() => {
  // Off-screen pairs are laid out on demand (content-visibility: auto): lay out all, to measure every link.
  document.querySelectorAll('.pair').forEach(e => { e.style.contentVisibility = 'visible'; });
  const width = document.documentElement.clientWidth, out = {split: [], overflow: [], count: 0};
  for (const a of document.querySelectorAll('article :is(p, li) a[href*="#fig-"]')) {
    if (a.closest('td, .card')) continue;  // a table cell or a headline card may put the unit's last words under the number
    out.count++;
    const tops = new Set([...a.getClientRects()].map(r => Math.round(r.top)));
    if (tops.size > 1) out.split.push(a.textContent);
    if (a.getBoundingClientRect().right > width + 1) out.overflow.push(a.textContent);
  }
  if (document.documentElement.scrollWidth > width) out.overflow.push('page ' + document.documentElement.scrollWidth);
  return out; })()"""


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_figure_links_never_break_across_lines_on_a_phone(browser, site, site_url, lang):
    """Issue 21, part 7: at 360 px a figure link in running text ("1.31 million head of livestock", "5%以内",
    "at least 5.5 billion yuan") sits on one line of the section pages and the full text, and none runs past the
    screen. Measured before the fix over every page of the three languages: 52 split, 29 of them on section pages
    and 7 on the English full text (the 7 in the home page's headline cards may still wrap, by design)."""
    urls = [u for u in page_urls(site, site_url, lang) if re.search(r"/(review|plan|government|full-text)/", u)]
    assert len(urls) > 20
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    counted = 0
    for url in urls:
        page.goto(url, wait_until="load")
        found = page.evaluate(FIGURE_LINE_BREAKS)
        assert found["split"] == [] and found["overflow"] == [], (url, found)
        counted += found["count"]
    assert counted > 100, counted  # the check saw the links
    context.close()


def test_error_links_are_thumb_sized_on_a_long_page(browser, site_url):
    """The footer's way to report an error is a button a thumb can hit (44 px high at least) on a phone, also
    at the end of the longest page, not a small grey line."""
    for path in (YEAR + "full-text/", "zh-Hant/" + YEAR + "full-text/", "en/" + YEAR + "plan/environment/"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        boxes = page.evaluate("""[...document.querySelectorAll('.footer-report a')].map(a => {
            const r = a.getBoundingClientRect(), s = getComputedStyle(a);
            return {h: r.height, w: r.width, size: parseFloat(s.fontSize), visible: r.top >= 0 && r.bottom <= innerHeight}; })""")
        assert boxes, path
        for box in boxes:
            assert box["h"] >= 44 and box["w"] >= 44 and box["size"] >= 14 and box["visible"], (path, box)
        context.close()


# Where a paragraph's top is against the header and the screen (a 740 px phone).
PARAGRAPH_TOP = """(id) => {
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
    return [header, document.getElementById(id).getBoundingClientRect().top];
}"""


def landed(page, anchor: str, within: float = 60, timeout: int = 5000):
    """(header bottom, anchor top) once the anchor's top has stood between the header and `within` px below it
    on two reads 100 ms apart, or the last read after `timeout` ms: a busy machine draws the pairs around a
    landing more slowly than a quiet one (a fixed wait was read too early in CI)."""
    deadline = time.monotonic() + timeout / 1000
    streak = 0
    while True:
        header, top = page.evaluate(PARAGRAPH_TOP, anchor)
        streak = streak + 1 if header <= top <= header + within else 0
        if streak == 2 or time.monotonic() > deadline:
            return header, top
        page.wait_for_timeout(100)


def test_a_reader_who_scrolled_from_an_anchor_is_carried_from_where_they_read(browser, site_url):
    """The address's anchor is carried only while the reader has not scrolled from it: scrolled back into
    the paragraph before (the address's still on the screen), the other language opens at that one."""
    context, page = phone_page(browser, site_url + YEAR + "full-text/#p012")
    page.mouse.wheel(0, -150)
    here = place_when_still(page)
    assert here == "p011", here
    switch_language(page, "en")
    assert page.url == site_url + "en/" + YEAR + "full-text/#" + here, page.url
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_paragraph_links_land_on_the_paragraph_also_after_a_language_switch(browser, site_url, lang):
    """`full-text/#pNNN` on a 360 px phone puts the paragraph's top just below the header, in every
    language (English lays out only the pairs near the screen: its ¶ links landed 700-2,500 px early),
    and so does the language selector from there (zh -> en, en -> zh-Hant, zh-Hant -> zh)."""
    order = [l.code for l in LANGUAGES]
    other = LANGUAGES[(order.index(lang.code) + 1) % len(LANGUAGES)]
    for pid in ["p012", "p040", "p041", "p070"]:
        context, page = phone_page(browser, site_url + lang.prefix + YEAR + f"full-text/#{pid}")
        page.wait_for_timeout(300)
        header, top = landed(page, pid)
        assert header <= top <= header + 60, (lang.code, pid, header, top)
        # The selector's link clicked in place: a tap would first scroll the page to show the drop-down.
        with page.expect_navigation(wait_until="load"):
            page.evaluate("h => document.querySelector(`a.md-select__link[hreflang='${h}']`).click()", other.hreflang)
        page.wait_for_timeout(500)
        assert page.url == site_url + other.prefix + YEAR + f"full-text/#{pid}", page.url
        header, top = landed(page, pid)
        assert header <= top <= header + 60, (lang.code, "->", other.code, pid, header, top)
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_a_paragraph_number_links_to_itself_with_its_citation_and_a_copy_button(browser, site_url, lang):
    """Each ¶ number links to its paragraph; there the cite line names the report, the paragraph, its address
    and today's date, and its button copies the address (or selects it when the clipboard is refused)."""
    import datetime

    url = site_url + lang.prefix + YEAR + "full-text/"
    context, page = phone_page(browser, url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.split("/report-site")[0])
    cite = page.inner_text("p.cite")  # no paragraph chosen yet: under the intro, the paragraph to fill in
    assert "[N]" in cite and url in cite, cite
    number = page.locator("a[href='#p040']").first
    assert number.evaluate("a => a.closest('.pnum, p.para') !== null")  # the ¶ number itself
    number.click()
    page.wait_for_timeout(200)
    assert page.url == url + "#p040"
    today = datetime.date.today()
    cite = page.inner_text("p.cite")
    day = (f"{today.day} {today.strftime('%B')} {today.year}" if lang.code == "en"
           else f"{today.year} 年 {today.month} 月 {today.day} 日")
    assert url + "#p040" in cite and day in cite and ("¶40" if lang.code == "en" else "第40段") in cite, cite
    assert page.evaluate("document.querySelector('p.cite').closest('.pair') === document.getElementById('p040').closest('.pair')"
                         if lang.code == "en" else
                         "document.querySelector('p.cite').previousElementSibling.id === 'p040'")  # at the paragraph
    header, top = landed(page, "p040")
    assert header <= top <= header + 60
    page.locator("button.cite-copy").click()
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == url + "#p040"
    context.close()

    context, page = phone_page(browser, url + "#p041")  # no clipboard: the address is selected
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.locator("button.cite-copy").click()
    assert page.evaluate("String(getSelection())") == url + "#p041"
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_the_home_page_links_to_the_chart_and_each_chart_to_itself(browser, site_url, lang):
    """The home page's results and targets blocks link to the 2023-vs-2024 chart; a tap lands on it, and
    each chart's caption carries a link to the chart itself (an address to share)."""
    context, page = phone_page(browser, site_url + lang.prefix)
    links = page.locator(".md-content p.chart-jump a")
    assert links.count() == 2  # beside the results' and the targets' headings
    for i in range(2):
        heading = links.nth(i).evaluate("a => a.closest('p').previousElementSibling.tagName")
        assert heading == "H2"
    with page.expect_navigation(wait_until="load"):
        links.first.tap()
    page.wait_for_timeout(300)
    assert page.url == site_url + lang.prefix + YEAR + "indicators/#chart-comparisons"
    header, top = landed(page, "chart-comparisons", within=740 / 2 - 48)
    assert header <= top < 740 / 2
    captions = page.eval_on_selector_all("figure.chart figcaption a.chart-link",
                                         "els => els.map(a => [a.closest('figure').id, a.getAttribute('href')])")
    assert captions == [["chart-comparisons", "#chart-comparisons"], ["chart-growth", "#chart-growth"]]
    context.close()
