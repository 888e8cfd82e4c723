"""The yearly report's numbers, each on a plan set built for it, and the JSON they are published as.

Money is the reported year's (granted by decision year, paid out by payment year) with lifetime
totals apart; reach per municipality carries no money; ideas and planned work are counted and
named as next steps; participation is per meeting; municipality values of indicators are shown;
the report and ``rus diff`` judge progress with one function; the HTML, Markdown and JSON agree.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rus.base.vocab import Helix, Municipality, Status
from rus.cli import app
from rus.render.report_document import build_document, number, sek
from rus.render.report_html import render_html
from rus.render.report_json import SCHEMA_VERSION, SECTIONS, report_data
from rus.render.report_markdown import render_markdown
from rus.reporting.report import Report, Window, build_report
from rus.reporting.report_sources import collect_input
from rus.timeline.changes import progress_percent
from tests.report_helpers import REGISTRY_1, git, make_repo, revisions, write_plans

TODAY = date(2026, 11, 28)


def _report(root: Path, year: int = 2026) -> Report:
    return build_report(collect_input(root, Window.for_year(year)), TODAY)


def _money_plan() -> dict[str, Any]:
    """One plan whose funding rows are dated in several years, one undated, one paid out in full."""
    _, _, plan, _ = revisions()[2]
    plan = copy.deepcopy(plan)
    first, second = plan["activities"][0], plan["activities"][3]
    first["funding"] = [
        # granted 2024, paid out 2024, 2025 and 2026: only the 2026 payment is this year's money
        {"source": "erdf", "instrument": "project-grant", "amount_sek": 3_000_000, "state": "granted", "year": 2024,
         "payments": [{"year": 2024, "amount_sek": 1_000_000}, {"year": 2025, "amount_sek": 1_000_000},
                      {"year": 2026, "amount_sek": 500_000}]},
        # decided 2026 and paid out in full the same year
        {"source": "appropriation-1-1", "instrument": "project-grant", "amount_sek": 800_000, "state": "paid",
         "year": 2026, "payments": [{"year": 2026, "amount_sek": 800_000}]},
        # granted, but no year: counted in no year, named as a caveat, in the lifetime total
        {"source": "private", "instrument": "in-kind", "amount_sek": 250_000, "state": "granted"},
    ]
    second["funding"] = [
        {"source": "municipal", "instrument": "own-funds", "amount_sek": 400_000, "state": "granted", "year": 2026},
        {"source": "appropriation-1-1", "instrument": "project-grant", "amount_sek": 600_000, "state": "applied", "year": 2027},
        {"source": "regional", "instrument": "project-grant", "amount_sek": 90_000, "state": "rejected", "year": 2026},
    ]
    return plan


@pytest.fixture
def money_root(tmp_path: Path) -> Path:
    write_plans(tmp_path / "plans", _money_plan(), REGISTRY_1)
    return tmp_path


@pytest.fixture
def money_report(money_root: Path) -> Report:
    return _report(money_root)


def test_the_year_s_money_is_granted_by_decision_year_and_paid_by_payment_year(money_root: Path) -> None:
    funding = _report(money_root).funding
    # granted in 2026: the paid-out appropriation row (800 000) and the municipality's 400 000
    assert funding.granted_sek == 1_200_000
    # paid out in 2026: 500 000 on the 2024 ERDF row, the 800 000 of the paid row and 150 000 on
    # UPP-002's appropriation granted in 2025
    assert funding.paid_sek == 1_450_000
    assert funding.region_granted_sek == 800_000  # appropriation 1:1, decided by the region
    assert funding.co_funding_sek == 400_000  # the municipality's money put next to it
    assert funding.leverage == pytest.approx(0.5)
    assert funding.pipeline_sek == 0  # the application is dated 2027
    assert funding.rejected_sek == 90_000
    assert (funding.undated_granted_sek, funding.undated_activities) == (250_000, ["UPP-001"])
    # lifetime, apart: all granted or paid rows of the activities in the report, all payments so far
    assert funding.lifetime_granted_sek == 3_000_000 + 800_000 + 250_000 + 400_000 + 400_000
    assert funding.lifetime_paid_sek == 2_500_000 + 800_000 + 350_000
    # a year earlier: the 2024 decision is not 2025's money, its 2025 payment is
    earlier = _report(money_root, 2025).funding
    assert (earlier.granted_sek, earlier.paid_sek) == (400_000, 1_200_000)  # and UPP-002's of 2025


def test_the_document_labels_the_year_s_money_and_the_lifetime_totals_apart(money_report: Report) -> None:
    text = render_markdown(build_document(money_report, {}, "sv"))
    assert "Beviljat 2026: 1\u202f200\u202f000 kr" in text
    assert "Utbetalt 2026: 1\u202f450\u202f000 kr" in text
    assert "Insatsernas sammanlagda belopp under hela löptiden (alla år)" in text
    assert "| Beviljat under insatsernas hela löptid | 4\u202f850\u202f000 kr |" in text
    assert "utan år, sammanlagt 250\u202f000 kr" in text
    # the appropriation 1:1 is state money the region decides on, not the region's own money
    assert "regionens egna medel (anslag 1:1" not in text
    assert "det statliga anslaget 1:1" in text


def test_reach_per_municipality_carries_no_money_and_says_its_sum_exceeds_the_whole(money_report: Report) -> None:
    section = money_report.municipalities
    assert not any(hasattr(row, "granted_sek") for row in section.rows)
    # UPP-001 names Åre, UPP-003 Ragunda, UPP-004 Berg and Härjedalen: four mentions, three activities
    assert (section.mentions, section.naming) == (4, 3)
    text = render_markdown(build_document(money_report, {}, "en"))
    assert "the column adds up to 4 while 3 activities name a municipality" in text
    assert "Granted SEK of these activities" not in text


def test_ideas_and_planned_work_count_and_are_the_next_steps(tmp_path: Path) -> None:
    _, _, plan, registry = revisions()[2]
    plan = copy.deepcopy(plan)
    # an idea for next year, and an ongoing activity with a milestone next spring
    plan["activities"].append({
        **copy.deepcopy(plan["activities"][3]), "id": "UPP-005", "title": "Vinterleder 2028", "status": "idea",
        "period": {"start": "2027-09-01"}, "funding": [], "goal_conflicts": [],
    })
    plan["activities"][0]["milestones"].append({"date": "2027-04-30", "title": "Leder öppnade"})
    write_plans(tmp_path / "plans", plan, registry)
    report = _report(tmp_path)
    counts = report.status.counts[next(iter(report.status.counts))]
    assert counts[Status.IDEA] == 1 and counts[Status.PLANNED] == 1  # UPP-005 starts after 2026
    steps = {step.activity.id: step for step in report.next_steps.activities}
    assert list(steps) == ["UPP-001", "UPP-004", "UPP-005"]
    assert [title for _, title in steps["UPP-001"].milestones] == ["Leder öppnade"]
    assert steps["UPP-005"].status is Status.IDEA
    text = render_markdown(build_document(report, {}, "sv"))
    assert "## Nästa steg" in text and "UPP-005 Vinterleder 2028" in text


def test_participation_is_per_meeting_with_helix_types_and_the_registry_share(tmp_path: Path) -> None:
    history = revisions()
    # the spring meeting had two actors, the autumn meeting three
    history[1][2]["meeting"]["participants"] = ["rjh", "fjallbyn"]
    history[2][2]["meeting"]["participants"] = ["rjh", "miun", "gaaltije"]
    root = tmp_path / "repo"
    _commit_history(root, history)
    meetings = _report(root).participation.meetings
    assert [(m.revision, m.date.isoformat()) for m in meetings] == [("2026-1", "2026-04-20"), ("2026-2", "2026-10-20")]
    spring, autumn = meetings
    assert spring.by_helix == {Helix.BUSINESS: 1, Helix.CIVIL_SOCIETY: 0, Helix.ACADEMIA: 0, Helix.PUBLIC: 1}
    assert spring.registry_share == pytest.approx(2 / 4)
    assert autumn.by_helix == {Helix.BUSINESS: 0, Helix.CIVIL_SOCIETY: 1, Helix.ACADEMIA: 1, Helix.PUBLIC: 1}
    assert (autumn.participants, autumn.unknown) == (3, [])
    assert autumn.registry_share == pytest.approx(3 / 4)


def test_municipality_values_of_indicators_are_reported(tmp_path: Path) -> None:
    _, _, plan, registry = revisions()[2]
    plan = copy.deepcopy(plan)
    plan["indicators"][0]["actuals"] += [
        {"period": "2026-1", "value": 40, "municipality": "are"},
        {"period": "2026-2", "value": 44, "municipality": "are"},
        {"period": "2026-2", "value": 12.5, "municipality": "berg"},
    ]
    write_plans(tmp_path / "plans", plan, registry)
    report = _report(tmp_path)
    (row,) = report.indicators.rows
    # the latest value per municipality, in the region's order of municipalities (Åre before Berg)
    assert [(v.municipality, v.period, v.value) for v in row.municipal] == [
        (Municipality.ARE, "2026-2", 44), (Municipality.BERG, "2026-2", 12.5),
    ]
    assert row.latest is not None and row.latest.value == 131  # the county value is still the county's
    text = render_markdown(build_document(report, {}, "sv"))
    assert "Indikatorvärden per kommun, Upplevelser" in text
    assert "| UPP-I1 | Berg | 2026-2 | 12,5 |" in text


def _commit_history(root: Path, history: list[tuple[str, str, dict[str, Any], dict[str, Any]]]) -> None:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "tag.gpgSign", "false")
    git(root, "config", "commit.gpgSign", "false")
    for revision, when, plan, registry in history:
        write_plans(root / "plans", plan, registry)
        git(root, "add", "plans", when=when)
        git(root, "commit", "-q", "-m", f"Revision {revision}", when=when)
        git(root, "tag", "-a", f"upplevelser/{revision}", "-m", f"Upplevelser {revision}", when=when)


def _indicator(ident: str, baseline: float, target: float, higher: bool, values: list[float]) -> dict[str, Any]:
    periods = ["2025-2", "2026-1", "2026-2"]
    return {
        "id": ident, "goal": "UPP-M1", "name": f"Indikator {ident}", "kind": "result", "unit": "antal",
        "higher_is_better": higher, "baseline": {"value": baseline, "year": 2023}, "target": {"value": target, "year": 2028},
        "actuals": [{"period": p, "value": v} for p, v in zip(periods, values, strict=False)],
    }


def test_the_report_and_rus_diff_judge_every_indicator_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One progress function: the report's share and ``rus diff --format json``'s percent agree."""
    history = revisions()
    extra = [
        ("UPP-I2", 50.0, 20.0, False, [45.0, 41.0, 37.5]),  # lower is better
        ("UPP-I3", 10.0, 10.0, True, [9.0, 10.0, 11.0]),  # hold the baseline: no share at all
        ("UPP-I4", 0.0, 3.0, True, [0.0, 4.0, 5.0]),  # past the target
    ]
    for count, (_, _, plan, _) in enumerate(history, start=1):
        plan["indicators"] += [_indicator(i, b, t, h, v[:count]) for i, b, t, h, v in extra]
    root = tmp_path / "repo"
    _commit_history(root, history)
    report = _report(root)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["diff", "upplevelser/2025-2", "upplevelser/2026-2", "--format", "json"])
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    from_diff: dict[str, float | None] = {}
    for area in diff["areas"]:
        for item in area["items"]:
            for change in item["changes"]:
                if change.get("type") == "actual" and change["period"] == "2026-2" and change["municipality"] is None:
                    from_diff[item["id"]] = change["progress"]
    from_report = {row.id: progress_percent(row.progress) for row in report.indicators.rows}
    assert set(from_report) == {"UPP-I1", "UPP-I2", "UPP-I3", "UPP-I4"} == set(from_diff)
    assert from_report == from_diff
    assert from_report["UPP-I3"] is None and from_report["UPP-I2"] == pytest.approx(41.7)


