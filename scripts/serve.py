"""Command-line entry: live preview of one language with ProperDocs' dev server.

    SITE_LANG=zh|zh-Hant|en python scripts/serve.py

Editing data/report.yaml, a template (scripts/sitegen/templates), the
overrides or docs/ rebuilds and reloads the browser. Pages are generated in
memory, so nothing is written into a watched folder and no rebuild loops.
The data is validated first: with errors it prints them and exits 1. While
serving, a data error is printed and the last good pages stay served, with
the problems in a bar on top of every page, until the file is fixed.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    os.chdir(ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SITEGEN_SERVE"] = "1"
    sys.path.insert(0, str(ROOT / "scripts"))
    from sitegen.errors import DataError
    from sitegen.pipeline import REPORT
    from sitegen.years import Shelf

    try:
        Shelf(ROOT, "", Path(os.environ.get("REPORT_FILE", REPORT))).inputs()  # every year's report
    except DataError as e:
        print(e, file=sys.stderr)
        print(f"error: {len(e.problems)} problem(s) in the data; fix them and run make serve again.", file=sys.stderr)
        return 1
    address = os.environ.get("SERVE_ADDR", "127.0.0.1:8000")
    os.environ.setdefault("SITE_URL", f"http://{address}/")
    engine = Path(sys.executable).parent / "properdocs"  # ProperDocs' own CLI maps mkdocs.* to itself
    args = [str(engine), "serve", "--dev-addr", address, "--livereload", *sys.argv[1:]]
    os.execv(args[0], args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
