"""Import stage 7: the new report's review -> proposed verdicts on the previous report's targets and matters.

`settle(d, filename, previous, strict)` takes a draft (`draft.draft`: its
paragraphs, parts and meta), the text's file name (for messages) and the
previous report (a `schema.Report`, the one whose planned year the new report
reviews); it gives a `Settlement`: for each tracking record of the previous
report (a target, under `tracking:`; a numbered matter, under
`commitments.items`) that its review speaks of, a proposed history entry
(`proposed: true`, the new report as evidence, the result as `outcome` for a
target, a verdict, and `matched`: the words it found and the comparison);
the open records it says nothing of ("not reported"); the records a final
verdict already closed. `to_yaml` writes the proposals as the file
`settlement.yaml` beside the draft, to paste into the previous report;
`checklist` gives the checklist's lines. Nothing here confirms a verdict: a
maintainer does, by deleting `proposed` and `matched` (the site never shows
a proposed entry: `tracking.confirmed`).

A record is found by the longest run of its name (a target's label, a matter's title, without verbs and
hedges: 新建风电 -> 风电) in a sentence of the review; a target, or a matter with one figure, is compared by
the quantity of that sentence in a like unit (`compare`, the rule `RULE`); any other matter is proposed
achieved when the clause naming it says it is done, else listed as named without a result.

The new report must review the year the previous one plans: its YEAR - 1,
and the year in the title of its review part. Otherwise `settle` raises
`ImportProblem` with a located message (strict: PREVIOUS given), or gives a
settlement that only says why it was skipped (the default previous report).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

import yaml

from .. import quantities, schema, tracking
from ..errors import Problem
from . import figures, structure
from .text import ImportProblem

# Words stripped from a record's name to find what it is about: 新建风电 -> 风电, 建设县图书馆 -> 县图书馆.
VERBS = re.compile(r"力争|争取|目标|全年|今年|达到|实现|完成|新建|建设|建成|开通|翻修|改造|发放|推进|实施|增长|提高|提升")
# A matter reported done, without a figure; not 完成主体工程, 完成前期 … (a stage of it).
DONE_WORDS = "建成|完成|开通|投入使用|投用|竣工|到位|开放|落地|实现"
DONE = re.compile(rf"(?:{DONE_WORDS})(?!主体|前期|部分|阶段|初步)")
SENTENCE = re.compile(r"[^。；！？]+")
RATES = ("%", "个百分点")
PARTLY_FROM = Decimal("0.5")  # an amount below its target is partly achieved from this share of it
VERDICT = {"met": "achieved", "partly": "partly_achieved", "not met": "not_achieved"}
RULE = ("met when the result reaches the target's number: 约/左右 (about) and 力争/争取 (strive for) take the number "
        "itself, with no tolerance; 以上 (at least) and 突破 (over) at least the number; 以内/以下 (at most) not "
        "above it. Below the number a rate (%, 个百分点) is not met; an amount is partly achieved from half of it, "
        "not achieved under half. A result's own 约/余/以上 is read as its number. A matter reported done "
        f"({DONE_WORDS.replace('|', '/')}, in the clause that names it, not 完成主体/前期/部分/阶段) without a figure is proposed achieved.")
QUALIFIER_RULE = {
    "about": "约/左右 (about): the number itself, no tolerance",
    "at_least": "以上 (at least): the result at least the number",
    "over": "突破/余 (over): the result at least the number",
    "at_most": "以内/以下 (at most): the result not above the number",
    None: "no qualifier: the result at least the number",
}


@dataclass(frozen=True)
class Found:
    """Where the review speaks of a record: the paragraph, its sentence, the words shared with the record."""

    paragraph: str
    sentence: str
    words: str
    quantity: Optional[figures.Quantity] = None  # the result, in a unit like the record's figure


@dataclass
class Proposal:
    """A proposed history entry for one record of the previous report."""

    where: str         # "tracking" (a target, by figure id) or "commitments" (a matter, by id)
    key: str           # the figure id or the matter id
    name: str          # the target's label or the matter's title (Chinese)
    entry: dict[str, Any]
    outcome: str       # "met", "not met", "partly" or "reported without a figure"


@dataclass
class Settlement:
    """What the import proposes for the previous report's records, and what it could not."""

    previous: str                     # the previous report's file
    year: int                         # the year it plans (the new report reviews)
    proposals: list[Proposal] = field(default_factory=list)
    not_reported: list[str] = field(default_factory=list)   # "where key (name)" of open records not spoken of
    closed: list[str] = field(default_factory=list)         # records a final verdict already closed, and what the review says
    skipped: Optional[str] = None                            # why there is no settlement


