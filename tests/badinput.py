"""Broken variants of a valid report, each with the exact message it must produce.

Each case: a name, a function from the valid text (str) to the broken bytes,
and a function from the broken text to the expected first message. Used by
the schema tests (messages) and the command-line tests (exit status, no
traceback, site left untouched).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

FIXTURE = Path(__file__).parent / "fixtures" / "report.yaml"
F = "data/report.yaml"
OVERRIDES_FIXTURE = Path(__file__).parent / "fixtures" / "zh-hant-overrides.yaml"
LABELS = Path(__file__).parent.parent / "scripts" / "sitegen" / "templates" / "labels.yaml"
O = "data/zh-hant-overrides.yaml"  # the names the table files have in messages
L = "scripts/sitegen/templates/labels.yaml"
# "Today" for the fixture, whose tracking dates are in 2030 (tracking.today(); SITEGEN_TODAY for a subprocess).
TODAY = datetime.date(2030, 12, 31)
TODAY_ENV = {"SITEGEN_TODAY": TODAY.isoformat()}


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
         whole(1, "expected a mapping with the keys meta, highlights, themes, names, parts, figures, comparisons, commitments, tracking, glossary, paragraphs, got a list")),
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
    Case("contact not an address", sub("  source_url: https://example.org/reports/2030.html\n",
                                        "  source_url: https://example.org/reports/2030.html\n  contact: the county office\n"),
         at("contact: the", "meta.contact", "expected an e-mail address (name@example.org) or the https:// address of "
            "a form, got 'the county office'")),
    Case("contact a plain http form", sub("  source_url: https://example.org/reports/2030.html\n",
                                           "  source_url: https://example.org/reports/2030.html\n  contact: http://example.org/form\n"),
         at("contact: http", "meta.contact", "expected an e-mail address (name@example.org) or the https:// address of "
            "a form, got 'http://example.org/form'")),
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
         at("paragraph: p099", "figures[10].paragraph", "expected the id of a paragraph, got 'p099'")),
    Case("quote not in the source", sub("quote: 粮食 3.2 万吨", "quote: 粮食 3.3 万吨"),
         at("quote: 粮食 3.3", "figures[2].quote", "expected words that occur in paragraph p003, got '粮食 3.3 万吨'")),
    Case("value not in the quote", sub("value: 3.2, unit: 万吨", "value: 3.5, unit: 万吨"),
         at("value: 3.5", "figures[2].value", "expected a value that occurs in the quote '粮食 3.2 万吨', got 3.5")),
    Case("paragraph in no section", sub("paragraphs: [p001, p002]", "paragraphs: [p001]"),
         at("{id: p002,", "paragraphs[1].id", "expected paragraph p002 to belong to a section or topic, it belongs to none")),
    Case("paragraph in two sections", sub("paragraphs: [p005]", "paragraphs: [p005, p004]"),
         at("paragraphs: [p004]", "parts[0].sections[1].topics[0].paragraphs", "expected each paragraph in one section, got p004 again (already in targets)")),
    Case("see_also without a glossary entry", sub("see_also: [两件大事]", "see_also: [三件大事]"),
         at("see_also: [三件大事]", "parts[0].sections[1].see_also", "expected terms of glossary entries, got '三件大事' which has no entry")),
    Case("glossary term not in the text", sub("  - term: 两件大事", "  - term: 三件大事"),
         at("term: 三件大事", "glossary[0].term", "expected a term that occurs in paragraph p002, got '三件大事'")),
    Case("English number typed by hand", sub("en: The economy grew.}", "en: The economy grew 7%.}"),
         at("en: The economy grew 7%", "parts[0].sections[0].points[0].en", "expected numbers only through {fig:ID} (or a year or ordinal), got '7' typed in English")),
    Case("avoided spelling of a name", sub("en: The economy grew.}", "en: Shili County grew.}"),
         at("en: Shili County grew", "parts[0].sections[0].points[0].en", "expected 'Example County' for 示例县, got the spelling 'Shili County'")),
    Case("bad id characters", sub("- id: economy\n        number", "- id: Economy Section\n        number"),
         at("id: Economy Section", "parts[0].sections[1].id", "expected an id of lowercase letters, digits, '-' and '_', got 'Economy Section'")),
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
    Case("link-preview title too long", sub("en: Main targets}", "en: Main targets and the practical matters promised}"),
         at("en: Main targets and", "parts[1].sections[0].title.en", "expected at most 30 characters for the link preview "
            "(chat apps cut there), got 47 characters (give the section a short_title with en; the page keeps its title)")),
    Case("Chinese link-preview title too long with its number", sub("title: {zh: 2030 年工作安排,", "title: {zh: 2030 年工作安排：项目、产业、环保、改革、基础设施、民生和安全,"),
         at("title: {zh: 2030 年工作安排：", "parts[1].title.zh", "expected at most 30 characters for the link preview "
            "(chat apps cut there), got 35 characters, the number 二、 included (give the part a short_title with zh; "
            "the page keeps its title)")),
    Case("short title too long", sub('short_title: {zh: 经济, en: "2029: the economy"}', 'short_title: {zh: 经济, en: "2029: the economy grew steadily again"}'),
         at("short_title: {zh: 经济, en: \"2029: the economy grew", "parts[0].sections[1].short_title.en",
            "expected at most 30 characters for the link preview (chat apps cut there), got 37 characters")),
    Case("short title in no language", sub('short_title: {zh: 经济, en: "2029: the economy"}', "short_title: {}"),
         at("short_title: {}", "parts[0].sections[1].short_title", "expected a short title in zh, en or both, got neither")),
    Case("short title of a section without a page", sub("        title: {zh: 总体情况, en: Overview}\n", "        title: {zh: 总体情况, en: Overview}\n        short_title: {en: Overview}\n"),
         at("short_title: {en: Overview}", "parts[0].sections[0].short_title", "expected a short_title only on a numbered "
            "section (the others have no page, so no link preview), got one")),
    Case("home page's short title too long", sub("short_title: {zh: 2030 年政府工作报告, en: 2030 Work Report}", "short_title: {zh: 2030 年政府工作报告, en: Example County Work Report for 2030}"),
         at("short_title: {zh: 2030 年政府工作报告, en: Example", "meta.short_title.en", "expected at most 30 characters for "
            "the home page's link preview (chat apps cut there), got 35 characters")),
    Case("deep nesting", lambda t: (t + "deep: " + "[" * 70 + "]" * 70 + "\n").encode("utf-8"),
         lambda t: f"{F}:{line_of(t, 'deep:')}: expected at most 64 levels of nesting"),
]


# The other tables, checked with the report at `make check`: the Traditional override table
# (mutations of tests/fixtures/zh-hant-overrides.yaml, checked against the fixture report) and
# the interface-word table (mutations of the real labels.yaml). `file` says which.
@dataclass(frozen=True)
class TableCase:
    name: str
    file: str  # "overrides" or "labels"
    mutate: Callable[[str], bytes]
    expect: Callable[[str], str]


def add(entry: str) -> Callable[[str], bytes]:
    return lambda text: (text + entry).encode("utf-8")


def in_file(name: str, snippet: str, path: str, message: str) -> Callable[[str], str]:
    return lambda text: f"{name}:{line_of(text, snippet)}: {path}: {message}"


TABLE_CASES = [
    TableCase("override that OpenCC already gets right", "overrides",
              add("  - zh: 万只\n    hant: 萬隻\n    note: 只 as a measure word is 隻.\n"),
              in_file(O, "zh: 万只", "overrides[1].zh", "expected an entry that changes what OpenCC writes, got "
                      "'万只', which OpenCC (s2tw) already writes '萬隻' (remove the entry, or give as example a "
                      "phrase of the text where it matters)")),
    TableCase("override of a phrase not in the report", "overrides",
              add("  - zh: 编制\n    hant: 編製\n    note: drawing up a plan.\n"),
              in_file(O, "zh: 编制", "overrides[1].zh", "expected a phrase that occurs in data/report.yaml, got '编制'")),
    TableCase("override example without its phrase", "overrides",
              sub("    example: 养羊只数", "    example: 养羊头数"),
              in_file(O, "example: 养羊头数", "overrides[0].example", "expected an example that contains '只数', got '养羊头数'")),
    TableCase("interface word without its Traditional form", "labels",
              sub('home: {zh: "首页", zh-Hant: "首頁", en: "Home"}', 'home: {zh: "首页", en: "Home"}'),
              in_file(L, 'home: {zh: "首页", en', "home.zh-Hant", "expected the interface word in 繁體中文 (zh-Hant), the key is missing")),
    TableCase("interface word in Simplified characters", "labels",
              sub('zh-Hant: "數字", en: "Figures"', 'zh-Hant: "数字", en: "Figures"'),
              in_file(L, 'zh-Hant: "数字"', "figures.zh-Hant", "expected 繁體中文 in its standard characters, got '数' in "
                      "'数字', which OpenCC s2tw writes '數'")),
    TableCase("interface word with other fields", "labels",
              sub('zh-Hant: "{year} 年主要成績"', 'zh-Hant: "{yr} 年主要成績"'),
              in_file(L, 'zh-Hant: "{yr} 年主要成績"', "headline_results.zh-Hant", "expected the fields of zh ({year}), got {yr}")),
]
# Tracking records (tracking.py): every rule of a history, its evidence and its dates.
GRASS = "commitments.items[2].tracking"
GRASS_PROGRESS = """          - date: 2030-06-01
            status: on_schedule
            evidence:
              - {title: 春季种草完成过半, publisher: 示例县林业和草原局, date: 2030-05-30, url: "https://example.org/grass", quote: 春季种草任务完成过半}
