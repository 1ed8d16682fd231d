"""Command-line entry: build the whole site, all languages, or leave the old one untouched.

    python scripts/build.py [--out site] [--site-url URL]

Validates the data first (one line per problem, exit 1, no traceback), then
runs one MkDocs build per language into a staging folder and swaps it in for
`--out` only when every build succeeded. A build killed half-way leaves the
previous site as it was. SITEGEN_TODAY (YYYY-MM-DD) replaces today's date for
the tracking rule that no date lies in the future (the tests' report is 2030).
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from sitegen.errors import DataError  # noqa: E402
from sitegen.languages import LANGUAGES  # noqa: E402
from sitegen.pipeline import shared  # noqa: E402


def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with two renames; `out` is never half-written."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old)


def recover(out: Path) -> None:
    """If a previous run died between the two renames, put the old site back."""
    old = out.with_name(f".{out.name}.old")
    if not out.exists() and old.exists():
        old.rename(out)


def build_all(out: Path, site_url: str | None, quiet: bool = False) -> dict[str, float]:
    """Build every language into `out`; returns timings. Raises DataError or SystemExit."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    timings: dict[str, float] = {}
    repository = os.environ.get("REPO_URL", "").rstrip("/")
    pipeline = shared(ROOT, repository, Path(os.environ.get("REPORT_FILE", "data/report.yaml")))
    start = time.perf_counter()
    pipeline.inputs()  # validate before touching anything
    for language in LANGUAGES:
        pipeline.site(language)
    timings["data"] = time.perf_counter() - start

    recover(out)
    staging = out.with_name(f".{out.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        for language in LANGUAGES:
            os.environ["SITE_LANG"] = language.code
            t = time.perf_counter()
            kwargs = {"site_dir": str(staging / language.prefix)}
            if site_url:
                kwargs["site_url"] = site_url
            config = load_config(str(ROOT / "mkdocs.yml"), **kwargs)
            build(config)
            timings[f"mkdocs {language.code}"] = time.perf_counter() - t
    except MkDocsException as e:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"error: the site was not built, {out} is unchanged: {e}", file=sys.stderr)
        raise SystemExit(1) from None
    swap_in(staging, out)
    for stage, seconds in pipeline.timings.items():
        timings[stage] = seconds
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="where the site goes (default: site/)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or None,
                        help="public URL of the site root, e.g. https://owner.github.io/repo/ (env SITE_URL)")
    parser.add_argument("--data", type=Path, help="the report file (default: data/report.yaml; env REPORT_FILE)")
    args = parser.parse_args(argv)
    if args.data:
        os.environ["REPORT_FILE"] = str(args.data.resolve())
    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    os.environ.setdefault("SITEGEN_CWD", os.getcwd())  # messages name files as the user typed them
    os.chdir(ROOT)
    start = time.perf_counter()
    try:
        timings = build_all(args.out.resolve(), args.site_url)
    except DataError as e:
        print(e, file=sys.stderr)
        print(f"error: {len(e.problems)} problem(s) in the data; the site was not rebuilt.", file=sys.stderr)
        return 1
    total = time.perf_counter() - start
    detail = ", ".join(f"{k} {v:.2f}s" for k, v in timings.items())
    print(f"built {len(LANGUAGES)} languages into {args.out} in {total:.2f}s ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
