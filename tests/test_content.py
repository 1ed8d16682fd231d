"""The data itself: the text is the source verbatim, and the content rules hold."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen import quantities, schema
from sitegen import english
from sitegen.schema import PLACEHOLDER

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


def test_english_passes_every_english_rule(report):
    """The English rules (numbers, nouns after figures, hedges, one rendering per name) find nothing."""
    assert list(english.problems(report)) == []


def test_one_spelling_per_name(report):
    for e in english.prose(report):
        for name in report.names:
            for variant in name.avoid:
                assert variant not in e.text, (e.record.pos.path, name.en, variant)


def test_every_paragraph_is_translated_with_all_its_figures(report):
    for p in report.paragraphs:
        assert p.en.strip(), p.id
        used = {fid for _form, fid in PLACEHOLDER.findall(p.en)}
        assert {f.id for f in report.figures if f.paragraph == p.id} <= used, p.id


def test_hedged_targets_keep_their_hedge_in_english(report):
    """Every summary or point whose Chinese says 力争 says strive (or aim, seek) in English."""
    texts = [t for part in report.parts for s in part.sections
             for t in [s.summary, *s.points, *(x.summary for x in s.topics)] if "力争" in t.zh]
    assert texts
    for t in texts:
        assert english.HEDGES["力争"].search(t.en), t.en


@pytest.mark.parametrize("value,unit,qualifier,english", [
    (217, "亿元", None, "21.7 billion yuan"), (6153, "万吨", None, "61.53 million tonnes"),
    (231, "亿度", None, "23.1 billion kWh"), (50980, "元", None, "50,980 yuan"),
    (4.8, "个百分点", None, "4.8 percentage points"), (7.8, "亿元", "about", "about 780 million yuan"),
    (130, "万人次", "over", "over 1.3 million visits"), (54, "位", None, "54th"), (3, "位", "at_most", "top 3"),
    (0.7, "万亩", None, "7,000 mu"), (1.38, "亿元", None, "138 million yuan"), (668, "万元", None, "6.68 million yuan"),
    (1084, "户", None, "1,084 households"), (-2.5, "%", None, "-2.5%"), (10, "%", "at_least", "at least 10%"),
    (290, "亿千瓦时", "over", "over 29 billion kWh"), (616, "万千瓦", None, "6.16 GW"), (30, "万千瓦", None, "300 MW"),
    (100, "万千瓦", None, "1 GW"), (300, "MW", None, "300 MW"), (131, "万头只", None, "1.31 million head of livestock"),
    (1, "位", None, "1st"), (12, "位", None, "12th"), (22, "位", None, "22nd"), (3, "个", None, "3"), (4, "万只", None, "40,000"),
    (65, "蒸吨", "at_least", "at least 65 tonnes of steam per hour"),
])
def test_formatter(value, unit, qualifier, english):
    assert quantities.quantity_en(value, unit, qualifier) == english


def test_formatter_nouns_and_bare_numbers():
    assert quantities.quantity_en(58, "名", None, noun="teachers") == "58 teachers"
    assert quantities.quantity_en(2300, "名", "over", bare=True) == "over 2,300"
    assert quantities.quantity_zh(2300, "名", "over", bare=True) == "2300 余"
    assert quantities.quantity_zh(4, "亿元", "over") == "4 亿余元"
    assert quantities.quantity_zh(3100, "万元", "over") == "3100 余万元"
    assert quantities.hectares_en(10, "万亩") == "about 6,667 hectares"


def test_a_unit_printed_two_ways_shows_one_way():
    """亿度 and 亿千瓦时 are one unit (度 = kWh): the Chinese pages show it one way, the data keeps both."""
    by_size: dict[tuple, set[str]] = {}
    for unit, u in quantities.UNITS.items():
        if u.en and u.multiplier != 1:  # counters of one (名, 人) are words, not units
            shown = quantities.quantity_zh(231, unit).split(" ", 1)[1]
            by_size.setdefault((u.multiplier, u.en, u.dimension), set()).add(shown)
    assert by_size[(100_000_000, "kWh", "energy")] == {"亿千瓦时"}
    assert all(len(forms) == 1 for forms in by_size.values()), by_size
    assert quantities.quantity_zh(231, "亿度") == "231 亿千瓦时"
    assert quantities.quantity_zh(290, "亿千瓦时", "over") == "290 余亿千瓦时"


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


def test_tracking_starts_from_the_report_and_stays_honest(report):
    """Every listed matter and every highlighted or compared target is tracked, and every history opens with
    what the report said (a matter's pledge, a target set in the report): on the report's date, with the
    report's own paragraph as its evidence. A last check is a real one, never the report's own date."""
    from sitegen.tracking import required_targets

    figures = {f.id: f for f in report.figures}
    assert [t.figure for t in report.tracking] == required_targets(report) and len(report.tracking) == 8
    records = [(i.tracking, i.paragraph) for i in report.commitments.items] + \
              [(t, figures[t.figure].paragraph) for t in report.tracking]
    for record, paragraph in records:
        pledge = record.history[0]
        assert pledge.status == ("set" if isinstance(record, schema.TargetTracking) else "pledged")
        assert pledge.date == report.meta.date
        assert record.last_checked is None or record.last_checked > report.meta.date
        assert [(e.paragraph, e.date) for e in pledge.evidence] == [(paragraph, report.meta.date)]
        for later in record.history[1:]:  # progress only with a source outside the report
            assert later.evidence and all(e.url or e.document for e in later.evidence)
