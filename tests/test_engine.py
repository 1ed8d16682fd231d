"""The engine: the site is built by ProperDocs (MkDocs 1.x continued), not by a silently installed MkDocs.

mkdocs-material still requires the `mkdocs` package, so both are installed; build.py and serve.py
must run ProperDocs (test_serve.py checks the live preview's generator tag). The generator tag names the engine and the theme with their versions, which
must be the ones pinned in requirements.txt: an engine change or a Material upgrade changes that
file (and so the review of its pull request) and this tag together.
"""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, is_redirect


def _pin(name: str) -> str:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    return re.search(rf"^{re.escape(name)}==(\S+)", text, re.M).group(1)


def test_every_page_names_properdocs_and_material_as_pinned(site):
    expected = f"mkdocs-ProperDocs {_pin('properdocs')}, mkdocs-material-{_pin('mkdocs-material')}"
    pages = sorted(p for p in site.rglob("*.html") if not is_redirect(p))  # a redirect page is no build's
    assert len(pages) > 30
    for page in pages:
        tag = re.search(r'<meta name="generator" content="([^"]*)"', page.read_text(encoding="utf-8"))
        assert tag and tag.group(1) == expected, page


def test_build_imports_resolve_to_properdocs():
    code = ("import runpy, sys; sys.argv = ['build.py', '--help'];\n"
            "try:\n runpy.run_path('scripts/build.py', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "import mkdocs.commands.build as b; print(sys.modules['mkdocs'].__name__, b.__name__)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2:] == ["properdocs", "properdocs.commands.build"]

