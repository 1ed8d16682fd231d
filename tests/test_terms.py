"""Glossary terms on the pages: the matcher finds them as the prose writes them, and the glossary's
anchors do not depend on how the pinyin is spaced or capitalised."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import YEAR
from sitegen import glossary, termmatch
from sitegen.languages import by_code
from sitegen.pipeline import Pipeline
from sitegen.schema import Term, Text

ROOT = Path(__file__).resolve().parent.parent


def term(zh: str, en: str, pinyin: str = "") -> Term:
    return Term(term=zh, pinyin=pinyin, en=en, category="programme", short=Text(zh="", en=""),
                explain=Text(zh="", en=""), paragraphs=[])


def found(matcher: termmatch.Matcher, raw: str) -> list[tuple[str, str]]:
    return [(raw[s:e], t.term) for s, e, t in matcher.find(raw)]


def test_quotation_marks_inside_a_rendering_are_ignored():
    m = termmatch.Matcher([term("中央八项规定", 'the central "eight-point rules"'),
                           term("新形象工程", 'new "vanity projects"')], "en")
    assert found(m, 'We upheld the central "eight-point rules" and fought new "vanity projects".') == [
        ('central "eight-point rules"', "中央八项规定"), ('new "vanity projects"', "新形象工程")]
    assert found(m, "We upheld the central eight-point rules.") == [("central eight-point rules", "中央八项规定")]
    # an opening quote inside the match takes its closing quote into the link
    assert found(m, 'Stop "new vanity projects" now.') == [("new vanity projects", "新形象工程")]


def test_a_plural_matches_but_not_a_longer_word():
    m = termmatch.Matcher([term("口袋公园", "pocket park"), term("低保", "minimum living allowance"),
                           term("草畜平衡", "grass-livestock balance")], "en")
    assert found(m, "Two pocket parks and the minimum living allowances.") == [
        ("pocket parks", "口袋公园"), ("minimum living allowances", "低保")]
    assert found(m, "pocket parking, pocket parkland, grass-livestock balances") == [
        ("grass-livestock balances", "草畜平衡")]


def test_a_hyphen_and_a_space_are_one_and_y_becomes_ies():
    m = termmatch.Matcher([term("自治区", "autonomous region"), term("集体经济", "collective economy"),
                           term("中央八项规定", 'the central "eight-point rules"')], "en")
    assert found(m, "an autonomous-region plan; village collective economies; central eight point rules") == [
        ("autonomous-region", "自治区"), ("collective economies", "集体经济"),
        ("central eight point rules", "中央八项规定")]
    assert found(m, "autonomous-region-level, collective economys") == []  # a longer compound, no such plural


def test_a_chinese_term_keeps_its_case():
    m = termmatch.Matcher([term("帮您办+工改+N", '"We Help You + Project Approval Reform + N"')], "zh")
    assert found(m, "推行帮您办+工改+N服务") == [("帮您办+工改+N", "帮您办+工改+N")]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(ROOT)


@pytest.mark.parametrize("code, words", [
    ("en", ["中央八项规定", "新形象工程", "浑善达克沙地歼灭战", "口袋公园", "低保"]),
    ("zh", ["帮您办+工改+N"]), ("zh-Hant", ["帮您办+工改+N"]),
])
def test_the_review_s_unlinked_terms_are_linked_on_the_pages(pipeline, code, words):
    """glossary-review m12 and m13: each of these terms links to its entry from some page of the real site."""
    report, _, _ = pipeline.inputs()
    site = pipeline.site(by_code(code))
    text = "\n".join(p.markdown for p in site.pages if p.path != "glossary.md")
    linked = set(re.findall(r"glossary\.md#(term-[a-z0-9-]+)", text))
    by_term = {t.term: t for t in report.glossary}
    for w in words:
        assert glossary.term_anchor(by_term[w]) in linked, w


def by_words(pinyin: str, size: int) -> str:
    """The syllable-by-syllable pinyin written by words of `size` syllables, as the orthography does:
    joined, an apostrophe before a syllable that starts with a, o or e, the first word capitalised."""
    out = []
    for chunk in re.split(r"(\s*[,，+–()（）]\s*)", pinyin):
        parts = chunk.split()
        if not parts or not re.match(r"\w", parts[0]):
            out.append(chunk)
            continue
        words = []
        for i in range(0, len(parts), size):
            word = parts[i]
            for syl in parts[i + 1:i + size]:
                word += ("'" if syl[:1] in "aāáǎàoōóǒòeēéěè" else "") + syl
            words.append(word)
        out.append(" ".join(words))
    text = "".join(out)
    return text[:1].upper() + text[1:]


def test_by_words_writes_what_the_orthography_writes():
    assert by_words("zhù láo zhōng huá mín zú", 2) == "Zhùláo zhōnghuá mínzú"
    assert by_words("xī ān", 2) == "Xī'ān"
    assert by_words("gǎn dǎng ēn, tīng dǎng huà", 9) == "Gǎndǎng'ēn, tīngdǎnghuà"


def test_anchors_and_order_do_not_depend_on_how_the_pinyin_is_written(report):
    """Every term of the real data: the anchor and sort key of its pinyin written by words (2, 3 or all
    syllables a word, capitals, apostrophes) are those of the syllable-by-syllable form."""
    from dataclasses import replace

    for t in report.glossary:
        for size in (2, 3, 99):
            other = replace(t, pinyin=by_words(t.pinyin, size))
            assert glossary.term_anchor(other) == glossary.term_anchor(t), (t.pinyin, other.pinyin)
            assert glossary.sort_key(other, "zh") == glossary.sort_key(t, "zh"), (t.pinyin, other.pinyin)
    assert glossary.syllables("Xī'ān xiān fāngàn") == ["xi", "an", "xian", "fan", "gan"]


def test_published_anchors_are_on_the_glossary_page(site):
    """The ids links in the wild point at stay on the built glossary page of every language."""
    published = [line for line in (ROOT / "tests" / "published-glossary-anchors.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(published) > 200
    for prefix in ("", "zh-Hant/", "en/"):
        html = (site / prefix / YEAR / "glossary" / "index.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="(term-[a-z0-9-]+)"', html))
        assert not set(published) - ids, prefix
