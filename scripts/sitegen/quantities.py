"""Numbers and units: a figure's value + unit -> display text per language.

Takes a value as printed in the report (217), its Chinese unit (亿元) and a
qualifier; gives "217 亿元" for Chinese and "21.7 billion yuan" for English.
亿 = 100 million and 万 = 10,000 are applied here and nowhere else, so English
quantities are never typed by hand. The downloads take each value in its base
unit from here too (`base_number`, `base_unit`: 217 亿元 -> 21700000000 yuan).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional


@dataclass(frozen=True)
class Unit:
    """A Chinese unit: its multiplier and its English unit (None: a bare count)."""

    multiplier: int
    en: Optional[str]
    dimension: str  # units of one dimension can share a chart axis
    zh: Optional[str] = None  # the one Chinese form shown for a unit the report prints two ways


_WAN, _YI = 10_000, 100_000_000

UNITS: dict[str, Unit] = {
    "亿元": Unit(_YI, "yuan", "money"), "万元": Unit(_WAN, "yuan", "money"), "元": Unit(1, "yuan", "money"),
    "%": Unit(1, "%", "percent"), "个百分点": Unit(1, "percentage points", "points"),
    "万吨": Unit(_WAN, "tonnes", "mass"), "吨": Unit(1, "tonnes", "mass"),
    "蒸吨": Unit(1, "tonnes of steam per hour", "boiler"),
    "亿度": Unit(_YI, "kWh", "energy", zh="亿千瓦时"), "亿千瓦时": Unit(_YI, "kWh", "energy"),  # 度 = kWh
    "万千瓦时": Unit(_WAN, "kWh", "energy"),
    # power: base kW, shown in English as kW, MW or GW (quantity_en)
    "万千瓦": Unit(_WAN, "kW", "power"), "千瓦": Unit(1, "kW", "power"), "MW": Unit(1000, "kW", "power"),
    "千伏": Unit(1, "kV", "voltage"),
    "万头只": Unit(_WAN, "head of livestock", "livestock"), "万头": Unit(_WAN, "head", "head"),
    "头": Unit(1, "head", "head"), "万只": Unit(_WAN, None, "count"), "只": Unit(1, None, "count"),
    "万平方米": Unit(_WAN, "m²", "area-m2"), "平方米": Unit(1, "m²", "area-m2"),
    "平方公里": Unit(1, "km²", "area-km2"), "公里": Unit(1, "km", "length"),
    "万亩": Unit(_WAN, "mu", "area-mu"), "亩": Unit(1, "mu", "area-mu"), "公顷": Unit(1, "hectares", "area-ha"),
    "万人次": Unit(_WAN, "visits", "visits"), "人次": Unit(1, "visits", "visits"),
    "万人": Unit(_WAN, "people", "people"), "人": Unit(1, "people", "people"), "名": Unit(1, "people", "people"),
    "万户": Unit(_WAN, "households", "households"), "户": Unit(1, "households", "households"),
    "位": Unit(1, "rank", "rank"), "年": Unit(1, "years", "years"), "周年": Unit(1, "years", "years"),
    "天": Unit(1, "days", "days"), "次": Unit(1, "times", "times"), "倍": Unit(1, "times", "ratio"),
    "场次": Unit(1, None, "count"),
}
for _counter in "个 处 项 条 家 件 座 所 盏 眼 套 栋 群 辆 台 批 部 种 支 份 期".split():
    UNITS[_counter] = Unit(1, None, "count")

# Units whose English word names what is counted: the prose may print the bare
# number ({num:ID}) and supply its own noun, or a figure may carry `noun`.
COUNT_WORDS = {None, "people", "households", "visits", "head", "head of livestock", "times"}

MU_PER_HECTARE = 15

_QUAL_ZH = {"about": "约 {}", "over": "{}余", "at_least": "{}以上", "at_most": "{}以内"}
_QUAL_EN = {"about": "about {}", "over": "over {}", "at_least": "at least {}", "at_most": "at most {}"}


def _plain(d: Decimal) -> str:
    """Decimal without exponent or trailing zeros: 21.70 -> '21.7', 2E+1 -> '20'."""
    text = format(d.normalize(), "f")
    return text


def _grouped(d: Decimal) -> str:
    whole, _, frac = _plain(d).partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + (f".{frac}" if frac else "")


def number_zh(value: float) -> str:
    """The value as printed in Chinese text: 217, 6.2, 50980."""
    return _plain(Decimal(str(value)))


def ordinal(n: int) -> str:
    """1 -> 1st, 54 -> 54th, 13 -> 13th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def number_en(value: float, unit: str) -> str:
    """The value scaled to English: 217 亿元 -> '21.7 billion', 50980 元 -> '50,980'."""
    n = Decimal(str(value)) * UNITS[unit].multiplier
    size = abs(n)
    if size >= Decimal(10) ** 9:
        return f"{_plain(n / Decimal(10) ** 9)} billion"
    if size >= Decimal(10) ** 6:
        return f"{_plain(n / Decimal(10) ** 6)} million"
    return _grouped(n)


