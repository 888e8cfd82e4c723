"""The report's Sámi section lists the consultation records of the period with their outcomes (issue 12)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from rus.base.vocab import ConsultationForm, ConsultationOutcome
from rus.render.report_document import build_document
from rus.render.report_json import render_json
from rus.render.report_markdown import render_markdown
from rus.reporting.report import Report, Window, build_report
from rus.reporting.report_sources import collect_input
from tests.report_helpers import revisions, write_plans

TODAY = date(2026, 12, 15)


def _report(tmp_path: Path, *, records: bool = True) -> Report:
    _, _, plan, registry = revisions()[2]
    plan: dict[str, Any] = copy.deepcopy(plan)
    plan["consultations"] = [
        # held 2025, concluded 2026: concluded in the period, so the year's
        {"id": "UPP-K1", "form": "statutory", "activities": ["UPP-001"], "actors": ["gaaltije"],
         "matter": "Ledsträckning | <b>", "date": "2025-11-04", "concluded": "2026-02-10",
         "outcome": "no-agreement", "reference": "RUN/41/2026"},
        # a samråd of the year, still open, documented in minutes
        {"id": "UPP-K2", "form": "dialogue", "activities": ["UPP-002"], "actors": ["gaaltije"],
         "matter": "Guidning på sydsamiska", "date": "2026-06-02", "outcome": "ongoing",
         "documented_in": "Minnesanteckningar 2026-06-02"},
        # wholly before the period: not the year's
        {"id": "UPP-K3", "form": "statutory", "activities": ["UPP-001"], "actors": ["gaaltije"],
         "matter": "Tidigare ärende", "date": "2024-03-01", "concluded": "2024-05-01",
         "outcome": "agreement", "reference": "RUN/9/2024"},
    ] if records else []
    write_plans(tmp_path / "plans", plan, registry)
    return build_report(collect_input(tmp_path, Window.for_year(2026)), TODAY)


def test_records_held_or_concluded_in_the_period_with_their_outcomes(tmp_path: Path) -> None:
    rows = _report(tmp_path).sami.records
    assert [r.id for r in rows] == ["UPP-K1", "UPP-K2"]  # UPP-K3 ended in 2024
    first, second = rows
    assert (first.form, first.outcome, first.concluded, first.documented) == (
        ConsultationForm.STATUTORY, ConsultationOutcome.NO_AGREEMENT, date(2026, 2, 10), "RUN/41/2026"
    )
    assert [a.id for a in first.activities] == ["UPP-001"]
    assert (second.form, second.outcome, second.documented) == (
        ConsultationForm.DIALOGUE, ConsultationOutcome.ONGOING, "Minnesanteckningar 2026-06-02"
    )


def test_records_in_the_json_and_in_swedish(tmp_path: Path) -> None:
    report = _report(tmp_path)
    data = json.loads(render_json(report))
    assert [(r["id"], r["form"], r["outcome"]) for r in data["sections"]["sami"]["records"]] == [
        ("UPP-K1", "statutory", "no-agreement"), ("UPP-K2", "dialogue", "ongoing")
    ]
    text = render_markdown(build_document(report, {}, "sv"))
    assert "Konsultationer och samråd under perioden, med utfall" in text
    assert "Konsultation enligt lagen (2022:66)" in text and "Ingen enighet" in text
    assert "Ledsträckning \\| \\<b\\>" in text or "Ledsträckning \\| &lt;b&gt;" in text  # plan text stays text


def test_no_record_in_the_period_is_said(tmp_path: Path) -> None:
    report = _report(tmp_path, records=False)
    assert report.sami.records == []
    text = render_markdown(build_document(report, {}, "sv"))
    assert "Ingen konsultation eller inget samråd hölls under perioden." in text
