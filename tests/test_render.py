"""Layer 2: rendering a small invented report gives exactly the golden Markdown.

Regenerate after an intended change with `UPDATE_GOLDEN=1 make test` and
review the diff like any other change.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.languages import LANGUAGES
from sitegen.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def fixture_pipeline():
    return Pipeline(HERE.parent, "", HERE / "fixtures" / "report.yaml", HERE / "fixtures" / "zh-hant-overrides.yaml")


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
                        HERE / "fixtures" / "zh-hant-overrides.yaml")
    for lang in LANGUAGES:
        about = next(p for p in pipeline.site(lang).pages if p.path == "about.md").markdown
        assert "](https://github.com/owner/my_repo%20%281%29/issues)" in about


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
