"""The report's last two sections (issue 12): the year's evaluations and what they changed, and the
activities and money by the national strategy's four strategic areas.

Built on the third revision of ``tests/report_helpers.py`` with evaluations and national areas
added; the expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from rus.base.vocab import EvaluationKind, NationalArea
from rus.render.report_document import build_document
from rus.render.report_html import render_html
from rus.render.report_json import SECTIONS, render_json
from rus.render.report_markdown import render_markdown
from rus.reporting.report import Report, Window, build_report
from rus.reporting.report_sources import collect_input
from tests.report_helpers import revisions, write_plans

TODAY = date(2026, 11, 28)


def _plan(evaluations: bool = True, national: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    _, _, plan, registry = revisions()[2]
    plan = copy.deepcopy(plan)
    cycling, heritage, dam, _ = plan["activities"]
    if national:
        # UPP-001 serves two areas: in 2026 granted ERDF 1 000 000 + private 500 000, paid 250 000
        cycling["national_areas"] = ["innovation", "accessibility"]
        # UPP-002: granted 2025 (not this year's), paid 150 000 in 2026
        heritage["national_areas"] = ["equal-opportunities", "accessibility"]
        dam["national_areas"] = ["skills"]
        # UPP-004 names none
    if evaluations:
        plan["evaluations"] = [
            {"id": "UPP-U1", "kind": "process", "activities": ["UPP-002"], "evaluator": "miun",
             "date": "2026-05-15", "findings": "Vandringarna nådde få besökare utanför högsäsong.",
             "reference": "RS/123/2026",
             "changes": [{"activity": "UPP-002", "revision": "2026-2", "description": "Avslutades enligt plan."}]},
            {"id": "UPP-U2", "kind": "effect", "evaluator_name": "Ramböll Sverige AB",
             "date": "2026-09-01", "findings": "Planen saknade mått på året runt-sysselsättning.", "changes": []},
            # reported the year before: not this year's evaluation
            {"id": "UPP-U3", "kind": "impact", "evaluator": "rjh", "date": "2025-11-30",
             "findings": "Tidigare utvärdering.", "changes": []},
        ]
    return plan, registry


def _report(tmp_path: Path, **kwargs: bool) -> Report:
    plan, registry = _plan(**kwargs)
    write_plans(tmp_path / "plans", plan, registry)
    return build_report(collect_input(tmp_path, Window.for_year(2026)), TODAY)


def test_evaluations_of_the_period_with_evaluator_names_and_changes(tmp_path: Path) -> None:
    section = _report(tmp_path).evaluations
    assert [row.id for row in section.rows] == ["UPP-U1", "UPP-U2"]  # UPP-U3 is dated 2025
    first, second = section.rows
    assert first.kind is EvaluationKind.PROCESS and first.evaluator == "Mittuniversitetet"
    assert first.evaluator_id == "miun" and first.date == date(2026, 5, 15)
    assert [(c.activity, c.title, c.revision) for c in first.changes] == [("UPP-002", "Kulturarvsvandringar", "2026-2")]
    assert second.evaluator == "Ramböll Sverige AB" and second.evaluator_id is None and second.changes == []
    assert section.changes == 1


def test_evaluations_rendered_in_swedish_and_english(tmp_path: Path) -> None:
    report = _report(tmp_path)
    sv = render_markdown(build_document(report, {}, "sv"))
    assert "## Årets utvärderingar och vad de ledde till för ändringar" in sv
    assert "Utvärderingar som redovisades under perioden: 2. Ändringar av insatser som gjordes på grund av dem: 1." in sv
    assert EvaluationKind.PROCESS.text("sv") in sv and "Mittuniversitetet" in sv and "Ramböll Sverige AB" in sv
    assert "UPP-002 Kulturarvsvandringar (revision 2026-2): Avslutades enligt plan." in sv
    assert "ingen ändring redovisad" in sv and "hela planen" in sv
    assert "Tidigare utvärdering" not in sv
    html = render_html(build_document(report, {}, "en"))
    assert '<h2 id="evaluations">' in html and "Mittuniversitetet" in html


def test_no_evaluation_is_said(tmp_path: Path) -> None:
    report = _report(tmp_path, evaluations=False)
    assert report.evaluations.rows == []
    sv = render_markdown(build_document(report, {}, "sv"))
    assert "Ingen utvärdering i planerna är daterad inom perioden (2026-01-01 till 2026-12-31)." in sv


def test_national_areas_count_activities_and_money_in_each_area(tmp_path: Path) -> None:
    section = _report(tmp_path).national_areas
    rows = {row.national_area: (row.activities, row.granted_sek, row.paid_sek) for row in section.rows}
    assert list(rows) == list(NationalArea)
    assert rows == {
        NationalArea.EQUAL_OPPORTUNITIES: (1, 0, 150_000),
        NationalArea.SKILLS: (1, 0, 0),
        NationalArea.INNOVATION: (1, 1_500_000, 250_000),
        NationalArea.ACCESSIBILITY: (2, 1_500_000, 400_000),
    }
    # the whole, each activity once: less than the rows' sums
    assert (section.activities, section.granted_sek, section.paid_sek) == (3, 1_500_000, 400_000)
    assert sum(r.activities for r in section.rows) == 5 > section.activities
    assert section.several_areas == 2
    assert [ref.id for ref in section.without_area] == ["UPP-004"]


def test_national_areas_rendered_with_the_double_counting_said(tmp_path: Path) -> None:
    report = _report(tmp_path)
    sv = render_markdown(build_document(report, {}, "sv"))
    assert "## Insatser och medel per strategiskt område i den nationella strategin" in sv
    assert "räknas i vart och ett av dem, så raderna summerar till mer än helheten: 2 av de 3 insatserna" in sv
    assert NationalArea.ACCESSIBILITY.text("sv") in sv
    html = render_html(build_document(report, {}, "en"))
    assert '<h2 id="national-areas">' in html and "add up to more than the whole" in html


def test_no_national_area_is_said(tmp_path: Path) -> None:
    report = _report(tmp_path, national=False)
    assert report.national_areas.activities == 0
    sv = render_markdown(build_document(report, {}, "sv"))
    assert "Ingen insats i rapporten anger något strategiskt område i den nationella strategin." in sv


def test_json_holds_both_sections(tmp_path: Path) -> None:
    data = json.loads(render_json(_report(tmp_path)))
    assert SECTIONS[-2:] == ("evaluations", "national_areas")
    evaluations = data["sections"]["evaluations"]
    assert evaluations["changes"] == 1
    assert evaluations["rows"][0]["kind"] == "process" and evaluations["rows"][0]["evaluator"] == "Mittuniversitetet"
    assert evaluations["rows"][0]["changes"][0] == {
        "activity": "UPP-002", "title": "Kulturarvsvandringar", "revision": "2026-2", "description": "Avslutades enligt plan.",
    }
    national = data["sections"]["national_areas"]
    assert [row["national_area"] for row in national["rows"]] == [a.value for a in NationalArea]
    assert national["rows"][3] == {"national_area": "accessibility", "activities": 2, "granted_sek": 1_500_000, "paid_sek": 400_000}
    assert national["activities"] == 3 and national["several_areas"] == 2


def test_the_new_sections_say_it_in_swedish_a_coordinator_would_sign(tmp_path: Path) -> None:
    from tests.test_report_swedish import SLUGS, _offences

    report = _report(tmp_path)
    sv = render_markdown(build_document(report, {}, "sv"))
    start = sv.index("## Årets utvärderingar")
    new = sv[start : sv.index("## Nästa steg")]
    assert _offences(new) == [] and SLUGS.findall(new) == []
    assert EvaluationKind.PROCESS.text("sv") in new and NationalArea.SKILLS.text("sv") in new
