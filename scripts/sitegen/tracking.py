"""Tracking: what became of each commitment and each target, checked and summarised.

Takes a typed `schema.Report` (and the date of today); gives the problems of
its tracking records (`problems`), each located like every other data
problem, and for the pages and the feed the tracked things in one shape
(`tracked`), their current status and the counts of a summary line.

A tracking record is an append-only history of dated entries. The first
entry states what the report says, with its own words as evidence: a
commitment's is the pledge (status `pledged`), a target's the target as the
report sets it (status `set`: a projected target, not a pledge); every later
entry cites at least one source. Statuses come in two groups: progress while
the year runs, and final verdicts, which close the history. A target whose
words hedge it (力争, 争取: "strive for") is shown with its hedge (`strive`).
`last_checked` is given only once someone really looked for news; a record
without it has not been reviewed since the report. An entry marked `proposed`
(a verdict `make import` proposed from the next report's review, not yet
confirmed by a maintainer) is checked like the others, but the tracked
things (`Tracked`, hence the pages, the counts and the feed) leave it out:
the site never shows a proposed verdict, nor counts it. A record is overdue once
today is past its `next_review`; while no record of a group has been
reviewed, its summary counts no verdicts or progress (`Summary`).
"Today", for the rule that no date lies in the future and for "overdue", is
the build's date: the real date unless `SITEGEN_TODAY` (YYYY-MM-DD) says
otherwise (the tests' invented report is dated 2030).
"""
from __future__ import annotations

import dataclasses
import datetime
import os
import re
from dataclasses import dataclass
from typing import Optional, Union, get_args

from . import quantities, schema
from .errors import Problem

PROGRESS: tuple[str, ...] = get_args(schema.ProgressStatus)
FINAL: tuple[str, ...] = get_args(schema.FinalStatus)
PLEDGED, SET = "pledged", "set"  # the first entry of a commitment's history, of a target's
INITIALS = (PLEDGED, SET)
STRIVE = "set_strive"  # how a hedged target's `set` entry is shown and counted (labels status_/count_set_strive)
HEDGES = ("力争", "争取")  # the words that make a target one to strive for, found in the figure's quote
# The order of a summary line: verdicts, then progress, the first entries last.
# Achieved and on schedule are counted even at zero once a record has been reviewed; the others only
# when they occur.
SUMMARY_ORDER: tuple[str, ...] = (*FINAL, *(s for s in PROGRESS if s not in INITIALS), SET, STRIVE, PLEDGED)
SHOWN: tuple[str, ...] = (*PROGRESS, *FINAL, STRIVE)  # every status word a page can show
ALWAYS_COUNTED = ("achieved", "on_schedule")
MAX_QUOTE = 200
HTTPS_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#]\S*)?")

AnyTracking = Union[schema.Tracking, schema.TargetTracking]


def today() -> datetime.date:
    """The build's date (no tracking date may pass it; reviews past due are overdue from it):
    SITEGEN_TODAY if set (YYYY-MM-DD), else the real date."""
    fixed = os.environ.get("SITEGEN_TODAY")
    return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()


# --- the tracked things, in one shape ---------------------------------------------------------

@dataclass(frozen=True)
class Tracked:
    """A commitment or a target with its tracking record, as pages and the feed show it."""

    anchor: str                       # the element id on the commitments page
    record: AnyTracking
    commitment: Optional[schema.Commitment] = None
    figure: Optional[schema.Figure] = None  # for a target

    @property
    def current(self) -> schema.Entry:
        return self.record.history[-1]

    @property
    def closed(self) -> bool:
        return self.current.status in FINAL

    @property
    def outcome(self) -> Optional[schema.Outcome]:
        return self.current.outcome

    @property
    def strive(self) -> bool:
        """A target the report hedges (力争/争取 in its figure's words): to strive for, not a firm target."""
        return self.figure is not None and strive(self.figure)

    @property
    def reviewed(self) -> bool:
        """Someone has looked for news since the report (last_checked is given)."""
        return self.record.last_checked is not None

    def overdue(self, on: datetime.date) -> bool:
        """Today (`on`) is past the date to look again."""
        return self.record.next_review is not None and on > self.record.next_review

    def shown(self, entry: schema.Entry) -> str:
        """The status word of an entry as pages show it: a hedged target's `set` is STRIVE."""
        return STRIVE if entry.status == SET and self.strive else entry.status

    def entry_anchor(self, index: int) -> str:
        """The id of history entry `index` (0-based) on the page; stable because history only grows."""
        return f"{self.anchor}-entry-{index + 1}"


