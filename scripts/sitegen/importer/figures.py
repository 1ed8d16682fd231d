"""Import stage 3: paragraphs -> draft figure records, each with a proposed kind and the rule's reason.

Takes a paragraph's text (and, for the kind, where it stands: its part and
the years); gives every quantity in it: the number as printed, in Arabic
digits or Chinese numerals (百万千瓦, 万头, 全盟第一, 前三位), its unit from the
site's unit table (`quantities.UNITS`, the longest unit that fits, so 万吨 is
never read as 吨 and 个百分点 never as 个), its qualifier (约 左右 余 多 突破
以上 以下 以内), and the words around it as the quote. A value is never
rescaled here: 217 亿元 stays 217 in 亿元, and the site's own code
(`quantities`) applies 亿 and 万; `numerals.parse_chinese` reads Chinese
numerals, and every record's value is proven to occur in its quote with the
validator's own `numerals.stated_values`.

Years (2023 年), dates (1 月 26 日), ordinals of meetings (第 13 届, 第 11 次),
road numbers (99 号, 国道 207 线) and list markers (1.) are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from .. import numerals, quantities, rules

UNIT_KEYS = sorted([*quantities.UNITS, "％", "牧户"], key=len, reverse=True)
ALIASES = {"％": "%", "牧户": "户"}  # printed form -> unit of the table
NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+")
MAGNITUDE = {"百": 100, "千": 1000}
CLAUSE_END = "，；。：！？、（）()"
QUOTE_BEFORE = 20  # at most this many characters of the clause before the number
IDIOMS = ("千车万人", "千家万户", "千方百计", "百千万", "万人空巷", "千村万户", "千万工程")
LONE_UNITS = ("头", "只")  # units a lone 万 may count: 万头肉牛
RANK_SCOPE = re.compile(r"全(?:盟|区|国|市|省|旗)第$")
POST_QUALIFIERS = (("及以上", "at_least"), ("以上", "at_least"), ("及以下", "at_most"), ("以下", "at_most"),
                   ("以内", "at_most"), ("左右", "about"))
PRE_QUALIFIERS = (("约", "about"), ("突破", "over"), ("超过", "over"))


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a paragraph: value and unit as printed, qualifier, quote, where it stands."""

    value: Decimal
    unit: str
    qualifier: Optional[str]
    quote: str
    paragraph: str
    start: int  # the number's offset in the paragraph text
    before: str  # the clause's words before the number (for labels)
    sentence: str  # the sentence's words before the number (for kinds): from the last 。；！？
    after: str  # the character right after the quantity (a noun, or punctuation)


def _skip_blanks(text: str, i: int) -> int:
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def unit_at(text: str, i: int) -> tuple[Optional[str], int, bool]:
    """(unit of the table, end, whether 余/多 stood inside it) for the longest unit printed at `i`
    (4 亿多元 -> 亿元 and over)."""
    for key in UNIT_KEYS:
        if text.startswith(key, i):
            return ALIASES.get(key, key), i + len(key), False
    if i + 1 < len(text) and text[i] in "万亿" and text[i + 1] in "余多":
        unit, end, _ = unit_at(text[:i + 1] + text[i + 2:], i)
        if unit and unit[0] == text[i]:
            return unit, end + 1, True
    return None, i, False


def _arabic(text: str, m: re.Match) -> Optional[tuple[Decimal, str, Optional[str], int]]:
    """(value, unit, qualifier from 余/多, end) for an Arabic number, or None when no unit follows."""
    value, j, qualifier = Decimal(m.group()), _skip_blanks(text, m.end()), None
    unit, end, inner = unit_at(text, j)
    if unit is None and j < len(text) and text[j] in MAGNITUDE:  # 1 千余户
        value, j = value * MAGNITUDE[text[j]], j + 1
    if unit is None and j < len(text) and text[j] in "余多":  # 130 余万人次, 2300 余名
        qualifier, j = "over", j + 1
    if unit is None:
        unit, end, inner = unit_at(text, j)
    return (value, unit, "over" if inner else qualifier, end) if unit else None


