"""The yearly report: numbers checked by hand against a repository with three recorded revisions.

The fixture (``tests/report_helpers.py``) holds one area, Upplevelser, revised three times:
2025-2, 2026-1 and 2026-2, each committed and tagged ``upplevelser/<revision>``.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rus.base.vocab import (
    Area,
    ConflictState,
    Dimension,
    FundingSource,
    Helix,
    Instrument,
    LadderStep,
    Municipality,
    Priority,
    Rating,
    Status,
)
from rus.cli import app
from rus.render.report_document import build_document
from rus.render.report_html import render_html
from rus.render.report_markdown import escape_markdown, render_markdown
from rus.reporting.charts import report_charts
from rus.reporting.report import (
    VERDICT_BEHIND,
    VERDICT_NO_DATA,
    VERDICT_REACHED,
    VERDICT_WRONG_WAY,
    Report,
    Window,
    build_report,
    expected_progress,
    period_time,
)
from rus.reporting.report_sources import WORKING_TREE, InvalidPlansError, collect_input
from tests.conftest import PLANS, run_rus
from tests.report_helpers import git, make_repo, revisions, write_plans

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture repository (built once: the tests only read it)."""
    return make_repo(tmp_path_factory.mktemp("report") / "repo")


@pytest.fixture(scope="module")
def report_2026(repo: Path) -> Report:
    """The report on 2026 from the fixture repository."""
    return build_report(collect_input(repo, Window.for_year(2026)), TODAY)


# --- question 1: status, and the changes between the revisions ----------------------------------


def test_history_is_the_three_recorded_revisions(report_2026: Report) -> None:
    assert report_2026.has_history
    assert [(area, revision) for area, revision, _ in report_2026.history] == [
        (Area.UPPLEVELSER, "2025-2"), (Area.UPPLEVELSER, "2026-1"), (Area.UPPLEVELSER, "2026-2"),
    ]
    assert report_2026.source == WORKING_TREE  # nothing is recorded after 2026: the plans as they are


def test_status_counts_per_area(report_2026: Report) -> None:
    # All four activities of 2026-2 overlap 2026: UPP-001 ongoing, UPP-002 completed,
    # UPP-003 cancelled, UPP-004 planned.
    counts = report_2026.status.counts[Area.UPPLEVELSER]
    assert {s: n for s, n in counts.items() if n} == {
        Status.ONGOING: 1, Status.COMPLETED: 1, Status.CANCELLED: 1, Status.PLANNED: 1,
    }
    assert report_2026.status.in_scope == 4
    assert report_2026.status.out_of_scope == 0
    assert [(ref.id, status) for ref, status, _ in report_2026.status.ended] == [
        ("UPP-002", Status.COMPLETED), ("UPP-003", Status.CANCELLED),
    ]


def test_changes_between_consecutive_revisions(report_2026: Report) -> None:
    steps = report_2026.status.steps
    assert [(s.from_revision, s.to_revision) for s in steps] == [("2025-2", "2026-1"), ("2026-1", "2026-2")]
    spring, autumn = steps
    assert [(c.activity.id, c.old, c.new) for c in spring.status_changes] == [
        ("UPP-001", Status.PLANNED, Status.ONGOING), ("UPP-003", Status.IDEA, Status.PLANNED),
    ]
    assert spring.added == [] and spring.new_actuals == 1
    assert [(c.activity.id, c.old, c.new) for c in autumn.status_changes] == [
        ("UPP-002", Status.ONGOING, Status.COMPLETED), ("UPP-003", Status.PLANNED, Status.CANCELLED),
    ]
    assert [ref.id for ref in autumn.added] == ["UPP-004"]
    assert autumn.new_actuals == 1  # 2026-2 is new; the revised 2026-1 value is not a new one
    assert autumn.status_changes[1].note == "Ingen projektägare hittades."
    # The semantic diff of rus.timeline.changes, per category: spring changed UPP-001 (status, funding),
    # UPP-002 (progress), UPP-003 (status) and UPP-I1 (a new actual); autumn added UPP-004, replaced
    # UPP-003, completed UPP-002 and changed UPP-001 (priorities) and UPP-I1 (actuals).
    nonzero = [{k: v for k, v in step.item_changes.items() if v} for step in steps]
    assert nonzero == [{"changed": 4}, {"added": 1, "replaced": 1, "completed": 1, "changed": 2}]


# --- questions 2 and 3: money -------------------------------------------------------------------


