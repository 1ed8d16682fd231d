"""Layer 1: schema and content errors give exact messages, every one at once."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from badinput import CASES, FIXTURE, LABELS, OVERRIDES_FIXTURE, TABLE_CASES, TODAY, F, L, O
from sitegen.errors import DataError
from sitegen.load import parse_report


def messages(data: bytes) -> list[str]:
    try:
        parse_report(data, F, TODAY)
    except DataError as e:
        return [str(p) for p in e.problems]
    return []


def test_fixture_is_valid():
    assert messages(FIXTURE.read_bytes()) == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_message(case):
    text = FIXTURE.read_text(encoding="utf-8")
    broken = case.mutate(text)
    found = messages(broken)
    expected = case.expect(broken.decode("utf-8", errors="replace"))
    assert expected in found, "\n".join(found)


def test_every_problem_is_reported_at_once():
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("value: 12.5", "value: twelve").replace("kind: target", "kind: traget")
    text = text.replace("quote: 粮食 3.2 万吨", "qoute: 粮食 3.2 万吨")
    found = messages(text.encode("utf-8"))
    assert len(found) == 5, found  # value, the kind of both targets, unknown qoute, missing quote
    assert all(m.startswith(f"{F}:") for m in found)


def table_messages(case, text: str) -> list[str]:
    """The problems `make check` finds in a mutated override or labels table (all of them)."""
    from sitegen import convert
    from sitegen.labels import read_labels
    from sitegen.load import parse_overrides

    broken = case.mutate(text)
    try:
        if case.file == "labels":
            read_labels(broken, L)
            return []
        table = parse_overrides(broken, O)
        report = parse_report(FIXTURE.read_bytes(), F, TODAY)
        return [str(p) for p in convert.check_overrides(table.overrides, convert.source_text(report), F, ("s2tw",))]
    except DataError as e:
        return [str(p) for p in e.problems]


def test_the_tables_are_valid():
    assert table_messages(TABLE_CASES[0], OVERRIDES_FIXTURE.read_text(encoding="utf-8")) != []  # the case bites
    for case in TABLE_CASES:
        source = LABELS if case.file == "labels" else OVERRIDES_FIXTURE
        assert table_messages(replace(case, mutate=lambda t: t.encode("utf-8")), source.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("case", TABLE_CASES, ids=[c.name for c in TABLE_CASES])
def test_table_message(case):
    source = LABELS if case.file == "labels" else OVERRIDES_FIXTURE
    text = source.read_text(encoding="utf-8")
    found = table_messages(case, text)
    assert case.expect(case.mutate(text).decode("utf-8")) in found, "\n".join(found)


def test_undeclared_quotation_style_is_located():
    from sitegen import languages

    assert languages.check() == []
    bad = tuple(replace(l, quotes="guillemets") if l.code == "zh-Hant" else l for l in languages.LANGUAGES)
    source = Path(languages.__file__).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(source, 1) if 'quotes="corner"' in text)
    assert [str(p).split(": ", 1)[1] for p in languages.check(bad)] == [
        "LANGUAGES[1].quotes: expected one of the declared quotation styles curly, corner (QUOTE_STYLES), got 'guillemets'"]
    assert str(languages.check(bad)[0]).split(": ")[0].endswith(f"sitegen/languages.py:{line}")


def test_the_guides_short_title_example_and_messages_are_the_real_datas():
    """README: the short-title example is in data/report.yaml as shown; without it, or longer, `make check`
    prints the two messages of the guide's table."""
    import re

    root = Path(__file__).resolve().parent.parent
    guide = (root / "README.md").read_text(encoding="utf-8")
    example = re.search(r"- \*\*Shorten a page's link preview\*\*.*?\n\n((?:      [^\n]*\n)+)", guide, re.S).group(1)
    block = "".join(line[2:] + "\n" for line in example.splitlines())  # the section's indentation in the data
    data = (root / "data" / "report.yaml").read_text(encoding="utf-8")
    assert data.count(block) == 1
    short = re.search(r"short_title:\n +en: (.*)\n", block).group(1)
    rows = {row: re.search(rf"\| {row} \| `([^`]+)` \|", guide).group(1)
            for row in ("a title too long for a link preview", "a short title still too long")}
    without = data.replace(block, re.sub(r" *short_title:\n +en: .*\n", "", block))
    longer = data.replace(block, block.replace(short, "'2024: the environment and its ecology'"))
    for text, row in ((without, "a title too long for a link preview"), (longer, "a short title still too long")):
        with pytest.raises(DataError) as e:
            parse_report(text.encode("utf-8"), F)
        assert [str(p) for p in e.value.problems] == [rows[row]]
