"""Command-line entry: build the whole site, all languages, or leave the old one untouched.

    python scripts/build.py [--out site] [--site-url URL]

Validates the data first (one line per problem, exit 1, no traceback), then
runs one MkDocs build per language into a staging folder of its own (next to
`--out`, unique to this build) and swaps it in for `--out` only when every
build succeeded. Swaps are serialised by a lock file, so builds that overlap
each leave a complete site and the last to finish wins. A build killed
half-way leaves the previous site as it was (its staging folder is removed by
the next build); a build that fails outside the data (a full disk, a
permission) prints one line, removes its staging folder and exits 1.
SITEGEN_TODAY (YYYY-MM-DD) replaces today's date for the tracking rule that
no date lies in the future (the tests' report is 2030), and the build's date.

Same commit, same bytes: every date a build writes (the sitemaps, the reviews
the pages and the feed call overdue) is the commit's date, `SOURCE_DATE_EPOCH`
(set from `git log -1` when not given), never the clock; the finished site
lists every file with its sha256 in `SHA256SUMS` at its root
(`sha256sum -c SHA256SUMS`).
"""
from __future__ import annotations

import argparse
import fcntl
import logging
import os
import shutil
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import properdocs.replacement  # noqa: E402,F401  the engine: every mkdocs.* import (Material's, the hooks') is ProperDocs'

from sitegen.checksums import NAME as CHECKSUMS, sha256_list  # noqa: E402
from sitegen.errors import DataError  # noqa: E402
from sitegen.languages import LANGUAGES  # noqa: E402
from sitegen.years import shelf  # noqa: E402


class BuildFailed(Exception):
    """A failure outside the data (a full disk, a permission); its text is the one line printed."""


def _sibling(out: Path, kind: str) -> Path:
    """A name next to `out` that only this process uses: .site.new-<pid>-<random> (or .old-)."""
    return out.with_name(f".{out.name}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}")


def _owner_alive(path: Path) -> bool:
    """Whether the build that made `path` (its pid is in the name) is still running."""
    try:
        pid = int(path.name.rsplit(".", 1)[1].split("-")[1])
    except (IndexError, ValueError):
        return False  # the single .site.new / .site.old of older versions
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


@contextmanager
def swap_lock(out: Path):
    """Hold the lock file next to `out` (.site.lock) while renaming; other builds wait for it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.with_name(f".{out.name}.lock"), "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(out: Path) -> None:
    """Under the lock: put the old site back if a build died between its two renames, and
    remove the staging and old folders of builds that are no longer running."""
    leftovers = [p for p in out.parent.glob(f".{out.name}.*") if p.is_dir() and not _owner_alive(p)]
    olds = sorted((p for p in leftovers if p.name.startswith(f".{out.name}.old")), key=lambda p: p.stat().st_mtime)
    if not out.exists() and olds:
        olds.pop().rename(out)
    for path in leftovers:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def swap_in(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with two renames under the lock; `out` is never half-written."""
    old = _sibling(out, "old")
    with swap_lock(out):
        recover(out)
        if out.exists():
            out.rename(old)
        try:
            staging.rename(out)
        except OSError:
            if old.exists():
                old.rename(out)
            raise
    shutil.rmtree(old, ignore_errors=True)


class _DropPageWriteErrors(logging.Filter):
    """MkDocs logs 'Error building page …: [Errno …]' before re-raising an OSError; build.py
    reports that failure in its own one line, so the duplicate is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Error building page") and "[Errno " in message)


def _describe(error: OSError) -> str:
    what = error.strerror or str(error)
    return f"{what}: {error.filename}" if error.filename else what


def commit_epoch(root: Path) -> str | None:
    """The commit time of HEAD in seconds (the build's date), or None outside a git checkout."""
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True,
                              text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def write_checksums(site: Path) -> None:
    """SHA256SUMS at the site's root: every published file with its sha256."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    text = sha256_list((p.relative_to(site).as_posix(), p.read_bytes()) for p in files)
    (site / CHECKSUMS).write_text(text, encoding="utf-8")


def build_all(out: Path, site_url: str | None, quiet: bool = False) -> dict[str, float]:
    """Build every language into `out`; returns timings. Raises DataError, BuildFailed or SystemExit."""
    from properdocs.commands.build import build
    from properdocs.config import load_config
    from properdocs.exceptions import MkDocsException

    timings: dict[str, float] = {}
    repository = os.environ.get("REPO_URL", "").rstrip("/")
    pipeline = shelf(ROOT, repository, Path(os.environ.get("REPORT_FILE", "data/report.yaml")))
    start = time.perf_counter()
    pipeline.inputs()  # validate before touching anything
    for language in LANGUAGES:
        pipeline.site(language)
    timings["data"] = time.perf_counter() - start

    staging = _sibling(out, "new")
    try:
        with swap_lock(out):
            recover(out)
        staging.mkdir()
        for language in LANGUAGES:
            os.environ["SITE_LANG"] = language.code
            t = time.perf_counter()
            kwargs = {"site_dir": str(staging / language.prefix)}
            if site_url:
                kwargs["site_url"] = site_url
            config = load_config(str(ROOT / "mkdocs.yml"), **kwargs)
            build(config)
            timings[f"mkdocs {language.code}"] = time.perf_counter() - t
        write_checksums(staging)
        swap_in(staging, out)
    except MkDocsException as e:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"error: the site was not built, {out} is unchanged: {e}", file=sys.stderr)
        raise SystemExit(1) from None
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(f"error: the site was not built, {out} is unchanged: {_describe(e)}") from None
    for stage in dict.fromkeys(k for p in pipeline.pipelines for k in p.timings):  # every year's, summed
        timings[stage] = sum(p.timings.get(stage, 0.0) for p in pipeline.pipelines)
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
    for handler in logging.getLogger().handlers:
        handler.addFilter(_DropPageWriteErrors())
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)
    os.environ.setdefault("SITEGEN_CWD", os.getcwd())  # messages name files as the user typed them
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        epoch = commit_epoch(ROOT)
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        else:
            print("note: not a git checkout and SOURCE_DATE_EPOCH unset: dates come from the clock",
                  file=sys.stderr)
    os.chdir(ROOT)
    start = time.perf_counter()
    try:
        timings = build_all(args.out.resolve(), args.site_url)
    except DataError as e:
        print(e, file=sys.stderr)
        print(f"error: {len(e.problems)} problem(s) in the data; the site was not rebuilt.", file=sys.stderr)
        return 1
    except BuildFailed as e:
        print(e, file=sys.stderr)
        return 1
    except OSError as e:  # before any staging folder exists (e.g. the report cannot be read)
        print(f"error: the site was not built: {_describe(e)}", file=sys.stderr)
        return 1
    total = time.perf_counter() - start
    detail = ", ".join(f"{k} {v:.2f}s" for k, v in timings.items())
    print(f"built {len(LANGUAGES)} languages into {args.out} in {total:.2f}s ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