def strive(figure: schema.Figure) -> bool:
    """A target figure whose words hedge it (力争 / 争取: 'strive for')."""
    return figure.kind == "target" and any(word in figure.quote for word in HEDGES)


def confirmed(record: AnyTracking) -> AnyTracking:
    """The record as the site shows it: its history without the entries still proposed by the import."""
    if not any(e.proposed for e in record.history):
        return record
    return dataclasses.replace(record, history=[e for e in record.history if not e.proposed])


def proposed(report: schema.Report) -> int:
    """How many entries the import proposed that no maintainer has confirmed yet."""
    records = [*(item.tracking for item in report.commitments.items), *report.tracking]
    return sum(e.proposed for r in records for e in r.history)


def tracked_commitments(report: schema.Report) -> list[Tracked]:
    return [Tracked(item.id, confirmed(item.tracking), commitment=item) for item in report.commitments.items
            if item.tracking.history]


def tracked_targets(report: schema.Report) -> list[Tracked]:
    figures = {f.id: f for f in report.figures}
    return [Tracked(t.figure.replace("_", "-"), confirmed(t), figure=figures[t.figure]) for t in report.tracking
            if t.figure in figures and t.history]


def required_targets(report: schema.Report) -> list[str]:
    """Ids of the targets that must be tracked: the highlighted and the compared ones, in that order."""
    ids = [*report.highlights.targets, *report.highlights.other_targets, *(c.target for c in report.comparisons)]
    return list(dict.fromkeys(ids))


def counts(things: list[Tracked]) -> list[tuple[str, int]]:
    """(shown status, how many are at it now) in summary order; zero counts only for ALWAYS_COUNTED, and
    only once one of `things` has been reviewed (before, "0 achieved" would read as a finding)."""
    now = [t.shown(t.current) for t in things]
    always = ALWAYS_COUNTED if any(t.reviewed for t in things) else ()
    return [(s, now.count(s)) for s in SUMMARY_ORDER if now.count(s) or s in always]


@dataclass(frozen=True)
class Summary:
    """What a group's summary line says besides its counts: whether anything was reviewed, what is overdue."""

    reviewed: int                           # records someone has looked at since the report
    overdue: int                            # records whose next_review today is past
    since: Optional[datetime.date] = None   # the earliest next_review of the overdue ones
    same_day: bool = True                   # all overdue since that one date


def summary(things: list[Tracked], on: datetime.date) -> Summary:
    late = sorted(t.record.next_review for t in things if t.overdue(on))
    return Summary(sum(t.reviewed for t in things), len(late), late[0] if late else None,
                   len(set(late)) <= 1)


@dataclass(frozen=True)
class Segment:
    """One status's part of a summary bar, in percent of its width."""

    status: str
    x: float
    width: float


def segments(counted: list[tuple[str, int]]) -> list[Segment]:
    """The non-empty parts of a summary bar, left to right in summary order."""
    total = sum(n for _, n in counted)
    out, x = [], 0.0
    for status, n in counted:
        if n:
            width = round(100 * n / total, 2)
            out.append(Segment(status, round(x, 2), width))
            x += width
    return out


# --- checks ----------------------------------------------------------------------------------

def problems(report: schema.Report, on: Optional[datetime.date] = None) -> list[Problem]:
    """Every problem of the tracking records; `on` is today (default: `today()`)."""
    on = on or today()
    found: list[Problem] = []

    def err(record: schema.Record, key: str, message: str) -> None:
        line, path = record.pos.at(key)
        found.append(Problem(record.pos.file, line, path, message))

    figures = {f.id: f for f in report.figures}
    paragraphs = {p.id: p for p in report.paragraphs}
    for item in report.commitments.items:
        _check_record(item.tracking, None, report.meta, on, paragraphs, err)

    seen: dict[str, schema.TargetTracking] = {}
    for t in report.tracking:
        figure = figures.get(t.figure)
        if figure is None or figure.kind != "target":
            err(t, "figure", f"expected the id of a target figure, got {t.figure!r}")
            figure = None
        if t.figure in seen:
            err(t, "figure", f"expected one tracking record per target, got {t.figure!r} again "
                             f"(first at line {seen[t.figure].pos.line})")
        seen.setdefault(t.figure, t)
        _check_record(t, figure, report.meta, on, paragraphs, err)
    missing = [fid for fid in required_targets(report)
               if fid in figures and figures[fid].kind == "target" and fid not in seen]
    if missing:
        line = dict(report.pos.key_lines).get("tracking", report.pos.line)
        found.append(Problem(report.pos.file, line, "tracking",
                             "expected a tracking record for every target in highlights.targets, "
                             "highlights.other_targets and comparisons, "
                             f"got none for {', '.join(missing)}"))
    return found


