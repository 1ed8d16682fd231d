"""Layer 4: the ten tasks of the mobile usability test, done as a reader does them.

Each test is one task of the review (../shared/reviews/ux-review.md, the
per-task tables): a 360 x 740 touch phone, Chromium, the built site served
under a subpath like GitHub Pages. A `Reader` taps (and only taps: typing
and scrolling are not taps) and counts; each task must succeed within the
taps the review calls reasonable:

| task | what | taps |
|---|---|---:|
| A1 | herders' electricity in 2024, by search | 2 + typing |
| A2 | the ten practical matters and their status | 2 |
| A3 | what 两个维护 means | 2 + typing |
| A4 | the original sentence of a home-page figure | 1 |
| B1 | the 2024 growth target against 2023's result | 2 |
| B2 | search 發電 and open the best result | 2 + typing |
| B3 | switch the page to English and back, keeping the place | 4 |
| C1 | all figures as CSV | 3 |
| C2 | what "league" and "gacha" mean | 2 + typing each; 1 in the text |
| C3 | coal output 2023 and 2024 and the Chinese sentence | 1 per figure |
| C4 | the link preview of a section page | 0 |

A figure link lands on the figure's quoted words (`full-text/#fig-ID`,
sitegen/quotes.py): the words marked, their paragraph tinted, on the screen.
"""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote, urlparse

import pytest

from conftest import YEAR

pytestmark = pytest.mark.browser
HEIGHT = 740