def test_activities_and_sek_per_priority(report_2026: Report) -> None:
    rows = {row.priority: (row.activities, row.granted_sek, row.pipeline_sek) for row in report_2026.priorities.rows}
    # whole-county: UPP-001 (1 000 000 ERDF + 500 000 private, granted in 2026), UPP-002 (400 000
    # granted in 2025: not this year's money), UPP-004 (300 000 applied; the rejected 200 000 does not count).
    assert rows[Priority.WHOLE_COUNTY] == (3, 1_500_000, 300_000)
    assert rows[Priority.SUSTAINABLE_DEVELOPMENT] == (2, 0, 300_000)  # UPP-003 (no money), UPP-004
    assert rows[Priority.STRENGTH_AREAS] == (1, 1_500_000, 0)  # UPP-001


def test_funding_per_source_and_co_funding(report_2026: Report) -> None:
    funding = report_2026.funding
    table = {(r.source, r.instrument): (r.granted_sek, r.paid_sek, r.pipeline_sek, r.rejected_sek) for r in funding.rows}
    assert table == {
        # granted in 2025 (not this year's), 150 000 of it paid out in 2026; 300 000 applied for in 2026
        (FundingSource.APPROPRIATION_1_1, Instrument.PROJECT_GRANT): (0, 150_000, 300_000, 0),
        (FundingSource.ERDF, Instrument.PROJECT_GRANT): (1_000_000, 0, 0, 0),
        (FundingSource.REGIONAL, Instrument.PROJECT_GRANT): (0, 0, 0, 200_000),
        (FundingSource.PRIVATE, Instrument.IN_KIND): (500_000, 250_000, 0, 0),
    }
    assert (funding.granted_sek, funding.paid_sek) == (1_500_000, 400_000)
    assert funding.region_granted_sek == 0  # the appropriation 1:1 was granted in 2025
    assert funding.co_funding_sek == 1_500_000  # ERDF + private
    assert funding.leverage is None
    assert (funding.pipeline_sek, funding.rejected_sek) == (300_000, 200_000)
    # Lifetime, apart: every granted row of the activities in the report, and every payment so far.
    assert (funding.lifetime_granted_sek, funding.lifetime_paid_sek) == (1_900_000, 600_000)


# --- question 4: indicators ---------------------------------------------------------------------


def test_indicator_against_baseline_target_and_trajectory(report_2026: Report) -> None:
    (row,) = report_2026.indicators.rows
    assert [(p.period, p.value) for p in row.trajectory] == [("2025-2", 110), ("2026-1", 118), ("2026-2", 131)]
    assert row.latest is not None and row.latest.value == 131
    # (131 - 100) / (160 - 100) of the way; a straight line from 2021 to 2027 is 5/6 there by 2026.
    assert row.progress == pytest.approx(31 / 60)
    assert row.expected == pytest.approx(5 / 6)
    assert row.verdict == VERDICT_BEHIND
    assert row.revised == ["2026-1"]  # recorded as 120 at 2026-1, corrected to 118 since


def test_period_times_and_expected_progress() -> None:
    assert period_time("2026-2") == 2026.0
    assert period_time("2026-1") == 2025.5
    from rus.plans.models import Indicator

    indicator = Indicator.model_validate({
        "id": "UPP-I9", "goal": "UPP-M1", "name": "x", "kind": "output", "unit": "st",
        "baseline": {"value": 10, "year": 2020}, "target": {"value": 0, "year": 2030}, "higher_is_better": False,
    })
    assert expected_progress(indicator, "2025-2") == pytest.approx(0.5)
    assert expected_progress(indicator, "2040-2") == 1.0
    from rus.reporting.report import VERDICT_ON_TRACK, Point, judge_indicator

    # Lower is better: 4 is 60 % of the way from 10 to 0, and halfway through the period 50 % is due.
    assert judge_indicator(indicator, Point("2025-2", 4))[:2] == (VERDICT_ON_TRACK, pytest.approx(0.6))
    assert judge_indicator(indicator, Point("2025-2", 6))[0] == VERDICT_BEHIND
    assert judge_indicator(indicator, Point("2025-2", 0))[0] == VERDICT_REACHED
    assert judge_indicator(indicator, Point("2025-2", 12))[0] == VERDICT_WRONG_WAY
    assert judge_indicator(indicator, None)[0] == VERDICT_NO_DATA


