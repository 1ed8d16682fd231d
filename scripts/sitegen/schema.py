"""The typed schema of `data/report.yaml` (and of the conversion-override file).

Every class is a keyword-only dataclass; each field's `doc` says what it holds.
`load.py` builds these from YAML, rejecting unknown keys; templates only ever
see these objects, never raw dicts. `pos` (not a YAML key) records where the
record stands in its file, so later checks can name the line.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Literal, Optional

# A quantity in prose: {fig:ID} prints the figure's number with its unit
# ("1,300 people"), {num:ID} the number and qualifier only ("over 2,300"), for
# prose that names what is counted itself.
PLACEHOLDER = re.compile(r"\{(fig|num):([^{}]*)\}")


def doc(text: str, **kw):
    """A dataclass field carrying its documentation."""
    return field(metadata={"doc": text}, **kw)


@dataclass(frozen=True)
class Pos:
    """Where a record stands: file, line, key path and the line of each key."""

    file: str = ""
    line: int = 0
    path: str = ""
    key_lines: tuple[tuple[str, int], ...] = ()

    def at(self, key: str) -> tuple[int, str]:
        """(line, key path) of one of this record's keys."""
        return dict(self.key_lines).get(key, self.line), f"{self.path}.{key}" if self.path else key


@dataclass(kw_only=True)
class Record:
    pos: Pos = field(default_factory=Pos, repr=False, compare=False, metadata={"internal": True})


@dataclass(kw_only=True)
class Text(Record):
    """A text in both source languages; Traditional Chinese is derived from `zh`."""

    zh: str = doc("Simplified Chinese.")
    en: str = doc("English.")


@dataclass(kw_only=True)
class Meta(Record):
    """What the report is, who delivered it, when and where."""

    title: Text = doc("Full title of the report, used as the site name.")
    short_title: Text = doc("Short title, the home page's link-preview title (og:title, twitter:title): at most "
                            "30 characters, where chat apps cut.")
    description: Text = doc("One-sentence description for search engines and link previews.")
    region: str = doc("Id of the `names` entry of the governed area.")
    meeting: Text = doc("The meeting at which the report was delivered.")
    date: datetime.date = doc("Date of delivery, YYYY-MM-DD.")
    speaker: Text = doc("Name of the person who delivered the report.")
    speaker_role: Text = doc("The speaker's office.")
    source: Text = doc("Where the text comes from (document number, publisher).")
    body: Text = doc("The body that issued the report (the people's government); the footer of every page "
                     "names it with the title and date.")
    source_url: Optional[str] = doc("The official publication of the report, an https:// URL; only a real "
                                    "one, never a guess. The footer links to it.", default=None)
    contact: Optional[str] = doc("Where readers report an error without any account: an e-mail address "
                                 "(name@example.org) or the https:// address of a form. Only a real one, filled in "
                                 "by the maintainers, never a guess. Every page's footer offers it, beside the "
                                 "repository's error form when the site has one (REPO_URL).", default=None)
    year_reviewed: int = doc("The year whose results the report reviews.")
    year_planned: int = doc("The year the report plans for.")
    english_pending: bool = doc("true while the English is not yet written (a draft from `make import`): English "
                                "texts may be empty, and the English pages show the Chinese under a notice "
                                "that says so; never machine output presented as a translation. Set false "
                                "(or remove) once every English text is written.", default=False)


@dataclass(kw_only=True)
class ShortTitle(Record):
    """A page's shorter title for link previews, in the language(s) whose title is too long for one."""

    zh: Optional[str] = doc("Simplified Chinese (Traditional is converted from it), without the number, which "
                            "the preview keeps; leave out to preview the title.", default=None)
    en: Optional[str] = doc("English; leave out to preview the title.", default=None)


@dataclass(kw_only=True)
class Name(Record):
    """A proper name, spelled one way everywhere in English."""

    id: str = doc("Stable id, lowercase-hyphenated.")
    zh: str = doc("The name as written in the report (Simplified).")
    en: str = doc("The one English spelling used on the site.")
    avoid: list[str] = doc("Spellings that must not appear in English text.", default_factory=list)


@dataclass(kw_only=True)
class Theme(Record):
    """A subject area that groups figures (economy, energy, education ...)."""

    id: str = doc("Stable id, lowercase.")
    title: Text = doc("Name of the theme.")


@dataclass(kw_only=True)
class Paragraph(Record):
    """One paragraph of the original text, verbatim."""

    id: str = doc("Stable id: p001, p002 ... in reading order.")
    text: str = doc("The paragraph exactly as in the source, PDF line breaks removed.")
    en: str = doc("Faithful English translation of the whole paragraph. Quantities as {fig:ID}/{num:ID}; "
                  "every figure of the paragraph appears.")


