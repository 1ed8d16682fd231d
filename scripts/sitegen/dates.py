"""Dates as readers write them in prose, in each language.

`prose_date(day, lang)` takes a `datetime.date` and a source language (zh or
en) and gives `2024 年 1 月 26 日` for Chinese (Simplified, and Traditional,
which the conversion leaves as it is) or `26 January 2024` for English.
Templates call it as the filter `prose_date`. ISO dates (2024-01-26) stay in
the data files and the machine metadata (sitemap, downloads).
"""
from __future__ import annotations

import datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def prose_date(day: datetime.date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.year} 年 {day.month} 月 {day.day} 日"
