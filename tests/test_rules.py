"""The editorial rules (scripts/sitegen/rules.py): each bites on its bad input (tests/badinput.py RULE_CASES),
and the real data breaks none of them."""
from __future__ import annotations

from collections import Counter

import pytest

from badinput import RULE_CASES
from sitegen import rules


def test_every_rule_has_a_bad_input_case():
    names = {"project-size-as-commitment", "ascii-quote-in-chinese-quotation", "term-without-its-link"}
    assert all(any(f"({n})" in c.name for c in RULE_CASES) for n in names)
    assert any("hedge" in c.name for c in RULE_CASES)  # the hedge rule's extension to labels (english.py)


def test_the_real_data_breaks_no_rule(report):
    assert Counter(rule for rule, *_ in rules.problems(report)) == Counter()


def test_project_sizes_are_context_and_reached_sizes_stay_targets(report):
    """The five project sizes the review found (B M1) are context; a size the report says is to be reached
    (火电总装机规模达到 616 万千瓦) stays a target."""
    kinds = {f.id: f.kind for f in report.figures}
    for fid in ("t_wind_gw_project", "t_wind_replacement", "t_wind_self_use", "t_wind_source_grid", "t_beef_base_head"):
        assert kinds[fid] == "context", fid
    assert kinds["t_thermal_capacity"] == "target"


@pytest.mark.parametrize("text, found", [
    ("报告要求“驰而不息纠治'四风'”。", [("“驰而不息纠治'四风'”", "'")]),
    ("报告要求「纠治\"四风\"」。", [('「纠治"四风"」', '"')]),
    ("报告要求“驰而不息纠治‘四风’”。", []),
    ("Xi'an 不在引号里，“引文”也没有。", []),
])
def test_ascii_quote_inside_a_chinese_quotation(text, found):
    assert rules.ascii_in_quotation(text) == found
