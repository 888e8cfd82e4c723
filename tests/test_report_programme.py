"""The report's EU fulfilment criteria, goal conflicts across areas and ``--from/--to`` as git revisions.

The plan set is the three-revision Upplevelser repository of ``report_helpers`` with a Hållbar energi
plan and a programme file added in its last revision; the expectations are worked out from them.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from rus.base.errors import GitError, UsageError
from rus.base.vocab import Area, ConflictState, Criterion, Status
from rus.cli import app
from rus.render.report_document import build_document
from rus.render.report_json import SCHEMA_VERSION, report_data
from rus.render.report_markdown import embedded_chart, render_markdown
from rus.reporting.report import ORIGIN_ACTIVITY, ORIGIN_PROGRAMME, Report, Window, build_report
from rus.reporting.report_sources import collect_input, revisions_input
from tests.report_helpers import git, make_repo

TODAY = date(2026, 12, 31)

ENERGY: dict[str, Any] = {
    "area": "hallbar-energi", "revision": "2026-2", "state": "adopted",
    "meeting": {"date": "2026-10-22", "place": "Strömsund", "participants": ["rjh", "miun"]},
    "vision": "Förnybar energi för hela länet.",
    "sub_areas": [{"id": "ENE-D1", "name": "Vindkraft"}],
    "goals": [{"id": "ENE-M1", "title": "Mer förnybar el", "sub_areas": ["ENE-D1"]}],
    "activities": [
        {"id": "ENE-001", "title": "Bygdemedel från vindkraft", "sub_area": "ENE-D1", "goals": ["ENE-M1"],
         "lead": ["rjh"], "period": {"start": "2026-01-01", "end": "2027-06-30"}, "status": "ongoing",
         "phase": "policy-mix", "municipalities": ["stromsund"], "sami": {"relevance": "none"},
         "sustainability": {"social": "contributes", "economic": "contributes", "environmental": "neutral"}},
        {"id": "ENE-002", "title": "Biogas i kollektivtrafiken", "sub_area": "ENE-D1", "goals": ["ENE-M1"],
         "lead": ["miun"], "period": {"start": "2024-01-01", "end": "2025-06-30"}, "status": "completed",
         "phase": "evaluation", "progress": 100, "whole_county": True, "sami": {"relevance": "none"},
         "sustainability": {"social": "neutral", "economic": "contributes", "environmental": "contributes"}},
    ],
}

PROGRAMME: dict[str, Any] = {
    "programme": {"name": "Testprogrammet", "responsible_body": "rjh", "member_state": "SE",
                  "period": {"start": "2021-01-01", "end": "2027-12-31"}},
    "documents": [
        {"title": "Programmet", "reference": "RUN/1/2021", "adopted": "2021-03-01"},
        {"title": "Ny innovationsanalys", "reference": "RUN/2/2027", "adopted": "2027-02-01"},
    ],
    "criteria": [
        # only a document adopted after 2026: evidence, but none of it from the period
        {"criterion": "innovation-analysis", "summary": "Analysen förnyas.", "documents": ["RUN/2/2027"]},
        {"criterion": "responsible-body", "summary": "Regionen ansvarar.", "documents": ["RUN/1/2021"]},
        {"criterion": "monitoring-evaluation", "summary": "Indikatorer följs upp.", "indicators": ["UPP-I1"]},
        # the autumn meeting is in the plans, the spring one only in the recorded history, 2025-1 nowhere
        {"criterion": "stakeholder-cooperation", "summary": "Mobiliserande möten.",
         "meetings": [{"area": "upplevelser", "revision": "2026-2"}, {"area": "upplevelser", "revision": "2026-1"},
                      {"area": "upplevelser", "revision": "2025-1"}]},
        {"criterion": "research-innovation-system", "summary": "Samverkan med lärosätet.", "activities": ["UPP-002", "UPP-004"]},
        # only an activity completed in 2025
        {"criterion": "industrial-transition", "summary": "Biogas.", "activities": ["ENE-002"]},
        {"criterion": "international-cooperation", "summary": "Samarbete över gränsen.", "activities": ["UPP-001"]},
    ],
    "conflicts": [
        {"id": "MK-1", "title": "Vindkraft och besöksnäring",
         "sides": [{"interest": "Vindkraft", "goals": ["ENE-M1"], "activities": ["ENE-001"]},
                   {"interest": "Turism", "goals": ["UPP-M1"], "activities": ["UPP-001"]}],
         "handling": "Tas upp vid de gemensamma mötena.", "handled_by": ["rjh", "miun"], "state": "handling"},
        {"id": "MK-2", "title": "Besök vid fallet",
         "sides": [{"interest": "Besöksplan", "activities": ["UPP-003"]}, {"interest": "Helårsjobb", "goals": ["UPP-M1"]}],
         "state": "identified"},
    ],
}


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three Upplevelser revisions; the last commit adds Hållbar energi and the programme file."""
    root = make_repo(tmp_path_factory.mktemp("programme") / "repo")
    git(root, "tag", "-d", "upplevelser/2026-2")
    _dump(root / "plans" / "hallbar-energi.yaml", ENERGY)
    _dump(root / "plans" / "programme.yaml", PROGRAMME)
    when = "2026-10-21T12:00:00+02:00"
    git(root, "add", "plans", when=when)
    git(root, "commit", "-q", "-m", "Programfilen", when=when)
    git(root, "tag", "-a", "upplevelser/2026-2", "-m", "Upplevelser 2026-2", when=when)
    git(root, "branch", "var", "upplevelser/2026-1")
    return root


