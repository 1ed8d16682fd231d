"""The command-line entries on bad input: one clear message, exit 1, no traceback, site untouched.

Also builds that overlap, and a build that fails outside the data (a file the disk refuses).
"""
from __future__ import annotations

import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from badinput import CASES, FIXTURE, L, LABELS, O, OVERRIDES_FIXTURE, TABLE_CASES, TODAY_ENV
from conftest import FIXTURE_YEAR
from sitegen.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, str(ROOT / "scripts" / "build.py")]
CHECK = [sys.executable, str(ROOT / "scripts" / "check.py")]
FIXTURE_ENV = {**os.environ, **TODAY_ENV}  # the fixture's tracking dates are in 2030


def tree_hash(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        h.update(str(p.relative_to(path)).encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("fx") / "site"
    r = subprocess.run([*BUILD, "--data", str(FIXTURE), "--out", str(out)], capture_output=True, text=True, cwd=ROOT,
                       env=FIXTURE_ENV)
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_leaves_site_untouched(case, fixture_site, tmp_path):
    before = tree_hash(fixture_site)
    broken = tmp_path / "data" / "report.yaml"
    broken.parent.mkdir()
    broken.write_bytes(case.mutate(FIXTURE.read_text(encoding="utf-8")))
    r = subprocess.run([*BUILD, "--data", str(broken), "--out", str(fixture_site)],
                       capture_output=True, text=True, cwd=tmp_path, env=FIXTURE_ENV)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr + r.stdout
    expected = case.expect(broken.read_bytes().decode("utf-8", errors="replace"))
    assert expected in r.stderr.splitlines(), r.stderr
    assert tree_hash(fixture_site) == before


@pytest.mark.parametrize("case", CASES[:6], ids=[c.name for c in CASES[:6]])
def test_check_reports_and_fails(case, tmp_path):
    broken = tmp_path / "data" / "report.yaml"
    broken.parent.mkdir()
    broken.write_bytes(case.mutate(FIXTURE.read_text(encoding="utf-8")))
    r = subprocess.run([*CHECK, "data/report.yaml"], capture_output=True, text=True, cwd=tmp_path, env=FIXTURE_ENV)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert case.expect(broken.read_bytes().decode("utf-8", errors="replace")) in r.stderr.splitlines()


@pytest.mark.parametrize("case", TABLE_CASES, ids=[c.name for c in TABLE_CASES])
def test_check_reports_table_problems(case, tmp_path):
    """The override and labels tables are checked at `make check` too, with located messages."""
    files = {"report": tmp_path / "data" / "report.yaml", "overrides": tmp_path / O, "labels": tmp_path / L}
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    files["report"].write_bytes(FIXTURE.read_bytes())
    files["overrides"].write_bytes(OVERRIDES_FIXTURE.read_bytes())
    files["labels"].write_bytes(LABELS.read_bytes())
    run = [*CHECK, "data/report.yaml", "--overrides", O, "--labels", L]
    env = {**os.environ, **TODAY_ENV}
    assert subprocess.run(run, capture_output=True, text=True, cwd=tmp_path, env=env).returncode == 0
    source = LABELS if case.file == "labels" else OVERRIDES_FIXTURE
    files[case.file].write_bytes(case.mutate(source.read_text(encoding="utf-8")))
    r = subprocess.run(run, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert case.expect(files[case.file].read_text(encoding="utf-8")) in r.stderr.splitlines(), r.stderr


def test_check_reports_an_undeclared_quotation_style(monkeypatch, capsys):
    from dataclasses import replace

    import check
    from sitegen import languages

    monkeypatch.setattr(languages, "LANGUAGES", tuple(replace(l, quotes="guillemets") if l.code == "zh-Hant" else l
                                                      for l in languages.LANGUAGES))
    assert check.main([]) == 1
    err = capsys.readouterr().err
    assert re.search(r"sitegen/languages\.py:\d+: LANGUAGES\[1\]\.quotes: expected one of the declared quotation "
                     r"styles curly, corner \(QUOTE_STYLES\), got 'guillemets'", err), err


def test_check_passes_on_the_real_data():
    r = subprocess.run(CHECK, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok: 77 paragraphs")


@pytest.mark.slow  # builds the site again (left out of make quick)
def test_killed_build_leaves_previous_site(fixture_site):
    before = tree_hash(fixture_site)
    proc = subprocess.Popen([*BUILD, "--data", str(FIXTURE), "--out", str(fixture_site)], cwd=ROOT, env=FIXTURE_ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(1.2)  # inside the MkDocs builds
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tree_hash(fixture_site) == before


def test_literal_special_characters_on_the_page(fixture_site):
    html = (fixture_site / "en" / FIXTURE_YEAR / "review" / "economy" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; | * {{ x }} show as typed" in html


def pages_per_language(site: Path) -> dict[str, set[str]]:
    """Each language's pages (index.html paths below its root); the root language excludes the others."""
    others = {l.prefix.rstrip("/") for l in LANGUAGES if l.prefix}
    found = {}
    for lang in LANGUAGES:
        root = site / lang.prefix
        found[lang.code] = {p.relative_to(root).as_posix() for p in root.rglob("index.html")
                            if lang.prefix or p.relative_to(root).parts[0] not in others}
    return found


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*") if p.is_dir())


@pytest.mark.slow  # builds the site again (left out of make quick)
def test_overlapping_builds_leave_a_complete_site(fixture_site, tmp_path):
    """Two builds started at once into the same folder: both succeed and every page of every language is there."""
    expected = pages_per_language(fixture_site)
    assert all(len(found) > 5 for found in expected.values()), expected
    out = tmp_path / "site"
    builds = [subprocess.Popen([*BUILD, "--data", str(FIXTURE), "--out", str(out)], cwd=ROOT, env=FIXTURE_ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for build in builds:
        _, err = build.communicate(timeout=300)
        assert build.returncode == 0, err
    assert pages_per_language(out) == expected
    assert leftovers(out) == []


@pytest.mark.slow  # builds the site again (left out of make quick)
def test_a_build_killed_half_way_leaves_no_staging_after_the_next(fixture_site, tmp_path):
    out = tmp_path / "site"
    proc = subprocess.Popen([*BUILD, "--data", str(FIXTURE), "--out", str(out)], cwd=ROOT, env=FIXTURE_ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not leftovers(out) and time.monotonic() < deadline:  # wait until it is inside the MkDocs builds
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert leftovers(out), "the build was killed before it made its staging folder"
    r = subprocess.run([*BUILD, "--data", str(FIXTURE), "--out", str(out)], capture_output=True, text=True, cwd=ROOT,
                       env=FIXTURE_ENV)
    assert r.returncode == 0, r.stderr
    assert leftovers(out) == []
    assert pages_per_language(out) == pages_per_language(fixture_site)


@pytest.mark.slow  # builds the site again (left out of make quick)
def test_a_failure_outside_the_data_prints_one_line_and_leaves_the_site(fixture_site):
    """The build may write no file larger than 40 kB (RLIMIT_FSIZE): the OS refuses a write, as a full disk would."""
    before = tree_hash(fixture_site)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    r = subprocess.run([*BUILD, "--data", str(FIXTURE), "--out", str(fixture_site)], capture_output=True, text=True,
                       cwd=ROOT, env=FIXTURE_ENV, preexec_fn=small_files)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"error: the site was not built, {fixture_site} is unchanged: File too large: "), lines
    assert leftovers(fixture_site) == []
    assert tree_hash(fixture_site) == before
