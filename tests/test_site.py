"""Layer 3: the built site (files, <html lang>, links, search indexes, third-party URLs)."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

import pytest

from conftest import REPO_URL, ROOT as ROOT_DIR, YEAR, is_redirect
from sitegen.languages import LANGUAGES
from sitegen.glossary import term_anchor

PAGES = ["index.html", "404.html"] + [YEAR + p for p in (
    "index.html", "indicators/index.html", "commitments/index.html", "targets/index.html", "glossary/index.html",
    "full-text/index.html", "about/index.html", "review/index.html", "review/economy/index.html",
    "plan/index.html", "government/index.html")]


def lang_dir(site: Path, prefix: str) -> Path:
    return site / prefix if prefix else site


def html_pages(site: Path, prefix: str) -> list[Path]:
    root = lang_dir(site, prefix)
    others = [site / l.prefix for l in LANGUAGES if l.prefix and l.prefix != prefix]
    return [p for p in root.rglob("*.html") if not any(o in p.parents for o in others)]


def real_pages(site: Path, prefix: str) -> list[Path]:
    """The language's pages but the redirect pages at the old addresses (tests/test_years.py checks those)."""
    return [p for p in html_pages(site, prefix) if not is_redirect(p)]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if "id" in a:
            self.ids.add(a["id"])
        self.links.append((tag, a))


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_same_pages_in_every_language(site, lang):
    root = lang_dir(site, lang.prefix)
    for page in PAGES:
        assert (root / page).is_file(), f"{lang.code}: {page} missing"
    reference = {p.relative_to(site) for p in html_pages(site, "")}
    mine = {p.relative_to(root) for p in html_pages(site, lang.prefix)}
    assert mine == reference


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_html_lang(site, lang):
    for page in html_pages(site, lang.prefix):
        assert parse(page).html_lang == lang.code, page


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_search_index_holds_only_its_language(site, lang, site_url):
    index = json.loads((lang_dir(site, lang.prefix) / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    assert len(docs) > 30
    for doc in docs:
        for other in LANGUAGES:
            if other.prefix and other is not lang:
                assert not doc["location"].startswith(other.prefix), doc["location"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    if lang.code == "en":
        assert "coal" in text.lower() and "烏" not in text
    elif lang.code == "zh":
        assert "\u200b乌珠穆沁\u200b" in text or "乌珠穆沁\u200b" in text
        assert "錫林郭勒" not in text
    else:
        assert "烏珠穆沁" in text and "乌珠穆沁" not in text


@pytest.mark.parametrize("word,lang_code", [("乌珠穆沁", "zh"), ("锡林郭勒", "zh"), ("发电", "zh"),
                                            ("烏珠穆沁", "zh-Hant"), ("錫林郭勒", "zh-Hant"), ("發電", "zh-Hant")])
def test_chinese_segments_stay_whole(site, word, lang_code):
    """The index holds the word as a token (or the start of one), so a prefix search finds it."""
    lang = next(l for l in LANGUAGES if l.code == lang_code)
    index = json.loads((lang_dir(site, lang.prefix) / "search" / "search_index.json").read_text(encoding="utf-8"))
    tokens = set()
    for d in index["docs"]:
        tokens.update(t for t in re.split(r"[\s\u200b\u3000\-、。，．？！；：“”‘’「」『』（）《》·]+", d["text"]) if t)
    assert any(t.startswith(word) for t in tokens), word


def test_search_splits_at_corner_brackets(site):
    """Traditional text quotes with 「」『』: search separates words there, as at “”."""
    for lang in LANGUAGES:
        if lang.is_chinese:
            index = json.loads((lang_dir(site, lang.prefix) / "search" / "search_index.json").read_text(encoding="utf-8"))
            separator = re.compile(index["config"]["separator"])
            assert all(separator.fullmatch(mark) for mark in "“”「」『』"), lang.code


def test_no_third_party_urls(site, site_url):
    """Nothing in the built HTML, CSS or JS loads from a host other than the site's own.

    Links a reader may follow (<a href>, such as "edit this page") are not loads.
    """
    own = urlparse(site_url).netloc
    bad = []
    url = re.compile(r"""\bsrc\s*=\s*["'](?:https?:)?//([^/"']+)"""
                     r"""|<link\b[^>]*\bhref\s*=\s*["'](?:https?:)?//([^/"']+)"""
                     r"""|url\(\s*["']?(?:https?:)?//([^/"')]+)|@import\s+["'](?:https?:)?//([^/"']+)"""
                     r"""|fetch\(\s*["']https?://([^/"']+)""")
    for path in site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or path.name.endswith(".map"):
            continue
        for m in url.finditer(path.read_text(encoding="utf-8", errors="replace")):
            host = next(g for g in m.groups() if g)
            if host != own and not host.startswith("www.w3.org"):
                bad.append((str(path.relative_to(site)), host))
    assert not bad, bad[:10]
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_edit_links_lead_to_the_yaml(site, report):
    """Every generated page's edit button opens data/report.yaml, the real source, and says so in its title; a
    part's or section's page opens it at the line of its summary in the page's language (ux-review task 11)."""
    from sitegen.labels import LABELS_FILE, read_labels

    titles = read_labels(LABELS_FILE.read_bytes(), "labels.yaml")["theme.action.edit"]
    lines = (ROOT_DIR / "data" / "report.yaml").read_text(encoding="utf-8").splitlines()
    holders = {part.id: part for part in report.parts} | {
        f"{part.id}/{s.id}": s for part in report.parts for s in part.sections if s.number}
    at_line = 0
    for lang in LANGUAGES:
        root = lang_dir(site, lang.prefix)
        for page in real_pages(site, lang.prefix):
            if page.name == "404.html":
                continue
            edits = [a for tag, a in parse(page).links if tag == "a" and "md-content__button" in a.get("class", "")]
            assert len(edits) == 1, page
            assert edits[0]["title"] == titles[lang.code] and "report.yaml" in edits[0]["title"], page
            holder = holders.get(page.parent.relative_to(root).as_posix().removeprefix(YEAR))
            if holder is None:
                assert edits[0]["href"] == f"{REPO_URL}/edit/main/data/report.yaml", page
                continue
            href = edits[0]["href"]
            assert href.startswith(f"{REPO_URL}/blob/main/data/report.yaml#L"), (page, href)
            line = lines[int(href.rsplit("#L", 1)[1]) - 1]
            summary = getattr(holder.summary, lang.text_field)
            assert line.strip().startswith(f"{lang.text_field}:") and summary[:15] in line.replace("''", "'"), (page, line)
            at_line += 1
    assert at_line == 3 * len(holders)


def test_language_selector_links_resolve(site, site_url):
    """Every selector link of every page lands on the same page in the other language."""
    checked = 0
    for lang in LANGUAGES:
        for page in html_pages(site, lang.prefix):
            if page.name == "404.html":
                continue
            rel = page.relative_to(lang_dir(site, lang.prefix))
            for tag, a in parse(page).links:
                if tag == "a" and "md-select__link" in a.get("class", ""):
                    target = urlparse(a["href"]).path.removeprefix(urlparse(site_url).path)
                    path = site / target / "index.html" if not target.endswith(".html") else site / target
                    assert path.is_file(), (page, a["href"])
                    other = next(l for l in LANGUAGES if l.hreflang == a["hreflang"])
                    assert path == lang_dir(site, other.prefix) / rel
                    checked += 1
    assert checked > 100


def test_hreflang_alternates_are_absolute(site, site_url):
    text = (site / "en" / YEAR / "review" / "economy" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', text)
    assert {h for _, h in found} == {"zh-Hans", "zh-Hant", "en"}
    assert all(href.startswith(site_url) and href.endswith(YEAR + "review/economy/") for href, _ in found)


class QuoteTargets(HTMLParser):
    """The figure quotes of a full-text page: fig id -> (the paragraph it lies in, the text of its element)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraph = ""
        self.open: list[tuple[str, Optional[str]]] = []  # tag, fig id
        self.found: dict[str, tuple[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"p\d{3}", a.get("id") or ""):
            self.paragraph = a["id"]
        fid = a["id"][4:] if (a.get("id") or "").startswith("fig-") else None
        if fid:
            self.found[fid] = (self.paragraph, "")
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            self.open.append((tag, fid))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for _, fid in self.open:
            if fid:
                pid, text = self.found[fid]
                self.found[fid] = (pid, text + data)


def test_figure_sources_resolve_to_paragraph_anchors(site, report):
    """A figure links to its quoted words in the full text (#fig-ID, inside the figure's paragraph, starting
    with the quote's words); every other link there (#pNNN, old links too) finds its paragraph."""
    figures = {f.id: f for f in report.figures}
    for lang in LANGUAGES:
        root = lang_dir(site, lang.prefix)
        full_text = root / YEAR / "full-text" / "index.html"
        anchors = parse(full_text).ids
        assert {p.id for p in report.paragraphs} <= anchors
        quotes = QuoteTargets()
        quotes.feed(full_text.read_text(encoding="utf-8"))
        assert set(quotes.found) == set(figures), lang.code
        for fid, (pid, text) in quotes.found.items():
            assert pid == figures[fid].paragraph, (lang.code, fid, pid)
            if lang.code != "zh-Hant":  # converted text: the quote is checked in Simplified
                assert text and figures[fid].quote.startswith(text), (lang.code, fid, text)
        linked = set()
        for page in html_pages(site, lang.prefix):
            for tag, a in parse(page).links:
                href = a.get("href", "") if tag == "a" else ""
                if "full-text/#" in href or (page == full_text and href.startswith(("#", "./#"))):
                    target = href.split("#", 1)[1]
                    assert target in anchors, (page, href)
                    if target.startswith("fig-"):
                        linked.add(target[4:])
        assert linked == set(figures), sorted(set(figures) - linked)[:5]


def test_figure_quantities_keep_number_and_unit_together(site):
    """A figure link never offers a line break beside its number (no-break spaces), in every language."""
    found = 0
    for lang in LANGUAGES:
        for page in html_pages(site, lang.prefix):
            for text in re.findall(r'<a href="[^"]*#fig-[^"]*">([^<]*)</a>', page.read_text(encoding="utf-8")):
                found += 1
                assert not re.search(r"\d[\d,.%]* | \d", html.unescape(text)), (page, text)
    assert found > 1000


def test_terms_are_marked_once_in_each_section(site, report):
    """A glossary term is marked (a link to its entry, the tooltip in its title) at its first occurrence
    in each h2 section of a page: never twice in a section, and again in a later section."""
    glossary = {lang.code: parse(lang_dir(site, lang.prefix) / YEAR / "glossary" / "index.html").ids for lang in LANGUAGES}
    again = 0
    for lang in LANGUAGES:
        for page in html_pages(site, lang.prefix):
            if page.parent.name in ("glossary", "full-text"):
                continue
            article = re.search(r'<article class="md-content__inner.*?</article>', page.read_text(encoding="utf-8"), re.S)
            seen: set[str] = set()
            for section in re.split(r"<h2\b", article.group(0) if article else ""):
                marks = re.findall(r'<a class="term" href="[^"]*#(term-[^"]+)" title="[^"]+">', section)
                assert len(marks) == len(set(marks)), (page, sorted(m for m in marks if marks.count(m) > 1))
                assert set(marks) <= glossary[lang.code], (page, set(marks) - glossary[lang.code])
                again += len(seen & set(marks))
                seen |= set(marks)
            assert "<abbr" not in (article.group(0) if article else ""), page
    assert again > 20  # marked once per section, not once per page


def test_term_marks_never_touch_figure_links(site):
    """No glossary mark sits right beside a figure link: two targets side by side are one to a thumb."""
    mark = r'(?:<a class="term"[^>]*>|<abbr\b[^>]*>)[^<]*</(?:a|abbr)>'
    figure = r'<a href="[^"]*(?:full-text/|\./)?#(?:fig-|p\d{3})[^"]*">[^<]*</a>'
    touching = re.compile(f"{mark}\\s*{figure}|{figure}\\s*{mark}")
    for lang in LANGUAGES:
        for page in html_pages(site, lang.prefix):
            found = touching.search(page.read_text(encoding="utf-8"))
            assert not found, (page, found and found.group(0))


def test_english_pages_mark_english_words(site):
    """On English pages a term's mark and tooltip sit on its English words, never on Chinese characters."""
    marks = 0
    for page in html_pages(site, "en/"):
        for words in re.findall(r'<a class="term"[^>]*>([^<]*)</a>', page.read_text(encoding="utf-8")):
            marks += 1
            assert not re.search(r"[\u3400-\u9fff]", words), (page, words)
    assert marks > 500
    review = (site / "en" / YEAR / "review" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="term" href="[^"]*#term-meng" title="[^"]+">league</a>', review)


def test_search_index_holds_prose_once(site, report):
    """Search snippets are prose: no flattened tables (their header words side by side), no second copy of
    the original text from the section pages' boxes, no U+200B where a line could then start with "，"."""
    from sitegen.labels import LABELS_FILE, labels_for, read_labels

    table = read_labels(LABELS_FILE.read_bytes(), LABELS_FILE.name)
    for lang in LANGUAGES:
        labels = labels_for(table, lang.text_field)
        docs = json.loads((lang_dir(site, lang.prefix) / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        for doc in docs:
            text = doc["text"].replace("\u200b", "")
            assert f"{labels.indicator} {labels.value}" not in text, (lang.code, doc["location"])
            assert not re.search(r"\u200b[，。、；：！？”’）》]|[“‘（《]\u200b", doc["title"] + doc["text"]), doc["location"]
        if lang.code == "zh":
            for p in report.paragraphs:
                if len(p.text) > 40:
                    holders = [d["location"] for d in docs if p.text[:30] in d["text"].replace("\u200b", "")]
                    assert holders and all(h.startswith(YEAR + "full-text/") for h in holders), (p.id, holders)


def test_one_storage_scope_and_the_site_script_on_every_page(site, site_url):
    """The light/dark choice is stored for the whole site (one scope), and every page loads assets/site.js."""
    scope = urlparse(site_url).path
    for lang in LANGUAGES:
        for page in real_pages(site, lang.prefix):
            text = page.read_text(encoding="utf-8")
            assert f'__md_scope=new URL("{scope}",location)' in text, page
            assert re.search(r'<script src="[^"]*assets/site\.js"', text), page


def test_internal_links_resolve(site):
    """Every relative link of every page points at an existing file."""
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for tag, a in parse(page).links:
            href = a.get("href") if tag in ("a", "link") else a.get("src") if tag in ("script", "img") else None
            if not href or href.startswith(("http:", "https:", "#", "mailto:", "data:", "javascript:")):
                continue
            target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), (str(page.relative_to(site)), href)


def test_downloads_hold_exactly_the_figures(site, report):
    """Every language offers the figures; a converted language's own files are in its script, named so."""
    import csv
    import io

    from sitegen.pipeline import Pipeline

    root_dir = Path(__file__).parent.parent
    for lang, root in [(lang, lang_dir(site, lang.prefix) / folder / "downloads") for lang in LANGUAGES
                       for folder in (YEAR, "")]:  # the year's files; the old addresses keep theirs
        tag = f".{lang.code}" if lang.produced == "converted" else ""
        for name in ("figures", f"figures{tag}"):  # the Simplified originals stay downloadable everywhere
            rows = json.loads((root / f"{name}.json").read_text(encoding="utf-8"))
            assert [r["id"] for r in rows] == [f.id for f in report.figures]
            assert [r["value"] for r in rows] == [f.value for f in report.figures]
            table = list(csv.DictReader(io.StringIO((root / f"{name}.csv").read_text(encoding="utf-8-sig"))))
            assert [r["id"] for r in table] == [f.id for f in report.figures]
            assert [r["label_zh"] for r in table] == [r["label_zh"] for r in rows]
        assert (root / "report.yaml").read_bytes() == (root_dir / "data" / "report.yaml").read_bytes()
        original = json.loads((root / "figures.json").read_text(encoding="utf-8"))
        assert [r["label_zh"] for r in original] == [f.label.zh for f in report.figures]
        if not tag:
            continue
        # the Traditional files: labels, units, quotes and paragraphs converted, 「」 for “”
        cc = Pipeline(root_dir).converter(lang)
        own = json.loads((root / f"figures{tag}.json").read_text(encoding="utf-8"))
        voiced = Pipeline(root_dir).report_for(lang)  # labels are the site's voice: Taiwan wording (voice.py)
        assert [r["label_zh"] for r in own] == [cc.text(f.label.zh) for f in voiced.figures]
        assert [r["unit"] for r in own] == [cc.text(f.unit) for f in report.figures]
        assert [r["quote"] for r in own] == [cc.text(f.quote) for f in report.figures]
        assert own != original and "億元" in {r["unit"] for r in own}
        parallel = json.loads((root / f"parallel-text{tag}.json").read_text(encoding="utf-8"))
        chinese = (root / f"figures{tag}.csv").read_text(encoding="utf-8-sig") + "".join(r["zh"] for r in parallel)
        assert "“" not in chinese and "」" in chinese
        assert [r["zh"] for r in parallel] == [cc.text(p.text) for p in report.paragraphs]
        # English as written, its Chinese glosses "(铸牢…)" in the file's script (Traditional review m6)
        assert [r["en"] for r in parallel] == [re.sub(r"[\u3400-\u9fff]+", lambda m: cc.text(m.group()), r["en"])
                                               for r in json.loads((root / "parallel-text.json").read_text(encoding="utf-8"))]
        assert "(鑄牢中華民族共同體意識)" in "".join(r["en"] for r in parallel)
        # the pages link the language's own files first, the originals after
        for page, name in (("indicators", "figures"), ("full-text", "parallel-text"), ("about", "figures")):
            hrefs = [a["href"] for tag_, a in parse(lang_dir(site, lang.prefix) / YEAR / page / "index.html").links
                     if tag_ == "a" and "downloads/" in a.get("href", "")]
            assert hrefs.index(f"../downloads/{name}{tag}.csv") < hrefs.index(f"../downloads/{name}.csv"), (page, hrefs)


def test_charts_have_titles_and_the_data_numbers(site, report):
    from sitegen.quantities import quantity_en

    page = (site / "en" / YEAR / "indicators" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg[^>]*role=\"img\".*?</svg>", page, re.S)
    assert len(charts) == 2
    for chart in charts:
        assert re.search(r"<title[^>]*>[^<]+</title>", chart)
    growth = [f for f in report.figures if f.kind == "growth" and f.unit == "%"]
    values = re.findall(r'class="chart-value"[^>]*>([^<]*)<', charts[1])
    assert values == [quantity_en(f.value, f.unit, f.qualifier) for f in growth]
    assert "<script" not in "".join(charts)


def test_glossary_tooltips_on_pages(site, report):
    page = (site / YEAR / "review" / "index.html").read_text(encoding="utf-8")
    titles = dict(re.findall(r'<a class="term" href="[^"]*#term-[^"]+" title="([^"]+)">([^<]+)</a>', page))
    assert "两件大事" in titles.values()
    short = next(t.short.zh for t in report.glossary if t.term == "两件大事")
    assert any(title.startswith(html.escape(short, quote=True).replace("&#x27;", "&#39;")) for title in titles)


def test_search_dialog_has_an_accessible_name(site):
    for lang in LANGUAGES:
        html = (lang_dir(site, lang.prefix) / "index.html").read_text(encoding="utf-8")
        assert re.search(r'data-md-component="search" role="dialog" aria-label="[^"]+"', html)


# --- Issue 16: the glossary as a reference, charts, footer, link previews, jump lists, 404 ---------

def _text(fragment: str) -> str:
    """Visible text of an HTML fragment: tags removed, entities decoded, spaces collapsed."""
    import html

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def glossary_entries(page: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(anchor, [(class, inner HTML) of each paragraph in order]) of every entry of a glossary page."""
    out = []
    for entry in re.findall(r'<div class="gloss">(.*?)</div>', page, re.S):
        anchor = re.match(r'\s*<h2 id="(term-[^"]+)">', entry).group(1)
        out.append((anchor, re.findall(r'<p(?: class="([^"]+)")?>(.*?)</p>', entry, re.S)))
    return out


def _filed_under(lang_code: str, term) -> str:
    """The rule stated independently of the generator: toneless pinyin syllables (however the pinyin field
    spaces and capitalises them: glossary.syllables, tests/test_terms.py); English without 'the'/'a'/quotes."""
    import unicodedata

    from sitegen.glossary import syllables

    word = " ".join(syllables(term.pinyin)) if lang_code != "en" else term.en
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()
    if lang_code == "en":
        word = re.sub(r"""^(?:["'“‘(\s]+|(?:the|an|a)\s+)+""", "", word)
    return word


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_glossary_gives_the_plain_meaning_first(site, report, lang):
    """Each entry: the term's one-line meaning (short), then how the report uses it (explain), then background."""
    from sitegen.pipeline import shared

    page = (lang_dir(site, lang.prefix) / YEAR / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = glossary_entries(page)
    assert len(entries) == len(report.glossary)
    terms = {term_anchor(t): t for t in report.glossary}
    cc = shared(ROOT_DIR).converter(lang).text if lang.produced == "converted" else (lambda s: s)
    field = lang.text_field
    voiced = {t.term: t for t in shared(ROOT_DIR).report_for(lang).glossary}  # the site's voice (voice.py)
    for anchor, paragraphs in entries:
        term = voiced[terms[anchor].term]
        classes = [c for c, _ in paragraphs]
        texts = [_text(t) for _, t in paragraphs]
        assert classes[:3] == ["gloss-meta", "gloss-short", "gloss-explain"], (anchor, classes)
        assert texts[1].endswith(_text(cc(getattr(term.short, field)))), (anchor, texts[1])  # the meaning first,
        assert texts[2].endswith(_text(cc(getattr(term.explain, field)))), (anchor, texts[2])  # then the report's use,
        if term.background:  # then the background, then where it appears
            assert texts[3].endswith(_text(cc(getattr(term.background, field)))), (anchor, texts[3])
        assert len(paragraphs) == (5 if term.background else 4), anchor


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_glossary_order_and_its_letter_index(site, report, lang):
    """Sorted by pinyin (Chinese) or by the English word itself ("the …" and quotes do not gather
    under T); a letter index of the initials present, each link landing on its group."""
    page = (lang_dir(site, lang.prefix) / YEAR / "glossary" / "index.html").read_text(encoding="utf-8")
    by_anchor = {term_anchor(t): t for t in report.glossary}
    groups = re.findall(r'<div class="gloss-group" id="letter-([a-z]+)">(.*?)(?=<div class="gloss-group"|</article>)',
                        page, re.S)
    keys, letters = [], []
    for letter, body in groups:
        for anchor in re.findall(r'<h2 id="(term-[^"]+)"', body):
            key = _filed_under(lang.code, by_anchor[anchor])
            expected = key[0] if "a" <= key[0] <= "z" else "other"
            assert letter == expected, (anchor, key, letter)
            keys.append((letter != "other", key))
        letters.append(letter)
    assert len(keys) == len(report.glossary)
    assert keys == sorted(keys)
    index = re.search(r'<nav class="jump letters"[^>]*>(.*?)</nav>', page, re.S).group(1)
    assert re.findall(r'href="#letter-([a-z]+)"', index) == letters
    if lang.code == "en":  # the bad form filed every 'the "…"' under T: a quarter of the glossary
        under_t = len(re.findall(r"<h2 id=", dict(groups).get("t", "")))
        assert under_t < len(report.glossary) // 5, under_t


def test_glossary_filter_box_waits_for_its_script_and_the_letters_are_the_contents(site):
    """The box is in the page (its place kept) but invisible until glossary.js marks it ready; Material's own
    table of contents (one entry per term) is left out: the letter index is the page's contents."""
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert ".md-typeset .gloss-filter:not(.ready) { visibility: hidden; }" in css
    for lang in LANGUAGES:
        page = (lang_dir(site, lang.prefix) / YEAR / "glossary" / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<div class="gloss-filter" data-search-exclude>(.*?)</div>', page, re.S)
        assert box and 'type="search"' in box.group(1) and '<label for="gloss-q">' in box.group(1)
        assert re.search(r'<script src="(?:\.\./)+assets/glossary\.js"></script>', page)
        assert "<script>" not in box.group(1)
        assert 'data-md-component="toc"' not in page and '<nav class="jump letters"' in page
        other = (lang_dir(site, lang.prefix) / YEAR / "indicators" / "index.html").read_text(encoding="utf-8")
        assert 'data-md-component="toc"' in other  # the other pages keep theirs


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_comparison_chart_says_each_unit_one_way(site, report, lang):
    """Within each result/target pair both values end in the same unit word (231 亿千瓦时 / 290 余亿千瓦时)."""
    page = (lang_dir(site, lang.prefix) / YEAR / "indicators" / "index.html").read_text(encoding="utf-8")
    chart = re.search(r'<figure class="chart" id="chart-comparisons">.*?</figure>', page, re.S).group(0)
    values = [_text(v) for v in re.findall(r'<tspan class="chart-value"[^>]*>([^<]*)</tspan>', chart)]
    assert len(values) == 2 * len(report.comparisons)
    strip = re.compile(r"^(?:about|over|at least|at most|约|約)\s*|[\d.,\s%-]+|余|餘|以上|以内|以內|左右")
    for c, (result, target) in zip(report.comparisons, zip(values[::2], values[1::2])):
        assert strip.sub("", result) == strip.sub("", target), (c.id, result, target)
    assert "亿度" not in chart and "億度" not in chart


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_charts_say_how_to_read_them_under_the_chart(site, lang):
    """Each chart: a visible caption above, and under the SVG a visible note (the pairs' own scales), not only a <desc>."""
    from sitegen.pipeline import shared

    labels = shared(ROOT_DIR).labels(lang)
    page = (lang_dir(site, lang.prefix) / YEAR / "indicators" / "index.html").read_text(encoding="utf-8")
    for chart_id, note in (("chart-comparisons", labels.chart_comparison_desc), ("chart-growth", labels.chart_growth_desc)):
        figure = re.search(rf'<figure class="chart" id="{chart_id}">(.*?)</figure>', page, re.S).group(1)
        caption = re.match(r"\s*<figcaption>([^<]+)(.*?)</figcaption>\s*<svg", figure, re.S)
        assert caption and caption.group(1).strip()  # the caption, then its link to the chart itself
        assert re.fullmatch(rf'\s*<a class="chart-link" href="#{chart_id}" aria-label="[^"]+">#</a>', caption.group(2))
        after = figure.split("</svg>", 1)[1]
        assert _text(re.search(r'<p class="chart-note" id="[^"]+">(.*?)</p>', after, re.S).group(1)) == note
        assert "<desc" not in figure


def _metas(path: Path) -> dict[str, str]:
    import html

    text = path.read_text(encoding="utf-8")
    found = {}
    for tag in re.findall(r"<meta\b[^>]*>", text):
        key = re.search(r'\b(?:property|name)="([^"]+)"', tag)
        value = re.search(r'\bcontent="([^"]*)"', tag)
        if key and value:
            found[key.group(1)] = html.unescape(value.group(1))
    found["<title>"] = html.unescape(re.search(r"<title>([^<]*)</title>", text).group(1))
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    found["<h1>"] = _text(h1.group(1)) if h1 else ""
    return found


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_link_previews_are_the_pages_own(site, lang):
    """og:/twitter: title = the page's own title or its shorter preview title (at most 30 characters; no
    site name but on the home page, whose title it is), description = its own summary, all pages distinct
    (but the landing page, which is the latest year's home page)."""
    root = lang_dir(site, lang.prefix)
    pages = [p for p in real_pages(site, lang.prefix) if p.name != "404.html"]
    home = _metas(root / YEAR / "index.html")
    site_name, site_description = home["og:site_name"], home["og:description"]
    descriptions = set()
    for page in pages:
        m = _metas(page)
        assert m["twitter:title"] == m["og:title"] and m["og:site_name"] == site_name, page
        assert 0 < len(m["og:title"]) <= 30, page  # what a chat app shows
        assert m["description"] == m["og:description"] == m["twitter:description"], page
        descriptions.add(m["description"])
        if page.parent in (root, root / YEAR):  # the landing page, the year's home page
            assert m["<h1>"] == site_name and m["og:type"] == "website"  # the home page: the report's title
            continue
        assert site_name not in m["og:title"], page
        assert m["<title>"].startswith(m["<h1>"] + " - ") and m["og:type"] == "article", page
        assert m["og:title"] == m["<h1>"] or len(m["<h1>"]) > 30, page  # a short title only where needed
        assert m["description"] != site_description, page
        several = re.search(r"(?:[。！？]|[.!?]\s)\s*\S", m["description"])  # more than one sentence
        assert len(m["description"]) <= (80 if lang.is_chinese else 160) or not several, page
    assert _metas(root / "index.html")["description"] == site_description
    assert len(descriptions) == len(pages) - 1


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_short_titles_are_for_link_previews_only(site, report, lang):
    """A part's or section's short title is its page's og:title and twitter:title; the <h1>, the <title>
    and the menu keep the full title. The home page's preview title is the report's title, which names the
    place, where it fits (zh), else meta.short_title (en)."""
    from sitegen import pagemeta
    from sitegen.pipeline import shared

    convert = shared(ROOT_DIR).converter(lang).text if lang.produced == "converted" else (lambda s: s)
    field = lang.text_field
    root = lang_dir(site, lang.prefix) / YEAR
    home = _metas(root / "index.html")
    full = getattr(report.meta.title, field)
    assert home["og:title"] == convert(full if len(full) <= pagemeta.PREVIEW_TITLE_LIMIT
                                       else getattr(report.meta.short_title, field))
    assert (home["og:title"] == home["<h1>"]) == lang.is_chinese  # the real data: zh fits, en does not
    assert home["<h1>"] == convert(getattr(report.meta.title, field))
    menu = {_text(a) for _, a in re.findall(r'<(a|label)\b[^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</\1>',
                                            (root / "index.html").read_text(encoding="utf-8"), re.S)}
    shortened = 0
    for part in report.parts:
        for record in [part, *(s for s in part.sections if s.number)]:
            path = root / part.id / ("" if record is part else record.id) / "index.html"
            m = _metas(path)
            full, preview = convert(pagemeta.heading(record, field)), convert(pagemeta.preview_title(record, field))
            short = getattr(record.short_title, field) if record.short_title else None
            assert m["<h1>"] == full and m["<title>"].startswith(full + " - ") and full in menu, path
            assert m["og:title"] == m["twitter:title"] == preview, path
            if short:
                assert preview != full and preview.endswith(convert(short)) and preview not in menu, path
                shortened += 1
    assert shortened == sum(1 for part in report.parts for r in [part, *part.sections]
                            if r.short_title and getattr(r.short_title, field))
    if lang.code == "en":
        assert shortened >= 18  # every English title over 30 characters has one


def test_link_preview_of_a_section_comes_from_its_summary(site, report):
    section = next(s for part in report.parts for s in part.sections if s.id == "industries")
    en = _metas(site / "en" / YEAR / "review" / "industries" / "index.html")
    assert en["og:title"] == section.short_title.en == "2023: building modern industry"
    assert en["<h1>"] == section.title.en
    assert en["description"] == "In 2023 the banner's industry, livestock farming and services all made progress."
    assert section.summary.en.startswith(en["description"])
    zh = _metas(site / YEAR / "review" / "industries" / "index.html")
    assert zh["og:title"] == f"{section.number}{section.title.zh}"
    assert zh["description"].startswith(section.summary.zh.split("。")[0] + "。") and zh["description"].endswith("。")
    assert "{fig:" not in zh["description"] and "231 亿千瓦时" in zh["description"]  # quantities as printed on the page


def test_no_empty_banner_strip_above_the_header(site):
    """Material draws <aside class="md-banner"> whenever the announce block is not empty, whitespace included."""
    for lang in LANGUAGES:
        for page in real_pages(site, lang.prefix):
            text = page.read_text(encoding="utf-8")
            assert "md-banner" not in text, page
            assert re.search(r'<div data-md-component="announce">\s*</div>', text), page


def test_every_page_names_its_source_and_how_to_report_an_error(site, site_url, report):
    """The footer: the report's title, the issuing body and the date; the repository's error form with
    the page's address; no link to an official text, since none is known (meta.source_url is empty).
    The real data has no meta.contact yet (the maintainers fill it in): the repository's form is the only way."""
    from urllib.parse import parse_qs

    from sitegen.dates import prose_date

    assert report.meta.contact is None

    assert report.meta.source_url is None
    form = Path(__file__).resolve().parent.parent / ".github" / "ISSUE_TEMPLATE" / "report-error.yml"
    import yaml

    fields = {f.get("id") for f in yaml.safe_load(form.read_text(encoding="utf-8"))["body"]}
    assert "page" in fields
    for lang in LANGUAGES:
        title, body = report.meta.title, report.meta.body
        for page in real_pages(site, lang.prefix):
            text = page.read_text(encoding="utf-8")
            footer = re.search(r'<div class="md-copyright site-footer">(.*?)</div>', text, re.S).group(1)
            source = _text(re.search(r'<p class="footer-source">(.*?)</p>', footer, re.S).group(1))
            if lang.text_field == "en":
                assert title.en in source and body.en in source, page
            else:
                assert ("旗" in source or "縣" in source or "县" in source) and "《" in source, page
            # the date written out as in the text (m4 of the Traditional review), its ISO form for machines only
            assert prose_date(report.meta.date, lang.text_field) in source, page
            assert report.meta.date.isoformat() not in source, page
            assert f'<time datetime="{report.meta.date.isoformat()}">' in footer, page
            links = re.findall(r'<a [^>]*href="([^"]+)"', footer)
            assert len(links) == 1, (page, links)  # the error form only: no official text is known
            url = links[0].replace("&amp;", "&")
            assert url.startswith(f"{REPO_URL}/issues/new?template=report-error.yml"), url
            rel = page.relative_to(site).as_posix()
            if page.name != "404.html":
                expected = site_url + rel.removesuffix("index.html")
                assert parse_qs(urlparse(url).query)["page"] == [expected], (page, url)


# Values the report prints in its units, and what the downloads give in base units (issue 21, part 7).
IN_BASE_UNITS = {"gdp": (217, "亿元", 21_700_000_000, "yuan"), "sheep_subsidies": (668, "万元", 6_680_000, "yuan"),
                 "coal_output": (6153, "万吨", 61_530_000, "tonnes"),
                 "power_generation": (231, "亿度", 23_100_000_000, "kWh"),
                 "livestock_sold": (131, "万头只", 1_310_000, "head of livestock"), "gdp_growth": (6.2, "%", 6.2, "percent"),
                 "horse_conservation_base": (1, "个", 1, "items")}


def test_downloads_give_each_value_in_a_base_unit_and_explain_their_columns(site, report):
    """ux-review task 8: beside the report's own value and unit (217 亿元), the value in a base unit that a
    researcher can compare and sum (21700000000 yuan), in CSV and JSON, every language's files; the page that
    offers them describes every column of the file, in its language."""
    import csv
    import io
    from decimal import Decimal

    from sitegen import quantities

    for lang in LANGUAGES:
        root = lang_dir(site, lang.prefix) / YEAR / "downloads"
        tag = f".{lang.code}" if lang.produced == "converted" else ""
        rows = {r["id"]: r for r in json.loads((root / f"figures{tag}.json").read_text(encoding="utf-8"))}
        text = (root / f"figures{tag}.csv").read_text(encoding="utf-8-sig")
        table = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
        for fid, (value, unit, base, base_unit) in IN_BASE_UNITS.items():
            row, line = rows[fid], table[fid]
            assert (row["value"], row["value_base"], row["unit_base"]) == (value, base, base_unit), row
            assert (line["value_base"], line["unit_base"]) == (str(base), base_unit), line
        for f in report.figures:  # every row: the value times the unit's 亿/万 (never an exponent in the CSV)
            expected = quantities.base_value(f.value, f.unit)
            assert Decimal(str(rows[f.id]["value_base"])) == expected and "e" not in table[f.id]["value_base"].lower(), f.id
        columns = text.splitlines()[0].split(",")
        page = (lang_dir(site, lang.prefix) / YEAR / "indicators" / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<details class="info">(.*?)</details>', page, re.S)
        assert box, lang.code
        described = re.findall(r"<p><code>([a-z_]+)</code>", box.group(1))
        assert described == columns == list(rows[report.figures[0].id]), (described, columns)


def test_about_page_speaks_to_the_public(site):
    """No repository file paths on the About page (they are in the README)."""
    for lang in LANGUAGES:
        page = (lang_dir(site, lang.prefix) / YEAR / "about" / "index.html").read_text(encoding="utf-8")
        body = _text(re.search(r'<article class="md-content__inner[^>]*>(.*?)</article>', page, re.S).group(1))
        assert not re.search(r"\b(?:data|scripts|tests|docs|overrides)/[\w./-]+|\.ya?ml\b|\.py\b", body), body[:300]
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "data/zh-hant-overrides.yaml" in readme


def test_long_pages_have_their_own_jump_list(site, report):
    """Indicators, glossary and full text: a list of the page's sections right under the title and intro
    (before the first section), every link landing on an id of the page, every section listed."""
    for lang in LANGUAGES:
        root = lang_dir(site, lang.prefix) / YEAR
        for name in ("indicators", "glossary", "full-text"):
            page = (root / name / "index.html").read_text(encoding="utf-8")
            article = re.search(r'<article class="md-content__inner[^>]*>(.*?)</article>', page, re.S).group(1)
            nav = re.search(r'<nav class="jump[^"]*" aria-label="[^"]+" data-search-exclude>(.*?)</nav>', article, re.S)
            assert nav, (lang.code, name)
            assert nav.start() < article.find("<h2"), (lang.code, name)
            targets = re.findall(r'href="#([^"]+)"', nav.group(1))
            ids = set(re.findall(r'\bid="([^"]+)"', article))
            assert targets and set(targets) <= ids, (lang.code, name, set(targets) - ids)
            if name == "indicators":
                assert targets == re.findall(r'<h2[^>]*\bid="([^"]+)"', article)
            if name == "full-text":
                headings = re.findall(r'<h[23] id="(p\d{3})"', article)
                assert set(headings) <= set(targets) and len(targets) >= 20


def test_404_page_loads_its_language_script(site, site_url):
    root = urlparse(site_url).path
    for lang in LANGUAGES:
        text = (lang_dir(site, lang.prefix) / "404.html").read_text(encoding="utf-8")
        head = text.split("</head>", 1)[0]
        script = re.search(r'<script src="([^"]+)" data-root="([^"]*)" data-here="([^"]*)" data-prefixes="([^"]*)"></script>', head)
        assert script, lang.code
        assert script.group(1) == f"{root}{lang.prefix}assets/not-found.js"
        assert script.groups()[1:] == (root, lang.prefix, "zh-Hant/ en/")
        assert (lang_dir(site, lang.prefix) / "assets" / "not-found.js").is_file()


def test_section_figures_are_a_table(site, report):
    """Each figure of the section is a table row (growth rates sit in their figure's row)."""
    figures = [f for f in report.figures if f.paragraph == "p009"]
    ids = {f.id for f in figures}
    rows = [f for f in figures if not (f.of and f.of in ids)]
    for lang in LANGUAGES:
        html = (lang_dir(site, lang.prefix) / YEAR / "review" / "economy" / "index.html").read_text(encoding="utf-8")
        table = re.search(r"<table>.*?</table>", html, re.S)
        assert table, lang.code
        assert table.group(0).count("<tr>") == len(rows) + 1


def test_a_figures_heading_always_has_its_table(site, report):
    """A section without figures has no "Figures" block (the review found empty 数据 blocks saying 本节没有数字);
    every Figures heading is followed by its table, and the sections without figures exist in the real data."""
    labels = {"zh": "数据", "zh-Hant": "數字", "en": "Figures"}
    for lang in LANGUAGES:
        headed = bare = 0
        for page in html_pages(site, lang.prefix):
            html = page.read_text(encoding="utf-8")
            for after in re.findall(rf"<h3[^>]*>{labels[lang.code]}</h3>\s*(.{{0,120}})", html, re.S):
                headed += 1
                bare += not after.startswith('<div class="table-wrap"')
        assert headed > 0 and bare == 0, (lang.code, headed, bare)
        review = (lang_dir(site, lang.prefix) / YEAR / "review" / "index.html").read_text(encoding="utf-8")
        opening = review[review.index("<h3"):review.index('<details class="quote"')]  # the part's own block
        assert not re.search(rf"<h3[^>]*>{labels[lang.code]}</h3>", opening), lang.code  # gives no figures


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_sharing_image_per_language(site, site_url, lang):
    """og:image and twitter:image: the language's own 1200 x 630 PNG, by absolute URL, on every page."""
    import struct

    image = f"{site_url}{lang.prefix}assets/social/{lang.code}.png"
    for page in real_pages(site, lang.prefix):
        metas = {a.get("property") or a.get("name"): a.get("content") for tag, a in parse(page).links if tag == "meta"}
        assert metas["og:image"] == image and metas["twitter:image"] == image, page
        assert metas["twitter:card"] == "summary_large_image"
    png = (lang_dir(site, lang.prefix) / "assets" / "social" / f"{lang.code}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1200, 630)
    shipped = {p.name for p in (lang_dir(site, lang.prefix) / "assets" / "social").iterdir()}
    assert shipped == {f"{lang.code}.png"}


def test_sharing_images_match_the_data():
    """The committed PNGs were drawn from the current title and headline figures (else: make social)."""
    import social

    assert [code for code, _ in social.stale()] == [], "run `make social` and commit docs/assets/social/"


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_feed_of_status_changes(site, site_url, lang, report):
    """Each language has a valid Atom feed under its own URL, linked from every page's <head> and the commitments page."""
    from atomcheck import atom_problems, entries

    base = site_url + lang.prefix
    xml = (lang_dir(site, lang.prefix) / "feed.xml").read_text(encoding="utf-8")
    assert atom_problems(xml, base) == []
    from sitegen import tracking

    histories = [i.tracking.history for i in report.commitments.items] + [t.history for t in report.tracking]
    records = tracking.tracked_commitments(report) + tracking.tracked_targets(report)
    overdue = tracking.summary(records, tracking.today()).overdue  # one entry each, besides the history's
    assert len(entries(xml)) == sum(len(h) for h in histories) + overdue
    for page in real_pages(site, lang.prefix):
        feeds = [a for tag, a in parse(page).links if tag == "link" and a.get("type") == "application/atom+xml"]
        assert [(a["rel"].split(), a["href"]) for a in feeds] == [(["alternate", "feed"], base + "feed.xml")], page
        assert feeds[0]["title"]
    links = [a["href"] for tag, a in parse(lang_dir(site, lang.prefix) / YEAR / "commitments" / "index.html").links
             if tag == "a" and a.get("href", "").endswith("feed.xml")]
    assert links == ["../../feed.xml"]


def test_commitments_and_targets_pages_show_every_record(site, report):
    """Each listed matter (commitments page) and each tracked target (targets page): its status, whether anyone
    has reviewed it, a timeline entry per history entry. The targets' old addresses on the commitments page
    (#targets, #<target>, #<target>-entry-N) still land there, beside a link to the targets page."""
    from sitegen.dates import prose_date as format_date

    for lang in LANGUAGES:
        root = lang_dir(site, lang.prefix) / YEAR
        matters = [(i.id, i.tracking) for i in report.commitments.items]
        targets = [(t.figure.replace("_", "-"), t) for t in report.tracking]
        assert len(matters) + len(targets) == 14
        for page, records, first in (("commitments", matters, "pledged"), ("targets", targets, "set")):
            html = (root / page / "index.html").read_text(encoding="utf-8")
            ids = parse(root / page / "index.html").ids
            for anchor, record in records:
                assert anchor in ids
                for n in range(1, len(record.history) + 1):
                    assert f"{anchor}-entry-{n}" in ids, (lang.code, anchor, n)
            shown = html.count(f'class="status status-{first}"') + html.count(f'class="status status-{first}-strive"')
            assert shown == 2 * len(records)  # current status and the first entry
            assert html.count(format_date(report.meta.date, lang.text_field)) >= len(records) * 2  # entry, source
            assert html.count('class="tracking-summary"') == 1
        old = parse(root / "commitments" / "index.html")
        for anchor, record in targets:
            assert anchor in old.ids and f"{anchor}-entry-{len(record.history)}" in old.ids
            assert ("a", f"../targets/#{anchor}") in [(tag, a.get("href")) for tag, a in old.links]
        assert "targets" in old.ids


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_a_strict_policy(site):
    """A Content-Security-Policy first in <head> of every page: the site's own files, inline scripts by hash."""
    from sitegen import csp

    pages = all_html(site)
    assert len(pages) > 80
    for path in pages:
        text = path.read_text(encoding="utf-8")
        policy = csp.page_policy(text)
        assert policy, f"{path}: no Content-Security-Policy"
        assert text.count('http-equiv="Content-Security-Policy"') == 1, path
        meta = text.index('http-equiv="Content-Security-Policy"')
        assert meta < text.index("<script") and meta < text.index("<link") and meta < text.index("<title"), path
        directives = {d.split()[0]: d.split()[1:] for d in policy.split(";")}
        assert directives["default-src"] == ["'self'"]
        for name in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
            sources = directives[name]
            assert sources[0] == "'self'", (path, name)
            assert all(s == "'self'" or re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", s)
                       or (name, s) in {("img-src", "data:"), ("style-src", "'unsafe-hashes'")} for s in sources), \
                (path, name, sources)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        if not is_redirect(path):  # a redirect page at an old address has one script of its own
            assert len(directives["script-src"]) >= 4  # Material's inline scripts and ours, each by its hash
        problems = csp.missing_hashes(text)
        assert not problems, csp.explain(str(path.relative_to(site)), problems)


def test_a_script_added_after_the_build_is_caught_with_what_to_run(site):
    from sitegen import csp

    text = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert csp.missing_hashes(text) == []
    tampered = text.replace("</head>", "<script>alert(1)</script><p style=\"color: red\"></p></head>", 1)
    missing = csp.missing_hashes(tampered)
    assert missing == [f"script {csp.sha256('alert(1)')}", f"style attribute {csp.sha256('color: red')}"]
    assert csp.explain("en/index.html", missing).splitlines()[0] == (
        f"en/index.html: script {csp.sha256('alert(1)')} is not allowed by the page's Content-Security-Policy; "
        "the hashes are computed at build time by scripts/hooks.py (on_post_page, sitegen/csp.py): rebuild with "
        "`make site`; a script added to the page after that hook (or by hand) is refused, so put it in "
        "overrides/main.html or in a file under docs/assets/")
    # data blocks are not scripts: Material's JSON configuration needs no hash
    assert csp.missing_hashes(text.replace("</head>", '<script type="application/json">{}</script></head>', 1)) == []


def test_theme_names_read_in_the_page_language(site):
    """Traditional review m3, m7: the previous/next links are named with a full-width colon on Chinese pages
    (「上一頁：概覽」, not Material's 「上一頁: 概覽」), and the logo has no English alt text ("logo")."""
    named = 0
    for lang in LANGUAGES:
        for page in html_pages(site, lang.prefix):
            text = page.read_text(encoding="utf-8")
            assert 'alt="logo"' not in text, page
            for label in re.findall(r'class="md-footer__link md-footer__link--(?:prev|next)" aria-label="([^"]*)"', text):
                named += 1
                if lang.is_chinese:
                    assert "：" in label and ": " not in label, (page, label)
                else:
                    assert ": " in label, (page, label)
    assert named > 60