@pytest.fixture(scope="module")
def report(repo: Path) -> Report:
    return build_report(collect_input(repo, Window.for_year(2026)), TODAY)


def test_each_criterion_names_its_evidence_with_the_periods_statuses_and_values(report: Report) -> None:
    rows = report.criteria.rows
    assert report.criteria.has_programme and report.criteria.programme_name == "Testprogrammet"
    assert [row.criterion for row in rows] == list(Criterion) and [row.number for row in rows] == list(range(1, 8))
    analysis, body, monitoring, cooperation, research, transition, abroad = rows
    assert [(d.reference, d.title, d.holder, d.in_force) for d in analysis.documents] == [
        ("RUN/2/2027", "Ny innovationsanalys", "programme", False)
    ]
    assert body.documents[0].adopted == date(2021, 3, 1) and body.documents[0].in_force
    (indicator,) = monitoring.indicators
    assert (indicator.name, indicator.area, indicator.verdict, indicator.in_period) == (
        "Antal helårsanställda", Area.UPPLEVELSER, "behind", True
    )
    assert indicator.latest is not None and (indicator.latest.period, indicator.latest.value) == ("2026-2", 131)
    assert [(m.revision, m.date, m.participants, m.in_period) for m in cooperation.meetings] == [
        ("2026-2", date(2026, 10, 20), 3, True),
        ("2026-1", date(2026, 4, 20), 3, True),  # from the recorded revision upplevelser/2026-1
        ("2025-1", None, None, False),  # in neither the plans nor the recorded history
    ]
    assert [(a.id, a.status, a.in_period) for a in research.activities] == [
        ("UPP-002", Status.COMPLETED, True), ("UPP-004", Status.PLANNED, True)
    ]
    assert [(a.id, a.status, a.in_period) for a in transition.activities] == [("ENE-002", Status.COMPLETED, False)]
    assert abroad.activities[0].activity is not None and abroad.activities[0].activity.area is Area.UPPLEVELSER
    assert report.criteria.lacking == []
    assert report.criteria.not_of_period == [Criterion.INNOVATION_ANALYSIS, Criterion.INDUSTRIAL_TRANSITION]


