"""English prose rules: a typed `schema.Report` -> the problems of its English.

The mechanical classes of broken or untrustworthy English are refused here,
each with a located message: spellings on a name's avoid list; numbers typed
instead of taken from a figure; a noun doubled after a figure's unit word
("1,300 people jobs") or missing after a bare count ("benefiting 666.");
a lost hedge (力争 without "strive", in prose and in titles and labels, which
also title the feed's entries); a term's or name's Chinese in
parentheses after an English name that is not its one rendering; Chinese
punctuation and lower-case sentence starts; a paragraph translation that
leaves out one of its paragraph's figures; an empty English text, unless the
report says its English is not yet written (`meta.english_pending`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from . import numerals, quantities, schema, termmatch
from .schema import PLACEHOLDER


@dataclass(frozen=True)
class English:
    """One English text of the site and where it stands."""

    record: schema.Record  # problems point at this record's `key`
    key: str
    text: str
    zh: Optional[str] = None  # the Chinese it renders (for hedges), if any
    paragraph: Optional[schema.Paragraph] = None  # for a paragraph translation
    phrase: bool = False  # a rendering used inside sentences (glossary `en`): may start in lower case


def prose(report: schema.Report) -> Iterator[English]:
    """Every English prose text on the site: summaries, points, commitments, tracking notes, glossary, translations."""
    for part in report.parts:
        yield English(part.summary, "en", part.summary.en, part.summary.zh)
        for section in part.sections:
            for text in [section.summary, *section.points, *(t.summary for t in section.topics)]:
                yield English(text, "en", text.en, text.zh)
    for item in report.commitments.items:
        yield English(item.detail, "en", item.detail.en, item.detail.zh)
    note = report.commitments.unlisted_note
    yield English(note, "en", note.en, note.zh)
    for record in [*(item.tracking for item in report.commitments.items), *report.tracking]:
        for entry in record.history:
            if entry.note is not None:
                yield English(entry.note, "en", entry.note.en, entry.note.zh)
    for term in report.glossary:
        for text in [term.short, term.explain] + ([term.background] if term.background else []):
            yield English(text, "en", text.en)
    for p in report.paragraphs:
        if p.en is not None:
            yield English(p, "en", p.en, p.text, p)


def labels(report: schema.Report) -> Iterator[English]:
    """Short English names: figure and comparison labels, titles and short titles, glossary renderings."""
    for f in report.figures:  # a figure's or a commitment's title is also a feed entry's title
        yield English(f.label, "en", f.label.en, f.label.zh)
    for c in report.comparisons:
        yield English(c.label, "en", c.label.en, c.label.zh)
    for part in report.parts:
        for record in (part, *part.sections):
            yield English(record.title, "en", record.title.en, record.title.zh)
            if record.short_title is not None and record.short_title.en:
                yield English(record.short_title, "en", record.short_title.en)
        for section in part.sections:
            for t in section.topics:
                yield English(t.title, "en", t.title.en, t.title.zh)
    for item in report.commitments.items:
        yield English(item.title, "en", item.title.en, item.title.zh)
    for term in report.glossary:
        yield English(term, "en", term.en, phrase=True)


# --- numbers -------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?:st|nd|rd|th)?(?![\w])")


_DATE = re.compile(r"\b(?:[1-9]|[12]\d|3[01]) (?:January|February|March|April|May|June|July|August|September|"
                   r"October|November|December)\b")


def typed_numbers(text: str) -> list[str]:
    """Numbers typed in a text, not counting those its placeholders print nor the day of a date (26 January)."""
    return _NUMBER.findall(_DATE.sub(" ", PLACEHOLDER.sub(" ", text)))


def allowed_numbers(report: schema.Report) -> set[str]:
    """Numbers any English text may type: years, ordinals, numbers in names (Highway 99)."""
    allowed = {str(y) for y in range(1949, 2101)}
    allowed |= {quantities.ordinal(n) for n in range(1, 101)}
    for f in report.figures:
        if f.unit in quantities.UNITS:
            allowed |= set(typed_numbers(quantities.quantity_en(f.value, f.unit)))
    for term in report.glossary:  # numbers that are part of a name: "99 号公路" -> 99
        allowed |= set(typed_numbers(term.term)) | set(typed_numbers(term.en))
    for name in report.names:  # 吉林郭勒二号矿 -> Jilinguole No. 2 Mine
        allowed |= set(typed_numbers(name.zh)) | set(typed_numbers(name.en))
    return allowed


def _paragraph_numbers(p: schema.Paragraph) -> set[str]:
    """Numbers the Chinese of a paragraph states, in digits or numerals, as English types them (4, 26, 50,980)."""
    out = set()
    for value in numerals.stated_values(p.text, ""):
        whole, _, frac = format(value, "f").partition(".")
        out |= {f"{int(whole)}" + (f".{frac}" if frac else ""), f"{int(whole):,}" + (f".{frac}" if frac else "")}
    return out


_ENUMERATOR = re.compile(r"^\(?\d+[).]\s")  # "(1) " or "6. " opening a translated paragraph, as （一） or 6．


def _times_printed(chinese: str, number: str) -> int:
    """How often the Chinese prints `number` (typed in English as 1,300 or 1300) as a number of its own."""
    plain = number.replace(",", "")
    return len(re.findall(rf"(?<![\d.]){re.escape(plain)}(?![\d.])", chinese))


# --- nouns around figures ---------------------------------------------------------------------

# Words that are not nouns although they look like plurals, and words that never
# name what a bare number counts.
_NOT_NOUNS = set("""
a an the and or but nor of in on at to for from by with as than that which who whose while when where
after before during over under into onto per each every all both this these those its their his her our
was were is are be been being has have had will would shall should can could may might must do does did
not no so up down out off across through between among within without against about around along
also thus plus less unless yet including such more most respectively in-all combined altogether
rises falls reaches remains includes covers means gives goes makes takes stands leads ranks ranked
""".split())
_UNIT_WORDS = {u.en for u in quantities.UNITS.values() if u.en and u.en not in ("%", "rank")} | {"people"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _looks_like_noun(word: str) -> bool:
    w = word.lower()
    if w in _NOT_NOUNS:
        return False
    if w in _UNIT_WORDS or w in {"people", "persons", "residents", "workers", "jobs"}:
        return True
    return bool(re.fullmatch(r"[a-z]+(?:-[a-z]+)*[a-z]s", w)) and not w.endswith(("ss", "us", "is", "ous"))


_ADJECTIVES = {"new", "more", "additional", "other", "key", "major", "small", "large", "old", "local", "rural", "urban"}


def _looks_like_modifier(word: str) -> bool:
    w = word.lower()
    return w not in _NOT_NOUNS and (w in _ADJECTIVES or "-" in w or w.endswith(("ed", "al", "ic", "ive", "ful")))


def _next_words(text: str, at: int, n: int = 2) -> tuple[str, list[str]]:
    """The character right after position `at` (skipping spaces) and the next `n` words."""
    rest = text[at:]
    stripped = rest.lstrip(" ").lstrip('"“‘\'')
    return stripped[:1], [m.group() for m in _WORD.finditer(PLACEHOLDER.sub(" # ", stripped[:80]))][:n]


def _noun_problems(e: English, figures: dict[str, schema.Figure]) -> Iterator[str]:
    for m in PLACEHOLDER.finditer(e.text):
        form, fid = m.groups()
        f = figures.get(fid)
        if f is None or f.unit not in quantities.UNITS:
            continue
        unit = quantities.UNITS[f.unit]
        first, words = _next_words(e.text, m.end())
        follows = words[0] if words and _looks_like_noun(words[0]) else " ".join(words[:2])
        if form == "num" and not quantities.is_count(f.unit):
            yield (f"expected {{num:{fid}}} only for a count (people, households, visits, items), "
                   f"got it for a figure in {f.unit}; write {{fig:{fid}}}")
            continue
        bare = form == "num" or (unit.en is None and not f.noun)
        if bare:  # a clause that ends on a bare number leaves the reader guessing what it counts
            if not words or first in ".;:!?":
                got = repr(first) if first else "the end of the text"
                yield f"expected a noun after {{{form}:{fid}}} (it prints a bare number), got {got}"
            continue
        if unit.en in ("%", "rank") and not f.noun:
            continue
        if not words or not first.isalpha():
            continue
        if _looks_like_noun(words[0]) or (len(words) > 1 and _looks_like_modifier(words[0])
                                          and _looks_like_noun(words[1])):
            own = f.noun or unit.en
            yield (f"expected a noun after {{fig:{fid}}} only if the figure has none, got "
                   f"'{own.split()[-1]} {follows}' (write {{num:{fid}}} {follows}..., or give the figure a noun)"
                   if quantities.is_count(f.unit) else
                   f"expected no noun after {{fig:{fid}}}, which ends in '{own}', got '{own.split()[-1]} {follows}'")


# --- hedges ----------------------------------------------------------------------------------

HEDGES = {
    "力争": re.compile(r"\b(strive|strives|striving|aim|aims|aiming|seek|seeks|seeking|try|tries|endeavou?rs?|work(s|ing)? to|push(es)? for)\b", re.I),
    "争取": re.compile(r"\b(strive|strives|striving|aim|aims|aiming|seek|seeks|seeking|sought|try|tries|endeavou?rs?|work(s|ing)? to|"
                     r"push(es)? for|win|wins|won|secure|secures|secured|securing|obtain|obtained|bid|apply|applied|compete|competed)\b", re.I),
    "计划": re.compile(r"\b(plan|plans|planned|planning|scheduled)\b", re.I),
}
_HEDGE_EN = {"力争": "strive/aim/seek", "争取": "seek/strive (or won/secured for results)", "计划": "plan"}


def _hedge_problems(e: English) -> Iterator[str]:
    if not e.zh:
        return
    for zh, rx in HEDGES.items():
        need = e.zh.count(zh)
        if not need:
            continue
        have = len(rx.findall(e.text))
        if e.paragraph is None and have == 0:
            yield f"expected the force of {zh} in English ({_HEDGE_EN[zh]}), got none"
        elif e.paragraph is not None and have < need:
            yield f"expected {zh} ({need} times in the Chinese) rendered each time ({_HEDGE_EN[zh]}), got {have}"


# --- names and terms -------------------------------------------------------------------------

_QUOTES = str.maketrans("", "", termmatch.QUOTE_MARKS)
_CJK = re.compile(r"[\u3400-\u9fff]")
_PAREN = re.compile(r"\(([^()]*)\)")


normalized = termmatch.rendering  # a rendering as prose may carry it (no quotation marks, no leading "the")


def renderings(report: schema.Report) -> dict[str, tuple[str, bool]]:
    """Chinese -> (its one English rendering, whether the case must match): names and glossary terms."""
    out: dict[str, tuple[str, bool]] = {}
    for term in report.glossary:
        out[term.term.translate(_QUOTES)] = (normalized(term.en), False)
    for name in report.names:
        out[name.zh] = (name.en, True)
    return out


def _name_problems(e: English, table: dict[str, tuple[str, bool]]) -> Iterator[str]:
    for m in _PAREN.finditer(e.text):
        inner = m.group(1)
        lead = re.split(r"[,;，；、]", inner, maxsplit=1)[0].strip().strip("《》")
        if not _CJK.search(lead):
            continue
        zh = lead.translate(_QUOTES)
        if zh not in table:
            continue
        en, case = table[zh]
        before = normalized(e.text[:m.start()].rstrip())
        if case:
            ok = before.endswith(en) or before.endswith(en[:1].lower() + en[1:])
        else:
            ok = before.lower().endswith(en.lower())
        if not ok:
            got = before[-len(en) - 12:].split(". ")[-1].strip() or before
            yield f"expected '{en}' before ({zh}), got '…{got}'"


def consistency_problems(report: schema.Report) -> Iterator[tuple[schema.Record, str, str]]:
    """A Chinese term that is both a name and a glossary term has one English rendering."""
    names = {n.zh: n for n in report.names}
    for term in report.glossary:
        name = names.get(term.term.translate(_QUOTES))
        if name and normalized(term.en).lower() != normalized(name.en).lower():
            yield term, "en", f"expected '{name.en}' as in the names table for {term.term}, got {term.en!r}"


# --- typography ------------------------------------------------------------------------------

_ABBREVIATIONS = ("e.g.", "i.e.", "No.", "Co.", "Ltd.", "etc.", "vs.", "St.")


def _typography_problems(text: str, phrase: bool = False) -> Iterator[str]:
    outside = re.sub(r"\([^()]*[\u3400-\u9fff][^()]*\)|《[^》]*》|“[^”]*[\u3400-\u9fff][^”]*”", " ", text)
    bad = re.search(r"[：；，。！？、]", outside)
    if bad:
        yield f"expected English punctuation in English text, got '{bad.group()}'"
    flat = PLACEHOLDER.sub("X", text)
    for m in re.finditer(r"(?:[.!?]\s+)([a-z])" if phrase else r"(?:^|[.!?]\s+)([a-z])", flat):
        before = flat[:m.start(1)].rstrip()
        if not before or not before.endswith(_ABBREVIATIONS):
            yield f"expected a capital at the start of a sentence, got '{flat[m.start(1):m.start(1) + 20].strip()}…'"
            break


# --- all together ----------------------------------------------------------------------------

def problems(report: schema.Report) -> Iterator[tuple[schema.Record, str, str]]:
    """(record, key, message) for every English rule broken; the caller locates and reports them."""
    figures = {f.id: f for f in report.figures}
    by_paragraph: dict[str, list[schema.Figure]] = {}
    for f in report.figures:
        by_paragraph.setdefault(f.paragraph, []).append(f)
    allowed = allowed_numbers(report)
    table = renderings(report)
    written = [e for e in [*prose(report), *labels(report)] if e.text.strip()]
    if not report.meta.english_pending:
        for e in [*prose(report), *labels(report)]:
            if not e.text.strip():
                yield e.record, e.key, ("expected English, got an empty text (while the English is not yet written, "
                                        "set meta.english_pending: true)")
    for e in written:
        for name in report.names:
            for variant in name.avoid:
                if variant and variant in e.text:
                    yield e.record, e.key, f"expected {name.en!r} for {name.zh}, got the spelling {variant!r}"
        for message in _typography_problems(e.text, e.phrase):
            yield e.record, e.key, message
    for e in labels(report):  # prose is checked below, with the rest of its rules
        if not e.text.strip():
            continue  # refused above unless the English is pending
        for message in _hedge_problems(e):
            yield e.record, e.key, message
    for e in prose(report):
        if not e.text.strip():
            continue  # refused above unless the English is pending
        own = _paragraph_numbers(e.paragraph) if e.paragraph else set()
        covered: dict[str, list[str]] = {}
        if e.paragraph:
            for f in by_paragraph.get(e.paragraph.id, []):
                if f.unit in quantities.UNITS:
                    for n in typed_numbers(quantities.quantity_en(f.value, f.unit, bare=True)):
                        covered.setdefault(n, []).append(f.id)
        text = _ENUMERATOR.sub("", e.text) if e.paragraph else e.text
        for number in typed_numbers(text):
            if number in covered and _times_printed(e.paragraph.text, number) <= len(covered[number]):
                yield e.record, e.key, f"expected {{fig:{covered[number][0]}}} for a figure's number, got {number!r} typed"
            elif number not in allowed and number not in own:
                what = "(or a year, an ordinal or a number of its own paragraph)" if e.paragraph else "(or a year or ordinal)"
                yield e.record, e.key, f"expected numbers only through {{fig:ID}} {what}, got {number!r} typed in English"
        for message in _noun_problems(e, figures):
            yield e.record, e.key, message
        for message in _hedge_problems(e):
            yield e.record, e.key, message
        for message in _name_problems(e, table):
            yield e.record, e.key, message
        if e.paragraph:
            used = {fid for _form, fid in PLACEHOLDER.findall(e.text)}
            for f in by_paragraph.get(e.paragraph.id, []):
                if f.id not in used:
                    yield e.record, e.key, f"expected every figure of {e.paragraph.id} in its translation, {{fig:{f.id}}} is missing"
    yield from consistency_problems(report)