# --- questions 5 to 8 ---------------------------------------------------------------------------


def test_municipalities_and_thin_ones(report_2026: Report) -> None:
    section = report_2026.municipalities
    counts = {row.municipality: row.activities for row in section.rows if row.activities}
    # UPP-001 names Åre, UPP-003 Ragunda, UPP-004 Berg and Härjedalen; UPP-002 is for the whole county.
    assert counts == {Municipality.ARE: 1, Municipality.RAGUNDA: 1, Municipality.BERG: 1, Municipality.HARJEDALEN: 1}
    assert section.whole_county == 1
    assert section.mean == pytest.approx(0.5)
    assert section.thin == [Municipality.BRACKE, Municipality.KROKOM, Municipality.STROMSUND, Municipality.OSTERSUND]
    assert (section.mentions, section.naming) == (4, 3)  # UPP-004 names two municipalities


def test_sustainability_conflicts_and_sami(report_2026: Report) -> None:
    sustainability = report_2026.sustainability
    assert sustainability.ratings[Dimension.ENVIRONMENTAL][Rating.RISK] == 1
    assert sustainability.ratings[Dimension.SOCIAL][Rating.CONTRIBUTES] == 4
    assert [(r.activity.id, r.dimensions, r.conflict_recorded) for r in sustainability.risks] == [
        ("UPP-001", [Dimension.ENVIRONMENTAL], True)
    ]
    conflicts = report_2026.conflicts
    assert [(r.activity.id, r.state) for r in conflicts.rows] == [
        ("UPP-001", ConflictState.HANDLING), ("UPP-004", ConflictState.IDENTIFIED),
    ]
    assert [r.activity.id for r in conflicts.unhandled] == ["UPP-004"]
    sami = report_2026.sami
    assert [(r.activity.id, r.consulted_at_all) for r in sami.rows] == [("UPP-001", True), ("UPP-004", False)]
    assert report_2026.actor_names["gaaltije"] == "Gaaltije"
    assert [r.activity.id for r in sami.without_consultation] == ["UPP-004"]


# --- question 9: participation and the Samhandlingstrappan --------------------------------------


def test_participation_and_ladder_movement(report_2026: Report) -> None:
    section = report_2026.participation
    assert section.registry_actors == {Helix.BUSINESS: 1, Helix.CIVIL_SOCIETY: 1, Helix.ACADEMIA: 1, Helix.PUBLIC: 1}
    assert section.active_actors == {Helix.BUSINESS: 1, Helix.CIVIL_SOCIETY: 0, Helix.ACADEMIA: 0, Helix.PUBLIC: 1}
    assert section.ladder[Area.UPPLEVELSER] == {
        LadderStep.SEES_HEARS: 1, LadderStep.UNDERSTANDS: 0, LadderStep.WANTS: 1, LadderStep.DOES: 2,
    }
    # Compared with the registry of 2025-2, the revision before the year.
    assert section.ladder_compared
    assert sorted((m.actor, m.old, m.new) for m in section.moves) == [
        ("fjallbyn", LadderStep.UNDERSTANDS, LadderStep.DOES),
        ("gaaltije", None, LadderStep.SEES_HEARS),
    ]


# --- question 10: the learning loop -------------------------------------------------------------


def test_learning_loop_changes_in_priorities(report_2026: Report) -> None:
    section = report_2026.learning
    assert section.compared
    shifts = {s.priority: (s.activities_before, s.activities_after, s.sek_before, s.sek_after) for s in section.shifts}
    # SEK is granted in 2026 plus not yet decided. Before (2025-2): UPP-002 whole-county (its
    # 400 000 was granted in 2025); UPP-003 sustainable, no money; UPP-001 strength areas, 1 000 000
    # applied. After: UPP-001 1 500 000 granted in 2026 now also serves the whole county; UPP-004
    # 300 000 applied.
    assert shifts[Priority.WHOLE_COUNTY] == (1, 3, 0, 1_800_000)
    assert shifts[Priority.SUSTAINABLE_DEVELOPMENT] == (1, 2, 0, 300_000)
    assert shifts[Priority.STRENGTH_AREAS] == (1, 1, 1_000_000, 1_500_000)
    assert [ref.id for ref in section.added] == ["UPP-004"]
    assert [(ref.id, status, replaced) for ref, status, _, replaced in section.ended] == [
        ("UPP-002", Status.COMPLETED, None), ("UPP-003", Status.CANCELLED, "UPP-004"),
    ]
    assert [(ref.id, old, new) for ref, old, new in section.reprioritised] == [
        ("UPP-001", [Priority.STRENGTH_AREAS], [Priority.STRENGTH_AREAS, Priority.WHOLE_COUNTY])
    ]


