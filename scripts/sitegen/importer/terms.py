"""Import stage 4: paragraphs + a known glossary and names table -> linked terms and candidates.

Takes the draft's paragraphs and the glossary and names of an existing report
(by default the current one); gives the glossary entries whose term occurs in
the new text, each with the paragraphs where it occurs (the draft links them
as the site does), the names of the table the text uses, and candidates for a
maintainer to judge: quoted phrases (“放管服”), numbered formulas (两个确立,
四大攻坚行动) and names not yet in the table (words of the characters the
table's transliterated names are made of, before a place word such as 镇,
嘎查, 电厂).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import schema
from .text import Paragraph

QUOTED = re.compile(r"“([^“”]{2,12})”")
FORMULA = re.compile(r"([两三四五六七八九十]+(?:个|件|大|项|张|条|化|心|为|有)[\u4e00-\u9fff]{2,4}?)"
                     r"(?=[”，。、；：）]|$)")
PLACE_WORDS = ("镇", "苏木", "嘎查", "河", "湖", "山", "路", "街", "矿", "电厂", "机场", "卫生院", "小区", "景区",
               "沙地", "园区", "火车站", "公司")


@dataclass(frozen=True)
class Candidate:
    """A phrase a maintainer may add to the glossary or the names table: why, and where it occurs."""

    text: str
    why: str  # quoted, formula, name
    paragraphs: tuple[str, ...]


def occurrences(word: str, paras: list[Paragraph]) -> list[str]:
    return [p.id for p in paras if word in p.text]


def linked_terms(glossary: list[schema.Term], paras: list[Paragraph]) -> list[tuple[schema.Term, list[str]]]:
    """The known glossary entries whose term occurs in the text, with the paragraphs where it does."""
    return [(term, ids) for term in glossary if (ids := occurrences(term.term, paras))]


def used_names(names: list[schema.Name], paras: list[Paragraph]) -> list[schema.Name]:
    """The names of the table that the text uses."""
    return [name for name in names if occurrences(name.zh, paras)]


def _known(glossary: list[schema.Term], names: list[schema.Name]) -> set[str]:
    strip = str.maketrans("", "", "“”")
    return {t.term.translate(strip) for t in glossary} | {n.zh for n in names}


def candidate_terms(paras: list[Paragraph], glossary: list[schema.Term], names: list[schema.Name]) -> list[Candidate]:
    """Quoted phrases and numbered formulas not yet in the glossary or the names table, most frequent first."""
    known = _known(glossary, names)
    found: dict[str, str] = {}
    for p in paras:
        for m in QUOTED.finditer(p.text):
            found.setdefault(m.group(1), "quoted")
        for m in FORMULA.finditer(p.text):
            found.setdefault(m.group(1), "formula")
    out = [Candidate(text, why, tuple(occurrences(text, paras))) for text, why in found.items()
           if not any(text in k for k in known)]  # neither a known term nor part of one
    return sorted(out, key=lambda c: (-len(c.paragraphs), c.paragraphs[0]))


def name_letters(names: list[schema.Name], paras: list[Paragraph], limit: int = 3) -> str:
    """The characters transliterated names are made of: those of the table's names that the text, the names
    taken out, uses at most `limit` times (巴 彦 嘎 查 yes; 工 业 建 no)."""
    rest = "\n".join(p.text for p in paras)
    for name in sorted(names, key=lambda n: -len(n.zh)):
        rest = rest.replace(name.zh, "\n")
    counts = Counter(rest)
    letters = {c for n in names for c in n.zh if "\u4e00" <= c <= "\u9fff"}
    return "".join(sorted(c for c in letters if counts[c] <= limit))


def candidate_names(paras: list[Paragraph], names: list[schema.Name]) -> list[Candidate]:
    """Names made of transliteration characters (`name_letters`) before a place word, not yet in the table."""
    letters = name_letters(names, paras)
    if not letters:
        return []
    pattern = re.compile(rf"([{letters}]{{2,8}}(?:{'|'.join(PLACE_WORDS)}))")
    known = {n.zh for n in names}
    counts: Counter[str] = Counter()
    for p in paras:
        counts.update(m.group(1) for m in pattern.finditer(p.text))
    return [Candidate(text, "name", tuple(occurrences(text, paras))) for text, _ in counts.most_common()
            if text not in known and not any(k in text and len(k) >= len(text) - 1 for k in known)]