# --- the review ----------------------------------------------------------------------------------------

def review(d, filename: str, previous: schema.Report, year: int) -> tuple[list[structure.Part], Optional[Problem]]:
    """The parts that review the previous report's planned year, or the problem that says why there are none."""
    planned = previous.meta.year_planned
    if year - 1 != planned:
        line, key = previous.meta.pos.at("year_planned")
        return [], Problem(previous.pos.file, line, key, f"expected the report that plans {year - 1} (the year a "
                                                         f"{year} report reviews), got the report for {planned}")
    lines = {p.id: p.lines[0] for p in d.paragraphs}
    found, after = [], False
    for part in d.parts:
        time = figures.part_time(part.title, year - 1, year, after) if part.number else None
        after = after or time == "review"
        if time != "review":
            continue
        years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?=\s*年)", part.title)]
        if years and planned not in years:
            return [], Problem(filename, lines.get(part.heading, 1), "", f"expected a review of {planned} (the year "
                               f"{previous.pos.file} plans), got the review '{part.number}、{part.title}'")
        found.append(part)
    if not found:
        return [], Problem(filename, 1, "", f"expected a part that reviews {planned} (a heading with 回顾 or the "
                                            f"year), found none")
    return found, None


def sentences(d, parts: list[structure.Part]) -> list[tuple[str, str]]:
    """(paragraph id, sentence) of the review, in reading order."""
    ids = {pid for part in parts for s in part.sections for pid in [*s.paragraphs, *(p for t in s.topics
                                                                                    for p in t.paragraphs)]}
    return [(p.id, m.group().strip()) for p in d.paragraphs if p.id in ids for m in SENTENCE.finditer(p.text)
            if m.group().strip()]


def subject(words: str) -> str:
    """What a record is about: its name without the verbs and the hedges."""
    return VERBS.sub("", words).strip(" “”")


def shared(key: str, sentence: str) -> str:
    """The longest run of `key` that occurs in `sentence`."""
    best = ""
    for i in range(len(key)):
        for j in range(len(key), i + len(best), -1):
            if key[i:j] in sentence:
                best = key[i:j]
                break
    return best