# --- other windows and no history ---------------------------------------------------------------


def test_an_earlier_year_is_reported_as_the_plans_stood_then(repo: Path) -> None:
    report = build_report(collect_input(repo, Window.for_year(2025)), TODAY)
    # Revisions after 2025 are recorded, so the plans are those of the tag upplevelser/2025-2.
    assert report.source == "upplevelser/2025-2"
    assert report.revisions == {Area.UPPLEVELSER: "2025-2"}
    counts = {s: n for s, n in report.status.counts[Area.UPPLEVELSER].items() if n}
    # UPP-002 (2025–2026) overlaps 2025; UPP-001 (planned) and UPP-003 (an idea) are the work ahead.
    assert counts == {Status.ONGOING: 1, Status.PLANNED: 1, Status.IDEA: 1}
    assert report.status.out_of_scope == 0
    assert [step.activity.id for step in report.next_steps.activities] == ["UPP-001", "UPP-003"]
    assert report.status.steps == []
    assert not report.learning.compared


def test_a_span_of_revisions(repo: Path) -> None:
    report = build_report(collect_input(repo, Window("2025-2", "2026-1")), TODAY)
    assert report.source == "upplevelser/2026-1"
    assert [(s.from_revision, s.to_revision) for s in report.status.steps] == [("2025-2", "2026-1")]
    assert report.indicators.rows[0].latest is not None
    assert report.indicators.rows[0].latest.period == "2026-1"


def test_without_history_every_question_is_still_answered(tmp_path: Path) -> None:
    _, _, plan, registry = revisions()[2]
    write_plans(tmp_path / "plans", plan, registry)  # a plain folder, not a git repository
    report = build_report(collect_input(tmp_path, Window.for_year(2026)), TODAY)
    assert not report.has_history
    assert report.status.steps == [] and not report.participation.ladder_compared and not report.learning.compared
    assert report.funding.granted_sek == 1_500_000  # the plans alone answer the money questions
    assert report.indicators.rows[0].revised == []
    # The learning loop still tells what was cancelled and replaced, and why, from the plan itself.
    assert [(ref.id, replaced) for ref, _, _, replaced in report.learning.ended] == [("UPP-003", "UPP-004")]
    text = render_markdown(build_document(report, {}, "en"))
    assert "No revision history is recorded" in text
    assert text.count("## ") >= 11  # contents and the ten questions