class Reader:
    """A reader on a 360 x 740 touch phone who counts taps."""

    def __init__(self, browser, url: str, color_scheme: str = "light"):
        self.context = browser.new_context(viewport={"width": 360, "height": HEIGHT}, is_mobile=True,
                                           has_touch=True, device_scale_factor=2, color_scheme=color_scheme,
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.taps = 0
        self.page.goto(url, wait_until="load")

    def tap(self, target, navigates: bool = False) -> None:
        """Tap a locator (or a CSS selector); with `navigates`, wait for the next page to load."""
        locator = self.page.locator(target).first if isinstance(target, str) else target
        locator.scroll_into_view_if_needed()
        if navigates:
            with self.page.expect_navigation(wait_until="load"):
                locator.tap()
        else:
            locator.tap()
        self.taps += 1
        self.page.wait_for_timeout(150)

    def type(self, text: str) -> None:
        """Type as a phone's input method does (insertText, then a key event for Material's search)."""
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("End")

    def menu(self, title: str) -> None:
        """☰, then the page of that title in the drawer: two taps. The link to the page, not an entry of
        the current page's own table of contents (the home page has a heading 十件实事 too), which sits
        in a panel of the drawer out of sight until its icon is tapped."""
        self.tap("label.md-header__button[for=__drawer]")
        link = self.page.locator(".md-nav--primary a.md-nav__link:not([href^='#'])",
                                 has_text=re.compile(rf"^\s*{re.escape(title)}\s*$"))
        self.tap(link.first, navigates=True)

    def search(self, query: str) -> list[str]:
        """The magnifier, then the words; returns the result links in order (one tap)."""
        self.tap("label.md-header__button[for=__search]")
        self.type(query)
        self.page.wait_for_selector(".md-search-result__item", timeout=15000)
        self.page.wait_for_timeout(300)
        return self.page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")

    def top_of(self, selector: str) -> float:
        return self.page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top")

    def on_screen(self, selector: str) -> bool:
        """Whether the element's top is on the visible screen, below the sticky header."""
        top = self.top_of(selector)
        return 0 <= top < HEIGHT

    def close(self) -> None:
        self.context.close()


def figure(report, fid):
    return next(f for f in report.figures if f.id == fid)


# Where a figure link landed: the paragraph that holds the figure's quote element (the full text's
# <p class="para" id="pNNN">, or in English the .pair headed by the paragraph number), the words drawn on a
# background of their own inside it (what the reader sees marked), the quote's place and the tint.
LANDING = """(fid) => {
    const target = document.getElementById('fig-' + fid);
    if (!target) return null;
    const block = target.closest('p.para, .pair');
    const pid = block.id || (block.querySelector(':scope > .pnum') || {}).id || '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let marked = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let el = n.parentElement; el && el !== block; el = el.parentElement) {
            if (getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)') { marked += n.data; break; }
        }
    }
    const r = target.getBoundingClientRect();
    const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
    const pill = document.querySelector('.md-top').getBoundingClientRect().bottom;  // back to top, when shown
    const en = [...block.querySelectorAll('.en a')].filter(a => getComputedStyle(a).backgroundColor !== 'rgba(0, 0, 0, 0)');
    const e = en.length ? en[0].getBoundingClientRect() : null;
    return {pid, marked, top: r.top, bottom: r.bottom, header, pill, tint: getComputedStyle(block).backgroundColor,
            en: en.map(a => a.textContent.replace(/\u00a0/g, ' ')), en_top: e && e.top, en_bottom: e && e.bottom};
}"""


def landed_on_quote(reader: Reader, f, english: str = "") -> None:
    """The reader is at figure f's quote: the address says so, its quoted words (and only they) are
    marked in its paragraph, on the screen below the header and the back-to-top pill, the paragraph tinted.
    In English the words `english` that link to the figure are marked too, and they are on the screen."""
    assert unquote(urlparse(reader.page.url).fragment) == f"fig-{f.id}", reader.page.url
    at = reader.page.evaluate(LANDING, f.id)
    assert at is not None and at["pid"] == f.paragraph, at
    assert re.sub(r"\s", "", at["marked"].replace("\u00a0", " ").replace(english, "")) == re.sub(r"\s", "", f.quote), at
    assert at["tint"] != "rgba(0, 0, 0, 0)", at
    if english:
        assert at["en"] == [english], at
        assert max(at["header"], at["pill"]) <= at["en_top"] and at["en_bottom"] <= HEIGHT, at
    else:
        assert max(at["header"], at["pill"]) <= at["top"] and at["bottom"] <= HEIGHT, at


# --- Persona A: a herder's daughter, Simplified Chinese --------------------------------------------------

def test_a1_electricity_for_herders_by_search(browser, site_url):
    """Search 用电, open the first result: the page says what is planned (风光互补, 转网), the words highlighted."""
    reader = Reader(browser, site_url)
    links = reader.search("用电")
    first = reader.page.locator(".md-search-result__item a").first
    reader.tap(first, navigates=True)
    assert reader.taps <= 2
    text = reader.page.inner_text(".md-content")
    assert "风光互补" in text, links[:3]  # the first result says what is planned: wind–solar units (the 2024 plan)
    assert any("full-text" in link or "/plan/" in link for link in links[:3]), links[:3]  # and the plan's own words near
    assert reader.page.locator(".md-content mark").count() >= 1  # the searched words highlighted
    assert reader.problems == []
    reader.close()


def test_a2_the_practical_matters_and_their_status(browser, site_url, report):
    reader = Reader(browser, site_url)
    reader.menu("十件实事")
    assert reader.taps == 2
    assert urlparse(reader.page.url).path.endswith(f"/{YEAR}commitments/")
    items = report.commitments.items
    assert reader.page.locator(".md-content h2").count() >= len(items)
    statuses = reader.page.locator(".md-content .status").all_inner_texts()
    assert len(statuses) >= len(items) and all(s.strip() for s in statuses)
    reader.close()


def test_a3_what_a_term_means(browser, site_url, report):
    """Search 两个维护, tap its glossary entry: the plain meaning is on the screen, first."""
    term = next(t for t in report.glossary if t.term == "两个维护")
    reader = Reader(browser, site_url)
    links = reader.search(term.term)
    entry = next(i for i, href in enumerate(links) if f"/{YEAR}glossary/" in href and "#term-" in href)
    reader.tap(reader.page.locator(".md-search-result__item a").nth(entry), navigates=True)
    assert reader.taps <= 2
    anchor = unquote(urlparse(reader.page.url).fragment)
    assert reader.page.inner_text(f"[id='{anchor}']") == term.term
    meaning = reader.page.locator(f"[id='{anchor}'] ~ p.gloss-short").first
    assert term.short.zh in meaning.inner_text()
    box = meaning.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= HEIGHT  # read without scrolling
    first = reader.page.eval_on_selector(f"[id='{anchor}']", "h => h.nextElementSibling.nextElementSibling.className")
    assert first == "gloss-short"  # the meaning comes before how the report uses it
    reader.close()


def test_a4_the_sentence_behind_a_home_figure(browser, site_url, report):
    """Tap the 217 亿元 card: the quoted words on the screen, marked, their paragraph tinted."""
    gdp = figure(report, report.highlights.results[0])
    reader = Reader(browser, site_url)
    card = reader.page.locator(".card-value a").first
    assert "217" in card.inner_text()
    reader.tap(card, navigates=True)
    assert reader.taps == 1
    landed_on_quote(reader, gdp)
    reader.close()


# --- Persona B: a journalist in Taipei, Traditional Chinese -----------------------------------------------

def test_b1_growth_target_against_last_years_result(browser, site_url, report):
    """☰ → 全部數字: the chart's first pair gives 2023's 6.2% and 2024's 約 6% in one unit, legibly, with its note.
    (Taiwan wording from the labels table: 全部數字, as in 報告中的每一個數字; 資料 reads as materials.)"""
    from sitegen.languages import by_code
    from sitegen.pipeline import shared

    from conftest import ROOT

    labels = shared(ROOT).labels(by_code("zh-Hant"))
    comparison = report.comparisons[0]
    reader = Reader(browser, site_url + "zh-Hant/")
    reader.menu(labels.indicators_title)
    assert reader.taps == 2
    chart = reader.page.locator("#chart-comparisons")
    chart.scroll_into_view_if_needed()  # a swipe, not a tap
    values = chart.locator("tspan.chart-value").all_text_contents()[:2]
    result, target = figure(report, comparison.result), figure(report, comparison.target)
    assert values[0].endswith(f"{result.value:g}%") and values[1].endswith(f"{target.value:g}%"), values
    assert values[1].startswith("約")
    smallest = reader.page.evaluate("""() => { const svg = document.querySelector('#chart-comparisons svg');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text, tspan')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale)); }""")
    assert smallest >= 12
    assert chart.locator(".chart-note").is_visible() and chart.locator(".chart-note").inner_text() == labels.chart_comparison_desc
    reader.close()


def test_b2_search_and_open_the_best_result(browser, site_url):
    """Search 發電: prose snippets (no flattened table), the page opens at the words, highlighted."""
    reader = Reader(browser, site_url + "zh-Hant/")
    reader.search("發電")
    first = reader.page.locator(".md-search-result__item").first
    snippet = first.inner_text()
    assert not re.search(r"指標\W*數值", snippet)  # no table text in snippets
    assert not re.search(r"(?m)^[，。]", snippet)  # no line starts with a comma or full stop
    reader.tap(first.locator("a").first, navigates=True)
    assert reader.taps == 2
    assert reader.page.locator(".md-content mark").count() >= 1  # highlighted on arrival
    assert reader.page.evaluate("window.scrollY") > 0 or urlparse(reader.page.url).fragment  # at the words
    reader.close()


def test_b3_switch_language_and_back_keeping_the_place(browser, site_url):
    """Full text at ¶11 in the dark: 文A → English → 文A → 繁體中文, still at ¶11, still dark."""
    reader = Reader(browser, site_url + "zh-Hant/" + YEAR + "full-text/#p011")
    reader.page.locator("form[data-md-component=palette] label:visible").first.click()  # dark, before the task
    reader.page.wait_for_timeout(200)
    assert reader.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    for name, prefix in (("English", "en/"), ("繁體中文", "zh-Hant/")):
        reader.tap(".md-header button.md-header__button[aria-label]:has(+ .md-select__inner), .md-select > button")
        reader.tap(reader.page.locator(".md-select__link", has_text=name).first, navigates=True)
        assert urlparse(reader.page.url).path.endswith(f"/{prefix}{YEAR}full-text/")
        assert urlparse(reader.page.url).fragment == "p011"  # the anchor is kept
        assert reader.on_screen("[id='p011']")  # and the paragraph's start is on the screen
        assert reader.page.evaluate("document.body.dataset.mdColorScheme") == "slate"  # still dark
    assert reader.taps == 4
    reader.close()


# --- Persona C: an English-speaking researcher ---------------------------------------------------------

def test_c1_all_figures_as_csv(browser, site_url, report):
    reader = Reader(browser, site_url + "en/")
    reader.menu("All figures")
    link = reader.page.locator("a[href$='downloads/figures.csv']").first
    with reader.page.expect_download() as download:
        reader.tap(link)
    assert reader.taps == 3
    assert download.value.suggested_filename == "figures.csv"
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [f.id for f in report.figures]
    assert {"label_zh", "label_en", "value", "unit", "quote", "paragraph"} <= set(rows[0])
    assert "\\:" not in reader.page.inner_text(".md-content")
    reader.close()


@pytest.mark.parametrize("word,term", [("league", "盟"), ("gacha", "嘎查")])
def test_c2_what_league_and_gacha_mean_by_search(browser, site_url, report, word, term):
    entry = next(t for t in report.glossary if t.term == term)
    reader = Reader(browser, site_url + "en/")
    links = reader.search(word)
    hit = next(i for i, href in enumerate(links) if f"/en/{YEAR}glossary/" in href and "#term-" in href)
    reader.tap(reader.page.locator(".md-search-result__item a").nth(hit), navigates=True)
    assert reader.taps <= 2
    anchor = unquote(urlparse(reader.page.url).fragment)
    assert f"({term})" in reader.page.inner_text(f"[id='{anchor}']")
    meaning = reader.page.locator(f"[id='{anchor}'] ~ p.gloss-short").first
    assert meaning.inner_text() == f"Meaning: {entry.short.en}"
    assert reader.on_screen(f"[id='{anchor}'] ~ p.gloss-short")
    assert "：" not in reader.page.inner_text(".md-content")
    reader.close()


def test_c2_league_in_the_english_text(browser, site_url, report):
    """In English prose the word itself carries the term: one tap on "league" shows what it means."""
    entry = next(t for t in report.glossary if t.term == "盟")
    url = site_url + "en/" + YEAR + "review/"  # "the league named 3 …" (on the economy page it is now "league-level", a modifier)
    reader = Reader(browser, url)
    word = reader.page.locator(".md-content a.term", has_text=re.compile(r"^league$", re.I)).first
    assert word.count() == 1  # the term sits on the English word, not on 盟
    reader.tap(word)
    assert reader.taps == 1
    tip = reader.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(timeout=5000)
    assert entry.short.en in tip.inner_text()
    assert reader.page.url == url  # the first tap shows the meaning; it does not leave the page
    reader.close()


def test_c3_coal_output_both_years_and_the_chinese_sentence(browser, site_url, report):
    """Home: 2023's coal output and 2024's target on the page; one tap to each one's Chinese sentence."""
    result, target = figure(report, "coal_output"), figure(report, "target_coal_output")
    reader = Reader(browser, site_url + "en/")
    text = reader.page.inner_text(".md-content").replace("\u00a0", " ")  # number and unit kept together
    assert "61.53 million tonnes" in text and "about 64.2 million tonnes" in text
    for f in (target, result):
        reader.page.goto(site_url + "en/", wait_until="load")
        link = reader.page.locator(f"a[href$='full-text/#fig-{f.id}']", has_text=re.compile("million tonnes")).first
        words = link.inner_text().replace("\u00a0", " ")
        reader.tap(link, navigates=True)
        zh = reader.page.locator(f".pair:has(> [id='{f.paragraph}']) .zh").first
        assert f.quote.replace(" ", "") in zh.inner_text().replace(" ", "")
        reader.page.wait_for_timeout(300)
        landed_on_quote(reader, f, english=words)  # the English and the Chinese words marked, the English on screen
    assert reader.taps == 2
    reader.close()


def test_c4_link_preview_of_a_section_page(browser, site_url, report):
    """What a chat app shows: the section's own short title (at most 30 characters, where chat apps cut;
    no site name) and its own summary; the page itself keeps its full title."""
    section = next(s for part in report.parts for s in part.sections if s.id == "industries")
    reader = Reader(browser, site_url + "en/" + YEAR + "review/industries/")
    meta = reader.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('meta[property], meta[name]')]
        .map(m => [m.getAttribute('property') || m.getAttribute('name'), m.content]))""")
    assert meta["og:title"] == meta["twitter:title"] == section.short_title.en and len(meta["og:title"]) <= 30
    assert reader.page.inner_text(".md-content h1") == section.title.en
    assert meta["og:site_name"] == report.meta.title.en and report.meta.title.en not in meta["og:title"]
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]
    assert section.summary.en.startswith(meta["og:description"].rstrip("."))
    assert meta["og:description"] != report.meta.description.en and meta["og:type"] == "article"
    assert reader.taps == 0
    reader.close()