"""
TARGET = "tracking[0]"

TRACKING_CASES = [
    Case("undeclared status", sub("            status: on_schedule\n            evidence:\n              - {title: 春季",
                                  "            status: in progress\n            evidence:\n              - {title: 春季"),
         at("status: in progress", f"{GRASS}.history[1].status", "expected one of pledged, set, on_schedule, behind_schedule, "
            "stalled, achieved, partly_achieved, not_achieved, got the text 'in progress'")),
    Case("entry without evidence", sub(GRASS_PROGRESS, "          - date: 2030-06-01\n            status: on_schedule\n"),
         at("- date: 2030-06-01", f"{GRASS}.history[1].evidence", "expected at least one piece of evidence for status on_schedule, got none")),
    Case("date before the previous entry", sub("          - date: 2030-05-20\n", "          - date: 2030-01-14\n"),
         at("- date: 2030-01-14", "commitments.items[1].tracking.history[1].date",
            "expected a date on or after the previous entry's (2030-01-15), got 2030-01-14")),
    Case("date after today", sub("          - date: 2030-10-30\n", "          - date: 2031-03-01\n"),
         at("- date: 2031-03-01", "commitments.items[5].tracking.history[1].date",
            "expected a date not after today (2030-12-31), got 2031-03-01")),
    Case("first entry before the report", sub("        next_review: 2030-07-31\n        history:\n          - date: 2030-01-15",
                                              "        next_review: 2030-07-31\n        history:\n          - date: 2030-01-10"),
         at("- date: 2030-01-10", "commitments.items[4].tracking.history[0].date",
            "expected a date on or after the report's date (2030-01-15), got 2030-01-10")),
    Case("first entry not the pledge", sub("        next_review: 2030-07-31\n        history:\n          - date: 2030-01-15\n            status: pledged",
                                           "        next_review: 2030-07-31\n        history:\n          - date: 2030-01-15\n            status: on_schedule"),
         at("status: on_schedule\n            evidence:\n              - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 建设",
            "commitments.items[4].tracking.history[0].status", "expected the first entry to be the pledge (status pledged), got 'on_schedule'")),
    Case("pledged again", sub("            status: behind_schedule\n            evidence:\n              - {title: 县医院",
                              "            status: pledged\n            evidence:\n              - {title: 县医院"),
         at("status: pledged\n            evidence:\n              - {title: 县医院", "commitments.items[5].tracking.history[1].status",
            "expected pledged only in the first entry, got it in entry 2")),
    Case("entry after a final verdict", sub("quote: 乡村公交今年无法开通}\n",
                                            "quote: 乡村公交今年无法开通}\n          - date: 2030-11-25\n            status: on_schedule\n"
                                            "            evidence:\n              - {title: 更正, publisher: 示例县交通运输局, date: 2030-11-24, url: \"https://example.org/bus2\", quote: 更正}\n"),
         at("- date: 2030-11-25", "commitments.items[3].tracking.history[2].date",
            "expected no entry after the final verdict 'not_achieved' of 2030-11-20, got one")),
    Case("empty history", sub("        next_review: 2030-07-31\n        history:\n          - date: 2030-01-15\n            status: pledged\n            evidence:\n"
                              "              - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 建设县图书馆}\n",
                              "        next_review: 2030-07-31\n        history: []\n"),
         at("history: []", "commitments.items[4].tracking.history", "expected at least one entry (the pledge), got an empty list")),
    Case("http URL", sub('url: "https://example.org/grass"', 'url: "http://example.org/grass"'),
         at('url: "http://example.org/grass"', f"{GRASS}.history[1].evidence[0].url", "expected an https:// URL, got 'http://example.org/grass'")),
    Case("javascript URL", sub('url: "https://example.org/bus"', 'url: "javascript:alert(1)"'),
         at('url: "javascript:alert(1)"', "commitments.items[3].tracking.history[1].evidence[0].url",
            "expected an https:// URL, got 'javascript:alert(1)'")),
    Case("evidence without a URL or document", sub(', url: "https://example.org/grass"', ""),
         at("{title: 春季种草完成过半", f"{GRASS}.history[1].evidence[0].url",
            "expected an https:// URL (url) or a document reference (document), got neither")),
    Case("source dated after its entry", sub("date: 2030-05-30, url", "date: 2030-06-05, url"),
         at("date: 2030-06-05, url", f"{GRASS}.history[1].evidence[0].date",
            "expected a source dated on or before its entry (2030-06-01), got 2030-06-05")),
    Case("evidence quote not in its paragraph", sub("paragraph: p005, quote: 种草 3 万亩}", "paragraph: p005, quote: 种草 4 万亩}"),
         at("quote: 种草 4 万亩}", f"{GRASS}.history[0].evidence[0].quote", "expected words that occur in paragraph p005, got '种草 4 万亩'")),
    Case("quote too long", sub("quote: 春季种草任务完成过半}", "quote: " + "长" * 201 + "}"),
         at("quote: 长长", f"{GRASS}.history[1].evidence[0].quote", "expected a short quote (at most 200 characters), got 201 characters")),
    Case("evidence without a publisher", sub("publisher: 示例县林业和草原局,", 'publisher: "",'),
         at('publisher: "",', f"{GRASS}.history[1].evidence[0].publisher", "expected the source's publisher, got an empty text")),
    Case("outcome in the wrong unit", sub("outcome: {value: 5.5, unit: '%'}", "outcome: {value: 5.5, unit: 万吨}"),
         at("outcome: {value: 5.5, unit: 万吨}", f"{TARGET}.history[2].outcome.unit", "expected an outcome in a unit like the target's (%), got '万吨'")),
    Case("outcome with a progress status", sub("        status: on_schedule\n        evidence:\n          - {title: 上半年",
                                               "        status: on_schedule\n        outcome: {value: 6.1, unit: '%'}\n        evidence:\n          - {title: 上半年"),
         at("outcome: {value: 6.1", f"{TARGET}.history[1].outcome",
            "expected an outcome only with a final verdict (achieved, partly_achieved, not_achieved), got it with status on_schedule")),
    Case("outcome on a commitment", sub("            status: achieved\n", "            status: achieved\n            outcome: {value: 300, unit: 元}\n"),
         at("outcome: {value: 300", "commitments.items[0].tracking.history[2].outcome", "expected an outcome only in a target's tracking, got it in a commitment's")),
    Case("last check before the last entry", sub("        last_checked: 2030-10-31\n", "        last_checked: 2030-10-01\n"),
         at("last_checked: 2030-10-01", "commitments.items[5].tracking.last_checked", "expected a date on or after the last entry's (2030-10-30), got 2030-10-01")),
    Case("no next review while open", sub("        next_review: 2031-03-31\n", ""),
         lambda t: f"{F}:{line_of(t, 'last_checked: 2030-11-30', 2)}: {GRASS}.next_review: expected a date (YYYY-MM-DD) to look again "
                   "while no final verdict closes the history, the key is missing"),
    Case("next review after a final verdict", sub("        last_checked: 2030-11-30\n        history:\n          - date: 2030-01-15\n            status: pledged\n            evidence:\n              - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 每人",
                                                  "        last_checked: 2030-11-30\n        next_review: 2031-01-31\n        history:\n          - date: 2030-01-15\n            status: pledged\n            evidence:\n              - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 每人"),
         at("next_review: 2031-01-31\n        history:\n          - date: 2030-01-15\n            status: pledged\n            evidence:\n              - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 每人",
            "commitments.items[0].tracking.next_review", "expected no next_review once the final verdict 'achieved' closes the history, got 2031-01-31")),
    Case("next review not after the last check", sub("        next_review: 2030-07-31\n", "        next_review: 2030-01-10\n"),
         at("next_review: 2030-01-10", "commitments.items[4].tracking.next_review", "expected a date after last_checked (2030-01-15), got 2030-01-10")),
    Case("tracking a figure that is not a target", sub("  - figure: t_output_growth\n", "  - figure: output\n"),
         at("figure: output", f"{TARGET}.figure", "expected the id of a target figure, got 'output'")),
    Case("target without a tracking record", lambda t: (t[:t.index("\ntracking:\n") + 1] + t[t.index("\nglossary:\n") + 1:]).encode("utf-8"),
         lambda t: f"{F}:2: tracking: expected a tracking record for every target in highlights.targets, highlights.other_targets and comparisons, got none for t_output_growth, t_grain"),
    Case("two tracking records for one target", lambda t: t.replace("tracking:\n  - figure: t_output_growth\n", "tracking:\n  - figure: t_output_growth\n    last_checked: 2030-01-15\n    next_review: 2030-02-15\n    history: [{date: 2030-01-15, status: pledged}]\n  - figure: t_output_growth\n", 1).encode("utf-8"),
         lambda t: f"{F}:{line_of(t, '- figure: t_output_growth', 1)}: tracking[1].figure: expected one tracking record per target, got 't_output_growth' again (first at line {line_of(t, '- figure: t_output_growth')})"),
    Case("dangling placeholder in a note", sub("the first {fig:t_subsidy} reached", "the first {fig:t_subsdy} reached"),
         at("the first {fig:t_subsdy}", "commitments.items[0].tracking.history[1].note.en", "expected {fig:ID} with the id of a figure, got {fig:t_subsdy}")),
    # A target's first entry says the report set it; a commitment's is the pledge (issue 21).
    Case("target pledged", sub("        status: set\n        evidence:\n          - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 生产总值",
                               "        status: pledged\n        evidence:\n          - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 生产总值"),
         at("status: pledged\n        evidence:\n          - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 生产总值",
            f"{TARGET}.history[0].status", "expected the first entry to be the target as the report sets it (status set), got 'pledged'")),
    Case("commitment set", sub("        next_review: 2030-07-31\n        history:\n          - date: 2030-01-15\n            status: pledged",
                               "        next_review: 2030-07-31\n        history:\n          - date: 2030-01-15\n            status: set"),
         at("status: set\n            evidence:\n              - {title: 示例县 2030 年政府工作报告, publisher: 示例县人民政府, date: 2030-01-15, document: 大会文件（一）, paragraph: p005, quote: 建设",
            "commitments.items[4].tracking.history[0].status", "expected the first entry to be the pledge (status pledged), got 'set'")),
    Case("no last check after a later entry", sub("        last_checked: 2030-10-31\n", ""),
         lambda t: f"{F}:{line_of(t, 'next_review: 2031-01-31')}: commitments.items[5].tracking.last_checked: expected the date you "
                   "last looked for news (YYYY-MM-DD) once the history has entries after the first, the key is missing"),
    Case("next review not after the report, never checked", sub("    next_review: 2030-06-30\n", "    next_review: 2030-01-15\n"),
         at("next_review: 2030-01-15", "tracking[1].next_review", "expected a date after the first entry's (2030-01-15), got 2030-01-15")),
    # highlights.targets is the report's own list of main targets (one paragraph); other targets apart.
    Case("main targets from two paragraphs",
         lambda t: t.replace("  targets: [t_output_growth]\n", "  targets: [t_output_growth, grain]\n", 1)
                    .replace("unit: 万吨, kind: result, theme: farming, quote: 粮食 3.2", "unit: 万吨, kind: target, theme: farming, quote: 粮食 3.2", 1)
                    .encode("utf-8"),
         at("targets: [t_output_growth, grain]", "highlights.targets", "expected the report's own list of main targets, all "
            "from paragraph p005 like t_output_growth, got 'grain' from p003 (list it under other_targets)")),
    Case("other target not a target", sub("  other_targets: [t_grain]\n", "  other_targets: [t_grass]\n"),
         at("other_targets: [t_grass]", "highlights.other_targets", "expected ids of target figures, got 't_grass'")),
    Case("main target in words not in the report's list", sub("  other_targets: [t_grain]\n",
                                                                "  targets_in_words: [{zh: 人均收入稳步增长, en: Steady income growth}]\n  other_targets: [t_grain]\n"),
         at("targets_in_words: [{zh: 人均收入稳步增长", "highlights.targets_in_words[0].zh",
            "expected the report's words from paragraph p005 (its main targets), got '人均收入稳步增长'")),
    Case("target in both lists", sub("  other_targets: [t_grain]\n", "  other_targets: [t_grain, t_output_growth]\n"),
         at("other_targets: [t_grain, t_output_growth]", "highlights.other_targets",
            "expected targets not already in highlights.targets, got 't_output_growth'")),
]
CASES += TRACKING_CASES

# The editorial rules (scripts/sitegen/rules.py, english.py): one case each.
RULE_CASES = [
    Case("project size as a commitment (project-size-as-commitment)",
         lambda t: t.replace("力争新建风电 30 万千瓦", "推进新建风电 30 万千瓦").encode("utf-8"),
         at("- {id: t_wind,", "figures[8].kind", "expected kind context for the size of a project the report only "
            "pushes or starts ('推进', no 达到/完成/实现/新增/建成/投产 in the sentence), got kind commitment")),
    Case("hedge dropped in a label (feed titles)", sub("label: {zh: 新建风电, en: New wind power}", "label: {zh: 力争新建风电, en: New wind power}"),
         at("label: {zh: 力争新建风电", "figures[8].label.en", "expected the force of 力争 in English (strive/aim/seek), got none")),
    Case("ASCII quote in a Chinese quotation (ascii-quote-in-chinese-quotation)",
         sub("explain: {zh: 报告提到两件大事。", "explain: {zh: 报告要求“办好'两件大事'”。"),
         at("explain: {zh: 报告要求", "glossary[0].explain.zh", "expected ‘…’ for a quotation inside “…” (it becomes 『』 "
            "in Traditional), got the ASCII ' in \"“办好'两件大事'”\"")),
    Case("term written so that it gets no tooltip (term-without-its-link)",
         sub("en: The report mentions the two major tasks.}", "en: The report mentions the two 'major tasks'.}"),
         at("en: The report mentions the two 'major", "glossary[0].explain.en", "expected the glossary's 'two major tasks' "
            "for 两件大事 (so it gets its tooltip), got \"two 'major tasks\"")),
]
CASES += RULE_CASES
CASES += [
    Case("empty English while the English is not pending",
         sub("title: {zh: 2029 年工作回顾, en: Review of 2029}", "title: {zh: 2029 年工作回顾, en: ''}"),
         at("title: {zh: 2029 年工作回顾, en: ''}", "parts[0].title.en", "expected English, got an empty text (while "
            "the English is not yet written, set meta.english_pending: true)")),
]

# Verdicts `make import` proposes from the next report's review (importer/settle.py): `proposed: true` and
# `matched` (its reasoning) until a maintainer confirms; the next report cited as evidence by its year.
WIND = "commitments.items[1].tracking"
CASES += [
    Case("matched on a confirmed entry", sub("            status: on_schedule\n            evidence:\n              - {title: 春季",
                                             "            status: on_schedule\n            matched: the words 种草\n"
                                             "            evidence:\n              - {title: 春季"),
         at("matched: the words 种草", f"{GRASS}.history[1].matched", "expected matched only with proposed: true (the "
            "import's reasoning; delete it when you confirm the entry), got it on a confirmed entry")),
    Case("evidence from a report not later than this one", sub('url: "https://example.org/grass", quote: 春季种草任务完成过半}',
                                                             'url: "https://example.org/grass", quote: 春季种草任务完成过半, year: 2030}'),
         at("year: 2030}", f"{GRASS}.history[1].evidence[0].year",
            "expected the year of a later report (after 2030, the year this one plans), got 2030")),
    Case("confirmed entry after a proposed one", sub("            status: behind_schedule\n            note: {zh: 土地",
                                                     "            status: behind_schedule\n            proposed: true\n"
                                                     "            note: {zh: 土地"),
         at("proposed: true", f"{WIND}.history[1].proposed", "expected only proposed entries after a proposed one (confirm "
            "it by deleting its proposed and matched lines, or delete it), got a confirmed entry after it (entry 3)")),
]
CASES += [
    Case("proposed entry after a final verdict", sub("quote: 乡村公交今年无法开通}\n",
                                                     "quote: 乡村公交今年无法开通}\n          - date: 2030-12-20\n            status: achieved\n"
                                                     "            proposed: true\n            evidence:\n              - {title: 示例县 2031 年政府工作报告, "
                                                     "publisher: 示例县人民政府, date: 2030-12-20, document: 大会文件（二）, year: 2031, paragraph: p010, quote: 乡村公交开通}\n"),
         at("proposed: true", "commitments.items[3].tracking.history[2].proposed",
            "expected no proposed entry after the final verdict 'not_achieved' of 2030-11-20 (delete it), got one")),
]


@dataclass(frozen=True)
class YearCase:
    """A second report beside the fixture, in data/<folder>/report.yaml (sitegen/years.py): the fixture's text
    made into that report's bytes, and its text -> the one expected message (the second file's)."""
    name: str
    folder: str
    mutate: Callable[[str], bytes]
    expect: Callable[[str], str]


def in_year(folder: str, snippet: str, path: str, message: str) -> Callable[[str], str]:
    return lambda text: f"data/{folder}/report.yaml:{line_of(text, snippet)}: {path}: {message}"


YEAR_CASES = [
    YearCase("a report in another year's folder", "2031", lambda t: t.encode("utf-8"),
             in_year("2031", "  date: 2030-01-15", "meta.date",
                     "expected a date in 2031 (the report is in the folder 2031/), got 2030-01-15")),
    YearCase("two reports of one year", "2030", lambda t: t.encode("utf-8"),
             in_year("2030", "  date: 2030-01-15", "meta.date",
                     "expected one report per year, got a second report of 2030 (the other: data/report.yaml)")),
    YearCase("a broken report in a year's folder", "2031", sub("  region: example-county", "  region: [example-county"),
             lambda t: f"data/2031/report.yaml:{line_of(t, '  meeting:')}: expected valid YAML, got a syntax error: "
                       f"expected ',' or ']', but got ':'"),
]
