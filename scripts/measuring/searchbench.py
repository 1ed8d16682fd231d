"""Measuring: how long a reader on a slow phone waits for search, from the tap on the magnifier to the first result.

    python scripts/measuring/searchbench.py [--runs N]      (also a row of `make bench`)

Takes the built site (served like GitHub Pages by `measure.built_site`); gives,
per language and per way of loading the search index, the median (min-max) of
N runs of: a page is opened and read for a few seconds, the reader taps the
search button and types a word at once, and the first result shows. The phone
is emulated in headless Chromium as Lighthouse's mobile run does it: 4x CPU
slowdown and 1.6 Mbit/s with 150 ms latency, no cache. Chromium slows only the
page, not the Web Worker in which Material builds the index ("Operation is only
supported for pages, not workers"), so the worker's time is measured too (from
the index handed to it to its "ready") and a second column adds it three more
times for the part of it after the tap: what a worker 4x slower would cost. The
ways compared, in one run:

- "at idle" (what the site does, overrides/main.html): the index is requested
  as soon as the page has loaded and the browser is idle, so that it is there
  before the tap. It costs every visitor the index's bytes, searching or not;
- "on open" (what a reader whose browser asks to save data gets, emulated by
  giving the page `navigator.connection.saveData`): the index is requested
  only when the search box is opened or focused.

The clock runs in the page (performance.now() at the tap, and when the first
result enters the list), so Playwright's own round trips are not counted.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]  # the tools, sitegen

from measure import CHROMIUM, CHROMIUM_ARGS, built_site  # noqa: E402
from sitegen.languages import LANGUAGES  # noqa: E402

QUERY = {"zh": "煤炭", "zh-Hant": "煤炭", "en": "coal"}  # a word of several pages, in each language
PAGE = "2024/review/economy/"  # a section page: what a reader opens from a shared link
READING = 3000  # ms between the page's load and the tap
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
GOAL_MS = 1000

# The page's script (overrides/main.html) skips the request at idle when the browser asks to save data.
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}, configurable: true});"
APPROACHES = {"at idle": None, "on open": SAVE_DATA}

# Records when Material hands the index to its search worker (message type 0, SETUP) and when the worker
# says it is ready (type 1, READY); runs before the page's own scripts.
WORKER_CLOCK = """(() => {
  const clock = window.__worker = {};
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 0 && !clock.setup) clock.setup = performance.now();
    if (!this.__timed) {
      this.__timed = true;
      this.addEventListener('message', e => { if (e.data && e.data.type === 1 && !clock.ready) clock.ready = performance.now(); });
    }
    return post.apply(this, arguments);
  };
})();"""

# Records the time of the first tap on the search button and of the first result in the list.
CLOCK = """() => {
  window.__bench = {};
  const button = document.querySelector('label.md-header__button[for=__search]');
  button.addEventListener('touchstart', () => { window.__bench.tap = window.__bench.tap || performance.now(); },
                          {capture: true, once: true});
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver((_, observer) => {
    if (list.querySelector('.md-search-result__item')) { window.__bench.result = performance.now(); observer.disconnect(); }
  }).observe(list, {childList: true, subtree: true});
}"""


def throttle(session) -> None:
    """Slow 4G and a 4x slower CPU on one target (the page, or its search worker)."""
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    session.send("Network.emulateNetworkConditions", SLOW_4G)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})


def one_search(browser, url: str, query: str, init_script: str | None) -> tuple[float, float]:
    """Milliseconds from the tap on the search button to the first result on a fresh emulated phone, and the
    same with the worker's time after the tap counted 4x."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    context.add_init_script(WORKER_CLOCK)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    throttle(context.new_cdp_session(page))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(READING)
    page.evaluate(CLOCK)
    page.tap("label.md-header__button[for=__search]")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=60000)
    times, worker = page.evaluate("window.__bench"), page.evaluate("window.__worker")
    context.close()
    waited = times["result"] - times["tap"]
    after_tap = max(0.0, worker["ready"] - max(worker["setup"], times["tap"]))
    return waited, waited + (CPU_SLOWDOWN - 1) * after_tap


def measure(runs: int, base: str) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """{(approach, language code): [(ms, ms with a 4x slower worker) per run]} for the site served at `base`."""
    from playwright.sync_api import sync_playwright

    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in LANGUAGES:
            url = base + lang.prefix + PAGE
            for _ in range(runs):  # the approaches interleaved, so that a busy moment hits both
                for name, script in APPROACHES.items():
                    results.setdefault((name, lang.code), []).append(one_search(browser, url, QUERY[lang.code], script))
        browser.close()
    return results


HEADER = ["| search: tap to first result | language | median | range | worker 4x slower | goal |",
          "|---|---|---:|---:|---:|---|"]


def rows(results: dict[tuple[str, str], list[tuple[float, float]]]) -> list[str]:
    """Markdown table rows: approach, language, median (min-max) in ms, the median with a slow worker, goal."""
    out = []
    for (name, code), values in results.items():
        waited = [v[0] for v in values]
        median, slow = statistics.median(waited), statistics.median(v[1] for v in values)
        out.append(f"| {name} | {code} | {median:.0f} ms | {min(waited):.0f}–{max(waited):.0f} ms | {slow:.0f} ms | "
                   f"≤ {GOAL_MS} ms: {'met' if max(median, slow) <= GOAL_MS else 'not met'} |")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    try:
        httpd, base = built_site()
    except RuntimeError as e:
        sys.exit(f"the site did not build:\n{e}")
    print(f"Search on an emulated phone (4x CPU, 1.6 Mbit/s, 150 ms), {args.runs} runs, median (min–max)\n")
    print("\n".join(HEADER))
    for line in rows(measure(args.runs, base)):
        print(line, flush=True)
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
