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
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

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


@dataclass(frozen=True)
class Edition:
    """One report of a site with several years, as the feed carries it."""
    report: schema.Report
    folder: str                    # the folder of its pages ("2024/")
    text: Callable[[str], str]     # its conversion for the language (identity but for zh-Hant)
    id_folder: str                 # the folder its entries' ids were first published under: "" for the report the
                                   # site published before it had years (an entry's id never changes)


@dataclass(frozen=True)
class _Words:
    """What an item of one language's feed is written with: the source field, the conversion, the labels."""
    report: schema.Report
    lang: str                      # the source field, zh or en
    text: Callable[[str], str]     # the language's conversion (identity but for zh-Hant)
    L: Labels
    site_url: str
    id_url: str  # the URL the entries' ids are under (where they were first published)

    def tx(self, t) -> str:
        return self.text(getattr(t, self.lang))

    def quantity(self, o: schema.Outcome, f: schema.Figure) -> str:
        if self.lang == "en":
            return quantities.quantity_en(o.value, o.unit, o.qualifier, noun=f.noun if o.unit == f.unit else None)
        return quantities.quantity_zh(o.value, o.unit, o.qualifier)

    def source(self, ev: schema.Evidence) -> Markup:
        text, L = self.text, self.L
        title = escape(text(ev.title))
        if ev.url:
            title = Markup('<a href="{}">{}</a>').format(ev.url, title)
        elif ev.paragraph and ev.year is None:  # a later report's paragraph: not in this site's text
            title = Markup('<a href="{}">{}</a>').format(f"{self.site_url}{FULL_TEXT}#{ev.paragraph}", title)
        parts = [title, escape(text(ev.publisher))]
        if ev.document:
            parts.append(escape(text(ev.document)))
        parts.append(escape(dates.prose_date(ev.date, self.lang)))
        return Markup(text(L.comma)).join(parts) + escape(text(L.colon) + text(f"“{ev.quote}”"))  # the language's quotation marks

    def lines(self, t: tracking.Tracked, e) -> list[Markup]:
        """An entry's paragraphs: its status (and outcome), its note, its sources."""
        text, L = self.text, self.L
        lines = [escape(text(getattr(L, f"status_{t.shown(e)}")))]
        if e.outcome is not None:
            lines[0] += escape(f" · {text(L.outcome)}{text(L.colon)}{self.quantity(e.outcome, t.figure)}")
        if e.note is not None:
            lines.append(escape(text(plain(self.report, getattr(e.note, self.lang), self.lang))))
        if e.evidence:
            lines.append(escape(text(L.evidence)) + Markup(text(L.evidence_separator)).join(
                self.source(ev) for ev in e.evidence))
        return lines


def _items(t: tracking.Tracked, w: _Words, today: datetime.date) -> list[tuple[datetime.date, dict]]:
    """The feed items of one tracked record: each entry of its history, and its review once overdue."""
    text, L, page = w.text, w.L, w.id_url + COMMITMENTS
    what = w.tx(t.commitment.title) if t.commitment else w.tx(t.figure.label)
    at = w.site_url + (COMMITMENTS if t.commitment else TARGETS)  # where the record is now; `page`: where it was
    first = w.id_url + (COMMITMENTS if t.commitment else TARGETS)  # where its review was
    items = []
    for i, e in enumerate(t.record.history):
        items.append((e.date, dict(
            title=f"{what}{text(L.colon)}{text(getattr(L, f'status_{t.shown(e)}'))}",
            link=f"{at}#{t.entry_anchor(i)}",
            unique_id=f"{page}#{t.entry_anchor(i)}",
            description=str(Markup("").join(Markup("<p>{}</p>").format(line) for line in w.lines(t, e))),
            pubdate=_moment(e.date),
            updateddate=_moment(e.date),
        )))
    if t.overdue(today):
        due = t.record.next_review
        items.append((due, dict(
            title=f"{what}{text(L.colon)}{text(L.review_overdue.format(date=dates.prose_date(due, w.lang)))}",
            link=f"{at}#{t.anchor}",
            unique_id=f"{first}#{t.anchor}-overdue-{due.isoformat()}",
            description=str(Markup("<p>{}</p>").format(text(L.settle.format(year=w.report.meta.year_planned)))),
            pubdate=_moment(due),
            updateddate=_moment(due),
        )))
    return items


def atom(report: schema.Report, lang: str, labels: Labels, site_url: str, hreflang: str,
         text: Callable[[str], str] = lambda s: s, today: Optional[datetime.date] = None,
         editions: Sequence[Edition] = ()) -> str:
    """The Atom feed of one language; `lang` is the source field (zh or en), `hreflang` its xml:lang.

    `editions`: every report of a site with several years, latest first; the feed carries the entries
    of all of them. Empty: `report` alone, its pages at the root."""
    today = today or dates.build_date(os.environ)  # the build's date (the commit's: same commit, same feed)
    L = labels
    editions = tuple(editions) or (Edition(report, "", text, ""),)
    feed = _Feed(
        title=text(L.feed_title.format(title=getattr(report.meta.title, lang))),
        link=site_url + editions[0].folder + COMMITMENTS,
        description=text(L.feed_subtitle),
        language=hreflang,
        feed_url=site_url + FEED,
        feed_guid=site_url + FEED,
        author_name=text(L.feed_author),
        fallback=_moment(report.meta.date),
    )
    entries = [item for e in editions
               for words in [_Words(e.report, lang, e.text, L, site_url + e.folder, site_url + e.id_folder)]
               for t in [*tracking.tracked_commitments(e.report), *tracking.tracked_targets(e.report)]
               for item in _items(t, words, today)]
    order = sorted(range(len(entries)), key=lambda k: (-entries[k][0].toordinal(), k))  # newest first, then page order
    for k in order:
        feed.add_item(**entries[k][1])
    out = io.StringIO()
    feed.write(out, "utf-8")
    return _indented(out.getvalue())


def _indented(xml: str) -> str:
    """The same feed, one element per line (readable diffs of the golden feeds); text is not touched."""
    ET.register_namespace("", Atom1Feed.ns)
    root = ET.fromstring(xml)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
