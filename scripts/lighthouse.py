"""Command-line entry: Lighthouse (mobile) scores for the main page types of every language.

    python scripts/lighthouse.py [--runs N]

Builds the site, serves it like GitHub Pages (`pages_server`: subpath, gzip)
and runs npm Lighthouse (node_modules/.bin/lighthouse, mobile form factor and
simulated slow 4G, its defaults) with Debian's Chromium on the home page, a
section page, indicators/ and full-text/ of each language. Prints a table of
the four category scores and the main metrics; with --runs N, each cell is the
median of N runs. The JSON reports go to build/lighthouse/.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import CHROMIUM, PAGE_TYPES, ROOT, built_site  # noqa: E402
from sitegen.languages import LANGUAGES  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
AUDITED = ("home", "section", "indicators", "full-text")
REPORTS = ROOT / "build" / "lighthouse"


def audit(url: str, name: str) -> dict:
    """Run Lighthouse once on `url`; returns {category: score 0-100, metric: display value, failed: [...]}."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    out = REPORTS / f"{name}.json"
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    row: dict = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    for audit_id, label in METRICS.items():
        row[label] = data["audits"][audit_id]["displayValue"]
    row["failed"] = sorted(
        f"{c}: {ref['id']}" for c in CATEGORIES if c != "performance"
        for ref in data["categories"][c]["auditRefs"]
        if ref["weight"] and (data["audits"][ref["id"]]["score"] is not None)
        and data["audits"][ref["id"]]["score"] < 1)
    return row


def targets(base: str) -> list[tuple[str, str, str]]:
    """(page type, language code, URL) for every audited page."""
    return [(page, lang.code, base + (f"{lang.prefix}/" if lang.prefix else "") + PAGE_TYPES[page])
            for lang in LANGUAGES for page in AUDITED]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; cells are medians")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` (make test does it).")
    try:
        httpd, base = built_site()
    except RuntimeError as e:
        sys.exit(f"the site did not build:\n{e}")
    print(f"Lighthouse mobile, {args.runs} run(s) per page, median; served under {base}\n")
    print("| page | language | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    problems = []
    for page, code, url in targets(base):
        runs = [audit(url, f"{code}-{page}-{i}") for i in range(args.runs)]
        mid = sorted(runs, key=lambda r: r["performance"])[len(runs) // 2]
        scores = [statistics.median(r[c] for r in runs) for c in CATEGORIES]
        cells = " | ".join(f"{s:g}" for s in scores)
        print(f"| {page} | {code} | {cells} | {mid['FCP']} | {mid['LCP']} | {mid['TBT']} | {mid['CLS']} |", flush=True)
        problems += [f"{code} {page}: {f}" for r in runs for f in r["failed"]]
    httpd.shutdown()
    for p in sorted(set(problems)):
        print("failed audit:", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
