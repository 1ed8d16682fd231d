"""Command-line entry: draw the sharing images (og:image), one PNG per language.

    python scripts/social.py [--check]

Takes each language's card HTML from the pipeline (sitegen.render.social_card:
title, tagline, three headline figures; Traditional converted like the pages)
and draws it at 1200 x 630 in headless Chromium with the CJK fonts of the
machine. Writes docs/assets/social/<language>.png with the SHA-256 of the HTML
in a PNG text chunk, so the tests can tell when a card no longer matches the
data. A PNG is rewritten only when its HTML changed. Run it after changing the
title or the headline figures; --check only reports stale cards (exit 1).
"""
from __future__ import annotations

import argparse
import hashlib
import struct
import sys
import zlib
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent / "measuring")]  # sitegen; the browser settings

from measure import CHROMIUM, CHROMIUM_ARGS, ROOT  # noqa: E402
from sitegen.languages import LANGUAGES  # noqa: E402
from sitegen.years import shelf  # noqa: E402

CARDS = ROOT / "docs" / "assets" / "social"
KEY = b"sitegen-card-sha256"
WIDTH, HEIGHT = 1200, 630


def card_path(code: str) -> Path:
    return CARDS / f"{code}.png"


def digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def with_text_chunk(png: bytes, key: bytes, value: str) -> bytes:
    """Insert a tEXt chunk right after IHDR (the first chunk, ending at byte 33)."""
    data = key + b"\0" + value.encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    return png[:33] + chunk + png[33:]


def stored_digest(png: bytes) -> str | None:
    at = 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        data = png[at + 8:at + 8 + length]
        if kind == b"tEXt" and data.startswith(KEY + b"\0"):
            return data[len(KEY) + 1:].decode("latin-1")
        at += 12 + length
    return None


def stale() -> list[tuple[str, str]]:
    """(language code, card HTML) for every card whose PNG is missing or drawn from other data."""
    pipeline = shelf(ROOT).latest()  # the latest year's report: the landing page it is shared with
    out = []
    for lang in LANGUAGES:
        html = pipeline.social_card(lang)
        path = card_path(lang.code)
        if not path.exists() or stored_digest(path.read_bytes()) != digest(html):
            out.append((lang.code, html))
    return out


def draw(cards: list[tuple[str, str]]) -> None:
    from playwright.sync_api import sync_playwright

    CARDS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for code, html in cards:
            page.set_content(html, wait_until="load")
            page.evaluate("document.fonts.ready")
            png = page.screenshot(type="png", clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
            card_path(code).write_bytes(with_text_chunk(png, KEY, digest(html)))
            print(f"wrote {card_path(code).relative_to(ROOT)} ({len(png):,} bytes)")
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report cards that no longer match the data")
    args = parser.parse_args()
    cards = stale()
    if args.check:
        for code, _ in cards:
            print(f"{card_path(code).relative_to(ROOT)} does not match the data: run make social", file=sys.stderr)
        return 1 if cards else 0
    if cards:
        draw(cards)
    else:
        print("sharing images are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
