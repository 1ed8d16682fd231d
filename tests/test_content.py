"""The data itself: the text is the source verbatim, and the content rules hold."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen import quantities
from sitegen.load import _allowed_numbers, _typed_numbers, english_texts

DATA = Path(__file__).resolve().parent.parent / "data"


def test_paragraphs_are_the_source_verbatim(report):
    """Joined paragraphs == the source text without whitespace and page markers, character for character."""
    source = (DATA / "source.txt").read_text(encoding="utf-8")
    source = re.sub(r"^\s*-\d+-\s*$", "", source, flags=re.M)
    expected = re.sub(r"\s+", "", source)
    actual = re.sub(r"\s+", "", "".join(p.text for p in report.paragraphs))
    assert actual == expected


def test_paragraph_ids_are_sequential(report):
    assert [p.id for p in report.paragraphs] == [f"p{i:03d}" for i in range(1, len(report.paragraphs) + 1)]


def test_every_paragraph_in_exactly_one_section(report):
    owners = {}
    for part in report.parts:
        for s in part.sections:
            for pid in s.paragraphs + [p for t in s.topics for p in t.paragraphs]:
                assert pid not in owners, pid
                owners[pid] = s.id
    assert set(owners) == {p.id for p in report.paragraphs}


def test_sizes(report):
    assert len(report.figures) >= 150
    assert len(report.glossary) >= 50
    kinds = {f.kind for f in report.figures}
    assert {"result", "growth", "target", "commitment"} <= kinds


def test_quotes_occur_in_their_paragraphs(report):
    text = {p.id: p.text for p in report.paragraphs}
    for f in report.figures:
        assert f.quote in text[f.paragraph], f.id


@pytest.mark.parametrize("term", ["两件大事", "两个确立", "两个维护", "三个离不开", "四个与共", "五个认同",
                                  "铸牢中华民族共同体意识", "五个大起底", "旅十条", "蒙速办", "四好农村路",
                                  "旗", "盟", "嘎查", "乌兰牧骑", "那达慕", "乌珠穆沁羊", "浑善达克沙地"])
def test_glossary_has_the_terms_a_newcomer_needs(report, term):
    assert term in {t.term for t in report.glossary}


def test_english_typed_numbers_are_figures_years_or_ordinals(report):
    allowed = _allowed_numbers(report)
    for record, key, text in english_texts(report):
        for n in _typed_numbers(text):
            assert n in allowed, (record.pos.path, key, n)


def test_one_spelling_per_name(report):
    for record, _key, text in english_texts(report):
        for name in report.names:
            for variant in name.avoid:
                assert variant not in text, (record.pos.path, name.en, variant)


@pytest.mark.parametrize("value,unit,qualifier,english", [
    (217, "亿元", None, "21.7 billion yuan"), (6153, "万吨", None, "61.53 million tonnes"),
    (231, "亿度", None, "23.1 billion kWh"), (50980, "元", None, "50,980 yuan"),
    (4.8, "个百分点", None, "4.8 percentage points"), (7.8, "亿元", "about", "about 780 million yuan"),
    (130, "万人次", "over", "over 1.3 million person-times"), (54, "位", None, "54th"),
    (0.7, "万亩", None, "7,000 mu"), (1.38, "亿元", None, "138 million yuan"), (668, "万元", None, "6.68 million yuan"),
    (1084, "户", None, "1,084"), (-2.5, "%", None, "-2.5%"), (10, "%", "at_least", "at least 10%"),
    (290, "亿千瓦时", "over", "over 29 billion kWh"), (616, "万千瓦", None, "6.16 million kW"),
    (300, "MW", None, "300 MW"), (131, "万头只", None, "1.31 million head of livestock"), (1, "位", None, "1st"),
    (12, "位", None, "12th"), (22, "位", None, "22nd"), (3, "个", None, "3"), (4, "万只", None, "40,000"),
])
def test_formatter(value, unit, qualifier, english):
    assert quantities.quantity_en(value, unit, qualifier) == english


def test_formatter_covers_every_unit_in_the_data(report):
    for f in report.figures:
        assert f.unit in quantities.UNITS, f.id
        text = quantities.quantity_en(f.value, f.unit, f.qualifier)
        assert re.search(r"\d", text) and "e+" not in text.lower(), (f.id, text)
        assert quantities.quantity_zh(f.value, f.unit, f.qualifier)


def test_comparisons_pair_results_with_targets(report):
    figures = {f.id: f for f in report.figures}
    assert len(report.comparisons) >= 5
    for c in report.comparisons:
        assert figures[c.target].kind == "target"
        assert figures[c.result].kind in ("result", "growth")
