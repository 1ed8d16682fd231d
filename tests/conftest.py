"""Shared fixtures: the project's paths, one built site served under a subpath."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SUBPATH = "report-site"
REPO_URL = "https://github.com/example-owner/report-site"  # the test build's edit links


@pytest.fixture(scope="session")
def server_root(tmp_path_factory):
    """A folder served on 127.0.0.1 as GitHub Pages would: /report-site/ is the built site."""
    from pages_server import start

    root = tmp_path_factory.mktemp("www")
    out = root / SUBPATH
    out.mkdir()
    httpd, url = start(out, SUBPATH)
    yield root, url
    httpd.shutdown()


@pytest.fixture(scope="session")
def site(server_root):
    """Build the real site once, with a site_url that matches the test server."""
    root, url = server_root
    out = root / SUBPATH
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--out", str(out), "--site-url", url],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "REPO_URL": REPO_URL})
    assert result.returncode == 0, result.stderr + result.stdout
    return out


@pytest.fixture(scope="session")
def site_url(server_root, site):
    return server_root[1]


@pytest.fixture(scope="session")
def report():
    from sitegen.load import load_report

    return load_report(ROOT / "data" / "report.yaml")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for every browser test."""
    from playwright.sync_api import sync_playwright

    from measure import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