def is_count(unit: str) -> bool:
    """Whether the unit counts things (people, households, items): {num:ID} and `noun` apply."""
    return UNITS[unit].en in COUNT_WORDS


def quantity_zh(value: float, unit: str, qualifier: Optional[str] = None, bare: bool = False) -> str:
    """Chinese display: '217 亿元', '约 7.8 亿元', '130 余万人次', '4 亿余元', '第 54 位', '前 3 位'.

    `bare` leaves out the unit (the prose gives its own counter): '2300 余'.
    A unit the report prints two ways shows one way ('231 亿度' as '231 亿千瓦时');
    the data and the quotes keep it as printed.
    """
    n = number_zh(value)
    unit = shown_zh(unit)
    if unit == "位":
        return f"前 {n} 位" if qualifier == "at_most" else f"第 {n} 位"
    if bare:
        core = n
    elif unit == "%":
        core = f"{n}%"
    else:
        core = f"{n} {unit}"
    if qualifier == "over" and unit != "%":
        if bare:
            return f"{n} 余"
        if unit[0] in "万亿" and len(unit) > 1 and abs(value) < 10:
            return f"{n} {unit[0]}余{unit[1:]}"  # 4 亿余元, as printed; 130 余万人次
        return f"{n} 余{unit}"
    return _QUAL_ZH[qualifier].format(core) if qualifier else core


def shown_zh(unit: str) -> str:
    """The Chinese form a unit is shown in: one form for units of the same size and meaning."""
    return UNITS[unit].zh or unit if unit in UNITS else unit


def _power_en(value: float, unit: str) -> str:
    kw = base_value(value, unit)
    for size, name in ((Decimal(10) ** 6, "GW"), (Decimal(10) ** 3, "MW")):
        if abs(kw) >= size:
            return f"{_grouped(kw / size)} {name}"
    return f"{_grouped(kw)} kW"


def quantity_en(value: float, unit: str, qualifier: Optional[str] = None, noun: Optional[str] = None,
                bare: bool = False) -> str:
    """English display: '21.7 billion yuan', '6.2%', '300 MW', '1,300 people', '54th', 'top 3'.

    `noun` replaces the unit's English word ('58 teachers'); `bare` prints the
    number and qualifier only, for prose that supplies the noun.
    """
    u = UNITS[unit]
    if unit == "位":
        if qualifier == "at_most":
            return f"top {int(value)}"
        return ordinal(int(value))
    if bare:
        core = number_en(value, unit)
    elif noun:
        core = f"{number_en(value, unit)} {noun}"
    elif u.dimension == "power":
        core = _power_en(value, unit)
    elif u.en == "%":
        core = f"{number_en(value, unit)}%"
    elif u.en is None:
        core = number_en(value, unit)
    else:
        core = f"{number_en(value, unit)} {u.en}"
    return _QUAL_EN[qualifier].format(core) if qualifier else core


def hectares_en(value: float, unit: str) -> str:
    """A mu area in hectares, for English readers: 10 万亩 -> 'about 6,667 hectares'."""
    ha = base_value(value, unit) / MU_PER_HECTARE
    rounded = ha.quantize(Decimal(1)) if ha >= 100 else ha.quantize(Decimal("0.1"))
    return f"about {_grouped(rounded)} hectares"


def capitalized(text: str) -> str:
    """The text with its first letter upper-case, for a quantity that opens a sentence."""
    return text[:1].upper() + text[1:]


def base_value(value: float, unit: str) -> Decimal:
    """The value in the unit's base (yuan, tonnes, kWh ...), for charts."""
    return Decimal(str(value)) * UNITS[unit].multiplier


def base_unit(unit: str) -> str:
    """The unit `base_value` gives, for the downloads: yuan, tonnes, kWh, kW, people, head, mu, percent;
    'items' for a counter (个, 家, 项 ...)."""
    en = UNITS[unit].en
    return {None: "items", "%": "percent"}.get(en, en)


def base_number(value: float, unit: str) -> int | float:
    """`base_value` as a plain number for CSV and JSON: 217 亿元 -> 21700000000, 6.2 % -> 6.2."""
    n = base_value(value, unit)
    return int(n) if n == n.to_integral_value() else float(n)


_NBSP = "\u00a0"


def unbreakable(text: str) -> str:
    """A quantity for running text, with no-break spaces (U+00A0) where a line must not end.

    A space next to a word with a digit becomes a no-break space, so a line
    never ends between a number and its unit or qualifier ('222 元', 'over
    2,300', '第 54 位', '21.7 billion'); the words after the unit's first one
    may wrap ('21.7 billion / yuan', '17,000 tonnes / of steam per hour'), so a
    long quantity still fits a narrow card or cell.
    """
    words = text.split(" ")
    out = words[:1]
    for before, word in zip(words, words[1:]):
        out += [_NBSP if any(c.isdigit() for c in before + word) else " ", word]
    return "".join(out)