def _chinese(text: str, m: re.Match) -> Optional[tuple[Decimal, str, Optional[str], int]]:
    """A Chinese numeral with a magnitude before a unit (百万千瓦 -> 100 万千瓦, 万头 -> 10000 头), the longest
    unit winning; or a rank (全盟第一, 前三位)."""
    run, s = m.group(), m.start()
    if any(idiom in text[max(0, s - 3):m.end() + 3] for idiom in IDIOMS):
        return None
    if not set(run) & set("百千万亿"):
        if RANK_SCOPE.search(text[:s]) and len(run) == 1:
            return Decimal(numerals.parse_chinese(run)), "位", None, m.end()
        if text[s - 1:s] == "前" and text.startswith("位", m.end()):
            return Decimal(numerals.parse_chinese(run)), "位", "at_most", m.end() + 1
        return None
    best = None
    for cut in range(len(run), 0, -1):
        n = numerals.parse_chinese(run[:cut])
        unit, end, _ = unit_at(text, s + cut)
        if len(run) == 1 and unit not in LONE_UNITS:
            continue  # a lone 千 or 万 is part of a name (千人徒步, 投入亿元) except before 头/只
        if n and unit and (best is None or len(unit) > len(best[1])):
            best = (Decimal(n), unit, None, end)
    return best


def _excluded(text: str, m: re.Match, unit: str) -> bool:
    """A year, a meeting's or a session's ordinal, a rank without 第/前: not a figure."""
    before = text[:m.start()].rstrip(" ")
    if unit == "年" and m.group().isdigit() and 1949 <= int(m.group()) <= 2100:
        return True
    if before.endswith("第") and unit != "位":
        return True
    return unit == "位" and not (before.endswith(("第", "前")) or RANK_SCOPE.search(before + "第"))


def _qualifiers(text: str, start: int, end: int, qualifier: Optional[str]) -> tuple[Optional[str], int, int]:
    """(qualifier, start, end) with a qualifier printed before the number or after the unit taken in."""
    i = _skip_blanks(text, end)
    for word, q in POST_QUALIFIERS:
        if text.startswith(word, i):
            return q, start, i + len(word)
    head = text[:start].rstrip(" ")
    for word, q in PRE_QUALIFIERS:
        if head.endswith(word) and qualifier is None:
            return q, len(head) - len(word), end
    return qualifier, start, end


def clause_start(text: str, i: int) -> int:
    """Where the clause holding position `i` begins (after the last 、，；。 …), at most QUOTE_BEFORE back."""
    j = i
    while j > 0 and text[j - 1] not in CLAUSE_END and i - j < QUOTE_BEFORE:
        j -= 1
    return j


def quantities_in(text: str, pid: str) -> list[Quantity]:
    """Every quantity of one paragraph, in order."""
    out = []
    m = NUMBER.search(text)
    while m:
        found = _arabic(text, m) if m.group()[0].isdigit() else _chinese(text, m)
        if found is None or _excluded(text, m, found[1]):
            m = NUMBER.search(text, m.end())
            continue
        value, unit, qualifier, end = found
        number_start = m.start() - (1 if text[m.start() - 1:m.start()] == "前" and unit == "位" else 0)
        qualifier, start, end = _qualifiers(text, number_start, end, qualifier)
        if unit == "位" and qualifier is None and text[m.start() - 1:m.start()] == "前":
            qualifier = "at_most"
        first = clause_start(text, start)
        quote = text[first:end].strip()
        if Decimal(quantities.number_zh(float(value))) in numerals.stated_values(quote, unit):  # else never
            opening = max(text.rfind(c, 0, start) for c in "。；！？") + 1
            out.append(Quantity(value, unit, qualifier, quote, pid, m.start(), text[first:start].strip(),
                                text[opening:start], text[end:end + 1]))
        m = NUMBER.search(text, end)
    return out


# --- the proposed kind ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Where:
    """Where a paragraph stands, for the kind rule: its part and the report's two years."""

    part: str            # the part's number and title as printed (一、2023 年工作回顾), or 开篇/结束语
    time: Optional[str]  # "review" (the reviewed year's results), "plan" (the planned year), None
    paragraph: str       # the paragraph's text
    year_reviewed: int
    year_planned: int


@dataclass(frozen=True)
class Kind:
    """A proposed kind and what the rule looked at; `confirm`: a maintainer must check it."""

    kind: str
    reason: str
    confirm: bool


def part_time(title: str, year_reviewed: int, year_planned: int, after_review: bool) -> Optional[str]:
    """Whether a part reviews a year or plans one: by 回顾 or 安排/计划/目标 in its title, else its year;
    a part after the review without either plans (the report looks ahead once it has looked back)."""
    if "回顾" in title:
        return "review"
    if re.search("安排|计划|目标|今年", title):
        return "plan"
    if str(year_reviewed) in title:
        return "review"
    if str(year_planned) in title:
        return "plan"
    return "plan" if after_review else None