def test_a_git_repository_without_tags_has_no_history(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", count=3, tag=False)
    report = build_report(collect_input(root, Window.for_year(2026)), TODAY)
    assert not report.has_history and report.source == WORKING_TREE


def test_invalid_plans_are_refused_with_the_file_and_line(tmp_path: Path) -> None:
    _, _, plan, registry = revisions()[2]
    plan["activities"][0]["status"] = "finished"
    write_plans(tmp_path / "plans", plan, registry)
    with pytest.raises(InvalidPlansError) as caught:
        collect_input(tmp_path, Window.for_year(2026))
    assert "upplevelser.yaml" in caught.value.message("en")


# --- rendering ----------------------------------------------------------------------------------


def test_html_escapes_plan_text(tmp_path: Path) -> None:
    _, _, plan, registry = revisions()[2]
    plan["activities"][0]["title"] = '<script>alert("x")</script> & <b>fet</b>'
    plan["meeting"]["notes"] = "<img src=https://example.org/x.png onerror=alert(1)>"
    write_plans(tmp_path / "plans", plan, registry)
    report = build_report(collect_input(tmp_path, Window.for_year(2026)), TODAY)
    html = render_html(build_document(report, {}, "en"))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;" in html
    assert "&lt;img src=https://example.org/x.png onerror=alert(1)&gt;" in html


def test_markdown_shows_plan_text_as_written() -> None:
    assert escape_markdown("<script>|*x*") == "\\<script\\>\\|\\*x\\*"
    assert escape_markdown("1. första") == "1\\. första"
    assert escape_markdown("# rubrik") == "\\# rubrik"
    assert escape_markdown("rad ett\nrad två") == "rad ett rad två"


@pytest.mark.slow
def test_html_is_self_contained_with_charts_and_alternatives(report_2026: Report) -> None:
    charts = {c.name: c for c in report_charts(report_2026, "sv")}
    assert set(charts) == {"money", "municipalities", "indicators-upplevelser"}
    html = render_html(build_document(report_2026, charts, "sv"))
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None and unescape(policy[1]).startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<script" not in html and "@import" not in html
    assert html.count("<svg ") == 3 and html.count("<figcaption>") == 3
    assert html.count("Textalternativ") == 3
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids of the inline charts collide"
    assert '<a href="#sami">8. Vilka insatser påverkar samiska förutsättningar' in html
    assert '<h2 id="sami">' in html
    for question in ("1. Vilka insatser", "4. Vad visade indikatorerna", "10. Vilka ändringar av prioriteringarna ledde lärandet till"):
        assert question in html


@pytest.mark.slow
def test_the_report_is_swedish_by_default_and_english_on_request(repo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "rapport.html"
    result = runner.invoke(app, ["report", "--year", "2026", "--plans", str(repo / "plans"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "uppföljning av handlingsplanerna 2026" in text and "1\u202f900\u202f000 kr" in text
    result = runner.invoke(app, ["report", "--year", "2026", "--plans", str(repo / "plans"), "--lang", "en", "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "follow-up of the action plans 2026" in result.stdout and "1,900,000 SEK" in result.stdout
    assert "data:image/svg+xml;base64," in result.stdout


@pytest.mark.slow
def test_markdown_to_a_file_links_chart_files(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    result = CliRunner().invoke(app, ["report", "--from", "2025-2", "--to", "2026-2", "--plans", str(repo / "plans"),
                                      "-f", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "(rapport-charts/money.svg)" in text
    svg = (tmp_path / "rapport-charts" / "money.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert sorted(p.name for p in (tmp_path / "rapport-charts").iterdir()) == [
        "indicators-upplevelser.svg", "money.svg", "municipalities.svg",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2026", "--from", "2025-2", "--to", "2026-2"], "either --year or --from"),
        (["--from", "2025-2"], "--from and --to go together"),
        (["--from", "2025-3", "--to", "2026-2"], "is not a revision period"),
        (["--from", "2026-2", "--to", "2025-2"], "comes after"),
        (["--year", "1999"], "out of range"),
    ],
)
def test_usage_errors(repo: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["report", "--plans", str(repo / "plans"), "--lang", "en", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_unknown_language_is_a_usage_error(repo: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--plans", str(repo / "plans"), "--lang", "de"])
    assert result.exit_code == 2
    assert "Unknown language `de`" in result.stderr


def test_invalid_plans_exit_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    _, _, plan, registry = revisions()[2]
    plan["activities"][1]["status"] = "done"
    write_plans(tmp_path / "plans", plan, registry)
    result = CliRunner().invoke(app, ["report", "--plans", str(tmp_path / "plans"), "--lang", "en"])
    assert result.exit_code == 1  # the plans have errors: findings, as rus validate says
    assert "upplevelser.yaml" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_unwritable_output_is_a_clear_error(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "r.html"
    result = CliRunner().invoke(app, ["report", "--plans", str(repo / "plans"), "--lang", "en", "-o", str(target)])
    assert result.exit_code == 3
    assert "Cannot write" in result.stderr


def test_tags_made_later_change_the_report(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", count=2)
    before = build_report(collect_input(root, Window.for_year(2026)), TODAY)
    assert [(s.from_revision, s.to_revision) for s in before.status.steps] == [("2025-2", "2026-1")]
    _, when, plan, registry = revisions()[2]
    write_plans(root / "plans", plan, registry)
    git(root, "commit", "-qam", "Revision 2026-2", when=when)
    git(root, "tag", "-a", "upplevelser/2026-2", "-m", "2026-2", when=when)
    after = build_report(collect_input(root, Window.for_year(2026)), TODAY)
    assert len(after.status.steps) == 2


@pytest.mark.slow
def test_end_to_end_on_the_bundled_plans(tmp_path: Path) -> None:
    out = tmp_path / "rapport-2026.html"
    done = run_rus("report", "--year", "2026", "--format", "html", "--plans", str(PLANS), "-o", str(out), cwd=tmp_path, env={"RUS_LANG": "en"})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and str(out) in done.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html lang="sv">' in html  # Swedish by default, whatever RUS_LANG says
    assert html.count("<h2") == 16  # summary, contents, the ten questions, the EU criteria, evaluations, national areas, next steps
    assert html.count("<svg ") == 6  # money, municipalities, and the indicators of four areas


def test_a_revision_not_yet_tagged_is_compared_with_the_last_tag(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", count=2)  # 2025-2 and 2026-1 tagged
    _, _, plan, registry = revisions()[2]
    write_plans(root / "plans", plan, registry)  # 2026-2 written but neither committed nor tagged
    report = build_report(collect_input(root, Window.for_year(2026)), TODAY)
    assert [(s.from_revision, s.to_revision) for s in report.status.steps] == [("2025-2", "2026-1"), ("2026-1", "2026-2")]
    autumn = report.status.steps[1]
    assert [ref.id for ref in autumn.added] == ["UPP-004"]
    # the untagged revision is compared as fully as a tagged one (it used to show no item counts)
    assert {k: v for k, v in autumn.item_changes.items() if v} == {"added": 1, "replaced": 1, "completed": 1, "changed": 2}
    assert [r for _, r, _ in report.history] == ["2025-2", "2026-1"]  # only tags count as recorded


def test_a_bare_plan_without_money_indicators_or_registry_still_renders(tmp_path: Path) -> None:
    _, _, plan, _ = revisions()[2]
    plan["indicators"] = []
    plan["activities"] = [a for a in plan["activities"] if a["id"] == "UPP-003"]  # no funding at all
    plan["activities"][0].pop("replaced_by")
    plan["consultations"] = []  # they were about the activities left out
    write_plans(tmp_path / "plans", plan, {"actors": []})
    (tmp_path / "plans" / "actors.yaml").unlink()
    report = build_report(collect_input(tmp_path, Window.for_year(2026)), TODAY)
    assert report.funding.granted_sek == 0 and report.funding.leverage is None
    assert report.indicators.rows == [] and report.participation.registry_actors[Helix.PUBLIC] == 0
    charts = {c.name: c for c in report_charts(report, "en")}
    assert set(charts) == {"money", "municipalities"}
    html = render_html(build_document(report, charts, "en"))
    assert html.count("<h2") == 16 and "Each krona" not in html  # summary, contents, ten, criteria, evaluations, national areas, next steps


def test_a_revision_recorded_with_rus_commit_shows_in_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Facilitator")
    git(root, "config", "user.email", "processledare@example.org")
    monkeypatch.chdir(root)
    runner = CliRunner()
    for revision, when, plan, registry in revisions()[1:]:
        monkeypatch.setenv("GIT_AUTHOR_DATE", when)
        monkeypatch.setenv("GIT_COMMITTER_DATE", when)
        write_plans(root / "plans", plan, registry)
        result = runner.invoke(app, ["commit", "-m", f"Revision {revision}", "--revision"])
        assert result.exit_code == 0, result.output
    assert git(root, "tag").split() == ["upplevelser/2026-1", "upplevelser/2026-2"]
    report = build_report(collect_input(root, Window.for_year(2026)), TODAY)
    assert [(s.from_revision, s.to_revision) for s in report.status.steps] == [("2026-1", "2026-2")]
    assert [ref.id for ref in report.status.steps[0].added] == ["UPP-004"]


def test_a_target_of_holding_the_baseline() -> None:
    from rus.plans.models import Indicator
    from rus.reporting.report import indicator_progress

    hold = Indicator.model_validate({
        "id": "UPP-I9", "goal": "UPP-M1", "name": "Utsläpp", "kind": "result", "unit": "ton", "higher_is_better": False,
        "baseline": {"value": 20, "year": 2023}, "target": {"value": 20, "year": 2027},
    })
    from rus.reporting.report import VERDICT_REACHED, VERDICT_WRONG_WAY, Point, judge_indicator

    # A target of holding the baseline has no way to go: no progress share (as in `rus diff`), and
    # the verdict is which side of the target the value lies on.
    assert indicator_progress(hold, 33) is None
    assert judge_indicator(hold, Point("2025-2", 33))[:2] == (VERDICT_WRONG_WAY, None)
    assert judge_indicator(hold, Point("2025-2", 19))[:2] == (VERDICT_REACHED, None)
    grow = hold.model_copy(update={"higher_is_better": True})
    assert judge_indicator(grow, Point("2025-2", 19))[0] == VERDICT_WRONG_WAY
    assert judge_indicator(grow, Point("2025-2", 20))[0] == VERDICT_REACHED
