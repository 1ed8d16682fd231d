"""Stage 4b: the tracking histories -> an Atom feed of status changes, per language.

`atom(report, lang, labels, site_url, text, today)` gives the XML text of one
language's feed (`FEED`, beside its home page): one entry for every entry in
the history of a listed matter or a tracked target, and one for every record
whose review is overdue on `today` (the build's date; dated its next_review,
naming what would settle it), newest first, each linking to its place on the
commitments page or the targets page, with the status (a hedged target's
"strive for"), the note and the sources. An entry's id stays the address it
had when every record was on the commitments page. Every URL is absolute under `site_url` (the language's root, as
MkDocs' site_url + the language prefix). `text` converts the human texts (the
Traditional feed passes OpenCC here). Atom is written by feedgenerator's
Atom1Feed (RFC 4287), one element per line; dates are the entries' days at
00:00 UTC.
"""
from __future__ import annotations

import datetime
import io
import os
import re
import xml.etree.ElementTree as ET
from typing import Callable, Optional

from feedgenerator import Atom1Feed
from markupsafe import Markup, escape

from . import dates, quantities, schema, tracking
from .labels import Labels
from .schema import PLACEHOLDER

FEED = "feed.xml"
COMMITMENTS = "commitments/"  # the pages' URLs under use_directory_urls
TARGETS = "targets/"
FULL_TEXT = "full-text/"


class _Feed(Atom1Feed):
    """Atom1Feed whose `updated` never falls back to the clock (a build gives the same bytes every time)."""

    def __init__(self, *args, fallback: datetime.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.fallback = fallback

    def latest_post_date(self):
        return max((item["updateddate"] for item in self.items), default=self.fallback)


def _moment(d: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(d, datetime.time())  # naive: feedgenerator writes it with Z


def plain(report: schema.Report, text: str, lang: str) -> str:
    """A text with its {fig:ID}/{num:ID} placeholders as the quantities they print."""
    figures = {f.id: f for f in report.figures}

    def quantity(m: re.Match) -> str:
        f, bare = figures[m.group(2)], m.group(1) == "num"
        if lang == "en":
            return quantities.quantity_en(f.value, f.unit, f.qualifier, noun=f.noun, bare=bare)
        return quantities.quantity_zh(f.value, f.unit, f.qualifier, bare=bare)
    return PLACEHOLDER.sub(quantity, text)


def atom(report: schema.Report, lang: str, labels: Labels, site_url: str, hreflang: str,
         text: Callable[[str], str] = lambda s: s, today: Optional[datetime.date] = None) -> str:
    """The Atom feed of one language; `lang` is the source field (zh or en), `hreflang` its xml:lang."""
    page = site_url + COMMITMENTS
    today = today or dates.build_date(os.environ)  # the build's date (the commit's: same commit, same feed)
    L = labels
    tx = lambda t: text(getattr(t, lang))  # noqa: E731

    def quantity(o: schema.Outcome, f: schema.Figure) -> str:
        if lang == "en":
            return quantities.quantity_en(o.value, o.unit, o.qualifier, noun=f.noun if o.unit == f.unit else None)
        return quantities.quantity_zh(o.value, o.unit, o.qualifier)

    def source(ev: schema.Evidence) -> Markup:
        title = escape(text(ev.title))
        if ev.url:
            title = Markup('<a href="{}">{}</a>').format(ev.url, title)
        elif ev.paragraph and ev.year is None:  # a later report's paragraph: not in this site's text
            title = Markup('<a href="{}">{}</a>').format(f"{site_url}{FULL_TEXT}#{ev.paragraph}", title)
        parts = [title, escape(text(ev.publisher))]
        if ev.document:
            parts.append(escape(text(ev.document)))
        parts.append(escape(dates.prose_date(ev.date, lang)))
        return Markup(text(L.comma)).join(parts) + escape(text(L.colon) + text(f"“{ev.quote}”"))  # the language's quotation marks

    feed = _Feed(
        title=text(L.feed_title.format(title=getattr(report.meta.title, lang))),
        link=page,
        description=text(L.feed_subtitle),
        language=hreflang,
        feed_url=site_url + FEED,
        feed_guid=site_url + FEED,
        author_name=text(L.feed_author),
        fallback=_moment(report.meta.date),
    )
    entries = []
    for t in [*tracking.tracked_commitments(report), *tracking.tracked_targets(report)]:
        what = tx(t.commitment.title) if t.commitment else tx(t.figure.label)
        at = page if t.commitment else site_url + TARGETS  # where the record is now; `page`: where it was
        for i, e in enumerate(t.record.history):
            status = text(getattr(L, f"status_{t.shown(e)}"))
            lines = [escape(status)]
            if e.outcome is not None:
                lines[0] += escape(f" · {text(L.outcome)}{text(L.colon)}{quantity(e.outcome, t.figure)}")
            if e.note is not None:
                lines.append(escape(text(plain(report, getattr(e.note, lang), lang))))
            if e.evidence:
                lines.append(escape(text(L.evidence)) + Markup(text(L.evidence_separator)).join(
                    source(ev) for ev in e.evidence))
            entries.append((e.date, len(entries), dict(
                title=f"{what}{text(L.colon)}{status}",
                link=f"{at}#{t.entry_anchor(i)}",
                unique_id=f"{page}#{t.entry_anchor(i)}",
                description=str(Markup("").join(Markup("<p>{}</p>").format(line) for line in lines)),
                pubdate=_moment(e.date),
                updateddate=_moment(e.date),
            )))
        if t.overdue(today):
            due = t.record.next_review
            settle = text(L.settle.format(year=report.meta.year_planned))
            entries.append((due, len(entries), dict(
                title=f"{what}{text(L.colon)}{text(L.review_overdue.format(date=dates.prose_date(due, lang)))}",
                link=f"{at}#{t.anchor}",
                unique_id=f"{at}#{t.anchor}-overdue-{due.isoformat()}",
                description=str(Markup("<p>{}</p>").format(settle)),
                pubdate=_moment(due),
                updateddate=_moment(due),
            )))
    for _, _, item in sorted(entries, key=lambda x: (-x[0].toordinal(), x[1])):  # newest first, then page order
        feed.add_item(**item)
    out = io.StringIO()
    feed.write(out, "utf-8")
    return _indented(out.getvalue())


def _indented(xml: str) -> str:
    """The same feed, one element per line (readable diffs of the golden feeds); text is not touched."""
    ET.register_namespace("", Atom1Feed.ns)
    root = ET.fromstring(xml)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
