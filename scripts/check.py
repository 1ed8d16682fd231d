"""Command-line entry: validate the data without building the site.

    python scripts/check.py [data/report.yaml] [--overrides FILE] [--labels FILE]

Checks every report (data/report.yaml and each data/<year>/report.yaml, or the one file named;
schema and content; a report in a year's folder delivered in that year, one report per year), the Traditional-Chinese override
table (each entry must change what OpenCC writes in the report), the
interface-word table (every word in every language's column) and the
languages' declarations (quotation styles). Prints every problem, one per
line as `FILE:LINE: key.path: expected ...`, and exits 1; or prints counts,
how many tracking records someone has reviewed since the report, and the
records whose next_review has come (how many are overdue: past it, since
when), and exits 0; it warns (still exit 0) when readers would have no way to
report an error (no meta.contact and no REPO_URL). It counts the tracking
entries `make import` proposed that no maintainer has confirmed yet. SITEGEN_TODAY (YYYY-MM-DD)
replaces today's date for the no-date-in-the-future rule and for "overdue".
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from sitegen import languages  # noqa: E402
from sitegen import tracking  # noqa: E402
from sitegen.errors import DataError  # noqa: E402
from sitegen.labels import LABELS_FILE, read_labels  # noqa: E402
from sitegen.load import display_path, load_overrides, load_report, read_bytes  # noqa: E402
from sitegen.pipeline import REPORT, check_overrides, overrides_for  # noqa: E402
from sitegen.years import YEAR_FOLDER, overrides_of, report_files, year_problems  # noqa: E402


NO_CHANNEL = ("warning: readers have no way to report an error: meta.contact is empty and REPO_URL is not set "
              "(the publishing workflow sets it); the site offers no error link and the About page no contact. "
              "Fill in meta.contact (an e-mail address or a form's https:// address that needs no account).")


def check_one(path: Path, overrides_path: Path) -> tuple[list, object, object]:
    """Problems of one report with its override table; the report and the table when loaded."""
    problems = []
    report = overrides = None
    try:
        report = load_report(path)
    except DataError as e:
        problems += e.problems
    try:
        overrides = load_overrides(overrides_path)
    except DataError as e:
        problems += e.problems
    if report is not None and overrides is not None:
        problems += check_overrides(report, overrides, path)
    return problems, report, overrides


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", type=Path, help="the report file (default: data/report.yaml), with "
                        "every <year>/report.yaml beside it; a report in a year's folder alone")
    parser.add_argument("--overrides", type=Path, help="default: the zh-hant-overrides.yaml beside the report, "
                        "else data/zh-hant-overrides.yaml")
    parser.add_argument("--labels", type=Path, default=LABELS_FILE)
    args = parser.parse_args(argv)
    main = (args.report or ROOT / REPORT).resolve()
    # a report in a year's folder alone; the main report (data/report.yaml) with every year's beside it
    paths = [main] if YEAR_FOLDER.fullmatch(main.parent.name) else report_files(main.parent, main)
    problems, checked = list(languages.check()), []
    try:
        read_labels(read_bytes(args.labels), display_path(args.labels))
    except DataError as e:
        problems += e.problems
    for path in paths:
        table = args.overrides or (overrides_for(ROOT, path) if path == main else overrides_of(ROOT, path, main))
        found, report, overrides = check_one(path, table)
        problems += found
        checked.append((path, report, overrides))
    if not problems and len(paths) > 1:
        problems = year_problems([(path, report.meta) for path, report, _ in checked])
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"error: {len(problems)} problem(s); nothing was built.", file=sys.stderr)
        return 1
    for path, report, overrides in checked:
        summarize(path if len(paths) > 1 else None, report, overrides, start)
    if not any(report.meta.contact for _, report, _ in checked) and not os.environ.get("REPO_URL", "").strip():
        print(NO_CHANNEL, file=sys.stderr)
    return 0


def summarize(path: Path | None, report, overrides, start: float) -> None:
    """The counts of one report (named by `path` when there are several) and its tracking records."""
    sections = [s for part in report.parts for s in part.sections]
    name = f"{display_path(path)}: " if path else ""
    print(f"ok: {name}{len(report.paragraphs)} paragraphs, {len(sections)} sections, "
          f"{sum(len(s.topics) for s in sections)} topics, {len(report.figures)} figures, "
          f"{len(report.glossary)} glossary terms, {len(overrides.overrides)} conversion overrides "
          f"({time.perf_counter() - start:.2f}s)")
    records = tracking.tracked_commitments(report) + tracking.tracked_targets(report)
    today = tracking.today()
    due = [t for t in records if t.record.next_review is not None and t.record.next_review <= today]
    late = tracking.summary(records, today)
    overdue = f", {late.overdue} overdue since {late.since.isoformat()}" + ("" if late.same_day else " or later") \
        if late.overdue else ""
    print(f"tracking: {len(records)} records, {sum(len(t.record.history) for t in records)} entries, "
          f"{late.reviewed} reviewed since the report (last_checked), "
          f"{len(due)} due for review (next_review reached{overdue}): {', '.join(t.anchor for t in due) or 'none'}")
    if (n := tracking.proposed(report)):
        print(f"proposed: {n} entries proposed by `make import` (proposed: true) await a maintainer; the site does "
              f"not show them until you confirm each (delete its proposed and matched lines)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
