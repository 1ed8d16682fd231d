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


def test_traditional_interface_in_taiwan_words_on_a_phone(browser, site_url):
    """What a reader in Taiwan meets first: the skip link, the conversion notice, the search prompt, 「」."""
    context, page, problems = visit(browser, site_url + "zh-Hant/", 360, 740)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "跳至主要內容"
    notice = page.locator(".converted-notice")
    assert "自動轉換" in notice.inner_text() and "「信息」" in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_url(site_url + "zh-Hant/about/")
    assert page.locator("del[lang=zh-Hant]", has_text="資金髮放").count() == 1
    page.click("label.md-header__button[for=__search]")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.trim() == '輸入關鍵字以搜尋'",
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


def test_screenshots(browser, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        for name, path in [("home", ""), ("indicators", "indicators/"), ("section", "review/economy/"),
                           ("commitments", "commitments/")]:
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


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_tracking_summary_bar_and_timeline_on_a_phone(browser, site_url, lang):
    """The summary bar spans the column in the pledged colour of its swatch (all pledged today); an entry's link
    lands on the entry, highlighted. The feed link in <head> costs no request (Material fetches a sitemap for
    each link[rel=alternate])."""
    for path in ["", "commitments/"]:
        context, page, problems = visit(browser, site_url + lang.prefix + path, 360, 740)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                             ".filter(n => n.endsWith('sitemap.xml') || n.endsWith('feed.xml'))") == []
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
    context, page, problems = visit(browser, site_url + lang.prefix + "commitments/#free-bus-entry-1", 360, 740)
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

    paths = [*PAGE_TYPES.values(), "about/", "no-such-page/"]  # every page type, the 404 page last
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
