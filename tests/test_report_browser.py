"""The HTML report in headless Chromium: it renders with its charts and no request leaves the page.

Chromium is driven through the DevTools protocol over a pipe (``tests/browser_helpers.py``), which
logs every network request the page makes. A screenshot is saved under ``test-artifacts/``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rus.render.report_document import build_document
from rus.render.report_html import render_html
from rus.reporting.charts import report_charts
from rus.reporting.report import Window, build_report
from rus.reporting.report_sources import collect_input
from tests.browser_helpers import Browser, find_chromium
from tests.conftest import PLANS, REPO, run_rus
from tests.report_helpers import revisions, write_plans

CHROMIUM = find_chromium()
ARTIFACTS = REPO / "test-artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Chromium is not installed (apt-get install -y chromium); the HTML report is not rendered"
    ),
]


def _write_report(plans_root: Path, target: Path, lang: str = "sv") -> Path:
    report = build_report(collect_input(plans_root, Window.for_year(2026)), date(2026, 11, 28))
    charts = {chart.name: chart for chart in report_charts(report, lang)}  # type: ignore[arg-type]
    target.write_text(render_html(build_document(report, charts, lang)), encoding="utf-8")  # type: ignore[arg-type]
    return target


def test_report_renders_in_chromium_with_charts_and_no_requests(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    # The bar: `rus report --year 2026 --format html` on the bundled plans, as a user runs it.
    report = tmp_path / "rapport-2026.html"
    done = run_rus("report", "--year", "2026", "--format", "html", "--plans", str(PLANS), "-o", str(report), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    _, _, plan, registry = revisions()[2]
    plan["activities"][0]["title"] = "<script>document.title='hacked'</script><img src=x onerror=alert(1)>"
    write_plans(tmp_path / "injected" / "plans", plan, registry)
    injected = _write_report(tmp_path / "injected", tmp_path / "injected.html")

    browser = Browser(CHROMIUM, tmp_path / "profile")
    try:
        browser.open_page()
        requests = browser.load(report.as_uri())
        # Only the report itself is loaded: no fonts, scripts, images or anything from the network.
        assert requests == [report.as_uri()]
        assert browser.evaluate("document.documentElement.lang") == "sv"
        charts = browser.evaluate(
            "Array.from(document.querySelectorAll('figure svg')).map(s => {"
            " const r = s.getBoundingClientRect();"
            " return {w: r.width, h: r.height, shapes: s.querySelectorAll('path, use, text, rect, line, circle, polyline').length,"
            "         caption: s.parentElement.querySelector('figcaption').innerText.length}; })"
        )
        assert len(charts) == 6  # money, municipalities and the indicators of the four areas
        for chart in charts:
            assert chart["w"] > 300 and chart["h"] > 150 and chart["shapes"] > 20 and chart["caption"] > 50
        headings = browser.evaluate("Array.from(document.querySelectorAll('h2')).map(h => h.innerText)")
        # the summary, the contents, the ten questions, the EU fulfilment criteria, the evaluations,
        # the national strategic areas and the next steps
        assert headings[:2] == ["Sammanfattning", "Innehåll"] and headings[-1] == "Nästa steg"
        assert [h.split(".")[0] for h in headings[2:-4]] == [str(n) for n in range(1, 11)]
        assert headings[-4:-1] == [
            "EU:s uppfyllandekriterier för smart specialisering",
            "Årets utvärderingar och vad de ledde till för ändringar",
            "Insatser och medel per strategiskt område i den nationella strategin",
        ]
        # every wide table can take the keyboard focus and scroll, and says what it is
        assert browser.evaluate(
            "Array.from(document.querySelectorAll('table')).every(t => t.parentElement.tabIndex === 0"
            " && t.parentElement.getAttribute('aria-label'))"
        )
        assert browser.evaluate("document.querySelectorAll('script').length") == 0
        ARTIFACTS.mkdir(exist_ok=True)
        browser.screenshot(ARTIFACTS / "report-2026-sv.png")
        assert (ARTIFACTS / "report-2026-sv.png").stat().st_size > 50_000

        requests = browser.load(injected.as_uri())
        assert requests == [injected.as_uri()]
        assert browser.evaluate("document.querySelectorAll('script, img').length") == 0
        assert browser.evaluate("document.title") != "hacked"
        text = browser.evaluate("document.body.innerText")
        assert "<script>document.title='hacked'</script><img src=x onerror=alert(1)>" in text
        browser.screenshot(ARTIFACTS / "report-injection.png")
    finally:
        browser.close()
