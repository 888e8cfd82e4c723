"""Charts of the yearly report as self-contained SVG, drawn with matplotlib's SVG backend.

Each chart is computed from a :class:`rus.report.Report` and comes with a short description; the
renderers put a table next to every chart, so nothing is only in a picture. Only identifiers and
vocabulary labels are drawn as text (plan text never reaches the SVG, so it needs no escaping),
and matplotlib's mathtext is switched off for the labels.
"""

from __future__ import annotations

import html
import io
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rus.codes import N_
from rus.i18n import translate
from rus.report import Report, period_time
from rus.vocab import Area, Lang

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours that stay apart for common colour-vision deficiencies (Okabe and Ito).
BLUE, ORANGE, GREEN, VERMILION, GREY, SKY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#999999",
    "#56B4E9",
)


@dataclass(frozen=True)
class Chart:
    """One chart: a stable name (for files and ids), a title, a text alternative and the SVG."""

    name: str
    title: str
    description: str
    svg: str


def _settings() -> Any:  # matplotlib types rc keys as a Literal; these are all valid
    return {
        "svg.fonttype": "none",
        "font.family": ["DejaVu Sans", "sans-serif"],
        "font.size": 9,
        "text.usetex": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _svg(figure: Figure, name: str, title: str) -> str:
    import matplotlib

    buffer = io.StringIO()
    settings = _settings()
    settings["svg.hashsalt"] = f"rus-{name}"
    with matplotlib.rc_context(settings):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    # Inline use: drop the XML prolog and DOCTYPE, prefix the ids, give the root a role.
    text = text[text.index("<svg") :]
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    text = re.sub(r'((?:xlink:)?href)="#([^"]+)"', rf'\1="#{name}-\2"', text)
    label = html.escape(title, quote=True)
    return text.replace("<svg ", f'<svg role="img" aria-label="{label}" class="chart" ', 1)


def _plain(text: str) -> str:
    """A label as matplotlib should draw it: ``$`` would otherwise start mathtext."""
    return text.replace("$", r"\$")


def _sek_millions(value: float, _pos: int = 0) -> str:
    return f"{value / 1e6:.0f}"


def indicator_chart(report: Report, area: Area, lang: Lang) -> Chart | None:
    """Small multiples: each indicator of an area, from baseline through actuals to target."""
    import matplotlib

    rows = [row for row in report.indicators.rows if row.area == area]
    if not rows:
        return None
    columns = min(3, len(rows))
    lines = math.ceil(len(rows) / columns)
    name = f"indicators-{area.value}"
    title = translate(N_("Indicators of {area}: baseline, actuals and target"), lang).format(
        area=area.text(lang)
    )
    with matplotlib.rc_context(_settings()):
        figure = _figure(3.1 * columns, 2.3 * lines)
        axes_grid = figure.subplots(lines, columns, squeeze=False)
        for index, row in enumerate(rows):
            axes: Axes = axes_grid[index // columns][index % columns]
            base_x, target_x = float(row.baseline.period), float(row.target.period)
            xs = [base_x] + [period_time(p.period) for p in row.trajectory]
            ys = [row.baseline.value] + [p.value for p in row.trajectory]
            axes.plot(
                [base_x, target_x],
                [row.baseline.value, row.target.value],
                color=GREY,
                linestyle=":",
                linewidth=1,
                label=translate(N_("straight line to target"), lang),
            )
            axes.axhline(
                row.target.value,
                color=GREEN,
                linestyle="--",
                linewidth=1,
                label=translate(N_("target"), lang),
            )
            axes.plot(
                xs,
                ys,
                color=BLUE,
                marker="o",
                markersize=3.5,
                linewidth=1.6,
                label=translate(N_("actuals"), lang),
            )
            axes.plot([target_x], [row.target.value], color=GREEN, marker="D", markersize=4)
            axes.set_title(_plain(row.id), fontsize=9, loc="left")
            axes.set_ylabel(_plain(row.unit), fontsize=7)
            axes.tick_params(labelsize=7)
            axes.ticklabel_format(axis="y", style="plain", useOffset=False)
            axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=5))
        for index in range(len(rows), lines * columns):
            axes_grid[index // columns][index % columns].set_visible(False)
        handles, labels = axes_grid[0][0].get_legend_handles_labels()
        figure.legend(
            handles, labels, loc="outside lower center", ncols=3, fontsize=8, frameon=False
        )
        svg = _svg(figure, name, title)
    description = translate(
        N_(
            "One panel per indicator: the baseline, the county's actuals per revision period "
            "(blue), the target (green, dashed) and a straight line from baseline to target "
            "(grey, dotted). The table below gives the same numbers."
        ),
        lang,
    )
    return Chart(name, title, description, svg)


def money_chart(report: Report, lang: Lang) -> Chart:
    """Two bar charts: SEK per long-term priority and granted SEK per funding source."""
    import matplotlib

    name = "money"
    title = translate(N_("SEK per long-term priority and per funding source (millions)"), lang)
    with matplotlib.rc_context(_settings()):
        figure = _figure(9.5, 3.6)
        left, right = figure.subplots(1, 2, width_ratios=[1, 1])
        rows = report.priorities.rows
        labels = [_plain(_wrap(row.priority.text(lang), 28)) for row in rows]
        granted = [row.granted_sek for row in rows]
        pipeline = [row.pipeline_sek for row in rows]
        positions = list(range(len(rows)))
        left.barh(positions, granted, color=BLUE, label=translate(N_("granted"), lang))
        left.barh(
            positions,
            pipeline,
            left=granted,
            color=SKY,
            label=translate(N_("applied or planned"), lang),
        )
        left.set_yticks(positions, labels, fontsize=8)
        left.invert_yaxis()
        left.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_sek_millions))
        left.set_title(translate(N_("Per long-term priority"), lang), loc="left", fontsize=9)
        figure.legend(fontsize=7, frameon=False, loc="outside lower left", ncols=2)
        sources = list(report.funding.per_source.items())
        spos = list(range(len(sources)))
        right.barh(spos, [v for _, v in sources], color=ORANGE)
        right.set_yticks(spos, [_plain(s.text(lang)) for s, _ in sources], fontsize=8)
        right.invert_yaxis()
        right.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_sek_millions))
        right.set_title(translate(N_("Granted, per source"), lang), loc="left", fontsize=9)
        svg = _svg(figure, name, title)
    description = translate(
        N_(
            "Left: SEK per long-term priority, granted and applied or planned (an activity "
            "serving two priorities counts in both). Right: granted SEK per funding source. The "
            "tables give the same numbers."
        ),
        lang,
    )
    return Chart(name, title, description, svg)


