"""Import stage 5: the stages together -> a draft report (data and YAML text) and the maintainer's checklist.

`draft(text, filename, year, reference)` takes a report's text as a PDF dump
gives it, its file name (for messages), the year of the report (the year it
plans for) and an existing report whose glossary and names table it links;
it gives a `Draft`: the report as plain data in the schema of
`data/report.yaml`, what the importer proposed and could not decide. `to_yaml`
writes it as YAML text, with the proposals in comments (each figure's
proposed kind and the words the rule looked at); `checklist` lists what a
maintainer must still do, with counts. English is left empty and the report
says so (`meta.english_pending: true`); Traditional Chinese is converted as
for every report.
"""
from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

import yaml

from .. import pagemeta, schema
from ..errors import Problem
from . import figures, structure, terms, text

EMPTY = {"zh": "", "en": ""}
NEW_REGION = "region"  # the id of a region the names table lacks (its English to write)
REVIEW_DAYS = 90


@dataclass
class Draft:
    """The draft report as data, and what the importer proposed."""

    data: dict[str, Any]
    kinds: dict[str, figures.Kind] = field(default_factory=dict)  # figure id -> proposed kind
    candidate_terms: list[terms.Candidate] = field(default_factory=list)
    candidate_names: list[terms.Candidate] = field(default_factory=list)
    proposed_titles: int = 0  # unnumbered sections whose title the importer proposed
    furniture: list[text.Line] = field(default_factory=list)
    text: str = ""  # the paragraphs' text, joined
    paragraphs: list[text.Paragraph] = field(default_factory=list)  # with their source lines (for messages)
    parts: list[structure.Part] = field(default_factory=list)  # the structure (the settlement finds the review)


def zh(words: str) -> dict[str, str]:
    return {"zh": words, "en": ""}


def as_data(record: Any) -> Any:
    """A schema record as plain data for YAML: fields in schema order, `pos` and unset optional fields left out."""
    if dataclasses.is_dataclass(record):
        out = {}
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if f.metadata.get("internal") or (value is None and f.default is None):
                continue
            out[f.name] = as_data(value)
        return out
    if isinstance(record, list):
        return [as_data(v) for v in record]
    return record


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --- meta --------------------------------------------------------------------------------------------

DATE_LINE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在(.+?)上")
SPEAKER_LINE = re.compile(r"^(\S*?人民政府\S*?)\s+(\S{2,4})$")


def meta(front: list[text.Paragraph], year: int, reference: schema.Report) -> dict[str, Any]:
    """The report's meta from its title matter (date and meeting line, speaker line, document number);
    the region is the one whose government the speaker heads, else the reference report's."""
    when, meeting, speaker, role, document = datetime.date(year, 1, 1), "", "", "", ""
    for p in front:
        if (m := DATE_LINE.search(p.text)):
            when, meeting = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(4).strip()
        elif (m := SPEAKER_LINE.match(p.text)):
            role, speaker = m.group(1), m.group(2)
        elif re.fullmatch(r".*文件（.+）", p.text):
            document = p.text
    body = role[:role.index("人民政府") + 4] if "人民政府" in role else reference.meta.body.zh
    region = body.removesuffix("人民政府") or next(n.zh for n in reference.names if n.id == reference.meta.region)
    region_id = next((n.id for n in reference.names if n.zh == region), NEW_REGION)
    return {
        "title": zh(f"{region} {year} 年政府工作报告"), "short_title": zh(f"{year} 年政府工作报告"),
        "description": zh(f"{region} {year} 年政府工作报告的简明解读：{year - 1} 年的成绩、{year} 年的目标和逐段原文。"),
        "region": region_id, "meeting": zh(meeting), "date": when, "speaker": zh(speaker),
        "speaker_role": zh(role), "source": zh(f"文本为大会会议文件（{document.split('（', 1)[-1]}。" if document else ""),
        "body": zh(body), "year_reviewed": year - 1, "year_planned": year, "english_pending": True,
    }


# --- parts -------------------------------------------------------------------------------------------

