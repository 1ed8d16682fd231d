"""Numbers as the report prints them: Arabic digits and Chinese numerals.

Takes a quote; gives the numbers it states, so that a figure's value can be
proven to occur in its quote whether it is printed 1000, 千 (千余户), 百万
(百万千瓦, with 万 belonging to the unit 万千瓦) or 第一 (全盟第一).
"""
from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
RUN = re.compile(f"[{''.join(_DIGITS)}{''.join(_SMALL)}{''.join(_LARGE)}]+")
ARABIC = re.compile(r"\d+(?:\.\d+)?")


def parse_chinese(text: str) -> int | None:
    """一千二百 -> 1200, 十九 -> 19, 百万 -> 1000000, 千 -> 1000; None if not a well-formed numeral."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # 一二: two digits in a row is not a numeral
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:
            mult = _LARGE[ch]
            section += digit or 0
            total = (total + (section or 1)) * mult if total and ch == "亿" else total + (section or 1) * mult
            section, digit = 0, None
    return total + section + (digit or 0)


def stated_values(quote: str, unit: str) -> set[Decimal]:
    """Every value the quote states in `unit`: its Arabic numbers and its Chinese numerals.

    A run of numeral characters may run into the unit (百万千瓦: 千 is the
    unit's), so every leading part of a run counts; and a numeral that ends in
    the unit's own 万/亿 counts without it (百万 before 万千瓦 -> 100).
    """
    text = quote.replace(" ", "")
    values = {Decimal(m) for m in ARABIC.findall(text)}
    for m in RUN.finditer(text):
        run = m.group()
        for end in range(1, len(run) + 1):
            part = run[:end]
            for candidate in (part, part[:-1] if part[-1] in _LARGE and unit.startswith(part[-1]) else ""):
                n = parse_chinese(candidate) if candidate else None
                if n is not None:
                    values.add(Decimal(n))
    return values