def _check_record(record: AnyTracking, target: Optional[schema.Figure], meta: schema.Meta,
                  on: datetime.date, paragraphs: dict, err) -> None:
    pledged_on = meta.date
    _check_proposed(record, meta, on, paragraphs, err)
    record = confirmed(record)
    history = record.history
    if not history:
        err(record, "history", "expected at least one entry (the pledge), got an empty list")
        return
    initial, first = (SET, "the target as the report sets it") if isinstance(record, schema.TargetTracking) \
        else (PLEDGED, "the pledge")
    closed_by: Optional[schema.Entry] = None
    previous: Optional[schema.Entry] = None
    for i, entry in enumerate(history):
        if i == 0 and entry.status != initial:
            err(entry, "status", f"expected the first entry to be {first} (status {initial}), "
                                 f"got {entry.status!r}")
        if i > 0 and entry.status in INITIALS:
            err(entry, "status", f"expected {entry.status} only in the first entry, got it in entry {i + 1}")
        if closed_by is not None and closed_by is previous:
            err(entry, "date", f"expected no entry after the final verdict {closed_by.status!r} of "
                               f"{closed_by.date.isoformat()}, got one")
        if previous is None and entry.date < pledged_on:
            err(entry, "date", f"expected a date on or after the report's date ({pledged_on.isoformat()}), "
                               f"got {entry.date.isoformat()}")
        _check_dates_and_sources(entry, previous, on, entry.status not in INITIALS, meta, paragraphs, err)
        if entry.outcome is not None:
            _check_outcome(entry, target, err)
        if entry.status in FINAL and closed_by is None:
            closed_by = entry
        previous = entry

    last, checked = history[-1], record.last_checked
    if checked is None and len(history) > 1:
        err(record, "last_checked", "expected the date you last looked for news (YYYY-MM-DD) once the history "
                                    "has entries after the first, the key is missing")
    if checked is not None and checked < last.date:
        err(record, "last_checked", f"expected a date on or after the last entry's ({last.date.isoformat()}), "
                                    f"got {checked.isoformat()}")
    if checked is not None and checked > on:
        err(record, "last_checked", f"expected a date not after today ({on.isoformat()}), "
                                    f"got {checked.isoformat()}")
    if closed_by is None and record.next_review is None:
        err(record, "next_review", "expected a date (YYYY-MM-DD) to look again while no final verdict closes "
                                   "the history, the key is missing")
    elif closed_by is not None and record.next_review is not None:
        err(record, "next_review", f"expected no next_review once the final verdict {closed_by.status!r} closes "
                                   f"the history, got {record.next_review.isoformat()}")
    elif record.next_review is not None and checked is not None and record.next_review <= checked:
        err(record, "next_review", f"expected a date after last_checked ({checked.isoformat()}), "
                                   f"got {record.next_review.isoformat()}")
    elif record.next_review is not None and checked is None and record.next_review <= history[0].date:
        err(record, "next_review", f"expected a date after the first entry's ({history[0].date.isoformat()}), "
                                   f"got {record.next_review.isoformat()}")