def short_title(number: Optional[str], title: str, part: bool) -> Optional[dict[str, str]]:
    """A link-preview title where the heading is longer than the preview limit: its first clause, or cut."""
    heading = f"{number}、{title}" if part and number else f"{number or ''}{title}"
    limit = pagemeta.PREVIEW_TITLE_LIMIT
    if len(heading) <= limit:
        return None
    room = limit - (len(heading) - len(title))
    clause = title.split("，")[0]
    return {"zh": clause if len(clause) <= room else title[:room]}


def part_records(parts: list[structure.Part]) -> list[dict[str, Any]]:
    """The parts as data: ids, numbers, Chinese titles; summaries and English empty."""
    out, k = [], 0
    for part in parts:
        if part.number:
            k += 1
        pid = {"开篇": "opening", "结束语": "closing"}.get(part.title) if not part.number else f"part-{k}"
        record: dict[str, Any] = {"id": pid}
        if part.number:
            record["number"] = part.number
        record["title"] = zh(part.title)
        if (short := short_title(part.number, part.title, True)):
            record["short_title"] = short
        record["summary"] = dict(EMPTY)
        record["sections"] = [section_record(s, f"{pid}-{i}" if s.number else f"{pid}-text-{i}")
                              for i, s in enumerate(part.sections, 1)]
        out.append(record)
    return out


