"""Broken variants of a valid report, each with the exact message it must produce.

Each case: a name, a function from the valid text (str) to the broken bytes,
and a function from the broken text to the expected first message. Used by
the schema tests (messages) and the command-line tests (exit status, no
traceback, site left untouched).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

FIXTURE = Path(__file__).parent / "fixtures" / "report.yaml"
F = "data/report.yaml"


def line_of(text: str, snippet: str, nth: int = 0) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.index(snippet, at + 1)
    return text[:at].count("\n") + 1


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Callable[[str], bytes]
    expect: Callable[[str], str]  # broken text -> one expected message line


def sub(old: str, new: str) -> Callable[[str], bytes]:
    def mutate(text: str) -> bytes:
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")
    return mutate


def at(snippet: str, path: str, message: str, nth: int = 0) -> Callable[[str], str]:
    return lambda text: f"{F}:{line_of(text, snippet, nth)}: {path}: {message}"


def whole(line: int, message: str) -> Callable[[str], str]:
    return lambda text: f"{F}:{line}: {message}"


CASES = [
    Case("syntax error", sub("  region: example-county", "  region: [example-county"),
         lambda t: f"{F}:{line_of(t, '  meeting:')}: expected valid YAML, got a syntax error: expected ',' or ']', but got ':'"),
    Case("tab indentation", sub("  region: example-county", "\tregion: example-county"),
         lambda t: f"{F}:{line_of(t, chr(9) + 'region')}: expected spaces for indentation, got a tab character"),
    Case("empty file", lambda t: b"", whole(1, "expected a YAML mapping, got an empty file")),
    Case("only a comment", lambda t: b"# nothing here\n", whole(1, "expected a YAML mapping, got an empty document")),
    Case("not UTF-8", lambda t: t.replace("张三", "XX").encode("utf-8").replace(b"XX", "张三".encode("gb18030")),
         lambda t: f"{F}:{line_of(t, 'speaker: {zh:')}: expected UTF-8 text, got the byte 0xd5 that is not UTF-8"),
    Case("very large file", lambda t: (t + "#" + "x" * 2_100_000 + "\n").encode("utf-8"),
         lambda t: f"{F}: expected a file of at most 2,000,000 bytes, got {len(t.encode('utf-8')):,} bytes"),
    Case("alias bomb", lambda t: (t + "bomb: &a [x, x]\nbomb2: &b [*a, *a]\nbomb3: [*b, *b]\n").encode("utf-8"),
         lambda t: f"{F}:{line_of(t, 'bomb: &a')}: expected plain values, got a YAML anchor or alias (&name / *name); write the value out"),
    Case("python tag", sub("  region: example-county", "  region: !!python/object:os.system ls"),
         at("region: !!python", "meta.region", "expected a plain value, got the tag tag:yaml.org,2002:python/object:os.system")),
    Case("two documents", lambda t: (t + "---\nmeta: {}\n").encode("utf-8"),
         lambda t: f"{F}:{line_of(t, '---')}: expected one YAML document, got several (remove the '---' separators)"),
    Case("top level is a list", lambda t: b"- a\n- b\n",
         whole(1, "expected a mapping with the keys meta, highlights, themes, names, parts, figures, comparisons, commitments, glossary, paragraphs, got a list")),
    Case("missing key", sub("  speaker: {zh: 张三, en: Zhang San}\n", ""),
         at("  title:", "meta.speaker", "expected a mapping with the keys zh, en (Name of the person who delivered the report.), the key is missing")),
    Case("unknown key (typo)", sub("quote: 粮食 3.2 万吨", "qoute: 粮食 3.2 万吨"),
         at("qoute:", "figures[2].qoute", "expected one of the keys id, label, value, unit, qualifier, kind, theme, quote, paragraph, of, noun, got the unknown key 'qoute' (did you mean 'quote'?)")),
    Case("wrong type: text for number", sub("value: 12.5", "value: twelve"),
         at("value: twelve", "figures[0].value", "expected a number, got the text 'twelve'")),
    Case("wrong type: number for text", sub("speaker: {zh: 张三, en: Zhang San}", "speaker: {zh: 3, en: Zhang San}"),
         at("speaker: {zh: 3", "meta.speaker.zh", "expected a text (put it in quotes if it looks like a number or a date), got the number 3")),
    Case("wrong type: list for mapping", sub("  title: {zh: 示例县 2030 年政府工作报告, en: Example County Government Work Report 2030}", "  title: [a, b]"),
         at("title: [a, b]", "meta.title", "expected a mapping with the keys zh, en, got a list")),
    Case("bad date", sub("date: 2030-01-15", "date: 15 January 2030"),
         at("date: 15 Jan", "meta.date", "expected a date (YYYY-MM-DD), got the text '15 January 2030'")),
    Case("impossible date", sub("date: 2030-01-15", "date: 2030-02-30"),
         at("date: 2030-02-30", "meta.date", "expected a valid timestamp, got '2030-02-30' (day is out of range for month)")),
    Case("source link not https", sub("source_url: https://example.org/", "source_url: http://example.org/"),
         at("source_url: http:", "meta.source_url", "expected an https:// address of the official text, "
            "got 'http://example.org/reports/2030.html'")),
    Case("source link not an address", sub("source_url: https://example.org/reports/2030.html", "source_url: see the county website"),
         at("source_url: see", "meta.source_url", "expected an https:// address of the official text, got 'see the county website'")),
    Case("kind typo", sub("kind: target", "kind: traget"),
         at("kind: traget", "figures[6].kind", "expected one of result, growth, target, commitment, context, got the text 'traget' (did you mean 'target'?)")),
    Case("unknown unit", sub("unit: 万吨", "unit: kilotonnes"),
         at("unit: kilotonnes", "figures[2].unit", "expected a unit of the unit table (亿元 万元 元 % 个百分点 万吨 吨 蒸吨 亿度 亿千瓦时 万千瓦时 万千瓦 千瓦 MW 千伏 万头只 万头 头 万只 只 万平方米 平方米 平方公里 公里 万亩 亩 公顷 万人次 人次 万人 人 名 万户 户 位 年 周年 天 次 倍 场次 个 处 项 条 家 件 座 所 盏 眼 套 栋 群 辆 台 批 部 种 支 份 期), got 'kilotonnes'")),
    Case("duplicate key", sub("  date: 2030-01-15\n", "  date: 2030-01-15\n  date: 2030-01-16\n"),
         lambda t: f"{F}:{line_of(t, 'date: 2030-01-16')}: meta.date: expected each key once, got a duplicate (first at line {line_of(t, 'date: 2030-01-15')})"),
    Case("duplicate figure id", sub("id: grain,", "id: output,"),
         lambda t: f"{F}:{line_of(t, 'id: output,', 1)}: figures[2].id: expected a unique figure id, got 'output' again (first at line {line_of(t, 'id: output,')})"),
    Case("duplicate paragraph id", sub("{id: p002,", "{id: p001,"),
         lambda t: f"{F}:{line_of(t, '{id: p001,', 1)}: paragraphs[1].id: expected a unique paragraph id, got 'p001' again (first at line {line_of(t, '{id: p001,')})"),
    Case("dangling placeholder", sub("粮食产量{fig:grain}", "粮食产量{fig:grian}"),
         at("zh: 生产总值{fig:output}", "parts[0].sections[1].summary.zh", "expected {fig:ID} with the id of a figure, got {fig:grian}")),
    Case("dangling growth reference", sub("of: output}", "of: outptu}"),
         at("of: outptu", "figures[1].of", "expected the id of a figure, got 'outptu'")),
    Case("dangling theme", sub("theme: farming, quote: 粮食", "theme: farm, quote: 粮食"),
         at("theme: farm,", "figures[2].theme", "expected the id of a themes entry, got 'farm'")),
    Case("dangling paragraph", sub("paragraph: p005}\ncomparisons", "paragraph: p099}\ncomparisons"),
         at("paragraph: p099", "figures[9].paragraph", "expected the id of a paragraph, got 'p099'")),
    Case("quote not in the source", sub("quote: 粮食 3.2 万吨", "quote: 粮食 3.3 万吨"),
         at("quote: 粮食 3.3", "figures[2].quote", "expected words that occur in paragraph p003, got '粮食 3.3 万吨'")),
    Case("value not in the quote", sub("value: 3.2, unit: 万吨", "value: 3.5, unit: 万吨"),
         at("value: 3.5", "figures[2].value", "expected a value that occurs in the quote '粮食 3.2 万吨', got 3.5")),
    Case("paragraph in no section", sub("paragraphs: [p001, p002]", "paragraphs: [p001]"),
         at("{id: p002,", "paragraphs[1].id", "expected paragraph p002 to belong to a section or topic, it belongs to none")),
    Case("paragraph in two sections", sub("paragraphs: [p005]", "paragraphs: [p005, p004]"),
         at("paragraphs: [p004]", "parts[0].sections[1].topics[0].paragraphs", "expected each paragraph in one section, got p004 again (already in targets)")),
    Case("glossary term not in the text", sub("  - term: 两件大事", "  - term: 三件大事"),
         at("term: 三件大事", "glossary[0].term", "expected a term that occurs in paragraph p002, got '三件大事'")),
    Case("English number typed by hand", sub("en: The economy grew.}", "en: The economy grew 7%.}"),
         at("en: The economy grew 7%", "parts[0].sections[0].points[0].en", "expected numbers only through {fig:ID} (or a year or ordinal), got '7' typed in English")),
    Case("avoided spelling of a name", sub("en: The economy grew.}", "en: Shili County grew.}"),
         at("en: Shili County grew", "parts[0].sections[0].points[0].en", "expected 'Example County' for 示例县, got the spelling 'Shili County'")),
    Case("bad id characters", sub("- id: economy\n        number", "- id: Economy Section\n        number"),
         at("id: Economy Section", "parts[0].sections[1].id", "expected an id of lowercase letters, digits, '-' and '_', got 'Economy Section'")),
    Case("status typo", sub("status: in_progress", "status: in progress"),
         at("status: in progress", "commitments.items[0].status", "expected one of promised, in_progress, done, got the text 'in progress' (did you mean 'in_progress'?)")),
    Case("highlight of a target", sub("results: [output, grain]", "results: [output, t_output_growth]"),
         at("results: [output, t_output", "highlights.results", "expected ids of result figures, got 't_output_growth'")),
    Case("unit word followed by a noun", sub("Schools took on {num:teachers} new teachers", "Schools took on {fig:teachers} teachers"),
         at("Schools took on {fig:teachers}", "parts[0].sections[1].points[1].en",
            "expected a noun after {fig:teachers} only if the figure has none, got 'people teachers' "
            "(write {num:teachers} teachers..., or give the figure a noun)")),
    Case("bare number ending a clause", sub("Grain output was {fig:grain}. {fig:sheep} sheep were kept.", "Grain output was {fig:grain}; farms kept {fig:sheep}."),
         at("farms kept {fig:sheep}.", "parts[0].sections[1].summary.en", "expected a noun after {fig:sheep} (it prints a bare number), got '.'")),
    Case("bare number of a measure", sub("en: Output reached {fig:output}, up", "en: Output reached {num:output}, up"),
         at("en: Output reached {num:output}", "parts[0].sections[1].summary.en",
            "expected {num:output} only for a count (people, households, visits, items), got it for a figure in 亿元; write {fig:output}")),
    Case("noun on a measure", sub("value: 12.5, unit: 亿元,", "value: 12.5, unit: 亿元, noun: coins,"),
         at("noun: coins", "figures[0].noun", "expected a noun only on a count (people, households, items), got it on a figure in 亿元")),
    Case("hedge dropped", sub("the county will strive to build {fig:t_wind}", "the county will build {fig:t_wind}"),
         at("the county will build", "parts[1].sections[0].summary.en", "expected the force of 力争 in English (strive/aim/seek), got none")),
    Case("term after another English name", sub('en: The "two major tasks" (两件大事) went ahead.', "en: The two big tasks (两件大事) went ahead."),
         at("The two big tasks", "parts[0].sections[1].topics[0].summary.en", "expected 'two major tasks' before (两件大事), got '…two big tasks'")),
    Case("Chinese punctuation in English", sub("en: The economy grew.}", "en: The economy grew：fast.}"),
         at("grew：fast", "parts[0].sections[0].points[0].en", "expected English punctuation in English text, got '：'")),
    Case("sentence in lower case", sub("en: The economy grew.}", "en: the economy grew.}"),
         at("en: the economy grew", "parts[0].sections[0].points[0].en", "expected a capital at the start of a sentence, got 'the economy grew.…'")),
    Case("Chinese numeral not the value", sub("value: 1, unit: 位", "value: 2, unit: 位"),
         at("value: 2, unit: 位", "figures[5].value", "expected a value that occurs in the quote '排名全县第一', got 2")),
    Case("paragraph without a translation", sub(', en: "—Farming. We pushed ahead with the two major tasks, and the number of sheep rose."}', "}"),
         at("{id: p004,", "paragraphs[3].en", "expected a text (Faithful English translation of the whole paragraph. Quantities as "
            "{fig:ID}/{num:ID}; every figure of the paragraph appears.), the key is missing")),
    Case("translation with a number of its own", sub("grain output was {fig:grain}; {fig:sheep}", "grain output was {fig:grain} in 17 villages; {fig:sheep}"),
         at("in 17 villages", "paragraphs[2].en", "expected numbers only through {fig:ID} (or a year, an ordinal or a number of its own paragraph), got '17' typed in English")),
    Case("translation types a figure", sub("a subsidy of {fig:t_subsidy} per person", "a subsidy of 300 yuan per person"),
         at("a subsidy of 300 yuan", "paragraphs[4].en", "expected {fig:t_subsidy} for a figure's number, got '300' typed")),
    Case("translation misses a figure", sub("; a subsidy of {fig:t_subsidy} per person;", "; a subsidy per person;"),
         at("a subsidy per person", "paragraphs[4].en", "expected every figure of p005 in its translation, {fig:t_subsidy} is missing")),
    Case("avoided spelling in a translation", sub("I. Review of Our Work in 2029", "I. Review of Shili County's Work in 2029"),
         at("Review of Shili County", "paragraphs[0].en", "expected 'Example County' for 示例县, got the spelling 'Shili County'")),
    Case("deep nesting", lambda t: (t + "deep: " + "[" * 70 + "]" * 70 + "\n").encode("utf-8"),
         lambda t: f"{F}:{line_of(t, 'deep:')}: expected at most 64 levels of nesting"),
]