@dataclass(kw_only=True)
class Topic(Record):
    """A sub-theme (——工业经济 ...) or numbered item (一要 ...) of a section."""

    id: str = doc("Stable id, unique in the report; also the anchor on the section page.")
    label: str = doc("The marker as printed: '——', '一要', '二要' ...")
    title: Text = doc("Heading of the topic.")
    summary: Text = doc("Plain-language summary, 1-3 sentences. May contain {fig:ID}.")
    paragraphs: list[str] = doc("Ids of the paragraphs the topic covers.")


@dataclass(kw_only=True)
class Section(Record):
    """A section of a part. Numbered sections get a page of their own."""

    id: str = doc("Stable id, unique in the report; the page's file name.")
    number: Optional[str] = doc("The report's numbering, e.g. （一）; none for intro/closing.", default=None)
    title: Text = doc("Heading of the section (without the number).")
    short_title: Optional[ShortTitle] = doc(
        "Numbered sections only: the title of the page's link preview (og:title, twitter:title) where the title "
        "is longer than 30 characters, where chat apps cut; the heading, the menu and the browser tab keep the "
        "title. A headline of the same section that says which year it belongs to: '2024: environment and "
        "ecology'.", default=None)
    summary: Text = doc("Plain-language summary, 2-5 sentences. May contain {fig:ID}.")
    points: list[Text] = doc("Key points, one short sentence each. May contain {fig:ID}.")
    paragraphs: list[str] = doc("Ids of the paragraphs the section itself covers.")
    topics: list[Topic] = doc("Sub-themes or numbered items.", default_factory=list)
    see_also: list[str] = doc(
        "Glossary terms (each exactly as an entry's `term`) whose entries explain what the section stands for, "
        "linked under its title: the plan's two 'barrier' sections to the entry that explains the two barriers.",
        default_factory=list)


@dataclass(kw_only=True)
class Part(Record):
    """A part of the report (一、二、三 ...), or the opening/closing."""

    id: str = doc("Stable id; the folder of the part's pages.")
    number: Optional[str] = doc("The report's numbering, e.g. 一; none for opening/closing.", default=None)
    title: Text = doc("Heading of the part.")
    short_title: Optional[ShortTitle] = doc(
        "The title of the part's link preview (og:title, twitter:title) where the title is longer than 30 "
        "characters, where chat apps cut; the heading, the menu and the browser tab keep the title.", default=None)
    summary: Text = doc("What the part is about, 1-3 sentences.")
    sections: list[Section] = doc("The part's sections in reading order.")


Qualifier = Literal["about", "over", "at_least", "at_most"]
Kind = Literal["result", "growth", "target", "commitment", "context"]


@dataclass(kw_only=True)
class Figure(Record):
    """One quantitative figure of the report, with the words it comes from."""

    id: str = doc("Stable id, lowercase_snake; used in {fig:ID} placeholders.")
    label: Text = doc("What is measured.")
    value: float = doc("The number exactly as printed, in `unit` (217 for 217 亿元).")
    unit: str = doc("The unit as printed (亿元, %, 万吨 ...); must be in the unit table.")
    qualifier: Optional[Qualifier] = doc(
        "about (左右/约), over (余/多/突破), at_least (以上), at_most (以下/以内).", default=None)
    kind: Kind = doc("result / growth (previous year), target / commitment (coming year), context.")
    theme: str = doc("Id of a `themes` entry.")
    quote: str = doc("The exact words of the paragraph that give the figure.")
    paragraph: str = doc("Id of the paragraph the quote comes from.")
    of: Optional[str] = doc("For a growth rate: id of the figure it is the growth of.", default=None)
    noun: Optional[str] = doc("English noun printed after the number instead of the unit's word, for counts "
                              "('teachers' for 58 名, 'enterprises' for 27 户).", default=None)


@dataclass(kw_only=True)
class Comparison(Record):
    """A previous-year result paired with the coming year's target, for charts."""

    id: str = doc("Stable id.")
    label: Text = doc("What is compared.")
    result: str = doc("Id of the result figure (kind result or growth).")
    target: str = doc("Id of the target figure (kind target).")


