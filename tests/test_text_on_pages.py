"""Layer 3: the text a reader sees on the built pages, in every language.

Each test reads the visible text of every page (tags, scripts and styles
removed, entities decoded) and fails on a class of broken text: Markdown
escapes and artefacts, Chinese punctuation in English, doubled unit nouns,
sentences that start in lower case, Chinglish units, empty table columns.
"""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import YEAR
from sitegen import tracking
from sitegen.languages import LANGUAGES
from test_site import html_pages, lang_dir

EN = next(l for l in LANGUAGES if l.code == "en")


class Visible(HTMLParser):
    """The visible text of a page's main content: all of it, and the part not marked as Chinese."""

    SKIP = {"script", "style", "svg", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, chinese
        self.all: list[str] = []
        self.latin: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            return
        a = dict(attrs)
        skip = tag in self.SKIP or (self.stack and self.stack[-1][1])
        chinese = (a.get("lang") or "").startswith("zh") or (self.stack and self.stack[-1][2])
        self.stack.append((tag, bool(skip), bool(chinese)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][1]:
            return
        self.all.append(data)
        if not (self.stack and self.stack[-1][2]):
            self.latin.append(data)


def visible(path: Path) -> tuple[str, str]:
    """(all visible text, the visible text outside elements marked lang=zh*) of a page's content."""
    text = path.read_text(encoding="utf-8")
    body = re.search(r'<article class="md-content__inner[^>]*>(.*?)</article>', text, re.S)
    parser = Visible()
    parser.feed(body.group(1) if body else text)
    squash = lambda parts: re.sub(r"\s+", " ", " ".join(parts))
    return squash(parser.all), squash(parser.latin)


def every_page(site: Path):
    for lang in LANGUAGES:
        for page in html_pages(site, lang.prefix):
            yield lang, page


ARTEFACTS = {
    "a backslash escape": re.compile(r"\\[\\`*_{}\[\]()#+\-.!|:~^$<>=]"),
    "a Markdown link": re.compile(r"\]\(|\[[^\]]*\]\{"),
    "an attribute list": re.compile(r"\{\s*[#.:][\w-]"),
    "Markdown emphasis": re.compile(r"\*\*\S|\S\*\*"),
    "an HTML tag as text": re.compile(r"</?(?:abbr|span|div|a|p|b|strong)\b[^>]*>"),
    "a double-escaped entity": re.compile(r"&(?:amp|lt|gt|quot|#\d+);"),
    "a placeholder": re.compile(r"\{(?:fig|num):"),
}


def test_no_escape_or_markup_shows_on_any_page(site):
    found = []
    for lang, page in every_page(site):
        text, _ = visible(page)
        for name, rx in ARTEFACTS.items():
            for m in rx.finditer(text):
                found.append(f"{lang.code} {page.relative_to(site)}: {name}: …{text[max(0, m.start() - 30):m.end() + 20]}…")
    assert found == []


def test_the_checks_catch_what_they_look_for():
    """Each artefact pattern fires on the broken form it names (a check that cannot fail is no check)."""
    broken = ["Inner Mongolia\\: the results", "see [¶9](full-text.md#p009)", "Output { #p009 }", "**bold** text",
              "<abbr title=x>banner</abbr>", "AT&amp;T", "{fig:gdp}"]
    for sample, (name, rx) in zip(broken, ARTEFACTS.items()):
        assert rx.search(sample), name
    assert CHINESE_PUNCTUATION.search("GRP growth target：about 6%")
    assert DOUBLED.search("1,300 people jobs") and DOUBLED.search("at least 240 people people")
    assert LOWER_START.search("in all. over 31 million yuan")


CHINESE_PUNCTUATION = re.compile(r"[A-Za-z0-9%)¶][ ]?[：；，。、][ ]?|[：；，。、][ ]?[A-Za-z0-9(¶]")
DOUBLED = re.compile(r"\b(people|households|visits|person-times|tonnes|yuan|head) (people|persons|households|visits|"
                     r"jobs|workers|teachers|farmers|herders|residents|performers|professionals|staff|tonnes|yuan)\b")
LOWER_START = re.compile(r"[.!?] (over|about|at least|at most|top) \d")


def test_english_pages_read_as_english(site):
    """Outside Chinese-marked text: English punctuation, no doubled unit nouns, capitals at sentence starts."""
    found = []
    for page in html_pages(site, EN.prefix):
        _, latin = visible(page)
        latin = re.sub(r"\([^()]*[\u3400-\u9fff][^()]*\)|[“《][^”》]*[\u3400-\u9fff][^”》]*[”》]", " ", latin)
        for name, rx in (("Chinese punctuation", CHINESE_PUNCTUATION), ("a doubled unit noun", DOUBLED),
                         ("a lower-case sentence start", LOWER_START)):
            for m in rx.finditer(latin):
                found.append(f"{page.relative_to(site)}: {name}: …{latin[max(0, m.start() - 30):m.end() + 20]}…")
    assert found == []


def test_chinese_pages_use_chinese_colons(site):
    """Labels the templates write on Chinese pages end in a full-width colon, never ': ' after a Chinese word."""
    for lang in LANGUAGES:
        if lang.code == "en":
            continue
        for page in html_pages(site, lang.prefix):
            text, _ = visible(page)
            assert not re.search(r"[\u4e00-\u9fff]: ", text), page


def test_english_units_as_english_writers_use_them(site):
    text = " ".join(visible(p)[1] for p in html_pages(site, EN.prefix))
    assert "person-times" not in text and "steam tonnes" not in text
    assert not re.search(r"\d{1,3}(?:,\d{3})+ kW\b", text), "power in thousands of kW: use MW or GW"
    assert re.search(r"\d MW\b", text) and re.search(r"\d(?:\.\d+)? GW\b", text)
    assert re.search(r"\d(?: million| billion)? visits\b", text)


def test_mu_comes_with_hectares_on_first_use(site):
    pages = 0
    for page in html_pages(site, EN.prefix):
        _, text = visible(page)
        first = re.search(r"(?<![¶\d,.])\d[\d,]*(?:\.\d+)? mu\b(.{0,40})", text)
        if first:
            pages += 1
            assert re.match(r" \(about [\d,.]+ hectares\)", first.group(1)), (page, first.group(0))
    assert pages >= 3


def test_no_table_has_an_empty_column(site):
    for lang, page in every_page(site):
        for table in re.findall(r"<table>(.*?)</table>", page.read_text(encoding="utf-8"), re.S):
            rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
            rows = [r for r in rows if r]
            for column in range(len(rows[0]) if rows else 0):
                assert any(re.sub(r"<[^>]+>|\s", "", r[column]) for r in rows if column < len(r)), (page, column)


def test_full_text_in_english_stands_beside_the_chinese(site, report):
    page = site / "en" / YEAR / "full-text" / "index.html"
    text = page.read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', text).group(1)
    assert "unofficial" in description.lower() and "authoritative" in description.lower()
    assert "Unofficial translation" in text
    for p in report.paragraphs:
        assert f'id="{p.id}"' in text, p.id
    found = re.findall(r'(?:<div class="pair">\s*<h[34] class="pnum" id="(p\d{3})"><a href="#p\d{3}">[^<]*</a></h[34]>|<div class="pair" id="(p\d{3})">)'
                       r'\s*<div class="en">(.*?)</div>\s*<div class="zh"[^>]*>(.*?)</div>', text, re.S)
    pairs = [(a or b, en, zh) for a, b, en, zh in found]
    paragraphs = {p.id: p for p in report.paragraphs}
    assert len(pairs) >= 60
    term_links = 0
    for pid, en, zh in pairs:
        assert html.unescape(re.sub(r"<[^>]+>|\s", "", zh)) == re.sub(r"\s", "", paragraphs[pid].text), pid
        links = re.findall(r'href="(?:\./)?#fig-([^"]+)"', en)  # each figure at its quoted words beside it
        figures = [f for f in report.figures if f.paragraph == pid]
        assert {f.id for f in figures} <= set(links), pid
        term_links += en.count('class="term"')
    assert term_links >= 50


def test_parallel_text_download(site, report):
    for lang in LANGUAGES:
        rows = json.loads((lang_dir(site, lang.prefix) / YEAR / "downloads" / "parallel-text.json").read_text(encoding="utf-8"))
        assert [r["id"] for r in rows] == [p.id for p in report.paragraphs]
        assert all(r["zh"] and r["en"] and "{fig:" not in r["en"] and "{num:" not in r["en"] for r in rows)


def test_dates_in_prose_as_readers_write_them(site, report):
    """2024 年 1 月 26 日 on Chinese pages, 26 January 2024 on English ones; ISO dates only in machine data."""
    from sitegen.dates import prose_date

    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    for lang, page in every_page(site):
        text, _ = visible(page)
        assert not iso.search(text), (lang.code, page.relative_to(site), iso.search(text).group())
    for lang in LANGUAGES:
        home, _ = visible(lang_dir(site, lang.prefix) / YEAR / "index.html")
        assert prose_date(report.meta.date, lang.text_field) in home, lang.code
        commitments, _ = visible(lang_dir(site, lang.prefix) / YEAR / "commitments" / "index.html")
        record = report.commitments.items[0].tracking  # its entry's date; the date its review fell overdue
        assert prose_date(record.history[0].date, lang.text_field) in commitments, lang.code
        if record.next_review is not None and record.next_review < tracking.today():
            assert prose_date(record.next_review, lang.text_field) in commitments, lang.code
    assert prose_date(report.meta.date, "zh") == "2024 年 1 月 26 日"
    assert prose_date(report.meta.date, "en") == "26 January 2024"
    assert iso.search(" 2024-01-26 ")  # the check bites


def test_sections_link_to_the_glossary_entries_that_explain_them(site, report):
    """A section's see_also terms are links under its title to their entries, in every language: the plan's
    two barrier sections lead to the entry whose background explains the two barriers."""
    from sitegen.languages import LANGUAGES

    linked = {s.id: s.see_also for part in report.parts for s in part.sections if s.see_also}
    assert {"environment", "security"} <= set(linked)
    for lang in LANGUAGES:
        glossary_page = (site / lang.prefix / YEAR / "glossary" / "index.html").read_text(encoding="utf-8")
        for part in report.parts:
            for section in part.sections:
                if section.id not in linked:
                    continue
                page = (site / lang.prefix / YEAR / part.id / section.id / "index.html").read_text(encoding="utf-8")
                line = re.search(r'<p class="see-also">(.*?)</p>', page, re.S)
                assert line, (lang.code, section.id)
                anchors = re.findall(r'href="\.\./\.\./glossary/#(term-[a-z0-9-]+)"', line.group(1))
                assert len(anchors) == len(section.see_also), (lang.code, section.id, line.group(1))
                for anchor in anchors:
                    entry = glossary_page.split(f'id="{anchor}"', 1)[1].split('<div class="gloss"', 1)[0]
                    assert "屏障" in entry or "two barriers" in entry, (lang.code, anchor)
