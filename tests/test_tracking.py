"""Tracking records: the statuses and their words, the injected "today", counts and bars, dates as readers write them."""
from __future__ import annotations

import datetime
from typing import get_args

from badinput import FIXTURE, TODAY
from sitegen import dates, schema, tracking
from sitegen.errors import DataError
from sitegen.labels import LABELS_FILE, read_labels
from sitegen.load import parse_report

TABLE = read_labels(LABELS_FILE.read_bytes(), LABELS_FILE.name)


def test_every_status_has_its_words_and_no_other():
    statuses = set(get_args(schema.Status))
    assert statuses == set(tracking.PROGRESS) | set(tracking.FINAL) and len(statuses) == 7
    for prefix in ("status_", "count_"):
        declared = {k.removeprefix(prefix) for k in TABLE if k.startswith(prefix)}
        assert declared == statuses, prefix
    for status in statuses:
        assert "{n}" in TABLE[f"count_{status}"]["en"] and "{n} {unit}" in TABLE[f"count_{status}"]["zh"]


def test_the_pledge_cannot_be_read_as_delivered():
    """The first state says that nothing is known yet; no word of delivery ("as promised", "done") in it."""
    pledged = TABLE["status_pledged"]
    assert "no update yet" in pledged["en"] and "尚无进展更新" in pledged["zh"]
    for word in ("as promised", "done", "delivered", "kept"):
        assert word not in pledged["en"].lower()
    assert "完成" not in pledged["zh"]
    assert TABLE["status_not_achieved"]["zh"] != "未完成"  # reads as "not finished yet", a progress state


def test_today_can_be_injected(monkeypatch):
    monkeypatch.setenv("SITEGEN_TODAY", "2030-06-01")
    assert tracking.today() == datetime.date(2030, 6, 1)
    monkeypatch.delenv("SITEGEN_TODAY")
    assert tracking.today() == datetime.date.today()
    data = FIXTURE.read_bytes()
    parse_report(data, "data/report.yaml", TODAY)  # valid at the end of 2030
    monkeypatch.setenv("SITEGEN_TODAY", "2030-06-01")
    try:
        parse_report(data, "data/report.yaml")
    except DataError as e:
        messages = [p.message for p in e.problems]
    else:
        raise AssertionError("entries after 2030-06-01 were accepted")
    assert "expected a date not after today (2030-06-01), got 2030-12-20" in messages


def test_counts_and_bar_of_the_fixture():
    report = parse_report(FIXTURE.read_bytes(), "data/report.yaml", TODAY)
    matters = tracking.tracked_commitments(report)
    assert tracking.counts(matters) == [("achieved", 1), ("not_achieved", 1), ("on_schedule", 1),
                                        ("behind_schedule", 1), ("stalled", 1), ("pledged", 1)]
    assert tracking.counts(tracking.tracked_targets(report)) == [("achieved", 0), ("partly_achieved", 1),
                                                                 ("on_schedule", 0)]
    bar = tracking.segments(tracking.counts(matters))
    assert [s.status for s in bar] == ["achieved", "not_achieved", "on_schedule", "behind_schedule", "stalled", "pledged"]
    assert abs(sum(s.width for s in bar) - 100) < 0.1 and bar[-1].x + bar[-1].width <= 100.05
    assert tracking.segments([("achieved", 0), ("on_schedule", 0), ("pledged", 6)]) == [tracking.Segment("pledged", 0, 100)]


def test_dates_as_readers_write_them():
    d = datetime.date(2024, 1, 26)
    assert dates.prose_date(d, "en") == "26 January 2024"
    assert dates.prose_date(d, "zh") == "2024 年 1 月 26 日"


def test_the_guides_example_entry_is_valid_and_shows():
    """The README's example (a progress entry on free buses) added to the real data validates and reaches the page."""
    import re
    from pathlib import Path

    from sitegen.labels import labels_for
    from sitegen.render import render_site

    root = Path(__file__).resolve().parent.parent
    guide = (root / "README.md").read_text(encoding="utf-8")
    example = re.search(r"### Record progress on a commitment or a target.*?```yaml\n(.*?)```", guide, re.S).group(1)
    entry = example[example.index("      - date: 2024-07-15"):]
    data = (root / "data" / "report.yaml").read_text(encoding="utf-8")
    pledge = "          quote: 实行巴拉嘎尔高勒镇城市公交全民免费乘坐政策，让发展红利更多惠及群众。\n"
    assert data.count(pledge) == 1
    data = data.replace(pledge, pledge + entry)
    data = data.replace("    tracking:\n      last_checked: 2024-01-26\n      next_review: 2025-02-28\n",
                        "    tracking:\n      last_checked: 2024-07-15\n      next_review: 2024-10-15\n", 1)
    report = parse_report(data.encode("utf-8"), "data/report.yaml", datetime.date(2024, 12, 31))
    bus = report.commitments.items[0].tracking
    assert [e.status for e in bus.history] == ["pledged", "on_schedule"]
    page = next(p for p in render_site(report, "en", labels_for(TABLE, "en")).pages if p.path == "commitments.md")
    assert "Town buses have been free for everyone since 1 March." in page.markdown
    assert "(https://www.example.gov.cn/notice/2024-02-26)" in page.markdown
    assert "5 pledged with no update yet" in page.markdown and "1 on schedule" in page.markdown