# Tracking: what became of a commitment or a target. Two groups of statuses:
# progress while the year runs, and final verdicts that close the history.
# Their words on the pages are the labels `status_<name>` (templates/labels.yaml).
# The first entry is `pledged` for a commitment, `set` for a target (the report sets a projected target;
# it does not pledge it).
ProgressStatus = Literal["pledged", "set", "on_schedule", "behind_schedule", "stalled"]
FinalStatus = Literal["achieved", "partly_achieved", "not_achieved"]
Status = Literal[ProgressStatus, FinalStatus]


@dataclass(kw_only=True)
class Evidence(Record):
    """One source for a tracking entry: who published what, when, where to find it, and its words."""

    title: str = doc("The source's title as published, in its language.")
    publisher: str = doc("Who published it (a government office, a newspaper ...), in the source's language.")
    date: datetime.date = doc("The source's date, YYYY-MM-DD; not after the entry's date.")
    url: Optional[str] = doc("Where to read it: an https:// URL. Give url, document or both.", default=None)
    document: Optional[str] = doc("A document reference (document number, gazette issue) when there is no URL, "
                                  "or beside it.", default=None)
    paragraph: Optional[str] = doc("When the source is the report itself: the id of its paragraph; the quote "
                                   "must occur in it. With `year`, a paragraph of that later report.", default=None)
    year: Optional[int] = doc("When the source is a later work report of the same government (the next year's, "
                              "whose review states this report's results): the year it plans for (its "
                              "meta.year_planned), later than this report's; `paragraph` is then that report's, "
                              "and the site names it without a link to this report's text.", default=None)
    quote: str = doc("A short quote (at most 200 characters) in the source's language that supports the status.")
    language: Literal["zh", "en"] = doc("The language of the source and its quote: zh (default) or en.",
                                        default="zh")


@dataclass(kw_only=True)
class Outcome(Record):
    """A target's reported result, as the source states it."""

    value: float = doc("The number as the source prints it, in `unit`.")
    unit: str = doc("A unit of the unit table, like the target's (% for a growth target).")
    qualifier: Optional[Qualifier] = doc("about, over, at_least or at_most, as the source says.", default=None)


@dataclass(kw_only=True)
class Entry(Record):
    """One dated step of a tracking history: never edited once published, only followed by new ones."""

    date: datetime.date = doc("When the status was assessed, YYYY-MM-DD; on or after the previous entry's, "
                              "not after today.")
    status: Status = doc("pledged (a commitment's first entry only), set (a target's first entry only), on_schedule, behind_schedule, stalled; or a final "
                         "verdict: achieved, partly_achieved, not_achieved (closes the history).")
    note: Optional[Text] = doc("What the evidence shows, in plain words. May contain {fig:ID}.", default=None)
    evidence: list[Evidence] = doc("The sources; at least one for every status but pledged.",
                                   default_factory=list)
    outcome: Optional[Outcome] = doc("A target's final verdict only: the reported result.", default=None)
    proposed: bool = doc("true: written by `make import` from the next report's review (data/YEAR/settlement.yaml), "
                         "a verdict no maintainer has confirmed yet. A proposed entry is checked like any other but "
                         "never shown, counted or put in the feed, and only proposed entries may follow it; "
                         "`make check` counts them. To confirm, delete this line and `matched`.", default=False)
    matched: Optional[str] = doc("With proposed only: what the import matched and why (the words it found, the "
                                 "result against the target and the qualifier rule).", default=None)


# The two review dates of a commitment's and a target's record.
LAST_CHECKED = ("The last date on which a maintainer really looked for news of this record, YYYY-MM-DD (even if "
                "none was found); not before the last entry, not after today. Leave it out until someone has looked "
                "(the site then says 'not reviewed since the report'); required once the history has more than its "
                "first entry.")
NEXT_REVIEW = ("When to look again, YYYY-MM-DD, after last_checked (or the first entry); required until a final "
               "verdict closes the history. Once today is past it, the site says the review is overdue.")


@dataclass(kw_only=True)
class Tracking(Record):
    """The record of what became of one commitment: an append-only history and review dates."""

    last_checked: Optional[datetime.date] = doc(LAST_CHECKED, default=None)
    next_review: Optional[datetime.date] = doc(NEXT_REVIEW, default=None)
    history: list[Entry] = doc("Dated entries, oldest first, starting with the pledge.")


@dataclass(kw_only=True)
class TargetTracking(Record):
    """The record of what became of one target figure (kind target)."""

    figure: str = doc("Id of the target figure.")
    last_checked: Optional[datetime.date] = doc(LAST_CHECKED, default=None)
    next_review: Optional[datetime.date] = doc(NEXT_REVIEW, default=None)
    history: list[Entry] = doc("Dated entries, oldest first, starting with the target as the report sets "
                               "it (status set).")


