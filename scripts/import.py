"""Command-line entry: import a report's text into a draft report file, then print what is left to do.

    python scripts/import.py SOURCE --year YEAR [--out FILE] [--force] [--glossary-from FILE] [--previous FILE]

SOURCE is the report's text as a PDF's text dump gives it (like
data/source.txt: page numbers, running lines, lines broken mid-sentence);
YEAR is the year the report plans for (the 2025 report reviews 2024). The
draft goes to --out, by default data/YEAR/report.yaml, in the schema of
data/report.yaml: it passes `make check` as written (the importer validates
it before writing), and SOURCE is copied beside it as source.txt (the report
keeps its own text beside its data, as data/report.yaml has data/source.txt);
the site builds every data/YEAR/report.yaml beside data/report.yaml, its pages
under YEAR/ (sitegen/years.py). Its glossary terms and names are those of --glossary-from
(default data/report.yaml) that occur in the text. Prints the checklist.

The settlement: the new report's review states results for the targets and
matters of the previous report (--previous, by default data/report.yaml);
the verdicts it proposes go to settlement.yaml beside the draft (never over
an existing one unless --force), to confirm and paste into the previous
report (importer/settle.py). A previous report whose planned year the new
report does not review is refused with a located message when --previous is
given, and the settlement skipped (the checklist says why) by default.

If some entries of data/zh-hant-overrides.yaml do not occur in the new text, a
table of the entries that apply is written beside the draft (never over an
existing one): `make check` uses the table beside a report.

Refuses, with a located message, exit 1 and nothing written: a missing,
empty or binary SOURCE, a text without the report's numbering, a YEAR that
is the current report's (data/report.yaml), and an existing --out unless
--force.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from sitegen.errors import DataError, Problem  # noqa: E402
from sitegen import tracking  # noqa: E402
from sitegen.importer import draft, overrides, settle, text  # noqa: E402
from sitegen.load import display_path, load_overrides, load_report, parse_report  # noqa: E402
from sitegen.pipeline import OVERRIDES, REPORT  # noqa: E402

SOURCE_TEXT = "source.txt"  # the name of a report's text beside its data (data/source.txt, data/2025/source.txt)


def fail(problems: list[Problem] | Problem | str) -> int:
    for p in problems if isinstance(problems, list) else [problems]:
        print(p, file=sys.stderr)
    print("error: nothing was written.", file=sys.stderr)
    return 1


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the report's text (a PDF's text dump)")
    parser.add_argument("--year", required=True, help="the year the report plans for, e.g. 2025")
    parser.add_argument("--out", type=Path, help="where the draft goes (default: data/YEAR/report.yaml)")
    parser.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    parser.add_argument("--glossary-from", type=Path, default=ROOT / REPORT,
                        help="the report whose glossary and names the draft links (default: data/report.yaml)")
    parser.add_argument("--previous", type=Path, help="the report whose targets and matters the new report's review "
                        "settles (default: data/report.yaml; given, a year that does not follow is refused)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    if args.source == Path(".") or args.source.is_dir():
        return fail(f"SOURCE: expected the report's text file (make import SOURCE=file.txt YEAR=2025), "
                    f"got {'nothing' if args.source == Path('.') else 'the folder ' + str(args.source)}")
    if not args.year.isdigit() or not 1949 <= int(args.year) <= 2100:
        return fail(f"--year: expected the year the report plans for (like 2025), got {args.year!r}")
    year = int(args.year)
    out = args.out or ROOT / "data" / str(year) / "report.yaml"
    source = display_path(args.source)
    if out.exists() and not args.force:
        return fail(f"{display_path(out)}: expected a new file, it already exists; give another OUT, or --force "
                    f"(FORCE=1) to overwrite it")
    try:
        reference = load_report(args.glossary_from)
    except DataError as e:
        return fail(e.problems)
    if year == reference.meta.year_planned:
        line, key = reference.meta.pos.at("year_planned")
        return fail(Problem(reference.pos.file, line, key, f"the report for {year} already exists here; "
                                                           f"expected the year of another report, got {year}"))
    try:
        data = args.source.read_bytes()
    except OSError as e:
        return fail(f"{source}: expected a readable text file, got: {e.strerror}")
    try:
        previous = reference if args.previous is None or args.previous.resolve() == args.glossary_from.resolve() \
            else load_report(args.previous)
    except DataError as e:
        return fail(e.problems)
    try:
        result = draft.draft(text.decode(data, source), source, year, reference)
        settled = settle.settle(result, source, previous, strict=args.previous is not None)
    except text.ImportProblem as e:
        return fail(e.problem)
    proposed = settle.problems(settled, previous, max(tracking.today(), result.data["meta"]["date"]))
    if proposed:  # an importer bug, never the maintainer's: say so
        return fail([*proposed, "the importer proposed an entry the validator refuses (a bug of the importer)"])
    settlement = out.parent / "settlement.yaml"
    kept_source = out.parent / SOURCE_TEXT  # the report's own text beside its data, as data/source.txt is
    taken = taken_file(kept_source, data, settlement, settled.skipped, args.force)
    if taken:
        return fail(taken)
    written = draft.to_yaml(result, source).encode("utf-8")
    try:
        report = parse_report(written, display_path(out))
        table = load_overrides(ROOT / OVERRIDES)
    except DataError as e:  # an importer bug, never the maintainer's: say so
        return fail([*e.problems, "the importer wrote a draft the validator refuses (a bug of the importer)"])
    kept = overrides.applicable(report, table, out)
    beside = out.parent / OVERRIDES.name
    files = {out: written, kept_source: data}
    if len(kept) < len(table.overrides) and not beside.exists():
        files[beside] = overrides.to_yaml(kept).encode("utf-8")
    if not settled.skipped:
        files[settlement] = settle.to_yaml(settled, source, year).encode("utf-8")
    write_all(files)
    print("\n".join(draft.checklist(result, display_path(out))[:-1]))
    print(overrides_line(len(kept), len(table.overrides), beside, beside in files))
    print("\n".join(settle.checklist(settled, display_path(settlement))))
    print(draft.checklist(result, display_path(out))[-1])
    return 0


def taken_file(kept_source: Path, text: bytes, settlement: Path, skipped: bool, force: bool) -> str | None:
    """The message for a file beside the draft that the import would overwrite without --force, or None."""
    if force:
        return None
    if kept_source.exists() and kept_source.read_bytes() != text:
        return (f"{display_path(kept_source)}: expected a new file for the report's text, it already exists with "
                f"another text; give another OUT, or --force (FORCE=1) to overwrite it")
    if not skipped and settlement.exists():
        return (f"{display_path(settlement)}: expected a new file for the settlement, it already exists; give "
                f"another OUT, or --force (FORCE=1) to overwrite it")
    return None


def write_all(files: dict[Path, bytes]) -> None:
    """Each file through a temporary one and a rename: none is ever half-written."""
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(data)
        partial.replace(path)


def overrides_line(kept: int, total: int, beside: Path, written: bool) -> str:
    """The checklist's line on the Traditional-Chinese override table."""
    where = display_path(beside)
    if kept == total:
        return f"[ ] conversion overrides: all {total} entries of {OVERRIDES} apply; read the Traditional pages"
    if written:
        return (f"[ ] conversion overrides: {kept} of {total} entries of {OVERRIDES} apply to this report, written to "
                f"{where}; read the Traditional pages for the entries it needs")
    return (f"[ ] conversion overrides: {where} exists and was kept (only {kept} of {total} entries of {OVERRIDES} "
            f"would apply): check it")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