# --- the JSON report and its agreement with HTML and Markdown -----------------------------------


def test_the_json_shape(money_report: Report) -> None:
    data = report_data(money_report)
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["year"] == 2026
    assert data["totals"]["granted_sek"] == 1_200_000
    assert data["totals"]["paid_sek"] == 1_450_000
    assert data["totals"]["activities"] == money_report.status.in_scope == 4
    assert list(data["sections"]) == list(SECTIONS)
    funding = data["sections"]["funding"]
    assert funding["leverage"] == 0.5 and funding["undated_activities"] == ["UPP-001"]
    assert {row["source"] for row in funding["rows"]} >= {"appropriation-1-1", "municipal"}
    assert data["sections"]["status"]["totals"]["planned"] == 1
    json.dumps(data)  # every value is JSON data


def test_html_markdown_and_json_say_the_same(money_report: Report) -> None:
    data = report_data(money_report)
    document = build_document(money_report, {}, "sv")
    html, markdown = render_html(document), render_markdown(document)
    expected = [
        f"Beviljat 2026: {sek(data['totals']['granted_sek'], 'sv')}",
        f"Utbetalt 2026: {sek(data['totals']['paid_sek'], 'sv')}",
        f"Insatser i rapporten: {data['totals']['activities']}",
    ]
    for row in data["sections"]["funding"]["rows"]:
        expected += [sek(row["granted_sek"], "sv"), sek(row["paid_sek"], "sv")]
    for indicator in data["sections"]["indicators"]["rows"]:
        expected.append(f"{round(indicator['progress'] * 100)}\u00a0%")
    expected.append(number(data["sections"]["funding"]["leverage"], "sv", 1))
    for text in expected:
        assert text in html, text
        assert text in markdown, text


