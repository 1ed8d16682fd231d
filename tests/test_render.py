"""Layer 2: rendering a small invented report gives exactly the golden Markdown.

Regenerate after an intended change with `UPDATE_GOLDEN=1 make test` and
review the diff like any other change.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from badinput import TODAY
from sitegen.languages import LANGUAGES
from sitegen.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def fixture_pipeline():
    return Pipeline(HERE.parent, "", HERE / "fixtures" / "report.yaml", HERE / "fixtures" / "zh-hant-overrides.yaml",
                    today=TODAY)


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_golden(fixture_pipeline, lang):
    site = fixture_pipeline.site(lang)
    for page in site.pages:
        golden = GOLDEN / lang.code / page.path
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(page.markdown, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == page.markdown, golden
    expected = {p.relative_to(GOLDEN / lang.code).as_posix() for p in (GOLDEN / lang.code).rglob("*.md")}
    assert expected == {p.path for p in site.pages}


def test_special_characters_are_escaped(fixture_pipeline):
    site = fixture_pipeline.site(LANGUAGES[2])
    page = next(p for p in site.pages if p.path == "review/economy.md").markdown
    assert r"&lt;b&gt;bold&lt;/b&gt; \| \* \{\{ x \}\}" in page
    assert "<b>" not in page


def test_generator_knows_nothing_of_the_banner():
    """No name of the real report appears in the generator's code or templates."""
    code = HERE.parent / "scripts"
    for path in code.rglob("*"):
        if path.suffix in (".py", ".j2", ".yaml", ".html") and path.is_file():
            text = path.read_text(encoding="utf-8")
            for word in ("乌珠穆沁", "西乌", "Ujimqin", "锡林郭勒", "Xilingol", "白音华"):
                assert word not in text, (path, word)


def test_repository_link_is_a_working_link_target():
    """The issues link on about/ survives Markdown: not escaped, percent-encoded."""
    pipeline = Pipeline(HERE.parent, "https://github.com/owner/my_repo (1)", HERE / "fixtures" / "report.yaml",
                        HERE / "fixtures" / "zh-hant-overrides.yaml", today=TODAY)
    for lang in LANGUAGES:
        about = next(p for p in pipeline.site(lang).pages if p.path == "about.md").markdown
        assert "](https://github.com/owner/my_repo%20%281%29/issues)" in about


FEED_BASE = "https://example.org/report/"  # the fixture feed's site URL


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_feed_golden_and_valid(fixture_pipeline, lang):
    """The Atom feed of status changes: exactly the golden XML, valid Atom, absolute URLs, newest first."""
    from atomcheck import atom_problems, entries, NS

    base = FEED_BASE + lang.prefix
    xml = fixture_pipeline.feed(lang, base)
    golden = GOLDEN / lang.code / "feed.xml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(xml, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == xml, golden
    assert atom_problems(xml, base) == []
    report = fixture_pipeline.inputs()[0]
    histories = [item.tracking.history for item in report.commitments.items] + [t.history for t in report.tracking]
    found = entries(xml)
    # one entry per history entry, the pledges included, and one per review overdue on TODAY (library, t_grain)
    assert len(found) == sum(len(h) for h in histories) + 2
    overdue = [e for e in found if "-overdue-" in e.findtext(f"{NS}id")]
    assert [(e.findtext(f"{NS}updated"), e.find(f"{NS}link").get("href")) for e in overdue] == [
        ("2030-07-31T00:00:00Z", f"{base}commitments/#library"), ("2030-06-30T00:00:00Z", f"{base}targets/#t-grain")]
    dates = [e.findtext(f"{NS}updated") for e in found]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2030-12-20T00:00:00Z"
    for e in found:  # links inside the summaries: our pages absolutely, others by https
        for href in re.findall(r'href="([^"]+)"', e.findtext(f"{NS}summary")):
            assert href.startswith(base) or (href.startswith("https://example.org/") and "/report/" not in href), href
    first = found[0]
    # a target's entry links to the targets page; its id stays the address it had on the commitments page
    assert first.find(f"{NS}link").get("href") == f"{base}targets/#t-output-growth-entry-3"
    assert first.findtext(f"{NS}id") == f"{base}commitments/#t-output-growth-entry-3"


