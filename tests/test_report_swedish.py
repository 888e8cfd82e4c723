"""Swedish a coordinator would sign: the wordings rejected in issue 12 appear nowhere in the report.

Checked in the report's output (HTML and Markdown, on a plan set that uses every section) and in
the report's catalog (rus/locale/sv/po/report.po), and in the vocabulary labels the report shows.
The glossary of the terms used instead is in docs/report.md.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from rus.base.i18n import translate
from rus.base.vocab import FundingSource, Instrument
from rus.render.report_document import build_document
from rus.render.report_html import render_html
from rus.render.report_markdown import render_markdown
from rus.reporting.charts import report_charts
from rus.reporting.report import VERDICT_BEHIND, Window, build_report
from rus.reporting.report_sources import collect_input
from tests.conftest import REPO
from tests.report_helpers import make_repo

#: Rejected wording → why (the issue's list, and the like found in review).
REJECTED: dict[str, str] = {
    r"drogs? in": "dra in means withdraw; medfinansiering växlades upp or tillkom",
    r"\bdagar? sent\b": "försenad 153 dagar, not (153 dagar sent)",
    r"lärloop": "a calque; lärandet",
    r"hamnade": "too colloquial: genomfördes",
    r"tunt täckt|\btunna?\b|\bTunn\b": "too colloquial: få insatser",
    r"bär en risk": "medför risk",
    r"hållbarhetens tre dimensioner": "hållbar utvecklings tre dimensioner",
    r"beräknad av rus": "sammanställd",
    r"planerna kom från": "bygger på",
    r"standard ut\b": "standardutdata",
    r"[Dd]elmål": "clashes with mål: milstolpe",
    r"Egen insats": "clashes with insats = activity: bidrag i annat än pengar",
    r"\b[Ll]äge\b": "status",
    r"\bFramsteg\b|\bframsteget\b": "måluppfyllelse for indicators",
    r"Statlig myndighet": "a source of money: statliga medel",
    r"regionens egna medel \(anslag 1:1": "anslag 1:1 is state money the region decides on",
}

#: English slugs of statuses and funding states, which must not stand in a Swedish sentence.
SLUGS = re.compile(r"\b(idea|planned|ongoing|paused|completed|cancelled|granted|applied|rejected|paid)\b")


def _offences(text: str) -> list[str]:
    return [f"{pattern} ({why})" for pattern, why in REJECTED.items() if re.search(pattern, text)]


@pytest.fixture(scope="module")
def swedish_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    root = make_repo(tmp_path_factory.mktemp("swedish") / "repo")
    report = build_report(collect_input(root, Window.for_year(2026)), date(2026, 11, 28))
    charts = {chart.name: chart for chart in report_charts(report, "sv")}
    document = build_document(report, charts, "sv")
    return render_html(document), render_markdown(document, lambda name, svg: f"{name}.svg")


def _visible_html(html: str) -> str:
    """The text a reader sees (chart text included), without tags, styles or attribute values."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_the_report_has_none_of_the_rejected_wordings(swedish_report: tuple[str, str]) -> None:
    html, markdown = swedish_report
    assert _offences(_visible_html(html)) == []
    assert _offences(markdown) == []


def test_no_english_slug_stands_in_the_swedish_report(swedish_report: tuple[str, str]) -> None:
    html, markdown = swedish_report
    assert SLUGS.findall(_visible_html(html)) == []
    assert SLUGS.findall(re.sub(r"\]\([^)]*\)", "]", markdown)) == []


def test_the_report_catalog_has_none_of_the_rejected_wordings() -> None:
    catalog = (REPO / "rus" / "locale" / "sv" / "po" / "report.po").read_text(encoding="utf-8")
    translations = "\n".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', catalog, flags=re.M))
    assert _offences(translations) == []


def test_the_vocabulary_the_report_shows_says_it_right() -> None:
    assert translate("behind", "sv") == "efter plan" == _verdict_sv()
    assert Instrument.IN_KIND.text("sv") == "Bidrag i annat än pengar"
    assert FundingSource("national").text("sv") == "Statliga medel"


def _verdict_sv() -> str:
    from rus.render.report_document import verdict_text

    return verdict_text(VERDICT_BEHIND, "sv")


def test_the_rejected_wordings_are_caught(tmp_path: Path) -> None:
    """The check itself: each rejected wording from the issue is found when present."""
    samples = [
        "hur mycket medfinansiering drogs in", "(153 dagar sent)", "Vad ändrade lärloopen",
        "hamnade insatserna", "tunt täckta", "Tunn", "bär en risk", "hållbarhetens tre dimensioner",
        "beräknad av rus", "som de nuvarande planerna kom från", "(standard: standard ut)", "Delmål",
        "Egen insats", "Läge", "Framsteg", "Statlig myndighet",
    ]
    for sample in samples:
        assert _offences(sample), sample
    assert SLUGS.findall("har status ongoing") == ["ongoing"]