def _check_proposed(record: AnyTracking, meta: schema.Meta, on: datetime.date, paragraphs: dict, err) -> None:
    """The entries `make import` proposed: after every confirmed one, with evidence, dated in order; `matched`
    only on them. (The record's other rules see the history without them, as the site does.)"""
    first: Optional[schema.Entry] = None
    last = closed = None
    for i, entry in enumerate(record.history):
        if entry.matched is not None and not entry.proposed:
            err(entry, "matched", "expected matched only with proposed: true (the import's reasoning; delete it "
                                  "when you confirm the entry), got it on a confirmed entry")
        if not entry.proposed:
            if first is not None:
                err(first, "proposed", f"expected only proposed entries after a proposed one (confirm it by deleting "
                                       f"its proposed and matched lines, or delete it), got a confirmed entry "
                                       f"after it (entry {i + 1})")
                first = None
            last = entry
            closed = closed or (entry if entry.status in FINAL else None)
            continue
        first = first or entry
        if closed is not None:
            err(entry, "proposed", f"expected no proposed entry after the final verdict {closed.status!r} of "
                                   f"{closed.date.isoformat()} (delete it), got one")
        if i == 0 or entry.status in INITIALS:
            err(entry, "status", f"expected a proposed entry to follow the {'pledge' if i == 0 else 'first entry'} "
                                 f"with a later status, got {entry.status!r}")
        _check_dates_and_sources(entry, last, on, True, meta, paragraphs, err)
        if entry.outcome is not None and entry.status not in FINAL:
            err(entry, "outcome", f"expected an outcome only with a final verdict ({', '.join(FINAL)}), "
                                  f"got it with status {entry.status}")
        last = entry


def _check_dates_and_sources(entry: schema.Entry, previous: Optional[schema.Entry], on: datetime.date,
                             needs_evidence: bool, meta: schema.Meta, paragraphs: dict, err) -> None:
    """An entry's date (not before the previous entry's, not after today) and its sources."""
    if previous is not None and entry.date < previous.date:
        err(entry, "date", f"expected a date on or after the previous entry's ({previous.date.isoformat()}), "
                           f"got {entry.date.isoformat()}")
    if entry.date > on:
        err(entry, "date", f"expected a date not after today ({on.isoformat()}), got {entry.date.isoformat()}")
    if needs_evidence and not entry.evidence:
        err(entry, "evidence", f"expected at least one piece of evidence for status {entry.status}, got none")
    for ev in entry.evidence:
        _check_evidence(ev, entry, meta, paragraphs, err)


def _check_evidence(ev: schema.Evidence, entry: schema.Entry, meta: schema.Meta, paragraphs: dict, err) -> None:
    for key, what in (("title", "the source's title"), ("publisher", "the source's publisher"),
                      ("quote", "a short quote from the source")):
        if not getattr(ev, key).strip():
            err(ev, key, f"expected {what}, got an empty text")
    if len(ev.quote) > MAX_QUOTE:
        err(ev, "quote", f"expected a short quote (at most {MAX_QUOTE} characters), got {len(ev.quote)} characters")
    if ev.url is None and ev.document is None:
        err(ev, "url", "expected an https:// URL (url) or a document reference (document), got neither")
    if ev.url is not None and not HTTPS_URL.fullmatch(ev.url):
        shown = ev.url if len(ev.url) <= 60 else ev.url[:57] + "..."
        err(ev, "url", f"expected an https:// URL, got {shown!r}")
    if ev.date > entry.date:
        err(ev, "date", f"expected a source dated on or before its entry ({entry.date.isoformat()}), "
                        f"got {ev.date.isoformat()}")
    if ev.year is not None and ev.year <= meta.year_planned:
        err(ev, "year", f"expected the year of a later report (after {meta.year_planned}, the year this one plans), "
                        f"got {ev.year}")
    if ev.paragraph is not None and ev.year is None:
        para = paragraphs.get(ev.paragraph)
        if para is None:
            err(ev, "paragraph", f"expected the id of a paragraph, got {ev.paragraph!r}")
        elif ev.quote not in para.text:
            err(ev, "quote", f"expected words that occur in paragraph {ev.paragraph}, got {ev.quote!r}")


def _check_outcome(entry: schema.Entry, target: Optional[schema.Figure], err) -> None:
    o = entry.outcome
    if entry.status not in FINAL:
        err(entry, "outcome", f"expected an outcome only with a final verdict ({', '.join(FINAL)}), "
                              f"got it with status {entry.status}")
    if target is None:
        if entry.pos.path.startswith("commitments."):
            err(entry, "outcome", "expected an outcome only in a target's tracking, got it in a commitment's")
        return
    if o.unit not in quantities.UNITS:
        err(o, "unit", f"expected a unit of the unit table, like the target's ({target.unit}), got {o.unit!r}")
    elif target.unit in quantities.UNITS and \
            quantities.UNITS[o.unit].dimension != quantities.UNITS[target.unit].dimension:
        err(o, "unit", f"expected an outcome in a unit like the target's ({target.unit}), got {o.unit!r}")
