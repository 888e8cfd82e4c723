"""``rus status``: the follow-up before a meeting, as data and on a 100-column terminal."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from rus.base.vocab import Area, Status
from rus.cli import app
from rus.render.status import render_status
from rus.reporting.followup import build_follow_up, months_before
from rus.reporting.report import RecordedRevision
from rus.reporting.report_sources import load_plans, load_revisions
from tests.conftest import PLANS, rus_in_process
from tests.report_helpers import make_repo, revisions, write_plans


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-revision fixture repository."""
    return make_repo(tmp_path_factory.mktemp("status") / "repo")


def test_follow_up_of_the_fixture(repo: Path) -> None:
    follow_up = build_follow_up(load_plans(repo / "plans"), date(2026, 11, 28), load_revisions(repo))
    (area,) = follow_up.areas
    assert area.area is Area.UPPLEVELSER and area.revision == "2026-2"
    assert {s: n for s, n in area.counts.items() if n} == {
        Status.ONGOING: 1, Status.COMPLETED: 1, Status.CANCELLED: 1, Status.PLANNED: 1,
    }
    # UPP-001's signs were due 2026-09-30 (59 days ago); its bus is due 2026-12-15 (in 17 days).
    assert [(m.activity.id, m.title, m.days) for m in area.overdue] == [("UPP-001", "Skyltning klar", -59)]
    assert [(m.activity.id, m.days) for m in area.due] == [("UPP-001", 17)]
    assert [(b.id, round(b.progress, 3)) for b in area.behind] == [("UPP-I1", round(31 / 60, 3))]
    assert area.without_lead == []
    # Dated by the tag upplevelser/2026-2 (2026-10-21), later than the meeting (2026-10-20).
    # the revision is dated by its meeting, even though it was tagged a day later
    assert area.recorded and area.last_revision == date(2026, 10, 20) and area.days_since == 39
    assert not area.stale


def test_a_plan_not_revised_for_six_months_is_flagged(repo: Path) -> None:
    plans = load_plans(repo / "plans")
    revised = load_revisions(repo)
    assert not build_follow_up(plans, date(2027, 4, 20), revised).areas[0].stale  # six months after the meeting
    assert build_follow_up(plans, date(2027, 4, 21), revised).areas[0].stale


def test_without_tags_the_meeting_dates_the_revision(tmp_path: Path) -> None:
    _, _, plan, registry = revisions()[2]
    plan["activities"][3]["lead"] = []
    write_plans(tmp_path / "plans", plan, registry)
    follow_up = build_follow_up(load_plans(tmp_path / "plans"), date(2026, 11, 28))
    area = follow_up.areas[0]
    assert not area.recorded and area.last_revision == date(2026, 10, 20)
    assert [ref.id for ref in area.without_lead] == ["UPP-004"]


def test_an_older_tag_does_not_hide_a_newer_meeting(repo: Path) -> None:
    plans = load_plans(repo / "plans")
    old = RecordedRevision(Area.UPPLEVELSER, "2025-2", "upplevelser/2025-2", datetime(2025, 10, 16, tzinfo=UTC),
                           plans.plans[Area.UPPLEVELSER])
    area = build_follow_up(plans, date(2026, 11, 28), [old]).areas[0]
    assert not area.recorded and area.last_revision == date(2026, 10, 20)


def test_months_before() -> None:
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)
    assert months_before(date(2026, 6, 30), 6) == date(2025, 12, 30)


def _render(follow_up: object, lang: str, width: int) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, no_color=True, color_system=None, legacy_windows=False)
    render_status(console, follow_up, lang)  # type: ignore[arg-type]
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_status_of_the_bundled_plans_fits_100_columns_and_names_overdue_milestones(lang: str) -> None:
    follow_up = build_follow_up(load_plans(PLANS), date(2026, 11, 28))
    text = _render(follow_up, lang, 160)  # a wide terminal: the overview still keeps to 100 columns
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert len(lines) <= 60  # one screen
    overdue = follow_up.overdue
    assert overdue, "the bundled plans have overdue milestones on 2026-11-28"
    for milestone in overdue:
        assert milestone.activity.id in text
        assert milestone.date.isoformat() in text
    assert ("Försenade milstolpar" if lang == "sv" else "Overdue milestones") in text


def test_status_on_a_narrow_terminal_wraps_within_it() -> None:
    text = _render(build_follow_up(load_plans(PLANS), date(2026, 11, 28)), "en", 80)
    assert max(len(line) for line in text.splitlines()) <= 80


def test_status_warns_about_stale_plans(repo: Path) -> None:
    text = _render(build_follow_up(load_plans(repo / "plans"), date(2027, 6, 1), load_revisions(repo)), "sv", 100)
    assert "mer än 6 månader" in text
    assert "Försenade milstolpar: 2. Planer som inte reviderats på mer än 6 månader: 1." in text


def test_status_command_for_one_area(repo: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--area", "upplevelser", "--plans", str(repo / "plans"), "--lang", "en"],
                                env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "Experiences" in result.stdout and "UPP-001" in result.stdout and "Skyltning klar" in result.stdout
    assert "(meeting)" in result.stdout


def test_status_command_rejects_an_unknown_area(repo: Path) -> None:
    result = CliRunner().invoke(app, ["status", "--area", "fiske", "--plans", str(repo / "plans"), "--lang", "en"])
    assert result.exit_code == 2
    assert "Unknown strength area `fiske` (for --area)" in result.stderr and "upplevelser" in result.stderr


def test_status_end_to_end_in_swedish(tmp_path: Path) -> None:
    done = rus_in_process("status", "--plans", str(PLANS), cwd=tmp_path, env={"RUS_LANG": "sv", "COLUMNS": "100"})
    assert done.returncode == 0, done.stderr
    assert "Uppföljning av handlingsplanerna" in done.stdout
    assert all(len(line) <= 100 for line in done.stdout.splitlines())


def test_status_snapshot_in_swedish(repo: Path) -> None:
    follow_up = build_follow_up(load_plans(repo / "plans"), date(2026, 11, 28), load_revisions(repo))
    text = "\n".join(line.rstrip() for line in _render(follow_up, "sv", 100).splitlines())
    assert text == (
        "─────────────────────────── Uppföljning av handlingsplanerna, 2026-11-28 ───────────────────────────\n"
        "Upplevelser  revision 2026-2\n"
        "Insatser               Planerad 1 · Pågående 1 · Genomförd 1 · Avbruten 1\n"
        "Senaste revision       2026-10-20 (möte), för 39 dagar sedan\n"
        "Försenade milstolpar   UPP-001 2026-09-30 (försenad 59 dagar): Skyltning klar\n"
        "Inom 60 dagar          UPP-001 2026-12-15 (om 17 dagar): Cykelbuss upphandlad\n"
        "Indikatorer efter plan UPP-I1 52\u00a0% (förväntat 83\u00a0%)\n"
        "Utan ansvarig          inga\n"
        "\n"
        "Försenade milstolpar: 1. Planer som inte reviderats på mer än 6 månader: 0."
    )