def test_a_criterion_without_an_entry_or_with_unknown_references_lacks_evidence(repo: Path) -> None:
    data = collect_input(repo, Window.for_year(2026))
    programme = data.end.programme
    assert programme is not None
    criteria = [c for c in programme.criteria if c.criterion is not Criterion.RESPONSIBLE_BODY]
    criteria[0] = criteria[0].model_copy(update={"documents": ["RUN/9/2020"]})  # no such document
    changed = programme.model_copy(update={"criteria": criteria})
    result = build_report(replace(data, end=replace(data.end, programme=changed)), TODAY)
    assert result.criteria.lacking == [Criterion.INNOVATION_ANALYSIS, Criterion.RESPONSIBLE_BODY]
    assert result.criteria.rows[1].summary is None and result.criteria.rows[0].documents[0].title is None
    without = build_report(replace(data, end=replace(data.end, programme=None)), TODAY)
    assert not without.criteria.has_programme and without.criteria.lacking == list(Criterion)
    assert without.cross_area_conflicts.programme_rows == []
    text = render_markdown(build_document(without, {}, "sv"), embedded_chart)
    assert "Det finns ingen programfil bland planerna" in text


def test_goal_conflicts_across_areas_name_sides_areas_handling_and_who_handles_them(report: Report) -> None:
    section = report.cross_area_conflicts
    first, second = section.programme_rows
    assert (first.id, first.origin, first.areas, first.handled_by, first.state) == (
        "MK-1", ORIGIN_PROGRAMME, [Area.UPPLEVELSER, Area.HALLBAR_ENERGI], ["rjh", "miun"], ConflictState.HANDLING
    )
    wind, tourism = first.sides
    assert [(g.id, g.title, g.area) for g in wind.goals] == [("ENE-M1", "Mer förnybar el", Area.HALLBAR_ENERGI)]
    assert [(a.id, a.status) for a in wind.activities] == [("ENE-001", Status.ONGOING)]
    assert tourism.areas == [Area.UPPLEVELSER] and first.across_areas
    assert second.areas == [Area.UPPLEVELSER] and not second.across_areas and second.handled_by == []
    # the activities' own conflicts of the year follow, handled by the activity's lead
    own = [(row.id, row.areas, row.handled_by, row.state) for row in section.rows if row.origin == ORIGIN_ACTIVITY]
    assert own == [
        ("UPP-001", [Area.UPPLEVELSER], ["rjh"], ConflictState.HANDLING),
        ("UPP-004", [Area.UPPLEVELSER], ["rjh"], ConflictState.IDENTIFIED),
    ]
    assert section.across == 1
    assert section.by_state[ConflictState.HANDLING] == 2 and section.by_state[ConflictState.IDENTIFIED] == 2


def test_the_json_carries_both_sections_and_the_renderers_show_them(report: Report) -> None:
    data = json.loads(json.dumps(report_data(report)))
    assert data["schema_version"] == SCHEMA_VERSION == 1
    criteria = data["sections"]["criteria"]
    assert criteria["lacking"] == [] and criteria["not_of_period"] == ["innovation-analysis", "industrial-transition"]
    assert [row["evidenced"] for row in criteria["rows"]] == [True] * 7
    assert criteria["rows"][2]["indicators"][0]["latest"] == {"period": "2026-2", "value": 131.0}
    conflicts = data["sections"]["cross_area_conflicts"]
    assert conflicts["across"] == 1
    assert conflicts["rows"][0]["areas"] == ["upplevelser", "hallbar-energi"] and conflicts["rows"][0]["across_areas"]
    assert conflicts["rows"][0]["sides"][0]["activities"][0]["status"] == "ongoing"
    text = render_markdown(build_document(report, {}, "sv"), embedded_chart)
    assert "## EU:s uppfyllandekriterier för smart specialisering" in text
    assert "EU:s uppfyllandekriterier med underlag: 7 av 7; utan underlag: inga." in text
    assert ("Kriterier vars underlag helt ligger utanför perioden: 1. Analys av utmaningar för "
            "innovationsspridning och digitalisering och 6. Industriell omställning.") in text
    assert "Mobiliserande möte, Upplevelser 2026-1: 2026-04-20, Funäsdalen, 3 deltagande aktörer" in text
    assert "Insats ENE-002 Biogas i kollektivtrafiken (Hållbar energi): genomförd (pågick inte under perioden)" in text
    assert "Insats UPP-004 Besöksnäring i Bergs och Härjedalens fjällbyar (Upplevelser): planerad (ännu inte påbörjad)" in text
    assert "### Målkonflikter mellan styrkeområden" in text and "### Målkonflikter inom insatser" in text
    assert "Region Jämtland Härjedalen och Mittuniversitetet" in text
    assert "| Upplevelser och Hållbar energi |" in text
    assert "Vindkraft (Hållbar energi): ENE-M1 Mer förnybar el; ENE-001 Bygdemedel från vindkraft (pågående) ↔ Turism (Upplevelser)" in text
    assert "Målkonflikter mellan styrkeområden där hanteringen inte beskrivs eller ingen ansvarig anges: MK-2" in text


