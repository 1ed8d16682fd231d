"""Link previews: a page's own title and description, as the front matter of its Markdown.

Takes the page's title, its preview title and its summary (a data text with
{fig:ID} placeholders, or a label); gives the YAML front matter MkDocs reads
into `page.meta`: `title`, the page's own title without the site name (the
<h1>'s, the browser tab's), `preview_title`, the shorter title of its link
preview where the data gives one (a short title: chat apps cut titles at about
30 characters, `PREVIEW_TITLE_LIMIT`), and `description`, its own summary as
plain text, and `hide` where a page goes without a part of Material's
chrome (the glossary's table of contents). All texts are HTML-escaped here because the theme writes page.meta into
<title> and attributes as they are (its template environment does not
escape). `overrides/main.html` uses them for the og:/twitter: tags:
preview_title, else title. (Not `title` itself for the short one: MkDocs
would put it in the <title> element and the header too.)
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


# What a chat app shows of a link preview's title before it cuts (og:title, twitter:title).
PREVIEW_TITLE_LIMIT = 30


def heading(record: schema.Part | schema.Section, lang: str, text: Optional[str] = None) -> str:
    """The title of a part's or a section's page (or `text` in its place): in Chinese with the report's
    number before it, 一、2023 年工作回顾 and （一）经济运行总体稳定向好."""
    text = getattr(record.title, lang) if text is None else text
    if lang != "zh" or not record.number:
        return text
    return f"{record.number}、{text}" if isinstance(record, schema.Part) else f"{record.number}{text}"


def preview_title(record: schema.Part | schema.Section, lang: str) -> str:
    """The title of its page's link preview: the heading made of its short title in `lang`, if it has one."""
    short = getattr(record.short_title, lang) if record.short_title else None
    return heading(record, lang, short or None)


def home_preview_title(meta: schema.Meta, lang: str) -> str:
    """The home page's link-preview title: the report's full title (it names the place) where it fits,
    else its short title."""
    title = getattr(meta.title, lang)
    return title if len(title) <= PREVIEW_TITLE_LIMIT else getattr(meta.short_title, lang)


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


def front_matter(description: str, title: Optional[str] = None, preview: Optional[str] = None,
                 hide: tuple[str, ...] = (), source_line: Optional[int] = None) -> str:
    """`---` YAML front matter: JSON strings (valid YAML) of HTML-escaped text, `preview_title` only where
    it is not the title, `source_line` (the line of report.yaml holding the page's summary in its language,
    for the edit link) where given, and Material's `hide` list (e.g. "toc") where given; none if all are empty."""
    pairs = (("title", title), ("preview_title", preview if preview != title else None), ("description", description))
    lines = [f"{key}: {json.dumps(str(escape(value)), ensure_ascii=False)}" for key, value in pairs if value]
    lines += [f"source_line: {int(source_line)}"] if source_line else []
    lines += ["hide:", *(f"  - {json.dumps(item)}" for item in hide)] if hide else []
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""
