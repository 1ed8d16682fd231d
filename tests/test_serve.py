"""Layer 4: `make serve`, the maintainers' live preview, in a real browser.

Runs the preview server on a copy of data/report.yaml: an edit rebuilds and
the open page reloads by itself, nothing rebuilds in a loop, and a broken
file shows its problems on the page while the last good pages stay.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from conftest import YEAR
from measure import live_server, retitle

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def builds(log: list[str]) -> int:
    return sum("Documentation built" in line for line in log)


def quiet_count(log: list[str], quiet: float = 2.5, timeout: float = 30) -> int:
    """The number of builds once none has started for `quiet` seconds (a loop never gets quiet: fails)."""
    deadline = time.monotonic() + timeout
    count, since = builds(log), time.monotonic()
    while time.monotonic() - since < quiet:
        assert time.monotonic() < deadline, f"still rebuilding after {timeout} s: a rebuild loop"
        time.sleep(0.1)
        if builds(log) != count:
            count, since = builds(log), time.monotonic()
    return count


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture()
def report_copy(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "report.yaml", folder / "report.yaml")
    text = (folder / "report.yaml").read_text(encoding="utf-8")
    return folder / "report.yaml", text


def test_edit_reloads_the_page_and_a_broken_file_shows_its_problems(browser, report_copy, monkeypatch):
    report, text = report_copy
    monkeypatch.delenv("REPO_URL", raising=False)  # a site without a repository
    with live_server(report, report.parent) as (url, log):
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + YEAR + "review/economy/")
        assert "ProperDocs" in page.locator('meta[name="generator"]').get_attribute("content")  # the engine
        assert page.locator(".data-errors").count() == 0
        assert page.locator(".md-banner").count() == 0  # no empty strip above the header
        assert page.locator(".footer-source").count() == 1  # the footer names the source ...
        assert page.locator(".footer-report").count() == 0  # ... and offers no error form it does not have

        report.write_text(retitle(text, "（修订）"), encoding="utf-8")
        page.wait_for_function("document.title.includes('（修订）')", timeout=30000)  # reloaded by itself
        settled = quiet_count(log)  # an editor's save may come as two events (truncate, write): two builds
        time.sleep(3)
        assert builds(log) == settled  # then nothing more: no rebuild loop

        report.write_text(text.replace("value: 231\n", "value: [231\n", 1), encoding="utf-8")
        page.wait_for_selector(".data-errors", timeout=30000)
        banner = page.inner_text(".data-errors")
        assert page.locator(".md-banner .data-errors").count() == 1
        assert "report.yaml:" in banner and "expected" in banner
        assert "（修订）" in page.title()  # the last good pages
        assert any("expected" in line and "report.yaml:" in line for line in log)  # and in the terminal

        report.write_text(text, encoding="utf-8")
        page.wait_for_function("!document.title.includes('（修订）')", timeout=30000)
        assert page.locator(".data-errors").count() == 0
        context.close()


def test_a_broken_file_at_start_is_refused(report_copy):
    import subprocess
    import sys

    report, text = report_copy
    report.write_text(text.replace("value: 231\n", "value: [231\n", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "serve.py")], capture_output=True, text=True,
                            env={"REPORT_FILE": str(report), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 1
    assert "report.yaml:" in result.stderr and "Traceback" not in result.stderr