def test_from_and_to_as_git_revisions(repo: Path) -> None:
    data = revisions_input(repo, "upplevelser/2025-2", "main")
    assert (data.window.first, data.window.last, data.window.from_revision, data.window.to_revision) == (
        "2026-1", "2026-2", "upplevelser/2025-2", "main"
    )
    assert data.source == "main" and data.end.programme is not None and Area.HALLBAR_ENERGI in data.end.plans
    result = build_report(data, TODAY)
    steps = [(s.from_revision, s.to_revision, [c.activity.id for c in s.status_changes]) for s in result.status.steps]
    assert steps == [("2025-2", "2026-1", ["UPP-001", "UPP-003"]), ("2026-1", "2026-2", ["UPP-002", "UPP-003"])]
    assert result.status.steps[1].item_changes["added"] == 1
    # a branch and a tag: the period is the one after the branch's plans, up to the tag's
    branch = revisions_input(repo, "var", "upplevelser/2026-2")
    assert (branch.window.first, branch.window.last) == ("2026-2", "2026-2")
    assert [r.tag for r in branch.revisions] == ["upplevelser/2026-2"]
    # a commit, as git names it
    sha = git(repo, "rev-list", "-n", "1", "upplevelser/2025-2").strip()
    assert [r.tag for r in revisions_input(repo, sha[:10], "main").revisions] == [
        "upplevelser/2026-1", "upplevelser/2026-2"
    ]
    with pytest.raises(UsageError):
        revisions_input(repo, "main", "upplevelser/2026-1")
    with pytest.raises(GitError):
        revisions_input(repo, "no-such-branch", "main")


def test_the_command_takes_git_revisions_and_refuses_a_mix(repo: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["report", "--from", "var", "--to", "main", "--plans", str(repo / "plans"), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["period"]["from_revision"], data["period"]["to_revision"], data["period"]["from"]) == ("var", "main", "2026-2")
    result = runner.invoke(app, ["report", "--from", "var", "--to", "main", "--plans", str(repo / "plans"), "--lang", "sv", "-f", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert "uppföljning av handlingsplanerna var till main" in result.stdout
    assert "Ändringarna redovisas från git-revisionen var till main" in result.stdout
    mixed = runner.invoke(app, ["report", "--from", "2026-1", "--to", "main", "--plans", str(repo / "plans"), "--lang", "en"])
    assert mixed.exit_code == 2 and "both as revision periods or both as git revisions" in mixed.stderr
    unknown = runner.invoke(app, ["report", "--from", "nope", "--to", "main", "--plans", str(repo / "plans"), "--lang", "en"])
    assert unknown.exit_code == 3 and "Unknown revision `nope`" in unknown.stderr
