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
    assert statuses == set(tracking.PROGRESS) | set(tracking.FINAL) and len(statuses) == 8
    shown = statuses | {tracking.STRIVE}  # a hedged target's `set`
    assert set(tracking.SHOWN) == shown and set(tracking.SUMMARY_ORDER) == shown
    for prefix in ("status_", "count_"):
        declared = {k.removeprefix(prefix) for k in TABLE if k.startswith(prefix)} - {"overdue", "overdue_mixed"}
        assert declared == shown, prefix
    for status in shown:
        assert "{n}" in TABLE[f"count_{status}"]["en"] and "{n} {unit}" in TABLE[f"count_{status}"]["zh"]


def test_the_first_entry_says_what_the_report_said_and_no_more():
    """A pledge is a pledge, a target is set in the report (a projected target; 力争 -> strive for); none says
    that anything was looked at ("no update yet" claimed a check nobody made) or delivered."""
    first = [TABLE[k] for k in ("status_pledged", "status_set", "status_set_strive")]
    for words in first:
        for word in ("as promised", "done", "delivered", "kept", "update"):
            assert word not in words["en"].lower()
        assert "完成" not in words["zh"] and "更新" not in words["zh"]
    assert "projected target" in TABLE["status_set"]["en"] and "预期目标" in TABLE["status_set"]["zh"]
    assert "預期目標" in TABLE["status_set"]["zh-Hant"]
    assert "strive for" in TABLE["status_set_strive"]["en"] and "力争" in TABLE["status_set_strive"]["zh"]
    assert "力爭" in TABLE["status_set_strive"]["zh-Hant"] and "力争" in TABLE["count_set_strive"]["zh"]
    assert TABLE["not_reviewed"]["en"] == "Not reviewed since the report" and "尚未核查进展" in TABLE["not_reviewed"]["zh"]
    assert "尚未查核進展" in TABLE["not_reviewed"]["zh-Hant"]
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
    targets = tracking.tracked_targets(report)
    assert [t.strive for t in targets] == [False, True]  # 力争 in t_grain's words
    assert tracking.counts(targets) == [("achieved", 0), ("partly_achieved", 1), ("on_schedule", 0), ("set_strive", 1)]
    assert tracking.counts(targets[1:]) == [("set_strive", 1)]  # nothing reviewed: no "0 achieved"
    assert tracking.summary(targets, TODAY) == tracking.Summary(1, 1, datetime.date(2030, 6, 30), True)
    assert tracking.summary(targets, datetime.date(2030, 6, 30)).overdue == 0  # due that day, overdue the next
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
    data = data.replace("    tracking:\n      next_review: 2025-02-28\n",
                        "    tracking:\n      last_checked: 2024-07-15\n      next_review: 2024-10-15\n", 1)
    report = parse_report(data.encode("utf-8"), "data/report.yaml", datetime.date(2024, 12, 31))
    bus = report.commitments.items[0].tracking
    assert [e.status for e in bus.history] == ["pledged", "on_schedule"]
    page = next(p for p in render_site(report, "en", labels_for(TABLE, "en")).pages if p.path == "commitments.md")
    assert "Town buses have been free for everyone since 1 March." in page.markdown
    assert "(https://www.example.gov.cn/notice/2024-02-26)" in page.markdown
    assert "5 pledged" in page.markdown and "1 on schedule" in page.markdown and "0 achieved" in page.markdown


# --- issue 21: what the real data's pages say before and after the date to look again ------------

BEFORE, AFTER = datetime.date(2025, 2, 27), datetime.date(2026, 12, 7)  # next_review of every record: 2025-02-28


def _real_pages(today: datetime.date, lang: str) -> dict[str, str]:
    from pathlib import Path

    from sitegen import feed
    from sitegen.labels import labels_for
    from sitegen.render import SiteInfo, render_site

    root = Path(__file__).resolve().parent.parent
    report = parse_report((root / "data" / "report.yaml").read_bytes(), "data/report.yaml", today)
    labels = labels_for(TABLE, lang)
    pages = {p.path: p.markdown for p in render_site(report, lang, labels, SiteInfo(today=today)).pages}
    pages["feed.xml"] = feed.atom(report, lang, labels, "https://example.org/", lang, today=today)
    return pages


