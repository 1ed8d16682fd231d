"""Dates as readers write them in prose, in each language.

`prose_date(day, lang)` takes a `datetime.date` and a source language (zh or
en) and gives `2024 年 1 月 26 日` for Chinese (Simplified, and Traditional,
which the conversion leaves as it is) or `26 January 2024` for English.
Templates call it as the filter `prose_date`. ISO dates (2024-01-26) stay in
the data files and the machine metadata (sitemap, downloads).

`build_date(environ)` is the date a build is "made on", for everything a page
shows as of now (overdue reviews) and for the sitemap: `SITEGEN_TODAY`
(YYYY-MM-DD, the tests') if set, else `SOURCE_DATE_EPOCH` (seconds, the
reproducible-builds convention; build.py sets it from the commit), else the
clock. So the same commit builds the same bytes on any day.
"""
from __future__ import annotations

import datetime
from typing import Mapping

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def prose_date(day: datetime.date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{day.year} 年 {day.month} 月 {day.day} 日"


def build_date(environ: Mapping[str, str]) -> datetime.date:
    fixed = environ.get("SITEGEN_TODAY")
    if fixed:
        return datetime.date.fromisoformat(fixed)
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()
