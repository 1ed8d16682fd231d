"""Command-line entry: what a first visit transfers, per page type and language.

    python scripts/measuring/weight.py

Builds the site, serves it like GitHub Pages (gzip), opens each page type of
each language in headless Chromium with an empty cache, waits until the
network is idle and prints the compressed bytes the server sent (response
bodies, the search worker included), split into HTML, CSS, JS, search index,
images and other. The search index comes after the page has loaded, when the
browser is idle (overrides/main.html), so it is in every first visit but never
delays the page; a reader whose browser asks to save data gets it only on
opening search, which is a line of its own. Goal: the page itself (all but the
search index) <= 150 KB for the home page.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]  # the tools, sitegen

from measure import CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES, built_site  # noqa: E402
from searchbench import SAVE_DATA  # noqa: E402
from sitegen.languages import LANGUAGES  # noqa: E402

GOAL_HOME = 150_000
KINDS = ("html", "css", "js", "search index", "images", "other")


def kind_of(path: str) -> str:
    if path.endswith("search_index.json"):
        return "search index"
    if path.endswith((".html", "/")):
        return "html"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    if path.endswith((".svg", ".png", ".ico", ".webp", ".jpg")):
        return "images"
    return "other"


def first_visit(browser, url: str, sent: list) -> dict[str, int]:
    """Bytes per kind the server sent while `url` loaded with an empty cache (workers included)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    sent.clear()
    page.goto(url, wait_until="networkidle")
    sizes = dict.fromkeys(KINDS, 0)
    for path, size in sent:
        sizes[kind_of(path)] += size
    context.close()
    return sizes


def search_index_bytes(browser, url: str, sent: list) -> int:
    """Compressed bytes the server sends once a reader who saves data opens search."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(SAVE_DATA)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    sent.clear()
    with page.expect_request_finished(lambda r: r.url.endswith("search_index.json")):
        page.locator("[data-md-component=search-query]").focus()
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(size for _, size in sent)


def main() -> int:
    from playwright.sync_api import sync_playwright

    sent: list = []
    try:
        httpd, base = built_site(sent=sent)
    except RuntimeError as e:
        sys.exit(f"the site did not build:\n{e}")
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in LANGUAGES:
            root = base + lang.prefix
            for name, path in PAGE_TYPES.items():
                rows.append((name, lang.code, first_visit(browser, root + path, sent)))
            rows.append(("+ opening search (Save-Data)", lang.code, {"search index": search_index_bytes(browser, root, sent)}))
        browser.close()
    httpd.shutdown()

    print("Bytes transferred on a first visit, compressed as served (gzip), 360 px viewport, empty cache.\n")
    print("| page | language | " + " | ".join(KINDS) + " | total |")
    print("|---|---|" + "---:|" * (len(KINDS) + 1))
    over = []
    for name, code, sizes in rows:
        total = sum(sizes.values())
        cells = " | ".join(f"{sizes.get(k, 0):,}" for k in KINDS)
        print(f"| {name} | {code} | {cells} | {total:,} |")
        if name == "home" and total - sizes.get("search index", 0) > GOAL_HOME:
            over.append(code)
    print(f"\nGoal: home page <= {GOAL_HOME:,} B without the search index that follows at idle. " + (f"Over for: {', '.join(over)}." if over else "Met."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