def test_rus_report_format_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["report", "--year", "2026", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["year"] == 2026
    assert data["totals"]["granted_sek"] == 1_500_000 and data["totals"]["paid_sek"] == 400_000
    assert [h["revision"] for h in data["history"]] == ["2025-2", "2026-1", "2026-2"]


def test_rus_status_still_names_a_held_level_that_was_left(tmp_path: Path) -> None:
    """A target equal to its baseline has no progress share, but a value past it is still named."""
    from rus.reporting.followup import build_follow_up
    from rus.reporting.report_sources import load_plans

    _, _, plan, registry = revisions()[2]
    plan = copy.deepcopy(plan)
    plan["indicators"].append(_indicator("UPP-I2", 10.0, 10.0, False, [10.0, 12.0, 14.0]))
    write_plans(tmp_path / "plans", plan, registry)
    follow_up = build_follow_up(load_plans(tmp_path / "plans"), TODAY, [])
    (area,) = follow_up.areas
    held = [b for b in area.behind if b.id == "UPP-I2"]
    assert [(b.progress, b.verdict) for b in held] == [(None, "wrong-way")]
    from rich.console import Console

    from rus.render.status import render_status

    console = Console(record=True, width=100, color_system=None)
    render_status(console, follow_up, "sv")
    assert "UPP-I2 ligger inte längre på den nivå som ska hållas" in console.export_text()


@pytest.mark.slow
def test_rus_report_json_on_the_bundled_plans(tmp_path: Path) -> None:
    """The installed command on the bundled plans: the issue's figures, now apart and labelled.

    The old report called every granted krona "Beviljat totalt" for 2026. Now the year's money is
    only the rows decided in 2026 (3 100 000 kr; every row has a year since the second edition of the
    model), what was paid out in 2026 is apart, and the lifetime total of the activities in the
    report (105 690 000 kr) is labelled.
    """
    from tests.conftest import PLANS, run_rus

    out = tmp_path / "rapport-2026.json"
    done = run_rus("report", "--year", "2026", "--format", "json", "--plans", str(PLANS), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    funding = data["sections"]["funding"]
    assert data["totals"]["granted_sek"] == funding["granted_sek"] == 3_100_000
    assert data["totals"]["paid_sek"] == 14_150_000
    assert funding["undated_granted_sek"] == 0
    assert funding["lifetime_granted_sek"] == 105_690_000
    municipalities = data["sections"]["municipalities"]
    assert municipalities["mentions"] > municipalities["naming"]  # reach, told apart from money
    assert all("granted_sek" not in row for row in municipalities["rows"])
