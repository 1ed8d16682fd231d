"""Link previews: a page's own title and description, as the front matter of its Markdown.

Takes the page's title and its summary (a data text with {fig:ID}
placeholders, or a label); gives the YAML front matter MkDocs reads into
`page.meta`: `title`, the page's own title without the site name (chat apps
cut titles at about 30 characters), and `description`, its own summary as
plain text. Both are HTML-escaped here because the theme writes page.meta
into <title> and attributes as they are (its template environment does not
escape). `overrides/main.html` uses the same two for og:/twitter: tags.
"""
from __future__ import annotations

import json
import re
from typing import Optional

from markupsafe import escape

from . import quantities, schema
from .schema import PLACEHOLDER


def plain(report: schema.Report, lang: str, raw: str) -> str:
    """Text with its placeholders as the quantities they print, on one line, no markup."""
    figures = {f.id: f for f in report.figures}

    def quantity(m: re.Match) -> str:
        f = figures[m.group(2)]
        bare = m.group(1) == "num"
        if lang != "en":
            return quantities.quantity_zh(f.value, f.unit, f.qualifier, bare=bare)
        text = quantities.quantity_en(f.value, f.unit, f.qualifier, noun=f.noun, bare=bare)
        opens = not raw[:m.start()].strip() or re.search(r"[.!?][\"'”’)]?\s*$", raw[:m.start()])
        return quantities.capitalized(text) if opens else text

    return re.sub(r"\s+", " ", PLACEHOLDER.sub(quantity, raw)).strip()


# About what a search result or a chat app's preview shows before it cuts: whole sentences up to here.
DESCRIPTION_LIMIT = {"zh": 80, "en": 160}


def lead(text: str, lang: str) -> str:
    """The first sentences of a plain text, as many as fit the language's limit (always the first)."""
    sentences = re.findall(r".+?(?:[。！？]|[.!?](?=\s|$)|$)\s*", text) if text else []
    out = ""
    for sentence in sentences:
        if out and len(out + sentence.rstrip()) > DESCRIPTION_LIMIT["en" if lang == "en" else "zh"]:
            break
        out += sentence
    return out.strip()


def front_matter(description: str, title: Optional[str] = None) -> str:
    """`---` YAML front matter: JSON strings (valid YAML) of HTML-escaped text; none if both are empty."""
    lines = [f"{key}: {json.dumps(str(escape(value)), ensure_ascii=False)}"
             for key, value in (("title", title), ("description", description)) if value]
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""
