"""Command-line entry: validate the data without building the site.

    python scripts/check.py [data/report.yaml]

Prints every problem (schema and content checks), one per line as
`FILE:LINE: key.path: expected ...`, and exits 1; or prints counts, and the
tracking records whose next_review has come, and exits 0. SITEGEN_TODAY
(YYYY-MM-DD) replaces today's date for the no-date-in-the-future rule.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from sitegen import tracking  # noqa: E402
from sitegen.errors import DataError  # noqa: E402
from sitegen.load import load_overrides, load_report  # noqa: E402
from sitegen.pipeline import OVERRIDES, REPORT  # noqa: E402


def main(argv: list[str]) -> int:
    start = time.perf_counter()
    path = Path(argv[0]) if argv else ROOT / REPORT
    problems = []
    report = None
    try:
        report = load_report(path)
    except DataError as e:
        problems += e.problems
    try:
        overrides = load_overrides(ROOT / OVERRIDES)
    except DataError as e:
        problems += e.problems
        overrides = None
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"error: {len(problems)} problem(s); nothing was built.", file=sys.stderr)
        return 1
    sections = [s for part in report.parts for s in part.sections]
    print(f"ok: {len(report.paragraphs)} paragraphs, {len(sections)} sections, "
          f"{sum(len(s.topics) for s in sections)} topics, {len(report.figures)} figures, "
          f"{len(report.glossary)} glossary terms, {len(overrides.overrides)} conversion overrides "
          f"({time.perf_counter() - start:.2f}s)")
    records = tracking.tracked_commitments(report) + tracking.tracked_targets(report)
    due = [t for t in records if t.record.next_review is not None and t.record.next_review <= tracking.today()]
    print(f"tracking: {len(records)} records, {sum(len(t.record.history) for t in records)} entries, "
          f"{len(due)} due for review (next_review reached): {', '.join(t.anchor for t in due) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