GROWTH_WORDS = re.compile(r"增长|提高|提升|下降|增速|增加")
# The nearest of these words before a figure in its sentence decides between a target and a planned action.
GOVERNING = re.compile(r"(?P<hedge>力争|争取)|(?P<target>完成|达到|控制在|稳定在|降到|突破|实现|增长|提高|确保|压减|降低|减少)"
                       r"|(?P<commitment>计划|投入|新建|建设|改造|实施|安装|续建|落实|惠及|改扩建|增加|补贴|推进)")


def propose(q: Quantity, where: Where) -> Kind:
    """The kind a figure probably has, and the words the rule looked at."""
    if where.time == "review":
        growth = GROWTH_WORDS.search(q.before)
        if q.unit in ("%", "个百分点") and growth:
            return Kind("growth", f"in {where.part}, the {where.year_reviewed} review: a rate after "
                                  f"{growth.group()}", False)
        return Kind("result", f"in {where.part}, the {where.year_reviewed} review", False)
    if where.time is None:
        return Kind("context", f"in {where.part}: neither the review nor the plan", True)
    plan = f"in {where.part}, the {where.year_planned} plan"
    if "预期目标" in where.paragraph:
        return Kind("target", f"{plan}: its paragraph states the 预期目标", False)
    if q.qualifier in ("at_least", "at_most") and re.match(r"[\u4e00-\u9fff]", q.after):
        return Kind("context", f"{plan}: a threshold (以上/以下 before the noun {q.after}…)", True)
    if q.qualifier == "over" and "突破" in q.quote:
        return Kind("target", f"{plan}: 突破 before it", True)
    verb = rules.project_verb(where.paragraph, q.quote)
    if verb:
        return Kind("context", f"{plan}: the size of a project it only {verb} (rules.project-size-as-commitment)",
                    True)
    words = list(GOVERNING.finditer(q.sentence))
    if words:
        last = words[-1]
        hedge = next((w.group() for w in reversed(words) if w.group("hedge")), None)
        if last.group("target") and hedge:  # 力争全年煤炭产量达到 …
            return Kind("target", f"{plan}: {hedge} … {last.group()} before it in its sentence", False)
        kind = "commitment" if last.group("commitment") else "target"
        return Kind(kind, f"{plan}: {last.group()} nearest before it in its sentence", not last.group("hedge"))
    return Kind("context", f"{plan}: no target or action word in its sentence", True)


LABEL_TAIL = re.compile(r"(?:同比)?(?:完成|实现|达到|达|共计|累计|为|是|至|增长|提高|提升|投入|突破|约|超过|分别)+$")


def label(q: Quantity) -> str:
    """A draft label: the clause's words before the number, the verb at their end left out ("" when the
    clause is only verbs, like 同比增长); where the clause names other numbers first, the words before them."""
    words = re.split(r"\d", q.before, maxsplit=1)[0] or q.before
    return LABEL_TAIL.sub("", words.strip()).strip(" “”")[-24:]


THEME_WORDS = (
    ("energy", "煤|电|光伏|风电|千瓦|能源"), ("livestock", "牲畜|牛|羊|马|畜|奶|饲草"),
    ("tourism", "旅游|游客|景区|文旅"), ("education", "教育|学校|中小学|教师|高考|中考|幼儿园"),
    ("health", "医|卫生|健康"), ("employment", "就业|失业|招聘"), ("welfare", "保险|养老|低保|补贴|残疾|特困|救助"),
    ("ecology", "生态|草原|治理|污染|环保|沙|空气|绿化|种草|育林"), ("infrastructure", "公路|道路|国道|铁路|机场|管网|基站"),
    ("rural", "嘎查|牧区|牧户|乡村|户厕|水源井"), ("urban", "小区|城镇|城市|市政|街道|路灯|公园"),
    ("investment", "投资|项目|招商"), ("industry", "工业|企业|产值|铝"), ("culture", "文化|演出|乌兰牧骑|足球|体育"),
    ("services", "消费|电商|存款|贷款|零售"), ("security", "安全|隐患|信访|债务|风险"), ("unity", "民族团结|示范单位"),
)


def theme(q: Quantity, themes: set[str], fallback: str) -> str:
    """A proposed theme: the first whose words occur in the quote (among the themes the draft has)."""
    for tid, words in THEME_WORDS:
        if tid in themes and re.search(words, q.quote):
            return tid
    return fallback
