"""Import stage 2: paragraphs -> the report's parts, sections and topics, from its own numbering.

Takes the paragraphs of `text.paragraphs`; gives the parts in reading order.
A part is headed 一、…; a section （一）…, its title up to the first 。 when the
heading runs on into the text, else the whole heading paragraph, which then
gathers the topics that follow (——… or 一要…). Text before the first part is
the opening; paragraphs of the last part after its last numbered section that
address the deputies (各位代表) are the closing. Unnumbered paragraphs form
sections of their own, whose titles are only proposed (`proposed`): the
report gives none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..errors import Problem
from .text import NUMERAL, ImportProblem, Paragraph

PART = re.compile(rf"^([{NUMERAL}]+)、(.+)$")
SECTION = re.compile(rf"^[（(]([{NUMERAL}]+)[）)](.+)$")
TOPIC = re.compile(rf"^(——|[{NUMERAL}]要)(.+?)。")
ITEM = re.compile(r"^\d{1,2}[.．、](?!\d)")
CLOSING = re.compile(r"^各位代表[！!]")
TITLE_MAX = 40


@dataclass
class Topic:
    label: str
    title: str
    paragraphs: list[str]


@dataclass
class Section:
    number: Optional[str]
    title: str
    paragraphs: list[str]
    topics: list[Topic] = field(default_factory=list)
    proposed: bool = False  # the title is the importer's proposal, not the report's
    open: bool = False      # a heading on its own, which gathers the topics after it


@dataclass
class Part:
    number: Optional[str]
    title: str
    sections: list[Section]
    heading: Optional[str] = None  # id of the heading paragraph


def part_heading(p: Paragraph) -> Optional[re.Match]:
    """The match of a part heading (一、2023 年工作回顾): short, no sentence in it."""
    m = PART.match(p.text)
    return m if m and len(p.text) <= TITLE_MAX and "。" not in p.text else None


def proposed_title(text: str) -> str:
    """A section title proposed from its first paragraph: its first clause of five characters or more (an
    opening 一年来 or 各位代表！ passed over), at most 16 characters."""
    clauses = [c.strip() for c in re.split(r"[，。：；！？、]", text) if c.strip()]
    return next((c for c in clauses if len(c) >= 5), clauses[0] if clauses else text)[:16]


def parts(paras: list[Paragraph], filename: str) -> list[Part]:
    """The parts of the report: opening, the numbered parts, closing."""
    starts = [i for i, p in enumerate(paras) if part_heading(p)]
    if not starts:
        first = paras[0].lines[0] if paras else 1
        raise ImportProblem(Problem(filename, first, "", "expected the report's numbering (parts headed 一、…, "
                                    "sections （一）…), found no part heading in the text"))
    out = []
    if starts[0] > 0:
        ids = [p.id for p in paras[:starts[0]]]
        out.append(Part(None, "开篇", [Section(None, "开篇", ids, proposed=True)]))
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(paras)
        m = part_heading(paras[start])
        part = Part(m.group(1), m.group(2).strip(), [], heading=paras[start].id)
        part.sections = sections(paras[start:end], part.title)
        out.append(part)
    closing = closing_sections(out[-1], {p.id: p.text for p in paras})
    if closing:
        out.append(Part(None, "结束语", closing))
    return out


def sections(paras: list[Paragraph], part_title: str) -> list[Section]:
    """The sections of one part; its heading paragraph opens the first (unnumbered) one."""
    out: list[Section] = [Section(None, part_title, [paras[0].id], proposed=True)]
    follows_list = True  # the heading runs on into the next paragraph
    for i, p in enumerate(paras[1:], 1):
        current = out[-1]
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        m, t = SECTION.match(p.text), TOPIC.match(p.text)
        if m:
            rest = m.group(2)
            inline = "。" in rest
            title = rest.split("。", 1)[0] if inline else rest
            out.append(Section(f"（{m.group(1)}）", title.strip(), [p.id], open=not inline))
        elif t and current.open:
            current.topics.append(Topic(t.group(1), t.group(2).strip(), [p.id]))
        elif current.number is None and (follows_list or ITEM.match(p.text)
                                         or (p.text.endswith("：") and nxt is not None and SECTION.match(nxt.text))):
            current.paragraphs.append(p.id)
        else:
            out.append(Section(None, proposed_title(p.text), [p.id], proposed=True))
        follows_list = bool(ITEM.match(p.text)) or p.text.endswith("：")
    return out


def closing_sections(part: Part, texts: dict[str, str]) -> list[Section]:
    """Take from the last part its closing address: unnumbered sections after its last numbered one that open
    with 各位代表！ (and their followers)."""
    numbered = [i for i, s in enumerate(part.sections) if s.number]
    if not numbered:
        return []
    tail = part.sections[numbered[-1] + 1:]
    if not tail or not CLOSING.match(texts[tail[0].paragraphs[0]]):
        return []
    del part.sections[numbered[-1] + 1:]
    for s in tail:
        s.title = "结束语"
    return tail