def find(name: str, figure: Optional[schema.Figure], said: list[tuple[str, str]]) -> Optional[Found]:
    """The sentence of the review that best names the record (the longest shared run of its subject, at least
    two characters and three fifths of it), and in it the quantity in a unit like the record's figure."""
    key = subject(name)
    need = max(2, -(-3 * len(key) // 5))
    best: Optional[Found] = None
    for pid, sentence in said:
        words = shared(key, sentence)
        if len(words) < need or (best and len(words) <= len(best.words)):
            continue
        quantity = None
        if figure is not None:
            dim = quantities.UNITS[figure.unit].dimension
            after = sentence.index(words) + len(words)
            like = [q for q in figures.quantities_in(sentence, pid) if quantities.UNITS[q.unit].dimension == dim]
            quantity = next((q for q in like if q.start >= after), like[-1] if like else None)
        best = Found(pid, sentence, words, quantity)
    return best


# --- the verdict ---------------------------------------------------------------------------------------

def compare(result: figures.Quantity, target: schema.Figure) -> tuple[str, str]:
    """(met / partly / not met, the comparison in words) of a result against a target figure."""
    r, t = quantities.base_value(float(result.value), result.unit), quantities.base_value(target.value, target.unit)
    hedge = next((w for w in tracking.HEDGES if w in target.quote), None)
    rule = QUALIFIER_RULE[target.qualifier] + (f"; {hedge} (strive for): the number itself" if hedge else "")
    if target.qualifier == "at_most":
        outcome = "met" if r <= t else "not met"
    elif r >= t:
        outcome = "met"
    elif target.unit in RATES or result.unit in RATES:
        outcome = "not met"
    else:
        outcome = "partly" if t and r / t >= PARTLY_FROM else "not met"
    shown_t = quantities.quantity_zh(target.value, target.unit, target.qualifier)
    shown_r = quantities.quantity_zh(float(result.value), result.unit, result.qualifier)
    share = f" ({r / t * 100:.0f} % of it)" if t and outcome != "met" and target.unit not in RATES else ""
    return outcome, f"{shown_r} against the target {shown_t} ('{target.quote}'){share} -> {outcome} ({rule})"


def quote(sentence: str, words: str) -> str:
    """The sentence as evidence, cut around the matched words to at most tracking.MAX_QUOTE characters."""
    if len(sentence) <= tracking.MAX_QUOTE:
        return sentence
    start = max(0, min(sentence.index(words) - 40, len(sentence) - tracking.MAX_QUOTE))
    return sentence[start:start + tracking.MAX_QUOTE]


def proposal(where: str, key: str, name: str, figure: Optional[schema.Figure], found: Found, target: bool,
             evidence: dict[str, Any], date, part: str) -> Optional[Proposal]:
    """The entry proposed for one record, or None when the review names it without a result."""
    said = f"the review ({part}), {found.paragraph}: the words '{found.words}' (of '{name}') in '{found.sentence}'"
    entry: dict[str, Any] = {"date": date}
    if figure is not None and found.quantity is not None:
        outcome, comparison = compare(found.quantity, figure)
        entry["status"] = VERDICT[outcome]
        matched = f"{said}; {comparison}"
        if target:
            q = found.quantity
            entry["outcome"] = {"value": _number(q.value), "unit": q.unit, **({"qualifier": q.qualifier}
                                                                               if q.qualifier else {})}
    elif (done := DONE.search(clause(found.sentence, found.words))):
        outcome, entry["status"] = "reported without a figure", "achieved"
        matched = f"{said}; reported done ('{done.group()}') without a figure -> achieved"
    else:
        return None
    entry.update({"proposed": True, "matched": matched,
                  "evidence": [{**evidence, "paragraph": found.paragraph, "quote": quote(found.sentence, found.words)}]})
    if "outcome" in entry:  # the keys in the order of the schema's Entry
        entry = {k: entry[k] for k in ("date", "status", "proposed", "matched", "evidence", "outcome")}
    return Proposal(where, key, name, entry, outcome)


def clause(sentence: str, words: str) -> str:
    """The clause of the sentence that holds the matched words (a done word elsewhere may be another matter's)."""
    at = sentence.index(words)
    start = max(sentence.rfind(c, 0, at) for c in "，、：") + 1
    ends = [i for i in (sentence.find(c, at + len(words)) for c in "，、：") if i >= 0]
    return sentence[start:min(ends, default=len(sentence))]


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def settle(d, filename: str, previous: schema.Report, strict: bool) -> Settlement:
    """The proposals for the previous report's records from the draft's review (see the module's docstring)."""
    meta = d.data["meta"]
    out = Settlement(previous.pos.file, previous.meta.year_planned)
    parts, problem = review(d, filename, previous, meta["year_planned"])
    if problem is not None:
        if strict:
            raise ImportProblem(problem)
        out.skipped = str(problem)
        return out
    said = sentences(d, parts)
    part = "、".join(f"{p.number}、{p.title}" for p in parts)
    evidence = {"title": meta["title"]["zh"], "publisher": meta["body"]["zh"], "date": meta["date"],
                "document": f"{meta['meeting']['zh']}文件" if meta["meeting"]["zh"] else "政府工作报告",
                "year": meta["year_planned"]}
    figs = {f.id: f for f in previous.figures}
    records = [("tracking", t.figure, figs[t.figure].label.zh, figs[t.figure], t, True)
               for t in previous.tracking if t.figure in figs]
    for item in previous.commitments.items:
        figure = figs.get(item.figures[0]) if len(item.figures) == 1 else None
        records.append(("commitments", item.id, item.title.zh, figure, item.tracking, False))
    for where, key, name, figure, record, target in records:
        found = find(name, figure, said)
        closed = next((e for e in record.history if e.status in tracking.FINAL and not e.proposed), None)
        if closed is not None:
            what = f"{where} {key} ({name}): closed by {closed.status} of {closed.date.isoformat()}"
            if found and figure is not None and found.quantity is not None:
                verdict, comparison = compare(found.quantity, figure)
                what += f"; the review says {comparison.split(' (')[0]} -> {verdict}: check it agrees"
            elif found:
                what += f"; the review says '{found.sentence}': check"
            out.closed.append(what)
            continue
        made = proposal(where, key, name, figure, found, target, evidence, meta["date"], part) if found else None
        if made is None:
            out.not_reported.append(f"{where} {key} ({name})" + (f": named in {found.paragraph} without a result"
                                                                    if found else ""))
        else:
            out.proposals.append(made)
    return out


def entries(s: Settlement) -> list[tuple[str, str, schema.Entry]]:
    """The proposals as typed entries (where, key, entry), to check them with the previous report."""
    out = []
    for p in s.proposals:
        e = dict(p.entry)
        e["evidence"] = [schema.Evidence(**ev) for ev in e["evidence"]]
        if "outcome" in e:
            e["outcome"] = schema.Outcome(**e["outcome"])
        out.append((p.where, p.key, schema.Entry(**e)))
    return out


def problems(s: Settlement, previous: schema.Report, on) -> list[Problem]:
    """The tracking problems of the previous report with the proposed entries added (none: they validate)."""
    import dataclasses

    added: dict[tuple[str, str], list[schema.Entry]] = {}
    for where, key, entry in entries(s):
        added.setdefault((where, key), []).append(entry)
    targets = [dataclasses.replace(t, history=[*t.history, *added.get(("tracking", t.figure), [])])
               for t in previous.tracking]
    items = [dataclasses.replace(i, tracking=dataclasses.replace(i.tracking, history=[
        *i.tracking.history, *added.get(("commitments", i.id), [])])) for i in previous.commitments.items]
    report = dataclasses.replace(previous, tracking=targets,
                                 commitments=dataclasses.replace(previous.commitments, items=items))
    return tracking.problems(report, on)


# --- the file and the checklist ------------------------------------------------------------------------

HEADER = """\
# PROPOSED by `make import` from {source} (the {year} report) for the records of {previous} ({planned}).
# Nothing here is on the site. For each record: read `matched` and the quote; to confirm, paste the entry
# at the end of that record's `history` in {previous}, delete its `proposed` and `matched` lines (an entry
# left with `proposed: true` is checked but never shown), set the record's `last_checked` (the day you
# checked) and, after a final verdict, remove its `next_review`. To reject a proposal, do not paste it.
# The rule: {rule}
"""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(s: Settlement, source: str, year: int) -> str:
    """The settlement file: the proposals under the record they belong to, the not-reported records listed."""
    out = [HEADER.format(source=source, year=year, previous=s.previous, planned=s.year, rule=RULE)]
    data: dict[str, Any] = {}
    for p in s.proposals:
        record = {"figure": p.key} if p.where == "tracking" else {"id": p.key}
        data.setdefault(p.where, []).append({**record, "history": [p.entry]})
    data["not_reported"] = s.not_reported
    data["closed"] = s.closed
    out.append(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6))
    return "".join(out)


def checklist(s: Settlement, where: str) -> list[str]:
    """The checklist's lines on the settlement of the previous report."""
    if s.skipped:
        return [f"[ ] settlement of {s.previous}: skipped, {s.skipped}"]
    counts = {}
    for p in s.proposals:
        counts[p.outcome] = counts.get(p.outcome, 0) + 1
    lines = [f"[ ] settlement of {s.previous} ({s.year}): {len(s.proposals)} verdicts proposed "
             f"({', '.join(f'{n} {k}' for k, n in counts.items()) or 'none'}), written to {where}; "
             f"confirm each (paste it, delete proposed and matched):",
             *(f"      {p.where} {p.key} -> {p.entry['status']}: {p.entry['matched']}" for p in s.proposals),
             f"[ ] not reported by this review: {len(s.not_reported)} open records, no entry proposed (they keep "
             f"their status on the site; look for another source): {'; '.join(s.not_reported) or 'none'}"]
    if s.closed:
        lines.append(f"[ ] already closed by a final verdict: {len(s.closed)}: {'; '.join(s.closed)}")
    return lines
