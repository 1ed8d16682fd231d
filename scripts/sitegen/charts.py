"""Charts drawn at build time as inline SVG (no JavaScript, no chart library).

Takes plain rows (a label, a value, its formatted text, in the page's
language; `GrowthRow`, `PairRow`) and the chart's words, and gives Markup: a
`<figure>` with a visible caption, the SVG (with its `<title>`) and, under it,
a visible note on how to read it (each pair on its own scale), followed in the
page by a table with the same numbers. One viewBox unit is one CSS pixel in the
content column of a 360 px phone, so the text is drawn at its CSS size there
and the bars can use the whole width. Geometry is computed here; markup lives
in `templates/chart.svg.j2`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

WIDTH = 328          # viewBox width: the content column of a 360 px phone (360 - 2 x 16 px margins)
FONT = 13            # chart text, in viewBox units = CSS px at 360 px (docs/assets/site.css agrees)
LABEL_LEFT = 0       # text and bars start at the column's edge, like the caption above them
BAR_LEFT = 0
BAR_MAX = 270        # longest bar of the growth chart; leaves room for the value text after it
PAIR_MAX = WIDTH - 2 * BAR_LEFT  # a result/target pair's values stand above its bars: bars use the full width
ROW = 40             # growth chart: label line + bar
PAIR_ROW = 36        # comparison chart: year and value line + bar


HEADING_LINE = 17   # a further line of a wrapped heading
HEADING_WIDTH = WIDTH - 2 * LABEL_LEFT


@dataclass(frozen=True)
class Bar:
    label: Markup
    value_text: Markup
    y: float
    width: float
    style: str       # css class: result / target / growth / negative
    lines: tuple[Markup, ...] = ()  # a heading wrapped to the chart's width


def _text_width(text: str) -> float:
    """Rough width in viewBox units of bold FONT px text: CJK characters are square, Latin about 0.6 em."""
    return sum(FONT if ord(ch) > 0x2E80 else FONT * 0.6 for ch in text)


def wrap(text: str, width: float = HEADING_WIDTH) -> list[str]:
    """Lines of at most `width`: between words for Latin text, between characters for Chinese."""
    tokens = re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+", text)
    lines, line = [], ""
    for token in tokens:
        if line and _text_width(line + token.rstrip()) > width and token[0] not in "）)。，、；：”》":
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    return lines + [line.rstrip()] if line.strip() else lines


def _scale(values: list[Decimal]) -> Decimal:
    top = max((abs(v) for v in values), default=Decimal(1))
    return top if top else Decimal(1)


def _render(env: "jinja2.Environment", chart_id: str, title: str, note: str, bars: list[Bar], height: float,
            legend: list, link_label: str) -> Markup:
    return Markup(env.get_template("chart.svg.j2").render(
        chart_id=chart_id, title=escape(title), note=escape(note), link_label=escape(link_label), bars=bars, width=WIDTH,
        height=height, bar_left=BAR_LEFT, label_left=LABEL_LEFT, legend=legend, line=HEADING_LINE))


@dataclass(frozen=True)
class GrowthRow:
    """One growth rate: its label and formatted value as the page writes them, and the rate in %."""
    label: str
    value: Decimal
    text: str


@dataclass(frozen=True)
class PairRow:
    """A result and its target: the pair's label, each value's text, and both in one base unit."""
    label: str
    result_text: str
    result: Decimal
    target_text: str
    target: Decimal


@dataclass(frozen=True)
class ChartWords:
    """The chart's title, the note under it and its link's label, in the page's language."""
    title: str
    note: str
    link: str


def growth_chart(env: "jinja2.Environment", rows: list[GrowthRow], words: ChartWords) -> Markup:
    scale = _scale([row.value for row in rows])
    bars = []
    y = 0
    for row in rows:
        lines = tuple(escape(line) for line in wrap(row.label))
        bars.append(Bar(escape(row.label), escape(row.text), y, float(abs(row.value) / scale * BAR_MAX),
                        "negative" if row.value < 0 else "growth", lines))
        y += ROW + (len(lines) - 1) * HEADING_LINE
    return _render(env, "chart-growth", words.title, words.note, bars, y + 8, [], words.link)


def comparison_chart(env: "jinja2.Environment", rows: list[PairRow], years: tuple[str, str], words: ChartWords,
                     legend: tuple[str, str]) -> Markup:
    """Result and target of each pair, one above the other; the value stands above its bar."""
    bars = []
    y = 0
    for row in rows:
        scale = _scale([row.result, row.target])
        lines = tuple(escape(line) for line in wrap(row.label))
        bars.append(Bar(escape(row.label), Markup(""), y, 0, "heading", lines))
        y += 8 + len(lines) * HEADING_LINE
        for year, text, v, style in ((years[0], row.result_text, row.result, "result"),
                                     (years[1], row.target_text, row.target, "target")):
            bars.append(Bar(escape(year), escape(text), y, float(abs(v) / scale * PAIR_MAX), style))
            y += PAIR_ROW
        y += 12
    keys = [(escape(legend[0]), "result"), (escape(legend[1]), "target")]
    return _render(env, "chart-comparisons", words.title, words.note, bars, y, keys, words.link)
