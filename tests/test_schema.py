"""Layer 1: schema and content errors give exact messages, every one at once."""
from __future__ import annotations

import pytest

from badinput import CASES, FIXTURE, F, TODAY
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
    assert len(found) == 4, found  # value, kind, unknown qoute, missing quote
    assert all(m.startswith(f"{F}:") for m in found)