@dataclass(kw_only=True)
class Commitment(Record):
    """One of the practical matters the government promises for the year."""

    id: str = doc("Stable id.")
    number: int = doc("Its number in the report's list.")
    title: Text = doc("The matter, as titled in the report.")
    detail: Text = doc("One faithful sentence. May contain {fig:ID}.")
    paragraph: str = doc("Id of the paragraph that states it.")
    figures: list[str] = doc("Ids of the figures it promises.", default_factory=list)
    tracking: Tracking = doc("What became of it: dated history with evidence, updated by maintainers.")


@dataclass(kw_only=True)
class Commitments(Record):
    """The list of practical matters (实事) and what the report leaves out of it."""

    section: str = doc("Id of the section that announces them.")
    total: int = doc("How many matters the report announces in all.")
    unlisted_note: Text = doc("What the report says of the matters it does not list.")
    items: list[Commitment] = doc("The matters the report lists.")


Category = Literal["politics", "programme", "admin", "place", "culture", "economy"]


@dataclass(kw_only=True)
class Term(Record):
    """A glossary entry for a term a newcomer cannot understand."""

    term: str = doc("The term exactly as it occurs in the text (Simplified).")
    pinyin: str = doc("Hanyu Pinyin with tone marks, by words as the orthography writes it (zhùláo Zhōnghuá "
                      "mínzú, Xī'ān); the entry's anchor and place come from its syllables only.")
    en: str = doc("Short English rendering.")
    category: Category = doc("What kind of term it is.")
    short: Text = doc("One-line explanation shown as a tooltip.")
    explain: Text = doc("How the report uses the term, 1-3 sentences.")
    background: Optional[Text] = doc("Widely documented context beyond the report.", default=None)
    paragraphs: list[str] = doc("Ids of the paragraphs where the term occurs.")


@dataclass(kw_only=True)
class Highlights(Record):
    """Editorial choice of figures for the home page."""

    results: list[str] = doc("Ids of 6-8 headline results of the reviewed year.")
    targets: list[str] = doc("Ids of the targets the report itself lists as the planned year's main projected "
                             "targets (主要预期目标), in its order; all from that one paragraph. Shown under the "
                             "report's own heading.")
    other_targets: list[str] = doc("Ids of other targets of the planned year that the home page shows under a "
                                   "heading of their own (each with its hedge, 力争 -> 'strive for').",
                                   default_factory=list)
    targets_in_words: list[Text] = doc("The report's other main projected targets, those without a figure (so "
                                       "without a tracking record): zh in the report's words, exactly as in the "
                                       "paragraph of `targets`. Listed after them, marked 'no figure, not tracked'.",
                                       default_factory=list)


@dataclass(kw_only=True)
class Report(Record):
    """The whole report: the root of `data/report.yaml`."""

    meta: Meta = doc("What the report is.")
    highlights: Highlights = doc("Figures chosen for the home page.")
    themes: list[Theme] = doc("Subject areas for grouping figures.")
    names: list[Name] = doc("Proper names and their one English spelling.")
    parts: list[Part] = doc("The report's structure, in reading order.")
    figures: list[Figure] = doc("Every quantitative figure.")
    comparisons: list[Comparison] = doc("Result/target pairs for charts.", default_factory=list)
    commitments: Commitments = doc("The practical matters promised for the year.")
    tracking: list[TargetTracking] = doc("What became of the year's targets: one record per target figure; "
                                         "required for those in highlights.targets, highlights.other_targets and "
                                         "comparisons.",
                                         default_factory=list)
    glossary: list[Term] = doc("Terms explained.")
    paragraphs: list[Paragraph] = doc("The original text, paragraph by paragraph.")


@dataclass(kw_only=True)
class Override(Record):
    """A phrase whose Traditional form OpenCC gets wrong, or a name to keep."""

    zh: str = doc("The Simplified phrase as it occurs in the text.")
    hant: str = doc("Its correct Traditional form.")
    note: str = doc("Why (which character OpenCC gets wrong).")
    configs: list[str] = doc("OpenCC configs it applies to; empty = all.", default_factory=list)
    example: str = doc("A phrase of the report, containing zh, where OpenCC alone goes wrong and the entry "
                       "puts it right (when zh alone does not show it); the About page shows it.", default="")


@dataclass(kw_only=True)
class Overrides(Record):
    """The root of `data/zh-hant-overrides.yaml`."""

    overrides: list[Override] = doc("Phrase overrides, applied before OpenCC.")
