"""Charts drawn at build time as inline SVG (no JavaScript, no chart library).

Takes the page renderer (language, figures, links) and gives Markup: an SVG
`<figure>` with a `<title>` and description, followed in the page by a table
with the same numbers. Geometry is computed here; markup lives in
`templates/chart.svg.j2`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import quantities

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from .render import PageRenderer

WIDTH = 360          # viewBox width: one CSS pixel per unit on a 360 px phone
LABEL_LEFT = 8
BAR_LEFT = 8
BAR_MAX = 250        # longest bar of the growth chart; leaves room for the value text
PAIR_MAX = 130       # longest bar of a result/target pair: its values are longer ("about 64.2 million tonnes")
ROW = 40             # label line + bar


HEADING_LINE = 16   # a further line of a wrapped pair heading
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
    """Rough width in viewBox units of bold 12 px text: CJK characters are square, Latin about 0.6 em."""
    return sum(12 if ord(ch) > 0x2E80 else 7 for ch in text)


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


def growth_chart(r: "PageRenderer", env: "jinja2.Environment") -> Markup:
    figures = [f for f in r.index.report.figures if f.kind == "growth" and f.unit == "%"]
    scale = _scale([Decimal(str(f.value)) for f in figures])
    bars = []
    for i, f in enumerate(figures):
        v = Decimal(str(f.value))
        bars.append(Bar(escape(r.tx(f.label)), escape(r.qty(f)), i * ROW, float(abs(v) / scale * BAR_MAX),
                        "negative" if v < 0 else "growth"))
    height = len(bars) * ROW + 8
    return Markup(env.get_template("chart.svg.j2").render(
        chart_id="chart-growth", title=escape(r.L.chart_growth_title), desc=escape(r.L.chart_growth_desc),
        bars=bars, width=WIDTH, height=height, bar_left=BAR_LEFT, label_left=LABEL_LEFT, legend=[]))


def comparison_chart(r: "PageRenderer", env: "jinja2.Environment") -> Markup:
    bars = []
    y = 0
    for c in r.index.report.comparisons:
        res, tgt = r.index.figures[c.result], r.index.figures[c.target]
        a = quantities.base_value(res.value, res.unit)
        b = quantities.base_value(tgt.value, tgt.unit)
        scale = _scale([a, b])
        lines = tuple(escape(line) for line in wrap(r.tx(c.label)))
        bars.append(Bar(escape(r.tx(c.label)), Markup(""), y, 0, "heading", lines))
        y += (len(lines) - 1) * HEADING_LINE
        bars.append(Bar(escape(r.index.report.meta.year_reviewed), escape(r.qty(res)), y + 22, float(abs(a) / scale * PAIR_MAX), "result"))
        bars.append(Bar(escape(r.index.report.meta.year_planned), escape(r.qty(tgt)), y + 44, float(abs(b) / scale * PAIR_MAX), "target"))
        y += 74
    legend = [(escape(r.L.chart_result_label.format(year=r.index.report.meta.year_reviewed)), "result"),
              (escape(r.L.chart_target_label.format(year=r.index.report.meta.year_planned)), "target")]
    return Markup(env.get_template("chart.svg.j2").render(
        chart_id="chart-comparisons", title=escape(r.L.chart_comparison_title), desc=escape(r.L.chart_comparison_desc),
        bars=bars, width=WIDTH, height=y + 8, bar_left=BAR_LEFT, label_left=LABEL_LEFT, legend=legend))
