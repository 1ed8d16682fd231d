"""Same commit, same bytes: two builds of one tree, in different folders on different days, are equal.

Each build runs scripts/build.py in its own copy of the project, one under faketime (Debian's
package, installed by scripts/setup-system.sh) 400 days ahead; every published file must be
byte-identical (sitemaps, feeds, sharing images, search indexes, downloads, CSP hashes), and each
site's SHA256SUMS must list exactly its files with their hashes.
"""
from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(".venv", "node_modules", "site", "build", ".site.*", "__pycache__", ".pytest_cache")


def _build(copy: Path, out: Path, faketime: str | None) -> None:
    shutil.copytree(ROOT, copy, ignore=SKIP, symlinks=True)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITEGEN_TODAY", "REPO_URL")}
    env["SITE_URL"] = "https://example.org/repo/"
    command = [sys.executable, str(copy / "scripts" / "build.py"), "--out", str(out)]
    if faketime:
        command = ["faketime", "-f", faketime, *command]
    done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


@pytest.mark.slow
def test_two_builds_on_different_days_in_different_folders_are_byte_identical(tmp_path):
    if shutil.which("faketime") is None:
        pytest.fail("faketime is missing: `make test` installs it (scripts/setup-system.sh)")
    _build(tmp_path / "a" / "project", tmp_path / "a" / "site", None)
    _build(tmp_path / "b" / "elsewhere", tmp_path / "b" / "public", "+400d")
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "public"
    names = _files(first)
    assert names == _files(second)
    assert len(names) > 100 and "sitemap.xml" in names and "en/feed.xml" in names
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert (mismatch, errors) == ([], [])
    listed = {}
    for line in (first / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert sorted(listed) == [n for n in names if n != "SHA256SUMS"]
    for name, digest in listed.items():
        assert hashlib.sha256((first / name).read_bytes()).hexdigest() == digest, name
