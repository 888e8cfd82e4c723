"""Charts of the yearly report as self-contained SVG, written by hand (no plotting library).

Each chart is computed from a :class:`rus.reporting.report.Report` and comes with a text alternative; the
renderers put a table next to every chart, so nothing is only in a picture. Every number drawn
(ticks too) is formatted as the tables format it (:func:`rus.reporting.report.number`: a
decimal comma and a narrow space between thousands in Swedish), the axes carry their units, and
the indicators are named, not only numbered. Colours are the Okabe–Ito palette picked so that the
series also differ in lightness, line style or marker: they survive greyscale printing and the
common colour-vision deficiencies. Every text is escaped, so plan text can be drawn safely.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from html import escape

from rus.base.codes import N_
from rus.base.i18n import translate
from rus.base.vocab import Area, Lang
from rus.reporting.report import IndicatorRow, Report, number, period_time, years_text

#: Okabe and Ito's colours: dark blue, light sky blue, bluish green, orange, grey, vermilion.
BLUE, SKY, GREEN, ORANGE, GREY, VERMILION = (
    "#0072B2",
    "#56B4E9",
    "#009E73",
    "#E69F00",
    "#767676",
    "#D55E00",
)
INK = "#1a1a1a"
GRID = "#d9d9d9"
FONT = "font-family=\"'DejaVu Sans', Verdana, Arial, sans-serif\""


@dataclass(frozen=True)
class Chart:
    """One chart: a stable name (for files and ids), a title, a text alternative and the SVG."""

    name: str
    title: str
    description: str
    svg: str


def _number(value: float, lang: Lang, decimals: int = 0) -> str:

    return number(value, lang, decimals)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high``: steps of 1, 2 or 5 times a power of ten."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(round(first + step * len(ticks), 10))
    return ticks


def _decimals(ticks: list[float]) -> int:
    """The decimals the ticks need so that no two read the same."""
    for decimals in range(4):
        if all(abs(t * 10**decimals - round(t * 10**decimals)) < 1e-6 for t in ticks):
            return decimals
    return 4


def _text(x: float, y: float, text: str, *, size: float = 11, anchor: str = "start",
          weight: str = "normal", fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>'
    )


def _svg(name: str, title: str, description: str, width: float, height: float, body: list[str]) -> str:
    label = escape(title, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'aria-labelledby="{name}-title {name}-desc" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" {FONT}>'
        f'<title id="{name}-title">{label}</title><desc id="{name}-desc">{escape(description)}</desc>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [text]


@dataclass(frozen=True)
class _Bar:
    label: str
    values: tuple[float, ...]
    colours: tuple[str, ...]


def _bars(
    bars: list[_Bar],
    top: float,
    width: float,
    lang: Lang,
    axis_label: str,
    scale: float = 1.0,
    threshold: tuple[float, str] | None = None,
) -> tuple[list[str], float]:
    """A horizontal (stacked) bar panel; returns its SVG parts and its height."""
    label_lines = [_wrap(bar.label, 34) for bar in bars]
    label_width = 7.0 * max((len(line) for lines in label_lines for line in lines), default=4) + 12
    left, right = label_width, width - 24
    row = max(22.0, 14.0 * max((len(lines) for lines in label_lines), default=1) + 8)
    high = max([sum(bar.values) for bar in bars] + [threshold[0] if threshold else 0.0, 0.0])
    ticks = nice_ticks(0.0, (high or 1.0) / scale)
    span = ticks[-1] * scale or 1.0
    decimals = _decimals(ticks)
    plot_top = top + 8
    plot_bottom = plot_top + row * len(bars)

    def x_of(amount: float) -> float:
        return left + (right - left) * amount / span

    parts: list[str] = []
    for tick in ticks:
        x = x_of(tick * scale)
        parts.append(f'<line x1="{x:.1f}" y1="{plot_top:.1f}" x2="{x:.1f}" y2="{plot_bottom:.1f}" stroke="{GRID}"/>')
        parts.append(_text(x, plot_bottom + 14, _number(tick, lang, decimals), size=10, anchor="middle"))
    for index, (bar, lines) in enumerate(zip(bars, label_lines, strict=True)):
        y = plot_top + row * index
        start = 0.0
        for amount, colour in zip(bar.values, bar.colours, strict=True):
            if amount > 0:
                parts.append(
                    f'<rect x="{x_of(start):.1f}" y="{y + 4:.1f}" width="{x_of(start + amount) - x_of(start):.1f}" '
                    f'height="{row - 8:.1f}" fill="{colour}" stroke="{INK}" stroke-width="0.5"/>'
                )
            start += amount
        middle = y + row / 2 - 7 * (len(lines) - 1) + 4
        for n, line in enumerate(lines):
            parts.append(_text(left - 6, middle + 14 * n, line, size=11, anchor="end"))
    parts.append(f'<line x1="{left:.1f}" y1="{plot_top:.1f}" x2="{left:.1f}" y2="{plot_bottom:.1f}" stroke="{INK}"/>')
    if threshold is not None:
        x = x_of(threshold[0])
        parts.append(
            f'<line x1="{x:.1f}" y1="{plot_top - 4:.1f}" x2="{x:.1f}" y2="{plot_bottom:.1f}" '
            f'stroke="{INK}" stroke-dasharray="5 3"/>'
        )
        parts.append(_text(x + 4, plot_top + 2, threshold[1], size=10))
    parts.append(_text((left + right) / 2, plot_bottom + 32, axis_label, size=11, anchor="middle"))
    return parts, plot_bottom + 40 - top


def _legend(items: list[tuple[str, str]], x: float, y: float) -> list[str]:
    """Swatches (an SVG fragment drawn at 0,0 … 20,10) with their labels, in one row."""
    parts: list[str] = []
    for swatch, label in items:
        parts.append(f'<g transform="translate({x:.1f},{y - 9:.1f})">{swatch}</g>')
        parts.append(_text(x + 26, y, label, size=11))
        x += 26 + 6.5 * len(label) + 18
    return parts


def _box(colour: str) -> str:
    return f'<rect width="20" height="10" fill="{colour}" stroke="{INK}" stroke-width="0.5"/>'


def money_chart(report: Report, lang: Lang) -> Chart:
    """SEK per long-term priority (granted in the period, and not yet decided) and per source."""

    name = "money"
    years = years_text(report.window.years)
    title = translate(N_("SEK per long-term priority and per funding source ({years})"), lang).format(years=years)
    granted = translate(N_("granted in {years}"), lang).format(years=years)
    undecided = translate(N_("applied for or planned"), lang)
    unit = translate(N_("million SEK"), lang)
    width = 860.0
    body: list[str] = [_text(16, 22, translate(N_("Per long-term priority"), lang), size=13, weight="bold")]
    body += _legend([(_box(BLUE), granted), (_box(SKY), undecided)], 16, 42)
    priority_bars = [
        _Bar(row.priority.text(lang), (row.granted_sek, row.pipeline_sek), (BLUE, SKY))
        for row in report.priorities.rows
    ]
    parts, height = _bars(priority_bars, 50, width, lang, unit, scale=1e6)
    body += parts
    top = 50 + height + 20
    body.append(_text(16, top, translate(N_("Granted in {years}, per source"), lang).format(years=years), size=13, weight="bold"))
    sources = list(report.funding.per_source.items())
    if sources:
        source_bars = [_Bar(source.text(lang), (amount,), (BLUE,)) for source, amount in sources]
        parts, height = _bars(source_bars, top + 6, width, lang, unit, scale=1e6)
        body += parts
        bottom = top + 6 + height
    else:
        body.append(_text(16, top + 24, translate(N_("Nothing granted in {years}."), lang).format(years=years), size=11))
        bottom = top + 36
    description = translate(
        N_(
            "Top: SEK per long-term priority, granted in {years} (dark) and applied for or planned "
            "(light); an activity serving two priorities counts in both. Bottom: SEK granted in "
            "{years} per funding source. The tables give the same numbers."
        ),
        lang,
    ).format(years=years)
    return Chart(name, title, description, _svg(name, title, description, width, bottom + 8, body))


def municipality_chart(report: Report, lang: Lang) -> Chart:
    """Bars of activities that name each municipality, the ones with few activities set apart."""
    name = "municipalities"
    title = translate(N_("Activities per municipality"), lang)
    section = report.municipalities
    few = translate(N_("few activities"), lang)
    body: list[str] = _legend(
        [(_box(BLUE), translate(N_("activities that name the municipality"), lang)),
         (_box(ORANGE), few)],
        16,
        18,
    )
    bars = [
        _Bar(
            row.municipality.text(lang) + (" *" if row.thin else ""),
            (row.activities,),
            (ORANGE if row.thin else BLUE,),
        )
        for row in section.rows
    ]
    threshold = (
        section.threshold,
        translate(N_("half the county mean ({value})"), lang).format(
            value=_number(section.threshold, lang, 1)
        ),
    )
    parts, height = _bars(bars, 34, 720.0, lang, translate(N_("number of activities"), lang), threshold=threshold)
    body += parts
    description = translate(
        N_(
            "Activities that name each municipality; municipalities with few activities (below "
            "half the county mean, dashed line) are light and marked with a star. Activities for "
            "the whole county are counted apart. The table gives the same numbers."
        ),
        lang,
    )
    return Chart(name, title, description, _svg(name, title, description, 720.0, 34 + height + 8, body))


_PANEL_W, _PANEL_H = 290.0, 230.0


def _indicator_panel(row: IndicatorRow, x0: float, y0: float, lang: Lang) -> list[str]:
    lines = _wrap(f"{row.id} {row.name}", 38)[:3]
    parts = [_text(x0 + 4, y0 + 14 + 13 * n, line, size=11, weight="bold" if n == 0 else "normal") for n, line in enumerate(lines)]
    top = y0 + 14 + 13 * len(lines) + 4
    right, bottom = x0 + _PANEL_W - 14, y0 + _PANEL_H - 34
    base_x, target_x = float(row.baseline.period), float(row.target.period)
    points = [(base_x, row.baseline.value)] + [(period_time(p.period), p.value) for p in row.trajectory]
    xs = [x for x, _ in points] + [target_x]
    ys = [y for _, y in points] + [row.target.value]
    yticks = nice_ticks(min(ys), max(ys), 4)
    first_year, last_year = math.floor(min(xs)), math.ceil(max(xs))
    year_step = max(1, math.ceil((last_year - first_year) / 5))
    xticks = list(range(first_year, last_year + 1, year_step))
    lo_y, hi_y = yticks[0], yticks[-1]
    decimals = _decimals(yticks)
    tick_texts = [_number(tick, lang, decimals) for tick in yticks]
    unit_lines = _wrap(row.unit, 28)[:2]
    left = x0 + 14 + 12 * len(unit_lines) + 5.6 * max(len(t) for t in tick_texts)
    lo_x, hi_x = float(first_year), float(max(last_year, first_year + 1))

    def px(x: float) -> float:
        return left + (right - left) * (x - lo_x) / (hi_x - lo_x)

    def py(y: float) -> float:
        return bottom - (bottom - top) * (y - lo_y) / ((hi_y - lo_y) or 1.0)

    for tick, tick_text in zip(yticks, tick_texts, strict=True):
        parts.append(f'<line x1="{left:.1f}" y1="{py(tick):.1f}" x2="{right:.1f}" y2="{py(tick):.1f}" stroke="{GRID}"/>')
        parts.append(_text(left - 4, py(tick) + 3.5, tick_text, size=9, anchor="end"))
    for year in xticks:
        parts.append(_text(px(year), bottom + 13, str(year), size=9, anchor="middle"))
    parts.append(f'<line x1="{left:.1f}" y1="{bottom:.1f}" x2="{right:.1f}" y2="{bottom:.1f}" stroke="{INK}"/>')
    parts.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{bottom:.1f}" stroke="{INK}"/>')
    for n, unit in enumerate(unit_lines):
        parts.append(
            f'<text transform="translate({x0 + 12 + 11 * n:.1f},{(top + bottom) / 2:.1f}) rotate(-90)" '
            f'font-size="9" text-anchor="middle" fill="{INK}">{escape(unit)}</text>'
        )
    parts.append(_text((left + right) / 2, bottom + 26, translate(N_("year"), lang), size=9, anchor="middle"))
    parts.append(
        f'<line x1="{px(base_x):.1f}" y1="{py(row.baseline.value):.1f}" x2="{px(target_x):.1f}" '
        f'y2="{py(row.target.value):.1f}" stroke="{GREY}" stroke-width="1.2" stroke-dasharray="2 3"/>'
    )
    parts.append(
        f'<line x1="{left:.1f}" y1="{py(row.target.value):.1f}" x2="{right:.1f}" y2="{py(row.target.value):.1f}" '
        f'stroke="{GREEN}" stroke-width="1.4" stroke-dasharray="7 4"/>'
    )
    path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
    parts.append(f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
    parts += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.2" fill="{BLUE}"/>' for x, y in points]
    tx, ty = px(target_x), py(row.target.value)
    parts.append(
        f'<path d="M{tx:.1f},{ty - 5:.1f} L{tx + 5:.1f},{ty:.1f} L{tx:.1f},{ty + 5:.1f} L{tx - 5:.1f},{ty:.1f} Z" '
        f'fill="#ffffff" stroke="{GREEN}" stroke-width="1.6"/>'
    )
    return parts


def indicator_chart(report: Report, area: Area, lang: Lang) -> Chart | None:
    """Small multiples: each indicator of an area, from baseline through actuals to target."""
    rows = [row for row in report.indicators.rows if row.area == area]
    if not rows:
        return None
    columns = min(3, len(rows))
    lines = math.ceil(len(rows) / columns)
    name = f"indicators-{area.value}"
    title = translate(N_("Indicators of {area}: baseline, actuals and target"), lang).format(
        area=area.text(lang)
    )
    width = 16 + _PANEL_W * columns
    body: list[str] = _legend(
        [
            ('<line x1="0" y1="5" x2="20" y2="5" stroke="#0072B2" stroke-width="2"/>'
             '<circle cx="10" cy="5" r="3.2" fill="#0072B2"/>', translate(N_("actuals"), lang)),
            ('<line x1="0" y1="5" x2="20" y2="5" stroke="#009E73" stroke-width="1.4" stroke-dasharray="7 4"/>',
             translate(N_("target"), lang)),
            ('<line x1="0" y1="5" x2="20" y2="5" stroke="#767676" stroke-width="1.2" stroke-dasharray="2 3"/>',
             translate(N_("straight line to target"), lang)),
        ],
        16,
        18,
    )
    for index, row in enumerate(rows):
        body += _indicator_panel(row, 8 + _PANEL_W * (index % columns), 28 + _PANEL_H * (index // columns), lang)
    description = translate(
        N_(
            "One panel per indicator, named with its id and name: the baseline and the county's "
            "values per revision period (solid dark line with dots), the target (dashed line and a "
            "diamond in the target year) and a straight line from baseline to target (dotted). The "
            "vertical axis is the indicator's unit. The table below gives the same numbers."
        ),
        lang,
    )
    return Chart(name, title, description, _svg(name, title, description, width, 28 + _PANEL_H * lines + 8, body))


def report_charts(report: Report, lang: Lang) -> list[Chart]:
    """Every chart of the report, in the order the report shows them."""
    charts: list[Chart] = [money_chart(report, lang), municipality_chart(report, lang)]
    for area in report.areas:
        chart = indicator_chart(report, area, lang)
        if chart is not None:
            charts.append(chart)
    return charts