def test_real_data_before_and_after_the_review_date():
    """Built with a fixed "today" on either side of next_review: before, no record is overdue; after, the
    record, the commitments and targets pages, the home page and the feed say since when, and what would
    settle it; nothing ever says "no update yet" or a check on the report's date; no "0 achieved"."""
    settle = "What would settle it: the next government work report, which reports the results of 2024, or " \
             "the 2024 statistical bulletin."
    for today in (BEFORE, AFTER):
        pages = _real_pages(today, "en")
        home, matters, targets, atom = (pages[k] for k in ("index.md", "commitments.md", "targets.md", "feed.xml"))
        for text in (home, matters, targets, atom):
            assert "no update yet" not in text and "Last checked" not in text and "0 achieved" not in text
        assert matters.count("Not reviewed since the report") == 6 and targets.count("Not reviewed since the report") == 8
        assert "6 listed matters: " in home and "6 pledged; none reviewed since the report" in home
        assert "8 tracked targets: " in home and "6 set in the report as projected targets" in home
        assert "2 set in the report as targets to strive for; none reviewed since the report" in targets
        assert "## Coal output (strive for) { #target-coal-output }" in targets
        assert "<title>Coal output: Set in the report (strive for)</title>" in atom
        assert "<title>GRP growth: Set in the report (projected target)</title>" in atom
        late = today == AFTER
        for text, n in ((matters, 6), (targets, 8), (atom, 14)):  # each record; the feed: an entry each
            assert text.count("Review overdue since 28 February 2025") == (n if late else 0)
        for text in (home, matters, targets, atom):
            assert (settle in text) == late
        assert home.count("overdue for review since 28 February 2025") == (2 if late else 0)  # both summaries
        assert ("8 overdue for review since 28 February 2025" in targets) == late
    zh = _real_pages(AFTER, "zh")
    assert "报告发布后尚未核查进展" in zh["targets.md"] and "自 2025 年 2 月 28 日起逾期未复核" in zh["targets.md"]
    assert "8 项自 2025 年 2 月 28 日起逾期未复核" in zh["index.md"] and "煤炭产量（力争）" in zh["index.md"]


def test_home_page_keeps_the_reports_own_list_of_main_targets():
    """p032's main projected targets under the report's heading; coal, power, industrial output (p040) and the
    investment target (p036) under their own heading, coal and industrial output with 力争 -> strive for."""
    en, zh = _real_pages(AFTER, "en")["index.md"], _real_pages(AFTER, "zh")["index.md"]
    main = en[en.index("## Main projected targets for 2024"):en.index("## Other targets for 2024")]
    other = en[en.index("## Other targets for 2024"):en.index("8 tracked targets")]
    assert [line.split(":")[0] for line in main.splitlines() if line.startswith("- ")] == [
        "- GRP growth", "- Fixed-asset investment growth", "- General public budget revenue growth", "- Retail sales growth",
        "- Incomes of urban and rural residents growing faster than the economy (no figure; not tracked)",
        "- Meeting the energy conservation and emission reduction targets assigned by higher authorities "
        "(no figure; not tracked)"]
    assert [line.split(":")[0] for line in other.splitlines() if line.startswith("- ")] == [
        "- Coal output (strive for)", "- Power generation", "- Industrial output value (scope not stated) (strive for)",
        "- Fixed-asset investment"]
    assert "## 2024 年主要预期目标" in zh and "## 2024 年其他目标" in zh and zh.count("（力争）：") == 2
    # p032's two targets without a figure, in its words, under its heading, said to be untracked
    words = zh[zh.index("## 2024 年主要预期目标"):zh.index("## 2024 年其他目标")]
    assert "- 城乡居民收入增速高于经济增速（无具体数字，未跟踪）" in words and "完成上级下达节能减排目标任务" in words


def test_make_check_reports_overdue_records():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for today, expect in ((BEFORE, "0 reviewed since the report (last_checked), 0 due for review (next_review reached): none"),
                          (AFTER, "0 reviewed since the report (last_checked), 14 due for review (next_review reached, "
                                  "14 overdue since 2025-02-28): free-bus, ")):
        out = subprocess.run([sys.executable, str(root / "scripts" / "check.py")], capture_output=True, text=True,
                             env={**os.environ, "SITEGEN_TODAY": today.isoformat()}, check=True).stdout
        assert expect in out, out
