"""The cross-reference rules (sitegen.crossrefs.RULES) one by one, on the invented fixture report.

Each rule runs on its own (`crossrefs.run(report, rule)`): silent on the fixture as it is, and it alone
reports the defect its bad-input case plants (tests/badinput.py holds the exact messages).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sitegen import crossrefs
from badinput import TODAY
from sitegen.load import parse_report

FIXTURE = Path(__file__).parent / "fixtures" / "report.yaml"
TEXT = FIXTURE.read_text(encoding="utf-8")



@pytest.fixture(scope="module")
def report():
    return parse_report(TEXT.encode("utf-8"), "report.yaml", TODAY)


def test_every_rule_has_a_name_and_a_docstring():
    names = [name for name, _ in crossrefs.RULES]
    assert len(names) == len(set(names)) >= 10
    assert all(rule.__doc__ for _, rule in crossrefs.RULES)


@pytest.mark.parametrize("name", [name for name, _ in crossrefs.RULES])
def test_each_rule_is_silent_on_the_fixture(report, name):
    rule = dict(crossrefs.RULES)[name]
    assert crossrefs.run(report, rule) == []


def test_all_rules_together_are_the_sum_of_each_rule(report):
    assert crossrefs.run(report) == [p for _, rule in crossrefs.RULES for p in crossrefs.run(report, rule)]


def test_a_rule_alone_reports_its_own_defect(report):
    twice = dataclasses.replace(report, paragraphs=[*report.paragraphs, report.paragraphs[0]])
    alone = crossrefs.run(twice, crossrefs.unique_ids)
    assert [p.message for p in alone] == [f"expected a unique paragraph id, got {report.paragraphs[0].id!r} again "
                                          f"(first at line {report.paragraphs[0].pos.line})"]
    assert crossrefs.run(twice, crossrefs.glossary_paragraphs) == []
    no_source = dataclasses.replace(report, meta=dataclasses.replace(report.meta, source_url="http://example.org/x"))
    assert [p.message for p in crossrefs.run(no_source, crossrefs.meta_links)] == [
        "expected an https:// address of the official text, got 'http://example.org/x'"]
