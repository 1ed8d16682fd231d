"""Shared by the measuring commands (`make weight`, `make lighthouse`, `make bench`) and the browser tests.

Takes nothing from the data: gives the page types measured, the Chromium
flags that work on a headless root machine, and `built_site()`, which builds
the real site under `build/measure/<subpath>/` with a site_url that matches
the local GitHub Pages stand-in (`pages_server`) and serves it, and
`live_server()`, which runs `make serve`'s server on a copy of the data, and
`retitle()`, the edit both the live-preview test and the benchmark make.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUBPATH = "report-site"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# The browser tests drive Chromium's headless shell: the same Blink engine without the desktop browser
# around it (Playwright's own default for headless runs), a fifth less time than the full browser here;
# the full browser where there is none (scripts/setup-system.sh). Lighthouse and the benchmarks keep
# the full browser.
HEADLESS_SHELL = os.environ.get("HEADLESS_SHELL_PATH") or (
    "/usr/bin/chromium-headless-shell" if Path("/usr/bin/chromium-headless-shell").exists() else CHROMIUM)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]

# page type -> path below a language root; every language has the same paths (the home: the landing page;
# the others: the real report's, in its year's folder)
PAGE_TYPES = {
    "home": "",
    "section": "2024/review/economy/",
    "indicators": "2024/indicators/",
    "full-text": "2024/full-text/",
    "commitments": "2024/commitments/",
    "glossary": "2024/glossary/",
    "about": "2024/about/",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def built_site(out: Path = ROOT / "build" / "measure" / SUBPATH, repo_url: str = "", sent: list | None = None,
               report_file: Path | None = None):
    """Build the site into `out` for the local server and start serving it; returns (server, url).

    `repo_url` sets REPO_URL (the edit links); `sent` is passed to pages_server.start; `report_file`
    (REPORT_FILE) builds another report file (and the years' reports beside it) than data/report.yaml.
    Raises RuntimeError with the build's output if the build fails.
    """
    from pages_server import start

    port = free_port()
    url = f"http://127.0.0.1:{port}/{SUBPATH}/"
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **({"REPO_URL": repo_url} if repo_url else {}),
           **({"REPORT_FILE": str(report_file)} if report_file else {})}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--out", str(out), "--site-url", url],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    if result.returncode != 0:
        raise RuntimeError(result.stderr + result.stdout)
    return start(out, SUBPATH, port, sent)


TITLE_ZH = re.compile(r"^(meta:\n  title:\n    zh: )(.*)$", re.M)


def retitle(report_text: str, suffix: str) -> str:
    """The text of a report.yaml with `suffix` appended to meta.title.zh (shown on every page)."""
    changed, count = TITLE_ZH.subn(lambda m: m.group(1) + m.group(2) + suffix, report_text, count=1)
    if count != 1:
        raise ValueError("report.yaml has no 'meta:\n  title:\n    zh:' lines to edit")
    return changed


@contextmanager
def live_server(report: Path, watch: Path, port: int = 0, timeout: float = 60):
    """Run `make serve`'s server for one language on `report` (a copy), watching `watch`.

    Yields (url, log): `log` is the list of lines the server has printed so far.
    """
    import threading
    import urllib.request

    port = port or free_port()
    env = {**os.environ, "SERVE_ADDR": f"127.0.0.1:{port}", "REPORT_FILE": str(report),
           "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--watch", str(watch)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    def read() -> None:
        for line in process.stdout:
            log.append(line)

    threading.Thread(target=read, daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the live server did not start:\n" + "".join(log)) from None
                time.sleep(0.2)
        yield url, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
