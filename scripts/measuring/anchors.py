"""Command-line entry: where paragraph links land on a phone, per full text, as a table.

    python scripts/measuring/anchors.py [--dir build/anchors/report-site] [--no-build] [--anchors p012,p040,...]

Builds the site (unless --no-build), serves it under /report-site/, opens each
full text's `#pNNN` on a 360 x 740 touch phone and prints how far the
paragraph's top is from where an anchor should land (its scroll margin,
3.5rem below the top of the window): 0 is exact, a positive number is that
many CSS px below it (the page stopped too early), negative above it. It also
opens the Chinese full text at each anchor, switches to English with the
language selector and prints the same for the English page it arrives at.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import CHROMIUM, CHROMIUM_ARGS, ROOT, SUBPATH, built_site  # noqa: E402

ANCHORS = ["p012", "p040", "p041", "p070"]
LANGS = {"zh": "", "zh-Hant": "zh-Hant/", "en": "en/"}

# The target's top against the reading line (site.css: `:target { scroll-margin-top: 3.5rem }`).
OFFSET = """(id) => {
    const el = document.getElementById(id);
    if (!el) return null;
    const line = 3.5 * parseFloat(getComputedStyle(document.documentElement).fontSize);
    return Math.round(el.getBoundingClientRect().top - line) || 0;
}"""


def landing(browser, url: str, anchor: str, switch_to: str = "") -> int | None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url + "#" + anchor, wait_until="load")
    page.wait_for_timeout(500)
    if switch_to:
        # The selector's link clicked where it is: Playwright's tap would first scroll the page to bring
        # the drop-down's link into view, and the place carried would no longer be the anchor.
        with page.expect_navigation(wait_until="load"):
            page.evaluate(f"document.querySelector('a.md-select__link[hreflang=\"{switch_to}\"]').click()")
        page.wait_for_timeout(500)
    offset = page.evaluate(OFFSET, anchor)
    context.close()
    return offset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "anchors" / SUBPATH)
    parser.add_argument("--no-build", action="store_true", help="serve what --dir already holds")
    parser.add_argument("--port", type=int, default=0, help="with --no-build: the port the site was built for")
    parser.add_argument("--anchors", default=",".join(ANCHORS))
    args = parser.parse_args()
    anchors = args.anchors.split(",")

    from playwright.sync_api import sync_playwright

    if args.no_build:
        from pages_server import start

        httpd, url = start(args.dir, SUBPATH, args.port)
    else:
        httpd, url = built_site(args.dir)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print("| page | " + " | ".join(anchors) + " |")
            print("|---|" + "---:|" * len(anchors))
            for code, prefix in LANGS.items():
                row = [landing(browser, url + prefix + "2024/full-text/", a) for a in anchors]
                print(f"| {code} full-text | " + " | ".join(str(v) for v in row) + " |")
            row = [landing(browser, url + "2024/full-text/", a, switch_to="en") for a in anchors]
            print("| zh -> en (selector) | " + " | ".join(str(v) for v in row) + " |")
            browser.close()
    finally:
        httpd.shutdown()


if __name__ == "__main__":
    main()
