"""Command-line entry: Lighthouse (mobile) scores for the main page types of every language.

    python scripts/measuring/lighthouse.py [--runs N]

Builds the site, serves it like GitHub Pages (`pages_server`: subpath, gzip)
and runs npm Lighthouse (mobile form factor and simulated slow 4G, its defaults;
one Node process and one Chromium for all runs, each run in a fresh browser
context: `Auditor`, lighthouse_worker.mjs) with Debian's Chromium on every page type of
`measure.PAGE_TYPES` in each language (--pages / --langs narrow it). Prints a
table of the four category scores, the main metrics and the DOM size; with
--runs N, each cell is the median of N runs. Then, per page, where the main
thread's time went (Lighthouse's main-thread breakdown and the scripts that
took longest, from the median run). The JSON reports go to build/lighthouse/.
"""
from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import subprocess
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]  # the tools, sitegen

from measure import CHROMIUM, PAGE_TYPES, ROOT, built_site  # noqa: E402
from sitegen.languages import LANGUAGES  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
WORKER = Path(__file__).resolve().parent / "lighthouse_worker.mjs"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu"]
SKIPPED = ("full-page-screenshot", "screenshot-thumbnails", "final-screenshot", "bf-cache")  # weight 0 in every category
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
AUDITED = tuple(PAGE_TYPES)
REPORTS = ROOT / "build" / "lighthouse"


class Auditor:
    """Lighthouse runs one after another in one Node process and one Chromium (lighthouse_worker.mjs).

    `with Auditor() as auditor: auditor.audit(url, name)`; each run gets a fresh browser context, so
    nothing is cached between runs; what is saved is Node's start-up and Chromium's launch (about 5 s
    a run here). The screenshots and the back/forward-cache check are skipped: no score counts them.
    """

    def __init__(self, timeout: float = 180):
        self.timeout = timeout
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Auditor":
        flags = {"onlyCategories": list(CATEGORIES), "skipAudits": list(SKIPPED), "chromeFlags": CHROME_FLAGS}
        self.process = subprocess.Popen(["node", str(WORKER), json.dumps(flags)], cwd=ROOT, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env={**os.environ, "CHROME_PATH": CHROMIUM})
        return self

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def audit(self, url: str, name: str) -> dict:
        """Run Lighthouse once on `url` (the report: build/lighthouse/<name>.json); returns `scores(report)`."""
        REPORTS.mkdir(parents=True, exist_ok=True)
        out = REPORTS / f"{name}.json"
        out.unlink(missing_ok=True)
        self.process.stdin.write(json.dumps({"url": url, "out": str(out)}) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], self.timeout)
        answer = json.loads(self.process.stdout.readline() or '{"error": "the worker stopped"}') if ready else {
            "error": f"no answer in {self.timeout:.0f} s"}
        if "error" in answer or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {answer.get('error', '')[-2000:]}")
        return scores(json.loads(out.read_text(encoding="utf-8")))


def scores(data: dict) -> dict:
    """A Lighthouse report -> {category: score 0-100, metric: display value, failed: [...], ...}."""
    row: dict = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    for audit_id, label in METRICS.items():
        row[label] = data["audits"][audit_id]["displayValue"]
    audits = data["audits"]
    row["DOM"] = audits["dom-size-insight"].get("numericValue", 0)
    row["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    row["breakdown"] = {i["groupLabel"]: i["duration"]
                        for i in audits["mainthread-work-breakdown"].get("details", {}).get("items", [])}
    row["scripts"] = {i["url"].rsplit("/", 1)[-1] or i["url"]: i.get("scripting", 0)
                      for i in audits["bootup-time"].get("details", {}).get("items", [])}
    row["failed"] = sorted(
        f"{c}: {ref['id']}" for c in CATEGORIES if c != "performance"
        for ref in data["categories"][c]["auditRefs"]
        if ref["weight"] and (data["audits"][ref["id"]]["score"] is not None)
        and data["audits"][ref["id"]]["score"] < 1)
    return row


def targets(base: str, pages=AUDITED, langs=None) -> list[tuple[str, str, str]]:
    """(page type, language code, URL) for every audited page (optionally only `pages` / `langs`)."""
    return [(page, lang.code, base + lang.prefix + PAGE_TYPES[page])
            for lang in LANGUAGES if langs is None or lang.code in langs for page in pages]


def breakdown(row: dict) -> str:
    """One line: main-thread milliseconds by category, then the three scripts that ran longest."""
    parts = [f"{k} {v:.0f}" for k, v in sorted(row["breakdown"].items(), key=lambda kv: -kv[1]) if v >= 10]
    top = sorted(row["scripts"].items(), key=lambda kv: -kv[1])[:3]
    return "; ".join(parts) + " | scripts: " + ", ".join(f"{k} {v:.0f}" for k, v in top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; cells are medians")
    parser.add_argument("--pages", default=",".join(AUDITED), help="comma-separated page types")
    parser.add_argument("--langs", default=None, help="comma-separated language codes (default: all)")
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p]
    unknown = [p for p in pages if p not in PAGE_TYPES]
    if unknown:
        sys.exit(f"unknown page type(s) {unknown}; known: {', '.join(PAGE_TYPES)}")
    langs = args.langs.split(",") if args.langs else None
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (make test does it).")
    try:
        httpd, base = built_site()
    except RuntimeError as e:
        sys.exit(f"the site did not build:\n{e}")
    print(f"Lighthouse mobile, {args.runs} run(s) per page, median; served under {base}\n")
    print("| page | language | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | DOM |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    problems, where = [], []
    with Auditor() as auditor:
        for page, code, url in targets(base, pages, langs):
            runs = [auditor.audit(url, f"{code}-{page}-{i}") for i in range(args.runs)]
            mid = sorted(runs, key=lambda r: (r["performance"], -r["tbt_ms"]))[len(runs) // 2]
            medians = [statistics.median(r[c] for r in runs) for c in CATEGORIES]
            cells = " | ".join(f"{s:g}" for s in medians)
            print(f"| {page} | {code} | {cells} | {mid['FCP']} | {mid['LCP']} | {mid['TBT']} | {mid['CLS']} "
                  f"| {mid['DOM']:.0f} |", flush=True)
            problems += [f"{code} {page}: {f}" for r in runs for f in r["failed"]]
            where.append(f"{code} {page}: {breakdown(mid)}")
    httpd.shutdown()
    print("\nMain thread (ms, simulated mobile CPU) of the median run:")
    for line in where:
        print(" ", line)
    for p in sorted(set(problems)):
        print("failed audit:", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
