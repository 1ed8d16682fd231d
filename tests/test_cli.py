"""The command-line entries on bad input: one clear message, exit 1, no traceback, site untouched."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from badinput import CASES, FIXTURE, TODAY_ENV

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


def test_check_passes_on_the_real_data():
    r = subprocess.run(CHECK, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ok: 77 paragraphs")


def test_killed_build_leaves_previous_site(fixture_site):
    before = tree_hash(fixture_site)
    proc = subprocess.Popen([*BUILD, "--data", str(FIXTURE), "--out", str(fixture_site)], cwd=ROOT, env=FIXTURE_ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(1.2)  # inside the MkDocs builds
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert tree_hash(fixture_site) == before


def test_literal_special_characters_on_the_page(fixture_site):
    html = (fixture_site / "en" / "review" / "economy" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; | * {{ x }} show as typed" in html
