"""Command-line entry: how long the maintainers' commands take, as a Markdown table.

    python scripts/measuring/bench.py [--runs N]

Measures, each N times (default 5) and reports the median (min-max):
- the full build of the three languages, cold (no jieba cache, no build/
  cache, a new process) and warm (a new process, caches present), with the
  build's own split: load and validate, render, convert, MkDocs per language;
- `make check` (a new process: what a maintainer waits for);
- `make import` of data/source.txt into a draft (a new process, into a
  temporary file: reading, the stages, validating and writing the draft);
- edit-to-reload under `make serve`: from writing a changed report.yaml (a
  copy) to the open page in headless Chromium showing the change after
  live reload;
- search on an emulated slow phone, from the tap on the magnifier to the first
  result, per language, for the two ways of loading the index compared by
  `searchbench.py` (3 runs each: every run opens a fresh page).
Goals on a 2-core machine: build <= 6 s, check <= 1 s, edit-to-reload <= 3 s,
search <= 1 s.
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]  # the tools, sitegen

import searchbench  # noqa: E402
from measure import CHROMIUM, CHROMIUM_ARGS, ROOT, built_site, live_server, retitle  # noqa: E402

JIEBA_CACHE = Path(tempfile.gettempdir()) / "jieba.cache"
GOALS = {"full build, cold": 6.0, "full build, warm": 6.0, "make check": 1.0, "edit-to-reload (make serve)": 3.0}


def timed_run(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(result.stderr + result.stdout)
    return elapsed, result.stdout


def build_stages(output: str) -> dict[str, float]:
    """The split printed by build.py: '(data 1.11s, mkdocs zh 1.35s, ...)'."""
    inside = output[output.rindex("(") + 1:output.rindex(")")]
    return {name: float(seconds) for name, seconds in re.findall(r"([a-zA-Z][\w -]*?) ([\d.]+)s", inside)}


def bench_builds(runs: int, out: Path) -> tuple[list[float], list[float], dict[str, list[float]]]:
    build = [sys.executable, "scripts/build.py", "--out", str(out)]
    cold, warm, stages = [], [], {}
    for _ in range(runs):
        JIEBA_CACHE.unlink(missing_ok=True)
        shutil.rmtree(ROOT / "build" / "jieba", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        cold.append(timed_run(build)[0])
        seconds, output = timed_run(build)
        warm.append(seconds)
        for name, value in build_stages(output).items():
            stages.setdefault(name, []).append(value)
    return cold, warm, stages


def bench_import(runs: int) -> list[float]:
    """`make import` of this report's text as next year's, into a temporary file (a new process each run)."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "scripts/import.py", "data/source.txt", "--year", "2100",
                   "--out", str(Path(folder) / "report.yaml"), "--force"]
        return [timed_run(command)[0] for _ in range(runs)]


def bench_reload(runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.yaml"
        shutil.copy(ROOT / "data" / "report.yaml", report)
        original = report.read_text(encoding="utf-8")
        with live_server(report, Path(folder)) as (url, _), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url + "2024/review/economy/")
            for i in range(runs):
                marker = f"（第{i + 1}次修改）"
                changed = retitle(original, marker)
                time.sleep(1.5)  # let the watcher settle after the previous build
                start = time.perf_counter()
                report.write_text(changed, encoding="utf-8")
                page.wait_for_function(f"document.title.includes('{marker}')", timeout=60000)
                times.append(time.perf_counter() - start)
            browser.close()
    return times


def row(name: str, values: list[float]) -> str:
    goal = GOALS.get(name)
    median = statistics.median(values)
    verdict = "" if goal is None else (f"≤ {goal:g} s: {'met' if median <= goal else 'NOT met'}")
    return f"| {name} | {median:.2f} s | {min(values):.2f}–{max(values):.2f} s | {verdict} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out = ROOT / "build" / "bench" / "site"
    cold, warm, stages = bench_builds(args.runs, out)
    check = [timed_run([sys.executable, "scripts/check.py"])[0] for _ in range(args.runs)]
    imported = bench_import(args.runs)
    reload = bench_reload(args.runs)
    shutil.rmtree(out.parent, ignore_errors=True)
    httpd, base = built_site()
    search = searchbench.measure(min(args.runs, 3), base)
    httpd.shutdown()

    print(f"{args.runs} runs each; median (min–max). Python {sys.version.split()[0]}.\n")
    print("| what | median | range | goal |")
    print("|---|---:|---:|---|")
    print(row("full build, cold", cold))
    print(row("full build, warm", warm))
    names = {"data": "data: load, render, convert", "load": "load and validate"}
    for name, values in stages.items():
        print(row(f"warm stage: {names.get(name, name)}", values))
    print(row("make check", check))
    print(row("make import (data/source.txt)", imported))
    print(row("edit-to-reload (make serve)", reload))
    print(f"\nSearch on an emulated phone ({searchbench.CPU_SLOWDOWN}x CPU, 1.6 Mbit/s, 150 ms latency), "
          f"{min(args.runs, 3)} runs each, median (min–max); the worker column counts the search worker's time "
          "after the tap 4x (Chromium cannot slow a worker):\n")
    print("\n".join(searchbench.HEADER))
    print("\n".join(searchbench.rows(search)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