def section_record(s: structure.Section, sid: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": sid}
    if s.number:
        record["number"] = s.number
    record["title"] = zh(s.title)
    if s.number and (short := short_title(s.number, s.title, False)):
        record["short_title"] = short
    record.update({"summary": dict(EMPTY), "points": [], "paragraphs": list(s.paragraphs)})
    if s.topics:
        record["topics"] = [{"id": f"{sid}-{j}", "label": t.label, "title": zh(t.title), "summary": dict(EMPTY),
                             "paragraphs": list(t.paragraphs)} for j, t in enumerate(s.topics, 1)]
    return record


# --- figures -----------------------------------------------------------------------------------------

def where_of(parts: list[structure.Part], years: tuple[int, int]) -> dict[str, tuple[str, Optional[str]]]:
    """Paragraph id -> (its part and section as the kind rule names them, whether the part reviews or plans)."""
    out, after = {}, False
    for part in parts:
        time = figures.part_time(part.title, *years, after) if part.number else None
        after = after or time == "review"
        name = f"part {part.number} ({part.title})" if part.number else f"the {part.title}"
        for s in part.sections:
            where = f"{name}, section {s.number}" if s.number else name
            for pid in [*s.paragraphs, *(p for t in s.topics for p in t.paragraphs)]:
                out[pid] = (where, time)
    return out


def figure_records(paras: list[text.Paragraph], parts: list[structure.Part], years: tuple[int, int],
                   themes: list[str]) -> tuple[list[dict[str, Any]], dict[str, figures.Kind]]:
    """Every quantity as a figure record (ids p009_1 ...), and each one's proposed kind."""
    where, records, kinds = where_of(parts, years), [], {}
    for p in paras:
        name, time = where[p.id]
        for k, q in enumerate(figures.quantities_in(p.text, p.id), 1):
            fid = f"{p.id}_{k}"
            kind = figures.propose(q, figures.Where(name, time, p.text, *years))
            of = _growth_of(records, p.id) if kind.kind == "growth" and not figures.label(q) else None
            words = f"{of['label']['zh']}增速" if of else figures.label(q) or q.before or q.quote
            record: dict[str, Any] = {"id": fid, "label": zh(words), "value": number(q.value), "unit": q.unit}
            if q.qualifier:
                record["qualifier"] = q.qualifier
            record.update({"kind": kind.kind, "theme": of["theme"] if of else figures.theme(q, set(themes), themes[0]),
                           "quote": q.quote, "paragraph": p.id})
            if of:
                record["of"] = of["id"]
            records.append(record)
            kinds[fid] = kind
    return records, kinds


def _growth_of(records: list[dict[str, Any]], pid: str) -> Optional[dict[str, Any]]:
    """The figure a bare growth rate (同比增长 6.2%) is the growth of: the last result of its paragraph before it."""
    before = [r for r in records if r["paragraph"] == pid]
    last = before[-1] if before else None
    return last if last and last["kind"] == "result" and last["unit"] not in ("%", "个百分点") else None


# --- commitments -------------------------------------------------------------------------------------

ITEM = re.compile(r"^(\d{1,2})[.．、]([^：:]{2,30})[：:](.*)$")


def commitments(sections: list[dict[str, Any]], paras: dict[str, str], records: list[dict[str, Any]],
                evidence: dict[str, Any]) -> dict[str, Any]:
    """The numbered practical matters (1.…：…) as commitments, each pledged with the report as evidence."""
    holder = next((s for s in sections if any(ITEM.match(paras[p]) for p in s["paragraphs"])), sections[-1])
    items = []
    for pid in holder["paragraphs"]:
        if not (m := ITEM.match(paras[pid])):
            continue
        date = evidence["date"]
        items.append({
            "id": f"matter-{m.group(1)}", "number": int(m.group(1)), "title": zh(m.group(2).strip()),
            "detail": zh(m.group(3).strip()), "paragraph": pid,
            "figures": [r["id"] for r in records if r["paragraph"] == pid],
            "tracking": {"last_checked": date, "next_review": date + datetime.timedelta(days=REVIEW_DAYS),
                         "history": [{"date": date, "status": "pledged", "evidence": [
                             {**evidence, "paragraph": pid, "quote": paras[pid][:200]}]}]},
        })
    return {"section": holder["id"], "total": len(items), "unlisted_note": dict(EMPTY), "items": items}


def names(reference: schema.Report, meta_data: dict[str, Any]) -> list[dict[str, Any]]:
    """The reference's names table, and the report's region when the table lacks it (English to write)."""
    table = [as_data(n) for n in reference.names]
    if meta_data["region"] == NEW_REGION:
        region = meta_data["body"]["zh"].removesuffix("人民政府")
        table.insert(0, {"id": NEW_REGION, "zh": region, "en": "", "avoid": []})
    return table


# --- the whole draft ---------------------------------------------------------------------------------

def draft(source: str, filename: str, year: int, reference: schema.Report) -> Draft:
    """A report's text -> the draft report (see the module's docstring); raises ImportProblem on bad input."""
    lines = text.lines_of(source, filename)
    body, removed = text.furniture(lines)
    paras = text.paragraphs(body)
    if (broken := text.proof(lines, removed, paras)):
        raise text.ImportProblem(Problem(filename, broken[0], "", "expected every line in one paragraph "
                                              "unchanged (the fidelity proof), got a line lost or changed"))
    parts = structure.parts(paras, filename)
    themes = [t.id for t in reference.themes]
    records, kinds = figure_records(paras, parts, (year - 1, year), themes)
    front = [p for p in paras if p.id in parts[0].sections[0].paragraphs] if not parts[0].number else []
    meta_data = meta(front, year, reference)
    part_data = part_records(parts)
    sections = [s for part in part_data for s in part["sections"]]
    texts = {p.id: p.text for p in paras}
    evidence = {"title": "政府工作报告", "publisher": meta_data["body"]["zh"], "date": meta_data["date"],
                "document": meta_data["meeting"]["zh"] + "文件" if meta_data["meeting"]["zh"] else "政府工作报告"}
    data = {
        "meta": meta_data, "highlights": {"results": [], "targets": []},
        "themes": [as_data(t) for t in reference.themes], "names": names(reference, meta_data),
        "parts": part_data, "figures": records, "comparisons": [],
        "commitments": commitments(sections, texts, records, evidence), "tracking": [],
        "glossary": [{**as_data(t), "paragraphs": ids} for t, ids in terms.linked_terms(reference.glossary, paras)],
        "paragraphs": [{"id": p.id, "text": p.text, "en": ""} for p in paras],
    }
    return Draft(data, kinds, terms.candidate_terms(paras, reference.glossary, reference.names),
                 terms.candidate_names(paras, reference.names),
                 sum(s.proposed for part in parts for s in part.sections), removed,
                 "\n".join(p.text for p in paras), paras, parts)


# --- YAML and the checklist --------------------------------------------------------------------------

HEADER = """\
# DRAFT written by `make import` from {source} ({year}): check it against the checklist it printed,
# then `make check`. English is not yet written (meta.english_pending: true): the English pages show
# the Chinese with a notice until it is. Comments starting `# import:` are the importer's proposals;
# delete them as you confirm them.
"""


class _Dumper(yaml.SafeDumper):
    """Plain YAML only: a value used twice is written out twice (the loader refuses anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
                     default_flow_style=False)


def to_yaml(d: Draft, source: str) -> str:
    """The draft as YAML text: the keys of `data/report.yaml` in its order, the proposals as comments."""
    out = [HEADER.format(source=source, year=d.data["meta"]["year_planned"])]
    for key, value in d.data.items():
        if key == "figures":
            out.append("figures:\n")
            for record in value:
                kind = d.kinds[record["id"]]
                out.append(f"# import: kind {kind.kind}{' (to confirm)' if kind.confirm else ''}: {kind.reason}\n")
                out.append(_dump([record]))
        elif key == "names":
            used = [n["zh"] for n in value if n["zh"] in d.text]
            out.append(f"# import: the names table of the reference report; this text uses {len(used)}: "
                       f"{'、'.join(used)}\n")
            out.append(_dump({key: value}))
        elif key == "glossary":
            out.append("# import: glossary entries carried over from the reference report (their paragraphs are "
                       "this report's); check each explain.\n")
            out.append(_dump({key: value}))
            out.extend(_candidates(d))
        else:
            out.append(_dump({key: value}))
    return "".join(out)


def _candidates(d: Draft) -> list[str]:
    lines = ["# import: candidate terms (quoted phrases, numbered formulas) and names not yet in the tables:\n"]
    for c in [*d.candidate_terms, *d.candidate_names]:
        lines.append(f"#   {c.text} ({c.why}; {', '.join(c.paragraphs[:6])})\n")
    return lines


def without_english(data: dict[str, Any]) -> tuple[int, int]:
    """(parts, sections and topics whose English title is empty; paragraphs without English)."""
    titled = [r for part in data["parts"] for r in (part, *part["sections"], *(t for s in part["sections"]
                                                                             for t in s.get("topics", [])))]
    return sum(not r["title"]["en"] for r in titled), sum(not p["en"] for p in data["paragraphs"])


def checklist(d: Draft, out: str) -> list[str]:
    """What a maintainer must still do, with counts, in the order to do it."""
    data, kinds = d.data, d.kinds.values()
    confirm = sum(k.confirm for k in kinds)
    by_kind = ", ".join(f"{n} {k}" for k, n in sorted(_count(k.kind for k in kinds).items()))
    titles, paragraphs = without_english(data)
    meta_data = data["meta"]
    return [
        f"Draft written to {out}: {len(data['paragraphs'])} paragraphs, {len(data['parts'])} parts, "
        f"{sum(len(p['sections']) for p in data['parts'])} sections, {len(data['figures'])} figures, "
        f"{len(data['glossary'])} glossary terms linked. Still to do:",
        f"[ ] figures whose kind to confirm: {confirm} of {len(data['figures'])} ({by_kind}; "
        f"'# import: kind … (to confirm)' above each); check every label and theme",
        f"[ ] section titles to write: {d.proposed_titles} unnumbered sections have a proposed title",
        f"[ ] summaries and key points to write: {titles} parts, sections and topics",
        f"[ ] sections without English: {titles} titles and {paragraphs} paragraphs; when written, "
        f"set meta.english_pending: false",
        f"[ ] candidate terms: {len(d.candidate_terms)} (quoted phrases, numbered formulas), candidate names: "
        f"{len(d.candidate_names)}; listed under glossary:",
        f"[ ] meta: date {meta_data['date']}, meeting '{meta_data['meeting']['zh']}', speaker "
        f"'{meta_data['speaker']['zh']}' as read from the title matter; description to write"
        + (f" (the date is not in {meta_data['year_planned']}: check YEAR)"
           if meta_data["date"].year != meta_data["year_planned"] else ""),
        *([f"[ ] names: the region {data['names'][0]['zh']} is not in the reference's names table: added as id "
             f"'{NEW_REGION}', its English to write"] if meta_data["region"] == NEW_REGION else []),
        f"[ ] highlights and comparisons: choose the home page's figures; commitments: "
        f"{len(data['commitments']['items'])} "
        f"numbered matters found",
        f"[ ] page furniture removed, check: {', '.join(f'line {l.number} {l.text!r}' for l in d.furniture) or 'none'}",
        "Then: make check, make serve (read every page), commit.",
    ]


def _count(items) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out