def test_atom_check_catches_what_it_looks_for():
    """The feed check fails on a feed that lacks what Atom requires or points elsewhere (a check that cannot fail is no check)."""
    from atomcheck import atom_problems

    good = ('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>t</title><id>https://x.org/a/feed.xml</id>'
            '<updated>2030-01-01T00:00:00Z</updated><author><name>n</name></author>'
            '<link rel="self" href="https://x.org/a/feed.xml"/>'
            '<entry><title>e</title><id>https://x.org/a/c/#1</id><updated>2030-01-01T00:00:00Z</updated>'
            '<link href="https://x.org/a/c/#1"/></entry></feed>')
    assert atom_problems(good, "https://x.org/a/") == []
    assert atom_problems(good.replace("<id>https://x.org/a/c/#1</id>", ""), "https://x.org/a/") == \
        ["entry 1: 0 atom:id elements, expected 1", "entry 1 id: None is not an absolute URL under https://x.org/a/"]
    assert atom_problems(good, "https://x.org/b/")
    assert atom_problems(good.replace("2030-01-01T00:00:00Z</updated><link", "2030-01-01</updated><link"), "https://x.org/a/")
    assert atom_problems(good.replace("<author><name>n</name></author>", ""), "https://x.org/a/")
    assert atom_problems(good.replace("</feed>", ""), "https://x.org/a/")
def _marked_by_style(markup: str) -> dict[str, str]:
    """What the style sheet marks for each target #fig-ID: the element's text, and the .fq-more right
    after an element whose last child is the target (`.fq:has(> .fq:target:last-child) + .fq-more`)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(f"<p>{markup}</p>")
    text = lambda el: "".join(el.itertext())  # noqa: E731
    marked = {el.get("id")[4:]: text(el) for el in root.iter() if el.get("id", "").startswith("fig-")}
    for parent in root.iter():
        children = list(parent)
        for i, el in enumerate(children):
            following = children[i + 1] if i + 1 < len(children) else None
            last = el[-1] if len(el) else None
            if (following is not None and "fq-more" in following.get("class", "") and last is not None
                    and last.get("id", "").startswith("fig-")):
                marked[last.get("id")[4:]] += text(following)
    return marked


@pytest.mark.parametrize("text,quotes,anchored", [
    ("甲乙丙丁戊", [("a", "乙丙丁"), ("b", "丙")], set()),                      # one inside another
    ("甲乙丙丁戊", [("a", "乙丙"), ("b", "乙丙")], set()),                      # the same words twice
    ("完成续建牧区公路 11 条273 公里", [("n", "续建牧区公路 11 条"), ("km", "牧区公路 11 条273 公里")], set()),
    ("甲乙丙丁戊己庚辛", [("a", "甲乙丙"), ("b", "乙丙丁戊"), ("c", "丁戊己庚")], set()),  # a chain of overlaps
    ("甲乙丙丁戊己庚", [("a", "乙丙丁"), ("d", "乙丙丁"), ("c", "丁戊己")], {"c"}),  # beyond the style sheet
    ("丙甲乙丙", [("x", "丙")], set()),                                        # repeated: the first occurrence
])
def test_each_quote_is_marked_exactly(text, quotes, anchored):
    """Every figure's target marks exactly its quote; a tangle the style sheet cannot mark keeps an anchor."""
    from markupsafe import escape

    from sitegen.quotes import mark_quotes

    markup = mark_quotes(text, quotes, escape)
    assert re.sub(r"<[^>]+>", "", markup) == text
    marked = _marked_by_style(markup)
    for fid, quote in quotes:
        assert f'id="fig-{fid}"' in markup
        assert marked[fid] == ("" if fid in anchored else quote), (fid, markup)
    if ("x", "丙") in quotes:
        assert markup.startswith('<span class="fq" id="fig-x">丙</span>')


def test_every_quote_of_the_report_is_marked_exactly(report):
    """In the real full text, each figure's link target marks its quote, no more and no less."""
    from markupsafe import escape

    from sitegen.quotes import mark_quotes

    for p in report.paragraphs:
        quotes = [(f.id, f.quote) for f in report.figures if f.paragraph == p.id]
        if quotes:
            marked = _marked_by_style(mark_quotes(p.text, quotes, escape))
            assert {fid: marked[fid] for fid, _ in quotes} == dict(quotes), p.id


def test_a_quantity_keeps_its_number_and_unit_together():
    from sitegen.quantities import unbreakable

    nb = "\u00a0"
    assert unbreakable("222 元") == f"222{nb}元"
    assert unbreakable("第 54 位") == f"第{nb}54{nb}位"
    assert unbreakable("21.7 billion yuan") == f"21.7{nb}billion yuan"
    assert unbreakable("over 2,300") == f"over{nb}2,300"
    assert unbreakable("17,000 tonnes of steam per hour") == f"17,000{nb}tonnes of steam per hour"  # long: may wrap


