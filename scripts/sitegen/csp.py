"""Content-Security-Policy stage: takes a finished page (HTML text), gives it back with its policy.

GitHub Pages sends no headers of our choosing, so the policy travels in the page as
`<meta http-equiv="Content-Security-Policy">`, placed first in `<head>` (a policy covers
only what follows it). Everything comes from the site itself ('self'); nothing from
another host. The page's inline scripts (Material's and overrides/main.html's) are
allowed by the sha256 hashes of their exact text, computed here at build time, so an
edited script is hashed anew and a script injected later is refused. Inline style
attributes (Python-Markdown writes `style="text-align: right;"` on aligned table cells)
are allowed by hash too, through 'unsafe-hashes'; `<style>` elements are not allowed.
Images may also be `data:` URLs: Material's icons are data: SVGs in its stylesheet.
No 'unsafe-inline', no 'unsafe-eval'.

`missing_hashes()` is the check the tests run on every built page: an inline script or
style attribute that the page's own policy does not allow.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re

META_NAME = "Content-Security-Policy"
SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
SRC = re.compile(r"\ssrc\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r""" style=(?:"([^"]*)"|'([^']*)')""")  # as Markdown, Jinja and Material write them
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# script types a browser runs; anything else (application/json, …) is data, not code
EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


def sha256(text: str) -> str:
    """The CSP source expression of `text`: 'sha256-<base64 of its UTF-8 digest>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    found = []
    for match in SCRIPT.finditer(page):
        attrs = match.group("attrs")
        if SRC.search(attrs):
            continue
        kind = TYPE.search(attrs)
        kind = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if kind.strip().lower() in EXECUTABLE:
            found.append(match.group("body"))
    return found


def style_attributes(page: str) -> list[str]:
    """The values of the page's inline style attributes, as the browser reads them (entities decoded)."""
    return [html.unescape(a if a is not None else b) for a, b in STYLE_ATTRIBUTE.findall(page)]


def policy(page: str) -> str:
    """The policy for this page: 'self' only, its inline scripts and style attributes by hash."""
    scripts = sorted({sha256(s) for s in inline_scripts(page)})
    styles = sorted({sha256(s) for s in style_attributes(page)})
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *(["'unsafe-hashes'", *styles] if styles else [])]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def secure(page: str) -> str:
    """The page with its policy as the first element of <head> (after <meta charset>)."""
    content = html.escape(policy(page), quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="{META_NAME}" content="{content}">'
    anchor = CHARSET.search(page) or HEAD.search(page)
    if anchor is None:
        raise ValueError("the page has no <head> to hold its Content-Security-Policy")
    return page[:anchor.end()] + meta + page[anchor.end():]


def page_policy(page: str) -> str | None:
    """The policy a page carries in its meta element, or None."""
    found = META.search(page)
    return html.unescape(found.group(1)) if found else None


def missing_hashes(page: str) -> list[str]:
    """Inline scripts and style attributes the page's own policy does not allow, as
    'script sha256-…' / 'style attribute sha256-…' (all of them when the page has no policy)."""
    carried = page_policy(page) or ""
    directives = {d.split()[0]: set(d.split()[1:]) for d in carried.split(";") if d.strip()}
    allowed_scripts = directives.get("script-src", set())
    allowed_styles = directives.get("style-src", set())
    missing = [f"script {h}" for h in dict.fromkeys(map(sha256, inline_scripts(page))) if h not in allowed_scripts]
    if "'unsafe-hashes'" not in allowed_styles:
        allowed_styles = set()
    missing += [f"style attribute {h}" for h in dict.fromkeys(map(sha256, style_attributes(page)))
                if h not in allowed_styles]
    return missing


HOW_TO_FIX = ("the hashes are computed at build time by scripts/hooks.py (on_post_page, sitegen/csp.py): "
              "rebuild with `make site`; a script added to the page after that hook (or by hand) is refused, "
              "so put it in overrides/main.html or in a file under docs/assets/")


def explain(where: str, missing: list[str]) -> str:
    """One line per inline script or style attribute the page's policy does not allow, with what to run."""
    return "\n".join(f"{where}: {item} is not allowed by the page's Content-Security-Policy; {HOW_TO_FIX}"
                     for item in missing)
