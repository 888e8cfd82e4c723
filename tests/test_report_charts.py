"""Charts a reader can read, and an HTML report a keyboard and a screen reader can use.

Every number drawn in a Swedish chart (ticks too) is Swedish-formatted; the axes carry their units;
indicators are named; the series differ in lightness or line style, not only in hue; the page's
headings, tables, charts and caveats are marked up for assistive technology.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from itertools import pairwise
from pathlib import Path

import pytest

from rus.render.report_document import build_document
from rus.render.report_html import render_html
from rus.reporting.charts import BLUE, ORANGE, SKY, Chart, nice_ticks, report_charts
from rus.reporting.report import Report, Window, build_report
from rus.reporting.report_sources import collect_input
from tests.conftest import PLANS
from tests.report_helpers import make_repo

_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.S)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The bundled plans: large amounts, decimals and indicators in many units."""
    return build_report(collect_input(PLANS.parent, Window.for_year(2026), plans_dir=PLANS.name), date(2026, 11, 28))


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Report:
    root = make_repo(tmp_path_factory.mktemp("charts") / "repo")
    return build_report(collect_input(root, Window.for_year(2026)), date(2026, 11, 28))


def chart_texts(chart: Chart) -> list[str]:
    """Every text drawn in a chart, as the reader sees it."""
    return [unescape(text) for text in _TEXT.findall(chart.svg)]


def swedish_number_faults(text: str) -> list[str]:
    """Numbers in a text that are not Swedish-formatted: a decimal point, an English thousands
    comma, or five or more digits (or four, outside the years) not grouped by a narrow space."""
    faults = re.findall(r"\d\.\d", text) + re.findall(r"\d,\d{3}(?!\d)", text)
    for run in re.findall(r"(?<![\d\u202f,])\d+(?![\d\u202f,])", text):
        if len(run) >= 5 or (len(run) == 4 and not 2000 <= int(run) <= 2100):
            faults.append(run)
    return faults


def test_the_check_finds_english_and_unformatted_numbers() -> None:
    assert swedish_number_faults("9.5") and swedish_number_faults("1250000") and swedish_number_faults("1800")
    assert swedish_number_faults("1,250")  # an English thousands separator (a Swedish 1,25 has two decimals)
    assert swedish_number_faults("9,5 · 1\u202f250\u202f000 · 2026 · 12,5 · 1\u202f800") == []


@pytest.mark.parametrize("which", ["bundled", "history"])
def test_every_chart_text_is_swedish_formatted(which: str, request: pytest.FixtureRequest) -> None:
    report: Report = request.getfixturevalue(which)
    charts = report_charts(report, "sv")
    assert len(charts) >= 3
    for chart in charts:
        texts = chart_texts(chart)
        assert any(re.search(r"\d", t) for t in texts), f"{chart.name} draws no numbers"
        faults = [(t, swedish_number_faults(t)) for t in texts if swedish_number_faults(t)]
        assert faults == [], chart.name


def test_axes_carry_units_and_indicators_are_named(bundled: Report) -> None:
    charts = {chart.name: chart for chart in report_charts(bundled, "sv")}
    assert "miljoner kronor" in chart_texts(charts["money"])
    assert "antal insatser" in chart_texts(charts["municipalities"])
    texts = " ".join(chart_texts(charts["indicators-upplevelser"]))
    for row in (r for r in bundled.indicators.rows if r.area.value == "upplevelser"):
        assert row.id in texts
        assert row.name.split()[0] in texts  # the name, not only the id
        assert row.unit.split()[0] in texts  # the unit on the vertical axis
    assert "år" in chart_texts(charts["indicators-upplevelser"])


def _lightness(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_series_differ_in_lightness_or_line_style() -> None:
    # bars next to each other: granted (dark) and undecided (light); many activities (dark) and few (light)
    assert _lightness(SKY) - _lightness(BLUE) > 0.25
    assert _lightness(ORANGE) - _lightness(BLUE) > 0.25


def test_the_indicator_lines_differ_without_colour(history: Report) -> None:
    (chart,) = [c for c in report_charts(history, "sv") if c.name.startswith("indicators")]
    dashes = set(re.findall(r'stroke-dasharray="([^"]+)"', chart.svg))
    assert len(dashes) >= 2  # target dashed, straight line dotted; actuals solid with dots
    assert "<circle" in chart.svg and "<polyline" in chart.svg


def test_ticks_are_round_and_cover_the_data() -> None:
    assert nice_ticks(1800, 2260, 4) == [1800, 2000, 2200, 2400]
    assert nice_ticks(0, 169.15) == [0, 50, 100, 150, 200]
    assert nice_ticks(5, 15, 4) == [5, 7.5, 10, 12.5, 15]


def test_the_html_is_accessible(history: Report) -> None:
    charts = {chart.name: chart for chart in report_charts(history, "sv")}
    html = render_html(build_document(history, charts, "sv"))
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), "a heading level is skipped"
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert tables and all("<caption>" in t and '<th scope="col"' in t for t in tables)
    regions = re.findall(r'<div class="scroll" role="region" tabindex="0" aria-label="[^"]+">', html)
    assert len(regions) == len(tables)  # each table scrolls with the keyboard, and is named
    for name in charts:
        svg = re.search(rf'<figure id="chart-{name}".*?</figure>', html, re.S)
        assert svg is not None
        figure = svg[0]
        assert 'role="img"' in figure and f'aria-labelledby="{name}-title {name}-desc"' in figure
        assert f'<title id="{name}-title">' in figure and f'<desc id="{name}-desc">' in figure
        assert "<figcaption>" in figure and "Textalternativ" in figure
    assert re.search(r'<p class="note"><strong>Obs:</strong>', html)
    assert "a:focus" in html and "outline" in html


def test_english_charts_use_english_numbers(bundled: Report, tmp_path: Path) -> None:
    money = next(c for c in report_charts(bundled, "en") if c.name == "money")
    texts = chart_texts(money)
    assert "million SEK" in texts and "0" in texts
    assert not any("\u202f" in t for t in texts)