def test_search_index_loses_only_the_joiners_that_split_nothing():
    import json

    from hooks import SEARCH_SEPARATOR
    from sitegen.search import tidy_index

    zwsp = "\u200b"
    doc = {"location": "x/", "title": f"报告{zwsp}全文", "text": f"{zwsp}一年{zwsp}来{zwsp}，{zwsp}我们{zwsp}“{zwsp}两个{zwsp}”。{zwsp} 217 {zwsp}亿元{zwsp}"}
    tidied = json.loads(tidy_index(json.dumps({"config": {}, "docs": [doc]}), SEARCH_SEPARATOR))["docs"][0]
    assert tidied["text"] == f"一年{zwsp}来，我们“两个”。 217 亿元"
    assert tidied["title"] == f"报告{zwsp}全文"
    split = lambda s: [t for t in re.split(SEARCH_SEPARATOR, s) if t]  # noqa: E731
    assert split(tidied["text"]) == split(doc["text"])  # the same tokens: the same results
    english = json.loads(tidy_index(json.dumps({"docs": [{"title": "", "text": f"head ({zwsp}旗长{zwsp})"}]}), r"[\s\-]+"))
    assert english["docs"][0]["text"] == "head (旗长)"


def _term(term: str, pinyin: str, en: str):
    from sitegen import schema

    text = schema.Text(zh="释义", en="Meaning")
    return schema.Term(term=term, pinyin=pinyin, en=en, category="politics", short=text, explain=text,
                       paragraphs=["p001"])


def test_glossary_files_a_term_under_its_own_word():
    """English: no leading article or quotation mark decides the letter; Chinese: toneless pinyin initials."""
    from sitegen import glossary

    terms = [_term("两个维护", "liǎng gè wéi hù", 'the "Two Upholds"'), _term("旗", "qí", "banner"),
             _term("12345热线", "yāo èr sān sì wǔ rè xiàn", "the 12345 hotline"),
             _term("二十大", "èr shí dà", "the 20th CPC National Congress"),
             _term("过紧日子", "guò jǐn rì zi", '"living on a tight budget"'), _term("盟", "méng", "league"),
             _term("嘎查", "gā chá", "gacha"), _term("三北工程", "sān běi gōng chéng", "the Three-North Program"),
             _term("一件事", "yī jiàn shì", "an integrated service"),
             _term("群众路线", "qún zhòng lù xiàn", "the Party's mass line")]
    en = {g.letter: [t.term for t in g.terms] for g in glossary.letters(terms, "en")}
    assert list(en) == ["#", "B", "G", "I", "L", "P", "T"]
    assert en["#"] == ["12345热线", "二十大"] and en["L"] == ["盟", "过紧日子"] and en["P"] == ["群众路线"]
    assert en["T"] == ["三北工程", "两个维护"] and en["I"] == ["一件事"]  # three-north < two upholds
    zh = {g.letter: [t.term for t in g.terms] for g in glossary.letters(terms, "zh")}
    assert list(zh) == ["E", "G", "L", "M", "Q", "S", "Y"]
    assert zh["G"] == ["嘎查", "过紧日子"] and zh["E"] == ["二十大"] and zh["Y"] == ["12345热线", "一件事"]
    assert glossary.anchor("#") == "letter-other" and glossary.anchor("Q") == "letter-q"


def test_link_preview_texts_are_whole_sentences_and_escaped():
    from sitegen import pagemeta

    long = "The economy grew 5.2% in 2023. " * 5 + "Coal output rose."
    assert pagemeta.lead(long, "en") == ("The economy grew 5.2% in 2023. " * 5).strip()  # 154 + 18 > 160
    assert pagemeta.lead("一句很长的话。" * 20, "zh") == "一句很长的话。" * 11  # 77 of at most 80 characters
    assert pagemeta.lead("A first sentence longer than any limit " + "x" * 200 + ". Then more.", "en").endswith("x.")
    head = pagemeta.front_matter('Say "hi" & <go>', "Title: one")
    assert head == ('---\ntitle: "Title: one"\ndescription: "Say &#34;hi&#34; &amp; &lt;go&gt;"\n---\n\n')
    assert pagemeta.front_matter("", None) == ""


def test_link_preview_title_is_the_short_title_only_where_one_is_given():
    """The short title (with the Chinese number) goes to preview_title; the page's title stays whole."""
    from sitegen import pagemeta
    from sitegen.load import parse_report

    from badinput import FIXTURE, TODAY, F

    report = parse_report(FIXTURE.read_bytes(), F, TODAY)
    review, plan = report.parts
    economy, targets = review.sections[1], plan.sections[0]
    assert pagemeta.heading(economy, "zh") == "（一）经济平稳增长" and pagemeta.heading(review, "zh") == "一、2029 年工作回顾"
    assert pagemeta.preview_title(economy, "zh") == "（一）经济" and pagemeta.preview_title(economy, "en") == "2029: the economy"
    assert pagemeta.preview_title(targets, "en") == pagemeta.heading(targets, "en") == "Main targets"  # none given
    assert pagemeta.front_matter("D", "Steady growth", "2029: the economy") == (
        '---\ntitle: "Steady growth"\npreview_title: "2029: the economy"\ndescription: "D"\n---\n\n')
    assert pagemeta.front_matter("D", "Main targets", "Main targets") == '---\ntitle: "Main targets"\ndescription: "D"\n---\n\n'