def municipality_chart(report: Report, lang: Lang) -> Chart:
    """Bars of activities reaching each municipality by name, the thin ones highlighted."""
    import matplotlib

    name = "municipalities"
    title = translate(N_("Activities per municipality"), lang)
    section = report.municipalities
    with matplotlib.rc_context(_settings()):
        figure = _figure(7.0, 3.2)
        axes = figure.subplots()
        rows = section.rows
        positions = list(range(len(rows)))
        colours = [VERMILION if row.thin else BLUE for row in rows]
        axes.barh(positions, [row.activities for row in rows], color=colours)
        axes.set_yticks(
            positions, [_plain(row.municipality.text(lang)) for row in rows], fontsize=8
        )
        axes.invert_yaxis()
        axes.axvline(section.threshold, color=GREY, linestyle="--", linewidth=1)
        axes.text(
            section.threshold,
            -0.75,
            " " + translate(N_("thin below this line"), lang),
            fontsize=7,
            color="#555555",
        )
        axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        axes.set_xlabel(translate(N_("activities that name the municipality"), lang), fontsize=8)
        svg = _svg(figure, name, title)
    description = translate(
        N_(
            "Activities that name each municipality; thin municipalities (below half the county "
            "mean, dashed line) in red. Activities for the whole county are counted apart. The "
            "table gives the same numbers."
        ),
        lang,
    )
    return Chart(name, title, description, svg)


def report_charts(report: Report, lang: Lang) -> list[Chart]:
    """Every chart of the report, in the order the report shows them."""
    charts: list[Chart] = [money_chart(report, lang), municipality_chart(report, lang)]
    for area in report.areas:
        chart = indicator_chart(report, area, lang)
        if chart is not None:
            charts.append(chart)
    return charts


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text
