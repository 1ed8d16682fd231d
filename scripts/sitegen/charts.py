"""Charts drawn at build time as inline SVG (no JavaScript, no chart library).

Takes the page renderer (language, figures, links) and gives Markup: a
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

from . import quantities

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from .render import PageRenderer

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


def growth_chart(r: "PageRenderer", env: "jinja2.Environment") -> Markup:
    figures = [f for f in r.index.report.figures if f.kind == "growth" and f.unit == "%"]
    scale = _scale([Decimal(str(f.value)) for f in figures])
    bars = []
    y = 0
    for f in figures:
        v = Decimal(str(f.value))
        lines = tuple(escape(line) for line in wrap(r.tx(f.label)))
        bars.append(Bar(escape(r.tx(f.label)), escape(r.qty(f)), y, float(abs(v) / scale * BAR_MAX),
                        "negative" if v < 0 else "growth", lines))
        y += ROW + (len(lines) - 1) * HEADING_LINE
    return _render(env, "chart-growth", r.L.chart_growth_title, r.L.chart_growth_desc, bars, y + 8, [],
                   r.L.chart_link)


def comparison_chart(r: "PageRenderer", env: "jinja2.Environment") -> Markup:
    """Result and target of each pair, one above the other; the value stands above its bar."""
    bars = []
    y = 0
    meta = r.index.report.meta
    for c in r.index.report.comparisons:
        res, tgt = r.index.figures[c.result], r.index.figures[c.target]
        a = quantities.base_value(res.value, res.unit)
        b = quantities.base_value(tgt.value, tgt.unit)
        scale = _scale([a, b])
        lines = tuple(escape(line) for line in wrap(r.tx(c.label)))
        bars.append(Bar(escape(r.tx(c.label)), Markup(""), y, 0, "heading", lines))
        y += 8 + len(lines) * HEADING_LINE
        for year, f, v, style in ((meta.year_reviewed, res, a, "result"), (meta.year_planned, tgt, b, "target")):
            bars.append(Bar(escape(year), escape(r.qty(f)), y, float(abs(v) / scale * PAIR_MAX), style))
            y += PAIR_ROW
        y += 12
    legend = [(escape(r.L.chart_result_label.format(year=meta.year_reviewed)), "result"),
              (escape(r.L.chart_target_label.format(year=meta.year_planned)), "target")]
    return _render(env, "chart-comparisons", r.L.chart_comparison_title, r.L.chart_comparison_desc, bars, y, legend,
                   r.L.chart_link)
