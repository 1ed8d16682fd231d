"""Shared fixtures: the project's paths, one built site served under a subpath."""
from __future__ import annotations

import os
import time
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "scripts" / "measuring")]  # sitegen and the entries; the measuring tools
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from measure import SUBPATH  # noqa: E402

REPO_URL = "https://github.com/example-owner/report-site"  # the test build's edit links
YEAR = "2024/"  # the folder of the real report's pages (sitegen/years.py); its old addresses redirect there
REDIRECT_MARK = '<meta name="robots" content="noindex">'  # a redirect page at an old address (years.redirect_page)
FIXTURE_YEAR = "2030/"  # the folder of the invented report's pages (tests/fixtures/report.yaml: meta.date 2030-01-15)


def is_redirect(path: Path) -> bool:
    """Whether a built HTML file is a redirect page at an address published before the years."""
    with open(path, encoding="utf-8") as handle:
        return REDIRECT_MARK in handle.read(2000)


def wait_until(page, expression: str, timeout: int = 10000) -> None:
    """Poll a JavaScript expression until it is true. Playwright's wait_for_function evaluates its
    predicate with eval, which the pages' Content-Security-Policy (no 'unsafe-eval') refuses."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} ms: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, built once and served on 127.0.0.1 as GitHub Pages would, under /report-site/."""
    from measure import built_site

    out = tmp_path_factory.mktemp("www") / SUBPATH
    httpd, url = built_site(out, repo_url=REPO_URL)
    yield out, url
    httpd.shutdown()


@pytest.fixture(scope="session")
def site(served_site):
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site):
    return served_site[1]


@pytest.fixture(scope="session")
def report():
    from sitegen.load import load_report

    return load_report(ROOT / "data" / "report.yaml")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's headless shell) for every browser test."""
    from playwright.sync_api import sync_playwright

    from measure import CHROMIUM_ARGS, HEADLESS_SHELL

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=HEADLESS_SHELL, args=CHROMIUM_ARGS)
        yield b
        b.close()


def pytest_collection_modifyitems(config, items):
    """The Lighthouse runs first, then the other browser tests, then the rest. `make test` runs
    `-n 2 --dist worksteal`: the first worker gets the first half (Lighthouse and the browser tests), the
    other the second half (no browser), and takes from the first worker's queue when its own is done. So the
    Lighthouse runs never share the machine with the other browser tests (beside them, four pages'
    performance came out at 81-88: README, the tests' times)."""
    items.sort(key=lambda item: (item.get_closest_marker("lighthouse") is None,
                                 item.get_closest_marker("browser") is None))
